"""k-anonymity: ladders, the Datafly search, suppression, the report, and the block when k cannot be met."""

from __future__ import annotations

from datetime import date, timedelta

import duckdb
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desensitize.privacy import enforce_k_anonymity, ladder_for
from desensitize.privacy.ladders import Ladder
from desensitize.privacy.synthetic import make_people
from pipelines.core.errors import GateBlocked
from pipelines.core.vocab import FieldType, FindingKind


def climb(ladder: Ladder, value: str) -> list[str]:
    """The value at every rung of the ladder."""
    con = duckdb.connect()
    out = []
    current = value
    for _, rung in ladder.rungs:
        current = con.execute(f"SELECT {rung('v')} FROM (SELECT ? AS v)", [current]).fetchone()[0]  # type: ignore[index]
        out.append(current)
    return out


@pytest.mark.parametrize(
    "ladder, value, expected",
    [
        (ladder_for("d", FieldType.DATE), "1987-06-15", ["1987-06", "1987", "1985-1989", "1980-1989", "*"]),
        (ladder_for("d", FieldType.DATE, fmt="%Y/%m/%d"), "1987/06/15", ["1987-06", "1987", "1985-1989", "1980-1989", "*"]),
        (ladder_for("d", FieldType.DATE, operator="generalize", params={"to": "year"}), "1987", ["1985-1989", "1980-1989", "*"]),
        (ladder_for("age", FieldType.INTEGER), "37", ["35-39", "30-39", "20-39", "*"]),
        (ladder_for("x", FieldType.INTEGER, label="年龄"), "37", ["35-39", "30-39", "20-39", "*"]),
        (ladder_for("a", operator="generalize", params={"to": "age_band", "width": 5}), "35-39", ["30-39", "20-39", "0-39", "*"]),
        (ladder_for("income", FieldType.NUMBER), "3456", ["2000-5000", "1000-10000", "*"]),
        (ladder_for("income", FieldType.NUMBER), "0.5", ["0-1", "0-1", "*"]),
        (ladder_for("r", operator="generalize", params={"to": "range", "width": 100}), "300-400", ["0-500", "0-1000", "0-5000", "0-10000", "*"]),
        (ladder_for("addr", pii=FindingKind.ADDRESS), "福建省福州市鼓楼区五四路1号", ["鼓楼区", "福州市", "*"]),
        (ladder_for("addr", operator="generalize", params={"to": "district"}), "厦门市思明区", ["厦门市", "*"]),
        (ladder_for("gender"), "女", ["*"]),
    ],
)
def test_ladders(ladder: Ladder, value: str, expected: list[str]) -> None:
    assert climb(ladder, value) == expected


def test_page_is_not_an_age() -> None:
    assert ladder_for("page_count", FieldType.INTEGER).family == "number"
    assert ladder_for("age", FieldType.INTEGER).family == "age"


@pytest.fixture(scope="module")
def people() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    make_people(con, "p", 20_000)
    return con


