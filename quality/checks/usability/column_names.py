"""`usability.column_names`: The extract's header names are real names: not placeholders, numbers or data values."""

from __future__ import annotations

from typing import Any

from pipelines.core.spec.model import CatalogSpec
from pipelines.core.vocab import Dimension
from quality.check import RunEnv, TableCheck
from quality.checks.usability.common import CONTROL, DATA_LIKE, MAX_NAME, PLACEHOLDER
from quality.model import Outcome, PlannedCheck, Severity


def column_name_problem(name: str) -> str | None:
    """Why an extract column name is not a usable name, or None."""
    if CONTROL.search(name):
        return "control character"
    if DATA_LIKE.search(name):
        return "looks like a data value"
    if PLACEHOLDER.match(name) or name.strip().isdigit():
        return "placeholder name"
    if len(name) > MAX_NAME:
        return "longer than 64 characters"
    return None


class ColumnNames(TableCheck):
    """The extract's header names are real names: not placeholders, numbers or data values."""

    key = "usability.column_names"
    dimension = Dimension.USABILITY
    severity = Severity.WARNING
    title = "列名 well-formed column names"
    template = "{failed} of {total} header names are not usable ({problems})"

    def outcome(self, p: PlannedCheck, env: RunEnv, values: dict[str, Any]) -> Outcome:
        names = env.ctx.source_columns
        found = [(i + 1, column_name_problem(n)) for i, n in enumerate(names)]
        bad = [(i, why) for i, why in found if why]
        # Positions, not the names themselves: a data-like "name" may be a personal value.
        problems = ", ".join(f"column {i}: {why}" for i, why in bad[:10])
        return Outcome(len(bad), len(names), details={"problems": problems or "none"})

    def expectations(self, p: PlannedCheck, spec: CatalogSpec) -> list[dict[str, Any]] | str:
        return "a property of the extract header"
