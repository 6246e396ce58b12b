#!/usr/bin/env python3
"""Generate the sample extracts in `sample_data/`, reproducibly.

Every dataset has its own seeded `random.Random` and seeded zh_CN `Faker`, so running this twice
(with the same pinned faker / openpyxl / pyarrow) writes byte-identical files, and one dataset's
content does not depend on which others are generated. Beside each extract it writes the department's
manifest `<extract file name>.manifest.json` (DESIGN.md §5) with a fixed `extracted_at`; record dates
end a few days before it so the timeliness window of each spec's `update_frequency` passes.

    .venv/bin/python scripts/generate_sample_data.py            # full size, into sample_data/
    .venv/bin/python scripts/generate_sample_data.py --out /tmp/x --scale 0.01

All identifiers are synthetic but valid: resident IDs carry the GB 11643 check character, credit
codes the GB 32100 check character (and a GB 11714 organisation code inside), bank cards a Luhn digit.

Resident IDs carry the area code in force when the ID was first issued, as real ones do; note that
python-stdnum's `cn.ric.is_valid` rejects many of them (see AREA_HISTORY below).

Planted imperfections -- ONLY in market-penalties.xlsx, at fixed relative row positions, so that the
quality report has something to show (every other extract is clean):
  1. 3 rows with a blank 处罚内容 (required field; completeness), at rows n*0.13, n*0.47, n*0.81.
  2. 1 duplicated 处罚决定书文号 (unique field; accuracy): the row at n*0.62 repeats the number of the
     row before it (a re-used number typed in by hand).
  3. 2 rows whose 统一社会信用代码 has two adjacent characters transposed, so the GB 32100 check
     character no longer matches (accuracy), at rows n*0.29 and n*0.73.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import functools
import hashlib
import io
import json
import random
import re
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from faker import Faker

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "sample_data"

CST = dt.timezone(dt.timedelta(hours=8))
EXTRACTED_AT = dt.datetime(2026, 11, 20, 9, 0, 0, tzinfo=CST)
#: Newest record date in every time-stamped extract: two days before extraction.
LAST_DAY = dt.date(2026, 11, 18)

# ---------------------------------------------------------------------------------------------
# Fuzhou geography: the 13 county-level divisions, their 2017+ division codes, an approximate
# centre, and a few real sub-district names (街道 / 镇 / 乡) and roads in each.
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class District:
    """One county-level division of Fuzhou."""

    name: str
    code: str
    lon: float
    lat: float
    streets: tuple[str, ...]
    roads: tuple[str, ...]
    weight: float  # share of the population, roughly; used to spread records
    spread: float  # degrees of jitter around the centre for coordinates


DISTRICTS: tuple[District, ...] = (
    District("鼓楼区", "350102", 119.296, 26.082,
             ("鼓东街道", "鼓西街道", "温泉街道", "东街街道", "南街街道", "安泰街道", "华大街道", "水部街道", "五凤街道", "洪山镇"),
             ("五四路", "杨桥中路", "湖东路", "北环中路", "乌山路", "西洪路", "铜盘路", "华林路", "东街", "古田路"), 9, 0.015),
    District("台江区", "350103", 119.314, 26.058,
             ("瀛洲街道", "后洲街道", "义洲街道", "新港街道", "上海街道", "苍霞街道", "茶亭街道", "洋中街道", "鳌峰街道", "宁化街道"),
             ("八一七中路", "江滨中大道", "工业路", "五一中路", "六一中路", "广达路", "群众路", "国货西路", "交通路", "鳌峰路"), 7, 0.012),
    District("仓山区", "350104", 119.319, 26.035,
             ("仓前街道", "东升街道", "对湖街道", "临江街道", "三叉街街道", "上渡街道", "下渡街道", "金山街道", "盖山镇", "建新镇", "城门镇", "螺洲镇"),
             ("则徐大道", "首山路", "金榕北路", "浦上大道", "六一南路", "建新北路", "金山大道", "林浦路", "南江滨西大道", "闽江大道"), 10, 0.025),
    District("马尾区", "350105", 119.456, 25.993,
             ("罗星街道", "马尾镇", "亭江镇", "琅岐镇"),
             ("罗星路", "江滨东大道", "儒江西路", "沿山西路", "君竹路", "快安路", "星发路"), 4, 0.03),
    District("晋安区", "350111", 119.328, 26.100,
             ("茶园街道", "王庄街道", "象园街道", "鼓山镇", "新店镇", "岳峰镇", "宦溪镇", "寿山乡"),
             ("福新中路", "长乐中路", "化工路", "塔头路", "岳峰路", "连江北路", "福马路", "秀峰路", "战坂路", "东二环路"), 9, 0.03),
    District("长乐区", "350112", 119.523, 25.962,
             ("吴航街道", "航城街道", "营前街道", "漳港街道", "首占镇", "金峰镇", "潭头镇", "古槐镇"),
             ("郑和中路", "十洋街", "胪峰大道", "会堂南路", "和平街", "航城路", "首占大道"), 8, 0.05),
    District("闽侯县", "350121", 119.131, 26.150,
             ("甘蔗街道", "上街镇", "南屿镇", "南通镇", "青口镇", "荆溪镇", "祥谦镇", "白沙镇"),
             ("昙石山中大道", "溪源江路", "乌龙江大道", "高新大道", "学府路", "荆溪大道", "南屿大道"), 10, 0.06),
    District("连江县", "350122", 119.539, 26.197,
             ("凤城镇", "敖江镇", "琯头镇", "东岱镇", "丹阳镇", "潘渡乡"),
             ("江滨路", "丹凤西路", "玉荷东路", "百胜路", "贵安大道", "115线"), 7, 0.06),
    District("罗源县", "350123", 119.549, 26.489,
             ("凤山镇", "松山镇", "起步镇", "碧里乡"),
             ("罗川路", "莲花山路", "解放路", "凤山北路", "滨湖路"), 3, 0.05),
    District("闽清县", "350124", 118.863, 26.221,
             ("梅城镇", "白樟镇", "坂东镇", "池园镇", "白中镇"),
             ("台山路", "梅溪路", "解放大街", "六都路", "梅埔路"), 3, 0.06),
    District("永泰县", "350125", 118.932, 25.866,
             ("樟城镇", "城峰镇", "嵩口镇", "梧桐镇", "清凉镇"),
             ("南湖路", "城南路", "青云路", "东门路", "樟城大道"), 4, 0.07),
    District("平潭综合实验区", "350128", 119.790, 25.500,
             ("潭城镇", "苏澳镇", "流水镇", "澳前镇", "北厝镇", "平原镇", "敖东镇", "芦洋乡"),
             ("西航路", "麒麟路", "金井路", "中原路", "城关路", "环岛路"), 4, 0.05),
    District("福清市", "350181", 119.384, 25.720,
             ("玉屏街道", "龙山街道", "龙江街道", "宏路街道", "音西街道", "阳下街道", "江阴镇", "龙田镇", "高山镇", "渔溪镇"),
             ("清荣大道", "一拂路", "利桥街", "元载路", "福唐路", "玉屏路", "福人大道"), 14, 0.08),
)
DISTRICT_NAMES: tuple[str, ...] = tuple(d.name for d in DISTRICTS)


def local_office(district: District, office: str) -> str:
    """A district-level office name: 福州市鼓楼区市场监督管理局 but 福清市市场监督管理局."""
    city_districts = ("鼓楼区", "台江区", "仓山区", "马尾区", "晋安区", "长乐区")
    return f"福州市{district.name}{office}" if district.name in city_districts else f"{district.name}{office}"
#: Area codes a district's residents carry in their resident IDs, newest first. An ID keeps the
#: division code in force when it was first issued (resident IDs began in 1985; the 1999 18-digit
#: upgrade kept the code): 长乐 was 长乐县 350126 until 1994 and 长乐市 350182 until 2017, 福清 was
#: 福清县 350127 until 1990. NOTE: python-stdnum's `cn.ric.is_valid` checks the code against the *birth*
#: year instead, so it rejects real IDs such as 350102 for someone born before 1983 -- many IDs here
#: (all checksum-valid per GB 11643) fail it for that reason alone.
AREA_HISTORY: dict[str, tuple[str, ...]] = {
    "350112": ("350112", "350182", "350126"),
    "350181": ("350181", "350127"),
}
#: Area codes elsewhere in Fujian (厦门思明, 仙游, 尤溪, 惠安, 南安, 龙海, 政和), for residents born there.
OTHER_BIRTH_AREAS = ("350203", "350322", "350426", "350521", "350583", "350681", "350725")


@functools.cache
def area_valid_in(code: str, year: int) -> bool:
    """Whether division code `code` was in force in `year` (python-stdnum's copy of the code table)."""
    from stdnum.cn import ric

    try:
        ric.get_birth_place(f"{code}{year}01010000")
    except ValueError:
        return False
    return True


SURNAMES: tuple[tuple[str, int], ...] = (
    ("陈", 120), ("林", 100), ("黄", 60), ("张", 45), ("吴", 40), ("李", 40), ("王", 38), ("郑", 35),
    ("刘", 30), ("杨", 20), ("许", 18), ("蔡", 16), ("何", 14), ("郭", 14), ("游", 10), ("翁", 10),
    ("潘", 9), ("魏", 9), ("詹", 8), ("邱", 8), ("江", 8), ("高", 8), ("方", 8), ("施", 7), ("卢", 7),
    ("薛", 6), ("朱", 6), ("谢", 6), ("叶", 6), ("周", 6), ("罗", 5), ("曾", 5), ("杜", 4), ("余", 4),
    ("池", 3), ("严", 3), ("官", 3), ("念", 2), ("缪", 2), ("兰", 2),
)
COMMUNITY_WORDS = ("金域", "融侨", "阳光", "正祥", "世茂", "泰禾", "三盛", "中庚", "建发", "榕城", "温泉", "福新",
                   "左海", "西湖", "东湖", "凤凰", "江滨", "紫阳", "福光", "金山", "桂湖", "海润", "闽江", "象园")
COMMUNITY_SUFFIXES = ("花园", "新村", "小区", "公寓", "家园", "苑", "华庭", "山庄", "广场")
VILLAGE_CHARS = "东西南北上下前后新岭坑洋厝埔头溪山湖塘里坂峰田洲垅林竹石"
BRAND_CHARS = "闽榕鑫源恒泰宏达金诚海峡信华盛兴隆安康福顺德利嘉通瑞丰元和鼎晟汇锦联创佳航宇润祥凯辉"

# UnionPay debit card BINs (all start with 62) and card lengths.
CARD_BINS: tuple[tuple[str, int], ...] = (
    ("622202", 19), ("622848", 19), ("621700", 19), ("621661", 19), ("622262", 19), ("622909", 18),
    ("623668", 19), ("621483", 16),
)
MOBILE_PREFIXES = ("130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "153",
                   "155", "156", "157", "158", "159", "166", "173", "175", "176", "177", "180", "181", "182",
                   "183", "185", "186", "187", "188", "189", "191", "193", "198", "199")


# ---------------------------------------------------------------------------------------------
# Identifier helpers (DESIGN.md §4)
# ---------------------------------------------------------------------------------------------

RIC_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def ric_check_char(first17: str) -> str:
    """GB 11643 check character of the first 17 digits of a resident ID."""
    total = sum(int(d) * w for d, w in zip(first17, RIC_WEIGHTS, strict=True))
    return "10X98765432"[total % 11]


def uscc_check_char(first17: str) -> str:
    """GB 32100 check character: weights 3^(i-1) mod 31 over the 31-character alphabet."""
    total = sum(USCC_ALPHABET.index(c) * pow(3, i, 31) for i, c in enumerate(first17))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def org_code_check_char(first8: str) -> str:
    """GB 11714 check character of an organisation code (the 9 characters inside a USCC)."""
    total = sum((int(c) if c.isdigit() else ord(c) - 55) * w for c, w in zip(first8, ORG_CODE_WEIGHTS, strict=True))
    check = 11 - total % 11
    return "X" if check == 10 else "0" if check == 11 else str(check)


def luhn_check_digit(payload: str) -> str:
    """Luhn digit that makes `payload + digit` pass the Luhn test."""
    total = 0
    for i, ch in enumerate(reversed(payload)):
        d = int(ch)
        if i % 2 == 0:  # these positions are doubled once the check digit is appended
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return str((10 - total % 10) % 10)


class Gen:
    """Seeded generators for the realistic values every dataset shares."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.fake = Faker("zh_CN")
        self.fake.seed_instance(seed)
        self._surnames = [s for s, _ in SURNAMES]
        self._surname_weights = [w for _, w in SURNAMES]
        self._used_ids: set[str] = set()
        self._used_codes: set[str] = set()

    # -- people ------------------------------------------------------------------------------

    def surname(self) -> str:
        """A surname, weighted the way they are common in Fuzhou."""
        return self.rng.choices(self._surnames, self._surname_weights)[0]

    def person_name(self, gender: str | None = None, surname: str | None = None) -> str:
        """A Chinese full name; `gender` is 男 or 女 (random if None)."""
        gender = gender or self.rng.choice("男女")
        given = self.fake.first_name_male() if gender == "男" else self.fake.first_name_female()
        return (surname or self.surname()) + given

    def resident_id(self, birth: dt.date, gender: str, area: str) -> str:
        """A valid, unique 18-character resident ID (odd sequence digit = male)."""
        while True:
            seq = self.rng.randrange(0, 500) * 2 + (1 if gender == "男" else 0)
            first17 = f"{area}{birth:%Y%m%d}{seq:03d}"
            rid = first17 + ric_check_char(first17)
            if rid not in self._used_ids:
                self._used_ids.add(rid)
                return rid

    def birth_area(self, district: District, birth: dt.date) -> str:
        """ID area code: the district's (or, for some, another Fujian county's) when the ID was first issued."""
        issued = min(max(birth.year + 16, 1985), LAST_DAY.year)
        candidates = AREA_HISTORY.get(district.code, (district.code,))
        if self.rng.random() < 0.12:
            candidates = (self.rng.choice(OTHER_BIRTH_AREAS), *candidates)
        return next((code for code in candidates if area_valid_in(code, issued)), district.code)

    def mobile(self) -> str:
        """A mainland mobile number, 1[3-9] + 9 digits."""
        return self.rng.choice(MOBILE_PREFIXES) + f"{self.rng.randrange(10**8):08d}"

    def landline(self) -> str:
        """A Fuzhou landline, 0591-xxxxxxxx."""
        return f"0591-{self.rng.choice('2235688888')}{self.rng.randrange(10**7):07d}"

    def bank_card(self) -> str:
        """A UnionPay card number (starts 62) with a valid Luhn digit."""
        bin_, length = self.rng.choice(CARD_BINS)
        body = bin_ + "".join(self.rng.choice("0123456789") for _ in range(length - len(bin_) - 1))
        return body + luhn_check_digit(body)

    def plate(self) -> str:
        """A Fuzhou plate: 闽A + 5 characters, or 闽A + D/F + 5 digits for new-energy cars."""
        if self.rng.random() < 0.2:
            return "闽A" + self.rng.choice("DF") + f"{self.rng.randrange(10**5):05d}"
        letters = "ABCDEFGHJKLMNPQRSTUVWXYZ"
        chars = [self.rng.choice(letters) if self.rng.random() < 0.3 else self.rng.choice("0123456789") for _ in range(5)]
        return "闽A" + "".join(chars)

    # -- places ------------------------------------------------------------------------------

    def district(self, urban_bias: float = 1.0) -> District:
        """A district, weighted by population (`urban_bias` > 1 favours the five city districts)."""
        weights = [d.weight * (urban_bias if d.code < "350112" else 1.0) for d in DISTRICTS]
        return self.rng.choices(DISTRICTS, weights)[0]

    def village(self) -> str:
        """A village name such as 坑头村."""
        return "".join(self.rng.sample(VILLAGE_CHARS, 2)) + "村"

    def address(self, district: District, street: str | None = None, home: bool = True) -> str:
        """An address in `district`, written 福州市<区县><街道/镇>...; a home has building and flat."""
        street = street or self.rng.choice(district.streets)
        if street.endswith(("镇", "乡")) and self.rng.random() < 0.5:
            return f"福州市{district.name}{street}{self.village()}{self.rng.randint(1, 260)}号"
        road = self.rng.choice(district.roads)
        if not home:
            return f"福州市{district.name}{street}{road}{self.rng.randint(1, 600)}号"
        community = self.rng.choice(COMMUNITY_WORDS) + self.rng.choice(COMMUNITY_SUFFIXES)
        return (f"福州市{district.name}{street}{road}{self.rng.randint(1, 400)}号{community}"
                f"{self.rng.randint(1, 24)}座{self.rng.randint(1, 32)}{self.rng.randint(1, 8):02d}室")

    def brand(self) -> str:
        """A two-character trade name (字号)."""
        return "".join(self.rng.sample(BRAND_CHARS, 2))

    def uscc(self, area: str, kind: str = "91") -> str:
        """A valid, unique unified social credit code; `kind` is the registration + type prefix."""
        while True:
            if self.rng.random() < 0.6:  # post-2015 codes: MA + 6 characters
                body = "MA" + "".join(self.rng.choice(USCC_ALPHABET[:-1]) for _ in range(6))
            else:
                body = f"{self.rng.randrange(10**8):08d}"
            org = body + org_code_check_char(body)
            first17 = kind + area + org
            code = first17 + uscc_check_char(first17)
            if code not in self._used_codes:
                self._used_codes.add(code)
                return code

    # -- dates -------------------------------------------------------------------------------

    def date_between(self, start: dt.date, end: dt.date, workdays: bool = False) -> dt.date:
        """A uniformly random date in [start, end], optionally Monday to Friday only."""
        while True:
            day = start + dt.timedelta(days=self.rng.randint(0, (end - start).days))
            if not workdays or day.weekday() < 5:
                return day

    def birth_date(self, age: int, on: dt.date = EXTRACTED_AT.date()) -> dt.date:
        """A birth date giving `age` full years on `on`."""
        latest = dt.date(on.year - age, on.month, min(on.day, 28))
        return latest - dt.timedelta(days=self.rng.randint(0, 364))


# ---------------------------------------------------------------------------------------------
# Writers: each returns the number of data rows written
# ---------------------------------------------------------------------------------------------


def write_csv(path: Path, header: Sequence[str], rows: list[list[Any]], encoding: str) -> int:
    """A CSV with CRLF line ends, the way spreadsheet exports write it."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))  # strict: fail loudly on an unencodable name
    return len(rows)


