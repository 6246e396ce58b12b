"""The check registry: every built-in check (`quality.checks.ALL`) under its stable string key.

Keys are `<dimension>.<name>`; each is registered once, and must start with its dimension.
"""

from __future__ import annotations

from pipelines.core.vocab import Dimension
from quality.check import Check
from quality.checks import ALL


def _build(classes: list[type[Check]]) -> dict[str, Check]:
    registry: dict[str, Check] = {}
    for cls in classes:
        if cls.key in registry:
            raise ValueError(f"check key {cls.key!r} registered twice")
        if not cls.key.startswith(cls.dimension.value + "."):
            raise ValueError(f"check key {cls.key!r} must start with its dimension {cls.dimension.value!r}")
        registry[cls.key] = cls()
    return registry


_REGISTRY = _build(ALL)


def get(key: str) -> Check:
    """The check registered under `key`."""
    return _REGISTRY[key]


def all_checks() -> list[Check]:
    """Every registered check: in dimension order (DESIGN.md §3), then in the order of `ALL`."""
    order = list(Dimension)
    return sorted(_REGISTRY.values(), key=lambda c: order.index(c.dimension))


def keys() -> list[str]:
    """Every registered check key."""
    return [c.key for c in all_checks()]
