"""`opendata get` for every open type: general-open data as before, authorized-open only with a grant.

The lifecycle (`pipelines.lifecycle.access.obtain`) chooses the release, refuses withdrawn ones and
logs the access; it refuses authorized-open data unless handed a `GrantCheck`. This module, a layer
above, supplies that check (the same `grants.check_token` the portal uses: bad, expired, revoked,
other-dataset and restricted tokens are refused) and then hands out the grantee's fingerprinted copy
(`fingerprint.ensure_copy`) — the very copy, and the same access row (grant id, applicant, approved
purpose), that a portal download produces. Refusals are audited with the grant id the token names,
never the token.
"""

from __future__ import annotations

import duckdb

from pipelines.core.errors import InputError
from pipelines.core.home import Home
from pipelines.lifecycle.access import GrantCheck, Grantee, Obtained
from pipelines.lifecycle.access import obtain as obtain_release
from pipelines.platform import grants, tokens
from pipelines.store.grants import Application


def obtain(
    home: Home, dataset_id: str, version: str | None, user: str, purpose: str | None, token: str | None, channel: str = "cli",
) -> Obtained:
    """Log the access and return the file to hand out, or raise InputError (a refusal, audited)."""
    token = (token or "").strip() or None
    if token is None:
        return obtain_release(home, dataset_id, version, user, purpose, channel)
    admitted: list[Application] = []

    def check(con: duckdb.DuckDBPyConnection, wanted: str) -> Grantee:
        grant = grants.check_token(con, token, wanted)
        admitted.append(grant)
        audit_user = f"个人申请人（{grant.id}）" if grant.is_person else user.strip()
        return Grantee(grant.id, grant.applicant, grant.purpose, audit_user)

    got = obtain_release(home, dataset_id, version, user, purpose, channel, GrantCheck(tokens.grant_id_of(token), check))
    if got.grant_id is None:
        return got  # a general-open release: the token was not needed
    from pipelines.platform.catalog import Catalog
    from pipelines.platform.fingerprint import ensure_copy

    dataset = Catalog(home).get(dataset_id)
    release = dataset.version(got.version) if dataset else None
    if release is None:  # pragma: no cover - the release was just read in the logging transaction
        raise InputError(f"{dataset_id} {got.version}: not in the catalog; run `opendata audit verify`")
    copy = ensure_copy(home, admitted[-1], dataset_id, release)
    return Obtained(copy.file("data.csv"), got.version, got.audit_seq, got.attribution, got.grant_id)
