"""Column detection draws its rows once for all columns, and samples exactly what one sort per column gives."""

from __future__ import annotations

from typing import Any

import duckdb
import pytest

from desensitize.detect import columns
from desensitize.detect.columns import detect_columns, sample_values


@pytest.fixture
def con() -> duckdb.DuckDBPyConnection:
    """50,000 rows: a column never blank, one blank in 49 rows of 50, one blank everywhere."""
    c = duckdb.connect()
    c.execute(
        "CREATE TABLE t AS SELECT i AS _row, '值' || i::VARCHAR AS dense,"
        " CASE WHEN i % 50 = 0 THEN '备注' || i::VARCHAR ELSE '  ' END AS sparse,"
        " NULL::VARCHAR AS empty FROM range(50000) r(i)"
    )
    return c


def test_each_column_gets_the_sample_of_its_own_sort(con: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, list[str]] = {}
    classify = columns.classify_column

    def spy(header: str, values: list[str]) -> Any:
        seen[header] = values
        return classify(header, values)

    monkeypatch.setattr(columns, "classify_column", spy)
    detect_columns(con, "t", {"dense": "dense", "sparse": "sparse", "empty": "empty"}, sample_size=100)
    for column in ("dense", "sparse", "empty"):
        assert seen[column] == sample_values(con, "t", column, 100), column
    assert len(seen["dense"]) == 100 and len(seen["sparse"]) == 100 and seen["empty"] == []
    # The drawn rows are a temporary table, gone once the columns are judged.
    assert [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()] == ["t"]


def test_rows_are_drawn_once_only_when_that_is_small(con: duckdb.DuckDBPyConnection) -> None:
    drawn, whole = columns._draw_rows(con, "t", ["dense", "sparse"], 100)
    assert drawn is not None and not whole
    assert con.execute(f"SELECT count(*) FROM {drawn}").fetchone() == (2_000,)
    # A very wide extract: as many cells as a draw may hold would give too few rows a column.
    assert columns._draw_rows(con, "t", [f"c{i}" for i in range(20_000)], 100) == (None, False)
    # A small table is drawn whole.
    assert columns._draw_rows(con, "t", ["dense"], 10_000)[1] is True
