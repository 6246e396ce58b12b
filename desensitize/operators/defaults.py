"""Per-kind defaults: the display masks of DESIGN.md §4 and the policy proposed for a detected kind."""

from __future__ import annotations

from typing import Any

from pipelines.core.vocab import FindingKind

# (keep_first, keep_last) of `partial_mask` when the spec gives neither. Names and e-mails have
# their own rules (surname; first letter + domain), see partial_mask.py.
PARTIAL_MASK_KEEP: dict[FindingKind, tuple[int, int]] = {
    FindingKind.RESIDENT_ID: (6, 4),
    FindingKind.MOBILE_PHONE: (3, 4),
    FindingKind.LANDLINE_PHONE: (4, 2),
    FindingKind.BANK_CARD: (6, 4),
    FindingKind.LICENSE_PLATE: (2, 1),
    FindingKind.PASSPORT: (1, 2),
    FindingKind.BIRTH_DATE: (4, 0),
    FindingKind.ADDRESS: (6, 0),
    FindingKind.COMPANY_CREDIT_CODE: (8, 2),
}
GENERIC_KEEP = (1, 1)

# Two-character surnames (复姓): a name keeps these whole, so 欧阳娜娜 → 欧阳**.
COMPOUND_SURNAMES = (
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯",
    "轩辕", "令狐", "端木", "独孤", "南宫", "西门", "澹台", "公冶", "宗政", "濮阳", "淳于", "单于", "太叔",
    "申屠", "钟离", "闾丘", "东郭", "百里", "呼延", "万俟", "司空", "拓跋", "赫连", "第五", "左丘", "梁丘",
)

# Header words that mark a commercial secret which is dropped rather than banded.
_DROP_SECRET_WORDS = ("账号", "账户", "帐号", "银行", "开户", "供应商", "客户名单", "account", "supplier", "iban")


def default_policy(kind: FindingKind, header: str = "") -> dict[str, Any] | None:
    """The policy proposed for a column of `kind` (for draft specs); None for public kinds.

    Commercial secrets (开放办法 §5): amounts such as revenue, tax and contract sums are banded;
    bank accounts and supplier lists are dropped.
    """
    if kind.is_public:
        return None
    if kind is FindingKind.COMMERCIAL_SECRET:
        low = header.lower()
        if any(w in low for w in _DROP_SECRET_WORDS):
            return {"operator": "drop"}
        return {"operator": "generalize", "to": "range"}
    proposals: dict[FindingKind, dict[str, Any]] = {
        FindingKind.PERSON_NAME: {"operator": "partial_mask"},
        FindingKind.RESIDENT_ID: {"operator": "pseudonymize"},
        FindingKind.MOBILE_PHONE: {"operator": "partial_mask"},
        FindingKind.LANDLINE_PHONE: {"operator": "partial_mask"},
        FindingKind.EMAIL: {"operator": "partial_mask"},
        FindingKind.ADDRESS: {"operator": "generalize", "to": "district"},
        FindingKind.BANK_CARD: {"operator": "drop"},
        FindingKind.LICENSE_PLATE: {"operator": "partial_mask"},
        FindingKind.PASSPORT: {"operator": "drop"},
        FindingKind.BIRTH_DATE: {"operator": "generalize", "to": "year"},
    }
    return proposals.get(kind, {"operator": "redact"})
