"""The vocabulary regparse reads text with, spelled once.

Every pattern and word list the lexer decides with lives here, named for what
it recognises, with a line on why it has the shape it has.  Where the grammar
owns a shape (what a marker looks like), the pattern is built from the
grammar's terminals instead of written again:

- :data:`MARK_FIRST` is the set of characters a line-start marker can begin
  with, computed from the marker terminals of ``grammars/regulation.lark``;
- the marker matchers themselves are compiled from those terminals
  (:func:`regparse.grammar.compile_markers`).

>>> "第" in MARK_FIRST and "（" in MARK_FIRST and "甲" not in MARK_FIRST
True
>>> bool(DATE_LINE.match("2020年5月28日第十三届全国人民代表大会第三次会议通过"))
True
"""
from __future__ import annotations

import datetime
import re
from functools import lru_cache

from . import grammar
from .model import DIVISION_KINDS
from .numerals import DIGIT_VALUES, to_int

__all__ = [
    "SEPARATORS", "CLOSERS", "TRAILERS", "SENTENCE_END", "CLAUSE_END",
    "CN_DIGITS", "PAGE_NUMBER", "YEAR", "MONTH_OR_DAY",
    "CITATION_STEP", "REFERENCE_TAIL", "WEAK_REFERENCE_TAIL", "HEADING_TITLES", "HEADING_ENDINGS", "TITLE_FUNCTION_CHARACTERS", "TITLE_END_WORDS",
    "DATE_LINE", "FULL_DATE", "DATE", "INLINE_DATE", "iso_dates", "iso_date", "NEWS_LINE", "SOURCE_LINE", "PAPER_WORDS", "MASTHEAD_LINE", "CREDIT_LINE", "NEWS_OR_CREDIT",
    "NEWS_FIRST", "HEADING_BRACKETS", "HEADING_NEVER", "COMMENTARY_WORDS", "COMMENTARY_LINE", "COMMENTARY_HEADING", "COMMENTARY_FIRST", "QUOTED_TITLE", "TITLE_NOTE", "NOTE", "REGULATION_TITLE_END", "TITLE_DONE",
    "ISSUER_ONLY", "DOCUMENT_NUMBER", "BULK_AMENDMENTS", "ISSUING_WORDS", "ACT_TYPES", "SELF_WORDS", "ACT_NAME_ENDINGS",
    "STATE_PREFIX", "ISSUERS", "ACT_SHORT_NAMES", "UNIT_OF_LEVEL", "LEVEL_OF_UNIT", "WORD_AFTER_UNIT",
    "BARE_HEADINGS", "CLOSING_HEADING_WORD", "CLOSING_HEADING_WORDS", "TAIWAN_CITATION",
    "DIVISION_RANK", "MARK_KIND", "ITEM_STYLES", "MARK_FIRST", "first_characters",
    "METADATA_DATE", "ANY_DOCUMENT_NUMBER", "DECLARED_SHORT_NAME", "ORDER_HEAD", "NOTICE_HEAD", "ORDER_NUMBER", "FILE_NUMBER", "SESSION",
    "MEETING", "MEETING_BODY", "DATED_EVENTS", "AMENDMENT_WORDS", "TAKES_EFFECT", "EFFECTIVE_ON_ISSUE",
    "AMENDMENT_INSTRUCTION", "AMENDING_TITLE", "QUOTE_OPEN", "QUOTE_CLOSE", "TABLE_CELL_GAP", "TABLE_RULE_ROW",
    "DOCUMENT_TYPES", "STATUS_PRINTED", "STATUS_IN_TITLE", "TITLE_ISSUERS", "ORGAN_END", "AMENDED_BY",
    "IN_FORCE_AT_ONCE", "ORDINAL_TIMES", "PROMULGATION_WORDS", "LIST_JOINERS",
]

# -- characters --------------------------------------------------------------
#: whitespace that may stand between a label and its text (第一条　…)
SEPARATORS = " \t\u3000\xa0"
#: what ends a sentence or a clause at the end of a paragraph
CLOSERS = frozenset("。；：！？;:!?…")
#: closing quotes and brackets, looked through at a line end: 「…。」 ends closed
TRAILERS = frozenset("”’」』）)》】〕]")
#: a sentence ends right before a marker that starts structure inside a line
SENTENCE_END = frozenset("。；：！？;:!?")
#: a clause ends: between a heading and its article there is none
CLAUSE_END = SENTENCE_END | frozenset("，,")

# -- numerals ------------------------------------------------------------------
#: the Chinese digits of a year, a month or a day (二〇二〇年): every digit but 两, which counts things
CN_DIGITS = "".join(ch for ch in DIGIT_VALUES if ch != "两")
#: a page number in a page note or a furniture line (第4版, 下转第四版)
PAGE_NUMBER = "[0-9０-９" + "".join(ch for ch, v in DIGIT_VALUES.items() if v and ch != "两") + "十]{1,3}"
#: a year as printed at the start of an issuing line
YEAR = rf"(?:\d{{4}}|[{CN_DIGITS}]{{4}})"
#: a month or a day (5, 十二, 二十八)
MONTH_OR_DAY = rf"[\d{CN_DIGITS}十]{{1,3}}"

