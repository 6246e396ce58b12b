"""Which columns stay at individual level (开放办法 §6, §8), from the operators' own properties.

A personal column is individual-level when its values still describe one person each: no policy,
or an operator that `keeps_individual` (a pseudonym, a partly masked value, a fake). Judged from the
spec alone, before masking has run, an operator whose removal depends on the data (free-text
scanning) counts as individual too: only the masking step can tell what it found.
"""

from __future__ import annotations

from pipelines.core.spec.model import CatalogSpec
from pipelines.core.vocab import FindingKind

from desensitize.operators.registry import OPERATORS

def is_personal(kind: FindingKind | None) -> bool:
    """Whether a column of this kind is about a person (`FindingKind.is_personal`; None: not personal data)."""
    return kind is not None and kind.is_personal


def leaves_individual(operator: str | None, *, masked: bool) -> bool:
    """Whether a personal column under this policy operator (None: no policy) is still individual-level.

    `masked`: judged after masking ran (free-text scanning then counts as removing what it found).
    """
    cls = OPERATORS.get(operator) if operator is not None else None
    if cls is None:
        return True
    return cls.keeps_individual or (not masked and cls.removal_depends_on_data)


def individual_level_fields(spec: CatalogSpec) -> list[str]:
    """Release columns the spec's policies leave at individual level (the conservative, spec-only rule)."""
    return [
        f.name
        for f in spec.fields
        if is_personal(f.pii) and leaves_individual(f.policy.operator if f.policy else None, masked=False)
    ]
