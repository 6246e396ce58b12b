"""`opendata`: the command-line contract of DESIGN.md §5.

Exit codes: 0 done, 1 bad input, bad spec or bad usage, 2 blocked by a quality or privacy gate.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from pipelines.cli.errors import handle_errors

# Locals are never shown: a crash must not print cell values held in variables.
app = typer.Typer(no_args_is_help=True, add_completion=False, pretty_exceptions_show_locals=False, help="Publish departmental extracts as open data (福州市公共数据开放).")
catalog_app = typer.Typer(no_args_is_help=True, help="Catalog specs: validate before review and publication; export the catalog.")
audit_app = typer.Typer(no_args_is_help=True, help="The tamper-evident audit log.")
grant_app = typer.Typer(no_args_is_help=True, help="Authorized-open applications and grants (开放办法 §8, §12, §15).")
user_app = typer.Typer(no_args_is_help=True, help="Users of the platform: restrict access publicly (开放办法 §16).")
app.add_typer(catalog_app, name="catalog")
app.add_typer(audit_app, name="audit")
request_app = typer.Typer(no_args_is_help=True, help="Open-data requests, objections and reviews, answered within 20 working days.")
app.add_typer(request_app, name="request")
app.add_typer(grant_app, name="grant")
app.add_typer(user_app, name="user")

def _recover(home: Optional[Path], *, must_exist: bool = False) -> None:
    """Check the home, then put right what a killed run left in it (see lifecycle.recover).

    `must_exist`: commands that only work on an existing home (verify, trace, get, withdraw,
    republish) refuse a missing folder rather than create an empty one and report on it.
    """
    from pipelines.core.errors import InputError
    from pipelines.core.home import Home
    from pipelines.lifecycle.recover import recover

    h = Home.resolve(home)
    if h.root.exists() and not h.root.is_dir():
        raise InputError(f"{h.root} is a file, not an opendata home folder; give --home (or OPENDATA_HOME) a folder")
    if must_exist and not h.root.is_dir():
        raise InputError(f"{h.root}: no opendata home there (the folder does not exist); check --home or OPENDATA_HOME")
    done = recover(h)
    for folder in done.removed:
        print(f"note: removed {folder}, the partial release of a publication that was killed (audited)", file=sys.stderr)
    if done.catalog_rebuilt:
        print("note: catalog.jsonld rebuilt: a run was killed before it could rebuild it", file=sys.stderr)


HomeOpt = Annotated[Optional[Path], typer.Option("--home", help="Home directory (default $OPENDATA_HOME, else ./var).")]


@catalog_app.command("validate")
@handle_errors
def catalog_validate(paths: Annotated[Optional[list[Path]], typer.Argument(help="Spec files or folders.")] = None) -> int:
    """Validate catalog specs; print each problem as FILE:LINE: message."""
    from pipelines.cli.catalog import validate_command  # in-function: keeps `opendata --help` fast

    return validate_command(paths or [Path("catalog_specs")])


@catalog_app.command("export")
@handle_errors
def catalog_export(
    fmt: Annotated[str, typer.Option("--format", help="cn-catalog: the national 政务信息资源目录 (GB/T 21063.3 core metadata).")],
    out: Annotated[Optional[Path], typer.Option("--out", help="FILE.xlsx (the upload workbook) or FILE.json; default JSON on stdout.")] = None,
    specs: Annotated[Path, typer.Option("--specs", help="Folder of catalog specs.")] = Path("catalog_specs"),
    home: HomeOpt = None,
) -> int:
    """Export the catalog in another standard's fields, filled from the specs and the registry."""
    _recover(home)
    from pipelines.cli.catalog_export import export_command

    return export_command(fmt, out, specs, home)


