"""Turn expected failures into a message and an exit code (never a traceback for bad input)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

import typer

from pipelines.core.errors import OpendataError

F = TypeVar("F", bound=Callable[..., Any])


def handle_errors(fn: F) -> F:
    """Print OpendataError messages to stderr and exit with their code (1 input/spec, 2 gate)."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            code = fn(*args, **kwargs)
        except OpendataError as exc:
            prefix = "blocked" if exc.exit_code == 2 else "error"
            print(f"{prefix}: {exc.render()}", file=sys.stderr)
            raise typer.Exit(exc.exit_code) from None
        if isinstance(code, int) and code:
            raise typer.Exit(code)
        return code

    return wrapper  # type: ignore[return-value]
