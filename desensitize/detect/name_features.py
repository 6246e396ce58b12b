"""Character features for the person-name tagger (`name_model.py`), shared by training and tagging.

One list of feature strings per character: the characters and bigrams in a ±2 window, what each
character of the window is for a name (surname, compound surname, ambiguous surname, common given-name
character, other CJK, digit, Latin, punctuation), whether a dictionary word starts or ends at it, and
its position in jieba's segmentation of the text (B, M, E of a word, S alone; dictionary only, no HMM).
The segmentation tells the tagger what the dictionary flags cannot: which of two overlapping words the
sentence is read as (经|王志强|核实 against 王志|强调). It costs about 1 µs a character (jieba's route
search, in Python) and raised the model's pooled precision and recall on the development splits by about
0.04 and 0.02 (models/README.md).

The feature strings are part of the weights file: changing them means retraining (`scripts/train_names.py`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

FEATURE_VERSION = "2"
_PAD = "␂"  # stands for "outside the text"; never a real character of a remark


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
    from desensitize.detect.names import ambiguous_surnames, common_words, dictionary_words, given_name_chars, surnames

    single, compound = surnames()
    return Lexicon(
        single=single,
        compound=frozenset(compound),
        ambiguous=ambiguous_surnames(),
        given=given_name_chars(),
        words=common_words(),
        dictionary=dictionary_words(),
    )


def char_classes(text: str, lex: Lexicon) -> list[str]:
    """One code per character: C compound-surname start, S surname, A ambiguous surname, G given-name
    character, H other CJK, D digit, L Latin, P anything else. A surname that is also common in given
    names gets a lower-case mark (s, a) so the tagger can tell 张 from 华."""
    out: list[str] = []
    single, ambiguous, given, compound = lex.single, lex.ambiguous, lex.given, lex.compound
    for i, c in enumerate(text):
        if text[i:i + 2] in compound:
            out.append("C")
        elif c in single:
            if c in ambiguous:
                out.append("a" if c in given else "A")
            else:
                out.append("s" if c in given else "S")
        elif c in given:
            out.append("G")
        elif "\u4e00" <= c <= "\u9fff":
            out.append("H")
        elif c.isdigit():
            out.append("D")
        elif c.isascii() and c.isalpha():
            out.append("L")
        else:
            out.append("P")
    return out


@lru_cache(maxsize=1)
def _segmenter():  # type: ignore[no-untyped-def]  # jieba ships no type hints
    """jieba's dictionary segmenter, its prefix-dictionary cache in the user cache folder (not /tmp)."""
    import jieba  # in-function: importing jieba and loading its dictionary costs about a second

    from pipelines.core.cache import cache_dir

    tokenizer = jieba.Tokenizer()
    folder = cache_dir() / "derived"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tokenizer.tmp_dir = str(folder)
    except OSError:
        pass  # jieba then keeps its cache in the temporary folder, or builds the dictionary each time
    jieba.setLogLevel(30)  # its "Building prefix dict" lines are no news to a user
    tokenizer.initialize()
    return tokenizer


def word_positions(text: str) -> str:
    """B, M, E or S for each character of `text`: where it lies in a word of jieba's segmentation."""
    out: list[str] = []
    for word in _segmenter().cut(text, HMM=False):
        out.append("S" if len(word) == 1 else "B" + "M" * (len(word) - 2) + "E")
    return "".join(out)


def features(text: str, lex: Lexicon | None = None) -> list[list[str]]:
    """The feature strings of each character of `text` (same length as `text`)."""
    lex = lex or lexicon()
    n = len(text)
    padded = _PAD + _PAD + text + _PAD + _PAD
    cls = "PP" + "".join(char_classes(text, lex)) + "PP"
    words, dictionary = lex.words, lex.dictionary
    seg = "PP" + word_positions(text) + "PP"
    out: list[list[str]] = []
    for i in range(n):
        j = i + 2  # index into the padded strings
        ll, lc, c, r, rr = padded[j - 2], padded[j - 1], padded[j], padded[j + 1], padded[j + 2]
        k = cls[j - 2:j + 3]
        f = [
            "c=" + c, "l=" + lc, "r=" + r, "ll=" + ll, "rr=" + rr,
            "lc=" + lc + c, "cr=" + c + r, "llL=" + ll + lc, "rRR=" + r + rr, "lr=" + lc + r,
            "k=" + k[2], "k3=" + k[1:4], "k5=" + k, "kl=" + k[:3], "kr=" + k[2:],
            "kc=" + k[1] + c, "ck=" + c + k[3],
            "sg=" + seg[j], "sg3=" + seg[j - 1:j + 2], "sgc=" + seg[j] + c,
        ]
        # Where dictionary words run: a name rarely starts a word with what follows it (王伟|长期) and a
        # surname character inside a word is no surname (经|核实, 黄金).
        if text[i:i + 2] in words:
            f.append("w2s")
        if i and text[i - 1:i + 1] in words:
            f.append("w2e")
        if text[i:i + 3] in dictionary:
            f.append("w3s")
        if i > 1 and text[i - 2:i + 1] in dictionary:
            f.append("w3e")
        if i and text[i - 1:i + 2] in dictionary:
            f.append("w3m")
        out.append(f)
    return out
