"""Chinese person names in free text: context rules over a surname list, plus the extract's own names.

How a name is found (the choice is measured by `scripts/eval_names.py` on `data/names_eval.json`):

* **trigger rules**: a role or kinship word, then a surname and one or two given-name characters
  (户主王秀英, 其子张伟, 委托代理人：欧阳明轩);
* **cue rules**: a surname and given name followed by a word that only follows people
  (王秀英表示, 张伟，男，, 李娜女士, 陈静于2023年, 林峰等3人);
* **lists**: a name found by a rule extends over 、/和/与/及 to the next surname + given name;
* **known names**: exact occurrences of the names held in the extract's own name columns.

The end of a name is ambiguous in Chinese (户主王伟长期患病: 王伟 or 王伟长?). A given-name character
never is a function word (的, 于, 在 …) or an address/organisation suffix (村, 区, 局 …); and when the
last given-name character starts a common word with the character after it (长期, 电话), it is left out.
Common words come from jieba's dictionary (shipped with jieba, no download).

jieba's part-of-speech tagger is kept as a measured alternative (`jieba_names`), not used by default:
it costs about a millisecond per sentence and is far less precise (see the evaluation script).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path

NAME_SCORES = {
    "name_known": 0.95, "name_trigger": 0.85, "name_list": 0.8, "name_cue": 0.75, "name_boundary": 0.6, "name_jieba": 0.6
}

# Words after which a person's name follows (roles in records, decisions and complaints; kinship).
TRIGGERS = (
    "户主 申请人 被申请人 联系人 经办人 当事人 委托代理人 代理人 法定代表人 法人代表 负责人 监护人 投诉人 被投诉人 "
    "举报人 被举报人 受害人 被害人 嫌疑人 违法行为人 被处罚人 驾驶人 驾驶员 车主 业主 承租人 出租人 房东 租户 "
    "家属 亲属 配偶 其子 其女 其妻 其夫 其父 其母 其孙 其兄 其弟 其姐 其妹 之子 之女 之妻 之夫 儿子 女儿 丈夫 妻子 父亲 母亲 "
    "爷爷 奶奶 外婆 外公 孙子 孙女 哥哥 姐姐 弟弟 妹妹 老伴 村民 居民 市民 群众 患者 学生 老人 职工 员工 工人 "
    "农民 姓名 签名 签字人 收件人 寄件人 受送达人 领取人 代领人 救助对象 保障对象 特困人员 死者 伤者 "
    "教师 医生 律师 记者 通讯员 局长 主任 书记 村长 组长 科长 所长 站长 队长 院长 厂长 经理 董事长 总经理 "
    "民警 干部 网格员 社工 工作人员 执法人员 检查人员 审核人 审批人 复核人 登记人 填报人 记录人 调查人 证人 "
    "来电人 求助人 反映人 报案人 报警人 持卡人 开户人 户名 借款人 担保人 购房人 产权人 权利人 继承人 "
    "讲解员 志愿者 网友 市民朋友 居民朋友 小朋友 帮扶人 联络员 信息员 租客 房客 住户 商户 店主 摊主 船主 乘客 房主 屋主 "
    "原告 被告 上诉人 被上诉人 申诉人 第三人 犯罪嫌疑人 被告人 罪犯 老板 店长 厨师 司机 保安 保姆 护工 作者 发明人"
).split()
# Verbs whose object is often a person (判决王伟赔偿, 通知李娜到场). Weaker than a role word: the name
# must not start a common word (要求严格 is not 严格).
VERB_TRIGGERS = (
    "判决 判处 通知 告知 责令 约谈 联系 慰问 看望 探望 走访 帮助 委托 授权 任命 聘请 聘任 交到 交给 转交 送达 "
    "劝导 批评 处罚 传唤 询问 讯问 拘留 逮捕 起诉 表扬 奖励 资助 照顾 陪同 采访 会见 找到 协助 督促"
).split()
# Words that only follow a person's name; the name is read backwards from the cue. Every branch starts
# with a literal character so the regex engine can jump between candidates (see text.py on speed).
CUES = (
    r"先生|女士|同志|老人|老师|师傅|医生|律师|书记|主任|局长|处长|科长|所长|站长|队长|院长|校长|村长|组长|"
    r"县长|市长|镇长|区长|经理|董事长|总经理|夫妇|一家|家属|之子|之女|之妻|之夫|之父|之母|"
    r"的(?:儿子|女儿|妻子|丈夫|父亲|母亲|家属)|等\d+人|等[一二三四五六七八九十两]+人|等人|"
    r"，\s?[男女](?=[，,、）)\s]|性)|,\s?[男女](?=[，,、）)\s]|性)|（\s?[男女](?=[，,、）)\s]|性)|\(\s?[男女](?=[，,、）)\s]|性)|"
    r"（身份证|\(身份证|，身份证|,身份证|（\d{2,3}岁|\(\d{2,3}岁|，\d{2,3}岁|,\d{2,3}岁|"
    r"表示|介绍|说|称|反映|投诉|举报|来电|报警|认为|指出|告诉|提出|承认|陈述|供述|辩称|签字|签名|签收|"
    r"领取|患有|系[本该我]|于(?!是)|户(?=[，,。；;\s]|因|家)"
)
# Characters that never (or almost never) end or fill a given name: function words, verbs that
# follow names, address and organisation suffixes, units. Keeps 王庄村 and 高新区 out.
STOP_CHARS = set(
    "的了着过是在于与和及或并而但因由从自向对把被将已也都又还就才再很最所其之此该这那个些每各某等系均共约即则若如"
    "虽且不没无未非否有要会能可需须得地上下内外前后里间时年日号元万亿岁们者户村镇乡区县市省路街巷局院厅处科室"
    "委会部站队司厂店校馆组楼栋说称讲到去来给让叫请报诉反映患病死亡签收领办交提出入住租买卖借欠付缴营打某先女男"
    "老妻夫父母儿同及等以为据按跟另仍现曾该本我你他她它啊吗呢吧人两"
)
# Surname characters that are also prepositions or conjunctions: in "向王伟表示" the name is 王伟.
FUNCTION_SURNAMES = set("向于和经从将对给让与同以为")


@lru_cache(maxsize=1)
def surnames() -> tuple[frozenset[str], tuple[str, ...]]:
    """(single-character surnames, compound surnames) from data/surnames.txt."""
    text = resources.files("desensitize.data").joinpath("surnames.txt").read_text(encoding="utf-8")
    single: set[str] = set()
    compound: list[str] = []
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        for word in line.split():
            (compound.append(word) if len(word) == 2 else single.add(word))
    return frozenset(single), tuple(compound)


@lru_cache(maxsize=1)
def _dictionary() -> tuple[frozenset[str], frozenset[str]]:
    """(frequent two-character words, all two- and three-character words) of jieba's dictionary,
    leaving out the entries it tags as person names (nr…)."""
    import jieba

    common: set[str] = set()
    every: set[str] = set()
    with (Path(jieba.__file__).parent / "dict.txt").open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) != 3 or not 2 <= len(parts[0]) <= 3 or parts[2].startswith("nr"):
                continue
            every.add(parts[0])
            if len(parts[0]) == 2 and int(parts[1]) >= 50:
                common.add(parts[0])
    return frozenset(common), frozenset(every)


def common_words() -> frozenset[str]:
    """Frequent two-character words that are not person names (长期, 电话, 高度, 黄金 …)."""
    return _dictionary()[0]


def dictionary_words() -> frozenset[str]:
    """Every two- and three-character dictionary word not tagged as a person name (经查, 温泉 …)."""
    return _dictionary()[1]


def _class_without(chars: set[str]) -> str:
    """A regex class of the CJK unified ideographs minus `chars`, as code-point ranges."""
    ranges: list[str] = []
    start = None
    for cp in range(0x4E00, 0x9FFF + 2):
        inside = cp <= 0x9FFF and chr(cp) not in chars
        if inside and start is None:
            start = cp
        elif not inside and start is not None:
            ranges.append(chr(start) if cp - 1 == start else f"{chr(start)}-{chr(cp - 1)}")
            start = None
    return "[" + "".join(ranges) + "]"


# A name at the start of a clause or right after one of these (对王伟作出…, 由王伟负责, 在王伟的帮助下)
# is accepted without a role word when the character after it is a stop character or punctuation.
LEFT_CHARS = r"，。；;：:、！!？?（(“\"\s\x00对请由经向把给让与和及同跟将被叫令据为是见找问帮替派约送了在"
RIGHT_CHARS = r"，。；;：:、！!？?（(）)”\"\s\x00" + "在因于与和及是系为将已曾对向把被从自由等的家同所未不也都又还就才再今现本" \
    "说称表讲到去来给让叫请报诉反患签收领办交提出入住租买卖借欠付缴经打一两二三夫妻父母儿女男老负作担带开获拒承主回申参组"
# Characters that end place and organisation names: 王庄村, 高新区 are not people.
PLACE_SUFFIX = frozenset("村庄镇乡区县市省路街巷局院厅处科委会部站队司厂店校馆园场湖山河江桥岛湾港寺塔楼")


class NameRules:
    """The compiled name rules; one instance serves any number of texts."""

    def __init__(self, known_names: Iterable[str] = ()) -> None:
        single, compound = surnames()
        self.single = single
        self.compound = compound
        self.words = common_words()
        self.dictionary = dictionary_words()
        given = _class_without(STOP_CHARS)
        singles = "[" + "".join(sorted(single)) + "]"
        surname = "(?:" + "|".join(compound) + "|" + singles + ")"
        self.name_regex = f"{surname}{given}{{1,2}}"
        # Triggers and cues are literal-first alternations (a trie for the long trigger list): the regex
        # engine then skips to characters that can start one, which keeps the bulk path fast.
        self.trigger = re.compile(f"{_trie_pattern(TRIGGERS)}[:：\\s]{{0,2}}(?P<n>{self.name_regex})")
        self.verb_trigger = re.compile(f"{_trie_pattern(VERB_TRIGGERS)}了?(?P<n>{self.name_regex})")
        self.cue = re.compile(CUES)
        # A boundary candidate starts with its left neighbour (a character class first, for speed) or at
        # the start of the text.
        self.boundary = re.compile(f"[{LEFT_CHARS}](?P<n>{self.name_regex})(?=[{RIGHT_CHARS}]|$)")
        self.name_at = re.compile(self.name_regex)
        self.known = _known_regex(known_names)

    # -- helpers --------------------------------------------------------------------------------

    def _surname_len(self, text: str, start: int) -> int:
        return 2 if text[start:start + 2] in self.compound else 1

    def _shorten(self, text: str, start: int, end: int) -> int:
        """Drop the last given-name character when it starts a common word with the next one (王伟|长期)."""
        given = end - start - self._surname_len(text, start)
        if given == 2 and text[end - 1:end + 1] in self.words and text[end - 2:end] not in self.words:
            return end - 1
        return end

    def _drop_home(self, text: str, start: int, end: int) -> int:
        """黄莉家的房子: a trailing 家 before 的/中/里/人 is the family's home, not part of the name."""
        if end - start >= 3 and text[end - 1] == "家" and text[end:end + 1] in "的中里人属门":
            return end - 1
        return end

    def _plausible(self, text: str, start: int, end: int) -> bool:
        """Reject a candidate whose surname and first given character form a common word (黄金, 高度)."""
        s = self._surname_len(text, start)
        return s == 2 or text[start:start + 2] not in self.words

    def _glued_left(self, text: str, start: int, pos: int) -> bool:
        """及时维修: the surname character ends a common word with the character before it."""
        return start > pos and text[start - 1:start + 1] in self.words

    def _function_word_start(self, text: str, start: int) -> bool:
        """于白天, 向东部: a preposition that is also a surname, followed by a common word."""
        return text[start] in FUNCTION_SURNAMES and text[start + 1:start + 3] in self.words

    def _is_surname_at(self, text: str, i: int) -> bool:
        return text[i:i + 2] in self.compound or (i < len(text) and text[i] in self.single)

    def _extend_list(self, text: str, start: int, end: int, pos: int, limit: int) -> Iterator[tuple[int, int]]:
        """Further names of a list around a found one: 王秀英、张伟和李娜 (both directions)."""
        e = end
        while e < limit and text[e] in "、和与及":
            m = self.name_at.match(text, e + 1, limit)
            if m is None:
                break
            a, b = m.span()
            b = self._shorten(text, a, b)
            if not self._plausible(text, a, b) or text[b:b + 1] in PLACE_SUFFIX:
                break
            yield a, b
            e = b
        s = start
        while s - 1 > pos and text[s - 1] in "、和与及":
            found = None
            for length in (4, 3, 2):
                a = s - 1 - length
                if a < pos or not self.name_at.fullmatch(text, a, s - 1):
                    continue
                surname = self._surname_len(text, a)
                if length - surname not in (1, 2):
                    continue
                if length == 3 and surname == 1 and text[a] in FUNCTION_SURNAMES and self._is_surname_at(text, a + 1):
                    continue
                found = a
                break
            if found is None or not self._plausible(text, found, s - 1):
                break
            yield found, s - 1
            s = found

    def _add(self, out: list[tuple[int, int, float, str]], text: str, s: int, e: int, rule: str, pos: int, limit: int) -> None:
        out.append((s, e, NAME_SCORES[rule], rule))
        out.extend((a, b, NAME_SCORES["name_list"], "name_list") for a, b in self._extend_list(text, s, e, pos, limit))

    # -- finding --------------------------------------------------------------------------------

    def find(self, text: str) -> list[tuple[int, int, float, str]]:
        """Names in `text` as (start, end, score, rule); may overlap, callers resolve.

        `text` may be many texts joined by NUL (the bulk path): every rule stops at NUL. A NUL is put
        in front too, so a text's first character is handled the same whether it is alone or joined.
        """
        return [(s - 1, e - 1, score, rule) for s, e, score, rule in self._find("\x00" + text, 1, len(text) + 1)]

    def _find(self, text: str, pos: int, limit: int) -> list[tuple[int, int, float, str]]:
        out: list[tuple[int, int, float, str]] = []
        if self.known is not None:
            for m in self.known.finditer(text, pos, limit):
                self._add(out, text, m.start(), m.end(), "name_known", pos, limit)
        for m in self.trigger.finditer(text, pos, limit):
            s = m.start("n")
            e = self._shorten(text, s, m.end("n"))
            if self._function_word_start(text, s) or text[s:e] in self.words:  # 村民白天清理: 白天 is a word
                continue
            self._add(out, text, s, e, "name_trigger", pos, limit)
        for m in self.verb_trigger.finditer(text, pos, limit):
            s = m.start("n")
            e = self._shorten(text, s, m.end("n"))
            if self._plausible(text, s, e) and not self._function_word_start(text, s) and text[s:e] not in self.dictionary:
                self._add(out, text, s, e, "name_trigger", pos, limit)
        for m in self.cue.finditer(text, pos, limit):
            c = m.start()
            for length in (4, 3, 2):  # the longest name that ends at the cue, as a left-to-right regex finds
                s = c - length
                if s >= pos and self.name_at.fullmatch(text, s, c):
                    break
            else:
                continue
            if c - s == 3 and text[s] in FUNCTION_SURNAMES and text[s + 1] in self.single:
                s += 1  # 向王伟表示: the name starts after the preposition
            if self._plausible(text, s, c) and not self._glued_left(text, s, pos):
                self._add(out, text, s, c, "name_cue", pos, limit)
        for m in self.boundary.finditer(text, pos - 1, limit):
            s = m.start("n")
            e = self._drop_home(text, s, self._shorten(text, s, m.end("n")))
            if (
                self._plausible(text, s, e)
                and not self._function_word_start(text, s)
                and not self._glued_left(text, s, pos)
                and text[s:e] not in self.dictionary
                and text[s:s + 2] not in self.dictionary
                and text[e:e + 1] not in PLACE_SUFFIX
            ):
                self._add(out, text, s, e, "name_boundary", pos, limit)
        return out


