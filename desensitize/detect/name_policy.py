"""One name detector: the recognizers that find person names, and the policy that combines them.

Recognizers, by string key (`NAME_RECOGNIZERS`):

* `name_rules`: the context rules and the shape rule of `names.NameRules`, and, inside them, the
  extract's own name columns (`name_known`: exact occurrences of the names the extract holds);
* `name_model`: the CRF of `name_model.NameModel`, trained on public corpora.

The policy favours recall, because a name left in a published remark is a leak and a masked word is
only a lost word. How the model meets the rules is `NAME_MODE`, chosen on the development splits
(`scripts/eval_names.py --thresholds`, figures in desensitize/models/README.md):

* "arbitrate" (shipped): the model reads around every candidate of its gate, inside the rules' names
  too (only the extract's own names are skipped: they always stand), and around every rule's name it
  weighs, candidate or not (党和|政府: the gate skips a word, the shape rule does not). A rule's name stands unless the
  model read it and holds each of its characters less than `VETO` likely to be part of a name (家庭
  after 职工, 洪水 after 和: the rules were written for remarks, and news prose trips them); where the
  model's name overlaps a rule's, the model's boundaries win, unless the rule's name goes on where
  the model is unsure but does not doubt (苏高|文说: the model stops early on names it never saw).
  The model's own names are masked too.
  A role's name that fills its field after a colon (受理人：平安；…, 拟稿：安宁　核稿：…) or stands
  between the role and a cue (来电人高山称) is not weighed: a word there has no other reading.
* "gap": the model reads only where no name was found, and every span is kept (overlaps merge in
  `text.resolve`, so the mask covers every character any of them called a name).
* "bounds": as "arbitrate" without the veto; "weak": as "bounds", but names of the context rules stand.

Whatever the mode, the `FORM_FINDERS` add the names written so that neither reads them: a minority or
foreign name written with its dot (阿依古丽·买买提: `name_dotted.py`, masked whole), a name in Latin letters
where the record says it is one (当事人Nguyen Van Minh（越南籍）: `name_latin.py`), a name a form spaces out
(经办人：王　伟: `name_spaced.py`), one a chat note addresses (@晓丽: `name_mention.py`), one an
instruction addresses as a comrade (请海燕同志跟进: `name_comrade.py`) and one before the person's ethnic
group in brackets (阿苦日体（彝族）来榕务工: `name_ethnic.py`) and the nickname a note says someone goes by
(村里都叫他阿福, 丈夫叫“国庆”: `name_nickname.py`), a Japanese name where the text says Japan or its given name
is one common in Japan (日本游客田中健二, 交换生田中健太: `name_japanese.py`), a Korean name in Hangul
(韩国籍学生김민수: `name_hangul.py`), a name holding a character beyond the
common CJK block (（林䶮）: `name_rare.py`), a monk's or nun's (住持释法空: `name_dharma.py`) and one quoted as what a
name field holds (姓名“林诗函”有误: `name_quoted.py`) and the other names a biography or a genealogy gives after
their label (陈其绶，字伯韬; 谱名郑大经: `name_courtesy.py`) or after its generation (第十六世叶敦睦:
`name_generation.py`), the given names a photograph's quoted inscription holds (“翠英留念 1947”: `name_photo.py`), and
both forms of a name a correction pairs (写成吕蒙蒙，应为吕萌萌: `name_corrected.py`). A surname with a
title or a kinship word (陈先生, 刘阿姨, 老李) and a pseudonym (王某, 李某甲) name nobody and are not masked
as names. Once a text names someone in full, their given name alone there is masked too, and a name found
sure (by a cue or its form) is masked wherever it comes back in the text (`_named_again`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Collection, Mapping, Sequence
from functools import lru_cache
from operator import itemgetter

import numpy as np

from desensitize.detect import (
    name_addressed,
    name_chat_label,
    name_comrade,
    name_corrected,
    name_courtesy,
    name_dharma,
    name_ethnic,
    name_generation,
    name_hangul,
    name_japanese,
    name_latin,
    name_mention,
    name_nickname,
    name_photo,
    name_quoted,
    name_rare,
    name_romanised,
    name_siblings,
    name_spaced,
)
from desensitize.detect.name_dotted import DOT, DOTS, TRANSLITERATION, dotted_names, holds_dot, transliteration_end
from desensitize.detect.name_features import lexicon
from desensitize.detect.name_model import STOP, Gate, Joined, NameModel, Reading, name_model
from desensitize.detect.names import (
    AFTER_NAME,
    ATTRIBUTE_HINT,
    BEFORE_A_PERSON,
    COMMONEST_SURNAMES,
    CUE,
    ETHNIC_GROUPS,
    FUNCTION_SURNAMES,
    HISTORY_ROLES,
    KIN_AFTER,
    NAMING_VERBS,
    NO_ONE_WORDS,
    PLACE_SUFFIX,
    RIGHT_CHARS,
    ROLE_WORDS,
    STOP_CHARS,
    attributes_at,
    every_word,
    given_pairs,
    name_words,
    never_last_chars,
    preposition_first,
    role_before,
    short_name,
    word_pos,
)
from desensitize.detect.places import fuzhou_places
from pipelines.core.vocab import FindingKind

NAME_RECOGNIZERS: dict[str, str] = {
    "name_rules": "context rules, shape rule and the extract's own names (desensitize/detect/names.py)",
    "name_model": "character CRF trained on public corpora (desensitize/detect/name_model.py)",
}
DEFAULT_NAME_RECOGNIZERS = ("name_rules", "name_model")
NAME_MODE = "arbitrate"  # how the model's spans meet the rules' (`combine_names`), chosen by scripts/eval_names.py


def _dotted_names(text: str) -> list[tuple[int, int]]:
    """`name_dotted.dotted_names`, each name stopping before a common word it runs into (约翰逊|本月)."""
    return dotted_names(text, lexicon().words)


# Finders of names written so that neither the rules nor the model read them (module docstring): key, a
# cheap pattern (or several) every text holding such a name matches (scanned over all texts at once), the finder.
FORM_FINDERS: tuple[tuple[str, re.Pattern[str] | tuple[re.Pattern[str], ...], Callable[[str], list[tuple[int, int]]]], ...] = (
    ("name_dotted", DOT, _dotted_names),
    ("name_latin", name_latin.HINT, name_latin.latin_names),
    ("name_spaced", name_spaced.HINT, name_spaced.spaced_names),
    ("name_mention", name_mention.HINT, name_mention.mentioned_names),
    ("name_comrade", name_comrade.HINT, name_comrade.comrade_names),
    ("name_ethnic", name_ethnic.HINT, name_ethnic.ethnic_names),
    ("name_nickname", name_nickname.HINT, name_nickname.nicknames),
    ("name_japanese", name_japanese.HINT, name_japanese.japanese_names),
    ("name_hangul", name_hangul.HINT, name_hangul.hangul_names),
    ("name_rare", name_rare.HINT, name_rare.rare_names),
    ("name_dharma", name_dharma.HINT, name_dharma.dharma_names),
    ("name_quoted", name_quoted.HINT, name_quoted.quoted_names),
    ("name_courtesy", name_courtesy.HINTS, name_courtesy.courtesy_names),
    ("name_generation", name_generation.HINT, name_generation.generation_names),
    ("name_photo", name_photo.HINT, name_photo.photo_names),
    ("name_addressed", name_addressed.HINT, name_addressed.addressed_names),
    ("name_chat_label", name_chat_label.HINT, name_chat_label.chat_label_names),
    ("name_corrected", name_corrected.HINT, name_corrected.corrected_names),
)
FORM_SCORE = 0.75  # their names are as sure as one a context rule finds
MODEL_SCORE = 0.7  # between a cue rule (0.75) and a boundary rule (0.6): it decides nothing against an identifier
# A rule's longer name wins over the model's shorter one where the model holds the characters it adds at
# least this likely (`_rule_reaches_further`). Dev splits, round 4: 0.05 and 0.1 each fix 皇甫文静 and 苏高文 and
# break nothing; 0.2 fixes one.
EXTEND = 0.1
# Characters that follow a name as its verb or adverb (廖春梅|来代领, 邓丽梅|来代签, 配偶王芳|患慢性病), and end
# few names.
_VERB_AFTER_NAME = frozenset("来去说到在把将也已称和与向对给让被就都又还患")
# Characters that end no name of four with no compound surname (`_weak_tail`): function characters, the
# adverbs 仅 (only), 亦 (also), 仍 (still), 时 (when: 随访黄金水|时发现) and 合 (together: 兄弟郑孔璋郑孔瑜|合捐).
_NEVER_LAST_OF_FOUR = STOP | frozenset("仅亦仍时合")
# Degree adverbs (too, very, quite), no surname and no name's first character: with one character after them they are
# no name of two (太慢, 很好, 挺远).
_DEGREE = frozenset("太很挺")
# What an archive's or a museum's record writes right after a name (方静宜致陈蕴华|信, 郑子衢|致书社同人, 落款"郑一峰|草",
# 方德馨|印, 许文杰|捐 14张, 朱维桢|传, 黄宗濂|立, 林金宝|生年): a letter, a seal, a signature's verb, a gift, a
# biography, the setting up of a tablet, a birth, an inscription's making and giving (镌, 刻, 造, 凿, 喜舍, 敬献), the
# honorific 君 (林文雄|君), a verb of going (郑寿彭|携家眷, |赴京). No name of four with no compound surname in the labelled
# files ends in one (of 1,020), so a span of four ends before it, glued or not.
_CATALOGUED_AFTER = frozenset("信致函札印章草篆书题跋识录藏捐赠传立生镌刻造凿喜敬君携赴")
# And what an inscription writes after its maker's name of three (傅子健|书丹, 刘国珍|敬立, 林章铨|喜舍 …).
_INSCRIBED_AFTER = frozenset({"书丹", "敬立", "敬献", "喜舍", "敬题", "敬赠", "敬书", "同立", "捐凿", "敬刻", "谨识", "捐修"})
# The last characters of names of three that `_never_last` leaves out: characters names end in (春来, 丰收,
# 大为, 阿三; 林徽因, 金冲及, and those the public corpora's names end in).
_NAMES_END_IN = frozenset("来三收为都提夫父母女男儿老二两曾申本同因开主也在领及")


@lru_cache(maxsize=1)
def _never_last() -> frozenset[str]:
    """Characters that follow names and end no name of three (郑晨|按文明要求, 吴坚|赴现场, 王欣|将材料): the
    function and verb characters after names (`names.RIGHT_CHARS`) that are no common given-name characters,
    and 按 赴 巡 拍, less those names end in (`_NAMES_END_IN`). None of the 18,222 names of three characters of
    the training and studied remarks ends in one, nor any of the 11,951 of the public corpora's training splits.
    Since round 23 also those the training data shows after names of two and never at the end of one of three
    (`names.never_last_chars`: 刘振|离馆, 曹燕|以需要, 温馨|补证)."""
    given = lexicon().given
    after = frozenset(c for c in RIGHT_CHARS if "\u4e00" <= c <= "\u9fff" and c not in given)
    return (after | never_last_chars() | frozenset("按赴巡拍塔廿卅")) - _NAMES_END_IN


_COUNTS = frozenset("两三四五六七八九十")  # how many people a list names, before 位, 名 or 人
# Adverbs that follow a given name of two glued before a verb (海燕刚发群里, 国华又来了): 刚 ends given names too
# (王志刚), but no labelled name of three whose first two are a given name people bear ends in one (德才 does in 才).
_ADVERB_AFTER_GIVEN = frozenset("刚又也就都还")


def _ends_short(text: str, a: int, b: int) -> bool:
    """A name of three with a one-character surname whose last character ends no name of three (`_never_last`):
    it is a name of two and the word after it (店员曹燕|以需要为由); or whose last character is a count of the people
    just named (方世雄、邹德|三位认养人, 、邹德|三名: before 位, or before 名 or 人 ending a list; 张三名下 is his); or
    whose first two are a given name people bear and whose last an adverb before a Chinese character (海燕|刚发群里:
    海 is a surname, but 海燕 the name; `_ADVERB_AFTER_GIVEN`)."""
    return b - a == 3 and text[a:a + 2] not in lexicon().compound and (
        text[b - 1] in _never_last()
        or (text[b - 1] in _COUNTS and (text[b:b + 1] == "位" or (text[b:b + 1] in "名人" and text[a - 1:a] == "、")))
        or (text[b - 1] in _ADVERB_AFTER_GIVEN and text[a:b - 1] in given_pairs() and "\u4e00" <= text[b:b + 1] <= "\u9fff")
    )


# Coming to, staying in or leaving Fuzhou (榕), as records of people from elsewhere say it: what follows a name.
_TO_FUZHOU = frozenset({"来榕", "在榕", "赴榕", "抵榕", "返榕", "离榕", "留榕", "驻榕"})
# What says whose relative a kinship word names (其长孙, 老人的长孙, 户主之长孙, 他长孙).
_POSSESSOR = frozenset("其的之他她我你家")
_WITH = frozenset("和与跟同让")  # before a person who goes along (和晓芳一起去)
# Surnames that stand before a name as a preposition or a verb as often (向|邓美华, 随|谢志明): never read as a
# married woman's husband's surname (`_double_surname`).
_NO_HUSBAND = frozenset(FUNCTION_SURNAMES) | BEFORE_A_PERSON
_TOGETHER = frozenset({"一起", "一同", "一块", "一道"})
TAIL = 0.6  # below this, the fourth character of a name without a compound surname is left out (`_weak_tail`)
VETO = 0.02  # below this belief on every character, the model's "no" overrules a rule. Chosen on the dev splits
# with the model's threshold (`scripts/eval_names.py --thresholds`). Round 4's model, threshold 0.3: pooled F2
# 0.9350 at 0.005 and 0.01, 0.9358 at 0.02, 0.9343 at 0.05; 0.02 loses no remark name against 0.01 and gains
# MSRA precision (0.916 → 0.927). (Round 3's model chose 0.01: its remark recall fell at 0.02.)
# The shape rule's names (a surname and a given-name character, no context at all) need more of the model's
# belief: below this on every character, its doubt removes them. Dev splits, round 4 (P / R): MSRA 0.910 / 0.865
# at 0.01 → 0.930 / 0.865 at 0.2, Resume 0.771 → 0.856 (金龙|机电, 易超|净: parts of company names), remark sets
# unchanged, blind-dev 0.964 / 0.988 → 0.968 / 0.984 (安德福, from 0.05 on); at 0.5 remark recall falls.
SHAPE_VETO = 0.2
# Per mode, the rules whose names the model does not reread (None: every name found stands). The extract's
# own names stand in every mode (`combine_names` relies on it).
STANDING: dict[str, frozenset[str] | None] = {
    "gap": None,
    "bounds": frozenset({"name_known"}),
    "weak": frozenset({"name_known", "name_trigger", "name_cue", "name_list"}),
    "arbitrate": frozenset({"name_known"}),
}
# Words that follow a place or an institution and never a person (白湖亭|社区, 金山|街道, 林则徐|纪念馆):
# a "name" right before one is the first part of a place name. Shop and company words are not here: a
# shop named after its owner (王伟超市) names a person.
PLACE_AFTER = tuple(
    "街道 社区 小区 新村 村委 居委 路段 路口 纪念馆 公园 大道 广场 中学 小学 幼儿园 卫生院 派出所 大桥 故居 祠堂 陵园 "
    "中路 东路 西路 南路 北路".split()  # round 11: 杨桥|中路
)
# What starts with a place word and is no place: a sentence served in the community (黄文杰|社区矫正期满, 社区戒毒,
# 社区康复), after which the name stands.
_NO_PLACE_AFTER = ("社区矫", "社区戒", "社区康")
# What ends a Fuzhou village's name (梁厝, 林厝) and no person's: 厝, a house. (Rivers are no such help: 晋安河 is a
# river, 李清河 a man.)
_PLACE_END = "厝"
# What follows a river and no person (晋安河|沿岸, 琴亭河|入闽江口): a span of three characters or more ending in 河
# before one of these is a river; elsewhere it may be a man's name (李清河反映).
_RIVER_AFTER = ("沿线", "沿岸", "沿河", "河长", "河段", "某段", "流域", "两岸", "入闽江", "入江", "入海", "水质", "水面", "水系")
# What ends the name of a lane or a quarter of old Fuzhou (杨桥巷, 衣锦坊). A name of two right before one of these,
# where the place's name ends there, is the place's (光禄|坊，): no one is written with 坊 or 巷 after his name and
# nothing else.
_QUARTER_ENDS = frozenset("巷坊")
# What ends a town, a county or a province's name, a stretch of a road or a river (岳峰镇, 岳峰段, 林浦段) or a lane
# or a quarter, and no person's of three characters or more.
_PLACE_ENDS = frozenset("镇乡县省段") | _QUARTER_ENDS
# What ends a field: a role's name between its label's colon and one of these (受理人：平安；复核人：…) has
# no other reading, and the model's doubt does not remove it. Without the colon it may (职工家庭，…).
FIELD_END = frozenset(["", *"，。；;,、 \u3000）)"])
_LIST_OPEN = frozenset(["", *"、：:，, \u3000（("])  # what stands before a list's item
_FIELD_OPEN = _LIST_OPEN - {"", "，", ",", " ", "\u3000"}  # what opens a field or an item, a comma and a space aside
# What follows a surname when the two are a way of addressing someone, not a name (陈先生, 刘阿姨, 张科长).
TITLES = frozenset(
    "先生 女士 小姐 太太 同志 师傅 老师 医生 护士 律师 警官 阿姨 叔叔 阿婆 阿公 婆婆 大爷 大妈 大娘 大姐 大哥 大叔 大伯 大婶 "
    "大嫂 奶奶 爷爷 "
    "姐 哥 叔 婶 姨 伯 嫂 总 工 氏 局 副 处 局长 处长 科长 主任 经理 书记 所长 站长 队长 院长 校长 村长 组长 社长 会计 老板 厂长 股长 "
    "河长 湖长 林长 依伯 依姆 依公 依嬷 依嫂 依叔 依婶 阿嬷 阿伯 阿叔 阿婶 阿嫂 "  # round 17: 林秀珠|阿嬷
    "阿嫲 依嫲 "  # round 30: 嫲, the other way to write 嬷 (许阿嫲送来芝麻)
    "道长 法师 禅师 "  # round 18: a Taoist or Buddhist master (张道长)
    # round 29: the titles of professions, offices and ranks staff write after a surname as after a full name (嘉宾张教授,
    # 林指导讲, 王建国教授)
    "教授 教练 指导 大夫 博士 导演 总监 主席 部长 秘书 会长 馆长 团长 班长 掌柜 行长 庭长 法官 干事 科员 代表 专家 编辑 "
    "台长 市长 区长 县长 镇长 乡长 关长 政委 大师 师兄 师姐 师弟 师妹 委员 记者 主管 老总 总裁 董事长 总经理 工程师 "
    "检察官 护士长 指导员 教导员 排长 连长 营长 班主任 "
    # round 30: a ship's and an aircraft's captains, heads of a shop, a kindergarten or a farm, a trip's leader, a master
    # (宁船长说, 林店长, 陈园长, 宗领队, 王师父)
    "船长 机长 舰长 店长 园长 场长 领队 师父 老板娘".split()
)

# What ends a temple's name (林阳寺, 西禅寺): no person's name holds it, and one of two before it names no one.
_TEMPLE = "寺"
# An amount written in capital numerals, as receipts and cheques write it (陆佰元整, 贰拾叁万陆仟元): 陆, 伍 and 万 are
# surnames. A numeral, a unit and the currency after them, so that a name of capital numerals stays one (伍佰, a
# singer's; 万元, a surname and 元), and the 整 (exactly) a receipt closes it with, which the model reads in (陆仟元整).
_CAPITAL_AMOUNT = re.compile("[零壹贰叁肆伍陆柒捌玖]+[拾佰仟万亿][零壹贰叁肆伍陆柒捌玖拾佰仟万亿]*[元圆]整?")

# Days of the week: 周 is a surname, and duty rosters put a day before each name (周一 叶文，周三林琪).
DAYS = frozenset("周一 周二 周三 周四 周五 周六 周日 周天 周末".split())

_Candidate = tuple[int, int, float, str, FindingKind]


def check_recognizers(keys: Collection[str]) -> tuple[str, ...]:
    """The keys, validated against the registry (a typo raises before any text is read)."""
    unknown = sorted(set(keys) - NAME_RECOGNIZERS.keys())
    if unknown:
        raise ValueError(f"unknown name recognizer(s) {unknown}; known: {sorted(NAME_RECOGNIZERS)}")
    return tuple(k for k in NAME_RECOGNIZERS if k in keys)


def model_for(keys: Collection[str]) -> NameModel | None:
    """The shared model when `name_model` is among the keys."""
    return name_model() if "name_model" in keys else None


_TITLE_ENDS = frozenset(t[-1] for t in TITLES)  # a cheap first test for `not_a_name`
_ROLE_LENGTHS = tuple(sorted({len(w) for w in ROLE_WORDS} - {1}))
_ROLE_LAST = frozenset(w[-1] for w in ROLE_WORDS if len(w) > 1)  # the last characters of role words


_ETHNIC = frozenset(ETHNIC_GROUPS) - {"高山"}  # 高山 is a common given name too (经办人：高山)


def not_a_name(span: str, after: str = "") -> bool:
    """A surname with a title or kinship word (陈先生, 刘姐) or a title alone (阿嬷), 小/老 and a surname (小陈, 老李), a pseudonym
    (王某, 李某甲), a surname said to be one (李姓男子, 卓姓负责人), a compound surname alone (鲜于) or a role
    word (楼栋长): a way of referring to someone that names nobody; a day (周一), a nationality (越南籍) or an
    ethnic group (撒拉): words that name no one. With `after`, the text that follows the span: a word that is
    mostly no surname and a surname before a title (由|陈|先生) is none either, nor the start of a place
    (白湖亭|社区)."""
    w = lexicon()
    if "某" in span or "姓" in span or span in ROLE_WORDS or span in TITLES or span in DAYS or span[-1] == "籍" or (
        after.startswith(PLACE_AFTER) and not after.startswith(_NO_PLACE_AFTER)
    ):
        return True  # 王某; 楼栋长, 车主 (a surname and a shape, but a role); a title alone (阿嬷); 林浦|新村
    if span[-1] == _PLACE_END or (len(span) >= 3 and span[-1] in _PLACE_ENDS):
        return True  # 梁厝: a village; 岳峰镇: a town
    if len(span) == 2 and after[:1] in _QUARTER_ENDS and after[1:2] in FIELD_END:
        return True  # 光禄|坊，杨桥|巷: a lane or a quarter of old Fuzhou named alone in a list
    if len(span) >= 3 and span[-1] == "河" and after.startswith(_RIVER_AFTER):
        return True  # 晋安河|沿岸, 琴亭河|入闽江口: a river where a river's words follow (李清河 is a man)
    k = span.find("氏", 1)
    if 0 < k < len(span) - 1 and span[k + 1] in "祖宗族祠":
        return True  # 郑氏祖|厝, 陈氏宗|祠: a clan's (阮氏红 is a Vietnamese woman's name, 翁林氏 a married one's)
    if span in _ETHNIC:
        return True  # 来自回、撒拉、维吾尔等民族: an ethnic group names no one
    if len(span) == 2:
        if span in w.compound:
            return True  # 复姓鲜于: a compound surname alone names nobody, as a single one does not
        if span[1] in w.single and span[1] not in w.given and (
            span[0] == "老" or (span[0] in "小阿" and span[1] in COMMONEST_SURNAMES)
        ):
            return True  # 小陈, 老李, 老邝; not 小明, 阿林: those are given names as often, nor 小满, 阿木: nicknames
        if (span[0] in w.ambiguous or span[0] in FUNCTION_SURNAMES) and span[1] in w.single and after[:1] and any(
            after.startswith(t) for t in TITLES
        ) and not (span[1] in w.given and (span[0] not in FUNCTION_SURNAMES or span in w.words or span in name_words())) and not (
            span[0] in "阿依" and span[1] not in COMMONEST_SURNAMES
        ):
            # 和|陈|先生, 请和|林|主任, 向|黄|局长; not 海燕|主任, 和平|哥: a given name and a title; nor 阿满|伯, 依木|伯:
            # a nickname of 阿 or 依 and a kinship word (阿陈|伯 is an address by surname)
            return True
        if span[0] in w.single and after[:1] and span[1] + after[:1] in TITLES:
            return True  # 雷阿|婆: the title starts inside the span
    if span[-1] not in _TITLE_ENDS:
        return False
    for k in (1, 2):
        head, tail = span[:k], span[k:]
        if tail in TITLES and (head in w.single if k == 1 else head in w.compound):
            return True
    return False


# Dogs' breeds, as dog registration's records name them (柯基咬伤, 柴犬被德牧咬伤).
_DOG_BREEDS = ("柯基", "柴犬", "德牧", "金毛", "泰迪", "萨摩耶", "阿拉斯加", "哈士奇", "边牧", "比熊", "博美", "藏獒")
# Terms of records that the model reads as names, a surname and given-name characters (jieba's dictionary even
# tags 林权, forest rights, as a person's name): 林权登记, 林龄12年, 毛竹采伐, 系统卡顿, and the labels of forms and
# notes 安监： (safety supervision); dogs' breeds in the records of dog registration (柯基咬伤, 柴犬被德牧咬伤)
# and the city's old banyans in its tree records (3株古榕); medical insurance's outpatient special and chronic
# diseases (门特（高血压）已备案, 门慢), a parent's baby in a chat (我家宝宝今天终于睡了个好觉), a school report's pupil
# (该生思想积极) and the school years (高三（7）班); a Chinese-medicine prescription, appetite and acupoint (香砂六君子汤加减,
# 纳增, 艾灸：神阙、关元); a bank's branch and counter (来网点称, 临柜办理), a licence, a KTV's song library, a scenic
# area's closing, home care's cleaning, bathing and meals (助洁、助浴) and a marathon; the inscriptions of a monk's
# stupa and of a tomb (塔铭, 志文: 通理塔铭称…, 志文称其…).
_TERMS = frozenset({
    "林权", "林龄", "毛竹", "卡顿", "安监",
    "柯基犬", *_DOG_BREEDS,
    "古榕",
    "申通", "圆通", "中通", "韵达", "顺丰", "极兔", "丰巢", "百世", "德邦",
    "门特", "门慢", "宝宝", "宝贝",
    "该生", "高一", "高二", "高三", "初一", "初二", "初三",
    "汤加减", "纳增", "纳差", "纳可", "纳呆", "关元",
    "网点", "临柜", "许可证", "曲库", "闭园", "助洁", "助浴", "助餐", "马拉松",
    "塔铭", "志文",
    # Round 19: the terms of inscriptions and old houses (梁文, the beam's text; 朱书 and 墨书, written in red or ink;
    # 岩面, a cliff's face; 梁架, 步梁, 梁底, a roof's beams; 左起, from the left), a navy's ranks (水勇) and finds
    # (宋钱, 石斧, 陶灶).
    "梁文", "朱书", "墨书", "岩面", "梁架", "步梁", "梁底", "左起", "右起", "水勇", "宋钱", "石斧", "陶灶",
})
# A seal's kind as catalogues describe it: its characters cut in relief (朱文, red) or intaglio (白文, white), its
# shape (方, 长方, 圆, 椭圆, 连珠 …) or its quoted legend (钤白文"陈氏"), or a red seal (朱印). 朱 and 白 are surnames, 文
# a given name's character.
_SEAL = re.compile("[朱白]文(?:(?:[长椭]?[方圆]|小|大|连珠|联珠|葫芦)?印|(?=[“\"「]))|朱印")
# The months as dated inscriptions write them, the first, second and last of each season (孟春 … 季冬); 孟, 仲 and 季
# are surnames too. After a year (its cyclical branch, 年 or 岁) they are months.
_MONTHS = frozenset(f"{k}{season}" for k in "孟仲季" for season in "春夏秋冬")
_DATE_BEFORE_MONTH = frozenset("子丑寅卯辰巳午未申酉戌亥年岁")
# The endings of drugs' generic names (恩诺沙星, 阿莫西林, 氨氯地平, 阿托伐他汀 …): the model reads 恩诺|沙星 as two names,
# 沙 being a surname. A span right before one, or ending in one after more of the drug's name, names no one.
_DRUG_ENDS = frozenset({"沙星", "霉素", "西林", "他汀", "地平", "沙坦", "普利", "替丁", "拉唑", "培南", "硝唑", "环素"})
# An animal's name in quotes right after the animal, a breed or 它 (it): 边牧“小黑”, 犬名暂写"小黑", 大家都叫它“小黑”. A
# pet's name is no person's (the labelled sets leave them unmarked).
_QUOTES = "“\"「『"  # what opens a pet's quoted name (a cheap test before the pattern: most names have none)
_PET_BEFORE = re.compile(
    f"(?:它|犬|狗|猫|牛|犊|羊|驴|兔|鸟|鸽|龟|宠物|{'|'.join(_DOG_BREEDS)})(?:名|的名字)?(?:都|就|暂|也)?"
    f"(?:叫做|叫|取名|起名|名叫|写作|写|是)?(?:为|作)?[{_QUOTES}]$"
)
# What a record says someone did, which names no one even right after a role word (民警查明，…; 被申请人盖章确认), and
# thanks (`NO_ONE_WORDS`).
_ACTS = frozenset({"查明", "盖章"}) | NO_ONE_WORDS


# A count of plants, fish, animals or goods (一盆|丁香, 订了10条|秋翠, 两棵|石楠, 3箱|耶加雪菲): what follows it is what is
# counted, no person (people are counted in 个, 位, 名). Not an ordinal (第38条|陈琳应为, 前一条|詹秀莲的捐田).
_NUMERAL = "0-9０-９一二两三四五六七八九十百千几半"
_GOODS_COUNT = re.compile(f"(?<![第前后{_NUMERAL}])[{_NUMERAL}]+(?:盆|棵|株|条|尾|斤|公斤|箱|袋|瓶|罐|盒|束|枝|朵|只|头|匹|kg|KG|Kg)$")
_GOODS_LAST = frozenset("盆棵株条尾斤箱袋瓶罐盒束枝朵只头匹gG")
# A count of plants after what is counted (苗圃盘点：玉兰 86株, 紫薇 补植12株): no labelled name stands before one.
_PLANTS_COUNTED = re.compile(f"\\s?(?:补植|补种|种植|新植|移栽)?\\s?[{_NUMERAL}]+\\s?[株棵丛]")


def _names_no_one(text: str, a: int, b: int) -> bool:
    """`text[a:b]`, a rule's or the model's name, names no one: shorter than two characters, a way of referring
    to someone or a word that names no one (`not_a_name`), or a Fuzhou district, county, township or landmark
    named bare (由罗源变更为连江, 在黄岐渔港, 巡查于山古树群) or one of `_TERMS` where no role word stands
    before it (联系人罗源, 申请人林权 are people), one of `_ACTS` anywhere, a month after its year (癸卯|仲春), part of a
    drug's name (`_DRUG_ENDS`: 恩诺|沙星), a clan's title glued to what comes before (刘福祥|宗长), what a count of
    goods counts (`_GOODS_COUNT`: 一盆|丁香), a temple's name of two (林阳|寺), an amount in capital numerals
    (`_CAPITAL_AMOUNT`: 陆佰元) or Fuzhou's 伊 (he, she) and what it does (`_fuzhou_pronoun`: 讲伊明旦毛闲)."""
    if b - a < 2 or not_a_name(text[a:b], text[b:b + 3]):
        return True
    if (seal := _SEAL.match(text, a)) is not None and seal.end() >= b:
        return True  # 钤"守拙"朱文印, 白文方印, 朱印一方: a seal's kind, not 朱文 or 白文 the person
    span = text[a:b]
    if span in _MONTHS and text[a - 1:a] in _DATE_BEFORE_MONTH:
        return True  # 嘉靖癸卯|仲春, 民国十七年戊辰|孟冬: a month after its year (仲夏, 仲秋 are people's names too)
    if text[a - 1:a] in _QUOTES and _PET_BEFORE.search(text, max(0, a - 12), a) is not None:
        return True  # 边牧“小黑”, 叫它“小黑”: an animal's name
    if span in _CLAN_TITLES and "\u4e00" <= text[a - 1:a] <= "\u9fff":
        return True  # 刘福祥|宗长: the title after a name (宗 is a surname)
    if text[a - 1:a] in _GOODS_LAST and _GOODS_COUNT.search(text, max(0, a - 8), a) is not None and not _bears_given_name(text, a, b):
        return True  # 一盆|丁香, 10条|秋翠: what is counted; not 65kg|胡天明, a weight class's boxer
    if b - a == 2 and (span[1] == "时" or (span[1] in "教导" and span[0] in lexicon().single)):
        # 上钟|时, 取章|时: "when" after what is done; 谢谢郭教, 张导说: 教练's and 导演's short forms after a surname
        # (not among `TITLES`: 教 and 导 after a name are verbs as often, 阿朵|教大家). No labelled name of two ends in
        # any of the three.
        return True
    if b - a == 2 and span[0] in _DEGREE:
        return True  # 找人|太慢, 很|晚才来: a degree adverb and what it qualifies (round 28's model read 太慢)
    if b - a == 2 and text[b:b + 1] == _TEMPLE:
        return True  # 林阳|寺, 西禅|寺: a temple's name (林 and 西 start names too)
    if (amount := _CAPITAL_AMOUNT.match(text, a)) is not None and amount.end() >= b:
        return True  # 队费|陆佰元|整: an amount in capital numerals
    if _fuzhou_pronoun(text, a):
        return True  # 讲伊明旦毛闲, 伊才放心: Fuzhou's 伊 (he, she) and what follows it
    if text[b:b + 2] in _DRUG_ENDS or (span[-2:] in _DRUG_ENDS and "\u4e00" <= text[a - 1:a] <= "\u9fff" and not role_before(text, a)):
        return True  # 恩诺|沙星, 恩诺沙星: a drug (记录：西林不在家 is a man)
    if _PLANTS_COUNTED.match(text, b) is not None and not _bears_given_name(text, a, b):
        return True  # 玉兰| 86株: a plant counted; not 修剪工资：包永红|80株, the trees a worker pruned
    return span in _ACTS or ((span in _TERMS or span in fuzhou_places()) and not role_before(text, a))


