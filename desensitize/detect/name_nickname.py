"""Names a record says a person goes by: 黄福生（村里都叫他阿福）, 邻居喊他阿发叔, 丈夫叫“国庆”, 外号“黑皮”,
陈一诺（小名糖糖）, 林美玉（族名巴奈）, 糖糖妈妈.

Notes give the name someone is called by right after saying so (叫他, 喊她, 称他, 外号, 绰号, 小名, 乳名, and
人称 where it opens a clause or a bracket: （人称喜子）, not 来电人|称) or right before giving the formal one
(朵朵大名陈语彤, （小宝即叶子豪）) or a bracket saying it is one (小橘子（陈若溪的乳名）), and such a name is a nickname
that neither the rules nor the model read as one: 阿, 小 or Fuzhou's 依 and one character (阿福, 小宇, 依珠), or whatever the note puts in quotes after saying
so (叫“国庆”, 小名“丫丫”). The nickname stops before a kinship word or a title (阿发|叔); without quotes it must
end there or at a boundary (叫他小心点 is advice, 小心 no name), be no common word and no way of addressing (阿姨,
小陈: 小 and a surname; 阿木 is what someone is called). After a label (小名, 乳名, 族名 …) the name needs no
quotes where it fills the label's field (（小名糖糖）). A doubled character before a child's parent is a child's
name (糖糖妈妈送来蛋糕, 为豆豆爸爸: 宝宝, 妈妈 and other common words are none). 阿 or 小 and one between a role word and a
bracket that says more of the person is what the record calls them (家属阿木（产妇弟弟）, 志愿者小鱼（余晓玉）).
"""

from __future__ import annotations

import re

from desensitize.detect.name_dotted import TRANSLITERATION
from desensitize.detect.names import (
    ANY_CHILD,
    COMMONEST_SURNAMES,
    KIN_AFTER,
    NO_ONE_WORDS,
    ROLE_WORDS,
    STOP_CHARS,
    common_words,
    dictionary_words,
    given_name_chars,
    role_before,
    surname_length,
    surnames,
)

