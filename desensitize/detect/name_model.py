"""The statistical person-name tagger: a character CRF trained on public corpora (see models/README.md).

Rules find names in the ways someone wrote down; the model finds names by how Chinese names look in
context, learnt from annotated news, social media, résumés and remark-style sentences. It is the slow
part of name detection (about 1.4 µs a character, tagged in numpy: `name_crf.py`), so it runs only
where it can change the outcome (`candidates`):

* at a *candidate*: a surname followed by a Chinese character that may start a given name, the two
  making no common word, the surname ending no common word with the character before it; a surname
  that is mostly a preposition (于, 向 …) or a word's first character (但, 经, 花 …) only before two
  characters common in given names (于春燕, 花艳红; not 于本月, 花园);
* not covered by a name another method already found (a known name of the extract, a rule);
* over the whole text once it has a candidate, or a window of ±`WINDOW` characters around each
  candidate in a text longer than `PROSE_MAX`; since round 12 a text of at most `PROSE_MAX` characters
  is read whole even with no candidate (`Gate.unopened`): names that are words (方向, 建平) open none.

The weights (`desensitize/models/names.crfsuite`) are read once per process, on first use.

*Decoding favours recall.* A character is tagged a name when the model's marginal probability that it
belongs to a name reaches the model's `threshold` (kept in `names.json` beside the weights and chosen on
the development splits by `scripts/eval_names.py --thresholds`), not only where the single most likely
tagging (Viterbi) puts a name: a name the model holds 30 % likely is masked rather than published.
"""

from __future__ import annotations

import json
import os
import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from desensitize.detect.name_batch import KeyIndex, pair_keys, word_set
from desensitize.detect.name_crf import Crf
from desensitize.detect.name_dotted import DOTS
from desensitize.detect.name_features import Lexicon, lexicon
from desensitize.detect.names import (
    ATTRIBUTE_HINT,
    FUNCTION_SURNAMES,
    KIN_AFTER,
    ROLE_WORDS,
    VERB_TRIGGERS,
    attributes_at,
    name_words,
    rare_surnames,
)

MODEL_PATH = Path(str(resources.files("desensitize.models").joinpath("names.crfsuite")))
META_PATH = MODEL_PATH.with_suffix(".json")
# Readings of texts (and windows) shorter than this are remembered, up to `_CACHE_SIZE` of them (about
# 20 MB at most; the cache starts over when full): remarks repeat (约谈核实，本人电话…), narratives seldom.
_REMEMBERED = 60
_CACHE_SIZE = 100_000
# A text with a candidate is read whole: the model then also finds the names the gate has no candidate for
# (foreign names, a name after a word: 看望|巴金, a given name alone: 户主万福来, 请向东升) and reads each
# name with all its context. Up to round 7 only texts of 60 characters or more were, the others around
# their candidates: tagging with crfsuite took 10 µs a character. Tagging in numpy, round 8, dev:
# dev-remarks-2 R 0.992 → 0.995, dev-remarks-3 0.982 → 0.985, dev-remarks-4 0.978 → 0.981, MSRA 0.891 →
# 0.893; precision dev-remarks 0.978 → 0.975, dev-remarks-4 0.984 → 0.981 (平安, 冰心文学馆, 老林);
# detector CPU on 300,000 benchmark remarks 4.7 → 5.5 s (the model reads 719,000 characters instead of
# 155,000), as much as crfsuite took for the windows alone.
_CHINESE = re.compile("[\u4e00-\u9fff]")
PROSE_MAX = 1_000  # a longer text is read around its candidates: whole, its arrays would take MBs
WINDOW = 10  # characters each side of a candidate: the features see ±2, the transitions carry a little further
_ROLE_WORDS = ROLE_WORDS | frozenset(VERB_TRIGGERS)  # 孙子, 原告 …: the words before a name, never one
_PRONOUNS = frozenset("他她它你您我")  # no name starts with one (叫她|秀姐: the model took the pronoun in)
# Function characters after which a surname character starts no name (王的, 李是). Not 其: it is common in
# given names (钱其琛, 孙其峰), and 尤其, 极其 are words the gate skips anyway.
STOP = frozenset("的了着过是在于与和及或并而但因由从自向对把被将已也都又还就才再很最所之此该这那个些每各某等系均共约即则")