def write_xlsx(path: Path, sheet: str, header: Sequence[str], rows: list[list[Any]], creator: str) -> int:
    """One-sheet workbook; zip entry times and document dates pinned so the bytes are reproducible."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(list(header))
    for row in rows:
        ws.append(row)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, dt.date):
                cell.number_format = "yyyy-mm-dd"
    ws.freeze_panes = "A2"
    wb.properties.creator = creator
    buf = io.BytesIO()
    wb.save(buf)  # openpyxl stamps "modified" with the current time: pinned below
    path.write_bytes(_pin_zip(buf.getvalue()))
    return len(rows)


def _pin_zip(data: bytes) -> bytes:
    stamp = EXTRACTED_AT.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:)", rb"\g<1>" + stamp + rb"\g<3>", body)
            pinned = zipfile.ZipInfo(info.filename, date_time=EXTRACTED_AT.timetuple()[:6])
            pinned.compress_type = zipfile.ZIP_DEFLATED
            pinned.external_attr = 0o644 << 16
            dst.writestr(pinned, body)
    return out.getvalue()


def write_json(path: Path, records: list[dict[str, Any]]) -> int:
    """A UTF-8 JSON array of objects."""
    path.write_text(json.dumps(records, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return len(records)


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> int:
    """JSON Lines: one UTF-8 object per line."""
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return len(records)


def write_manifest(extract: Path, rows: int, provider: str) -> Path:
    """The department's manifest beside the extract (DESIGN.md §5)."""
    manifest = extract.with_name(extract.name + ".manifest.json")
    body = {
        "sha256": hashlib.sha256(extract.read_bytes()).hexdigest(),
        "rows": rows,
        "provider": provider,
        "extracted_at": EXTRACTED_AT.isoformat(),
    }
    manifest.write_text(json.dumps(body, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return manifest


# ---------------------------------------------------------------------------------------------
# Datasets: each writes its extract and returns (path, rows, provider department)
# ---------------------------------------------------------------------------------------------

Result = tuple[Path, int, str]

# Age of a 低保 household head, in ten-year bands, with relative weights.
HEAD_AGE_BANDS = ((18, 29, 4), (30, 39, 8), (40, 49, 14), (50, 59, 20), (60, 69, 22), (70, 79, 18), (80, 89, 11), (90, 96, 3))
LOW_INCOME_PLAIN_NOTES = ("已入户核查", "年度复核通过", "家庭经济状况无变化", "新增保障对象", "按新标准调整保障金额",
                          "重度残疾人单独施保", "支出型贫困家庭", "动态管理，半年复核一次", "已完成家庭经济状况信息核对",
                          "由低保边缘家庭转入", "分类施保，上浮10%", "残疾人两项补贴同步发放", "")


def _low_income_remark(g: Gen, head: str, head_gender: str, district: District) -> str:
    """备注: about a third of remarks name people or carry their personal data, the rest are plain."""
    if g.rng.random() >= 1 / 3:
        return g.rng.choice(LOW_INCOME_PLAIN_NOTES)
    family = head[0]
    kind = g.rng.randrange(9)
    if kind == 0:
        child = g.person_name("男", family)
        return f"户主{head}因病丧失劳动能力，其子{child}在读，联系人{g.person_name()} {g.mobile()}"
    if kind == 1:
        age = g.rng.randint(20, 60)
        birth = g.birth_date(age)
        gender = g.rng.choice("男女")
        rid = g.resident_id(birth, gender, g.birth_area(district, birth))
        return f"家庭成员{g.person_name(gender, family)}身份证{rid}变更"
    if kind == 2:
        spouse = g.person_name("女" if head_gender == "男" else "男")
        died = g.date_between(dt.date(2024, 1, 1), LAST_DAY)
        return f"原户主{g.person_name(head_gender, family)}于{died:%Y年%m月%d日}去世，保障对象变更为其配偶{head}，联系电话{g.mobile()}"
    if kind == 3:
        return f"委托{g.person_name()}代为领取保障金，代领人电话{g.mobile()}"
    if kind == 4:
        age = g.rng.randint(18, 30)
        birth = g.birth_date(age)
        gender = g.rng.choice("男女")
        rid = g.resident_id(birth, gender, g.birth_area(district, birth))
        month = g.date_between(dt.date(2025, 1, 1), LAST_DAY)
        return f"{g.person_name(gender, family)}（身份证号{rid}）已于{month:%Y年%m月}就业，下月起调减保障金额"
    if kind == 5:
        return f"经核查，户主{head}名下登记车辆{g.plate()}已报废注销，符合条件"
    if kind == 6:
        return f"银行卡号变更为{g.bank_card()}，开户人{head}"
    if kind == 7:
        return f"社区网格员{g.person_name()}入户核查，联系电话{g.landline()}"
    daughter = g.person_name("女", family)
    return f"其女{daughter}患重病，住院费用已纳入支出型贫困认定，联系人{g.person_name()}{g.mobile()}"


def civil_affairs_low_income(out: Path, n: int) -> Result:
    """最低生活保障对象名录, 福州市民政局: person-level, GBK CSV."""
    g = Gen(seed=11001)
    provider = "福州市民政局"
    header = ["姓名", "公民身份号码", "性别", "出生日期", "联系电话", "现居住地址", "所属区县", "街道",
              "家庭人口", "保障金额（元）", "银行卡号", "批准日期", "备注"]
    standard = 1000  # monthly 低保 standard per person, yuan
    rows = []
    for _ in range(n):
        district = g.district(urban_bias=0.8)
        street = g.rng.choice(district.streets)
        gender = g.rng.choice("男女")
        low, high, _w = g.rng.choices(HEAD_AGE_BANDS, [b[2] for b in HEAD_AGE_BANDS])[0]
        birth = g.birth_date(g.rng.randint(low, high))
        name = g.person_name(gender)
        rid = g.resident_id(birth, gender, g.birth_area(district, birth))
        r = g.rng.random()
        phone = g.mobile() if r < 0.97 else ""  # a few heads have no phone on record
        household = g.rng.choices((1, 2, 3, 4, 5, 6), (30, 26, 20, 13, 7, 4))[0]
        income_per_head = g.rng.choice((0, 0, 0, 150, 200, 300, 400, 500, 600, 700))
        amount = max(100, household * (standard - income_per_head))
        adult = dt.date(birth.year + 18, birth.month, min(birth.day, 28))
        approved = g.date_between(min(max(dt.date(2016, 1, 4), adult), LAST_DAY), LAST_DAY)
        rows.append([name, rid, gender, birth.isoformat(), phone, g.address(district, street), district.name, street,
                     household, amount, g.bank_card(), approved.isoformat(),
                     _low_income_remark(g, name, gender, district)])
    rows.sort(key=lambda row: (row[11], row[1]))  # exported in order of approval
    path = out / "civil-affairs-low-income.csv"
    return path, write_csv(path, header, rows, encoding="gbk"), provider


# (违法行为类型, 处罚依据, typical fine range in 万元)
VIOLATIONS: tuple[tuple[str, str, float, float], ...] = (
    ("销售不合格产品", "《中华人民共和国产品质量法》第四十九条", 0.2, 5.0),
    ("发布虚假广告", "《中华人民共和国广告法》第五十五条第一款", 1.0, 20.0),
    ("未按规定明码标价", "《明码标价和禁止价格欺诈规定》第二十一条", 0.0, 0.5),
    ("销售超过保质期的食品", "《中华人民共和国食品安全法》第一百二十四条第一款第（五）项", 0.5, 5.0),
    ("未履行食品进货查验义务", "《中华人民共和国食品安全法》第一百二十六条第一款第（三）项", 0.5, 2.0),
    ("无照经营", "《无证无照经营查处办法》第十三条", 0.0, 1.0),
    ("使用未经检定的计量器具", "《中华人民共和国计量法实施细则》第四十三条", 0.1, 1.0),
    ("价格欺诈", "《中华人民共和国价格法》第四十条", 0.5, 10.0),
    ("侵犯注册商标专用权", "《中华人民共和国商标法》第六十条第二款", 0.5, 25.0),
    ("虚假宣传", "《中华人民共和国反不正当竞争法》第二十条", 1.0, 30.0),
    ("使用未经定期检验的特种设备", "《中华人民共和国特种设备安全法》第八十四条第（一）项", 3.0, 10.0),
    ("未按规定公示年度报告", "《企业信息公示暂行条例》第十八条", 0.0, 0.5),
    ("经营未按规定进行检疫的肉类", "《中华人民共和国食品安全法》第一百二十三条第一款第（四）项", 10.0, 20.0),
)
INDUSTRY_WORDS = ("贸易", "商贸", "电子科技", "网络科技", "建筑工程", "餐饮管理", "食品", "医药", "物业管理", "汽车销售",
                  "服装", "机械设备", "物流", "装饰工程", "文化传媒", "教育咨询", "水产", "茶业", "电器", "超市")
PENALTY_PLAIN_NOTES = ("已履行完毕", "罚款已缴纳", "当事人已改正违法行为", "依法从轻处罚", "案件来源：日常监督检查",
                       "案件来源：投诉举报", "案件来源：上级交办", "已申请分期缴纳罚款", "适用简易程序", "", "", "")


def _penalty_remark(g: Gen, legal_rep: str) -> str:
    """备注: about a quarter name a party, an agent or a complainant, with a phone or plate."""
    if g.rng.random() >= 0.25:
        return g.rng.choice(PENALTY_PLAIN_NOTES)
    kind = g.rng.randrange(4)
    if kind == 0:
        return f"当事人委托代理人{g.person_name()}（电话{g.mobile()}）到场陈述申辩"
    if kind == 1:
        return f"法定代表人{legal_rep}当场签收处罚决定书"
    if kind == 2:
        return f"举报人{g.person_name()}来电{g.mobile()}反映，经查属实"
    return f"扣押运输车辆{g.plate()}，已依法返还当事人{legal_rep}"


def _fine_text(fine: float, confiscated: int) -> str:
    """处罚内容 as decisions word it: numbered items when there is more than one."""
    parts = []
    if confiscated:
        parts.append(f"没收违法所得人民币{confiscated:,}.00元")
    parts.append(f"罚款人民币{round(fine * 10000):,}.00元" if fine > 0 else "警告")
    if len(parts) == 1:
        return parts[0] + "。"
    return "；".join(f"{i}.{p}" for i, p in enumerate(parts, 1)) + "。"


def market_penalties(out: Path, n: int) -> Result:
    """行政处罚信息, 福州市市场监督管理局: general-open, xlsx, with planted imperfections."""
    g = Gen(seed=12002)
    provider = "福州市市场监督管理局"
    agency_abbr = {"鼓楼区": "榕鼓", "台江区": "榕台", "仓山区": "榕仓", "马尾区": "榕马", "晋安区": "榕晋", "长乐区": "长",
                   "闽侯县": "侯", "连江县": "连", "罗源县": "罗", "闽清县": "闽清", "永泰县": "永", "平潭综合实验区": "岚",
                   "福清市": "融"}
    header = ["处罚决定书文号", "企业名称", "统一社会信用代码", "法定代表人", "法定代表人身份证号", "违法行为类型", "处罚依据",
              "处罚内容", "罚款金额（万元）", "处罚决定日期", "处罚机关", "备注"]
    cases = []
    for _ in range(n):
        district = g.district()
        city_level = g.rng.random() < 0.15  # the municipal bureau handles the larger cases itself
        agency = provider if city_level else local_office(district, "市场监督管理局")
        abbr = "榕" if city_level else agency_abbr[district.name]
        day = g.date_between(dt.date(2023, 1, 3), LAST_DAY + dt.timedelta(days=1), workdays=True)
        if g.rng.random() < 0.12:
            company = f"福州市{district.name}{g.brand()}{g.rng.choice(('便利店', '小吃店', '水果店', '五金店', '药店', '餐馆'))}"
            code = g.uscc(district.code, "92")
        else:
            prefix = g.rng.choice(("福州", "福州", "福建", f"福州{district.name[:2]}"))
            company = f"{prefix}{g.brand()}{g.rng.choice(INDUSTRY_WORDS)}{g.rng.choice(('有限公司', '有限公司', '有限责任公司'))}"
            code = g.uscc(district.code, "91")
        gender = g.rng.choices("男女", (65, 35))[0]
        birth = g.birth_date(g.rng.randint(24, 68))
        rep = g.person_name(gender)
        rep_id = g.resident_id(birth, gender, g.birth_area(district, birth))
        violation, basis, low, high = g.rng.choice(VIOLATIONS)
        if low == 0.0 and g.rng.random() < 0.3:
            fine = 0.0  # warning only
        else:
            fine = max(0.05, round(g.rng.uniform(low, high) * 20) / 20)  # fines in steps of 500 yuan
        confiscated = g.rng.choice((0, 0, 0, g.rng.randint(2, 400) * 10))
        cases.append({"day": day, "abbr": abbr, "company": company, "code": code, "rep": rep, "rep_id": rep_id,
                      "violation": violation, "basis": basis, "content": _fine_text(fine, confiscated),
                      "fine": round(fine, 2), "agency": agency, "note": _penalty_remark(g, rep)})
    cases.sort(key=lambda c: (c["day"], c["abbr"], c["code"]))
    sequence: dict[tuple[str, int], int] = {}
    rows = []
    for c in cases:
        key = (c["abbr"], c["day"].year)
        sequence[key] = sequence.get(key, 0) + g.rng.randint(1, 3)  # numbers are shared with other case types
        number = f"{c['abbr']}市监处罚〔{c['day'].year}〕{sequence[key]}号"
        rows.append([number, c["company"], c["code"], c["rep"], c["rep_id"], c["violation"], c["basis"], c["content"],
                     c["fine"], c["day"], c["agency"], c["note"]])
    _plant_penalty_imperfections(rows)
    path = out / "market-penalties.xlsx"
    return path, write_xlsx(path, "行政处罚信息", header, rows, creator=provider), provider


def _plant_penalty_imperfections(rows: list[list[Any]]) -> None:
    """The imperfections listed in the module docstring, at fixed relative positions."""
    n = len(rows)
    for share in (0.13, 0.47, 0.81):
        rows[int(n * share)][7] = ""  # 处罚内容 left blank
    rows[int(n * 0.62)][0] = rows[int(n * 0.62) - 1][0]  # 处罚决定书文号 re-used
    for share in (0.29, 0.73):
        code = rows[int(n * share)][2]
        i = next(i for i in range(10, 16) if code[i] != code[i + 1])  # swap two different characters
        rows[int(n * share)][2] = code[:i] + code[i + 1] + code[i] + code[i + 2:]


LANDMARKS = ("省立医院", "福州大学", "五一广场", "三坊七巷", "西湖公园", "福州火车站", "福州南站", "东街口", "南门兜", "省体育中心",
             "福建师范大学", "海峡国际会展中心", "闽江公园", "左海公园", "金山公园", "福州一中", "协和医院", "市一医院", "万达广场", "宝龙广场")


def _bus_line(g: Gen, district: District) -> str:
    if district.code < "350112":  # the five central districts: city lines
        r = g.rng.random()
        if r < 0.8:
            return f"{g.rng.randint(1, 199)}路"
        if r < 0.93:
            return f"K{g.rng.randint(1, 12)}路"
        return f"夜{g.rng.randint(1, 10)}路"
    return f"{district.name[:2]}{g.rng.randint(1, 30)}路"


def transport_bus_stops(out: Path, n: int) -> Result:
    """公交站点信息, 福州市交通运输局: no personal data, UTF-8 CSV with BOM, dates as %Y/%m/%d."""
    g = Gen(seed=13003)
    provider = "福州市交通运输局"
    header = ["站点编号", "站点名称", "所属线路", "所属区县", "经度", "纬度", "是否无障碍", "启用日期", "服务热线"]
    per_district: dict[str, int] = {}
    rows = []
    for _ in range(n):
        district = g.district(urban_bias=1.6)
        per_district[district.code] = per_district.get(district.code, 0) + 1
        stop_id = f"FZ{district.code}{per_district[district.code]:04d}"
        r = g.rng.random()
        if r < 0.45:
            name = g.rng.choice(district.roads) + g.rng.choice(("口", "站", "北", "南", "东", "西", "中段", "路口"))
        elif r < 0.7:
            name = g.rng.choice(COMMUNITY_WORDS) + g.rng.choice(COMMUNITY_SUFFIXES)
        elif r < 0.85:
            street = g.rng.choice(district.streets)
            name = g.village() if street.endswith(("镇", "乡")) else street.removesuffix("街道") + g.rng.choice(("社区", "街道", "路"))
        else:
            name = g.rng.choice(LANDMARKS) if district.code < "350112" else district.name[:2] + g.rng.choice(("汽车站", "客运站", "医院", "一中", "政府"))
        lines = sorted({_bus_line(g, district) for _ in range(g.rng.choices((1, 2, 3, 4), (40, 30, 20, 10))[0])},
                       key=lambda s: (len(s), s))
        lon = district.lon + g.rng.uniform(-district.spread, district.spread)
        lat = district.lat + g.rng.uniform(-district.spread, district.spread)
        accessible = "是" if g.rng.random() < (0.65 if district.code < "350112" else 0.35) else "否"
        opened = g.date_between(dt.date(2003, 1, 1), LAST_DAY) if g.rng.random() < 0.9 else g.date_between(dt.date(2025, 6, 1), LAST_DAY)
        rows.append([stop_id, name, "、".join(lines), district.name, f"{lon:.6f}", f"{lat:.6f}", accessible,
                     f"{opened:%Y/%m/%d}", "0591-96889"])
    rows.sort(key=lambda row: row[0])
    path = out / "transport-bus-stops.csv"
    return path, write_csv(path, header, rows, encoding="utf-8-sig"), provider


# (所属行业, name words consistent with it)
TAX_INDUSTRIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("制造业", ("电子", "机械", "纺织", "食品", "新材料", "光电", "鞋业", "汽车零部件")),
    ("批发和零售业", ("贸易", "商贸", "医药", "供应链")),
    ("建筑业", ("建设工程", "建筑", "路桥工程", "装饰工程")),
    ("房地产业", ("房地产开发", "置业")),
    ("金融业", ("融资担保", "小额贷款", "投资")),
    ("信息传输、软件和信息技术服务业", ("软件", "网络科技", "信息技术", "数字科技")),
    ("交通运输、仓储和邮政业", ("物流", "港务", "运输", "快递")),
    ("租赁和商务服务业", ("商务服务", "人力资源", "会展")),
    ("电力、热力、燃气及水生产和供应业", ("燃气", "水务", "新能源")),
    ("住宿和餐饮业", ("酒店管理", "餐饮管理")),
)
BANKS = ("中国工商银行", "中国农业银行", "中国银行", "中国建设银行", "交通银行", "兴业银行", "招商银行", "福建海峡银行",
         "中信银行", "福州农村商业银行")


def tax_enterprise_summary(out: Path, n: int) -> Result:
    """重点企业纳税情况汇总, 国家税务总局福州市税务局: commercial secrets, JSON array, three tax years."""
    g = Gen(seed=14004)
    provider = "国家税务总局福州市税务局"
    years = (2023, 2024, 2025)
    companies = []
    for _ in range(max(1, n // len(years))):
        district = g.district()
        industry, words = g.rng.choice(TAX_INDUSTRIES)
        prefix = g.rng.choice(("福建", "福州", "福建省"))
        form = g.rng.choice(("有限公司", "有限公司", "股份有限公司", "集团有限公司"))
        name = f"{prefix}{g.brand()}{g.rng.choice(words)}{form}"
        bank = g.rng.choice(BANKS)
        account = "".join(g.rng.choice("0123456789") for _ in range(g.rng.choice((17, 18, 19, 21))))
        suppliers = "、".join(f"{g.rng.choice(('福建', '福州', '厦门', '泉州', '上海', '深圳'))}{g.brand()}"
                             f"{g.rng.choice(('贸易', '材料', '科技', '物流', '设备'))}有限公司"
                             for _ in range(g.rng.randint(1, 3)))
        companies.append({
            "name": name, "code": g.uscc(district.code, "91"), "industry": industry, "district": district.name,
            "bank": f"{bank}福州{g.rng.choice(district.streets).removesuffix('街道').removesuffix('镇').removesuffix('乡')}支行",
            "account": account, "suppliers": suppliers, "revenue": g.rng.lognormvariate(10.3, 1.0),
            "rate": g.rng.uniform(0.015, 0.08),
            "clerk": g.person_name(), "clerk_phone": g.mobile(),
        })
    records = []
    for year in years:
        for c in companies:
            c["revenue"] *= g.rng.uniform(0.85, 1.2)
            if g.rng.random() < 0.08:  # the tax clerk changes now and then
                c["clerk"], c["clerk_phone"] = g.person_name(), g.mobile()
            filed = g.date_between(dt.date(year + 1, 1, 5), dt.date(year + 1, 5, 31), workdays=True)
            records.append({
                "纳税人名称": c["name"], "统一社会信用代码": c["code"], "所属行业": c["industry"], "所属区县": c["district"],
                "纳税年度": year, "营业收入（万元）": round(c["revenue"], 2), "应纳税额（万元）": round(c["revenue"] * c["rate"], 2),
                "开户银行": c["bank"], "银行账号": c["account"], "主要供应商": c["suppliers"],
                "办税人员": c["clerk"], "办税人员电话": c["clerk_phone"], "汇算清缴申报日期": filed.isoformat(),
            })
    path = out / "tax-enterprise-summary.json"
    return path, write_json(path, records), provider


# (机构类别, weight, beds range, licence years)
CLINIC_CATEGORIES: tuple[tuple[str, int, tuple[int, int], int], ...] = (
    ("诊所", 28, (0, 0), 5), ("口腔诊所", 10, (0, 0), 5), ("中医诊所", 8, (0, 0), 5), ("门诊部", 8, (0, 0), 5),
    ("村卫生所", 24, (0, 0), 5), ("社区卫生服务站", 5, (0, 0), 5), ("社区卫生服务中心", 1, (0, 40), 5),
    ("乡镇卫生院", 1, (20, 80), 5), ("医务室", 5, (0, 0), 5), ("专科医院", 3, (30, 300), 15),
    ("综合医院", 2, (100, 1500), 15), ("中医医院", 1, (50, 800), 15),
)
CLINIC_SUBJECTS = {
    "诊所": ("内科", "外科", "妇科", "儿科", "医学检验科"), "口腔诊所": ("口腔科",), "中医诊所": ("中医科", "针灸科", "推拿科"),
    "门诊部": ("内科", "外科", "妇产科", "儿科", "口腔科", "医学影像科", "医学检验科"),
    "村卫生所": ("全科医疗科", "中医科"), "社区卫生服务站": ("全科医疗科", "预防保健科"),
    "社区卫生服务中心": ("全科医疗科", "预防保健科", "中医科", "口腔科", "康复医学科", "医学检验科"),
    "乡镇卫生院": ("全科医疗科", "预防保健科", "内科", "外科", "妇产科", "中医科", "医学检验科"), "医务室": ("内科", "外科"),
    "专科医院": ("医学检验科", "医学影像科", "麻醉科", "中医科"),  # plus the specialty, see SPECIALTIES
    "综合医院": ("内科", "外科", "妇产科", "儿科", "眼科", "耳鼻咽喉科", "急诊医学科", "医学检验科", "医学影像科"),
    "中医医院": ("中医科", "针灸科", "推拿科", "内科", "外科", "医学检验科"),
}


#: Specialty hospitals: name word -> the 诊疗科目 it is licensed for.
SPECIALTIES = {"眼科": "眼科", "口腔": "口腔科", "妇产": "妇产科", "骨科": "骨科", "康复": "康复医学科", "皮肤病": "皮肤科"}


def _clinic_name(g: Gen, category: str, district: District, street: str) -> tuple[str, str] | None:
    """(机构名称, 经营性质) consistent with the category and place; None if the place has no such institution."""
    short = district.name[:2]
    town = street.endswith(("镇", "乡"))
    if category == "村卫生所":
        return (f"{district.name}{street}{g.village()}卫生所", "非营利性") if town else None
    if category == "社区卫生服务中心":  # one per 街道
        return None if town else (f"福州市{district.name}{street.removesuffix('街道')}社区卫生服务中心", "非营利性")
    if category == "乡镇卫生院":  # one per 镇/乡
        return (f"{district.name}{street}卫生院", "非营利性") if town else None
    if category == "社区卫生服务站":
        return f"福州市{district.name}{street}{g.rng.choice(COMMUNITY_WORDS)}社区卫生服务站", "非营利性"
    if category == "医务室":
        return f"福州{g.brand()}{g.rng.choice(INDUSTRY_WORDS)}有限公司医务室", "非营利性"
    if category.endswith("医院"):
        kind = category.removesuffix("医院").replace("综合", "").replace("专科", g.rng.choice(tuple(SPECIALTIES)))
        return f"福州{short}{g.brand()}{kind}医院", g.rng.choice(("营利性", "非营利性"))
    return f"福州{short}{g.brand()}{category}", "营利性"


def health_clinic_licences(out: Path, n: int) -> Result:
    """医疗机构执业许可, 福州市卫生健康委员会: institutions, JSON Lines."""
    g = Gen(seed=15005)
    provider = "福州市卫生健康委员会"
    names: set[str] = set()
    records = []
    for i in range(n):
        while True:  # draw again when the place has no such institution or the name is taken
            district = g.district()
            category, _w, (bmin, bmax), years = g.rng.choices(CLINIC_CATEGORIES, [c[1] for c in CLINIC_CATEGORIES])[0]
            street = g.rng.choice(district.streets)
            named = _clinic_name(g, category, district, street)
            if named is not None and named[0] not in names:
                break
        name, nature = named
        names.add(name)
        public = nature == "非营利性" and category not in ("医务室", "诊所", "口腔诊所", "中医诊所", "门诊部")
        kind = "12" if public else "52" if nature == "非营利性" else g.rng.choice(("91", "92"))
        code = g.uscc(district.code, kind)
        # licences are renewed before they lapse, so every issue date is inside the validity period
        issued = g.date_between(dt.date(2026 - years, 12, 1), LAST_DAY, workdays=True)
        expires = dt.date(issued.year + years, issued.month, min(issued.day, 28)) - dt.timedelta(days=1)
        issuer = provider if category.endswith("医院") else local_office(district, "卫生健康局")
        options = CLINIC_SUBJECTS[category]
        subjects = g.rng.sample(options, g.rng.randint(1, len(options)))
        if category == "专科医院":
            subjects.insert(0, next(v for k, v in SPECIALTIES.items() if name.endswith(k + "医院")))
        category_letter = "ABCDEFGHJKLM"[[c[0] for c in CLINIC_CATEGORIES].index(category)]
        records.append({
            "登记号": f"{code[8:17]}{district.code}{category_letter}{i + 1:05d}",
            "机构名称": name, "统一社会信用代码": code, "机构类别": category, "经营性质": nature, "所属区县": district.name,
            "地址": g.address(district, street, home=False), "联系电话": g.landline(), "负责人": g.person_name(),
            "诊疗科目": "；".join(subjects),
            "床位数": g.rng.randint(bmin, bmax) if bmax else 0,
            "发证日期": issued.isoformat(), "有效期至": expires.isoformat(), "发证机关": issuer,
        })
    records.sort(key=lambda r: (r["发证日期"], r["登记号"]))
    path = out / "health-clinic-licences.jsonl"
    return path, write_jsonl(path, records), provider


ASSET_TYPES: tuple[tuple[str, str, float, float], ...] = (
    ("台式计算机", "通用设备", 4000, 9000), ("笔记本电脑", "通用设备", 5000, 12000), ("激光打印机", "通用设备", 1500, 6000),
    ("复印机", "通用设备", 12000, 40000), ("投影仪", "通用设备", 3000, 15000), ("服务器", "专用设备", 30000, 180000),
    ("空调", "通用设备", 3000, 12000), ("办公桌", "家具用具", 800, 3000), ("文件柜", "家具用具", 600, 2000),
    ("会议桌", "家具用具", 3000, 15000), ("公务用车", "交通运输设备", 150000, 260000), ("财务软件", "无形资产", 50000, 300000),
)
FINANCE_DIVISIONS = ("办公室", "预算处", "国库处", "政府采购监管处", "行政政法处", "经济建设处", "农业农村处", "社会保障处",
                     "会计处", "绩效评价处", "信息中心", "资产管理处")


def finance_internal_assets(out: Path, n: int) -> Result:
    """内部资产台账, 福州市财政局: not opened (internal affairs), parquet with typed columns."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    g = Gen(seed=16006)
    provider = "福州市财政局"
    cols: dict[str, list[Any]] = {k: [] for k in ("资产编号", "资产名称", "资产类别", "使用部门", "使用人", "车牌号", "取得日期",
                                                 "原值（元）", "净值（元）", "存放地点", "资产状态")}
    for i in range(n):
        name, category, low, high = g.rng.choice(ASSET_TYPES)
        acquired = g.date_between(dt.date(2012, 1, 1), LAST_DAY, workdays=True)
        value = round(g.rng.uniform(low, high), 2)
        life_years = {"通用设备": 6, "专用设备": 8, "家具用具": 15, "交通运输设备": 8, "无形资产": 10}[category]
        used = (EXTRACTED_AT.date() - acquired).days / 365.25
        net = round(max(0.0, value * (1 - used / life_years)), 2)
        cols["资产编号"].append(f"CZJ-{acquired.year}-{i + 1:05d}")
        cols["资产名称"].append(name)
        cols["资产类别"].append(category)
        cols["使用部门"].append(g.rng.choice(FINANCE_DIVISIONS))
        cols["使用人"].append(g.person_name())
        cols["车牌号"].append(g.plate() if name == "公务用车" else None)
        cols["取得日期"].append(acquired)
        cols["原值（元）"].append(value)
        cols["净值（元）"].append(net)
        cols["存放地点"].append(f"财政局办公楼{g.rng.randint(1, 12)}层{g.rng.randint(1, 30):02d}室" if name != "公务用车" else "机关车库")
        cols["资产状态"].append("待报废" if net == 0.0 and g.rng.random() < 0.5 else g.rng.choice(("在用", "在用", "在用", "闲置")))
    types = {"取得日期": pa.date32(), "原值（元）": pa.float64(), "净值（元）": pa.float64()}
    table = pa.table({k: pa.array(v, type=types.get(k, pa.string())) for k, v in cols.items()})
    path = out / "finance-internal-assets.parquet"
    pq.write_table(table, path, compression="zstd")
    return path, table.num_rows, provider


# ---------------------------------------------------------------------------------------------

#: (generator, full-size row count)
DATASETS: tuple[tuple[Callable[[Path, int], Result], int], ...] = (
    (civil_affairs_low_income, 6000),
    (market_penalties, 6000),
    (transport_bus_stops, 5600),
    (tax_enterprise_summary, 5400),
    (health_clinic_licences, 5200),
    (finance_internal_assets, 360),
)


def main(out_dir: Path = DEFAULT_OUT, scale: float = 1.0) -> list[Path]:
    """Write every extract and its manifest into `out_dir`; return the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for make, full_rows in DATASETS:
        path, rows, provider = make(out_dir, max(30, round(full_rows * scale)))
        written += [path, write_manifest(path, rows, provider)]
    return written


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default sample_data/)")
    parser.add_argument("--scale", type=float, default=1.0, help="row-count multiplier, for quick test runs")
    args = parser.parse_args()
    for p in main(args.out, args.scale):
        print(f"{p.stat().st_size:>10,}  {p.relative_to(args.out.resolve()) if p.is_relative_to(args.out.resolve()) else p}")
