"""The CLI side of the lifecycle: `withdraw`, `republish`, `get`, `trace`, `audit verify`.

Each returns an exit code (0 done, 1 bad input or a problem found, 2 blocked by a gate) and raises
`pipelines.core.errors.OpendataError` for the CLI wrapper to print.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table

from pipelines.core.home import Home
from pipelines.core.clock import SHANGHAI


def withdraw_command(dataset_id: str, version: str, reason: str, field: str | None, home: Path | None) -> int:
    """Withdraw a release: quarantine it, mark it in the registry and catalog, audit who and why."""
    from pipelines.lifecycle.withdraw import withdraw_release  # in-function: keeps `opendata --help` fast

    report = withdraw_release(Home.resolve(home), dataset_id, version, reason, field)
    for line in report.notes():
        print(line)
    if report.catalog_error:
        print(report.outcome(), file=sys.stderr)
        return 1
    if report.nothing_done:
        # Exit 1, so a script sees that this command withdrew nothing (a second withdrawal is not
        # recorded again); the catalog was still rebuilt above, which finishes a run that failed there.
        print(f"error: {report.outcome()}", file=sys.stderr)
        return 1
    print(report.outcome())
    return 0


def republish_command(dataset_id: str, home: Path | None) -> int:
    """Republish the newest withdrawn version under the current spec; print the new release folder last."""
    from pipelines.cli.publish import publish_one  # in-function: keeps `opendata --help` fast
    from pipelines.lifecycle.republish import republish  # in-function: keeps `opendata --help` fast

    folder = republish(Home.resolve(home), dataset_id, publish=publish_one)
    print(folder)
    return 0


def get_command(
    dataset_id: str, version: str | None, user: str, purpose: str | None, home: Path | None, token: str | None = None,
) -> int:
    """Hand out a release (logged); print the path of its data.csv on stdout and the citation on stderr.

    Authorized-open data goes only with a grant token, and then as the grantee's fingerprinted copy.
    """
    from pipelines.platform.obtain import obtain  # in-function: keeps `opendata --help` fast

    got = obtain(Home.resolve(home), dataset_id, version, user, purpose, token)
    if got.grant_id:
        print(f"{dataset_id} {got.version}: your copy under grant {got.grant_id} (fingerprinted: do not pass it on)", file=sys.stderr)
    if got.attribution:
        print(f"{dataset_id} {got.version} — cite: {got.attribution}", file=sys.stderr)
    print(got.data_file)
    return 0


def trace_command(dataset_id: str, version: str, home: Path | None) -> int:
    """Print who obtained a release and when, as a table."""
    from pipelines.lifecycle.access import trace  # in-function: keeps `opendata --help` fast

    found = trace(Home.resolve(home), dataset_id, version)
    release = found.release
    status = release["status"]
    if status == "withdrawn":
        when = release["withdrawn_at"].astimezone(SHANGHAI).isoformat() if release["withdrawn_at"] else ""
        status += f" {when} — {release['withdraw_reason']}"
        if release.get("withdraw_field"):
            status += f" (field {release['withdraw_field']})"
    if found.replaced_by:
        status += f"; replaced by {found.replaced_by}"
    console = Console(width=max(Console().width, 120))
    console.print(f"{dataset_id} {version}: {status}", highlight=False)
    table = Table(title=f"obtained {dataset_id} {version}: {len(found.accesses)} time(s)")
    for column in ("when", "user", "purpose", "files", "channel", "grant", "audit seq"):
        table.add_column(column, overflow="fold")
    for a in found.accesses:
        table.add_row(
            a["obtained_at"], a["user_name"], a["purpose"] or "", ", ".join(a["files"]), a["channel"],
            a.get("grant_id") or "", str(a["audit_seq"]),
        )
    console.print(table)
    return 0


def audit_verify_command(home: Path | None) -> int:
    """Verify the audit chain and every release file; exit 1 on any problem."""
    from pipelines.lifecycle.verify import verify  # in-function: keeps `opendata --help` fast

    from pipelines.store.audit_key import anchor_path

    h = Home.resolve(home)
    report = verify(h)
    for problem in report.problems:
        print(problem)
    for note in report.notes:
        print(f"note: {note}")
    if report.head is not None:
        # For the operator to keep elsewhere as well: a copy no one with access to this machine can edit.
        print(f"audit head: seq {report.head[0]} chain value {report.head[1]} (anchor: {anchor_path(h.root)})")
    summary = f"{report.entries} audit entries, {report.releases} releases, {report.files} files checked"
    if report.ok:
        print(f"audit verify: OK ({summary})")
        return 0
    print(f"audit verify: {len(report.problems)} problem(s) ({summary})", file=sys.stderr)
    return 1
