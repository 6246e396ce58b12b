"""`opendata quality`'s composition: load an extract the way publication does, then run the quality stage's checks.

Nothing is written under the home directory: it is only read for the trend of earlier releases and
the overdue check. The extract is loaded into an in-memory DuckDB, so its values never touch the disk.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from pipelines.core.context import PublishContext
from pipelines.core.home import Home
from pipelines.ingest.step import ingest_step
from pipelines.runner.specs import load_spec
from pipelines.store.history import past_releases
from quality.step import attach
from quality.suite import Suite, build_suite


@dataclass
class CheckedExtract:
    """The quality report of an extract, while its working database is still open (for a GE run)."""

    ctx: PublishContext
    suite: Suite

    @property
    def quality(self) -> dict[str, Any]:
        """The report as quality.json holds it."""
        return self.ctx.quality.report if self.ctx.quality else {}

    @property
    def html(self) -> str:
        """The report as quality.html."""
        return self.ctx.quality.html if self.ctx.quality else ""

    def gx_data_docs(self, docs_dir: Path) -> tuple[Path | None, int]:
        """Run the Great Expectations suite on a sample and build its Data Docs: (index page, rows sampled)."""
        from quality.gx_suite import gx_frame, validate_with_gx  # in-function: GE takes seconds to import

        q = self.quality
        frame = gx_frame(self.ctx.con, self.ctx.table, self.suite)
        _, index = validate_with_gx(frame, q["expectation_suite"], docs_dir=docs_dir, sampled=len(frame) < q["rows"])
        return index, len(frame)


@contextmanager
def checked_extract(extract: Path, spec_path: Path, home: Path | None = None) -> Iterator[CheckedExtract]:
    """Check `extract` against its spec without publishing; the working database closes on exit."""
    spec = load_spec(spec_path)
    suite = build_suite(spec)  # spec problems surface before the extract is read
    root = Home.resolve(home)
    con = duckdb.connect()  # in memory: extract values never touch the disk here
    try:
        ctx = PublishContext(
            spec=spec, spec_path=Path(spec_path), extract=Path(extract), home=root, con=con,
            past_releases=past_releases(root, spec.id),
        )
        ingest_step(ctx)
        attach(ctx, suite)
        yield CheckedExtract(ctx, suite)
    finally:
        con.close()
