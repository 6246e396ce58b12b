"""`opendata`: the command-line contract of DESIGN.md §5.

Exit codes: 0 done, 1 bad input or bad spec, 2 blocked by a quality or privacy gate.
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

def _recover(home: Optional[Path], *, must_exist: bool = False) -> None:
    """Check the home, then put right what a killed run left in it (see lifecycle.recover).

    `must_exist`: commands that only work on an existing home (verify, trace, get, withdraw,
    republish) refuse a missing folder rather than create an empty one and report on it.
    """
    from pipelines.errors import InputError
    from pipelines.home import Home
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
    _recover(home)
    from quality.command import quality_command

    return quality_command(extract, spec, out, html, home, gx_docs=gx_docs)


@app.command()
@handle_errors
def publish(
    spec: Annotated[Optional[Path], typer.Argument(help="Catalog spec of the dataset.")] = None,
    input: Annotated[Optional[Path], typer.Option("--input", help="Extract to publish (default the spec's source.path).")] = None,
    home: HomeOpt = None,
    all_: Annotated[bool, typer.Option("--all", help="Publish every spec in catalog_specs/ on its sample extract.")] = False,
) -> int:
    """Publish a dataset; the release folder is printed on the last line."""
    _recover(home)
    from pipelines.cli.publish import publish_all_command, publish_command

    if all_:
        return publish_all_command(home)
    if spec is None:
        raise typer.BadParameter("give a SPEC, or --all")
    return publish_command(spec, input, home)


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
    from pipelines.lifecycle.commands import withdraw_command

    return withdraw_command(dataset_id, version, reason, field, home)


@app.command()
@handle_errors
def republish(dataset_id: str, home: HomeOpt = None) -> int:
    """Desensitize the stored extract again under the current spec and publish a replacing version."""
    _recover(home, must_exist=True)
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
    _recover(home, must_exist=True)
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
    _recover(home, must_exist=True)
    from pipelines.lifecycle.commands import trace_command

    return trace_command(dataset_id, version, home)


@audit_app.command("verify")
@handle_errors
def audit_verify(home: HomeOpt = None) -> int:
    """Recompute the audit hash chain and every release file hash; exit 1 on any mismatch."""
    _recover(home, must_exist=True)
    from pipelines.lifecycle.commands import audit_verify_command

    return audit_verify_command(home)


def run() -> None:
    """Console-script entry point."""
    from pipelines.workspace import clean_stale

    clean_stale()  # the private working folders of runs that were killed (their processes are gone)
    app()


if __name__ == "__main__":  # pragma: no cover
    run()
