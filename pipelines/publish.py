"""Run one publication: open a working database, run the steps, always clean up.

`flows.py` runs the same steps as Prefect tasks; `run_plain` runs them directly (no Prefect), which
is what tests and the `OPENDATA_ENGINE=plain` setting use.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from pipelines.context import PublishContext
from pipelines.home import Home
from pipelines.progress import step_progress
from pipelines.spec.loader import load_spec
from pipelines.errors import OpendataError
from pipelines.steps import PUBLISH_STEPS, record_refusal, run_step


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


def run_plain(spec_path: Path, extract: Path | None = None, home: Path | str | None = None, *, replaces: str | None = None, actor: str = "cli") -> Path:
    """Publish without Prefect; return the release folder."""
    with publication(spec_path, extract, home) as ctx:
        ctx.replaces, ctx.actor = replaces, actor
        try:
            with step_progress(ctx.spec.id, [name for name, _ in PUBLISH_STEPS]) as advance:
                for name, target in PUBLISH_STEPS:
                    run_step(ctx, name, target)
                    advance(name)
        except OpendataError as exc:
            record_refusal(ctx, exc)
            raise
        assert ctx.release_dir is not None
        return ctx.release_dir
