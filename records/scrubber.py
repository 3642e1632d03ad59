"""Removes personal identifiers from a narrative before the public may read it.

Each kind of identifier is replaced by a placeholder ([姓名], [电话] …). Patterns run from the
most specific to the least (an ID number before a bank card before a phone number), so a long
number is never half-replaced. Names are found in two ways: after words that introduce a
person (我叫, 店主, 联系人 …, or before 先生/女士 …), and by jieba's part-of-speech tagger (`nr`,
person name) for a name that stands alone. The recall on the labelled corpus
(tests/records/scrubber_corpus.json) is printed by `manage.py scrub_report`; the tests fail
if any identifier of the corpus survives.

Over-scrubbing is accepted: a road name or a word mistaken for a name costs a little
readability; a surviving phone number costs someone's privacy.
"""

import re
import warnings
from functools import lru_cache

NAME, PHONE, ID_NUMBER, ADDRESS, EMAIL, BANK_CARD, PLATE, URL = (
    "name", "phone", "id_number", "address", "email", "bank_card", "plate", "url",
)  # fmt: skip
PLACEHOLDERS = {
    NAME: "[姓名]",
    PHONE: "[电话]",
    ID_NUMBER: "[证件号]",
    ADDRESS: "[地址]",
    EMAIL: "[邮箱]",
    BANK_CARD: "[银行卡号]",
    PLATE: "[车牌号]",
    URL: "[网址]",
}
KINDS = tuple(PLACEHOLDERS)

_D = r"(?<![0-9A-Za-z])"  # not inside a longer number or word
_E = r"(?![0-9A-Za-z])"
_SEP = r"[\s\-－—]?"
HAN = "\u4e00-\u9fff"

