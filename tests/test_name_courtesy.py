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
        # labels that name a name wherever they stand (round 19): a dharma name, a stage name, a childhood name
        ("祖师俗名郑阿土，出家后法名觉慧，晚年住持本寺", ["郑阿土", "觉慧"]),
        ("演员卡：姓名何玉珠｜艺名小桂香｜行当 青衣", ["小桂香"]),
        ("馆员黄仲谋乳名依谋，邻里到老仍这样叫他", ["依谋"]),
        ("该厂原名称为福州第二机械厂；传教士原名待查；演员原名不详", []),  # words, or not known yet
        # round 23: a literary name of four characters after 号 and its kind; a pen or stage name in quotation marks
        ("画家林逸仙（号半山居士）作品三幅", ["半山居士"]),
        ("诗人陈启明，自号东湖钓叟，著有诗集两卷", ["东湖钓叟"]),
        ("稿件署笔名“闽山客”，实名另附", ["闽山客"]),
        ("软木画传承人吴子坤，号“榕溪老人”，从艺50年", ["榕溪老人"]),  # 老人, 山人 end literary names (round 25)
        ("画家林逸仙，别号三山道人；翁某，号“老人”", ["三山道人"]),  # 老人 alone is no name
        ('名角艺名"小凤仙"，本名不详', ["小凤仙"]),
        ("小名大名混用，以户籍为准", []),  # four characters after another label: a clause
        ('登记表"别名/笔名"栏写"远山"，已核', []),  # the mark after 笔名 closes the quotation that holds it
        # round 28: a quoted name after 号 whatever the clause before; 散人, 渔父 end literary names; a dash before the
        # label; a verb that gives the name before a quotation
        ("退休前在福州一中教历史，号“三山散人”，讲闽都文化", ["三山散人"]),
        ("书画组王瀚文（号闽江渔父）写了一幅字；社长宋知秋，自号闽山散人", ["闽江渔父", "闽山散人"]),
        ("雅称：郑婷—字子衿；宋知秋—号闽山散人", ["子衿", "闽山散人"]),
        ("模特林悦改艺名为“林悠悠”；以原名为准", ["林悠悠"]),
        ("郑德懋（1898—1967），字勉之，闽侯尚干人；叶启明 字晦之", ["勉之", "晦之"]),  # 之 ends courtesy names
        # the name of the dead in a tomb inscription, after 讳 anywhere (not 忌讳, 避讳)
        ("墓志：“府君讳世杰，姓林氏”；志文称“父讳伯崇”；此事多有忌讳；为尊者讳，未书其名", ["世杰", "伯崇"]),
    ],
)
def test_courtesy_names(text: str, names: list[str]) -> None:
    assert [text[a:b] for a, b in courtesy_names(text)] == names


def test_the_detector_masks_them() -> None:
    text = "陈其绶（1918—2004），字伯韬，福州人，长期任中学国文教员。"
    assert masked_names(text) == ["陈其绶", "伯韬"]
    assert masked_names("诗人陈启明，自号东湖钓叟，著有诗集两卷") == ["陈启明", "东湖钓叟"]  # a literary name of four
    # a label with no separator before it is found in a batch too (the finder's hint has one group: its label)
    assert masked_names("老艺人林金宝，1931年生，艺名小金宝，擅长丑角") == ["林金宝", "小金宝"]
