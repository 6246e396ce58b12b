"""Run one publication: open a working database, run the steps, always clean up.

`flows.py` runs the same steps as Prefect tasks; `run_plain` runs them directly (no Prefect), which
is what tests and the `OPENDATA_ENGINE=plain` setting use. Both run each step through `run_guarded`,
so an unexpected error inside a step never shows the user (or a Prefect log) a message that may
quote a cell value.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from pipelines.context import PublishContext
from pipelines.errors import OpendataError
from pipelines.home import Home
from pipelines.progress import step_progress
from pipelines.spec.loader import load_spec
from pipelines.steps import PUBLISH_STEPS, record_refusal, run_step

if TYPE_CHECKING:
    from pipelines.spec.model import CatalogSpec

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


def run_guarded(ctx: PublishContext, name: str, target: str) -> None:
    """Run one step; turn an unexpected exception into StepCrashed, whose message holds no value."""
    guarded(ctx, name, lambda: run_step(ctx, name, target))


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


def working_database() -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB that spills to the OS temp folder, never to the home directory."""
    con = duckdb.connect(":memory:")
    spill = Path(tempfile.gettempdir()) / "opendata-spill"
    spill.mkdir(exist_ok=True)
    con.execute(f"SET temp_directory = '{spill}'")
    con.execute(f"SET memory_limit = '{os.environ.get('OPENDATA_MEMORY_LIMIT', '1GB')}'")
    con.execute("SET preserve_insertion_order = true")
    return con


@contextmanager
def publication(spec_path: Path, extract: Path | None = None, home: Path | str | None = None) -> Iterator[PublishContext]:
    """A fresh PublishContext for `spec_path`; its working database is closed on exit."""
    spec = load_spec(spec_path)
    con = working_database()
    try:
        yield PublishContext(
            spec=spec,
            spec_path=Path(spec_path).resolve(),
            extract=(Path(extract) if extract else spec.source_path(Path(spec_path))).resolve(),
            home=Home.resolve(home),
            con=con,
        )
    finally:
        con.close()


def current_flow_run_id() -> str | None:
    """The id of the Prefect flow run this code runs in, if any (without importing Prefect)."""
    if "prefect" not in sys.modules:
        return None
    from prefect.runtime import flow_run

    run_id = flow_run.id
    return str(run_id) if run_id else None


def run_plain(spec_path: Path, extract: Path | None = None, home: Path | str | None = None, *, replaces: str | None = None, actor: str = "cli") -> Path:
    """Publish without Prefect; return the release folder.

    Called inside a Prefect flow (e.g. by republish), the release still records that flow's run id.
    """
    with publication(spec_path, extract, home) as ctx:
        ctx.replaces, ctx.actor = replaces, actor
        ctx.flow_run_id = current_flow_run_id()
        try:
            with step_progress(ctx.spec.id, [name for name, _ in PUBLISH_STEPS]) as advance:
                for name, target in PUBLISH_STEPS:
                    run_guarded(ctx, name, target)
                    advance(name)
        except OpendataError as exc:
            record_refusal(ctx, exc)
            raise
        assert ctx.release_dir is not None
        return ctx.release_dir


# -- every dataset of a catalog (`opendata publish --all`, the publish-all flow) ------------------


def outcome(dataset_id: str, spec_path: str, status: str, *, release: str | None = None, error: OpendataError | None = None, note: str | None = None) -> dict[str, Any]:
    """One dataset's result: published, blocked (exit 2), error (exit 1) or skipped (not-open)."""
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
    from pipelines.spec.validate import validate_paths
    from pipelines.vocab import OpenType

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


def publish_each_plain(todo: list[tuple[Path, CatalogSpec]], home: Path | str | None) -> list[dict[str, Any]]:
    """Publish the specs one after another without Prefect; one failing dataset stops no other."""
    results = []
    for path, spec in todo:
        try:
            folder = run_plain(path, None, home)
        except OpendataError as exc:
            results.append(outcome(spec.id, str(path), "blocked" if exc.exit_code == 2 else "error", error=exc))
        else:
            results.append(outcome(spec.id, str(path), "published", release=str(folder)))
    return results
