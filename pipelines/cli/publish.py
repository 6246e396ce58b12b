"""`opendata publish SPEC` and `opendata publish --all`."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from pipelines.errors import OpendataError, SpecError
from pipelines.home import Home


def engine() -> str:
    """`prefect` (default) runs the Prefect flow; `plain` runs the same steps without Prefect."""
    return os.environ.get("OPENDATA_ENGINE", "prefect")


def publish_one(spec: Path, extract: Path | None, home: Path | None) -> Path:
    """Publish through the configured engine; return the release folder."""
    if engine() == "plain":
        from pipelines.publish import run_plain

        return run_plain(spec, extract, home)
    from pipelines.cli.prefect_env import quiet_prefect

    quiet_prefect()
    from flows import publish_dataset

    home_dir = str(Home.resolve(home).root)
    return Path(publish_dataset(str(spec), str(extract) if extract else None, home_dir))


def publish_command(spec: Path, extract: Path | None, home: Path | None) -> int:
    """Publish one spec; the release folder is the last line printed."""
    folder = publish_one(spec, extract, home)
    print(folder)
    return 0


def publish_all_command(home: Path | None, catalog: Path = Path("catalog_specs")) -> int:
    """Publish every valid spec that is not not-open; report each; exit with the worst code."""
    from pipelines.spec.validate import validate_paths
    from pipelines.vocab import OpenType

    valid, problems = validate_paths([catalog])
    if problems:
        raise SpecError("invalid catalog specs; fix them first (opendata catalog validate)", details=[str(p) for p in problems])
    worst = 0
    folders: list[Path] = []
    for path, spec in valid:
        if spec.open_type is OpenType.NOT_OPEN:
            print(f"skipped {spec.id}: not-open ({spec.not_open_reason.value if spec.not_open_reason else ''})")
            continue
        try:
            folder = publish_one(path, None, home)
        except OpendataError as exc:
            worst = max(worst, exc.exit_code)
            print(f"{'blocked' if exc.exit_code == 2 else 'error'} {spec.id}: {exc.render()}", file=sys.stderr)
            continue
        folders.append(folder)
        print(f"published {spec.id} → {folder}")
    if folders:
        print(folders[-1])
    return worst
