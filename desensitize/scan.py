"""What personal data an extract holds (`opendata scan EXTRACT [--draft-spec OUT.yaml] [--json]`).

The runner loads the extract the way publication does (`pipelines.runner.scan`); this module
classifies every column of that table (`desensitize.detect.columns`), proposes a masking policy per
detected kind, and can
write a draft catalog spec that is valid as written: every column mapped, each detected kind with its
default policy, quasi-identifiers and k = 5 for person-level data, free text scanned, and the
metadata a person must still write marked `待填写` with a `# TODO(reviewer)` comment above it.

Nothing here prints, stores or returns a cell value: evidence is rule keys and counts.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
from rich.table import Table

from desensitize.detect.columns import ColumnDetection, detect_columns
from desensitize.detect.headers import quasi_identifier_name, release_name
from desensitize.detect.romanize import romanized_name
from pipelines.core import clock
from pipelines.core.manifest import ManifestFacts
from pipelines.core.sql import quote_ident
from pipelines.core.type_inference import InferredType, infer_types
from pipelines.core.vocab import FieldType
from pipelines.core.vocab import FindingKind as K
from desensitize.operators.defaults import default_policy

TODO = "待填写："
K_ANONYMITY = 5
# Kinds that make a table person-level: each row is about one identifiable person.
PERSON_KINDS = frozenset({
    K.PERSON_NAME, K.RESIDENT_ID, K.MOBILE_PHONE, K.EMAIL, K.ADDRESS, K.BANK_CARD, K.LICENSE_PLATE, K.PASSPORT,
    K.BIRTH_DATE,
})
# Detected kinds whose inferred type is kept: a birth date is generalized as a date, an amount banded
# as a number. Every other kind (IDs, phones, cards …) stays text so no leading zero or digit is lost.
TYPED_KINDS = frozenset({K.BIRTH_DATE, K.COMMERCIAL_SECRET})
# Default policy per kind (DESIGN.md §4 display masks; the masking operators validate them).
SCAN_TEXT: dict[str, Any] = {"operator": "scan_text"}


@dataclass
class ColumnScan:
    """One extract column: its detection, release name and proposals."""

    header: str
    name: str
    detection: ColumnDetection
    policy: dict[str, Any] | None
    quasi_identifier: bool
    numeric_share: float
    inferred: InferredType = InferredType(FieldType.STRING, None, 0, 0)

    @property
    def type(self) -> InferredType:
        """The release type proposed: identifiers and personal text stay strings whatever their digits."""
        kind = self.detection.kind
        if kind is not None and kind not in TYPED_KINDS:
            return InferredType(FieldType.STRING, None, self.inferred.cells, 0)
        return self.inferred


@dataclass
class ScanResult:
    """Everything `scan` found in one extract."""

    extract: Path
    format: str
    rows: int
    columns: list[ColumnScan] = field(default_factory=list)
    manifest: ManifestFacts | None = None

    @property
    def person_level(self) -> bool:
        """True when a column identifies people (names, IDs, phones …)."""
        return any(c.detection.kind in PERSON_KINDS for c in self.columns)

    @property
    def quasi_identifiers(self) -> list[str]:
        """Release names proposed as quasi-identifiers (only for person-level data)."""
        return [c.name for c in self.columns if c.quasi_identifier] if self.person_level else []


def propose_policy(d: ColumnDetection, numeric_share: float) -> dict[str, Any] | None:
    """The default policy for a detection; None when the column needs none."""
    if d.kind is K.COMMERCIAL_SECRET:
        # Amounts are banded; a list of suppliers or customers (text) cannot be, so it is dropped.
        return {"operator": "generalize", "to": "range"} if numeric_share >= 0.9 else {"operator": "drop"}
    if d.kind is not None:
        # One source of defaults for drafts and operators alike.
        return default_policy(d.kind, d.column)
    if d.free_text:
        return dict(SCAN_TEXT)
    return None


def _numeric_share(con: duckdb.DuckDBPyConnection, table: str, column: str) -> float:
    col = quote_ident(column)
    total, numeric = con.execute(
        f"SELECT count({col}), count(TRY_CAST(replace(trim({col}), ',', '') AS DOUBLE)) FROM \"{table}\""
    ).fetchone()  # type: ignore[misc]
    return numeric / total if total else 0.0


def _unique_names(headers: list[str]) -> list[str]:
    """Release names: the synonym tables' English names, else the header in pinyin; unique."""
    names: list[str] = []
    for i, h in enumerate(headers, 1):
        # `field_NN` only for a header with no letter or character at all (blank, or punctuation).
        base = release_name(h) or romanized_name(h) or f"field_{i:02d}"
        name, n = base, 2
        while name in names:
            name, n = f"{base}_{n}", n + 1
        names.append(name)
    return names


