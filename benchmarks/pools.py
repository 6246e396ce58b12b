"""Value pools the extract generator draws from: Fuzhou geography, names, card BINs, remark templates.

Everything here is fixed data (no randomness), so the generator's output depends only on its seed.
Names come from faker's zh_CN lists (surnames with their population weights); the geography is
Fuzhou's 13 county-level divisions with a few real sub-districts and roads each.
"""

from __future__ import annotations

from dataclasses import dataclass

from faker.providers.person.zh_CN import Provider as _PersonProvider
from faker.providers.phone_number.zh_CN import Provider as _PhoneProvider


@dataclass(frozen=True)
class District:
    """One county-level division of Fuzhou: name, division code, population weight, streets and roads."""

    name: str
    code: str
    weight: float
    streets: tuple[str, ...]
    roads: tuple[str, ...]


DISTRICTS: tuple[District, ...] = (
    District("鼓楼区", "350102", 9, ("鼓东街道", "鼓西街道", "温泉街道", "东街街道", "南街街道", "安泰街道"), ("五四路", "杨桥中路", "湖东路", "北环中路", "乌山路", "铜盘路")),
    District("台江区", "350103", 7, ("瀛洲街道", "后洲街道", "义洲街道", "新港街道", "上海街道", "苍霞街道"), ("八一七中路", "江滨中大道", "工业路", "五一中路", "六一中路", "广达路")),
    District("仓山区", "350104", 10, ("仓前街道", "东升街道", "对湖街道", "临江街道", "金山街道", "盖山镇"), ("则徐大道", "首山路", "金榕北路", "浦上大道", "六一南路", "建新北路")),
    District("马尾区", "350105", 4, ("罗星街道", "马尾镇", "亭江镇", "琅岐镇"), ("罗星路", "江滨东大道", "儒江西路", "沿山西路")),
    District("晋安区", "350111", 9, ("茶园街道", "王庄街道", "象园街道", "鼓山镇", "新店镇", "岳峰镇"), ("福新中路", "长乐中路", "化工路", "塔头路", "岳峰路", "福马路")),
    District("长乐区", "350112", 8, ("吴航街道", "航城街道", "营前街道", "漳港街道", "首占镇", "金峰镇"), ("郑和中路", "十洋街", "胪峰大道", "会堂南路", "航城路")),
    District("闽侯县", "350121", 10, ("甘蔗街道", "上街镇", "南屿镇", "南通镇", "青口镇", "荆溪镇"), ("昙石山中大道", "溪源江路", "乌龙江大道", "高新大道", "学府路")),
    District("连江县", "350122", 7, ("凤城镇", "敖江镇", "琯头镇", "东岱镇", "丹阳镇"), ("江滨路", "丹凤西路", "玉荷东路", "百胜路", "贵安大道")),
    District("罗源县", "350123", 3, ("凤山镇", "松山镇", "起步镇", "碧里乡"), ("罗川路", "莲花山路", "解放路", "凤山北路")),
    District("闽清县", "350124", 3, ("梅城镇", "白樟镇", "坂东镇", "池园镇"), ("台山路", "梅溪路", "解放大街", "六都路")),
    District("永泰县", "350125", 4, ("樟城镇", "城峰镇", "嵩口镇", "梧桐镇"), ("南湖路", "城南路", "青云路", "樟城大道")),
    District("平潭综合实验区", "350128", 4, ("潭城镇", "苏澳镇", "流水镇", "澳前镇"), ("西航路", "麒麟路", "金井路", "中原路")),
    District("福清市", "350181", 14, ("玉屏街道", "龙山街道", "龙江街道", "宏路街道", "音西街道", "江阴镇"), ("清荣大道", "一拂路", "利桥街", "元载路", "福唐路")),
)

#: Birth-registration area codes outside today's Fuzhou divisions (old 长乐市, elsewhere in Fujian).
OTHER_BIRTH_AREAS: tuple[str, ...] = ("350182", "350203", "350322", "350521", "350583", "350681", "350725", "352201")

#: Surnames and their population weights (faker zh_CN).
SURNAMES: tuple[str, ...] = tuple(_PersonProvider.last_names)
SURNAME_WEIGHTS: tuple[float, ...] = tuple(float(w) for w in _PersonProvider.last_names.values())