# Foreign names written in Chinese characters start with no surname: the model reads them (its news corpora
# hold thousands), but the gate never opened a window on them (法国队教练|雅凯|说, 门将|布拉基玛|). The
# characters of transliteration (Xinhua's usage), a run of them three or more long that holds one of the
# commoner name endings (斯 尔 娃 娜 克 特 …), or two long that holds one of those seldom in a Chinese word
# (琼斯, 威曼 does not pass). Round 6, dev: MSRA recall 0.873 → 0.886 at the same precision, remark splits
# unchanged; a numpy pass of 0.1–0.25 s a million remarks, and its windows there are mostly read already (马娜).
TRANSLITERATION = (
    "凡阿埃艾安奥巴拜班邦贝本比彼毕宾波伯布查达戴丹德迪蒂丁杜多厄恩法菲费芬丰弗福盖戈格贡古圭哈海汉豪赫亨"
    "胡霍基吉加贾杰捷卡凯坎康考柯科克肯库夸奎拉莱赖兰朗劳勒雷里利连琳卢鲁伦罗洛马迈麦曼芒梅门蒙米敏莫默穆"
    "纳奈南内尼涅宁努诺帕潘佩彭皮普齐奇恰乔切钦琼丘萨塞桑瑟森沙尚舍什斯苏索塔泰坦汤特滕图托瓦万威韦维温沃"
    "乌西希谢辛休雅亚扬耶伊因尤扎泽詹祖佐娃娜莎丝黛妮夫姆茨兹尔娅莉"
)
TRANSLITERATION_MARKS = "斯尔娃娜莎丝蒂黛妮夫姆茨兹琳莉娅拉克特"
TRANSLITERATION_PAIR = "斯娃娜莎丝黛妮茨兹娅"
RUN, RUN_MARK, PAIR_MARK = 1, 2, 4  # the bits of the table `Joined.find_runs` reads
_ZERO = np.zeros(1, dtype=np.int8)

# What stands before a given name alone (`Gate.alone`): a clause boundary, the text's start, a verb or
# preposition that takes a person, the end of a kinship or role word (女儿|小敏, 其妻|, 代办人|海凯, 证人|)
# and of 问一下, 昨晚 (问了下|慧敏, 昨晚|). Round 7, with its model, those ends: dev-remarks-3 R 0.969 →
# 0.972 (P 0.965 → 0.966), other dev splits unchanged; on 300,000 benchmark remarks 12 more names, all
# proxies the extract's name column does not hold (代办人海凯, 代办人文雪燕: their surnames are words'
# starts, so no candidate opened); places to read in 200,000 benchmark remarks 1,082 → 5,807, detector
# time within noise. Round 10: the close of a chat paste's mark (【群聊】|秀英姐).
_ALONE_LEFT = "，。；：、！？ \u3000\x00】跟请和找让给叫与同由交转把问了知儿子女妻夫母父哥姐弟妹人下晚"


# What a person does right after being named in a colleague's note (海燕说, 立新你把…, 国庆请假了, 志刚那边):
# after such a word, a given name that is also a word (海燕, 国庆) is read by the model as well. Round 6, on
# the dev splits: dev-remarks recall 0.984 → 0.987, dev-remarks-2 0.986 → 0.988, dev-remarks-3 0.949 →
# 0.951, no split's precision lower; on the fourth batch of training remarks before it was trained on,
# 0.643 → 0.667 at the same precision (0.940). 安全说到底, 经济表示 stay words: the model decides (round 9's
# model reads 安全 there as a name: a strict xfail in the tests).
# What a person is handed to do counts too (转|佳佳|处理): dev-remarks-3 0.968 → 0.969. Round 10: 名下 (季风|名下两套
# 房产): with 】 in `_ALONE_LEFT`, names missed on the dev remark splits 52 → 50, the same findings on 300,000
# benchmark remarks.
_PERSON_NEXT = frozenset("说讲称你")
_PERSON_NEXT2 = frozenset({
    "表示", "反映", "请假", "回复", "那边", "来电", "打电", "刚打", "留言", "确认", "答复", "签字", "负责",
    "处理", "办理", "跟进", "核实", "落实", "对接", "签收", "回电", "已于", "已将", "名下",
    "领走", "领取", "已领",
})


# 阿 before a character common in given names makes a nickname (阿兰, 阿珍) as often as a word (阿姨 is none: 姨
# is no given-name character). 阿 is an ambiguous surname, read only before two given-name characters; round
# 10: as a nickname's start before one, names missed on the dev remark splits 46 → 45 (校车安全员阿兰每天…).
_NICKNAME = ord("阿")


