"""Run one publication: open a working database, run the steps, always clean up.

`flows.py` runs the same steps as Prefect tasks; `run_plain` runs them directly (no Prefect), which
is what tests and the `OPENDATA_ENGINE=plain` setting use. Both run each step through `run_guarded`,
so an unexpected error inside a step never shows the user (or a Prefect log) a message that may
quote a cell value.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from desensitize.individual import individual_level_fields
from pipelines.core.context import PublishContext
from pipelines.core.errors import InputError, OpendataError, SpecError
from pipelines.core.home import Home
from pipelines.core.spec.placeholders import refuse_placeholders
from pipelines.core.vocab import OpenType
from pipelines.core.sql import quote_literal
from pipelines.core.workspace import private_subfolder, run_folder
from pipelines.runner.progress import step_progress
from pipelines.store.history import past_releases
from pipelines.runner.specs import load_spec, validate_paths
from pipelines.runner.steps import publish_stages, record_refusal, run_stage
from pipelines.runner.unchanged import Unchanged, refuse_if_unchanged

if TYPE_CHECKING:
    from pipelines.core.spec.model import CatalogSpec
    from pipelines.core.stage import Stage

# Errors whose messages are ours or name files, never data: they pass through unchanged. OSError and
# DuckDB's IOException are the transient I/O faults the Prefect flow retries.
PASS_THROUGH: tuple[type[BaseException], ...] = (OpendataError, OSError, MemoryError, duckdb.IOException, duckdb.OutOfMemoryException)


class StepCrashed(OpendataError):
    """A step failed in a way no step reports (a bug, or data no check foresaw).

    The original message is not shown: engine errors such as DuckDB conversion errors quote the
    offending cell. `OPENDATA_DEBUG=1` re-raises the original error instead, for a developer.
    """

    exit_code = 1

    def __init__(self, step: str, dataset_id: str, error: BaseException) -> None:
        super().__init__(
            f"{dataset_id}: the {step} step failed unexpectedly ({type(error).__name__}); nothing was published",
            details=["this is a fault in the toolkit, not in your spec: please report it; "
                     "OPENDATA_DEBUG=1 shows the original error, which may quote data values"],
        )
        self.step = step
        self.error_type = type(error).__name__


def run_guarded(ctx: PublishContext, stage: Stage) -> None:
    """Run one stage; turn an unexpected exception into StepCrashed, whose message holds no value."""
    guarded(ctx, stage.name, lambda: run_stage(ctx, stage))


def guarded(ctx: PublishContext, name: str, work: Callable[[], None]) -> None:
    """Run `work` (the step `name`); an unexpected exception becomes StepCrashed (see there)."""
    try:
        work()
    except PASS_THROUGH:
        raise
    except Exception as exc:
        if os.environ.get("OPENDATA_DEBUG"):
            raise
        raise StepCrashed(name, ctx.spec.id, exc) from None


MEMORY_LIMIT_ENV = "OPENDATA_MEMORY_LIMIT"  # DuckDB's buffer pool for one publication, e.g. 1GB
STORAGE_ENV = "OPENDATA_WORKING_STORAGE"  # memory | file | auto (default): where the working tables live
# In-memory tables are stored uncompressed: a CSV extract takes about 1.3 times its size in memory.
IN_MEMORY_FACTOR = {".csv": 1.3, ".txt": 1.3, ".tsv": 1.3, ".json": 1.0, ".jsonl": 1.0, ".ndjson": 1.0}
OTHER_FACTOR = 4.0  # xlsx and parquet are compressed files: their tables are several times larger


def spill_folder() -> Path:
    """Where DuckDB may spill: a private folder (0700) of this run in the OS temp folder, never the home.

    Never a fixed name: another user could create it first, or plant a symlink there, and read the
    raw values DuckDB spills (see `pipelines.core.workspace`).
    """
    spill = run_folder() / "spill"
    spill.mkdir(mode=0o700, exist_ok=True)
    return spill


_MEMORY_LIMIT = re.compile(r"\d{1,6}(\.\d{1,3})?\s?(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)", re.IGNORECASE)


def memory_limit() -> str:
    """`OPENDATA_MEMORY_LIMIT` (default 1GB), checked to be a size such as 512MB or 2GiB.

    Why checked: the value ends up in a DuckDB SET statement, which takes no parameters; anything but
    a number and a unit is refused (exit 1) rather than pasted into SQL.
    """
    value = os.environ.get(MEMORY_LIMIT_ENV, "1GB").strip()
    if not _MEMORY_LIMIT.fullmatch(value):
        raise InputError(f"{MEMORY_LIMIT_ENV} must be a size such as 512MB, 1GB or 2GiB (got {value[:20]!r}); unset it for 1GB")
    return value


def working_database(folder: Path | None = None) -> duckdb.DuckDBPyConnection:
    """A DuckDB for extract data: in memory, or with `folder` a database file in that private folder.

    `folder` must be a temporary folder outside the home directory (see `working_connection`, which
    makes one and deletes it); either way DuckDB spills to the OS temp folder, never to the home.
    """
    con = duckdb.connect(str(folder / "work.duckdb") if folder is not None else ":memory:")
    con.execute(f"SET temp_directory = {quote_literal(str(spill_folder()))}")
    con.execute(f"SET memory_limit = '{memory_limit()}'")  # validated: digits and a unit, nothing else
    con.execute("SET preserve_insertion_order = true")
    return con


def _bytes(setting: str) -> int:
    """DuckDB's rendering of a size ('953.6 MiB') in bytes."""
    number, _, unit = setting.strip().partition(" ")
    scale = {"bytes": 1, "KiB": 1 << 10, "MiB": 1 << 20, "GiB": 1 << 30, "TiB": 1 << 40}.get(unit, 1)
    return int(float(number) * scale)


