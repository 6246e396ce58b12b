"""The words foreign names are made of, in Latin and Cyrillic letters, for `name_latin.py`: given names, middle names
and surnames of many countries (faker's lists: English, German, French, Spanish, Italian, Turkish, Indonesian,
Uzbek, Vietnamese, Russian, Ukrainian, and Japanese and Chinese names romanised; since round 32 also India's,
Pakistan's, Kenya's, Nigeria's, Ghana's, Swahili, Zulu, Latin America's, the Nordic, Baltic and more of Europe's
written in Latin letters), the romanised surnames of Korea,
Hong Kong, Taiwan and Vietnam faker lacks, pinyin's surnames, and the syllables romanised Chinese and Korean given
names are made of.

Keyed without case and diacritics (`key`): NGUYEN, Nguyễn and nguyen are one key, so a passport's capitals and a
form's diacritics read alike.
"""

from __future__ import annotations

import importlib
import unicodedata
from functools import lru_cache

from desensitize.detect.names import given_name_chars, surnames

# faker's person providers whose names are written in Latin or Cyrillic letters.
_LOCALES = (
    "en_US", "en_GB", "en_IE", "en_NZ", "de_DE", "fr_FR", "es_ES", "it_IT", "pt_BR", "nl_NL", "tr_TR", "id_ID",
    "uz_UZ", "vi_VN", "ru_RU", "uk_UA", "pl_PL", "cs_CZ", "ro_RO", "hu_HU", "sv_SE", "ja_JP", "zh_CN", "zh_TW",
    # Round 32: South Asia and Africa as their residents' documents spell them in Latin letters (India, Pakistan,
    # Kenya, Nigeria's Hausa, Igbo and Yoruba, Swahili, Ghana's Twi, Zulu), Latin America, and the rest of Europe
    # faker writes in Latin letters.
    "en_IN", "en_PK", "en_KE", "en_NG", "ha_NG", "ig_NG", "yo_NG", "sw", "tw_GH", "zu_ZA",
    "es_MX", "es_AR", "es_CL", "es_CO", "pt_PT", "da_DK", "no_NO", "fi_FI", "et_EE", "lv_LV", "lt_LT", "hr_HR",
    "sl_SI", "sk_SK",
)
# Given names: most providers' first_names hold their men's and women's lists, but vi_VN's is a placeholder (John,
# Jane) beside its real lists (Minh, Linh, Phương): the three taken too (round 35: Tran Van Minh was no name).
_FIRST = ("first_names", "first_names_male", "first_names_female", "first_names_unisex")
_LISTS = (*_FIRST, "last_names", "middle_names", "first_romanized_names", "last_romanized_names")
# Romanised surnames faker's lists lack: Korean (passport spelling), Cantonese (Hong Kong, Macao), Wade-Giles
# (Taiwan) and Vietnamese without diacritics.
ROMANISED_SURNAMES = frozenset(
    "kim lee yi park pak choi choe jung jeong chung kang cho jo yoon yun jang chang lim im han oh seo suh shin kwon "
    "hwang ahn an song yoo yu hong jeon chun ko koh go moon mun yang son sohn bae baek paik heo hur nam shim sim noh "
    "roh ha kwak sung seong cha joo ju woo koo gu min jin na ji eom um chae won cheon bang gong hyun ham byun yeom "
    "yeo choo do so seok sun seol ma gil yeon pyo myung ki ban wang geum ok yook maeng je mo tak kook "
    "chan wong cheung lau leung lam ho ng tsang yeung kwok chow tse siu fung yip mak lai tam kwan lo law tsui chu "
    "hui kong poon pang sze yuen tong au man cheng chiu ching tsoi wan tsai hsu hsieh kuo tseng chiang chou yeh "
    "chien chuang hsiao kao wei tu lu su "
    "nguyen tran le pham hoang huynh phan vu vo dang bui ho ngo duong ly dinh truong luong dao trinh lo".split()
)


# Syllables of romanised given names faker's lists lack: Cantonese as Hong Kong spells it (Ka Wai, Chun Kit) and
# Korean as passports spell it (Min-jun, Do-hyun, Ji-woo); pinyin's come from the ideographs of names (`syllables`).
CANTONESE = frozenset(
    "ka wai kit chun man ming ho yin ying fai kin wing hing keung kwong yiu tak shing sum yee mei ling lai siu kam "
    "kwan fung chi hoi lok on pui shan sze tsz wah yan yuk lun kai tung fat wan hin chung sin cheuk nga shuk yue "
    "wun ki chin kei hang hong kwok pak po sau shu suet tim ting tsun wa wo yat yeung yip".split()
)
KOREAN = frozenset(
    "min jun joon ji hoon woo seo yeon hyun do soo jin young sung jae won hee eun hye kyung sang tae dong seung ho "
    "yoon ha na ra ah in su bin gyu jung chul il sook mi ok ja ae yeong jeong hyeon hyuk seok sik geun gi gil jong "
    "ju han hun hwa hwan ik ki kwang mun myung nam rim ryeong sae se shin si so song sun ung wook yong yul yun bo "
    "chan chang cheol da dae deok du hak jee jeon jo kang kyu mee myeong ri rin ryu seon sol yeo ye yu".split()
)
# Cyrillic letters as passports write them in Latin (ICAO 9303), for the Russian and Ukrainian lists' Latin keys.
_TO_LATIN = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "ё": "e", "є": "ie", "ж": "zh", "з": "z",
    "и": "i", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "ie",
    "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia",
})