# What hands a matter to a person or asks one, right before a name (已转|方志远|处理, 问了|黄海滨|，): after
# them a surname that starts a word (黄海, 方案) or is mostly a preposition is read all the same. Round 6,
# dev: dev-remarks R 0.987 → 0.989, dev-remarks-2 0.988 → 0.991, dev-remarks-3 0.967 → 0.968, no split's
# precision lower. Not 联系 (联系|方式 in every other benchmark remark) and not 户主 (户主|张: the cue rule
# reads those): with them the detector took 0.3 s more on 300,000 benchmark remarks, without them 0.1–0.2.
_HANDS_TO = frozenset("转交请由让找叫给")
_HANDS_TO2 = frozenset({"问了", "通知", "告知", "转给", "交给", "市民", "回访", "来电", "约谈", "委托"})


# How one addresses or speaks of a person right after the name: a kinship word, 同志, what a person does.
_ADDRESSED = KIN_AFTER | _PERSON_NEXT
_ADDRESSED2 = _PERSON_NEXT2 | {"同志"}


def _addressed(text: str, p: int) -> bool:
    """What stands at `p` is how one addresses or speaks of a person by the name before it (`_ADDRESSED`)."""
    return text[p:p + 1] in _ADDRESSED or text[p:p + 2] in _ADDRESSED2


@dataclass(frozen=True, slots=True)
class Reading:
    """What the model made of a text: its name spans, and its belief, per character, that the character
    belongs to a name (1 + 254 × the marginal probability, rounded down: 1–255; 0 where the model did not read)."""

    spans: list[tuple[int, int]]
    belief: bytes

    def doubts(self, a: int, b: int, veto: float) -> bool:
        """True when the model read `a:b` and holds every character of it less likely than `veto` to be a name."""
        return 0 < max(self.belief[a:b], default=0) < 1 + 254 * veto


@dataclass(frozen=True)
class Joined:
    """Many texts joined once by NUL, so that each of the gate's patterns scans them all in one pass in C."""

    texts: Sequence[str]
    string: str
    offsets: list[int]  # where each text starts in `string`

    @classmethod
    def of(cls, texts: Sequence[str]) -> Joined:
        """The texts joined. \x00 is no Chinese character: no match runs across two texts; the leading one
        lets a pattern see a text's start as it sees a clause boundary."""
        offsets: list[int] = []
        pos = 1
        for t in texts:
            offsets.append(pos)
            pos += len(t) + 1
        return cls(texts, "\x00" + "\x00".join(texts), offsets)

    def at(self, pos: np.ndarray, shift: int) -> np.ndarray:
        """The code points `shift` places from the positions `pos` of the joined string (NUL past its ends)."""
        where = pos + shift
        inside = (where >= 0) & (where < len(self.codes))
        return np.where(inside, self.codes[np.clip(where, 0, len(self.codes) - 1)], 0)

    def find_runs(self, kinds: np.ndarray) -> dict[int, list[int]]:
        """Where a run of characters marked in `kinds` (a table of bits over the Basic Multilingual Plane:
        `RUN`, `RUN_MARK`, `PAIR_MARK`) starts that is three or more long and holds one marked `RUN_MARK`,
        or exactly two long and holds one marked `PAIR_MARK`, as `find` gives them. One gather over the
        code points, then work on the runs alone."""
        bits = kinds[self.codes]
        edges = np.diff(np.concatenate((_ZERO, (bits & RUN).view(np.int8), _ZERO)))
        starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
        if not len(starts):
            return {}
        length = ends - starts

        def holding(mark: int) -> np.ndarray:  # which runs hold a character marked `mark`
            at = np.flatnonzero(bits & mark)
            run = np.searchsorted(starts, at, side="right") - 1
            held = np.zeros(len(starts), dtype=bool)
            held[run[(run >= 0) & (at < ends[np.maximum(run, 0)])]] = True
            return held

        keep = ((length >= 3) & holding(RUN_MARK)) | ((length == 2) & holding(PAIR_MARK))
        return self.by_text(starts[keep])

    @cached_property
    def codes(self) -> np.ndarray:
        """The joined string's code points, those beyond the plane as U+FFFF (marked in no table); computed
        once for the scans that share it."""
        return np.minimum(np.frombuffer(self.string.encode("utf-32-le", "surrogatepass"), dtype=np.uint32), 0xFFFF)

    def by_text(self, pos: np.ndarray) -> dict[int, list[int]]:
        """Positions in the joined string (ascending) as text index → positions in that text."""
        if not len(pos):
            return {}
        offsets = np.asarray(self.offsets)
        index = np.searchsorted(offsets, pos, side="right") - 1
        local = (pos - offsets[index]).tolist()
        starts = [0, *(np.flatnonzero(np.diff(index)) + 1).tolist()]
        ends = [*starts[1:], len(local)]
        which = index[starts].tolist()
        return {i: local[a:b] for i, a, b in zip(which, starts, ends)}

    def holding(self, pattern: re.Pattern[str]) -> list[int]:
        """The indices of the texts `pattern` matches in, ascending: after a match the search goes on from the
        next text's start (a hint such as [姐哥伯] matches many times in a text; one is enough)."""
        out: list[int] = []
        offsets, string = self.offsets, self.string
        search, last = pattern.search, len(offsets) - 1
        group = 1 if pattern.groups else 0  # as `find`: a pattern may match from the NUL before a text (\x00|，)(字|号)
        at = 0
        while (m := search(string, at)) is not None:
            p = m.start(group)
            i = bisect_right(offsets, p if p >= 0 else m.start()) - 1  # an optional group that took no part
            if i > (out[-1] if out else -1):
                out.append(i)
            if i >= last:
                break
            # From the NUL before the next text, where such a match starts; past this match at least (one that
            # matches the NUL itself, with no group to place it, belongs to the text before and must not repeat).
            at = max(offsets[i + 1] - 1, m.start() + 1)
        return out

    def find(self, pattern: re.Pattern[str]) -> dict[int, list[int]]:
        """Where `pattern` matches in each text (where its group 1 starts, if it has one): text index →
        positions in that text. Texts without a match are not in the result."""
        out: dict[int, list[int]] = {}
        offsets, end = self.offsets, len(self.string) + 1
        i, nxt = -1, 0
        group = 1 if pattern.groups else 0  # where the pattern marks the position with a group (`Gate.alone`)
        for m in pattern.finditer(self.string):
            p = m.start(group)
            if p >= nxt:
                i = bisect_right(offsets, p) - 1
                nxt = offsets[i + 1] if i + 1 < len(offsets) else end
            out.setdefault(i, []).append(p - offsets[i])
        return out


