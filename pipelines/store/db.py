"""Short, retried write transactions on the registry database.

DuckDB lets one process hold a database file open for writing at a time. Publications running in
parallel processes therefore never keep the registry open: each opens it, does one short
transaction, and closes it, retrying while another process holds the lock (exponential backoff
with jitter, capped, up to `timeout_s`).

Inside one process DuckDB shares one database instance between connections, so two threads (the
publish-all flow runs datasets in threads) would get two *concurrent* transactions instead of
waiting, and a read-only open beside a read-write one fails outright. A per-file lock therefore
makes the units of work of one process take turns as well.
"""

from __future__ import annotations

import os
import random
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from pipelines.core.clock import SHANGHAI
from pipelines.core.errors import OpendataError
from pipelines.core.home import Home
from pipelines.store.migrations import MIGRATIONS, migrate


# What DuckDB says when another process holds the file (Linux/macOS, then Windows). Matched
# narrowly: a plain "lock" would also match e.g. "could not read block", which waiting cannot cure.
_LOCK_MARKERS = ("could not set lock", "conflicting lock", "being used by another process")


def _is_lock_error(exc: Exception) -> bool:
    text = str(exc).lower()
    return any(m.lower() in text for m in _LOCK_MARKERS)


# One re-entrant lock per registry file, for the threads of this process (see the module notes).
_FILE_LOCKS: dict[Path, threading.RLock] = {}
_FILE_LOCKS_GUARD = threading.Lock()


def _file_lock(path: Path) -> threading.RLock:
    with _FILE_LOCKS_GUARD:
        return _FILE_LOCKS.setdefault(path, threading.RLock())


_RACE_S = 2.0  # how long another error is retried in a writable home (see `_open`)


def _open(home: Home, read_only: bool, deadline: float) -> duckdb.DuckDBPyConnection:
    """Open the registry file, waiting with backoff while another process holds its lock.

    Another error in a home this process may write is retried briefly too: two processes creating
    the registry at once can see each other's half-written file, which fails as no lock error does."""
    delay = 0.02
    race_deadline = min(deadline, time.monotonic() + _RACE_S)
    while True:
        try:
            con = duckdb.connect(str(home.db_path), read_only=read_only and home.db_path.exists())
            # TIMESTAMPTZ values come back in the session's zone: Shanghai, like every date we show.
            con.execute(f"SET TimeZone = '{SHANGHAI.key}'")
            return con
        except (duckdb.IOException, duckdb.ConnectionException) as exc:
            if _is_lock_error(exc):
                if time.monotonic() > deadline:
                    raise
            elif read_only or not os.access(home.root, os.W_OK) or time.monotonic() > race_deadline:
                raise
            time.sleep(delay * (0.5 + random.random()))
            delay = min(delay * 2, 0.25)


class HomeNotWritable(OpendataError):
    """A command that records something was run on a home it cannot write (exit 1, one line)."""

    exit_code = 1

    def __init__(self, home: Home) -> None:
        super().__init__(
            f"{home.root}: the home cannot be written (read-only folder or file system, or no permission on "
            f"{home.db_path.name}); run this command as the account that publishes, or use a writable --home"
        )


@contextmanager
def connect(home: Home, *, read_only: bool = False, timeout_s: float = 120.0) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open the registry for one short unit of work, waiting while another process holds it.

    Writers get a transaction that commits when the block ends and rolls back on an exception; it
    first brings the registry's schema up to date (`pipelines.store.migrations`).
    Keep the block short (no file writing, no computation): every other writer waits for it.
    """
    if not read_only:
        try:
            home.ensure()
        except PermissionError:
            raise HomeNotWritable(home) from None
    deadline = time.monotonic() + timeout_s
    with _file_lock(home.db_path):
        try:
            con = _open(home, read_only, deadline)
        except (duckdb.IOException, duckdb.ConnectionException, PermissionError) as exc:
            if read_only or _is_lock_error(exc):
                raise
            raise HomeNotWritable(home) from None
        try:
            if not read_only:
                con.execute("BEGIN TRANSACTION")
                try:
                    migrate(con)  # the schema this code expects, before any unit of work
                    yield con
                    con.execute("COMMIT")
                except BaseException:
                    con.execute("ROLLBACK")
                    raise
            else:
                yield con
        finally:
            con.close()


_TABLE_NAME = re.compile(r"CREATE TABLE IF NOT EXISTS (\w+)")
_ALTER_NAME = re.compile(r"ALTER TABLE (\w+)")


@contextmanager
def read_registry(home: Home, *, timeout_s: float = 120.0) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open an existing registry read-only, for commands that only read (verify, trace).

    A table no writer of this home has created yet (e.g. the access log of a home nobody obtained
    anything from) is stood in for by an empty temporary table of the same shape, in memory: a
    read-only command never writes the registry, not even its schema.
    """
    with connect(home, read_only=True, timeout_s=timeout_s) as con:
        have = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() WHERE NOT temporary").fetchall()}
        stand_ins: set[str] = set()
        for migration in MIGRATIONS:
            for ddl in migration.statements:
                created = _TABLE_NAME.search(ddl)
                if created and created.group(1) not in have:
                    con.execute(ddl.replace("CREATE TABLE IF NOT EXISTS", "CREATE TEMP TABLE IF NOT EXISTS", 1))
                    stand_ins.add(created.group(1))
                    continue
                altered = _ALTER_NAME.search(ddl)
                if altered and altered.group(1) in stand_ins:
                    con.execute(ddl)  # a column added later, on the (temporary) stand-in only
        yield con