def _work(people: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    con = people.cursor()
    con.execute(
        'CREATE OR REPLACE TABLE work AS SELECT row_number() OVER () AS _row, "性别" AS gender, "出生日期" AS birth_date, '
        '"所属区县" AS district, "年龄" AS age, "现居住地址" AS address FROM p'
    )
    return con


QI_LADDERS = [
    ladder_for("gender"),
    ladder_for("birth_date", FieldType.DATE, FindingKind.BIRTH_DATE),
    ladder_for("district"),
    ladder_for("age", FieldType.INTEGER),
]


@pytest.mark.parametrize("k", [2, 5, 10, 50])
def test_every_class_reaches_k(people: duckdb.DuckDBPyConnection, k: int) -> None:
    con = _work(people)
    result = enforce_k_anonymity(con, "work", QI_LADDERS, k, max_suppression=0.05)
    sizes = [n for (n,) in con.execute("SELECT count(*) FROM work GROUP BY gender, birth_date, district, age").fetchall()]
    assert min(sizes) >= k
    rows = con.execute("SELECT count(*) FROM work").fetchone()[0]  # type: ignore[index]
    assert rows == 20_000 - result.suppressed_rows
    assert result.suppression_rate <= 0.05
    assert result.max_risk == pytest.approx(1 / min(sizes))
    assert result.max_risk_before == 1.0  # full birth dates single people out
    assert 0 < result.records_at_risk_share <= 1
    report = result.report()
    assert report["generalizations"] and report["generalizations"][0]["column"] == "birth_date"
    # Other columns are untouched.
    assert con.execute("SELECT count(*) FROM work WHERE address NOT LIKE '福建省福州市%'").fetchone() == (0,)


def test_suppression_without_generalization_when_allowed(people: duckdb.DuckDBPyConnection) -> None:
    con = _work(people)
    before = dict(con.execute("SELECT district, count(*) FROM work GROUP BY 1").fetchall())
    # Make one district rare: its rows are suppressed, nothing is generalized.
    con.execute("UPDATE work SET district = '罗源县' WHERE _row <= 3")
    result = enforce_k_anonymity(con, "work", [ladder_for("district")], 5, max_suppression=0.01)
    assert result.generalizations == [] and result.suppressed_rows == 3
    assert result.records_at_risk_share == pytest.approx(3 / 20_000)
    assert con.execute("SELECT count(*) FROM work WHERE district = '罗源县'").fetchone() == (0,)
    assert sum(before.values()) - 3 == con.execute("SELECT count(*) FROM work").fetchone()[0]  # type: ignore[index]


def test_blocks_when_k_needs_more_suppression_than_allowed() -> None:
    con = duckdb.connect()
    con.execute("CREATE TABLE work AS SELECT range + 1 AS _row, CAST(range AS VARCHAR) AS code FROM range(8)")
    with pytest.raises(GateBlocked) as err:
        enforce_k_anonymity(con, "work", [ladder_for("code")], 10, max_suppression=0.5, dataset="tiny")
    msg = err.value.message
    assert "tiny" in msg and "(code)" in msg and "100.0%" in msg and "k=10" in msg
    assert con.execute("SELECT count(*) FROM work").fetchone() == (8,)  # nothing changed
    assert con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = '_kanon_levels'").fetchone() == (0,)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(
        st.tuples(st.sampled_from(["男", "女", None]), st.integers(0, 100), st.dates(date(1930, 1, 1), date(2020, 1, 1))),
        min_size=1, max_size=120,
    ),
    k=st.integers(2, 8),
    max_suppression=st.sampled_from([0.0, 0.05, 0.2, 0.5]),
)
def test_k_anonymous_or_blocked(rows: list[tuple[str | None, int, date]], k: int, max_suppression: float) -> None:
    con = duckdb.connect()
    data = pa.table({
        "_row": pa.array(range(1, len(rows) + 1), pa.int64()),
        "gender": pa.array([r[0] for r in rows], pa.string()),
        "age": pa.array([str(r[1]) for r in rows], pa.string()),
        "born": pa.array([(r[2] + timedelta(days=0)).isoformat() for r in rows], pa.string()),
    })
    con.execute("CREATE TABLE work AS SELECT * FROM data")
    ladders = [ladder_for("gender"), ladder_for("age", FieldType.INTEGER), ladder_for("born", FieldType.DATE)]
    try:
        result = enforce_k_anonymity(con, "work", ladders, k, max_suppression)
    except GateBlocked:
        assert len(rows) < k or max_suppression < 1  # blocked only when k cannot be met within the limit
        return
    sizes = [n for (n,) in con.execute("SELECT count(*) FROM work GROUP BY gender, age, born").fetchall()]
    assert all(s >= k for s in sizes)
    assert result.suppressed_rows <= max_suppression * len(rows)
    assert con.execute("SELECT count(*) FROM work").fetchone()[0] == len(rows) - result.suppressed_rows  # type: ignore[index]
