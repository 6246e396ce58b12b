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
catalog_app = typer.Typer(no_args_is_help=True, help="Catalog specs: validate before review and publication.")
audit_app = typer.Typer(no_args_is_help=True, help="The tamper-evident audit log.")
app.add_typer(catalog_app, name="catalog")
app.add_typer(audit_app, name="audit")

HomeOpt = Annotated[Optional[Path], typer.Option("--home", help="Home directory (default $OPENDATA_HOME, else ./var).")]


@catalog_app.command("validate")
@handle_errors
def catalog_validate(paths: Annotated[Optional[list[Path]], typer.Argument(help="Spec files or folders.")] = None) -> int:
    """Validate catalog specs; print each problem as FILE:LINE: message."""
    from pipelines.cli.catalog import validate_command

    return validate_command(paths or [Path("catalog_specs")])


@app.command()
@handle_errors
def scan(
    extract: Path,
    draft_spec: Annotated[Optional[Path], typer.Option("--draft-spec", help="Write a draft catalog spec here.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> int:
    """Detect personal and secret columns in an extract and propose policies."""
    from desensitize.scan import scan_command

    return scan_command(extract, draft_spec, as_json)


@app.command("detect-text")
@handle_errors
def detect_text() -> int:
    """Read one text a line on stdin; print one JSON of findings a line."""
    from desensitize.detect.text import detect_text_lines

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
    from quality.command import quality_command

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
    from pipelines.cli.publish import publish_all_command, publish_command

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
    from pipelines.lifecycle.commands import withdraw_command

    return withdraw_command(dataset_id, version, reason, field, home)


@app.command()
@handle_errors
def republish(dataset_id: str, home: HomeOpt = None) -> int:
    """Desensitize the stored extract again under the current spec and publish a replacing version."""
    from pipelines.lifecycle.commands import republish_command

    return republish_command(dataset_id, home)


@app.command()
@handle_errors
def get(
    dataset_id: str,
    user: Annotated[str, typer.Option("--user", help="Who obtains the data.")],
    version: Annotated[Optional[str], typer.Option("--version", help="Default: the newest published version.")] = None,
    purpose: Annotated[Optional[str], typer.Option("--purpose", help="What it is for.")] = None,
    home: HomeOpt = None,
) -> int:
    """Obtain a release (logged for tracing); prints the path of its data file."""
    from pipelines.lifecycle.commands import get_command

    return get_command(dataset_id, version, user, purpose, home)


@app.command()
@handle_errors
def trace(
    dataset_id: str,
    version: Annotated[str, typer.Option("--version", help="Release version.")],
    home: HomeOpt = None,
) -> int:
    """List who obtained a release and when."""
    from pipelines.lifecycle.commands import trace_command

    return trace_command(dataset_id, version, home)


@audit_app.command("verify")
@handle_errors
def audit_verify(home: HomeOpt = None) -> int:
    """Recompute the audit hash chain and every release file hash; exit 1 on any mismatch."""
    from pipelines.lifecycle.commands import audit_verify_command

    return audit_verify_command(home)


def run() -> None:
    """Console-script entry point: exit 1 for a usage error, 2 only for a closed gate."""
    from pipelines.cli.usage import run_app

    sys.exit(run_app(app))


if __name__ == "__main__":  # pragma: no cover
    run()
