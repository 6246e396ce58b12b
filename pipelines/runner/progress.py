"""A rich progress bar over the publication steps, on stderr (stdout is for results)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn


@contextmanager
def step_progress(title: str, steps: list[str]) -> Iterator[Callable[[str], None]]:
    """Yield `advance(step_name)`; draws a bar only when stderr is a terminal."""
    if not sys.stderr.isatty():
        yield lambda _name: None
        return
    progress = Progress(
        SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(), TextColumn("{task.fields[step]}"),
        TimeElapsedColumn(), console=Console(stderr=True), transient=True,
    )
    with progress:
        task = progress.add_task(title, total=len(steps), step=steps[0] if steps else "")
        names = iter(steps[1:])

        def advance(_done: str) -> None:
            progress.update(task, advance=1, step=next(names, "done"))

        yield advance
