"""The normalising pre-pass: the input string → clean physical lines.

What the lexer can rely on for every :class:`Line` this module returns:

1. ``line.text`` is non-empty and has no leading or trailing whitespace and
   no line-break character of any kind (\\r\\n, \\r, \\u2028, …).
2. ``line.text == "".join(source[a:b] for a, b in line.pieces)``: the text is
   made only of characters of the input, in order; nothing is substituted.
   Offsets therefore always lead back into the caller's string.
3. Page furniture is gone: (上接第1版) and (下转第四版) notes, page numbers,
   running headers (2021年6月17日　星期四, 光明日报　4), markdown markup (``##``,
   ``**``, ``>``), control characters.  Each removal is a :class:`Noise` with
   its span, so nothing is dropped without a record.
4. ``blank_before`` tells whether blank lines (or removed furniture lines)
   separated the line from the previous one, ``heading`` whether markdown
   marked it as a heading, ``page_break`` whether a page-break note stood
   between it and the previous line (the text before the break goes on).

The pre-pass never joins lines: whether a line goes on from the previous one
depends on the structure around it, which is the lexer's decision.
"""
from __future__ import annotations

import re

from .catalogue import PAGE_NUMBER
from .freeze import NoiseLog, noise_record
from .model import Noise

__all__ = ["Line", "PlainLine", "flagged", "clean_lines", "slice_pieces"]


class PlainLine:
    """A physical line of the input after the pre-pass (or, in the lexer, a
    logical line made of several joined physical lines).

    ``pieces`` is the list of source ranges the text is made of.  Most lines
    are one range, ``[(start, end)]``: those keep only ``start`` and ``end``
    and make the list when it is read, since a list and a tuple per line are
    half of what a line holds (10⁵ lines 第 are 30 MB with them, 18 without),
    and most lines' pieces are never read before the tree is built.

    A plain line is the pre-pass's common line, of one range with no
    markdown heading, no page break before it and not split out of a run-on
    line: those three are the class's (its lines are a fifth smaller); a
    :class:`Line` has them of its own and is what every other line is."""

    __slots__ = ("text", "_pieces", "blank_before", "raw_len", "start", "end", "mark")

    heading = 0
    page_break = False
    split = False

    def __init__(self, text: str, start: int, end: int, blank_before: bool, raw_len: int) -> None:
        self.text = text
        self._pieces = None
        self.start = start
        self.end = end
        self.blank_before = blank_before
        self.raw_len = raw_len
        self.mark: object = False

    @property
    def pieces(self) -> list[tuple[int, int]]:
        # a new list for a line of one range: no caller changes the list it is given
        pieces = self._pieces
        return [(self.start, self.end)] if pieces is None else pieces

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Line({self.text!r}, {self.start}-{self.end})"


class Line(PlainLine):
    """A line of any pieces and flags (see :class:`PlainLine`)."""

    __slots__ = ("heading", "page_break", "split")

    def __init__(self, text: str, pieces: list[tuple[int, int]], blank_before: bool = False,
                 heading: int = 0, page_break: bool = False, raw_len: int = 0) -> None:
        self.text = text
        if len(pieces) == 1:
            self.start, self.end = pieces[0]
            self._pieces = None
        else:
            self._pieces = pieces
            self.start = pieces[0][0]
            self.end = pieces[-1][1]
        self.blank_before = blank_before
        self.heading = heading          # markdown heading level, 0 if none
        self.page_break = page_break
        self.raw_len = raw_len or len(text)   # length as printed, for wrap detection
        self.split = False       # cut out of a run-on line at a marker already judged
        self.mark: object = False   # the lexer's marker reading, once made


def flagged(line: PlainLine) -> Line:
    """``line`` as a :class:`Line`, whose flags can be set."""
    if type(line) is Line:
        return line
    out = Line(line.text, line.pieces, line.blank_before, line.heading, line.page_break, line.raw_len)
    out.split = line.split
    out.mark = line.mark
    return out


def line_noise(kind: str, line: Line) -> list[Noise]:
    """``line`` kept out as noise: one record per source piece, each holding
    the text at its span (the line breaks and the noise already cut out
    between the pieces are not in it).

    >>> [(n.text, n.span) for n in line_noise("outside", Line("新闻稿", [(0, 2), (3, 4)]))]
    [('新闻', (0, 2)), ('稿', (3, 4))]
    """
    pieces = line.pieces
    if len(pieces) == 1 or sum(b - a for a, b in pieces) != len(line.text):
        return [noise_record(kind, line.text, (line.start, line.end))]
    out = []
    pos = 0
    text = line.text
    for a, b in pieces:
        if b > a:
            out.append(noise_record(kind, text[pos:pos + b - a], (a, b)))
        pos += b - a
    return out