# Characters that end words for what people do (宿管, 收购商, 头车, 调音师, 店家, 住户, 车主, 鼓手, 法官) and are rare
# surnames: no name of a surname, 阿 and one character in the labelled records starts with one after a Chinese character.
_ROLE_WORD_ENDS = frozenset("管商车师家户主手官")


def _after_role(text: str, a: int, b: int) -> tuple[int, int]:
    """The model's span without its first characters where they end a role or kinship word (其孙|龙飞, 其长孙|雷鸣: 孙 and
    长孙 are surnames too, and the model reads 孙龙飞, 长孙雷鸣) or are a day of the week (周三|林琪), or where they end an
    unlisted role word in a rare surname before 阿 (宿管|阿梅). Where what is left is a common word of two characters
    that are not both common in given names (其孙|陪同: the model read 孙陪同), nothing is left: the model took a verb
    for a given name."""
    # A role word of two or more characters ending at a + 2 or a + 1 starts at a or before: it takes the
    # span's first characters. The longer cut first.
    for end in (a + 2, a + 1):
        if text[end - 1:end] not in _ROLE_LAST:
            continue  # most spans: no role word ends there (a look-up, not one per role word's length)
        role = next((text[end - k:end] for k in _ROLE_LENGTHS if k <= end and text[end - k:end] in ROLE_WORDS), "")
        if role in lexicon().compound and text[end - len(role) - 1:end - len(role)] not in _POSSESSOR:
            continue  # 与|长孙丽, 长孙明申请: a compound surname (长孙) is a kinship word only after whose it is (其长孙)
        if role and text[end - len(role) - 1:end - len(role) + 1] in ROLE_WORDS:
            continue  # 之女|方桂兰: the role word (女方) starts inside another one before it (之女)
        if b - end >= 1 and role:
            lex = lexicon()
            if b - end == 2 and text[end:b] in lex.words and not (text[end] in lex.given and text[end + 1] in lex.given):
                return b, b
            return end, b  # one character left (家属|赵先生): a lone surname, dropped by the caller
    if b - a >= 4 and text[a:a + 2] in DAYS:
        return a + 2, b  # a duty roster: 周三|林琪
    if b - a == 3 and text[a + 1] == "阿" and text[a] in _ROLE_WORD_ENDS and "\u4e00" <= text[a - 1:a] <= "\u9fff":
        return a + 1, b  # 宿管|阿梅, 收购商|阿彪, 收尾车|阿亮: a role word no list holds ends in the rare surname
    return a, b


