"""Leak tests: a generated person-level extract (valid IDs, phones in several spellings, names, addresses,
and the same values inside free-text remarks) goes through ingest and desensitize; no raw personal value
may appear anywhere in the result, and the remarks keep their non-personal words."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import duckdb
import pytest

from desensitize import keys
from desensitize.privacy.synthetic import KEEP_WORDS, PEOPLE_FIELDS, make_people
from desensitize.step import desensitize_step
from pipelines.core.context import PublishContext
from pipelines.core.home import Home
from pipelines.ingest.step import ingest_step
from pipelines.core.spec.model import CatalogSpec

ROWS = 3000
POLICIES: dict[str, tuple[str | None, Any]] = {
    "applicant": ("person_name", "partial_mask"),
    "id_number": ("resident_id", {"operator": "pseudonymize", "prefix": "P"}),
    "phone": ("mobile_phone", "fake"),
    "birth_date": ("birth_date", {"operator": "generalize", "to": "year"}),
    "address": ("address", {"operator": "generalize", "to": "district"}),
    "income": ("commercial_secret", "generalize"),
    "remarks": (None, "scan_text"),
}
# Names written inside the remarks by the generator's templates (besides the applicant's own).
_EMBEDDED_NAMES = [re.compile(r"其子(.+?)代为办理"), re.compile(r"经办人联系(.+?)（")]


def _spec(quasi: bool) -> CatalogSpec:
    fields = []
    for name, header, label, typ in PEOPLE_FIELDS:
        f: dict[str, Any] = {"name": name, "source_column": header, "label": label, "type": typ}
        if name in POLICIES:
            pii, policy = POLICIES[name]
            if pii:
                f["pii"] = pii
            f["policy"] = policy
        fields.append(f)
    privacy = {"k_anonymity": 5, "quasi_identifiers": ["gender", "birth_date", "district", "age"]} if quasi else {}
    return CatalogSpec.model_validate(
        {
            "id": "civil-affairs-applications", "title": "民政业务申请记录", "domain": "社会保障",
            "provider": {"department": "福州市民政局", "contact": "0591-00000000"},
            "summary": "福州市民政业务申请受理记录（脱敏后）。", "open_type": "authorized", "open_conditions": "仅限科研用途",
            "sharing_type": "unconditional", "update_frequency": "monthly", "source": {"path": "people.csv"},
            "fields": fields, "privacy": privacy,
        }
    )


@pytest.fixture(scope="module")
def extract(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("leaks")
    con = duckdb.connect()
    make_people(con, "p", ROWS, seed=0.17)
    path = folder / "people.csv"
    con.execute(f"COPY p TO '{path}' (HEADER)")
    return path


def _raw_personal_values(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Every personal value of the input, in every spelling it was written, plus names inside remarks."""
    values: set[str] = set()
    rows = con.execute(
        'SELECT "申请人姓名", "身份证号", "联系电话", "出生日期", "现居住地址", "备注" FROM raw_copy'
    ).fetchall()
    for name, id_number, phone, born, address, remark in rows:
        values.update([name, id_number, phone, re.sub(r"\D", "", phone)[-11:], born, born.replace("-", ""), address])
        for pattern in _EMBEDDED_NAMES:
            values.update(m.group(1) for m in pattern.finditer(remark or ""))
    return {v for v in values if v and len(v) >= 2}


def _leaks(cells: Iterable[str], raw: set[str]) -> list[str]:
    """Raw values found inside any cell (substring search by windows of each raw value's length)."""
    lengths = {len(v) for v in raw}
    found: set[str] = set()
    for cell in cells:
        for n in lengths:
            for i in range(len(cell) - n + 1):
                if cell[i : i + n] in raw:
                    found.add(cell[i : i + n])
    return sorted(found)


def _run(extract: Path, tmp_path: Path, quasi: bool) -> PublishContext:
    ctx = PublishContext(
        spec=_spec(quasi), spec_path=extract.parent / "spec.yaml", extract=extract,
        home=Home(tmp_path / "home"), con=duckdb.connect(),
    )
    ingest_step(ctx)
    ctx.con.execute(f"CREATE TABLE raw_copy AS SELECT * FROM read_csv('{extract}', all_varchar = true)")
    desensitize_step(ctx)
    return ctx


@pytest.fixture(autouse=True)
def _key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(keys.ENV_KEY, "leak-test key, long enough to be a key")