def slice_pieces(pieces: list[tuple[int, int]], i: int, j: int | None = None) -> list[tuple[int, int]]:
    """The source pieces of ``text[i:j]`` for a text made of ``pieces``."""
    if len(pieces) == 1:
        a, b = pieces[0]
        end = b if j is None else min(b, a + j)
        start = min(a + i, end)
        return [(start, end)]
    out = []
    pos = 0
    for piece in pieces:
        a, b = piece
        n = b - a
        lo = max(i - pos, 0)
        hi = n if j is None else min(j - pos, n)
        if lo < hi:
            # a piece taken whole is the same tuple (a text with a control character in every
            # few characters is mostly whole pieces, each two ints and a tuple to make again)
            out.append(piece if lo == 0 and hi == n else (a + lo, a + hi))
        pos += n
        if j is not None and pos >= j:
            break
    if not out:
        # an empty slice still has a position
        anchor = pieces[-1][1] if i >= pos else pieces[0][0]
        out.append((anchor, anchor))
    return out


# --- page furniture --------------------------------------------------------
# (上接第1版)  （下转第四版）  — mixed brackets, Arabic or Chinese page numbers
_PAGE_NO = PAGE_NUMBER
_CONTINUED_FROM = re.compile(rf"^[（(]\s*上接第\s*{_PAGE_NO}\s*版\s*[）)]")
_CONTINUED_ON = re.compile(rf"[（(]\s*下转第\s*{_PAGE_NO}\s*版\s*[）)]$")
# whole lines that are page furniture:
#   4     — 4 —     - 12 -     第4版     04     第 3 页 共 10 页     3/10
#   2021年6月17日　星期四       光明日报　4       4　光明日报       2024年11月13日 星期三 第11版 政务
#   光明日报　2021年6月17日　星期四　要闻       人民日报　2021年3月4日　第3版
#   责任编辑：赵明 电话：(0571)87061009 (a newspaper page's editor and phone line)
# and a page header as OCR reads it, the full-width space between its parts
# read as ” or “: 2023年11月20日”星期一   临江法制报 ”要闻   江州市人民政府公报”2025年第8期
# (pdftotext's page headers are left to the stages that read pages)
_PAPER = r"[\u4e00-\u9fff]{1,6}(?:日报|晚报|时报|周报|商报|早报|晨报|法治报|法制报)"
_DATE = r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
_OCR_PAPER = _PAPER
_OCR_GAP = r"\s*[”“][\s”“]*"
_FURNITURE = re.compile(
    rf"""^(?:
        [—\-－–]*\s*\d{{1,3}}\s*[—\-－–]*
      | 第\s*{_PAGE_NO}\s*版
      | 第\s*\d{{1,4}}\s*页(?:\s*[，,/]?\s*共\s*\d{{1,4}}\s*页)?
      | 共\s*\d{{1,4}}\s*页\s*[，,/]?\s*第\s*\d{{1,4}}\s*页
      | \d{{1,4}}\s*/\s*\d{{1,4}}
      | {_DATE}\s*星期[一二三四五六日天](?:\s+第\s*\d{{1,2}}\s*版(?:\s+[\u4e00-\u9fff]{{2,4}})?)?
      | (?:\d{{1,2}}\s+)?{_PAPER}(?:\s+\d{{1,2}})?
      | {_PAPER}\s+{_DATE}(?:\s+星期[一二三四五六日天])?(?:\s+[\u4e00-\u9fff]{{2,4}})?(?:\s+第\s*\d{{1,2}}\s*版)?
      | 责任编辑\s*[：:]\s*[\u4e00-\u9fff]{{2,4}}\s+电话\s*[：:]\s*[(（]?\d{{3,4}}[)）]?\s*\d{{7,8}}
    )$""", re.X)
# the page headers as OCR reads them, tried only on a line with a quote in it
_OCR_FURNITURE = re.compile(
    rf"""^(?:
        {_DATE}{_OCR_GAP}星期[一二三四五六日天](?:\s*出版)?(?:{_OCR_GAP}第\s*\d{{1,2}}\s*版)?
      | {_OCR_PAPER}{_OCR_GAP}[\u4e00-\u9fff]{{2,4}}(?:\W{{0,2}}专版)?
      | [\u4e00-\u9fff]{{2,24}}公报{_OCR_GAP}\d{{4}}\s*年\s*第\s*\d{{1,3}}\s*期
    )$""", re.X)


