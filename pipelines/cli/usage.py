"""Run the typer app with the exit codes of DESIGN.md §5: a usage error exits 1, not click's 2.

Click reserves 2 for usage errors; our contract reserves 2 for "blocked by a quality or privacy gate",
so a script must be able to tell a mistyped command from a closed gate by the exit code alone.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

import typer

# typer 0.29 (pinned) vendors its own click: its exceptions, not the `click` package's, are raised.
from typer._click import exceptions as click


class UsageError(click.UsageError):
    """A command line the command cannot act on (exit 1), raised by a command body."""

    def __init__(self, message: str) -> None:
        from typer._click.globals import get_current_context

        super().__init__(message, ctx=get_current_context(silent=True))


def usage_message(exc: click.UsageError) -> str:
    """One line: what is wrong with the command line and where to read how to write it."""
    where = exc.ctx.command_path if exc.ctx is not None else "opendata"
    what = exc.format_message().strip().rstrip(".")
    return f"error: {what}; see '{where} --help'"


def run_app(app: typer.Typer, args: Sequence[str] | None = None, prog_name: str = "opendata") -> int:
    """Run `app` on `args` (default sys.argv[1:]) and return the exit code to leave with."""
    command = typer.main.get_command(app)
    try:
        rv = command.main(args=list(sys.argv[1:] if args is None else args), prog_name=prog_name, standalone_mode=False)
    except click.NoArgsIsHelpError as exc:
        # `opendata catalog` alone: typer has printed the help, which is what the user needs; nothing was done.
        where = exc.ctx.command_path if exc.ctx is not None else prog_name
        print(f"error: no command given; choose one of the commands of '{where} --help'", file=sys.stderr)
        return 1
    except click.UsageError as exc:
        print(usage_message(exc), file=sys.stderr)
        return 1
    except click.ClickException as exc:
        print(f"error: {exc.format_message()}", file=sys.stderr)
        return 1
    except typer.Abort:
        print("error: aborted", file=sys.stderr)
        return 1
    return rv if isinstance(rv, int) else 0
