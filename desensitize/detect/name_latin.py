"""Names in Latin letters in Chinese text: 当事人Nguyen Van Minh（越南籍）, CHAN Tai Man（香港居民）, 报警人
Maria Santos称, 外籍人员参保：Lee Min Ho（韩国籍）, 越南籍新娘Nguyễn Thị Hoa (with the letters of Latin's extended
blocks: Vietnamese, Polish, Turkish, Czech and pinyin's tones), 外籍人员Иван Петров（俄罗斯籍）, 留学生Ａｎｎａ Ｓｍｉｔｈ.

Foreign residents, and Hong Kong and Macao residents in their documents' spelling, are written in Latin
letters in Chinese records. Neither the rules nor the model read them: both know Chinese characters. A run of
capitalised words (one to five; particles such as van, de, bin between them) between characters that are no
letters is a name where the record says so:

* the person's nationality or residence follows (（越南籍）, ，美国籍, （香港居民）, （外教，美国籍）, （台湾）, ，美国),
  in a row of fields after a space (Sarah Mitchell 英国 外教);
* a role word stands right before it (当事人, 申请人：, 患者), or an English label (Name:, Contact person:), or a
  form of address before two words or more (Ms. Lin Mei Hua; Mr. Tan alone is a surname and a title, as 陈先生);
* or, for two words or more, what follows is what only a person does or is (先生, 称, 反映, 申请 …);
* a Chinese label for the name in Latin letters stands right before it (英文名, 护照姓名：), or a nationality
  shortly before it, in the same clause (菲律宾籍家政人员Maria Santos);
* two words or more in brackets right after a Chinese name are that person's name spelt out (香港居民陈家豪
  （Chan Ka Ho）); two words or more right before a bracket that opens with a Chinese name are a name, and
  the Chinese name in the bracket is that person's too (Lee Siu Fung（李少峰）, Chloe Lin（林佩珊，台湾）);
* or a form of address or a family word follows it (Somchai先生, Park Minjun爸爸, Aarav的父亲; round 27), even for
  one word no list holds, in capitals too (a given name in capitals is taken only where the record says it is one);
* or it is a nickname of 小, 阿 or 老 and one capital letter (小K（柯文杰）, 老K): the letters of the alphabet are
  no words a record writes after them (in the training and studied files 18 such nicknames, 2 unmarked: handles);
* or it is one word, a common English given name (faker's English-speaking lists: Lisa, David, Aoife, and
  the names Chinese speakers take: Coco, Sunny), wherever it stands (Jenny取消了明早的课, 业务员Kevin负责,
  ——Echo, Lily林：, 阿May): staff, members and customers go by such names. Until round 26 such a name was
  taken only where a person's verb followed it or a chat named a member so; in the written remarks of the
  training and studied files, 335 such words are names and 4 are not (an English name spelt out after its
  Chinese transliteration, left unmarked), and 58 of those names no context of the old list held.

A run holding a word of an organisation, a place or a product (Ltd, Hotel, Road, Pro …) is none, nor is
one word of fewer than three letters (经办人A), nor one of capitals that no list holds as a name (申请人APP).
"""

from __future__ import annotations

import re
from functools import lru_cache

from desensitize.detect import foreign_names
from desensitize.detect.fold import FULL_WIDTH
from desensitize.detect.names import CUE, STOP_CHARS, common_words, role_before, surnames, word_pos

