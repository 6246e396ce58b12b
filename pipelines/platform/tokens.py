"""Access tokens of grants: shown once, stored only as a hash, compared in constant time.

A token is `<grant id>.<secret>`: the grant id lets the server find the one stored hash to compare
against (so no lookup by secret, whose timing could leak), and the 256-bit secret makes a plain
sha256 enough (no password-style stretching is needed for random secrets).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass


@dataclass(frozen=True)
class IssuedToken:
    """A new token (give it to the grantee once) and the hash to store."""

    token: str
    sha256: str


def token_hash(token: str) -> str:
    """sha256 hex of a token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue(grant_id: str) -> IssuedToken:
    """A fresh token for a grant."""
    token = f"{grant_id}.{secrets.token_urlsafe(32)}"
    return IssuedToken(token, token_hash(token))


def grant_id_of(token: str) -> str | None:
    """The grant id a token names, or None when it is not shaped like one of ours."""
    grant_id, dot, secret = token.strip().rpartition(".")
    return grant_id if dot and grant_id and secret else None


def matches(token: str, stored_sha256: str | None) -> bool:
    """Does the token hash to the stored hash? Constant time in the compared bytes."""
    if not stored_sha256:
        return False
    return hmac.compare_digest(token_hash(token.strip()).encode("ascii"), stored_sha256.encode("ascii"))