_BUILDING = frozenset("楼栋")  # a building after its number (3号楼, 5栋): surnames too
_BUILDING_BEFORE = frozenset("号0123456789０１２３４５６７８９一二三四五六七八九十")


def _after_place(text: str, a: int, b: int) -> tuple[int, int]:
    """The model's span without the county of Fuzhou or its prefecture it took in before a full name (侯官|廖锦堂,
    古田|余可大: inscriptions and examination lists write the native place right before the name), or a building's
    楼 or 栋 after its number (3号楼|林丽君), or a temple's name (林阳寺|妙音), and without a tomb's inscription after
    it (葛宗道|墓志, 江以礼|墓志铭)."""
    lex = lexicon()
    if b - a >= 4 and text[a:a + 2] in fuzhou_places() and 2 <= b - a - 2 <= 3 and text[a + 2] in lex.single:
        a += 2
    elif b - a >= 3 and text[a] in _BUILDING and text[a - 1:a] in _BUILDING_BEFORE and text[a + 1] in lex.single:
        a += 1  # 3号楼|林丽君, 5栋|王伟: a building's number before the name (楼 and 栋 are surnames too)
    elif (temple := text.rfind(_TEMPLE, a + 1, b - 2)) > a and b - temple - 1 <= 3:
        a = temple + 1  # 林阳寺|妙音师父, 西禅寺|释明远: a monk's or nun's name after the temple's (no name holds 寺)
    for tail in ("墓志铭", "墓志"):
        if text.endswith(tail, a, b) and 2 <= b - a - len(tail) <= 3:
            return a, b - len(tail)
    return a, b


