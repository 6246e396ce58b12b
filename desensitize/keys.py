"""The pseudonym key: where it comes from, and how it is handed to DuckDB without being written down.

Order of sources:
1. `OPENDATA_PSEUDONYM_KEY`: the key itself (at least 16 characters).
2. `OPENDATA_PSEUDONYM_KEY_FILE`: a file holding the key (at least 16 bytes, surrounding whitespace
   ignored). It must lie outside the opendata home directory, so a release or a backup of the
   home never carries it.
3. `OPENDATA_INSECURE_DEV_KEY=1`: a fixed, publicly known development key, for tests only. Tokens
   made with it protect nothing; the masking record says so (`key_id: "insecure-dev"`).
4. The default key file, `$XDG_CONFIG_HOME/opendata/pseudonym.key` (else
   `~/.config/opendata/pseudonym.key`): outside any home directory and any checkout, so the CLI,
   `python flows.py serve`, its workers and `make run` (which creates it) all find the same key
   without an environment variable.

Without any of them, publication of a spec that pseudonymizes is blocked (exit 2).
The key is never logged, recorded or put into SQL text: only the HMAC pads are bound as query
parameters. Records carry a `key_id` (a keyed hash of a constant) so that two releases can be
told to share a key or not.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from pathlib import Path

from pipelines.core.config_dir import config_dir
from pipelines.core.errors import GateBlocked

ENV_KEY = "OPENDATA_PSEUDONYM_KEY"
ENV_KEY_FILE = "OPENDATA_PSEUDONYM_KEY_FILE"
ENV_DEV_KEY = "OPENDATA_INSECURE_DEV_KEY"
MIN_KEY_BYTES = 16
# Publicly known on purpose: with it, tokens are reproducible by anyone.
_DEV_KEY = b"opendata-fuzhou insecure development key - not secret"
DEV_KEY_ID = "insecure-dev"



def default_key_file() -> Path:
    """Where the key is found when no variable names one: $XDG_CONFIG_HOME/opendata/pseudonym.key."""
    return config_dir() / "pseudonym.key"


def how_to() -> str:
    """One line: how to give the toolkit a key."""
    return (
        f"put a secret of at least {MIN_KEY_BYTES} characters in {default_key_file()} (mode 600; `make run` creates "
        f"one), or set {ENV_KEY_FILE} to a file holding one, or {ENV_KEY} to the secret itself"
    )


def load_key(home_root: Path | None = None) -> bytes:
    """The pseudonym key from the environment (see the module doc); GateBlocked when none is usable."""
    direct = os.environ.get(ENV_KEY)
    if direct:
        key = direct.strip().encode("utf-8")
        if len(key) < MIN_KEY_BYTES:
            raise GateBlocked(f"{ENV_KEY} is shorter than {MIN_KEY_BYTES} characters, too weak for pseudonyms; {how_to()}")
        return key
    path_text = os.environ.get(ENV_KEY_FILE)
    if path_text:
        return _key_from_file(Path(path_text).expanduser(), home_root)
    if os.environ.get(ENV_DEV_KEY) == "1":
        return _DEV_KEY
    default = default_key_file()
    if default.exists():
        return _key_from_file(default, home_root)
    raise GateBlocked(f"no pseudonym key (none in {default}, no {ENV_KEY_FILE}); {how_to()}")


def _key_from_file(path: Path, home_root: Path | None) -> bytes:
    resolved = path.resolve()
    if home_root is not None and resolved.is_relative_to(home_root.resolve()):
        raise GateBlocked(f"the key file {resolved} is inside the opendata home directory ({home_root}); move it out: {how_to()}")
    try:
        key = resolved.read_bytes().strip()
    except OSError as exc:
        raise GateBlocked(f"cannot read the key file {resolved} ({exc.strerror}); {how_to()}") from None
    if len(key) < MIN_KEY_BYTES:
        raise GateBlocked(f"the key in {resolved} is shorter than {MIN_KEY_BYTES} bytes; {how_to()}")
    return key


def key_id(key: bytes) -> str:
    """A short public fingerprint of the key (HMAC of a constant): equal ids mean comparable tokens."""
    if key == _DEV_KEY:
        return DEV_KEY_ID
    return hmac.new(key, b"opendata key id", hashlib.sha256).hexdigest()[:8]


def hmac_pads(key: bytes) -> tuple[bytes, bytes]:
    """The inner and outer HMAC-SHA256 pads (RFC 2104), so DuckDB can compute the HMAC in SQL."""
    if len(key) > 64:
        key = hashlib.sha256(key).digest()
    key = key.ljust(64, b"\0")
    return bytes(b ^ 0x36 for b in key), bytes(b ^ 0x5C for b in key)


def hmac_hex(key: bytes, message: str) -> str:
    """HMAC-SHA256 of a UTF-8 message, hex: the Python twin of `HMAC_SQL`, for checks and tests."""
    return hmac.new(key, message.encode("utf-8"), hashlib.sha256).hexdigest()


# Named parameters bound by the desensitize step; an operator's SQL names them, never their values.
PARAM_IPAD = "pseudonym_ipad"
PARAM_OPAD = "pseudonym_opad"


def hmac_sql(message: str) -> str:
    """DuckDB SQL for the hex HMAC-SHA256 of a VARCHAR expression under the bound key pads."""
    return f"sha256(${PARAM_OPAD}::BLOB || unhex(sha256(${PARAM_IPAD}::BLOB || encode({message}))))"


def key_params(key: bytes) -> dict[str, bytes]:
    """The named parameters `hmac_sql` needs."""
    ipad, opad = hmac_pads(key)
    return {PARAM_IPAD: ipad, PARAM_OPAD: opad}
