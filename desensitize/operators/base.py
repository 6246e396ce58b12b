"""What every masking operator is: a small class with a stable key and a pydantic parameter model.

An operator never touches data while it is validated. When the desensitize step applies it, the
operator returns a `ColumnPlan`: a DuckDB SQL expression for the masked column (plus, where a
Python pass over DISTINCT values or free text is needed, a side table to join). The step then
builds the whole masked table in one SQL statement, so structured columns are never looped over
in Python.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import BaseModel, ConfigDict

from pipelines.core.sql import quote_ident as ident
from pipelines.core.vocab import FieldType, FindingKind

if TYPE_CHECKING:
    import duckdb


class OperatorParams(BaseModel):
    """Base of every operator's parameters: unknown keys are errors (a misspelt key must not be ignored)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class NoParams(OperatorParams):
    """Parameters of an operator that takes none."""


@dataclass(frozen=True)
class ColumnInput:
    """The column an operator masks, as the spec declares it (no data)."""

    name: str  # release column name in the working table
    type: FieldType = FieldType.STRING
    pii: FindingKind | None = None
    format: str | None = None  # strptime format of date values, from the spec
    label: str = ""

    @property
    def ref(self) -> str:
        """The SQL reference to the column's original value inside the masking SELECT (alias `t`)."""
        return "t." + ident(self.name)


class HeadStart(ABC):
    """Work an operator began before the step planned it (`Operator.head_start`): its plan takes it over, or the
    step closes it (the step failed, or what the work was begun with no longer holds)."""

    @abstractmethod
    def close(self) -> None:
        """Stop the work and let go of what it holds."""


@dataclass
class MaskEnv:
    """What an operator may use while planning: the working database and run-wide inputs.

    `key` is the pseudonym key, loaded once by the step; it is only ever passed to DuckDB as a bound
    parameter (never spliced into SQL text, a record or a message).
    """

    con: duckdb.DuckDBPyConnection
    table: str
    key_loader: Callable[[], bytes] | None = None
    known_names: list[str] = field(default_factory=list)
    temp_tables: list[str] = field(default_factory=list)
    precomputed: list[str] = field(default_factory=list)
    head_starts: dict[str, HeadStart] = field(default_factory=dict)  # column → work its operator began early
    _key: bytes | None = None

    def precompute(self, sql: str) -> str:
        """A reference to `sql` (over the original row, alias `t`) evaluated once per row.

        The masking SELECT computes these in an inner query, so an operator can use a parsed
        or normalized value many times in its expression without DuckDB re-evaluating it.
        """
        self.precomputed.append(sql)
        return f't."__pre_{len(self.precomputed) - 1}"'

    def key(self) -> bytes:
        """The pseudonym key (loading it on first use; GateBlocked when none is configured)."""
        if self._key is None:
            if self.key_loader is None:
                raise RuntimeError("no pseudonym key loader configured")
            self._key = self.key_loader()
        return self._key

    def close_head_starts(self) -> None:
        """Close every head start no plan took over."""
        begun, self.head_starts = self.head_starts, {}
        for work in begun.values():
            work.close()

    def temp_table(self, column: str, purpose: str) -> str:
        """A fresh name for a side table the step drops when masking is done."""
        name = f"_mask_{purpose}_{len(self.temp_tables)}"
        self.temp_tables.append(name)
        return name


@dataclass(frozen=True)
class Join:
    """A side table LEFT JOINed into the masking SELECT; `on` is SQL over aliases `t` and `alias`."""

    alias: str
    table: str
    on: str


@dataclass
class ColumnPlan:
    """How one column is masked: the new value's SQL, and what the record of it says.

    `expr` None means the column is dropped. `suppress_when` is SQL over the original row (alias
    `t`): rows where it is true are removed. `sql_params` are named parameters (`$name`) the
    expression uses; key material travels only this way.
    """

    expr: str | None
    params_record: dict[str, Any] = field(default_factory=dict)
    joins: list[Join] = field(default_factory=list)
    suppress_when: str | None = None
    sql_params: dict[str, Any] = field(default_factory=dict)
    out_type: FieldType | None = None
    detections: dict[str, int] = field(default_factory=dict)
    notes: dict[str, Any] = field(default_factory=dict)


class Operator(ABC):
    """A masking operator. Subclasses set `key`, `Params`, and implement `plan`."""

    key: ClassVar[str]
    Params: ClassVar[type[OperatorParams]] = NoParams
    # Whether the operator needs the pseudonym key (checked before any data is read).
    needs_key: ClassVar[bool] = False
    # Whether a personal column's values still describe one person each after masking (individual-level
    # data, 开放办法 §6, §8): true for a pseudonym, a partly masked or fake value; false once removed or coarsened.
    keeps_individual: ClassVar[bool] = True
    # Whether what it removes depends on the data (free-text scanning removes what it finds): judged from
    # the spec alone, before masking has run and reported, such a column counts as still individual.
    removal_depends_on_data: ClassVar[bool] = False
    # Whether it changes the value at all (`publish` lets a column through unchanged, with a reason).
    changes_value: ClassVar[bool] = True

    @classmethod
    def whole_table_reason(cls, params: dict[str, Any], person_name_columns: list[str]) -> str | None:
        """Why masking partition by partition would differ from masking the whole table, or None when it is safe.

        Most operators map each value on its own; one that looks at other rows (counts, quantiles,
        names found in other columns) must see the whole table. `person_name_columns` are the spec's
        person-name columns.
        """
        return None

    @classmethod
    def parse(cls, params: dict[str, Any]) -> OperatorParams:
        """Validate raw spec parameters into the operator's model (pydantic ValidationError if wrong)."""
        return cls.Params.model_validate(params)

    def check_column(self, params: OperatorParams, column: ColumnInput) -> str | None:
        """A problem with applying this operator to this column (a spec error), or None."""
        return None

    def head_start(self, params: OperatorParams, column: ColumnInput, env: MaskEnv) -> HeadStart | None:
        """Begin the slow part of `plan` now, in the background, while the step still checks the extract; None
        when there is nothing worth beginning (most operators: their plan is SQL, run in one pass later)."""
        return None

    @abstractmethod
    def plan(self, params: OperatorParams, column: ColumnInput, env: MaskEnv) -> ColumnPlan:
        """The SQL (and side tables) that mask `column`."""


def string_type_unless(column: ColumnInput, keeps: bool) -> FieldType | None:
    """`string` when the operator's output no longer fits the column's declared non-string type."""
    return None if keeps or column.type is FieldType.STRING else FieldType.STRING
