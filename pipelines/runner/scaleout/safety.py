"""Which masking policies give the same result on a partition as on the whole table.

Most operators map each value on its own (drop, redact, partial_mask, pseudonymize, fake,
generalize, fixed bounds, row conditions), so masking partition by partition equals masking the
whole. A few look at other rows; each operator says so itself (`Operator.whole_table_reason`).
"""

from __future__ import annotations

from desensitize.operators.registry import OPERATORS
from pipelines.core.spec.model import CatalogSpec
from pipelines.core.vocab import FindingKind


def whole_table_policies(spec: CatalogSpec) -> list[str]:
    """One line per policy whose result depends on rows other than the one it masks."""
    out: list[str] = []
    names = [f.name for f in spec.fields if f.pii is FindingKind.PERSON_NAME]
    for f in spec.fields:
        cls = OPERATORS.get(f.policy.operator) if f.policy is not None else None
        if f.policy is None or cls is None:
            continue
        reason = cls.whole_table_reason(f.policy.params, names)
        if reason:
            out.append(f"{f.name}: {reason}")
    return out
