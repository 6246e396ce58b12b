"""The desensitize step on real extracts: fail closed, keys, records, k-anonymity report, individual level."""

from __future__ import annotations

import json
import multiprocessing
import time
from pathlib import Path
from typing import Any

import duckdb
import pytest

from desensitize import keys
from desensitize.operators.pseudonymize import token_of
from desensitize.step import desensitize_step
from pipelines.core.context import PublishContext
from pipelines.core.errors import GateBlocked, SpecError
from pipelines.core.home import Home
from pipelines.ingest.step import ingest_step
from pipelines.core.spec.model import CatalogSpec

HEADER = ["编号", "姓名", "联系电话", "出生日期", "所属区县", "年营业收入", "开户账号", "备注"]
ROWS = [
    ["1", "张三", "13800138000", "1990-01-15", "鼓楼区", "1250000", "6222021234567890123", "申请人张三来电咨询，材料齐全。"],
    ["2", "李四", "139 0013 9000", "1985-06-30", "台江区", "83000", "6222021234567890124", "材料齐全，同意办理。"],
    ["3", "王小明", "+86 137-0013-7000", "1992-11-02", "仓山区", "4500000", "6222021234567890125", "联系人王小明，电话13700137000。"],
    ["4", "欧阳娜娜", "13600136000", "1978-03-09", "鼓楼区", "", "6222021234567890126", "现场核实，同意办理。"],
]
FIELDS: dict[str, dict[str, Any]] = {
    "id": {"source_column": "编号", "label": "编号"},
    "name": {"source_column": "姓名", "label": "姓名", "pii": "person_name", "policy": "partial_mask"},
    "phone": {"source_column": "联系电话", "label": "联系电话", "pii": "mobile_phone", "policy": "pseudonymize"},
    "birth_date": {"source_column": "出生日期", "label": "出生日期", "type": "date", "pii": "birth_date",
                   "policy": {"operator": "generalize", "to": "year"}},
    "district": {"source_column": "所属区县", "label": "所属区县"},
    "revenue": {"source_column": "年营业收入", "label": "年营业收入", "type": "number", "pii": "commercial_secret",
                "policy": "generalize"},
    "account": {"source_column": "开户账号", "label": "开户账号", "pii": "commercial_secret", "policy": "drop"},
    "remarks": {"source_column": "备注", "label": "备注", "policy": "scan_text"},
}


def make_ctx(
    tmp_path: Path,
    fields: dict[str, dict[str, Any]] | None = None,
    rows: list[list[str]] | None = None,
    header: list[str] | None = None,
    privacy: dict[str, Any] | None = None,
    open_type: str = "authorized",
) -> PublishContext:
    """Write the extract as CSV, build the spec, run ingest: the context the desensitize step receives."""
    header = header or HEADER
    extract = tmp_path / "extract.csv"
    lines = [",".join(header)] + [",".join(r) for r in (rows or ROWS)]
    extract.write_text("\n".join(lines) + "\n", encoding="utf-8")
    spec = CatalogSpec.model_validate(
        {
            "id": "test-dataset", "title": "测试数据", "domain": "社会保障",
            "provider": {"department": "福州市民政局", "contact": "0591-00000000"},
            "summary": "用于测试脱敏步骤的小型数据集。", "open_type": open_type,
            "open_conditions": "仅限科研" if open_type == "authorized" else None,
            "sharing_type": "unconditional", "update_frequency": "monthly",
            "source": {"path": "extract.csv"},
            "fields": [{"name": n, **f} for n, f in (fields or FIELDS).items()],
            "privacy": privacy or {},
        }
    )
    ctx = PublishContext(
        spec=spec, spec_path=tmp_path / "spec.yaml", extract=extract, home=Home(tmp_path / "home"), con=duckdb.connect()
    )
    ingest_step(ctx)
    return ctx


def table(ctx: PublishContext) -> list[dict[str, Any]]:
    cur = ctx.con.execute(f'SELECT * FROM "{ctx.table}" ORDER BY _row')
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


