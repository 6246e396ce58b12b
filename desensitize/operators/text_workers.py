"""Free-text masking on every core: helper processes mask some chunks of texts while this one masks the rest.

Why: finding names, IDs and phones in free text is pure Python (regexes and set lookups), so it holds
the GIL and uses one core, and it is most of a publication's time at a million remarks. Helper
processes take chunks of the same batches; each chunk comes back as the texts it changed and the
counts per kind, exactly what the single-process path computes (a test holds them byte-identical).

Why spawned helpers, not forked ones: the publishing process runs DuckDB's and Prefect's threads, and
forking a threaded process can leave the child holding a lock no thread will release. A spawned
helper starts clean and builds its own detector (about half a second, while this process works on
the first chunks). The helpers exist only while one free-text column is masked, and they hold no
more than one detector and the chunks in flight: the texts travel over a pipe, never through a file.

Helpers start only when there is work enough (more distinct texts than one batch): a small extract
never pays for starting them. Such a column's masking begins early (`run_ahead`, from `scan_text`'s head start):
the helpers take its first batch while the publishing process still checks every column, so their start-up
and that batch cost the publication no time of its own. `OPENDATA_TEXT_WORKERS` sets how many (0 turns them off); by default
one fewer than the cores this process may use, at most 3. A daemonic process (a Dask worker) cannot
have children, so it masks alone; so does a run whose helpers fail to start or die (the chunk they
held is masked here, so nothing is lost).
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections import Counter, deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from itertools import chain
from dataclasses import dataclass, field
from typing import TypeVar

from desensitize.operators.text_tags import replace_spans, sweep
from pipelines.core.vocab import FindingKind

T = TypeVar("T")

CHUNK = 5_000  # texts per chunk handed to a helper: ~0.3 s of work, the pickling small beside it
# The last batch goes in chunks this many times smaller: when the texts run out, this process waits for the
# chunks the helpers still hold (two each), so the smaller those are, the shorter the wait (0.4 s → 0.1 s).
_LAST_SPLIT = 4
# While this process masks, the pool's threads here pickle chunks into the helpers' pipe and read their outcome
# back, 64 KiB at a time, each time waiting for this thread to hand over the GIL: at Python's 5 ms switch
# interval a helper spent a seventh of its time waiting on those pipes. 0.5 ms cuts that wait tenfold.
_SWITCH_S = 0.0005
_DEPTH = 2  # chunks queued per helper, so it never waits for this process to hand it the next one


@dataclass
class Masked:
    """The outcome of masking some texts: the changed ones (old and new, aligned) and counts per kind."""

    old: list[str] = field(default_factory=list)
    new: list[str] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)

    def extend(self, other: Masked) -> None:
        """Add another outcome to this one."""
        self.old.extend(other.old)
        self.new.extend(other.new)
        self.counts.update(other.counts)


class TextMasker:
    """Detects and replaces personal data in texts: `mask(texts, weights)`, the same in every process.

    `weights[i]` is the number of cells holding `texts[i]`, so counts count cells, not distinct texts.
    """

    def __init__(self, known_names: Sequence[str], kinds: Sequence[FindingKind], sweep: bool) -> None:
        """Build the detector (compiles patterns, loads the surname and word lists)."""
        from desensitize.detect.text import TextDetector  # in-function: the detector loads presidio (seconds), in each helper process

        self.detector = TextDetector(known_names=known_names, kinds=kinds)
        self.wanted = set(kinds)
        self.sweep = sweep

    def mask(self, texts: list[str], weights: list[int]) -> Masked:
        """The texts that change, their masked form, and the replacements counted per kind."""
        out = Masked()
        counts = out.counts
        wanted = self.wanted
        for value, n, spans in zip(texts, weights, self.detector.find_many(texts)):
            if spans:
                spans = [s for s in spans if s.kind in wanted]
            text = replace_spans(value, spans, counts, n) if spans else value
            if self.sweep:
                text = sweep(text, counts, n)
            if text is not value:
                out.old.append(value)
                out.new.append(text)
        return out


_switch_lock = threading.Lock()
_switch_users = 0
_switch_before = 0.0


@contextmanager
def _short_switch() -> Iterator[None]:
    """`_SWITCH_S` as the interpreter's switch interval while any run is under way in this process, and the interval
    it had back when the last one ends (publish-all runs datasets in threads: their runs overlap)."""
    global _switch_users, _switch_before
    with _switch_lock:
        if _switch_users == 0:
            _switch_before = sys.getswitchinterval()
            sys.setswitchinterval(_SWITCH_S)
        _switch_users += 1
    try:
        yield
    finally:
        with _switch_lock:
            _switch_users -= 1
            if _switch_users == 0:
                sys.setswitchinterval(_switch_before)


def _with_last(items: Iterable[T]) -> Iterator[tuple[T, bool]]:
    """Each item, and whether it is the last (one item read ahead)."""
    it = iter(items)
    for item in it:
        for after in it:
            yield item, False
            item = after
        yield item, True


# -- helper processes ----------------------------------------------------------------------------

_HELPER: TextMasker | None = None  # the masker of a helper process, built once when it starts


def _die_with_parent(parent: int, every_s: float = 0.5) -> None:
    """End this helper when the process that started it is gone (e.g. killed with SIGKILL).

    A killed parent cannot tell its helpers to stop, and an orphan would keep its chunks of raw
    texts in memory for as long as it lives. A daemon thread polls the parent pid (portable, unlike
    PR_SET_PDEATHSIG, which also fires when the *thread* that spawned the helper ends).
    """
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(every_s)
        os._exit(1)

    threading.Thread(target=watch, name="opendata-parent-watch", daemon=True).start()


def _start_helper(known_names: list[str], kinds: list[str], sweep: bool, parent: int | None = None) -> None:
    global _HELPER
    _die_with_parent(parent if parent is not None else os.getppid())
    _HELPER = TextMasker(known_names, [FindingKind(k) for k in kinds], sweep)


def _ready() -> None:
    """Nothing: submitted once per helper to make the pool start its processes now."""


def _spawn(pool: ProcessPoolExecutor, helpers: int) -> None:
    """Make `pool` start its processes (it spawns them on submit)."""
    try:
        for _ in range(helpers):
            pool.submit(_ready)
    except RuntimeError:  # shut down meanwhile, or broken: the first chunk's submit finds out and masks here
        pass


def _mask_in_helper(texts: list[str], weights: list[int]) -> Masked:
    assert _HELPER is not None, "helper process not initialised"
    return _HELPER.mask(texts, weights)


def helper_count() -> int:
    """How many helper processes a large free-text column gets (`OPENDATA_TEXT_WORKERS`, else cores - 1)."""
    if multiprocessing.current_process().daemon:
        return 0  # a daemonic process may not have children
    configured = os.environ.get("OPENDATA_TEXT_WORKERS", "").strip()
    if configured:
        try:
            return max(0, int(configured))
        except ValueError:
            return 0
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    return max(0, min(cores - 1, 3))


class ParallelMasker:
    """Masks a stream of batches with `TextMasker`, here and in helper processes.

    Use as a context manager; `run(batches)` yields one `Masked` per chunk, in no particular order.
    `start()` launches the helpers at once, so they build their detectors while this process builds its
    own; otherwise they start at the first batch that is full (`start_at` texts): only then can more follow.
    """

    def __init__(self, known_names: Sequence[str], kinds: Sequence[FindingKind], sweep: bool, *,
                 helpers: int | None = None, start_at: int = 0) -> None:
        """`helpers` defaults to `helper_count()`; `start_at` is the batch size that makes them worth starting."""
        self.init_args = (list(known_names), [k.value for k in kinds], sweep)  # names by reference
        self.helpers = helper_count() if helpers is None else helpers
        self.start_at = start_at
        self.pool: ProcessPoolExecutor | None = None
        self._masker: TextMasker | None = None
        self._failed = False
        self.chunks_in_helpers = 0
        # Chunks handed to the helpers and not yet collected, oldest first; `run_ahead` fills it early.
        self._pending: deque[tuple[Future[Masked], list[str], list[int]]] = deque()
        self._ahead: threading.Thread | None = None
        self._ahead_error: BaseException | None = None
        self._held: list[tuple[list[str], list[int]]] = []  # batches `run_ahead` read but could not hand over

    def __enter__(self) -> ParallelMasker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def masker(self) -> TextMasker:
        """This process's masker, built on first use."""
        if self._masker is None:
            known, kinds, sweep = self.init_args
            self._masker = TextMasker(known, [FindingKind(k) for k in kinds], sweep)
        return self._masker

    def close(self) -> None:
        """Stop the helpers (any chunk still queued is dropped: the caller is done or failing).

        Not waiting for them to exit: they have nothing left to do, and waiting costs a quarter second.
        """
        if self._ahead is not None:
            self._ahead.join()  # it reads from its caller's cursor, which closes after this
        pool, self.pool = self.pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)

    def start(self) -> ParallelMasker:
        """Launch the helpers now (each starts building its detector at once), from a thread of their own.

        Why a thread: a pool spawns its processes on submit, and spawning writes the known names to each
        helper through a pipe that the helper reads only once its interpreter has started (a quarter million
        names: half a second this process would wait). The first chunk's submit waits for the spawning.
        """
        pool = self._pool()
        if pool is not None:
            threading.Thread(target=_spawn, args=(pool, self.helpers), name="opendata-text-helpers", daemon=True).start()
        return self

    def run_ahead(self, batches: Iterator[tuple[list[str], list[int]]], texts: int) -> ParallelMasker:
        """Hand the helpers the first batches of `batches` (`texts` texts or a little more) now, from a thread of
        its own, and return at once: they mask while this process does other work. `run(batches)` goes on with
        the rest and yields their outcome first.

        Nothing is masked here meanwhile: this process is busy elsewhere. A batch that cannot be handed over (no
        helper would start) is kept for `run`, so no text is skipped.
        """

        def hand_over() -> None:
            try:
                read_and_submit()
            except BaseException as exc:  # noqa: BLE001 - kept for `run`, which raises it where the caller sees it
                self._ahead_error = exc

        def read_and_submit() -> None:
            read = 0
            for texts_, weights in batches:
                self._held.append((texts_, weights))
                read += len(texts_)
                if read >= texts:
                    break
            pool = self._pool()
            if pool is None:
                return
            held, self._held = self._held, []
            for at_batch, (batch, weights) in enumerate(held):
                for at in range(0, len(batch), CHUNK):
                    try:
                        self._hand(pool, batch[at:at + CHUNK], weights[at:at + CHUNK])
                    except RuntimeError:  # the pool broke or was shut down: `run` masks the rest here
                        self._held = [(batch[at:], weights[at:]), *held[at_batch + 1:]]
                        return

        self._ahead = threading.Thread(target=hand_over, name="opendata-text-ahead", daemon=True)
        self._ahead.start()
        return self

    def _hand(self, pool: ProcessPoolExecutor, chunk: list[str], weights: list[int]) -> None:
        """Submit `chunk` to a helper, kept with its texts in case the helper dies (RuntimeError: the pool is gone)."""
        self._pending.append((pool.submit(_mask_in_helper, chunk, weights), chunk, weights))

    def _pool(self) -> ProcessPoolExecutor | None:
        if self.pool is None and not self._failed and self.helpers > 0:
            try:
                self.pool = ProcessPoolExecutor(
                    max_workers=self.helpers,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=_start_helper,
                    initargs=(*self.init_args, os.getpid()),
                )
            except (OSError, ValueError, RuntimeError):
                self._failed = True
        return self.pool

    def run(self, batches: Iterable[tuple[list[str], list[int]]]) -> Iterator[Masked]:
        """Mask every batch of (texts, weights); yield the outcome chunk by chunk as each is done."""
        if self._ahead is not None:
            self._ahead.join()
            self._ahead = None
        if self._ahead_error is not None:
            # The texts could not be read (the query failed): raised here, never taken for a column with no text.
            raise self._ahead_error
        with _short_switch():
            yield from self._run(chain(self._held, batches))

    def _run(self, batches: Iterable[tuple[list[str], list[int]]]) -> Iterator[Masked]:
        pending = self._pending
        for (texts, weights), last in _with_last(batches):
            if len(texts) >= self.start_at:
                self._pool()  # nothing when helpers are off or failed
            size = -(-CHUNK // _LAST_SPLIT) if last else CHUNK
            for at in range(0, len(texts), size):
                chunk, chunk_weights = texts[at:at + size], weights[at:at + size]
                pool = self.pool
                if pool is not None and len(pending) < _DEPTH * self.helpers:
                    try:
                        self._hand(pool, chunk, chunk_weights)
                        continue
                    except RuntimeError:  # the pool broke or was shut down: mask here from now on
                        self._give_up()
                yield self.masker.mask(chunk, chunk_weights)
                while pending and pending[0][0].done():
                    yield self._collect(pending.popleft())
        while pending:
            yield self._collect(pending.popleft())

    def _collect(self, item: tuple[Future[Masked], list[str], list[int]]) -> Masked:
        future, chunk, weights = item
        try:
            result = future.result()
            self.chunks_in_helpers += 1
            return result
        except Exception:  # a helper died (killed, out of memory): this chunk is masked here instead
            self._give_up()
            return self.masker.mask(chunk, weights)

    def _give_up(self) -> None:
        self._failed = True
        pool, self.pool = self.pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
