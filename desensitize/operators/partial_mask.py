"""`partial_mask`: keep the first and last characters, mask the middle (the common display masks)."""

from __future__ import annotations

from pydantic import Field

from pipelines.core.vocab import FindingKind

from desensitize.operators.base import (
    ColumnInput,
    ColumnPlan,
    MaskEnv,
    Operator,
    OperatorParams,
    string_type_unless,
)
from pipelines.core.sql import quote_literal as literal
from desensitize.operators.defaults import COMPOUND_SURNAMES, GENERIC_KEEP, PARTIAL_MASK_KEEP
from desensitize.operators.sqlexpr import normalized


class PartialMaskParams(OperatorParams):
    """Parameters of `partial_mask`; unset counts come from the column's `pii` kind (DESIGN.md §4)."""

    keep_first: int | None = Field(None, ge=0, le=64, description="Characters kept at the start.")
    keep_last: int | None = Field(None, ge=0, le=64, description="Characters kept at the end.")
    mask_char: str = Field("*", min_length=1, max_length=1, description="The masking character.")


class PartialMaskOperator(Operator):
    """Mask the middle of each value: ID keeps 6+4, phone 3+4, a name keeps its surname (复姓 too).

    Identifiers are normalized first (phones to digits, IDs upper-case) so that differently written
    copies of one number mask alike. At least one character is always masked: a value too short
    for the kept counts keeps at most half of itself, so the mask never returns the original.
    """

    key = "partial_mask"
    Params = PartialMaskParams
    keeps_individual = True

    def plan(self, params: OperatorParams, column: ColumnInput, env: MaskEnv) -> ColumnPlan:
        """SQL built from left/right/repeat over the normalized value."""
        assert isinstance(params, PartialMaskParams)
        v = env.precompute(normalized(column.ref, column.pii)) if column.pii else column.ref
        mc = literal(params.mask_char)
        record: dict[str, object] = {"mask_char": params.mask_char}
        explicit = params.keep_first is not None or params.keep_last is not None
        if not explicit and column.pii is FindingKind.PERSON_NAME:
            expr = _surname_mask(v, mc)
            record["keep"] = "surname"
        elif not explicit and column.pii is FindingKind.EMAIL:
            expr = _email_mask(v, mc)
            record["keep"] = "first letter and domain"
        else:
            # With one count given, the other keeps the kind's default, or 0: `keep_first: 1` on a
            # name must not reveal its last character as well.
            fallback = (0, 0) if explicit else GENERIC_KEEP
            default_first, default_last = PARTIAL_MASK_KEEP.get(column.pii, fallback) if column.pii else fallback
            kf = default_first if params.keep_first is None else params.keep_first
            kl = default_last if params.keep_last is None else params.keep_last
            expr = _keep_mask(v, kf, kl, mc)
            record.update(keep_first=kf, keep_last=kl)
        return ColumnPlan(
            expr=f"CASE WHEN {column.ref} IS NULL THEN NULL ELSE {expr} END",
            params_record=record,
            out_type=string_type_unless(column, keeps=False),
        )


def _keep_mask(v: str, kf: int, kl: int, mc: str) -> str:
    n = f"length({v})"
    normal = f"left({v}, {kf}) || repeat({mc}, {n} - {kf + kl}) || right({v}, {kl})"
    # Too short to keep kf+kl and still mask something: keep at most half, from the start.
    short = f"left({v}, least({kf}, {n} // 2)) || repeat({mc}, {n} - least({kf}, {n} // 2))"
    return f"CASE WHEN {n} > {kf + kl} THEN {normal} ELSE {short} END"


def _surname_mask(v: str, mc: str) -> str:
    compounds = ", ".join(literal(s) for s in COMPOUND_SURNAMES)
    keep = f"(CASE WHEN length({v}) >= 3 AND left({v}, 2) IN ({compounds}) THEN 2 WHEN length({v}) >= 2 THEN 1 ELSE 0 END)"
    return f"left({v}, {keep}) || repeat({mc}, length({v}) - {keep})"


def _email_mask(v: str, mc: str) -> str:
    at = f"strpos({v}, '@')"
    keep = f"(CASE WHEN {at} > 2 THEN 1 ELSE 0 END)"
    with_at = f"left({v}, {keep}) || repeat({mc}, {at} - 1 - {keep}) || substr({v}, {at})"
    return f"CASE WHEN {at} > 1 THEN {with_at} ELSE {_keep_mask(v, 1, 1, mc)} END"