# -- references that look like markers -----------------------------------------
def _citation_step() -> str:
    """One step of a citation, 第二款 or 第（一）项, from grammars/citation.lark's terminals."""
    terminals = {t.name: t.pattern.to_regexp() for t in grammar.load("citation.lark").terminals}
    numeral, unit = f"(?:{terminals['NUMERAL']})", f"(?:{terminals['UNIT']})"
    return (rf"第\s*(?:{numeral}\s*{unit}"
            rf"|{terminals['_LPAR']}{numeral}{terminals['_RPAR']}\s*项)")


#: the next step of a citation: 第二款, 第（一）项 (第三人, 第一类 are not)
CITATION_STEP = _citation_step()
#: what follows a 第X条 that is a reference, not an article: 第十条规定的,
#: 第十条的, 第十条、第十一条, 第十条至第十五条, 第十条第二款, 第十条和…
REFERENCE_TAIL = re.compile(
    rf"(?:规定|的|{CITATION_STEP}|[、，,和与及或至到]\s*{CITATION_STEP}|或者{CITATION_STEP}|以及{CITATION_STEP}"
    r"|中规定|中的|所列|所称|所规定|所指|之规定|之外|以外|以内|项|款|目|为准"
    r"|（[一二三四五六七八九十\d]+）项|\([一二三四五六七八九十\d]+\)项)")
#: weaker signs of a reference, which a marker next in the numbering overrides:
#: 第三条与… may well be the text of 第三条
WEAK_REFERENCE_TAIL = re.compile(r"^(?:、|，|,|和|与|或|及|以及|等)")

# -- dates ---------------------------------------------------------------------
#: a line that starts with a year: an issuing line, or a dated sentence
DATE_LINE = re.compile(rf"^[（(]?\s*{YEAR}\s*年")
#: a full date (year, month and day) at the start of a line: only it starts an issuing line
FULL_DATE = re.compile(rf"^[（(]?\s*{YEAR}\s*年\s*{MONTH_OR_DAY}\s*月\s*{MONTH_OR_DAY}\s*日")
#: a date anywhere (2020年5月28日, 二〇二〇年五月二十八日), year, month and day in groups
DATE = re.compile(rf"([0-9０-９]{{4}}|[{CN_DIGITS}]{{4}})\s*年\s*([0-9０-９]{{1,2}}|[十{CN_DIGITS}]{{1,3}})\s*月"
                  rf"\s*([0-9０-９]{{1,2}}|[十{CN_DIGITS}]{{1,3}})\s*日")
#: a date inside a run-on line, where the issuing lines of its front matter start
INLINE_DATE = re.compile(r"(?<![0-9０-９])\d{4}年\d{1,2}月\d{1,2}日")

# -- news around a regulation ----------------------------------------------------
#: a news lead or byline: 新华社北京5月28日电　…, 本报讯　…, 本报记者　李明, 全文如下：
NEWS_LINE = re.compile(r"^(?:[（(]?新华社|本报讯|本报[\u4e00-\u9fff0-9０-９]{0,12}电|本报记者|记者\s|(?:《[^》]+》)?全文如下"
                       r"|以下为全文)")
#: 《人民日报》（2021年3月4日　第05版）: the source line under a reprint
SOURCE_LINE = re.compile(r"^《[^》]{2,12}》[（(]\s*\d{4}年")
#: （完）, （新华社北京…电）, （责编：…）: a credit line closing a news item
CREDIT_LINE = re.compile(r"^[（(](?:完|新华社|本报|责编|责任编辑|编辑|记者|来源|据)[^）)]*[）)]$")
NEWS_OR_CREDIT = re.compile(f"(?:{NEWS_LINE.pattern})|(?:{CREDIT_LINE.pattern})")
#: the words a paper's name ends with (西川日报, 北方法制周刊, 江州市人民政府公报)
PAPER_WORDS = ("日报", "晚报", "时报", "周报", "商报", "早报", "晨报", "工人报", "法治报", "法制报", "周刊", "公报")
#: a masthead line: the paper's name alone (OCR may space its letters out: 江 州 市 人 民 政 府 公 报)
#: or its date, edition and section line (2024年2月20日 星期二 第2版 综合新闻, 第7版 · 法规,
#: 第?版 ”要闻 as OCR reads it, 责任编辑：刘畅 电话：…, the day it came out: 2026年3月10日出版);
#: never the title of what it prints
MASTHEAD_LINE = re.compile(rf"^(?:[\u4e00-\u9fff]{{1,24}}(?:{'|'.join(PAPER_WORDS)})"
                           r"|.{0,40}?第\s*[\d?？]{1,3}\s*版(?:\W{0,3}[\u4e00-\u9fff]{1,6}){0,3}\W{0,3}"
                           r"|.{0,30}星期[一二三四五六日天].{0,30}|\d{4}\s*年.{0,8}日\s*出版|\d{4}\s*年\s*第\s*\d{1,3}\s*期.{0,20}|(?:责任编辑|电话)\s*[：:].{0,40})$")