def scan_table(con: duckdb.DuckDBPyConnection, table: str, header: list[str], path: Path, fmt: str, rows: int) -> ScanResult:
    """Classify every column of an extract loaded into `table` (columns named by the extract's `header`).

    Each column's release type is inferred from every row (`pipelines.core.type_inference`), not
    from the detection sample.
    """
    detections = detect_columns(con, table, {h: h for h in header})
    names = _unique_names(header)
    types = infer_types(con, table, header)
    result = ScanResult(path, fmt, rows)
    for h, name, d in zip(header, names, detections):
        share = _numeric_share(con, table, h) if d.kind is K.COMMERCIAL_SECRET else 0.0
        qi = quasi_identifier_name(h) is not None or d.kind is K.BIRTH_DATE
        result.columns.append(ColumnScan(h, name, d, propose_policy(d, share), qi, share, types[h]))
    return result


# -- reports ---------------------------------------------------------------------------------------


def _evidence_text(d: ColumnDetection) -> str:
    e = d.evidence
    parts = []
    if "header_rule" in e:
        parts.append(str(e["header_rule"]))
    if "value_rule" in e:
        parts.append(f"{e['value_rule']} {e.get('matches', 0)}/{e.get('sampled', 0)}")
    if e.get("text_findings"):
        parts.append("text: " + ", ".join(f"{k} {v}/{e.get('sampled', 0)}" for k, v in e["text_findings"].items()))
    if "header_disagrees" in e:
        parts.append(f"header says {e['header_disagrees']}")
    return "; ".join(parts) or f"no rule matched ({e.get('sampled', 0)} sampled)"


def _policy_text(policy: dict[str, Any] | None) -> str:
    if policy is None:
        return "—"
    params = " ".join(f"{k}={v}" for k, v in policy.items() if k != "operator")
    return f"{policy['operator']} {params}".strip()


WIDE = 130  # below this many terminal columns the table gets one cell of details per extract column


def _kind_text(d: ColumnDetection) -> str:
    return d.kind.value if d.kind else ("free text" if d.free_text else "—")


def _confidence_text(d: ColumnDetection) -> str:
    """The detection's confidence, or — when no rule decided a kind (there is nothing to be confident of)."""
    return f"{d.confidence:.2f}" if d.kind is not None else "—"


def _title(result: ScanResult) -> str:
    title = f"scan {result.extract.name}: {result.rows} rows, {len(result.columns)} columns"
    if result.manifest is not None:
        m = result.manifest
        title += f"; manifest: {m.provider or 'no provider'}, {m.extracted_on or 'no date'}"
        title += "" if m.vouches else " (does not match the extract)"
    if result.person_level:
        if result.quasi_identifiers:
            title += f"; person-level: k={K_ANONYMITY} on {', '.join(result.quasi_identifiers)}"
        else:
            title += ("; person-level, but no quasi-identifier found: list the columns that could single out "
                      "a person together in privacy.quasi_identifiers")
    return title


def render_scan_table(result: ScanResult, width: int = 200) -> Table:
    """A rich table: one row per column with type, kind, confidence, evidence and proposed policy.

    At `width` below WIDE the details go into one cell per column, so that nothing is cut inside
    a word on an 80-column terminal.
    """
    wide = width >= WIDE
    table = Table(title=_title(result))
    if wide:
        for heading in ("column", "release name", "type", "kind", "confidence", "evidence", "proposed policy", "QI"):
            table.add_column(heading, no_wrap=heading not in ("evidence", "proposed policy"))
    else:
        table.add_column("column", no_wrap=True)
        table.add_column("release name, type, kind and proposal")
    for c in result.columns:
        d = c.detection
        qi = "yes" if c.quasi_identifier and result.person_level else ""
        if wide:
            table.add_row(c.header, c.name, c.type.label, _kind_text(d), _confidence_text(d), _evidence_text(d),
                          _policy_text(c.policy), qi)
        else:
            details = [
                f"{c.name} · {c.type.label} · {_kind_text(d)}" + (f" ({_confidence_text(d)})" if d.kind else ""),
                f"evidence: {_evidence_text(d)}",
                f"policy: {_policy_text(c.policy)}" + ("; quasi-identifier" if qi else ""),
            ]
            table.add_row(c.header, "\n".join(details))
    return table


