"""Chinese person names in free text: context rules over a surname list, plus the extract's own names.

How a name is found (the choice is measured by `scripts/eval_names.py` on `data/names_eval.json`):

* **trigger rules**: a role or kinship word, then a surname and one or two given-name characters
  (户主王秀英, 其子张伟, 家庭成员翁敏, 委托代理人：欧阳明轩);
* **cue rules**: a surname and given name followed by a word that only follows people
  (王秀英表示, 张伟，男，, 李娜女士, 陈静于2023年, 林峰等3人, 翁敏身份证…);
* **boundary rule**: a name alone between clause boundaries or function words (对王伟作出…);
* **attributes**: whatever stands between a role word and the person's sex or ethnic group is a name,
  surname or not (报警人其美多吉（藏族）称, 被告人吐尔逊，男，维吾尔族): minority names have no surname;
* **lists**: a name found by a rule extends over 、/和/与/及 to the next surname + given name;
* **known names**: exact occurrences of the names held in the extract's own name columns;
* **shape rule**: with no context at all, a (not ambiguous) surname and one or two characters common in
  given names (`data/given_chars.txt`) that make no dictionary word, stand after no word ending in the
  surname and before no place or organisation suffix (邻居蒋福生违规, 回访邱桂香，). Added after the blind
  set (`data/names_blind.txt`, prose written by someone who never saw these rules) measured recall 0.745
  with context rules alone; it raised the sealed half to 0.919 at precision 0.898.

Surnames (`data/surnames.txt`) are a broad list: the 百家姓, modern and regional surnames (念, 官, 练 …)
and a section of surnames that are also very frequent words (但, 由, 来, 海 …). Those "ambiguous"
surnames count after a role word, before a cue word and in lists, never for a bare name at a
boundary or after a verb: there they are far more often the word than the surname.

The end of a name is ambiguous in Chinese (户主王伟长期患病: 王伟 or 王伟长?). A given-name character
never is a function word (的, 于, 在 …) or an address/organisation suffix (村, 区, 局 …); and when the
last given-name character starts a common word with the character after it (长期, 电话), it is left out.
Common words come from jieba's dictionary (shipped with jieba, no download).

A bare name (no role word, no cue) must also be followed by what follows people: punctuation, 在/说/的 …,
a verb, adverb or time word; or, when the name is no dictionary word and its given-name characters are
common in names (`data/given_chars.txt`), any common word (王伟左腿骨折). Part-of-speech tags are jieba's.

Speed (the bulk path runs the rules once over a million remarks joined by NUL): every regex starts with a
character class so the regex engine skips to candidate characters. Role and verb triggers are found as
"the last character of some trigger word, followed by a name", then checked against a Python set of the
words (a 300-word alternation costs three times more to scan); known names are looked up in a Python set
at each position where a known name's first character stands (a regex alternation of 20,000 names is
tried branch by branch).

jieba's part-of-speech tagger is kept as a measured alternative (`jieba_names`), not used by default:
it costs about a millisecond per sentence and is far less precise (see the evaluation script).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache, partial
from importlib import resources
from pathlib import Path

from desensitize.detect.fold import for_patterns
from desensitize.detect.name_dotted import DOTS, holds_dot

NAME_SCORES = {
    "name_known": 0.95, "name_trigger": 0.85, "name_list": 0.8, "name_cue": 0.75, "name_boundary": 0.6, "name_jieba": 0.6,
    "name_shape": 0.5,
}

# Round 19: the people of histories, genealogies, inscriptions and deeds (烈士罗家声, 志主张道宏, 传主程鹤年, 住持
# 张至玄, 进士王景先, 买主萨荣昌): a martyr and a comrade, a biography's, a tomb's and a stupa's subject, a temple's and
# an academy's heads, the degrees of the examinations, a clan's elders, the parties of a deed, forebears, disciples,
# alumni and teachers, believers and donors' heads, craftsmen. Each names one person of the past, whose name is of a
# kind the model saw little of (罗家声, 张道宏 read 0 and 1 % likely): the model's doubt does not remove the name
# after one (`name_policy`).
HISTORY_ROLES = tuple(
    "烈士 战友 馆员 志主 传主 墓主 塔主 住持 监院 方丈 山长 教谕 生员 进士 举人 秀才 族长 房长 买主 卖主 佃户 "
    "先祖 始祖 曾祖 高祖 外祖父 师父 弟子 门人 校友 教员 信士 信女 首事 会首 石匠 刻工 裔孙 孝男 孙男 曾孙 玄孙".split()
)
# Words after which a person's name follows (roles in records, decisions and complaints; kinship).
TRIGGERS = (
    "户主 申请人 被申请人 联系人 经办人 当事人 委托代理人 代理人 法定代表人 法人代表 负责人 监护人 投诉人 被投诉人 "
    "举报人 被举报人 受害人 被害人 嫌疑人 违法行为人 被处罚人 驾驶人 驾驶员 车主 业主 承租人 出租人 房东 租户 "
    "家属 亲属 配偶 其子 其女 其妻 其夫 其父 其母 其孙 其兄 其弟 其姐 其妹 之子 之女 之妻 之夫 儿子 女儿 丈夫 妻子 父亲 母亲 "
    "爷爷 奶奶 外婆 外公 孙子 孙女 哥哥 姐姐 弟弟 妹妹 老伴 "
    # Round 25: a husband, wife or partner, and a brother or sister by their order (老公|孙杰, 男朋友Kevin, 老三|孝仁).
    "老公 老婆 男朋友 女朋友 男友 女友 老大 老二 老三 老四 老五 老六 老七 老八 老九 老幺 "
    "村民 居民 市民 群众 患者 学生 老人 职工 员工 工人 "
    "农民 姓名 签名 签字人 收件人 寄件人 受送达人 领取人 代领人 救助对象 保障对象 特困人员 死者 伤者 "
    "教师 医生 律师 记者 通讯员 局长 主任 书记 村长 组长 科长 所长 站长 队长 院长 厂长 经理 董事长 总经理 "
    "民警 干部 网格员 社工 工作人员 执法人员 检查人员 审核人 审批人 复核人 登记人 填报人 记录人 调查人 证人 "
    "来电人 求助人 反映人 报案人 报警人 持卡人 开户人 户名 借款人 担保人 购房人 产权人 权利人 继承人 "
    "讲解员 志愿者 网友 市民朋友 居民朋友 小朋友 帮扶人 联络员 信息员 租客 房客 住户 商户 店主 摊主 船主 乘客 房主 屋主 "
    "原告 被告 上诉人 被上诉人 申诉人 第三人 犯罪嫌疑人 被告人 罪犯 老板 店长 厨师 司机 保安 保姆 护工 作者 发明人 "
    # Round 2: household members and relatives in allowance records, owners and inspectors in penalty records.
    "家庭成员 成员 低保对象 供养对象 低保户 五保户 所有人 经营者 监管人员 稽查人员 核查人员 儿媳 女婿 儿媳妇 祖母 祖父 外孙 "
    "外孙女 孙媳 侄子 侄女 叔叔 伯伯 舅舅 姑姑 姨妈 婶婶 姐夫 嫂子 弟媳 妹夫 公公 婆婆 岳父 岳母 继子 继女 养子 养女 "
    "兄弟 姐妹 前妻 前夫 未婚妻 未婚夫 同居人 承包人 实际经营人 实际控制人 股东 合伙人 受托人 被委托人 "
    # The titles of the cue list also stand before a name (副市长王伟, 校长李娜).
    "市长 县长 区长 镇长 乡长 省长 部长 处长 厅长 主席 秘书长 校长 行长 社长 会长 理事长 人大代表 政协委员 承办人 "
    "责任人 带队人员 值班人员 办案人员 主办人 协办人 接访人 信访人 上访人 来访人 申报人 纳税人 缴款人 收款人 付款人 "
    "出资人 发起人 见证人 鉴定人 主持人 被执行人 申请执行人 义务人 收养人 被收养人 抚养人 赡养人 被监护人 受益人 "
    "被保险人 投保人 参保人 病人 失主 事主 行为人 肇事者 肇事人 违章人 当班人员 户籍人 代表 "
    # Round 3: court and police records, hotline work orders and the sign-off lines of official papers
    # (审判长X, 辅警X, 受理人：X；复核人：Y, 拟稿：X　核稿：Y).
    "审判长 审判员 陪审员 人民陪审员 书记员 法官 法官助理 检察官 公诉人 辩护人 代理律师 诉讼代理人 法定代理人 执行员 "
    "辅警 协警 接警员 调解员 调查员 勘验人 检查人 检验人 送检人 采样人 目击者 发现人 报告人 陪同人 接待人 "
    "受理人 回访人 办理人 批准人 拟稿人 核稿人 签发人 拟稿 核稿 签发 制表人 填表人 统计员 值班员 审核员 质检员 "
    "安全员 管理员 联络人 对接人 送达人 接收人 驻村干部 第一书记 村支书 支书 楼栋长 楼长 网格长 小组长 村民小组长 "
    "复核 审核 经办 填表 承办 受理 其长孙 长孙 长子 次子 长女 次女 孙女婿 "
    # Round 11: travellers at the border and in transport records (旅客金山（朝鲜族）自首尔入境).
    "旅客 游客 住客 访客 "
    # and a ship's officers in seafarers' records (大副 2025.06—2026.01).
    "船长 大副 二副 三副 轮机长 大管轮 二管轮 三管轮 水手长 "
    # Round 12: a fishing boat's owner and crew in fishery records (船东林启明, 船员郭海强; 东郭 is no surname there).
    "船东 船员 渔民 "
    # and the parties of a marriage record (男方程前，女方卓安然); not where they overlap a kinship word before
    # them (之女|方桂兰 is a daughter surnamed 方: `name_policy._after_role`).
    "男方 女方 "
    # Round 13: examinees and invigilators, the deceased of funeral records, dog owners, the people a rescue
    # station or a senior university takes in, the parties of a patent dispute (考生张浩然, 逝者郑玉英, 犬主王丽).
    "考生 监考员 逝者 犬主 受助人 学员 请求人 被请求人 "
    # Round 15: who teaches a class besides its teacher (由助教江明代课, 主讲：林海燕).
    "助教 主讲 讲师 教练 "
    # Round 16: who keeps a store or a team and who is honoured (物业主管东方磊, 由仓管阿荣代签, 诚实守信模范龙建平).
    "主管 仓管 模范 "
    # and a pupil's parent (家长孙丽情绪激动: not 家|长孙, the compound surname and kinship word), a customer.
    "家长 顾客 "
    # Round 17: siblings, uncles and aunts by their order, and cousins (三弟依金, 表哥王强, 二叔林长发); not 三妹, 小妹,
    # 小弟, which people are called too (自称“三妹”).
    "大哥 二哥 三哥 大姐 二姐 三姐 二弟 三弟 四弟 大伯 二伯 三伯 二叔 三叔 四叔 小叔 "
    "大姑 二姑 小姑 大舅 二舅 小舅 大姨 二姨 小姨 堂兄 堂弟 堂姐 堂妹 表哥 表弟 表姐 表妹 "
    # Round 18: a phone number's holder (机主张德华: 主张 is a word).
    "机主 "
    # Round 20: the uncles and aunts after 其, as its siblings and children (据其叔口述: 其叔 names no one).
    "其叔 其姑 其舅 其姨 其婶 其嫂 其侄 "
    # Round 27: nurses and a shop's assistants (护士芳姐今晚多巡视, 店员小强（店主侄子）).
    "护士 护士长 店员 "
    # Round 33: trades, teams, schools and kin whose word stands before a name as the roles above do (导师黄道行,
    # 木匠黄启发造, 前锋宿茂臻, 物业管家王府明): counted first in every studied and training file, each is followed by a
    # name far more often than by a surname's character starting anything else. Not 邻居 nor 客户: nouns follow them (邻居宿舍投诉).
    "导师 木匠 瓦工 焊工 保洁员 清洁工 快递员 外卖员 骑手 主播 队员 球员 选手 运动员 学徒 徒弟 师兄 师姐 管家 族兄 堂叔 "
    "表叔 表舅 外甥 外甥女 教官 班主任 辅导员 园长 保育员 老乡 同桌 大户 养殖户 兽医 护理员 营业员 收银员 服务员 导游 领队 "
    "技术员 业务员 操作员 出纳 秘书 助理 队友 同事 朋友 同学 会员 电工 村医 新人 前锋 后卫 门将 中锋 "
    # Round 34: an exhibitor, a head chef, a substitute, a writer, a pawnshop's client, a mother in a maternity ward,
    # a school's trustee (厨师长孙德胜: not 长孙; 当户次仁拉姆): counted as round 33's were. Not 捐献者 (捐献者纪念园).
    "展商 厨师长 替补 撰稿人 当户 产妇 校董 "
    # Round 35: a band's or an orchestra's parts, which name who plays them (贝斯周周, 圆号达瓦（藏族）) and nobody alone
    # (萨克斯 5级): several start with a surname (萨, 贝, 马, 单). Not 古琴, 古筝, 柳琴 or 扬琴: a surname and a given
    # name's character, they are people's names too (紧急联系人古琴, in the benchmark's generated remarks).
    "萨克斯 贝斯 吉他 主唱 键盘手 马头琴 圆号 长号 小号 单簧管 双簧管 大提琴 小提琴 中阮 二胡 琵琶 竹笛 唢呐"
).split() + list(HISTORY_ROLES)
# Round 5: how a caller gives a name (来电男子自称柯达). Round 9: what follows them up to a field's end is
# the name whatever word it is (自称高峰，), and the name policy keeps it standing (`_fills_its_place`).
NAMING_VERBS = ("自称", "化名", "名叫", "叫做")
# Verbs whose object is often a person (判决王伟赔偿, 通知李娜到场). Weaker than a role word: the name
# must not start a common word (要求严格 is not 严格).
VERB_TRIGGERS = (
    "判决 判处 通知 告知 责令 约谈 联系 慰问 看望 探望 走访 帮助 委托 授权 任命 聘请 聘任 交到 交给 转交 送达 "
    "劝导 批评 处罚 传唤 询问 讯问 拘留 逮捕 起诉 表扬 奖励 资助 照顾 陪同 采访 会见 找到 协助 督促 "
    "变更为 返还 退还 交由 移交 嫁给 收养 抚养 赡养 扶养 告诉 提醒 要求 约见 接待 答复 回复 指派 安排 "
    # Round 2: verbs whose object is a person in allowance, penalty and court records.
    "劝说 劝告 说服 教育 抓获 查获 查处 支持 帮扶 救助 安置 陪伴 照料 看护 接送 护送 转告 邀请 感谢 表彰 推荐 "
    "提名 选举 免去 辞退 开除 解雇 录用 聘用 雇佣 雇用 收留 寻找 找回 通报 控告 赔偿 补偿 支付给 付给 借给 "
    "租给 卖给 转让给 介绍给 汇给 转账给 委派 派遣 指定 认定 确认 核实 警告 "
    # Round 16: visits and calls whose object is a person (回访柏林，其对…表示满意; 随访, 家访, 致电).
    "回访 随访 拜访 探视 家访 面谈 叮嘱 嘱咐 动员 致电"
).split() + list(NAMING_VERBS)
# Words that only follow a person's name; the name is read backwards from the cue. Every branch starts
# with a literal character so the regex engine can jump between candidates (see text.py on speed).
CUES = (
    r"先生|女士|同志|老人|老师|师傅|医生|律师|书记|主任|局长|处长|科长|所长|站长|队长|院长|校长|村长|组长|"
    r"县长|市长|镇长|区长|经理|董事长|总经理|夫妇|夫妻|一家|家属|之子|之女|之妻|之夫|之父|之母|"
    r"的(?:儿子|女儿|妻子|丈夫|父亲|母亲|家属|配偶)|等\d+人|等[一二三四五六七八九十两]+人|等人|"
    r"，\s?[男女](?=[，,、）)\s]|性)|,\s?[男女](?=[，,、）)\s]|性)|（\s?[男女](?=[，,、）)\s]|性)|\(\s?[男女](?=[，,、）)\s]|性)|"
    r"（身份证|\(身份证|，身份证|,身份证|身份证|（\d{2,3}岁|\(\d{2,3}岁|，\d{2,3}岁|,\d{2,3}岁|"
    r"表示|介绍|说|称|反映|投诉|举报|来电|报警|认为|指出|告诉|提出|承认|陈述|供述|辩称|签字|签名|签收|"
    r"强调|坦言|透露|回忆|解释|否认|声称|交代|坦白|辩解|说明|感慨|笑称|直言|希望|请求|询问|咨询|"
    r"领取|患有|代为|名下|亲自|当场|当面|本人|系[本该我]|于(?<![低高用位属由对关等至在处基鉴出终]于)(?!是)|户(?=[，,。；;\s]|因|家)|（电话|\(电话|电话(?<!联系电话)\d|手机\d|现年"
)
CUE = re.compile(CUES)  # compiled once: the rules read names back from it, the name policy checks what follows
# The cues of two characters (师傅, 老师, 表示 …): a name never starts with one (师傅祁|老五 is no surname 师 and 傅祁).
_CUE_PAIRS = frozenset(w for w in CUES.split("|") if re.fullmatch("[\u4e00-\u9fff]{2}", w))
# Round 17: students by their standing. A name no model's span starts inside one (交换生|莉娜·施密特, not 生莉娜),
# but no trigger: they start the names of buildings and offices as often (研究生楼|新来宿管, 留学生公寓).
STANDINGS = ("交换生", "留学生", "研究生", "博士生", "硕士生", "本科生", "毕业生", "实习生", "见习生", "进修生")
ROLE_WORDS = frozenset((*TRIGGERS, *STANDINGS))  # the role and kinship words: what precedes a name, never one itself
# Kinship words staff put right after a given name to address someone (秋生叔, 阿珍姐, 国强哥, 金官伯). 伯 ends a
# few given names too (梁山伯, 俞平伯), but round 29's studied records address their elders so far more often
# (大家叫他金水伯: five spans mended on dev-remarks-47, one lost on the People's Daily's dev split).
KIN_AFTER = frozenset("叔哥姐姨婶嫂婆伯")
_ROLE_LENGTHS = tuple(sorted({len(w) for w in ROLE_WORDS}, reverse=True))
# What a parent of any child is called by before 妈 or 爸 (宝宝妈, 二胎妈妈, 新手爸爸): no child's name.
ANY_CHILD = frozenset({"宝宝", "宝贝", "萌宝", "孩子", "小孩", "娃娃", "大宝", "二宝", "三宝", "二胎", "三胎", "新手", "全职", "准妈", "新生"})


# Words jieba's dictionary tags as people's names that name no one: thanks (谢谢老师们, 谢谢奶奶: 谢 is a surname, and a
# doubled character before 奶奶 a child's name). Not in `common_words`, which the model's features were trained with.
NO_ONE_WORDS = frozenset({"谢谢"})
# The hundred commonest surnames, commonest first (the 2020 household register's list): a person addressed by one
# (王姐, 老陈) is called by the surname, not named.
COMMONEST_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁沈任姚卢傅钟姜"
    "崔谭廖范汪陆金石戴贾韦夏邱方侯邹熊孟秦白江阎薛尹段雷黎史龙陶贺顾毛郝龚邵万钱严赖覃洪武莫孔"
)

# Prepositions and verbs whose object is a person, written right before a name (同蓝秀英, 请覃美兰, 随谢志明; round 35:
# 付 of a payment record, 付陈秀英工资).
BEFORE_A_PERSON = frozenset("同随请从跟让叫替给找问对向和与把被由经令派陪帮约将交催付")


def preposition_first(span: str) -> bool:
    """`span` is a preposition or a verb whose object is a person, then a full name (同|蓝秀英, 请|覃美兰):
    four characters, or three where the first is no surname, whose second is a surname that is no
    ambiguous one, the first two no compound surname. 同, 随 and 从 are surnames too; a name of a surname
    and three given characters is rarer than a preposition before a name."""
    single, compound, ambiguous, _ = _surname_sections()
    return (
        span[:1] in BEFORE_A_PERSON
        and (len(span) == 4 or (len(span) == 3 and span[0] not in single))
        and span[1] in single
        and span[1] not in ambiguous
        and span[:2] not in compound
    )


def role_before(text: str, a: int) -> bool:
    """A role word ends right before `a`, a colon or spaces between them allowed (申请人：|…, 经办人 |…)."""
    while a and text[a - 1] in "：: \u3000":
        a -= 1
    return any(k <= a and text[a - k:a] in ROLE_WORDS for k in _ROLE_LENGTHS)

# The ethnic groups of China, as a record names them after a person (热依拉（维吾尔族）, 吐尔逊，男，维吾尔族).
ETHNIC_GROUPS = (
    "汉 蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 纳西 景颇 "
    "柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 "
    "塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺"
).split()
_ETHNIC = frozenset(ETHNIC_GROUPS)
# What starts a person's attributes: 族 of an ethnic group, or the sex before a comma or a bracket. Both are
# rare in remarks, so the regex (in C) skips to them; `attributes_at` checks the rest in Python. (A regex
# starting at the bracket or comma stops at every comma of every remark: twice the time on a million.)
ATTRIBUTE_HINT = re.compile("族|男(?=[，,、）)])|女(?=[，,、）)])")  # literal first: a fast scan of every text


def attributes_at(text: str, hint: int) -> int:
    """Where the name before a person's attributes ends, given a match of `ATTRIBUTE_HINT` at `hint`:
    the bracket or comma that opens them (热依拉|（维吾尔族）, 吐尔逊|，男，, 和翠莲|（女，纳西族）); -1 if the
    hint opens none (民族, 家族; 男女)."""
    q = hint
    if text[hint] == "族":
        for k in (4, 3, 2, 1):
            if k <= hint and text[hint - k:hint] in _ETHNIC:
                q = hint - k
                break
        else:
            return -1
        if q >= 2 and text[q - 2] in "男女" and text[q - 1] in "，,、":
            q -= 2  # （女，纳西族）
    if q and text[q - 1].isspace():
        q -= 1
    return q - 1 if q and text[q - 1] in "（(，," else -1


# Cues (their first two characters) that follow nothing but a person: a common word before one of these
# may be a name (温和的妻子, 叶青女士).
PERSON_CUES = frozenset("先生 女士 夫妇 夫妻 之子 之女 之妻 之夫 之父 之母 的儿 的女 的妻 的丈 的父 的母 的家 的配 ，男 ，女 （男 （女 身份 （身".split())
# Words between a name and its cue (王伟当场签收, 李娜亲自领取): the name ends before them.
ADVERBS = frozenset("当场 当面 亲自 本人 现场 已经 曾经 一直 多次 均已 自愿 主动 同意".split())
# Words that start right after a name and whose first character could be read as a given-name character
# (何明|代为 领取, 李成|名下 车辆): the name ends before them even when the longer reading is a word too.
AFTER_NAME = frozenset(
    "身份 代为 名下 当场 当面 亲自 本人 现场 同意 自愿 主动 签收 签字 来电 入户 一家 夫妇 夫妻 "
    # Round 15: what one does in another's place (江明|代课: 明代 is a word, the Ming dynasty).
    "代课 代办 代领 代签 代收 代缴".split()
)
# Characters that never (or almost never) end or fill a given name: function words, verbs that
# follow names, address and organisation suffixes, units. Keeps 王庄村 and 高新区 out.
STOP_CHARS = set(
    "的了着过是在于与和及或并而但因由从自向对把被将已也都又还就才再很最所其之此该这那个些每各某等系均共约即则若如"
    "虽且不没无未非否有要会能可需须得地上下内外前后里间时年日号元万亿岁们者户村镇乡区县市省路街巷局院厅处科室"
    "委会部站队司厂店校馆组楼栋说称讲到去来给让叫请报诉反映患病死亡签收领办交提出入住租买卖借欠付缴营打某先女男"
    "老妻夫父母儿同及等以为据按跟另仍现曾该本我你他她它啊吗呢吧人两退拒"
    "携"  # round 11: 旅客令狐静|携普洱茶入境 (携, to carry, follows travellers' names at the border)
)
# Surname characters that are also prepositions or conjunctions: in "向王伟表示" the name is 王伟.
FUNCTION_SURNAMES = set("向于和经从将对给让与同以为由")
# A form's next field: a separator, then a label of up to six characters and its colon (经办人：甘露　日期：).
_NEXT_FIELD = re.compile("[，,；;、 \u3000]+[^，,。；;：:\\s]{1,6}[：:]")
# What a sign-off field holds when it holds no name (审核人：同意；复核人：…).
SIGN_OFF = frozenset("同意 拟同意 不同意 已阅 属实 通过 确认 批准 驳回 退回 办结 合格 收到 知悉 无误 核实 签字 盖章 暂无 不详".split())
# Characters after which a word read as a name ends a name (c.isascii() also covers digits and "").
_NAME_END = frozenset("（，。；：、 \u3000在因于\x00")
# Characters kept out of given names elsewhere (来 is a verb, 可 a modal) that the shape rule accepts:
# 康福来, 陈可欣 are common names, and the shape rule's other checks keep 可以, 来自 out.
SHAPE_EXTRA_GIVEN = frozenset("来可")
# Parts of speech (jieba) of common words that are no name even right after a role word (村民|白天), adverbial
# adjectives among them (家属|充分说明, 患者|积极配合).
_NOT_NAME_POS = ("t", "d", "p", "c", "r", "m", "q", "f", "s", "u", "v", "ad")
# Parts of speech (jieba) of common words that are never a given name at a bare boundary (查|属实).
_NOT_GIVEN_POS = ("v", "d", "a", "c", "p", "u", "r", "m", "q", "f")


@lru_cache(maxsize=1)
def _surname_sections() -> tuple[frozenset[str], tuple[str, ...], frozenset[str], frozenset[str]]:
    text = resources.files("desensitize.data").joinpath("surnames.txt").read_text(encoding="utf-8")
    single: set[str] = set()
    compound: list[str] = []
    ambiguous: set[str] = set()
    rare: set[str] = set()
    section = ""
    for line in text.splitlines():
        if line.startswith("#"):
            section = line[1:].strip()
            continue
        for word in line.split():
            if len(word) == 2:
                compound.append(word)
            else:
                single.add(word)
                if section == "ambiguous":
                    ambiguous.add(word)
                elif section == "rare":
                    rare.add(word)
    return frozenset(single), tuple(dict.fromkeys(compound)), frozenset(ambiguous), frozenset(rare)


@lru_cache(maxsize=1)
def given_name_chars() -> frozenset[str]:
    """Characters common in given names (data/given_chars.txt)."""
    text = resources.files("desensitize.data").joinpath("given_chars.txt").read_text(encoding="utf-8")
    return frozenset(c for line in text.splitlines() if not line.startswith("#") for c in line.split())


@lru_cache(maxsize=1)
def never_given_chars() -> frozenset[str]:
    """Function characters that fill no given name: `STOP_CHARS` less those common in given names (和, 时, 之 …).
    What the finders that read a name from its form alone (a signature, a son in a list) may not find in one."""
    return frozenset(STOP_CHARS - given_name_chars())


NAME_WORDS_PATH = Path(str(resources.files("desensitize.data").joinpath("name_words.txt")))


@lru_cache(maxsize=1)
def name_words() -> frozenset[str]:
    """Dictionary words that people are named (马力, 建新, 万国 of 万国庆): data/name_words.txt, learnt from
    the training data by scripts/name_words.py."""
    return _listed(NAME_WORDS_PATH)


GIVEN_PAIRS_PATH = Path(str(resources.files("desensitize.data").joinpath("given_pairs.txt")))


@lru_cache(maxsize=1)
def given_pairs() -> frozenset[str]:
    """Given names of two characters that people bear (志坚, 建华 …): data/given_pairs.txt, learnt from the
    training data by scripts/given_pairs.py. Such a name is kept whole where its last character starts a
    common word with the next (魏志坚|持营业执照)."""
    return _listed(GIVEN_PAIRS_PATH)


NEVER_LAST_PATH = Path(str(resources.files("desensitize.data").joinpath("never_last.txt")))


@lru_cache(maxsize=1)
def never_last_chars() -> frozenset[str]:
    """Characters that follow names of two and end none of three in the training data (离, 以, 补 …):
    data/never_last.txt, learnt by scripts/never_last.py."""
    return _listed(NEVER_LAST_PATH)


def _listed(path: Path) -> frozenset[str]:
    """The entries of a built word list, one a line, its comment lines (#) left out."""
    text = path.read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def surnames() -> tuple[frozenset[str], tuple[str, ...]]:
    """(single-character surnames, compound surnames) from data/surnames.txt, the ambiguous and rare ones included."""
    single, compound, _, _ = _surname_sections()
    return single, compound


def ambiguous_surnames() -> frozenset[str]:
    """Surnames that are also very frequent words (但, 由, 来 …): trusted only with context."""
    return _surname_sections()[2]


def surname_length(text: str, at: int = 0) -> int:
    """How many characters of `text` from `at` are a surname of `data/surnames.txt`: 2 for a compound one (欧阳), 1
    for a single one, 0 for none."""
    single, compound = surnames()
    return 2 if text[at:at + 2] in compound else 1 if text[at:at + 1] in single else 0


def short_name(name: str, any_given: bool = False) -> bool:
    """`name` reads as a person's short name: a surname and one or two characters common in given names
    (any characters, with `any_given`), or two characters common in given names (海燕). What the finders
    that take a name from its form alone ask of it (name_comrade.py, name_mention.py)."""
    given = given_name_chars()
    k = surname_length(name)
    rest = name[k:]
    if k and 0 < len(rest) <= 2 and (any_given or all(c in given for c in rest)):
        return True
    return len(name) == 2 and all(c in given for c in name)


def rare_surnames() -> frozenset[str]:
    """Rare surnames added after the model was trained (禚, 淦 …): the rules and the gate know them, the
    model's features do not."""
    return _surname_sections()[3]


@lru_cache(maxsize=1)
def _dictionary() -> tuple[frozenset[str], frozenset[str], dict[str, str], frozenset[str]]:
    """(frequent two-character words, all two- and three-character words, part of speech of the frequent
    ones) of jieba's dictionary, leaving out the entries it tags as person names (nr…); and all two-
    and three-character words with those (温泉, 王府井 are tagged nr).

    Parsing jieba's 350,000 lines takes most of a second, so the result is kept in the user cache
    folder (`pipelines.core.cache.derived`) and read back in a few milliseconds."""
    from importlib.util import find_spec  # in-function: only building the word list needs it

    from pipelines.core.cache import derived  # in-function: only building the word list needs it

    spec = find_spec("jieba")  # its location only: importing jieba itself costs 0.1 s
    assert spec is not None and spec.origin is not None, "jieba is a dependency"
    source = Path(spec.origin).parent / "dict.txt"
    common, every, with_names = derived("jieba-words", source, lambda: _parse_dictionary(source))
    return frozenset(common), frozenset(every), common, frozenset(with_names)


def _parse_dictionary(path: Path) -> tuple[dict[str, str], list[str], list[str]]:
    common: dict[str, str] = {}
    every: set[str] = set()
    with_names: set[str] = set()
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) != 3 or not 2 <= len(parts[0]) <= 3:
                continue
            with_names.add(parts[0])
            if parts[2].startswith("nr"):
                continue
            every.add(parts[0])
            if len(parts[0]) == 2 and int(parts[1]) >= 50:
                common[parts[0]] = parts[2]
    return common, sorted(every), sorted(with_names)