# Letters: ASCII, Latin-1's and Latin Extended-A, -B and Additional's, which spell Vietnamese (Nguyễn Thị Hoa, Trần Văn
# Đức), Polish (Łucja), Turkish, Czech names and pinyin's tones (Lǐ Míng), and the Greek and Cyrillic alphabets (Иван
# Петров). These blocks mix capitals and small letters, so a word's first letter is checked a capital in Python
# (`_capitalised`). Full-width letters (Ａｎｎａ) are read as the ASCII ones (`_FULL_WIDTH`).
_EXTENDED = "\u0100-\u024f\u1e00-\u1eff\u0370-\u03ff\u0400-\u04ff"
_LETTER = f"A-Za-zÀ-ÖØ-öø-ÿ{_EXTENDED}"
_UPPER = f"A-ZÀ-ÖØ-Þ{_EXTENDED}"
_LOWER = f"a-zß-öø-ÿ{_EXTENDED}"
_WORD = rf"(?:[{_UPPER}][{_LOWER}]*(?:['’\-][{_LETTER}]+)*|[{_UPPER}]{{2,}}(?:-[{_UPPER}]{{2,}})*)"
_PARTICLE = r"(?:van|von|der|den|de|da|del|dos|du|la|le|bin|binti|al|el|ibn)"
_PARTICLE_WORD = re.compile(_PARTICLE)
# The run: a capitalised word, then up to four more (one or two particles may stand between: van der), one space apart;
# not part of an address or a code (no letter, letter's dot or letters and digits before it: www.Lisa, A3Lisa; no
# e-mail's @: john@Smith), but after a list's number (1.Coco, 9Jayden Wong, 11Coco) or a chat's @ (@Mia); and no
# letter after it (a number may follow: an age, a head count, a roster's figure, or a product's model number).
RUN = re.compile(
    rf"(?<![{_LETTER}_\-])(?<![{_LETTER}_\-][0-9])(?<![{_LETTER}0-9_\-][0-9]{{2}})(?<![{_LETTER}._\-]\.)(?<![A-Za-z0-9._\-]@){_WORD}(?:[ \u00a0](?:{_PARTICLE}[ \u00a0]){{0,2}}{_WORD}){{0,4}}"
    # no letter right after it; a digit may follow (`latin_names` weighs the run then: 孩子Felix3岁, Tina168h, iPhone15)
    rf"(?![{_LETTER}@_\-]|\.[A-Za-z])"
)
# An age or a party's head count right after a name (孩子Felix3岁, 游客Emily Brown3人).
_AGE_OR_COUNT = re.compile("[0-9]{1,2}(?:岁|个月|人|位)")
# A capital and a letter, or 小, 阿 or 老 and a capital: every name `latin_names` takes holds one. Scanning a million
# remarks for this takes 0.04 s, for `RUN` (its look-behind tried at every character) 0.27 s.
HINT = re.compile(f"[{_UPPER}Ａ-Ｚ][{_LETTER}ａ-ｚＡ-Ｚ]|[小阿老][A-ZＡ-Ｚ]")
# Full-width letters and digits as ASCII ones (fold.py's fold of them), one character for one: the offsets stay.
_FULL_WIDTH = {code: ascii_code for code, ascii_code in FULL_WIDTH.items() if chr(ascii_code).isalnum()}
# A nickname of 小, 阿 or 老 and one capital letter (小K, 阿B, 老K), standing alone: no letter or digit on either side.
LETTER_NICKNAME = re.compile("(?<![A-Za-z0-9])[小阿老][A-Z](?![A-Za-z0-9])")
# Countries whose short Chinese name does not end in 国, as a record writes a foreign person's origin (（印尼）, ，越南).
COUNTRIES = (
    "印尼", "越南", "缅甸", "老挝", "柬埔寨", "菲律宾", "马来西亚", "新加坡", "日本", "朝鲜", "印度", "巴基斯坦", "孟加拉",
    "尼泊尔", "斯里兰卡", "蒙古", "俄罗斯", "哈萨克斯坦", "乌兹别克斯坦", "土耳其", "伊朗", "伊拉克", "叙利亚", "约旦",
    "以色列", "沙特", "阿联酋", "埃及", "南非", "尼日利亚", "肯尼亚", "埃塞俄比亚", "加纳", "喀麦隆", "澳大利亚", "澳洲",
    "新西兰", "加拿大", "墨西哥", "巴西", "阿根廷", "智利", "秘鲁", "哥伦比亚", "古巴", "意大利", "西班牙", "葡萄牙", "荷兰",
    "比利时", "瑞士", "瑞典", "挪威", "芬兰", "丹麦", "波兰", "乌克兰", "希腊", "爱尔兰", "奥地利", "匈牙利", "捷克",
)
# What a record writes after a foreign person's name: the nationality or residence, in a bracket, after a comma
# or, in a row of fields, after a space (Sarah Mitchell 英国 外教); a country's name ends there (，美国).
FOREIGN_AFTER = re.compile(
    r"(?:\s?[（(，,]|\s)\s?[^）)。；]{0,10}?(?:籍|居民|国人|华人|华侨|外教|留学生|护照|外籍|香港|澳门|台湾|"
    r"[\u4e00-\u9fff]国(?=$|[\s，,、；;）)])|(?:" + "|".join(COUNTRIES) + r")(?=$|[\s，,、；;）)]))"
)
# A form of address right before the run (Ms. Lin Mei Hua; not \b: there is none after a Chinese character, 代理Mr.).
# Before one word alone it is a surname and a title (Mr. Tan, Ms. Lin), as 陈先生 is, which names no one.
_FORM_OF_ADDRESS = r"(?<![A-Za-z])(?:Mr|Mrs|Ms|Miss|Dr)\.?\s*$"
_ADDRESSED = re.compile(_FORM_OF_ADDRESS)
# An English label or form of address right before the name (Name: Zhang Wei, Contact person: Li Na, Ms. Wang Li).
ENGLISH_ROLE = re.compile(
    r"(?i:\b(?:name|full name|applicant|contact(?: person)?|complainant|caller|patient|tenant|owner|client|"
    r"employee|student|guardian|agent|witness|passenger|driver|resident))\s*[:：]\s*$|" + _FORM_OF_ADDRESS
)
# A Chinese label of a name in Latin letters (英文名Wong Chi Wai, 护照姓名：…), or a nationality earlier in the
# same clause (菲律宾籍家政人员Maria Santos, 经营者外籍:David Müller), or 姓名 itself (收件人姓名写为“Chen Mei Ling”).
CHINESE_LABEL = re.compile(
    r"(?:英文名字?|英文姓名|外文名|外文姓名|护照姓名|护照名|拼音)\s*[:：]?\s*$|籍[\u4e00-\u9fff]{0,6}[:：]?\s*$"
    r"|姓名(?:写为|写成|为|是)?\s*[:：]?\s*[“\"「]?$"
)
# What corrects a name's spelling right before it (名单上拼成Santo, 应为“Tran Thi Lan”): one word after a verb of
# spelling, two or more after any correction.
SPELT = re.compile(r"(?:拼成|拼作|拼为|拼写为|拼写成)\s*[“\"「]?$")
CORRECTED = re.compile(r"(?:应为|更正为|改为|写成|写为|误写为|误为|拼成|拼作|拼为|拼写为|拼写成)\s*[“\"「]?$")
# A form of address or a family word right after a name (Yamamoto先生, Somchai先生一行, Park Minjun爸爸, Aarav的父亲): a
# person, even of one word no list holds; not a product's line (女士香水, 先生系列). A profession's title only after two
# words or more (Park Soyeon老师): one word before it is a subject as often (English老师, Python老师).
TITLE_AFTER = re.compile(
    "(?:先生|女士|小姐|太太|夫人|爸爸|妈妈|家长|夫妇|一家|的(?:父亲|母亲|爸爸|妈妈|孩子|儿子|女儿|丈夫|妻子))"
    "(?!专|香|系|款|包|装|鞋|表|服|用)"
)
PROFESSION_AFTER = re.compile("老师|医生|大夫|同学")
# What only a person does right after their name, and no firm or product in a record either: after one capitalised
# word no list holds, a name (Sanjay说, Tevita来电; round 32: in the written remarks of the training and studied files,
# 41 single capitalised words stand before these or the other person's verbs, all 41 marked names).
_ACTS = "说|来电|来访|报称|报警|咨询|签收|签字"
ACTS_AFTER = re.compile(_ACTS)
# What only a person does right after their name (Ivan Petrov申请…, Maria Santos称): those, and what a firm does too
# (Apple称, 表示, 认为 …), taken after two words or more.
PERSON_AFTER = re.compile(f"称|反映|投诉|申请|表示|要求|认为|确认|办理|{_ACTS}")
NOT_NAMES = frozenset(
    "Co Ltd Inc LLC Corp Company Group Bank Hotel Store Shop Mall Center Centre Street Road Avenue University "
    "College School Hospital Airport Station Park Plaza Tower Building China Fuzhou Fujian Hong Kong Macao Macau "
    "Taiwan Xiamen Beijing Shanghai Pro Max Plus Mini Air Phone Pad Book Watch App Wi Fi Wifi WIFI APP GPS ID "
    "PDF OK USB VIP CEO CBD KTV SUV ATM WeChat Alipay Model Type Series Version Online Service Services "
    # what follows a given name in a firm's, a place's or a handle's name, as a surname would (Ahmed Trading, Lily
    # Garden, Sophia Mom)
    "Trading Studio Cafe Coffee Club Team Bakery Garden Harbour Square Villa Apartment Residence Mansion Restaurant "
    "Kitchen Salon Spa Gym Academy Institute Foundation Holdings Technology Tech Media Design Consulting Logistics "
    "Travel Fashion Beauty Brand Mom Mum Dad".split()
)
# English given names Chinese speakers take that faker's English-speaking lists lack (Coco, Sunny, 阿May), and
# (round 26) the short forms and older names among them (Andy, Maggie, Jacky, Ken).
CHOSEN_ENGLISH = frozenset(
    "Coco May Sunny Cherry Vivian Candy Winnie Kitty Iris Yoyo Jojo Kiki Cici Echo Elsa Evan "
    "Ada Andy Benny Dora Elva Fifi Flora Freddy Gigi Hank Jacky Joey Josie Ken Kenny Kris Lena Lili Liz Lulu Maggie "
    "Mimi Nana Nelson Nick Queenie Sammy Ted Vera Willy Wilson Zack".split()
)
# Words of faker's lists that Chinese records write as a place (India, Georgia) or a month (June): never alone.
_PLACE_OR_MONTH = frozenset("India Israel Georgia Florence Kingston Lincoln Hudson Brooklyn Jan June".split())


