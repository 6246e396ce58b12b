#!/usr/bin/env python3
"""Seeded generator of realistic person-level extracts of any size (a 低保 subsistence-benefit roll).

    .venv/bin/python benchmarks/generate.py --rows 1000000 --out /tmp/opendata-bench/x

writes, into the folder:

- `extract.csv` (UTF-8, 13 columns with Chinese headers, see `HEADER`),
- `extract.csv.manifest.json`, the department's manifest (`sha256`, `rows`, `provider`, `extracted_at`),
- `catalog_spec.yaml`, a copy of `benchmarks/catalog_spec.yaml` whose `source.path` names the extract.

Rows are made in chunks of `CHUNK_ROWS` with numpy and pyarrow from fixed value pools (no per-row
Python), and each chunk is written as soon as it is made, so 10M rows never sit in memory at once.
Chunk k is drawn from the generator seeded with (seed, k): the output depends only on the seed, the
row count and `as_of`, and an extract of N rows is the first N rows of any larger one.

Identifiers are synthetic but valid: resident IDs carry the GB 11643 check character (a few with a
lower-case x) and are unique in their column, mobiles start 1[3-9], bank cards start 62 and pass Luhn. About a third of the remarks
mention a name, a resident ID and/or a mobile inside Chinese prose; the rest are administrative notes
or blank.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import string
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import pools
from benchmarks.identifiers import luhn_check_digits, resident_ids

CHUNK_ROWS = 50_000
# Bump when the output for a given seed changes, so that runners do not reuse stale extracts.
GENERATOR_VERSION = 2
DEFAULT_SEED = 20261124
CST = timezone(timedelta(hours=8))
PROVIDER = "福州市民政局"
SPEC_TEMPLATE = Path(__file__).resolve().parent / "catalog_spec.yaml"
EXTRACT_NAME = "extract.csv"

HEADER: tuple[str, ...] = (
    "姓名", "公民身份号码", "性别", "出生日期", "手机号码", "现居住地址", "所属区县",
    "家庭人口", "保障金额（元）", "银行卡号", "批准日期", "经办单位", "备注",
)
SCHEMA = pa.schema([(h, pa.string()) for h in HEADER])

Ints = npt.NDArray[np.int64]
_EPOCH = date(1970, 1, 1)


@dataclass(frozen=True)
class Extract:
    """A generated extract and the files written beside it."""

    folder: Path
    csv: Path
    manifest: Path
    spec: Path
    rows: int
    sha256: str
    bytes: int


class _Pools:
    """The fixed pools as Arrow arrays and numpy tables, built once per run."""

    def __init__(self) -> None:
        d = pools.DISTRICTS
        self.district_names = pa.array([x.name for x in d])
        self.district_codes = np.array([int(x.code) for x in d], dtype=np.int64)
        weights = np.array([x.weight for x in d], dtype=float)
        self.district_p = weights / weights.sum()
        self.offices = pa.array([pools.office_of(x.name) for x in d])
        self.roads = pa.array([r for x in d for r in x.roads])
        self.road_count = np.array([len(x.roads) for x in d], dtype=np.int64)
        self.road_offset = np.concatenate([[0], np.cumsum(self.road_count)[:-1]])
        self.other_areas = np.array([int(a) for a in pools.OTHER_BIRTH_AREAS], dtype=np.int64)
        self.surnames = pa.array(pools.SURNAMES)
        sw = np.array(pools.SURNAME_WEIGHTS)
        self.surname_p = sw / sw.sum()
        male, female = list(pools.GIVEN_NAMES_MALE), list(pools.GIVEN_NAMES_FEMALE)
        self.given = pa.array(male + female)
        self.n_male = len(male)
        self.n_female = len(female)
        singles_m = [g for g in male if len(g) == 1]
        singles_f = [g for g in female if len(g) == 1]
        self.singles = pa.array(singles_m + singles_f)
        self.n_single_m = len(singles_m)
        self.n_single_f = len(singles_f)
        self.prefixes = np.array(pools.MOBILE_PREFIXES, dtype=np.int64)
        self.card_bins = np.array([b for b, _ in pools.CARD_BINS], dtype=np.int64)
        self.card_random_digits = np.array([length - 7 for _, length in pools.CARD_BINS], dtype=np.int64)
        self.personal = [_template(t) for t in pools.PERSONAL_REMARKS]
        self.plain = pa.array(pools.PLAIN_REMARKS)


def _template(text: str) -> list[tuple[str, str | None]]:
    """`户主{head}因病…` → [("户主", "head"), ("因病…", None)]."""
    return [(literal, field) for literal, field, _, _ in string.Formatter().parse(text)]


def _join(*parts: pa.Array | str) -> pa.Array:
    """Element-wise concatenation of string arrays and constants."""
    return pc.binary_join_element_wise(*parts, "")


def _days_to_text(days: Ints, fmt: str = "%Y-%m-%d") -> pa.Array:
    """Days since 1970-01-01 → date text in `fmt`."""
    dates = pa.array(days.astype(np.int32), type=pa.date32())
    return pc.strftime(pc.cast(dates, pa.timestamp("s")), format=fmt)


def _yyyymmdd(days: Ints) -> Ints:
    d = days.astype("datetime64[D]")
    years = d.astype("datetime64[Y]").astype(np.int64) + 1970
    months = d.astype("datetime64[M]").astype(np.int64) % 12 + 1
    day = (d - d.astype("datetime64[M]")).astype(np.int64) + 1
    return years * 10000 + months * 100 + day  # type: ignore[no-any-return]


class _SequenceBook:
    """Hands out the 3-digit sequence numbers of resident IDs so that no two rows share an ID.

    An ID is unique when (area, birth date, sequence) is; the book counts the rows already given
    each (area, birth date, sex) and gives the next one a sequence number not used there yet. It is
    carried from chunk to chunk, so IDs are unique over the whole file (up to 500 people per area,
    day and sex, far beyond what any extract size here reaches).
    """

    SPAN_DAYS = 36_600  # birth dates up to ~100 years before the extraction date

    def __init__(self, areas: Ints, as_of_day: int) -> None:
        self.areas = np.unique(areas)
        self.first_day = as_of_day - self.SPAN_DAYS
        self.used = np.zeros(len(self.areas) * (self.SPAN_DAYS + 1) * 2, dtype=np.int32)

    def assign(self, area: Ints, birth_day: Ints, male: npt.NDArray[np.bool_]) -> Ints:
        """Sequence numbers 0-999 (odd for men), unused so far in each row's (area, day, sex)."""
        bucket = (np.searchsorted(self.areas, area) * (self.SPAN_DAYS + 1) + (birth_day - self.first_day)) * 2 + male
        order = np.argsort(bucket, kind="stable")
        ordered = bucket[order]
        starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
        rank_ordered = np.arange(len(bucket)) - np.repeat(starts, np.diff(np.r_[starts, len(bucket)]))
        rank = np.empty_like(rank_ordered)
        rank[order] = rank_ordered
        nth = self.used[bucket] + rank
        self.used += np.bincount(bucket, minlength=len(self.used)).astype(np.int32)
        # A stride coprime to 500 spreads the numbers: the nth person of a bucket gets a distinct slot.
        slot = (nth * 193 + bucket * 7) % 500
        return slot * 2 + male.astype(np.int64)  # type: ignore[no-any-return]


