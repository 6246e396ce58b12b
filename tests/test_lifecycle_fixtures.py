"""Small datasets for the lifecycle tests (one person-level, one non-personal) and helpers.

The extracts carry their department manifest (sha256, rows, provider, extracted_at) so the
authenticity check passes, and neither spec uses k-anonymity, so they publish with the fail-closed
masking placeholder as well as with the real masking step.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
from stdnum.cn import uscc

from pipelines.core.home import Home
from pipelines.runner.publish import run_plain
from tests.conftest import write_csv_with_manifest as write_extract

PERSON_HEADER = ["编号", "姓名", "手机号", "家庭人口", "救助类别", "发放日期", "金额"]
SURNAMES = "王李张刘陈杨黄赵吴周"
GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋"]
PERSON_ROWS = [
    [f"R{i:04d}", SURNAMES[i % 10] + GIVEN[(i * 3) % 10] + GIVEN[(i * 7) % 10], f"138{i:08d}",
     str(1 + i % 6), ["低保", "特困", "临时救助"][i % 3], f"2026-1{i % 2}-{1 + i % 27:02d}", f"{300 + i * 7}.50"]
    for i in range(1, 31)
]

PERSON_SPEC = """\
id: {id}
title: 社会救助发放记录
provider:
  department: 福州市民政局
  contact: 0591-83300000
domain: 社会保障
summary: 福州市社会救助资金的逐笔发放记录（已脱敏）。
keywords: [社会救助, 低保]
open_type: {open_type}
{conditions}sharing_type: conditional
legal_basis: 《社会救助暂行办法》第六十三条
update_frequency: monthly
source:
  path: {source}
fields:
  - name: record_id
    source_column: 编号
    label: 记录编号
    required: true
    unique: true
  - name: person_name
    source_column: 姓名
    label: 姓名
    pii: person_name
    policy: {name_policy}
  - name: phone
    source_column: 手机号
    label: 手机号
    pii: mobile_phone
    policy: drop
  - name: household_size
    source_column: 家庭人口
    label: 家庭人口数
    type: integer
{household_policy}  - name: category
    source_column: 救助类别
    label: 救助类别
    enum: [低保, 特困, 临时救助]
  - name: paid_on
    source_column: 发放日期
    label: 发放日期
    type: date
  - name: amount
    source_column: 金额
    label: 金额（元）
    type: number
"""

AUTHORIZED = "authorized\nopen_conditions: 仅限科研机构用于公益研究，须签署数据使用协议\n"


def person_spec_text(dataset_id: str = "relief-payments", *, open_type: str = "authorized",
                     name_policy: str = "partial_mask", household_policy: str | None = None, source: str = "relief.csv") -> str:
    """The person-level spec, with its open type and the policies of `person_name` and `household_size`."""
    conditions = ""
    if open_type == "authorized":
        open_type, conditions = AUTHORIZED.split("\n", 1)[0], AUTHORIZED.split("\n", 1)[1]
    elif open_type == "not-open":
        conditions = "not_open_reason: third_party_rights\n"
    return PERSON_SPEC.format(
        id=dataset_id, open_type=open_type, conditions=conditions, source=source, name_policy=name_policy,
        household_policy=f"    policy: {household_policy}\n" if household_policy else "",
    )


def _credit_code(i: int) -> str:
    body = f"91350100{i:09d}"
    return body + uscc.calc_check_digit(body)


COMPANY_HEADER = ["企业名称", "统一社会信用代码", "所属区县", "许可类型", "发证日期"]
COMPANY_ROWS = [
    [f"福州市第{i}食品有限公司", _credit_code(i), ["鼓楼区", "台江区", "仓山区"][i % 3],
     ["食品经营", "食品生产"][i % 2], f"2026-11-{1 + i % 20:02d}"]
    for i in range(1, 21)
]

COMPANY_SPEC = """\
id: {id}
title: 食品经营许可信息
provider:
  department: 福州市市场监督管理局
  contact: 0591-12315
domain: 市场监管
summary: 福州市食品生产经营许可证的发证信息，按企业列示。
keywords: [食品, 许可证, 企业]
open_type: general
sharing_type: unconditional
update_frequency: {frequency}
source:
  path: {source}
fields:
  - name: company
    source_column: 企业名称
    label: 企业名称
    required: true
  - name: credit_code
    source_column: 统一社会信用代码
    label: 统一社会信用代码
    pii: company_credit_code
    unique: true
  - name: district
    source_column: 所属区县
    label: 所属区县
  - name: permit_type
    source_column: 许可类型
    label: 许可类型
  - name: issued_on
    source_column: 发证日期
    label: 发证日期
    type: date
"""


def person_dataset(folder: Path, dataset_id: str = "relief-payments", **spec_kw: Any) -> Path:
    """Write the person-level extract and spec under `folder`; return the spec path."""
    write_extract(folder / "relief.csv", PERSON_HEADER, PERSON_ROWS, "福州市民政局")
    spec = folder / f"{dataset_id}.yaml"
    spec.write_text(person_spec_text(dataset_id, **spec_kw), encoding="utf-8")
    return spec


def company_dataset(folder: Path, dataset_id: str = "food-permits", frequency: str = "monthly") -> Path:
    """Write the non-personal extract and spec under `folder`; return the spec path."""
    write_extract(folder / "permits.csv", COMPANY_HEADER, COMPANY_ROWS, "福州市市场监督管理局")
    spec = folder / f"{dataset_id}.yaml"
    spec.write_text(COMPANY_SPEC.format(id=dataset_id, frequency=frequency, source="permits.csv"), encoding="utf-8")
    return spec


def publish(spec: Path, home: Path, **kw: Any) -> Path:
    """Publish with the plain runner (no Prefect)."""
    return run_plain(spec, home=home, **kw)


def grant_token(home: Path, dataset_id: str = "relief-payments", applicant: str = "福州大学", purpose: str = "研究") -> str:
    """Apply for and approve a grant of an authorized-open dataset; return its token (what `get --token` takes)."""
    from pipelines.platform import grants

    form = grants.ApplicationForm(dataset_id, applicant, "university", purpose, "低保政策评估", "内网隔离，专人管理")
    app = grants.apply(Home(home), form)
    return grants.approve(Home(home), app.id, "市大数据委").token


def query(home: Path, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    """Run SQL on the registry directly (as an intruder or an inspector would)."""
    con = duckdb.connect(str(Home(home).db_path))
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def test_both_fixtures_publish(tmp_path: Path) -> None:
    home = tmp_path / "home"
    person = publish(person_dataset(tmp_path / "dept"), home)
    company = publish(company_dataset(tmp_path / "dept"), home)
    assert (person / "data.csv").is_file() and (company / "data.csv").is_file()
    text = (person / "data.csv").read_text(encoding="utf-8-sig")
    assert "13800000001" not in text, "the phone column is dropped"
    assert PERSON_ROWS[0][1] not in text, "no full name is published"