# A shop, studio or firm named after a lone English name (Grace婚纱店, Coco奶茶店, Tony工作室): up to two characters
# (a noun of the dictionary: what the shop sells), then what ends such a name.
SHOP_AFTER = re.compile(r"[\u4e00-\u9fff]{0,2}?(?:店|馆|坊|屋|吧|行|社|公司|工作室|中心|餐厅|酒店|会所|超市|商行|品牌)")


# What a bracket after a name in Latin letters says of the person, not their Chinese name (（越南籍）, （香港居民）).
_NOT_IN_A_NAME = re.compile("籍|居民|国|港|澳|台|族|省|市")


@lru_cache(maxsize=1)
def english_given_names() -> frozenset[str]:
    """faker's given names of the English-speaking locales (US, GB, IE, NZ: 1,364, Lisa, David, Aoife …) and
    `CHOSEN_ENGLISH`, less the words of `NOT_NAMES` (Max) and `_PLACE_OR_MONTH`."""
    # in-function: only a text with a lone Latin word needs them
    from faker.providers.person.en_GB import Provider as GB
    from faker.providers.person.en_IE import Provider as IE
    from faker.providers.person.en_NZ import Provider as NZ
    from faker.providers.person.en_US import Provider as US

    every = {name for provider in (US, GB, IE, NZ) for name in provider.first_names}
    return frozenset(every | CHOSEN_ENGLISH) - NOT_NAMES - _PLACE_OR_MONTH