# Literal strings only (the same texts as [叫喊称][他她] … [叫喊][“"「] match, in a sixth of the time: a class first
# makes the scan try every 叫, 喊 and 称).
HINT = (
    re.compile(
        "叫他|叫她|喊他|喊她|称他|称她|人称|外号|绰号|小名|乳名|昵称|族名|大名|本名|真名|学名|叫“|叫\"|叫「|喊“|喊\"|喊「"
        "|妈妈|爸爸|奶奶|爷爷|外婆|外公|家长|即"
        "|儿子|女儿|孙子|孙女|外孙|外甥|侄子|侄女|闺女|孩子|小孩|宝宝|头胎|二胎|大宝|二宝|长子|次子|长女|次女|幼子"
    ),
    # 阿 or 小 and one before a bracket (`_ROLE_NICK`): a literal first each, so each scan skips to its character
    re.compile("阿[\u4e00-\u9fff][（(]"),
    re.compile("小[\u4e00-\u9fff][（(]"),
)
_SAYS = "(?:[叫喊称][他她](?:作|做|为)?|(?:外号|绰号|小名|乳名|昵称)(?:叫|是|为)?[：:]?)"
# In quotes: two to four characters after what says a person is called so; two or three after 叫 alone
# (丈夫叫“国庆”; 公司名叫“世纪高大” is a firm's).
_QUOTED = re.compile(f"(?:{_SAYS}[“\"「]([\u4e00-\u9fff]{{2,4}})|[叫喊][“\"「]([\u4e00-\u9fff]{{2,3}}))[”\"」]")
# A name right before what gives the person's formal name (（朵朵大名陈语彤）, 阿水（本名林水生）): the name a child
# or an old craftsman goes by.
_BEFORE_FORMAL = re.compile("(?:^|(?<=[（(，,。；;、：:\\s“\"和]))([\u4e00-\u9fff]{2,3})(?=[（(]?(?:大名|本名|真名|学名))")
# A name right before a bracket that says it is someone's nickname (小橘子（陈若溪的乳名）, 大熊（球友外号）): two or three
# characters where an item or a clause starts (a longer run holds more than the name: 翠翠来电（只留了小名）).
_BEFORE_LABEL = re.compile(
    "(?:^|(?<=[（(，,。；;、：:\\s“\"]))([\u4e00-\u9fff]{2,3})(?=[（(][\u4e00-\u9fff]{0,6}(?:乳名|小名|外号|绰号|昵称)[）)])"
)
# After a label, without quotes: two to four characters that fill the label's field (（小名糖糖）, （族名巴奈）,
# 乳名：丫丫，); not another label (小名大名混写).
_LABELLED = re.compile("(?:外号|绰号|小名|乳名|昵称|族名|(?:^|(?<=[（(，,。；;\\s]))人称)(?:叫|是|为)?[：:]?(?!大名|学名|和|与)([\u4e00-\u9fff]{2,4})(?=[）)，,。；;、\\s]|$)")
# A doubled character, or 阿 or 小 and one, right before a child's parent, grandparent or guardian (糖糖妈妈, 豆豆的奶奶,
# 小满爸爸, 小宝家长).
_CHILD_OF = re.compile("((?:([\u4e00-\u9fff])\\2|[阿小][\u4e00-\u9fff]))(?=的?(?:妈妈|爸爸|奶奶|爷爷|外婆|外公|家长))")
# What a note says is someone's formal name (（小宝即叶子豪）, 依福即郑依福，): the name before 即 ("that is"), where
# what follows it is shaped as a full name and neither is a dictionary word (立即, 随即|报警; 即日).
_ALIAS = re.compile("(?:^|(?<=[（(，,。；;、\\s“\"]))([\u4e00-\u9fff]{2,3})即([\u4e00-\u9fff]{2,4})(?=[）)，,。；;、”\"\\s]|$)")
# Any two characters after what says a person is called so, ending there (大家都叫他二子。, 喊她燕燕，): a nickname
# needs no 阿 or 小 where the clause ends after it.
_PLAIN = re.compile("[叫喊称][他她](?:作|做|为)?([\u4e00-\u9fff]{2})(?=[，,。；;！!？?、\\s”\"）)]|$)")
_TITLE_CHARS = frozenset("总老工师董")  # 蔡总, 钱老: a surname and a title
_ADDRESS_KIN = frozenset(KIN_AFTER | set("伯公爷奶爸妈舅"))  # 阿婆, 泉伯; not 妹, 弟: 细妹, 细弟 are names
# A child's nickname right after the word for the child (外孙小宝, 头胎佑佑, 女儿朵朵，): a doubled character, or 阿 or 小
# and one, ending where the name may end (a pause, the text's end, a character that follows names: 在, 说, 和 …, or
# one no given name holds: 外孙小宝|入境, 儿子佑佑|陪; not 阿古|木, 阿依|努尔: a longer name goes on).
_CHILD = "儿子|女儿|孙子|孙女|外孙女?|外甥女?|侄子|侄女|闺女|孩子|小孩|宝宝|头胎|二胎|大宝|二宝|长子|次子|长女|次女|幼子"
_CHILD_NAMED = re.compile(f"(?:{_CHILD})((?:([\u4e00-\u9fff])\\2|[阿小][\u4e00-\u9fff]))")
_AFTER_A_NAME = frozenset("在说已和与的也还今昨明跟被把让来去回要都又刚")
# 阿 or 小 and one right after a role word and before a bracket that says more of the person (家属阿木（产妇弟弟）,
# 志愿者小鱼（余晓玉）, 店员小强（店主侄子，17岁）): what the record calls them; not a pseudonym (被害人小雨（化名）) nor a
# part of the full name the bracket gives (阿依（全名吉克阿依）).
_ROLE_NICK = re.compile("([阿小][\u4e00-\u9fff])[（(]([^（）()]{1,16})[）)]")
_BRACKET_HEAD = re.compile("[\u4e00-\u9fff]{2,3}(?=$|[，,、；;])")  # the bracket's first item (`_full_name_first`)
_NOT_IN_NICKNAME = frozenset((STOP_CHARS | set("名")) - set("阿小老"))  # what no name holds (的, 不, 与 …)
_KIN = frozenset(KIN_AFTER | set("伯公妹弟爸妈爷奶舅伙孩"))  # 阿姨, 小妹, 阿伯: how one addresses, not names
_BARE = re.compile(f"{_SAYS}((?:阿|小|依)[\u4e00-\u9fff])(?=[{''.join(sorted(_KIN))}]|[\\s\u3000，。；;,.、！？!?）)：:]|$)")


def _a_word(name: str) -> bool:
    """A common word or a role word: what a note's words around a name may also frame (小心, 阿姨, 老师; 谢谢)."""
    return name in common_words() or name in ROLE_WORDS or name in NO_ONE_WORDS


def _a_childs_name(name: str, given: frozenset[str]) -> bool:
    """A doubled character or 阿 or 小 and one (`_CHILD_OF`, `_CHILD_NAMED`) that is a child's name: not a word (小孩,
    小心, 宝宝), kin (小妹, 阿伯), nor 小 and one of the commonest surnames (小王妈妈, 儿子小陈: an address); 小满 is a
    name (满 is a surname seldom called so)."""
    return not (
        _a_word(name) or name in ANY_CHILD or name[0] in _KIN or name[1] in _KIN or name[1] in _NOT_IN_NICKNAME
        or (name[0] == "小" and name[1] in COMMONEST_SURNAMES and name[1] not in given)
    )


def _plain_name(name: str) -> bool:
    """No common or role word, and no character no name holds (外号叫|惯了, 不知道|真名 are no names)."""
    return not _a_word(name) and not _NOT_IN_NICKNAME.intersection(name)


def _full_name_first(inner: str) -> bool:
    """A bracket's text opens with a full name of two or three characters (余晓玉, 余佳琪，大学生): a surname first."""
    head = _BRACKET_HEAD.match(inner)
    return head is not None and surname_length(inner) > 0 and not _NOT_IN_NICKNAME.intersection(head.group())