@dataclass(frozen=True, slots=True)
class Gate:
    """Which positions of a text are worth the model's time (see the module docstring)."""

    words: frozenset[str]
    name_words: frozenset[str]  # words people are named (马力, 建新: `names.name_words`): read as any two characters
    # A name-starting character followed by a Chinese character that is no function word, as two boolean
    # tables over the Basic Multilingual Plane (`Gate.scan`).
    starting: np.ndarray
    following: np.ndarray
    dictionary: frozenset[str]  # every two- and three-character word that is no name
    alone: re.Pattern[str]  # a given name alone (问了|晓红, 请|志明同志): its group 1 is the name's start
    foreign: np.ndarray  # the characters of a foreign name in Chinese characters (琼斯): `Joined.find_runs`
    # What `scan` asks of every candidate at once in numpy: sets of two characters as hash tables
    # (`name_batch.word_set`, asked with `pair_keys`) and of one as boolean tables. `words`, the compound
    # surnames and `_HANDS_TO2`; the surnames far more often prepositions (于, 向) or a word's start (花,
    # 和), the given-name characters and `_HANDS_TO`.
    word_pairs: KeyIndex
    compound_pairs: KeyIndex
    hands_pairs: KeyIndex
    preposition_table: np.ndarray
    given_table: np.ndarray
    hands_table: np.ndarray
    addressed_table: np.ndarray  # `_addressed` as tables: its characters, and its pairs
    addressed_pairs: KeyIndex

    def scan(self, joined: Joined) -> dict[int, list[int]]:
        """Where a possible name starts in each of `joined`'s texts, as `Joined.find` gives them: a
        name-starting character before a Chinese one that is no function word, unless the two make a
        word, or the character and the one before it do (经|核实, 黄金), or the character is mostly a
        preposition (于本月, 向社区; not 于春燕: a surname and two given-name characters) — and in both
        cases not after what hands a matter to a person (已转|方志远, 问了|黄海滨) nor before what a person
        does (`_addressed`: 黄山|反映, 成功|同志), nor 阿 before a given-name character (阿兰). The same
        tests as a loop over the candidates would make, for all the texts' candidates at once (1.7 million
        in a million remarks)."""
        codes = joined.codes
        pos = np.flatnonzero(self.starting[codes[:-1]] & self.following[codes[1:]])
        if not len(pos):
            return {}
        here, nxt = codes[pos], codes[pos + 1]
        before, after = joined.at(pos, -1), joined.at(pos, 2)
        pair = pair_keys(here, nxt)
        skip = ~self.compound_pairs.has(pair) & (
            self.word_pairs.has(pair) | self.word_pairs.has(pair_keys(before, here))
            | (self.preposition_table[here] & ~(self.given_table[nxt] & self.given_table[after]))
        )
        hands = self.hands_table[before] | self.hands_pairs.has(pair_keys(joined.at(pos, -2), before))
        addressed = self.addressed_table[after] | self.addressed_pairs.has(pair_keys(after, joined.at(pos, 3)))
        nickname = (here == _NICKNAME) & self.given_table[nxt]  # 安全员|阿兰|每天: 阿 and a given-name character
        return joined.by_text(pos[~(skip & ~hands & ~addressed & ~nickname)])

    def candidates(
        self, text: str, covered: Sequence[tuple[int, int]] = (), raw: Iterable[int] | None = None, also: Iterable[int] = ()
    ) -> list[int]:
        """Start positions of possible names not inside `covered` spans, in order. `raw`: where `scan` found
        possible names in `text`, when the caller scanned many texts at once.
        `also`: positions to read whatever the gate thinks of them (names another method found), unless
        `covered` holds them (王伟 of the extract's 王伟明 is decided already)."""
        out: list[int] = []
        inside: bytearray | None = None
        if raw is None:
            raw = self.scan(Joined.of([text])).get(0, [])
        for i in raw:
            if covered:
                if inside is None:  # a mask, not a scan of `covered` per candidate: a long text has thousands
                    inside = _mask(text, covered)
                if inside[i]:
                    continue
            out.append(i)
        if also:
            inside = inside if inside is not None or not covered else _mask(text, covered)
            out = sorted({*out, *(k for k in also if inside is None or not inside[k])})
        return out

    def unopened(self, joined: Joined, raw: dict[int, list[int]]) -> dict[int, list[int]]:
        """The texts of at most `PROSE_MAX` characters that hold a Chinese character and no candidate (`raw`,
        from `scan`): text index → the place of their first Chinese character, for the caller to read them
        whole from (as `also`). A name the gate skips because it is a word or a place too (4/8 徐海|领走, 回访
        市民黄河，, 出纳古月已将) is found only if the model reads it, and the model reads a text whole once
        anything opens it. Round 12, on the dev splits: names missed on the remark splits 87 → 76 of 8,264,
        remark precision 0.9555 → 0.9549, MSRA dev recall 0.894 → 0.906; the detector's time on the dev sets
        5 to 50 % more (news and résumés the most). On 300,000 benchmark remarks the model reads 39,561 texts
        (1.51 million characters) instead of 28,994 (1.18 million), with the same findings."""
        out: dict[int, list[int]] = {}
        for i, text in enumerate(joined.texts):
            if i not in raw and text and len(text) <= PROSE_MAX:
                m = _CHINESE.search(text)
                if m is not None:
                    out[i] = [m.start()]
        return out

    def nameless(self, joined: Joined) -> dict[int, list[int]]:
        """Where a name may stand that starts with no surname, so `candidates` has none there: before a
        person's attributes (热依拉|（维吾尔族）, 吐尔逊|，男，), at a given name alone (问了|晓红|也说,
        not 同志) and at a foreign name in Chinese characters (门将|布拉基玛|). Text index → positions to
        read, as `Joined.find`; the caller reads them as `also`."""
        out: dict[int, list[int]] = {}
        texts = joined.texts
        for i, hints in joined.find(ATTRIBUTE_HINT).items():
            ends = [q - 1 for q in (attributes_at(texts[i], h) for h in hints) if q > 0]
            if ends:
                out[i] = ends
        for i, found in joined.find(self.alone).items():
            text = texts[i]
            starts = [
                p for p in found
                if (text[p:p + 2] not in self.words and text[p:p + 2] not in self.dictionary)
                or text[p:p + 2] in self.name_words or _addressed(text, p + 2)
            ]
            if starts:
                out.setdefault(i, []).extend(starts)
        for i, found in joined.find_runs(self.foreign).items():
            out.setdefault(i, []).extend(found)
        return out