def latin_names(text: str) -> list[tuple[int, int]]:
    """Spans of the names in Latin letters of `text` (module docstring)."""
    text = text.translate(_FULL_WIDTH)
    out: list[tuple[int, int]] = [m.span() for m in LETTER_NICKNAME.finditer(text)]
    others: list[tuple[int, int]] = []  # the runs shaped as names that nothing here says are
    for m in RUN.finditer(text):
        a, b = m.span()
        words = m.group().split()
        if not _capitalised(words) or _a_things_word(words) or (len(words) == 1 and len(words[0]) < 3):
            continue  # 经办人A: a label
        if text[b:b + 1].isdigit() and not _AGE_OR_COUNT.match(text, b) and not (
            _foreign_name(words) or (len(words) == 1 and _given_name(words[0]) and _a_rosters_entry(text, a, b))
        ):
            continue  # glued to a number: a roster's hours or points after a name by its words alone (Kelly Wong3,
            # 工时 Tina168h), else a product's or a code's (Mate40, 华为Nova7, Jordan11球鞋, Victoria2号楼)
        capitals = len(words) == 1 and words[0].isupper()
        if capitals and foreign_names.key(words[0]) not in _name_words():
            continue  # 申请人APP, 患者ICU: an acronym; 护照名KEVIN, MOHAMED录成了… are names (round 27)
        if len(words) == 1 and _ADDRESSED.search(text, max(0, a - 6), a):
            continue  # 代理Mr. Tan: a surname and a title (Mr. Tan Wei Ming is a name)
        others.append((a, b))
        several = len(words) >= 2
        chinese = _chinese_name_after(text, b) if several else None  # Lee Siu Fung|（李少峰）
        lone = not several and not capitals and _given_name(words[0]) and not _names_a_shop(text, b)  # Lisa, Coco, Chloé
        if FOREIGN_AFTER.match(text, b) or role_before(text, a) or ENGLISH_ROLE.search(text, max(0, a - 24), a) or (
            _person_after(text, b, several, capitals)
        ) or CHINESE_LABEL.search(text, max(0, a - 12), a) or (
            several and (_after_chinese_name(text, a, b) or chinese is not None)
        ) or lone or _foreign_name(words) or (
            CORRECTED.search(text, max(0, a - 6), a) if several else SPELT.search(text, max(0, a - 6), a)
        ):
            if lone:  # 阿May is the name a chat calls her; in Lily林： the surname is the handle's
                a, b = a - (text[a - 1:a] == "阿"), b + _surname_labels(text, b)
            out.append((a, b))
            others.pop()
            if chinese is not None:
                out.append(chinese)
    return out + _listed_with(text, out, others) if out and others else out