class _Chunk:
    """Draws one chunk of rows from its own seeded generator."""

    def __init__(self, p: _Pools, rng: np.random.Generator, n: int, as_of_day: int, book: _SequenceBook) -> None:
        self.p, self.rng, self.n, self.as_of_day, self.book = p, rng, n, as_of_day, book

    # -- people ----------------------------------------------------------------------------

    def given_names(self, male: npt.NDArray[np.bool_]) -> pa.Array:
        p, rng, k = self.p, self.rng, len(male)
        idx = np.where(male, rng.integers(0, p.n_male, k), p.n_male + rng.integers(0, p.n_female, k))
        s1 = np.where(male, rng.integers(0, p.n_single_m, k), p.n_single_m + rng.integers(0, p.n_single_f, k))
        s2 = np.where(male, rng.integers(0, p.n_single_m, k), p.n_single_m + rng.integers(0, p.n_single_f, k))
        two = pa.array(rng.random(k) < 0.45)
        return pc.if_else(two, _join(p.singles.take(pa.array(s1)), p.singles.take(pa.array(s2))), p.given.take(pa.array(idx)))

    def surnames(self, k: int) -> pa.Array:
        return self.p.surnames.take(pa.array(self.rng.choice(len(self.p.surname_p), k, p=self.p.surname_p)))

    def full_names(self, k: int) -> pa.Array:
        return _join(self.surnames(k), self.given_names(self.rng.random(k) < 0.5))

    def ids(self, k: int, birth_days: Ints, male: npt.NDArray[np.bool_], home_codes: Ints | None = None, unique: bool = False) -> pa.Array:
        """Resident IDs; `unique` draws their sequence numbers from the book (the 公民身份号码 column)."""
        rng = self.rng
        other = self.p.other_areas[rng.integers(0, len(self.p.other_areas), k)]
        if home_codes is None:
            home_codes = self.p.district_codes[rng.choice(len(self.p.district_p), k, p=self.p.district_p)]
        area = np.where(rng.random(k) < 0.8, home_codes, other)
        if unique:
            seq = self.book.assign(area, birth_days, male)
        else:
            seq = rng.integers(0, 500, k) * 2 + male.astype(np.int64)  # odd sequence = male
        return resident_ids(area, _yyyymmdd(birth_days), seq, lower_x=rng.random(k) < 0.05)

    def mobiles(self, k: int) -> tuple[Ints, pa.Array]:
        numbers = self.p.prefixes[self.rng.integers(0, len(self.p.prefixes), k)] * 10**8 + self.rng.integers(0, 10**8, k)
        return numbers, pa.array(numbers).cast(pa.string())

    def birth_days(self, k: int, young: int, old: int) -> Ints:
        ages = self.rng.uniform(young, old, k)
        return (self.as_of_day - (ages * 365.25).astype(np.int64)).astype(np.int64)

    # -- the columns -------------------------------------------------------------------------

    def batch(self) -> pa.RecordBatch:
        p, rng, n = self.p, self.rng, self.n
        district = rng.choice(len(p.district_p), n, p=p.district_p)
        male = rng.random(n) < 0.5
        # Benefit rolls are old: 60% aged 60-95, the rest 18-60.
        elderly = rng.random(n) < 0.6
        ages = np.where(elderly, rng.uniform(60, 95, n), rng.uniform(18, 60, n))
        birth = (self.as_of_day - (ages * 365.25).astype(np.int64)).astype(np.int64)
        surname = self.surnames(n)
        name = _join(surname, self.given_names(male))
        ids = self.ids(n, birth, male, p.district_codes[district], unique=True)
        _, mobile = self.mobiles(n)
        road = p.roads.take(pa.array(p.road_offset[district] + (rng.random(n) * p.road_count[district]).astype(np.int64)))
        room = pa.array(rng.integers(1, 33, n) * 100 + rng.integers(1, 7, n)).cast(pa.string())
        address = _join(
            pc.if_else(pa.array(rng.random(n) < 0.85), pa.scalar("福州市"), pa.scalar("")),
            p.district_names.take(pa.array(district)), road,
            pa.array(rng.integers(1, 400, n)).cast(pa.string()), "号",
            pa.array(rng.integers(1, 30, n)).cast(pa.string()), "栋", room, "室",
        )
        size = rng.choice(np.arange(1, 7), n, p=[0.30, 0.25, 0.20, 0.13, 0.08, 0.04])
        cents = size * rng.integers(200, 881, n) * 100 + np.where(rng.random(n) < 0.3, rng.integers(0, 100, n), 0)
        amount = _join(pa.array(cents // 100).cast(pa.string()), ".", pc.utf8_lpad(pa.array(cents % 100).cast(pa.string()), 2, "0"))
        b = rng.integers(0, len(p.card_bins), n)
        width = p.card_random_digits[b]
        body = p.card_bins[b] * 10**width + (rng.random(n) * 10.0**width).astype(np.int64)
        card = pa.array(body * 10 + luhn_check_digits(body)).cast(pa.string())
        approved = self.as_of_day - rng.integers(1, 731, n)
        columns = [
            name, ids, pc.if_else(pa.array(male), pa.scalar("男"), pa.scalar("女")), _days_to_text(birth),
            mobile, address, p.district_names.take(pa.array(district)), pa.array(size).cast(pa.string()),
            amount, card, _days_to_text(approved, "%Y/%m/%d"), p.offices.take(pa.array(district)),
            self.remarks(name, surname),
        ]
        return pa.RecordBatch.from_arrays(columns, schema=SCHEMA)

    def phone_in_text(self, k: int) -> pa.Array:
        """Mobiles as people write them in prose: mostly plain, some with +86, spaces or dashes."""
        _, plain = self.mobiles(k)
        style = self.rng.random(k)
        a, b, c = (pc.utf8_slice_codeunits(plain, s, e) for s, e in ((0, 3), (3, 7), (7, 11)))
        spaced, dashed, intl = _join(a, " ", b, " ", c), _join(a, "-", b, "-", c), _join("+86 ", plain)
        out = pc.if_else(pa.array(style < 0.10), spaced, plain)
        out = pc.if_else(pa.array((style >= 0.10) & (style < 0.15)), dashed, out)
        return pc.if_else(pa.array((style >= 0.15) & (style < 0.25)), intl, out)

    def remarks(self, name: pa.Array, surname: pa.Array) -> pa.Array:
        """备注: 34% personal prose, 56% administrative notes (one or two sentences), 10% blank."""
        rng, n = self.rng, self.n
        u = rng.random(n)
        kind = np.where(u < 0.34, 0, np.where(u < 0.90, 1, 2))
        template = rng.integers(0, len(self.p.personal), n)
        parts: list[pa.Array] = []
        order: list[npt.NDArray[np.int64]] = []
        for t, pieces in enumerate(self.p.personal):
            rows = np.flatnonzero((kind == 0) & (template == t))
            if len(rows) == 0:
                continue
            k, take = len(rows), pa.array(rows)
            slots = {
                "head": lambda: name.take(take),
                "kin": lambda: _join(surname.take(take), self.given_names(rng.random(k) < 0.5)),
                "son": lambda: _join(surname.take(take), self.given_names(np.ones(k, dtype=bool))),
                "daughter": lambda: _join(surname.take(take), self.given_names(np.zeros(k, dtype=bool))),
                "spouse": lambda: self.full_names(k),
                "other": lambda: self.full_names(k),
                "phone": lambda: self.phone_in_text(k),
                "id": lambda: self.ids(k, self.birth_days(k, 5, 90), rng.random(k) < 0.5),
            }
            args: list[pa.Array | str] = []
            for literal, field in pieces:
                if literal:
                    args.append(pa.array([literal] * k) if not args else literal)
                if field:
                    args.append(slots[field]())
            parts.append(_join(*args) if len(args) > 1 else args[0])
            order.append(rows)
        plain_rows = np.flatnonzero(kind == 1)
        k = len(plain_rows)
        first = self.p.plain.take(pa.array(rng.integers(0, len(self.p.plain), k)))
        second = self.p.plain.take(pa.array(rng.integers(0, len(self.p.plain), k)))
        parts.append(pc.if_else(pa.array(rng.random(k) < 0.3), _join(first, second), first))
        order.append(plain_rows)
        blank_rows = np.flatnonzero(kind == 2)
        parts.append(pa.nulls(len(blank_rows), pa.string()))
        order.append(blank_rows)
        stacked = pa.concat_arrays([a.cast(pa.string()) for a in parts])
        inverse = np.empty(n, dtype=np.int64)
        inverse[np.concatenate(order)] = np.arange(n)
        return stacked.take(pa.array(inverse))


def batches(rows: int, seed: int = DEFAULT_SEED, as_of: date | None = None) -> Iterator[pa.RecordBatch]:
    """The extract's rows, `CHUNK_ROWS` at a time; chunk k is drawn from the generator seeded (seed, k)."""
    as_of = as_of or datetime.now(CST).date()
    as_of_day = (as_of - _EPOCH).days
    p = _Pools()
    book = _SequenceBook(np.concatenate([p.district_codes, p.other_areas]), as_of_day)
    for k, start in enumerate(range(0, rows, CHUNK_ROWS)):
        rng = np.random.default_rng([seed, k])
        # Always draw a whole chunk and cut it, so that a smaller extract is a prefix of a larger one.
        yield _Chunk(p, rng, CHUNK_ROWS, as_of_day, book).batch().slice(0, min(CHUNK_ROWS, rows - start))


def sha256_of(path: Path) -> str:
    """Hex SHA-256 of a file, read in 8 MiB blocks."""
    h = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(8 << 20):
            h.update(block)
    return h.hexdigest()


def write_extract(folder: Path, rows: int, seed: int = DEFAULT_SEED, as_of: date | None = None) -> Extract:
    """Write `extract.csv`, its manifest and a catalog spec for it into `folder`."""
    as_of = as_of or datetime.now(CST).date()
    folder.mkdir(parents=True, exist_ok=True)
    csv_path = folder / EXTRACT_NAME
    # Values hold no comma, quote or newline (prose uses full-width punctuation), so no quoting,
    # as in most departmental exports.
    options = pacsv.WriteOptions(include_header=False, quoting_style="none")
    with csv_path.open("wb") as fh:
        fh.write((",".join(HEADER) + "\n").encode("utf-8"))  # Arrow would quote the header names
        with pacsv.CSVWriter(fh, SCHEMA, write_options=options) as writer:
            for batch in batches(rows, seed, as_of):
                writer.write_batch(batch)
    digest = sha256_of(csv_path)
    manifest = folder / (EXTRACT_NAME + ".manifest.json")
    extracted = datetime(as_of.year, as_of.month, as_of.day, tzinfo=CST)
    manifest.write_text(
        json.dumps({"sha256": digest, "rows": rows, "provider": PROVIDER, "extracted_at": extracted.isoformat()}, ensure_ascii=False, indent=2),
        encoding="utf-8",
    )
    spec = folder / "catalog_spec.yaml"
    spec.write_text(SPEC_TEMPLATE.read_text(encoding="utf-8"), encoding="utf-8")
    return Extract(folder, csv_path, manifest, spec, rows, digest, csv_path.stat().st_size)


def main(argv: list[str] | None = None) -> int:
    """Command line: generate one extract."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--rows", type=int, default=100_000, help="data rows (default 100000)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--as-of", type=date.fromisoformat, default=None, help="extraction date (default today, Asia/Shanghai)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write into")
    args = parser.parse_args(argv)
    extract = write_extract(args.out, args.rows, args.seed, args.as_of)
    print(f"{extract.csv}  {extract.rows} rows  {extract.bytes / 2**20:.1f} MiB  sha256 {extract.sha256[:12]}…")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
