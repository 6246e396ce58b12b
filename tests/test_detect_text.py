"""The free-text detector: recognizer tables in Chinese sentences, look-around boundaries, both paths equal."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from stdnum import luhn

from desensitize.detect.recognizers import ChinesePatternRecognizer
from desensitize.detect.text import TextDetector, detect_text_lines
from pipelines.core.vocab import FindingKind as K
from tests.conftest import ROOT
from tests.test_detect_rules import (
    BAD_CHECK_ID,
    BAD_DATE_ID,
    CARD_62,
    CARD_62_NO_LUHN,
    CARD_VISA,
    ID_LOWER_X,
    VALID_ID,
    make_id,
)


@pytest.fixture(scope="module")
def detector() -> TextDetector:
    return TextDetector(known_names=["王秀英", "欧阳明轩"])


# (text with the value marked by ⟨⟩, kind expected there or None when nothing of any kind may be found)
CASES = [
    ("申请人身份证号⟨{}⟩已核验".format(VALID_ID), K.RESIDENT_ID),
    ("身份证⟨{}⟩".format(ID_LOWER_X), K.RESIDENT_ID),
    ("身份证{}号码有误".format(BAD_DATE_ID), None),
    ("统一社会信用代码⟨91350100M000100Y43⟩的企业", K.COMPANY_CREDIT_CODE),
    ("统一社会信用代码91350100M000100Y44的企业", None),
    ("工资卡号⟨{}⟩每月发放".format(CARD_62), K.BANK_CARD),
    ("卡号⟨{}⟩（旧卡）".format(CARD_62_NO_LUHN), K.BANK_CARD),  # no Luhn, but 62 prefix and 卡号 before it
    ("信用卡⟨{}⟩".format(" ".join(CARD_VISA[i:i + 4] for i in range(0, 16, 4))), K.BANK_CARD),
    ("流水号{}未入账".format(CARD_VISA[:-1] + str((int(CARD_VISA[-1]) + 1) % 10)), None),  # 16 digits, no Luhn, no 62, no context word
    ("电话⟨13812345678⟩转分机", K.MOBILE_PHONE),
    ("手机：⟨+86 138 1234 5678⟩", K.MOBILE_PHONE),
    ("手机⟨+86-138-1234-5678⟩", K.MOBILE_PHONE),
    ("请拨⟨138-1234-5678⟩联系", K.MOBILE_PHONE),
    ("请拨⟨0086 13812345678⟩联系", K.MOBILE_PHONE),
    ("联系电话⟨(138)12345678⟩", K.MOBILE_PHONE),  # round 27: the first three in brackets, as an area code
    ("电话⟨（138）1234 5678⟩。", K.MOBILE_PHONE),
    ("订单号2138123456789已发货", None),  # a mobile inside a longer number is not a phone
    ("号码12812345678无效", None),
    ("办公室电话⟨0591-87654321⟩", K.LANDLINE_PHONE),
    ("电话⟨(0591)87654321⟩", K.LANDLINE_PHONE),
    ("邮箱⟨wang.xiaoming@163.com⟩，", K.EMAIL),
    ("发送至⟨a_b+tag@mail.fz.gov.cn⟩即可", K.EMAIL),
    ("车牌⟨闽A12345⟩的小车", K.LICENSE_PLATE),
    ("新能源车⟨闽AD12345⟩违停", K.LICENSE_PLATE),
    ("车牌闽I12345有误", None),
    ("经核查，户主名下登记车辆⟨闽AWWX12⟩已报废注销", K.LICENSE_PLATE),  # two digits: base score, still a plate
    ("扣押运输车辆⟨闽A0QKF0⟩，已依法返还", K.LICENSE_PLATE),
    ("新能源车⟨闽AF26895⟩违停", K.LICENSE_PLATE),
    ("车牌号码⟨闽ABCDEF⟩", K.LICENSE_PLATE),  # no digit: only with 车牌/车辆/号牌 before it
    ("型号闽ABCDEF已停产", None),
    ("编号X闽A12345作废", None),  # a letter right before: part of a longer code
    ("护照号码⟨E12345678⟩", K.PASSPORT),
    ("护照⟨EA1234567⟩", K.PASSPORT),
    ("出生于⟨1985年3月12日⟩", K.BIRTH_DATE),
    ("⟨1985年3月⟩出生，汉族", K.BIRTH_DATE),
    ("户主⟨王秀英⟩因病致贫", K.PERSON_NAME),
    ("委托代理人⟨欧阳明轩⟩，律师", K.PERSON_NAME),
    ("现住⟨福州市鼓楼区五四路123号3室⟩，", K.ADDRESS),
    ("家住⟨王庄村3组⟩，", K.ADDRESS),
    ("全市高度重视，白天黄金金额共计三万元。", None),
    # A number in brackets or after a space is read by its length as a bare one (round 27), and a pattern still sees
    # the bracket before it: a landline starts after none.
    ("（身份证号（⟨{}⟩）".format(VALID_ID), K.RESIDENT_ID),
    ("陶英玉之女（⟨{}⟩）在读".format(ID_LOWER_X), K.RESIDENT_ID),
    ("联系人电话 ⟨13812345678⟩ 已核实", K.MOBILE_PHONE),
    ("手机（⟨13812345678⟩）", K.MOBILE_PHONE),
    ("编号（（008687654321号", None),
]


def _parse(marked: str) -> tuple[str, tuple[int, int] | None]:
    if "⟨" not in marked:
        return marked, None
    start = marked.index("⟨")
    end = marked.index("⟩") - 1
    return marked.replace("⟨", "").replace("⟩", ""), (start, end)


@pytest.mark.parametrize(("marked", "kind"), CASES)
def test_recognizer_table(detector: TextDetector, marked: str, kind: K | None) -> None:
    text, span = _parse(marked)
    for found in (detector.find(text), detector.find_many([text])[0]):
        if kind is None:
            assert found == [], [(s.kind, s.start, s.end) for s in found]
        else:
            assert [(s.kind, s.start, s.end) for s in found if s.kind is kind] == [(kind, *span)]  # type: ignore[misc]


def test_id_that_also_passes_luhn_is_an_id(detector: TextDetector) -> None:
    """An 18-digit resident ID with a valid check character and birth date is a resident_id, even when
    it also passes Luhn (and would be a 18-digit card) or starts with 62 (Gansu, the UnionPay prefix)."""
    ids = [make_id(f"{area}19{y:02d}0{m}1{d}{seq:03d}") for area in ("350102", "620102") for y in range(50, 99, 7)
           for m in range(1, 10, 4) for d in range(0, 3) for seq in range(0, 40, 3)]
    both = [i for i in ids if luhn.is_valid(i)]
    assert len(both) > 50
    texts = [f"家庭成员王伟身份证{i}变更" for i in both] + [f"{i}" for i in both] + [f"卡号{i}" for i in both[:5]]
    for text, spans in zip(texts, detector.find_many(texts)):
        assert [s.kind for s in spans if s.kind is not K.PERSON_NAME] == [K.RESIDENT_ID], text
    assert [s.kind for s in detector.find(texts[0]) if s.kind is not K.PERSON_NAME] == [K.RESIDENT_ID]


def test_checksum_failing_id_is_not_an_id(detector: TextDetector) -> None:
    text = f"身份证号{BAD_CHECK_ID}有误"
    assert all(s.kind is not K.RESIDENT_ID for s in detector.find(text))
    assert all(s.kind is not K.RESIDENT_ID for s in detector.find_many([text])[0])


def test_spans_are_sorted_and_disjoint(detector: TextDetector) -> None:
    text = f"户主王秀英，身份证{VALID_ID}，电话13812345678，住福州市鼓楼区五四路123号，卡号{CARD_62}，车牌闽A12345。"
    spans = detector.find_many([text])[0]
    assert [s.kind for s in spans] == [
        K.PERSON_NAME, K.RESIDENT_ID, K.MOBILE_PHONE, K.ADDRESS, K.BANK_CARD, K.LICENSE_PLATE,
    ]
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:]))
    assert detector.find(text) == spans


def test_find_many_handles_none_empty_and_separator(detector: TextDetector) -> None:
    texts = [None, "", "电话13812345678", "a\x00电话13912345678", "无"]
    out = detector.find_many(texts)
    assert out[0] == [] and out[1] == [] and out[4] == []
    assert [(s.start, s.end) for s in out[2]] == [(2, 13)]
    assert [(s.start, s.end) for s in out[3]] == [(4, 15)]


def test_long_text_windows(detector: TextDetector) -> None:
    filler = "情况属实，继续跟踪。" * 400  # a 4000-character complaint letter
    text = filler + "联系电话13812345678。" + filler + f"身份证{VALID_ID}" + filler
    assert detector.find_many([text])[0] == detector.find(text)
    assert {s.kind for s in detector.find_many([text])[0]} == {K.MOBILE_PHONE, K.RESIDENT_ID}


def test_a_line_of_many_ats_widens_one_token_window(detector: TextDetector, monkeypatch: pytest.MonkeyPatch) -> None:
    """A 100,000-character line of handles or addresses one space apart (@Mia @Mia …, a@b.cn c@d.com …) is one
    token run: the e-mail pattern's window is widened over it once, not once an @ (which took 101 s, round 22)."""
    import desensitize.detect.text as text_module

    calls: list[int] = []
    widen = text_module._token_window

    def spy(joined: str, ts: int, te: int, ws: int, we: int) -> tuple[int, int]:
        calls.append(ws)
        return widen(joined, ts, te, ws, we)

    monkeypatch.setattr(text_module, "_token_window", spy)
    line = "@Mia " * 2_000 + "，联系 lisa@qq.com 或 kevin@163.com"
    found = detector.find_many([line])[0]
    assert [line[s.start:s.end] for s in found if s.kind is K.EMAIL] == ["lisa@qq.com", "kevin@163.com"]
    assert len(calls) <= 3  # the run of handles, then each address after the comma