def _a_rosters_entry(text: str, a: int, b: int) -> bool:
    """The word at `a:b` and the number glued after it stand apart from the Chinese text around them, as a roster's
    entry does (工时 Tina168h 陈宇152h), not a product's model (华为Nova7, Jordan11球鞋, Victoria2号楼)."""
    end = b
    while end < len(text) and (text[end].isdigit() or text[end] == "."):
        end += 1
    return not "\u4e00" <= text[a - 1:a] <= "\u9fff" and not "\u4e00" <= text[end:end + 1] <= "\u9fff"


def _person_after(text: str, b: int, several: bool, capitals: bool) -> bool:
    """What follows the run ending at `b` says it is a person: a form of address or a family word (`TITLE_AFTER`);
    after a run of `several` words what only a person does (`PERSON_AFTER`), a cue or a profession's title; after one
    word not in `capitals`, what no firm does either (`ACTS_AFTER`)."""
    if TITLE_AFTER.match(text, b) is not None:
        return True
    if several:
        return PERSON_AFTER.match(text, b) is not None or CUE.match(text, b) is not None or PROFESSION_AFTER.match(text, b) is not None
    return not capitals and ACTS_AFTER.match(text, b) is not None


_SURNAME_TOO = frozenset({"Park"})  # a word of `NOT_NAMES` that is a surname first in a run (`_a_things_word`)


def _a_things_word(words: list[str]) -> bool:
    """A word of an organisation, a place or a product (`NOT_NAMES`) is in the run; Park first of two or more is the
    Korean surname (Park Minjun, Park Soyeon; Central Park, Park Hotel stay places)."""
    return any(w in NOT_NAMES and not (i == 0 and w in _SURNAME_TOO and len(words) > 1) for i, w in enumerate(words))


