"""Withdraw a release at once (开放办法 §17): moved to quarantine, never deleted, never edited.

The steps run in this order, so a crash anywhere leaves the release whole in exactly one place and
the next run finishes the job:

1. registry transaction: the *intent* (reason, field, who, when) goes into `withdrawals`;
   from here on `opendata get` refuses the release;
2. `os.rename(releases/<id>/<v>, quarantine/<id>/<v>)`: one atomic rename on one file system;
3. registry transaction: the release row becomes `withdrawn` (time, reason, field, quarantine path),
   the intent is marked complete and the `withdraw` audit entry is appended — all together;
4. catalog.jsonld is rebuilt (the release now `adms:status` Withdrawn); if that fails, running
   `withdraw` again rebuilds it.

A crash after 1 leaves the folder in releases/ with a pending intent; after 2, the folder in
quarantine/ with a pending intent. `complete_pending` (run by every lifecycle command, and by
`withdraw` again) sees the intent and does what is left.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipelines.store.dcat import write_catalog
from pipelines.core.errors import InputError
from pipelines.core.home import Home
from pipelines.store import audit
from pipelines.store.releases import complete_withdrawal, get_release, pending_withdrawals, release_rows, request_withdrawal


@dataclass(frozen=True)
class WithdrawResult:
    """What `withdraw` did."""

    dataset_id: str
    version: str
    quarantine_dir: Path
    already: bool  # the release had been withdrawn before this call
    completed_pending: bool  # this call finished a withdrawal a crash had interrupted
    withdrawn_at: str | None


def _fsync_dir(path: Path) -> None:
    # Make the rename durable on power loss (best effort: not every OS can open a folder).
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def move_to_quarantine(home: Home, dataset_id: str, version: str) -> Path:
    """Step 2: rename the folder into quarantine/ (idempotent: done already is fine)."""
    src, dst = home.release_dir(dataset_id, version), home.quarantine_dir(dataset_id, version)
    if src.is_dir() and dst.exists():
        raise InputError(
            f"{dataset_id} {version}: a folder exists both in releases/ and quarantine/; "
            "compare them with `opendata audit verify` and keep the registered one by hand"
        )
    if src.is_dir():
        dst.parent.mkdir(parents=True, exist_ok=True)
        os.rename(src, dst)  # atomic: the folder is in exactly one of the two places at any instant
        _fsync_dir(dst.parent)
        _fsync_dir(src.parent)
    elif not dst.is_dir():
        raise InputError(
            f"{dataset_id} {version}: the release folder is in neither releases/ nor quarantine/; "
            "the withdrawal stays pending (run `opendata audit verify`)"
        )
    return dst


def _finish(home: Home, pending: dict[str, Any]) -> str:
    """Steps 2 and 3 for one recorded intent; return the completion time."""
    dst = move_to_quarantine(home, pending["dataset_id"], pending["version"])
    at = audit.now_iso()
    with audit.transaction(home) as con:
        # Re-read inside the transaction: a concurrent run may have completed it meanwhile.
        still = [p for p in pending_withdrawals(con) if (p["dataset_id"], p["version"]) == (pending["dataset_id"], pending["version"])]
        if still:
            complete_withdrawal(con, still[0], str(dst.relative_to(home.root)), at)
    write_catalog(home)  # step 4: the release is now marked Withdrawn
    return at


def complete_pending(home: Home, *, quiet: bool = True) -> list[tuple[str, str]]:
    """Finish every withdrawal a crash interrupted; return the (dataset, version) pairs finished.

    With `quiet`, a withdrawal that cannot be finished is reported on stderr and left pending (so
    a `get` of another dataset is not blocked by it); otherwise the error is raised.
    """
    if not home.db_path.exists():
        return []
    with audit.transaction(home) as con:
        pending = pending_withdrawals(con)
    done = []
    for p in pending:
        try:
            _finish(home, p)
        except (InputError, OSError) as exc:
            if not quiet:
                raise
            message = exc.message if isinstance(exc, InputError) else f"{exc.__class__.__name__}: {exc}"
            print(f"warning: interrupted withdrawal of {p['dataset_id']} {p['version']} not finished: {message}", file=sys.stderr)
            continue
        done.append((p["dataset_id"], p["version"]))
    return done


def withdraw(home: Home, dataset_id: str, version: str, reason: str, field: str | None = None) -> WithdrawResult:
    """Withdraw `dataset_id` `version`: intent, move, mark, audit (see the module docstring)."""
    reason = reason.strip()
    if not reason:
        raise InputError("--reason must say why the release is withdrawn")
    if not home.db_path.exists():
        raise InputError(f"no registry in {home.root}: nothing was ever published there")
    resumed = False
    with audit.transaction(home) as con:
        release = get_release(con, dataset_id, version)
        if release is None:
            known = [r["version"] for r in release_rows(con, dataset_id)]
            raise InputError(
                f"{dataset_id}: no release {version} in the registry"
                + (f" (versions: {', '.join(known)})" if known else " (no such dataset)")
            )
        if release["status"] == "withdrawn":
            pending = None
        elif release["withdraw_requested_at"] is not None:
            resumed = True  # a crash interrupted an earlier call: finish it with its recorded reason
            pending = {k: release[k] for k in ("dataset_id", "version")} | {
                "reason": release["pending_reason"], "field": release["pending_field"],
                "actor": release["withdraw_actor"], "requested_at": release["withdraw_requested_at"],
            }
        else:
            columns = release["columns"] or []
            if field is not None and columns and field not in columns:
                raise InputError(
                    f"{dataset_id} {version}: --field {field} is not a column of that release (columns: {', '.join(columns)})"
                )
            pending = {
                "dataset_id": dataset_id, "version": version, "reason": reason, "field": field,
                "actor": audit.current_actor(), "requested_at": audit.now_iso(),
            }
            request_withdrawal(con, dataset_id, version, reason, field, pending["actor"], pending["requested_at"])
    if pending is None:
        # Already withdrawn: make sure the folder is where the registry says (a no-op normally).
        move_to_quarantine(home, dataset_id, version)
        at = str(release["withdrawn_at"]) if release["withdrawn_at"] else None
        return WithdrawResult(dataset_id, version, home.quarantine_dir(dataset_id, version), True, False, at)
    at = _finish(home, pending)
    return WithdrawResult(dataset_id, version, home.quarantine_dir(dataset_id, version), False, resumed, at)


@dataclass(frozen=True)
class WithdrawReport:
    """What a withdraw command did, as lines to show (the CLI prints them, the flow logs them)."""

    result: WithdrawResult
    also_finished: list[tuple[str, str]]  # other withdrawals a crash had interrupted, finished now
    catalog_error: str | None  # the exception class when catalog.jsonld could not be rebuilt

    def notes(self) -> list[str]:
        """What happened besides the withdrawal itself."""
        r = self.result
        lines = []
        if r.completed_pending and not r.already:
            lines.append(
                f"finished the interrupted withdrawal of {r.dataset_id} {r.version} (with the reason recorded when it was requested)"
            )
        lines += [f"also finished the interrupted withdrawal of {d} {v}" for d, v in self.also_finished]
        return lines

    @property
    def nothing_done(self) -> bool:
        """True when the version was already withdrawn: this command changed nothing (the CLI exits 1)."""
        return self.result.already

    def outcome(self) -> str:
        """The last line: done, already done (nothing done), or how to finish the catalog when it was not rebuilt."""
        r = self.result
        if self.catalog_error:
            return (
                f"error: {r.dataset_id} {r.version} is withdrawn, but catalog.jsonld was not rebuilt ({self.catalog_error}); "
                "run the same withdraw command again"
            )
        if r.already:
            # A second withdrawal is not recorded again: say that this command withdrew nothing.
            return f"{r.dataset_id} {r.version} was already withdrawn ({r.withdrawn_at}): nothing done; its files are in {r.quarantine_dir}"
        return f"withdrawn {r.dataset_id} {r.version} → {r.quarantine_dir}"


def withdraw_release(home: Home, dataset_id: str, version: str, reason: str, field: str | None = None) -> WithdrawReport:
    """Withdraw a release, finish any other interrupted withdrawal, rebuild catalog.jsonld.

    A catalog that cannot be rebuilt is reported, not raised: the withdrawal itself is done.
    """
    result = withdraw(home, dataset_id, version, reason, field)
    finished = complete_pending(home)
    try:
        write_catalog(home)
    except Exception as exc:  # noqa: BLE001 - the withdrawal itself is done; say how to finish the catalog
        return WithdrawReport(result, finished, exc.__class__.__name__)
    return WithdrawReport(result, finished, None)
