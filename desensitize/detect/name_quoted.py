"""Names in quotes that a record says are what a name field holds: 原登记姓名“林诗函”有误, 申请单名字写成"图尔孙",
报名表"队员姓名"一栏写"阿宝", 认养牌写中文名“贝卢卡”.

Records that correct a name quote it as it was written, and what they quote is often no name a reader knows: a
wrong character (林诗函 for 林诗涵), a transliteration misspelt (图尔孙), a nickname (阿宝), a foreigner's Chinese
name (贝卢卡). The rules and the model read a part of it or none. What stands in quotes right after 姓名, 中文名 or
曾用名 (a name field, its column or its line: 姓名一栏写"…", 姓名误录为“…”), or after 名字 and a verb of writing it
(名字写成"…", 名字改为“…”), is the name as the record wrote it, whole: two to six characters of Chinese, or up to
twelve with the dot of a minority name. 名字 alone before quotes is what a name means or sounds like (名字“犯冲”),
and a pseudonym (“某某”) names no one.

A record that gives a name's variant quotes it after 作 or writes it after 一作, 又作, 或作 (县志作“张縉”, 吴达，一作吴逵),
and one that corrects a name field writes the wrong name after the field's verb (姓名误写为何美花): such a variant is a
name where it reads as one (a surname, one or two more characters, no word and no place).

A signature quoted after 署, 落款 or the inscription labels of calligraphy, paintings and steles (款, 款识, 题款, 上款,
下款, 末署) names its writer, and a seal's legend quoted after 钤 its owner where it ends as a seal does (“林廷瑞印”,
“克勤之印”). Archives and museums catalogue them so, and a writer signs with a literary name no reader knows (逸园,
竹坪, 季和). The name is what is left of the signature's last clause without the verb of writing, the wish or the
seal after it (录, 书于听雨轩, 仁兄大人雅正, 敬赠, 合十, 时年七十有六, 之印), the date before it (壬午秋日), and the
humble or official style before it (弟, 门人, 八十老人, 乡贡进士): one to four characters, none that no name holds (署"烈士后人", 落款"合乡公立",
款"侯官县印", "听雨楼" are no one).
"""

from __future__ import annotations

import re

from desensitize.detect.name_dotted import DOTS, holds_dot
from desensitize.detect.names import (
    PLACE_SUFFIX,
    ROLE_WORDS,
    STOP_CHARS,
    ambiguous_surnames,
    every_word,
    never_given_chars,
    surname_length,
)

_OPEN, _CLOSE = "[“\"「『]", "[”\"」』]"
# Where the finder can read a name: a name field's label, a signature's or a seal's, 作 before a quote and 一作 …, as
# literal strings (a scan of classes and optional characters took five times as long).
HINT = re.compile("姓名|名字|中文名|曾用名|署|款|钤|作“|作\"|作「|作『|一作|又作|或作|讹作")
_WRITTEN = "(?:误录为|误写为|误写成|录为|写成|写为|写作|填写为|填为|登记为|应为|改为|更正为)"
# A signature quoted after its label: not 签署, 部署 (签署“承诺书”), nor 款 of money (贷款, 罚款, 捐款“爱心款”).
_SIGNED = re.compile(
    f"(?:署名|(?<![签部公官专])署|落款|款识|(?<![贷罚捐存借欠付汇拨退余条赔])款|(?P<seal>钤))[为是：:]?{_OPEN}([^”\"」』]{{1,16}}){_CLOSE}"
)
# A name's variant that a record gives (县志作“张縉”, 吴达，一作吴逵) or the name a field wrongly held (姓名误写为何美花):
# quoted after 作, or bare after 一作, 又作, 或作, 讹作 or a name field's verb of writing, up to the punctuation.
_END = "(?=[，,。；;、）)]|$)"
_VARIANT = re.compile(
    f"作{_OPEN}([\u4e00-\u9fff]{{2,4}}){_CLOSE}|(?:[一又或讹]作|姓名{_WRITTEN})([\u4e00-\u9fff]{{2,3}}){_END}"
)
# What a signature writes after the name: the verb of writing or setting up, a letter's close, a wish to its receiver
# (仲良仁兄大人雅正), where it was written (书于听雨轩), a seal's ending; and before it: the date (壬午秋日, with its
# cyclical year or a numeral), the writer's humble or official style.
# Those of two characters the name policy knows too: where the model's name runs into the first of them (甘露敬|录,
# 仲良仁|兄), it ends before it (`name_policy._before_signing`).
SIGNING = ("敬录", "敬赠", "敬贺", "敬献", "敬撰", "敬题", "拜撰", "拜题", "拜书", "敬书", "合十", "顿首", "仁兄", "时年")
_AFTER_NAME = re.compile(
    f"(?:(?:泣血)?谨识|等?敬立|等?立石?|{'|'.join(SIGNING)}|手书|未定草|指墨|戏笔|书画|学画|女史写?|老人"
    "|兄|仁兄.*|先生.*|时年.*|[书写]于.*"
    "|之印|私印|[撰识书写录草篆题记画绘作藏存赠印])$"
)
_SEAL_END = re.compile("(?:之印|私印|印|藏书|珍藏|藏本|鉴藏|读过)$")
_DATED = re.compile("^(.*[年月日])")
_DATE_MARK = re.compile("[甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥]|[〇零一二三四五六七八九十廿卅百0-9]")
_STYLE = re.compile(
    "^(?:.{0,8}?(?:进士|举人|会魁|秀才|庠生)|[一二三四五六七八九十]+老人|嗣法门人|门人|法弟|愚弟|晚生|后学|学生|孤子|[儿弟侄孙徒])"
)
# No signature's name ends so: a studio, a hall, a county's or a prefecture's seal, an honorific (合乡公立).
_NOT_LAST = frozenset("楼屋堂轩馆阁县府公")
_QUOTED = re.compile(
    f"(?:(?:姓名|中文名字?|曾用名){_CLOSE}?(?:一?栏)?(?:{_WRITTEN}|填|写|为|是)?[：:]?|名字{_WRITTEN})"
    f"{_OPEN}([\u4e00-\u9fff{DOTS}]{{2,12}}){_CLOSE}"
)