@pytest.mark.parametrize("quasi", [False, True], ids=["masking", "masking+k-anonymity"])
def test_no_raw_personal_value_in_the_output(extract: Path, tmp_path: Path, quasi: bool) -> None:
    ctx = _run(extract, tmp_path, quasi)
    raw = _raw_personal_values(ctx.con)
    assert len(raw) > ROWS * 4  # the check has teeth: thousands of names, IDs, phones, addresses
    columns = ctx.columns()
    cells = [
        str(v)
        for row in ctx.con.execute(f'SELECT {", ".join(chr(34) + c + chr(34) for c in columns)} FROM "{ctx.table}"').fetchall()
        for v in row
        if v is not None
    ]
    assert _leaks(cells, raw) == []
    # Digits written with separators must not survive either (e.g. 138 0013 8000 in a remark).
    digits = {re.sub(r"\D", "", v) for v in raw if re.sub(r"\D", "", v) and len(re.sub(r"\D", "", v)) >= 11}
    assert _leaks((re.sub(r"\D", "", c) for c in cells if not re.fullmatch(r"P?[0-9a-f]{16}", c)), digits) == []


def test_remarks_keep_their_non_personal_words(extract: Path, tmp_path: Path) -> None:
    ctx = _run(extract, tmp_path, quasi=False)
    pairs = ctx.con.execute(f'SELECT r."备注", w.remarks FROM raw_copy r JOIN (SELECT row_number() OVER (ORDER BY _row) AS i, remarks FROM "{ctx.table}") w ON w.i = r.rowid + 1').fetchall()
    assert len(pairs) == ROWS
    kept = total = 0
    for before, after in pairs:
        if before is None:
            assert after is None
            continue
        for word in KEEP_WORDS:
            if word in before:
                total += 1
                kept += word in after
        assert re.sub(r"\[[^\]]+\]", "", after) != "" or before == after
    # Name boundaries are the detector's judgement: a two-character name followed by 代为办理 is
    # sometimes taken as three characters (龙明代), costing one character of a kept word.
    assert total > ROWS // 2 and kept >= 0.99 * total
    record = next(m for m in [m.as_json() for m in ctx.masking] if m["column"] == "remarks")
    assert record["detections"]["person_name"] > 0 and record["detections"]["mobile_phone"] > 0
    assert record["detections"]["resident_id"] > 0


def test_output_rows_and_columns(extract: Path, tmp_path: Path) -> None:
    ctx = _run(extract, tmp_path, quasi=True)
    assert ctx.columns() == [name for name, *_ in PEOPLE_FIELDS]
    assert ctx.row_count() == ROWS - ctx.privacy["suppressed_rows"]
    assert ctx.privacy["individual_level"] is True  # partly masked names and pseudonymized IDs stay per person
    assert set(ctx.privacy["individual_columns"]) == {"applicant", "id_number", "phone"}


def _home_texts(home: Path) -> Iterable[str]:
    """Every text the home directory holds: text files as they are, Parquet cells, registry cells."""
    import pyarrow.parquet as pq

    for path in home.rglob("*"):
        if not path.is_file():
            continue
        if path.suffix == ".parquet":
            table = pq.read_table(path)
            for column in table.columns:
                yield from (str(v) for v in column.to_pylist() if v is not None)
        elif path.suffix in (".duckdb", ".wal"):
            if path.suffix == ".wal":
                continue
            con = duckdb.connect(str(path), read_only=True)
            try:
                for (schema, name) in con.execute("SELECT schema_name, table_name FROM duckdb_tables()").fetchall():
                    for row in con.execute(f'SELECT * FROM "{schema}"."{name}"').fetchall():
                        yield from (str(v) for v in row if v is not None)
            finally:
                con.close()
        elif path.suffix == ".xlsx":  # a zip: its sheets' XML, not the compressed bytes
            import zipfile

            with zipfile.ZipFile(path) as book:
                yield from (book.read(name).decode("utf-8", errors="replace") for name in book.namelist())
        else:
            yield path.read_bytes().decode("utf-8", errors="replace")


def test_publication_leaves_no_personal_value_under_home(extract: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import yaml

    from pipelines.runner.publish import run_plain

    spec = _spec(quasi=True).model_dump(mode="json", exclude_none=True)
    spec_path = extract.parent / "civil-affairs-applications.yaml"
    spec_path.write_text(yaml.safe_dump(spec, allow_unicode=True, sort_keys=False), encoding="utf-8")
    home = tmp_path / "home"
    monkeypatch.setenv("OPENDATA_ENGINE", "plain")
    release = run_plain(spec_path, extract, home)
    assert (release / "data.parquet").is_file() and (release / "provenance.json").is_file()
    con = duckdb.connect()
    con.execute(f"CREATE TABLE raw_copy AS SELECT * FROM read_csv('{extract}', all_varchar = true)")
    raw = _raw_personal_values(con)
    texts = list(_home_texts(home))
    assert sum(len(t) for t in texts) > ROWS * 20
    assert _leaks(texts, raw) == []
