"""Character features for the person-name tagger (`name_model.py`), shared by training and tagging.

One list of feature strings per character: the characters and bigrams in a ±2 window, what each
character of the window is for a name (surname, compound surname, ambiguous surname, common given-name
character, other CJK, digit, Latin, punctuation), whether a dictionary word starts or ends at it, and
its position in jieba's segmentation of the text (B, M, E of a word, S alone; dictionary only, no HMM).
The segmentation tells the tagger what the dictionary flags cannot: which of two overlapping words the
sentence is read as (经|王志强|核实 against 王志|强调). It raised the model's pooled precision and recall
on the development splits by about 0.04 and 0.02 (models/README.md).

The feature strings are part of the weights file: changing them means retraining (`scripts/train_names.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

FEATURE_VERSION = "2"
_SURROGATE = re.compile("[\ud800-\udfff]")
PAD = "␂"  # stands for "outside the text"; never a real character of a remark


@dataclass(frozen=True, slots=True)
class Lexicon:
    """What the features know about characters and words (loaded once from desensitize/data and jieba)."""

    single: frozenset[str]
    compound: frozenset[str]
    ambiguous: frozenset[str]
    given: frozenset[str]
    words: frozenset[str]  # frequent two-character words that are no names
    dictionary: frozenset[str]  # every two- and three-character word that is no name


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicon of the shipped data files (cached: one per process)."""
    from desensitize.detect.names import (
        ambiguous_surnames,
        common_words,
        dictionary_words,
        given_name_chars,
        rare_surnames,
        surnames,
    )

    single, compound = surnames()
    return Lexicon(
        single=single - rare_surnames(),  # as the model was trained: the rare ones came later
        compound=frozenset(compound),
        ambiguous=ambiguous_surnames(),
        given=given_name_chars(),
        words=common_words(),
        dictionary=dictionary_words(),
    )


# The classes `char_classes` gives, in the order of their codes in `name_batch` (P first: it is also
# what stands outside the text).
CLASSES = "PCSAasGHDL"
# The segmentation marks of `word_positions`, and P outside the text.
POSITIONS = "PBMES"


def char_class(c: str, lex: Lexicon) -> str:
    """The class of one character, a compound surname aside (`char_classes`)."""
    if c in lex.single:
        if c in lex.ambiguous:
            return "a" if c in lex.given else "A"
        return "s" if c in lex.given else "S"
    if c in lex.given:
        return "G"
    if "\u4e00" <= c <= "\u9fff":
        return "H"
    if c.isdigit():
        return "D"
    if c.isascii() and c.isalpha():
        return "L"
    return "P"


def char_classes(text: str, lex: Lexicon) -> list[str]:
    """One code per character: C compound-surname start, S surname, A ambiguous surname, G given-name
    character, H other CJK, D digit, L Latin, P anything else. A surname that is also common in given
    names gets a lower-case mark (s, a) so the tagger can tell 张 from 华."""
    compound = lex.compound
    return ["C" if text[i:i + 2] in compound else char_class(c, lex) for i, c in enumerate(text)]


