"""`accuracy.id_consistency`: A resident ID agrees with the birth-date column (digits 7–14) and the gender column (17th digit odd = 男)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from pipelines.core.spec.model import CatalogSpec, FieldSpec
from pipelines.core.sql import quote_ident as q
from pipelines.core.sql import quote_literal as lit
from pipelines.core.vocab import Dimension, FindingKind
from quality import identifiers as ids
from quality.check import Ref, RowCheck, RunEnv
from quality.checks.accuracy.common import CFG
from quality.model import Outcome, PlannedCheck, Severity
from quality.sqlparts import birth_date_sql


GENDER_NAMES = ("gender", "sex")
GENDER_LABEL = "性别"
MALE = ("男", "男性", "m", "male", "1")
FEMALE = ("女", "女性", "f", "female", "2")  # GB/T 2261.1 codes 1 and 2


def gender_field(spec: CatalogSpec) -> FieldSpec | None:
    """A field whose name or label means gender (性别), if the spec has one."""
    for f in spec.fields:
        n = f.name.lower()
        if n in GENDER_NAMES or n.endswith(tuple("_" + g for g in GENDER_NAMES)) or GENDER_LABEL in f.label:
            return f
    return None


class ConsistencyParams(BaseModel):
    """The columns a resident ID is compared with."""

    model_config = CFG
    birth_column: str | None = None
    gender_column: str | None = None


class IdConsistency(RowCheck):
    """A resident ID agrees with the birth-date column (digits 7–14) and the gender column (17th digit odd = 男)."""

    key = "accuracy.id_consistency"
    dimension = Dimension.ACCURACY
    severity = Severity.ERROR
    title = "一致性 ID agrees with birth date and gender"
    template = "{failed} of {total} rows: the ID disagrees with {against}"
    Params = ConsistencyParams

    def plan(self, spec: CatalogSpec) -> list[PlannedCheck]:
        id_fields = [f for f in spec.fields if f.pii is FindingKind.RESIDENT_ID]
        births = [f for f in spec.fields if f.pii is FindingKind.BIRTH_DATE]
        gender = gender_field(spec)
        # With several ID columns (applicant, spouse, ...) it is unknowable which one a birth date
        # or gender belongs to, so the comparison is only made for a single ID column.
        if len(id_fields) != 1 or (len(births) != 1 and gender is None):
            return []
        params = ConsistencyParams(
            birth_column=births[0].name if len(births) == 1 else None, gender_column=gender.name if gender else None
        )
        return [self.planned(id_fields[0].name, params)]

    def _parts(self, p: PlannedCheck, env: RunEnv) -> tuple[str, str | None, str | None]:
        assert isinstance(p.params, ConsistencyParams)
        c = q(p.column or "")
        birth = gender = None
        if p.params.birth_column:
            birth = birth_date_sql(q(p.params.birth_column), env.spec.field(p.params.birth_column))
        if p.params.gender_column:
            g = f"lower({q(p.params.gender_column)})"
            males = ", ".join(lit(v) for v in MALE)
            females = ", ".join(lit(v) for v in FEMALE)
            gender = f"(CASE WHEN {g} IN ({males}) THEN true WHEN {g} IN ({females}) THEN false END)"
        return c, birth, gender

    def probes(self, p: PlannedCheck, spec: CatalogSpec) -> list[str]:
        assert isinstance(p.params, ConsistencyParams)
        fmt = spec.field(p.params.birth_column).format if p.params.birth_column else None
        return [f"try_strptime('', {lit(fmt)})"] if fmt else []

    def derived(self, p: PlannedCheck, env: RunEnv, ref: Ref) -> list[dict[str, str]]:
        c, birth, gender = self._parts(p, env)
        layer = {"shape": ids.resident_id_shape_sql(c), "id_birth": f"CAST(try_strptime(substr({c}, 7, 8), '%Y%m%d') AS DATE)"}
        if birth:
            layer["birth"] = birth
        if gender:
            layer["male"] = gender
        return [layer]

    def eval_sql(self, p: PlannedCheck, env: RunEnv, ref: Ref) -> str:
        _, birth, gender = self._parts(p, env)
        known = [f"{ref(x)} IS NOT NULL" for x, sql in (("birth", birth), ("male", gender)) if sql]
        return f"({ref('shape')} AND ({' OR '.join(known)}))"

    def fail_sql(self, p: PlannedCheck, env: RunEnv, ref: Ref) -> str:
        c, birth, gender = self._parts(p, env)
        wrong = []
        if birth:
            wrong.append(f"{ref('id_birth')} <> {ref('birth')}")
        if gender:
            wrong.append(f"{ref('male')} <> {ids.id_sequence_is_male_sql(c)}")
        return f"({ref('shape')} AND coalesce({' OR '.join(wrong)}, false))"

    def outcome(self, p: PlannedCheck, env: RunEnv, values: dict[str, Any]) -> Outcome:
        out = super().outcome(p, env, values)
        assert isinstance(p.params, ConsistencyParams)
        against = [c for c in (p.params.birth_column, p.params.gender_column) if c]
        out.details = {"against": " / ".join(against)}
        return out

    def expectations(self, p: PlannedCheck, spec: CatalogSpec) -> list[dict[str, Any]] | str:
        return "compares two columns digit by digit"