def common_words() -> frozenset[str]:
    """Frequent two-character words that are not person names (长期, 电话, 高度, 黄金 …)."""
    return _dictionary()[0]


def dictionary_words() -> frozenset[str]:
    """Every two- and three-character dictionary word not tagged as a person name (经查, 温泉 …)."""
    return _dictionary()[1]


def every_word() -> frozenset[str]:
    """Every two- and three-character word of jieba's dictionary, those it tags as person names too (温泉, 矫正)."""
    return _dictionary()[3]


def word_pos(word: str) -> str:
    """The part of speech jieba's dictionary gives a frequent word ("a" for 严峻, "v" for 核实), "" if none."""
    return _dictionary()[2].get(word, "")


def _class_without(chars: set[str]) -> str:
    """A regex class of the CJK unified ideographs minus `chars`, as code-point ranges."""
    ranges: list[str] = []
    start = None
    for cp in range(0x4E00, 0x9FFF + 2):
        inside = cp <= 0x9FFF and chr(cp) not in chars
        if inside and start is None:
            start = cp
        elif not inside and start is not None:
            ranges.append(chr(start) if cp - 1 == start else f"{chr(start)}-{chr(cp - 1)}")
            start = None
    return "[" + "".join(ranges) + "]"


# A name at the start of a clause or right after one of these prepositions and function characters
# (对王伟作出…, 由王伟负责, 以王伟的名义, 负责此事的王伟) is accepted without a role word when what
# follows it is what follows a name (`NameRules._right_ok`).
LEFT_CHARS = r"，。；;：:、！!？?（(“\"\s\x00对请由经向把给让与和及同跟将被叫令据为是见找问帮替派约送了在于以按依凭自从往朝比除随的"
# Characters after which a bare name may end: punctuation and characters that follow people.
RIGHT_CHARS = frozenset(
    "，。；;：:、！!？?（(）)”\" \t\n\r\x00"
    "在因于与和及是系为将已曾对向把被从自由等的家同所未不也都又还就才再今现本"
    "说称表讲到去来给让叫请报诉反患签收领办交提出入住租买卖借欠付缴经打一两二三夫妻父母儿女男老负作担带开获拒承主回申参组携"
)
# Parts of speech (jieba) of a common word that may follow a bare name: verbs, adverbs, time words,
# prepositions, conjunctions (王伟平时…, 李娜多次…, 张强携带…).
_VERBAL_POS = ("v", "d", "t", "p", "c", "m")
# What follows a family's name and 家 when 家 is their home (黄莉家的房子, 家中, 家里, 家人, 家属, 家门).
_HOME_AFTER = frozenset("的中里人属门")
# What joins the items of a list of names (王伟、李娜和张强).
_LIST_JOINS = frozenset("、和与及")
# Characters that end place and organisation names: 王庄村, 高新区 are not people.
PLACE_SUFFIX = frozenset("村庄镇乡区县市省路街巷局院厅处科委会部站队司厂店校馆园场湖山河江桥岛湾港寺塔楼")
# What ends a place or an organisation, not a person: no shape-rule name stands before one (金榕|社区).
SHAPE_SUFFIX = PLACE_SUFFIX | frozenset("社中小大学所")


