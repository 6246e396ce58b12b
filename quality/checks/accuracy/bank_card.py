"""`accuracy.bank_card`: Bank card: 16–19 digits; Luhn for UnionPay (62) cards."""

from __future__ import annotations

from pipelines.core.vocab import Dimension, FindingKind
from quality import identifiers as ids
from quality.check import Ref
from quality.checks.accuracy.common import IdentifierCheck
from quality.model import Severity


class BankCard(IdentifierCheck):
    """Bank card: 16–19 digits; Luhn for UnionPay (62) cards."""

    key = "accuracy.bank_card"
    dimension = Dimension.ACCURACY
    severity = Severity.ERROR
    title = "银行卡号 card number and Luhn"
    template = "{failed} of {total} card numbers malformed or failing Luhn (62 prefix)"
    shape = r"^(?:[0-9][ -]?){15,18}[0-9]$"
    kind = FindingKind.BANK_CARD

    def validity(self, col: str, ref: Ref) -> ids.Validity:
        return ids.bank_card(col, ref)
