"""The catalog as the portal shows it: datasets, their versions, fields and quality, read-only.

Everything comes from the registry (`release_rows`) plus the immutable metadata files of each
release (datapackage.json for field labels and types, quality.json for the quality summary). Those
files never change once written, so they are cached by path; the registry read is cached for a
moment only (`CACHE_SECONDS`) so a withdrawal shows within a second or two without each page view
opening the database.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from pipelines.core.home import Home
from pipelines.platform.requests import releases_under_review
from pipelines.store.db import connect
from pipelines.store.releases import release_rows
from pipelines.core.clock import SHANGHAI
from pipelines.core.vocab import Dimension, OpenType, UpdateFrequency

# Files of a release folder the portal hands out (DESIGN.md §5); any other name is refused.
RELEASE_FILES = (
    "data.csv", "data.parquet", "data.xlsx", "datapackage.json", "provenance.json", "quality.json", "quality.html", "README.md",
)
# Files carrying the records themselves: an authorized-open release hands these out only to grantees.
DATA_FILES = ("data.csv", "data.parquet", "data.xlsx")
# The data files a grantee's fingerprinted copy has (pipelines.platform.fingerprint).
#
# data.xlsx is served for general-open releases only. The release's workbook carries no grant
# marks, so handing it to a grantee would give out an untraceable copy of authorized-open data
# (开放办法 §17 tracing, and the promise that a grantee never receives the release file); a grantee's
# own fingerprinted workbook is not produced (yet), so authorized-open releases do not list it and a
# request for it is 404 with a pointer to the fingerprinted data.csv / data.parquet. We chose this
# over writing a third fingerprinted file per grant: it keeps one mark scheme in two files, and the
# copy's identifiers are already letter-prefixed text that spreadsheets keep as text.
GRANTEE_FILES = ("data.csv", "data.parquet")
CACHE_SECONDS = 1.0


@dataclass(frozen=True)
class FieldView:
    """One column of a release: name, Chinese label, type."""

    name: str
    label: str
    type: str
    description: str | None


@dataclass(frozen=True)
class VersionView:
    """One release of a dataset."""

    version: str
    status: str                               # published | withdrawn | withdrawing
    published_at: datetime
    rows: int
    folder: Path                              # releases/... or quarantine/... (absolute)
    withdrawn_at: datetime | None
    withdraw_reason: str | None
    replaces: str | None
    open_type: str                            # as tagged when this version was published
    under_review: bool = False                # an open privacy objection (开放办法 §26, §17), still out

    @property
    def authorized(self) -> bool:
        """This version's data files go to grantees only (anything but general-open is treated so)."""
        return self.open_type != OpenType.GENERAL.value

    @property
    def available(self) -> bool:
        """Can be downloaded (not withdrawn, no withdrawal under way)."""
        return self.status == "published"

    @property
    def files(self) -> tuple[str, ...]:
        """The files the portal offers for this version (see GRANTEE_FILES for why data.xlsx may be absent).

        data.xlsx is also absent from releases above the workbook's row limit and from releases
        published before workbooks existed.
        """
        return tuple(
            f for f in RELEASE_FILES
            if f != "data.xlsx" or (not self.authorized and (self.folder / "data.xlsx").is_file())
        )


@dataclass(frozen=True)
class QualitySummary:
    """Scores per dimension and the grade of one release's quality report."""

    scores: dict[str, float | None]
    grade: str | None
    failed_checks: int


@dataclass(frozen=True)
class DatasetView:
    """A catalog entry (开放办法 §11; 管理办法 §34) with its versions, newest metadata first."""

    id: str
    title: str
    summary: str
    domain: str
    keywords: list[str]
    open_type: str
    open_conditions: str | None
    update_frequency: str
    publisher: str
    contact: str
    license: str
    versions: list[VersionView]               # oldest first
    fields: list[FieldView] = field(default_factory=list)
    attribution: str | None = None
    formats: list[str] = field(default_factory=list)

    @property
    def open_type_label(self) -> str:
        """普遍开放 / 授权开放 / 不予开放."""
        try:
            return OpenType(self.open_type).label
        except ValueError:
            return self.open_type

    @property
    def frequency_label(self) -> str:
        """每月, 每季度, ..."""
        try:
            return UpdateFrequency(self.update_frequency).label
        except ValueError:
            return self.update_frequency

    @property
    def authorized(self) -> bool:
        """Authorized-open: data files go to grantees only."""
        return self.open_type == OpenType.AUTHORIZED.value

    @property
    def latest(self) -> VersionView | None:
        """The newest downloadable version, or None when every version is withdrawn."""
        available = [v for v in self.versions if v.available]
        return available[-1] if available else None

    def version(self, version: str) -> VersionView | None:
        """One version by name."""
        return next((v for v in self.versions if v.version == version), None)

    def matches(self, q: str) -> bool:
        """Search over title, summary, keywords and field labels (case-insensitive substring, every word)."""
        hay = " ".join([self.title, self.summary, *self.keywords, *(f.label for f in self.fields), *(f.name for f in self.fields)]).lower()
        return all(word in hay for word in q.lower().split())