def _after_preposition(text: str, a: int, b: int) -> tuple[int, int]:
    """The model's span without a preposition or a verb whose object is a person, taken in before a full name
    (同|蓝秀英（畲族）, 女儿随|谢志明生活, 请|覃美兰补交: `names.preposition_first`): the model read 同, 随 or
    从, surnames too, as the name's surname."""
    return (a + 1, b) if preposition_first(text[a:b]) else (a, b)


def _after_conjunction(
    text: str, a: int, b: int, reading: Reading, ruled: Collection[tuple[int, int]]
) -> tuple[int, int]:
    """The model's span of three that starts with 和, 与 or 跟 right after another name (淑芬|和秀英今天提前走, 陈伟|与林芳):
    the conjunction between two names, not the second one's surname (和 is a surname too)."""
    if b - a == 3 and text[a] in "和与跟" and text[a - 1:a] not in "和与跟" and (
        any(e == a for _, e in reading.spans) or any(e == a for _, e in ruled)
    ):  # not 和安康和|和援朝: the conjunction stands before the surname there
        return a + 1, b
    return a, b


def _compound_before(text: str, a: int, b: int) -> tuple[int, int]:
    """The model's given name of one or two characters with the compound surname right before it, where that
    surname opens a clause or follows a role word (东方|向阳（男）, 经办人上官|文化): the model, which saw
    few of them, reads 东方 as a word and the name after it alone."""
    if b - a <= 2 and a >= 2 and text[a - 2:a] in lexicon().compound and (
        a == 2 or not "\u4e00" <= text[a - 3] <= "\u9fff" or role_before(text, a - 2)
    ):
        return a - 2, b
    return a, b


def _double_surname(text: str, a: int, b: int) -> tuple[int, int]:
    """The model's name of three characters with the husband's surname written before it, as Hong Kong and
    Taiwan records write a married woman (共同借款人叶|陈秀英（香港居民）): a surname that is no ambiguous one
    right before it, at the text's start, after a field's colon, a list's 、 or a bracket, or after a role
    word (after a comma it is as often a word: ，连|马跃南都…). The model reads the woman's own name alone. Not where the
    two make a word that names no one (晓光：谢|谢美华姐: thanks, `NO_ONE_WORDS`)."""
    lex = lexicon()
    if b - a == 3 and a >= 1 and text[a] in lex.single and text[a - 1] in lex.single and text[a - 1] not in lex.ambiguous and (
        text[a - 1] not in _NO_HUSBAND and (a == 1 or text[a - 2] in _FIELD_OPEN or role_before(text, a - 1))
    ) and text[a - 1:a + 1] not in NO_ONE_WORDS:
        return a - 1, b
    return a, b


def _married_form(text: str, a: int, b: int) -> tuple[int, int]:
    """The model's span with the 氏 of a married woman's old form (翁林氏: husband's and own surname and
    氏, as household registers of the elderly write it): the model stops before 氏, the mask must not."""
    if b - a == 2 and text[b:b + 1] == "氏" and all(c in lexicon().single for c in text[a:b]):
        return a, b + 1
    return a, b


# What a child's parent is called by after the child's name (依依|妈妈：, 南瓜|妈：, 小鹏|爸：): no name ends in it.
_PARENT_AFTER = frozenset("妈爸")


def _without_kin(text: str, a: int, b: int) -> tuple[int, int]:
    """The span without a kinship word taken in after a given name (秋生|叔, 阿珍|姐) or a parent's word after a
    child's (依依|妈); a surname and a kinship word (雷阿婆, 陈阿姨, 王阿妈) stays whole, for `not_a_name` to drop."""
    if b - a >= 3 and text[b - 1] in KIN_AFTER and text[b - 2] not in KIN_AFTER and not not_a_name(text[a:b]):
        return a, b - 1
    if b - a >= 3 and text[b - 1] in _PARENT_AFTER and text[b - 2] not in "阿老":
        return a, b - 1
    return a, b


# Verbs a nickname of 阿 or 小 and one is glued to (小慧|记：, 跟小雯|学, 阿琪|带), and 照 or 按 before what is followed
# (阿辉|照登记单抄写): no such name of three ends in one (阿布都 does in 都, so not 都).
_VERB_AFTER_NICKNAME = frozenset("记学说讲问叫拿带送找跟托捡帮来去到在把将已给让被就又还照按")


def _nickname_before_verb(text: str, a: int, b: int) -> tuple[int, int]:
    """The model's span of 阿 or 小, one character and a verb after them without the verb (小慧|记：周五…, 跟小雯|学)."""
    if b - a == 3 and text[a] in "阿小" and text[b - 1] in _VERB_AFTER_NICKNAME:
        return a, b - 1
    return a, b


_CLAN_TITLES = frozenset({"宗长", "宗贤", "宗亲"})  # after a name of three; 宗贤 ends names of three too


def _without_title(text: str, a: int, b: int) -> tuple[int, int]:
    """The model's span without a title of two characters it took in after a name of two or more (郑凯|科长牵头,
    林建华|主任): the title is no part of the name (and 陈|科长 alone is none: `not_a_name`)."""
    if b - a >= 4 and text[b - 2:b] in TITLES:
        return a, b - 2
    if b - a >= 5 and text[b - 2:b] in _CLAN_TITLES:
        return a, b - 2  # 刘福祥|宗长, 翁国强|宗贤: how a clan association names its elders (陈宗贤 is a name)
    return a, b


def _short_of_function(text: str, a: int, b: int) -> tuple[int, int]:
    """A model's span longer than a Chinese name (five characters or more, no dot) that runs over a function
    character or a verb after a name ends before it (雷阿婆|由其孙, 台胞林怡君|来榕: the decision threshold
    let the span run on); one of four or more that ends in coming to Fuzhou (央金|来榕) ends before it; a
    dotted name ends where its transliteration characters do, if a function character or a verb after a
    name follows (阿依古丽·买买提|来榕, as `name_dotted` reads it). One of three that starts with a
    preposition before 一起 (和|晓芳|一起去, 让|美珍|一起去) is the given name after it: 和 and 让 are surnames
    too, but "with X together" is how a note says it. One of three ends before a last character that ends
    no name (`_never_last`: 郑晨|按文明要求, 吴坚|赴现场). One of five whose last two make a word, no compound surname
    before, is a name of three and the word (林子墨|进步最大)."""
    if b - a > 4 and not holds_dot(text[a:b]):
        for k in range(a + 2, b):
            if text[k] in STOP or text[k] in _VERB_AFTER_NAME:  # 林怡君|来榕创业
                return a, k
    if b - a == 5 and all("\u4e00" <= c <= "\u9fff" for c in text[a:b]):
        lex = lexicon()
        if text[a + 3:b] in lex.words and text[a:a + 2] not in lex.compound:
            return a, a + 3  # 林子墨|进步最大: a name of three and a word (the labelled names of five are foreign, dotted)
    if b - a >= 4 and text[b - 2:b] in _TO_FUZHOU:
        return a, b - 2  # 央金|来榕就医: a name of two before it
    dot = max(text.rfind(d, a, b) for d in DOTS)
    if dot > a:
        end = transliteration_end(text, dot + 1, b)
        # The name may close the text (热娜·克力木): then nothing follows to cut off.
        if dot + 1 < end < len(text) and (text[end] in STOP or text[end] in _VERB_AFTER_NAME):
            return a, end  # 阿依古丽·买买提|来榕: a dotted name ends before a verb its transliteration does not hold
    if b - a == 3 and text[a] in _WITH and text[b:b + 2] in _TOGETHER:
        return a + 1, b
    if _ends_short(text, a, b):
        return a, b - 1  # 郑晨|按文明要求: the verb after the name
    return a, b


def _weak_tail(
    text: str, a: int, b: int, reading: Reading, ruled: Collection[tuple[int, int]]
) -> tuple[int, int]:
    """A four-character span with no compound surname, glued to the text after it, ends before its last
    character where the model holds that one far less likely than the rest, or where it is a verb after a
    rule's name of three and no second surname makes the four a double-barrelled name (廖春梅|来代领: the
    decision threshold took in the verb after the name; 田中美咲（日本籍）, 梁陈美玲, 阿德瓦尼 stay whole). A
    three-character span does where the model doubts its last character (under `TAIL`) and that one starts
    a common word with the next (陈宏|一起来), unless its given name is one people bear (翁志坚|持有:
    `given_pairs`), or where it is a doubted 之 glued to the next (赵明|之智). A span of four or more ends where
    the model doubts every character from there on but none before it: under `TAIL` where it is glued to the text
    after it or longer than four (郑淑华|家水表), under 0.9 where the cut starts a common word (吴海|继承). The longest such head of two or three
    characters is kept, unless every one of its characters is a transliteration character (亨宁|伯格 and
    约尔德|内斯库 stay whole: a foreign name the model doubts in the middle). A span of four glued to the text
    after it ends before a last character that ends no such name (`_NEVER_LAST_OF_FOUR`: 阮氏秋|仅陪同), and one
    that ends in 家 (a person's home) or in what a catalogue writes after a name (`_CATALOGUED_AFTER`: 陈蕴华|信,
    方德馨|印) ends before it, glued or not (陈炳坤|家、), and one of five before what an inscription writes after its
    maker's name (`_INSCRIBED_AFTER`: 傅子健|书丹). A span of four glued to a number ends before a last character
    after a rule's name of three (张宇航|超0.3kg: a verb before an amount), unless all of it is a foreign name's
    sounds (施勒格尔１９日)."""
    belief = reading.belief
    if b - a == 3 and len(belief) >= b and belief[b - 1] < 1 + 254 * TAIL and text[b - 1:b + 1] in lexicon().words and (
        not _bears_given_name(text, a, b)
    ) and (
        min(belief[a:b - 1]) > 1 + 254 * 0.9
    ):
        return a, b - 1  # 陈宏|一起来: a third character the model doubts that starts a common word with the next
    if b - a == 3 and len(belief) >= b and text[b - 1] == "之" and belief[b - 1] < 1 + 254 * TAIL and (
        "\u4e00" <= text[b:b + 1] <= "\u9fff"
    ):
        return a, b - 1  # 赵明|之智: 之 the model doubts, glued to what follows, is "of" (王羲之书法: 之 sure)
    if b - a < 4 or text[a:a + 2] in lexicon().compound or holds_dot(text[a:b]) or len(belief) < b:
        return a, b
    glued = b - a > 4 or "\u4e00" <= text[b:b + 1] <= "\u9fff"
    for k in range(b - 1, a + 1, -1):
        if min(belief[a:k]) > 1 + 254 * 0.9 and not all(c in TRANSLITERATION for c in text[a:k]) and (
            (glued and max(belief[k:b]) < 1 + 254 * TAIL) or (max(belief[k:b]) < 1 + 254 * 0.9 and text[k:k + 2] in lexicon().words)
        ):
            return a, k
    if b - a == 4 and (text[b - 1] == "家" or text[b - 1] in _CATALOGUED_AFTER):
        return a, b - 1  # 走访陈炳坤|家、陈炳辉|家: a person's home, glued or not; no name of four ends in 家
    if b - a == 5 and text[b - 2:b] in _INSCRIBED_AFTER:
        return a, b - 2  # 傅子健|书丹, 信士刘国珍|敬立
    if b - a == 4 and text[b:b + 1].isdigit() and (a, b - 1) in ruled and text[a + 1] not in lexicon().single and not all(
        c in TRANSLITERATION for c in text[a:b]
    ):
        return a, b - 1  # 张宇航|超0.3kg: a verb before a number after a rule's name of three (施勒格尔１９日 stays)
    if b - a != 4 or not "\u4e00" <= text[b:b + 1] <= "\u9fff":
        return a, b
    if belief[b - 1] < 1 + 254 * TAIL and min(belief[a:b - 1]) > 1 + 254 * 0.9:
        return a, b - 1  # the loop's first cut, for a head of transliteration characters too (潘德旺|少算了)
    last = text[b - 1]
    if last in _NEVER_LAST_OF_FOUR or (last in _VERB_AFTER_NAME and (a, b - 1) in ruled and text[a + 1] not in lexicon().single):
        return a, b - 1  # 阮氏秋|仅陪同: no name of four ends so; 廖春梅|来: the verb after a rule's name of three
    return a, b


# Kinship words that are surnames too (孙, 长孙) or start names (子, 女): before a rule's name, the model takes them in.
_KIN_HEADS = frozenset({"孙", "子", "女", "侄", "甥", "妻", "夫", "长孙", "长子", "次子", "长女", "次女", "外孙", "孙女", "孙子"})


