"""Person names in Chinese prose, measured on the labelled set (desensitize/data/names_eval.json)."""

from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path

import pytest

from desensitize.detect.names import NameRules, ambiguous_surnames, surnames
from desensitize.detect.text import TextDetector
from pipelines.core.vocab import FindingKind as K


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
    """Measured (round 2, 898 sentences): P 0.999, R 0.991 (strict spans)."""
    detector = TextDetector(known_names=labelled["known_names"], kinds={K.PERSON_NAME})
    precision, recall = _score(detector, [s for s in labelled["sentences"] if s["split"] == "tune"])
    assert recall >= 0.97 and precision >= 0.97


def test_names_on_heldout_sentences(labelled: dict) -> None:
    """Held-out templates were never tuned on. Measured: round 1 P 0.917, R 0.833; round 2 P 0.894,
    R 0.894; round 3 (shape rule) P 0.940, R 0.955 (strict spans)."""
    detector = TextDetector(known_names=labelled["known_names"], kinds={K.PERSON_NAME})
    precision, recall = _score(detector, [s for s in labelled["sentences"] if s["split"] == "heldout"])
    assert precision >= 0.90 and recall >= 0.90


def _blind() -> list[dict]:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
    try:
        from eval_names import load_blind
    finally:
        sys.path.pop(0)
    return load_blind()