#: the first characters of those lines, tested before the patterns run
NEWS_FIRST = frozenset("（(新本记《全以")
#: the brackets around an article's heading (第一条【立法目的】, 第一条［立法目的］), opener to closer
HEADING_BRACKETS = {"【": "】", "［": "］"}
#: what a heading never holds: the end of a sentence
HEADING_NEVER = frozenset("。！？；!?;")
#: the heading words of commentary printed after a regulation: 【解读】, 编者按：, 相关链接
COMMENTARY_WORDS = ("政策解读", "专家解读", "权威解读", "条文解读", "图文解读", "图解", "解读", "编者按", "编者的话",
                    "编后语", "编后", "编者注", "编辑注", "记者手记", "相关链接", "新闻链接", "背景链接", "链接",
                    "延伸阅读", "相关阅读", "相关新闻", "背景资料", "名词解释", "小贴士", "答记者问")
#: a line that opens commentary after a regulation: a bracketed or bare heading word (【解读】, 解读：, 相关链接),
#: an editor's credit (责任编辑：张三, 责任编辑 刘洋), a news report's opening words (记者了解到, 据介绍)
COMMENTARY_LINE = re.compile(
    rf"^(?:[【\[［〔]\s*(?:{'|'.join(COMMENTARY_WORDS)})\s*[】\]］〕]"
    rf"|(?:{'|'.join(COMMENTARY_WORDS)})\s*(?:[：:]|$)"
    r"|(?:责任编辑|责编|编辑|校对|审校|审核|监制|美编|值班编辑)\s*[：:\s]\s*\S.{0,30}$"
    r"|(?:记者(?:了解到|获悉|注意到|从)|据(?:了解|介绍|悉)[，,]))")
#: a commentary heading word at the start of a line (a heading the lexer joined to the line after it)
COMMENTARY_HEADING = re.compile(rf"^(?:{'|'.join(COMMENTARY_WORDS)})")
#: the first characters of those lines
COMMENTARY_FIRST = frozenset("【[［〔" + "".join(w[0] for w in COMMENTARY_WORDS) + "责编校审监美值记据")

# -- acts --------------------------------------------------------------------------
#: the words a regulation's title ends with, by the type of act, longest first
#: where one contains another (实施细则 before 细则, 法典 before 法)
ACT_TYPES = ("实施细则", "实施条例", "实施办法", "法典", "法例", "宪章", "条例", "规定", "办法", "细则", "规则",
             "解释", "决定", "准则", "意见", "通知", "批复", "章程", "纲要", "规范", "标准", "通则", "公约", "协定",
             "安排", "答复", "修正案", "纪要", "制度", "守则", "决议", "规程", "法")
#: what a regulation calls itself after 本 (本法, 本条例, 本规定, …)
SELF_WORDS = ("实施细则", "实施条例", "实施办法", "法典", "条例", "规定", "办法", "准则", "细则", "规则",
              "决定", "解释", "章程", "规范", "通则", "安排", "规程", "守则", "意见", "法")
#: how an act's name ends when it is cited without 《》 (刑法第二十条)
ACT_NAME_ENDINGS = ("法典", "法例", "宪章", "法", "条例", "规定", "办法", "细则", "规则", "决定", "通则", "解释",
                    "章程", "公约", "准则", "协定")
