"""Text as the detectors read it (desensitize/detect/fold.py): traditional characters read as simplified,
compatibility ideographs and Kangxi radicals as the ideographs, full-width ASCII as ASCII, one character for one,
so the original text is what gets masked."""

from __future__ import annotations

from importlib import resources

import pytest

from desensitize.detect.columns import classify_column
from desensitize.detect.fold import for_names, for_patterns
from desensitize.detect.text import TextDetector
from pipelines.core.vocab import FindingKind as K

TRADITIONAL_NAMES = ["黃志明", "鄭淑惠", "陳慧玲", "吳家樂", "梁家輝", "劉美華", "張偉", "許志強"]


def test_the_table_folds_no_character_simplified_text_uses() -> None:
    """Only characters outside GB 2312 fold: 乾隆, 於 (a surname) and 著 are read as written."""
    text = resources.files("desensitize.data").joinpath("traditional.txt").read_text(encoding="utf-8")
    pairs = [line.split() for line in text.splitlines() if line and not line.startswith("#")]
    assert len(pairs) > 2_500
    for key, value in pairs:
        assert len(key) == len(value) == 1
        with pytest.raises(UnicodeEncodeError):
            key.encode("gb2312")
        assert "\u4e00" <= value <= "\u9fff"
    assert for_names()("乾隆於著") == "乾隆於著"


def test_folds_keep_every_offset_on_both_paths() -> None:
    """The numpy pass over a long text equals str.translate, emoji (beyond the table) included."""
    short = "經黃志明核實，電話１３８１２３４５６７８😀；啓峯衞"
    long = short * 6_000  # above the length where the numpy pass takes over
    for fold in (for_patterns(), for_names()):
        assert fold(long) == long.translate(fold.mapping)
        assert len(fold(long)) == len(long)
    assert for_patterns()(short) == "经黄志明核实,电话13812345678😀;启峰卫"
    assert for_names()(short) == "经黄志明核实，电话１３８１２３４５６７８😀；启峰卫"  # the model reads ，as typed
    plain = "经王志强核实，情况属实"
    assert for_names()(plain) is plain  # nothing to fold: no copy


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("經黃志明核實，情況屬實", "黃志明"),
        ("台胞鄭淑惠來電反映其房屋租賃糾紛，已轉社區調解", "鄭淑惠"),
        ("来电人陳慧玲（138****2210）反映小区噪音", "陳慧玲"),
        ("經辦人：吳家樂；覆核人：梁家輝", "吳家樂"),
    ],
)
def test_traditional_names_are_found_and_the_original_is_masked(text: str, name: str) -> None:
    detector = TextDetector(kinds={K.PERSON_NAME})
    for spans in (detector.find(text), detector.find_many([text, "经王志强核实"])[0]):
        assert name in {text[s.start:s.end] for s in spans}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("经\uf9e1志强核实，情况属实", "\uf9e1志强"),  # 李 as a compatibility ideograph (a code page's conversion)
        ("申请人黄\u2f29明称", "黄\u2f29明"),  # ⼩, the Kangxi radical, for 小 (text copied out of a PDF file)
        ("申请人黃\u2f29明称", "黃\u2f29明"),  # and a traditional character beside it
        ("申请人\u2ee9志明称", "\u2ee9志明"),  # ⻩ of the Radicals Supplement for 黄 (round 27; NFKC leaves it)
        ("经\u2ee2丽华核实，情况属实", "\u2ee2丽华"),  # ⻢ for 马
    ],
)
def test_compatibility_ideographs_and_radicals_are_read_as_the_ideographs(text: str, name: str) -> None:
    """Round 26: they look the same as the ideographs and no reader knew them (李 was left, 志强 masked)."""
    assert len(for_names()(text)) == len(text) and "\uf9e1" not in for_patterns()(text)
    detector = TextDetector(kinds={K.PERSON_NAME})
    for spans in (detector.find(text), detector.find_many([text, "经王志强核实"])[0]):
        assert [text[s.start:s.end] for s in spans] == [name]


def test_a_known_name_is_found_whichever_way_it_is_written() -> None:
    """The extract's name column holds 黃美玲; a remark writes 黄美玲, another 黃美玲."""
    detector = TextDetector(known_names=["黃美玲"], kinds={K.PERSON_NAME})
    for text in ("据黄美玲称已搬离", "據黃美玲稱已搬離"):
        (span,) = detector.find_many([text])[0]
        assert (text[span.start:span.end], span.recognizer) == (text[1:4], "name_known")


def test_a_column_of_traditional_names_is_a_name_column() -> None:
    """Before the fold, a column of names as Taiwan and Hong Kong residents write them, under a header
    that says nothing, was published in clear."""
    assert classify_column("字段", TRADITIONAL_NAMES * 4).kind is K.PERSON_NAME


def test_the_iteration_mark_reads_as_the_ideograph_it_repeats() -> None:
    """Round 27: 佐々木 is 佐佐木 to every reader (々 was no reader's character: the name was left); one for one, so the
    original is masked; a mark with no ideograph before it stays."""
    assert for_names()("日籍佐々木美穗来") == "日籍佐佐木美穗来" and for_patterns()("々，野々村") == "々,野野村"
    long = "经王志强核实" * 20_000 + "佐々木"
    assert for_names()(long).endswith("佐佐木") and len(for_names()(long)) == len(long)
    text = "日籍佐々木美穗产后复查，日语翻译陪同"
    detector = TextDetector(kinds={K.PERSON_NAME})
    for spans in (detector.find(text), detector.find_many([text, "经王志强核实"])[0]):
        assert [text[s.start:s.end] for s in spans] == ["佐々木美穗"]
