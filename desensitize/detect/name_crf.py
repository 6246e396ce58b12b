"""A linear-chain CRF's tagging in numpy, many texts at once, with the weights crfsuite trained.

python-crfsuite trains the name model (`scripts/train_names.py`) and its file stays the shipped weights.
Tagging with it meant building each character's feature strings in Python, 9.4 µs a character, so
the model could read only windows around the gate's candidates. Here the weights are read once from the
file (`read_model`), the features of a whole batch of texts become rows of the weights
(`name_batch.py`), and the forward-backward and Viterbi passes run over all the texts together, one
array operation per position: the same labels and marginals crfsuite gives (to 1e-14), at 1.4 µs a
character (`benchmarks/name_model_speed.py`).

The model is crfsuite's first-order CRF: a label sequence scores the sum of its state weights (each
feature of a character with its label) and its transition weights (label to label), with no weights
for the start or the end of a sequence.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from desensitize.detect.name_batch import (
    SMALL_WIDTH,
    KeyIndex,
    Streams,
    attribute_codes,
    flag_masks,
    small_key,
    small_keys,
    small_width,
    streams,
    template_key,
    template_keys,
)
from desensitize.detect.name_features import TEMPLATES, Lexicon


@dataclass(frozen=True)
class Tagged:
    """The labels and marginals of a batch of texts, their characters one after the other."""

    labels: np.ndarray  # int8: the label numbers of the single likeliest tagging (Viterbi)
    marginals: np.ndarray  # float64 (characters, labels): each character's probability of each label
    lengths: np.ndarray  # of the texts


class Crf:
    """The weights of a crfsuite model file, for `tag`."""

    def __init__(self, path: Path, lex: Lexicon) -> None:
        """Read the weights of `path` (`read_model`)."""
        self.labels, attributes, features = read_model(path.read_bytes())
        m = len(self.labels)
        self.transitions = np.zeros((m, m))
        moves = features["type"] == 1
        self.transitions[features["src"][moves], features["dst"][moves]] = features["w"][moves]
        states = features[~moves]
        # One row of weights an attribute, keyed as `name_batch` keys a character's features; the last row,
        # all 0, for every feature the model has no weight for.
        self.state = np.zeros((m, len(attributes) + 1))
        self.state[states["dst"], states["src"]] = states["w"]
        self.missing = len(attributes)
        # The rows of the templates with few codes, as tables too (`name_batch.small_keys`; 15 MB in all).
        self.small: dict[int, np.ndarray] = {
            number: np.full(1 << small_width(parts), self.missing, dtype=np.int32)
            for number, (_, parts) in enumerate(TEMPLATES) if small_width(parts) <= SMALL_WIDTH
        }
        self.flag_rows: dict[str, int] = {}
        keys: list[int] = []
        rows: list[int] = []
        for row, attribute in enumerate(attributes):
            found = attribute_codes(attribute)
            if isinstance(found, str):
                self.flag_rows[found] = row
                continue
            keys.append(template_key(*found))
            rows.append(row)
            small = small_key(TEMPLATES[found[0]][1], found[1]) if found[0] in self.small else None
            if small is not None:  # else only the hash table holds it
                self.small[found[0]][small] = row
        self.index = KeyIndex(np.array(keys, dtype=np.uint64), np.array(rows, dtype=np.int32))
        self.lex = lex

    def emission(self, st: Streams) -> np.ndarray:
        """The state scores of every character of `st` for each label: (characters, labels)."""
        out = np.zeros((len(self.labels), len(st.at)))
        for number, (_, parts) in enumerate(TEMPLATES):
            if number in self.small:
                small, beyond = small_keys(st, parts)
                rows = self.small[number][small]
                if beyond is not None:
                    rows[beyond] = self.index.get(template_keys(st, number, parts)[beyond], self.missing)
            else:
                rows = self.index.get(template_keys(st, number, parts), self.missing)
            for y in range(len(self.labels)):
                out[y] += self.state[y][rows]
        for name, mask in flag_masks(st, self.lex).items():
            if name in self.flag_rows:
                out[:, mask] += self.state[:, self.flag_rows[name], None]
        return np.ascontiguousarray(out.T)

    def tag(self, texts: Sequence[str]) -> Tagged:
        """Labels and marginals of every character of `texts`."""
        st = streams(texts, self.lex)
        labels, marginals = decode(self.emission(st), st.lengths, self.transitions)
        return Tagged(labels, marginals, st.lengths)


_FEATURE = np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("w", "<f8")])  # 20 bytes, packed


def read_model(data: bytes) -> tuple[tuple[str, ...], list[str], np.ndarray]:
    """The labels, the attributes and the features (type 0: attribute `src` with label `dst`; type 1:
    label `src` to label `dst`; weight `w`) of a crfsuite model file (CRF1d, format 100: crfsuite's
    crf1d_model.c). Read from the file itself: crfsuite's dump of it rounds the weights to six decimals."""
    (magic, _, kind, version, _, _, _, at_features, at_labels, at_attributes, _, _) = struct.unpack_from("<4sI4sIIIIIIIII", data)
    if (magic, kind, version) != (b"lCRF", b"FOMC", 100):
        raise ValueError(f"not a crfsuite CRF1d model file of format 100: {magic!r} {kind!r} {version}")
    chunk, _, count = struct.unpack_from("<4sII", data, at_features)
    if chunk != b"FEAT":
        raise ValueError("crfsuite model file: no features where the header says")
    features = np.frombuffer(data, dtype=_FEATURE, count=count, offset=at_features + 12)
    return tuple(_strings(data, at_labels)), _strings(data, at_attributes), features


