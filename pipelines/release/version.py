"""Release versions `YYYY-MM-DD.N`: sortable by date, N counting releases of the dataset that day."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pipelines.core import clock
from pipelines.core.home import Home
from pipelines.core.versions import TMP_PREFIX, VERSION_RE, version_key


def today() -> date:
    """Today in Fuzhou's time zone (versions and attribution dates follow local time)."""
    return clock.now().date()


def existing_versions(home: Home, dataset_id: str) -> list[str]:
    """Every version of the dataset on disk, published or quarantined, sorted."""
    found: set[str] = set()
    for base in (home.releases / dataset_id, home.quarantine / dataset_id):
        if base.is_dir():
            # `.tmp-<version>` folders are versions reserved by a release being written.
            names = (p.name.removeprefix(TMP_PREFIX) for p in base.iterdir())
            found |= {n for n in names if VERSION_RE.match(n)}
    return sorted(found, key=version_key)


def next_version(home: Home, dataset_id: str, on: date | None = None) -> str:
    """The next version for `on` (default today); `reserve_version` makes it ours atomically."""
    day = (on or today()).isoformat()
    counters = [version_key(v)[1] for v in existing_versions(home, dataset_id) if v.startswith(day + ".")]
    return f"{day}.{max(counters, default=0) + 1}"


def reserve_version(home: Home, dataset_id: str) -> tuple[str, Path]:
    """Take the next version by creating its temporary folder (mkdir is atomic: one winner)."""
    base = home.releases / dataset_id
    base.mkdir(parents=True, exist_ok=True)
    for _ in range(1000):
        version = next_version(home, dataset_id)
        tmp = base / f"{TMP_PREFIX}{version}"
        try:
            tmp.mkdir()
        except FileExistsError:
            continue  # a concurrent publication reserved it first
        return version, tmp
    raise RuntimeError(f"no free release version for {dataset_id}")