@lru_cache(maxsize=1)
def gate() -> Gate:
    """The gate built from the shipped surname list and dictionary."""
    lex = lexicon()
    named = name_words()
    first = lex.single | rare_surnames() | {c[0] for c in lex.compound}  # the model reads rare surnames too
    # What may follow: a Chinese character that is no function word (于是, 王的 are skipped at once). 于 ends
    # three compound surnames (单于, 淳于, 鲜于): after their first character it is no function word.
    starting = np.zeros(0x10000, dtype=bool)
    starting[[ord(c) for c in first]] = True
    following = np.zeros(0x10000, dtype=bool)
    following[0x4E00:0xA000] = True  # the CJK unified ideographs
    following[[ord(c) for c in set(STOP) - {"于"}]] = False
    # An ambiguous surname (花, 和, 明 …: far more often part of a word) is a candidate only as a preposition
    # is, before two characters common in given names (花艳红, not 花园). Round 3, on the dev splits: MSRA
    # Chinese-name recall 0.951 → 0.954, Resume 0.980 → 0.990, remarks ±1 name, no measurable cost.
    # A given name alone, as staff notes write colleagues and neighbours (问了楼下的晓红也说, 请志明同志阅办,
    # 丽萍那边说): two characters common in given names after a clause boundary or a verb that takes a
    # person. The left character comes first so the regex engine skips to it; `Gate.nameless` drops pairs
    # that are words. Round 4 also asked for what follows a person after the pair (说, 那边, a comma …);
    # round 5 dropped that: on the studied dev-remarks-4, recall 0.832 → 0.845 (dev-remarks-3 0.947 →
    # 0.949), other dev splits unchanged; 3,000 places in a million benchmark remarks instead of 30, 0.09 s
    # more to find them, detector time within noise (their windows repeat).
    foreign = np.zeros(0x10000, dtype=np.uint8)
    for bit, chars in ((RUN, TRANSLITERATION), (RUN_MARK, TRANSLITERATION_MARKS), (PAIR_MARK, TRANSLITERATION_PAIR)):
        foreign[[ord(c) for c in chars]] |= bit
    given = re.escape("".join(sorted(lex.given)))
    alone = re.compile(f"[{re.escape(_ALONE_LEFT)}]([{given}][{given}])")
    return Gate(
        words=lex.words,
        name_words=named,
        starting=starting, following=following,
        dictionary=lex.dictionary, alone=alone,
        foreign=foreign,
        # Words people are named open candidates: round 8, dev-remarks-3 R 0.985 → 0.989 (马力, 海峰, 建新),
        # dev-remarks-2 0.995 → 0.998, dev-remarks-4 0.981 → 0.982, no remark split's precision lower (Weibo
        # dev one false name more); on 300,000 benchmark remarks 5 more texts read.
        word_pairs=_pairs(lex.words - named),
        compound_pairs=_pairs(lex.compound),
        # and the ends of role words in 人 (代办人|丁艳, 人丁 a word; 代办人|江海燕): round 7, on 100,000
        # benchmark remarks the names not wholly masked 79 → 71 (proxies the extract does not hold), 12 more
        # windows read in 300,000; dev-remarks-3 R 0.974 → 0.975, other dev splits unchanged
        hands_pairs=_pairs(_HANDS_TO2 | {w[-2:] for w in ROLE_WORDS if len(w) >= 3 and w.endswith("人")}),
        preposition_table=_table("".join(FUNCTION_SURNAMES | lex.ambiguous)),
        given_table=_table("".join(lex.given)),
        hands_table=_table("".join(_HANDS_TO)),
        # and where the two characters are followed by what a person does (黄山|反映, 成功|同志, 和平|已于):
        # round 8, dev-remarks-3 R 0.989 → 0.990, dev-remarks-4 0.982 → 0.984, dev-remarks-2 0.998 → 1.000,
        # MSRA dev P 0.915 → 0.914; no more texts read in 300,000 benchmark remarks
        addressed_table=_table("".join(_ADDRESSED)),
        addressed_pairs=_pairs(_ADDRESSED2),
    )


