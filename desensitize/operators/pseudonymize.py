"""`pseudonymize`: a keyed HMAC-SHA256 token per value, the same across datasets and runs."""

from __future__ import annotations

from pydantic import Field

from desensitize.keys import hmac_hex, hmac_sql, key_id, key_params
from desensitize.operators.base import (
    ColumnInput,
    ColumnPlan,
    MaskEnv,
    Operator,
    OperatorParams,
    string_type_unless,
)
from pipelines.core.sql import quote_literal as literal
from desensitize.operators.sqlexpr import normalized

DEFAULT_PREFIX = "P"
# Domain tag hashed before the value, so tokens cannot be confused with other HMACs of the key.
TOKEN_DOMAIN = "opendata-pseudonym-v1\x1f"


class PseudonymizeParams(OperatorParams):
    """Parameters of `pseudonymize`."""
    length: int = Field(16, ge=8, le=64, description="Hex characters of the token (16 = 64 bits).")
    # A token starts with a letter so that no spreadsheet reads it as a number: bare hex such as
    # 8580375118732e28 became 8.58e+40 in Excel and LibreOffice, and 16 digits lost the last one.
    prefix: str = Field(
        DEFAULT_PREFIX, min_length=1, max_length=16, pattern=r"^[A-Za-z][A-Za-z0-9_-]*$",
        description="Text put before the token, starting with a letter (default P), so spreadsheets keep it text.",
    )


class PseudonymizeOperator(Operator):
    """Replace each value by `prefix` (P by default) + the first `length` hex characters of HMAC-SHA256(key, value).

    The value is normalized first by its `pii` kind (phones to digits, IDs upper-case), so the same
    person gets the same token however the number was written. The HMAC runs inside DuckDB (its
    native sha256 over the RFC 2104 pads, bound as parameters): no Python loop, and the key never
    appears in SQL text.
    """
    key = "pseudonymize"
    Params = PseudonymizeParams
    needs_key = True
    keeps_individual = True

    def plan(self, params: OperatorParams, column: ColumnInput, env: MaskEnv) -> ColumnPlan:
        """`prefix || left(hmac, length)`; null stays null."""
        assert isinstance(params, PseudonymizeParams)
        key = env.key()
        message = f"{literal(TOKEN_DOMAIN)} || {normalized(column.ref, column.pii)}"
        token = f"{literal(params.prefix)} || left({hmac_sql(message)}, {params.length})"
        return ColumnPlan(
            expr=f"CASE WHEN {column.ref} IS NULL THEN NULL ELSE {token} END",
            params_record={"length": params.length, "prefix": params.prefix, "algorithm": "HMAC-SHA256", "key_id": key_id(key)},
            sql_params=key_params(key),
            out_type=string_type_unless(column, keeps=False),
        )


def token_of(key: bytes, normalized_value: str, length: int = 16, prefix: str = DEFAULT_PREFIX) -> str:
    """The token `pseudonymize` gives an already-normalized value (the Python twin, for tests and audits)."""
    return prefix + hmac_hex(key, TOKEN_DOMAIN + normalized_value)[:length]