def _after_kin(text: str, a: int, b: int, ruled: Collection[tuple[int, int]]) -> tuple[int, int]:
    """The model's span of four or more after a kinship word it took in where a rule reads the name after it (由孙|
    詹永泉承继, 给长孙|念德荣): 孙 and 长孙 are surnames too, and the model reads 孙詹永泉 as a husband's and a wife's."""
    if b - a >= 4 and not holds_dot(text[a:b]):
        for k in (2, 1):
            if text[a:a + k] in _KIN_HEADS and (a + k, b) in ruled:
                return a + k, b
    return a, b


def _from_the_rules_name(text: str, span: tuple[int, int], ruled: Collection[tuple[int, int]]) -> tuple[int, int]:
    """A finder's span of four or more undotted characters starts where a rule's name of a surname and one or two
    characters starts that ends with it (经查|钟金莲（畲族）, 乡贤|雷春花（畲族）, 认养费由|兰凤英（畲族）: the She and other
    peoples bear Han names, and the ethnic finder takes the whole clause before the bracket)."""
    a, b = span
    if b - a < 4 or holds_dot(text[a:b]):
        return span
    lex = lexicon()
    for a2 in range(b - 3, b - 1):  # the name of three first
        if a2 > a and (a2, b) in ruled and text[a2] in lex.single and text[a2] not in lex.ambiguous:
            return a2, b
    return span


def _after_a_history_role(text: str, a: int, b: int) -> bool:
    """A rule's name right after one of `HISTORY_ROLES` (烈士罗家声, 志主张道宏), with a surname that is no frequent
    word's character and starts no common word with the next (烈士|生平, 传主|年谱, 志主|有妾二人 are no names): the
    model's doubt does not remove it."""
    lex = lexicon()
    surname = 2 if text[a:a + 2] in lex.compound else 1
    return (
        text.endswith(HISTORY_ROLES, 0, a)
        and (surname == 2 or (text[a] in lex.single and text[a] not in lex.ambiguous))
        and text[a:a + 2] not in lex.words
    )


def _bears_given_name(text: str, a: int, b: int) -> bool:
    """`text[a:b]` is a surname of one character and a given name of two that people bear (`given_pairs`: 魏志坚)."""
    return b - a == 3 and text[a + 1:b] in given_pairs()


def _rule_reaches_further(
    text: str, span: tuple[int, int], ruled: Collection[tuple[int, int]], reading: Reading
) -> tuple[int, int]:
    """The model's span, or a rule's name that starts with it and goes on where the model is unsure but
    does not doubt (every further character at least `EXTEND` likely, `VETO` for a given name people bear):
    苏高|文说, 皇甫|文静; not where the model reads another name from there on (安安|乐乐). The model stops early
    on names it never saw; a name of three characters (four with a compound surname), with no function character
    in what it adds (赵明|之智), is the longest this takes.
    Likewise a role's name that starts one character earlier, with a surname the model holds at least as likely or
    that a name before it in the text bears (之女|公|荣丽, 经办人|但|龙林)."""
    a, b = span
    for rb in range(b + 1, a + (4 if text[a:a + 2] in lexicon().compound else 3) + 1):
        if (a, rb) not in ruled or any(b <= s < b + 2 for s, _ in reading.spans):
            continue  # no rule's name there, or the model reads the next name from there on (安安|乐乐)
        # a given name people bear may go on where the model barely doubts it (魏|志|坚持: 坚 9 % likely)
        extend = VETO if _bears_given_name(text, a, rb) else EXTEND
        if min(reading.belief[b:rb]) >= 1 + 254 * extend and not any(c in STOP for c in text[b:rb]):
            return a, rb
    if b - a == 2 and (a - 1, b) in ruled and text[a - 1] in lexicon().single and role_before(text, a - 1) and (
        reading.belief[a - 1] >= 1 + 254 * EXTEND or any(text[s] == text[a - 1] for s, _ in reading.spans if s < a - 1)
    ):
        # 之女|公|荣丽: the role's name starts with its surname, which the model doubted but holds likely enough, or
        # which a name before it in the text bears (公桂荣之女公荣丽: a daughter takes her father's surname; round 27's
        # model holds that 公 8 % likely)
        return a - 1, b
    return span


def _two_names_glued(span: str) -> bool:
    """Four characters that are two names of two glued: 阿 or 小 and one each (阿凤阿珍, 阿宝阿贵), or brothers' or
    sisters' names with one surname (江涛江波兄弟); both given characters common in Han given names (a Yi name is of
    the first shape too: 阿苦阿芝, 阿西阿呷). Or, in a roster, a nickname of 阿 or 小 and a given name of two that
    starts with no surname and makes no word, either first (小燕慧芳, 慧芳小燕), or two doubled ones (乐乐豆豆). Or two
    given names of two that people bear (`given_pairs`: 玉兰月娥两个, 秀英桂香): a name of four whose halves are both
    such is a Vietnamese 氏 one (陈氏玉兰), a compound surname's (纳兰明远) or a Japanese one (小林正雄), none else in
    the studied and training files (three such, against 37 pairs glued). Such pairs whatever characters they hold
    (round 35: 沐阳子墨, 子豪天佑, 阿土阿水; 墨, 佑 and 土 are no common given-name characters alone), unless the second
    is transliteration characters alone and no nickname (阿德瓦尼, a foreign name of four; 阿旺依土 are two)."""
    lex = lexicon()
    pairs = given_pairs()
    if (
        span[:2] in pairs and span[2:] in pairs and span[1] != "氏" and span[:2] not in lex.compound
        and span[:2] not in name_japanese.SURNAMES
        and (span[2] in "阿依小" or not all(c in TRANSLITERATION for c in span[2:]))
    ):
        return True
    if span[1] not in lex.given or span[3] not in lex.given:
        return False
    if span[0] == span[1] and span[2] == span[3]:
        return True  # 乐乐豆豆: no name of four doubles its characters
    for head, rest in ((span[:2], span[2:]), (span[2:], span[:2])):
        if head[0] in "阿小" and rest[0] in lex.given and rest[0] not in lex.single and rest not in lex.words and (
            head not in name_japanese.SURNAMES  # 小林雄大 is one Japanese name
        ):
            return True
    return (span[0] in "阿小" and span[2] in "阿小") or (span[0] == span[2] and span[0] in lex.single)


def _doubled_names(span: str) -> bool:
    """Six Chinese characters or more the model read as one name, each pair one character twice: children's doubled
    names glued (朵朵甜甜豆豆), where `_two_names_glued` reads two of them (乐乐豆豆). No labelled name doubles two
    characters; cut so, the span masks what it masked."""
    return len(span) % 2 == 0 and all(span[k] == span[k + 1] and "\u4e00" <= span[k] <= "\u9fff" for k in range(0, len(span), 2))


def _a_glued_name(text: str, a: int, b: int, glued: bool = True) -> bool:
    """`text[a:b]` may be a name glued to others: one of the commonest surnames, then Chinese characters that are no
    function character, no word in all, and, where it is `glued` to what stands before it, no word across the cut."""
    words = lexicon().words
    return (
        text[a] in COMMONEST_SURNAMES
        and all("\u4e00" <= c <= "\u9fff" and c not in STOP for c in text[a + 1:b])
        and text[a:b] not in words
        and not (glued and text[a - 1:a + 1] in words)
    )


def _glued_second(text: str, a: int, b: int) -> bool:
    """What the edges cut off the end of the model's span is a second name glued to the first (值班：祁振东|马骁): two
    or three characters up to a pause or the text's end that may be a name glued to it (`_a_glued_name`)."""
    return 2 <= b - a <= 3 and not "\u4e00" <= text[b:b + 1] <= "\u9fff" and _a_glued_name(text, a, b)


def _two_of_three_glued(text: str, a: int, b: int) -> bool:
    """Six characters the model read as one name that are two of three glued in a roster (危小平郭金花林依伶邱德水):
    the second may be a name glued to the first (`_a_glued_name`), and the first looks like one too, whatever
    stands before it. No Han name is six characters long."""
    return b - a == 6 and _a_glued_name(text, a, a + 3, glued=False) and _a_glued_name(text, a + 3, b)


def _after_address(text: str, a: int, b: int) -> tuple[int, int]:
    """The model's span without 老 before a full name of three (修理人老|翁德水: 老 and the surname address the person
    too, and no labelled name of four starts with 老), or without 谢谢 before a name (谢谢|鹏哥: 谢 is a surname), or
    its second 谢 (谢|谢|美华姐)."""
    if b - a == 4 and text[a] == "老" and text[a + 1] in lexicon().single:
        return a + 1, b
    if b - a >= 3 and text[a:a + 2] in NO_ONE_WORDS:
        return a + 2, b
    if b - a >= 3 and text[a - 1:a + 1] in NO_ONE_WORDS:
        return a + 1, b
    return a, b


# Fuzhou's 伊 (he, she; 讲伊明旦毛闲, she says she is busy tomorrow) before what it does, and the verbs after which it
# is the one a nickname calls (大家叫伊小雨: everyone calls her 小雨). 伊 is a surname and starts transliterated names
# (伊万, 伊琳娜, 伊力哈木): in the labelled files 伊 after 讲 was the pronoun all 70 times and never a name's start.
_PRONOUN_DOES = STOP | frozenset("莫伓冇毛")  # 伊才放心, 叫伊莫迟到: an adverb or a Fuzhou negation after it
_PRONOUN_CALLED = frozenset("叫喊帮给让替带等请跟同共对问教载")


def _fuzhou_pronoun(text: str, a: int) -> bool:
    """The 伊 at `a` is Fuzhou's pronoun (he, she), no surname: after 讲 (美玉讲伊阿弟…, 桂花嫂讲伊明旦毛闲) or before
    an adverb or a negation (伊才放心, 叫伊莫迟到). Not 经伊宁核实, 名叫伊万: a name."""
    return text[a] == "伊" and (text[a - 1:a] == "讲" or text[a + 1:a + 2] in _PRONOUN_DOES)


def _after_pronoun(text: str, a: int, b: int) -> tuple[int, int]:
    """A span without Fuzhou's 伊 (her, him) where a verb before it and a nickname after it (阿, 小 or 依 and more)
    make it the one the nickname calls: 大家叫伊|小雨, 叫伊|依珠; not 名叫伊万 (万 is no nickname)."""
    if b - a >= 3 and text[a] == "伊" and text[a - 1:a] in _PRONOUN_CALLED and text[a + 1] in "阿小依":
        return a + 1, b
    return a, b


# What stands before the 周 of a week (上周, 本周): 周 is a surname too.
_WEEK_BEFORE = frozenset("上下本这每前")


def _after_week(text: str, a: int, b: int) -> tuple[int, int]:
    """A span without the 周 (week) of 上周, 下周, 本周, 这周, 每周 or 前周 it starts with: no surname there (本周|林宝珠奶奶,
    上周|刚走了; in the labelled files no name starts with 周 right after one of them)."""
    if text[a] == "周" and text[a - 1:a] in _WEEK_BEFORE:
        return a + 1, b
    return a, b


def _model_span(
    text: str, span: tuple[int, int], reading: Reading, ruled: Collection[tuple[int, int]]
) -> tuple[int, int]:
    """The model's span with its edges set right, in this order: cut before a function character where it runs on
    (`_short_of_function`), after 老 or 谢谢 (`_after_address`), after Fuzhou's 伊 before a nickname it calls
    (`_after_pronoun`), after a preposition it took in (`_after_preposition`), after a county or a temple and before a
    tomb's inscription (`_after_place`), after the 周 of 本周 or 上周 (`_after_week`), before a weak fourth character
    (`_weak_tail`), after a conjunction right after another name (`_after_conjunction`), after
    a role word or a day it took in (`_after_role`), after a kinship word before a rule's name (`_after_kin`); 氏
    kept (`_married_form`); a compound surname or a husband's surname before it taken in (`_compound_before`,
    `_double_surname`); a rule's longer name where the model is unsure (`_rule_reaches_further`); a kinship word or
    a title or a nickname's verb after it left out (`_without_kin`, `_nickname_before_verb`, `_without_title`)."""
    a, b = _after_place(text, *_after_preposition(text, *_after_pronoun(text, *_after_address(text, *_short_of_function(text, *span)))))
    a, b = _after_week(text, a, b)
    a, b = _weak_tail(text, a, b, reading, ruled)
    a, b = _after_kin(text, *_after_role(text, *_after_conjunction(text, a, b, reading, ruled)), ruled)
    span = _double_surname(text, *_compound_before(text, *_married_form(text, a, b)))
    span = _without_title(text, *_nickname_before_verb(text, *_without_kin(text, *_rule_reaches_further(text, span, ruled, reading))))
    return _before_signing(text, *_with_abdu(text, *_with_fuzhou_middle(text, *span)))