def _listed_with(text: str, names: list[tuple[int, int]], runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The runs that stand in a list with a name found (渔工Somchai、Arif（印尼）: one separator between them),
    the list walked both ways: one pass to the right and one to the left over the runs and names in their order (a
    line listing 25,000 such runs stays linear)."""
    items = sorted([(a, b, True) for a, b in names] + [(a, b, False) for a, b in runs])
    taken = [named for _, _, named in items]

    def joined(i: int) -> bool:  # the item i + 1 starts one separator after item i ends
        end = items[i][1]
        return items[i + 1][0] == end + 1 and text[end:end + 1] in _LIST_SEPARATORS

    for i in range(len(items) - 1):
        if taken[i] and not taken[i + 1] and joined(i):
            taken[i + 1] = True
    for i in range(len(items) - 2, -1, -1):
        if taken[i + 1] and not taken[i] and joined(i):
            taken[i] = True
    return [(a, b) for (a, b, named), took in zip(items, taken) if took and not named]


_LIST_SEPARATORS = frozenset("、,，/")


def _chinese_name_after(text: str, b: int) -> tuple[int, int] | None:
    """The span of a Chinese name that opens a bracket at `b` (（李少峰）, （黃家明，香港）): two to four
    Chinese characters starting with a surname, holding no character that never fills a name, no common
    word (（香港）) nor a nationality or residence (（越南籍）, （香港居民）) nor a country's name and what the
    person is there (（越南媳妇）, （印尼保姆）), ended by the bracket's close or a comma."""
    if text[b:b + 1] not in ("（", "("):
        return None
    for k in (2, 3, 4):
        name, end = text[b + 1:b + 1 + k], text[b + 1 + k:b + 2 + k]
        if len(name) == k and end and end in "）)，,、" and _shaped_as_a_name(name) and name not in common_words() and (
            not _NOT_IN_A_NAME.search(name) and not name.startswith(COUNTRIES)  # （越南媳妇）: who, not a name
        ):
            return b + 1, b + 1 + k
    return None


def _shaped_as_a_name(name: str) -> bool:
    """`name` starts with a surname and holds no character that never fills a name (Chinese characters only)."""
    single, compound = surnames()
    return (name[0] in single or name[:2] in compound) and all(
        "\u4e00" <= c <= "\u9fff" and c not in STOP_CHARS for c in name[1:]
    )


def _after_chinese_name(text: str, a: int, b: int) -> bool:
    """The run at `a:b` fills a bracket right after two to four Chinese characters that start with a surname
    and hold no character that never fills a name (陈家豪（Chan Ka Ho）, not 商务区（Central Business
    District）): a person's name spelt out."""
    if text[a - 1:a] not in ("（", "(") or text[b:b + 1] not in ("）", ")"):
        return False
    p = a - 1
    return any(p - k >= 0 and _shaped_as_a_name(text[p - k:p]) for k in (2, 3, 4))


# Letters only Vietnamese writes (ư, ơ, đ and the stacked tones of Latin Extended Additional: Ngọc, Phương, Hương).
_VIETNAMESE = re.compile("[ƯưƠơĐđ\u1ea0-\u1ef9]")


def _foreign_name(words: list[str]) -> bool:
    """A run that is a foreign name by its words alone (round 26): two to five words each a given name, middle
    name or surname of `foreign_names` or `english_given_names` (Nguyễn Văn Hùng, Klaus Becker, Mimi Chan); a
    surname first and the other words names or syllables of romanised given names (Lam Chun Kit, Kim Dohyun, Wáng
    Xiùlì; not YANGXIA LU, a road's name in pinyin); two words in the West's order (round 34): a common given name and
    a word no list holds, as a surname is (Tom Ashby, Mike Harlow), or a given name of syllables and a surname (Kenji
    Sato, Kasun Perera); a passport's capitals that start with a surname (PARK JIHOON, PETROV SERGEI); a word with
    letters only Vietnamese writes (Ngọc, Trần Thị Mai); one capitalised Cyrillic word (Оксана, Ержан): Chinese
    records write nothing else so. The run's words start with capitals (`latin_names` takes no other run)."""
    core = [w for w in words if not _PARTICLE_WORD.fullmatch(w)]
    if not core:
        return False
    keys = [foreign_names.key(w) for w in core]
    if any(_VIETNAMESE.search(w) for w in core):
        return True
    if len(core) == 1:
        return "\u0400" <= core[0][:1] <= "\u04ff" and not core[0].isupper()
    known, surnames = _name_words(), foreign_names.surname_keys()
    if all(k in known for k in keys):
        return True
    if keys[0] in surnames and all(k in known or foreign_names.syllabic(k) for k in keys[1:]):
        return True  # the surname first, as Chinese, Korean and Vietnamese write: the given name may be syllables
    if len(core) == 2:  # the given name first, as the West writes (Tom Ashby, Kenji Sato)
        given, last = core
        if (last[1:].islower() and len(last) >= 3 and _given_name(given)) or (
            given[1:].islower() and keys[1] in surnames and foreign_names.syllabic(keys[0])
        ):
            return True
    return all(w.isupper() for w in core) and keys[0] in surnames


def _given_name(word: str) -> bool:
    """`word` is a common given name: English (`english_given_names`) or of the other lists of `foreign_names`
    (Somchai, Kenji, Chloé, Natalia; round 26)."""
    return word in english_given_names() or (word not in _PLACE_OR_MONTH and foreign_names.key(word) in foreign_names.given_keys())


@lru_cache(maxsize=1)
def _name_words() -> frozenset[str]:
    """`foreign_names.name_words` and the keys of `english_given_names` (Mimi, Coco)."""
    return foreign_names.name_words() | {foreign_names.key(n) for n in english_given_names()}


def _capitalised(words: list[str]) -> bool:
    """Each word of a run starts with a capital, a particle (van, de …) aside: the run's pattern takes any letter
    of the extended blocks as one."""
    return all(w[0].isupper() or _PARTICLE_WORD.fullmatch(w) for w in words)


def _names_a_shop(text: str, b: int) -> bool:
    """What follows the lone English name ending at `b` makes it a shop's or firm's name (`SHOP_AFTER`; not
    Lily负责店面: 负责 is no noun)."""
    m = SHOP_AFTER.match(text, b)
    if m is None:
        return False
    sells = text[b:m.end() - 1] if text[m.end() - 1] in "店馆坊屋吧行社" else ""
    return not sells or word_pos(sells).startswith("n")


def _surname_labels(text: str, b: int) -> bool:
    """One surname and a line's label's colon follow a Latin name at `b` (Lily林：): the surname is the handle's."""
    return text[b + 1:b + 2] in ("：", ":") and text[b:b + 1] in surnames()[0]
