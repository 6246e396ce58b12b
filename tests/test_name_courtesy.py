"""Courtesy, literary, genealogy and other names after their label (name_courtesy.py), alone and in the masked text."""

from __future__ import annotations

import pytest

from desensitize.detect.name_courtesy import courtesy_names
from tests.name_helpers import masked_names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("陈其绶（1918—2004），字伯韬，福州人。", ["伯韬"]),  # after a life's years
        ("题跋人郑世桢，字干臣，闽县人", ["干臣"]),  # after a name: a surname among the clause's last characters
        ("同一人多名：谱名郑大经，字纶卿，号半樵，又名郑纶。", ["郑大经", "纶卿", "半樵", "郑纶"]),  # one after another
        ("志主：陈彦修（字子政） 撰文：黄中孚", ["子政"]),
        ("第十八世林元亨，字通达，行三，生于乾隆甲午", ["通达"]),  # a word, but a courtesy name here
        ("字迹潦草，号码略；铜质，号嘴遗失；甲级（字口清晰）", []),  # words with 字 and 号, no person before
    ],
)
def test_courtesy_names(text: str, names: list[str]) -> None:
    assert [text[a:b] for a, b in courtesy_names(text)] == names


def test_the_detector_masks_them() -> None:
    text = "陈其绶（1918—2004），字伯韬，福州人，长期任中学国文教员。"
    assert masked_names(text) == ["陈其绶", "伯韬"]