# Forms of address a quoted name may end in (称他“子澄先生”, 叫她“秀英阿姨”): what stands before them is the name.
_QUOTED_TITLES = ("先生", "女士", "老师", "师傅", "阿姨", "大哥", "大姐")


# A parent's words a quoted handle may end in (昵称“思思妈”, “苗苗妈妈”): the child's name is before them.
_QUOTED_PARENTS = ("妈妈", "爸爸", "妈", "爸")


def _without_title(a: int, b: int, name: str) -> tuple[int, int]:
    """The quoted name's span without a form of address it ends in, where two characters or more stay, or without
    a parent's word after a child's name (“思思妈”; not “宝宝妈”: any child's)."""
    if len(name) >= 4 and name.endswith(_QUOTED_TITLES):
        return a, b - 2
    for parent in _QUOTED_PARENTS:
        child = name[: -len(parent)]
        if name.endswith(parent) and len(child) >= 2 and _a_childs_name(child, given_name_chars()):
            return a, b - len(parent)
    return a, b


# Measure words after 一 that open a quoted handle as a phrase (昵称“一只咸鱼”, “一个老影迷”): no labelled name
# starts with one and one of them.
_ONE_OF = frozenset("只个条头颗棵片朵位枚杯粒")


def _a_phrase(name: str) -> bool:
    """A quoted handle that counts what it is (“一只咸鱼”, “一位老党员”): a phrase that names no one."""
    return name[:1] == "一" and name[1:2] in _ONE_OF


def _any_childs_parent(name: str) -> bool:
    """A quoted handle that is any child's parent (“宝宝妈”, “二胎妈妈”): a phrase that names no one."""
    return any(name.endswith(p) and (name[: -len(p)] in ANY_CHILD or _a_word(name[: -len(p)])) for p in _QUOTED_PARENTS)


def nicknames(text: str) -> list[tuple[int, int]]:
    """Spans of the nicknames `text` says people go by (the words that say so left out)."""
    out = [
        _without_title(*m.span(k), m.group(k))
        for m in _QUOTED.finditer(text) for k in (1, 2)
        if m.group(k) and m.group(k) not in ROLE_WORDS and not _any_childs_parent(m.group(k)) and not _a_phrase(m.group(k))
    ]
    (single, compound), given = surnames(), given_name_chars()
    for m in _BARE.finditer(text):
        name = m.group(1)
        if _a_word(name) or name[1] in _KIN or (name[0] == "小" and name[1] in single and name[1] not in given):
            continue  # 小心, 阿姨; 小陈: a way of addressing (阿木, 阿水 are what a person is called)
        out.append(m.span(1))
    for labelled in (_LABELLED, _BEFORE_LABEL):
        out.extend(m.span(1) for m in labelled.finditer(text) if _plain_name(m.group(1)))
    out.extend(m.span(1) for m in _CHILD_OF.finditer(text) if _a_childs_name(m.group(1), given))
    for m in _PLAIN.finditer(text):
        name = m.group(1)
        if _a_word(name) or name[1] in _NOT_IN_NICKNAME or name[1] in _ADDRESS_KIN or (
            name[0] in "阿小老大" and name[1] in COMMONEST_SURNAMES or name[0] == "老" and name[1] in single
        ) or ((name[0] in single or name[0] in "阿小老大") and name[1] in _TITLE_CHARS):
            # 名字, 师父; 阿婆, 泉伯 (name_addressed's); 小林, 大刘: an address by surname, and 老 before any surname
            # (叫他老宗: no labelled nickname is 老 and a surname); 蔡总: a title
            continue
        out.append(m.span(1))
    for m in _CHILD_NAMED.finditer(text):
        after = text[m.end():m.end() + 1]
        if _a_childs_name(m.group(1), given) and (
            not "\u4e00" <= after <= "\u9fff" or after in _AFTER_A_NAME or (after not in given and after not in TRANSLITERATION)
        ):
            out.append(m.span(1))
    for m in _ROLE_NICK.finditer(text):
        name, inner = m.group(1), m.group(2)
        if (
            role_before(text, m.start()) and not inner.startswith("化名") and name not in inner
            and not (name[0] == "小" and name[1] in COMMONEST_SURNAMES)  # 小林（林雅婷）: an address by surname
            and (_a_childs_name(name, given) or _full_name_first(inner))
        ):
            out.append(m.span(1))
    every = dictionary_words()
    for m in _ALIAS.finditer(text):
        name, formal = m.group(1), m.group(2)
        if (
            not _a_word(name) and name not in every and formal not in every and "某" not in name
            and not _NOT_IN_NICKNAME.intersection(name + formal) and (formal[0] in single or formal[:2] in compound)
        ):
            out.append(m.span(1))  # not 李某甲|即李德明 (a pseudonym), 要求立|即查处
    for m in _BEFORE_FORMAL.finditer(text):
        name = m.group(1)
        if _plain_name(name) and name[0] not in "他她我你它其":
            out.append(m.span(1))  # not 不知道|真名, 小名与|本名
    return sorted(set(out))