def test_kinds_filter() -> None:
    only_phone = TextDetector(kinds={K.MOBILE_PHONE})
    text = f"户主张伟，电话13812345678，身份证{VALID_ID}"
    assert [s.kind for s in only_phone.find_many([text])[0]] == [K.MOBILE_PHONE]
    assert [s.kind for s in only_phone.find(text)] == [K.MOBILE_PHONE]


def test_recognizers_are_presidio_pattern_recognizers(detector: TextDetector) -> None:
    recognizers = detector.analyzer.get_recognizers("zh")
    pattern_keys = {r.name for r in recognizers if isinstance(r, ChinesePatternRecognizer)}
    assert {"cn_resident_id", "cn_mobile", "cn_bank_card", "cn_email", "cn_license_plate"} <= pattern_keys
    assert "cn_person_name" in {r.name for r in recognizers}


_FRAGMENTS = [
    "户主", "王秀英", "张伟", "，", "。", "电话", "13812345678", "0591-87654321", VALID_ID, BAD_CHECK_ID, CARD_62,
    CARD_62_NO_LUHN, "卡号", "住", "福州市鼓楼区五四路12号", "闽A12345", "E12345678", "wang@163.com", "因病", "于",
    "2023年", "出生于1990年1月2日", "高度", "黄金", "白天", "金额", " ", "a", "X", "订单号21381234567890",
    # Round 2: plates with few digits, tokens the bulk path classifies by length or scans in a window.
    "闽AWWX12", "车辆", "闽AF26895", "8613812345678", "+86 138 1234 5678", "转123", "-", "(0591)87654321",
    "家庭成员", "网格员", "念柳", "代为", "名下", "当场", "、", "身份证",
    # Round 5: traditional characters, read simplified by both paths (fold.py).
    "黃志明", "經", "身份證", "鄭", "１３８１２３４５６７８",
    # Round 10: spaced text, read closed up (spacing.py), and a chat paste's mark.
    "邬 春 林", "\u3000", "兹 证 明", "【群聊】", "Lee Siu Fung（李少峰）",
    # Round 18: a dotted name that may close a text, and a person's attributes that may open the next one.
    "热娜·克力木", "，蒙古族", "（维吾尔族）", "主席施建平",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(st.sampled_from(_FRAGMENTS), max_size=12).map("".join), min_size=1, max_size=8))