class _ListWalks:
    """The separators one search (`NameRules._find`) walked a list on from, forward and back: a walk from a
    separator reads the same names each time, so a second one stops there."""

    __slots__ = ("forward", "backward")

    def __init__(self) -> None:
        self.forward: set[int] = set()
        self.backward: set[int] = set()


class NameRules:
    """The compiled name rules; one instance serves any number of texts."""

    def __init__(self, known_names: Iterable[str] = ()) -> None:
        single, compound, ambiguous, _ = _surname_sections()
        self.single = single
        self.compound = frozenset(compound)
        self.ambiguous = ambiguous
        self.words = common_words()
        self.dictionary = dictionary_words()
        self.pos = _dictionary()[2]
        self.all_words = every_word()
        self.given_chars = given_name_chars()
        self.pairs = given_pairs()
        given = _class_without(STOP_CHARS)
        compounds = "|".join(compound)
        every = "[" + "".join(sorted(single)) + "]"
        plain = "[" + "".join(sorted(single - ambiguous)) + "]"
        # Compound surnames first: 欧阳明轩 is 欧阳 + 明轩, not 欧 + 阳明.
        self.name_regex = f"(?:{compounds}|{every}){given}{{1,2}}"
        plain_name = f"(?:{compounds}|{plain}){given}{{1,2}}"
        # Role and verb triggers: the regex finds a trigger word's LAST character followed by a name (a
        # character class first: the regex engine skips to candidates, and few of them are followed by a
        # name); Python then checks that a trigger word ends there. A trie of 200 words costs 3x more.
        self.triggers = frozenset(TRIGGERS)  # not `STANDINGS`: only the model's spans stop at them
        self.trigger_ends = _endings(self.triggers)
        # A copula may stand between the role and the name (法定代表人为王伟, 联系人是李娜).
        self.trigger = re.compile(f"{_last_chars(TRIGGERS)}[:：\\s]{{0,2}}[为是]?(?P<n>{self.name_regex})")
        self.verbs = frozenset(VERB_TRIGGERS)
        self.verb_ends = _endings(self.verbs)
        self.verb_trigger = re.compile(f"{_last_chars(VERB_TRIGGERS)}了?(?P<n>{plain_name})")
        self.cue = CUE
        # A boundary candidate starts with its left neighbour (a character class first, for speed) or at
        # the start of the text; what follows it is checked in Python (`_right_ok`).
        self.boundary = re.compile(f"[{LEFT_CHARS}](?P<n>{plain_name})")
        self.name_at = re.compile(self.name_regex)
        # The shape rule: a surname (not an ambiguous one) followed by a character common in given names.
        self.shape_given = self.given_chars | SHAPE_EXTRA_GIVEN
        shape_first = "".join(sorted((single - ambiguous) | {c[0] for c in compound}))
        self.shape = re.compile(f"[{re.escape(shape_first)}](?=[{re.escape(''.join(sorted(self.shape_given)))}])")
        self.known, self.known_start, self.known_lengths, self.known_pairs, self.known_given = _known_index(
            known_names, single, self.compound
        )

    # -- helpers --------------------------------------------------------------------------------

    def _surname_len(self, text: str, start: int) -> int:
        return 2 if text[start:start + 2] in self.compound else 1

    def _shorten(self, text: str, start: int, end: int) -> int:
        """Drop the last given-name character when it starts a common word with the next one (王伟|长期),
        unless the given name is one people bear (魏志坚|持: `given_pairs`) or the name without it would be a
        word (高明|天 stays whole); a word that typically follows a name (代为, 名下) or a known name as the
        shorter reading (李成|名下) decides for the shorter name;
        such a word right after the whole name keeps it whole (张兰英|名下, not 张兰|英名)."""
        given = end - start - self._surname_len(text, start)
        if given == 2 and text[end - 1:end + 1] in self.words and text[end:end + 2] not in AFTER_NAME and (
            text[end - 2:end] not in self.pairs
        ) and (
            text[end - 2:end] not in self.words
            or text[end - 1:end + 1] in AFTER_NAME
            or text[start:end - 1] in self.known
        ):
            return end - 1
        return end

    def _drop_home(self, text: str, start: int, end: int) -> int:
        """黄莉家的房子: a trailing 家 before 的/中/里/人 is the family's home, not part of the name."""
        # A set, not a string: the empty slice at a text's end is in every string (and not at a joined
        # text's separator, so the name was read otherwise alone than in a batch).
        if end - start >= 3 and text[end - 1] == "家" and text[end:end + 1] in _HOME_AFTER:
            return end - 1
        return end

    def _plausible(self, text: str, start: int, end: int) -> bool:
        """Reject a candidate whose surname and first given character form a common word (黄金, 高度),
        unless it is a three-character name beginning with that word (黄山松, 黄金龙: `_word_prefixed`)."""
        s = self._surname_len(text, start)
        return s == 2 or text[start:start + 2] not in self.words or self._word_prefixed(text, start, end)

    def _word_prefixed(self, text: str, start: int, end: int) -> bool:
        """A surname and two given-name characters whose first two characters form a word (黄山|松, 高山|青):
        a name when the three are no word (黄金周 is), the given characters are common in given names,
        and the last one does not start a word with the next character (安全|生产 is no name)."""
        return (
            end - start == 3
            and self.given_chars.issuperset(text[start + 1:end])
            and text[start:start + 2] not in self.compound
            and text[start:end] not in self.all_words
            and text[end - 1:end + 1] not in self.words
        )

    def _glued_left(self, text: str, start: int, pos: int) -> bool:
        """及时维修: the surname character ends a common word with the character before it."""
        return start > pos and text[start - 1:start + 1] in self.words

    def _function_word_start(self, text: str, start: int) -> bool:
        """于白天, 向东部: a preposition that is also a surname, followed by a common word."""
        return text[start] in FUNCTION_SURNAMES and text[start + 1:start + 3] in self.words

    def _word_after_role(self, text: str, start: int, end: int) -> bool:
        """村民白天清理: after a role word, a common word is no name — unless it can be one (a noun or an
        adjective, not a time word, adverb or verb) and either its given part is a given name of the
        extract's own name column (网格员官兵入户: 官 + 兵) or what follows is what follows a name
        (法定代表人方军当场签收, 其子严明，…)."""
        word = text[start:end]
        if word not in self.words:
            return False
        if word not in SIGN_OFF and text[start - 1:start] in "：:" and _NEXT_FIELD.match(text, end):
            return False  # 经办人：甘露　日期：…: a form's field holds nothing else
        if self.pos.get(word, "").startswith(_NOT_NAME_POS):
            return True
        if word[self._surname_len(text, start):] in self.known_given:
            return False
        return not self._name_follows(text, end)

    def _name_follows(self, text: str, end: int) -> bool:
        """What follows reads as the end of a name: a word that follows names (名下, 代为, 当场 …), an
        opening bracket, a comma, the end of the text, a number (联系人江宁138…), 在/因/于, or a cue that
        follows people (来电人金星称: a role word before and a cue after leave no other reading)."""
        c = text[end:end + 1]
        return c in _NAME_END or c.isascii() or text[end:end + 2] in AFTER_NAME or self.cue.match(text, end) is not None

    def _verbal_given(self, text: str, start: int, end: int) -> bool:
        """经查属实: a two-character given part that is a verb, adverb, adjective … is no given name."""
        given = text[start + self._surname_len(text, start):end]
        return len(given) == 2 and self.pos.get(given, "n").startswith(_NOT_GIVEN_POS)

    def _longest_ending(self, text: str, end: int, words: frozenset[str], ends: dict[str, tuple[int, ...]]) -> int:
        """The length of the longest of `words` that ends at `end` (`ends`: `_endings(words)`), 0 if none does: also
        whether one does. (A loop, not `any` over a generator: it runs for every trigger hit, 1.4 million times a
        million remarks, and the generator doubled its cost.)"""
        for n in ends.get(text[end - 1:end], ()):
            if n <= end and text[end - n:end] in words:
                return n
        return 0

    def _right_ok(self, text: str, end: int) -> bool:
        """What follows a bare name: punctuation, a character that follows names (在, 说, 的 …), a word
        that follows names (名下, 当场 …) or a common verb, adverb or time word (王伟平时, 李娜多次 …)."""
        c = text[end:end + 1]
        word = text[end:end + 2]
        return c == "" or c in RIGHT_CHARS or word in AFTER_NAME or self.pos.get(word, "n").startswith(_VERBAL_POS)

    def _is_surname_at(self, text: str, i: int) -> bool:
        return text[i:i + 2] in self.compound or (i < len(text) and text[i] in self.single)

    def _extend_list(
        self, text: str, start: int, end: int, pos: int, limit: int, walked: _ListWalks
    ) -> list[tuple[int, int]]:
        """Further names of a list around a found one: 王秀英、张伟和李娜 (both directions). A walk that reaches a
        separator `walked` holds (this search walked on from it already) stops there: those names are found."""
        out: list[tuple[int, int]] = []
        e = end
        while e < limit and text[e] in "、和与及":
            if e in walked.forward:
                break
            walked.forward.add(e)
            if text[e + 1:e + 3] in self.triggers:
                break  # 吴玉英与|孙子|黄小红: a role word, not a name, follows
            m = self.name_at.match(text, e + 1, limit)
            if m is None:
                break
            a, b = m.span()
            b = self._shorten(text, a, b)
            if not self._plausible(text, a, b) or text[b:b + 1] in PLACE_SUFFIX:
                break
            out.append((a, b))
            e = b
        s = start
        while s - 1 > pos and text[s - 1] in "、和与及":
            if s in walked.backward:
                break
            walked.backward.add(s)
            found = None
            for length in (4, 3, 2):
                a = s - 1 - length
                if a < pos or not self.name_at.fullmatch(text, a, s - 1):
                    continue
                surname = self._surname_len(text, a)
                if length - surname not in (1, 2):
                    continue
                if length == 3 and surname == 1 and self._is_surname_at(text, a + 1) and (
                    text[a] in FUNCTION_SURNAMES or text[a] in self.ambiguous or self._glued_left(text, a, pos)
                ):
                    continue  # 向王伟、…, 成员苗俊、…: the name starts at the second character
                found = a
                break
            if found is None or not self._plausible(text, found, s - 1):
                break
            out.append((found, s - 1))
            s = found
        return out

    def _add(
        self, out: list[tuple[int, int, float, str]], text: str, s: int, e: int, rule: str, pos: int, limit: int,
        walked: _ListWalks,
    ) -> None:
        out.append((s, e, NAME_SCORES[rule], rule))
        # Only a list separator right before or after the name can start a list: test it before the call.
        if text[e:e + 1] in _LIST_JOINS or text[s - 1:s] in _LIST_JOINS:
            out.extend(
                (a, b, NAME_SCORES["name_list"], "name_list") for a, b in self._extend_list(text, s, e, pos, limit, walked)
            )

    # -- finding --------------------------------------------------------------------------------

    def find(self, text: str) -> list[tuple[int, int, float, str]]:
        """Names in `text` as (start, end, score, rule); may overlap, callers resolve."""
        return [(s - 1, e - 1, score, rule) for s, e, score, rule in self.find_joined("\x00" + text)]

    def find_joined(self, joined: str) -> list[tuple[int, int, float, str]]:
        """Names in many texts joined by NUL, offsets into `joined`, which must start with a NUL.

        Every rule stops at NUL, and the leading NUL makes a text's first character look the same
        whether the text is alone or joined (the bulk path of text.py and `find` give equal results).
        """
        return self._find(joined, 1, len(joined))

    def find_known(self, text: str) -> list[tuple[int, int]]:
        """Spans of the known names alone in `text` (the evaluation script measures them on their own)."""
        out: list[tuple[int, int, float, str]] = []
        self._find_known("\x00" + text, 1, len(text) + 1, out, _ListWalks())
        return [(s - 1, e - 1) for s, e, _, rule in out if rule == "name_known"]

    def _find_known(
        self, text: str, pos: int, limit: int, out: list[tuple[int, int, float, str]], walked: _ListWalks
    ) -> None:
        if self.known_start is None:
            return
        known, lengths, pairs, add = self.known, self.known_lengths, self.known_pairs, self._add
        for m in self.known_start.finditer(text, pos, limit):
            p = m.start()
            if text[p:p + 2] not in pairs:
                continue  # no known name starts with these two characters (most places the regex stops at)
            for length in lengths:
                if p + length <= limit and text[p:p + length] in known:
                    add(out, text, p, p + length, "name_known", pos, limit, walked)
                    break

    def _find(self, text: str, pos: int, limit: int) -> list[tuple[int, int, float, str]]:
        out: list[tuple[int, int, float, str]] = []
        # Each name beside a list's separator walks the list (`_extend_list`); a line listing 25,000 names would
        # walk it 25,000 times (two minutes), so a walk stops where one of this search walked on before.
        walked = _ListWalks()
        add = partial(self._add, walked=walked)
        self._find_known(text, pos, limit, out, walked)
        # Trigger hits are searched one after the other: a hit that is no trigger word (村主|任吴小燕) must
        # not hide the real one inside it (村主任|吴小燕), so the search then resumes one character on.
        triggers, trigger_ends, search = self.triggers, self.trigger_ends, self.trigger.search
        at = pos
        while (m := search(text, at, limit)) is not None:
            at = m.start() + 1
            role = self._longest_ending(text, at, triggers, trigger_ends)
            if not role:
                continue
            s, first = m.start("n"), at - role
            # 书记|员陈佳: a longer role word (书记员) goes on, holding the one found; the name follows it. Not one
            # that starts inside it (之女|方桂兰: 女方 is no role there).
            if any(self._longest_ending(text, end, triggers, trigger_ends) >= end - first for end in (s + 1, s + 2)):
                continue
            if text[s:s + 2] in triggers or text[s:s + 3] in triggers:
                continue  # roles in a row (患者|家属|杨建新, 村民|代表|石根旺): the name follows the last one
            if s == at and (text[first:at + 1] in self.dictionary or (
                text[s] in self.ambiguous and text[at - 1:at + 1] in self.words
            )):
                continue  # 被告方|代理律师, 陪同人员|较多: the role word is part of a longer word, no name follows
            e = self._shorten(text, s, m.end("n"))
            if self._function_word_start(text, s) or self._word_after_role(text, s, e):
                continue
            add(out, text, s, e, "name_trigger", pos, limit)
            at = e
        verbs, verb_ends, search = self.verbs, self.verb_ends, self.verb_trigger.search
        at = pos
        while (m := search(text, at, limit)) is not None:
            at = m.start() + 1
            if not self._longest_ending(text, at, verbs, verb_ends):
                continue
            s = m.start("n")
            if text[at - 2:at + 1] in self.dictionary:  # 救助|金三千: the verb is part of a longer word (救助金)
                continue
            e = self._shorten(text, s, m.end("n"))
            plain = self._plausible(text, s, e) and text[s:e] not in self.dictionary
            # 委托江东代为领取: a word after a verb is a name only when a name's follower comes next.
            if not self._function_word_start(text, s) and (
                plain or (not self._word_after_role(text, s, e) and text[e:e + 2] in AFTER_NAME)
            ):
                add(out, text, s, e, "name_trigger", pos, limit)
                at = e
        name_at, stop = self.name_at, STOP_CHARS
        for m in self.cue.finditer(text, pos, limit):
            c = m.start()
            if text[c - 2:c] in ADVERBS:  # 王伟当场签收: the name ends before the adverb
                c -= 2
            if text[c - 1] in stop or not "\u4e00" <= text[c - 1] <= "\u9fff":  # no name ends with 人, 的 …
                continue
            for length in (4, 3, 2):  # the longest name that ends at the cue, as a left-to-right regex finds
                s = c - length
                if s >= pos and name_at.fullmatch(text, s, c):
                    break
            else:
                continue
            if c - s == 3 and text[s] in FUNCTION_SURNAMES and text[s + 1] in self.single:
                s += 1  # 向王伟表示: the name starts after the preposition
            # A word may be a name before a cue that only follows people (温和的妻子, 叶青女士), unless it is a
            # time word, adverb, verb … (夏天, 何方).
            plausible = self._plausible(text, s, c) or (
                m.group()[:2] in PERSON_CUES and not self.pos.get(text[s:c], "").startswith(_NOT_NAME_POS)
            )
            if plausible and not self._glued_left(text, s, pos) and not self._verbal_given(text, s, c):
                add(out, text, s, c, "name_cue", pos, limit)
        self._find_attributed(text, pos, limit, out)
        dictionary, words, search = self.dictionary, self.words, self.boundary.search
        at = pos - 1
        while (m := search(text, at, limit)) is not None:
            at = m.start() + 1  # a rejected candidate (由|于涂红) must not hide the next one (于|涂红)
            s = m.start("n")
            if text[s:s + 2] in dictionary and not self._word_prefixed(text, s, m.end("n")):
                continue  # 银行, 福州, 白天: most candidates end here
            if text[s:s + 2] in _CUE_PAIRS:
                continue
            e = m.end("n")
            # Where the name ends. What may follow a name (`_right_ok`: 在, 说, 表示, 已经 …) decides first:
            # one given character less when that character starts a common word and the name may end
            # before it (王伟|长期, 夏雷|作为), unless the longer reading may end too and its given name is a
            # word (詹国平|平时). Failing that, any common word may follow (王伟|左腿骨折, 黄斌|证实) if the
            # name is no word at all, not even one jieba tags as a person's (温泉, 王府井 are).
            given2 = e - s - self._surname_len(text, s) == 2
            starts_word = given2 and text[e - 1:e + 1] in words
            long_ok = self._right_ok(text, e)
            if starts_word and self._right_ok(text, e - 1) and (
                not long_ok or text[e - 2:e] not in words or text[e - 1:e + 1] in AFTER_NAME
            ):
                e -= 1
            elif not long_ok:
                if starts_word and text[e - 2:e] not in words:
                    e -= 1
                given = text[s + self._surname_len(text, s):e]
                if text[e:e + 2] not in words or text[s:e] in self.all_words or not self.given_chars.issuperset(given):
                    continue
            if text[s - 1] == "的" and text[s:e] in self.all_words:  # 的陈述, 的温泉: after 的, nouns abound
                continue
            e = self._drop_home(text, s, e)
            if (
                text[s:e] not in dictionary
                and text[e:e + 1] not in PLACE_SUFFIX
                and self._plausible(text, s, e)
                and not self._function_word_start(text, s)
                and not self._glued_left(text, s, pos)
                and not self._verbal_given(text, s, e)
            ):
                add(out, text, s, e, "name_boundary", pos, limit)
                at = e
        self._find_shapes(text, pos, limit, out)
        return out

    def _find_attributed(self, text: str, pos: int, limit: int, out: list[tuple[int, int, float, str]]) -> None:
        """A role's name with the person's attributes after it (代理人热依拉（维吾尔族）, 被告人吐尔逊，男，):
        whatever stands between a role word and the attributes is the name, surname or not. Two to six
        characters (乌云其其格), or more with a middle dot; the longest role word wins (书记员, not 员)."""
        triggers, ends = self.triggers, self.trigger_ends
        last = -1
        for m in ATTRIBUTE_HINT.finditer(text, pos, limit):
            c = attributes_at(text, m.start())
            if c < pos or c == last:  # -1, or the same attributes again (，男，汉族)
                continue
            last = c
            if c - 1 < pos or not ("\u4e00" <= text[c - 1] <= "\u9fff" or text[c - 1] in DOTS):
                continue  # the name ends right before its attributes (not at a text's start: 。|，蒙古族)
            for s in range(c - 2, max(pos, c - 16) - 1, -1):
                ch = text[s]
                if not ("\u4e00" <= ch <= "\u9fff" or ch in DOTS):
                    break
                if self._longest_ending(text, s, triggers, ends):  # right to left: 书记员|谢美玲 before 书记|员谢美玲
                    span = text[s:c]  # no role word, pronoun, adverb … (户主|本人（汉族）)
                    if (c - s <= 6 or holds_dot(span)) and span not in triggers and not self.pos.get(span, "n").startswith(_NOT_NAME_POS):
                        out.append((s, c, NAME_SCORES["name_trigger"], "name_trigger"))
                    break

    def _find_shapes(self, text: str, pos: int, limit: int, out: list[tuple[int, int, float, str]]) -> None:
        """The shape rule: a surname and one or two characters common in given names, with no context.

        Context rules miss a name after a word no list holds (邻居蒋福生违规, 回访邱桂香，); names have a
        shape of their own. A candidate counts when it is no dictionary word, its surname does not end a
        word with the character before it (约谈|项目, 模范|龙建平), its surname and first given character
        form no common word (黄金, 高度), and no place suffix follows (林浦|村). The last given character
        is dropped when it starts a common word with the next one (张伟|明天). Lowest score: it decides
        nothing when a context rule found the same name, and it may extend a shorter finding (翁国|栋).
        """
        compound, given_ok, words, every = self.compound, self.shape_given, self.words, self.all_words
        # A candidate starting inside a name already found is a piece of it (杨淑|兰长期, 朱|兵之妻); one
        # starting where a name of three or more characters was found adds nothing (most names in a remark
        # are the extract's known names). Only a shorter finding may grow (翁国|栋).
        skip = bytearray(limit + 1)
        for a, b, _, _ in out:
            skip[a + 1:b] = b"\x01" * (b - a - 1)
            if b - a >= 3:
                skip[a] = 1
        last = pos
        for m in self.shape.finditer(text, pos, limit):
            s = m.start()
            if s < last or skip[s]:
                continue
            g = s + (2 if text[s:s + 2] in compound else 1)
            if g - s == 1 and text[s] not in self.single:
                continue  # 之子|林秀英: 子 starts a compound surname (子车) but is no surname alone
            e = g
            while e < limit and e - g < 2 and text[e] in given_ok:
                e += 1
            if e == g:
                continue
            if text[e - 1:e + 1] in words:  # the last given character starts a word: 张伟|明天, 时|发现
                if e - g == 1:
                    continue
                e -= 1
            if (
                text[s:e] in every
                or text[e:e + 1] in SHAPE_SUFFIX
                or (g - s == 1 and text[s:s + 2] in words)  # 房东|凌秀华, 黄金: the surname starts a word
                # 约谈|项目, 金山|小学, 供货商|凌强 — but not a compound surname, nor after a role word
                # (当事人|马国栋, though 人马 is a word)
                or (
                    g - s == 1
                    and s > pos
                    and (text[s - 1:s + 1] in self.dictionary or text[s - 2:s + 1] in self.dictionary)
                    and not self._longest_ending(text, s, self.triggers, self.trigger_ends)
                )
                # 向|许亮: a preposition that is also a surname, then a name
                or (text[s] in FUNCTION_SURNAMES and text[s + 1] in self.single)
                or self._function_word_start(text, s)
                # 经查|属实 — but a word of given-name characters followed by what follows names is a name (黄振兴听取)
                or (self._verbal_given(text, s, e) and not (self._right_ok(text, e) and self.given_chars.issuperset(text[g:e])))
            ):
                continue
            e = self._drop_home(text, s, e)  # 程远|家的狗
            last = e
            out.append((s, e, NAME_SCORES["name_shape"], "name_shape"))


