"""`accuracy.resident_id`: GB 11643 resident ID: 18 chars, a valid birth date, the mod-11 check character."""

from __future__ import annotations

from pipelines.core.vocab import Dimension, FindingKind
from quality import identifiers as ids
from quality.check import Ref
from quality.checks.accuracy.common import IdentifierCheck
from quality.model import Severity


class ResidentId(IdentifierCheck):
    """GB 11643 resident ID: 18 chars, a valid birth date, the mod-11 check character."""

    key = "accuracy.resident_id"
    dimension = Dimension.ACCURACY
    severity = Severity.ERROR
    title = "身份证号 resident ID checksum"
    template = "{failed} of {total} IDs fail the GB 11643 format or checksum"
    shape = r"^[0-9]{17}[0-9Xx]$"
    kind = FindingKind.RESIDENT_ID

    def validity(self, col: str, ref: Ref) -> ids.Validity:
        return ids.resident_id(col, ref)
