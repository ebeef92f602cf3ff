"""The lexer: clean lines → one grammar token per logical line.

It makes the decisions the grammar cannot make one token ahead, each in one
function with its reason:

- where each regulation on a page starts and ends (:func:`regions`,
  :func:`find_start`, :func:`find_end`);
- which lines are title, subtitle and issuing information (:func:`front_region`);
- whether a line goes on from the previous one: hard-wrapped PDF text, OCR
  page and column breaks, a label cut from its text (:meth:`Lexer.continues`);
- whether a line that starts with a marker really starts an article or a
  division, or is a cross-reference that a wrap put at the line start
  (:meth:`Lexer.accept_article`, :meth:`Lexer.accept_division`);
- for run-on text without line breaks, where structure starts inside a line
  (:func:`split_run_on`);
- a table of contents, and headings without a 编/章/节 marker (:func:`segment`);
- whether a marked line is an item, a sub-item or plain text, and whether an
  unmarked line continues an item (:func:`assign_roles`).

With ``explain=True`` each decision that changed the outcome is recorded as a
:class:`~regparse.model.Decision`.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from . import grammar
from .grammar import LineToken
from .model import DIVISION_KINDS, Decision, Noise
from .normalize import Line, slice_pieces
from .numerals import CIRCLED, to_int

__all__ = ["Lexer", "LogicalLine", "tokenize"]

# Characters that end a sentence or a clause at the end of a paragraph.
_CLOSING = set("。；：！？;:!?…")
# Closing quotes and brackets are looked through: 「…。」 ends closed.
_TRAILERS = set("”’」』）)》】〕]")
# What follows a 第X条 that is a reference, not an article: 第十条规定的,
# 第十条的, 第十条、第十一条, 第十条至第十五条, 第十条第二款, 第十条和…
# 第二款, 第（一）项: the next step of a citation (第三人, 第一类 are not)
_CITE_NEXT = r"第\s*(?:[零〇一二三四五六七八九十百千两0-9０-９]+\s*(?:条|款|项|目|章|节|编|分编)|[（(][一二三四五六七八九十\d]+[）)]\s*项)"
_REF_TAIL = re.compile(
    rf"(?:规定|的|{_CITE_NEXT}|[、，,和与及或至到]\s*{_CITE_NEXT}|或者{_CITE_NEXT}|以及{_CITE_NEXT}|中规定|中的|所列|所称|"
    r"所规定|所指|之规定|之外|以外|以内|项|款|目|为准|（[一二三四五六七八九十\d]+）项|\([一二三四五六七八九十\d]+\)项)")
# Weaker signs of a reference, which a marker next in the numbering overrides:
# 第三条与… may well be the text of 第三条.
_REF_TAIL_WEAK = re.compile(r"^(?:、|，|,|和|与|或|及|以及|等)")
_DATE_LINE = re.compile(r"^[（(]?\s*(?:\d{4}|[一二三四五六七八九〇零]{4})\s*年")
# A news lead or byline: 新华社北京5月28日电　…, 本报讯　…, 本报记者　李明, 全文如下：
_NEWS_LINE = re.compile(r"^(?:[（(]?新华社|本报讯|本报[\u4e00-\u9fff0-9０-９]{0,12}电|本报记者|记者\s|(?:《[^》]+》)?全文如下"
                        r"|以下为全文)")
# 《人民日报》（2021年3月4日　第05版）: the source line under a reprint
_SOURCE_LINE = re.compile(r"^《[^》]{2,12}》[（(]\s*\d{4}年")
_CREDIT_LINE = re.compile(r"^[（(](?:完|新华社|本报|责编|责任编辑|编辑|记者|来源|据)[^）)]*[）)]$")
_QUOTED_TITLE = re.compile(r"《([^《》]{2,60})》")
# a bracketed note after a title: （试行） （一） （1999年） （2020年修正）
_NOTE = r"[（(][^（()）\n]{1,20}[）)]"
_REG_TITLE_END = re.compile(r"(?:法|典|条例|规定|办法|细则|规则|解释|决定|准则|意见|通知|批复|章程|纲要|规范|标准|"
                            rf"公约|协定|安排|答复|修正案|纪要|制度|守则|决议)(?:{_NOTE})?$")
_SEP = " \t\u3000\xa0"

DIVISION_RANK = {kind: rank for rank, kind in enumerate(DIVISION_KINDS)}
# in the order the line-start matcher tries them: articles are the most common
# 第… line, and the five 第… markers differ only in their last character
_MARK_KIND = {
    "ARTICLE_MARK": "article", "CHAPTER_MARK": "chapter", "SECTION_MARK": "section",
    "PART_MARK": "part", "SUBPART_MARK": "subpart",
    "CN_PAREN_MARK": "cn_paren", "CN_COMMA_MARK": "cn_comma", "DIGIT_DOT_MARK": "digit_dot",
    "DIGIT_PAREN_MARK": "digit_paren", "CIRCLED_MARK": "circled",
    "ANNEX_MARK": "annex", "TOC_MARK": "toc", "PREAMBLE_MARK": "preamble_mark",
}
ITEM_STYLES = ("cn_paren", "cn_comma", "digit_dot", "digit_paren", "circled")


@lru_cache(maxsize=None)
def _matchers() -> tuple[re.Pattern, re.Pattern]:
    names = list(_MARK_KIND)
    line_start = grammar.compile_markers(names)
    # the same markers anywhere in a line, for run-on text
    inline = grammar.compile_markers(["PART_MARK", "SUBPART_MARK", "CHAPTER_MARK", "SECTION_MARK",
                                      "ARTICLE_MARK", "CN_PAREN_MARK", "CN_COMMA_MARK"])
    return line_start, inline


class Mark(NamedTuple):
    kind: str          # article, chapter, …, cn_paren, …, annex, toc, preamble_mark
    end: int           # end of the marker in the line text
    label: str         # the marker without whitespace
    number: int | None
    suffix: int
    rest: int          # where the text after the marker (and its separator) starts
    sep: bool          # whitespace between the marker and the text


@lru_cache(maxsize=None)
def _line_start_and_separator() -> re.Pattern:
    # the line-start markers and the separator after them in one match; the
    # separator can match empty, so the marker matched is the same as alone
    line_start = _matchers()[0]
    return re.compile(f"(?:{line_start.pattern})[{_SEP}]*", line_start.flags)


# line-start marks by (terminal, marker and separator as printed, end of the
# marker, whether the separator ends the line): a few hundred recur on every page
_line_start_marks: dict[tuple[str | None, str, int, bool], Mark] = {}


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
            kind, label, number, suffix = _reading(_MARK_KIND[m.lastgroup], printed[:end])  # type: ignore[index]
            rest = len(printed)
            mark = Mark(kind, end, label, number, suffix, rest, rest > end or rest == len(text))
            if len(_line_start_marks) >= 4096:   # any str may come in: keep the cache bounded
                _line_start_marks.clear()
            _line_start_marks[key] = mark
        return mark
    m = (pattern or _matchers()[0]).match(text, pos)
    return None if m is None else _mark_of(m, text)


def _mark_of(m: re.Match, text: str) -> Mark:
    """The marker a match of the marker patterns found in ``text``."""
    raw = m.group()
    key = (m.lastgroup, raw)
    reading = _readings.get(key)
    if reading is None:
        reading = _reading(_MARK_KIND[m.lastgroup], raw)  # type: ignore[index]
        if len(_readings) >= 4096:   # any str may come in: keep the cache bounded
            _readings.clear()
        _readings[key] = reading
    kind, label, number, suffix = reading
    end = m.end()
    rest = end
    n = len(text)
    while rest < n and text[rest] in _SEP:
        rest += 1
    return Mark(kind, end, label, number, suffix, rest, rest > end or rest == n)


# the same few hundred markers (第一条, （一）, …) recur on every page: their
# readings are kept, by terminal and marker text
_readings: dict[tuple[str | None, str], tuple[str, str, int | None, int]] = {}


def _reading(kind: str, raw: str) -> tuple[str, str, int | None, int]:
    """(kind, label, number, suffix) of a marker as matched."""
    label = "".join(raw.split())
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
    return kind, label, number, suffix


def line_mark(line: Line) -> Mark | None:
    """The marker at the start of a clean line (read once per line)."""
    mark = line.mark
    if mark is False:
        text = line.text
        mark = line.mark = read_mark(text) if text[0] in _MARK_FIRST else None
    return mark  # type: ignore[return-value]


def ends_closed(text: str) -> bool:
    """Whether a line ends a sentence (。；： …, looking through closing quotes)."""
    if text and text[-1] in "）)":
        return True   # 「…（试行）」, 「（2020年修正）」: a bracket closes what it opened
    i = len(text) - 1
    while i >= 0 and text[i] in _TRAILERS:
        i -= 1
    return i >= 0 and text[i] in _CLOSING


class LogicalLine:
    """A line as the lexer sees it after joining: text, source pieces, marker."""

    __slots__ = ("text", "pieces", "start", "end", "mark", "kind", "phys", "last_raw_len", "heading")

    def __init__(self, line: Line, mark: Mark | None, kind: str) -> None:
        self.text = line.text
        self.pieces = line.pieces
        # where the pieces start and end (read for every token): kept as they change
        self.start = line.start
        self.end = line.end
        self.mark = mark
        self.kind = kind                 # article, chapter…, item-like style, text, title, …
        self.phys = 1
        self.last_raw_len = line.raw_len
        self.heading = line.heading

    def join(self, line: Line) -> None:
        self.text += line.text
        self.pieces = self.pieces + line.pieces
        self.end = line.end
        self.phys += 1
        self.last_raw_len = line.raw_len

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"<{self.kind} {self.text[:30]!r}>"


def _wrap_width(lines: list[Line]) -> int:
    """The width a hard-wrapped text was wrapped at, or 0 if it was not.

    Hard-wrapped text (PDF columns) has most of its lines exactly W characters
    long and almost none longer; text with a line per paragraph has lengths
    all over the place.
    """
    counts: dict[int, int] = {}
    long = 0
    for ln in lines:
        n = ln.raw_len
        if n >= 10:
            long += 1
            counts[n] = counts.get(n, 0) + 1
    if long < 8:
        return 0
    width, best = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
    longer = sum(c for n, c in counts.items() if n > width + 1)
    if best >= max(4, long * 0.25) and longer <= long * 0.03:
        return width
    return 0


def starts_article(mark: Mark, text: str, last: tuple[int, int] | None, cut_before: bool,
                   run_on: bool = False, after_heading: bool = False) -> bool:
    """The one rule for whether a 第X条 marker starts an article.

    A cross-reference that a wrap, an OCR break or a lost line break put where
    an article could start (「依照本条例」/「第十条规定…」) looks like an article
    marker.  It is an article when the text after it does not read as a
    reference (第十条规定的, 第十条第二款, 第十条、第十一条 …) and

    - at a line start: its number comes next after ``last`` (the last article
      taken), or the line before it ended a sentence (``cut_before`` false)
      and a separator follows the label, or, without a separator, it is a
      short step forward;
    - inside a run-on line: its number comes next and a sentence or a heading
      ends right before it; the first article of a run-on text is 第一条, or
      whatever article a heading or a sentence end introduces (a book of
      民法典 starts at 第九百八十九条).
    """
    if mark.number is None:
        return False
    tail = text[mark.rest:mark.rest + 6]
    if mark.sep:
        refers = bool(tail) and tail[0] in "的、，,"
    else:
        refers = _REF_TAIL.match(text, mark.rest) is not None
    if refers:
        return False
    key = (mark.number, mark.suffix)
    if last is None:
        in_sequence = key == (1, 0)
    else:
        in_sequence = key == (last[0] + 1, 0) or key == (last[0], last[1] + 1)
    if not mark.sep and not in_sequence and _REF_TAIL_WEAK.match(tail):
        return False
    if run_on:
        if last is None:
            return (in_sequence or after_heading or (not cut_before and mark.sep)) and not _REF_TAIL_WEAK.match(tail)
        return in_sequence and (not cut_before or after_heading)
    if in_sequence:
        return True
    if cut_before:
        return False
    if mark.sep:
        return True
    # no separator (第五条本法…) and not next in sequence: only a short gap forward
    return last is not None and 0 < mark.number - last[0] <= 3


class Lexer:
    """Turns the clean lines of one regulation into grammar tokens."""

    def __init__(self, lines: list[Line], explain: bool = False) -> None:
        self.explain = explain
        self.decisions: list[Decision] = []
        self.noise: list[Noise] = []
        self.width = _wrap_width(lines)
        self.title: str | None = None
        self.article_key: tuple[int, int] | None = None   # last accepted article (number, suffix)
        self.division_numbers: dict[str, int] = {}
        self.front_tokens: list[tuple[str, Line]] = []
        # the current logical line is an entry of a list that a line ending
        # in ： introduced (由下列人员组成： / 委员长， / 副委员长若干人， …)
        self.list_entry = False

    # -- recording -----------------------------------------------------------
    def decide(self, kind: str, message: str, span: tuple[int, int]) -> None:
        if self.explain:
            self.decisions.append(Decision(kind=kind, message=message, span=span))

    # -- markers that start structure ----------------------------------------
    def accept_article(self, mark: Mark, text: str, prev: LogicalLine | None) -> bool:
        """Whether 第X条 at the start of a line starts an article (see :func:`starts_article`)."""
        prev_open = _open_body(prev)
        if prev_open and prev.mark is not None and prev.mark.kind == "article" and prev.mark.rest >= len(prev.text):
            prev_open = False   # a label alone on its line is not a sentence
        return starts_article(mark, text, self.article_key, prev_open)

    def accept_division(self, mark: Mark, text: str, prev: LogicalLine | None) -> bool:
        """Whether 第X章 (编/分编/节) at the start of a line is a heading.

        A heading is short and is not a sentence: 「第三章　职责」, not
        「第三章规定的…」 or 「第二章的有关规定，…。」.
        """
        if mark.number is None:
            return False
        title = text[mark.rest:]
        if len(title) > 40 or any(ch in title for ch in "。；，,;"):
            return False
        if not mark.sep and _REF_TAIL.match(title):
            return False
        if _open_body(prev):
            last = self.division_numbers.get(mark.kind)
            return mark.number == (last or 0) + 1
        return True

    # -- joining ---------------------------------------------------------------
    def continues(self, cur: LogicalLine, line: Line, mark: Mark | None, structural: bool) -> bool:
        """Whether ``line`` goes on from ``cur`` instead of starting a new line.

        A line goes on from the one before when that one was cut: it is a full
        line of a hard-wrapped text, or it stops mid-sentence (a column or page
        break, a PDF line), or it is a label alone (「第十条」 / text).  A line
        that starts structure, a markdown heading, and anything after a
        heading, title or issuing line starts anew.
        """
        if structural or line.heading:
            return False
        if _news_or_credit(line.text):
            return False
        kind = cur.kind
        if kind in _STANDALONE_KINDS:
            # 「第一章」 alone, then its title on the next line (PDF layout)
            if kind in DIVISION_RANK and cur.mark is not None and cur.mark.rest >= len(cur.text):
                return len(line.text) <= 20 and not ends_closed(line.text) and mark is None
            if kind in DIVISION_RANK and self.width and cur.last_raw_len >= self.width and mark is None:
                return len(line.text) < self.width and not ends_closed(line.text)
            return False
        if kind == "article" and cur.mark is not None and cur.mark.rest >= len(cur.text):
            return True
        if self.width and cur.last_raw_len >= self.width:
            if mark is not None:
                return False
            # a full line that ends a sentence may end its paragraph too; a blank
            # line says it did (wrapping never adds one inside a paragraph)
            return not (line.blank_before and ends_closed(cur.text))
        if ends_closed(cur.text):
            return False
        if self.list_entry and line.blank_before and cur.text[-1] in "，," and len(cur.text) <= _LIST_ENTRY_MAX:
            # 委员长，(blank) 副委员长若干人，: the short entries of a list after
            # 「由下列人员组成：」 end with a comma and are paragraphs of their own.
            # A page break cuts a paragraph anywhere, seldom just after a short
            # line that follows a colon.
            self.decide("list_entry", f"{cur.text} ends an entry of a list, not a line cut mid-sentence",
                        (cur.start, line.end))
            return False
        if mark is not None and mark.kind in ITEM_STYLES:
            # 「…依照本条第」 / 「（一）项规定」: an item marker after a cut is text
            return _REF_TAIL.match(line.text, mark.rest) is not None or line.text[mark.rest:mark.rest + 1] in "项目款"
        if cur.heading:
            return False
        return True


_LIST_ENTRY_MAX = 20   # characters of a list entry (副委员长若干人，), well below a cut paragraph line
def _open_body(prev: LogicalLine | None) -> bool:
    """Whether the line before is body text that stops mid-sentence."""
    return prev is not None and prev.kind in _BODY_KINDS and not ends_closed(prev.text)


_NEWS_FIRST = set("（(新本记《全以")
_NEWS_OR_CREDIT = re.compile(f"(?:{_NEWS_LINE.pattern})|(?:{_CREDIT_LINE.pattern})")


def _news_or_credit(text: str) -> bool:
    """A news lead or byline, or a credit line (（新华社北京…电）, （责编：…）)."""
    return text[0] in _NEWS_FIRST and _NEWS_OR_CREDIT.match(text) is not None
_BODY_KINDS = {"article", "text", "cn_paren", "cn_comma", "digit_dot", "digit_paren", "circled"}
_STANDALONE_KINDS = {"part", "subpart", "chapter", "section", "title", "subtitle", "info", "heading",
                     "annex", "toc", "preamble_mark"}


def tokenize(lines: list[Line], explain: bool = False) -> tuple[list[LineToken], Lexer]:
    """The grammar tokens of a regulation's clean lines, and the lexer with
    its title, diagnostics, decisions and noise."""
    lexer = Lexer(lines, explain)
    start = find_start(lines)
    if start:
        _outside(lexer, lines[:start], "before")
        lines = lines[start:]
    lines = split_run_on(lexer, lines)
    logical = segment(lexer, lines)
    end = find_end(logical)
    if end < len(logical):
        _outside(lexer, logical[end:], "after")
        del logical[end:]
    tokens = assign_roles(lexer, logical)
    return tokens, lexer


def _outside(lexer: Lexer, lines: list, where: str) -> None:
    """Text of the page that is not part of the regulation: recorded as noise."""
    for ln in lines:
        lexer.noise.append(Noise(kind="outside", text=ln.text, span=(ln.start, ln.end)))
    if lines:
        span = (lines[0].start, lines[-1].end)
        lexer.decide("outside", f"text {where} the regulation kept out of it ({len(lines)} lines)", span)


_SENTENCE_END = set("。；：！？;:!?")
_CLAUSE_END = _SENTENCE_END | set("，,")
_INFO_DATE = re.compile(r"(?<![0-9０-９])\d{4}年\d{1,2}月\d{1,2}日")


@lru_cache(maxsize=None)
def _after_sentence() -> re.Pattern:
    """第X条 right after the end of a sentence, inside a line."""
    return re.compile("(?<=[。；：！？;:!?])" + grammar.marker_patterns()["ARTICLE_MARK"])


def split_run_on(lexer: Lexer, lines: list[Line]) -> list[Line]:
    """Run-on text (every line break lost, as scraped web pages are): split
    the lines at the markers that start structure inside them.

    A text is run-on when more articles start inside lines, right after the
    end of a sentence, than at line starts.  Inside such a line, 第X条 starts
    an article when it comes next in the numbering and follows the end of a
    sentence (or a heading); 第X章 starts a heading when it comes next and an
    article follows within a heading's length; （N） starts an item after a
    colon or semicolon when it comes next in its list.  A new paragraph can
    be seen only where a list of items ends with a full stop and text goes on.
    """
    inline = _matchers()[1]
    after_sentence = _after_sentence()
    inside = 0
    long_lines = 0
    for ln in lines:
        if len(ln.text) > 120:
            long_lines += 1
            inside += len(after_sentence.findall(ln.text))
    if inside < 3 or inside <= len(lines) - long_lines:
        return lines
    at_start = sum(1 for ln in lines if ln.text[0] == "第" and (m := line_mark(ln)) is not None
                   and m.kind == "article")
    if inside <= at_start:
        return lines
    out: list[Line] = []
    last_article: tuple[int, int] | None = None
    divisions: dict[str, int] = {}
    for ln in lines:
        if len(ln.text) <= 120:
            out.append(ln)
            continue
        text = ln.text
        cuts: list[int] = []
        first_article_seen = last_article is not None
        item_next = 0            # next item number expected in the open list, 0 if none
        for m in inline.finditer(text):
            p = m.start()
            mark = _mark_of(m, text)
            if mark.number is None:
                continue
            before = text[p - 1] if p else "。"
            tail = text[mark.rest:mark.rest + 6]
            # a sentence ends before it, or a bracketed note does (（2009年8月27日删除）第三条)
            closed = before in _SENTENCE_END or before in _TRAILERS
            if mark.kind == "article":
                after_heading = bool(cuts) and cuts[-1] >= p - 40 and not any(
                    ch in _CLAUSE_END for ch in text[cuts[-1]:p])
                if starts_article(mark, text, last_article, not closed, run_on=True, after_heading=after_heading):
                    cuts.append(p)
                    last_article = (mark.number, mark.suffix)
                    first_article_seen = True
                    item_next = 0
            elif mark.kind in DIVISION_RANK:
                expected = divisions.get(mark.kind, 0) + 1
                nxt = inline.search(text, mark.end, mark.end + 45)
                follows = nxt is not None and nxt.lastgroup in ("ARTICLE_MARK", "PART_MARK", "SUBPART_MARK",
                                                                "CHAPTER_MARK", "SECTION_MARK") \
                    and not any(ch in _CLAUSE_END for ch in text[mark.end:nxt.start()])
                if mark.number in (expected, 1) and (closed or not first_article_seen or (cuts and cuts[-1] >= p - 40)) \
                        and follows and not _REF_TAIL.match(text, mark.rest):
                    cuts.append(p)
                    # chapters may go on counting across parts (民法典) or start again
                    divisions[mark.kind] = mark.number
            elif mark.kind == "cn_comma":
                # 二、管辖第三条: a heading of a judicial interpretation before an article
                nxt = inline.search(text, mark.end, mark.end + 20)
                if closed and nxt is not None and nxt.lastgroup == "ARTICLE_MARK" \
                        and not any(ch in _CLAUSE_END for ch in text[mark.end:nxt.start()]):
                    cuts.append(p)
            elif mark.kind == "cn_paren" and first_article_seen:
                if before in "：:；;。" and mark.number in (item_next or 1, 1) and not tail.startswith(("项", "目")):
                    if mark.number == 1 and before not in "：:" and item_next == 0:
                        continue
                    cuts.append(p)
                    item_next = mark.number + 1
        if not cuts:
            out.append(ln)
            continue
        pieces = [0] + cuts + [len(text)]
        segments = []
        for a, b in zip(pieces, pieces[1:]):
            if b > a:
                segments.append((a, b))
        # the front matter of a run-on text: title, then issuing lines at each date
        if segments and segments[0][0] == 0 and not (cuts and cuts[0] == 0):
            a, b = segments.pop(0)
            head = [0] + [m.start() for m in _INFO_DATE.finditer(text, a, b) if m.start() > 0] + [b]
            segments[:0] = [(x, y) for x, y in zip(head, head[1:]) if y > x]
        # a list of items that ends with a full stop, and text after it: a new 款
        final = []
        for k, (a, b) in enumerate(segments):
            seg = text[a:b]
            if seg[0] in "（(" and (m := read_mark(seg)) is not None and m.kind == "cn_paren":
                stop = seg.find("。")
                if 0 <= stop < len(seg) - 1 and not _is_item(text, segments[k + 1:k + 2]):
                    final.append((a, a + stop + 1))
                    final.append((a + stop + 1, b))
                    continue
            final.append((a, b))
        for a, b in final:
            new = _sub_line(ln, a, b)
            if new is not None:
                out.append(new)
        lexer.decide("run_on", f"run-on line split into {len(final)} lines", (ln.start, ln.end))
    return out


def _is_item(text: str, segments: list[tuple[int, int]]) -> bool:
    """Whether the segment (none or one) is an item （N）…"""
    return any((m := read_mark(text[a:b])) is not None and m.kind == "cn_paren" for a, b in segments)


def _sub_line(line: Line, a: int, b: int) -> Line | None:
    text = line.text[a:b]
    stripped = text.strip()
    if not stripped:
        return None
    lead = len(text) - len(text.lstrip())
    pieces = [pc for pc in slice_pieces(line.pieces, a + lead, a + lead + len(stripped)) if pc[1] > pc[0]]
    new = Line(stripped, pieces, blank_before=True, raw_len=len(stripped))
    new.split = True
    return new


def regions(lines: list[Line]) -> list[tuple[int, int]]:
    """The line ranges of the regulations printed on a page, one per regulation.

    Articles are numbered through a regulation, so an article numbered 第一条
    after a run of articles starts another regulation.  The boundary between
    two of them is the first line after the last article of the first that
    reads as a title (the second one's title, or a headline above it).
    """
    starts: list[int] = []        # first article line of each regulation
    last_article: list[int] = []  # last article line of each
    prev = 0
    for i, ln in enumerate(lines):
        mark = _article_line(ln)
        if mark is None:
            continue
        if not starts or (mark.number == 1 and mark.suffix == 0 and prev > 1):
            starts.append(i)
            last_article.append(i)
        else:
            last_article[-1] = i
        prev = mark.number or 0
    if len(starts) <= 1:
        return [(0, len(lines))]
    bounds = [0]
    for k in range(1, len(starts)):
        cut = starts[k]
        for j in range(last_article[k - 1] + 1, starts[k]):
            if _title_like(lines[j].text):   # a date line is no title
                cut = j
                break
        bounds.append(cut)
    bounds.append(len(lines))
    return list(zip(bounds, bounds[1:]))


def _article_line(line: Line) -> Mark | None:
    """The marker of a line that starts an article on a page (第X条 with a
    separator after it, or 第一条, not read as a reference), or None."""
    if line.text[0] != "第":
        return None
    mark = line_mark(line)
    if mark is None or mark.kind != "article" or not (mark.sep or mark.number == 1) \
            or _REF_TAIL.match(line.text, mark.rest):
        return None
    return mark


def find_start(lines: list[Line]) -> int:
    """Where the regulation starts on a page that carries other text first.

    A news lead (新华社…电, 本报讯, 全文如下, a credit line) before the first
    article means the regulation starts after it, at the first line that
    reads as a title (the headline 中共中央印发《…》 or the title of the full
    text); the lines before are not part of it.  Without such a lead the
    regulation starts at the top.
    """
    first = next((i for i, ln in enumerate(lines) if _article_line(ln) is not None), len(lines))
    if first == len(lines):
        return 0   # no regulation here: keep the page whole
    lead = -1
    for i in range(first):
        text = lines[i].text
        if _news_or_credit(text):
            lead = i
    if lead < 0:
        return 0
    for j in range(lead + 1, first):
        if _title_like(lines[j].text):
            return j
    return lead + 1


def find_end(logical: list[LogicalLine]) -> int:
    """Where the regulation ends on a page that goes on with other text.

    After the last article, a credit line (（新华社北京…电）, （责编：…）), a
    news lead or byline, a reprint source line or a markdown heading that is
    not an annex ends the regulation; a headline just before a news lead
    (short, not a sentence) goes with the news.
    """
    last = -1
    for i in range(len(logical) - 1, -1, -1):
        if logical[i].kind == "article" or logical[i].kind in DIVISION_RANK:
            last = i
            break
    if last < 0:
        return len(logical)
    for i in range(last + 1, len(logical)):
        ll = logical[i]
        text = ll.text
        boundary = (ll.heading and ll.kind not in ("annex",)) or _news_or_credit(text) \
            or (text[0] in _NEWS_FIRST and _SOURCE_LINE.match(text))
        if boundary:
            prev = logical[i - 1]
            if i - 1 > last and prev.kind == "text" and len(prev.text) <= 40 and not ends_closed(prev.text):
                return i - 1
            return i
    return len(logical)


def segment(lexer: Lexer, lines: list[Line]) -> list[LogicalLine]:
    """Physical lines → logical lines: markers read, wrapped lines joined."""
    out: list[LogicalLine] = []
    cur: LogicalLine | None = None
    front = front_region(lexer, lines)
    toc: list[str] | None = None      # entries of a 目录 being skipped
    for line in lines[front:]:
        text = line.text
        mark = line_mark(line)
        if toc is not None:
            if _toc_entry(text, mark) and not (toc and _same_heading(text, toc[0])):
                toc.append(text)
                lexer.noise.append(Noise(kind="toc", text=text, span=(line.start, line.end)))
                continue
            lexer.decide("toc", f"table of contents of {len(toc)} entries kept out of the tree",
                         (line.start, line.end))
            toc = None
        if mark is not None and mark.kind == "toc" and lexer.article_key is None:
            toc = []
            lexer.noise.append(Noise(kind="toc", text=text, span=(line.start, line.end)))
            continue
        kind = "text"
        structural = False
        if mark is not None:
            mk = mark.kind
            if mk == "article":
                if line.split or lexer.accept_article(mark, text, cur):
                    kind = "article"
                    structural = True
                else:
                    lexer.decide("rejected_marker", f"{mark.label} at a line start read as text (a reference)",
                                 (line.start, line.end))
                    mark = None
            elif mk in DIVISION_RANK:
                if (line.split and len(text) - mark.rest <= 40) or lexer.accept_division(mark, text, cur):
                    kind = mk
                    structural = True
                else:
                    lexer.decide("rejected_marker", f"{mark.label} at a line start read as text",
                                 (line.start, line.end))
                    mark = None
            elif mk == "annex":
                # 附件二 starts an annex only as a line of its own, not when a
                # wrap put 「附件二《…》规定」 at the start of a line
                prev_open = cur is not None and cur.kind in _BODY_KINDS and (
                    not ends_closed(cur.text) or (lexer.width and cur.last_raw_len >= lexer.width))
                if lexer.article_key is not None and len(text) <= 60 and not prev_open:
                    kind = "annex"
                    structural = True
                else:
                    mark = None
            elif mk in ("toc", "preamble_mark"):
                kind = mk
                structural = True
            else:
                kind = mk
                if mk == "cn_comma" and _is_unmarked_heading(text, mark):
                    kind = "heading"
                    structural = True
        elif lexer.article_key is not None and (
                text in _BARE_HEADINGS or (line.heading and len(text) <= 30 and not ends_closed(text))):
            kind = "heading"
            structural = True
        if cur is not None and lexer.continues(cur, line, mark, structural):
            cut_label = _label_cut(lexer, cur, line, out)
            cur.join(line)
            if cut_label is not None:
                # 「第一百二十四」 / 「条 本法…」: a break inside the label
                cur.kind, cur.mark = "article", cut_label
                lexer.article_key = (cut_label.number, cut_label.suffix)  # type: ignore[assignment]
                lexer.decide("label_joined", f"{cut_label.label} split across lines read as one label",
                             (cur.start, line.end))
            if lexer.explain:
                lexer.decide("joined_line", f"line joined to the one before: {text[:12]}…", (line.start, line.end))
            continue
        prev_text = cur.text if cur is not None else ""
        lexer.list_entry = kind == "text" and prev_text[-1:] in ("：", ":") or (
            lexer.list_entry and kind == "text" and prev_text[-1:] in ("，", ","))
        cur = LogicalLine(line, mark, kind)
        if kind == "article":
            lexer.article_key = (mark.number, mark.suffix)  # type: ignore[union-attr]
        elif kind in DIVISION_RANK:
            lexer.division_numbers[kind] = mark.number  # type: ignore[union-attr]
            for k, r in DIVISION_RANK.items():
                if r > DIVISION_RANK[kind]:
                    lexer.division_numbers.pop(k, None)
        out.append(cur)
    return out


_MARK_FIRST = set("第（(一二三四五六七八九十0123456789０１２３４５６７８９附目序总") | set(CIRCLED)
_BARE_HEADINGS = {"附则", "附　则", "附 则", "总则", "序言"}


def _label_cut(lexer: Lexer, cur: LogicalLine, line: Line, out: list[LogicalLine]) -> Mark | None:
    """The article label that a line break cut in two (「第三十」 / 「条　…」), if any."""
    head = cur.text
    if cur.kind != "text" or cur.phys != 1 or len(head) > 12 or head[0] != "第":
        return None
    joined = head + line.text
    mark = read_mark(joined)
    if mark is None or mark.kind != "article" or mark.end <= len(head):
        return None
    prev = out[-2] if len(out) > 1 else None
    return mark if lexer.accept_article(mark, joined, prev) else None


def _toc_entry(text: str, mark: Mark | None) -> bool:
    """A line of a 目录: a division heading, 序言/附则, or a short title-like line."""
    if mark is not None:
        if mark.kind == "article":
            return False
        if mark.kind in DIVISION_RANK or mark.kind == "preamble_mark":
            return True
    return len(text) <= 30 and not ends_closed(text)


def _same_heading(a: str, b: str) -> bool:
    return "".join(a.split()) == "".join(b.split())


def _is_unmarked_heading(text: str, mark: Mark) -> bool:
    """「一、一般规定」 is a heading of a judicial interpretation, not an item:
    short and not a sentence."""
    title = text[mark.rest:]
    return 0 < len(title) <= 24 and not ends_closed(text) and not any(ch in title for ch in "，,；;")


def front_region(lexer: Lexer, lines: list[Line]) -> int:
    """Read title, subtitle and issuing lines at the top; return how many lines they use.

    The title is the first line when it reads as a title (short, not a
    sentence; a note in brackets after it, （试行）, is looked through), with
    the lines it was wrapped onto.  A line of 《…》 announced in a headline
    (中共中央印发《…条例》) gives the title inside the brackets.  The issuing
    lines run to the last line under the title that starts with a full date,
    or that finishes a 《…》 such a line left open.
    """
    if not lines:
        return 0
    i = 0
    first = lines[0]
    text = first.text
    tokens = lexer.front_tokens
    first_mark = line_mark(first)
    taken = 1
    if first_mark is None:
        if lexer.width and first.raw_len >= lexer.width:
            # a title hard-wrapped over several lines, up to where it ends as
            # titles do (the issuer's name may follow on the next full line)
            _, taken = _joined(lines, 0, lexer.width)
            for k in range(1, taken):
                if _ISSUER_ONLY.match(lines[k].text):
                    taken = k
                    break
        while taken < min(len(lines), 4) and _title_goes_on(lines[0].text, "".join(ln.text for ln in lines[:taken]),
                                                             lines[taken]):
            taken += 1
        if taken > 1:
            first = _join_lines(lines[:taken])
        text = first.text
    if _title_like(text) and not (first_mark is not None and first_mark.kind in ("article", *DIVISION_RANK)):
        i = taken
        lexer.title = _title_of(text)
        if lexer.title != text:
            # 中共中央印发《…条例》: the headline around the title is kept as noise
            lexer.noise.append(Noise(kind="headline", text=text, span=(first.start, first.end)))
        tokens.append(("title", first))
        if i < len(lines) and _subtitle_like(lines[i].text):
            tokens.append(("subtitle", lines[i]))
            i += 1
    # the issuing lines: every line up to the last date line of the block
    # under the title, and the lines that finish a 《…》 left open there
    # (「…《关于修改」 / 「〈…〉的决定》第四次修正」); a source that breaks the
    # title or a 发布 line in two gives short lines without a date between them
    block: list[tuple[Line, int, int]] = []   # (line, physical lines it takes, 《 left open after it)
    last_date = -1
    open_titles = 0
    j = i
    while j < len(lines) and len(block) - last_date <= _UNDATED_RUN:
        line = lines[j]
        if line_mark(line) is not None:
            break
        taken = 1
        if lexer.width and line.raw_len >= lexer.width:
            line, taken = _joined(lines, j, lexer.width)
        text = line.text
        if _DATE_LINE.match(text):
            # an issuing line wrapped at no width one can tell: the lines right
            # under it up to the word it ends with (…第1110 / 次会议通过)
            while j + taken < len(lines) and taken < _UNDATED_RUN and _info_goes_on(text, lines[j + taken]):
                taken += 1
                line = _join_lines(lines[j:j + taken])
                text = line.text
            if not _info_like(text):
                break
            last_date = len(block)
        elif not ((open_titles > 0 and _closes_title(text))
                  or (len(text) <= 40 and not ends_closed(text) and text[-1] not in "，、,")):
            break
        open_titles += _title_balance(text)
        block.append((line, taken, open_titles))
        j += taken
    end = last_date + 1
    while end < len(block) and block[end - 1][2] > 0 and _closes_title(block[end][0].text):
        end += 1
    for line, taken, _ in block[:end]:
        tokens.append(("info", line))
        i += taken
    return i


def _info_goes_on(text: str, line: Line) -> bool:
    """Whether ``line`` goes on with the issuing line ``text`` above it: right
    under it, neither dated nor marked, and ``text`` does not end yet (通过,
    公布, 施行, 修正 … end one; so does a closing bracket, where sources break
    a long cited title: 「…《关于修改〈…法〉」 / 「〈…法〉的决定》修正」)."""
    if line.blank_before or _DATE_LINE.match(line.text) or line_mark(line) is not None:
        return False
    end = text.rstrip()
    return not end.endswith(_ISSUING_WORDS) and end[-1:] not in "）)。〉>》" and len(line.text) <= 60


def _info_like(text: str) -> bool:
    """A dated issuing line: 2009年6月27日 …通过, （2013年1月21日…通过，…修正）.
    A dated sentence that goes on (2020年5月1日起，…。) is body text, and so is
    a date without its day (2023 年 5 月 on the cover of a magazine)."""
    if not _FULL_DATE.match(text):
        return False
    core = text.rstrip("）)")
    if core[-1:] == "。":
        return core[:-1].endswith(_ISSUING_WORDS)   # …第二次修正。
    return not ends_closed(core)


_FULL_DATE = re.compile(r"^[（(]?\s*(?:\d{4}|[一二三四五六七八九〇零]{4})\s*年\s*[\d一二三四五六七八九十〇零]{1,3}\s*月"
                        r"\s*[\d一二三四五六七八九十〇零]{1,3}\s*日")
_ISSUING_WORDS = ("通过", "公布", "发布", "施行", "修正", "修订", "批准", "执行", "印发")


# the issuing block ends after this many lines without a date (or a wrapped
# issuing line after this many lines): it is a few lines, not a page
_UNDATED_RUN = 8


def _title_balance(text: str) -> int:
    """How many 《…》 (〈…〉, <…>) ``text`` opens and leaves open (negative: closes)."""
    return text.count("《") + text.count("〈") + text.count("<") - \
        text.count("》") - text.count("〉") - text.count(">")


def _closes_title(text: str) -> bool:
    """「〈…〉的决定》第四次修正」: the end of a 《…》 that the line before opened,
    and no sentence."""
    close = min((k for k in (text.find("》"), text.find("〉"), text.find(">")) if k >= 0), default=-1)
    opening = min((k for k in (text.find("《"), text.find("〈"), text.find("<")) if k >= 0), default=len(text))
    return 0 <= close and (close < opening or text[0] in "〈<") and len(text) <= 80 and not ends_closed(text)


def _title_goes_on(first: str, title: str, line: Line) -> bool:
    """Whether ``line`` goes on with the title above it (``first`` its first
    line), wrapped at no width one can tell (「…若干问题」 / 「的解释（二）」,
    「…沿海运输、」 / 「沿海作业…的规定」): right under a first line long enough to
    have been wrapped, no longer than it, and not a sentence, a date, a
    marker, a book name, an issuer (最高人民法院) or a document number
    (法释〔2022〕17号).  （二) alone under a title is its note, not an item."""
    text = line.text
    if line.blank_before:
        return False
    if _TITLE_NOTE.fullmatch(text) and not _TITLE_NOTE.search(title):
        return True
    if len(first) < _WRAPPED_TITLE_MIN or len(text) > len(first):
        return False
    if line_mark(line) is not None or _DATE_LINE.match(text) or _subtitle_like(text) or text[0] in "（(":
        return False
    if len(title) + len(text) > 80 or not _title_like(text) or any(ch in text for ch in "，,；;：:"):
        return False    # a title has no clause in it: this is the sentence under it
    if _TITLE_DONE.search(title) and title.count("《") == title.count("》"):
        return False    # …的规定 / …条例: the title has ended
    if text[:6] == title[:6]:
        return False    # the title printed again (a source that breaks it in two below)
    return not (_ISSUER_ONLY.match(text) or _DOCUMENT_NUMBER.search(text))


# the endings of _REG_TITLE_END that end a title for certain at a line break
# (…法 is left out: 适用法 / 律若干问题的解释 is cut inside a word)
_TITLE_DONE = re.compile(rf"(?:规定|解释|决定|意见|通知|批复|答复|安排|条例|办法|细则|规则|章程|准则|法典)(?:{_NOTE})?$")


# a title line shorter than this was not wrapped (示例名单 / 委员一号 …)
_WRAPPED_TITLE_MIN = 12
# a line that names only who issued the text: 最高人民法院, 国务院办公厅, 中共中央 国务院
_ISSUER_ONLY = re.compile(r"^[\u4e00-\u9fff、\s]{0,30}(?:法院|检察院|国务院|委员会|办公厅|办公室|中央|政府|[部局署厅])$")
# 法释〔2022〕17号, 国发〔2015〕5号, 劳部发〔1994〕489号
_DOCUMENT_NUMBER = re.compile(r"[〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*\d+\s*号")


def _join_lines(parts: list[Line]) -> Line:
    return Line("".join(p.text for p in parts), [pc for p in parts for pc in p.pieces],
                parts[0].blank_before, parts[0].heading, parts[0].page_break, parts[-1].raw_len)


def _joined(lines: list[Line], i: int, width: int) -> tuple[Line, int]:
    """Line ``i`` of a hard-wrapped text with the lines that continue it (each
    full-width line goes on to the next, until a short one or a blank line),
    and how many lines that takes."""
    parts = [lines[i]]
    while parts[-1].raw_len >= width and i + len(parts) < len(lines):
        nxt = lines[i + len(parts)]
        if nxt.blank_before or _DATE_LINE.match(nxt.text) or line_mark(nxt) is not None:
            break
        parts.append(nxt)
    return _join_lines(parts), len(parts)


def _title_like(text: str) -> bool:
    """Short and not a sentence.  A bracketed note that ends a title (（试行）,
    （2020年修正）, 解释（一）) is looked through: ends_closed reads a line that
    ends with a bracket as complete, which a title is too."""
    core = _TITLE_NOTE.sub("", text) or text
    return len(text) <= 80 and not ends_closed(core) and not _DATE_LINE.match(text) and core[-1] not in "，、,"


_TITLE_NOTE = re.compile(_NOTE + "$")


def _subtitle_like(text: str) -> bool:
    return len(text) <= 8 and (text.endswith("编") or text == "总则") and not ends_closed(text)


def _title_of(text: str) -> str:
    """The title a title line gives: 中共中央印发《中国共产党工作机关条例》 gives
    the regulation inside the brackets; a plain title line gives itself."""
    m = _QUOTED_TITLE.search(text)
    if m and not _REG_TITLE_END.search(text) and _REG_TITLE_END.search(m.group(1)):
        return m.group(1)
    return text


# ---------------------------------------------------------------------------
# Roles: items, sub-items, continuations
# ---------------------------------------------------------------------------
def assign_roles(lexer: Lexer, logical: list[LogicalLine]) -> list[LineToken]:
    """Logical lines → grammar tokens.

    Inside a paragraph the first marker style met is the item style; a
    different style while items are open is the sub-item style; a third style
    is kept as text of the current sub-item.  An unmarked line after items
    starts a new paragraph, unless the next line continues the list (（二）
    after （一）): then it goes on with the item before it.  ① counts only
    inside an open item.
    """
    tokens: list[LineToken] = []
    for kind, line in lexer.front_tokens:
        tokens.append(LineToken(kind.upper(), line))
    item_style: str | None = None
    sub_style: str | None = None
    last_item = 0
    last_sub = 0
    # the next line that is not plain text, for each line (one pass, so that a
    # long run of unmarked lines inside a list is not scanned again per line)
    next_marked = [len(logical)] * len(logical)
    following = len(logical)
    last_division = last_article = -1
    for j in range(len(logical) - 1, -1, -1):
        next_marked[j] = following
        kind = logical[j].kind
        if kind != "text":
            following = j
            if last_division < 0 and kind in DIVISION_RANK:
                last_division = j
            elif last_article < 0 and kind == "article":
                last_article = j
    for i, ll in enumerate(logical):
        kind = ll.kind
        if kind == "article" or kind in DIVISION_RANK:
            item_style = sub_style = None
            last_item = 0
            tokens.append(LineToken(kind.upper(), ll, ll.mark))
            continue
        if kind in ("heading", "preamble_mark", "toc"):
            item_style = sub_style = None
            if kind == "heading" and i > last_division >= 0 and _closes_divisions(ll.text):
                lexer.decide("closing_heading", f"{ll.text} without a marker after the last division closes "
                             "every division: the articles after it stand outside them", (ll.start, ll.end))
                last_division = len(logical)   # the first one closes them; later ones are plain headings
                tokens.append(LineToken("CLOSING_HEADING", ll, ll.mark))
                continue
            tokens.append(LineToken("HEADING", ll, ll.mark))
            continue
        if kind == "annex" and i < last_article:
            kind = ll.kind = "text"    # articles go on after it: not an annex
        if kind == "annex":
            tokens.append(LineToken("ANNEX", ll, ll.mark))
            for rest in logical[i + 1:]:
                tokens.append(LineToken("ANNEX_TEXT", rest, None))
            break
        if kind in ITEM_STYLES:
            style = kind
            if item_style is None:
                if style == "circled":
                    tokens.append(LineToken("TEXT", ll))
                    continue
                item_style = style
                last_item = ll.mark.number or 0  # type: ignore[union-attr]
                tokens.append(LineToken("ITEM", ll, ll.mark))
                continue
            number = ll.mark.number or 0  # type: ignore[union-attr]
            if style == item_style:
                last_item = number
                last_sub = 0
                tokens.append(LineToken("ITEM", ll, ll.mark))
                continue
            if sub_style == style and number == last_sub + 1:
                last_sub = number
                tokens.append(LineToken("SUBITEM", ll, ll.mark))
                continue
            if number == last_item + 1 and number != 1:
                # （一） then (2), (3): the same list in another style (an OCR'd
                # or relabelled list), not sub-items, which count from 1
                last_item = number
                last_sub = 0
                tokens.append(LineToken("ITEM", ll, ll.mark))
                continue
            if sub_style is None or style == sub_style:
                sub_style = style
                last_sub = number
                tokens.append(LineToken("SUBITEM", ll, ll.mark))
                continue
            tokens.append(LineToken("ITEM_TEXT", ll, ll.mark))
            continue
        # an unmarked line
        if item_style is not None and _continues_list(logical, i, item_style, last_item, next_marked):
            tokens.append(LineToken("ITEM_TEXT", ll))
            continue
        item_style = sub_style = None
        tokens.append(LineToken("TEXT", ll))
    return tokens


def _continues_list(logical: list[LogicalLine], i: int, style: str, last: int, next_marked: list[int]) -> bool:
    """Whether the next marked line after the unmarked line ``i`` goes on with
    the open list (（二） after （一）): then the unmarked lines belong to the item."""
    j = next_marked[i]
    while j < len(logical):
        nxt = logical[j]
        kind = nxt.kind
        if kind == style:
            return nxt.mark is not None and nxt.mark.number == last + 1
        if kind not in ITEM_STYLES:
            return False
        j = next_marked[j]
    return False


def _closes_divisions(text: str) -> bool:
    """附则 (附　则) standing alone: the supplementary provisions, which come
    after every 编 and 章 of a code that prints them without a marker
    (刑法's 附则 and its 第四百五十二条 belong to no 编).  Other unmarked
    headings (一、一般规定, a markdown heading) head a part of the division
    they stand in."""
    return "".join(text.split()) == "附则"