def _table(chars: str) -> np.ndarray:
    """A boolean table over the Basic Multilingual Plane, true at `chars`."""
    table = np.zeros(0x10000, dtype=bool)
    table[[ord(c) for c in chars if ord(c) < 0x10000]] = True
    return table


def _pairs(words: Iterable[str]) -> KeyIndex:
    """The words of two characters among `words`, as a set `scan` asks with `pair_keys`. (`Joined.codes`
    reads a character beyond the plane as U+FFFF, so a word holding one is never found, as before.)"""
    return word_set(w for w in words if len(w) == 2)


# What `look_many` is asked for one text: the text, the spans others found that the model need not read
# around, the gate's candidates in it (`Gate.scan`, None: find them) and positions to read all the same.
Ask = tuple[str, Sequence[tuple[int, int]], Iterable[int] | None, Sequence[int]]
_BATCH = 200_000  # characters tagged at once: the passes' arrays stay within tens of MB


_HAN_RUN = re.compile(f"[\u4e00-\u9fff{DOTS}]+")


def _han_runs(text: str, a: int, e: int) -> list[tuple[int, int]]:
    """Where the model's span `text[a:e]`, no name as it stands, holds Latin letters or digits: its runs of Chinese
    characters (子轩|T刹还不会, 诗琪|S 子豪|L: the model half believed the letters after the names, so its span took
    them in, and a name runs into no Latin letter); else none."""
    if not any(c.isascii() and c.isalnum() for c in text[a:e]):
        return []
    return [(m.start(), m.end()) for m in _HAN_RUN.finditer(text, a, e)]


