"""Group commit: concurrent downloads share one registry transaction instead of queueing for one each.

Opening the registry costs tens of milliseconds and only one transaction may run at a time (the
DuckDB file lock, across processes), so one transaction per download caps the portal at a few
downloads a second. Here each request queues its unit of work; whichever request gets the writer
lock first runs every queued unit in ONE transaction and, only after it has committed, hands each
request its own outcome (a value, or the exception its unit raised). A request therefore still
returns only once its access row is durable, and a failed commit fails every request of the batch:
nothing is served unlogged.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

import duckdb

from pipelines.core.errors import OpendataError
from pipelines.core.home import Home
from pipelines.store import audit

T = TypeVar("T")
MAX_BATCH = 256


@dataclass
class _Queued(Generic[T]):
    unit: Callable[[duckdb.DuckDBPyConnection], T]
    future: Future[T]


class GroupCommitter:
    """Runs queued units of work of one home in shared transactions (see the module notes)."""

    def __init__(self, home: Home) -> None:
        self.home = home
        self._queue_lock = threading.Lock()
        self._writer = threading.Lock()
        self._queue: list[_Queued[Any]] = []

    def run(self, unit: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
        """Run `unit(con)` inside a committed registry transaction; return its result or raise its error.

        A unit raises an `OpendataError` to refuse (its writes so far are kept, e.g. an audit entry of
        the refusal); any other exception aborts the whole shared transaction.
        """
        item: _Queued[T] = _Queued(unit, Future())
        with self._queue_lock:
            self._queue.append(item)
        while not item.future.done():
            with self._writer:
                if item.future.done():
                    break  # a leader ran it while we waited for the lock
                with self._queue_lock:
                    batch, self._queue = self._queue[:MAX_BATCH], self._queue[MAX_BATCH:]
                self._run_batch(batch)
        return item.future.result()

    def _run_batch(self, batch: list[_Queued[Any]]) -> None:
        outcomes: list[tuple[bool, Any]] = []
        try:
            with audit.transaction(self.home) as con:
                for item in batch:
                    try:
                        outcomes.append((True, item.unit(con)))
                    except OpendataError as exc:
                        # A deliberate refusal: whatever the unit wrote before it (its audit entry) stays.
                        outcomes.append((False, exc))
                # Any other exception escapes here and rolls the whole batch back: a unit that failed
                # half-way must not leave half its rows, and no other unit of the batch is served.
        except BaseException as exc:
            # The commit failed: no unit's writes are durable, so every request of the batch fails.
            for item in batch:
                item.future.set_exception(exc)
            if not isinstance(exc, Exception):
                raise
            return
        for item, (ok, value) in zip(batch, outcomes, strict=True):
            if ok:
                item.future.set_result(value)
            else:
                item.future.set_exception(value)


_COMMITTERS: dict[Path, GroupCommitter] = {}
_GUARD = threading.Lock()


def committer(home: Home) -> GroupCommitter:
    """The one group committer of a home in this process."""
    with _GUARD:
        return _COMMITTERS.setdefault(home.db_path, GroupCommitter(home))