def scan_json(result: ScanResult) -> dict[str, Any]:
    """The scan as a JSON-ready dict (no values, only rule keys and counts)."""
    return {
        "extract": str(result.extract),
        "format": result.format,
        "rows": result.rows,
        "person_level": result.person_level,
        "manifest": (
            {"file": result.manifest.file, "provider": result.manifest.provider,
             "extracted_on": result.manifest.extracted_on.isoformat() if result.manifest.extracted_on else None,
             "matches_extract": result.manifest.vouches, "problems": result.manifest.problems}
            if result.manifest
            else None
        ),
        "columns": [
            {
                "column": c.header,
                "name": c.name,
                "type": c.type.type.value,
                "format": c.type.format,
                "bad_cells": c.type.bad,
                "kind": c.detection.kind.value if c.detection.kind else None,
                "confidence": c.detection.confidence if c.detection.kind is not None else None,
                "free_text": c.detection.free_text,
                "evidence": c.detection.evidence,
                "policy": c.policy,
                "quasi_identifier": c.quasi_identifier and result.person_level,
            }
            for c in result.columns
        ],
        "privacy": (
            {"k_anonymity": K_ANONYMITY, "quasi_identifiers": result.quasi_identifiers}
            if result.quasi_identifiers
            else None
        ),
    }


# -- draft spec ------------------------------------------------------------------------------------


def _q(value: str) -> str:
    """A YAML double-quoted scalar (JSON string syntax is valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def _flow(policy: dict[str, Any]) -> str:
    return "{" + ", ".join(f"{k}: {v if isinstance(v, int) else _q(str(v))}" for k, v in policy.items()) + "}"


def _dataset_id(extract: Path) -> str:
    stem = re.sub(r"[^a-z0-9]+", "-", extract.stem.lower()).strip("-")
    candidate = f"draft-{stem}" if stem else "draft-dataset"
    candidate = candidate[:64].rstrip("-")
    return candidate if re.fullmatch(r"[a-z][a-z0-9-]{2,63}", candidate) else "draft-dataset"


def _type_lines(t: InferredType) -> list[str]:
    """`type:` and `format:` of a field (nothing for string, the default)."""
    if t.type is FieldType.STRING:
        return []
    out = [f"    type: {t.type.value}"]
    if t.format:
        out.append(f"    format: {_q(t.format)}")
    if t.bad:
        out.append(f"    # {t.bad} of {t.cells} values are not a valid {t.type.value}: see quality.accept below.")
    return out


def _accept_bad_cells(columns: list[ColumnScan]) -> list[str]:
    """A `quality.accept` entry per typed column with unparsable cells, its reason left to a person.

    Those cells publish as empty: the quality report counts them (accuracy.type) and the gate stays
    closed until someone fixes the extract or writes why publishing them empty is right.
    """
    bad = [c for c in columns if c.type.bad]
    if not bad:
        return []
    lines = ["quality:", "  accept:"]
    for c in bad:
        t = c.type
        lines += [
            f"    # TODO(reviewer): {t.bad} of {t.cells} values of {c.name} are not a valid {t.type.value}; they publish",
            "    # as empty cells. Fix them in the extract (and delete this entry), or write why that is right.",
            "    - check: accuracy.type",
            f"      column: {c.name}",
            f"      reason: {_q(TODO + '为何可以将无法解析的值发布为空值')}",
        ]
    return lines


def _manifest_comment(m: ManifestFacts | None) -> list[str]:
    """Comment lines saying what the manifest beside the extract vouches for."""
    if m is None:
        return ["# No manifest beside the extract: authenticity will be reported as unproven (see README)."]
    when = m.extracted_on.isoformat() if m.extracted_on else "an unstated date"
    out = [f"# {m.file}: extracted on {when} by {m.provider or 'an unnamed provider'}."]
    if not m.vouches:
        out.append(f"# TODO(reviewer): the manifest does not match the extract ({'; '.join(m.problems)}): "
                   "publication will be blocked until the department sends a matching one.")
    return out


def _extracted_note(m: ManifestFacts | None) -> str:
    return f"；数据提取于 {m.extracted_on.isoformat()}" if m is not None and m.extracted_on else ""


def _provider_lines(m: ManifestFacts | None) -> list[str]:
    """The provider department: the manifest's when it names one (the authenticity check compares them)."""
    if m is not None and m.provider:
        return [
            "  # from the manifest; it must stay equal to the manifest's provider (authenticity check).",
            "  # TODO(reviewer): a public contact (管理办法 §34).",
            f"  department: {_q(m.provider)}",
        ]
    return [
        "  # TODO(reviewer): provider department and a public contact (管理办法 §34).",
        f"  department: {_q(TODO + '数据提供部门')}",
    ]