class NameModel:
    """Tags person names with the shipped CRF. One per process is enough (`name_model()`)."""

    key = "name_model"

    def __init__(self, path: Path = MODEL_PATH, threshold: float | None = None) -> None:
        """Check the weights file exists; it is read on first use. `threshold`: the decision threshold,
        else the one recorded beside the weights."""
        if not path.exists():
            raise FileNotFoundError(f"name model weights missing: {path} (run scripts/train_names.py)")
        self.path = path
        self.threshold = recorded_threshold(path) if threshold is None else threshold
        self.lex: Lexicon = lexicon()
        self.gate = gate()
        self._cache: dict[str, Reading] = {}

    @cached_property
    def crf(self) -> Crf:
        """The weights, read once (numpy arrays only: safe to share between threads)."""
        return Crf(self.path, self.lex)

    def tag(self, text: str) -> list[tuple[int, int]]:
        """Name spans in the whole of `text` (no gate)."""
        return self.read(text).spans

    def read(self, text: str) -> Reading:
        """The model's reading of the whole of `text` (no gate)."""
        return self.read_many([text])[0]

    def read_many(self, texts: Sequence[str]) -> list[Reading]:
        """The model's reading of the whole of each of `texts` (no gate), tagged a batch at a time."""
        out: list[Reading] = []
        batch: list[str] = []
        size = 0
        for text in texts:
            batch.append(text)
            size += len(text)
            if size >= _BATCH:
                out.extend(self._read_batch(batch))
                batch, size = [], 0
        return out + self._read_batch(batch) if batch else out

    def _read_batch(self, texts: Sequence[str]) -> list[Reading]:
        tagged = self.crf.tag(texts)
        o, b, i = (self.crf.labels.index(x) for x in "OBI")
        p = tagged.marginals
        # One belief a character: 1 + 254 × its marginal probability of belonging to a name, rounded down.
        # Never 0 where read: 0 means "not read" to `Reading.doubts`.
        belief = np.floor(255.5 - 254 * p[:, o]).astype(np.uint8)
        labels = tagged.labels
        ends = np.cumsum(tagged.lengths)
        starts = ends - tagged.lengths
        first = np.zeros(len(labels) + 1, dtype=bool)
        first[starts] = True
        first = first[:-1]
        named = labels != o
        turned = ~named & (belief >= 1 + 254 * self.threshold) if self.threshold < 0.5 else np.zeros_like(named)
        named |= turned
        after_name = np.concatenate(([False], named[:-1])) & ~first
        if turned.any():
            # Viterbi's labels, with every O whose name belief reaches the threshold turned into B or I
            # (whichever the model holds likelier, B after an O), so that a name the model half believes is masked.
            labels = labels.copy()
            labels[turned] = np.where((p[turned, b] >= p[turned, i]) | ~after_name[turned], b, i)
        going_on = np.concatenate((labels[1:] == i, [False])) & ~np.concatenate((first[1:], [True]))
        span_starts = np.flatnonzero(named & ((labels == b) | ~after_name))
        span_ends = np.flatnonzero(named & ~going_on) + 1
        of_text = np.searchsorted(starts, span_starts, side="right") - 1
        spans: dict[int, list[tuple[int, int]]] = {}
        for t, a, e in zip(of_text.tolist(), span_starts.tolist(), span_ends.tolist()):
            text, a0 = texts[t], int(starts[t])
            # Only a span that is no name as it stands is looked into (few are: most are Chinese characters alone).
            kept = [(a - a0, e - a0)] if self._plausible(text[a - a0:e - a0]) else [
                (ra, rb) for ra, rb in _han_runs(text, a - a0, e - a0) if self._plausible(text[ra:rb])
            ]
            if kept:
                spans.setdefault(t, []).extend(kept)
        raw = belief.tobytes()
        return [Reading(spans.get(t, []), raw[s:e]) for t, (s, e) in enumerate(zip(starts.tolist(), ends.tolist()))]

    def _plausible(self, span: str) -> bool:
        """A span worth masking as a name: two or more Chinese characters (or the dot of minority and foreign
        names, however it is typed: ·, •, ・; round 35: 迪力夏提•玉素甫 was no name), not a role or kinship word, not
        starting with a pronoun (`_PRONOUNS`). The news corpora label a lone surname before a title (江|主席) as a
        name; in a remark 陈先生 names nobody, and the surname alone is what a mask keeps."""
        return len(span) >= 2 and span[0] not in _PRONOUNS and span not in _ROLE_WORDS and all("\u4e00" <= c <= "\u9fff" or c in DOTS for c in span)

    def look(
        self, text: str, covered: Sequence[tuple[int, int]] = (), raw: Iterable[int] | None = None, also: Sequence[int] = ()
    ) -> Reading:
        """The model's reading of `text` around the gate's candidates outside `covered` (`raw`: see
        `Gate.candidates`), and around the positions `also` (names another method found, to be weighed)."""
        return self.look_many([(text, covered, raw, also)])[0]

    def look_many(self, asks: Sequence[Ask]) -> list[Reading]:
        """`look` for many texts, the model tagging all they need read in one batch."""
        plans: list[list[tuple[int, int]]] = []  # the windows to read of each text: all of it, or none
        wanted: dict[str, None] = {}
        for text, covered, raw, also in asks:
            starts = self.gate.candidates(text, covered, raw, also)
            windows = [] if not starts else [(0, len(text))] if len(text) <= PROSE_MAX else _windows(starts, len(text))
            plans.append(windows)
            wanted.update((text[ws:we], None) for ws, we in windows if text[ws:we] not in self._cache)
        fresh = dict(zip(wanted, self.read_many(list(wanted))))
        return [self._assemble(text, windows, fresh) for (text, *_), windows in zip(asks, plans)]

    def _assemble(self, text: str, windows: list[tuple[int, int]], fresh: dict[str, Reading]) -> Reading:
        """The reading of `text` from those of its `windows`."""
        if not windows:
            return Reading([], b"")
        if windows == [(0, len(text))]:
            return self._reading(text, fresh)
        spans: list[tuple[int, int]] = []
        belief = bytearray(len(text))
        for ws, we in windows:
            found = self._reading(text[ws:we], fresh)
            belief[ws:we] = found.belief
            for a, b in found.spans:
                # A span cut by the window edge is read again by no one: keep it only whole.
                if (a > 0 or ws == 0) and (b < we - ws or we == len(text)):
                    spans.append((a + ws, b + ws))
        return Reading(spans, bytes(belief))

    def _reading(self, piece: str, fresh: dict[str, Reading]) -> Reading:
        """The reading of a text or window: remembered, just read, or (remembered when planned and
        forgotten since: the cache started over) read now. Remembered if short."""
        found = self._cache.get(piece) or fresh.get(piece) or self.read(piece)
        if len(piece) < _REMEMBERED and piece not in self._cache:
            if len(self._cache) >= _CACHE_SIZE:
                self._cache.clear()
            self._cache[piece] = found
        return found


