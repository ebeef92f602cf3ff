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

import re
from functools import lru_cache

from . import grammar
from .model import DIVISION_KINDS
from .numerals import DIGIT_VALUES, UNIT_VALUES

__all__ = [
    "SEPARATORS", "CLOSERS", "TRAILERS", "SENTENCE_END", "CLAUSE_END",
    "CN_DIGITS", "CN_NUMERAL_CHARS", "PAGE_NUMBER", "YEAR", "MONTH_OR_DAY",
    "CITATION_STEP", "REFERENCE_TAIL", "WEAK_REFERENCE_TAIL",
    "DATE_LINE", "FULL_DATE", "INLINE_DATE", "NEWS_LINE", "SOURCE_LINE", "CREDIT_LINE", "NEWS_OR_CREDIT",
    "NEWS_FIRST", "QUOTED_TITLE", "TITLE_NOTE", "NOTE", "REGULATION_TITLE_END", "TITLE_DONE",
    "ISSUER_ONLY", "DOCUMENT_NUMBER", "ISSUING_WORDS", "BARE_HEADINGS", "CLOSING_HEADING_WORD",
    "CLOSING_HEADING_WORDS", "TAIWAN_CITATION",
    "DIVISION_RANK", "MARK_KIND", "ITEM_STYLES", "MARK_FIRST", "first_characters",
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
#: the characters of a Chinese or Arabic numeral in a citation step (第一百零一条, 第11条);
#: 万 is left out: no regulation has ten thousand articles
CN_NUMERAL_CHARS = "".join(DIGIT_VALUES) + "".join(u for u, v in UNIT_VALUES.items() if v < 10000) + "0-9０-９"
#: a page number in a page note or a furniture line (第4版, 下转第四版)
PAGE_NUMBER = "[0-9０-９" + "".join(ch for ch, v in DIGIT_VALUES.items() if v and ch != "两") + "十]{1,3}"
#: a year as printed at the start of an issuing line
YEAR = rf"(?:\d{{4}}|[{CN_DIGITS}]{{4}})"
#: a month or a day (5, 十二, 二十八)
MONTH_OR_DAY = rf"[\d{CN_DIGITS}十]{{1,3}}"

# -- references that look like markers -----------------------------------------
#: the next step of a citation: 第二款, 第（一）项 (第三人, 第一类 are not)
CITATION_STEP = (rf"第\s*(?:[{CN_NUMERAL_CHARS}]+\s*(?:条|款|项|目|章|节|编|分编)"
                 r"|[（(][一二三四五六七八九十\d]+[）)]\s*项)")
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
#: the first characters of those lines, tested before the patterns run
NEWS_FIRST = frozenset("（(新本记《全以")

# -- titles and issuing lines ----------------------------------------------------
#: 《…》 in a headline that announces a regulation
QUOTED_TITLE = re.compile(r"《([^《》]{2,60})》")
#: a bracketed note after a title: （试行） （一） （1999年） （2020年修正）
NOTE = r"[（(][^（()）\n]{1,20}[）)]"
TITLE_NOTE = re.compile(NOTE + "$")
#: the words a regulation's title ends with (act types), a note looked through
REGULATION_TITLE_END = re.compile(r"(?:法|典|条例|规定|办法|细则|规则|解释|决定|准则|意见|通知|批复|章程|纲要|规范|标准|"
                                  rf"公约|协定|安排|答复|修正案|纪要|制度|守则|决议)(?:{NOTE})?$")
#: the endings that end a title for certain at a line break (…法 is left out:
#: 适用法 / 律若干问题的解释 is cut inside a word)
TITLE_DONE = re.compile(rf"(?:规定|解释|决定|意见|通知|批复|答复|安排|条例|办法|细则|规则|章程|准则|法典)(?:{NOTE})?$")
#: a line that names only who issued the text: 最高人民法院, 国务院办公厅, 中共中央 国务院
ISSUER_ONLY = re.compile(r"^[\u4e00-\u9fff、\s]{0,30}(?:法院|检察院|国务院|委员会|办公厅|办公室|中央|政府|[部局署厅])$")
#: 法释〔2022〕17号, 国发〔2015〕5号, 劳部发〔1994〕489号
DOCUMENT_NUMBER = re.compile(r"[〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*\d+\s*号")
#: the words an issuing line ends with
ISSUING_WORDS = ("通过", "公布", "发布", "施行", "修正", "修订", "批准", "执行", "印发")

# -- headings ------------------------------------------------------------------
#: headings printed without a 编/章/节 marker, as whole lines
BARE_HEADINGS = frozenset({"附则", "附　则", "附 则", "总则", "序言", "附則", "附　則", "附 則", "總則"})
#: 附则 standing alone after the last division closes every division
CLOSING_HEADING_WORD = "附则"
#: … in simplified or Traditional characters
CLOSING_HEADING_WORDS = frozenset({CLOSING_HEADING_WORD, "附則"})
#: Taiwan's numbering: paragraphs are 項 and items 款 (第二項第三款, 前項), where the mainland cites 第二款第三项
TAIWAN_CITATION = re.compile(r"第[一二三四五六七八九十\d]+項第[一二三四五六七八九十\d]+款|前項|本項")

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
