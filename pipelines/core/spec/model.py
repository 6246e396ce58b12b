"""The catalog spec: one YAML file per dataset, modelled with pydantic.

The fields follow the catalog attributes of 开放办法 §11 (domain, summary, data items, formats,
open type, open conditions, update frequency) and 管理办法 §34 (provider department and contact).
`scripts/export_schema.py` writes the JSON Schema of `CatalogSpec` to `schemas/catalog_spec.schema.json`,
which editors use to complete specs and CI uses to check them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from pipelines.core.vocab import (
    FieldType,
    FindingKind,
    Licence,
    NotOpenReason,
    OpenType,
    ResourceClass,
    SharingMethod,
    SharingType,
    SourceFormat,
    UpdateFrequency,
)

ID_PATTERN = r"^[a-z][a-z0-9-]{2,63}$"
NAME_PATTERN = r"^[a-z][a-z0-9_]{0,62}$"
# 信息资源代码 (政务信息资源目录编制指南): 前段码 = 类 (1 digit) 项 (2) 目 (3) [细目 (3)], "/", 后段码 = 顺序码 (6).
RESOURCE_CODE_PATTERN = r"^[1-3][0-9]{5}(?:[0-9]{3})?/[0-9]{6}$"
# The release formats and the IANA media type each is published under (dcat:mediaType).
RELEASE_FORMATS = ("csv", "parquet")


def regex_compiles(value: str | None) -> str | None:
    """Pydantic check shared by every `pattern` parameter: the regular expression must compile."""
    if value is not None:
        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"pattern does not compile: {exc}") from None
    return value


class _Model(BaseModel):
    # Unknown keys are errors: a misspelt `requird:` must not silently publish a null column.
    model_config = ConfigDict(extra="forbid", use_enum_values=False, populate_by_name=True)


class Provider(_Model):
    """数据提供部门 and its contact (管理办法 §34)."""

    department: str = Field(min_length=2, description="Provider department, e.g. 福州市民政局.")
    contact: str = Field(
        min_length=2,
        description="Office and public phone or e-mail users can reach; becomes the DCAT-AP contact point (vcard:Kind).",
    )
    code: str | None = Field(
        None,
        description="提供方代码: the department's unified social credit code (GB 32100, 18 characters), "
        "needed by the national catalog export.",
        json_schema_extra={"pattern": "^[0-9A-HJ-NPQRTUWXY]{18}$"},
    )

    @field_validator("department", "contact")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        # A contact of spaces passes min_length but gives harvesters an empty vcard:Kind.
        if not value.strip():
            raise ValueError("must not be blank")
        return value

    @field_validator("code", mode="before")
    @classmethod
    def _credit_code(cls, value: Any) -> Any:
        if isinstance(value, int):  # an unquoted all-digit code: YAML reads it as a number, exactly
            value = str(value)
        if value is not None:
            from stdnum.cn import uscc

            if not uscc.is_valid(value):
                raise ValueError(f"{value!r} is not a valid unified social credit code (GB 32100: 18 characters, check character)")
        return value


class Source(_Model):
    """Where the department's extract is and how to read it."""

    path: str = Field(description="Extract path, relative to the spec file.")
    format: SourceFormat | None = Field(None, description="csv, xlsx, json or parquet; default from the file suffix.")
    encoding: Literal["auto", "utf-8", "gbk", "gb18030"] = Field(
        "auto", description="CSV text encoding; auto detects UTF-8 (with or without BOM) or GBK/GB18030."
    )
    sheet: str | None = Field(None, description="Worksheet name for xlsx; default the first sheet.")
    max_field_chars: int = Field(
        32767, ge=1, description="Longest cell accepted, in characters (Excel's own cell limit by default)."
    )


# Validation-context key of the policy validator: (operator, params, reason) -> None, ValueError when wrong.
POLICY_CHECK = "policy_check"
PolicyCheck = Callable[[str, dict[str, Any], "str | None"], None]


