"""The state one publication carries from step to step.

Each stage of `pipelines.runner.steps.STAGES` takes the context, reads what earlier stages left and
adds its own results. Extract data lives only in `con` (a DuckDB working database that is never the
registry and never under the home directory), so no raw value reaches Prefect, a log or a report.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipelines.core.home import Home
from pipelines.core.results import MaskRecord, PastRelease, QualityResult, Tag
from pipelines.core.spec.model import CatalogSpec
from pipelines.core.vocab import OpenType

if TYPE_CHECKING:
    import duckdb

ROW = "_row"  # 1-based data-row number in the extract, kept beside the release columns until release


@dataclass(frozen=True)
class StepEvent:
    """A finished stage, as the audit log records it: its event name and details (duration, summary)."""

    step: str
    event: str
    details: dict[str, Any] = field(default_factory=dict)


@dataclass
class PublishContext:
    """Everything a publication run knows; steps fill it in order."""

    spec: CatalogSpec
    spec_path: Path
    extract: Path
    home: Home
    con: duckdb.DuckDBPyConnection
    # The working table: column `_row` plus one VARCHAR column per spec field, named by `fields[].name`.
    # Steps replace it (CREATE OR REPLACE TABLE) rather than adding side tables.
    table: str = "work"
    source_sha256: str = ""
    source_bytes: int = 0
    source_rows: int = 0
    source_columns: list[str] = field(default_factory=list)
    source_encoding: str | None = None
    undeclared_columns: list[str] = field(default_factory=list)
    manifest: dict[str, Any] | None = None
    manifest_problem: str | None = None
    obtained_at: datetime | None = None
    # Earlier releases of the dataset (oldest first), read from the registry by the runner for the quality trend.
    past_releases: list[PastRelease] = field(default_factory=list)
    # Results of later steps, written into the release metadata.
    quality: QualityResult | None = None
    masking: list[MaskRecord] = field(default_factory=list)
    privacy: dict[str, Any] = field(default_factory=dict)
    # Personal columns the spec's policies leave at individual level, judged from the operators' properties
    # by the runner before any data is read: the tag stage's answer when masking did not report one.
    individual_by_spec: list[str] | None = None
    open_type: OpenType | None = None
    tag: Tag | None = None
    warnings: list[str] = field(default_factory=list)
    flow_run_id: str | None = None
    replaces: str | None = None
    actor: str = "cli"
    version: str | None = None
    release_dir: Path | None = None
    release_files: dict[str, dict[str, Any]] = field(default_factory=dict)
    # One entry per finished step (its audit event, duration and summary); no values, only what was done.
    events: list[StepEvent] = field(default_factory=list)

    @cached_property
    def spec_sha256(self) -> str:
        """sha256 of the spec file, read once so provenance and the registry name the same bytes."""
        return hashlib.sha256(self.spec_path.read_bytes()).hexdigest()

    def columns(self) -> list[str]:
        """Release columns currently in the working table, in order."""
        rows = self.con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
            [self.table],
        ).fetchall()
        return [r[0] for r in rows if r[0] != ROW]

    def row_count(self) -> int:
        """Rows currently in the working table."""
        return int(self.con.execute(f'SELECT count(*) FROM "{self.table}"').fetchone()[0])  # type: ignore[index]