def _before_signing(text: str, a: int, b: int) -> tuple[int, int]:
    """The model's span without the start of what a signature writes after the signer's name (`name_quoted.SIGNING`:
    落款"甘露|敬录", "常觉|合十", 上款"仲良|仁兄", "吴山|时年七十有六"), where two characters or more stay (王敬 stays)."""
    for k in (2, 1):
        if b - a - k >= 2 and text.startswith(name_quoted.SIGNING, b - k):
            return a, b - k
    return a, b


# How Uyghur names of the form Abdu- start (阿不都热依木, 阿布都克力木, 阿卜杜拉): 不 and 都 are no
# transliteration characters alone, so the model stops after 阿不.
_ABDU = frozenset({"阿不都", "阿布都", "阿卜杜", "阿布杜", "阿不杜"})


def _with_abdu(text: str, a: int, b: int) -> tuple[int, int]:
    """A span that starts an Abdu- name (`_ABDU`) goes on over the transliteration characters after the
    prefix (阿不|都热依木|因劳动报酬纠纷: the model read 阿不), at most `MAX_PART` of them."""
    if text[a:a + 3] not in _ABDU:
        return a, b
    return a, max(b, transliteration_end(text, a + 3))


def _with_fuzhou_middle(text: str, a: int, b: int) -> tuple[int, int]:
    """A surname and 依 or 阿 go on to the next character: a Fuzhou given name of 依 or 阿 and one more (刘依官,
    林依俤, 黄阿六, 庄阿土), which the model and the rules stop short of where that character starts a word with the
    next (刘依|官家) or is no common given-name character. Not where the two make a common word or a title (林依法
    办理: 依法; 黄阿姨), the character is a function character (王依在) or a parent's word (依依|妈妈: a child's
    doubled name, 林依|爸), nor after a nickname of 阿 or 小 (阿依|问, 小依: no surname before the 依) or a doubled one
    (依依|第一次)."""
    if b - a in (2, 3) and text[b - 1] in "依阿" and b < len(text) and "\u4e00" <= text[b] <= "\u9fff" and (
        text[b] not in _PARENT_AFTER and text[a] not in "阿小"  # 阿依|问宿舍: a nickname of 阿 and 依, no surname
        and text[a] != text[b - 1]  # 依依|第一次: a doubled nickname, no surname and 依
    ):
        lex = lexicon()
        pair = text[b - 1:b + 1]
        if text[b] not in STOP_CHARS and pair not in lex.words and pair not in TITLES and (b - a == 2 or text[a:a + 2] in lex.compound):
            return a, b + 1
    return a, b


def _fills_its_place(text: str, a: int, b: int) -> bool:
    """A role's name with nothing else it could be: the field after the role's colon (受理人：平安；),
    copula (法定代表人变更为高翔，) or a verb that gives a name (自称高峰，), or the words between the role
    and what only follows a person (来电人高山称, 其子严明代为, 代理人热依拉（维吾尔族）)."""
    placed = text[a - 1:a] in "：:" or _role_is(text, a) or text.endswith(NAMING_VERBS, 0, a)
    if placed and text[b:b + 1] in FIELD_END or CUE.match(text, b) is not None:
        return True
    hint = ATTRIBUTE_HINT.search(text, b, b + 8)  # （维吾尔族: the longest way from the bracket to 族
    return hint is not None and attributes_at(text, hint.start()) == b


def _may_go_on(text: str, a: int, b: int, gate: Gate) -> bool:
    """The extract's own name of two characters at `a:b` may be the start of another person's longer name
    (its 高俊 in 同意高俊杰调岗, 陈建 in 值班领导陈建民，, 杨慧 in 代办人杨慧柳（): a Chinese character follows
    that is no function character or verb after a name (陈明|之女, 王芳|患病) and starts no word (王伟|明天).
    Masking the extract's name alone would leave the last character of the longer one; the model reads
    which it is. Round 7 dropped the rule that the character be one of `given_chars.txt` (柳, 畅 are not):
    on 100,000 benchmark remarks the names not wholly masked went from 112 to 79, dev-remarks-3 R 0.972 →
    0.974, other dev splits unchanged, and the model reads 106 more windows in 300,000 (患 had brought 3,867).
    A character that starts a word goes on all the same where the text after it reads as a word too (健在|读
    or 张欢健|在读; 成年|老 or 郑涛成|年老): round 15, names not wholly masked on 100,000 benchmark remarks
    56 → 29, dev-remarks-3 one name more, no dev split worse."""
    nxt = text[b:b + 1]
    dictionary = gate.dictionary
    return (
        b - a == 2 and "\u4e00" <= nxt <= "\u9fff" and nxt not in STOP and nxt not in _VERB_AFTER_NAME  # 陈明|之女
        and text[b:b + 3] not in dictionary
        and (text[b:b + 2] not in dictionary or text[b + 1:b + 3] in dictionary)
    )


def _a_list_item(text: str, a: int, b: int) -> bool:
    """An item of a list of names, whole between its separators (出席：黄永胜、黎海燕、钱高山、孙和平): the
    list rule found it beside other names, and a word there (高山, 和平) is a given name."""
    return text[a - 1:a] in _LIST_OPEN and text[b:b + 1] in FIELD_END and "、" in (text[a - 1:a], text[b:b + 1])


def _a_label(text: str, a: int, b: int) -> bool:
    """The span opens the text or a sentence and a colon follows it (文旅：…, 安监：…): a section's label as
    often as a speaker's name, so the boundary rule's name there needs as much of the model's belief as the
    shape rule's (`SHAPE_VETO`)."""
    return (a == 0 or text[a - 1] in "\n。；;】") and text[b:b + 1] in "：:"


def _role_is(text: str, a: int) -> bool:
    """A role and a copula stand right before `a`: 法定代表人变更为|, 联系人为|, 负责人是|."""
    for copula in ("变更为", "为", "是"):
        if text.endswith(copula, 0, a):
            return role_before(text, a - len(copula))
    return False


def combine_names(
    model: NameModel, joined: Joined, starts: Sequence[int], found: Sequence[_Candidate], mode: str = "gap"
) -> list[_Candidate]:
    """The name candidates of `joined.texts`, which start at `starts` in the offsets `found` is given in
    (text.py's joined string): the other recognizers' `found` names combined with the model's, as `mode`
    says (module docstring). `joined`: the texts as the gate reads them, joined once by the caller."""
    texts = joined.texts
    standing = STANDING[mode]
    arbitrate = mode == "arbitrate"
    covered: dict[int, list[tuple[int, int]]] = {}
    judged: dict[int, list[tuple[int, int]]] = {}
    kept_found: list[_Candidate] = []
    no_one: dict[int, list[tuple[int, int]]] = {}  # the rules' names that name no one (陈先生, 于山), by text
    ruled: dict[int, set[tuple[int, int]]] = {}  # the rules' names of each text, looked up, never scanned
    shaped: set[tuple[int, int]] = set()
    longer: dict[int, list[int]] = {}
    # One candidate a span, the best-scored, as presidio keeps them (so `find` and `find_many` agree).
    best: dict[tuple[int, int], _Candidate] = {}
    for c in found:
        if (c[0], c[1]) not in best or c[2] > best[(c[0], c[1])][2]:
            best[(c[0], c[1])] = c
    reach: dict[int, int] = {}  # where the longest candidate starting at a place ends (徐强 of 徐强欢)
    for c in best.values():
        reach[c[0]] = max(reach.get(c[0], 0), c[1])
    gate = model.gate
    for c in best.values():
        i = bisect_right(starts, c[0]) - 1
        a, b = c[0] - starts[i], c[1] - starts[i]
        text, rule = texts[i], c[3]
        if rule == "name_known":  # the extract's own names (most candidates): standing in every mode
            kept_found.append(c)
            if reach[c[0]] == c[1] and _may_go_on(text, a, b, gate):
                longer.setdefault(i, []).append(a)  # 代办人马涛|洋: the model reads whether a longer name holds it
            else:
                covered.setdefault(i, []).append((a, b))  # the model reads around them only
            continue
        # 家属|赵先生: the cue rule read a role word back into the name; 叫伊|小雨: Fuzhou's pronoun; 谢谢|刘; 本周|林
        cut = max(after(text, a, b)[0] for after in (_after_role, _after_pronoun, _after_address, _after_week)) - a
        if cut:
            a, c = a + cut, (c[0] + cut, *c[1:])
        if _names_no_one(text, a, b):
            covered.setdefault(i, []).append((a, b))  # read by no one: 陈先生 is no name
            no_one.setdefault(i, []).append((a, b))
            continue
        if _without_kin(text, a, b)[1] < b or _ends_short(text, a, b):
            b -= 1  # 国强|哥说: the cue rule takes the kinship word in; 曹燕|以: or a character that ends no name of three
            c = (c[0], c[1] - 1, *c[2:])
        elif _with_fuzhou_middle(text, a, b)[1] > b:
            b += 1  # 刘依|官家, 黄阿|六: a Fuzhou 依 or 阿 name goes on
            c = (c[0], c[1] + 1, *c[2:])
        kept_found.append(c)
        ruled.setdefault(i, set()).add((a, b))
        if standing is None or rule in standing:
            covered.setdefault(i, []).append((a, b))
        elif arbitrate and not (
            (rule == "name_trigger" and (_fills_its_place(text, a, b) or _after_a_history_role(text, a, b)))
            or (rule == "name_list" and _a_list_item(text, a, b))
        ):
            if rule == "name_shape" or (rule == "name_boundary" and _a_label(text, a, b)):  # weighed with `SHAPE_VETO`
                shaped.add((c[0], c[1]))
            judged.setdefault(i, []).append((a, b))  # read again where the gate reads, and weighed
        # "bounds", "weak": read again where the gate reads
    person = FindingKind.PERSON_NAME
    ours: list[_Candidate] = []
    doubted: set[tuple[int, int]] = set()
    raw = model.gate.scan(joined)
    # Which finders each text holds a hint of (few texts hold any): text index → the finders, in order.
    forms: dict[int, list[tuple[str, Callable[[str], list[tuple[int, int]]]]]] = {}
    for key, hints, finder in FORM_FINDERS:
        held: set[int] = set()
        for hint in hints if isinstance(hints, tuple) else (hints,):
            held.update(joined.holding(hint))
        for i in sorted(held):
            forms.setdefault(i, []).append((key, finder))
    nameless = model.gate.nameless(joined)
    unopened = model.gate.unopened(joined, _opened(raw, no_one))
    # The rules' names to weigh are read even where the gate sees no candidate (党和|政府, 向|友人): the
    # model's doubt can only remove what it has read. So are the places of names that start with no
    # surname (热依拉（维吾尔族）, 问了|晓红|也说), and the texts the gate opens nowhere (4/8 徐海|领走).
    which = [i for i in sorted(set().union(raw, judged, nameless, longer, forms, unopened)) if texts[i]]
    asks = [
        (
            texts[i], covered.get(i, ()), raw.get(i, ()),
            [a for a, _ in judged.get(i, ())] + nameless.get(i, []) + longer.get(i, []) + unopened.get(i, []),
        )
        for i in which
    ]
    readings: dict[int, Reading] = {}
    for i, reading in zip(which, model.look_many(asks)):
        readings[i] = reading
        text, ts, rules_here = texts[i], starts[i], ruled.get(i, set())
        for span in reading.spans:
            a, b = _model_span(text, span, reading, rules_here)
            if b - a >= 6 and _doubled_names(text[a:b]):
                ours.extend((k + ts, k + 2 + ts, MODEL_SCORE, "name_model", person) for k in range(a, b - 2, 2))
                a = b - 2  # 朵朵甜甜|豆豆: children's doubled names glued in a roster, three or more
            elif b - a == 4 and _two_names_glued(text[a:b]):
                ours.append((a + ts, a + 2 + ts, MODEL_SCORE, "name_model", person))
                a += 2  # 阿凤|阿珍互换岗位, 江涛|江波兄弟: two names of two, glued
            elif b - a in (5, 6) and (
                (a, a + 3) in rules_here and _glued_second(text, a + 3, b) or _two_of_three_glued(text, a, b)
                or b - a == 5 and text[a:a + 2] in lexicon().compound and (
                    (a + 3, b) in rules_here or _glued_second(text, a + 3, b)
                )
            ) and not all(
                c in TRANSLITERATION for c in text[a:a + 3]  # 伊丽莎白圈: a foreign name's sounds, not a name and one more
            ):
                ours.append((a + ts, a + 3 + ts, MODEL_SCORE, "name_model", person))
                # 值班：祁振东|马骁: a rule's name of three and a second name glued, read by the model as one;
                # 危小平郭金花|林依伶邱德水: two names of three glued in a roster; 上官雯|章涛: a compound surname's
                # name of three and a name of two the rules read or that may be glued (no such name has five)
                a += 3
            if not _names_no_one(text, a, b):
                ours.append((a + ts, b + ts, MODEL_SCORE, "name_model", person))
                if a == span[0] and b < span[1] and _glued_second(text, b, span[1]):
                    ours.append((b + ts, span[1] + ts, MODEL_SCORE, "name_model", person))
        doubted.update(
            (a + ts, b + ts) for a, b in judged.get(i, ())
            if reading.doubts(a, b, SHAPE_VETO if (a + ts, b + ts) in shaped else VETO)
        )
        for key, finder in forms.get(i, ()):  # merged with what overlaps them in `text.resolve`
            ours.extend((a + ts, b + ts, FORM_SCORE, key, person) for a, b in (
                # a finder's span past its text would mask the next text's characters in a batch: none is taken
                _from_the_rules_name(text, span, rules_here) for span in finder(text) if 0 <= span[0] < span[1] <= len(text)
            ))
    if standing is None or not ours and not doubted:
        names = [*kept_found, *ours]  # "gap": every span is kept, overlaps merge in `text.resolve`
    else:
        # Where the model's name overlaps a reread one, the model's boundaries win; its doubt removes one.
        mask: dict[int, None] = {}
        for a, b, *_ in ours:
            mask.update(dict.fromkeys(range(a, b)))
        kept = [
            c for c in kept_found
            if (c[0], c[1]) not in doubted and (c[3] in standing or not any(k in mask for k in range(c[0], c[1])))
        ]
        names = [*kept, *ours]
    again, misread = _named_again(texts, starts, names, readings)
    if misread:
        names = [c for c in names if (c[0], c[1]) not in misread]
    names = names + again + _romanised(joined, starts, names)
    mates = _list_mates(texts, starts, names)
    if mates:
        # A list's name comes back in its text as a name found sure does (参加：…、严峻。…由严峻起草): only the
        # texts with a list's name are looked at again.
        listed = {bisect_right(starts, c[0]) - 1 for c in mates}
        beside = [c for c in names if bisect_right(starts, c[0]) - 1 in listed]
        later, misread_later = _named_again(texts, starts, beside + [(c[0], c[1], FORM_SCORE, *c[3:]) for c in mates], readings)
        names = [c for c in names if (c[0], c[1]) not in misread_later] + mates + later
    siblings, replaced = _siblings(joined, starts, names)
    if siblings or replaced:
        names = [c for c in names if (c[0], c[1]) not in replaced] + siblings
    begins = {c[0] for c in names}
    return [c if c[1] in begins else _with_rare_last(texts, starts, c) for c in names]


