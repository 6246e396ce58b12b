"""Fingerprinted copies of authorized-open releases, and naming the grant a leaked file came from.

Each grantee receives its own copy (HOME/grants/<grant>/<version>/, never under releases/):

- every pseudonym column is re-keyed with the grant's secret key, so the same person has a
  different token in each grantee's copy: two grantees cannot link their copies, and a leaked
  pseudonym names the copy it came from;
- a first column `grant_record_id` holds a per-grant keyed record id ("R" + 15 hex digits, text
  in Excel too), which marks datasets that have no pseudonym column.

Both marks are cell values, so they survive re-saving as CSV or Excel, renaming headers, dropping
other columns, excerpting and shuffling rows. A grantee who deletes the record-id column of a
dataset without pseudonyms removes the mark; that is the known limit of this scheme.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import json
import os
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipelines.core.errors import InputError
from pipelines.core.home import Home
from pipelines.platform.catalog import VersionView
from pipelines.store.grants import Application

RECORD_COLUMN = "grant_record_id"
RECORD_LABEL = "授权副本记录标识"
MIN_HITS = 3            # fewer shared marks than this is chance or a hand-typed value, not a copy
DOMINANCE = 5           # the best grant must share this many times more marks than the runner-up
BOM = b"\xef\xbb\xbf"


def grants_dir(home: Home) -> Path:
    """HOME/grants: the grantees' copies (outside releases/, which stay as published)."""
    return home.root / "grants"


@dataclass(frozen=True)
class GrantCopy:
    """One grantee's copy of one release."""

    folder: Path
    grant_id: str
    dataset_id: str
    version: str

    def file(self, name: str) -> Path:
        """Path of a data file of the copy."""
        return self.folder / name


def _mac(key: str, message: str) -> str:
    return hmac.new(bytes.fromhex(key), message.encode("utf-8"), hashlib.sha256).hexdigest()


def record_id(key: str, row: int) -> str:
    """The keyed record id of row `row` in a grant's copy."""
    return "R" + _mac(key, f"row\x1f{row}")[:15].upper()


def rekey(key: str, column: str, token: str, prefix: str, length: int) -> str:
    """A pseudonym re-keyed for one grant: same prefix and length, unlinkable without the key."""
    body = _mac(key, f"pseudonym\x1f{column}\x1f{token}")
    return prefix + body[:length]