EMAIL_RE = re.compile(
    r"[A-Za-z0-9._%+\-]+\s?(?:@|＠|\(at\)|\[at\])\s?[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+"
)
URL_RE = re.compile(r"(?:https?://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'*+,;=%]+", re.IGNORECASE)
ID_RE = re.compile(
    _D + r"[1-9]\d{5}" + _SEP + r"(?:18|19|20)\d{2}" + _SEP + r"(?:0[1-9]|1[0-2])"
    r"(?:0[1-9]|[12]\d|3[01])"
    + _SEP
    + r"\d{3}[\dXx]"
    + _E
    + "|"
    + _D
    + r"[1-9]\d{7}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}"
    + _E  # 15 digits
)
# After a word naming an ID document: whatever letters and digits follow (passports too).
ID_CUE_RE = re.compile(
    r"(?:身份证|证件|护照|港澳通行证|台胞证)(?:号码|号)?\s*(?:是|为|：|:)?\s*"
    r"([A-Za-z0-9](?:[A-Za-z0-9]|[\s\-](?=[A-Za-z0-9])){5,24})"
)
BANK_RE = re.compile(_D + r"(?:\d{4}[\s\-]?){3}\d{4}(?:[\s\-]?\d{1,3})?" + _E)
BANK_CUE_RE = re.compile(r"(?:卡号|账号|帐号|银行卡|账户)\s*(?:是|为|：|:)?\s*([\d\s\-]{12,26}\d)")
MOBILE_RE = re.compile(
    r"(?<![0-9])(?:(?:\+|00)?86[\s\-]?)?1[3-9]\d" + _SEP + r"\d{4}" + _SEP + r"\d{4}(?![0-9])"
)
LANDLINE_RE = re.compile(
    r"(?<![0-9])(?:(?:\+|00)?86[\s\-]?)?[（(]?0\d{2,3}[）)]?[\s\-－—]?\d{3,4}[\s\-]?\d{4}"
    r"(?:(?:转|-|ext\.?)\d{1,5})?(?![0-9])"
    r"|(?<![0-9])[48]00[\s\-]?\d{3}[\s\-]?\d{4}(?![0-9])"
)
PHONE_CUE_RE = re.compile(
    r"(?:电话|手机|手机号|座机|联系方式|微信|微信号|QQ|qq|热线)(?:号码|号)?\s*(?:是|为|：|:)?\s*"
    r"([A-Za-z0-9_\-\s]{5,20}[A-Za-z0-9])"
)
PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
PLATE_RE = re.compile(
    rf"[{PROVINCES}]\s?[A-HJ-NP-Z][\s·•・.\-]?(?:[A-HJ-NP-Z0-9]\s?){{4,5}}[A-HJ-NP-Z0-9挂学警港澳]"
)
_NOT_PLACE = "在住于是的了到和与从向往家位我他她您为址及或把被将对给"
_PLACE_CHAR = rf"(?:(?![{_NOT_PLACE}])[{HAN}A-Za-z0-9])"
_ROAD = r"(?:路|街|大道|大街|巷|里|村|弄|道|湾|社区|小区|花园|广场|大厦|中心|公寓|城|苑|园)"
_NUMBER = r"(?:[0-9０-９]+|[一二三四五六七八九十百]+)"
_UNIT = (
    rf"(?:[{HAN}A-Za-z0-9]{{0,12}}?{_NUMBER}[A-Za-z]?"
    rf"(?:号楼|栋|幢|座|楼|单元|层|室|号|铺|门面|-{_NUMBER}))"
)
_REGION = rf"(?:{_PLACE_CHAR}{{2,6}}?(?:省|市|自治州))?(?:{_PLACE_CHAR}{{1,8}}?(?:区|县))?"
ADDRESS_RE = re.compile(
    _REGION + rf"{_PLACE_CHAR}{{1,12}}?{_ROAD}" + rf"(?:{_NUMBER}[A-Za-z]?号)?{_UNIT}*"
    rf"(?<=[号栋幢座楼元层室铺面0-9])"
    + "|"
    + _REGION
    + rf"{_PLACE_CHAR}{{1,12}}?{_NUMBER}(?:号楼|栋|幢)(?:{_NUMBER}单元)?"
    rf"(?:{_NUMBER}(?:层|楼))?(?:{_NUMBER}[A-Za-z]?室?)?"
)
ADDRESS_CUE_RE = re.compile(
    rf"(?:住址|家住|住在|地址|住于|居住在|现住)\s*(?:是|为|：|:|在)?\s*([{HAN}A-Za-z0-9\-－#]{{4,40}})"
)

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞"
    "左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕"
    "屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧"
    "闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥"
    "南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禚井祖"
)
COMPOUND_SURNAMES = (
    "欧阳",
    "司马",
    "上官",
    "诸葛",
    "东方",
    "皇甫",
    "令狐",
    "慕容",
    "公孙",
    "尉迟",
    "长孙",
    "宇文",
    "司徒",
    "夏侯",
)
# Words after which a person's name follows.
_CUE_WORDS = (
    "我叫 叫 本人 名叫 叫做 姓名 店主 老板娘 老板 联系人 经理 负责人 法定代表人 法人代表 "
    "法人 业务员 客服 销售员 店员 经营者 摊主 主播 代理人 委托人 举报人 投诉人 受害人 "
    "当事人 车主 发货人 收款人 律师 同事 朋友 邻居 丈夫 妻子 儿子 女儿 父亲 母亲 师傅 "
    "员工 收件人 签收人 户名 持卡人 证人 网友"
)
NAME_CUES = tuple(_CUE_WORDS.split())
TITLES = "先生|女士|小姐|经理|老板|师傅|律师|老师|总|阿姨|大姐|大哥|主任|医生|警官"
# Characters that, after a two-character name, start the next word rather than the name.
AFTER_NAME = set(
    "说称表示在的了是和与等要也就已还却不没对把被向让给从拒讲告回答电手微身住家于曾又才都很只便"
)
_SURNAME_ALT = "|".join((*COMPOUND_SURNAMES, *SURNAMES))
# Before 先生/经理 …: the frequent surnames only (a rarer one like 区 or 司 ends many words).
FREQUENT_SURNAMES = set(SURNAMES[:140]) - set("向文安关")
_TITLE_SURNAMES = "|".join(
    (*COMPOUND_SURNAMES, *(c for c in SURNAMES[:140] if c not in "向文安关"))
)
NAME_CUE_RE = re.compile(
    r"(?:" + "|".join(sorted(NAME_CUES, key=len, reverse=True)) + r")\s*(?:是|为|：|:)?\s*"
    rf"((?:{_SURNAME_ALT})[{HAN}]{{1,2}})"
)
TITLE_RE = re.compile(rf"(?:{_TITLE_SURNAMES})(?:[{HAN}]{{1,2}})?(?=(?:{TITLES}))")
NICKNAME_RE = re.compile(
    rf"(?:小|老|阿)(?:{_TITLE_SURNAMES})(?=[说称讲告让也又就还却在的了把被向给跟和，。、！？,.])"
)
PLACEHOLDER_RE = re.compile(r"\[[^\[\]]{1,6}\]")


def _replace_group(pattern: re.Pattern, kind: str, text: str) -> str:
    """Replace group 1 of each match (the identifier after its cue word)."""

    def sub(match: re.Match) -> str:
        start, end = match.span(1)
        value = match.group(1)
        if PLACEHOLDER_RE.fullmatch(value.strip()):
            return match.group(0)
        offset = match.start(0)
        whole = match.group(0)
        return whole[: start - offset] + PLACEHOLDERS[kind] + whole[end - offset :]

    return pattern.sub(sub, text)


