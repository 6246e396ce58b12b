"""Augmentation for the name model: generated names and remark-style sentences written for training.

* `NameMaker` draws names the way Fujian records hold them: mostly common surnames (faker zh_CN), also
  rare and regional surnames from desensitize/data/surnames.txt, compound surnames (欧阳, 上官 …), and
  given names that are ordinary words (建国, 平安, 海燕, 春花 …), which no dictionary check lets through.
* `swap_names` copies a corpus sentence with its Chinese names replaced by generated ones, so the model
  learns the context, not the particular names of 1998 news; in the written remarks, the names that start
  with no surname (given names alone, nicknames) by others of them (round 28).
* `REMARKS` are sentences in the style of administrative remarks (verification, proxies, relatives, court
  parties, complaint records, sign-off lines); `NEGATIVES` are remarks with surname characters and no name.
  They were written for training only: no evaluation set was read while writing them.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Sequence

from desensitize.detect.name_features import lexicon
from desensitize.detect.names import surnames

Sentence = tuple[str, list[tuple[int, int]]]

# Given names that are ordinary words: a dictionary would call them words, the context says name.
WORD_GIVEN = (
    "建国 国庆 建华 志强 平安 海燕 春花 秀英 桂英 建军 国强 海波 红梅 文明 光明 和平 胜利 卫东 永生 爱国 "
    "振华 天明 金花 玉兰 建设 新华 德胜 春生 秋生 冬梅 小龙 福生 长春 长江 海洋 明亮 丽华 志勇 学文 "
    "文华 国华 玉梅 桂香 金水 水生 火旺 来福 发财 进步 跃进 援朝 向东 东方 红旗 晓东 晓峰 婷婷 欢欢 "
    "乐乐 一鸣 子涵 雨轩 思远 浩然 安康 永康 富贵 秀兰 凤英 兰英 淑珍 建平 海峰 世杰 明辉 清华 晨阳"
).split()
COMMON = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严欧莫孔向常汤康易乔赖文施洪辛柯庄翁游卓詹连池官练"

VERIFY = (
    "经{N}核实，情况属实", "经{N}核查，该户收入情况属实", "经办人{N}核实后录入", "经{N}、{N}入户核实，家庭人口无变化",
    "{N}已核实上述信息", "由{N}负责核实", "经社区干部{N}走访核实", "{N}于3月5日入户核查，情况属实",
    "核实人：{N}", "此件经{N}复核无误", "经{N}同意后办理", "{N}入户调查时，户主外出务工",
)
PROXY = (
    "申请人之子{N}代为办理", "{N}代为领取", "由其女儿{N}代办", "委托{N}代为签字", "本人行动不便，由{N}代签",
    "{N}受托代为申请", "代办人{N}（系申请人之女）", "由邻居{N}代收补助款", "材料由{N}代为递交",
    "申请人委托其侄子{N}办理", "{N}代其母亲签收", "代领人：{N}",
)
RELATIVES = (
    "其子{N}同住", "与儿子{N}、儿媳{N}共同生活", "其妻{N}患慢性病", "其女{N}在外地务工", "户主{N}，其配偶{N}",
    "与孙女{N}同住，{N}在读小学", "{N}系户主之父", "其兄{N}已分户", "母亲{N}于去年去世", "家中有老人{N}需照顾",
    "{N}与其夫{N}离异", "{N}的女儿{N}今年考上大学", "赡养人{N}每月给付生活费", "其子{N}、其女{N}均已成家",
    "{N}（户主之孙）随户主生活", "与前夫{N}育有一子",
)
COURT = (
    "原告{N}诉被告{N}民间借贷纠纷一案", "被告人{N}犯盗窃罪", "上诉人{N}不服一审判决", "申请执行人{N}",
    "本院受理{N}与{N}离婚纠纷", "证人{N}出庭作证", "第三人{N}未到庭", "{N}与{N}达成调解协议",
    "被执行人{N}已履行完毕", "审判员{N}，书记员{N}", "{N}诉称，被告拖欠工资", "判令{N}返还借款",
)
COMPLAINT = (
    "投诉人{N}反映小区噪音扰民", "{N}来电反映路灯不亮", "市民{N}投诉商户占道经营", "来电人：{N}，诉求已转办",
    "{N}反映其母亲低保未到账", "接{N}举报后，执法人员到场处理", "{N}多次来访要求解决", "{N}称其车辆被刮",
    "据{N}陈述，事发时无人在场", "{N}对处理结果表示满意", "{N}不满意，要求重新办理", "回访{N}，已解决",
    "{N}要求退还押金", "工单已回复{N}", "与{N}电话沟通后办结",
)
SIGNOFF = (
    "受理人：{N}；复核人：{N}", "经办人：{N} 审核人：{N}", "填报人{N}，审核人{N}", "记录人：{N}",
    "承办人：{N}，联系电话0591-87654321", "审批：{N}", "调查人：{N}、{N}", "签收人：{N}", "录入：{N} 校对：{N}",
    "负责人：{N}（签字）", "接访人员：{N}", "登记人{N}", "网格员：{N}",
)
OTHER = (
    "{N}，男，1965年生，因病致贫", "{N}，女，现年72岁，独居", "{N}患尿毒症，需长期透析", "{N}左腿残疾，无劳动能力",
    "{N}在家务农，收入微薄", "{N}自愿放弃申请", "{N}于2023年6月迁出本市", "{N}已死亡，停发待遇", "{N}名下有车辆一辆",
    "{N}户因子女就学支出大", "{N}长期在外，联系不上", "{N}、{N}夫妇均无固定收入", "{N}家住房为危房",
    "通知{N}到社区签字", "请{N}于下周一前补交材料", "联系{N}未果", "{N}同志已调离", "走访困难户{N}家",
    "{N}：同意", "{N}说家里只有两亩地", "老人{N}独自生活", "村民{N}反映", "{N}因交通事故致残",
)
NEGATIVES = (
    "经核实，情况属实", "经查，该户不符合条件", "材料齐全，同意发放", "高度重视，立即整改", "黄金周期间暂停受理",
    "已电话回访", "按季度复核", "于2023年5月起停发", "由社区统一办理", "向上级部门报告", "将材料退回",
    "金额有误，已更正", "王府井大街", "方便群众办事", "周边环境整治", "常住人口减少", "白天无人在家", "安全隐患已消除",
    "林地承包合同到期", "江边护栏损坏", "石材加工厂噪音扰民", "华侨新村改造", "温泉路施工", "马尾区船政文化",
    "申请人之子在外务工", "其子已成年", "经办人员到场核实", "户主长期患病", "双方自愿调解", "原告诉称",
    "复核人签字后生效", "受理人：本人", "程序合法，证据充分", "应急管理局检查", "宁德市场监管", "管理费按月收取",
    "孙子在读初中", "房东同意续租", "张贴公告", "连续三个月未领取", "郑重承诺", "余额不足", "何时办结另行通知",
    "罗源县政府", "冯巷改造", "高新区管委会", "陈述事实清楚", "杨桥路拓宽", "林业局", "钱款已退还",
)
FAMILIES = (VERIFY, PROXY, RELATIVES, COURT, COMPLAINT, SIGNOFF, OTHER)


class NameMaker:
    """Seeded generator of Chinese names (see the module docstring for the mix)."""

    def __init__(self, seed: int) -> None:
        from faker import Faker

        self.rng = random.Random(seed)
        self.fake = Faker("zh_CN")
        self.fake.seed_instance(seed)
        lex = lexicon()  # the surnames the model knows: the rare section of surnames.txt came after it
        self.rare = sorted(lex.single - lex.ambiguous - set(COMMON))
        self.compound = sorted(lex.compound)
        self.given = sorted(lex.given)

    def surname(self) -> str:
        """A surname: 70% common, 20% rare or regional, 10% compound."""
        r = self.rng.random()
        if r < 0.7:
            return self.rng.choice(COMMON)
        if r < 0.9:
            return self.rng.choice(self.rare)
        return self.rng.choice(self.compound)

    def name(self) -> str:
        """One full name."""
        r = self.rng.random()
        if r < 0.25:
            return str(self.fake.name())
        if r < 0.45:
            return self.surname() + self.rng.choice(WORD_GIVEN)
        given = "".join(self.rng.choice(self.given) for _ in range(1 if self.rng.random() < 0.3 else 2))
        return self.surname() + given


def fill(template: str, maker: NameMaker) -> Sentence:
    """A template with each {N} replaced by a generated name, and the names' spans."""
    text, spans, pos = "", [], 0
    for m in re.finditer(r"\{N\}", template):
        text += template[pos:m.start()]
        name = maker.name()
        spans.append((len(text), len(text) + len(name)))
        text += name
        pos = m.end()
    return text + template[pos:], spans