@pytest.fixture(autouse=True)
def _dev_key(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in (keys.ENV_KEY, keys.ENV_KEY_FILE, keys.ENV_DEV_KEY):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv(keys.ENV_KEY, "step-test key with enough characters")


KEY = b"step-test key with enough characters"


# --- the whole step on a small extract -------------------------------------------------------------

def test_masks_every_column_as_declared(tmp_path: Path) -> None:
    ctx = make_ctx(tmp_path)
    desensitize_step(ctx)
    rows = table(ctx)
    assert [r["name"] for r in rows] == ["张*", "李*", "王**", "欧阳**"]
    assert rows[0]["phone"] == token_of(KEY, "13800138000")
    assert rows[1]["phone"] == token_of(KEY, "13900139000")  # written with spaces, same person
    assert [r["birth_date"] for r in rows] == ["1990", "1985", "1992", "1978"]
    assert [r["revenue"] for r in rows] == ["1000000-2000000", "50000-100000", "2000000-5000000", None]
    assert "account" not in rows[0]
    assert rows[0]["remarks"] == "申请人[姓名]来电咨询，材料齐全。"
    assert rows[2]["remarks"] == "联系人[姓名]，电话[手机号]。"
    assert rows[1]["remarks"] == "材料齐全，同意办理。"


def test_records_one_per_column_with_counts_and_types(tmp_path: Path) -> None:
    ctx = make_ctx(tmp_path)
    desensitize_step(ctx)
    by = {m["column"]: m for m in [m.as_json() for m in ctx.masking]}
    assert list(by) == list(FIELDS)
    assert by["id"]["operator"] == "none" and by["id"]["cells_changed"] == 0
    assert by["name"]["cells_changed"] == 4
    assert by["account"] == {**by["account"], "operator": "drop", "cells_changed": 4}
    assert by["birth_date"]["type"] == "string" and by["revenue"]["type"] == "string"
    assert "type" not in by["name"]
    assert by["remarks"]["detections"] == {"mobile_phone": 1, "person_name": 2}
    assert by["remarks"]["cells_changed"] == 2
    assert by["phone"]["params"]["key_id"] == keys.key_id(KEY)
    for m in [m.as_json() for m in ctx.masking]:
        assert set(m) >= {"column", "operator", "params", "cells_changed", "rows_suppressed", "detections"}


def test_no_raw_value_or_key_in_records(tmp_path: Path) -> None:
    ctx = make_ctx(tmp_path)
    desensitize_step(ctx)
    dumped = json.dumps([[m.as_json() for m in ctx.masking], ctx.privacy], ensure_ascii=False)
    for row in ROWS:
        for value in row[1:]:
            if len(value) >= 2:
                assert value not in dumped
    assert KEY.decode() not in dumped
    assert "13800138000" not in dumped and "张三" not in dumped


def test_privacy_report_without_k(tmp_path: Path) -> None:
    ctx = make_ctx(tmp_path)
    desensitize_step(ctx)
    p = ctx.privacy
    assert p["k"] is None and p["quasi_identifiers"] == [] and p["suppressed_rows"] == 0
    assert p["individual_level"] is True
    assert set(p["individual_columns"]) == {"name", "phone"}
    kinds = {d["column"]: d["kind"] for d in p["detections"]}
    assert kinds["phone"] == "mobile_phone" and kinds["name"] == "person_name"
    assert all("evidence" in d and "confidence" in d for d in p["detections"])


def test_individual_level_false_when_personal_columns_are_removed_or_coarsened(tmp_path: Path) -> None:
    fields = {
        **FIELDS,
        "name": {**FIELDS["name"], "policy": "drop"},
        "phone": {**FIELDS["phone"], "policy": {"operator": "redact", "text": "[已脱敏]"}},
    }
    ctx = make_ctx(tmp_path, fields=fields, open_type="general")
    desensitize_step(ctx)
    assert ctx.privacy["individual_level"] is False and ctx.privacy["individual_columns"] == []
    assert {r["phone"] for r in table(ctx)} == {"[已脱敏]"}


# --- fail closed ------------------------------------------------------------------------------------

def test_undeclared_phone_column_blocks_naming_it(tmp_path: Path) -> None:
    fields = {**FIELDS, "phone": {"source_column": "联系电话", "label": "联系电话"}}
    ctx = make_ctx(tmp_path, fields=fields)
    before = table(ctx)
    with pytest.raises(GateBlocked) as err:
        desensitize_step(ctx)
    text = err.value.render()
    assert "column phone (联系电话)" in text and "mobile_phone" in text
    assert "pii: mobile_phone" in text and "policy:" in text
    assert "13800138000" not in text
    assert table(ctx) == before  # nothing was masked half-way
    assert err.value.exit_code == 2


def test_undeclared_name_column_blocks(tmp_path: Path) -> None:
    fields = {**FIELDS, "name": {"source_column": "姓名", "label": "姓名"}}
    with pytest.raises(GateBlocked, match=r"\(name\)") as err:
        desensitize_step(make_ctx(tmp_path, fields=fields))
    assert "column name (姓名): detected person_name" in err.value.render()


def test_free_text_without_scan_blocks(tmp_path: Path) -> None:
    fields = {**FIELDS, "remarks": {"source_column": "备注", "label": "备注"}}
    with pytest.raises(GateBlocked) as err:
        desensitize_step(make_ctx(tmp_path, fields=fields))
    assert "column remarks (备注)" in err.value.render() and "scan_text" in err.value.render()


def test_free_text_with_a_non_scanning_policy_blocks(tmp_path: Path) -> None:
    fields = {**FIELDS, "remarks": {"source_column": "备注", "label": "备注", "policy": {"operator": "partial_mask"}}}
    with pytest.raises(GateBlocked, match="remarks"):
        desensitize_step(make_ctx(tmp_path, fields=fields))


def test_free_text_dropped_passes(tmp_path: Path) -> None:
    fields = {**FIELDS, "remarks": {"source_column": "备注", "label": "备注", "policy": "drop"}}
    ctx = make_ctx(tmp_path, fields=fields)
    desensitize_step(ctx)
    assert "remarks" not in table(ctx)[0]


def test_publish_with_reason_passes(tmp_path: Path) -> None:
    reason = "窗口对外公开的服务电话"
    fields = {**FIELDS, "phone": {"source_column": "联系电话", "label": "联系电话", "policy": {"operator": "publish", "reason": reason}}}
    ctx = make_ctx(tmp_path, fields=fields)
    desensitize_step(ctx)
    assert [r["phone"] for r in table(ctx)] == [r[2] for r in ROWS]
    rec = next(m for m in [m.as_json() for m in ctx.masking] if m["column"] == "phone")
    assert rec["operator"] == "publish" and rec["reason"] == reason


def test_several_problems_are_reported_together(tmp_path: Path) -> None:
    fields = {
        **FIELDS,
        "phone": {"source_column": "联系电话", "label": "联系电话"},
        "remarks": {"source_column": "备注", "label": "备注"},
    }
    with pytest.raises(GateBlocked) as err:
        desensitize_step(make_ctx(tmp_path, fields=fields))
    assert "2 column(s)" in err.value.message and len(err.value.details) == 2


def test_policy_that_cannot_apply_is_a_spec_error(tmp_path: Path) -> None:
    fields = {**FIELDS, "district": {"source_column": "所属区县", "label": "所属区县", "policy": "fake"}}
    with pytest.raises(SpecError, match="district") as err:
        desensitize_step(make_ctx(tmp_path, fields=fields))
    assert "policy fake needs" in err.value.render()


# --- the pseudonym key ----------------------------------------------------------------------------

def test_no_key_blocks_with_instructions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(keys.ENV_KEY)
    ctx = make_ctx(tmp_path)
    before = table(ctx)
    with pytest.raises(GateBlocked) as err:
        desensitize_step(ctx)
    assert keys.ENV_KEY in err.value.render() and keys.ENV_KEY_FILE in err.value.render()
    assert table(ctx) == before


def test_short_key_blocks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(keys.ENV_KEY, "short")
    with pytest.raises(GateBlocked, match="shorter"):
        desensitize_step(make_ctx(tmp_path))


def test_key_file_outside_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(keys.ENV_KEY)
    key_file = tmp_path / "secrets" / "pseudonym.key"
    key_file.parent.mkdir()
    key_file.write_bytes(b"a file key of sufficient length\n")
    monkeypatch.setenv(keys.ENV_KEY_FILE, str(key_file))
    ctx = make_ctx(tmp_path)
    desensitize_step(ctx)
    assert table(ctx)[0]["phone"] == token_of(b"a file key of sufficient length", "13800138000")


def test_key_file_inside_home_blocks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(keys.ENV_KEY)
    key_file = tmp_path / "home" / "pseudonym.key"
    key_file.parent.mkdir()
    key_file.write_bytes(b"a file key of sufficient length\n")
    monkeypatch.setenv(keys.ENV_KEY_FILE, str(key_file))
    with pytest.raises(GateBlocked, match="inside the opendata home"):
        desensitize_step(make_ctx(tmp_path))


def test_dev_key_only_when_asked_and_warned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(keys.ENV_KEY)
    monkeypatch.setenv(keys.ENV_DEV_KEY, "1")
    ctx = make_ctx(tmp_path)
    desensitize_step(ctx)
    assert any("development key" in w for w in ctx.warnings)
    assert next(m for m in [m.as_json() for m in ctx.masking] if m["column"] == "phone")["params"]["key_id"] == keys.DEV_KEY_ID


def test_no_key_needed_without_pseudonyms(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(keys.ENV_KEY)
    fields = {**FIELDS, "phone": {**FIELDS["phone"], "policy": "partial_mask"}}
    ctx = make_ctx(tmp_path, fields=fields)
    desensitize_step(ctx)
    assert table(ctx)[2]["phone"] == "137****7000"


def test_same_token_across_datasets(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a = make_ctx(tmp_path / "a")
    desensitize_step(a)
    other_rows = [["9", "赵六", "13800138000", "1990-01-15", "鼓楼区", "1", "6222021234567890123", "无"]]
    b = make_ctx(tmp_path / "b", rows=other_rows)
    desensitize_step(b)
    assert table(a)[0]["phone"] == table(b)[0]["phone"]


# --- k-anonymity through the step -------------------------------------------------------------------

def _people_rows(n: int) -> list[list[str]]:
    districts = ["鼓楼区", "台江区", "仓山区"]
    return [
        [str(i), "张三", f"138{i:08d}", f"19{50 + i % 40}-0{1 + i % 9}-1{i % 10}", districts[i % 3], str(1000 * (i % 50 + 1)),
         f"62220212345678{i:05d}", "材料齐全。"]
        for i in range(300)
    ]


def test_k_anonymity_report(tmp_path: Path) -> None:
    fields = {**FIELDS, "birth_date": {**FIELDS["birth_date"], "policy": {"operator": "generalize", "to": "year_month"}}}
    ctx = make_ctx(tmp_path, fields=fields, rows=_people_rows(300),
                   privacy={"k_anonymity": 5, "quasi_identifiers": ["birth_date", "district"], "max_suppression": 0.1})
    desensitize_step(ctx)
    p = ctx.privacy
    assert p["k"] == 5 and p["quasi_identifiers"] == ["birth_date", "district"]
    assert set(p) >= {"suppressed_rows", "suppression_rate", "max_risk", "records_at_risk_share", "generalizations", "individual_level"}
    assert p["max_risk"] <= 1 / 5
    assert p["records_at_risk_share"] > 0 and p["generalizations"]
    sizes = ctx.con.execute(f'SELECT count(*) FROM "{ctx.table}" GROUP BY birth_date, district').fetchall()
    assert min(s[0] for s in sizes) >= 5
    rec = next(m for m in [m.as_json() for m in ctx.masking] if m["column"] == "birth_date")
    assert rec["type"] == "string" and rec["k_anonymity_level"] == p["levels"]["birth_date"]
    assert ctx.row_count() == 300 - p["suppressed_rows"]


def test_k_anonymity_blocks_when_impossible(tmp_path: Path) -> None:
    rows = _people_rows(300)[:8]
    ctx = make_ctx(tmp_path, rows=rows, privacy={"k_anonymity": 20, "quasi_identifiers": ["district"], "max_suppression": 0.0})
    with pytest.raises(GateBlocked) as err:
        desensitize_step(ctx)
    assert "district" in err.value.message and "k=20" in err.value.message and "100.0%" in err.value.message


def test_suppress_record_rows_are_counted(tmp_path: Path) -> None:
    fields = {**FIELDS, "district": {"source_column": "所属区县", "label": "所属区县",
                                     "policy": {"operator": "suppress_record", "when": "in", "values": ["台江区"]}}}
    ctx = make_ctx(tmp_path, fields=fields)
    desensitize_step(ctx)
    assert ctx.row_count() == 3
    assert ctx.privacy["rows_suppressed_by_policy"] == 1
    assert next(m for m in [m.as_json() for m in ctx.masking] if m["column"] == "district")["rows_suppressed"] == 1


@pytest.mark.parametrize(
    "column, header, values, kind, suggestion",
    [
        ("revenue", "年营业收入", ["1250000", "83000", "4500000", "990000"], "commercial_secret", "policy: {operator: generalize, to: range}"),
        ("suppliers", "供应商名单", ["福州甲公司", "福州乙公司", "福州丙公司", "福州丁公司"], "commercial_secret", "policy: drop"),
        ("account", "开户账号", ["6222021234567890123", "6222021234567890124", "6222021234567890125", "6222021234567890126"],
         "bank_card", "policy: drop"),
    ],
)
def test_undeclared_commercial_secret_blocks_with_its_default(
    tmp_path: Path, column: str, header: str, values: list[str], kind: str, suggestion: str
) -> None:
    rows = [[str(i + 1), v] for i, v in enumerate(values)]
    fields = {"id": {"source_column": "编号", "label": "编号"}, column: {"source_column": header, "label": header}}
    ctx = make_ctx(tmp_path, fields=fields, rows=rows, header=["编号", header])
    with pytest.raises(GateBlocked) as err:
        desensitize_step(ctx)
    text = err.value.render()
    assert f"column {column} ({header}): detected {kind}" in text and suggestion in text
    for v in values:
        assert v not in text


# --- free text begun early, in helper processes, while the columns are checked ----------------------

MANY = [[str(i), *r[1:7], f"{r[7]}（第{i}条）"] for i in range(1, 401) for r in [ROWS[i % 4]]]
EARLY = {**FIELDS, "remarks": {"source_column": "备注", "label": "备注", "policy": {"operator": "scan_text", "batch_size": 100}}}


def test_free_text_begun_early_is_masked_as_in_one_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    begun = _spy_head_starts(monkeypatch)
    (tmp_path / "alone").mkdir()
    (tmp_path / "early").mkdir()
    monkeypatch.setenv("OPENDATA_TEXT_WORKERS", "0")
    alone = make_ctx(tmp_path / "alone", fields=EARLY, rows=MANY)
    desensitize_step(alone)
    monkeypatch.setenv("OPENDATA_TEXT_WORKERS", "1")
    early = make_ctx(tmp_path / "early", fields=EARLY, rows=MANY)
    desensitize_step(early)
    assert begun[0] is None and begun[1] is not None  # no helpers, no head start; one helper, one
    assert table(early) == table(alone)
    assert table(early)[1]["remarks"] == "联系人[姓名]，电话[手机号]。（第2条）"
    assert [m.as_json() for m in early.masking] == [m.as_json() for m in alone.masking]
    assert early.privacy == alone.privacy


def _spy_head_starts(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """What `ScanTextOperator.head_start` returns, call by call (held here: no garbage collection stops it)."""
    from desensitize.operators.scan_text import ScanTextOperator

    begun: list[Any] = []
    head_start = ScanTextOperator.head_start

    def spy(self: ScanTextOperator, *args: Any) -> Any:
        begun.append(head_start(self, *args))
        return begun[-1]

    monkeypatch.setattr(ScanTextOperator, "head_start", spy)
    return begun


def test_blocked_step_stops_the_text_begun_early(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    begun = _spy_head_starts(monkeypatch)
    monkeypatch.setenv("OPENDATA_TEXT_WORKERS", "1")
    fields = {**EARLY, "phone": {"source_column": "联系电话", "label": "联系电话"}}  # undeclared: blocks
    ctx = make_ctx(tmp_path, fields=fields, rows=MANY)
    before = table(ctx)
    with pytest.raises(GateBlocked, match=r"\(phone\)"):
        desensitize_step(ctx)
    assert table(ctx) == before
    assert not [t for t in ctx.con.execute("SHOW TABLES").fetchall() if t[0].startswith("_mask")]
    for _ in range(100):  # its helper is told to stop, not waited for
        if not multiprocessing.active_children():
            break
        time.sleep(0.05)
    assert multiprocessing.active_children() == []
    assert len(begun) == 1 and begun[0].workers.pool is None  # begun, then stopped by the step
