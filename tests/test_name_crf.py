"""The name model tagged in numpy (name_batch.py, name_crf.py): the same features, labels and marginals as
crfsuite gives from the same weights file, on remarks written for training and on text at the edges."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pycrfsuite
import pytest

from desensitize.detect.name_batch import KeyIndex, attribute_codes, flag_masks, streams, template_key, template_keys
from desensitize.detect.name_crf import Crf, read_model
from desensitize.detect.name_features import FLAGS, TEMPLATES, features, lexicon
from desensitize.detect.name_model import MODEL_PATH, name_model

DATA = Path(__file__).resolve().parent.parent / "desensitize" / "data"
EDGES = [
    "", "王", "a", "经王志强核实，情况属实", "司马光", "欧阳", "温泉", "ab12 王五", "𠀀王伟𠀁", "申请人之子林秀英代为办理\r\n",
    "  王 伟  ", "王伟\r", "\r\n王伟", "其妻李", "经查", "花园", "ＡＢ１２３", "␂王伟␂", "x" * 3, "王伟" * 300,
]


def _texts() -> list[str]:
    out = list(EDGES)
    for path in sorted(DATA.glob("names_train_remarks*.txt"))[:4]:
        lines = path.read_text(encoding="utf-8").splitlines()
        out += [line.replace("⟦", "").replace("⟧", "") for line in lines if line.strip() and not line.startswith("#")]
    return out


def _attribute_key(attribute: str) -> tuple[int, int] | str:
    """A feature string as (template number, key), as `Crf` keys the weights file's attributes, or a flag's name."""
    found = attribute_codes(attribute)
    return found if isinstance(found, str) else (found[0], template_key(*found))


def test_features_as_keys_are_the_feature_strings() -> None:
    lex = lexicon()
    texts = _texts() + ["经王志强\udcff核实"]  # a lone surrogate: crfsuite takes none, the features do
    st = streams(texts, lex)
    keys = np.stack([template_keys(st, n, parts) for n, (_, parts) in enumerate(TEMPLATES)], axis=1).tolist()
    flags = flag_masks(st, lex)
    on = np.stack([flags[name] for name in FLAGS], axis=1).tolist()
    row = 0
    for text in texts:
        for strings in features(text, lex):
            expected = [_attribute_key(f) for f in strings]
            got = [(n, k) for n, k in enumerate(keys[row])] + [f for f, yes in zip(FLAGS, on[row]) if yes]
            assert got == expected, (text, row)
            row += 1
    assert row == len(st.at)


def test_numpy_tagging_gives_crfsuites_labels_and_marginals() -> None:
    lex = lexicon()
    texts = _texts()
    tagged = Crf(MODEL_PATH, lex).tag(texts)
    tagger = pycrfsuite.Tagger()
    tagger.open(str(MODEL_PATH))
    labels, marginals = [], []
    for text in texts:
        if text:
            labels += tagger.tag(pycrfsuite.ItemSequence(features(text, lex)))
            marginals += [[tagger.marginal(y, t) for y in ("O", "B", "I")] for t in range(len(text))]
    names = np.array(["O", "B", "I"])[tagged.labels]
    assert list(names) == labels
    assert np.abs(tagged.marginals - np.array(marginals)).max() < 1e-9
    assert {"B", "I"} <= set(labels)  # names were found: the comparison compared something


def test_weights_are_read_exactly_from_the_file() -> None:
    labels, attributes, found = read_model(MODEL_PATH.read_bytes())
    tagger = pycrfsuite.Tagger()
    tagger.open(str(MODEL_PATH))
    info = tagger.info()  # crfsuite's dump: weights to six decimals
    assert labels == ("O", "B", "I") and len(attributes) == len(info.attributes)
    states = found[found["type"] == 0]
    assert len(states) == len(info.state_features)
    for f in states[:: max(1, len(states) // 5000)]:
        assert abs(info.state_features[(attributes[f["src"]], labels[f["dst"]])] - f["w"]) <= 5e-7
    with pytest.raises(ValueError, match="not a crfsuite"):
        read_model(b"\0" * 64)


def test_keys_of_different_templates_never_meet() -> None:
    """c=─ (U+2500) and sg3=SPP packed to one key until round 26 (the template's number right above its own codes):
    a model trained on text holding ─ did not load. Every template's keys lie apart now."""
    number = {name: n for n, (name, _) in enumerate(TEMPLATES)}
    assert template_key(number["c"], [0x2500]) != template_key(number["sg3"], [4, 0, 0])
    seen: dict[int, str] = {}
    for name, n in number.items():
        for codes in ([0] * len(TEMPLATES[n][1]), [1] * len(TEMPLATES[n][1]), [0x2500] + [0] * (len(TEMPLATES[n][1]) - 1)):
            if any(stream != "p" for stream, _ in TEMPLATES[n][1][:1]) and codes[0] == 0x2500:
                continue  # a class or a mark has no code that large
            assert seen.setdefault(template_key(n, codes), name) == name


def test_key_index_finds_every_key_and_nothing_else() -> None:
    rng = np.random.default_rng(7)
    keys = np.unique(rng.integers(0, 2**62, 50_000, dtype=np.uint64))
    index = KeyIndex(keys, np.arange(len(keys), dtype=np.int32))
    assert (index.get(keys) == np.arange(len(keys))).all()
    others = rng.integers(2**62, 2**63, 50_000, dtype=np.uint64)
    assert (index.get(others, missing=-7) == -7).all()
    with pytest.raises(ValueError):
        KeyIndex(np.array([1, 1], dtype=np.uint64), np.array([0, 1], dtype=np.int32))


def test_reading_many_texts_reads_each_as_alone() -> None:
    model = name_model()
    assert model is not None
    texts = ["经王志强核实，情况属实", "", "申请人之子林秀英代为办理", "经核实，情况属实"]
    together = model.read_many(texts)
    assert together == [model.read(t) for t in texts]
    assert [t[a:b] for t, r in zip(texts, together) for a, b in r.spans] == ["王志强", "林秀英"]


def test_a_lone_surrogate_is_read_not_a_crash() -> None:
    """What Python's surrogateescape makes of bytes that are no UTF-8 reaches the detector from some
    readers: the joined code points, the fold and the segmenter all take it."""
    from desensitize.detect.text import TextDetector
    from pipelines.core.vocab import FindingKind

    texts = ["经王志强\udcff核实，情况属实", "\ud800", "黃志明\udcff" * 3000]
    found = TextDetector(kinds={FindingKind.PERSON_NAME}).find_many(texts)
    assert [texts[0][s.start:s.end] for s in found[0]] == ["王志强"] and found[1] == []
    assert len(found[2]) == 3000  # the long text folds in numpy (黃 → 黄) and keeps its offsets