#: the prefix of the full name of a national act (中华人民共和国刑法 is 刑法)
STATE_PREFIX = "中华人民共和国"
#: how the full names of acts begin
ISSUERS = (STATE_PREFIX, "最高人民法院", "最高人民检察院", "全国人民代表大会", "国务院")
#: national acts by the short names they are cited by without 《》 (刑法第二十条,
#: 依照民事诉讼法第…): where the words before such a name do not show where it
#: starts, the name is the longest of these it ends with, never the clause
#: before it (当事人以民法典第…, 自治机关行使宪法第…)
ACT_SHORT_NAMES = tuple(sorted({
    "宪法", "刑法", "民法典", "民法通则", "民法总则", "民事诉讼法", "刑事诉讼法", "行政诉讼法", "行政处罚法",
    "行政复议法", "行政许可法", "行政强制法", "国家赔偿法", "立法法", "监察法", "公司法", "合伙企业法", "合同法",
    "物权法", "担保法", "婚姻法", "继承法", "收养法", "侵权责任法", "专利法", "商标法", "著作权法", "劳动法",
    "劳动合同法", "企业破产法", "证券法", "保险法", "票据法", "海商法", "仲裁法", "治安管理处罚法",
    "反不正当竞争法", "反垄断法", "消费者权益保护法", "产品质量法", "食品安全法", "税收征收管理法",
    "道路交通安全法", "环境保护法", "土地管理法", "城市房地产管理法", "商业银行法", "银行业监督管理法",
    "海事诉讼特别程序法", "人民法院组织法", "人民检察院组织法", "法官法", "检察官法", "律师法", "公务员法",
    "未成年人保护法", "妇女权益保障法", "老年人权益保障法", "预算法", "会计法", "审计法", "统计法", "价格法",
    "招标投标法", "政府采购法", "建筑法", "森林法", "草原法", "水法", "矿产资源法", "药品管理法", "传染病防治法",
    "出境入境管理法", "国籍法", "兵役法", "教育法", "义务教育法", "高等教育法", "选举法", "人民调解法",
    "农村土地承包法", "信托法", "证券投资基金法", "电子商务法", "个人信息保护法", "网络安全法", "数据安全法",
    "注册会计师法", "安全生产法", "拍卖法", "外商投资法", "工会法", "公证法", "种子法", "渔业法", "文物保护法",
    "劳动争议调解仲裁法", "人民陪审员法", "反家庭暴力法", "反外国制裁法", "进出境动植物检疫法",
    "国际刑事司法协助法", "海洋环境保护法", "大气污染防治法", "水污染防治法", "固体废物污染环境防治法",
    "野生动物保护法", "动物防疫法", "农产品质量安全法", "广告法", "旅游法", "就业促进法", "社会保险法",
    "职业病防治法", "消防法", "突发事件应对法", "国家安全法", "反恐怖主义法", "反间谍法", "保守国家秘密法",
    "档案法", "行政监察法", "公职人员政务处分法", "村民委员会组织法", "城市居民委员会组织法", "民族区域自治法",
    "香港特别行政区基本法", "澳门特别行政区基本法", "代表法", "全国人民代表大会组织法", "地方各级人民代表大会和地方各级人民政府组织法",
    "居民身份证法", "护照法", "枪支管理法", "人民警察法", "禁毒法", "引渡法", "外交特权与豁免条例",
    "对外贸易法", "海关法", "进出口商品检验法", "个人所得税法", "企业所得税法", "车船税法", "环境保护税法",
    "城乡规划法", "物业管理条例", "节约能源法", "电力法", "煤炭法", "铁路法", "民用航空法", "公路法", "邮政法",
    "电信条例", "慈善法", "红十字会法", "体育法", "科学技术进步法", "促进科技成果转化法", "中小企业促进法",
    "乡村振兴法", "农业法", "土地承包法", "反洗钱法", "中国人民银行法", "期货和衍生品法", "资产评估法",
    "行政法规制定程序条例", "劳动法", "医师法", "基本医疗卫生与健康促进法", "疫苗管理法", "药品管理法",
    "精神卫生法", "母婴保健法", "献血法", "残疾人保障法", "军人地位和权益保障法", "英雄烈士保护法",
}, key=lambda name: (-len(name), name)))

# -- titles and issuing lines ----------------------------------------------------
#: 《…》 in a headline that announces a regulation
QUOTED_TITLE = re.compile(r"《([^《》]{2,60})》")
#: a bracketed note after a title: （试行） （一） （1999年） （2020年修正）
NOTE = r"[（(][^（()）\n]{1,20}[）)]"
TITLE_NOTE = re.compile(NOTE + "$")
#: a regulation's title ends with its act type (典 for 民法典), a note looked through
REGULATION_TITLE_END = re.compile(rf"(?:{'|'.join(ACT_TYPES)}|典)(?:{NOTE})?$")
#: the endings that end a title for certain at a line break (…法 is left out:
#: 适用法 / 律若干问题的解释 is cut inside a word)
TITLE_DONE = re.compile(rf"(?:规定|解释|决定|意见|通知|批复|答复|安排|条例|办法|细则|规则|章程|准则|法典)(?:{NOTE})?$")
#: a line that names only who issued the text: 最高人民法院, 国务院办公厅, 中共中央 国务院
ISSUER_ONLY = re.compile(r"^[\u4e00-\u9fff、\s]{0,30}(?:法院|检察院|国务院|委员会|办公厅|办公室|中央|政府|[部局署厅])$")
#: 法释〔2022〕17号, 国发〔2015〕5号, 劳部发〔1994〕489号
DOCUMENT_NUMBER = re.compile(r"[〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*\d+\s*号")
#: the decisions that change a few words in many acts at once, as issuing lines name
#: them (关于修改部分法律的决定, 国务院关于修改和废止部分行政法规的决定,
#: 关于修改〈中华人民共和国法官法〉等八部法律的决定): they keep article numbers
BULK_AMENDMENTS = ("部分法律的决定", "部分行政法规的决定", "部法律的决定", "部行政法规的决定")
#: the words an issuing line ends with
ISSUING_WORDS = ("通过", "公布", "发布", "施行", "修正", "修订", "批准", "执行", "印发")