def _status(row: dict[str, Any]) -> str:
    if row["status"] == "withdrawn":
        return "withdrawn"
    return "withdrawing" if row.get("withdraw_requested_at") else "published"


@lru_cache(maxsize=512)
def _json_file(path: Path) -> dict[str, Any]:
    """A release metadata file (immutable once written, so cached by path)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _fields(folder: Path) -> list[FieldView]:
    pkg = _json_file(folder / "datapackage.json")
    for res in pkg.get("resources") or []:
        schema = res.get("schema") if isinstance(res, dict) else None
        if isinstance(schema, dict):
            return [
                FieldView(str(f.get("name")), str(f.get("title") or f.get("name")), str(f.get("type") or "string"), f.get("description"))
                for f in schema.get("fields") or []
            ]
    return []


def quality_summary(version: VersionView) -> QualitySummary | None:
    """The quality summary of a release (from its quality.json), or None when it has none."""
    q = _json_file(version.folder / "quality.json")
    if not q:
        return None
    scores = {}
    for dim in Dimension:
        info = (q.get("dimensions") or {}).get(dim.value)
        scores[dim.label] = info.get("score") if isinstance(info, dict) else None
    overall = q.get("overall")
    grade = q.get("grade") or (overall.get("grade") if isinstance(overall, dict) else None)
    failed = sum(1 for c in q.get("checks") or [] if isinstance(c, dict) and (c.get("failed") or 0) > 0)
    return QualitySummary(scores, grade, failed)


def _build(home: Home, rows: list[dict[str, Any]], reviewed: AbstractSet[tuple[str, str]] = frozenset()) -> list[DatasetView]:
    by_id: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_id.setdefault(row["dataset_id"], []).append(row)
    out = []
    for dataset_id, group in sorted(by_id.items()):
        versions = [
            VersionView(
                r["version"], _status(r), r["published_at"], int(r["rows"]), home.root / r["path"],
                r["withdrawn_at"], r["withdraw_reason"] or r.get("pending_reason"), r["replaces"], r["open_type"],
                (dataset_id, r["version"]) in reviewed,
            )
            for r in group
        ]
        meta = group[-1]  # the catalog entry as the newest release stated it
        newest = next((v for v in reversed(versions) if v.available), versions[-1])
        pkg = _json_file(newest.folder / "datapackage.json")
        out.append(DatasetView(
            id=dataset_id, title=meta["title"] or dataset_id, summary=meta["description"] or "", domain=meta["domain"] or "",
            keywords=list(meta["keywords"]), open_type=meta["open_type"], open_conditions=meta["open_conditions"],
            update_frequency=meta["update_frequency"] or "", publisher=meta["publisher"] or "", contact=meta["contact"] or "",
            license=meta["license"] or "", versions=versions, fields=_fields(newest.folder),
            attribution=pkg.get("attribution"), formats=["CSV", "Parquet"] + (["Excel (XLSX)"] if "data.xlsx" in newest.files else []),
        ))
    return out


class Catalog:
    """Read-only view of one home's catalog, re-read from the registry at most every `CACHE_SECONDS`."""

    def __init__(self, home: Home) -> None:
        self.home = home
        self._lock = threading.Lock()
        self._at = 0.0
        self._datasets: list[DatasetView] = []

    def datasets(self) -> list[DatasetView]:
        """Every dataset with at least one release, by id."""
        with self._lock:
            if time.monotonic() - self._at > CACHE_SECONDS:
                self._datasets = self._read()
                self._at = time.monotonic()
            return self._datasets

    def refresh(self) -> None:
        """Forget the cached registry read (after this process changed the registry)."""
        with self._lock:
            self._at = 0.0

    def get(self, dataset_id: str) -> DatasetView | None:
        """One dataset, or None."""
        return next((d for d in self.datasets() if d.id == dataset_id), None)

    def _read(self) -> list[DatasetView]:
        if not self.home.db_path.exists():
            return []
        with connect(self.home, read_only=True) as con:
            tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
            if not {"releases", "release_meta", "withdrawals"} <= tables:
                return []
            rows = release_rows(con)
            # The requests table appears with the first request or objection; until then nothing is under review.
            reviewed = releases_under_review(con) if "requests" in tables else set()
        return _build(self.home, rows, reviewed)


def local_time(value: datetime | None) -> str:
    """A timestamp as Fuzhou local time, to the minute ('' for None)."""
    return value.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M") if value else ""