def _in_joined(joined: Joined, starts: Sequence[int], offsets: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For characters at `offsets` (as `starts` counts them, each inside a text): the index of its text, and where
    `joined` holds it. The offsets of `starts` and of `joined` are counted apart (one text alone is joined one place on
    from the offsets its caller gives)."""
    bounds = np.asarray(starts)
    of_text = np.searchsorted(bounds, offsets, side="right") - 1
    return of_text, (np.asarray(joined.offsets) - bounds[:-1])[of_text] + offsets


def _romanised(joined: Joined, starts: Sequence[int], names: Sequence[_Candidate]) -> list[_Candidate]:
    """The names in letters bracketed right after a name found (`name_romanised`: 颂猜（Somchai）), offsets as `names`
    gives them. Only the texts where a bracket follows a name are read: one test over the joined texts' code points."""
    if not names:
        return []
    # Each name's last character (inside its text), and the one after it in `joined`.
    of_text, last = _in_joined(joined, starts, np.array([c[1] for c in names], dtype=np.int64) - 1)
    opens = np.isin(joined.codes[np.minimum(last + 1, len(joined.codes) - 1)], [ord(c) for c in name_romanised.OPEN])
    out: list[_Candidate] = []
    for k in np.flatnonzero(opens).tolist():
        i = int(of_text[k])
        ts = starts[i]
        found = name_romanised.romanised_after(joined.texts[i], [(names[k][0] - ts, names[k][1] - ts)])
        out.extend((a + ts, b + ts, FORM_SCORE, "name_romanised", FindingKind.PERSON_NAME) for a, b in found)
    return out


def _siblings(
    joined: Joined, starts: Sequence[int], names: Sequence[_Candidate]
) -> tuple[list[_Candidate], set[tuple[int, int]]]:
    """The siblings' names beside the names found (`name_siblings`: 黄道澄、黄道润, 池景星池景辰, 国平国安两兄弟), and the
    found spans they replace (offsets as `names` gives them)."""
    added: list[_Candidate] = []
    replaced: set[tuple[int, int]] = set()
    # Only a text where a name's first two characters stand again three or four places before or after it is read
    # (few are): one test over the code points of the joined texts (at the offsets of `starts`), not a slice a name.
    firsts = np.array(list(map(itemgetter(0), names)), dtype=np.int64)
    lengths = np.array(list(map(itemgetter(1), names)), dtype=np.int64) - firsts
    of_text, at = _in_joined(joined, starts, firsts)
    sized = (lengths == 3) | (lengths == 6) | (lengths == 7)
    sized_text, pos = of_text[sized], at[sized]
    codes, last = joined.codes, len(joined.codes) - 1
    first, second = codes[pos], codes[pos + 1]  # inside its text: a name holds two characters or more
    beside = np.zeros(len(pos), dtype=bool)
    for shift in (3, 4, -3, -4):
        # Past the joined string's ends the test reads its first or last character: a text read in vain at most.
        beside |= (codes[np.clip(pos + shift, 0, last)] == first) & (codes[np.clip(pos + shift + 1, 0, last)] == second)
    # Given names of two glued that share their first character (国平|国安, 木金木土): a name of two or four whose first
    # character stands again two places on (or, for a name of two, two places before).
    short = (lengths == 2) | (lengths == 4)
    short_text, spos = of_text[short], at[short]
    glued = codes[np.clip(spos + 2, 0, last)] == codes[spos]
    glued |= (lengths[short] == 2) & (codes[np.clip(spos - 2, 0, last)] == codes[spos])
    if not beside.any() and not glued.any():
        return added, replaced
    near = np.unique(np.concatenate([sized_text[beside], short_text[glued]]))
    texts = joined.texts
    for i in near.tolist():
        ts = starts[i]
        here = [(names[k][0] - ts, names[k][1] - ts) for k in np.flatnonzero(of_text == i).tolist()]
        add, drop = name_siblings.sibling_names(texts[i], here)
        added.extend((a + ts, b + ts, FORM_SCORE, "name_siblings", FindingKind.PERSON_NAME) for a, b in add)
        replaced.update((a + ts, b + ts) for a, b in drop)
    return added, replaced


def _with_rare_last(texts: Sequence[str], starts: Sequence[int], c: _Candidate) -> _Candidate:
    """A name of a surname and one character goes on over a third that no common word holds (黄瑞|祺, 高凤|翥,
    陈宗|濂: old given names' literary characters, which neither the model nor the shape rule knows), unless it
    starts a word with the next or the three make one (矫正, 犬只 are words), or another name starts there (葛明|冉丽);
    and over a function character that ends given names where a pause follows (“杨士|均”, `_LAST_BEFORE_A_PAUSE`).
    A character more masked where the name was of two, rather than one left where it was of three. So too a compound
    surname and one character (邑人欧阳绍|曾”). Not a nickname of 阿, 小, 老 or Fuzhou's 依 (依銮|姆九十岁: 姆, an old
    woman)."""
    length = c[1] - c[0]
    if length not in (2, 3):
        return c
    i = bisect_right(starts, c[0]) - 1
    text, a = texts[i], c[0] - starts[i]
    b = a + length
    lex = lexicon()
    surname = 2 if text[a:a + 2] in lex.compound else 1 if text[a] in lex.single else 0
    if b >= len(text) or text[a] in "阿小老依" or not surname or length - surname != 1:
        return c
    nxt = text[b]
    if nxt in _LAST_BEFORE_A_PAUSE and not "\u4e00" <= text[b + 1:b + 2] <= "\u9fff" and text[a:b + 1] not in every_word():
        return (c[0], c[1] + 1, *c[2:])  # “杨士均”, 门人郑希曾", 志主林廷用，: a function character that ends given names
    if not "\u4e00" <= nxt <= "\u9fff" or nxt in STOP_CHARS or nxt in _in_common_words() or nxt in _never_last():
        return c  # nor one that ends no name of three (文辉|廿周岁)
    if text[b:b + 2] in every_word() or text[a:b + 1] in lexicon().dictionary:
        return c
    return (c[0], c[1] + 1, *c[2:])


# Function characters that end given names too (张仲和, 杨士均, 郑希曾, 林廷用, 程鹤年): the rules' and the model's
# names stop before them, and after a name of two one is the name's where nothing but punctuation, a bracket, a
# quote or the text's end follows (on the studied and training remarks: three such names, no name of two).
_LAST_BEFORE_A_PAUSE = frozenset("和均曾用年之如元才若")


@lru_cache(maxsize=1)
def _in_common_words() -> frozenset[str]:
    """Every character some common word holds (4,220): one that none holds is rare enough to be a name's."""
    return frozenset("".join(lexicon().words))


def _opened(raw: dict[int, list[int]], no_one: dict[int, list[tuple[int, int]]]) -> dict[int, list[int]]:
    """The gate's candidates (`raw`: text index → places) less the texts whose every candidate lies in a rule's
    name that names no one (`no_one`): such a text (于山 古榕 … 请专家丁秀峰来看) is read as one the gate opens
    nowhere, for the model reads nothing inside a span the rules have settled."""
    return {i: places for i, places in raw.items() if i not in no_one or _any_outside(places, no_one[i])}


def _any_outside(places: Sequence[int], spans: Sequence[tuple[int, int]]) -> bool:
    """Some place lies in none of `spans`: each place looked up among the spans sorted by start, with the furthest end
    reached so far (linear in both, where a check of every place against every span grew with their product: a line
    of 15,000 drugs' names took 7.5 s)."""
    ordered = sorted(spans)
    starts = [a for a, _ in ordered]
    reach: list[int] = []
    furthest = -1
    for _, b in ordered:
        furthest = max(furthest, b)
        reach.append(furthest)
    for p in places:
        k = bisect_right(starts, p) - 1
        if k < 0 or reach[k] <= p:
            return True
    return False


def _named_again(
    texts: Sequence[str], starts: Sequence[int], names: Sequence[_Candidate], readings: Mapping[int, Reading]
) -> tuple[list[_Candidate], set[tuple[int, int]]]:
    """Where a text names someone once, the same name elsewhere in it (请建国同志与和平同志一同前往，和平熟悉
    当地情况), and the two-character given name alone of a person it names in full (申请人莫春兰 … 春兰表示周五前
    送来): once a text has named someone, these refer to them there, unless they are part of a word or a
    place there (陈建国反映建国路…) or the common word the model reads there (`_a_word_here`: `readings`, the model's
    of each text it read); and where only the given name was found but the text writes the surname before it again,
    the full name (孔令杰与包志勇 … 误提包志勇的箱子). The extract's own names are masked wherever they stand already.

    Returns those names, and the model's names they show misread (`_misread`): a span that cuts such a given
    name (郑小满 … 家长说小|满怕生) or takes in words before it that are no surname (萧雨欣 … 谢谢雨欣).
    """
    lex = lexicon()
    # First the names that come back in their text, whole or by their given name of two characters: few,
    # and only their texts are looked at again (a million remarks hold half a million names).
    again: dict[int, list[tuple[int, int, int, str]]] = {}
    twice: dict[tuple[int, str], bool] = {}  # `_comes_back`'s counts
    for c in names:
        # The whole name again only where it was found sure (a cue or a form: 和平同志): the model's and the
        # shape rule's names come back too often as what they wrongly were (万丰 of 万丰奥威, 柳林小区).
        sure = c[2] >= FORM_SCORE and c[3] != "name_known"
        if not (3 <= c[1] - c[0] <= 4 or (sure and c[1] - c[0] == 2)):
            continue  # no given name of two to look for, and not a name to look for whole
        i = bisect_right(starts, c[0]) - 1
        text, a, b = texts[i], c[0] - starts[i], c[1] - starts[i]
        if sure and _comes_back(twice, i, text, text[a:b]):
            again.setdefault(i, []).append((a, b, 0, text[a:b]))
        if b - a == 2:
            continue
        k = 2 if text[a:a + 2] in lex.compound else 1 if text[a] in lex.single else 0
        given = text[a + k:b] if k and b - a - k == 2 else ""
        if given and given not in ROLE_WORDS and _comes_back(twice, i, text, given):  # 曾祖父 … 祖父: a kinship word
            again.setdefault(i, []).append((a, b, k, given))
    if not again:
        return [], set()
    ordered = sorted((c[0], c[1], c[3]) for c in names)
    firsts = [a for a, _, _ in ordered]
    out: list[_Candidate] = []
    misread: set[tuple[int, int]] = set()
    for i, found in again.items():
        text, ts = texts[i], starts[i]
        here = [(a - ts, b - ts, rule) for a, b, rule in ordered[bisect_left(firsts, ts):bisect_left(firsts, starts[i + 1])]]
        # A mask of what is named already, not a scan of the spans at every place: a text that names the
        # same person a thousand times would take a thousand cubed.
        taken = bytearray(len(text) + 1)
        for a, b, _ in here:
            taken[a:b] = b"\x01" * (b - a)
        # Where each span starts, and the longest: the spans over a place are found by bisection (`_misread`).
        here_starts, longest = [a for a, _, _ in here], max((b - a for a, b, _ in here), default=0)
        # Each name looked for once, with the surname it was found with (王志明 and 李志明 both say 志明).
        for k, surname, said in dict.fromkeys((k, text[a:a + k], said) for a, _b, k, said in found):
            p = text.find(said)
            while p >= 0:
                q = p + len(said)
                hit = any(taken[p:q])
                wrong: list[tuple[int, int]] = []
                cut = False  # 张仲和（父）、张仲|和妻许氏: the model cut short the full name the text gave before
                if hit and len(said) == 2:
                    near = here[bisect_left(here_starts, p - longest + 1):bisect_left(here_starts, q)]
                    wrong = _cut_short(p - k, p, q, near) if k and text[p - k:p] == surname else []
                    cut = bool(wrong)
                    wrong = wrong or _misread(text, p, q, near)
                # 郑国庆 … |国庆|期间: the word, not the person it names
                word = not hit and text[p - k:p] != surname and (
                    _a_word_here(text, p, q, readings.get(i))
                    or _PLANTS_COUNTED.match(text, q) is not None  # 陈玉兰 … 玉兰| 86株
                )
                if (not hit or wrong) and not word and (cut or not (len(said) == 2 and _in_a_word(text, p, lex.dictionary))):
                    # the full name again: all of it (where the model cut it short too)
                    start = p - k if text[p - k:p] == surname and (cut or not wrong) else p
                    out.append((start + ts, q + ts, MODEL_SCORE, "name_again", FindingKind.PERSON_NAME))
                    taken[start:q] = b"\x01" * (q - start)
                    misread.update((a + ts, b + ts) for a, b in wrong)
                elif hit and k and text[p - k:p] == surname and not any(taken[p - k:p]):
                    # 孔令杰误提包志勇的箱子: the given name was found there, its surname not (提包 is a word); the
                    # full name the text gave before is the one here
                    out.append((p - k + ts, q + ts, MODEL_SCORE, "name_again", FindingKind.PERSON_NAME))
                    taken[p - k:p] = b"\x01" * k
                p = text.find(said, q)
    return out, misread


# What a trade's or an institution's name ends with (“林伟华水果店”, 春雨茶行, 光明灯饰有限公司, 晨光幼儿园): a given
# name that comes back before one within a few characters may be what the shop is named after, and a shop named after
# its owner names a person (README): `_a_word_here` leaves it masked.
_TRADE_AFTER = re.compile(
    "[\u4e00-\u9fff]{0,6}?(?:[店馆庄社坊厂院所司铺堂楼轩阁斋园吧屋厅部场站城档]|[茶商车琴米银布]行|服饰|理发|小吃|"
    "炒粉|首饰|鱼丸|五金|汽修|粮油|花艺|文创|超市|便利|水产|茶业|商贸|贸易|科技|传媒|集团|美容|美发|推拿|足浴|养生|摄影|"
    "装饰|建材|物流|快递|驾校|服装|文具|数码|地产|家政|烧烤|批发|手作|工作室|电器|灯饰|药房|印务|粮库|工地)"
)


def _a_word_here(text: str, p: int, q: int, reading: Reading | None) -> bool:
    """A given name of two that comes back in its text (`_named_again`) is the word it also is there, not the person:
    a common word the model read there and holds no name (below `VETO` on both characters), with no verb, no
    character that follows names (`STOP_CHARS`, `AFTER_NAME`), no pause after it and no trade's name it may stand in
    (`_TRADE_AFTER`) (郑国庆 … |国庆|期间, 刘安全 … |安全|行车; not 林平安 … |平安|认可, 郑曙光 … |曙光|本人, 叫|天天|，,
    柳春雨 … “|春雨|茶行”). In the labelled files such words were never the person (10 on the dev splits, 7 in the
    training files)."""
    after = text[q:q + 2]
    return (
        q - p == 2
        and text[p:q] in lexicon().words
        and reading is not None
        and reading.doubts(p, q, VETO)
        and "\u4e00" <= after[:1] <= "\u9fff"
        and after[:1] not in STOP_CHARS
        and after not in AFTER_NAME
        and not word_pos(after).startswith("v")
        and _TRADE_AFTER.match(text, q) is None  # the one search, last
    )


def _comes_back(counted: dict[tuple[int, str], bool], i: int, text: str, said: str) -> bool:
    """`said` stands twice or more in `text` (the `i`th), counted once a text in `counted`: a line naming 25,000
    people counted the whole line again for each name (four seconds of `count`)."""
    if (i, said) not in counted:
        counted[(i, said)] = text.count(said) >= 2
    return counted[(i, said)]


def _cut_short(s: int, p: int, q: int, spans: Sequence[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """The model's spans (of `spans`, those near) that read a full name the text gave before (its surname at `s`,
    its given name at `p:q`) cut short here: one span from the surname to inside the given name (张仲和 … 张仲|和妻,
    the model read 和 as "and"), and no other span over the name. Else nothing."""
    over = [(a, b, rule) for a, b, rule in spans if a < q and b > s]
    if len(over) == 1 and over[0][2] == "name_model" and over[0][0] == s and p < over[0][1] < q:
        return [(over[0][0], over[0][1])]
    return []


def _misread(text: str, p: int, q: int, spans: Sequence[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """The model's spans (of `spans`, offsets into `text`, those near `p:q`) that misread the given name at
    `p:q`, if every span over it is the model's and each either cuts it (小|满怕生: it starts inside it and runs
    on) or holds it whole with words before it that are no surname (谢谢雨欣). Else nothing: a span holding it
    after a surname (李建国 over 建国) is another person's name, and a rule's span stands."""
    lex = lexicon()
    out: list[tuple[int, int]] = []
    for a, b, rule in spans:
        if b <= p or a >= q:
            continue
        if rule != "name_model":
            return []
        cuts = p < a < q < b  # not a < p < b < q: 赵明|之 … 赵明之 is the other reading's given name cut
        before = text[a:p]
        if not (cuts or (b == q and a < p and before not in lex.compound and before not in lex.single)):
            return []
        out.append((a, b))
    return out


def _list_mates(texts: Sequence[str], starts: Sequence[int], names: Sequence[_Candidate]) -> list[_Candidate]:
    """The items of a list whose neighbour is a name found (听证员胡海、贺强，, 志愿者常青、马力协助): two or
    three Chinese characters between 、 and what ends a list's item that read as a name (`_reads_as_a_name`)
    and name someone (`_names_no_one`: 含乌山、于山、白塔 lists landmarks).
    A list of names goes on naming people; the model, reading one item at a time, doubts a name that is a
    word (马力). The last item may run into what follows (马力|协助) where a word starts right after it and it
    is as long as the name before it. Where a name has another on one side, the list is one of names, and its item on
    the other side is a name where it is no word at all (`_named_in_a_list`: 凤霞、秋菊、冬生、来福)."""
    # Only the texts holding a list's 、 are looked at (few remarks do): no search for each name's text else.
    listed = {i for i, text in enumerate(texts) if "、" in text}
    if not listed:
        return []
    by_text: dict[int, list[tuple[int, int]]] = {}
    for c in names:
        i = bisect_right(starts, c[0]) - 1
        if i in listed:
            by_text.setdefault(i, []).append((c[0] - starts[i], c[1] - starts[i]))
    out: list[_Candidate] = []
    for i, found in by_text.items():
        text = texts[i]
        taken = bytearray(len(text) + 1)
        for a, b in found:
            taken[a:b] = b"\x01" * (b - a)
        todo = list(found)
        while todo:
            a, b = todo.pop()
            # A name with a name before it in the list (or after it) makes a list of names: its next (or previous)
            # item is one too where it is no word at all (凤霞、秋菊、冬生、来福).
            after = _mate_after(text, b, b - a, text[a - 1:a] == "、" and a >= 2 and taken[a - 2] == 1)
            before = _mate_before(text, a, text[b:b + 1] == "、" and taken[b + 1] == 1)
            grew = False
            for mate in (after, before):
                if mate and not any(taken[mate[0]:mate[1]]) and not _names_no_one(text, *mate):
                    taken[mate[0]:mate[1]] = b"\x01" * (mate[1] - mate[0])
                    todo.append(mate)
                    grew = True
                    out.append((mate[0] + starts[i], mate[1] + starts[i], MODEL_SCORE, "name_list", FindingKind.PERSON_NAME))
            if grew:
                todo.append((a, b))  # its new neighbour may make a list of names of it: read its other side again
    return out


def _reads_as_a_name(item: str) -> bool:
    """Two or three Chinese characters that read as a list's name (`_list_mates`): a surname that is no
    ambiguous one (or a compound one) and one or two characters, no function character, no common word
    that is no name people are given, no role word nor a surname with a title."""
    if not (2 <= len(item) <= 3 and all("\u4e00" <= c <= "\u9fff" and c not in STOP for c in item)):
        return False
    lex = lexicon()
    if _a_nickname(item):
        return True
    if item[:2] not in lex.compound and (item[0] not in lex.single or item[0] in lex.ambiguous):
        return False  # a surname that is mostly no surname (文, 多, 水) starts a list's words as often
    if (item in lex.dictionary or item[:2] in lex.words) and item[:2] not in name_words() and word_pos(item[:2]) != "a":
        return False  # 宣传, 南非, 宣传科: words, unless people are named so (马力) or it is an adjective (严峻)
    return item not in ROLE_WORDS and not not_a_name(item) and short_name(item, any_given=True)


def _a_nickname(item: str) -> bool:
    """阿 or 小 and one or two characters (阿杰, 小胖, 小辣椒) or a doubled character (婉婉): a list's item a child or a
    member goes by, beside a name found; not 小 and a surname (小陈), a word (小区, 阿姨) or a role (小组长)."""
    lex = lexicon()
    if len(item) == 2 and item[0] == item[1]:
        return item not in lex.words
    if item[0] not in "阿小" or item in lex.words or (len(item) == 2 and item in lex.dictionary):
        return False  # 小区, 阿姨; a word of three in the dictionary is a nickname as often (小土豆)
    return not not_a_name(item)  # 小陈: an address by surname; 小组长: a role


def _named_in_a_list(item: str) -> bool:
    """An item of two or three Chinese characters that a list of names names someone by: no function character, no
    word, place, role or surname with a title (来福, 冬生 beside 凤霞、秋菊)."""
    lex = lexicon()
    return (
        2 <= len(item) <= 3
        and all("\u4e00" <= c <= "\u9fff" and c not in STOP for c in item)
        and item[-1] not in PLACE_SUFFIX
        and not any(item[k:k + 2] in lex.dictionary or item[k:k + 2] in lex.words for k in range(len(item) - 1))
        and item not in ROLE_WORDS
        and not not_a_name(item)
    )


def _mate_after(text: str, b: int, length: int, listing: bool = False) -> tuple[int, int] | None:
    """The list's item right after a name ending at `b` (of `length` characters), if it reads as a name (or, in a
    `listing` of names, is named so: `_named_in_a_list`)."""
    if text[b:b + 1] != "、":
        return None
    q = b + 1
    for k in (2, 3):
        if text[q + k:q + k + 1] in FIELD_END and (
            _reads_as_a_name(text[q:q + k]) or (listing and _named_in_a_list(text[q:q + k]))
        ):
            return q, q + k
    # The last item, running into what follows: as long as its neighbour, a word starting right after it.
    if text[q + length:q + length + 2] in lexicon().dictionary and _reads_as_a_name(text[q:q + length]):
        return q, q + length
    return None


def _mate_before(text: str, a: int, listing: bool = False) -> tuple[int, int] | None:
    """The list's item right before a name starting at `a`, if it reads as a name (or, in a `listing` of names, is
    named so) and opens after what opens a list's item (：, ，, 、, a role word)."""
    if text[a - 1:a] != "、":
        return None
    e = a - 1
    for k in (2, 3):
        s = e - k
        if s >= 0 and (text[s - 1:s] in _LIST_OPEN or role_before(text, s)) and (
            _reads_as_a_name(text[s:e]) or (listing and _named_in_a_list(text[s:e]))
        ):
            return s, e
    return None


def _in_a_word(text: str, p: int, dictionary: frozenset[str]) -> bool:
    """The two characters at `p` begin or end a longer word or a place (建国|路, 国庆|节, 鼓山|镇, 冷|清)."""
    return (
        text[p + 2:p + 3] in PLACE_SUFFIX or text[p:p + 3] in dictionary or text[p - 1:p + 2] in dictionary
        or (p > 0 and text[p - 1:p + 1] in dictionary)
    )