def test_bulk_path_equals_presidio_path(detector: TextDetector, texts: list[str]) -> None:
    assert detector.find_many(texts) == [detector.find(t) for t in texts]


def test_detect_text_lines_round_trip() -> None:
    lines = ["户主王秀英电话13812345678", "", "无个人信息", f"身份证{VALID_ID}"]
    out = io.StringIO()
    assert detect_text_lines(io.StringIO("\n".join(lines) + "\n"), out) == 0
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(rows) == len(lines)
    assert rows[1] == {"findings": []} and rows[2] == {"findings": []}
    assert rows[3] == {"findings": [{"kind": "resident_id", "start": 3, "end": 21}]}
    kinds = [(f["kind"], lines[0][f["start"]:f["end"]]) for f in rows[0]["findings"]]
    assert kinds == [("person_name", "王秀英"), ("mobile_phone", "13812345678")]
    assert "13812345678" not in json.dumps(rows)  # offsets only, never values


def test_full_width_digits_are_found_by_the_bulk_path_too() -> None:
    """１３８… written in full-width digits is still a phone; the span fits the original text."""
    from desensitize.detect.text import TextDetector

    text = "联系电话１３８１２３４５６７８，身份证３５０１０２１９９００３０７１２３４"
    detector = TextDetector()
    for spans in (detector.find_many([text])[0], detector.find(text)):
        kinds = {s.kind.value: text[s.start : s.end] for s in spans}
        assert kinds.get("mobile_phone") == "１３８１２３４５６７８"
        assert kinds.get("resident_id") == "３５０１０２１９９００３０７１２３４"


