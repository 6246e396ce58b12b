"""The name tagger's features for many texts at once, as numbers: what `name_features.features` builds as
strings one text at a time, for tagging in numpy (`name_crf.py`).

A feature string such as ``k5=PPSGH`` is a template (`name_features.TEMPLATES`) and the codes it reads:
here it is one 64-bit key, the template's number in the top bits and each code's bits below (a character's
code point, 21 bits; a class, 4; a segmentation mark, 3). The texts are joined into one padded array of code points,
so that each template's keys for every character of every text are a few array operations, and the
model's weights for them one lookup: in a plain table where a template's codes are few (`small_keys`),
else in a hash table (`KeyIndex`). Tagging with crfsuite from the feature
strings took 9.4 µs a character; in numpy it takes 1.4, of which these features and their weights 1.0
(`benchmarks/name_model_speed.py`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from desensitize.detect.name_features import CLASSES, FLAGS, PAD, POSITIONS, TEMPLATES, Lexicon, char_class, segmentable

BITS = {"p": 21, "k": 4, "s": 3}  # the bits of one code of each stream
# A key's template number stands in its top bits, above the codes of the widest template (two characters, 42
# bits), so keys of templates of different widths never meet. Until round 26 the number stood right above each
# template's own codes: the key of ``c=─`` (U+2500) was that of ``sg3=SPP``, and a model trained on text holding
# such a character would not load ("keys must be distinct").
NUMBER_SHIFT = 58
_EMPTY = np.uint64(0xFFFF_FFFF_FFFF_FFFF)  # no key: a template number never reaches the top bits
_MULT = np.uint64(0x9E37_79B9_7F4A_7C15)  # Fibonacci hashing: the top bits of key × 2^64/φ


class KeyIndex:
    """A hash table from 64-bit keys to numbers, looked up for a whole array of keys at once (open
    addressing, linear probing, a quarter full). A binary search over the sorted keys took about 100 ns
    a key; this about 15. The features of two characters and the dictionary's words are looked up here."""

    def __init__(self, keys: np.ndarray, values: np.ndarray) -> None:
        """`keys`: distinct uint64 keys; `values`: the number of each (int32)."""
        keys = np.asarray(keys, dtype=np.uint64)
        if len(np.unique(keys)) != len(keys):
            raise ValueError("KeyIndex: keys must be distinct")
        bits = max(4, (4 * len(keys)).bit_length())
        self._shift = np.uint64(64 - bits)
        self._mask = (1 << bits) - 1
        self.keys = np.full(1 << bits, _EMPTY, dtype=np.uint64)
        self.values = np.full(1 << bits, -1, dtype=np.int32)
        # Inserted a round at a time: each round, of the keys that want a free slot the first takes it and
        # the others move one slot on. A key placed in round r has r taken slots before it, so a lookup
        # may stop at the first free slot.
        pending = np.arange(len(keys))
        slot = self._slot(keys)
        while len(pending):
            free = self.keys[slot] == _EMPTY
            want, at = pending[free], slot[free]
            _, first = np.unique(at, return_index=True)
            self.keys[at[first]] = keys[want[first]]
            self.values[at[first]] = values[want[first]]
            placed = np.zeros(len(keys), dtype=bool)
            placed[want[first]] = True
            moving = ~placed[pending]
            pending, slot = pending[moving], (slot[moving] + 1) & self._mask

    def _slot(self, keys: np.ndarray) -> np.ndarray:
        return ((keys * _MULT) >> self._shift).astype(np.intp)

    def get(self, keys: np.ndarray, missing: int = -1) -> np.ndarray:
        """The number of each of `keys` (uint64), `missing` for those not in the table."""
        out = np.full(len(keys), missing, dtype=np.int32)
        which = np.arange(len(keys))
        slot = self._slot(keys)
        while len(which):
            there = self.keys[slot]
            hit = there == keys
            out[which[hit]] = self.values[slot[hit]]
            on = ~hit & (there != _EMPTY)
            which, keys, slot = which[on], keys[on], (slot[on] + 1) & self._mask
        return out

    def has(self, keys: np.ndarray) -> np.ndarray:
        """Which of `keys` are in the table."""
        return self.get(keys) >= 0


