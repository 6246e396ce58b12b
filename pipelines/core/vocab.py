"""The shared vocabulary (DESIGN.md §3): one enum per concept, English keys, Chinese labels."""

from __future__ import annotations

from enum import Enum


class _Labelled(str, Enum):
    """A string enum whose members also carry the Chinese term used in the regulations."""

    @property
    def label(self) -> str:
        return _LABELS[self]


class OpenType(_Labelled):
    """开放类型 (开放办法 §5–§7)."""

    GENERAL = "general"
    AUTHORIZED = "authorized"
    NOT_OPEN = "not-open"


class SharingType(_Labelled):
    """共享类型 between departments (管理办法 §16)."""

    UNCONDITIONAL = "unconditional"
    CONDITIONAL = "conditional"
    NOT_SHARED = "not-shared"


class UpdateFrequency(_Labelled):
    """更新频度 (开放办法 §11, §25)."""

    REALTIME = "realtime"
    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    SEMIANNUAL = "semiannual"
    YEARLY = "yearly"
    IRREGULAR = "irregular"

    @property
    def window_days(self) -> int | None:
        """How old the newest record may be for the data to count as timely; None = no window."""
        return _WINDOW_DAYS[self]


class Dimension(_Labelled):
    """Quality dimensions (管理办法 §8; 开放办法 §23)."""

    AUTHENTICITY = "authenticity"
    COMPLETENESS = "completeness"
    ACCURACY = "accuracy"
    TIMELINESS = "timeliness"
    USABILITY = "usability"


class NotOpenReason(_Labelled):
    """The six exclusions of 开放办法 §5."""

    STATE_SECRET = "state_secret"
    SECURITY = "security"
    THIRD_PARTY_RIGHTS = "third_party_rights"
    INTERNAL_AFFAIRS = "internal_affairs"
    AGREEMENT_OR_IP = "agreement_or_ip"
    LEGAL_PROHIBITION = "legal_prohibition"


class FindingKind(_Labelled):
    """Kinds of personal or secret data a detector can find (DESIGN.md §5)."""

    PERSON_NAME = "person_name"
    RESIDENT_ID = "resident_id"
    MOBILE_PHONE = "mobile_phone"
    LANDLINE_PHONE = "landline_phone"
    EMAIL = "email"
    ADDRESS = "address"
    BANK_CARD = "bank_card"
    LICENSE_PLATE = "license_plate"
    PASSPORT = "passport"
    BIRTH_DATE = "birth_date"
    COMPANY_CREDIT_CODE = "company_credit_code"
    COMMERCIAL_SECRET = "commercial_secret"

    @property
    def is_public(self) -> bool:
        """A company's credit code is public registration data, not personal data."""
        return self is FindingKind.COMPANY_CREDIT_CODE

    @property
    def is_personal(self) -> bool:
        """About a person: every kind but a company's credit code and a company's commercial secret."""
        return self not in (FindingKind.COMPANY_CREDIT_CODE, FindingKind.COMMERCIAL_SECRET)


class FieldType(str, Enum):
    """Types a release column may declare (Frictionless Table Schema names)."""

    STRING = "string"
    INTEGER = "integer"
    NUMBER = "number"
    DATE = "date"
    DATETIME = "datetime"
    BOOLEAN = "boolean"


class SourceFormat(str, Enum):
    """Extract formats the ingest stage reads."""

    CSV = "csv"
    XLSX = "xlsx"
    JSON = "json"
    PARQUET = "parquet"


_WINDOW_DAYS: dict[UpdateFrequency, int | None] = {
    UpdateFrequency.REALTIME: 1,
    UpdateFrequency.DAILY: 1,
    UpdateFrequency.WEEKLY: 7,
    UpdateFrequency.MONTHLY: 31,
    UpdateFrequency.QUARTERLY: 92,
    UpdateFrequency.SEMIANNUAL: 183,
    UpdateFrequency.YEARLY: 366,
    UpdateFrequency.IRREGULAR: None,
}

_LABELS: dict[Enum, str] = {
    OpenType.GENERAL: "普遍开放",
    OpenType.AUTHORIZED: "授权开放",
    OpenType.NOT_OPEN: "不予开放",
    SharingType.UNCONDITIONAL: "无条件共享",
    SharingType.CONDITIONAL: "有条件共享",
    SharingType.NOT_SHARED: "暂不共享",
    UpdateFrequency.REALTIME: "实时",
    UpdateFrequency.DAILY: "每日",
    UpdateFrequency.WEEKLY: "每周",
    UpdateFrequency.MONTHLY: "每月",
    UpdateFrequency.QUARTERLY: "每季度",
    UpdateFrequency.SEMIANNUAL: "每半年",
    UpdateFrequency.YEARLY: "每年",
    UpdateFrequency.IRREGULAR: "不定期",
    Dimension.AUTHENTICITY: "真实性",
    Dimension.COMPLETENESS: "完整性",
    Dimension.ACCURACY: "准确性",
    Dimension.TIMELINESS: "时效性",
    Dimension.USABILITY: "可用性",
    NotOpenReason.STATE_SECRET: "依法确定为国家秘密",
    NotOpenReason.SECURITY: "危及国家安全、公共安全、经济安全、社会稳定",
    NotOpenReason.THIRD_PARTY_RIGHTS: "涉及商业秘密、个人隐私等第三方合法权益",
    NotOpenReason.INTERNAL_AFFAIRS: "涉及部门人员、财务、资产等内部事务",
    NotOpenReason.AGREEMENT_OR_IP: "因协议或者知识产权限制",
    NotOpenReason.LEGAL_PROHIBITION: "法律、法规和规章规定不得开放",
    FindingKind.PERSON_NAME: "姓名",
    FindingKind.RESIDENT_ID: "身份证号",
    FindingKind.MOBILE_PHONE: "手机号",
    FindingKind.LANDLINE_PHONE: "固定电话",
    FindingKind.EMAIL: "电子邮箱",
    FindingKind.ADDRESS: "地址",
    FindingKind.BANK_CARD: "银行卡号",
    FindingKind.LICENSE_PLATE: "车牌号",
    FindingKind.PASSPORT: "护照号",
    FindingKind.BIRTH_DATE: "出生日期",
    FindingKind.COMPANY_CREDIT_CODE: "统一社会信用代码",
    FindingKind.COMMERCIAL_SECRET: "商业秘密",
}
