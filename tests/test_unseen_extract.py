"""Issue 3's acceptance path: an extract the project has never seen → scan → publish the draft as
written → not one personal value anywhere under the home, and the remarks keep their other words.

The extract uses synonym headers, messy formats (phones with +86, spaces and dashes; IDs with a
lower-case x; dates written two ways) and people named inside free text.
"""

from __future__ import annotations

import csv
import random
import re
from pathlib import Path

import duckdb

from tests.conftest import run_cli
from tests.test_scan_drafts import fill_placeholders

ROWS = 20_000
W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂兰建国志红玉华金凤荣"
DISTRICTS = ["鼓楼区", "台江区", "仓山区", "晋安区", "马尾区", "长乐区", "闽侯县", "福清市"]
# Words of the remarks that are nobody's: they must survive masking.
PLAIN = ["材料齐全，同意发放", "已电话回访", "按季度复核", "情况属实"]


def _resident_id(rng: random.Random) -> str:
    body = f"3501{rng.randint(0, 99):02d}{rng.randint(1950, 2005)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(0, 999):03d}"
    check = "10X98765432"[sum(int(d) * w for d, w in zip(body, W)) % 11]
    return body + (check.lower() if check == "X" and rng.random() < 0.5 else check)


def _luhn_card(rng: random.Random) -> str:
    digits = "62" + "".join(str(rng.randint(0, 9)) for _ in range(15))
    total = 0
    for i, d in enumerate(reversed(digits)):
        n = int(d) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return digits + str((10 - total % 10) % 10)


def _messy_phone(rng: random.Random) -> tuple[str, str]:
    raw = f"1{rng.choice('3456789')}{rng.randint(0, 999_999_999):09d}"
    style = rng.randrange(4)
    written = [raw, f"+86 {raw[:3]} {raw[3:7]} {raw[7:]}", f"{raw[:3]}-{raw[3:7]}-{raw[7:]}", f"+86{raw}"][style]
    return raw, written


def _write_extract(path: Path) -> dict[str, set[str]]:
    rng = random.Random(20261124)
    secrets: dict[str, set[str]] = {"names": set(), "ids": set(), "phones": set(), "cards": set(), "plates": set()}
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["申请人", "证件号码", "性别", "出生年月", "联系方式", "住址", "区县", "开户账号", "车牌号", "补助金额", "情况说明"])
        for i in range(ROWS):
            name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
            rid = _resident_id(rng)
            raw_phone, phone = _messy_phone(rng)
            card = _luhn_card(rng)
            plate = "闽A" + "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for _ in range(4)) + str(rng.randint(0, 9))
            district = rng.choice(DISTRICTS)
            born = rid[6:14]
            birth = f"{born[:4]}-{born[4:6]}-{born[6:]}" if i % 2 else f"{born[:4]}/{int(born[4:6])}/{int(born[6:])}"
            relative = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(2))
            rel_phone, rel_written = _messy_phone(rng)
            remark = rng.choice(
                [
                    rng.choice(PLAIN),
                    f"{rng.choice(PLAIN)}，联系人{relative}，电话{rel_written}",
                    f"其子{relative}身份证{_resident_id(rng)}已核实，{rng.choice(PLAIN)}",
                    # Issue 11's phrasings: the person named only in the remark, no role word before.
                    f"经{relative}核实，{rng.choice(PLAIN)}",
                    f"其子{relative}同住，{rng.choice(PLAIN)}",
                    f"申请人之女{relative}代为办理，{rng.choice(PLAIN)}",
                ]
            )
            if relative in remark:
                secrets["names"].add(relative)
            if rel_written in remark:
                secrets["phones"].add(rel_phone)
            secrets["names"].add(name)
            secrets["ids"].add(rid.upper())
            secrets["phones"].add(raw_phone)
            secrets["cards"].add(card)
            secrets["plates"].add(plate)
            out.writerow([name, rid, "男" if int(rid[16]) % 2 else "女", birth, phone,
                          f"福州市{district}{rng.choice('东西南北')}街{rng.randint(1, 300)}号", district, card, plate,
                          str(rng.randint(300, 3000)), remark])
    return secrets


