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
from pipelines.store.audit_key import ENV_ANCHOR, anchor_path, load_audit_key, read_anchor
from pipelines.store.db import read_registry
from pipelines.store.releases import file_rows, release_rows
from pipelines.release.files import file_digest
from pipelines.core.versions import TMP_PREFIX, VERSION_RE


@dataclass
class VerifyReport:
    """The outcome of a verification."""

    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # worth knowing, not a fault (e.g. an old unkeyed chain)
    entries: int = 0
    releases: int = 0
    files: int = 0
    head: tuple[int, str] | None = None  # newest (seq, chain value): what the anchor should hold

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


def _check_anchor(home: Home, log: list[dict[str, Any]], first_keyed: int | None, unkeyed_until: int, report: VerifyReport) -> None:
    """Compare the log's head with the anchor kept outside the home (catches deleting the newest rows)."""
    if log:
        report.head = (int(log[-1]["seq"]), str(log[-1]["hash"]))
    if unkeyed_until:
        report.notes.append(
            f"audit seq 1..{unkeyed_until}: written before the audit key (plain sha256 chain): anyone able to write "
            "the registry could have rewritten them unnoticed; entries after them are keyed"
        )
    anchor = read_anchor(home.root)
    where = anchor_path(home.root)
    if anchor is None:
        if first_keyed is not None:
            report.problems.append(
                f"audit anchor: none for this home in {where}, but the log has keyed entries: "
                f"the anchor was deleted or {ENV_ANCHOR} points elsewhere; the newest entries cannot be checked"
            )
        return
    seq, value, anchored_from = int(anchor["seq"]), str(anchor["hash"]), int(anchor.get("keyed_from") or 1)
    if first_keyed != anchored_from:
        report.problems.append(
            f"audit anchor: the keyed chain starts at seq {anchored_from} per the anchor, at {first_keyed} per the "
            "registry (table audit_chain was altered)"
        )
    by_seq = {int(r["seq"]): r for r in log}
    newest = int(log[-1]["seq"]) if log else 0
    if seq not in by_seq:
        report.problems.append(
            f"audit seq {seq}: missing: the anchor ({where}) says the log reached seq {seq}, chain value {value[:16]}…, "
            f"but it ends at seq {newest}: the newest entries were deleted"
        )
    elif by_seq[seq]["hash"] != value:
        report.problems.append(
            f"audit seq {seq}: its chain value {str(by_seq[seq]['hash'])[:16]}… differs from the anchor's {value[:16]}…: "
            "the log was rewritten at or before this entry"
        )
    elif newest > seq:
        report.notes.append(f"audit seq {seq + 1}..{newest}: after the anchor (a run stopped before updating it); their chain is keyed")


def verify(home: Home) -> VerifyReport:
    """Check everything in the module docstring; the report lists each problem."""
    report = VerifyReport()
    if not home.db_path.exists():
        _unknown_folders(home, set(), report)
        return report
    key = load_audit_key(home.root)
    # Read-only: verifying must never change (or need to be able to change) what it verifies.
    with read_registry(home) as con:
        log = audit.read_log(con)
        releases = release_rows(con)
        files = file_rows(con)
        access_rows = accesses(con)
        first_keyed = audit.keyed_from(con)
    report.entries, report.releases = len(log), len(releases)
    unkeyed_until = (first_keyed - 1) if first_keyed is not None else (int(log[-1]["seq"]) if log else 0)
    report.problems += [str(p) for p in audit.verify_chain(log, key, first_keyed if first_keyed is not None else unkeyed_until + 1)]
    _check_anchor(home, log, first_keyed, unkeyed_until, report)
    index = _audit_index(log)
    for release in releases:
        expected = files.get((release["dataset_id"], release["version"]), {})
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