class Policy(BaseModel):
    """How one column is desensitized: a masking operator key and its parameters.

    Written either as a bare key (`policy: drop`) or a mapping (`policy: {operator: partial_mask,
    keep_first: 1}`). Parameters are validated by the operator registry before any data is read.
    `publish` lets a detected column through unchanged and requires a written `reason`.
    """

    model_config = ConfigDict(extra="allow")

    operator: str = Field(description="Masking operator key, e.g. drop, redact, partial_mask, pseudonymize.")
    reason: str | None = Field(None, description="Why; required for `publish` (a detected column left as is).")

    @model_validator(mode="before")
    @classmethod
    def _from_key(cls, value: Any) -> Any:
        return {"operator": value} if isinstance(value, str) else value

    @property
    def params(self) -> dict[str, Any]:
        """The operator parameters: every key but `operator` and `reason`."""
        return dict(self.model_extra or {})

    # The operator registry lives in the masking package, above this model: whoever loads specs for
    # publication (`pipelines.runner.specs`) passes its validator as the `POLICY_CHECK` entry of the
    # validation context, and its errors are reported at the policy's line like any other.
    @model_validator(mode="after")
    def _check_params(self, info: ValidationInfo) -> Policy:
        check = (info.context or {}).get(POLICY_CHECK)
        if check is not None:
            check(self.operator, self.params, self.reason)
        return self


class FieldSpec(_Model):
    """数据项: one release column, mapped from one extract column."""

    name: str = Field(pattern=NAME_PATTERN, description="Release column name (snake_case ASCII).")
    source_column: str = Field(min_length=1, description="Column header in the department's extract.")
    label: str = Field(min_length=1, description="Chinese label, shown as the field title in datapackage.json.")
    type: FieldType = Field(FieldType.STRING, description="Release type; values are checked against it.")
    format: str | None = Field(None, description="strptime format for date/datetime values, e.g. %Y/%m/%d.")
    description: str | None = Field(None, description="What the column means.")
    required: bool = Field(False, description="Completeness: no null or blank value allowed.")
    unique: bool = Field(False, description="Accuracy: no duplicate values allowed.")
    enum: list[str] | None = Field(None, description="Allowed values (accuracy).")
    minimum: float | None = Field(None, description="Smallest allowed numeric value (accuracy).")
    maximum: float | None = Field(None, description="Largest allowed numeric value (accuracy).")
    pattern: str | None = Field(None, description="Regular expression every value must match (accuracy).")
    pii: FindingKind | None = Field(None, description="Kind of personal or secret data the column holds.")
    policy: Policy | None = Field(None, description="Masking policy; required when `pii` is personal or secret.")
    quasi_identifier: bool = Field(False, description="Counts towards k-anonymity classes.")

    _pattern_compiles = field_validator("pattern")(lambda cls, value: regex_compiles(value))

    @model_validator(mode="after")
    def _pii_needs_policy(self) -> FieldSpec:
        if self.pii is not None and not self.pii.is_public and self.policy is None:
            raise ValueError(
                f"pii is {self.pii.value} but no policy is given: add a policy "
                "(drop, redact, partial_mask, pseudonymize, generalize, ...) or `publish` with a reason"
            )
        return self


class Privacy(_Model):
    """k-anonymity for person-level data."""

    k_anonymity: int | None = Field(None, ge=2, description="Every quasi-identifier class must hold at least k records.")
    quasi_identifiers: list[str] = Field(default_factory=list, description="Release column names forming the classes.")
    max_suppression: float = Field(
        0.05, ge=0, le=1, description="Largest share of records that may be suppressed to reach k; beyond it publication is blocked."
    )


class Timeliness(_Model):
    """时效性: the date column whose newest value must fall in the window of `update_frequency`."""

    column: str = Field(description="Release column holding the record date.")
    grace_days: int = Field(0, ge=0, description="Days of slack added to the window.")


class QualityAccept(_Model):
    """An `error`-severity check the provider accepts for this dataset, with its reason."""

    check: str = Field(description="Check key, e.g. accuracy.enum.")
    column: str | None = Field(None, description="Release column, or null for a table-level check.")
    reason: str = Field(min_length=4, description="Why publishing despite the failures is right.")


class QualitySection(_Model):
    """Dataset-level quality settings."""

    min_rows: int = Field(1, ge=0, description="Fewest rows an extract may have.")
    accept: list[QualityAccept] = Field(default_factory=list, description="Error checks accepted, with reasons.")


