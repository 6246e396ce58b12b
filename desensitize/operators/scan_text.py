"""`scan_text`: find personal data inside free text and replace only those spans by a tag ([姓名], [手机号] …)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import Field

from pipelines.core.vocab import FindingKind

from desensitize.operators.base import ColumnInput, ColumnPlan, HeadStart, Join, MaskEnv, Operator, OperatorParams
from desensitize.operators.text_workers import Masked, ParallelMasker, helper_count
from pipelines.core.sql import quote_ident as ident

if TYPE_CHECKING:
    import duckdb  # the working database's connection, only named here: validating a spec must not load DuckDB


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
    keeps_individual = False
    removal_depends_on_data = True

    @classmethod
    def whole_table_reason(cls, params: dict[str, Any], person_name_columns: list[str]) -> str | None:
        """The names of every row's person-name columns are looked for in every row's text."""
        if person_name_columns:
            return f"scan_text looks for the names of {', '.join(person_name_columns)} in every row's text"
        return None

    def head_start(self, params: OperatorParams, column: ColumnInput, env: MaskEnv) -> HeadStart | None:
        """Hand the first batch of distinct texts to the helper processes now, with the extract's names as the step
        knows them so far: they mask while this process checks every column (seconds at a million rows)."""
        assert isinstance(params, ScanTextParams)
        helpers = helper_count()
        if not helpers or not _more_than_a_batch(env, params.batch_size):
            return None  # one batch: this process masks it alone, as `plan` would
        kinds = _kinds(params)
        workers = ParallelMasker(env.known_names, kinds, params.sweep, helpers=helpers, start_at=params.batch_size)
        cursor = env.con.cursor()
        batches = _distinct_texts(cursor, env.table, column.name, params.batch_size)
        workers.run_ahead(batches, params.batch_size)
        return _Begun(workers, cursor, batches, env.known_names, kinds, params.sweep)

    def plan(self, params: OperatorParams, column: ColumnInput, env: MaskEnv) -> ColumnPlan:
        """Detect and replace in batches; record counts per kind (never the spans' text)."""
        assert isinstance(params, ScanTextParams)
        kinds = _kinds(params)
        tmp = env.temp_table(column.name, "scan")
        begun = env.head_starts.pop(column.name, None)
        if isinstance(begun, _Begun) and begun.holds(env.known_names, kinds, params.sweep):
            with begun:
                counts = _fill_side_table(env, tmp, begun.workers, begun.batches, params.batch_size)
        else:
            if begun is not None:
                begun.close()  # begun with names the step has since added to: masked again from the start
            with ParallelMasker(env.known_names, kinds, params.sweep, start_at=params.batch_size) as workers:
                if _more_than_a_batch(env, params.batch_size):
                    workers.start()  # more than one batch of texts is likely: helpers build while this process does
                cursor = env.con.cursor()
                try:
                    batches = _distinct_texts(cursor, env.table, column.name, params.batch_size)
                    counts = _fill_side_table(env, tmp, workers, batches, params.batch_size)
                finally:
                    cursor.close()
        alias = f"j_{len(env.temp_tables)}"
        return ColumnPlan(
            expr=f"coalesce({alias}.masked, {column.ref})",
            joins=[Join(alias=alias, table=tmp, on=f"{alias}.v = {column.ref}")],
            params_record={"kinds": [k.value for k in kinds], "tag": "[<kind label>]", "sweep": params.sweep},
            detections=dict(sorted(counts.items())),
            out_type=None,
        )


def _more_than_a_batch(env: MaskEnv, batch_size: int) -> bool:
    """The table has more rows than one batch of texts holds: helper processes are worth starting."""
    rows = env.con.execute(f"SELECT count(*) FROM {ident(env.table)}").fetchone()
    return rows is not None and rows[0] > batch_size


def _kinds(params: ScanTextParams) -> list[FindingKind]:
    return list(params.kinds) if params.kinds else [k for k in FindingKind if not k.is_public]


@dataclass
class _Begun(HeadStart):
    """A free-text column's masking, begun early (`ScanTextOperator.head_start`)."""

    workers: ParallelMasker
    cursor: duckdb.DuckDBPyConnection
    batches: Generator[tuple[list[str], list[int]], None, None]
    known_names: list[str]
    kinds: list[FindingKind]
    sweep: bool

    def holds(self, known_names: list[str], kinds: list[FindingKind], sweep: bool) -> bool:
        """Whether the work was begun as `plan` would begin it now."""
        return (
            (self.known_names is known_names or self.known_names == known_names)
            and self.kinds == kinds and self.sweep == sweep
        )

    def close(self) -> None:
        """Stop the helpers, then the read of the texts (the thread that feeds them reads it until then)."""
        self.workers.close()
        self.batches.close()
        self.cursor.close()

    def __enter__(self) -> _Begun:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _distinct_texts(
    cursor: duckdb.DuckDBPyConnection, table: str, column: str, batch_size: int
) -> Generator[tuple[list[str], list[int]], None, None]:
    """The distinct non-null texts of `column` and how many cells hold each, in batches, read on `cursor` when
    first asked for (so a head start's thread runs the query, not its caller).

    A cursor of its own keeps the reader open while the connection inserts, and lets another thread read.
    """
    col = ident(column)
    reader = cursor.sql(f"SELECT {col} AS v, count(*) AS n FROM {ident(table)} WHERE {col} IS NOT NULL GROUP BY 1")
    for b in reader.to_arrow_reader(batch_size):
        yield b.column(0).to_pylist(), b.column(1).to_pylist()


def _fill_side_table(
    env: MaskEnv, table: str, workers: ParallelMasker, batches: Iterator[tuple[list[str], list[int]]], batch_size: int
) -> Counter[str]:
    """Create `table` (v → masked) with every text of `batches` the masker changes; the counts per kind.

    The side table fills batch by batch, so Python never holds more than a batch or two of texts: at
    10M rows the changed remarks alone would be gigabytes. Each DISTINCT text is masked once (remarks
    repeat: 材料齐全，同意办理。); its cell count weights the counts, so they still count cells.
    """
    env.con.execute(f"CREATE TEMP TABLE {ident(table)} (v VARCHAR, masked VARCHAR)")
    changed = Masked()

    def flush() -> None:
        # Two list parameters unnested side by side (DuckDB zips them): no Arrow conversion, which would
        # also import pandas (0.3 s) just to check the lists' types.
        env.con.execute(f"INSERT INTO {ident(table)} SELECT unnest($1), unnest($2)", [changed.old, changed.new])
        changed.old.clear()
        changed.new.clear()

    for done in workers.run(batches):
        changed.extend(done)
        if len(changed.old) >= batch_size:
            flush()
    if changed.old:
        flush()
    return changed.counts