# What of a name column counts as a name (`_known_index`): a line of 2–6 Chinese characters, or of parts of 1–6
# joined by the dot of minority and foreign names however it is typed (阿依古丽·买买提, 热合曼•吐尔逊: round 35;
# eight characters and more were no name before), blanks around it stripped (whitespace but the line break).
_A_KNOWN_NAME = re.compile(
    f"^[^\\S\n]*([\u4e00-\u9fff]{{2,6}}|[\u4e00-\u9fff]{{1,6}}(?:[{DOTS}][\u4e00-\u9fff]{{1,6}}){{1,3}})[^\\S\n]*$", re.M
)


def _last_chars(words: Iterable[str]) -> str:
    """A regex class of the last characters of `words`."""
    return "[" + re.escape("".join(sorted({w[-1] for w in words}))) + "]"


def _endings(words: Iterable[str]) -> dict[str, tuple[int, ...]]:
    """For each last character of `words`, the lengths of the words ending in it, longest first: a word ending at a
    place is looked for only in the lengths that can end there (`NameRules._longest_ending`)."""
    by_last: dict[str, set[int]] = {}
    for w in words:
        by_last.setdefault(w[-1], set()).add(len(w))
    return {c: tuple(sorted(lengths, reverse=True)) for c, lengths in by_last.items()}