def _trie_pattern(words: Iterable[str]) -> str:
    """A regex alternation of `words` as a trie: each branch starts with a literal, shared prefixes once."""
    trie: dict[str, dict] = {}
    for w in words:
        node = trie
        for c in w:
            node = node.setdefault(c, {})
        node[""] = {}

    def size(node: dict) -> int:
        return sum(size(v) if k else 1 for k, v in node.items())

    def build(node: dict) -> str:
        # Most names first; a child branch before the end-of-word alternative (longest match first).
        branches = sorted(((k, v) for k, v in node.items() if k), key=lambda kv: -size(kv[1]))
        parts = [re.escape(k) + build(v) for k, v in branches]
        if "" in node:
            parts.append("")
        return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"

    return build(trie)


def _known_regex(names: Iterable[str]) -> re.Pattern[str] | None:
    """One regex for the known names (a trie); only 2–6 Chinese characters count as a name."""
    clean = {n.strip() for n in names if n}
    clean = {n for n in clean if 2 <= len(n) <= 6 and all("\u4e00" <= c <= "\u9fff" or c == "·" for c in n)}
    return re.compile(_trie_pattern(clean)) if clean else None


def jieba_names(text: str, surname_filter: bool = False) -> list[tuple[int, int]]:
    """Spans jieba's POS tagger labels nr/nrt/nrfg (the measured baseline; not used by default)."""
    import jieba.posseg as pseg

    out: list[tuple[int, int]] = []
    pos = 0
    single, compound = surnames()
    for word, flag in pseg.cut(text):
        start = text.find(word, pos)
        pos = start + len(word)
        if flag in ("nr", "nrt", "nrfg"):
            if surname_filter and not (2 <= len(word) <= 4 and (word[0] in single or word[:2] in compound)):
                continue
            out.append((start, pos))
    return out
