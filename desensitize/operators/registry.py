"""The operator registry: stable string keys → operator classes (DESIGN.md §6.3).

Every operator module is imported here; they import only pydantic and the vocabulary at module
level (DuckDB, faker and the text detector are imported when an operator is applied), so the
spec model can validate policies cheaply.
"""

from __future__ import annotations

from desensitize.operators.base import Operator
from desensitize.operators.drop import DropOperator
from desensitize.operators.fake import FakeOperator
from desensitize.operators.generalize import GeneralizeOperator
from desensitize.operators.partial_mask import PartialMaskOperator
from desensitize.operators.pseudonymize import PseudonymizeOperator
from desensitize.operators.publish import PublishOperator
from desensitize.operators.redact import RedactOperator
from desensitize.operators.scan_text import ScanTextOperator
from desensitize.operators.suppress import SuppressRecordOperator
from desensitize.operators.top_bottom import TopBottomCodeOperator

OPERATORS: dict[str, type[Operator]] = {
    cls.key: cls
    for cls in (
        DropOperator,
        RedactOperator,
        PartialMaskOperator,
        PseudonymizeOperator,
        FakeOperator,
        GeneralizeOperator,
        TopBottomCodeOperator,
        SuppressRecordOperator,
        ScanTextOperator,
        PublishOperator,
    )
}


def get_operator(key: str) -> Operator:
    """An instance of the operator registered under `key` (KeyError if unknown)."""
    return OPERATORS[key]()
