"""Combine what the partitions report into what one whole-table run would have reported."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pipelines.core.results import MaskRecord

# Record keys that count cells or rows: summed over partitions. Every other key describes the
# policy (operator, parameters, type) and must be the same in every partition.
_SUMMED = ("cells_changed", "rows_suppressed")


class PartitionsDisagree(RuntimeError):
    """Two partitions masked a column differently: the policy depends on more than its own row."""


@dataclass
class Merged:
    """Masking records, privacy facts, warnings and columns of the partitions, combined."""

    records: list[MaskRecord]
    columns: list[str]
    rows_in: int
    rows_out: int
    individual_columns: list[str] = field(default_factory=list)
    rows_suppressed_by_policy: int = 0
    warnings: list[str] = field(default_factory=list)


def merge_records(per_partition: list[list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """One record per column: counts summed, everything else checked equal."""
    merged: list[dict[str, Any]] = []
    for records in zip(*per_partition, strict=True):
        first = dict(records[0])
        for other in records[1:]:
            for key in set(first) | set(other):
                if key in _SUMMED:
                    first[key] = int(first.get(key) or 0) + int(other.get(key) or 0)
                elif key == "detections" and isinstance(first.get(key), dict):
                    first[key] = _sum_counts(first[key], other.get(key) or {})
                elif first.get(key) != other.get(key):
                    raise PartitionsDisagree(f"column {first.get('column')}: partitions differ in {key!r}")
        merged.append(first)
    return merged


def _sum_counts(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    out = dict(a)
    for k, v in b.items():
        out[k] = out.get(k, 0) + v if isinstance(v, int | float) else v
    return out


def merge_reports(reports: list[dict[str, Any]]) -> Merged:
    """Combine the pass-1 reports of every partition (see `worker.mask_partition`)."""
    columns = reports[0]["columns"]
    if any(r["columns"] != columns for r in reports):
        raise PartitionsDisagree("partitions kept different columns")
    individual: list[str] = []
    warnings: list[str] = []
    for r in reports:
        individual += [c for c in r["privacy"].get("individual_columns", []) if c not in individual]
        warnings += [w for w in r["warnings"] if w not in warnings]
    return Merged(
        records=[MaskRecord.from_json(r) for r in merge_records([r["masking"] for r in reports])],
        columns=columns,
        rows_in=sum(int(r["rows_in"]) for r in reports),
        rows_out=sum(int(r["rows_out"]) for r in reports),
        individual_columns=[c for c in columns if c in individual] + [c for c in individual if c not in columns],
        rows_suppressed_by_policy=sum(int(r["privacy"].get("rows_suppressed_by_policy", 0)) for r in reports),
        warnings=warnings,
    )
