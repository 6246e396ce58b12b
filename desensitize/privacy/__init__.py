"""Privacy models applied after masking: k-anonymity over the spec's quasi-identifiers."""

from desensitize.privacy.kanon import KAnonymityResult, enforce_k_anonymity
from desensitize.privacy.ladders import Ladder, ladder_for

__all__ = ["KAnonymityResult", "Ladder", "enforce_k_anonymity", "ladder_for"]
