"""One time zone (Asia/Shanghai) in every version, date and timestamp a release and the registry hold:
a version dated D is published on D, and no file mixes +00:00 with +08:00."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from pipelines.core.home import Home
from pipelines.runner.publish import run_plain
from pipelines.store.db import connect
from pipelines.store.releases import list_releases
from tests.conftest import ROOT

STAMP = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?([+-]\d{2}:\d{2}|Z)")


def _sample_in(tmp_path: Path) -> Path:
    (tmp_path / "catalog_specs").mkdir()
    (tmp_path / "sample_data").mkdir()
    spec = tmp_path / "catalog_specs" / "transport-bus-stops.yaml"
    shutil.copy(ROOT / "catalog_specs" / spec.name, spec)
    for f in (ROOT / "sample_data").glob("transport-bus-stops.csv*"):
        shutil.copy(f, tmp_path / "sample_data" / f.name)
    manifest = tmp_path / "sample_data" / "transport-bus-stops.csv.manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    # The department's tooling wrote UTC: 17:00Z on the 19th is 01:00 on the 20th in Fuzhou.
    manifest.write_text(json.dumps(data | {"extracted_at": "2026-11-19T17:00:00Z"}), encoding="utf-8")
    return spec


def test_every_timestamp_is_in_shanghai_time(tmp_path: Path) -> None:
    home = tmp_path / "home"
    folder = run_plain(_sample_in(tmp_path), None, home)
    version_day = folder.name.split(".")[0]

    offsets: set[str] = set()
    for name in ("datapackage.json", "provenance.json", "quality.json"):
        data = json.loads((folder / name).read_text(encoding="utf-8"))
        if name == "provenance.json":
            data["source"].pop("manifest")  # the department's manifest, quoted as sent (authenticity)
        offsets |= {m.group(1) for m in STAMP.finditer(json.dumps(data))}
    offsets |= {m.group(1) for m in STAMP.finditer((home / "catalog.jsonld").read_text(encoding="utf-8"))}
    assert offsets == {"+08:00"}, offsets

    prov = json.loads((folder / "provenance.json").read_text(encoding="utf-8"))
    assert prov["source"]["obtained_at"].startswith("2026-11-20T01:00:00+08:00")
    assert prov["attribution"].endswith("获取日期：2026-11-20")
    assert prov["created_at"].startswith(version_day)

    (release,) = list_releases(Home.resolve(home), "transport-bus-stops")
    assert release["published_at"].utcoffset().total_seconds() == 8 * 3600
    assert release["published_at"].date().isoformat() == version_day, "published on the version's own day"
    with connect(Home.resolve(home), read_only=True) as con:
        ats = [r[0] for r in con.execute("SELECT recorded_at FROM audit_log").fetchall()]
    assert ats and all(str(a).endswith("+08:00") for a in ats), ats[:3]
