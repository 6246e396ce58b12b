"""Generate the checks a spec calls for, and validate everything spec-made before data is read.

`build_suite` asks every registered check to plan itself from the spec, compiles each regex and
date format the plans use on an empty in-memory DuckDB (the engine that will run them), and checks
`quality.accept`: each entry must name a known `error` check that the spec actually plans.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from pipelines.core.errors import SpecError
from pipelines.core.spec.model import CatalogSpec, QualityAccept
from quality import registry
from quality.model import PlannedCheck, Severity


@dataclass(frozen=True)
class Suite:
    """The planned checks of one spec, in registry order."""

    spec: CatalogSpec
    checks: tuple[PlannedCheck, ...]

    def accepted(self, p: PlannedCheck) -> QualityAccept | None:
        """The spec's acceptance of this error check, if any."""
        if p.severity is not Severity.ERROR:
            return None
        for a in self.spec.quality.accept:
            if a.check == p.key and a.column == p.column:
                return a
        return None


def plan(spec: CatalogSpec) -> list[PlannedCheck]:
    """Every check instance the spec calls for."""
    return [p for check in registry.all_checks() for p in check.plan(spec)]


def _probe_problems(spec: CatalogSpec, planned: list[PlannedCheck]) -> list[str]:
    problems: list[str] = []
    con = duckdb.connect()
    try:
        for p in planned:
            for expr in registry.get(p.key).probes(p, spec):
                try:
                    con.execute(f"SELECT {expr}").fetchall()
                except duckdb.Error as exc:
                    first = str(exc).splitlines()[0]
                    problems.append(f"field {p.column}: {p.key}: DuckDB cannot use it: {first}")
    finally:
        con.close()
    return problems


def _accept_problems(spec: CatalogSpec, planned: list[PlannedCheck]) -> list[str]:
    problems: list[str] = []
    known = set(registry.keys())
    for i, a in enumerate(spec.quality.accept):
        where = f"quality.accept[{i}]"
        if a.check not in known:
            problems.append(f"{where}: unknown check {a.check!r}; known checks: {', '.join(sorted(known))}")
            continue
        severity = registry.get(a.check).severity
        if severity is Severity.CRITICAL:
            problems.append(f"{where}: {a.check} is critical and cannot be accepted")
        elif severity is Severity.WARNING:
            problems.append(f"{where}: {a.check} is a warning, which never blocks; remove the entry")
        elif not any(p.key == a.check and p.column == a.column for p in planned):
            col = "the table" if a.column is None else f"column {a.column!r}"
            problems.append(f"{where}: the spec plans no {a.check} check on {col}")
    return problems


def build_suite(spec: CatalogSpec) -> Suite:
    """The spec's checks; raises SpecError for a pattern/format DuckDB rejects or a wrong accept."""
    planned = plan(spec)
    problems = _probe_problems(spec, planned) + _accept_problems(spec, planned)
    if problems:
        raise SpecError(f"{spec.id}: the quality checks cannot be built from the spec", details=problems)
    return Suite(spec, tuple(planned))
