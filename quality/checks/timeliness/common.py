"""What the timeliness checks share."""

from __future__ import annotations

from pipelines.core.spec.model import CatalogSpec, FieldSpec


def window_days(spec: CatalogSpec) -> int | None:
    """Days the newest record may be old: the frequency's window plus the grace days."""
    days = spec.update_frequency.window_days
    if days is None:
        return None
    return days + (spec.timeliness.grace_days if spec.timeliness else 0)


def column(spec: CatalogSpec) -> FieldSpec | None:
    """The field `timeliness.column` names: the date that makes a record recent."""
    return spec.field(spec.timeliness.column) if spec.timeliness else None