def _furniture(text: str) -> bool:
    """Whether a short line is page furniture (a page number, a running header)."""
    return _FURNITURE.match(text) is not None or (
        ("”" in text or "“" in text) and _OCR_FURNITURE.match(text) is not None)
_FURNITURE_FIRST = set("0123456789—-－–第共责")
# markdown: ## heading, > quote, **bold**, __bold__
_MD_HEADING = re.compile(r"^(#{1,6})[ \t\u3000]*")
_MD_QUOTE = re.compile(r"^>[ \t\u3000]*")
_MD_BOLD = re.compile(r"\*\*|__")
# an HTML comment, as Markdown collections print them (<!-- INFO END -->); one
# left open at the line end goes on over the next lines
_MD_COMMENT = re.compile(r"<!--.*?(?:-->|$)")
# control characters other than tab and line breaks, and zero-width marks
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\u200b-\u200f\u2060\ufeff\ud800-\udfff]")
# a run of them is one noise record (a megabyte of them is not a million
# records); lone surrogates make runs of their own, kept as their escape
_CONTROL_RUN = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\u200b-\u200f\u2060\ufeff]+|[\ud800-\udfff]+")


def clean_lines(source: str) -> tuple[list[Line], NoiseLog]:
    """Split ``source`` into clean lines (see the module docstring) and the
    noise removed from them."""
    lines: list[Line] = []
    noise = NoiseLog()
    blank = False
    page_break = False
    has_special = _CONTROL.search(source) is not None
    furniture_first = _FURNITURE_FIRST
    furniture = _FURNITURE.match
    ocr_furniture = _OCR_FURNITURE.match
    append = lines.append
    pos = 0
    in_comment = False       # inside an HTML comment opened on an earlier line
    # lines that read alike (第, 《关于》 …) hold one str
    texts: dict[str, str] = {}
    # every line break: \r\n, \n, \r, \x0b, \x0c, \x1c-\x1e, \x85, \u2028, \u2029
    raws: list = source.splitlines(True)
    for i in range(len(raws)):
        # each raw line let go once read: 10⁶ short lines are not all held twice
        raw = raws[i]
        raws[i] = None
        start = pos
        pos += len(raw)
        text = raw.strip()
        if not text:
            blank = True
            continue
        first = text[0]
        lead = raw.find(first)
        if in_comment:
            close = text.find("-->")
            end = len(text) if close < 0 else close + 3
            noise.extend(_removed("markup", source, [(start + lead, start + lead + end)]))
            in_comment = close < 0
            if end == len(text):
                blank = True
                continue
            text, lead = text[end:].lstrip(), lead + end + (len(text[end:]) - len(text[end:].lstrip()))
            first = text[0]
        # the common line: no control character, markup or page furniture
        if not (has_special and _CONTROL.search(text)) and first not in "#><" and "**" not in text \
                and "__" not in text and not (first in "（(" and _CONTINUED_FROM.match(text)) \
                and not (text[-1] in "）)" and "转" in text) \
                and not (len(text) <= 40 and (first in furniture_first or "报" in text)
                         and (furniture(text) or (("”" in text or "“" in text) and ocr_furniture(text)))):
            start += lead
            text = texts.setdefault(text, text)
            if page_break:
                append(Line(text, [(start, start + len(text))], blank or not lines, 0, True, lead + len(text)))
            else:
                append(PlainLine(text, start, start + len(text), blank or not lines, lead + len(text)))
            blank = False
            page_break = False
            continue
        if has_special and _CONTROL.search(text):
            line = _split_out(source, start + lead, start + lead + len(text), _CONTROL_RUN, "control", noise)
            if line is None:
                blank = True
                continue
        else:
            line = Line(text, [(start + lead, start + lead + len(text))], raw_len=lead + len(text))
        text = line.text
        first = text[0]
        # an HTML comment at the line start: markup
        if first == "<" and text.startswith("<!--"):
            m = _MD_COMMENT.match(text)
            noise.extend(_removed("markup", source, slice_pieces(line.pieces, 0, m.end())))
            in_comment = not m.group().endswith("-->") or m.end() == 4
            line = _rebuild(source, slice_pieces(line.pieces, m.end()), line)
            if line is None:
                blank = True
                continue
            text = line.text
            first = text[0]
        # markdown markup
        if first == "#" or first == ">" or "**" in text or "__" in text:
            line = _strip_markdown(source, line, noise)
            if line is None:
                blank = True
                continue
            text = line.text
        # page furniture
        continued = False
        if text[0] in "（(" and (m2 := _CONTINUED_FROM.match(text)):
            noise.extend(_removed("page_continuation", source, slice_pieces(line.pieces, 0, m2.end())))
            continued = True
            line = _rebuild(source, slice_pieces(line.pieces, m2.end()), line)
            if line is None:
                blank = True
                continue
            text = line.text
        if text[-1] in "）)" and "转" in text:
            m2 = _CONTINUED_ON.search(text)
            if m2:
                noise.extend(_removed("page_continuation", source, slice_pieces(line.pieces, m2.start(), len(text))))
                line = _rebuild(source, slice_pieces(line.pieces, 0, m2.start()), line)
                if line is None:
                    page_break = True
                    continue
                line.blank_before = blank or not lines
                line.page_break = page_break or continued
                blank = False
                lines.append(line)
                page_break = True
                continue
        if len(text) <= 40 and (text[0] in _FURNITURE_FIRST or "报" in text) and _furniture(text):
            noise.extend(_removed("page_furniture", source, line.pieces))
            if text[0].isdigit() or text[0] in "—-－–第共":
                page_break = True
            continue
        line.blank_before = blank or not lines
        line.page_break = page_break or continued
        blank = False
        page_break = False
        lines.append(line)
    return lines, noise