# -- units ---------------------------------------------------------------------
#: the unit word of each level of a regulation, outermost first (编 … 目)
UNIT_OF_LEVEL = {**DIVISION_KINDS, "article": "条", "paragraph": "款", "item": "项", "subitem": "目"}
#: the level of each unit word
LEVEL_OF_UNIT = {unit: level for level, unit in UNIT_OF_LEVEL.items()}
#: a unit followed by one of these characters makes another word, not a
#: citation step or a reference word (第一目标, 第三条件, 本章程, 本节课, 前款物 in 支前款物)
WORD_AFTER_UNIT = {"目": "标录前", "节": "目约省能日假课", "条": "件约码款", "章": "程", "编": "制号辑写码",
                   "款": "项物", "项": "目", "分编": ""}

# -- headings ------------------------------------------------------------------
#: headings printed without a 编/章/节 marker, as whole lines
#: (compared with the spaces taken out: 附        则 and 分    则 are spaced out to fill a line)
BARE_HEADINGS = frozenset({"附则", "总则", "分则", "序言", "附則", "總則", "分則"})
#: 附则 standing alone after the last division closes every division
CLOSING_HEADING_WORD = "附则"
#: … in simplified or Traditional characters
CLOSING_HEADING_WORDS = frozenset({CLOSING_HEADING_WORD, "附則"})
#: the Traditional forms of the marker and citation words and the simplified
#: character each stands for: a label or citation written 第十一條 is 第十一条
TRADITIONAL_MARKER_WORDS = {"條": "条", "編": "编", "節": "节", "項": "项"}
TRADITIONAL_MARKERS = str.maketrans(TRADITIONAL_MARKER_WORDS)
#: Taiwan's numbering: paragraphs are 項 and items 款 (第二項第三款, 前項), where the mainland cites 第二款第三项
TAIWAN_CITATION = re.compile(r"第[一二三四五六七八九十\d]+項第[一二三四五六七八九十\d]+款|前項|本項")

# -- heading words -------------------------------------------------------------
#: the standard titles of a division, printed alone after its label (第一章　总则)
HEADING_TITLES = ("总则", "分则", "附则", "罚则", "通则", "细则", "法律责任", "一般规定", "其他规定", "特别规定",
                  "监督管理", "监督检查", "执法监督", "保障措施")
#: the words that end a division's title whose first character ends no word (…监督, …措施): a
#: title that ends in that character alone was cut inside the word
HEADING_ENDINGS = ("监督", "措施")
#: the words that end at least seven division titles of the dev corpus's 3863 while their first
#: character ends none of them (…解散和清算, never …清): a title that ends in that character may
#: have lost the rest of the word; the document's articles say whether it did
#: (:func:`regparse.lex.repairs.ocr_title_from_body`)
TITLE_END_WORDS = ("监督", "措施", "机构", "义务", "登记", "执行", "服务", "受理", "安全", "终止", "调查", "经营",
                   "机关", "注册", "教育", "适用", "条件", "许可", "转让", "财产", "清算", "促进", "监管", "协会")
#: the characters that join a title's words (…的监督, 期限、终止与清算, 机构及其职责): a title's words are
#: the runs between them, and OCR's misreading of a word is never one of them (认定与复核 is no 认定的复核)
TITLE_FUNCTION_CHARACTERS = frozenset("与的和及或其而对之于以为在等并")

# -- levels and markers ----------------------------------------------------------
#: the rank of each division kind, outermost first (编, 分编, 章, 节)
DIVISION_RANK = {kind: rank for rank, kind in enumerate(DIVISION_KINDS)}
#: the kind of marker each marker terminal of the grammar reads, in the order
#: the line-start matcher tries them: articles are the most common 第… line,
#: and the five 第… markers differ only in their last character
MARK_KIND = {
    "ARTICLE_MARK": "article", "CHAPTER_MARK": "chapter", "SECTION_MARK": "section",
    "PART_MARK": "part", "SUBPART_MARK": "subpart",
    "CN_PAREN_MARK": "cn_paren", "CN_COMMA_MARK": "cn_comma", "DIGIT_DOT_MARK": "digit_dot",
    "DIGIT_PAREN_MARK": "digit_paren", "CIRCLED_MARK": "circled",
    "ANNEX_MARK": "annex", "TOC_MARK": "toc", "PREAMBLE_MARK": "preamble_mark",
}
#: the marker styles of items and sub-items
ITEM_STYLES = ("cn_paren", "cn_comma", "digit_dot", "digit_paren", "circled")


