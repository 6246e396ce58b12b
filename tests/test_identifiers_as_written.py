"""Identifiers as people write them (round 26): spelt in Chinese numerals (numerals.py), read by the number patterns as
the digits they spell and masked as written (short runs and dates stay); grouped by dots, dashes or spaces
(138.1234.5678, an ID as area, birth date and sequence); travel permits named as such. Both the one-text and the
bulk path find each."""

from __future__ import annotations

import pytest

from desensitize.detect.numerals import as_digits
from desensitize.detect.text import TextDetector
from desensitize.operators.text_tags import replace_spans
from pipelines.core.vocab import FindingKind as K
from tests.test_detect_rules import VALID_ID

SPELT_ID = VALID_ID.translate(str.maketrans("0123456789", "零一二三四五六七八九"))


def test_runs_are_written_in_digits_one_character_for_one() -> None:
    text = "手机幺三八 一二三四-五六七八，三楼，二〇二三年"
    assert as_digits(text) == "手机138 1234-5678，三楼，二〇二三年"  # runs of fewer than seven stay
    assert len(as_digits(text)) == len(text)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("来电人称手机一三八一二三四五六七八，请回电", [("一三八一二三四五六七八", K.MOBILE_PHONE)]),
        ("号码是幺三八 一二三四 五六七八", [("幺三八 一二三四 五六七八", K.MOBILE_PHONE)]),
        (f"身份证号{SPELT_ID}已核验", [(SPELT_ID, K.RESIDENT_ID)]),
        ("手机13812345678和一三九八七六五四三二一", [("13812345678", K.MOBILE_PHONE), ("一三九八七六五四三二一", K.MOBILE_PHONE)]),
        ("二〇二三年十二月，一二三四五六七八九十号楼", []),  # a date; a count that is no phone (no mobile prefix)
    ],
)
def test_spelt_numbers_are_found_by_both_paths(text: str, found: list[tuple[str, K]]) -> None:
    detector = TextDetector()
    one = [(text[s.start:s.end], s.kind) for s in detector.find(text) if s.kind is not K.PERSON_NAME]
    bulk = [(text[s.start:s.end], s.kind) for s in detector.find_many([text, "电话13812345678"])[0] if s.kind is not K.PERSON_NAME]
    assert one == bulk == found


def test_the_mask_replaces_the_spelt_number_as_written() -> None:
    text = "来电人称手机一三八一二三四五六七八，请回电"
    assert replace_spans(text, TextDetector().find_many([text])[0]) == "来电人称手机[手机号]，请回电"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("手机138.1234.5678，备用138—1234—5678", [("138.1234.5678", K.MOBILE_PHONE), ("138—1234—5678", K.MOBILE_PHONE)]),
        (f"身份证{VALID_ID[:6]} {VALID_ID[6:14]} {VALID_ID[14:]}已核", [(f"{VALID_ID[:6]} {VALID_ID[6:14]} {VALID_ID[14:]}", K.RESIDENT_ID)]),
        (f"身份证{VALID_ID[:6]}-{VALID_ID[6:14]}-{VALID_ID[14:]}", [(f"{VALID_ID[:6]}-{VALID_ID[6:14]}-{VALID_ID[14:]}", K.RESIDENT_ID)]),
        ("电话0591 8765 4321，总机0591-2345 6789", [("0591 8765 4321", K.LANDLINE_PHONE), ("0591-2345 6789", K.LANDLINE_PHONE)]),
        ("金额1234.56元，版本1.3.1234.5678", []),  # amounts and versions stay
    ],
)
def test_numbers_grouped_as_they_are_read_are_found_by_both_paths(text: str, found: list[tuple[str, K]]) -> None:
    """Round 26: a phone parted by dots or dashes and an ID parted into area, birth date and sequence were missed."""
    detector = TextDetector()
    one = [(text[s.start:s.end], s.kind) for s in detector.find(text) if s.kind is not K.PERSON_NAME]
    bulk = [(text[s.start:s.end], s.kind) for s in detector.find_many([text, "电话13812345678"])[0] if s.kind is not K.PERSON_NAME]
    assert one == bulk == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("港澳通行证C12345678", [("C12345678", K.PASSPORT)]),
        ("回乡证H12345678，电话13812345678", [("H12345678", K.PASSPORT), ("13812345678", K.MOBILE_PHONE)]),
        ("台胞证号码01234567", [("01234567", K.PASSPORT)]),
        ("订单号12345678已发货，合同编号C12345678", []),  # without a permit's name, a number of something else
    ],
)
def test_travel_permits_are_found_where_the_text_names_them(text: str, found: list[tuple[str, K]]) -> None:
    """Round 26: the permits for Hong Kong, Macao and Taiwan are numbered without a country's letters; a passport's
    pattern missed them."""
    detector = TextDetector()
    one = [(text[s.start:s.end], s.kind) for s in detector.find(text) if s.kind is not K.PERSON_NAME]
    bulk = [(text[s.start:s.end], s.kind) for s in detector.find_many([text])[0] if s.kind is not K.PERSON_NAME]
    assert one == bulk == found
