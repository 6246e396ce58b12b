"""What a quality check is: one small class per check, under a stable string key.

Keys are `<dimension>.<name>` (e.g. `accuracy.resident_id`); specs name them in `quality.accept`
and reports carry them in `checks[].check`. A check plans itself from the spec (`plan`), may add
per-row values (`derived`, `projections`) and aggregates (`aggregates`) to the one shared scan,
turns the aggregated values into an `Outcome`, and says how Great Expectations expresses it
(`expectations`). Everything runs in DuckDB SQL; Python only sees counts and at most `MAX_EXAMPLES`
row numbers per check. `quality.checks.ALL` lists the built-in checks; `quality.registry` finds them by key.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import BaseModel

from pipelines.core.spec.model import CatalogSpec
from pipelines.core.vocab import Dimension
from pipelines.core.sql import quote_ident as q
from quality.model import MAX_EXAMPLES, NoParams, Outcome, PlannedCheck, Severity

if TYPE_CHECKING:
    import duckdb

    from pipelines.core.context import PublishContext

Ref = Callable[[str], str]  # a check's local name for a derived value or projection -> its alias in the scan


@dataclass(frozen=True)
class RunEnv:
    """What checks may read while they run: the working table and facts about this publication."""

    ctx: PublishContext
    extract_date: date  # manifest extracted_at, else when the extract was obtained
    now: datetime  # aware, UTC: when this evaluation runs
    last_release_at: datetime | None  # newest earlier published release of the dataset (UTC)

    @property
    def spec(self) -> CatalogSpec:
        """The dataset's catalog spec."""
        return self.ctx.spec

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The working database (never the registry)."""
        return self.ctx.con

    @property
    def table(self) -> str:
        """The working table's name, quoted for SQL."""
        return q(self.ctx.table)


class Check:
    """Base class of every check; subclasses set the class attributes and override what they need."""

    key: ClassVar[str]
    dimension: ClassVar[Dimension]
    severity: ClassVar[Severity]
    title: ClassVar[str]  # short Chinese label shown in reports
    # str.format template over the outcome's details plus `failed` and `total`.
    template: ClassVar[str]
    Params: ClassVar[type[BaseModel]] = NoParams

    def plan(self, spec: CatalogSpec) -> list[PlannedCheck]:
        """The instances of this check the spec calls for (none by default)."""
        return []

    def planned(self, column: str | None, params: BaseModel | None = None) -> PlannedCheck:
        """A planned instance of this check with validated parameters."""
        return PlannedCheck(self.key, column, params or self.Params(), self.severity, self.dimension)

    def probes(self, p: PlannedCheck, spec: CatalogSpec) -> list[str]:
        """SQL expressions built from spec values (regexes, date formats) that must compile.

        The suite evaluates them on an empty in-memory database before any data is touched, so a
        pattern DuckDB cannot run is a spec error, not a crash halfway through a publication.
        """
        return []

    def derived(self, p: PlannedCheck, env: RunEnv, ref: Ref) -> list[dict[str, str]]:
        """Per-row values computed before the projections, in layers (each may use the ones before).

        DuckDB does not share common subexpressions under AND/OR/CASE, so a value used many times
        inside a predicate (the digits of an ID as a number) is computed once in a layer below it.
        """
        return []

    def projections(self, p: PlannedCheck, env: RunEnv, ref: Ref) -> dict[str, str]:
        """Per-row SQL expressions added to the shared scan, by local name."""
        return {}

    def aggregates(self, p: PlannedCheck, env: RunEnv, ref: Ref) -> dict[str, str]:
        """Aggregate SQL expressions over the shared scan, by local name."""
        return {}

    def outcome(self, p: PlannedCheck, env: RunEnv, values: dict[str, Any]) -> Outcome:
        """Counts from the aggregated values (and, rarely, one more bounded query)."""
        raise NotImplementedError

    def expectations(self, p: PlannedCheck, spec: CatalogSpec) -> list[dict[str, Any]] | str:
        """This planned check as Great Expectations 1.x expectations, or why GE cannot express it."""
        return "about the extract file and its manifest, not the values"


class RowCheck(Check):
    """A check evaluated cell by cell: a SQL predicate that is TRUE where a row fails."""

    def fail_sql(self, p: PlannedCheck, env: RunEnv, ref: Ref) -> str:
        """TRUE where the row fails; NULL or FALSE otherwise."""
        raise NotImplementedError

    def eval_sql(self, p: PlannedCheck, env: RunEnv, ref: Ref) -> str:
        """TRUE where the row is evaluated (default: the cell is not null)."""
        return f"{q(p.column or '')} IS NOT NULL"

    def projections(self, p: PlannedCheck, env: RunEnv, ref: Ref) -> dict[str, str]:
        return {"fail": f"coalesce({self.fail_sql(p, env, ref)}, false)", "eval": self.eval_sql(p, env, ref)}

    def aggregates(self, p: PlannedCheck, env: RunEnv, ref: Ref) -> dict[str, str]:
        fail = ref("fail")
        return {
            "failed": f"count_if({fail})",
            "total": f"count_if({ref('eval')})",
            "rows": f"min(_row, {MAX_EXAMPLES}) FILTER (WHERE {fail})",
        }

    def outcome(self, p: PlannedCheck, env: RunEnv, values: dict[str, Any]) -> Outcome:
        return Outcome(int(values["failed"] or 0), int(values["total"] or 0), sorted(values["rows"] or []))


class TableCheck(Check):
    """A check on the extract as a whole (its manifest, encoding, header): no SQL by default."""

    def plan(self, spec: CatalogSpec) -> list[PlannedCheck]:
        return [self.planned(None)]


def expectation(kind: str, p: PlannedCheck, note: str | None = None, **kwargs: Any) -> dict[str, Any]:
    """One GE 1.x expectation of type `kind` for the planned check `p` (its key, column and severity in `meta`)."""
    meta: dict[str, Any] = {"check": p.key, "column": p.column, "severity": p.severity.value}
    if note:
        meta["note"] = note
    return {
        "type": kind,
        "kwargs": kwargs,
        "meta": meta,
        # GE 1.x knows critical / warning / info; our error blocks too, so it maps to critical.
        "severity": "warning" if p.severity is Severity.WARNING else "critical",
    }
