"""Ingest: every format reads to the same text table; every bad input is refused by name."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from pipelines.core.context import PublishContext
from pipelines.core.errors import InputError
from pipelines.core.home import Home
from pipelines.ingest import load_extract
from pipelines.ingest.step import ingest_step
from pipelines.core.spec import load_spec
from pipelines.core.spec.model import Source
from pipelines.core.vocab import SourceFormat
from tests.conftest import HEADER, ROWS, run_cli, write_extract

FORMATS = ["stops.csv", "stops.bom.csv", "stops.gbk.csv", "stops.xlsx", "stops.json", "stops.jsonl", "stops.parquet"]


def _context(spec_path: Path, tmp_path: Path) -> PublishContext:
    spec = load_spec(spec_path)
    return PublishContext(spec, spec_path, spec.source_path(spec_path), Home(tmp_path / "home"), duckdb.connect())


@pytest.mark.parametrize("name", FORMATS)
def test_every_format_reads_the_same_rows(dataset: Callable[..., Path], tmp_path: Path, name: str) -> None:
    ctx = _context(dataset(name), tmp_path)
    ingest_step(ctx)
    rows = ctx.con.execute("SELECT _row, stop_id, stop_name, district, opened_on, passengers FROM work ORDER BY _row").fetchall()
    assert rows == [(i + 1, *r) for i, r in enumerate(ROWS)]
    assert ctx.source_rows == len(ROWS) and len(ctx.source_sha256) == 64
    expected_encoding = {"stops.gbk.csv": "gb18030", "stops.bom.csv": "utf-8-sig"}.get(name, "utf-8")
    if name.endswith((".csv", ".json", ".jsonl")):
        assert ctx.source_encoding == expected_encoding


def test_blank_cells_become_null_and_spaces_are_trimmed(tmp_path: Path) -> None:
    path = write_extract(tmp_path / "x.csv", ["a", "b"], [["  x ", ""], ["y", "   "]])
    con = duckdb.connect()
    loaded = load_extract(con, path, Source(path=str(path)))
    assert loaded.rows == 2 and loaded.header == ["a", "b"]


def _refused(path: Path, source: Source | None = None) -> str:
    with pytest.raises(InputError) as info:
        load_extract(duckdb.connect(), path, source or Source(path=str(path)))
    message = info.value.render()
    assert str(path) in message
    return message


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    assert "empty" in _refused(path)


def test_header_only(tmp_path: Path) -> None:
    path = tmp_path / "header.csv"
    path.write_text("a,b,c\n", encoding="utf-8")
    assert "no data rows" in _refused(path)


def test_ragged_row_names_line(tmp_path: Path) -> None:
    path = tmp_path / "ragged.csv"
    path.write_text("a,b,c\n1,2,3\n4,5\n6,7,8\n", encoding="utf-8")
    message = _refused(path)
    assert "line 3" in message and "expected 3 fields, found 2" in message


def test_duplicate_headers(tmp_path: Path) -> None:
    path = tmp_path / "dup.csv"
    path.write_text("姓名,电话,姓名\n张三,1,李四\n", encoding="utf-8")
    assert "header columns 1 and 3 have the same name" in _refused(path)


def test_undecodable_bytes_name_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    # Valid UTF-8 up to line 3, then a byte sequence neither UTF-8 nor GB18030 can decode.
    path.write_bytes("a,b\n1,2\n".encode() + b"3,\x80\xff\xfe\n")
    message = _refused(path)
    assert "line 3" in message and "not valid" in message


def test_field_over_size_limit_names_row_and_column(tmp_path: Path) -> None:
    path = write_extract(tmp_path / "long.csv", ["编号", "备注"], [["1", "短"], ["2", "长" * 50], ["3", "短"]])
    message = _refused(path, Source(path=str(path), max_field_chars=20))
    assert "row 2" in message and "'备注'" in message and "50 characters" in message
    assert "长长长" not in message  # the value itself is never echoed


def test_unreadable_workbook(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a workbook")
    assert "workbook cannot be read" in _refused(path)


def test_garbage_json(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('[{"a": 1}, {"a": ', encoding="utf-8")
    assert "JSON" in _refused(path)


def test_garbage_parquet(tmp_path: Path) -> None:
    path = tmp_path / "bad.parquet"
    path.write_bytes(b"not parquet at all")
    assert "not a readable Parquet file" in _refused(path)


def test_unknown_suffix(tmp_path: Path) -> None:
    path = tmp_path / "data.dbf"
    path.write_bytes(b"x")
    assert "unknown extract format" in _refused(path)


def test_missing_declared_columns(dataset: Callable[..., Path], tmp_path: Path) -> None:
    spec_path = dataset("stops.csv", header=["站点编号", "站点名称", "所属区县", "启用日期", "客流"])
    with pytest.raises(InputError) as info:
        ingest_step(_context(spec_path, tmp_path))
    assert "declared columns missing from the extract: 客流量" in info.value.render()


def test_undeclared_columns_are_not_published(dataset: Callable[..., Path], tmp_path: Path) -> None:
    spec_path = dataset("stops.csv", header=[*HEADER, "内部备注"], rows=[[*r, "x"] for r in ROWS])
    ctx = _context(spec_path, tmp_path)
    ingest_step(ctx)
    assert ctx.undeclared_columns == ["内部备注"] and "内部备注" not in ctx.columns()


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "the file is empty"),
        ("a,b\n".encode(), "no data rows"),
        ("站点编号,站点名称,所属区县,启用日期,客流量\nS1,x,y\n".encode(), "expected 5 fields, found 3"),
    ],
)
def test_cli_refuses_bad_extract_and_writes_nothing(dataset: Callable[..., Path], tmp_path: Path, content: bytes, message: str) -> None:
    spec_path = dataset()
    extract = spec_path.parent / "stops.csv"
    extract.write_bytes(content)
    home = tmp_path / "clihome"
    result = run_cli("publish", str(spec_path), "--home", str(home))
    assert result.returncode == 1, result.stderr
    assert message in result.stderr and str(extract) in result.stderr
    assert "Traceback" not in result.stderr
    assert not (home / "releases").exists() or not any((home / "releases").rglob("data.csv"))


def test_a_csv_where_the_spec_says_xlsx_names_both_formats(tmp_path: Path) -> None:
    sample = Path(__file__).resolve().parent.parent / "sample_data" / "transport-bus-stops.csv"
    path = tmp_path / "stops.xlsx"
    path.write_bytes(sample.read_bytes())  # renamed, not converted: what a department sometimes sends
    message = _refused(path, Source(path=str(path), format=SourceFormat.XLSX))
    assert "the spec expects xlsx, but the file is csv" in message and "source.format: csv" in message
    assert "Calamine" not in message and "\n" not in message


def test_a_folder_is_not_an_extract(tmp_path: Path) -> None:
    assert _refused(tmp_path).endswith("is a folder: give one extract file")