def test_names_on_the_blind_set_reach_the_target(labelled: dict) -> None:
    """The issue's target, R ≥ 0.90 at P ≥ 0.60, on prose written by someone who never saw the detector
    (data/names_blind.txt). Before the shape rule the whole set measured P 0.886, R 0.745. Measured
    after it: blind-test (sealed half) P 0.898, R 0.919; blind-dev (studied half) P 0.928, R 0.959."""
    detector = TextDetector(known_names=labelled["known_names"], kinds={K.PERSON_NAME})
    blind = _blind()
    assert len(blind) >= 400 and sum(len(s["names"]) for s in blind) >= 450
    precision, recall = _score(detector, [s for s in blind if s["split"] == "blind-test"])
    assert precision >= 0.60 and recall >= 0.90


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
        # Round 2: the remark templates of the sample extracts (scripts/generate_sample_data.py).
        ("家庭成员翁敏身份证350102199001011234变更", ["翁敏"]),
        ("家庭成员杨婷婷身份证350102199001011234变更", ["杨婷婷"]),
        ("社区网格员念柳入户核查，联系电话0591-37643843", ["念柳"]),  # 念: a Fuzhou surname
        ("委托何明代为领取保障金", ["何明"]),  # 何明|代为, though 明代 is a word
        ("经核查，户主张兰英名下登记车辆闽A1V848已报废注销", ["张兰英"]),  # not 张兰|英名
        ("法定代表人何雷当场签收处罚决定书", ["何雷"]),
        ("举报人念兵来电13507736695反映，经查属实", ["念兵"]),  # 经查属实: 查 is a surname, 属实 no name
        ("其子严明在读，联系人江宁 15755115005", ["严明", "江宁"]),  # words, but after a role word and before 在/a number
        ("村主任吴小燕带领村民发展特色种植", ["吴小燕"]),  # 村主|任… must not hide 主任|吴小燕
        ("监管人员聂利、陈秀兰现场检查时发现过期食品。", ["聂利", "陈秀兰"]),  # not 员聂利
        ("由于涂红拒不配合调查，案件移送公安机关处理。", ["涂红"]),
        ("詹国平左腿骨折，需长期休养。", ["詹国平"]),  # any common word may follow a name that is no word
        ("温泉公园白天免费开放。", []),  # 温泉 is a word (jieba tags it as a name too)
        ("念及其家庭困难，依法从轻处罚。", []),
        ("当事人已缴纳罚款，但未提交整改报告。", []),  # 但: a surname, but only after a role word
        ("截至目前，已累计领取救助金三千元。", []),  # 救助|金三千: the verb is part of 救助金
        # Round 3: court, police and sign-off roles; a word between a role and a cue is a name.
        ("受理人：岳红梅；复核人：平安", ["岳红梅", "平安"]),  # 平安 is a word, but nothing else fits there
        ("拟稿：江涛\u3000核稿：石建华\u3000签发：龚卫东", ["江涛", "石建华", "龚卫东"]),
        ("审判员韦建英，书记员谢美玲。", ["韦建英", "谢美玲"]),  # not 员谢美: 书记员 is the longer role
        ("辅警项明在巡逻中发现该车辆。", ["项明"]),
        ("来电人高山称小区门禁损坏。", ["高山"]),  # a word, between a role word and a cue (称)
        ("钱其琛在会上发言。", ["钱其琛"]),
        ("拟稿：安宁\u3000核稿：石建华", ["安宁", "石建华"]),  # a role's whole field: the model's doubt does not remove it
        ("楼栋长苏美玉反映楼道灯损坏。", ["苏美玉"]),  # 楼栋长 is a role, not a name
        ("经核实，林浦新村12号楼住户已全部登记。", []),  # 林浦 begins a place (新村)
        ("社区矫正转帮教：黄文杰社区矫正期满，纳入安置帮教", ["黄文杰"]),  # 社区矫正 is a sentence, not a place
        ("其孙龙飞已服兵役，按规定计算家庭人口。", ["龙飞"]),  # 孙 ends 其孙 here, though the model reads 孙龙飞
        ("其长孙雷鸣在部队服役。", ["雷鸣"]),
        ("其子孙小明在读。", ["孙小明"]),  # 其子 ends before 孙: the surname stays in the name
        ("经办官晓红/复核兰立新/负责人雷德全", ["官晓红", "兰立新", "雷德全"]),  # sign-off labels without 人
        ("批信中提到的“三弟依金”与家谱相符；表哥王强代为签收", ["依金", "王强"]),  # kin by their order, cousins
        ("李三妹报名时自称“三妹”，身份证名字相同", ["李三妹", "三妹"]),  # but a younger sister's is a name too
        ("销户：机主张德华已故，话费余额已退", ["张德华"]),  # a phone's holder is a role (主张 is a word)
        # an old given name's literary third character (祺, 翥), which no common word holds (round 18); not
        # where it starts a word (矫正) or another name (冉丽)
        ("故居内荔枝树为黄瑞祺手植之说无据；首则高凤翥题", ["黄瑞祺", "高凤翥"]),
        ("矫正对象方明矫正期满；签到表缺葛明冉丽签名", ["方明", "葛明", "冉丽"]),
        # a function character that ends given names too, before a pause (round 19); not before more text
        ("人名或作“郑士均”；门人黄希曾”；志主林廷用，卒年不详", ["郑士均", "黄希曾", "林廷用"]),
        ("王伟和李娜已签字，郑凯均已到场", ["王伟", "李娜", "郑凯"]),
        ("首行刻“邑人司徒文均”，其下漫漶", ["司徒文均"]),  # a compound surname and one character too
        # the name after a role of histories stays, however unlikely the model holds it (round 19); not a word
        ("MZ-0190整理札记：志主张道远，字德馨，卒于明崇祯十五年。", ["张道远", "德馨"]),
        ("补充材料清单：2.战友孟宪章证明信（1957年）；3.照片一张。", ["孟宪章"]),
        ("白云观现任住持张至玄道长（全真派）提供大事记；烈士英名录；传主生平据其年谱；志主有妾二人", ["张至玄"]),
        # a husband, wife or partner is kin (round 25): 老公|孙杰, not the compound surname 公孙
        ("产后抑郁？孩子半岁，老公孙杰陪同", ["孙杰"]),
        ("情感问题，男朋友Kevin提分手", ["Kevin"]),
        ("因父母遗留的一套老公房分割意见不一；跟老婆过不下去了", []),
        ("按三兄弟平摊，老三孝仁在外地，电话同意。", ["孝仁"]),  # a brother by his order (老三), not 老三孝仁
    ],
)
def test_name_rules_examples(text: str, names: list[str]) -> None:
    spans = TextDetector(kinds={K.PERSON_NAME}).find_many([text])[0]
    assert [text[s.start:s.end] for s in spans] == names


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("书记员谢美玲", "谢美玲"),  # the longer role word (书记员), not 书记 + 员谢美
        ("拟稿：安宁\u3000核稿：石建华", "安宁"),  # an ideographic space ends a name as a comma does
        ("辅警项明在巡逻中发现该车辆", "项明"),
        ("审判长官正，审判员韦建英", "官正"),
    ],
)
def test_round_three_roles_are_triggers(text: str, name: str) -> None:
    found = [(text[s:e], rule) for s, e, _, rule in NameRules().find(text)]
    assert (name, "name_trigger") in found
    assert all(not n.startswith("员") for n, _ in found)


