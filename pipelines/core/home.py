"""The home directory layout (DESIGN.md §5): `--home`, else `$OPENDATA_HOME`, else `./var`."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Home:
    """Paths inside one home directory. Creating a Home touches nothing on disk."""

    root: Path

    @classmethod
    def resolve(cls, home: Path | str | None = None) -> Home:
        """The home from the CLI option, the environment, or the default `./var`."""
        chosen = home or os.environ.get("OPENDATA_HOME") or "var"
        return cls(Path(chosen).expanduser().resolve())

    @property
    def db_path(self) -> Path:
        """Registry, audit log and access log."""
        return self.root / "opendata.duckdb"

    @property
    def releases(self) -> Path:
        return self.root / "releases"

    @property
    def quarantine(self) -> Path:
        return self.root / "quarantine"

    @property
    def catalog(self) -> Path:
        return self.root / "catalog.jsonld"

    def release_dir(self, dataset_id: str, version: str) -> Path:
        return self.releases / dataset_id / version

    def quarantine_dir(self, dataset_id: str, version: str) -> Path:
        return self.quarantine / dataset_id / version

    def ensure(self) -> Home:
        """Create the top-level folders."""
        for p in (self.root, self.releases, self.quarantine):
            p.mkdir(parents=True, exist_ok=True)
        return self
