"""`opendata catalog validate`."""

from __future__ import annotations

import sys
from pathlib import Path

from pipelines.runner.specs import validate_paths


def validate_command(paths: list[Path]) -> int:
    """Print every problem as FILE:LINE: message; 0 when all specs are valid, else 1."""
    valid, problems = validate_paths(paths)
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{len(valid)} valid spec(s), {len(problems)} problem(s)")
    return 1 if problems else 0