@pytest.mark.parametrize("text", ["分配焊一班，师傅祁老五带。", "跟师傅祁老五学手艺", "请老师洪老三签字"])
def test_no_name_starts_with_a_cue(text: str) -> None:
    """A cue that follows names (师傅, 老师) is no surname and given name (round 25: 师傅祁 read before 老五)."""
    found = [text[s:e] for s, e, _, _ in NameRules().find(text)]
    assert not any(n.startswith(("师傅", "老师")) for n in found), found


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("报警人其美多吉（藏族）称车辆被刮。", ["其美多吉"]),  # no surname: the role and the attributes say it
        ("被告人吐尔逊，男，维吾尔族，1979年生。", ["吐尔逊"]),
        ("申请人色旺（蒙古族）已签字确认。", ["色旺"]),
        ("委托代理人阿不都热合曼·买买提（维吾尔族）到庭。", ["阿不都热合曼·买买提"]),
        ("书记员谢美玲（女）", ["谢美玲"]),
        ("户主本人（汉族）", []),  # a pronoun between the role and the attributes
        ("其子（男，汉族）在读。", []),
    ],
)
def test_a_roles_name_before_the_persons_attributes(text: str, names: list[str]) -> None:
    spans = TextDetector(kinds={K.PERSON_NAME}).find_many([text])[0]
    assert [text[s.start:s.end] for s in spans] == names


def test_known_names_find_names_without_context() -> None:
    rules = NameRules(known_names=["林晓峰", "张三丰"])
    found = {(s, e) for s, e, _, rule in rules.find("昨天林晓峰来过") if rule == "name_known"}
    assert found == {(2, 5)}


def test_known_names_are_looked_up_at_every_position() -> None:
    """A known name may begin inside another candidate (陈林晓峰) or end the text; a longer slice
    past the end of the text is no match."""
    rules = NameRules(known_names=["林晓峰", "陈林", "王秀英", "王秀英华", "x", "张", "Tom"])
    assert rules.find_known("陈林晓峰到场") == [(0, 2), (1, 4)]
    assert rules.find_known("今天见到王秀英") == [(4, 7)]
    assert rules.find_known("王秀英华") == [(0, 4)]
    assert NameRules().find_known("王秀英") == []


def test_a_name_columns_dotted_names_are_known_names() -> None:
    """Round 35: a minority or foreign name of parts joined by a dot, however typed, is a known name at any length
    (eight characters and more were none); a dot alone at an end, or a name of one character, is none."""
    rules = NameRules(known_names=["阿依古丽•买买提", "热合曼·吐尔逊", "阿不都热合曼·库尔班·吐尔逊", "·王伟", "王·"])
    text = "经阿依古丽•买买提核实，热合曼·吐尔逊与阿不都热合曼·库尔班·吐尔逊同住，王伟"
    assert [text[a:b] for a, b in rules.find_known(text)] == ["阿依古丽•买买提", "热合曼·吐尔逊", "阿不都热合曼·库尔班·吐尔逊"]


def test_surname_list_is_broad() -> None:
    single, compound = surnames()
    assert len(single) >= 550 and len(compound) >= 60
    assert {"念", "官", "练", "揭", "禤", "詹", "翁", "池"} <= single
    assert {"欧阳", "司马", "上官", "诸葛"} <= set(compound)
    # Surnames that are also frequent words count only with context (a role word, a cue).
    assert {"但", "由", "来", "和", "有"} <= ambiguous_surnames() <= single
    texts = ["，但未提交整改报告", "住户但明来电反映"]
    found = TextDetector(kinds={K.PERSON_NAME}).find_many(texts)
    assert [[t[s.start:s.end] for s in spans] for t, spans in zip(texts, found)] == [[], ["但明"]]
