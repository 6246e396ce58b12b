"""The audit key and the audit anchor: the two things that make the audit chain more than a checksum.

A chain of plain sha256 hashes proves nothing to someone who can write the registry: they rewrite
a row and recompute every hash after it. Each entry's chain value is therefore an HMAC-SHA256 under
a key kept *outside* the home, and the newest (seq, chain value) is copied after every append to an
*anchor* file, also outside the home, which `audit verify` compares with the log's head, so deleting
the newest entries (which leaves a valid chain) is caught too.

Key sources, in order: `OPENDATA_AUDIT_KEY_FILE` (a file of at least 16 bytes outside the home),
then `OPENDATA_INSECURE_DEV_AUDIT_KEY=1` (a fixed public key for tests and sample runs: it protects
nothing), then the default key file `$XDG_CONFIG_HOME/opendata/audit.key` (else
`~/.config/opendata/audit.key`), beside the pseudonym key, outside any home and any checkout: the CLI,
`python flows.py serve`, its workers and `make run` (which creates it) find it without a variable.
Without any of them, commands that write or verify the audit log refuse (exit 1) and say how to set one.

The anchor is `OPENDATA_AUDIT_ANCHOR`, else `<key file>.anchor.json` beside the key file in use
(`audit.key.anchor.json` for the default one), else (the development key) `.<home name>.audit-anchor.json`
beside the home. It maps each home to its head.
"""

from __future__ import annotations

import fcntl
import hashlib
import hmac
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from pipelines.core.config_dir import config_dir
from pipelines.core.errors import OpendataError

ENV_KEY_FILE = "OPENDATA_AUDIT_KEY_FILE"
ENV_ANCHOR = "OPENDATA_AUDIT_ANCHOR"
ENV_DEV_KEY = "OPENDATA_INSECURE_DEV_AUDIT_KEY"
MIN_KEY_BYTES = 16
_DEV_KEY = b"opendata-fuzhou insecure development audit key - not secret"


def default_key_file() -> Path:
    """Where the key is found when no variable names one: $XDG_CONFIG_HOME/opendata/audit.key."""
    return config_dir() / "audit.key"


def _how_to() -> str:
    return (
        f"put a secret of at least {MIN_KEY_BYTES} bytes in {default_key_file()} (mode 600; `make run` creates one), "
        f"or set {ENV_KEY_FILE} to another file outside the opendata home holding one; "
        f"for tests and sample runs only, {ENV_DEV_KEY}=1 uses a public key"
    )


class AuditKeyError(OpendataError):
    """No usable audit key or anchor (exit 1: a setup problem, not bad data)."""

    exit_code = 1


def _outside(path: Path, home_root: Path | None, what: str) -> Path:
    resolved = path.expanduser().resolve()
    if home_root is not None and resolved.is_relative_to(home_root.resolve()):
        raise AuditKeyError(f"{what} points inside the opendata home directory ({home_root}); keep it outside", details=[_how_to()])
    return resolved


def load_audit_key(home_root: Path | None = None) -> bytes:
    """The audit key (see the module notes); AuditKeyError when none is usable."""
    path_text = os.environ.get(ENV_KEY_FILE)
    if path_text:
        return _key_from_file(_outside(Path(path_text), home_root, ENV_KEY_FILE), ENV_KEY_FILE)
    if os.environ.get(ENV_DEV_KEY) == "1":
        return _DEV_KEY
    default = default_key_file()
    if default.exists():
        return _key_from_file(_outside(default, home_root, "the default audit key file"), "the default audit key file")
    raise AuditKeyError(
        f"no audit key is configured (none in {default}, no {ENV_KEY_FILE}); the audit log is keyed so that it cannot be rewritten unnoticed",
        details=[_how_to()],
    )


def _key_from_file(path: Path, what: str) -> bytes:
    try:
        key = path.read_bytes().strip()
    except OSError as exc:
        raise AuditKeyError(f"{what}: cannot read {path}: {exc.strerror}", details=[_how_to()]) from None
    if len(key) < MIN_KEY_BYTES:
        raise AuditKeyError(f"{what}: the key in {path} is shorter than {MIN_KEY_BYTES} bytes", details=[_how_to()])
    return key


def is_dev_key(key: bytes) -> bool:
    """True for the public development key."""
    return key == _DEV_KEY


def chain_mac(key: bytes, prev: str, canonical_entry: str) -> str:
    """HMAC-SHA256 (hex) of the previous chain value followed by the entry's canonical JSON."""
    return hmac.new(key, (prev + canonical_entry).encode("utf-8"), hashlib.sha256).hexdigest()


def anchor_path(home_root: Path) -> Path:
    """Where the anchor of `home_root` is kept (outside the home)."""
    explicit = os.environ.get(ENV_ANCHOR)
    if explicit:
        return _outside(Path(explicit), home_root, ENV_ANCHOR)
    key_file = os.environ.get(ENV_KEY_FILE)
    if key_file:
        key_path = Path(key_file).expanduser().resolve()
        return key_path.with_name(key_path.name + ".anchor.json")
    if os.environ.get(ENV_DEV_KEY) != "1" and default_key_file().exists():
        key_path = default_key_file().resolve()
        return key_path.with_name(key_path.name + ".anchor.json")
    root = home_root.resolve()
    return root.with_name(f".{root.name}.audit-anchor.json")


def read_anchor(home_root: Path) -> dict[str, Any] | None:
    """The anchored head of `home_root` ({"seq", "hash", "keyed_from"}), or None if never anchored."""
    path = anchor_path(home_root)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise AuditKeyError(f"{ENV_ANCHOR}: cannot read the audit anchor {path}: {exc}") from None
    entry = (data.get("homes") or {}).get(str(home_root.resolve())) if isinstance(data, dict) else None
    return entry if isinstance(entry, dict) else None


def write_anchor(home_root: Path, seq: int, chain_value: str, keyed_from: int) -> None:
    """Record `home_root`'s head after an append; never moves the anchor back (concurrent writers)."""
    path = anchor_path(home_root)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        homes = data.setdefault("homes", {})
        current = homes.get(str(home_root.resolve()))
        if isinstance(current, dict) and int(current.get("seq", 0)) >= seq:
            return
        homes[str(home_root.resolve())] = {"seq": seq, "hash": chain_value, "keyed_from": keyed_from}
        fd, tmp = tempfile.mkstemp(prefix=".anchor-", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=1, sort_keys=True)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
