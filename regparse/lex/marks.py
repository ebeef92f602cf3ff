"""Reading the marker a line starts with (第十一条, 第三章, （一）, 1．, 附件二 …).

What a marker looks like is the grammar's: the matchers are compiled from the
marker terminals of ``grammars/regulation.lark``; this module only reads a
match into a :class:`Mark` (kind, label, number, where the text starts).

>>> m = read_mark("第十条之一　为了…")
>>> m.kind, m.label, m.number, m.suffix, m.sep
('article', '第十条之一', 10, 1, True)
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from .. import grammar
from ..catalogue import DIVISION_RANK, MARK_FIRST, MARK_KIND, SEPARATORS, TRADITIONAL_MARKERS
from ..normalize import Line
from ..numerals import to_chinese, to_int, too_large

__all__ = ["Mark", "read_mark", "mark_of", "line_mark", "matchers", "INLINE_MARKERS", "numbers_too_large",
           "lost_bracket_mark", "lost_di_article_mark", "misread_article_mark", "MALFORMED_NUMERAL",
           "ten_read_as_gan_mark", "ten_read_as_digit_mark",
           "garbled_item_mark"]

#: the markers that start structure inside a run-on line
INLINE_MARKERS = ("PART_MARK", "SUBPART_MARK", "CHAPTER_MARK", "SECTION_MARK", "ARTICLE_MARK",
                  "CN_PAREN_MARK", "CN_COMMA_MARK")
# the bound of each reading cache: any str may come in
_CACHE_LIMIT = 4096


class Mark(NamedTuple):
    kind: str          # article, chapter, …, cn_paren, …, annex, toc, preamble_mark
    end: int           # end of the marker in the line text
    label: str         # the marker without whitespace
    number: int | None
    suffix: int
    rest: int          # where the text after the marker (and its separator) starts
    sep: bool          # whitespace between the marker and the text
    repair: str = ""   # the rule that read it through an OCR or script variant (the label is canonical)


@lru_cache(maxsize=None)
def matchers() -> tuple[re.Pattern, re.Pattern]:
    """(the line-start matcher, the same markers anywhere in a line)."""
    line_start = grammar.compile_markers(list(MARK_KIND))
    inline = grammar.compile_markers(list(INLINE_MARKERS))
    return line_start, inline


@lru_cache(maxsize=None)
def _line_start_and_separator() -> re.Pattern:
    # the line-start markers and the separator after them in one match; the
    # separator can match empty, so the marker matched is the same as alone
    line_start = matchers()[0]
    # OCR reads the full-width space after a label as a quote or two (第一章”总则,
    # 第六章“” 隐私权): they are taken here and given back to the text where they cannot be one
    return re.compile(f"(?:{line_start.pattern})[{SEPARATORS}]*(?:[”“]{{1,2}}[{SEPARATORS}]*)?", line_start.flags)


# line-start marks by (terminal, marker and separator as printed, end of the
# marker, whether the separator ends the line): a few hundred recur on every page
_line_start_marks: dict[tuple[str | None, str, int, bool], Mark] = {}
# the same few hundred markers (第一条, （一）, …) recur on every page: their
# readings are kept, by terminal and marker text
_readings: dict[tuple[str | None, str], tuple[str, str, int | None, int, str]] = {}


def read_mark(text: str, pattern: re.Pattern | None = None, pos: int = 0) -> Mark | None:
    """The marker at ``text[pos:]``, if any."""
    if pattern is None and pos == 0:
        m = _line_start_and_separator().match(text)
        if m is None:
            return None
        printed = m.group()
        end = m.end(m.lastgroup)  # type: ignore[arg-type]
        # the end of the marker is part of the key: a lookahead in a marker
        # (附件 ) may leave the same characters to the separator or not
        key = (m.lastgroup, printed, end, len(printed) == len(text))
        mark = _line_start_marks.get(key)
        if mark is None:
            kind, label, number, suffix, repair = _reading(MARK_KIND[m.lastgroup], printed[:end])  # type: ignore[index]
            rest = len(printed)
            tail = printed[end:].lstrip(SEPARATORS)
            if tail:
                # a quote after the marker (the matcher takes one)
                if _quote_separates(kind, tail[0]):
                    repair = repair or "ocr_label_quote"
                else:
                    rest = len(printed) - len(tail)
            mark = Mark(kind, end, label, number, suffix, rest, rest > end or rest == len(text), repair)
            if len(_line_start_marks) >= _CACHE_LIMIT:
                _line_start_marks.clear()
            _line_start_marks[key] = mark
        return None if not mark.number and mark.kind in _NUMBERED else mark
    m = (pattern or matchers()[0]).match(text, pos)
    if m is None:
        return None
    mark = mark_of(m, text)
    return None if not mark.number and mark.kind in _NUMBERED else mark


# kinds of marker that are read for their number: one whose numeral reads as no
# number or as zero (千、, 第〇条, a numeral of thirteen digits) is text, not a marker
_NUMBERED = frozenset({"article", "part", "subpart", "chapter", "section", "cn_paren", "digit_paren",
                       "cn_comma", "digit_dot", "circled"})


def mark_of(m: re.Match, text: str) -> Mark:
    """The marker a match of the marker patterns found in ``text``."""
    raw = m.group()
    key = (m.lastgroup, raw)
    reading = _readings.get(key)
    if reading is None:
        reading = _reading(MARK_KIND[m.lastgroup], raw)  # type: ignore[index]
        if len(_readings) >= _CACHE_LIMIT:
            _readings.clear()
        _readings[key] = reading
    kind, label, number, suffix, repair = reading
    return _marked(kind, m.end(), label, number, suffix, text, repair)


def _marked(kind: str, end: int, label: str, number: int | None, suffix: int, text: str,
            repair: str) -> Mark:
    """The marker whose label ends at ``end`` of ``text``: its text starts after the
    separators there, and it is separated when some stand there or the line ends."""
    rest = end
    n = len(text)
    while rest < n and text[rest] in SEPARATORS:
        rest += 1
    return Mark(kind, end, label, number, suffix, rest, rest > end or rest == n, repair)


def _quote_separates(kind: str, quote: str) -> bool:
    """Whether a quote right after a marker is OCR's reading of the full-width
    space: a heading never opens with a quote; an article's text may open
    with “ (第二条　“示例”，是指…), never with ”."""
    return kind in DIVISION_RANK or (kind == "article" and quote == "”")
# OCR and script variants inside labels and the character each stands for
_NUMERAL_VARIANTS = str.maketrans({"干": "千", "_": "一"})
_OCR_BRACKETS = "〈《"


def _reading(kind: str, raw: str) -> tuple[str, str, int | None, int, str]:
    """(kind, label, number, suffix, repair) of a marker as matched; a label
    read through a variant (干 for 千, 條 for 条, 〈 for （) is the canonical one."""
    label = "".join(raw.split())
    repair = ""
    if kind in DIVISION_RANK or kind == "article":
        canonical = label.translate(TRADITIONAL_MARKERS)
        if canonical != label:
            repair = "traditional_marker"
        fixed = canonical.translate(_NUMERAL_VARIANTS)
        if fixed != canonical:
            repair = repair or "ocr_numeral"
        label = fixed
    elif kind == "cn_paren" and label[0] in _OCR_BRACKETS:
        label = "（" + label[1:-1] + "）"
        repair = "ocr_item_bracket"
    number: int | None = None
    suffix = 0
    if kind == "article":
        body = label[1:label.index("条")]
        number = to_int(body)
        if "之" in label:
            suffix = to_int(label[label.index("之") + 1:]) or 0
    elif kind in DIVISION_RANK:
        number = to_int(label[1:-1] if kind != "subpart" else label[1:-2])
    elif kind in ("cn_paren", "digit_paren"):
        number = to_int(label[1:-1])
    elif kind in ("cn_comma", "digit_dot"):
        number = to_int(label[:-1])
    elif kind == "circled":
        number = to_int(label)
    return kind, label, number, suffix, repair


# 二)因两方…: an item label whose opening bracket OCR lost
_LOST_BRACKET = re.compile("([一二三四五六七八九十]{1,3})[）)]")
_LOST_BRACKET_FIRST = frozenset("一二三四五六七八九十")


def lost_bracket_mark(text: str, last_item: int) -> Mark | None:
    """The item （N） at the start of ``text`` whose opening bracket OCR lost
    (二)…), where N comes next after ``last_item``, the
    number of the item of that style before it (0: a list opens); else None.

    >>> lost_bracket_mark("二)因两方的过错发生事故的;", 1).label
    '（二）'
    >>> lost_bracket_mark("二)因两方的过错发生事故的;", 2) is None
    True
    """
    if text[0] not in _LOST_BRACKET_FIRST:
        return None
    m = _LOST_BRACKET.match(text)
    if m is None or to_int(m.group(1)) != last_item + 1:
        return None
    return _marked("cn_paren", m.end(), "（" + m.group(1) + "）", last_item + 1, 0, text, "ocr_lost_bracket")


# 六十二条 违反…: an article label whose 第 OCR lost, the separator after it kept
_LOST_DI_ARTICLE = re.compile("([一二三四五六七八九十百千零]{1,7})条[ 　]+(?=[^ 　])")
_NUMERAL_START = frozenset("一二三四五六七八九十百")


def lost_di_article_mark(text: str, number: int) -> Mark | None:
    """The article ``number`` at the start of ``text`` whose 第 OCR lost
    (六十二条 违反…): its numeral, 条 and a separator; else None.

    >>> lost_di_article_mark("六十二条 违反土地管理法规，", 62).label
    '第六十二条'
    >>> lost_di_article_mark("六十二条规定的情形", 62) is None
    True
    """
    if text[0] not in _NUMERAL_START:
        return None
    m = _LOST_DI_ARTICLE.match(text)
    if m is None or to_int(m.group(1)) != number:
        return None
    return Mark("article", len(m.group(1)) + 1, "第" + m.group(1) + "条", number, 0, m.end(), True,
                "ocr_lost_di_article")


# 第一千夫六十七条, 第上十八条: a label whose numeral holds one character that is no numeral
_MISREAD_ARTICLE = re.compile(r"第([^\s第条]{1,8})条")
_NUMERAL_CHARS = frozenset("零〇○一二三四五六七八九十百千万亿两")
#: two digits with no unit between them (第三二六条), or a ten counted as 一十 (第一十四条, where
#: 第十四条 or 第二十四条 is printed): an OCR misreading of a label, never an article's number
MALFORMED_NUMERAL = re.compile("[一二三四五六七八九][一二三四五六七八九]|^第一十")


def misread_article_mark(text: str, number: int, malformed: bool = False) -> Mark | None:
    """The article ``number`` at the start of ``text`` whose numeral OCR
    misread in one character (第一千夫六十七条 for 第一千零六十七条): the
    printed numeral is the canonical one of ``number`` but for one character
    that is no numeral at all (干 and _ read as 千 and 一 aside); else None.
    With ``malformed`` (a numeral no article is numbered with, 第二二三条:
    :data:`MALFORMED_NUMERAL`) the character may be a numeral too.

    >>> misread_article_mark("第一千夫六十七条 父母不履行抚养义务的", 1067).label
    '第一千零六十七条'
    >>> misread_article_mark("第一千零六十八条 父母有教育", 1067) is None
    True
    >>> misread_article_mark("第二二三条 全国人民代表大会", 23, malformed=True).label
    '第二十三条'
    """
    m = _MISREAD_ARTICLE.match(text)
    if m is None:
        return None
    printed = m.group(1).translate(_NUMERAL_VARIANTS)
    try:
        want = to_chinese(number)
    except ValueError:
        return None
    if len(printed) != len(want):
        return None
    wrong = [i for i in range(len(want)) if printed[i] != want[i]]
    if len(wrong) != 1 or (printed[wrong[0]] in _NUMERAL_CHARS and not malformed):
        return None
    return _marked("article", m.end(), "第" + want + "条", number, 0, text, "ocr_misread_numeral")



def ten_read_as_gan_mark(text: str, number: int) -> Mark | None:
    """The article ``number`` at the start of ``text`` whose 十 OCR read as 干
    (第四干七条 for 第四十七条): 干 is read as 千 first, since that is what OCR most
    often makes it, but the caller, knowing the article that comes next, asks
    whether the numeral with 十 for 干 is that article's; else None.

    >>> ten_read_as_gan_mark("第四干七条 单位和个人为开展游艺活动", 47).label
    '第四十七条'
    >>> ten_read_as_gan_mark("第一干零五十二条 因胁迫结婚的", 1052) is None
    True
    """
    m = _MISREAD_ARTICLE.match(text)
    if m is None or "干" not in m.group(1):
        return None
    try:
        want = to_chinese(number)
    except ValueError:
        return None
    if m.group(1).replace("干", "十").replace("_", "一") != want:
        return None
    return _marked("article", m.end(), "第" + want + "条", number, 0, text, "ocr_misread_numeral")


def ten_read_as_digit_mark(text: str) -> Mark | None:
    """The article at the start of ``text`` whose numeral no article has (第二二四条,
    :data:`MALFORMED_NUMERAL`) read with the one digit that, as 十, makes a numeral
    (第二十四条): OCR reads 十 as 二 or 一; None where no digit, or more than one, does.
    For a label the article before does not place (columns read across).

    >>> ten_read_as_digit_mark("第二二四条 使用枪支的人员").label
    '第二十四条'
    >>> ten_read_as_digit_mark("第二二二二条 示例") is None
    True
    """
    m = _MISREAD_ARTICLE.match(text)
    if m is None:
        return None
    printed = m.group(1)
    readings = set()
    for i, ch in enumerate(printed):
        if ch in "一二三四五六七八九":
            candidate = printed[:i] + "十" + printed[i + 1:]
            number = to_int(candidate)
            if number and to_chinese(number) == candidate:
                readings.add(number)
    if len(readings) != 1:
        return None
    number = readings.pop()
    return _marked("article", m.end(), "第" + to_chinese(number) + "条", number, 0, text, "ocr_misread_numeral")

# (人八), CA), 《X), 伍), ): a bracketed label of up to two characters OCR garbled
_GARBLED_ITEM = re.compile(r"[（(〈《<]{0,2}[^\s（()）〈《<]{0,2}[）)]")
# (必外汇资金…: an opening bracket and one character for the numeral and the closing bracket
_CLIPPED_ITEM = re.compile(r"[（(〈《][^\s（()）〈《<零〇一二三四五六七八九十0-9０-９]")


def garbled_item_mark(text: str, number: int, clipped: bool = False) -> Mark | None:
    """The item ``number`` at the start of ``text`` whose label OCR garbled:
    up to two opening brackets, up to two characters and a closing bracket
    ((人八), CA), 伍), a bare )), or with ``clipped`` an opening bracket and one
    character that stands for the numeral and the closing bracket ((必外汇…);
    the caller knows it by the items around it.

    >>> garbled_item_mark("(人八)美沙酮二百克以上不满一千克;", 8).label
    '（八）'
    >>> garbled_item_mark("(必外汇资金的收支安排;", 8, clipped=True).end
    2
    """
    m = (_CLIPPED_ITEM if clipped else _GARBLED_ITEM).match(text)
    if m is None:
        return None
    return _marked("cn_paren", m.end(), "（" + to_chinese(number) + "）", number, 0, text, "ocr_garbled_item")


def line_mark(line: Line) -> Mark | None:
    """The marker at the start of a clean line (read once per line)."""
    mark = line.mark
    if mark is False:
        text = line.text
        mark = line.mark = read_mark(text) if text[0] in MARK_FIRST else None
    return mark  # type: ignore[return-value]


# the markers whose number is their point: 第X条 and 第X编/分编/章/节
_COUNTED = frozenset({"article", "part", "subpart", "chapter", "section"})
_SHOWN = 12


def numbers_too_large(lines: list[Line]) -> list[dict]:
    """An ``number_too_large`` diagnostic for each line that starts with an
    article or division marker whose numeral is too large to number anything
    (第一亿亿条, a run of 4,000 digits): the line is text, and this says why.

    >>> [d["message"] for d in numbers_too_large([Line("第一亿亿条 内容。", [(0, 9)])])]
    ['第一亿亿条 is no article: its number is too large (the line is text)']
    """
    out = []
    for line in lines:
        text = line.text
        # a line read as a marker has a number; only lines starting with 第 can hold one
        if line.mark or text[:1] != "第":
            continue
        m = _line_start_and_separator().match(text)
        if m is None or MARK_KIND[m.lastgroup] not in _COUNTED:  # type: ignore[index]
            continue
        label = "".join(text[:m.end(m.lastgroup)].split())  # type: ignore[arg-type]
        unit = 2 if MARK_KIND[m.lastgroup] == "subpart" else 1  # type: ignore[index]
        body = label[1:label.index("条")] if "条" in label else label[1:-unit]
        if not too_large(body):
            continue
        kind = MARK_KIND[m.lastgroup]  # type: ignore[index]
        shown = label if len(label) <= _SHOWN else f"{label[:_SHOWN]}…({len(body):,} characters)"
        out.append({"code": "number_too_large", "severity": "warning", "span": (line.start, line.end),
                    "message": f"{shown} is no {kind}: its number is too large (the line is text)"})
    return out
