"""What the accuracy checks share."""

from __future__ import annotations

from typing import Any

from pydantic import ConfigDict

from pipelines.core.spec.model import CatalogSpec
from pipelines.core.sql import quote_ident as q
from pipelines.core.vocab import FindingKind
from quality import identifiers as ids
from quality.check import Ref, RowCheck, RunEnv, expectation
from quality.model import PlannedCheck


CFG = ConfigDict(extra="forbid", frozen=True)


class IdentifierCheck(RowCheck):
    """A check planned for every field whose `pii` is one given kind, with a layered validity test."""

    kind: FindingKind
    shape: str  # the identifier's shape as a regex, for Great Expectations

    def plan(self, spec: CatalogSpec) -> list[PlannedCheck]:
        return [self.planned(f.name) for f in spec.fields if f.pii is self.kind]

    def validity(self, col: str, ref: Ref) -> ids.Validity:
        """The identifier's validity predicate."""
        raise NotImplementedError

    def derived(self, p: PlannedCheck, env: RunEnv, ref: Ref) -> list[dict[str, str]]:
        return self.validity(q(p.column or ""), ref).layers

    def fail_sql(self, p: PlannedCheck, env: RunEnv, ref: Ref) -> str:
        return f"NOT {self.validity(q(p.column or ''), ref).valid}"

    def expectations(self, p: PlannedCheck, spec: CatalogSpec) -> list[dict[str, Any]] | str:
        return [expectation("expect_column_values_to_match_regex", p, "shape only; the checksum is checked in SQL",
                            column=p.column, regex=self.shape)]