def first_characters(pattern: str) -> frozenset[str]:
    """The characters a match of the regular expression ``pattern`` can start
    with (it must not match the empty string), read from its parse tree.

    >>> sorted(first_characters("第[一二]条|[（(]x"))
    ['(', '第', '（']
    """
    from re import _parser as sre_parse  # type: ignore[attr-defined]
    from re import _constants as c  # type: ignore[attr-defined]

    def first(items: list) -> tuple[set[str], bool]:
        """(first characters, whether the sequence can match empty)."""
        out: set[str] = set()
        for op, av in items:
            chars, nullable = one(op, av)
            out |= chars
            if not nullable:
                return out, False
        return out, True

    def one(op, av) -> tuple[set[str], bool]:
        if op is c.LITERAL:
            return {chr(av)}, False
        if op is c.IN:
            chars: set[str] = set()
            for kind, value in av:
                if kind is c.LITERAL:
                    chars.add(chr(value))
                elif kind is c.RANGE:
                    chars.update(chr(x) for x in range(value[0], value[1] + 1))
                elif kind is c.CATEGORY and value is c.CATEGORY_DIGIT:
                    chars.update("0123456789")
                else:  # pragma: no cover - a marker terminal of another shape
                    raise ValueError(f"cannot list the first characters of {pattern!r}")
            return chars, False
        if op is c.SUBPATTERN:
            return first(list(av[-1]))
        if op is c.BRANCH:
            chars, nullable = set(), False
            for alternative in av[1]:
                a, n = first(list(alternative))
                chars |= a
                nullable |= n
            return chars, nullable
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            low, _, body = av
            chars, nullable = first(list(body))
            return chars, nullable or low == 0
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            return set(), True
        raise ValueError(f"cannot list the first characters of {pattern!r}")  # pragma: no cover

    chars, nullable = first(list(sre_parse.parse(pattern)))
    if nullable:  # pragma: no cover - a marker that matches nothing
        raise ValueError(f"{pattern!r} can match the empty string")
    return frozenset(chars)


def iso_dates(text: str) -> list[str]:
    """The dates printed in ``text``, as ISO dates, in order (impossible dates left out).

    >>> iso_dates("2020年5月28日通过，二〇二一年一月一日起施行")
    ['2020-05-28', '2021-01-01']
    """
    return [iso for iso in map(iso_date, DATE.finditer(text)) if iso is not None]


def iso_date(match: re.Match) -> str | None:
    """The ISO date of a :data:`DATE` match, None for an impossible one (2月30日)."""
    year, month, day = (to_int(part) for part in match.groups())
    try:
        return datetime.date(year, month, day).isoformat()  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


@lru_cache(maxsize=None)
def _mark_first() -> frozenset[str]:
    patterns = grammar.marker_patterns()
    chars: set[str] = set()
    for name in MARK_KIND:
        chars |= first_characters(patterns[name])
    return frozenset(chars)


#: the characters a line-start marker can begin with, from the grammar's marker
#: terminals: a line starting with any other character has no marker
MARK_FIRST = _mark_first()


# -- file metadata -------------------------------------------------------------
#: a date as a metadata table prints it: 2020年01月02日, 2020-1-2, 2020.01.02, 2020/1/2
METADATA_DATE = re.compile(r"^\s*(\d{4})\s*[年\-./]\s*(\d{1,2})\s*[月\-./]\s*(\d{1,2})\s*日?\s*$")


# -- front matter: promulgation orders and what a text says of itself -------------
# the number of an order as printed (第43号, 第七十三号)
_ORDER_NO = r"第\s*[0-9０-９一二三四五六七八九十百零〇]+\s*号"
#: the head of a promulgation order or announcement, alone on its line, its
#: number on it or under it: 中华人民共和国国务院令, 国家市场监督管理总局令 第43号,
#: 最高人民法院公告 (the issuer's name and 令 or 公告, no sentence, no 《》)
ORDER_HEAD = re.compile(r"^(?P<issuer>[\u4e00-\u9fff、]{2,40}?)(?:令|公告)\s*"
                        rf"(?:[（(]?\s*{_ORDER_NO}\s*[）)]?)?$")