# Two-character given names common among the generations that draw subsistence benefits; faker's
# own lists are mostly single characters, which alone would make names unrealistically short.
_MALE_GIVEN = ("建国", "建华", "建平", "国强", "国华", "志强", "志明", "德明", "文华", "晓东", "明辉", "长清", "小明")
_FEMALE_GIVEN = ("玉珍", "秀珍", "丽华", "春花", "金花", "美玲", "小红", "海燕", "丽娟", "宝珠", "依妹", "细妹", "水仙")
GIVEN_NAMES_MALE: tuple[str, ...] = tuple(dict.fromkeys([*_PersonProvider.first_names_male, *_MALE_GIVEN]))
GIVEN_NAMES_FEMALE: tuple[str, ...] = tuple(dict.fromkeys([*_PersonProvider.first_names_female, *_FEMALE_GIVEN]))

#: Mobile prefixes in use (faker zh_CN), restricted to the 1[3-9] ranges.
MOBILE_PREFIXES: tuple[int, ...] = tuple(p for p in _PhoneProvider.phonenumber_prefixes if 130 <= p <= 199)

#: UnionPay debit-card BINs of banks with Fuzhou branches, with the card length each issues.
CARD_BINS: tuple[tuple[int, int], ...] = (
    (621700, 19),  # 建设银行
    (622202, 19),  # 工商银行
    (622848, 19),  # 农业银行
    (621661, 19),  # 中国银行
    (622588, 16),  # 招商银行
    (622909, 18),  # 兴业银行
    (621799, 19),  # 邮储银行
    (623521, 19),  # 福建农信
)

#: Offices that handle the applications (one per district; 福州市 prefix only for urban districts).
URBAN = ("鼓楼区", "台江区", "仓山区", "马尾区", "晋安区", "长乐区")


def office_of(district: str) -> str:
    """The district civil-affairs bureau: 福州市鼓楼区民政局, but 福清市民政局."""
    return f"福州市{district}民政局" if district in URBAN else f"{district}民政局"


# Remarks. Slots: {head} the row's own 姓名, {kin}/{son}/{daughter} a relative (same surname), {spouse} and {other}
# unrelated names, {phone} a mobile (sometimes written with +86, spaces or dashes), {id} a valid
# resident ID. Punctuation is full-width, as in real Chinese prose, so no CSV quoting is needed.
PERSONAL_REMARKS: tuple[str, ...] = (
    "户主{head}因病丧失劳动能力，其子{son}在读，联系人{other} {phone}",
    "申请人{head}，配偶{spouse}患慢性病长期服药，家庭无稳定收入。",
    "{head}之女{daughter}（身份证号{id}）在福州大学就读，已申请教育救助。",
    "经办人{other}入户核查，户主{head}独居，联系电话{phone}。",
    "原联系电话停用，新号码{phone}，由户主本人确认。",
    "家庭成员{kin}，公民身份号码{id}，已于本年度外出务工。",
    "低保对象{head}于本月住院治疗，紧急联系人{spouse}，电话{phone}。",
    "其母{spouse}年老体弱，需定期探访，社区网格员{other}负责联系。",
    "邻居反映{head}近期收入有变化，已约谈核实，本人电话{phone}。",
    "代办人{other}（{id}）代为领取保障金，联系方式{phone}",
)

PLAIN_REMARKS: tuple[str, ...] = (
    "材料齐全，经入户调查核实，符合保障条件。",
    "年度复核，家庭收入无明显变化，继续保障。",
    "因家庭成员就业，收入增加，保障金额下调。",
    "已按季度动态管理要求完成复核。",
    "住房困难，已转介住房保障部门。",
    "系重度残疾人，按规定单独施保。",
    "特困供养人员，已纳入分散供养。",
    "2024年度核对家庭经济状况，无异常。",
    "社区公示七天无异议。",
    "医疗支出较大，已同步申请临时救助。",
    "子女在外地务工，按月汇款补贴家用。",
    "因病致贫家庭，享受医疗救助政策。",
    "银行账户信息已核对，按月发放。",
    "第三季度抽查，信息一致。",
)
