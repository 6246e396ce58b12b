"""`usability.encoding`: Text extracts are UTF-8 (with or without BOM), not GBK/GB18030."""

from __future__ import annotations

from typing import Any

from pipelines.core.spec.model import CatalogSpec
from pipelines.core.vocab import Dimension
from quality.check import RunEnv, TableCheck
from quality.model import Outcome, PlannedCheck, Severity


class Encoding(TableCheck):
    """Text extracts are UTF-8 (with or without BOM), not GBK/GB18030."""

    key = "usability.encoding"
    dimension = Dimension.USABILITY
    severity = Severity.WARNING
    title = "编码 UTF-8 text"
    template = "the extract is {encoding}"

    def outcome(self, p: PlannedCheck, env: RunEnv, values: dict[str, Any]) -> Outcome:
        enc = env.ctx.source_encoding
        if enc is None:
            return Outcome.skipped("binary format (xlsx or parquet) carries its own encoding")
        return Outcome(int(enc not in ("utf-8", "utf-8-sig")), 1, details={"encoding": enc.upper()})

    def expectations(self, p: PlannedCheck, spec: CatalogSpec) -> list[dict[str, Any]] | str:
        return "a property of the file, not of the values"
