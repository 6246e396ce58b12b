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

    @property
    def eu_access_right_uri(self) -> str:
        """The `dct:accessRights` URI (a `dct:RightsStatement`) from the EU access-right table."""
        return f"{EU_AUTHORITY}access-right/{_EU_ACCESS_RIGHT[self]}"


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

    @property
    def eu_code(self) -> str:
        """Code in the EU Publications Office frequency table, the vocabulary DCAT-AP prescribes."""
        return _EU_FREQUENCY[self]

    @property
    def eu_uri(self) -> str:
        """The `dct:accrualPeriodicity` URI (a `dct:Frequency`) of this frequency."""
        return f"{EU_AUTHORITY}frequency/{self.eu_code}"


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

    @property
    def cn_catalog_type(self) -> str:
        """数据类型 of an 信息项 in the national catalog (政务信息资源目录编制指南: 字符型C, 数值型N, ...)."""
        return _CN_DATA_TYPES[self]


class SharingMethod(_Labelled):
    """共享方式 (政务信息资源目录编制指南): how another department obtains the resource."""

    API = "api"
    DATABASE = "database"
    FILE = "file"
    OFFLINE = "offline"


class ResourceClass(_Labelled):
    """信息资源分类, 类 (政务信息资源目录编制指南): the first digit of an 信息资源代码."""

    BASIC = "basic"
    THEMATIC = "thematic"
    DEPARTMENTAL = "departmental"

    @property
    def code(self) -> str:
        """The 类 digit that starts the 前段码 of an 信息资源代码."""
        return _RESOURCE_CLASS_CODES[self]


class Licence(str, Enum):
    """Licences a release may carry (SPDX ids), each with its EU licence authority-table code."""

    CC_BY_4_0 = "CC-BY-4.0"
    CC_BY_SA_4_0 = "CC-BY-SA-4.0"
    CC0_1_0 = "CC0-1.0"
    ODC_BY_1_0 = "ODC-By-1.0"
    ODBL_1_0 = "ODbL-1.0"
    PDDL_1_0 = "PDDL-1.0"

    @property
    def eu_uri(self) -> str:
        """The `dct:license` URI (a `dct:LicenseDocument`) DCAT-AP harvesters resolve."""
        return f"{EU_AUTHORITY}licence/{_EU_LICENCE[self]}"

    @property
    def spdx_url(self) -> str:
        """The licence text on spdx.org."""
        return f"https://spdx.org/licenses/{self.value}"


class DatasetStatus(_Labelled):
    """Status of a release in the catalog (`adms:status`), from the EU dataset-status table."""

    COMPLETED = "published"
    WITHDRAWN = "withdrawn"

    @property
    def eu_uri(self) -> str:
        """The `adms:status` URI (a `skos:Concept`)."""
        return f"{EU_AUTHORITY}dataset-status/{_EU_STATUS[self]}"


class SourceFormat(str, Enum):
    """Extract formats the ingest stage reads."""

    CSV = "csv"
    XLSX = "xlsx"
    JSON = "json"
    PARQUET = "parquet"


# The EU Publications Office authority tables (op.europa.eu/web/eu-vocabularies) that DCAT-AP 3 names.
EU_AUTHORITY = "http://publications.europa.eu/resource/authority/"

_EU_FREQUENCY: dict[UpdateFrequency, str] = {
    UpdateFrequency.REALTIME: "UPDATE_CONT",
    UpdateFrequency.DAILY: "DAILY",
    UpdateFrequency.WEEKLY: "WEEKLY",
    UpdateFrequency.MONTHLY: "MONTHLY",
    UpdateFrequency.QUARTERLY: "QUARTERLY",
    UpdateFrequency.SEMIANNUAL: "ANNUAL_2",
    UpdateFrequency.YEARLY: "ANNUAL",
    UpdateFrequency.IRREGULAR: "IRREG",
}

_RESOURCE_CLASS_CODES: dict[ResourceClass, str] = {
    ResourceClass.BASIC: "1",
    ResourceClass.THEMATIC: "2",
    ResourceClass.DEPARTMENTAL: "3",
}

_EU_ACCESS_RIGHT: dict[OpenType, str] = {
    OpenType.GENERAL: "PUBLIC",
    OpenType.AUTHORIZED: "RESTRICTED",
    OpenType.NOT_OPEN: "NON_PUBLIC",
}

_EU_LICENCE: dict[Licence, str] = {
    Licence.CC_BY_4_0: "CC_BY_4_0",
    Licence.CC_BY_SA_4_0: "CC_BYSA_4_0",
    Licence.CC0_1_0: "CC0",
    Licence.ODC_BY_1_0: "ODC_BY",
    Licence.ODBL_1_0: "ODC_ODBL",
    Licence.PDDL_1_0: "ODC_PDDL",
}

_EU_STATUS: dict[DatasetStatus, str] = {
    DatasetStatus.COMPLETED: "COMPLETED",
    DatasetStatus.WITHDRAWN: "WITHDRAWN",
}

# 政务信息资源目录编制指南, 信息项 数据类型: C 字符型, N 数值型, D 日期型, T 日期时间型, L 逻辑型.
_CN_DATA_TYPES: dict[FieldType, str] = {
    FieldType.STRING: "字符型C",
    FieldType.INTEGER: "数值型N",
    FieldType.NUMBER: "数值型N",
    FieldType.DATE: "日期型D",
    FieldType.DATETIME: "日期时间型T",
    FieldType.BOOLEAN: "逻辑型L",
}

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
    ResourceClass.BASIC: "基础信息资源",
    ResourceClass.THEMATIC: "主题信息资源",
    ResourceClass.DEPARTMENTAL: "部门信息资源",
    SharingMethod.API: "共享平台方式（接口服务）",
    SharingMethod.DATABASE: "共享平台方式（库表交换）",
    SharingMethod.FILE: "共享平台方式（文件下载）",
    SharingMethod.OFFLINE: "其他方式（介质交换）",
    DatasetStatus.COMPLETED: "已发布",
    DatasetStatus.WITHDRAWN: "已撤回",
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
