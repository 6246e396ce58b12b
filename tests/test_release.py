"""Release writer: layout, Frictionless validity, versions, registry, and atomicity under failure."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from pipelines.core.home import Home
from pipelines.runner.publish import run_plain
from pipelines.store.releases import list_releases
from pipelines.release import files
from pipelines.core.versions import version_key
from pipelines.release.version import next_version

LAYOUT = {"data.parquet", "data.csv", "data.xlsx", "datapackage.json", "provenance.json", "quality.json", "quality.html", "README.md"}


def test_release_layout_and_contents(dataset: Callable[..., Path], tmp_path: Path) -> None:
    home = tmp_path / "home"
    folder = run_plain(dataset("stops.gbk.csv"), home=home)
    assert folder.parent == home / "releases" / "transport-stops"
    assert {p.name for p in folder.iterdir()} == LAYOUT
    raw = (folder / "data.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "CSV needs a BOM so Excel shows Chinese"
    assert "五一广场" in raw.decode("utf-8-sig")
    table = pq.read_table(folder / "data.parquet")
    assert table.num_rows == 4
    assert str(table.schema.field("opened_on").type) == "date32[day]"
    assert str(table.schema.field("passengers").type) == "int64"
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    titles = {f["name"]: f["title"] for f in package["resources"][0]["schema"]["fields"]}
    assert titles["passengers"] == "日均客流量" and package["version"] == folder.name
    provenance = json.loads((folder / "provenance.json").read_text(encoding="utf-8"))
    assert provenance["source"]["file"] == "stops.gbk.csv" and len(provenance["source"]["sha256"]) == 64
    assert provenance["attribution"].startswith("数据来源：福州市交通运输局；获取日期：")
    assert provenance["files"]["data.csv"]["sha256"] == files.file_digest(folder / "data.csv")["sha256"]


def test_release_validates_with_frictionless(dataset: Callable[..., Path], tmp_path: Path) -> None:
    from frictionless import validate

    folder = run_plain(dataset("stops.xlsx"), home=tmp_path / "home")
    report = validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_versions_increase_and_registry_records_each(dataset: Callable[..., Path], tmp_path: Path) -> None:
    home = tmp_path / "home"
    spec = dataset()
    first = run_plain(spec, home=home)
    second = run_plain(spec, home=home, force=True)  # the same bytes again: only forced is it a new version
    assert version_key(second.name) > version_key(first.name)
    rows = list_releases(Home(home), "transport-stops")
    assert [r["version"] for r in rows] == [first.name, second.name]
    assert all(r["status"] == "published" and r["rows"] == 4 for r in rows)
    with duckdb.connect(str(home / "opendata.duckdb"), read_only=True) as con:
        recorded = con.execute("SELECT count(*) FROM release_files WHERE version = ?", [first.name]).fetchone()
    assert recorded is not None and recorded[0] == 8  # with data.xlsx


def test_version_numbers_sort_numerically(tmp_path: Path) -> None:
    home = Home(tmp_path)
    base = home.releases / "d"
    for n in range(1, 11):
        (base / f"2026-11-24.{n}").mkdir(parents=True)
    from datetime import date

    assert next_version(home, "d", date(2026, 11, 24)) == "2026-11-24.11"
    assert sorted(["2026-11-24.10", "2026-11-24.9"], key=version_key) == ["2026-11-24.9", "2026-11-24.10"]


def _nothing_written(home: Path) -> None:
    base = home / "releases" / "transport-stops"
    assert not base.exists() or list(base.iterdir()) == [], list(base.iterdir())
    if (home / "opendata.duckdb").exists():
        with duckdb.connect(str(home / "opendata.duckdb"), read_only=True) as con:
            assert con.execute("SELECT count(*) FROM releases").fetchone() == (0,)


def test_failure_mid_write_leaves_nothing(dataset: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"

    def crash(con: object, select_sql: str, path: Path) -> None:
        path.write_bytes(b"\xef\xbb\xbfhalf a fi")  # a partly written file, then the crash
        raise OSError("disk full")

    monkeypatch.setattr(files, "write_csv_with_bom", crash)
    with pytest.raises(OSError, match="disk full"):
        run_plain(dataset(), home=home)
    _nothing_written(home)


def test_registry_failure_takes_the_folder_back(dataset: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pipelines.release.step as step

    home = tmp_path / "home"

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("registry unavailable")

    monkeypatch.setattr(step, "record_release", refuse)
    with pytest.raises(OSError):
        run_plain(dataset(), home=home)
    _nothing_written(home)


def test_cli_publish_prints_release_folder_last(dataset: Callable[..., Path], tmp_path: Path) -> None:
    from tests.conftest import run_cli

    home = tmp_path / "clihome"
    result = run_cli("publish", str(dataset("stops.parquet")), "--home", str(home))
    assert result.returncode == 0, result.stderr
    last = Path(result.stdout.strip().splitlines()[-1])
    assert last.is_dir() and last.parent.parent == home / "releases"
