"""Ingest reads a CSV straight into the working table: same rows, same order, same refusals.

The one-pass read (parallel parse, rows numbered afterwards, no raw copy) and the file-backed
working database used for large extracts must give exactly what the old full load gave.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from pipelines.core.context import PublishContext
from pipelines.core.errors import InputError
from pipelines.core.home import Home
from pipelines.ingest.step import ingest_step
from pipelines.runner.publish import STORAGE_ENV, file_backed, publication, working_database
from pipelines.core.spec import load_spec
from tests.conftest import HEADER, ROWS

BIG_ROWS = 700_000  # about 40 MB: several parallel CSV chunks and row groups


def _big_extract(folder: Path) -> Path:
    """A CSV whose 客流量 column is the row's own 1-based number, with padded names to trim."""
    path = folder / "stops.csv"
    con = duckdb.connect()
    try:
        con.execute(
            f"COPY (SELECT 'S' || i AS c0, '  站名' || repeat('x', i % 40) || ' ' AS c1, "
            f"CASE WHEN i % 7 = 0 THEN '   ' ELSE '鼓楼区' END AS c2, '2026-10-01' AS c3, i::VARCHAR AS c4 "
            f"FROM range(1, {BIG_ROWS + 1}) t(i)) TO '{path}' (HEADER false)"
        )
    finally:
        con.close()
    body = path.read_bytes()
    path.write_bytes((",".join(HEADER) + "\n").encode() + body)
    return path


def _context(spec_path: Path, tmp_path: Path) -> PublishContext:
    spec = load_spec(spec_path)
    return PublishContext(spec, spec_path, spec.source_path(spec_path), Home(tmp_path / "home"), duckdb.connect())


@pytest.mark.parametrize("storage", ["memory", "file"])
def test_rows_keep_file_order_across_chunks(
    dataset: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, storage: str
) -> None:
    spec_path = dataset()
    _big_extract(spec_path.parent)
    monkeypatch.setenv(STORAGE_ENV, storage)
    with publication(spec_path, home=tmp_path / "home") as ctx:
        ingest_step(ctx)
        assert ctx.columns() == ["stop_id", "stop_name", "district", "opened_on", "passengers"]
        rows, misplaced, untrimmed, blanks = ctx.con.execute(
            "SELECT count(*), count(*) FILTER (WHERE _row <> CAST(passengers AS BIGINT) OR stop_id <> 'S' || _row), "
            "count(*) FILTER (WHERE stop_name <> trim(stop_name)), count(*) FILTER (WHERE district IS NULL) FROM work"
        ).fetchone()
        assert (rows, misplaced, untrimmed) == (BIG_ROWS, 0, 0)
        assert blanks == BIG_ROWS // 7
        assert ctx.source_rows == BIG_ROWS and ctx.source_encoding == "utf-8" and len(ctx.source_sha256) == 64


def test_file_backed_database_lives_in_temp_and_is_deleted(dataset: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spec_path = dataset()
    monkeypatch.setenv(STORAGE_ENV, "file")
    with publication(spec_path, home=tmp_path / "home") as ctx:
        ingest_step(ctx)
        (path,) = [Path(p) for (p,) in ctx.con.execute("SELECT path FROM duckdb_databases() WHERE path IS NOT NULL").fetchall()]
        assert path.is_file() and path.is_relative_to(tempfile.gettempdir())
        assert not path.is_relative_to(tmp_path / "home")
        assert ctx.con.execute("SELECT _row, stop_id FROM work ORDER BY _row").fetchall() == [(i + 1, r[0]) for i, r in enumerate(ROWS)]
    assert not path.exists() and not path.parent.exists()


def test_large_extracts_get_a_database_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(STORAGE_ENV, raising=False)
    monkeypatch.setenv("OPENDATA_MEMORY_LIMIT", "64MB")
    small, large = tmp_path / "small.csv", tmp_path / "large.csv"
    small.write_bytes(b"a\n" + b"x\n" * 1000)
    large.write_bytes(b"a\n" + (b"y" * 99 + b"\n") * 400_000)  # 40 MB: more than half the limit in memory
    con = working_database()
    try:
        assert not file_backed(small, con) and file_backed(large, con)
        assert not file_backed(tmp_path / "missing.csv", con)
        monkeypatch.setenv(STORAGE_ENV, "memory")
        assert not file_backed(large, con)
    finally:
        con.close()


def test_bad_bytes_in_an_undeclared_column_are_refused(dataset: Callable[..., Path], tmp_path: Path) -> None:
    spec_path = dataset("stops.csv", header=[*HEADER, "内部备注"], rows=[[*r, "x"] for r in ROWS])
    extract = spec_path.parent / "stops.csv"
    extract.write_bytes(extract.read_bytes().replace(b",x\n", b",\x80\xff\xfe\n", 1))
    with pytest.raises(InputError) as info:
        ingest_step(_context(spec_path, tmp_path))
    message = info.value.render()
    assert "line 2" in message and "not valid UTF-8 or GBK/GB18030" in message


def test_parse_errors_come_before_missing_columns(dataset: Callable[..., Path], tmp_path: Path) -> None:
    spec_path = dataset("stops.csv", header=HEADER[:4], rows=[r[:4] for r in ROWS])
    extract = spec_path.parent / "stops.csv"
    extract.write_text(extract.read_text(encoding="utf-8") + "S9,x\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        ingest_step(_context(spec_path, tmp_path))
    assert "expected 4 fields, found 2" in info.value.render()


def test_missing_columns_name_the_header(dataset: Callable[..., Path], tmp_path: Path) -> None:
    spec_path = dataset("stops.csv", header=HEADER[:4], rows=[r[:4] for r in ROWS])
    with pytest.raises(InputError) as info:
        ingest_step(_context(spec_path, tmp_path))
    assert "declared columns missing from the extract: 客流量" in info.value.message
    assert info.value.details == [f"the extract has: {', '.join(HEADER[:4])}"]


def test_oversized_cell_in_an_undeclared_column_names_row_and_column(dataset: Callable[..., Path], tmp_path: Path) -> None:
    rows = [[*r, "短"] for r in ROWS]
    rows[2][-1] = "长" * 40_000  # 40,000 characters, over the default 32,767
    spec_path = dataset("stops.csv", header=[*HEADER, "内部备注"], rows=rows)
    with pytest.raises(InputError) as info:
        ingest_step(_context(spec_path, tmp_path))
    message = info.value.render()
    assert "row 3, column '内部备注': a value of 40000 characters" in message and "长长" not in message


def test_long_chinese_cell_within_the_character_limit_is_kept(dataset: Callable[..., Path], tmp_path: Path) -> None:
    rows = [list(r) for r in ROWS]
    rows[1][1] = "长" * 20_000  # 60,000 bytes but 20,000 characters: under the limit
    spec_path = dataset("stops.csv", rows=rows)
    ctx = _context(spec_path, tmp_path)
    ingest_step(ctx)
    assert ctx.con.execute("SELECT length(stop_name) FROM work WHERE _row = 2").fetchone() == (20_000,)
    assert ctx.columns() == ["stop_id", "stop_name", "district", "opened_on", "passengers"]
    assert "raw" not in {t for (t,) in ctx.con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