def swap_names(
    sentence: Sentence, maker: NameMaker, is_chinese: set[str] | frozenset[str], nicknames: Sequence[str] = ()
) -> Sentence | None:
    """The sentence with its Chinese names (those starting with a surname) replaced; and, where `nicknames` is
    given, its names of two or three Chinese characters that start with no surname (a given name alone, a
    nickname: 芒果, 天天, 阿旺) replaced by one of those: the model learns that the place says name, whatever word
    stands there. None when it has nothing to replace."""
    text, spans = sentence
    # What each name is: a full name (1), a nickname or a given name alone to swap (2), or one to keep (0).
    kinds = [1 if text[a] in is_chinese else 2 if nicknames and _nickname(text, a, b, is_chinese) else 0 for a, b in spans]
    if not any(kinds):
        return None
    out, new_spans, pos = "", [], 0
    for (a, b), kind in zip(spans, kinds):
        out += text[pos:a]
        name = maker.name() if kind == 1 else maker.rng.choice(nicknames) if kind == 2 else text[a:b]
        new_spans.append((len(out), len(out) + len(name)))
        out += name
        pos = b
    return out + text[pos:], new_spans


def nicknames_of(sentences: Iterable[Sentence], is_chinese: set[str] | frozenset[str]) -> list[str]:
    """The names of two or three Chinese characters that start with no surname in `sentences` (given names alone,
    nicknames), each once, in the order first met: what `swap_names` puts in their places."""
    found: dict[str, None] = {}
    for text, spans in sentences:
        for a, b in spans:
            if _nickname(text, a, b, is_chinese):
                found[text[a:b]] = None
    return list(found)


def _nickname(text: str, a: int, b: int, is_chinese: set[str] | frozenset[str]) -> bool:
    """The name at [a, b) is two or three Chinese characters and starts with no surname, rare ones too (麴昊天 is
    a full name), but for 阿, 小 and 老 (阿旺, 小满: nicknames)."""
    return (
        b - a in (2, 3)
        and text[a] not in is_chinese
        and (text[a] in "阿小老" or text[a] not in surnames()[0])
        and all("\u4e00" <= c <= "\u9fff" for c in text[a:b])
    )


def remarks(maker: NameMaker, per_template: int) -> list[Sentence]:
    """Every remark template filled `per_template` times, joined in twos now and then (a remark often
    holds two clauses), and every negative once."""
    out: list[Sentence] = []
    templates = [t for family in FAMILIES for t in family]
    for t in templates:
        for _ in range(per_template):
            text, spans = fill(t, maker)
            if maker.rng.random() < 0.3:
                other, other_spans = fill(maker.rng.choice(templates), maker)
                shift = len(text) + 1
                text = text + "，" + other
                spans = spans + [(a + shift, b + shift) for a, b in other_spans]
            out.append((text, spans))
    out.extend((t, []) for t in NEGATIVES)
    return out
