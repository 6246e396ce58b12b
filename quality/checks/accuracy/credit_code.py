"""`accuracy.credit_code`: GB 32100 unified social credit code: alphabet and mod-31 check character."""

from __future__ import annotations

from pipelines.core.vocab import Dimension, FindingKind
from quality import identifiers as ids
from quality.check import Ref
from quality.checks.accuracy.common import IdentifierCheck
from quality.model import Severity


class CreditCode(IdentifierCheck):
    """GB 32100 unified social credit code: alphabet and mod-31 check character."""

    key = "accuracy.credit_code"
    dimension = Dimension.ACCURACY
    severity = Severity.ERROR
    title = "统一社会信用代码 credit code checksum"
    template = "{failed} of {total} codes fail the GB 32100 format or checksum"
    shape = r"^[0-9A-HJ-NPQRTUWXYa-hj-npqrtuwxy]{18}$"
    kind = FindingKind.COMPANY_CREDIT_CODE

    def validity(self, col: str, ref: Ref) -> ids.Validity:
        return ids.credit_code(col, ref)