def word_keys(words: Iterable[str]) -> np.ndarray:
    """Words as keys: their code points, 21 bits each (a word of three fits in 63)."""
    out = []
    for w in words:
        key = 0
        for c in w:
            key = (key << 21) | ord(c)
        out.append(key)
    return np.array(out, dtype=np.uint64)


def word_set(words: Iterable[str]) -> KeyIndex:
    """Words as a `KeyIndex` to ask `has` of, their keys as `word_keys` and `pair_keys` make them."""
    keys = np.unique(word_keys(words))
    return KeyIndex(keys, np.zeros(len(keys), dtype=np.int32))


def pair_keys(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """The keys of the two-character words `first[i] second[i]` (code points), as `word_keys` makes them."""
    return (first.astype(np.uint64) << np.uint64(21)) | second.astype(np.uint64)


@dataclass(frozen=True)
class Tables:
    """What the features look up, as arrays: the lexicon's words as hash tables (`Lexicon.words`,
    `Lexicon.dictionary`, the compound surnames) and the class of each character."""

    common: KeyIndex
    dictionary: KeyIndex
    compound: KeyIndex
    classes: np.ndarray  # the class code of each character of the Basic Multilingual Plane (`char_class`)


@lru_cache(maxsize=4)
def tables_of(lex: Lexicon) -> Tables:
    """The tables of `lex` (built once: about a second)."""

    code = {c: i for i, c in enumerate(CLASSES)}
    classes = np.array([code[char_class(chr(cp), lex)] for cp in range(0x10000)], dtype=np.uint64)
    return Tables(word_set(lex.words), word_set(lex.dictionary), word_set(lex.compound), classes)


@dataclass(frozen=True)
class Streams:
    """Texts joined with two `PAD` between them and at both ends, as the three streams the templates read
    (`name_features.TEMPLATES`): code points (p), class codes (k) and segmentation codes (s), each a
    uint64 array over the joined string. `at`: where each text's characters stand in it, text after text."""

    p: np.ndarray
    k: np.ndarray
    s: np.ndarray
    at: np.ndarray
    remaining: np.ndarray  # characters left in its text from each character on (1 at the last)
    lengths: np.ndarray
    pairs: np.ndarray  # pairs[q]: the key (`pair_keys`) of the characters at q and q + 1


def streams(texts: Sequence[str], lex: Lexicon) -> Streams:
    """The streams of `texts`."""
    pad2 = PAD + PAD
    joined = pad2 + pad2.join(texts) + pad2
    p = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.uint64)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    n = int(lengths.sum())
    text_of = np.repeat(np.arange(len(texts)), lengths)
    first = np.cumsum(lengths) - lengths
    real = np.arange(n)
    at = real + 2 + 2 * text_of
    remaining = lengths[text_of] - (real - first[text_of])
    tables = tables_of(lex)
    k = tables.classes[np.minimum(p, 0xFFFF)]
    beyond = np.flatnonzero(p > 0xFFFF)  # rare: a character beyond the plane is classed one by one
    if len(beyond):
        code = {c: i for i, c in enumerate(CLASSES)}
        k[beyond] = [code[char_class(chr(int(c)), lex)] for c in p[beyond]]
    pairs = pair_keys(p[:-1], p[1:])
    k[:-1][tables.compound.has(pairs)] = CLASSES.index("C")
    s = _positions(joined, at)
    return Streams(p, k, s, at, remaining, lengths, pairs)


def _positions(joined: str, at: np.ndarray) -> np.ndarray:
    """The segmentation codes of the joined string: `name_features.word_positions` of each text (jieba
    segments each run of Chinese characters, letters and digits alone, and `PAD` is none of them, so one
    call over the joined texts segments each text as a call of its own would), P on the padding."""
    import rjieba  # in-function: loading its dictionary is only worth it where a text is tagged

    lengths = np.fromiter(map(len, rjieba.cut(segmentable(joined), False)), dtype=np.int64)
    ends = np.cumsum(lengths)
    starts = ends - lengths
    code = {c: np.uint64(i) for i, c in enumerate(POSITIONS)}
    s = np.full(len(joined), code["M"], dtype=np.uint64)
    s[starts] = code["B"]
    s[ends - 1] = code["E"]
    s[starts[lengths == 1]] = code["S"]
    out = np.full(len(joined), code["P"], dtype=np.uint64)
    out[at] = s[at]
    return out


