"""Stage 3½, interleaved columns and wrapped headings: lines as the tools cut them.

pdftotext's reading order, with a narrow gutter or tall line spacing,
interleaves the lines of neighbouring columns and merges the last lines of
two columns: article labels still stand at line starts, but out of order
and after lines of other columns cut mid-sentence, where the rule for a
wrapped reference (:func:`regparse.lex.starts.article_start`) reads them as
text.  When the labelled lines of a text come out of order often, each such
line with a separator after its label is an article the first time its
number is met, and so is each division heading; a line that holds the
last lines of two or three columns side by side is cut where the columns
meet.  In any text, a heading that a narrow column wrapped onto the next
line is joined back.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from ..catalogue import DIVISION_RANK, REFERENCE_TAIL
from ..freeze import noise_record
from ..normalize import Line, slice_pieces
from ..numerals import DIGIT_VALUES, UNIT_VALUES, to_chinese, to_int
from .marks import MALFORMED_NUMERAL as _MALFORMED, Mark, line_mark, read_mark
from .text import HEADING_TITLE_LINE_MAX, PARAGRAPH_INDENT, ends_closed
from .registry import rule
from .state import LexState

__all__ = ["tool_lines", "column_streams", "heading_beside_text", "heading_before_text", "article_beside_text", "punctuation_before_label", "lost_di_headings", "interleaved_columns", "out_of_order_article", "out_of_order_division", "merged_columns",
           "heading_runover", "title_after_label", "column_width", "heading_with_title", "INTERLEAVED_DESCENTS_MIN", "INTERLEAVED_SHARE", "RUNOVER_FILL", "RUNOVER_LINES_MAX"]


#: a page is read column by column when that halves the breaks in its numbering, or takes this many away
DEALT_GAIN_MIN = 3
#: a heading wraps when it is at most this many characters short of the column's usual line
RUNOVER_FILL = 3
#: … onto one or two more lines
RUNOVER_LINES_MAX = 2
#: what a heading's title never holds: the punctuation of a sentence
_SENTENCE_MARKS = frozenset("。；，,;：:！？!?")
_NUMERAL_FIRST = frozenset("一二三四五六七八九十")

#: interleaved: at least this many labelled lines come after a higher number …
INTERLEAVED_DESCENTS_MIN = 3
#: … and they are at least this share of the labelled lines
INTERLEAVED_SHARE = 0.1


# what a label that reads as a reference goes on with (第十条的规定, 第十条、第十一条)
_REFERRING = frozenset({"的", "、", "，", ","})


def _labelled(mark: Mark | None, text: str) -> bool:
    """An article's label with a separator after it, or alone on its line (pdftotext puts a label
    set apart by a wide space on a line of its own)."""
    return mark is not None and mark.kind == "article" and mark.number is not None \
        and (mark.sep or mark.rest >= len(text)) and text[mark.rest:mark.rest + 1] not in _REFERRING


@rule
def interleaved_columns(state: LexState, lines: list[Line], scan: "_Scan | None" = None) -> bool:
    """Text whose article lines often come out of order has its columns interleaved.

    Why: in one column read in order, the labelled lines 第N条　… rise; a
    wrapped reference has no separator or reads as one (第十条规定的).  When
    pdftotext interleaves the lines of two or three columns, 第六条 comes
    before 第二条 again and again: in the whole text, or three times on one
    page (a first page under a masthead can interleave where the pages after
    it, with wider gutters, do not).  Where the baselines of two columns'
    lines coincide (their offset comes round every few lines), pdftotext
    merges them into one row with a space between: the label of the second
    column's line stands after that space, and is counted where it stands.

    - interleaved: ``第六条 药品监督管理部门依`` / ``第一条 为了加强医疗器械经`` / ``第二条 在中华人民共和国境`` / ``第七条 …``;
      ``第二条 农村土地承包经营纠纷调解和仲 第七条 村民委员会、乡（镇）人民政府应`` / … / ``第三条 发生农村土地承包经营纠纷的，当 第十一条 …``;
    - in order: ``第一条　…`` / ``第二条　…`` / ``依照本办法`` / ``第十条规定的程序办理。``.
    """
    scan = scan or _Scan(lines)
    labelled, descents = scan.labelled, scan.descents
    # one page that interleaves is enough (the pages after a first page in 2 columns may have wide gutters)
    if descents < INTERLEAVED_DESCENTS_MIN or (descents < INTERLEAVED_SHARE * labelled
                                               and scan.page_descents < INTERLEAVED_DESCENTS_MIN):
        return False
    state.taken = set()
    state.interleaved = ((lines[0].start, lines[-1].end),
                         f"the lines of the page's columns are interleaved ({descents} of {labelled} labelled article "
                         "lines out of order): articles and headings were taken where their labels stand")
    state.decide("interleaved_columns", f"{descents} of {labelled} labelled article lines come out of order: "
                 "the columns are interleaved", (lines[0].start, lines[-1].end))
    return True


@rule
def out_of_order_article(state: LexState, mark: Mark, line: Line) -> bool:
    """In interleaved text, 第X条 with a separator starts an article out of sequence, once per number.

    Why: the line before it belongs to another column, so its being cut
    mid-sentence says nothing; a separator after the label and a text that
    does not read as a reference say it is an article, and a number already
    taken says it is not.

    - article: ``第五条 国家药品监督管理局`` after ``法设置或者指定的医疗器械检``;
    - text: ``第五条规定的条件`` (no separator), 第五条 a second time, or ``第三二六条`` (no numeral).
    """
    if state.taken is None or not _labelled(mark, line.text) or (mark.number, mark.suffix) in state.taken \
            or _MALFORMED.search(mark.label):
        return False
    state.decide("out_of_order_article", f"{mark.label} taken out of sequence (interleaved columns)",
                 (line.start, line.end))
    return True


@rule
def out_of_order_division(state: LexState, mark: Mark, line: Line) -> bool:
    """In interleaved text, 第X章 (编/分编/节) with a short title is a heading out of sequence, once per number.

    Why: the line before it belongs to another column, so its being cut
    mid-sentence says nothing; a title of a few words with no sentence in
    it, after a separator or (where OCR lost the separator) reading as no
    reference, and a number not met yet say it is a heading.

    - heading: ``第二章 生产、经营、使用`` or ``第三章应纳税额`` after ``和监督管理，依照本条例的规``;
    - text: ``第二章规定的职责，由…`` (no separator, a sentence), 第二章 a second time.
    """
    if state.taken is None or mark.number is None or mark.rest >= len(line.text) \
            or (not mark.sep and REFERENCE_TAIL.match(line.text, mark.rest)):
        return False
    key = (mark.kind, mark.number)
    if key in state.taken or any(ch in _SENTENCE_MARKS for ch in line.text[mark.rest:]):
        return False
    state.taken.add(key)  # type: ignore[arg-type]
    state.decide("out_of_order_division", f"{mark.label} taken out of sequence (interleaved columns)",
                 (line.start, line.end))
    return True


def _merged_labels(text: str) -> list[int]:
    """The numbers of the article labels, each with its separator, that stand after a single
    space between printed characters inside ``text``: where pdftotext merged the lines of
    columns that share a baseline, the lines of the columns after the first."""
    out = []
    i = text.find(" 第", 1)
    while i > 0:
        if text[i - 1] != " ":
            rest = text[i + 1:]
            mark = read_mark(rest)
            if mark is not None and mark.number is not None and mark.sep and _labelled(mark, rest) \
                    and not _MALFORMED.search(mark.label):
                out.append(mark.number)
        i = text.find(" 第", i + 2)
    return out


class _Scan:
    """One pass over the lines for the stage's rules (the marks are read here
    once for the stages after): the labelled article lines and how often they
    come out of order, and where the lines that concern the other rules are."""

    __slots__ = ("labelled", "descents", "page_descents", "divisions", "numerals", "misread", "wide")

    def __init__(self, lines: list[Line]) -> None:
        labelled = descents = 0
        last = None
        # the most labelled lines out of order on one page (pages start at form feeds), and on this one
        page_descents = page = 0
        page_last = None
        divisions: list[int] = []      # 第X章 … lines
        numerals: list[int] = []       # lines that open with a numeral (二节 …)
        misread: list[int] = []        # short lines that may be a heading with a misread label (稍七章 …)
        misread_head = _MISREAD_HEAD.match
        wide: list[int] = []           # lines with a wide gap or a column rule in them
        numeral_first = _NUMERAL_FIRST
        numbers: list[int] = []        # the labelled article numbers of a line, in reading order
        for k, ln in enumerate(lines):
            text = ln.text
            first = text[0]
            if ln.page_break:
                page, page_last = 0, None
            if first == "第":
                mark = line_mark(ln)
                if mark is None and _SECTION_AS_SEASON.match(text):
                    numerals.append(k)
                elif mark is None and len(text) <= LOST_DI_LINE_MAX and misread_head(text):
                    misread.append(k)
                elif mark is not None and mark.number is not None:
                    if mark.kind == "article":
                        if mark.sep and text[mark.rest:mark.rest + 1] not in _REFERRING:
                            numbers.append(mark.number)
                    elif mark.kind in DIVISION_RANK:
                        divisions.append(k)
            elif first in numeral_first:
                numerals.append(k)
            elif len(text) <= LOST_DI_LINE_MAX and misread_head(text):
                misread.append(k)
            if " 第" in text:
                # the labels of the other columns' lines that a merged row holds, left to right
                numbers.extend(_merged_labels(text))
            if numbers:                # most lines hold no label: no loop to set up for them
                for number in numbers:
                    labelled += 1
                    if last is not None and number < last:
                        descents += 1
                    if page_last is not None and number < page_last:
                        page += 1
                        if page > page_descents:
                            page_descents = page
                    last = page_last = number
                numbers.clear()
            if "   " in text or "|" in text:
                wide.append(k)
        self.labelled, self.descents, self.page_descents = labelled, descents, page_descents
        self.divisions, self.numerals, self.misread, self.wide = divisions, numerals, misread, wide


def tool_lines(state: LexState, lines: list[Line]) -> list[Line]:
    """The lines of the body as the tools should have cut them: a label behind
    another line's stray punctuation cut free (:func:`punctuation_before_label`), interleaved
    columns found (:func:`interleaved_columns`) and their merged lines cut
    (:func:`merged_columns`), wrapped headings joined (:func:`heading_runover`)."""
    if not lines:
        return lines
    lines = punctuation_before_label(state, lines)
    scan = _Scan(lines)
    interleaved = interleaved_columns(state, lines, scan)
    rows: dict[int, tuple[int, int]] = {}
    if interleaved:
        lines = merged_columns(state, lines, rows)
        scan = _Scan(lines)
    elif scan.wide:
        cut = heading_beside_text(state, lines, scan.wide)
        if cut is not lines:
            lines, scan = cut, _Scan(cut)
        cut = heading_before_text(state, lines, scan.wide)
        if cut is not lines:
            lines, scan = cut, _Scan(cut)
    if not state.width and state.paged:
        # (OCR text, unpaged, keeps the lines read across the columns that no width fits)
        column_width(state, lines)
    heads = lost_di_headings(state, lines, scan) if scan.numerals or scan.misread else scan.divisions
    if heads:
        # a wrapped heading's rest follows it as printed: joined before the lines are dealt to columns
        lines = heading_runover(state, lines, heads)
    if not interleaved:
        return lines
    dealt = column_streams(state, lines, rows)
    # a heading whose title's rest another column's lines stood between is whole once dealt
    return heading_runover(state, dealt, [k for k, ln in enumerate(dealt) if (mark := line_mark(ln)) is not None
                                          and mark.kind in DIVISION_RANK], labels=False)


#: what OCR leaves of a neighbouring column's line end before a label: a sentence's closing
#: marks and the quote it reads for a space (an opening “ may open a quoted article: “第五条　…)
_STRAY_MARKS = frozenset("。，、；：”.,;:")
#: … at most this many of them
STRAY_MARKS_MAX = 3


def _past_stray(text: str, at: int) -> tuple[int, int]:
    """Where the stray marks OCR left at ``at`` in ``text`` end (at most
    :data:`STRAY_MARKS_MAX` of them), and where the spaces after them end."""
    i = at
    while i < len(text) and i - at < STRAY_MARKS_MAX and text[i] in _STRAY_MARKS:
        i += 1
    j = i
    while j < len(text) and text[j] in " 　":
        j += 1
    return i, j


@rule
def punctuation_before_label(state: LexState, lines: list[Line]) -> list[Line]:
    """A line that opens with a few stray punctuation marks and then a label with its separator is cut before the label.

    Why: tesseract reading across the columns (psm 4) leaves the 。 that ends
    a line of one column, or a ” it reads for a space, before the label of
    the next column's article, one space apart; no line of a regulation
    starts with a sentence's closing mark, and a label with its separator
    after it is a label.  The marks stay text, at the end of the line
    before (on a line of their own after a heading, whose title holds no
    sentence).

    - cut: ``。 第三十三条 仲裁庭组成后，仲裁委员会应当将`` (the article 第三十三条);
    - kept: ``。依照本法第三十三条的规定`` (no label after the marks), ``“第五条　…`` (a quoted article).
    """
    out: list[Line] | None = None
    stray = _STRAY_MARKS
    for k, ln in enumerate(lines):
        text = ln.text
        if text[0] not in stray:
            if out is not None:
                out.append(ln)
            continue
        i, j = _past_stray(text, 0)
        mark = read_mark(text[j:]) if text[j:j + 1] == "第" else None
        if mark is None or not (_labelled(mark, text[j:]) or (
                mark.kind in DIVISION_RANK and mark.sep and mark.number is not None
                and not any(ch in _SENTENCE_MARKS for ch in text[j + mark.rest:]))):
            if out is not None:
                out.append(ln)
            continue
        if out is None:
            out = lines[:k]
        marks = _cut(ln, 0, i)
        before = line_mark(out[-1]) if out else None
        if out and not (before is not None and before.kind in DIVISION_RANK):
            # the marks end a line of another column: kept at the end of the line before, not
            # a paragraph of their own
            prev = out[-1]
            joined = Line(prev.text + marks.text, prev.pieces + marks.pieces, blank_before=prev.blank_before,
                          heading=prev.heading, page_break=prev.page_break, raw_len=prev.raw_len)
            joined.split = prev.split
            out[-1] = joined
        else:
            out.append(marks)
        out.append(_cut(ln, j, len(text)))
        state.decide("punctuation_before_label", f"{mark.label} cut from the stray {text[:i]} before it",
                     (ln.start, ln.end))
    return lines if out is None else out


# 二节 ”收养的效力: a numeral, the division word and its title, with the 第 before them lost
_LOST_DI = re.compile(r"([一二三四五六七八九十]{1,3})([编章节])([ 　”“]*)(?=[^ 　”“])")
# 二章: the numeral and division word of such a heading, before its separator
_LOST_DI_WORD = re.compile(r"[一二三四五六七八九十]{1,3}[编章节]")
_KIND_OF_WORD = {"编": "part", "章": "chapter", "节": "section"}
# 第一季 立法权限: a section heading whose 节 OCR read as 季 (第一季度, the quarter, is a sentence's word)
_SECTION_AS_SEASON = re.compile(r"第([一二三四五六七八九十]{1,3})季([ 　”“]*)(?=[^ 　”“度])")
#: a heading whose 第 OCR lost is no longer than this
LOST_DI_LINE_MAX = 24


# a line that may be a heading with one character of its label misread (稍七章 征收管理, 第_音总则):
# a character, one to three more and a separator or title, short
_MISREAD_HEAD = re.compile(r"[\u4e00-\u9fff](?<![第一二三四五六七八九十])(?=[一二三四五六七八九十_]{1,3}[\u4e00-\u9fff])"
                           r"|第[\u4e00-\u9fff](?<![一二三四五六七八九十百千])[\u4e00-\u9fff]"
                           r"|第[一二三四五六七八九十_]{1,3}[\u4e00-\u9fff](?<![编章节条款项])")
#: what a misread character of a label is never: a numeral (干 is OCR's 千) or a marker word (第七十 is no 第七章)
_NEVER_MISREAD = frozenset(DIGIT_VALUES) | frozenset(UNIT_VALUES) | frozenset("干编章节条款项目_ 　”“")
# what goes on after an article's label misread as a heading's (第_王吉上二条, 第_只七十五条): its numeral and 条
_ARTICLE_TAIL = re.compile(r"\S{0,2}[零〇一二三四五六七八九十百千两]+条")
_WORD_OF_KIND = {kind: word for word, kind in _KIND_OF_WORD.items()}


def misread_heading(line: Line, proposed: list[tuple[str, int]], numeral: bool = True) -> Mark | None:
    """The division a short line's label means where OCR misread one
    character of it (:func:`regparse.lex.repairs.ocr_misread_heading`): its
    first characters are the label of one of the ``proposed`` divisions (the
    kinds and numbers that the numbering on both sides leaves open) but for
    one character that is no numeral and no marker word.  Unless ``numeral``,
    that character is the 第 or the division word: a misread numeral (人 for
    八 or 二) says which number only where the lines come in order."""
    text = line.text
    for kind, want in proposed:
        label = "第" + to_chinese(want) + _WORD_OF_KIND[kind]
        printed = text[:len(label)].replace("_", "一")
        misread = [i for i, (a, b) in enumerate(zip(printed, label)) if a != b]
        if len(printed) < len(label) or len(misread) != 1 or printed[misread[0]] in _NEVER_MISREAD \
                or printed[misread[0]] in _SENTENCE_MARKS or not (numeral or misread[0] in (0, len(label) - 1)):
            continue
        rest = len(label)
        while rest < len(text) and text[rest] in " 　”“":
            rest += 1
        # two digits with no unit between them (四二) are OCR garble, no title; 第_王吉上二条 is an article's label
        if rest >= len(text) or REFERENCE_TAIL.match(text, rest) or _MALFORMED.search(text, rest) \
                or _ARTICLE_TAIL.match(text, rest):
            continue
        return Mark(kind, len(label), label, want, 0, rest, rest > len(label), "ocr_misread_heading")
    return None


def _gaps(marked: list[tuple[int, Mark]]) -> list[tuple[str, int]]:
    """In interleaved columns, where the lines' order says nothing: the chapters (parts) missing
    from the numbering with both neighbours printed (the first one with the second printed)."""
    out = []
    for kind in ("chapter", "part"):
        have = {m.number for _, m in marked if m.kind == kind}
        out.extend((kind, n) for n in range(1, max(have, default=0)) if n not in have and n + 1 in have
                   and (n == 1 or n - 1 in have))
    return out


def _misread_twice(lines: list[Line], marked: list[tuple[int, Mark]], gaps: list[tuple[str, int]]) -> None:
    """In interleaved columns: a heading whose number was met before, one numeral from the one
    number missing between printed neighbours (第一章 again, 第二章 missing between 第一章 and
    第三章), is that division (:func:`regparse.lex.repairs.ocr_misread_heading`)."""
    seen: set[tuple[str, int | None]] = set()
    for at, (k, mark) in enumerate(marked):
        key = (mark.kind, mark.number)
        if key not in seen:
            seen.add(key)
            continue
        printed = mark.label
        fits = [(kind, n) for kind, n in gaps if kind == mark.kind
                and len(label := "第" + to_chinese(n) + _WORD_OF_KIND[kind]) == len(printed)
                and sum(a != b for a, b in zip(label, printed)) == 1]
        if len(fits) != 1:
            continue
        kind, n = fits[0]
        found = Mark(kind, mark.end, "第" + to_chinese(n) + _WORD_OF_KIND[kind], n, 0, mark.rest, mark.sep,
                     "ocr_misread_heading")
        lines[k].mark = found
        marked[at] = (k, found)
        gaps.remove(fits[0])


def _next_open(last: dict[str, int], later: list[Mark]) -> list[tuple[str, int]]:
    """In reading order: the divisions one after the last of their kind whose next heading of
    that rank is the one after them."""
    out = []
    for kind in ("chapter", "section", "part"):
        rank = DIVISION_RANK[kind]
        nxt = next((m for m in later if DIVISION_RANK[m.kind] <= rank), None)
        if nxt is not None and nxt.kind == kind and nxt.number == last.get(kind, 0) + 2:
            out.append((kind, nxt.number - 1))
    return out


def lost_di_headings(state: LexState, lines: list[Line], scan: _Scan) -> list[int]:
    """The headings whose 第 OCR dropped, read as the division they number
    (:func:`regparse.lex.repairs.ocr_lost_di`) or whose 节 it read as 季
    (:func:`regparse.lex.repairs.ocr_section_word`): a numeral and 章/节/编 at
    the start of a short line with no sentence in it, at a block's start or
    right under a heading, that numbers the division next after the last one
    of its kind.  Returns where
    the division headings are, these among them."""
    last: dict[str, int] = {}
    heads: list[int] = []
    numerals = set(scan.numerals)
    misread = set(scan.misread)
    # the marked division headings, in order: the numbering after a misread label
    marked = [(k, line_mark(lines[k])) for k in scan.divisions]
    seen = 0
    gaps = _gaps(marked) if state.taken is not None else None
    if gaps:
        _misread_twice(lines, marked, gaps)
    opening = len(lines) if gaps is None else next(
        (k for k, ln in enumerate(lines) if ln.text[:1] == "第" and getattr(line_mark(ln), "kind", "") == "article"),
        len(lines))
    for k in sorted(scan.divisions + scan.numerals + scan.misread):
        ln = lines[k]
        text = ln.text
        if k not in numerals and k not in misread:
            mark = line_mark(ln)
            _opened(last, mark.kind, mark.number)  # type: ignore[union-attr]
            heads.append(k)
            seen += 1
            continue
        if len(text) > LOST_DI_LINE_MAX:
            continue
        if k in misread:
            if any(ch in _SENTENCE_MARKS for ch in text) or not (
                    ln.blank_before or ln.page_break or k == 0 or ends_closed(lines[k - 1].text)
                    or (heads and heads[-1] == k - 1) or state.taken is not None):
                continue
            if gaps is None:
                proposed = _next_open(last, [m for _, m in marked[seen:seen + 8]])
            else:
                # the first chapter opens the body: after an article label, 第_攻… is a garbled one
                proposed = [g for g in gaps if g[1] > 1 or k < opening]
            found = misread_heading(ln, proposed, gaps is None)
            if found is not None:
                if gaps is not None:
                    gaps.remove((found.kind, found.number))  # type: ignore[arg-type]
                ln.mark = found
                _opened(last, found.kind, found.number)  # type: ignore[arg-type]
                heads.append(k)
            continue
        season = text[0] == "第"
        m = (_SECTION_AS_SEASON if season else _LOST_DI).match(text)
        if m is None or any(ch in _SENTENCE_MARKS for ch in text):
            continue
        kind = "section" if season else _KIND_OF_WORD[m.group(2)]
        number = to_int(m.group(1))
        # 一节 … with no 第 may be anything; 第一季 … has the 第 of a label
        if number is None or number != last.get(kind, 0) + 1 or (number == 1 and not season):
            continue
        # in interleaved columns the line before belongs to another column and says nothing: a
        # title that reads as no reference (二章管辖, not 二章规定的) stands in for it
        if not (ln.blank_before or ln.page_break or k == 0 or ends_closed(lines[k - 1].text)
                or (heads and heads[-1] == k - 1)
                or (state.taken is not None and not season and not REFERENCE_TAIL.match(text, m.end()))):
            continue
        if season:
            ln.mark = Mark(kind, m.end(1) + 1, "第" + m.group(1) + "节", number, 0, m.end(), m.end() > m.end(1) + 1,
                           "ocr_section_word")
        else:
            ln.mark = Mark(kind, m.end(2), "第" + m.group(1) + m.group(2), number, 0, m.end(), m.end() > m.end(2),
                           "ocr_lost_di")
        _opened(last, kind, number)
        heads.append(k)
    return heads


def _opened(last: dict[str, int], kind: str, number: int) -> None:
    """A division opened: the last number of its kind, the lower kinds counted anew."""
    last[kind] = number
    rank = DIVISION_RANK[kind]
    for other, r in DIVISION_RANK.items():
        if r > rank:
            last.pop(other, None)


#: a line spread out one character a space (a justified line with few places to break) has at least this many
SPREAD_RUN_MIN = 3


def _spread_run(seg: str) -> int:
    """How many single characters, one space apart, end ``seg``."""
    n, i = 0, len(seg)
    while i > 0 and seg[i - 1] != " " and (i == 1 or seg[i - 2] == " "):
        n += 1
        i -= 2
    return n


def _segments(text: str) -> list[tuple[int, int]]:
    """Where a line that holds several columns' lines is cut: at each single
    space between two printed characters, but for the space after a label
    (第八条 开展…) and the letter-spacing of a short title (总 则)."""
    cuts = [0]
    i = text.find(" ")
    while i > 0:
        j = i + 1
        while j < len(text) and text[j] == " ":
            j += 1
        if j < len(text):
            seg = text[cuts[-1]:i].rstrip()
            mark = read_mark(seg)
            spaced = j == i + 1 and (len(seg) - seg.rfind(" ") - 1 == 1 or text[j + 1:j + 2] in (" ", ""))
            if spaced and text[j + 1:j + 2] not in (" ", "") and _spread_run(seg) >= SPREAD_RUN_MIN:
                # a justified line spread out one character a space ends where a word of the next column starts
                spaced = False
            # the space after a label, or after a heading's division word whose 第 OCR lost (二章 管辖)
            labelled = (mark is not None and mark.end == len(seg)) or (
                seg[:1] in _NUMERAL_FIRST and _LOST_DI_WORD.fullmatch(seg) is not None)
            if not labelled and not spaced:
                cuts.append(j)
        i = text.find(" ", j)
    return [(a, b) for a, b in zip(cuts, cuts[1:] + [len(text)])]


def _cut(line: Line, a: int, b: int) -> Line:
    text = line.text[a:b].strip()
    lead = len(line.text[a:b]) - len(line.text[a:b].lstrip())
    # a part of blanks alone keeps a position (its caller drops it): a Line needs a piece
    pieces = [pc for pc in slice_pieces(line.pieces, a + lead, a + lead + len(text)) if pc[1] > pc[0]] \
        or slice_pieces(line.pieces, a, a)
    return Line(text, pieces, blank_before=line.blank_before and a == 0, page_break=line.page_break and a == 0,
                raw_len=len(text))


#: what ends one column's line where the next column's line follows it with no space
_LINE_END = frozenset("。；")


def _unspaced(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """``text[a:b]``, a segment of a merged line, cut where after a sentence's end an article
    label with its separator starts: the next column's line, where pdftotext left no space
    between them (``本。第七十九条 国务院可以根据改革发展的需要，决``).  (An item label there
    is left: cut, the items of three columns were dealt worse.)"""
    out = []
    begin = a
    for i in range(a + 1, b):
        if text[i - 1] in _LINE_END and text[i] in "（第":
            mark = read_mark(text[i:b])
            if mark is not None and _labelled(mark, text[i:b]):
                out.append((begin, i))
                begin = i
    out.append((begin, b))
    return out


@rule
def merged_columns(state: LexState, lines: list[Line], rows: dict[int, tuple[int, int]]) -> list[Line]:
    """In interleaved text, a line with a space between printed characters holds the lines of several columns.

    Why: pdftotext joins the lines of neighbouring columns that share a
    baseline with one space; Chinese text has no space inside a sentence, so
    but for the separator after a label and a spaced-out title, each space
    there is where one column's line ends and the next one's begins.

    Where a column's line ends a sentence the next one's may follow with no
    space; an article label right after the sentence's end starts it.  A
    justified line with few places to break is spread out one character a
    space (``残 疾 标 准 由 国 务 院 规``): it ends where a word of more than one
    character follows its single ones.

    - cut: ``第八条 开展数据处理活动， 第二章 数据安全与发展`` (an article's line, then a heading),
      ``第七十二条 国务院根据宪法和法律，制定行政法 本。第七十九条 国务院可以根据改革发展的需要，决``;
      ``（ 一 ） 在 进 行 思 想 教 育机构，对符合条件的残疾`` (a spread line, then the next column's);
    - kept: ``第八条 开展数据处理活动，`` and ``第一章 总 则``.
    """
    out: list[Line] = []
    for ln in lines:
        if " " not in ln.text:
            out.append(ln)
            continue
        text = ln.text
        # where a label follows a sentence's end with no space, first: the space after it is its separator
        segments = [(a + x, a + y) for a, b in _unspaced(text, 0, len(text)) for x, y in _segments(text[a:b])]
        if len(segments) == 1:
            out.append(ln)
            continue
        parts = [_cut(ln, a, b) for a, b in segments if text[a:b].strip()]
        for j, part in enumerate(parts):
            rows[id(part)] = (j, len(parts))     # which of the row's columns it is
        out.extend(parts)
        state.decide("merged_columns", f"a line cut into the lines of {len(segments)} columns", (ln.start, ln.end))
    return out


#: a column's width shows in at least this share of the lines long enough to reach its edge
COLUMN_WIDTH_SHARE = 0.3
#: … of at least this many
COLUMN_WIDTH_LINES = 40


def _visual(text: str) -> int:
    """How many full-width characters ``text`` is as wide as (an ASCII digit or letter is half one)."""
    ascii_ = sum(1 for ch in text if ch < "\x80")
    return len(text) - ascii_ + (ascii_ + 1) // 2


@rule
def column_width(state: LexState, lines: list[Line]) -> int:
    """In paged text with no wrap width found, the width of its columns, digits counted as half a character, is the wrap width.

    Why: the lines of several columns, interleaved and merged, and digits
    and Latin letters narrower than a Chinese character, hide the width the
    text was wrapped at from :func:`regparse.lex.width.wrap_width`, which
    counts characters; once merged lines are cut, most lines are as wide as
    the column, counting a digit or a Latin letter as half a character
    (most of the rest are a paragraph's first lines, indented by two).  The
    wider of the two lengths most common is the width, where it is common
    enough; without it a sentence that ends at the column's edge ends its
    paragraph.

    - a width: the cut lines of a 3-column page, 59% of them 14 characters wide, 26% 12;
      ``得，并处违法所得5倍以下的罚款；`` (15 characters, 14½ wide) in a column of 15;
    - none: lines of every length (one line per paragraph), or too few lines.

    Sets ``state.width`` and returns it (0: none).
    """
    counts: dict[int, int] = {}
    long = 0
    for ln in lines:
        if ln.raw_len >= 10:
            long += 1
            n = _visual(ln.text)
            counts[n] = counts.get(n, 0) + 1
    if long < COLUMN_WIDTH_LINES:
        return 0
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    width, best = ranked[0]
    if len(ranked) > 1 and ranked[1][0] == width + PARAGRAPH_INDENT:
        # the most common are the indented first lines of short paragraphs
        width, best = ranked[1][0], best + ranked[1][1]
    if best < COLUMN_WIDTH_SHARE * long:
        return 0
    state.width = width
    state.decide("column_width", f"the columns are {width} characters wide (interleaved text)",
                 (lines[0].start, lines[-1].end))
    return width


#: the run of spaces that OCR leaves between columns read across (a sentence's own spacing is one)
_ACROSS = re.compile("[ 　|”“]{3,}")
#: a heading beside another column's text has a title of a few words
BESIDE_TITLE_MAX = 20
#: what OCR prints in a gap between columns besides spaces: a column rule, or the gap read as quotes
_GAP_NOISE = {"|": "column_rule", "”": "ocr_separator", "“": "ocr_separator"}


def _gap_noise(state: LexState, line: Line, gap: re.Match) -> None:
    """The column rules and quotes in a gap a line is cut at, kept as noise (the cut parts hold neither)."""
    for i in range(gap.start(), gap.end()):
        kind = _GAP_NOISE.get(line.text[i])
        if kind is not None:
            for x, y in slice_pieces(line.pieces, i, i + 1):
                state.noise.append(noise_record(kind, line.text[i], (x, y)))


def _splice(lines: list[Line], cuts: dict[int, list[Line]]) -> list[Line]:
    """``lines`` with the line at each key of ``cuts`` replaced by its parts (``lines`` itself if none)."""
    if not cuts:
        return lines
    out: list[Line] = []
    for k, ln in enumerate(lines):
        out.extend(cuts.get(k, (ln,)))
    return out


@rule
def heading_beside_text(state: LexState, lines: list[Line], wide: list[int]) -> list[Line]:
    """A division heading at the end of a line, after a run of spaces, is a heading of the next column.

    Why: where a running header crosses the page, tesseract (psm 3) reads a
    row across the columns, so a heading set at the top of the next column
    ends a line of the one before, after a wide gap; a heading quoted in a
    sentence has no gap before it.

    - cut: ``安机关交通管理部门应当扣留其机   机动车驾驶人单日连续参加现     第五章 记分减免``;
    - kept: ``依照本法第五章的规定处理。`` (no gap), ``第五章 记分减免`` (alone on its line).
    """
    cuts: dict[int, list[Line]] = {}
    for k in wide:
        ln = lines[k]
        text = ln.text
        at = _article_cuts(text)
        gap = None
        for gap in _ACROSS.finditer(text):
            pass
        tail = text[gap.end():] if gap is not None and gap.start() > 0 else ""
        mark = read_mark(tail) if tail else None
        if mark is None or mark.kind not in DIVISION_RANK or not mark.sep or mark.rest >= len(tail) \
                or len(tail) - mark.rest > BESIDE_TITLE_MAX or any(ch in _SENTENCE_MARKS for ch in tail):
            if at:
                cuts[k] = article_beside_text(state, ln, at)
            continue
        at = [a for a in at if a < gap.start()]  # type: ignore[union-attr]
        head = article_beside_text(state, _cut(ln, 0, gap.start()), at) if at else [_cut(ln, 0, gap.start())]  # type: ignore[union-attr]
        cuts[k] = head + [_cut(ln, gap.end(), len(text))]  # type: ignore[union-attr]
        _gap_noise(state, ln, gap)  # type: ignore[arg-type]
        state.decide("heading_beside_text", f"{mark.label} cut from the end of a line of another column",
                     (ln.start, ln.end))
    return _splice(lines, cuts)


@rule
def heading_before_text(state: LexState, lines: list[Line], wide: list[int]) -> list[Line]:
    """A division heading at the start of a line, before a run of spaces and another column's text, is a line of its own.

    Why: where tesseract (psm 3) reads a row across the columns, a heading
    set at the top of one column starts a line that goes on, after a wide
    gap, with a line of the next; a heading's title holds no run of
    spaces, and a sentence that quotes a heading has no gap after it.  A
    heading whose label OCR misread (第_音总则) is cut the same way, and read
    by :func:`lost_di_headings`.

    - cut: ``第_音总则        调解应当遵循合法、自愿的原`` (the heading 第_音总则, then the other column);
    - kept: ``第二章 总则`` (alone on its line), ``依照第二章的规定   办理`` (no heading at the start).
    """
    cuts: dict[int, list[Line]] = {}
    for k in wide:
        ln = lines[k]
        text = ln.text
        gap = _ACROSS.search(text)
        if gap is None or gap.start() == 0 or gap.end() >= len(text):
            continue
        head = text[:gap.start()]
        if len(head) > LOST_DI_LINE_MAX or any(ch in _SENTENCE_MARKS for ch in head):
            continue
        mark = read_mark(head)
        if mark is not None:
            if mark.kind not in DIVISION_RANK or mark.rest >= len(head) \
                    or (not mark.sep and REFERENCE_TAIL.match(head, mark.rest)):
                continue
        elif not (_MISREAD_HEAD.match(head) or _LOST_DI.match(head)):
            continue
        cuts[k] = [_cut(ln, 0, gap.start()), _cut(ln, gap.end(), len(text))]
        _gap_noise(state, ln, gap)
        state.decide("heading_before_text", f"{head} cut from the line of another column after it",
                     (ln.start, ln.end))
    return _splice(lines, cuts)


def _article_cuts(text: str) -> list[int]:
    """Where, after a run of spaces (and any stray marks OCR left there), an
    article label with its separator starts in ``text``."""
    out = []
    for gap in _ACROSS.finditer(text):
        if gap.start() == 0:
            continue
        _, j = _past_stray(text, gap.end())
        if text[j:j + 1] == "第" and _labelled(read_mark(text[j:]), text[j:]):
            out.append(j)
    return out


@rule
def article_beside_text(state: LexState, line: Line, at: list[int]) -> list[Line]:
    """An article label after a run of spaces inside a line starts a line of the next column.

    Why: where tesseract reads a row across the columns (psm 3 under a
    running header, psm 4 everywhere), an article that opens the next
    column follows a line of the one before after a wide gap; a label cited
    in a sentence has no gap before it, and a label with its separator and
    a text that reads as no reference is an article's.

    - cut: ``前款所称行政行为，包括法律、    第七条 行政复议机关应当确保``;
    - kept: ``依照本法第七条的规定处理。`` (no gap), ``附件    第七条规定的表格`` (a reference).
    """
    out = []
    begin = 0
    for j in at:
        out.append(_cut(line, begin, j))
        begin = j
    out.append(_cut(line, begin, len(line.text)))
    state.decide("article_beside_text", f"{len(at)} article labels cut from a line read across the columns",
                 (line.start, line.end))
    return [part for part in out if part.text]


def _usual_length(lines: list[Line]) -> int:
    """The most common length of the lines long enough to be cut by a column's edge."""
    counts: dict[int, int] = {}
    for ln in lines:
        if ln.raw_len >= 10:
            counts[ln.raw_len] = counts.get(ln.raw_len, 0) + 1
    return max(counts.items(), key=lambda kv: (kv[1], kv[0]))[0] if counts else 0


def _runover(line: Line, heading: Line) -> bool:
    """Whether ``line`` can be the rest of ``heading``'s title."""
    text = line.text
    return not line.blank_before and not line.page_break and line_mark(line) is None \
        and len(text) < len(heading.text) and not any(ch in _SENTENCE_MARKS for ch in text)


def _ends_heading(lines: list[Line], k: int) -> bool:
    """Whether what comes at ``k`` shows the heading before it has ended."""
    if k >= len(lines) or lines[k].blank_before or lines[k].page_break:
        return True
    mark = line_mark(lines[k])
    return mark is not None and (mark.kind == "article" or mark.kind in DIVISION_RANK)


def heading_with_title(ln: Line, rest: list[Line], mark: Mark) -> Line:
    """The heading ``ln`` with the lines of its title ``rest`` after it."""
    text = ln.text + "".join(r.text for r in rest)
    pieces = list(ln.pieces)
    for r in rest:
        pieces.extend(r.pieces)
    joined = Line(text, pieces, blank_before=ln.blank_before, heading=ln.heading, page_break=ln.page_break,
                  raw_len=rest[-1].raw_len)
    joined.mark = mark   # the label reads the same with the title after it (and may be a repair's)
    return joined


#: a title set out one character at a time (附 / 则) has at most this many
SPACED_TITLE_MAX = 4


@rule
def title_after_label(state: LexState, lines: list[Line], h: int) -> int:
    """In interleaved text, a division label alone on its line takes the line after it as its title before the columns are dealt, and a title set out one character a line whole.

    Why: pdftotext gives the words of one baseline one after the other, so
    the title of a heading comes right after its label (the wide space
    between them makes two lines); dealt to the columns one by one, a short
    title can go to another column's cut line.  A title spaced out over the
    column's width (附　则) comes one character a line.  A sentence, a
    marker or a line longer than a title is no title.

    - joined: ``第六章`` / ``附`` / ``则`` / ``正；拒不改正的，处1万元以上5``, ``第二章`` / ``经营许可与备案管理``;
    - kept: ``第二章`` / ``第九条 从事…``, ``第二章`` / ``的规定处理。`` (a sentence of another column).

    Returns the index of the title's last line, or ``h`` where none follows.
    """
    n = len(lines)
    k = h + 1
    first = lines[k]
    if not _title_line(first) or len(first.text) > HEADING_TITLE_LINE_MAX:
        return h
    j = k
    if len(first.text) == 1:
        while j + 1 < n and j + 1 - k < SPACED_TITLE_MAX and len(lines[j + 1].text) == 1 \
                and _title_line(lines[j + 1]):
            j += 1
    state.decide("title_after_label", f"{lines[h].text} takes {''.join(ln.text for ln in lines[k:j + 1])} as its "
                 "title (interleaved columns)", (lines[h].start, lines[j].end))
    return j


def _title_line(line: Line) -> bool:
    """Whether ``line`` can be (a part of) a heading's title: no sentence, no marker, no break before it."""
    return not line.blank_before and not line.page_break and line_mark(line) is None \
        and not any(ch in _SENTENCE_MARKS for ch in line.text)


@rule
def heading_runover(state: LexState, lines: list[Line], heads: list[int], labels: bool = True) -> list[Line]:
    """A division heading as long as the column's lines goes on to a short line of a few words before a break.

    Why: a narrow column wraps a long heading (set bold and centred, so it
    holds fewer characters than the body's lines); the rest of its title is
    a line with no sentence in it, and after it comes a blank line or the
    next article.

    - joined: ``第二章 建设单位的质量责任`` / ``和义务`` / (blank) / ``第七条 建设单位应当将工``;
    - kept: ``第三章 数据安全制度`` / ``数字经济发展规划。`` (a sentence of another column).
    """
    usual = -1
    n = len(lines)
    joins: dict[int, tuple[Line, int]] = {}      # heading index: (the joined line, the index after it)
    for h in heads:
        ln = lines[h]
        k = h + 1
        if k >= n:
            continue
        mark = line_mark(ln)
        if labels and mark is not None and mark.rest >= len(ln.text) and mark.kind in DIVISION_RANK \
                and state.taken is not None:
            j = title_after_label(state, lines, h)
            if j > h:
                joins[h] = (heading_with_title(ln, lines[k:j + 1], mark), j + 1)
            continue
        if not _runover(lines[k], ln):
            continue
        if mark is None or mark.kind not in DIVISION_RANK or mark.rest >= len(ln.text) \
                or any(ch in _SENTENCE_MARKS for ch in ln.text[mark.rest:]):
            continue
        if usual < 0:
            usual = state.width or _usual_length(lines)
        if not usual or ln.raw_len < usual - RUNOVER_FILL:
            continue
        j = k
        while not _ends_heading(lines, j + 1):
            if j - k + 1 >= RUNOVER_LINES_MAX or lines[j].raw_len < usual - RUNOVER_FILL \
                    or not _runover(lines[j + 1], ln):
                j = -1
                break
            j += 1
        # a heading that fills a known wrap width, and one line after it, is the joins' (wrapped_heading)
        if j < 0 or (j == k and state.width and ln.raw_len >= state.width):
            continue
        rest = lines[k:j + 1]
        joined = heading_with_title(ln, rest, mark)
        joins[h] = (joined, j + 1)
        state.decide("heading_runover", f"the heading {joined.text[:mark.end]} goes on over {len(rest)} more line(s)",
                     (joined.start, joined.end))
    if not joins:
        return lines
    out: list[Line] = []
    k = 0
    for h in sorted(joins):
        joined, after = joins[h]
        out.extend(lines[k:h])
        out.append(joined)
        k = after
    out.extend(lines[k:])
    return out


#: what a column reading costs, by what it breaks (see :func:`column_streams`): an article
#: number not above the ones before it in reading order, …
ORDER_BREAK = 4.0
#: … an item that neither goes on from the one before nor starts a list, …
ITEM_BREAK = 3.0
#: … a labelled line after a line cut mid-sentence, …
LABEL_AFTER_OPEN = 2.0
#: … a plain line after one that ended a sentence (a paragraph with no label), …
PLAIN_AFTER_CLOSED = 1.0
#: … a short line cut mid-sentence (where a column ends) in a paragraph, not a heading's title, …
SHORT_OPEN = 0.5
#: … a column opened, …
NEW_COLUMN = 0.6
#: … a plain line after one cut mid-sentence where the two characters that meet there stand
#: side by side nowhere else in the text (no word of it runs across the break), …
UNSEEN_JOIN = 0.8
#: … and, per column read more recently, a line not given to the column read longest ago
RECENT = 0.15
#: the readings kept at each line of a page
STREAMS_BEAM = 64
#: how many columns a page may have been printed in (the corpus's pages have 2 to 4)
STREAM_COLUMNS = (2, 3, 4)


class _Facts(NamedTuple):
    kind: str            # art, item, div or plain
    number: int | None
    closed: bool         # the line ends a sentence or a heading (a label alone does not)
    alone: bool          # a label alone on its line (a heading: its title goes on on the next line)
    short: bool          # shorter than the page's usual line: a paragraph's or a column's end, or a title
    head: str            # the line's first character and its last
    tail: str


def _facts(lines: list[Line]) -> list[_Facts]:
    out = []
    usual = _usual_length(lines)
    for ln in lines:
        mark = line_mark(ln)
        kind, number = "plain", None
        if mark is not None and mark.number is not None:
            if mark.kind == "article" and _labelled(mark, ln.text):
                kind, number = "art", mark.number
            elif mark.kind == "cn_paren":
                kind, number = "item", mark.number
            elif mark.kind in DIVISION_RANK and mark.sep:
                kind, number = "div", mark.number
        short = ln.raw_len < usual - 1
        # a heading ends where its title does, but one alone or as long as the column's lines
        # has its title (or the title's rest) on the next line
        alone = kind != "plain" and (mark.rest >= len(ln.text) or (kind == "div" and not short))  # type: ignore[union-attr]
        closed = (not alone) if kind == "div" else ends_closed(ln.text) and not alone
        out.append(_Facts(kind, number, closed, alone, short, ln.text[:1], ln.text[-1:]))
    return out


def _breaks(facts: list[_Facts]) -> int:
    """How often the numbering of lines with these facts breaks: an article after a
    higher one, an item that neither goes on from the one before nor starts a list."""
    breaks = 0
    article = item = 0
    for f in facts:
        if f.kind == "art":
            if f.number < article:  # type: ignore[operator]
                breaks += 1
            article, item = f.number, 0
        elif f.kind == "item":
            if f.number != item + 1 and f.number != 1:
                breaks += 1
            item = f.number  # type: ignore[assignment]
    return breaks


# a column as read so far: its last and first article, its last item (-1: not known) and the
# first item before any article, whether its last line was cut mid-sentence, how many lines it has,
# and whether its first line starts something (it goes on from the column before it otherwise)
# and the last character of a line cut mid-sentence ("" after one that is not)
_Column = tuple  # (last_art, first_art, last_item, first_item, open, lines, first_starts, tail)
_EMPTY: _Column = (None, None, -1, None, 0, 0, None, "")
#: ``open`` of a column whose last line is a heading's label alone: its title comes next
_TITLE_NEXT = 2


def _give(cols: tuple, recency: tuple, c: int, f: _Facts, same_row: bool = False,
          pairs: frozenset[str] = frozenset()) -> tuple[tuple, tuple, float]:
    """The columns after line ``f`` is given to column ``c``, and what that costs.  ``recency``
    ranks the columns by when they were last given a line (-1: never); the parts of one merged
    row (``same_row``: not its first) share a baseline, so a rank."""
    last_art, first_art, last_item, first_item, open_, n, first_starts, tail = cols[c]
    cost = 0.0
    if n == 0:
        cost += NEW_COLUMN
        first_starts = f.kind != "plain"
    else:
        if f.kind == "plain":
            if not open_:
                cost += PLAIN_AFTER_CLOSED
            elif open_ == _TITLE_NEXT and not f.short:
                cost += LABEL_AFTER_OPEN     # a line as long as the column's is text, not a title
            elif open_ != _TITLE_NEXT and f.short and not f.closed:
                cost += SHORT_OPEN           # text cut short of the column's edge: only a column's last line
            if open_ == 1 and pairs and tail + f.head not in pairs:
                cost += UNSEEN_JOIN
        elif open_:
            cost += LABEL_AFTER_OPEN
        mine = recency[c]
        cost += RECENT * sum(1 for d, r in enumerate(recency) if d != c and 0 <= r < mine)
    # the line after a heading's label alone is its title, which ends the heading
    closed = f.closed or (f.kind == "plain" and open_ == _TITLE_NEXT)
    if f.kind == "art":
        number = f.number
        if last_art is not None and number <= last_art:
            cost += ORDER_BREAK
        for d, other in enumerate(cols):
            if (d < c and other[0] is not None and other[0] >= number) \
                    or (d > c and other[1] is not None and other[1] <= number):
                cost += ORDER_BREAK
        last_art, last_item = number, 0
        if first_art is None:
            first_art = number
    elif f.kind == "item":
        if last_item >= 0:
            if f.number != last_item + 1 and f.number != 1:
                cost += ITEM_BREAK
            elif f.number == 1 and last_item != 0:
                cost += PLAIN_AFTER_CLOSED
        elif last_art is None and first_item is None:
            first_item = f.number
        last_item = f.number
    elif f.kind == "div":
        last_item = -1 if last_art is None else 0
    open_ = _TITLE_NEXT if f.kind == "div" and f.alone else int(not closed)
    tail = f.tail if open_ == 1 else ""
    cols = cols[:c] + ((last_art, first_art, last_item, first_item, open_, n + 1, first_starts, tail),) + cols[c + 1:]
    top = max(recency)
    ranks = recency[:c] + ((top if same_row and top >= 0 else top + 1),) + recency[c + 1:]
    used = sorted({r for r in ranks if r >= 0})
    if used[0] > 0 or used[-1] != len(used) - 1:
        dense = {r: i for i, r in enumerate(used)}
        ranks = tuple(dense.get(r, -1) for r in ranks)
    return cols, ranks, cost


def _joins(cols: tuple) -> float:
    """What reading the columns one after another costs where each meets the next."""
    cost = 0.0
    for before, col in zip(cols, cols[1:]):
        _, _, last_item, _, open_before, lines_before, _, _ = before
        _, _, _, first_item, _, lines, first_starts, _ = col
        if lines == 0:
            continue
        if lines_before == 0:
            cost += PLAIN_AFTER_CLOSED
            continue
        if not first_starts and not open_before:
            cost += PLAIN_AFTER_CLOSED
        elif first_starts and open_before:
            cost += LABEL_AFTER_OPEN
        if first_item is not None and last_item >= 0 and first_item != last_item + 1:
            cost += ITEM_BREAK
    return cost


def _page_streams(page: list[Line], facts: list[_Facts], rows: dict[int, tuple[int, int]],
                  ncol: int, pairs: frozenset[str] = frozenset()) -> list[int]:
    """The order of the lines of one page (with their ``facts``) dealt to ``ncol`` column
    streams, read stream after stream: of the ways to deal them (a beam of the
    cheapest), the one whose reading breaks the least."""
    beam: dict[tuple, tuple[float, tuple | None]] = {((_EMPTY,) * ncol, (-1,) * ncol, -1): (0.0, None)}
    for k, ln in enumerate(page):
        f = facts[k]
        row = rows.get(id(ln))
        if row is not None and row[1] > ncol:
            row = None
        grown: dict[tuple, tuple[float, tuple | None]] = {}
        for (cols, recency, row_col), (cost, back) in beam.items():
            lo, hi = 0, ncol - 1
            if row is not None:
                # the parts of a merged row stand left to right, one column each
                if row[0] > 0:
                    lo = row_col + 1
                hi = ncol - (row[1] - row[0])
            for c in range(lo, hi + 1):
                dealt, recent, add = _give(cols, recency, c, f, row is not None and row[0] > 0, pairs)
                key = (dealt, recent, c if row is not None and row[0] < row[1] - 1 else -1)
                total = cost + add
                old = grown.get(key)
                if old is None or total < old[0]:
                    grown[key] = (total, (c, back))
        if not grown:
            return list(range(len(page)))
        beam = dict(sorted(grown.items(), key=lambda kv: kv[1][0])[:STREAMS_BEAM])
    (cols, _recent, _row), (_cost, back) = min(beam.items(), key=lambda kv: kv[1][0] + _joins(kv[0][0]))
    dealt_to = []
    while back is not None:
        dealt_to.append(back[0])
        back = back[1]
    streams: list[list[int]] = [[] for _ in range(ncol)]
    for k, c in enumerate(reversed(dealt_to)):
        streams[c].append(k)
    return [k for stream in streams for k in stream]


@rule
def column_streams(state: LexState, lines: list[Line], rows: dict[int, tuple[int, int]]) -> list[Line]:
    """In interleaved text, each page's lines are dealt to column streams by numbering and sentence continuity and read stream by stream, where that mends the numbering.

    Why: pdftotext gives the lines of neighbouring columns in the order of
    their baselines, A B A B, each column's own lines in order: a line that
    ends mid-sentence goes on a line or two later, in its own column.  Of the
    ways to deal a page's lines to two, three or four columns (a beam of the
    cheapest), the one read column after column whose article numbers rise,
    whose items go on one from the other, whose plain lines go on from a line
    cut mid-sentence (where the two characters that meet at the break stand
    side by side somewhere else in the text: the break cut a word of it,
    进 / 行技术培训 where 进行 is met, not 进 / 社会组织) and whose labels start after one
    that ended a sentence;
    a heading's label alone is followed by a short title, the parts of one
    merged line go to columns left to right, and of two columns that could
    take a line, the one read longest ago (the parts of one merged line
    share a baseline: read at once, none of them is older than the others,
    so the next line of a column the row left out does not go to its
    first).  A page where this does not break the numbering less often
    keeps its order (the ``interleaved_columns``
    diagnostic says so), and so does text that marks no page breaks (OCR
    text has no form feeds): its pages' columns, one after another, are no
    page's.

    - rebuilt: ``（一）有与生产相适应的专业技术人员；`` / ``设备使用单位。…`` / ``（二）有与生产相适应的设备、设施和工`` / ``入该特种设备的安全技术档案。`` / ``作场所；``;
      ``式对从事康复工作的人员进 学和在校年龄，可以有适度 …`` / ``行技术培训；向残疾人、残 弹性。`` /
      ``社会组织应当对残疾人开展``: 行技术培训 goes on from 进 (进行 is met), not 社会组织 (进社 is not);
    - kept: a page whose article and item numbers already rise, or break as often once dealt.
    """
    pages: list[list[Line]] = [[]]
    for ln in lines:
        if ln.page_break and pages[-1]:
            pages.append([])
        pages[-1].append(ln)
    out: list[Line] = []
    rebuilt = kept = broken = breaks = 0
    # the pairs of characters that stand side by side inside a line: the words a break may cut
    # (counted, a pair met often would outweigh the numbering in a short text; met is enough)
    pairs = frozenset(a + b for ln in lines for a, b in zip(ln.text, ln.text[1:]) if a != " " and b != " ") \
        if state.paged else frozenset()
    for page in pages:
        if not state.paged:
            out.extend(page)
            continue
        # what a line is does not depend on where it is read: the facts serve every dealing
        facts = _facts(page)
        before = _breaks(facts)
        if before == 0:
            out.extend(page)
            continue
        best, fewest = page, before
        for n in STREAM_COLUMNS:
            order = _page_streams(page, facts, rows, n, pairs)
            b = _breaks([facts[k] for k in order])
            if b < fewest and (b * 2 <= before or before - b >= DEALT_GAIN_MIN):
                best, fewest = [page[k] for k in order], b
        if best is page:
            kept += 1
        else:
            rebuilt += 1
            if fewest:
                broken += 1
                breaks += fewest
            state.decide("column_streams", f"a page's lines read column by column: the numbering breaks {fewest} "
                         f"times, not {before}", (page[0].start, page[-1].end))
        out.extend(best)
    if state.interleaved is not None:
        span, message = state.interleaved
        state.interleaved = (span, message + _streams_outcome(state.paged, rebuilt, kept, broken, breaks))
    return out


def _streams_outcome(paged: bool, rebuilt: int, kept: int, broken: int, breaks: int) -> str:
    """What the ``interleaved_columns`` diagnostic says of the reading order :func:`column_streams` rebuilt."""
    if not paged:
        return ("; the text marks no pages, so the reading order could not be rebuilt: the articles' text may "
                "hold lines of other columns")
    out = []
    if rebuilt:
        out.append(f"{rebuilt} page(s) read column by column from the numbering and sentence continuity"
                   + (f", {broken} of them with the numbering still broken {breaks} time(s)" if broken else ""))
    if kept:
        out.append(f"on {kept} page(s) no reading mended the numbering: kept as printed, their articles' text "
                   "may hold lines of other columns")
    return "; " + "; ".join(out) if out else "; each page's numbering already rose: the pages kept as printed"