@app.command()
@handle_errors
def scan(
    extract: Path,
    draft_spec: Annotated[Optional[Path], typer.Option("--draft-spec", help="Write a draft catalog spec here.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> int:
    """Detect personal and secret columns in an extract and propose policies."""
    from pipelines.cli.scan import scan_command  # in-function: keeps `opendata --help` fast

    return scan_command(extract, draft_spec, as_json)


@app.command("detect-text")
@handle_errors
def detect_text() -> int:
    """Read one text a line on stdin; print one JSON of findings a line."""
    from desensitize.detect.text import detect_text_lines  # in-function: keeps `opendata --help` fast

    return detect_text_lines(sys.stdin, sys.stdout)


@app.command()
@handle_errors
def quality(
    extract: Path,
    spec: Annotated[Path, typer.Option("--spec", help="The dataset's catalog spec.")],
    out: Annotated[Optional[Path], typer.Option("--out", help="Write quality.json and quality.html here.")] = None,
    html: Annotated[Optional[Path], typer.Option("--html", help="Write the HTML report to this file.")] = None,
    gx_docs: Annotated[
        Optional[Path], typer.Option("--gx-docs", help="Also run the Great Expectations suite on a sample and build its Data Docs here.")
    ] = None,
    home: HomeOpt = None,
) -> int:
    """Check an extract's quality against its spec without publishing (exit 2 if the gate would block)."""
    _recover(home)
    from pipelines.cli.quality import quality_command  # in-function: keeps `opendata --help` fast

    return quality_command(extract, spec, out, html, home, gx_docs=gx_docs)


@app.command()
@handle_errors
def publish(
    spec: Annotated[Optional[Path], typer.Argument(help="Catalog spec of the dataset.")] = None,
    input: Annotated[Optional[Path], typer.Option("--input", help="Extract to publish (default the spec's source.path).")] = None,
    home: HomeOpt = None,
    all_: Annotated[bool, typer.Option("--all", help="Publish every spec in catalog_specs/ on its sample extract.")] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Publish a new version even if the newest one holds the same extract, spec and code.")
    ] = False,
) -> int:
    """Publish a dataset; the release folder is printed on the last line (unchanged data: nothing published, exit 0)."""
    _recover(home)
    from pipelines.cli.publish import publish_all_command, publish_command  # in-function: keeps `opendata --help` fast

    if all_:
        return publish_all_command(home, force=force)
    if spec is None:
        from pipelines.cli.usage import UsageError

        raise UsageError("give a SPEC to publish, or --all for every spec in catalog_specs/")
    return publish_command(spec, input, home, force)


@app.command()
@handle_errors
def withdraw(
    dataset_id: str,
    version: Annotated[str, typer.Option("--version", help="Release version to withdraw.")],
    reason: Annotated[str, typer.Option("--reason", help="Why (e.g. the leak found).")],
    field: Annotated[Optional[str], typer.Option("--field", help="Release column that leaked, if one did.")] = None,
    home: HomeOpt = None,
) -> int:
    """Withdraw a release at once: moved to quarantine, never deleted (开放办法 §17)."""
    _recover(home, must_exist=True)
    from pipelines.cli.lifecycle import withdraw_command  # in-function: keeps `opendata --help` fast

    return withdraw_command(dataset_id, version, reason, field, home)


@app.command()
@handle_errors
def republish(dataset_id: str, home: HomeOpt = None) -> int:
    """Desensitize the stored extract again under the current spec and publish a replacing version."""
    _recover(home, must_exist=True)
    from pipelines.cli.lifecycle import republish_command  # in-function: keeps `opendata --help` fast

    return republish_command(dataset_id, home)


@app.command()
@handle_errors
def get(
    dataset_id: str,
    user: Annotated[str, typer.Option("--user", help="Who obtains the data.")],
    version: Annotated[Optional[str], typer.Option("--version", help="Default: the newest published version.")] = None,
    purpose: Annotated[Optional[str], typer.Option("--purpose", help="What it is for (with --token: the grant's approved purpose is logged).")] = None,
    token: Annotated[Optional[str], typer.Option("--token", help="Grant token from `opendata grant approve`; required for authorized-open data.")] = None,
    home: HomeOpt = None,
) -> int:
    """Obtain a release (logged for tracing); prints the path of its data file (a grantee's own copy for authorized-open data)."""
    _recover(home, must_exist=True)
    from pipelines.cli.lifecycle import get_command  # in-function: keeps `opendata --help` fast

    return get_command(dataset_id, version, user, purpose, home, token)


@app.command()
@handle_errors
def trace(
    dataset_id: str,
    version: Annotated[str, typer.Option("--version", help="Release version.")],
    home: HomeOpt = None,
) -> int:
    """List who obtained a release and when."""
    _recover(home, must_exist=True)
    from pipelines.cli.lifecycle import trace_command  # in-function: keeps `opendata --help` fast

    return trace_command(dataset_id, version, home)


@audit_app.command("verify")
@handle_errors
def audit_verify(home: HomeOpt = None) -> int:
    """Recompute the audit hash chain and every release file hash; exit 1 on any mismatch."""
    _recover(home, must_exist=True)
    from pipelines.cli.lifecycle import audit_verify_command  # in-function: keeps `opendata --help` fast

    return audit_verify_command(home)


# -- requests, objections, reviews (管理办法 §24; 开放办法 §10, §26) and the assessment (考核办法) --------
# Required options are declared optional and checked by the command, so that a missing one exits 1.

ReceivedOpt = Annotated[Optional[str], typer.Option("--received", help="Day of receipt, YYYY-MM-DD (default today, Asia/Shanghai).")]
RequesterOpt = Annotated[Optional[str], typer.Option("--requester", help="Who asks (personal: stored, never listed publicly).")]
TextOpt = Annotated[Optional[str], typer.Option("--text", help="What is asked or objected to.")]
CatalogOpt = Annotated[Path, typer.Option("--catalog", help="Folder of catalog specs (departments).")]


@request_app.command("open")
@handle_errors
def request_open(
    title: Annotated[Optional[str], typer.Option("--title", help="The data asked for.")] = None,
    department: Annotated[Optional[str], typer.Option("--department", help="Department asked to list or open it.")] = None,
    requester: RequesterOpt = None,
    text: TextOpt = None,
    received: ReceivedOpt = None,
    home: HomeOpt = None,
) -> int:
    """Register a request to list or open data; print its id and due date."""
    _recover(home)
    from pipelines.cli.request import open_command

    return open_command(title, department, requester, text, received, home)


@request_app.command("objection")
@handle_errors
def request_objection(
    dataset: Annotated[str, typer.Argument(help="Dataset id.")],
    version: Annotated[Optional[str], typer.Option("--version", help="Release version (default the newest published).")] = None,
    kind: Annotated[Optional[str], typer.Option("--kind", help="error | omission | privacy.")] = None,
    requester: RequesterOpt = None,
    text: TextOpt = None,
    received: ReceivedOpt = None,
    home: HomeOpt = None,
    catalog: CatalogOpt = Path("catalog_specs"),
) -> int:
    """Register an objection to a release (开放办法 §26); print its id and due date."""
    _recover(home)
    from pipelines.cli.request import objection_command

    return objection_command(dataset, version, kind, requester, text, received, home, catalog)


@request_app.command("answer")
@handle_errors
def request_answer(
    item_id: Annotated[str, typer.Argument(metavar="ID", help="Request, objection or review id.")],
    agree: Annotated[bool, typer.Option("--agree", help="Agree (list or open it; uphold the objection).")] = False,
    refuse: Annotated[bool, typer.Option("--refuse", help="Refuse, with reasons.")] = False,
    reason: Annotated[Optional[str], typer.Option("--reason", help="The answer's reasons.")] = None,
    on: Annotated[Optional[str], typer.Option("--on", help="Day of the answer, YYYY-MM-DD (default today).")] = None,
    home: HomeOpt = None,
) -> int:
    """Record the answer to a request, objection or review."""
    _recover(home)
    from pipelines.cli.request import answer_command

    return answer_command(item_id, agree, refuse, reason, on, home)


@request_app.command("review")
@handle_errors
def request_review(
    item_id: Annotated[str, typer.Argument(metavar="ID", help="The refused request or objection.")],
    requester: RequesterOpt = None,
    text: TextOpt = None,
    received: ReceivedOpt = None,
    home: HomeOpt = None,
) -> int:
    """Ask the commission to review a refusal; print the review's id and due date."""
    _recover(home)
    from pipelines.cli.request import review_command

    return review_command(item_id, requester, text, received, home)


@request_app.command("list")
@handle_errors
def request_list(
    overdue: Annotated[bool, typer.Option("--overdue", help="Only those unanswered past their due date.")] = False,
    as_of: Annotated[Optional[str], typer.Option("--as-of", help="Day to judge overdue on, YYYY-MM-DD (default today).")] = None,
    department: Annotated[Optional[str], typer.Option("--department", help="Only this department's.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    home: HomeOpt = None,
) -> int:
    """List requests, objections and reviews with their deadlines (never the requester)."""
    _recover(home)
    from pipelines.cli.request import list_command

    return list_command(overdue, as_of, department, as_json, home)


@app.command()
@handle_errors
def assess(
    year: Annotated[Optional[int], typer.Option("--year", help="Year assessed.")] = None,
    home: HomeOpt = None,
    out: Annotated[Optional[Path], typer.Option("--out", help="Write the HTML and XLSX report here and publish the scorecard.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    weights: Annotated[
        Optional[Path], typer.Option("--weights", help="Weights and grade thresholds YAML (default $OPENDATA_ASSESS_WEIGHTS, else the shipped one).")
    ] = None,
    catalog: CatalogOpt = Path("catalog_specs"),
) -> int:
    """Score and grade every department of the catalog for a year (考核办法 §7–§14)."""
    _recover(home)
    from pipelines.cli.assess import assess_command

    return assess_command(year, home, out, as_json, weights, catalog)

@app.command()
@handle_errors
def serve(
    home: HomeOpt = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="TCP port.")] = 8000,
    catalog: CatalogOpt = Path("catalog_specs"),
) -> int:
    """Serve the portal (开放平台): catalog, downloads, applications, requests and objections, restrictions."""
    _recover(home)
    from pipelines.cli.serve import serve_command

    return serve_command(home, host, port, catalog)


@grant_app.command("apply")
@handle_errors
def grant_apply(
    dataset_id: str,
    applicant: Annotated[str, typer.Option("--applicant", help="Applicant (organisation or person) name.")],
    applicant_type: Annotated[str, typer.Option("--applicant-type", help="enterprise | university | research-institute | person.")],
    purpose: Annotated[str, typer.Option("--purpose", help="What the data is for.")],
    scenario: Annotated[str, typer.Option("--scenario", help="The application scenario.")],
    safeguards: Annotated[str, typer.Option("--safeguards", help="The data-security safeguards.")],
    commercial: Annotated[bool, typer.Option("--commercial", help="Commercial use (needs --tender).")] = False,
    tender: Annotated[Optional[str], typer.Option("--tender", help="Competitive-tender reference of commercial use.")] = None,
    home: HomeOpt = None,
) -> int:
    """Apply for authorized-open data; the application id is printed on the last line."""
    _recover(home)
    from pipelines.cli.grant import apply_command

    return apply_command(dataset_id, applicant, applicant_type, purpose, scenario, safeguards, commercial, tender, home)


@grant_app.command("approve")
@handle_errors
def grant_approve(
    app_id: str,
    by: Annotated[str, typer.Option("--by", help="Who approves.")],
    expires: Annotated[Optional[str], typer.Option("--expires", help="Last valid day, YYYY-MM-DD (default one year).")] = None,
    home: HomeOpt = None,
) -> int:
    """Approve an application; the access token is printed once on the last line."""
    _recover(home)
    from pipelines.cli.grant import approve_command

    return approve_command(app_id, by, expires, home)


@grant_app.command("reject")
@handle_errors
def grant_reject(
    app_id: str,
    by: Annotated[str, typer.Option("--by", help="Who rejects.")],
    reason: Annotated[str, typer.Option("--reason", help="Why.")],
    home: HomeOpt = None,
) -> int:
    """Reject a pending application."""
    _recover(home)
    from pipelines.cli.grant import reject_command

    return reject_command(app_id, by, reason, home)


@grant_app.command("revoke")
@handle_errors
def grant_revoke(
    grant_id: str, reason: Annotated[str, typer.Option("--reason", help="Why.")], home: HomeOpt = None,
) -> int:
    """Revoke an approved grant (its token stops working at once)."""
    _recover(home)
    from pipelines.cli.grant import revoke_command

    return revoke_command(grant_id, reason, home)


@grant_app.command("list")
@handle_errors
def grant_list(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    overdue_reports: Annotated[bool, typer.Option("--overdue-reports", help="Only grants whose use report is overdue (开放办法 §15).")] = False,
    as_of: Annotated[Optional[str], typer.Option("--as-of", help="Day to judge overdue reports on (default today).")] = None,
    home: HomeOpt = None,
) -> int:
    """List applications and grants (the commission's view)."""
    _recover(home)
    from pipelines.cli.grant import list_command

    return list_command(as_json, overdue_reports, as_of, home)


@grant_app.command("report")
@handle_errors
def grant_report(
    grant_id: str, text: Annotated[str, typer.Option("--text", help="How the data was used.")], home: HomeOpt = None,
) -> int:
    """Record a grantee's periodic use report."""
    _recover(home)
    from pipelines.cli.grant import report_command

    return report_command(grant_id, text, home)


@user_app.command("restrict")
@handle_errors
def user_restrict(
    applicant: str, reason: Annotated[str, typer.Option("--reason", help="Why access is restricted.")], home: HomeOpt = None,
) -> int:
    """Restrict an applicant: revoke its grants, refuse new applications, list it publicly."""
    _recover(home)
    from pipelines.cli.grant import restrict_command

    return restrict_command(applicant, reason, home)


@app.command("identify-leak")
@handle_errors
def identify_leak(
    file: Annotated[Path, typer.Argument(help="The leaked CSV or XLSX file (or an excerpt).")], home: HomeOpt = None,
) -> int:
    """Name the grant whose fingerprinted copy a leaked file is, or say none."""
    _recover(home)
    from pipelines.cli.grant import identify_leak_command

    return identify_leak_command(file, home)


def run() -> None:
    """Console-script entry point: exit 1 for a usage error, 2 only for a closed gate."""
    from pipelines.cli.usage import run_app
    from pipelines.core.workspace import clean_stale

    clean_stale()  # the private working folders of runs that were killed (their processes are gone)
    sys.exit(run_app(app))


if __name__ == "__main__":  # pragma: no cover
    run()