class NationalCatalog(_Model):
    """The 政务信息资源目录 (GB/T 21063.3 core metadata) fields the rest of the spec does not already give."""

    code: str = Field(
        pattern=RESOURCE_CODE_PATTERN,
        description="信息资源代码: 前段码/后段码, e.g. 305012001/000001 (类 1 digit, 项 2, 目 3, optional 细目 3; "
        "then a 6-digit 顺序码). The 类 digit must match `class`.",
    )
    resource_class: ResourceClass = Field(
        alias="class", description="信息资源分类, 类: basic (基础), thematic (主题) or departmental (部门信息资源)."
    )
    category: str = Field(min_length=2, description="信息资源分类 below 类: 项/目 names, e.g. 民政/社会救助.")
    sharing_conditions: str | None = Field(
        None, description="共享条件: what a requesting department must meet; required when sharing_type is conditional."
    )
    sharing_method: SharingMethod | None = Field(
        None, description="共享方式: api, database, file or offline; required unless sharing_type is not-shared."
    )
    related: list[str] = Field(
        default_factory=list,
        description="关联资源代码: 信息资源代码 of related resources (same format as `code`).",
        json_schema_extra={"items": {"type": "string", "pattern": RESOURCE_CODE_PATTERN}},
    )

    @field_validator("related")
    @classmethod
    def _related_codes(cls, value: list[str]) -> list[str]:
        for code in value:
            if not re.match(RESOURCE_CODE_PATTERN, code):
                raise ValueError(f"{code!r} is not an 信息资源代码 (前段码/后段码, e.g. 305012001/000001)")
        return value