def _everything_under(home: Path) -> str:
    """All text under the home: files, Parquet cells and every registry table."""
    parts: list[str] = []
    for p in home.rglob("*"):
        if not p.is_file():
            continue
        if p.suffix == ".parquet":
            parts += [str(r) for r in duckdb.sql(f"SELECT * FROM read_parquet('{p}')").fetchall()]
        elif p.suffix == ".xlsx":  # a zip: its sheets' XML, not the compressed bytes
            import zipfile

            with zipfile.ZipFile(p) as book:
                parts += [book.read(name).decode("utf-8", errors="ignore") for name in book.namelist()]
        elif p.suffix == ".duckdb":
            with duckdb.connect(str(p), read_only=True) as con:
                for (table,) in con.execute("SELECT table_name FROM information_schema.tables").fetchall():
                    parts += [str(r) for r in con.execute(f'SELECT * FROM "{table}"').fetchall()]
        else:
            parts.append(p.read_bytes().decode("utf-8", errors="ignore"))
    return "\n".join(parts)


def _windows(text: str, run: str, lengths: tuple[int, ...]) -> set[str]:
    """Every substring of the given lengths inside each run matching `run`: a value is under the home
    iff it is one of these (as fast as a set lookup; `value in text` for 100,000 values takes minutes)."""
    out: set[str] = set()
    for r in set(re.findall(run, text)):
        for n in lengths:
            out.update(r[i:i + n] for i in range(len(r) - n + 1))
    return out


def test_scan_then_publish_an_unseen_extract_leaks_nothing(tmp_path: Path) -> None:
    extract = tmp_path / "dept" / "新申请名单.csv"
    extract.parent.mkdir()
    secrets = _write_extract(extract)
    draft = tmp_path / "specs" / "draft.yaml"
    draft.parent.mkdir()
    scanned = run_cli("scan", str(extract), "--draft-spec", str(draft))
    assert scanned.returncode == 0, scanned.stderr
    home = tmp_path / "home"
    env = {"OPENDATA_INSECURE_DEV_KEY": "1", "OPENDATA_ENGINE": "plain"}
    # The reviewer writes the 待填写 values (publish refuses them); nothing else is changed.
    draft.write_text(fill_placeholders(draft.read_text(encoding="utf-8")), encoding="utf-8")
    published = run_cli("publish", str(draft), "--home", str(home), env=env)
    assert published.returncode == 0, published.stderr  # the draft is publishable once its metadata is written
    release = Path(published.stdout.strip().splitlines()[-1])
    assert (release / "data.csv").is_file()

    # The leak search finds every secret in the extract itself (so a leak would not go unseen).
    raw = extract.read_text(encoding="utf-8")
    assert secrets["ids"] | secrets["phones"] | secrets["cards"] <= _windows(raw.upper().replace("-", "").replace(" ", ""), r"[0-9X]+", (11, 18, 19))
    assert secrets["plates"] <= _windows(raw, r"闽[A-Z0-9]+", (7,))

    text = _everything_under(home)
    numbers = _windows(text.upper(), r"[0-9X]+", (11, 18, 19))
    plates = _windows(text, r"闽[A-Z0-9]+", (7,))
    for kind, found in (("ids", numbers), ("phones", numbers), ("cards", numbers), ("plates", plates)):
        leaked = secrets[kind] & found
        assert not leaked, f"{len(leaked)} raw {kind} under the home"
    # Two-character names can be ordinary words; the released remarks are where they would show.
    released = duckdb.sql(f"SELECT * FROM read_parquet('{release / 'data.parquet'}')")
    columns = released.columns
    rows = released.fetchall()
    remark_col = next(i for i, c in enumerate(columns) if any(isinstance(r[i], str) and "核" in r[i] for r in rows[:200]))
    remarks = "\n".join(r[remark_col] or "" for r in rows)
    leaked_names = [n for n in secrets["names"] if n in remarks]
    assert not leaked_names, f"{len(leaked_names)} names left in the remarks"
    cjk = _windows(text, r"[\u4e00-\u9fff]+", (3, 4))
    long_names = [n for n in secrets["names"] if len(n) >= 3 and n in cjk]
    assert not long_names, f"{len(long_names)} three-character names under the home"
    for words in PLAIN:
        assert words in remarks, f"non-personal words lost: {words}"