def _strings(data: bytes, at: int) -> list[str]:
    """The strings of a constant quark database (crfsuite's cqdb.c) by their numbers: its backward array
    holds, for each number, where its record (number, size, the string and a NUL) lies."""
    chunk, _, _, _, count, backward = struct.unpack_from("<4sIIIII", data, at)
    if chunk != b"CQDB":
        raise ValueError("crfsuite model file: no string table where the header says")
    out: list[str] = []
    for number, where in enumerate(np.frombuffer(data, dtype="<u4", count=count, offset=at + backward).tolist()):
        found, size = struct.unpack_from("<II", data, at + where)
        if found != number:
            raise ValueError("crfsuite model file: string table out of order")
        out.append(data[at + where + 8:at + where + 7 + size].decode("utf-8"))
    return out


def decode(scores: np.ndarray, lengths: np.ndarray, transitions: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Viterbi labels and marginal probabilities for sequences laid one after the other in `scores`
    (characters, labels), `lengths` long, under `transitions` (from, to).

    The sequences are laid out again time-major, longest first: at each position the sequences still
    running are the first ones, so every step of the passes works on two slices, for all of them at once."""
    n, m = scores.shape
    labels = np.zeros(n, dtype=np.int8)
    marginals = np.zeros((n, m))
    order = np.argsort(-lengths, kind="stable")
    size = lengths[order]
    size = size[size > 0]
    if not len(size):
        return labels, marginals
    longest = int(size[0])
    running = np.searchsorted(-size, -np.arange(longest), side="left")  # sequences longer than t
    at = np.concatenate(([0], np.cumsum(running)))  # where position t starts in the time-major layout
    # packed[at[t] + r] is position t of the r-th longest sequence
    first = (np.cumsum(lengths) - lengths)[order][: len(size)]
    where = np.concatenate([first[: running[t]] + t for t in range(longest)])
    x = scores[where]
    # Forward and backward, each position scaled to sum 1 (the scales cancel in the marginals).
    psi = np.exp(x - x.max(axis=1, keepdims=True))
    step = np.exp(transitions)
    alpha = np.empty_like(psi)
    alpha[: at[1]] = psi[: at[1]] / psi[: at[1]].sum(axis=1, keepdims=True)
    for t in range(1, longest):
        here, k = slice(at[t], at[t + 1]), int(running[t])
        a = (alpha[at[t - 1]:at[t - 1] + k] @ step) * psi[here]
        alpha[here] = a / a.sum(axis=1, keepdims=True)
    beta = np.ones_like(psi)
    for t in range(longest - 2, -1, -1):
        k = int(running[t + 1])
        nxt = slice(at[t + 1], at[t + 2])
        b = (psi[nxt] * beta[nxt]) @ step.T
        beta[at[t]:at[t] + k] = b / b.sum(axis=1, keepdims=True)
    both = alpha * beta
    marginals[where] = both / both.sum(axis=1, keepdims=True)
    # Viterbi, in scores (logs), then back along the best predecessors.
    delta = np.empty_like(x)
    back = np.zeros(x.shape, dtype=np.int8)
    delta[: at[1]] = x[: at[1]]
    for t in range(1, longest):
        here, k = slice(at[t], at[t + 1]), int(running[t])
        cand = delta[at[t - 1]:at[t - 1] + k, :, None] + transitions
        back[here] = cand.argmax(axis=1)
        delta[here] = cand.max(axis=1) + x[here]
    best = np.zeros(len(x), dtype=np.int8)
    for t in range(longest - 1, -1, -1):
        k = int(running[t + 1]) if t + 1 < longest else 0  # those that go on past t follow their successor
        if k:
            best[at[t]:at[t] + k] = back[at[t + 1]:at[t + 1] + k][np.arange(k), best[at[t + 1]:at[t + 1] + k]]
        best[at[t] + k:at[t + 1]] = delta[at[t] + k:at[t + 1]].argmax(axis=1)  # those that end at t
    labels[where] = best
    return labels, marginals
