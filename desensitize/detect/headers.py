"""Header vocabulary: which column headers name personal or secret data, and release names for them.

Headers are compared after `normalize` (lower case, no spaces or punctuation, a bracketed note such as
（必填） removed). An exact synonym is strong evidence; a keyword inside a longer header is weaker.
Headers are not values: they may appear in evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipelines.core.vocab import FindingKind as K

_BRACKETED = re.compile(r"[（(【\[][^）)】\]]*[）)】\]]")
_PUNCT = re.compile(r"[\s_\-·:：*#.。/\\、,，]+")

# Exact synonyms → (kind, release name). The release name is snake_case ASCII (no pinyin library).
SYNONYMS: dict[str, tuple[K, str]] = {}


def _add(kind: K, pairs: str) -> None:
    for pair in pairs.split():
        header, _, name = pair.partition("=")
        SYNONYMS[header] = (kind, name)


_add(K.PERSON_NAME, "姓名=name 名字=name 申请人=applicant 申请人姓名=applicant 联系人=contact_name 联系人姓名=contact_name "
     "法定代表人=legal_representative 法人代表=legal_representative 法人=legal_representative 户主=householder "
     "户主姓名=householder 负责人=person_in_charge 经办人=handler 当事人=party 被处罚人=penalized_party "
     "投诉人=complainant 举报人=informant 驾驶人=driver 驾驶员=driver 车主=vehicle_owner 业主=property_owner "
     "监护人=guardian 收件人=recipient 持卡人=cardholder 开户人=account_holder 户名=account_holder "
     "成员姓名=member_name 家庭成员=family_member 救助对象=beneficiary 患者姓名=patient_name 学生姓名=student_name "
     "委托代理人=agent 受理人=receiver 审批人=approver name=name fullname=name personname=name "
     "contactname=contact_name applicant=applicant")
_add(K.RESIDENT_ID, "身份证号=resident_id 身份证号码=resident_id 身份证=resident_id 公民身份号码=resident_id "
     "公民身份证号=resident_id 公民身份证号码=resident_id 居民身份证号码=resident_id 证件号码=id_number "
     "证件号=id_number 身份证件号码=id_number 户主身份证号=householder_id idcard=resident_id idno=resident_id "
     "idnumber=resident_id residentid=resident_id")
_add(K.MOBILE_PHONE, "手机=mobile 手机号=mobile 手机号码=mobile 移动电话=mobile 联系手机=mobile 联系电话=phone "
     "联系方式=contact 电话=phone 电话号码=phone 联系人电话=contact_phone 申请人电话=applicant_phone "
     "mobile=mobile cellphone=mobile phone=phone tel=phone telephone=phone")
_add(K.LANDLINE_PHONE, "固定电话=landline 座机=landline 办公电话=office_phone 座机号码=landline landline=landline")
_add(K.EMAIL, "邮箱=email 电子邮箱=email 电子邮件=email 邮件地址=email email=email mail=email")
_add(K.ADDRESS, "住址=address 地址=address 现居住地址=current_address 现住址=current_address 家庭住址=home_address "
     "居住地址=home_address 户籍地址=registered_address 户籍地=registered_address 联系地址=contact_address "
     "通讯地址=postal_address 住所=domicile 住所地=domicile 详细地址=address_detail address=address addr=address")
_add(K.BANK_CARD, "银行卡号=bank_card 银行卡=bank_card 银行账号=bank_account 开户账号=bank_account 账号=account_no "
     "卡号=card_no 收款账号=payee_account 社保卡号=social_security_card bankcard=bank_card "
     "bankaccount=bank_account accountno=account_no")
_add(K.LICENSE_PLATE, "车牌号=plate 车牌号码=plate 号牌号码=plate 车牌=plate 号牌=plate licenseplate=plate plate=plate "
     "platenumber=plate")
_add(K.PASSPORT, "护照号=passport 护照号码=passport 护照=passport passport=passport passportno=passport")
_add(K.BIRTH_DATE, "出生日期=birth_date 出生年月=birth_month 出生年月日=birth_date 生日=birth_date "
     "birthday=birth_date birthdate=birth_date dateofbirth=birth_date dob=birth_date")
_add(K.COMPANY_CREDIT_CODE, "统一社会信用代码=credit_code 社会信用代码=credit_code 信用代码=credit_code uscc=credit_code "
     "creditcode=credit_code")
_add(K.COMMERCIAL_SECRET, "营业收入=revenue 营业额=turnover 销售额=sales 销售收入=sales 主营业务收入=revenue "
     "纳税额=tax_paid 纳税金额=tax_paid 缴税金额=tax_paid 应纳税额=tax_payable 税额=tax_amount 利润=profit "
     "净利润=net_profit 利润总额=total_profit 合同金额=contract_amount 中标金额=award_amount 成交金额=deal_amount "
     "成交价=deal_price 报价=quoted_price 投标报价=bid_price 成本=cost 供应商=supplier 供应商名称=supplier "
     "客户名单=customer_list 主要客户=main_customers revenue=revenue turnover=turnover tax=tax_paid "
     "taxpaid=tax_paid profit=profit contractamount=contract_amount supplier=supplier")

# Keywords inside a longer header → kind (weaker than an exact synonym). Order matters: first wins.
KEYWORDS: tuple[tuple[str, K], ...] = (
    ("信用代码", K.COMPANY_CREDIT_CODE), ("身份证", K.RESIDENT_ID), ("证件号", K.RESIDENT_ID), ("护照", K.PASSPORT),
    ("银行卡", K.BANK_CARD), ("账号", K.BANK_CARD), ("帐号", K.BANK_CARD), ("卡号", K.BANK_CARD),
    ("手机", K.MOBILE_PHONE), ("电话", K.MOBILE_PHONE), ("联系方式", K.MOBILE_PHONE), ("phone", K.MOBILE_PHONE),
    ("邮箱", K.EMAIL), ("email", K.EMAIL), ("住址", K.ADDRESS), ("地址", K.ADDRESS), ("住所", K.ADDRESS),
    ("车牌", K.LICENSE_PLATE), ("号牌", K.LICENSE_PLATE), ("出生", K.BIRTH_DATE), ("生日", K.BIRTH_DATE),
    ("营业收入", K.COMMERCIAL_SECRET), ("营业额", K.COMMERCIAL_SECRET), ("销售额", K.COMMERCIAL_SECRET),
    ("纳税额", K.COMMERCIAL_SECRET), ("纳税金额", K.COMMERCIAL_SECRET), ("缴税", K.COMMERCIAL_SECRET),
    ("税额", K.COMMERCIAL_SECRET), ("利润", K.COMMERCIAL_SECRET),
    ("合同金额", K.COMMERCIAL_SECRET), ("中标", K.COMMERCIAL_SECRET), ("成交", K.COMMERCIAL_SECRET),
    ("报价", K.COMMERCIAL_SECRET), ("供应商", K.COMMERCIAL_SECRET), ("姓名", K.PERSON_NAME),
)
# Headers under which prose is expected (remarks): the column is scanned as free text.
FREE_TEXT_WORDS = ("备注", "说明", "情况", "描述", "原因", "内容", "意见", "事由", "诉求", "摘要", "理由", "remark", "note",
                   "comment", "description", "memo")
# Quasi-identifiers of person-level data (k-anonymity) and their release names.
QUASI_IDENTIFIERS: dict[str, str] = {
    "性别": "gender", "gender": "gender", "sex": "gender", "年龄": "age", "age": "age", "周岁": "age",
    "区县": "district", "所属区县": "district", "区": "district", "所属区": "district", "行政区": "district",
    "行政区划": "district", "district": "district", "县区": "district", "街道": "subdistrict", "乡镇": "township",
    "乡镇街道": "township", "镇街": "township", "所属街道": "subdistrict", "所属乡镇": "township",
}
# Other common headers → release names, so a draft spec reads well.
OTHER_NAMES: dict[str, str] = {
    "序号": "seq", "编号": "record_no", "记录编号": "record_no", "备注": "remarks", "说明": "notes",
    "情况说明": "description", "申请日期": "application_date", "日期": "date", "登记日期": "registration_date",
    "发放日期": "payment_date", "发放月份": "payment_month", "金额": "amount", "救助金额": "aid_amount",
    "发放金额": "payment_amount", "补贴金额": "subsidy_amount", "家庭人口": "household_size", "人口数": "household_size",
    "救助类型": "aid_type", "类型": "type", "类别": "category", "状态": "status", "民族": "ethnicity",
    "单位名称": "org_name", "企业名称": "company_name", "名称": "title_text", "事项": "matter",
    "处罚决定书文号": "decision_no", "文号": "document_no", "处罚日期": "penalty_date", "罚款金额": "fine_amount",
    "违法事实": "violation_facts", "处罚依据": "legal_basis_text", "处罚结果": "penalty_result",
    "投诉内容": "complaint", "处理结果": "outcome", "职业": "occupation", "学历": "education",
    "婚姻状况": "marital_status", "所在社区": "community", "社区": "community", "村居": "village",
    "保障金额": "benefit_amount", "批准日期": "approval_date", "纳税人名称": "taxpayer_name", "纳税年度": "tax_year",
    "所属行业": "industry", "开户银行": "bank_name", "站点名称": "stop_name", "站点编号": "stop_id",
    "经度": "longitude", "纬度": "latitude", "机构名称": "org_name", "登记号": "registration_no",
    "资产编号": "asset_no", "资产名称": "asset_name", "使用人": "user_name", "使用部门": "department",
}


@dataclass(frozen=True)
class HeaderMatch:
    """What a header says about its column."""

    kind: K
    rule: str  # "synonym:身份证号" or "keyword:电话"
    confidence: float


def normalize(header: str) -> str:
    """Lower case, no bracketed notes, spaces or punctuation: '联系电话（手机）' → '联系电话'."""
    return _PUNCT.sub("", _BRACKETED.sub("", header.strip().lower()))


def match_header(header: str) -> HeaderMatch | None:
    """The kind a header names, if any."""
    h = normalize(header)
    if h in SYNONYMS:
        return HeaderMatch(SYNONYMS[h][0], f"synonym:{h}", 0.9)
    for word, kind in KEYWORDS:
        if word in h:
            return HeaderMatch(kind, f"keyword:{word}", 0.7)
    return None


def is_free_text_header(header: str) -> bool:
    """A header under which prose is expected (备注, 情况说明, remarks …)."""
    h = normalize(header)
    return any(w in h for w in FREE_TEXT_WORDS)


def quasi_identifier_name(header: str) -> str | None:
    """Release name when the header is a quasi-identifier (gender, age, district …), else None."""
    return QUASI_IDENTIFIERS.get(normalize(header))


_ASCII_NAME = re.compile(r"[^a-z0-9]+")


def release_name(header: str) -> str | None:
    """A snake_case release name for a known header, an ASCII header made snake_case, else None."""
    h = normalize(header)
    for table in (SYNONYMS, QUASI_IDENTIFIERS, OTHER_NAMES):
        hit = table.get(h)
        if hit is not None:
            return hit[1] if isinstance(hit, tuple) else hit
    ascii_name = _ASCII_NAME.sub("_", header.strip().lower()).strip("_")
    if ascii_name and ascii_name[0].isalpha() and header.isascii():
        return ascii_name[:63]
    return None
