"""Nicknames a note says a person goes by (name_nickname.py), alone and in the detector."""

from __future__ import annotations

import pytest

from desensitize.detect.name_nickname import nicknames
from desensitize.detect.text import TextDetector
from pipelines.core.vocab import FindingKind as K


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("户主陈木生（街坊都叫他阿木）申请危房改造", ["阿木"]),  # in brackets after the full name
        ("隔壁喊她阿珍姐，平时独居", ["阿珍"]),  # the kinship word after it stays out
        ("工友们称他为小勇。", ["小勇"]),
        ("报警人说儿子小名叫“豆豆”，今年六岁", ["豆豆"]),  # in quotes, any two to four characters
        ("外号“黑皮”，常在网吧过夜", ["黑皮"]),
        ("来访人说前夫叫“建国”，不肯说全名", ["建国"]),  # a word in quotes after 叫: a name
        ("会员们习惯称他“子澄先生”，村里人都叫他“长青师傅”", ["子澄", "长青"]),  # the form of address left out (round 28)
        ("叫他小心点，路滑", []),  # advice: 小心 is a common word
        ("请叫她阿姨，不要直呼其名", []),  # a way of addressing
        ("大家都叫他小陈。", []),  # 小 and a surname: addressing, not a name
        ("叫他阿强过来签字", []),  # no boundary after it: not sure enough without quotes
        ("该公司名叫“东方远大”，注册在鼓楼区", []),  # four characters in quotes after 叫 alone: a firm's
        ("他称“系统故障”导致未缴费", []),  # 称 without 他/她 introduces what he says
        ("全班为朵朵唱生日歌（朵朵大名陈语彤）", ["朵朵"]),  # the name before the formal one (大名): a child's
        ("他的大名叫王伟；孩子大名叫李想", []),  # a pronoun's and a common word's: no names
        # After a label, the name fills its field without quotes; a doubled character before a child's parent
        ("幼儿陈一诺（小名糖糖），女，2岁3个月", ["糖糖"]),
        ("台东阿美族旅客林美玉（族名巴奈）跟团来榕", ["巴奈"]),
        ("家长填表时小名大名混写，以户口本为准", []),  # another label, not a name
        ("糖糖妈妈送来自制蛋糕；豆豆的奶奶下午来接", ["糖糖", "豆豆"]),
        ("客户昵称“朵朵妈”下单未付款", ["朵朵"]),  # a quoted handle: the child's name before the parent's word
        ("微信昵称“乐乐爸爸”留言", ["乐乐"]),
        ("群里昵称“宝宝妈”的那位", []),  # any child's parent names no one
        ("客户昵称“一只咸鱼” 没留真名；网名“一位老党员”", []),  # a handle that counts what it is (round 30)
        ("宝宝妈妈说孩子发烧，我妈妈也来了", []),  # any child's mother; 我 is no doubled character
        ("小航爸爸来电，阿鑫的外婆在门口，果果家长已签字", ["小航", "阿鑫", "果果"]),  # round 24: 阿/小 and one, 家长
        ("小王妈妈说小孩爸爸出差", []),  # an address by surname; a word
        ("阿水（本名林水生）是受访人提到的老伞匠", ["阿水"]),  # before the formal name (本名), as before 大名
        ("群里有人骂物业 不知道真名；小名与本名均已注明", []),  # no names before 真名, 本名: what no name holds
        # Before 即 ("that is") and a full name (round 18); not 立即, a pseudonym, or a word after it
        ("奶奶说小宝最近肚子疼，已叮嘱少吃辣条。（小宝即叶子豪）", ["小宝"]),
        ("依福即郑依福，补贴申请材料齐全", ["依福"]),
        ("李某甲即李德明，要求立即查处，入库时即有裂纹", []),
        # 人称 where it opens a clause or a bracket, and Fuzhou's 依 (round 22); not 来电人|称, 本人|称
        ("退休工人许长福（人称福仔），独居", ["福仔"]),
        ("邻居喊她依珠，耳朵不好", ["依珠"]),
        ("来电人称其姓吴，本人称已搬走", []),
        # Any two characters after 叫他, 喊她 … where the clause ends (round 24); not kin, a title or an address
        ("工友们都叫他二狗。邻居喊她燕燕，叫他小心，", ["二狗", "燕燕"]),  # 小心: a common word
        ("大家叫他蔡总，也叫他大刘；孩子喊她阿婆，叫他名字", []),
        ("队里都叫他老宗。朋友都叫他老穆", []),  # 老 before any surname is an address (round 30)
        # Right after the word for the child (round 24): a doubled character, or 阿 or 小 and one
        ("产妇二胎，大宝果果3岁，由外婆照看", ["果果"]),
        ("陈奶奶带孙女阿娟来复诊，女儿小敏在外地", ["阿娟", "小敏"]),
        ("儿子天天玩手机；孩子小心路滑；女儿小陈说", []),  # an adverb, a word, an address by surname
        ("孙子乖乖吃药了，外孙妈妈来接", []),
        ("台胞携外孙小宝入境；儿子佑佑陪奶奶来", ["小宝", "佑佑"]),  # before what no given name holds (round 25)
        ("儿子阿古木今天来", []),  # a longer name goes on (the model's)
        # 阿 or 小 and one between a role word and a bracket saying more of them (round 25); not a pseudonym, an
        # address by surname or a part of the full name in the bracket
        ("家属阿木（产妇弟弟）代办建档；志愿者小鱼（余晓玉）讲解", ["阿木", "小鱼"]),
        ("被害人小雨（化名）；工作人员小林（林雅婷）陪同；员工阿依（全名吉克阿依）请假", []),
        # Right before a bracket that says it is someone's nickname (round 25); not a longer run or a word
        ("小橘子（陈若溪的乳名）认养了一棵树；宝宝（小名），大名刘奕辰", ["小橘子", "宝宝"]),
        ("翠翠来电（只留了小名）；大熊（球友外号）和周凯对打", []),  # a longer run; a common word (the model's)
        ("外号叫惯了，派工单写真名；小名就叫阿福。叫小名她会笑", []),  # what no name holds (了, 就, 她)
    ],
)
def test_nicknames(text: str, names: list[str]) -> None:
    assert [text[a:b] for a, b in nicknames(text)] == names


def test_the_detector_masks_them() -> None:
    detector = TextDetector(kinds={K.PERSON_NAME})
    text = "独居老人许木生，村里人都叫他阿木，今日上门走访，身体尚可。"
    found = [text[s.start:s.end] for s in detector.find_many([text])[0]]
    assert "阿木" in found and "许木生" in found
    text = "奶奶说小宝最近肚子疼，已叮嘱少吃辣条。（小宝即叶子豪）"
    found = [text[s.start:s.end] for s in detector.find_many([text])[0]]
    assert found == ["小宝", "小宝", "叶子豪"]  # where the note says so, and wherever the nickname comes back