def quoted_names(text: str) -> list[tuple[int, int]]:
    """Spans of the names `text` quotes as a name field's content (module docstring)."""
    quoted = [m for m in _QUOTED.finditer(text) if len(m.group(1)) <= 6 or holds_dot(m.group(1))]
    spans = {m.span(1) for m in quoted if "某" not in m.group(1)}  # not “某某”: a pseudonym
    for m in _VARIANT.finditer(text):
        at = 1 if m.group(1) else 2
        if _a_surnames_name(m.group(at)):
            spans.add(m.span(at))
    for m in _SIGNED.finditer(text):
        if m.group("seal") is None or _SEAL_END.search(m.group(2)):
            spans.update(_signers(m.group(2), m.start(2)))
    return sorted(spans)


def _signers(signature: str, at: int) -> list[tuple[int, int]]:
    """Spans (offset by `at`) of the names a signature's last clause signs with: each item of a list (通理、通智等立石)
    without what a signature writes around its name (module docstring)."""
    clause_at = max(signature.rfind(c, 0, len(signature.rstrip("，,。 "))) for c in "，,。") + 1
    out: list[tuple[int, int]] = []
    start = at + clause_at
    for item in signature[clause_at:].rstrip("，,。 ").split("、"):
        a, b = 0, len(item)
        if (tail := _AFTER_NAME.search(item)) is not None:
            b = tail.start()
        if (dated := _DATED.match(item, 0, b)) is not None and _DATE_MARK.search(dated.group(1)):
            a = dated.end()
        if (style := _STYLE.match(item, a, b)) is not None:
            a = style.end()
        name = item[a:b]
        if 1 <= len(name) <= 4 and _reads_as_a_signer(name):
            out.append((start + a, start + b))
        start += len(item) + 1
    return out


def _a_surnames_name(name: str) -> bool:
    """A variant is a name where it reads as one: a surname (a compound one, or a single one that is no frequent word's
    character) and one or two characters that fill given names, no word (安静) and no place (卫钱街)."""
    k = surname_length(name)
    return (
        (k == 2 or (k == 1 and name[0] not in ambiguous_surnames()))
        and 1 <= len(name) - k <= 2
        and not STOP_CHARS.intersection(name[k:])
        and name not in every_word()  # jieba's, with the words it tags as names (安静 is one)
        and name[-1] not in PLACE_SUFFIX
    )


def _reads_as_a_signer(name: str) -> bool:
    """Characters a writer signs with: Chinese, none that fills no given name, no role, pseudonym or wife's style."""
    return (
        all("\u4e00" <= c <= "\u9fff" for c in name)
        and not never_given_chars().intersection(name)
        and name not in ROLE_WORDS
        and "某" not in name
        and "氏" not in name
        and name[-1] not in _NOT_LAST
    )
