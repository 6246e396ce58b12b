"""Person names in Chinese prose, measured on the labelled set (desensitize/data/names_eval.json)."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from desensitize.detect.names import NameRules
from desensitize.detect.text import TextDetector
from pipelines.vocab import FindingKind as K


@pytest.fixture(scope="module")
def labelled() -> dict:
    return json.loads(resources.files("desensitize.data").joinpath("names_eval.json").read_text(encoding="utf-8"))


def _score(detector: TextDetector, sentences: list[dict]) -> tuple[float, float]:
    found = detector.find_many([s["text"] for s in sentences])
    tp = fp = fn = 0
    for s, spans in zip(sentences, found):
        gold = {tuple(x) for x in s["names"]}
        got = {(sp.start, sp.end) for sp in spans}
        tp, fp, fn = tp + len(gold & got), fp + len(got - gold), fn + len(gold - got)
    return tp / (tp + fp), tp / (tp + fn)


def test_set_is_large_and_has_a_heldout_part(labelled: dict) -> None:
    sentences = labelled["sentences"]
    assert len(sentences) >= 300
    heldout = [s for s in sentences if s["split"] == "heldout"]
    assert len(heldout) >= 100
    assert {s["template"] for s in heldout}.isdisjoint({s["template"] for s in sentences if s["split"] == "tune"})
    # hard negatives are in: sentences with no name at all
    assert sum(1 for s in sentences if not s["names"]) >= 20


def test_names_on_tune_split_reach_target(labelled: dict) -> None:
    detector = TextDetector(known_names=labelled["known_names"], kinds={K.PERSON_NAME})
    precision, recall = _score(detector, [s for s in labelled["sentences"] if s["split"] == "tune"])
    assert recall >= 0.90 and precision >= 0.60


def test_names_on_heldout_sentences(labelled: dict) -> None:
    """Held-out templates were never tuned on. Measured: P 0.917, R 0.833 (strict spans); the floor
    guards against regressions (the issue's R 0.90 target is met on the tune split only)."""
    detector = TextDetector(known_names=labelled["known_names"], kinds={K.PERSON_NAME})
    precision, recall = _score(detector, [s for s in labelled["sentences"] if s["split"] == "heldout"])
    assert precision >= 0.85 and recall >= 0.80


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("户主王伟长期患病，其子王小明在读。", ["王伟", "王小明"]),  # 长期 is a word: the name is 王伟
        ("联系人：欧阳明轩，电话见附件。", ["欧阳明轩"]),
        ("王秀英、张伟、李娜等人在白沙镇承包鱼塘。", ["王秀英", "张伟", "李娜"]),
        ("陈静女士反映电梯故障。", ["陈静"]),
        ("王庄村委会组织村民白天清理河道。", []),
        ("黄金价格走高，金额较大的交易需实名登记。", []),
        ("各乡镇要高度重视防汛工作，及时维修堤坝。", []),
    ],
)
def test_name_rules_examples(text: str, names: list[str]) -> None:
    spans = TextDetector(kinds={K.PERSON_NAME}).find_many([text])[0]
    assert [text[s.start:s.end] for s in spans] == names


def test_known_names_find_names_without_context() -> None:
    rules = NameRules(known_names=["林晓峰", "张三丰"])
    found = {(s, e) for s, e, _, rule in rules.find("昨天林晓峰来过") if rule == "name_known"}
    assert found == {(2, 5)}
