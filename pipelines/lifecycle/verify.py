"""`opendata audit verify`: recompute the audit chain and every release file hash; name each mismatch.

Checked, each problem named by file or audit sequence number:

- the hash chain (an altered, inserted or deleted audit row breaks it);
- every registered file of every release against the sha256 recorded at publication, in releases/
  for published versions and quarantine/ for withdrawn ones; missing and unregistered files;
- `release_files` against the `publish` audit entry (the chain protects the latter, so rewriting
  a file *and* its registry row is still caught);
- a registered release whose folder is in neither place, or in the wrong one; a release folder the
  registry does not know; a withdrawal a crash interrupted;
- every release has its `publish` entry, every withdrawn one its `withdraw` entry, every access row
  its `access` entry (so deleting the newest audit rows is caught too).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipelines.core.home import Home
from pipelines.store import audit
from pipelines.store.access import accesses
from pipelines.store.releases import file_rows, release_rows
from pipelines.release.files import file_digest
from pipelines.core.versions import TMP_PREFIX, VERSION_RE


@dataclass
class VerifyReport:
    """The outcome of a verification."""

    problems: list[str] = field(default_factory=list)
    entries: int = 0
    releases: int = 0
    files: int = 0

    @property
    def ok(self) -> bool:
        """True when nothing was found."""
        return not self.problems


def _audit_index(log: list[dict[str, Any]]) -> dict[tuple[str, str | None, str | None], list[dict[str, Any]]]:
    index: dict[tuple[str, str | None, str | None], list[dict[str, Any]]] = {}
    for row in log:
        index.setdefault((row["event"], row["dataset_id"], row["version"]), []).append(row)
    return index


def _details(row: dict[str, Any]) -> dict[str, Any]:
    try:
        value = json.loads(row["details"])
    except (TypeError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def _check_folder(home: Home, release: dict[str, Any], report: VerifyReport) -> Path | None:
    """The folder holding the release, with a problem for each misplacement."""
    dataset_id, version = release["dataset_id"], release["version"]
    live, quarantined = home.release_dir(dataset_id, version), home.quarantine_dir(dataset_id, version)
    name = f"release {dataset_id} {version}"
    pending = release["withdraw_requested_at"] and not release["withdraw_completed_at"]
    if pending:
        report.problems.append(
            f"{name}: its withdrawal (requested {release['withdraw_requested_at']}) was interrupted; "
            f"run `opendata withdraw {dataset_id} --version {version} --reason ...` again to finish it"
        )
    if live.is_dir() and quarantined.is_dir():
        report.problems.append(f"{name}: folders in both releases/ and quarantine/")
    elif not live.is_dir() and not quarantined.is_dir():
        report.problems.append(f"{name}: registered ({release['status']}) but its folder is missing from both releases/ and quarantine/")
        return None
    if release["status"] == "withdrawn" and live.is_dir():
        report.problems.append(f"{name}: withdrawn but still under releases/{dataset_id}/{version}")
    if release["status"] == "published" and not live.is_dir() and not pending:
        report.problems.append(f"{name}: published but its folder is in quarantine/, not releases/")
    if release["status"] == "withdrawn":
        return quarantined if quarantined.is_dir() else live
    return live if live.is_dir() else quarantined


def _check_files(home: Home, folder: Path, expected: dict[str, dict[str, Any]], report: VerifyReport) -> None:
    for name in sorted(expected):
        path = folder / name
        shown = path.relative_to(home.root)
        if not path.is_file():
            report.problems.append(f"{shown}: file missing (expected sha256 {expected[name]['sha256']})")
            continue
        actual = file_digest(path)["sha256"]
        report.files += 1
        if actual != expected[name]["sha256"]:
            report.problems.append(f"{shown}: sha256 mismatch: expected {expected[name]['sha256']}, actual {actual}")
    for extra in sorted(p.name for p in folder.iterdir() if p.name not in expected):
        report.problems.append(f"{(folder / extra).relative_to(home.root)}: not a registered file of the release")


def _check_audit_links(release: dict[str, Any], files: dict[str, dict[str, Any]], index: dict[Any, list[dict[str, Any]]], report: VerifyReport) -> None:
    dataset_id, version = release["dataset_id"], release["version"]
    name = f"release {dataset_id} {version}"
    published = index.get(("publish", dataset_id, version), [])
    if not published:
        report.problems.append(f"{name}: no `publish` entry in the audit log (audit rows deleted?)")
    else:
        entry = published[-1]
        recorded = {n: i.get("sha256") for n, i in (_details(entry).get("files") or {}).items()}
        registered = {n: i["sha256"] for n, i in files.items()}
        for n in sorted(set(recorded) | set(registered)):
            if recorded.get(n) != registered.get(n):
                report.problems.append(
                    f"{name}: release_files row for {n} ({registered.get(n)}) differs from audit seq {entry['seq']} "
                    f"({recorded.get(n)})"
                )
    if release["status"] == "withdrawn" and not index.get(("withdraw", dataset_id, version)):
        report.problems.append(f"{name}: withdrawn, but no `withdraw` entry in the audit log (audit rows deleted?)")


def _unknown_folders(home: Home, known: set[tuple[str, str]], report: VerifyReport) -> None:
    for base, place in ((home.releases, "releases"), (home.quarantine, "quarantine")):
        if not base.is_dir():
            continue
        for dataset_dir in sorted(p for p in base.iterdir() if p.is_dir()):
            for version_dir in sorted(p for p in dataset_dir.iterdir() if p.is_dir()):
                if version_dir.name.startswith(TMP_PREFIX):
                    continue  # a release being written right now (renamed into place when complete)
                if (dataset_dir.name, version_dir.name) not in known:
                    kind = "release folder" if VERSION_RE.match(version_dir.name) else "folder"
                    report.problems.append(f"{place}/{dataset_dir.name}/{version_dir.name}: {kind} the registry does not know")


def verify(home: Home) -> VerifyReport:
    """Check everything in the module docstring; the report lists each problem."""
    report = VerifyReport()
    if not home.db_path.exists():
        _unknown_folders(home, set(), report)
        return report
    with audit.transaction(home) as con:
        log = audit.read_log(con)
        releases = release_rows(con)
        files = file_rows(con)
        access_rows = accesses(con)
    report.entries, report.releases = len(log), len(releases)
    report.problems += [str(p) for p in audit.verify_chain(log)]
    index = _audit_index(log)
    for release in releases:
        key = (release["dataset_id"], release["version"])
        expected = files.get(key, {})
        folder = _check_folder(home, release, report)
        if folder is not None:
            _check_files(home, folder, expected, report)
        _check_audit_links(release, expected, index, report)
    by_seq = {row["seq"]: row for row in log}
    for access in access_rows:
        entry = by_seq.get(access["audit_seq"])
        details = _details(entry) if entry else {}
        if (
            entry is None
            or entry["event"] != "access"
            or (entry["dataset_id"], entry["version"]) != (access["dataset_id"], access["version"])
            or details.get("user") != access["user_name"]
            or details.get("purpose") != access["purpose"]
        ):
            report.problems.append(
                f"access log row {access['audit_seq']} ({access['dataset_id']} {access['version']}): "
                "does not match its `access` audit entry"
            )
    logged = {a["audit_seq"] for a in access_rows}
    for row in log:
        if row["event"] == "access" and row["seq"] not in logged:
            report.problems.append(f"audit seq {row['seq']}: access to {row['dataset_id']} {row['version']} has no access log row (deleted?)")
    _unknown_folders(home, {(r["dataset_id"], r["version"]) for r in releases}, report)
    return report
