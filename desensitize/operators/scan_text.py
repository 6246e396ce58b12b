"""`scan_text`: find personal data inside free text and replace only those spans by a tag ([姓名], [手机号] …)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from pydantic import Field

from pipelines.core.vocab import FindingKind

from desensitize.operators.base import ColumnInput, ColumnPlan, Join, MaskEnv, Operator, OperatorParams, ident

if TYPE_CHECKING:
    from desensitize.detect.text import Span
    from desensitize.operators.text_workers import ParallelMasker


class ScanTextParams(OperatorParams):
    """Parameters of `scan_text`."""

    kinds: list[FindingKind] | None = Field(
        None, min_length=1, description="Kinds to find and replace; default every personal kind."
    )
    sweep: bool = Field(
        True,
        description="After the detector, also replace any remaining ID-shaped, mobile-shaped or card-shaped "
        "number whatever its checksum (a mistyped ID is still a person's).",
    )
    batch_size: int = Field(50_000, ge=100, le=1_000_000, description="Texts fetched from DuckDB per batch.")


# The safety net behind the detector: shapes only, bounded by look-arounds (`\b` does not work
# between a CJK character and a digit). Tags contain no digits, so the sweep never re-matches them.
# Digits may be full-width (１３８…): a number typed in a Chinese input method is still a number.
_D, _D1, _D3, _X, _AN = "[0-9０-９]", "[1-9１-９]", "[3-9３-９]", "[0-9０-９XxＸｘ]", "[0-9０-９A-Za-zＡ-Ｚａ-ｚ]"
_SWEEP = re.compile(
    rf"(?P<resident_id>(?<!{_AN}){_D1}{_D}{{16}}{_X}(?!{_AN}))"
    rf"|(?P<bank_card>(?<!{_AN}){_D}{{16,19}}(?!{_AN}))"
    rf"|(?P<mobile_phone>(?<!{_D})(?:[+＋]?[8８][6６][-\s]?)?[1１]{_D3}{_D}(?:[-\s]?{_D}{{4}}){{2}}(?!{_D}))"
)
_SWEEP_TAGS = {name: f"[{FindingKind(name).label}]" for name in _SWEEP.groupindex}


def sweep(text: str, counts: Counter[str] | None = None, weight: int = 1) -> str:
    """`text` with every remaining ID-, card- or mobile-shaped number replaced by its tag."""
    if _SWEEP.search(text) is None:  # nearly always: no callback, no new string
        return text

    def tag_of(m: re.Match[str]) -> str:
        kind = m.lastgroup or "resident_id"
        if counts is not None:
            counts[kind] += weight
        return _SWEEP_TAGS[kind]

    return _SWEEP.sub(tag_of, text)


def tag(kind: FindingKind) -> str:
    """The text that replaces a found span: the kind's Chinese label in brackets."""
    return f"[{kind.label}]"


def replace_spans(text: str, spans: Sequence[Span], counts: Counter[str] | None = None, weight: int = 1) -> str:
    """`text` with each span replaced by its tag; overlapping spans merge (the longer one names the tag).

    `counts[kind]` grows by `weight` per replaced span (the number of cells holding this text).
    """
    if len(spans) == 1:  # the common case, without sorting or merging
        s = spans[0]
        if s.end <= s.start:
            return text
        if counts is not None:
            counts[s.kind.value] += weight
        return text[: s.start] + tag(s.kind) + text[s.end :]
    ordered = sorted(spans, key=lambda s: (s.start, -(s.end - s.start)))
    merged: list[list[Any]] = []  # [start, end, kind, length of the span that names it]
    for s in ordered:
        if s.end <= s.start:
            continue
        if merged and s.start < merged[-1][1]:
            last = merged[-1]
            if s.end - s.start > last[3]:
                last[2], last[3] = s.kind, s.end - s.start
            last[1] = max(last[1], s.end)
        else:
            merged.append([s.start, s.end, s.kind, s.end - s.start])
    out: list[str] = []
    pos = 0
    for start, end, kind, _ in merged:
        out.append(text[pos:start])
        out.append(tag(kind))
        pos = end
        if counts is not None:
            counts[kind.value] += weight
    out.append(text[pos:])
    return "".join(out)