def file_backed(extract: Path, con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the working tables of `extract` should live in a database file rather than in memory.

    Why: an in-memory table larger than the memory limit is spilled to temporary files uncompressed,
    and every later scan reads it back and writes it out again, so the cost per row grows with the
    extract (a 10M-row extract took 19 times as long to ingest as 1M). A database file keeps its
    tables compressed, and blocks the buffer pool gives up are re-read from the file (the OS cache),
    never rewritten. Small extracts stay in memory, which is faster when the tables fit: a table and
    the copy a step rewrites it into (`CREATE OR REPLACE TABLE work AS SELECT ... FROM work`) must
    both fit in half the limit.
    """
    choice = os.environ.get(STORAGE_ENV, "auto").strip().lower()
    if choice in ("memory", "file"):
        return choice == "file"
    try:
        size = extract.stat().st_size
    except OSError:
        return False  # ingest reports the missing file
    estimate = size * IN_MEMORY_FACTOR.get(extract.suffix.lower(), OTHER_FACTOR)
    # fetchall, not fetchone: DuckDB refuses to register an Arrow table (xlsx ingest) on a
    # connection with a result left unfinished.
    limit = _bytes(str(con.execute("SELECT current_setting('memory_limit')").fetchall()[0][0]))
    return estimate > limit / 2


@contextmanager
def working_connection(extract: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """The working database for publishing `extract`, closed (and its file deleted) on exit."""
    with ExitStack() as stack:
        con = working_database()
        if file_backed(extract, con):
            con.close()
            # A private folder in this run's folder (mode 0700): the database file and its WAL hold raw
            # extract values, so they must never be written under the home directory, and are deleted
            # here (or with the run folder, by the next command, if this process is killed).
            folder = private_subfolder("work")
            stack.callback(shutil.rmtree, folder, True)
            con = working_database(folder)
        stack.callback(con.close)  # closed before its folder is deleted (callbacks run last-in, first-out)
        yield con


@contextmanager
def publication(spec_path: Path, extract: Path | None = None, home: Path | str | None = None) -> Iterator[PublishContext]:
    """A fresh PublishContext for `spec_path`; its working database is closed (and deleted) on exit."""
    spec = load_spec(spec_path)
    refuse_placeholders(Path(spec_path))  # a draft's 待填写 values never reach the public catalog
    source = (Path(extract) if extract else spec.source_path(Path(spec_path))).resolve()
    root = Home.resolve(home)
    past = past_releases(root, spec.id)  # the quality stage's trend and overdue check; read-only
    with working_connection(source) as con:
        yield PublishContext(
            spec=spec, spec_path=Path(spec_path).resolve(), extract=source, home=root, con=con,
            past_releases=past, individual_by_spec=individual_level_fields(spec),
        )


def current_flow_run_id() -> str | None:
    """The id of the Prefect flow run this code runs in, if any (without importing Prefect)."""
    if "prefect" not in sys.modules:
        return None
    from prefect.runtime import flow_run  # in-function: Prefect is slow to import; only a run inside a flow needs it

    run_id = flow_run.id
    return str(run_id) if run_id else None


def run_plain(
    spec_path: Path, extract: Path | None = None, home: Path | str | None = None, *, replaces: str | None = None,
    actor: str = "cli", force: bool = False,
) -> Path:
    """Publish without Prefect; return the release folder.

    Raises `Unchanged` (exit 0) when the newest release already holds this extract under this spec
    and code, unless `force`. Called inside a Prefect flow (e.g. by republish), the release still
    records that flow's run id.
    """
    with publication(spec_path, extract, home) as ctx:
        ctx.replaces, ctx.actor = replaces, actor
        ctx.flow_run_id = current_flow_run_id()
        refuse_if_unchanged(ctx.spec.id, ctx.spec_path, ctx.extract, ctx.home, force=force, replaces=replaces,
                            flow_run_id=ctx.flow_run_id)
        try:
            stages = publish_stages()
            with step_progress(ctx.spec.id, [s.name for s in stages]) as advance:
                for stage in stages:
                    run_guarded(ctx, stage)
                    advance(stage.name)
        except OpendataError as exc:
            record_refusal(ctx, exc)
            raise
        assert ctx.release_dir is not None
        return ctx.release_dir


# -- every dataset of a catalog (`opendata publish --all`, the publish-all flow) ------------------


def outcome(dataset_id: str, spec_path: str, status: str, *, release: str | None = None, error: OpendataError | None = None, note: str | None = None) -> dict[str, Any]:
    """One dataset's result: published, unchanged, blocked (exit 2), error (exit 1) or skipped (not-open)."""
    return {
        "dataset_id": dataset_id,
        "spec": spec_path,
        "status": status,
        "release": release,
        "exit_code": error.exit_code if error else 0,
        "message": error.render() if error else note,
    }


def plan_all(catalog: Path) -> tuple[list[tuple[Path, CatalogSpec]], list[dict[str, Any]]]:
    """(specs to publish, outcomes already known): invalid specs as errors, not-open ones skipped."""

    valid, problems = validate_paths([catalog])
    known: list[dict[str, Any]] = []
    by_file: dict[Path, list[str]] = {}
    for problem in problems:
        by_file.setdefault(problem.path, []).append(str(problem))
    for path, lines in by_file.items():
        known.append(outcome(path.stem, str(path), "error", error=OpendataError("invalid catalog spec", details=lines)))
    todo: list[tuple[Path, CatalogSpec]] = []
    for path, spec in valid:
        if spec.open_type is OpenType.NOT_OPEN:
            reason = spec.not_open_reason.value if spec.not_open_reason else ""
            known.append(outcome(spec.id, str(path), "skipped", note=f"not-open ({reason})"))
        else:
            todo.append((path.resolve(), spec))
    return todo, known


def require_valid(known: list[dict[str, Any]]) -> None:
    """Raise SpecError naming every problem when `plan_all` found invalid specs (fix them first)."""
    invalid = [r for r in known if r["status"] == "error"]
    if invalid:
        details = [line.strip() for r in invalid for line in r["message"].splitlines()[1:]]
        raise SpecError("invalid catalog specs; fix them first (opendata catalog validate)", details=details)


def publish_each_plain(todo: list[tuple[Path, CatalogSpec]], home: Path | str | None, force: bool = False) -> list[dict[str, Any]]:
    """Publish the specs one after another without Prefect; one failing dataset stops no other."""
    results = []
    for path, spec in todo:
        try:
            folder = run_plain(path, None, home, force=force)
        except Unchanged as same:
            results.append(outcome(spec.id, str(path), "unchanged", release=str(same.same.folder), error=same))
        except OpendataError as exc:
            results.append(outcome(spec.id, str(path), "blocked" if exc.exit_code == 2 else "error", error=exc))
        else:
            results.append(outcome(spec.id, str(path), "published", release=str(folder)))
    return results