def recorded_threshold(path: Path) -> float:
    """The decision threshold recorded beside the weights (`names.json`), 0.5 (Viterbi) when none is."""
    meta = path.with_suffix(".json")
    if meta.exists():
        return float(json.loads(meta.read_text(encoding="utf-8")).get("threshold", 0.5))
    return 0.5


def _mask(text: str, covered: Sequence[tuple[int, int]]) -> bytearray:
    """1 at each position of `text` inside a `covered` span, else 0 (one longer, for the end)."""
    inside = bytearray(len(text) + 1)
    for a, b in covered:
        inside[a:b] = b"\x01" * (b - a)
    return inside


def _windows(starts: list[int], n: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s in starts:
        a, b = max(0, s - WINDOW), min(n, s + WINDOW)
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def _spans(labels: Sequence[str]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    start = -1
    for i, tag in enumerate(labels):
        if tag == "B" or (tag == "I" and start < 0):
            if start >= 0:
                out.append((start, i))
            start = i
        elif tag == "O" and start >= 0:
            out.append((start, i))
            start = -1
    if start >= 0:
        out.append((start, len(labels)))
    return out


@lru_cache(maxsize=1)
def name_model() -> NameModel | None:
    """The process-wide model (weights read on first tagging): the shipped weights, or the file named by
    `OPENDATA_NAME_MODEL` (a department's retrained model, see desensitize/models/README.md); None when
    that variable is `none` (rules only: for before/after measurements, never for a publication)."""
    override = os.environ.get("OPENDATA_NAME_MODEL", "").strip()
    if override.lower() == "none":
        return None
    return NameModel(Path(override) if override else MODEL_PATH)
