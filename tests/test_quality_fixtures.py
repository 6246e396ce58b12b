"""Builders shared by the quality tests: a resident-level extract with problems planted in known numbers.

`make_extract` writes a CSV, its manifest and a catalog spec into a tmp dir and returns what was
planted (row numbers per problem, and every personal value written) so tests can count exactly.
"""

from __future__ import annotations

import csv
import hashlib
import json
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from quality import identifiers as ids

EXTRACT_DAY = date(2025, 6, 30)
PROVIDER = "福州市民政局"
DISTRICTS = ["鼓楼区", "台江区", "仓山区", "晋安区", "马尾区", "长乐区"]
SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张"
GIVEN = "嘉懿煜城懿轩烨伟苑博伟泽熠彤鸿煊博涛烨霖烨华煜祺智宸正豪昊然明杰立诚立轩立辉峻熙弘文熠彤"
AREAS = ["350102", "350103", "350104", "350105", "350111", "350112", "350121"]


def resident_id(area: str, birth: date, seq: int) -> str:
    """A valid GB 11643 ID; seq's last digit parity is the gender (odd = male)."""
    body = f"{area}{birth:%Y%m%d}{seq:03d}"
    s = sum(int(d) * w for d, w in zip(body, ids.ID_WEIGHTS))
    return body + ids.ID_CHECK[s % 11]


def credit_code(body17: str) -> str:
    """A valid GB 32100 code for a 17-char body."""
    a = ids.USCC_ALPHABET
    s = sum(a.index(c) * w for c, w in zip(body17, ids.USCC_WEIGHTS))
    return body17 + a[(31 - s % 31) % 31]


def luhn_card(prefix: str, length: int, rng: random.Random) -> str:
    """A card number passing Luhn."""
    body = prefix + "".join(rng.choice("0123456789") for _ in range(length - len(prefix) - 1))
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return body + str((10 - total % 10) % 10)


def _bad_check(value: str, alphabet: str) -> str:
    """Same value with a different last character (so the checksum fails)."""
    last = value[-1].upper()
    options = [c for c in alphabet if c != last]
    return value[:-1] + options[0]


FIELDS: list[dict[str, Any]] = [
    {"name": "name", "source_column": "姓名", "label": "姓名", "required": True, "pii": "person_name", "policy": "partial_mask"},
    {"name": "id_number", "source_column": "身份证号", "label": "身份证号", "required": True, "unique": True,
     "pii": "resident_id", "policy": "redact"},
    {"name": "gender", "source_column": "性别", "label": "性别", "enum": ["男", "女"]},
    {"name": "birth_date", "source_column": "出生日期", "label": "出生日期", "type": "date", "pii": "birth_date", "policy": "generalize"},
    {"name": "phone", "source_column": "手机号", "label": "联系电话", "pii": "mobile_phone", "policy": "partial_mask"},
    {"name": "bank_card", "source_column": "银行卡号", "label": "银行卡号", "pii": "bank_card", "policy": "redact"},
    {"name": "org_code", "source_column": "单位信用代码", "label": "统一社会信用代码", "pii": "company_credit_code"},
    {"name": "age", "source_column": "年龄", "label": "年龄", "type": "integer", "minimum": 0, "maximum": 120},
    {"name": "district", "source_column": "区县", "label": "区县", "enum": DISTRICTS},
    {"name": "postcode", "source_column": "邮编", "label": "邮政编码", "pattern": "35[0-9]{4}"},
    {"name": "record_date", "source_column": "登记日期", "label": "登记日期", "type": "date", "format": "%Y/%m/%d"},
    {"name": "amount", "source_column": "补助金额", "label": "补助金额", "type": "number", "minimum": 0},
    {"name": "remark", "source_column": "备注", "label": "备注", "policy": "scan_text"},
]