def _name_from_cue(match: re.Match) -> str:
    name = match.group(1)
    surname_len = 2 if name[:2] in COMPOUND_SURNAMES else 1
    if len(name) == surname_len + 2:
        # Two or three characters? The tagger's reading of what follows the cue decides,
        # then the characters that usually start the next word.
        first = next(iter(_tagger().cut(match.string[match.start(1) : match.start(1) + 6])))
        if first.flag == "nr" and first.word.startswith(name[:surname_len]):
            if len(first.word) == surname_len + 1:
                name = name[:-1]
        elif name[-1] in AFTER_NAME:
            name = name[:-1]
    whole = match.group(0)
    start = match.start(1) - match.start(0)
    return whole[:start] + PLACEHOLDERS[NAME] + whole[start + len(name) :]


@lru_cache(maxsize=1)
def _tagger():
    import logging

    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SyntaxWarning)
        jieba.initialize()
    return jieba.posseg


PLACE_SUFFIXES = set("区县市省镇乡村路街道巷园城湖山")
OPEN_QUOTES, CLOSE_QUOTES = '“《「『"', '”》」』"'


class _Token(tuple):
    word = property(lambda self: self[0])
    flag = property(lambda self: self[1])


def _tokens(text: str) -> list:
    """(word, tag) pairs: jieba's segmentation with its HMM (which finds words the dictionary
    lacks, typically names), tagged from the dictionary; a new word gets "nr" when it is two
    or three characters long, a guess made only for the frequent surnames. 3–4 times faster
    than jieba.posseg's tagging HMM, and it finds the same names on the corpus."""
    posseg = _tagger()
    tags = posseg.dt.word_tag_tab
    tokens = []
    for word in posseg.dt.tokenizer.cut(text, HMM=True):
        flag = tags.get(word)
        if flag is None:
            guess = 2 <= len(word) <= 3 and word[0] in FREQUENT_SURNAMES
            flag = "nr" if guess and re.fullmatch(f"[{HAN}]+", word) else "x"
        tokens.append(_Token((word, flag)))
    return tokens


def _tagged_names(text: str) -> str:
    """Person names jieba's tagger finds (nr) that start with a known surname; not inside
    quotes or title marks, where a complaint names a brand or a work (“华为”, 《…》), nor
    before a place word (东湖高新区: 高新 is not a person)."""
    tokens = _tokens(text)
    parts = []
    quoted = False
    for index, (word, flag) in enumerate(tokens):
        if word in OPEN_QUOTES and not (word == '"' and quoted):
            quoted = True
        elif word in CLOSE_QUOTES:
            quoted = False
        following = tokens[index + 1].word if index + 1 < len(tokens) else ""
        if (
            not quoted
            and flag == "nr"
            and 2 <= len(word) <= 4
            and (word[0] in SURNAMES or word[:2] in COMPOUND_SURNAMES)
            and following[:1] not in PLACE_SUFFIXES
            and word[-1] not in "区县市省镇乡路街"
        ):
            parts.append(PLACEHOLDERS[NAME])
        else:
            parts.append(word)
    return "".join(parts)


def _protect(text: str, pattern: re.Pattern, kind: str) -> str:
    return pattern.sub(PLACEHOLDERS[kind], text)


def scrub(text: str) -> str:
    """The text with every identifier found replaced by its placeholder."""
    if not text:
        return ""
    text = _protect(text, EMAIL_RE, EMAIL)
    text = _protect(text, URL_RE, URL)
    text = _protect(text, ID_RE, ID_NUMBER)
    text = _replace_group(ID_CUE_RE, ID_NUMBER, text)
    text = _replace_group(BANK_CUE_RE, BANK_CARD, text)
    text = _protect(text, BANK_RE, BANK_CARD)
    text = _protect(text, PLATE_RE, PLATE)
    text = _protect(text, MOBILE_RE, PHONE)
    text = _protect(text, LANDLINE_RE, PHONE)
    text = _replace_group(PHONE_CUE_RE, PHONE, text)
    text = _replace_group(ADDRESS_CUE_RE, ADDRESS, text)
    text = _protect(text, ADDRESS_RE, ADDRESS)
    text = NAME_CUE_RE.sub(_name_from_cue, text)
    text = _protect(text, TITLE_RE, NAME)
    text = _protect(text, NICKNAME_RE, NAME)
    return _tagged_names(text)