class ScanTextOperator(Operator):
    """Free text: run the text detector over every non-null value and tag what it finds.

    DISTINCT texts are fetched from DuckDB as Arrow batches and passed to `TextDetector.find_many`;
    only the changed texts come back, as a (text → masked text) side table the mask joins. The names found in
    the spec's person-name columns are given to the detector (in memory only), so a name written in
    a remark is found even where no context word precedes it. Then, unless `sweep: false`, a
    shape-only sweep replaces any ID-, card- or mobile-shaped number the detector let through.
    """

    key = "scan_text"
    Params = ScanTextParams

    def plan(self, params: OperatorParams, column: ColumnInput, env: MaskEnv) -> ColumnPlan:
        """Detect and replace in batches; record counts per kind (never the spans' text)."""
        assert isinstance(params, ScanTextParams)
        from desensitize.operators.text_workers import ParallelMasker

        kinds = list(params.kinds) if params.kinds else [k for k in FindingKind if not k.is_public]
        tmp = env.temp_table(column.name, "scan")
        with ParallelMasker(env.known_names, kinds, params.sweep, start_at=params.batch_size) as workers:
            rows = env.con.execute(f"SELECT count(*) FROM {ident(env.table)}").fetchone()
            if rows is not None and rows[0] > params.batch_size:
                workers.start()  # more than one batch of texts is likely: helpers build while this process does
            counts = _fill_side_table(env, column.name, tmp, workers, params.batch_size)
        alias = f"j_{len(env.temp_tables)}"
        return ColumnPlan(
            expr=f"coalesce({alias}.masked, {column.ref})",
            joins=[Join(alias=alias, table=tmp, on=f"{alias}.v = {column.ref}")],
            params_record={"kinds": [k.value for k in kinds], "tag": "[<kind label>]", "sweep": params.sweep},
            detections=dict(sorted(counts.items())),
            out_type=None,
        )


def _fill_side_table(env: MaskEnv, column: str, table: str, workers: ParallelMasker, batch_size: int) -> Counter[str]:
    """Create `table` (v → masked) with every text of `column` the masker changes; the counts per kind.

    The side table fills batch by batch, so Python never holds more than a batch or two of texts: at
    10M rows the changed remarks alone would be gigabytes. Each DISTINCT text is masked once (remarks
    repeat: 材料齐全，同意办理。); its cell count weights the counts, so they still count cells.
    """
    from desensitize.operators.text_workers import Masked

    env.con.execute(f"CREATE TEMP TABLE {ident(table)} (v VARCHAR, masked VARCHAR)")
    changed = Masked()

    def flush() -> None:
        # Two list parameters unnested side by side (DuckDB zips them): no Arrow conversion, which would
        # also import pandas (0.3 s) just to check the lists' types.
        env.con.execute(f"INSERT INTO {ident(table)} SELECT unnest($1), unnest($2)", [changed.old, changed.new])
        changed.old.clear()
        changed.new.clear()

    col = ident(column)
    # A cursor of its own keeps the reader open while this connection inserts.
    cursor = env.con.cursor()
    try:
        reader = cursor.sql(
            f"SELECT {col} AS v, count(*) AS n FROM {ident(env.table)} WHERE {col} IS NOT NULL GROUP BY 1"
        ).to_arrow_reader(batch_size)
        batches = ((b.column(0).to_pylist(), b.column(1).to_pylist()) for b in reader)
        for done in workers.run(batches):
            changed.extend(done)
            if len(changed.old) >= batch_size:
                flush()
        if changed.old:
            flush()
    finally:
        cursor.close()
    return changed.counts