class CatalogSpec(_Model):
    """A catalog entry (开放目录条目) for one dataset, and how to publish it."""

    id: str = Field(pattern=ID_PATTERN, description="Stable dataset id used in paths and the catalog.")
    title: str = Field(min_length=2, description="Dataset title (Chinese).")
    provider: Provider
    domain: str = Field(min_length=2, description="数据领域, e.g. 社会保障, 市场监管, 交通出行.")
    summary: str = Field(min_length=10, description="数据摘要: what the data is and covers.")
    keywords: list[str] = Field(default_factory=list, description="Search keywords.")
    formats: list[Literal["csv", "parquet"]] = Field(
        default_factory=lambda: ["csv", "parquet"],  # type: ignore[arg-type]
        description="数据格式 of the release files: csv (text/csv) or parquet (application/vnd.apache.parquet).",
    )
    open_type: OpenType = Field(description="开放类型: general, authorized or not-open.")
    open_conditions: str | None = Field(None, description="开放条件; required for authorized.")
    not_open_reason: NotOpenReason | None = Field(None, description="One of the six reasons of 开放办法 §5; required for not-open.")
    sharing_type: SharingType = Field(description="共享类型 between departments.")
    legal_basis: str | None = Field(None, description="Legal basis; required unless sharing is unconditional (管理办法 §16).")
    update_frequency: UpdateFrequency = Field(description="更新频度.")
    license: str = Field(
        Licence.CC_BY_4_0.value,
        description="Licence users receive (SPDX id with an entry in the EU licence table: "
        + ", ".join(licence.value for licence in Licence)
        + "); attribution is always required.",
        json_schema_extra={"enum": [licence.value for licence in Licence]},
    )
    source: Source
    fields: list[FieldSpec] = Field(min_length=1, description="数据项: the release columns.")
    privacy: Privacy = Field(default_factory=Privacy)
    timeliness: Timeliness | None = None
    quality: QualitySection = Field(default_factory=QualitySection)
    national_catalog: NationalCatalog | None = Field(
        None, description="政务信息资源目录 fields for `opendata catalog export --format cn-catalog`."
    )

    @field_validator("license", mode="before")
    @classmethod
    def _known_licence(cls, value: Any) -> Any:
        # A licence a harvester cannot resolve is as bad as none: dct:license must name a LicenseDocument.
        if value is None or (isinstance(value, str) and not value.strip()):
            raise ValueError("a release must state its licence (dct:license); e.g. CC-BY-4.0")
        if value not in Licence._value2member_map_:
            known = ", ".join(licence.value for licence in Licence)
            raise ValueError(f"{value!r} is not a licence with a DCAT-AP vocabulary entry (one of: {known})")
        return value

    @field_validator("formats", mode="before")
    @classmethod
    def _formats_with_media_type(cls, value: Any) -> Any:
        for item in value if isinstance(value, list) else []:
            if item not in RELEASE_FORMATS:
                raise ValueError(
                    f"{item!r} has no release media type (dcat:mediaType); release formats are {', '.join(RELEASE_FORMATS)}"
                )
        return value

    @model_validator(mode="after")
    def _cross_field_rules(self, info: ValidationInfo) -> CatalogSpec:
        # `catalog validate` asks to skip this and calls cross_field_problems() itself, so that
        # each problem is reported at the line of the key it concerns.
        if not (info.context or {}).get("defer_cross_field"):
            problems = self.cross_field_problems()
            if problems:
                raise ValueError("; ".join(message for _, message in problems))
        return self

    def cross_field_problems(self) -> list[tuple[tuple[str | int, ...], str]]:
        """Rules that span several keys, each as (location, message)."""
        problems: list[tuple[tuple[str | int, ...], str]] = []
        if self.open_type is OpenType.AUTHORIZED and not (self.open_conditions or "").strip():
            problems.append((("open_type",), "open_type authorized requires open_conditions (开放条件)"))
        if self.open_type is OpenType.NOT_OPEN and self.not_open_reason is None:
            reasons = ", ".join(r.value for r in NotOpenReason)
            problems.append((("open_type",), f"open_type not-open requires not_open_reason (one of: {reasons})"))
        if self.open_type is not OpenType.NOT_OPEN and self.not_open_reason is not None:
            problems.append((("not_open_reason",), "not_open_reason is only for open_type not-open"))
        if self.sharing_type is not SharingType.UNCONDITIONAL and not (self.legal_basis or "").strip():
            problems.append(
                (("sharing_type",), f"sharing_type {self.sharing_type.value} requires legal_basis (管理办法 §16)")
            )
        problems += self._national_catalog_problems()
        seen_names: set[str] = set()
        seen_sources: set[str] = set()
        for i, f in enumerate(self.fields):
            if f.name in seen_names:
                problems.append((("fields", i, "name"), f"duplicate field name {f.name!r}"))
            if f.source_column in seen_sources:
                problems.append((("fields", i, "source_column"), f"duplicate source_column {f.source_column!r}"))
            seen_names.add(f.name)
            seen_sources.add(f.source_column)
        for i, qi in enumerate(self.privacy.quasi_identifiers):
            if qi not in seen_names:
                problems.append(
                    (("privacy", "quasi_identifiers", i), f"quasi-identifier {qi!r} is not a field name")
                )
        if self.quasi_identifier_names and self.privacy.k_anonymity is None:
            problems.append((("privacy",), "quasi-identifiers are declared but privacy.k_anonymity is not set"))
        if self.timeliness is not None:
            if self.timeliness.column not in seen_names:
                problems.append(
                    (("timeliness", "column"), f"timeliness.column {self.timeliness.column!r} is not a field name")
                )
            elif self.field(self.timeliness.column).type not in (FieldType.DATE, FieldType.DATETIME):
                problems.append(
                    (("timeliness", "column"), f"timeliness.column {self.timeliness.column!r} must be a date or datetime field")
                )
        for i, accepted in enumerate(self.quality.accept):
            if accepted.column is not None and accepted.column not in seen_names:
                problems.append(
                    (("quality", "accept", i, "column"), f"accepted check names column {accepted.column!r}, which is not a field name")
                )
        return problems

    def _national_catalog_problems(self) -> list[tuple[tuple[str | int, ...], str]]:
        national = self.national_catalog
        if national is None:
            return []
        problems: list[tuple[tuple[str | int, ...], str]] = []
        where = ("national_catalog",)
        if national.code[0] != national.resource_class.code:
            problems.append(((*where, "code"), (
                f"信息资源代码 {national.code} starts with 类 {national.code[0]}, but class is "
                f"{national.resource_class.value} ({national.resource_class.label}, 类 {national.resource_class.code})"
            )))
        if self.sharing_type is SharingType.CONDITIONAL and not (national.sharing_conditions or "").strip():
            problems.append(((*where,), "sharing_type conditional requires national_catalog.sharing_conditions (共享条件)"))
        if self.sharing_type is SharingType.NOT_SHARED and national.sharing_method is not None:
            problems.append(((*where, "sharing_method"), "sharing_type not-shared has no sharing_method (共享方式)"))
        if self.sharing_type is not SharingType.NOT_SHARED and national.sharing_method is None:
            methods = ", ".join(m.value for m in SharingMethod)
            problems.append(((*where,), f"sharing_type {self.sharing_type.value} requires national_catalog.sharing_method (one of: {methods})"))
        for i, code in enumerate(national.related):
            if code == national.code:
                problems.append(((*where, "related", i), "a resource is not related to itself"))
        return problems

    # -- convenience -------------------------------------------------------------------------

    def field(self, name: str) -> FieldSpec:
        """The field with release column `name`."""
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)

    @property
    def quasi_identifier_names(self) -> list[str]:
        """Quasi-identifiers from `privacy.quasi_identifiers` and fields flagged `quasi_identifier`."""
        names = list(self.privacy.quasi_identifiers)
        names += [f.name for f in self.fields if f.quasi_identifier and f.name not in names]
        return names

    def source_path(self, spec_path: Path) -> Path:
        """The extract path resolved against the spec file's folder."""
        return (spec_path.parent / self.source.path).resolve()
