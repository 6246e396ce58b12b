"""Names quoted as what a name field holds (name_quoted.py), alone and in the masked text."""

from __future__ import annotations

import pytest

from desensitize.detect.name_quoted import quoted_names
from tests.name_helpers import masked_names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("登记信息更正：原登记姓名“林诗函”有误，应为“林诗涵”，已核对", ["林诗函"]),  # the wrong one, whole
        ("申请单名字写成\"图尔孙\"，已按身份证更正", ["图尔孙"]),  # a misspelt transliteration
        ("姓名栏写“阿卜杜•热合曼”，护照为准", ["阿卜杜•热合曼"]),  # the dot however typed (round 35)
        ("报名表\"队员姓名\"一栏写\"阿宝\"，经问系其小名", ["阿宝"]),  # the field's column, then what it holds
        ("医保卡姓名误录为“慕晓晓”；收件人姓名：“阿依古丽·买买提”", ["慕晓晓", "阿依古丽·买买提"]),
        ("认养牌按其要求写中文名“贝卢卡”；曾用名\"王招弟\"", ["贝卢卡", "王招弟"]),  # a foreigner's, a former one
        ("宣传稿一律用化名“小婷”", []),  # a pseudonym chosen to hide the person
        ("私人信函一束，写信人署“鸿”；题跋一则，署\"芝岩\"；另一页署名\"少溪\"", ["鸿", "芝岩", "少溪"]),  # signatures
        ("展陈时署\"烈士后人\"即可；已签署“承诺书”，部署“清源行动”", []),  # no name's characters; 签署, 部署
        ("算命的说名字“犯冲”，要求改名", []),  # what a name sounds like: 名字 and no verb of writing
        ("问卷上户主姓名写成\"某某\"，已退回", []),  # a pseudonym
        ("署名“一个老党员”，无联系方式", []),  # a signature is no name field
        # Round 19: inscriptions and seals, with what a signature writes around its name
        ("扇面一柄，款\"松庐录\"，纸本设色", ["松庐"]),
        ("立轴，落款\"丁卯秋日鹤汀识\"，钤\"陈鹤汀印\"白文方印", ["鹤汀", "陈鹤汀"]),
        ("上款\"子章仁兄雅正\"，下款\"弟林伯群\"", ["子章", "林伯群"]),
        ("碑阴末署\"门人慧明、慧通等敬立\"", ["慧明", "慧通"]),
        ("已发放贷款“惠民贷”；落款\"合村公立\"；钤\"侯官县印\"；款\"听涛楼\"；钤\"吉祥\"", []),
        # round 25: a gift, a copy, a Buddhist's greeting, a brother's address and the signer's age after the name
        ("落款\"甘露敬录\"；落款\"常觉合十\"；下款“蔡廷俊敬赠”；上款\"子安兄\"；落款\"吴山时年七十有六\"",
         ["甘露", "常觉", "蔡廷俊", "子安", "吴山"]),
        # a name's variant, quoted after 作 or bare after 一作; the name a field wrongly held
        ("郑文焕，府志作“郑文煥”；林达，一作林逵，闽县人", ["郑文煥", "林逵"]),
        ("登记表将申请人姓名误写为陈美花，应为陈美华，已改", ["陈美花"]),
        ("统一作\"焕\"；地名作\"卫钱街\"；称作\"上崎\"；姓名改为安静。", []),  # a character, a street, a word
    ],
)
def test_quoted_names(text: str, names: list[str]) -> None:
    assert [text[a:b] for a, b in quoted_names(text)] == names


def test_the_models_name_ends_before_what_a_signature_writes_after_it() -> None:
    """The model reads 仲良仁 of 仲良仁兄 and 吴山时 of 吴山时年 (round 25); it ends before them (`name_quoted.SIGNING`)."""
    assert masked_names('上款"仲良仁兄大人雅正"，仲良待考') == ["仲良", "仲良"]
    assert masked_names('作者吴山，76岁，落款"吴山时年七十有六"') == ["吴山", "吴山"]


def test_the_quoted_name_is_masked_whole() -> None:
    """The model reads 林诗 of 林诗函 (函, a letter, ends no name it knows); the field's content is masked whole."""
    text = "原登记姓名“林诗函”有误，已按身份证更正"
    assert masked_names(text) == ["林诗函"]
