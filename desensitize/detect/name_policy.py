"""One name detector: the recognizers that find person names, and the policy that combines them.

Recognizers, by string key (`NAME_RECOGNIZERS`):

* `name_rules`: the context rules and the shape rule of `names.NameRules`, and, inside them, the
  extract's own name columns (`name_known`: exact occurrences of the names the extract holds);
* `name_model`: the CRF of `name_model.NameModel`, trained on public corpora.

The policy favours recall, because a name left in a published remark is a leak and a masked word is
only a lost word: a name any recognizer finds is masked. The model runs after the rules and only where
no rule or known name has already found a name (a candidate it covers changes nothing), and
overlapping name spans are merged by `text.resolve`, so the mask covers every character any of them
called a name.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Collection, Sequence

from desensitize.detect.name_model import NameModel, name_model
from pipelines.vocab import FindingKind

NAME_RECOGNIZERS: dict[str, str] = {
    "name_rules": "context rules, shape rule and the extract's own names (desensitize/detect/names.py)",
    "name_model": "character CRF trained on public corpora (desensitize/detect/name_model.py)",
}
DEFAULT_NAME_RECOGNIZERS = ("name_rules", "name_model")
MODEL_SCORE = 0.7  # between a cue rule (0.75) and a boundary rule (0.6): it decides nothing against an identifier

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


def model_names(model: NameModel, texts: Sequence[str], starts: Sequence[int], found: Sequence[_Candidate]) -> list[_Candidate]:
    """The model's names in texts joined at `starts` (offsets as in text.py's joined string), where
    `found` holds the names the other recognizers found there (sorted or not)."""
    covered: list[list[tuple[int, int]]] = [[] for _ in texts]
    for s, e, _, _, _ in found:
        i = bisect_right(starts, s) - 1
        covered[i].append((s - starts[i], e - starts[i]))
    person = FindingKind.PERSON_NAME
    out: list[_Candidate] = []
    for i, text in enumerate(texts):
        ts = starts[i]
        out.extend((a + ts, b + ts, MODEL_SCORE, "name_model", person) for a, b in model.find(text, covered[i]))
    return out
