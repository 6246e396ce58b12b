"""The audit log: an append-only, hash-chained table in the registry (开放办法 §3; 管理办法 §29).

Every entry stores the hash of the entry before it, and its own hash is
`sha256(prev_hash + canonical JSON of the entry)`. Changing, inserting or deleting a row breaks the
chain at that row, which `verify_chain` names by its sequence number.

Entries are appended *inside* the caller's registry write transaction, reading the last hash there:
DuckDB lets one process at a time hold the file for writing, and `CHAIN_LOCK` serialises threads of
one process, so two publications never both extend the same entry. Details hold counts, hashes and
names, never a cell value.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import duckdb

from pipelines.core.clock import SHANGHAI
from pipelines.core.home import Home
from pipelines.core.context import StepEvent
from pipelines.store.db import connect

GENESIS = "0" * 64


# Serialises chain appends between threads of one process (processes are serialised by DuckDB's file lock).
CHAIN_LOCK = threading.RLock()


def current_actor() -> str:
    """Who acts: `$OPENDATA_ACTOR` when set (e.g. by a portal or scheduler), else the OS user."""
    actor = os.environ.get("OPENDATA_ACTOR", "").strip()
    if actor:
        return actor
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no user name in a bare container
        return f"uid:{os.getuid()}" if hasattr(os, "getuid") else "unknown"


def now_iso() -> str:
    """The current time in Fuzhou, ISO 8601 with microseconds and offset."""
    return datetime.now(SHANGHAI).isoformat()


def canonical_json(value: Any) -> str:
    """The one JSON text of a value: sorted keys, no spaces, UTF-8 kept (so the hash is stable)."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def entry_hash(prev_hash: str, entry: dict[str, Any]) -> str:
    """sha256 of the previous hash followed by the canonical JSON of the entry."""
    return hashlib.sha256((prev_hash + canonical_json(entry)).encode("utf-8")).hexdigest()


def _entry(seq: int, at: str, event: str, actor: str, dataset_id: str | None, version: str | None, details: Any) -> dict[str, Any]:
    return {
        "seq": seq, "at": at, "event": event, "actor": actor,
        "dataset_id": dataset_id, "version": version, "details": details,
    }


def append(
    con: duckdb.DuckDBPyConnection,
    event: str,
    *,
    dataset_id: str | None = None,
    version: str | None = None,
    details: dict[str, Any] | None = None,
    actor: str | None = None,
) -> int:
    """Append one entry inside the caller's write transaction; return its sequence number.

    Call it while holding `CHAIN_LOCK` (the `transaction` helper does) so that no other thread of
    this process reads the same last hash.
    """
    last = con.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev = (int(last[0]) + 1, str(last[1])) if last else (1, GENESIS)
    # Round-trip through canonical JSON so what is hashed is exactly what is stored.
    stored_details = canonical_json(details or {})
    entry = _entry(seq, now_iso(), event, actor or current_actor(), dataset_id, version, json.loads(stored_details))
    con.execute(
        "INSERT INTO audit_log VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [seq, entry["at"], event, entry["actor"], dataset_id, version, stored_details, prev, entry_hash(prev, entry)],
    )
    return seq


@contextmanager
def transaction(home: Home) -> Iterator[duckdb.DuckDBPyConnection]:
    """A registry write transaction that may append audit entries (holds `CHAIN_LOCK` throughout).

    Lock order is always CHAIN_LOCK, then the registry's own lock inside `connect`; never open a
    `transaction` inside a plain `connect` block.
    """
    with CHAIN_LOCK, connect(home) as con:
        yield con


def record_event(
    home: Home,
    event: str,
    *,
    dataset_id: str | None = None,
    version: str | None = None,
    details: dict[str, Any] | None = None,
) -> int:
    """Append one entry in a transaction of its own."""
    with transaction(home) as con:
        return append(con, event, dataset_id=dataset_id, version=version, details=details)


# -- publication events ----------------------------------------------------------------------


def append_step_events(con: duckdb.DuckDBPyConnection, dataset_id: str, version: str | None, events: list[StepEvent]) -> list[int]:
    """One entry per finished step, with the details its stage gave (counts and hashes only)."""
    return [append(con, e.event, dataset_id=dataset_id, version=version, details=e.details) for e in events]


def record_refusal(home: Home, dataset_id: str, version: str | None, events: list[StepEvent], details: dict[str, Any]) -> None:
    """Audit a refused publication: the steps it finished, then a `refusal` entry with `details`.

    A failure to write the audit entry is reported on stderr and never hides the refusal itself.
    """
    try:
        with transaction(home) as con:
            append_step_events(con, dataset_id, version, events)
            append(con, "refusal", dataset_id=dataset_id, version=None, details=details)
    except Exception as exc:  # noqa: BLE001 - the refusal must reach the user even if auditing fails
        print(f"warning: could not audit the refusal of {dataset_id}: {exc.__class__.__name__}", file=sys.stderr)


# -- verification ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ChainProblem:
    """One place where the stored chain disagrees with the recomputed one."""

    seq: int
    message: str

    def __str__(self) -> str:
        return f"audit seq {self.seq}: {self.message}"


def read_log(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Every audit row, in sequence order."""
    cur = con.execute("SELECT * FROM audit_log ORDER BY seq")
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def verify_chain(rows: list[dict[str, Any]]) -> list[ChainProblem]:
    """Recompute the chain over `rows` (sorted by seq); name every broken link."""
    problems: list[ChainProblem] = []
    prev_hash, expected_seq = GENESIS, 1
    for row in rows:
        seq = int(row["seq"])
        if seq != expected_seq:
            missing = f"{expected_seq}" if seq == expected_seq + 1 else f"{expected_seq}..{seq - 1}"
            problems.append(ChainProblem(seq, f"entries missing before it (seq {missing}): rows were deleted"))
        if row["prev_hash"] != prev_hash:
            problems.append(
                ChainProblem(seq, f"prev_hash {row['prev_hash'][:16]}… does not match the previous entry's hash {prev_hash[:16]}…")
            )
        try:
            details = json.loads(row["details"])
        except (TypeError, json.JSONDecodeError):
            problems.append(ChainProblem(seq, "details are not valid JSON: the row was altered"))
            details = row["details"]
        entry = _entry(seq, row["recorded_at"], row["event"], row["actor"], row["dataset_id"], row["version"], details)
        # Recompute from the *stored* prev_hash so one altered row is reported once, not at every later row.
        actual = entry_hash(row["prev_hash"], entry)
        if actual != row["hash"]:
            problems.append(
                ChainProblem(seq, f"hash mismatch: stored {row['hash'][:16]}…, recomputed {actual[:16]}… (the row was altered)")
            )
        prev_hash, expected_seq = row["hash"], seq + 1
    return problems
