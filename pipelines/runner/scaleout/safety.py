"""Which masking policies give the same result on a partition as on the whole table.

Most operators map each value on its own (drop, redact, partial_mask, pseudonymize, fake,
generalize, fixed bounds, row conditions), so masking partition by partition equals masking the
whole. A few look at other rows; on a partition they would see only part of the data.
"""

from __future__ import annotations

from pipelines.core.spec.model import CatalogSpec
from pipelines.core.vocab import FindingKind


def whole_table_policies(spec: CatalogSpec) -> list[str]:
    """One line per policy whose result depends on rows other than the one it masks."""
    out: list[str] = []
    names = [f.name for f in spec.fields if f.pii is FindingKind.PERSON_NAME]
    for f in spec.fields:
        if f.policy is None:
            continue
        op, params = f.policy.operator, f.policy.params
        if op == "suppress_record" and params.get("when") == "rare":
            out.append(f"{f.name}: suppress_record when rare counts each value over the whole table")
        elif op == "top_bottom_code" and ("lower_quantile" in params or "upper_quantile" in params):
            out.append(f"{f.name}: top_bottom_code with quantiles computes its bounds over the whole table")
        elif op == "scan_text" and names:
            out.append(f"{f.name}: scan_text looks for the names of {', '.join(names)} in every row's text")
    return out