@dataclass
class Planted:
    """Where each problem was planted (1-based data rows) and every personal value written."""

    extract: Path
    spec: Path
    rows: int
    problems: dict[str, list[int]] = field(default_factory=dict)
    personal: list[str] = field(default_factory=list)

    def count(self, key: str) -> int:
        return len(self.problems.get(key, []))


def spec_dict(extract_name: str, accept: list[dict[str, Any]] | None = None, frequency: str = "monthly") -> dict[str, Any]:
    """A valid catalog spec for the planted extract."""
    return {
        "id": "test-residents",
        "title": "测试居民补助名单",
        "provider": {"department": PROVIDER, "contact": "民政局办公室 0591-00000000"},
        "domain": "社会保障",
        "summary": "用于测试数据质量检查的居民补助发放名单，含个人信息。",
        "open_type": "authorized",
        "open_conditions": "仅限经审核的科研机构用于公益研究",
        "sharing_type": "unconditional",
        "update_frequency": frequency,
        "source": {"path": extract_name},
        "fields": FIELDS,
        "timeliness": {"column": "record_date"},
        "quality": {"accept": accept or []},
    }


def write_spec(folder: Path, data: dict[str, Any]) -> Path:
    """Write a spec YAML."""
    path = folder / "spec.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def write_manifest(extract: Path, n_rows: int, **override: Any) -> None:
    """The department's manifest beside the extract, truthful unless overridden."""
    manifest = {
        "sha256": hashlib.sha256(extract.read_bytes()).hexdigest(),
        "rows": n_rows,
        "provider": PROVIDER,
        "extracted_at": f"{EXTRACT_DAY.isoformat()}T09:00:00+08:00",
    }
    manifest.update(override)
    extract.with_name(extract.name + ".manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")


