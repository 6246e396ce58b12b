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
from pipelines.core.vocab import FindingKind

NAME_RECOGNIZERS: dict[str, str] = {
    "name_rules": "context rules, shape rule and the extract's own names (desensitize/detect/names.py)",
    "name_model": "character CRF trained on public corpora (desensitize/detect/name_model.py)",
}
DEFAULT_NAME_RECOGNIZERS = ("name_rules", "name_model")
NAME_MODE = "gap"  # how the model's spans meet the rules' (`combine_names`), chosen by scripts/eval_names.py
MODEL_SCORE = 0.7
# Per mode, the rules whose names the model does not reread (None: every name found stands).
STANDING: dict[str, frozenset[str] | None] = {
    "gap": None,
    "bounds": frozenset({"name_known"}),
    "weak": frozenset({"name_known", "name_trigger", "name_cue", "name_list"}),
}  # between a cue rule (0.75) and a boundary rule (0.6): it decides nothing against an identifier

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


def combine_names(
    model: NameModel, texts: Sequence[str], starts: Sequence[int], found: Sequence[_Candidate], mode: str = "gap"
) -> list[_Candidate]:
    """The name candidates of texts joined at `starts` (offsets as in text.py's joined string): the
    other recognizers' `found` names combined with the model's.

    `mode` "gap": the model reads only where no name was found, and every span is kept (overlaps merge).
    `mode` "bounds": the model also reads where a rule found a name, and where its span overlaps a rule's
    span the model's boundaries replace the rule's (the extract's known names always stand).
    """
    # "bounds": only known names stand; "weak": names found by a context rule stand too, and the model
    # rereads only where a weak rule (boundary, shape) found a name.
    standing = STANDING[mode]
    covered: dict[int, list[tuple[int, int]]] = {}
    for c in found:
        if standing is None or c[3] in standing:
            i = bisect_right(starts, c[0]) - 1
            covered.setdefault(i, []).append((c[0] - starts[i], c[1] - starts[i]))
    person = FindingKind.PERSON_NAME
    ours: list[_Candidate] = []
    find = model.find
    for i, text in enumerate(texts):
        if text:
            ts = starts[i]
            ours.extend((a + ts, b + ts, MODEL_SCORE, "name_model", person) for a, b in find(text, covered.get(i, ())))
    if standing is None or not ours:
        return [*found, *ours]  # "gap": every span is kept, overlaps merge in `text.resolve`
    # The model's boundaries replace those of the overlapping names that do not stand.
    mask: dict[int, None] = {}
    for a, b, *_ in ours:
        mask.update(dict.fromkeys(range(a, b)))
    kept = [c for c in found if c[3] in standing or not any(k in mask for k in range(c[0], c[1]))]
    return [*kept, *ours]