def template_keys(st: Streams, number: int, parts: tuple[tuple[str, int], ...]) -> np.ndarray:
    """The keys of template `number` (its index in `TEMPLATES`) at every character of `st`."""
    key = np.zeros(len(st.at), dtype=np.uint64)
    for stream, offset in parts:
        key = (key << np.uint64(BITS[stream])) | getattr(st, stream)[st.at + offset]
    return key | np.uint64(number << NUMBER_SHIFT)


# A template whose codes fit in `SMALL_WIDTH` bits, a character counting 16 (the Basic Multilingual
# Plane), is looked up in a table indexed by them: a gather, where the hash table takes several
# (`small_keys`). A character beyond the plane (and U+FFFF) goes to the hash table all the same.
SMALL_BITS = {"p": 16, "k": 4, "s": 3}
SMALL_WIDTH = 20


def small_width(parts: tuple[tuple[str, int], ...]) -> int:
    """The bits of a template's codes counted as `small_keys` packs them."""
    return sum(SMALL_BITS[stream] for stream, _ in parts)


def small_keys(st: Streams, parts: tuple[tuple[str, int], ...]) -> tuple[np.ndarray, np.ndarray | None]:
    """The codes of a template at every character of `st` packed in `small_width` bits, and where a
    character of them lies at or beyond U+FFFF (None: nowhere), whose key means nothing."""
    key = np.zeros(len(st.at), dtype=np.intp)
    beyond: np.ndarray | None = None
    for stream, offset in parts:
        codes = getattr(st, stream)[st.at + offset]
        if stream == "p":
            far = codes >= 0xFFFF
            if far.any():
                beyond = far if beyond is None else beyond | far
                codes = np.minimum(codes, 0xFFFF)
        key = (key << SMALL_BITS[stream]) | codes.astype(np.intp)
    return key, beyond


def small_key(parts: tuple[tuple[str, int], ...], codes: list[int]) -> int | None:
    """One attribute's codes packed as `small_keys` packs a character's (None: a character of them lies
    at or beyond U+FFFF, so only the hash table holds it)."""
    if any(stream == "p" and code >= 0xFFFF for (stream, _), code in zip(parts, codes)):
        return None
    return _pack(parts, codes, SMALL_BITS)


def _pack(parts: tuple[tuple[str, int], ...], codes: list[int], bits: dict[str, int], key: int = 0) -> int:
    for (stream, _), code in zip(parts, codes):
        key = (key << bits[stream]) | code
    return key


def attribute_codes(attribute: str) -> tuple[int, list[int]] | str:
    """An attribute string of the weights file as (template number, the codes of its value), or a flag's
    name (`FLAGS`)."""
    if attribute in FLAGS:
        return attribute
    name, _, value = attribute.partition("=")
    for number, (template, parts) in enumerate(TEMPLATES):
        if template == name and len(value) == len(parts):
            return number, [
                ord(c) if stream == "p" else (CLASSES if stream == "k" else POSITIONS).index(c)
                for (stream, _), c in zip(parts, value)
            ]
    raise ValueError(f"name model: feature {attribute!r} fits no template of name_features.TEMPLATES (retrain it)")


def template_key(number: int, codes: list[int]) -> int:
    """The key of template `number` reading `codes` (`attribute_codes`), as `template_keys` makes it."""
    return _pack(TEMPLATES[number][1], codes, BITS) | number << NUMBER_SHIFT


def flag_masks(st: Streams, lex: Lexicon) -> dict[str, np.ndarray]:
    """Each of `FLAGS` at every character of `st`, as `name_features.flags` sets them."""
    tables = tables_of(lex)
    p, at, left, pairs = st.p, st.at, st.remaining, st.pairs
    triples = (pairs[:-1] << np.uint64(21)) | p[2:]
    common, two, three = tables.common.has(pairs), tables.dictionary.has(pairs), tables.dictionary.has(triples)
    # `PAD` is in no word, so a pair or triple that runs outside its text is never found; but
    # `text[i:i + 3]` is two characters at the text's end, and is looked up as it is.
    return {
        "w2s": common[at],
        "w2e": common[at - 1],
        "w3s": three[at] | ((left == 2) & two[at]),
        "w3e": three[at - 2],
        "w3m": three[at - 1] | ((left == 1) & two[at - 1]),
    }
