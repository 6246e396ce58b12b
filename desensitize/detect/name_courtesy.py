"""The other names a record gives a person: a courtesy name and a literary one (陈其绶（1918—2004），字伯韬; 郑大经，
字纶卿，号半樵), the name in a genealogy or another name (谱名郑大经, 又名郑纶), a pen name, a religious one (法号,
经名).

Local chronicles' biographies, genealogies, tomb inscriptions and archives name a person and then the names they
went by, each after its label. Those names are words more often than not (通达, 干臣, 子政), so neither the rules
nor the model read them. After a label of two characters (自号, 又名, 谱名, 笔名, 法号 …) two or three characters up
to the next punctuation are a name. 字 and 号 alone start many words (字迹, 号码, 字口清晰, 号嘴): after them the name
must make no word with the label, and the clause before must end in a person: a surname among its last four
characters (郑世桢，字干臣), a life's years in brackets (（1918—2004），字伯韬), or another such name (字纶卿，号半樵).
Some labels name a name wherever they stand, after a separator or not: a dharma name (出家后法名悟真), a stage name
(艺名小金宝), a childhood name (乳名依松), a school name, the name before (原名, 俗名), a nickname (绰号).
"""

from __future__ import annotations

import re

from desensitize.detect.names import STOP_CHARS, dictionary_words, surnames

_SEPARATORS = "，,；;（(。：:\n 、—"  # a dash too: a list of people and their names (宋知秋—号闽山散人)
_LABELS = "(字|号|自号|别号|晚号|又号|一名|又名|谱名|法号|法名|道号|经名|笔名|讳)"
# Labels that name a name wherever they stand, after a separator or not (出家后法名悟真, 另有艺名小月红, 乳名依松): a
# stage name, a childhood name, a school name, the name before one took another (原名, 俗名), a nickname, and the
# name of the dead as tomb inscriptions give it (公讳世英, 孺人讳静淑, 考讳德源; not 忌讳, 避讳).
_NAME_LABELS = "(法名|法号|艺名|乳名|小名|学名|原名|俗名|本名|别名|绰号|外号|谱名|笔名|讳(?<![忌避]讳))"  # literal first: a fast scan
# A label right after a separator or a text's start (the texts joined, each after a NUL; group 1, where the match's
# text is: `name_model.Joined.find`), or one of `_NAME_LABELS`: only where the finder can read a name, not at every 号
# of 号码 or 公民身份号码. Two patterns, each a fast scan over a million remarks (as one, with a look-behind, it took
# four times as long as both).
HINTS = (re.compile(f"[\x00{_SEPARATORS}]{_LABELS}"), re.compile(_NAME_LABELS))
# An archive's "not known yet" after a label (原名待查, 法名待考, 俗名不详, 原名未详): 不 and 未 are in `STOP_CHARS`.
_UNKNOWN = frozenset("待")
# The name, in quotation marks or not (笔名“南台客”, 艺名"小桃红"): two to four characters up to the next punctuation;
# four only after a literary name's label (`_LONG_LABELS`: 号三山渔叟, 自号半闲居士).
_AFTER = "([“\"「]?)([\u4e00-\u9fff]{2,4}?)(?=[，,。；;、）)\\s”\"」｜|/]|$)"
# The labels after which a name of four characters is one: literary names (居士, 山人, 渔叟 …) and pen and stage names.
_LONG_LABELS = frozenset({"号", "自号", "别号", "晚号", "又号", "道号", "笔名", "艺名"})
# What ends many literary names (榕溪老人, 三山道人, 九峰山人, 三山散人, 闽江渔父, 江村樵夫): 人, 父 and 夫 are
# characters no other name holds.
_LITERARY_ENDS = ("老人", "道人", "山人", "散人", "渔父", "樵夫")
# Between a name's label and a quoted name, a verb that gives it (艺名为“林悠悠”, 本名叫“王二”): only before a quotation.
_GIVES = "(?:(?:为|是|叫|改为|改成)(?=[“\"「]))?"
_NAMED = re.compile(f"(?:^|(?<=[{_SEPARATORS}])){_LABELS}{_AFTER}|{_NAME_LABELS}{_GIVES}{_AFTER}")


def courtesy_names(text: str) -> list[tuple[int, int]]:
    """Spans of the names `text` gives after a courtesy, literary, genealogy or religious name's label."""
    words = dictionary_words()
    single, compound = surnames()
    out: list[tuple[int, int]] = []
    quotes, counted = 0, 0  # the straight quotation marks before `counted`, counted on as the matches go (linear)
    for m in _NAMED.finditer(text):
        at = 1 if m.group(1) else 4
        label, quote, name = m.group(at), m.group(at + 1), m.group(at + 2)
        if len(name) == 4 and label not in _LONG_LABELS:
            continue  # 小名大名混写: four characters after another label are a clause, not a name
        if quote == '"':
            quotes, counted = quotes + text.count('"', counted, m.start(at + 1)), m.start(at + 1)
            if quotes % 2:
                continue  # "曾用名/笔名"栏填: the mark closes a quotation that holds the label
        if quote and text[m.end(at + 2):m.end(at + 2) + 1] not in '”"」':
            continue  # an opened quotation holds the name whole
        own = name[:-2] if label in _LONG_LABELS and len(name) > 2 and name.endswith(_LITERARY_ENDS) else name  # 榕溪|老人
        if own.endswith("之"):
            own = own[:-1]  # 字勉之, 字敬之: a courtesy name's common last character, a function character elsewhere
        if any(c in STOP_CHARS for c in own) or label[-1] + name[0] in words or name[0] in _UNKNOWN:
            continue  # 原名称, 别名单: the label's last character starts a word with what follows; 原名待查
        if len(label) == 1 and at == 1:  # 字 or 号 after a separator (讳 anywhere is one of `_NAME_LABELS`)
            if label + name[0] in words or label + name[:2] in words:
                continue  # 字迹|潦草, 号码|略
            end = m.start(at) - 1  # the separator before the label
            start = end
            while start > 0 and text[start - 1] not in _SEPARATORS:
                start -= 1
            clause = text[start:end]
            if not (
                quote  # 号“三山散人”: a quoted name after the label
                or clause.endswith(("）", ")"))
                or (out and out[-1][1] == end)
                or any(len(clause) >= k and (clause[-k] in single or clause[-k:-k + 2] in compound) for k in (2, 3, 4))
            ):
                continue  # 铜质，号嘴遗失: the clause before names no one
        out.append(m.span(at + 2))
    return out
