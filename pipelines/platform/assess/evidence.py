"""What the system recorded about each department, gathered once for an assessment year.

Sources: the catalog specs (departments, metadata, open types, update frequencies), the registry
(releases, withdrawals, requests and objections, the access log, grants if that table exists) and
each release's quality.json. Nothing here scores; `scoring` turns this evidence into numbers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from pipelines.core.errors import InputError
from pipelines.core.home import Home
from pipelines.platform import requests as requests_service
from pipelines.store import access as _access  # noqa: F401 - registers the access_log table read below
from pipelines.platform.workdays import WorkCalendar
from pipelines.store.db import connect
from pipelines.core.clock import SHANGHAI

# Metadata a catalog entry must state, as key paths of the spec: 开放办法 §11 (领域, 摘要, 开放类型,
# 更新频度; 数据项 is checked as a label on every field), 管理办法 §34 (contact), §16 (sharing type).
METADATA_KEYS: tuple[tuple[str, ...], ...] = (
    ("title",), ("summary",), ("domain",), ("provider", "contact"),
    ("update_frequency",), ("open_type",), ("sharing_type",),
)


@dataclass(frozen=True)
class SpecEvidence:
    """One catalog spec file."""

    path: Path
    dataset_id: str
    department: str
    valid: bool
    metadata_complete: float  # share of METADATA_KEYS present, plus a label on every field
    open_type: str | None
    update_frequency: str | None


@dataclass(frozen=True)
class ReleaseEvidence:
    """One registered release."""

    dataset_id: str
    version: str
    published_at: datetime
    withdrawn_at: datetime | None
    quality: float | None  # overall quality score 0..1 from quality.json


@dataclass
class DepartmentEvidence:
    """Everything about one department."""

    department: str
    specs: list[SpecEvidence] = field(default_factory=list)
    releases: list[ReleaseEvidence] = field(default_factory=list)
    items: list[requests_service.Item] = field(default_factory=list)
    privacy_upheld: set[tuple[str, str]] = field(default_factory=set)
    downloads: int = 0
    grants: int = 0


def _get(data: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _spec_evidence(path: Path) -> SpecEvidence | None:
    """A spec's evidence, also for an invalid spec as long as it names a department."""
    from pipelines.core.spec.loader import parse_spec

    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    department = _get(raw, ("provider", "department"))
    if not isinstance(department, str) or not department.strip():
        return None  # no department to charge it to
    spec, _ = parse_spec(path)
    present = [bool(_get(raw, key)) for key in METADATA_KEYS]
    fields = raw.get("fields") if isinstance(raw.get("fields"), list) else []
    present.append(bool(fields) and all(isinstance(f, dict) and f.get("label") for f in fields))
    return SpecEvidence(
        path=path, dataset_id=str(raw.get("id") or path.stem), department=department.strip(), valid=spec is not None,
        metadata_complete=sum(present) / len(present),
        open_type=str(raw["open_type"]) if raw.get("open_type") else None,
        update_frequency=str(raw["update_frequency"]) if raw.get("update_frequency") else None,
    )


def _quality_score(home: Home, rel_path: str) -> float | None:
    try:
        report = json.loads((home.root / rel_path / "quality.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    overall = report.get("overall")
    if isinstance(overall, dict) and isinstance(overall.get("score"), (int, float)):
        return float(overall["score"])
    raw = [d.get("score") for d in (report.get("dimensions") or {}).values() if isinstance(d, dict)]
    scores = [float(s) for s in raw if isinstance(s, (int, float))]
    return sum(scores) / len(scores) if scores else None


def _aware(value: Any) -> datetime | None:
    if value is None:
        return None
    moment: datetime = datetime.fromisoformat(value) if isinstance(value, str) else value
    # The year a release counts for is Fuzhou's year, whatever zone the registry hands back.
    return moment.astimezone(SHANGHAI) if moment.tzinfo else moment.replace(tzinfo=SHANGHAI)


def _grants_per_dataset(con: Any, year: int) -> dict[str, int]:
    """Grants given in the year per dataset, if the grants table exists (it comes with issue 15)."""
    cols = {r[0] for r in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'grants'"
    ).fetchall()}
    if "dataset_id" not in cols:
        return {}
    where = []
    if "status" in cols:
        where.append("status IN ('approved', 'active', 'granted', 'expired', 'revoked')")
    for col in ("approved_at", "granted_at", "created_at"):
        if col in cols:
            where.append(f"CAST({col} AS VARCHAR) LIKE '{year}-%'")
            break
    sql = "SELECT dataset_id, count(*) FROM grants" + (" WHERE " + " AND ".join(where) if where else "") + " GROUP BY dataset_id"
    try:
        return {str(d): int(n) for d, n in con.execute(sql).fetchall()}
    except Exception:  # noqa: BLE001 - another branch's table of unknown shape must not stop the assessment
        return {}


def gather(home: Home, catalog: Path, year: int, calendar: WorkCalendar) -> dict[str, DepartmentEvidence]:
    """Evidence for every department named in the catalog specs, keyed by department."""
    from pipelines.store.releases import release_rows
    from pipelines.core.spec.loader import spec_files

    if not catalog.is_dir():
        raise InputError(f"no catalog folder {catalog} (give --catalog DIR)")
    specs = [s for s in (_spec_evidence(p) for p in spec_files([catalog])) if s is not None]
    if not specs:
        raise InputError(f"no catalog spec in {catalog} names a provider department")
    out: dict[str, DepartmentEvidence] = {}
    dept_of: dict[str, str] = {}
    for s in specs:
        out.setdefault(s.department, DepartmentEvidence(s.department)).specs.append(s)
        dept_of[s.dataset_id] = s.department
    if not home.db_path.exists():
        return out
    with connect(home) as con:
        rows = release_rows(con)
        accesses = con.execute(
            "SELECT dataset_id, count(*) FROM access_log WHERE obtained_at LIKE ? GROUP BY dataset_id", [f"{year}-%"]
        ).fetchall()
        grants = _grants_per_dataset(con, year)
    for row in rows:
        dept = out.get(dept_of.get(row["dataset_id"], ""))
        if dept is not None:
            dept.releases.append(ReleaseEvidence(
                row["dataset_id"], row["version"], _aware(row["published_at"]),  # type: ignore[arg-type]
                _aware(row["withdrawn_at"]), _quality_score(home, row["path"]),
            ))
    for dataset_id, n in accesses:
        if (dept := out.get(dept_of.get(dataset_id, ""))) is not None:
            dept.downloads += int(n)
    for dataset_id, n in grants.items():
        if (dept := out.get(dept_of.get(dataset_id, ""))) is not None:
            dept.grants += n
    for item in requests_service.list_items(home, calendar=calendar):
        dept = out.get(item.department)
        if dept is None:
            continue
        dept.items.append(item)
        if item.kind == "objection" and item.objection_kind == "privacy" and item.status == "agreed" and item.answered \
                and item.answered.year == year and item.dataset_id and item.version:
            dept.privacy_upheld.add((item.dataset_id, item.version))
    return out


def year_end(year: int) -> date:
    """The last day of the assessed year."""
    return date(year, 12, 31)