def _remarks(n: int) -> list[str]:
    """The free-text remarks of the civil-affairs sample extract (GBK), with a few lines of bad input."""
    import pandas as pd

    frame = pd.read_csv(ROOT / "sample_data" / "civil-affairs-low-income.csv", encoding="gbk", dtype=str)
    remarks = frame["备注"].fillna("").tolist()[:n]
    named = [f"经{name}核实，{remark}" for name, remark in zip(frame["姓名"].tolist()[:50], remarks)]
    return remarks + named + ["", "1234567890", "Latin only", "户主王秀英电话13812345678"]


def test_piped_lines_are_answered_in_batches_as_they_would_be_one_by_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """`detect-text` on piped input detects lines a batch at a time (several batches here): every answer
    is what the line gets alone."""
    import desensitize.detect.text as text_module

    monkeypatch.setattr(text_module, "_BATCH_LINES", 300)
    lines = _remarks(1_000)
    out = io.StringIO()
    assert detect_text_lines(io.StringIO("\n".join(lines) + "\n"), out) == 0
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    alone = TextDetector()
    expected = [[{"kind": s.kind.value, "start": s.start, "end": s.end} for s in alone.find_many([t])[0]] for t in lines]
    assert [r["findings"] for r in rows] == expected
    assert sum(f["kind"] == "person_name" for r in rows for f in r["findings"]) >= 50


def test_a_line_that_fails_in_a_batch_fails_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """One line the detector cannot take answers an error (never its text); the rest of its batch is
    answered, and the exit code is 1."""
    lines = ["户主王秀英电话13812345678", "无个人信息", "BREAKS-王志强", "经王建华核实，情况属实"]
    real = TextDetector.find_many

    def find_many(self: TextDetector, texts: list[str]) -> list[Any]:
        if any(t.startswith("BREAKS") for t in texts):
            raise RuntimeError("boom")
        return real(self, texts)

    monkeypatch.setattr(TextDetector, "find_many", find_many)
    out = io.StringIO()
    assert detect_text_lines(io.StringIO("\n".join(lines) + "\n"), out) == 1
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert rows[2] == {"findings": [], "error": "detection failed"}
    assert {"kind": "person_name", "start": 2, "end": 5} in rows[0]["findings"]
    assert rows[1] == {"findings": []}
    assert {"kind": "person_name", "start": 1, "end": 4} in rows[3]["findings"]
    assert "王志强" not in out.getvalue()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("热娜·克力木", "热娜·克力木"),
        ("许可证注销，原因：合同到期不续签。皮埃尔·杜邦", "皮埃尔·杜邦"),
        ("外籍人员伊琳娜·霍夫曼、奥列格·诺瓦克", "奥列格·诺瓦克"),
    ],
)
def test_a_dotted_name_that_closes_the_text_is_found(detector: TextDetector, text: str, name: str) -> None:
    """A dotted name as a record's last words (round 18: from round 15 to 17 the name policy read one
    character past the text there, and the detector failed on the whole batch)."""
    start = text.rindex(name)
    for spans in (detector.find(text), detector.find_many(["经王建华核实", text, "无"])[1]):
        assert any(s.kind == K.PERSON_NAME and s.start <= start and s.end == len(text) for s in spans)


def test_a_person_s_attributes_that_open_a_text_belong_to_no_name_of_the_text_before(detector: TextDetector) -> None:
    """The bulk path joins texts; attributes at the next text's start (，蒙古族) are read in that text only: the
    rule that takes the name before them took 施建平 and the separator, past its text's end (round 18)."""
    texts = ["监事会主席施建平", "，蒙古族，来榕探亲时发病住院。"]
    assert detector.find_many(texts) == [detector.find(t) for t in texts]
    assert detector.find_many(texts[1:]) == [[]]