def segmentable(text: str) -> str:
    """`text` with each lone surrogate (what Python's surrogateescape makes of bytes that are no UTF-8) as
    U+FFFD, one for one: the segmenter takes only UTF-8, and a surrogate is no word's character anyway."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def word_positions(text: str) -> str:
    """B, M, E or S for each character of `text`: where it lies in a word of jieba's dictionary
    segmentation (no HMM). rjieba (jieba-rs, Rust) computes the same segmentation as jieba's Python
    code with the same dictionary — identical on all 82,585 training sentences — in a tenth of the time."""
    import rjieba  # in-function: loading its dictionary is only worth it where a text is tagged

    out: list[str] = []
    for word in rjieba.cut(segmentable(text), False):
        out.append("S" if len(word) == 1 else "B" + "M" * (len(word) - 2) + "E")
    return "".join(out)


# The feature templates: a name, and the characters that follow "name=" in the feature string, each as a
# stream and an offset from the character tagged. The streams: the text's characters (p), their classes
# (k, `char_classes`) and their places in jieba's words (s, `word_positions`); outside the text, p reads
# `PAD` and k and s read P. Built as strings here (training); as numbers, the same templates, in
# `name_batch.py` (tagging).
TEMPLATES: tuple[tuple[str, tuple[tuple[str, int], ...]], ...] = (
    ("c", (("p", 0),)), ("l", (("p", -1),)), ("r", (("p", 1),)), ("ll", (("p", -2),)), ("rr", (("p", 2),)),
    ("lc", (("p", -1), ("p", 0))), ("cr", (("p", 0), ("p", 1))), ("llL", (("p", -2), ("p", -1))),
    ("rRR", (("p", 1), ("p", 2))), ("lr", (("p", -1), ("p", 1))),
    ("k", (("k", 0),)), ("k3", (("k", -1), ("k", 0), ("k", 1))),
    ("k5", (("k", -2), ("k", -1), ("k", 0), ("k", 1), ("k", 2))),
    ("kl", (("k", -2), ("k", -1), ("k", 0))), ("kr", (("k", 0), ("k", 1), ("k", 2))),
    ("kc", (("k", -1), ("p", 0))), ("ck", (("p", 0), ("k", 1))),
    ("sg", (("s", 0),)), ("sg3", (("s", -1), ("s", 0), ("s", 1))), ("sgc", (("s", 0), ("p", 0))),
)
# Where dictionary words run, features with no value: a word of `Lexicon.words` starts at the character
# (w2s) or ends there (w2e); one of `Lexicon.dictionary` starts there (w3s), ends there (w3e) or has it in
# the middle (w3m). A name rarely starts a word with what follows it (王伟|长期) and a surname character
# inside a word is no surname (经|核实, 黄金). w3s and w3m read three characters, fewer at the text's end
# (`flags`).
FLAGS = ("w2s", "w2e", "w3s", "w3e", "w3m")


def features(text: str, lex: Lexicon | None = None) -> list[list[str]]:
    """The feature strings of each character of `text` (same length as `text`): `TEMPLATES`, then `FLAGS`.

    Built a template at a time (one list comprehension each, then zipped): the same strings in the same
    order as a loop over the characters, in about half the time."""
    lex = lex or lexicon()
    n = len(text)
    streams = {
        "p": PAD + PAD + text + PAD + PAD,
        "k": "PP" + "".join(char_classes(text, lex)) + "PP",
        "s": "PP" + word_positions(text) + "PP",
    }
    at = range(2, n + 2)  # indices into the padded streams
    columns = [_column(name + "=", [(streams[x], o) for x, o in parts], at) for name, parts in TEMPLATES]
    out = [list(f) for f in zip(*columns)]
    for i, names in flags(text, lex).items():
        out[i].extend(names)
    return out


def flags(text: str, lex: Lexicon) -> dict[int, list[str]]:
    """The `FLAGS` of the characters of `text` that have any: position → their names, in `FLAGS` order."""
    words, dictionary = lex.words, lex.dictionary
    out: dict[int, list[str]] = {}
    for i in range(len(text)):
        f = [
            name for name, on in (
                ("w2s", text[i:i + 2] in words),
                ("w2e", i > 0 and text[i - 1:i + 1] in words),
                ("w3s", text[i:i + 3] in dictionary),
                ("w3e", i > 1 and text[i - 2:i + 1] in dictionary),
                ("w3m", i > 0 and text[i - 1:i + 2] in dictionary),
            ) if on
        ]
        if f:
            out[i] = f
    return out


def _column(prefix: str, parts: list[tuple[str, int]], at: range) -> list[str]:
    """One template's strings over the positions `at` of the padded streams."""
    if len(parts) == 1:
        (x, o), = parts
        return [prefix + x[j + o] for j in at]
    if len(parts) == 2:
        (x, o), (y, q) = parts
        return [prefix + x[j + o] + y[j + q] for j in at]
    x, o = parts[0]  # three or five running characters of one stream
    width = len(parts)
    return [prefix + x[j + o:j + o + width] for j in at]