#: the head of a transmittal notice: 中共中央办公厅关于印发《…》的通知, 国务院关于发布《…》的通知
NOTICE_HEAD = re.compile(r"关于(?:印发|发布|公布|颁布|转发)《(?P<title>[^《》]{2,80})》的(?:通知|决定)$")
#: a promulgation order's number: 国家市场监督管理总局令第43号, 中华人民共和国主席令第七十三号,
#: 食品药品监管局、海关总署第4号令 (the issuers, 令, 第N号; or 第N号令), 全国人民代表大会公告第八号
ORDER_NUMBER = re.compile(rf"(?P<issuer>[\u4e00-\u9fff、]{{2,60}}?)(?:(?:令|公告)\s*{_ORDER_NO}|{_ORDER_NO}\s*令)")
#: a file number, its issuer's short name first: 法释〔2020〕17号, 中办发〔2019〕8号, 国发〔2015〕5号
FILE_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,8}\s*[〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*第?\s*\d+\s*号")
#: the session of a congress, printed inside the name of the meeting (第十三届): not part of the body's name
SESSION = re.compile(rf"第[{CN_DIGITS}十0-9]+届")
#: where an issuing line names the meeting: 第三次会议, 第1441次会议, 第45次常务会议, 常务会议, 局务会议
MEETING = re.compile(rf"(?:第[{CN_DIGITS}十百0-9０-９]+次)?(?:全体|常务|局务|部务|委务|署务|主任|行政|办公)?会议")
#: the body that adopted a text at its meeting, as the issuer is named (最高人民法院审判委员会 → 最高人民法院)
MEETING_BODY = {"审判委员会": "", "检察委员会": ""}
#: the events of the issuing lines, by the word that follows their date: 通过, 公布, 修正 …
DATED_EVENTS = {"通过": "adopted", "公布": "promulgated", "发布": "promulgated", "印发": "promulgated",
                "颁布": "promulgated", "施行": "effective", "修正": "amendment", "修订": "amendment",
                "修改": "amendment"}
#: the words of a promulgation (公布施行: promulgated and in force that day)
PROMULGATION_WORDS = ("公布", "发布", "印发", "颁布", "公布施行")
#: what joins two dated meetings that adopted one text (…第1911次会议、2024年7月23日…会议通过)
LIST_JOINERS = ("、", "，", ",", "和", "及")
#: the words of an amendment (修正 by a decision, 修订 as a whole, 修改)
AMENDMENT_WORDS = ("修正", "修订", "修改")
#: 本条例自2021年1月1日起施行 (in the last article or the order): the effective date
TAKES_EFFECT = re.compile(r"自\s*(?P<date>[0-9０-９〇零一二三四五六七八九]{4}\s*年[^，。；]{1,12}?日)\s*起\s*(?:施行|生效|实施|执行)")
#: 自公布之日起施行: in force from the day it is promulgated
EFFECTIVE_ON_ISSUE = re.compile(r"自(?:公布|发布|印发|颁布)之日起(?:施行|生效|实施|执行)")
#: the types of document, each with what shows it, tried in order: the number
#: (法释〔〕, 国务院令), the issuers, the title (the first type any of its three matches is the type)
DOCUMENT_TYPES = (
    ("宪法", None, None, re.compile(r"^(?:中华人民共和国)?宪法(?:修正案)?(?:[（(].*[）)])?$")),
    ("司法解释", re.compile(r"^(?:法释|高检发释字)"), re.compile(r"^最高人民(?:法院|检察院)"),
     re.compile(r"^最高人民(?:法院|检察院)")),
    ("党内法规", re.compile(r"^(?:中办发|中发|中办)"), re.compile(r"^(?:中共中央|中国共产党)"),
     re.compile(r"^中国共产党")),
    ("自治条例", None, re.compile(r"自治[州县旗区].*人民代表大会"), re.compile(r"自治条例(?:[（(].*[）)])?$")),
    ("单行条例", None, re.compile(r"自治[州县旗区].*人民代表大会"), None),
    ("法律", re.compile(r"主席令"), re.compile(r"^全国人民代表大会|^中华人民共和国主席$"), None),
    ("地方性法规", None, re.compile(r"人民代表大会"), None),
    # a file number (国发〔2015〕5号) is a normative document's, whoever issued it
    ("规范性文件", re.compile(r"发\s*[〔\[［(（]"), None, None),
    ("行政法规", re.compile(r"国务院(?:、[^令]*)?令"), re.compile(r"^(?:中华人民共和国)?国务院$"), None),
    ("地方政府规章", re.compile(r"人民政府令"), None, None),
    ("部门规章", re.compile(r"令\s*第|第\s*\S+\s*号\s*令"), None, None),
)
#: a status printed on the text (已废止, （失效）, 【已失效】)
STATUS_PRINTED = re.compile(r"(?:已|现已|[（(【\[])(废止|失效)")
#: a status the title carries: …（试行）, 暂行条例, 试行办法
STATUS_IN_TITLE = re.compile(r"(试行|暂行)")
#: how the name of a body that issues texts ends (最高人民法院, 国务院办公厅, 海关总署, 公安部)
ORGAN_END = re.compile(r"(?:法院|检察院|国务院|委员会|办公厅|办公室|中央|政府|总局|[部局署厅会])$")
#: the bodies a title names before 关于 (最高人民法院、最高人民检察院关于…的解释)
TITLE_ISSUERS = re.compile(r"^(?P<issuers>[\u4e00-\u9fff、\s]{2,60}?)关于")
#: 通过的《…修正案》 after the first issuing line: the text amended by the act adopted that day
AMENDED_BY = "通过的《"
#: 公布施行, 发布施行: promulgated and in force the same day
IN_FORCE_AT_ONCE = re.compile(r"(?:公布|发布|颁布)\s*施行")
#: 第二次 at the end of an amending order's name (国务院令第773号第二次修订): the count, not the act
ORDINAL_TIMES = re.compile(rf"第[{CN_DIGITS}十0-9]+次$")


#: a document number of either shape, as a collection reads it from the front lines:
#: 法释〔2020〕17号, 国发〔2019〕6号, 国务院令第570号, 国家市场监督管理总局令第43号
ANY_DOCUMENT_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,12}[〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*第?\s*\d+\s*号"
                                 r"|[\u4e00-\u9fff]{1,20}令\s*第\s*[\d一二三四五六七八九十百零〇]+\s*号")
