"""The user's configuration folder for opendata: where the pseudonym and audit keys live by default.

`$XDG_CONFIG_HOME/opendata`, else `~/.config/opendata`: outside every opendata home on purpose, so that
a copied or published home never carries its keys. The Makefile spells the same rule for `make run`.
"""

from __future__ import annotations

import os
from pathlib import Path


def config_dir() -> Path:
    """`$XDG_CONFIG_HOME/opendata`, else `~/.config/opendata` (not created here)."""
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config).expanduser() / "opendata"