def make_extract(folder: Path, n: int = 300, *, plant: bool = True, stale: bool = False, seed: int = 7,
                 accept: list[dict[str, Any]] | None = None, manifest: bool = True) -> Planted:
    """Write extract.csv (+ manifest, + spec.yaml) into `folder`; plant problems unless `plant` is False."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    newest = EXTRACT_DAY - timedelta(days=60 if stale else 3)
    rows: list[dict[str, str]] = []
    for i in range(n):
        birth = date(1940, 1, 1) + timedelta(days=rng.randrange(0, 365 * 60))
        male = rng.random() < 0.5
        seq = rng.randrange(0, 500) * 2 + (1 if male else 0)
        rows.append({
            "姓名": rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN),
            "身份证号": resident_id(rng.choice(AREAS), birth, seq),
            "性别": "男" if male else "女",
            "出生日期": birth.isoformat(),
            "手机号": "1" + rng.choice("3456789") + "".join(rng.choice("0123456789") for _ in range(9)),
            "银行卡号": luhn_card("622848", 19, rng),
            "单位信用代码": credit_code("91350100" + "".join(rng.choice("0123456789ABCDEFGH") for _ in range(9))),
            "年龄": str(EXTRACT_DAY.year - birth.year),
            "区县": rng.choice(DISTRICTS),
            "邮编": "350" + "".join(rng.choice("0123456789") for _ in range(3)),
            # Row 1 carries the newest date; planting never touches row 1.
            "登记日期": (newest - timedelta(days=rng.randrange(0, 20) if i else 0)).strftime("%Y/%m/%d"),
            "补助金额": f"{rng.randrange(100, 5000)}.{rng.randrange(0, 100):02d}",
            "备注": rng.choice(["", "按月发放", "低保", "特困供养"]),
        })
    problems: dict[str, list[int]] = {}
    if plant:
        problems = _plant(rows, rng)
    extract = folder / "extract.csv"
    with extract.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    if manifest:
        write_manifest(extract, len(rows))
    spec = write_spec(folder, spec_dict(extract.name, accept))
    personal = [v for r in rows for k in ("姓名", "身份证号", "手机号", "银行卡号", "出生日期") if (v := r[k].strip())]
    return Planted(extract, spec, len(rows), problems, personal)


def _plant(rows: list[dict[str, str]], rng: random.Random) -> dict[str, list[int]]:
    """Plant each problem in distinct rows (never row 1); return the 1-based rows per check key."""
    free = list(range(2, len(rows) + 1))
    rng.shuffle(free)

    def take(k: int) -> list[int]:
        return sorted(free.pop() for _ in range(k))

    p: dict[str, list[int]] = {}
    p["completeness.required:name"] = take(3)
    for r in p["completeness.required:name"]:
        rows[r - 1]["姓名"] = "  "  # blank: ingest trims it to NULL
    p["accuracy.resident_id:id_number"] = take(4)
    for r in p["accuracy.resident_id:id_number"]:
        rows[r - 1]["身份证号"] = _bad_check(rows[r - 1]["身份证号"], ids.ID_CHECK)
    p["accuracy.credit_code:org_code"] = take(2)
    for r in p["accuracy.credit_code:org_code"]:
        rows[r - 1]["单位信用代码"] = _bad_check(rows[r - 1]["单位信用代码"], ids.USCC_ALPHABET)
    p["accuracy.bank_card:bank_card"] = take(3)
    for r in p["accuracy.bank_card:bank_card"]:
        card = rows[r - 1]["银行卡号"]
        rows[r - 1]["银行卡号"] = card[:-1] + str((int(card[-1]) + 1) % 10)
    p["accuracy.phone:phone"] = take(5)
    for r, bad in zip(p["accuracy.phone:phone"], ["1234567", "23812345678", "1381234567", "138-1234-56789", "电话13812345678"]):
        rows[r - 1]["手机号"] = bad
    p["accuracy.range:age"] = take(2)
    for r, bad in zip(p["accuracy.range:age"], ["150", "-1"]):
        rows[r - 1]["年龄"] = bad
    p["accuracy.type:age"] = take(1)
    rows[p["accuracy.type:age"][0] - 1]["年龄"] = "三十"
    p["accuracy.enum:district"] = take(3)
    for r in p["accuracy.enum:district"]:
        rows[r - 1]["区县"] = "外星区"
    p["accuracy.pattern:postcode"] = take(2)
    for r, bad in zip(p["accuracy.pattern:postcode"], ["100000", "35001"]):
        rows[r - 1]["邮编"] = bad
    p["accuracy.type:record_date"] = take(2)
    for r, bad in zip(p["accuracy.type:record_date"], ["2025/13/45", "2025-06-01"]):
        rows[r - 1]["登记日期"] = bad
    p["accuracy.type:amount"] = take(1)
    rows[p["accuracy.type:amount"][0] - 1]["补助金额"] = "一百元"
    p["accuracy.range:amount"] = take(1)
    rows[p["accuracy.range:amount"][0] - 1]["补助金额"] = "-20.5"
    # ID against birth date (2 rows) and against gender (1 row); the IDs themselves stay valid.
    p["accuracy.id_consistency:id_number"] = take(3)
    a, b, c = p["accuracy.id_consistency:id_number"]
    for r in (a, b):
        birth = date.fromisoformat(rows[r - 1]["出生日期"]) + timedelta(days=1)
        rows[r - 1]["出生日期"] = birth.isoformat()
    rows[c - 1]["性别"] = "女" if rows[c - 1]["性别"] == "男" else "男"
    # Duplicates: copy two earlier rows' ID, birth date and gender (so nothing else fails).
    dupes = take(2)
    p["accuracy.unique:id_number"] = dupes
    sources = free[:2]  # rows no other problem touches
    for r, s in zip(dupes, sources):
        for k in ("身份证号", "出生日期", "性别"):
            rows[r - 1][k] = rows[s - 1][k]
    # The duplicate's own row number is reported only when it comes after its source.
    p["accuracy.unique:id_number"] = sorted(max(r, s) for r, s in zip(dupes, sources))
    return p