#: the short name a text declares for an act it cites: 《X》（以下简称《Y》） / 《X》（以下简称“Y”） / 《X》（以下简称Y）
DECLARED_SHORT_NAME = re.compile(r"《([^《》\n]{2,80})》\s*[（(]\s*以下(?:简称|称)\s*[《“\"]?([^（()）《》“”\"\n，,、]{1,20})[》”\"]?\s*[）)]")


# -- enumerated documents (regparse.lex.enumerated) ----------------------------
#: a unit label the grammar's item markers do not read: a numeral alone on its
#: line (一, a section number) or followed by a dot (一．)
NUMERAL_LABEL = re.compile(r"^([一二三四五六七八九十百]{1,4})(?:[．.][ \u3000]*(?=\S)|[ \u3000]*$)")
#: a run-in heading: a phrase of at most 40 characters with at most one ， and
#: no ；：？！, ended by 。 and followed by more text (1．清退对象。…)
RUN_IN_HEADING = re.compile(r"^(?=[^。]{1,40}。)([^。；：？！;:?!，,]+(?:[，,][^。；：？！;:?!，,]+)?)。(?=\S)")
#: words of a rule, not of a heading: a first sentence holding one (海事法院审理第一审海事行政案件。)
#: is text, unless it reads 关于…
RULE_SENTENCE = re.compile(r"^(?!关于).*(?:应当|应|可以|不得|必须|由|自|审理)")
#: a run-in heading that names its question (一、关于适用范围问题。…) reads as one even alone
QUESTION_HEADING = re.compile(r"^关于.{1,30}问题$")
#: an annex after the last unit: 附：, 附件：…, 附件一
ANNEX_LINE = re.compile(r"^附\s*[件表录]?\s*[一二三四五六七八九十0-9０-９]*\s*(?:[：:]|$)")
#: closing matter after the last unit (whitespace taken out first): a date alone
DATE_ONLY_LINE = re.compile(rf"^[（(]?{YEAR}年{MONTH_OR_DAY}月{MONTH_OR_DAY}日[）)]?$")
#: 此复。 特此通知。 以上规定，请遵照执行。
CLOSING_FORMULA = re.compile(r"^(?:此复|特此(?:通知|批复|函复|公告|答复)|以上[\u4e00-\u9fff]{0,6}[，,]?请[\u4e00-\u9fff]{0,10}执行)[。．.]?$")
#: the issuing organ signing, possibly with the date after it
CLOSING_SIGNATURE = re.compile(rf"^[\u4e00-\u9fff、]{{0,40}}(?:法院|检察院|国务院|委员会|办公厅|办公室|中央|纪委|政府|[部局署厅])"
                               rf"(?:{YEAR}年{MONTH_OR_DAY}月{MONTH_OR_DAY}日)?$")
#: an entry-into-force or republication clause of the whole document
ENTRY_INTO_FORCE = re.compile(r"^本(?:决定|规定|通知|办法|意见|解释|批复|答复|修正案|安排|细则)(?:自|从)[^。]{1,40}(?:施行|执行|生效)。$"
                              r"|^[^。]{0,20}根据本决定[^。]{0,120}重新公布。$")

# -- enumerated documents' references ----------------------------------------------
#: an amendment instruction at the start of a unit: 将第十条修改为, 在第六条中增加一款,
#: 删去第三条, 第五条修改为: the numbers it names are the amended act's, not the unit's
AMENDMENT_INSTRUCTION = re.compile(r"^(?:将|在|删去|删除|增加|第[^，。；：]{1,30}?(?:修改|改)为)"
                                   r"[^。]*?(?:修改为|改为|增加|删去|删除|作为第)")
#: a title that names an amending act: 刑法修正案（九）, 关于修改《…》的决定
AMENDING_TITLE = re.compile(r"修正案|关于修改")
#: the quotation marks an amendment quotes the amended text in, opening and closing
QUOTE_OPEN, QUOTE_CLOSE = "“「『", "”」』"

# -- appendices ----------------------------------------------------------------------
#: what parts the cells of a table row printed as text: a run of spaces, tabs or full-width spaces
TABLE_CELL_GAP = re.compile(r"[ \t\u3000\xa0]+")
#: the rule under a Markdown table's header: |---|:--:|
TABLE_RULE_ROW = re.compile(r"^\|?(?:\s*:?-{2,}:?\s*\|)*\s*:?-{2,}:?\s*\|?$")
