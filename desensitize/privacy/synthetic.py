"""Synthetic person-level records for tests and benchmarks: valid IDs, phones, names, and remarks
that repeat them inside sentences. Generated in DuckDB (1M rows in about a second); no real person.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desensitize.detect.names import COMMONEST_SURNAMES
from pipelines.core.sql import quote_ident as ident

if TYPE_CHECKING:
    import duckdb

SURNAMES = list(COMMONEST_SURNAMES)
SURNAMES += ["欧阳", "司马", "诸葛", "上官"]
GIVEN = list("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏飞建国志宏海燕晓东文斌辉颖婷雪梅琳欣怡子涵浩宇思睿博")
FUZHOU_AREAS = ["350102", "350103", "350104", "350105", "350111", "350112", "350121", "350122", "350123", "350124", "350125", "350128", "350181"]
DISTRICTS = ["鼓楼区", "台江区", "仓山区", "晋安区", "马尾区", "长乐区", "闽侯县", "连江县", "福清市"]
STREETS = ["五四路", "八一七北路", "华林路", "六一中路", "工业路", "湖东路", "杨桥中路", "福新中路", "金山大道", "长乐南路"]
_W = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
# Words every remark keeps after masking: the leak tests check they survive.
KEEP_WORDS = ("来电咨询", "材料齐全", "同意办理", "已登记", "代为办理", "现场核实")


def _pick(values: list[str], r: str) -> str:
    lst = "[" + ", ".join("'" + v + "'" for v in values) + "]"
    return f"list_element({lst}, CAST(floor({r} * {len(values)}) AS INTEGER) + 1)"


def make_people(con: duckdb.DuckDBPyConnection, table: str, rows: int, seed: float = 0.42) -> None:
    """Create `table` with Chinese-headed VARCHAR columns of synthetic people (ingest-shaped, no `_row`)."""
    con.execute("SET enable_progress_bar = false")
    con.execute(f"SELECT setseed({seed})")
    body = (
        f"{_pick(FUZHOU_AREAS, 'random()')} || strftime(DATE '1940-01-01' + CAST(floor(random() * 23000) AS INTEGER), '%Y%m%d')"
        " || printf('%03d', CAST(floor(random() * 1000) AS INTEGER))"
    )
    check = " + ".join(f"{w} * CAST(substr(b, {i + 1}, 1) AS INTEGER)" for i, w in enumerate(_W))
    name = f"{_pick(SURNAMES, 'random()')} || {_pick(GIVEN, 'random()')} || CASE WHEN random() < 0.7 THEN {_pick(GIVEN, 'random()')} ELSE '' END"
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE _people_base AS
        SELECT i, {body} AS b, {name} AS name, {name} AS other_name,
               '1' || {_pick(list('3456789'), 'random()')} || printf('%09d', CAST(floor(random() * 1e9) AS BIGINT)) AS phone,
               {_pick(DISTRICTS, 'random()')} AS district, {_pick(STREETS, 'random()')} AS street,
               CAST(floor(random() * 200) + 1 AS INTEGER) AS house,
               CAST(floor(random() * 40) AS INTEGER) AS tmpl,
               random() AS r1, random() AS r2
        FROM range({rows}) t(i)
        """
    )
    con.execute(
        f"""
        CREATE OR REPLACE TABLE {ident(table)} AS
        WITH p AS (
          SELECT *, b || substr('10X98765432', (({check}) % 11) + 1, 1) AS id_number FROM _people_base
        )
        SELECT
          printf('A%07d', i + 1) AS "受理编号",
          name AS "申请人姓名",
          id_number AS "身份证号",
          CASE WHEN r1 < 0.2 THEN substr(phone, 1, 3) || '-' || substr(phone, 4, 4) || '-' || substr(phone, 8)
               WHEN r1 < 0.3 THEN '+86 ' || phone ELSE phone END AS "联系电话",
          CASE WHEN CAST(substr(id_number, 17, 1) AS INTEGER) % 2 = 1 THEN '男' ELSE '女' END AS "性别",
          strftime(strptime(substr(id_number, 7, 8), '%Y%m%d'), '%Y-%m-%d') AS "出生日期",
          '福建省福州市' || district || street || CAST(house AS VARCHAR) || '号' AS "现居住地址",
          district AS "所属区县",
          CAST(2026 - CAST(substr(id_number, 7, 4) AS INTEGER) AS VARCHAR) AS "年龄",
          CAST(CAST(floor(r2 * r2 * 500000) AS BIGINT) AS VARCHAR) AS "年收入",
          CASE
            WHEN tmpl < 8 THEN '申请人' || name || '来电咨询，联系电话' || phone || '，已登记。'
            WHEN tmpl < 14 THEN '材料齐全，同意办理。其子' || other_name || '代为办理，身份证号' || id_number || '。'
            WHEN tmpl < 18 THEN '现场核实：' || name || '住' || district || street || CAST(house AS VARCHAR) || '号，材料齐全。'
            WHEN tmpl < 22 THEN '经办人联系' || other_name || '（' || substr(phone, 1, 3) || ' ' || substr(phone, 4, 4) || ' ' || substr(phone, 8) || '），同意办理。'
            WHEN tmpl < 30 THEN '材料齐全，同意办理。'
            ELSE NULL
          END AS "备注"
        FROM p ORDER BY i
        """
    )
    con.execute("DROP TABLE _people_base")


PEOPLE_FIELDS = [
    # (release name, extract header, label, type)
    ("case_id", "受理编号", "受理编号", "string"),
    ("applicant", "申请人姓名", "申请人姓名", "string"),
    ("id_number", "身份证号", "身份证号", "string"),
    ("phone", "联系电话", "联系电话", "string"),
    ("gender", "性别", "性别", "string"),
    ("birth_date", "出生日期", "出生日期", "date"),
    ("address", "现居住地址", "现居住地址", "string"),
    ("district", "所属区县", "所属区县", "string"),
    ("age", "年龄", "年龄", "integer"),
    ("income", "年收入", "年收入", "integer"),
    ("remarks", "备注", "备注", "string"),
]