def _removed(kind: str, source: str, pieces: list[tuple[int, int]]) -> list[Noise]:
    """Noise for text the pre-pass removes, one entry per source piece: a
    control character already cut out of it (「0\x1f0」 read as the page
    number 00) keeps its own record, so every entry's text is its span."""
    return [noise_record(kind, source[a:b], (a, b)) for a, b in pieces if b > a]


def _rebuild(source: str, pieces: list[tuple[int, int]], like: Line) -> Line | None:
    """A line from source pieces, stripped of whitespace at both ends; None if empty."""
    pieces = [(a, b) for a, b in pieces if b > a]
    if not pieces:
        return None
    text = "".join(source[a:b] for a, b in pieces)
    stripped = text.strip()
    if not stripped:
        return None
    lead = len(text) - len(text.lstrip())
    if lead or len(stripped) != len(text):
        pieces = slice_pieces(pieces, lead, lead + len(stripped))
        pieces = [(a, b) for a, b in pieces if b > a]
    line = Line(stripped, pieces, like.blank_before, like.heading, like.page_break, like.raw_len)
    return line


def _printable(text: str) -> str:
    # a lone surrogate cannot be written as UTF-8 (nor as JSON): keep its escape
    if "\ud800" <= text[0] <= "\udfff":
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


def _split_out(source: str, start: int, end: int, pattern: re.Pattern, kind: str,
               noise: NoiseLog) -> Line | None:
    pieces = []
    pos = start
    add = noise.add
    for m in pattern.finditer(source, start, end):
        span = m.span()
        if span[0] > pos:
            pieces.append((pos, span[0]))
        add(kind, _printable(m.group()), span)
        pos = span[1]
    if end > pos:
        pieces.append((pos, end))
    if not pieces:
        return None
    dummy = Line(" ", [(start, start)], raw_len=end - start)
    return _rebuild(source, pieces, dummy)


def _strip_markdown(source: str, line: Line, noise: NoiseLog) -> Line | None:
    text = line.text
    level = 0
    cut = 0
    m = _MD_HEADING.match(text) or _MD_QUOTE.match(text)
    if m:
        level = len(m.group(1)) if text[0] == "#" else 0
        cut = m.end()
        noise.extend(_removed("markup", source, slice_pieces(line.pieces, 0, cut)))
    keep: list[tuple[int, int]] = []
    pos = cut
    for b in _MD_BOLD.finditer(text, cut):
        if b.start() > pos:
            keep.append((pos, b.start()))
        noise.extend(_removed("markup", source, slice_pieces(line.pieces, b.start(), b.end())))
        pos = b.end()
    if len(text) > pos:
        keep.append((pos, len(text)))
    pieces: list[tuple[int, int]] = []
    for i, j in keep:
        pieces.extend(slice_pieces(line.pieces, i, j))
    new = _rebuild(source, pieces, line)
    if new is not None:
        new.heading = level
    return new