@pytest.mark.parametrize("text", ["实到39人，严晓家", "已电话通知王伟、", "报修人黄莉家"])
def test_a_text_is_read_alike_last_in_its_batch_or_not(detector: TextDetector, text: str) -> None:
    """What closes a text is read the same whether the text is the batch's last or another follows (round 18:
    a name's trailing 家 was dropped at the end of a batch only: the empty slice is in every string)."""
    assert detector.find_many([text, "潘依妹到场"])[0] == detector.find_many([text])[0] == detector.find(text)


def test_remark_texts_cut_at_their_names_are_read_alike_in_bulk_and_alone(detector: TextDetector) -> None:
    """Texts that start or end at a name (cut from the studied remark sets at each labelled name) are read in
    one batch as each is read alone: no reader looks past its text's ends, and none fails there."""
    import random
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from names_corpora import read_marked
    finally:
        sys.path.pop(0)
    cuts: set[str] = set()
    for path in sorted((ROOT / "desensitize" / "data").glob("names_dev_remarks*.txt")):
        for text, spans in read_marked(path):
            for a, b in spans:
                cuts.update((text[:b], text[a:], text[a:b]))
    texts = sorted(cuts)
    random.Random(18).shuffle(texts)
    texts = texts[:3_000]
    assert detector.find_many(texts) == [detector.find_many([t])[0] for t in texts]


def _resolve_by_scan(candidates: list[tuple[int, int, float, str, K]]) -> list[tuple[int, int]]:
    """`text.resolve` as it was until round 22: each ranked candidate checked against every span taken (quadratic)."""
    from desensitize.detect.text import ranked

    taken: list[tuple[int, int, float, str, K]] = []
    for c in ranked(candidates):
        if all(c[1] <= t[0] or t[1] <= c[0] for t in taken):
            taken.append(c)
    return [(c[0], c[1]) for c in sorted(taken)]


_CANDIDATE = st.tuples(
    st.integers(0, 60), st.integers(0, 8), st.sampled_from([0.4, 0.6, 0.75, 1.0]),
    st.sampled_from(["name_rules", "cn_mobile", "cn_resident_id", "email"]),
    st.sampled_from([K.PERSON_NAME, K.MOBILE_PHONE, K.RESIDENT_ID, K.EMAIL]),
).map(lambda t: (t[0], t[0] + t[1], t[2], t[3], t[4]))  # empty spans (length 0) too


@settings(max_examples=400, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_CANDIDATE, max_size=30))
def test_resolve_by_bisection_equals_the_scan(candidates: list[tuple[int, int, float, str, K]]) -> None:
    """Round 22 checks a candidate against the spans taken by bisection (a line of 25,000 names took minutes with
    the scan); what it keeps is what the scan kept, empty spans included."""
    from desensitize.detect.text import resolve

    assert [(s.start, s.end) for s in resolve(candidates)] == _resolve_by_scan(candidates)


@given(st.lists(st.integers(0, 50), max_size=20), st.lists(st.tuples(st.integers(0, 45), st.integers(0, 8)), max_size=20))
def test_a_place_outside_the_names_of_no_one_by_bisection_equals_the_scan(places: list[int], spans: list[tuple[int, int]]) -> None:
    """Round 25 looks each gate candidate up among the rules' names that name no one by bisection (a line of 15,000
    drugs' names took 7.5 s with the scan of every place against every span); it answers what the scan answered."""
    from desensitize.detect.name_policy import _any_outside

    spans = [(a, a + n) for a, n in spans]
    assert _any_outside(places, spans) == any(not any(a <= p < b for a, b in spans) for p in places)


@given(st.lists(st.tuples(st.integers(0, 40), st.integers(0, 6)), max_size=25), st.integers(0, 45), st.integers(0, 6))
def test_reaches_equals_a_scan(intervals: list[tuple[int, int]], start: int, length: int) -> None:
    """The twin's names overlap a span exactly when one of them starts before it ends and ends after it starts."""
    from itertools import accumulate

    from desensitize.detect.text import _reaches

    ordered = sorted((a, a + n) for a, n in intervals)
    firsts, furthest = [a for a, _ in ordered], list(accumulate((b for _, b in ordered), max))
    end = start + length
    assert _reaches(firsts, furthest, start, end) == any(not (end <= a or b <= start) for a, b in ordered)