def pseudonym_columns(release_folder: Path) -> dict[str, tuple[str, int]]:
    """{column: (prefix, length)} of the release's pseudonymized columns, from provenance.json."""
    try:
        prov = json.loads((release_folder / "provenance.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    out = {}
    for rec in prov.get("masking") or []:
        if isinstance(rec, dict) and rec.get("operator") == "pseudonymize":
            params = rec.get("params") or {}
            out[str(rec["column"])] = (str(params.get("prefix") or ""), int(params.get("length") or 16))
    return out


def _write_copy(key: str, release_folder: Path, tmp: Path) -> dict[str, Any]:
    import pyarrow as pa
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    table = pq.read_table(release_folder / "data.parquet")
    rekeyed = {}
    for column, (prefix, length) in pseudonym_columns(release_folder).items():
        if column not in table.column_names:
            continue
        cache: dict[str, str] = {}
        values = [
            None if v is None else cache.setdefault(v, rekey(key, column, v, prefix, length))
            for v in table.column(column).to_pylist()
        ]
        table = table.set_column(table.column_names.index(column), column, pa.array(values, pa.string()))
        rekeyed[column] = len(cache)
    ids = pa.array([record_id(key, i) for i in range(table.num_rows)], pa.string())
    table = table.add_column(0, RECORD_COLUMN, ids)
    pq.write_table(table, tmp / "data.parquet", compression="zstd")
    with (tmp / "data.csv").open("wb") as fh:
        fh.write(BOM)  # Excel shows Chinese headers only with the BOM, as in the release
        pacsv.write_csv(table, fh, pacsv.WriteOptions(include_header=True, quoting_style="needed"))
    return {"rows": table.num_rows, "record_column": RECORD_COLUMN, "rekeyed_columns": rekeyed}


def ensure_copy(home: Home, grant: Application, dataset_id: str, version: VersionView) -> GrantCopy:
    """The grantee's copy of a release, written on first need (approval or first download)."""
    if not grant.fingerprint_key:
        raise InputError(f"grant {grant.id} has no fingerprint key; it was never approved")
    folder = grants_dir(home) / grant.id / version.version
    copy = GrantCopy(folder, grant.id, dataset_id, version.version)
    if (folder / "fingerprint.json").is_file():
        return copy
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = folder.parent / f".tmp-{uuid.uuid4().hex}"
    tmp.mkdir()
    try:
        info = _write_copy(grant.fingerprint_key, version.folder, tmp)
        info |= {"grant_id": grant.id, "dataset_id": dataset_id, "version": version.version}
        (tmp / "fingerprint.json").write_text(json.dumps(info, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        try:
            os.rename(tmp, folder)  # atomic: a reader sees no copy or a whole one
        except OSError:
            if not (folder / "fingerprint.json").is_file():
                raise
            # Another request wrote the same copy first; keep theirs.
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return copy


# -- identifying a leak ------------------------------------------------------------------------


def leaked_values(path: Path) -> set[str]:
    """Every non-empty cell of a CSV or Excel file, as trimmed text (headers included: harmless)."""
    if not path.is_file():
        raise InputError(f"{path}: no such file; give the leaked CSV or XLSX file")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        try:
            wb = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # noqa: BLE001 - any unreadable workbook is the user's input problem
            raise InputError(f"{path}: not a readable Excel workbook ({exc.__class__.__name__}); give a CSV or XLSX file") from None
        try:
            return {str(v).strip() for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row if v is not None and str(v).strip()}
        finally:
            wb.close()
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise InputError(f"{path}: neither UTF-8 nor GB18030 text; give a CSV or XLSX file")
    return {cell.strip() for row in csv.reader(io.StringIO(text)) for cell in row if cell.strip()}


@dataclass(frozen=True)
class CopyMatch:
    """How many of a grant copy's marks a leaked file contains."""

    grant_id: str
    dataset_id: str
    version: str
    hits: int


@dataclass(frozen=True)
class LeakVerdict:
    """The grant a leaked file is a copy of (or None), with every copy that shared marks."""

    grant_id: str | None
    matches: list[CopyMatch]
    cells: int


def _marks(folder: Path, info: dict[str, Any]) -> set[str]:
    import pyarrow.parquet as pq

    columns = [info.get("record_column", RECORD_COLUMN), *info.get("rekeyed_columns", {})]
    table = pq.read_table(folder / "data.parquet", columns=columns)
    return {v for col in table.column_names for v in table.column(col).to_pylist() if v}


def identify(home: Home, path: Path) -> LeakVerdict:
    """Compare a leaked file's cells with every grantee copy's marks; name the grant if one dominates."""
    cells = leaked_values(path)
    matches = []
    root = grants_dir(home)
    for info_file in sorted(root.glob("*/*/fingerprint.json")) if root.is_dir() else []:
        info = json.loads(info_file.read_text(encoding="utf-8"))
        hits = len(cells & _marks(info_file.parent, info))
        if hits:
            matches.append(CopyMatch(info["grant_id"], info["dataset_id"], info["version"], hits))
    matches.sort(key=lambda m: -m.hits)
    best = matches[0] if matches and matches[0].hits >= MIN_HITS else None
    rival = max((m.hits for m in matches if best and m.grant_id != best.grant_id), default=0)
    if best and best.hits < DOMINANCE * rival:
        best = None  # two grants' marks mixed: do not accuse either
    return LeakVerdict(best.grant_id if best else None, matches, len(cells))