def key(word: str) -> str:
    """`word` without case and diacritics (Đ and đ as d), hyphens and apostrophes: the key of the lists."""
    plain = unicodedata.normalize("NFD", word.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in plain if not unicodedata.combining(c) and c.isalpha()).casefold()


def _entries(lists: tuple[str, ...]) -> list[str]:
    """The entries of `lists` of every provider of `_LOCALES` written in letters (no ideographs)."""
    out: list[str] = []
    for locale in _LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for name in lists:
            values = getattr(provider, name, ())
            if isinstance(values, property):  # es_CL's is built from its men's and women's lists
                values = [*getattr(provider, f"{name}_male", ()), *getattr(provider, f"{name}_female", ())]
            out.extend(e for e in values if not any("\u3400" <= c <= "\u9fff" for c in e))
    return out


@lru_cache(maxsize=1)
def _pinyin_surnames() -> frozenset[str]:
    """The surnames of data/surnames.txt in pinyin, without tones (wang, ouyang)."""
    from pypinyin import lazy_pinyin  # in-function: only a text with such a run of letters needs it

    single, compound = surnames()
    return frozenset("".join(lazy_pinyin(s)) for s in (*single, *compound))


def _with_latin(words: set[str]) -> frozenset[str]:
    """`words` and the Latin spelling of those in Cyrillic (PETROV SERGEI as Петров Сергей), with `ROMANISED_SURNAMES`
    and `_pinyin_surnames`, of two letters or more."""
    words |= {w.translate(_TO_LATIN) for w in words} | ROMANISED_SURNAMES | _pinyin_surnames()
    return frozenset(w for w in words if len(w) >= 2)


@lru_cache(maxsize=1)
def name_words() -> frozenset[str]:
    """The keys of every given name, middle name and surname of `_LOCALES` (the parts of romanised names with a
    hyphen apart: CHIA-HAO), of `ROMANISED_SURNAMES` and of pinyin's surnames."""
    entries = [e for e in _entries(_LISTS) if all(c.isalpha() or c in " -'" for c in e)]
    return _with_latin({key(part) for e in entries for part in e.replace("-", " ").split()})


@lru_cache(maxsize=1)
def surname_keys() -> frozenset[str]:
    """The keys of the surnames alone (faker's last names, `ROMANISED_SURNAMES`, pinyin's): what a passport's
    name in capitals starts with (PARK JIHOON, SATO KENTA)."""
    return _with_latin({key(e) for e in _entries(("last_names", "last_romanized_names")) if " " not in e})


@lru_cache(maxsize=1)
def syllables() -> frozenset[str]:
    """The syllables romanised given names are made of: pinyin's of the ideographs common in Chinese names (without
    tones), their Wade-Giles spelling as Taiwan's passports write it (Wen-Hsiang, Yi-Hsuan: no apostrophe, ü as u),
    `CANTONESE` and `KOREAN`."""
    from pypinyin import Style, lazy_pinyin  # in-function: only a text with such a run of letters needs it

    chars = "".join(given_name_chars()) + "".join(surnames()[0])
    # Of three letters or more: its short ones that pinyin lacks are English words (Case No. 2024-0318: 诺 is "no").
    wade_giles = {k for s in lazy_pinyin(chars, style=Style.WADEGILES) if len(k := key(s).replace("v", "u")) >= 3}
    return frozenset(lazy_pinyin(chars)) | wade_giles | CANTONESE | KOREAN


def syllabic(word_key: str, most: int = 3) -> bool:
    """`word_key` is one to `most` syllables of `syllables` run together (xiuli, dohyun, minjun)."""
    if not word_key:
        return True
    if most == 0:
        return False
    parts = syllables()
    return any(word_key[:n] in parts and syllabic(word_key[n:], most - 1) for n in range(min(6, len(word_key)), 0, -1))


# Vietnamese given names, written without their diacritics as often as with them (faker's Vietnamese lists hold
# twenty): the commonest, less those that are English words (Long, Nam, An, Son).
VIETNAMESE_GIVEN = frozenset(
    "anh bao binh chau cuc dung duy giang hanh hang hien hieu hoa hong hue hung huong huy huyen khanh khoa lan lien "
    "linh loan mai minh nga ngan ngoc nhung nhi oanh phong phuc phuong quan quang quyen tam thanh thao thang thu thuy "
    "tien trang trinh trung tuan tung uyen van viet vinh xuan yen diep bich dao".split()
)
# Words of those given-name lists that Chinese records write as English words (Lot 3, The, Mate 20), and, of the
# lists added at round 32, English words, brands and places a record writes alone (加Line, Safari浏览器, 宠物Lucky).
NOT_GIVEN = frozenset(
    "the lot mate vero art bill page case long young star sun sky rain snow love hope via job jet sol "
    "age bale barr bent campo dev duke ever fancy forum gal gro lady line lucky mad made man nail odd paw sad santa "
    "sys tea tone safari genesis hermes gibson washington kaiser miller lavender magnolia darling harambee olympia".split()
)


@lru_cache(maxsize=1)
def given_keys() -> frozenset[str]:
    """The keys of the given and middle names of `_LOCALES` that are one word (Chloé, Natalia, Akira) and of
    `VIETNAMESE_GIVEN` (Linh, Trang), less `NOT_GIVEN`."""
    words = {key(e) for e in _entries((*_FIRST, "first_romanized_names", "middle_names")) if " " not in e and "-" not in e}
    return frozenset(w for w in words | VIETNAMESE_GIVEN if len(w) >= 3 and w not in NOT_GIVEN)