def draft_spec_yaml(result: ScanResult, extract: Path, out: Path) -> str:
    """YAML text of a draft catalog spec for `extract`, valid as written, to be saved at `out`."""
    source = os.path.relpath(extract.resolve(), out.resolve().parent).replace(os.sep, "/")
    person = result.person_level
    lines = [
        f"# Draft catalog spec written by `opendata scan` from {extract.name} on {clock.today().isoformat()}.",
        "# It is schema-valid as written (`opendata quality` runs on it), but `catalog validate` and `publish`",
        "# refuse it until a person has replaced every value starting with 待填写 and checked every TODO(reviewer):",
        "# the detected kinds, the proposed policies and the metadata.",
        "# TODO(reviewer): choose the stable dataset id (lower case letters, digits, dashes).",
        f"id: {_dataset_id(extract)}",
        "# TODO(reviewer): dataset title (数据集名称).",
        f"title: {_q(TODO + '数据集名称')}",
        *_manifest_comment(result.manifest),
        "provider:",
        *_provider_lines(result.manifest),
        f"  contact: {_q(TODO + '联系电话或电子邮箱')}",
        "# TODO(reviewer): domain (数据领域), e.g. 社会保障, 市场监管.",
        f"domain: {_q(TODO + '数据领域')}",
        "# TODO(reviewer): summary (数据摘要): what the data is and what it covers.",
        f"summary: {_q(TODO + '数据摘要（数据内容、覆盖范围与时间' + _extracted_note(result.manifest) + '）')}",
        "keywords: []",
    ]
    if person:
        lines += [
            "# TODO(reviewer): open type. Person-level data is proposed as authorized (授权开放); choose general",
            "# only if nothing identifies a person after masking.",
            "open_type: authorized",
            f"open_conditions: {_q(TODO + '开放条件（申请用途、使用场景与安全保障）')}",
            "# TODO(reviewer): sharing type between departments and its legal basis (管理办法 §16).",
            "sharing_type: conditional",
            f"legal_basis: {_q(TODO + '共享依据')}",
        ]
    else:
        lines += [
            "# TODO(reviewer): open type (general, authorized or not-open) and sharing type.",
            "open_type: general",
            "sharing_type: unconditional",
        ]
    lines += [
        "# TODO(reviewer): update frequency (更新频度): daily, weekly, monthly, quarterly, yearly …",
        "update_frequency: irregular",
        "source:",
        f"  path: {_q(source)}",
        "fields:",
    ]
    for c in result.columns:
        d = c.detection
        lines += [
            f"  - name: {c.name}",
            f"    source_column: {_q(c.header)}",
            f"    label: {_q(c.header)}",
        ]
        lines += _type_lines(c.type)
        if d.kind is not None:
            lines.append(f"    # detected {d.kind.value} (confidence {d.confidence:.2f}): {_evidence_text(d)}")
        elif d.free_text:
            lines.append(f"    # free text, scanned for personal data: {_evidence_text(d)}")
        if d.kind is not None:
            lines.append(f"    pii: {d.kind.value}")
        if c.policy is not None:
            if d.kind is K.COMMERCIAL_SECRET:
                lines.append("    # TODO(reviewer): commercial secret (开放办法 §5): band it or drop it.")
            lines.append(f"    policy: {_flow(c.policy)}")
        if d.kind is K.COMPANY_CREDIT_CODE:
            lines.append("    # a company's credit code is public registration data: published as is.")
    qis = result.quasi_identifiers
    if qis:
        lines += [
            "# Person-level data: every combination of these columns must hold at least k records.",
            "# TODO(reviewer): check the quasi-identifiers (columns that could single out a person together).",
            "privacy:",
            f"  k_anonymity: {K_ANONYMITY}",
            "  quasi_identifiers: [" + ", ".join(qis) + "]",
        ]
    elif person:
        lines += [
            "# TODO(reviewer): person-level data, but no quasi-identifier column was recognised: list the columns that",
            "# could single out a person together (age, district, …) as privacy.quasi_identifiers, with k_anonymity: 5.",
        ]
    lines += _accept_bad_cells(result.columns)
    return "\n".join(lines) + "\n"