def _known_index(
    names: Iterable[str], single: frozenset[str], compound: frozenset[str]
) -> tuple[frozenset[str], re.Pattern[str] | None, tuple[int, ...], frozenset[str], frozenset[str]]:
    """(the known names, a regex of their first characters, their lengths longest first, their first two characters,
    their given names).

    Only 2–6 Chinese characters, or parts joined by the dot of minority names, count as a name. The regex matches a
    known name's first character followed by a character of some known name, consuming one character,
    so every start position is tried (a known name may begin inside another candidate: 陈林晓峰).
    The names are folded as the text they are looked for in is (fold.py).
    """
    # Read in folded text: 黃志明 of the column is 黄志明 there. A name column holds hundreds of thousands
    # of names: they are folded joined, in one pass (fold.py), and checked by one regex each.
    lines = "\n".join(n for n in set(names) if n and "\n" not in n)
    clean = set(_A_KNOWN_NAME.findall(for_patterns()(lines)))
    if not clean:
        return frozenset(), None, (), frozenset(), frozenset()
    first = "".join(sorted({n[0] for n in clean}))
    rest = "".join(sorted(set("".join(n[1:] for n in clean))))
    regex = re.compile(f"[{re.escape(first)}](?=[{re.escape(rest)}])")
    given = {n[2:] if n[:2] in compound else n[1:] for n in clean if n[0] in single or n[:2] in compound}
    lengths = tuple(sorted({len(n) for n in clean}, reverse=True))
    return frozenset(clean), regex, lengths, frozenset(n[:2] for n in clean), frozenset(given)


def jieba_names(text: str, surname_filter: bool = False) -> list[tuple[int, int]]:
    """Spans jieba's POS tagger labels nr/nrt/nrfg (the measured baseline; not used by default)."""
    import jieba.posseg as pseg  # in-function: jieba is slow to import; only a cache miss needs it

    out: list[tuple[int, int]] = []
    pos = 0
    single, compound = surnames()
    for word, flag in pseg.cut(text):
        start = text.find(word, pos)
        pos = start + len(word)
        if flag in ("nr", "nrt", "nrfg"):
            if surname_filter and not (2 <= len(word) <= 4 and (word[0] in single or word[:2] in compound)):
                continue
            out.append((start, pos))
    return out
