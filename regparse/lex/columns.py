"""Stage −1, columns: text that prints the columns of a page side by side.

``pdftotext -layout`` lays a newspaper page out as it is printed: every
output line holds one line of each column, at the character positions of
the page, with runs of spaces between them.  Before anything else reads
such text, it is split into columns and read column by column; each column
line becomes a :class:`~regparse.normalize.Line` whose piece points into
the input, so spans still lead back to it.

Positions are counted in the unit that lines the gutters up on the page: a
CJK character one cell wide (large type in ``pdftotext -layout``), two
(display columns, as text laid out for a terminal places it) or a width
between (``pdftotext -layout`` puts as many spaces between two words as fit
the gap on the page, where a CJK character of small type is wider than a
space).  Where the gutter is narrow, a full column line and the next
column's line stand one space apart wherever the page puts them: such a
line is cut where a full line of its column ends.

OCR that reads a page straight across its columns (tesseract where the
gutter is narrow) leaves one space between them and drops the positions of
lines alone on their row: such text is told by its rows (:func:`read_across`)
rather than by runs of spaces, and where positions say nothing the
sentences and the numbering place its lines (:func:`next_column_line`,
:func:`columns_end`).
"""
from __future__ import annotations

import re
import unicodedata

from ..freeze import noise_record

from ..normalize import Line
from .marks import line_mark, read_mark
from .registry import rule
from .state import LexState
from .text import ends_closed

__all__ = ["side_by_side_columns", "read_across", "across_block", "next_column_line", "columns_end", "GUTTER_BLANK_SHARE", "GUTTER_LINES_SHARE"]

#: a position is a gutter when it is blank in this share of the lines that have text on both sides of it
GUTTER_BLANK_SHARE = 0.5
#: … and this share of the page's lines (at least GUTTER_LINES_MIN) have text on both sides of it
GUTTER_LINES_SHARE = 0.3
GUTTER_LINES_MIN = 6
#: the number of columns is the most parts that this share of the lines (at least GUTTER_LINES_MIN) is cut into
FULL_ROWS_SHARE = 0.1
# positions are counted in tenths of a narrow character (see CJK_WIDTHS)
NARROW = 10
#: a column is at least this wide: a gap inside a heading is no gutter
COLUMN_MIN_WIDTH = 12 * NARROW
#: how far from a gutter a line's own gap may be (a full column line runs into the gutter)
GUTTER_SLACK = 2 * NARROW
#: how far a gutter of single spaces drifts from row to row
GUTTER_DRIFT = NARROW
#: a column's line may be this much wider than its full lines (in CJK characters: a label's
#: space, half-width digits rounded)
OVERFULL = 1
#: … and a full line this much narrower (a justified line spread over its width with spaces)
SHORT_FULL = 3
#: the end of a wrapped heading, centred in its column, is at most this share of a full line
CENTRED_SHARE = 3
#: side-by-side text has a run of spaces inside this share of its lines
SPACED_SHARE = 0.2
#: OCR read across the columns: this share of its long lines, and at least ACROSS_ROWS of them,
#: are two halves one space apart, the first as wide as a column's full line (±ACROSS_SLACK)
ACROSS_SHARE = 0.4
ACROSS_ROWS = 12
ACROSS_SLACK = 1.0
#: a column's full line is at least this wide, in CJK characters; a long line, twice that
ACROSS_COLUMN_MIN = 12

# a gap between columns: spaces, and the column rules tesseract reads as |
_GAP = re.compile(r"[ |]+")
_WIDE = {"W", "F"}


#: the widths a CJK character may take in a side-by-side text, in tenths of a narrow one: one
#: cell (pdftotext -layout counts a character one cell wherever it is), two (display columns),
#: and the widths between: pdftotext puts as many spaces between two columns' lines as fit the
#: gap between them on the page, where a CJK character of small type is 1.5–1.8 spaces wide
CJK_WIDTHS = (10, 12, 14, 15, 16, 17, 18, 20)


def _widths(cjk: int):
    def width(ch: str) -> int:
        return cjk if ch >= "\u1100" and unicodedata.east_asian_width(ch) in _WIDE else NARROW
    return width


def _cells(source: str, line: Line, width) -> tuple[int, list[int]] | None:
    """The position of each character of a one-piece line, from the start of
    its physical line, in the unit ``width`` counts; None for a line the
    pre-pass rebuilt."""
    if len(line.pieces) != 1:
        return None
    start = line.start
    row = max(source.rfind("\n", 0, start), source.rfind("\f", 0, start), source.rfind("\r", 0, start)) + 1
    pos = 0
    for ch in source[row:start]:
        pos += width(ch)
    cells = []
    for ch in line.text:
        cells.append(pos)
        pos += width(ch)
    return row, cells


def _gaps(text: str, cells: list[int]) -> list[tuple[int, int, int, int]]:
    """The runs of spaces inside a line, with any column rule ``|`` OCR read
    in them: (first character, last character, first display position, last
    display position)."""
    out = []
    for m in _GAP.finditer(text):
        i, j = m.start(), m.end() - 1
        out.append((i, j, cells[i], cells[j]))
    return out


def _gutters(rows: list[tuple[Line, list[int]]], unit: int) -> list[int]:
    """The display positions of the gutters: where most of the page's lines
    that have text on both sides have a run of spaces."""
    if len(rows) < GUTTER_LINES_MIN:
        return []
    extent = max(cells[-1] for _, cells in rows) + NARROW
    inside = [0] * extent
    gap = [0] * extent
    begins = [0] * extent
    for line, cells in rows:
        for x in range(cells[0] + 1, cells[-1]):
            inside[x] += 1
        for p in [cells[0]] + [cells[j + 1] for i, j, _a, _b in _gaps(line.text, cells) if j > i and j + 1 < len(cells)]:
            for x in range(max(0, p - GUTTER_DRIFT), min(extent, p + GUTTER_DRIFT + 1)):
                begins[x] += 1
        # a gap counts a position beside it too: a column's full lines run a position into
        # the gutter or stop one short, so a gutter of single spaces drifts by one from row to row
        marked = -1
        for _i, _j, a, b in _gaps(line.text, cells):
            for x in range(max(a - GUTTER_DRIFT, marked + 1), min(extent, b + GUTTER_DRIFT + 1)):
                gap[x] += 1
            marked = b + GUTTER_DRIFT
    need = max(GUTTER_LINES_MIN, GUTTER_LINES_SHARE * len(rows))

    def blank(x: int) -> bool:
        # where the lines of many rows begin, a column begins: no gutter, however blank the
        # rows whose lines of that column stand on rows of their own
        return inside[x] >= need and gap[x] >= GUTTER_BLANK_SHARE * inside[x] and begins[x] < need / 2

    peaks: list[int] = []
    x = 0
    while x < extent:
        if blank(x):
            y = x
            while y + 1 < extent and blank(y + 1):
                y += 1
            peaks.append(max(range(x, y + 1), key=lambda p: gap[p]))
            x = y + 1
        else:
            x += 1
    # a gutter has a column of text on each side of it
    out = []
    left = min(cells[0] for _, cells in rows)
    for p in peaks:
        if p - left >= COLUMN_MIN_WIDTH:
            out.append(p)
            left = p
    right = extent - 2
    while out and right - out[-1] < COLUMN_MIN_WIDTH:
        out.pop()
    return out


def _segments(text: str, cells: list[int], starts: list[int] | None, unit: int,
              widths: list[int] | None = None) -> list[tuple[int, int]]:
    """The line's parts (first character, end), cut at every run of two or
    more spaces, and, with the columns' ``starts``, at the single space
    nearest a column start that a part runs across (a full column line), or,
    with the columns' ``widths`` (the characters of a full line), at the
    single space where a full line of the column ends."""
    gaps = _gaps(text, cells)
    parts = []
    begin = 0
    for i, j, _a, _b in gaps:
        if j > i or text[i] == "|":
            if i > begin:
                parts.append((begin, i))
            begin = j + 1
    if len(text) > begin:
        parts.append((begin, len(text)))
    if not starts or len(parts) >= len(starts):
        return parts
    singles = [(i, a) for i, j, a, _b in gaps if j == i and text[i] == " "]
    out = []
    for begin, end in parts:
        for c, s in enumerate(starts[1:]):
            if cells[begin] < s - GUTTER_SLACK and cells[end - 1] >= s:
                near = [(abs(a + NARROW - s), i) for i, a in singles
                        if begin < i < end - 1 and abs(a + NARROW - s) <= GUTTER_SLACK * 2]
                if not near and widths:
                    # the tool pushed the next column right up to a full line: cut where a
                    # full line of this column ends, counted in characters
                    near = [(abs(_ink(text, begin, i, unit) - widths[c]), i) for i, _a in singles
                            if begin < i < end - 1 and abs(_ink(text, begin, i, unit) - widths[c]) <= 1]
                if near:
                    cut = min(near)[1]
                    out.append((begin, cut))
                    begin = cut + 1
        out.append((begin, end))
    if widths:
        # a part in the last column is one line however wide: no column stands after it (two
        # lines the tool set on one row, 交部提出。第十一条 请求国请求引, are one column's)
        out = [cut for begin, end in out
               for cut in (_overfull(text, begin, end, singles, unit, widths[-1])
                           if _nearest(cells[begin], starts) < len(starts) - 1 else [(begin, end)])]
    return out


def _ink(text: str, begin: int, end: int, unit: int) -> float:
    """How many CJK characters wide the text of ``text[begin:end]`` is, its spaces aside
    (justified text spreads a line's characters with spaces)."""
    return sum(unit if unicodedata.east_asian_width(ch) in _WIDE else NARROW
               for ch in text[begin:end] if ch != " ") / unit


def _nearest(x: int, starts: list[int]) -> int:
    """The column whose start is nearest position ``x``."""
    return min(range(len(starts)), key=lambda c: abs(starts[c] - x))


def _overfull(text: str, begin: int, end: int, singles: list[tuple[int, int]], unit: int,
              full: int) -> list[tuple[int, int]]:
    """A part cut where a full line of a column ends, while it holds more than one column's
    line: (first character, end) of each piece."""
    # a gutter of one space: where the type is small, the tool puts a single space between a
    # full column line and the next column's, wherever the page places that column; no line
    # of a column is wider than the column (a title across the columns is none of theirs)
    out = []
    while _ink(text, begin, end, unit) > full + OVERFULL:
        fits = [i for i, _a in singles if begin < i < end - 1
                and full - SHORT_FULL <= _ink(text, begin, i, unit) <= full + OVERFULL]
        if not fits:
            break
        cut = fits[-1]
        out.append((begin, cut))
        begin = cut + 1
    out.append((begin, end))
    return out


def _split(line: Line, cells: list[int], starts: list[int], unit: int,
           widths: list[int] | None = None) -> list[tuple[int, int, int]] | None:
    """The line cut into its columns: (column, start, end) of each part, in
    characters of ``line.text``; None when its text runs across the gutters."""
    segments = _segments(line.text, cells, starts, unit, widths)
    ncol = len(starts)
    while len(segments) > ncol and widths:
        # more parts than columns: a justified line spread with runs of spaces
        # (第二十三条    残疾人教育) is one column's line, as wide as a full one at most
        fits = [(cells[segments[k + 1][0]] - cells[segments[k][1] - 1], k) for k in range(len(segments) - 1)
                if _ink(line.text, segments[k][0], segments[k + 1][1], unit) <= widths[-1] + OVERFULL]
        if not fits:
            break
        k = min(fits)[1]
        segments[k:k + 2] = [(segments[k][0], segments[k + 1][1])]
    if len(segments) > ncol:
        return None
    parts = []
    column = -1
    for begin, end in segments:
        x = cells[begin]
        nearest = min(range(ncol), key=lambda c: abs(starts[c] - x))
        column = max(column + 1, nearest)
        if column >= ncol:
            break
        if column + 1 < ncol and cells[end - 1] > starts[column + 1] + GUTTER_SLACK * 2:
            return None
        parts.append((column, begin, end))
    else:
        return parts
    # each part nearest its own column's start pushes the last ones past the page's columns.
    # Where one part is short (the end of a wrapped heading, 委员会 under 第四章 …各, centred
    # mid-column, its position drifted with the lines before it on its row), each part goes in
    # a column of its own, left to right, as near its start as they can all be; a row of long
    # parts that do not fit is text across the gutters
    full = widths[-1] if widths else 0
    if not any(_ink(line.text, begin, end, unit) * CENTRED_SHARE <= full for begin, end in segments):
        return None
    inf = float("inf")
    best = [[inf] * ncol for _ in segments]
    for k, (begin, _end) in enumerate(segments):
        for c in range(k, ncol - (len(segments) - 1 - k)):
            before = 0 if k == 0 else min(best[k - 1][:c])
            best[k][c] = before + abs(starts[c] - cells[begin])
    parts = []
    column = ncol
    for k in range(len(segments) - 1, -1, -1):
        column = min(range(column), key=lambda c: best[k][c])
        begin, end = segments[k]
        if column + 1 < ncol and cells[end - 1] > starts[column + 1] + GUTTER_SLACK * 2:
            return None
        parts.append((column, begin, end))
    return _Rescued(parts[::-1])


class _Rescued(list):
    """The parts of a line placed only when all of them are placed at once: the unit that
    needs no such line fits the page better."""


def _starts(rows: list[tuple[Line, list[int]]], gutters: list[int], unit: int) -> list[int]:
    """Where each column starts: the median start of each part of the lines
    cut into the most common number of parts (at least as many as the
    gutters say)."""
    first = [_segments(ln.text, cells, None, unit) for ln, cells in rows]
    counts: dict[int, int] = {}
    for parts in first:
        if len(parts) > 1:
            counts[len(parts)] = counts.get(len(parts), 0) + 1
    ncol = len(gutters) + 1
    many = [n for n, c in counts.items() if c >= max(GUTTER_LINES_MIN, FULL_ROWS_SHARE * len(rows)) and n > ncol]
    if many:
        ncol = max(many)
        full = [[cells[b] for b, _ in parts] for (ln, cells), parts in zip(rows, first) if len(parts) == ncol]
    else:
        starts = [min(cells[0] for _, cells in rows)] + [g + NARROW for g in gutters]
        full = []
        for ln, cells in rows:
            parts = _segments(ln.text, cells, starts, unit)
            if len(parts) == ncol:
                full.append([cells[b] for b, _ in parts])
        if len(full) < GUTTER_LINES_MIN and ncol > 1:
            # few rows hold a line of every column (the columns' lines stand on rows of their
            # own): each column starts where the lines nearest its gutter start
            placed: list[list[int]] = [[] for _ in starts]
            for ln, cells in rows:
                for b, _e in _segments(ln.text, cells, starts, unit):
                    placed[min(range(ncol), key=lambda c: abs(starts[c] - cells[b]))].append(cells[b])
            if all(len(col) >= GUTTER_LINES_MIN for col in placed):
                return _apart([_mode(col) for col in placed])
    if len(full) < GUTTER_LINES_MIN or ncol < 2:
        return []
    return _apart([sorted(col)[len(col) // 2] for col in zip(*full)])


def _opens(parts: list[tuple[int, int, int]] | None, cells: list[int], starts: list[int], unit: int) -> bool:
    """Whether a line opens the columns: it holds the lines of neighbouring columns side by
    side, from the first column or from where a later one starts."""
    # a masthead (海州市政府公报 … 2026年第11期) has a part at each end of the page with no
    # column's line between them; a date line under a centred title starts in no column
    if parts is None or len(parts) < 2 or any(b[0] != a[0] + 1 for a, b in zip(parts, parts[1:])):
        return False
    col, i, _j = parts[0]
    return col == 0 or abs(cells[i] - starts[col]) <= unit


def _apart(starts: list[int]) -> list[int]:
    """Column starts at least a column's width apart (none if fewer than two)."""
    # a column is at least COLUMN_MIN_WIDTH wide: a start closer than that to the one before
    # it is a gap inside a column's lines (a short line, spaced words), not a column
    kept = starts[:1]
    for x in starts[1:]:
        if x - kept[-1] >= COLUMN_MIN_WIDTH:
            kept.append(x)
    return kept if len(kept) > 1 else []


def _mode(values: list[int]) -> int:
    if not values:
        return 0
    counts: dict[int, int] = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    return max(counts, key=lambda v: (counts[v], -v))


def _layout(source: str, lines: list[Line], width, notes: bool = False,
            breaks: frozenset = frozenset()) -> tuple[list, list, float]:
    """The pages of ``lines`` cut into columns with positions counted by
    ``width``: per page its lines with their parts (None where a line runs
    across the gutters) and positions, the column starts and the unit (the
    width of a CJK character); per page, where its columns open (None if
    nowhere) and which of its lines are kept whole; and how far (in CJK
    characters) the parts of lines start from their column's start on
    average (the fewer lines kept whole and the nearer, the better the unit
    fits the text)."""
    unit = width("中")
    # pages: pdftotext ends each with a form feed; OCR of page images run one after another
    # has a page note (第1页) between them, which the pre-pass removed and marked (asked of
    # OCR read across, ``notes``: in psm 4 text a note stands among rows the columns share)
    pages: list[list[tuple[Line, tuple[int, list[int]] | None]]] = [[]]
    last = 0
    for ln in lines:
        where = _cells(source, ln, width)
        if pages[-1] and ("\f" in source[last:ln.start] or (notes and ln.page_break)):
            pages.append([])
        pages[-1].append((ln, where))
        last = ln.end
    # the pages of one document share their columns: read together, the gutters of a page whose
    # columns are cut by single spaces (full lines, a narrow gutter) show as well as any other's
    # lines outside the rows read across (``breaks``) say nothing of the gutters
    every = [(ln, w[1]) for page in pages for ln, w in page if w is not None and id(ln) not in breaks]
    shared = _starts(every, _gutters(every, unit), unit) if len(pages) > 1 else []
    out = []
    whole = []
    drift = 0.0
    placed = 0
    for page in pages:
        rows = [(ln, w[1]) for ln, w in page if w is not None and id(ln) not in breaks]
        starts = _starts(rows, _gutters(rows, unit), unit) if len(rows) >= GUTTER_LINES_MIN else []
        if len(shared) > len(starts):
            starts = shared
        cut = [(ln, _split(ln, w[1], starts, unit) if starts and w is not None else None, w) for ln, w in page]
        if starts:
            # the characters of a full line of each column: the commonest length of its lines
            # that ended before the next column's text (justified text fills most lines)
            lengths: list[list[int]] = [[] for _ in starts]
            for ln, parts, _w in cut:
                for col, i, j in (parts or ())[:-1]:
                    lengths[col].append(round(_ink(ln.text, i, j, unit)))
            widths = [_mode(v) for v in lengths]
            # the columns of a page are as wide as each other: the last column's lines, which
            # end before no other, are as wide as the commonest line of them all
            widths[-1] = _mode([n for v in lengths for n in v])
            cut = [(ln, _split(ln, w[1], starts, unit, widths) if w is not None else None, w) for ln, w in page]
        opened = None
        kept = [True] * len(cut)
        if starts:
            for k, (_ln, parts, where) in enumerate(cut):
                if opened is None and _opens(parts, where[1] if where else [], starts, unit):
                    opened = k
                kept[k] = opened is None or parts is None or isinstance(parts, _Rescued)
                for col, i, _j in parts or ():
                    drift += abs(where[1][i] - starts[col]) / unit
                    placed += 1
        out.append((cut, starts, unit))
        whole.append((opened, kept))
    return out, whole, drift / placed if placed else 0.0


def _crossing(layouts: list[tuple[list, list, float]]) -> list[int]:
    """For each layout, how many lines inside the columns it keeps whole (runs across the
    gutters), from where it opens a page's columns on."""
    # a unit that never opens a page's columns keeps all their lines whole, not none of them:
    # they count from where the first unit that opens them does (bmgz-d6e83387a3's last page,
    # three short columns one space apart, opens only in the unit that reads the others right)
    counts = [0] * len(layouts)
    for page in range(len(layouts[0][1])):
        opens = [whole[page][0] for _pages, whole, _drift in layouts if whole[page][0] is not None]
        if not opens:
            continue
        begin = min(opens)
        for n, (_pages, whole, _drift) in enumerate(layouts):
            opened, kept = whole[page]
            counts[n] += sum(kept[begin if opened is None else opened:])
    return counts


def _ink_of(text: str) -> float:
    # in CJK characters: half-width digits and the punctuation OCR turned half-width count half
    return sum(1.0 if ch >= "\u1100" and unicodedata.east_asian_width(ch) in _WIDE else 0.5 for ch in text)


@rule
def read_across(state: LexState, lines: list[Line]) -> tuple[str, float] | None:
    """OCR that read a page straight across its columns, one space between them, is side-by-side text.

    Why: where the gutter is narrow, tesseract (psm 3 as well as psm 4) reads
    each row of a page across all its columns and puts one space, seldom a
    run of them, between a column's line and the next column's: too few runs
    of spaces to tell by them.  What tells is the rows: in many of them the
    part before a space is as wide as a full line of a column, and more text
    follows it; a text read column by column has such a space in few lines
    (after a label, 第一条 为了…, wherever the label ends).  It is asked only
    of text where some rows pad a column's short last line with a run of
    spaces up to the next column, as OCR does: pdftotext's default mode also
    puts lines of two columns one space apart, but never pads, and the
    interleaved lines it makes are read by :mod:`.interleave`.

    - across: ``第一条 为了规范互联网信息服务算法推荐 从事危害国家安全和社会公共利益、扰乱经济秩``
      over most rows, the first half 20 characters wide on each;
    - column by column: ``第一条 为了规范互联网信息服务算法推荐`` / ``活动，弘扬社会主义核心价值观，维护国家安全``.
    """
    long = [ln.text for ln in lines if _ink_of(ln.text) >= 2 * ACROSS_COLUMN_MIN]
    if len(long) < ACROSS_ROWS:
        return None
    # where each long line may be cut: the width before each space with enough text after it
    cuts = []
    for text in long:
        here = set()
        ink = 0.0
        for k, ch in enumerate(text):
            if ch == " " and ink >= ACROSS_COLUMN_MIN and _ink_of(text[k:].strip()) >= ACROSS_COLUMN_MIN / 2:
                here.add(round(ink * 2))
            ink += _ink_of(ch)
        cuts.append(here)
    best, width = 0, 0
    for w in range(2 * ACROSS_COLUMN_MIN, max((max(c) for c in cuts if c), default=0) + 1):
        n = sum(1 for c in cuts if any(abs(x - w) <= 2 * ACROSS_SLACK for x in c))
        if n > best:
            best, width = n, w
    if best < ACROSS_ROWS or best < ACROSS_SHARE * len(long):
        return None
    # recorded by the caller once the columns are found: evidence alone reorders nothing
    return (f"{best} of {len(long)} long lines are two columns' lines one space apart, the first "
            f"{width / 2:g} characters wide"), width / 2


def _across_row(text: str, width: float) -> bool:
    """Whether a line holds two columns' lines: a full column line and one more space, or a
    short one padded with a run of spaces, with text after it."""
    ink = 0.0
    for k, ch in enumerate(text):
        if ch == " " and ink and text[k + 1:].strip() and (
                abs(ink - width) <= ACROSS_SLACK or text[k + 1:k + 2] == " "):
            return True
        ink += _ink_of(ch)
    return False


@rule
def across_block(state: LexState, lines: list[Line], width: float) -> set[int]:
    """Where OCR's rows read across the columns stop without a page note, the lines after them
    (a run of lines that hold one column's line each) do not count in finding the gutters.

    Why: a newspaper page may print the regulation's first page in two
    columns read across and go on in lines of one column (the next pages, read
    column by column, or a box of news across the page); counted with them,
    the gutter of the rows across shows in too few lines to be found.  A run
    of GUTTER_LINES_MIN lines in a row no wider than a column's full line,
    with no second column's text, ends the block of rows across; where its
    lines are read is :func:`columns_end`'s to say.

    - set apart: ``国务院行政复议机构可以发布行`` / ``政复议指导性案例。`` / … six
      lines of one column and more after the rows read across;
    - in the block: a short row ``的，依照其规定。`` between rows read across.
    """
    out: set[int] = set()
    inside = False
    run: list[int] = []
    for k, ln in enumerate(lines):
        if _across_row(ln.text, width):
            inside = True
            run = []
        elif _ink_of(ln.text) <= width + OVERFULL:
            run.append(k)
            if len(run) >= GUTTER_LINES_MIN:
                inside = False
                out.update(run)
        else:
            run = []
    if out:
        state.decide("across_block", f"{len(out)} lines of one column after rows read across left out "
                     "of the gutters", (lines[min(out)].start, lines[max(out)].end))
    return out


def _article_number(text: str) -> int | None:
    mark = read_mark(text) if text else None
    return mark.number if mark is not None and mark.kind == "article" else None


@rule
def columns_end(state: LexState, page: list, ncol: int) -> int:
    """Where the columns of a page end though no page note says so: the lines after the last
    row of side-by-side lines that go on from the last column, as the numbering shows.

    Why: OCR of page images run one after another marks no page break where a
    page ends with a row of two columns' lines and the next page begins with
    lines of one column; read as lines of the first column, the next page would
    come before the second column of this one.  Its first article tells: it
    is numbered next after the last article of the last column, not after the
    first column's.

    - the page ends: ``第二十五条 国家和省…`` after rows whose right column
      reached 第二十四条 and whose left column ended in 第十八条;
    - the first column goes on: ``第九条 …`` after rows whose left column reached 第八条.
    """
    last_two = max((r for r, (_ln, parts, _w) in enumerate(page) if parts and len(parts) > 1), default=None)
    if last_two is None:
        return len(page)
    tail = page[last_two + 1:]
    # (a line across the gutters, news after the regulation, stands where it is anyway)
    if not tail or any(parts is not None and (len(parts) != 1 or parts[0][0] != 0) for _ln, parts, _w in tail):
        return len(page)
    numbered = [(k, n) for k, (ln, _p, _w) in enumerate(tail) if (n := _article_number(ln.text)) is not None]
    if not numbered:
        return len(page)
    last: list[int | None] = [None] * ncol
    for ln, parts, _w in page[:last_two + 1]:
        for col, i, j in parts or ():
            n = _article_number(ln.text[i:j])
            if n is not None:
                last[col] = n
    nxt = next((k for k, n in numbered if last[-1] is not None and n == last[-1] + 1), None)
    if nxt is None or numbered[0][1] == (last[0] or 0) + 1 == last[-1] + 1:  # type: ignore[operator]
        return len(page)
    cut = 0
    if nxt != numbered[0][0]:
        if numbered[0][1] != (last[0] or 0) + 1:
            return len(page)
        # the first column goes on into these lines first: its lines end where a block starts
        # (a blank line, a heading, a line across the page) before the last column's next article
        cut = nxt
        for k in range(numbered[0][0] + 1, nxt):
            ln, parts, _w = tail[k]
            mark = line_mark(ln)
            if parts is None or ln.blank_before or (mark is not None and mark.kind != "article"):
                cut = k
                break
    state.decide("columns_end", f"the columns end before {tail[cut][0].text[:12]}…: article "
                 f"{tail[nxt][0].text[:4]} follows the last column's", (tail[cut][0].start, tail[-1][0].end))
    return last_two + 1 + cut


def _flush(state: LexState, columns: list[list[Line]], rows_of: list[list[int]], alone: set[int],
           out: list[Line]) -> None:
    """The columns read so far appended to ``out`` one after another, each line alone on its
    row that belongs to the next column moved there first (:func:`next_column_line`)."""
    if len(columns) > 1:
        for k in sorted(alone, reverse=True):
            next_column_line(state, columns, rows_of, k)
    for col, rows in zip(columns, rows_of):
        out.extend(col)
        col.clear()
        rows.clear()
    alone.clear()


@rule
def next_column_line(state: LexState, columns: list[list[Line]], rows_of: list[list[int]], k: int) -> bool:
    """A line alone on its row, read at the row's start, belongs to the second column when the
    first column's next line starts anew and the second column's next line goes on from it.

    Why: OCR drops the blank space in front of a line that has nothing beside it,
    so a line of the second column alone on its row (the first column had a
    blank line or a heading's space there) stands where the first column's
    lines start.  Its place tells nothing; its sentence does: it does not end,
    the first column's next line starts with a label (so it cannot go on
    there), and the second column's next line goes on without one.

    - moved: ``算法推荐服务提供者不得利用算法推荐服务`` between ``第_意总则`` and
      ``第一条 …`` on the left, before ``从事危害国家安全…`` on the right;
    - kept: ``行政法规，制定本规定`` before ``第二条 …``, the right column's next
      line ``第七条 …`` a label of its own.
    """
    left, right = columns[0], columns[1]
    line, row = left[k], rows_of[0][k]
    if ends_closed(line.text) or k + 1 >= len(left) or line_mark(left[k + 1]) is None:
        return False
    after = next((m for m, r in enumerate(rows_of[1]) if r > row), None)
    if after is None or line_mark(right[after]) is not None:
        return False
    if after and not ends_closed(right[after - 1].text) and line_mark(line) is not None:
        # the line before in the second column is cut mid-sentence: a label cannot follow it
        return False
    del left[k]
    del rows_of[0][k]
    right.insert(after, line)
    rows_of[1].insert(after, row)
    state.decide("next_column_line", f"{line.text[:12]}… read in the next column: its sentence goes on there",
                 (line.start, line.end))
    return True


@rule
def side_by_side_columns(state: LexState, source: str, lines: list[Line]) -> list[Line]:
    """Text that prints the columns of a page side by side is read column by column.

    Why: ``pdftotext -layout`` puts one line of every column on each output
    line, separated by runs of spaces (one space where a column line is
    full); read across, every sentence would run into its neighbours'.  The
    gutters are the positions that stay blank over the page's lines, counted
    in the unit that lines them up best (pdftotext gives a CJK character one
    cell of its grid, other tools two); a line whose text crosses them (a
    masthead, a headline) is kept whole, where it stands.  A part of a line
    wider than a column's full line is two columns' lines one space apart
    (a narrow gutter): it is cut where the full line ends.

    - split: ``   第一条 为了加强医疗器械经 查、检验、监测与评价等专业技`` (two columns);
    - kept: ``第一条　为了加强医疗器械经营监督管理，规范医疗器械经营活动。`` (one column).
    """
    spaced = 0
    for ln in lines:
        if "  " in ln.text:
            spaced += 1
    across = None
    if spaced >= GUTTER_LINES_MIN and spaced < SPACED_SHARE * len(lines):
        across = read_across(state, lines)
    if spaced < GUTTER_LINES_MIN or (spaced < SPACED_SHARE * len(lines) and across is None):
        return lines
    # the unit the columns line up in: of those that find columns, the one in which the
    # fewest lines inside them run across the gutters
    breaks = frozenset(id(lines[k]) for k in across_block(state, lines, across[1])) if across is not None \
        else frozenset()
    layouts = [_layout(source, lines, _widths(cjk), across is not None, breaks) for cjk in CJK_WIDTHS]
    crossing = _crossing(layouts)
    pages = min(zip(layouts, crossing), key=lambda lc: (not any(starts for _cut, starts, _unit in lc[0][0]),
                                                        lc[1], lc[0][2]))[0][0]
    out: list[Line] = []
    split_pages = 0
    for page, starts, unit in pages:
        if not starts:
            out.extend(ln for ln, _parts, _w in page)
            continue
        split_pages += 1
        ncol = len(starts)
        # each column's left edge: where most of its lines start (the others are indented)
        edge = [_mode([w[1][i] for _, parts, w in page if parts for c, i, _ in parts if c == col]) for col in range(ncol)]
        columns: list[list[Line]] = [[] for _ in range(ncol)]
        # OCR read across (one space between the columns) drops the blank space before a line
        # alone on its row and marks no page end, but keeps the blank lines between the first
        # column's blocks; pdftotext -layout keeps the positions and ends its pages
        ocr = across is not None
        # the row each column line came from, and the lines alone on a row at its very start
        rows_of: list[list[int]] = [[] for _ in range(ncol)]
        alone: set[int] = set()
        started = False
        if breaks:
            # a line of one column after the rows read across is one line, however OCR spaced it
            page = [(ln, [(0, 0, len(ln.text))] if id(ln) in breaks else parts, where) for ln, parts, where in page]
        after = columns_end(state, page, ncol) if ocr else len(page)
        for r, (ln, parts, where) in enumerate(page):
            # above the columns (a headline centred over the page) a line is read where it stands
            started = started or _opens(parts, where[1] if where else [], starts, unit)
            if parts is None or not started or r >= after:
                # text across the gutters: between the blocks of columns, where it stands
                _flush(state, columns, rows_of, alone, out)
                out.append(ln)
                continue
            for k in (range(len(ln.text)) if "|" in ln.text else ()):
                if ln.text[k] == "|" and not any(i <= k < j for _c, i, j in parts):
                    state.noise.append(noise_record("column_rule", "|", (ln.start + k, ln.start + k + 1)))
            for col, i, j in parts:
                a = ln.start + i
                # an indented paragraph start counts as a full line, as in hard-wrapped text
                indent = max(0, (where[1][i] - edge[col]) // unit)
                # a column goes on from the one before it: its first line starts no paragraph
                # a row where a column has no line says nothing of its paragraphs (the
                # rows of the columns need not line up): indents and line ends do
                columns[col].append(Line(ln.text[i:j], [(a, a + j - i)],
                                         blank_before=not col and ln.blank_before and (not columns[col] or ocr),
                                         page_break=ln.page_break and not columns[col], raw_len=j - i + indent))
                rows_of[col].append(r)
                if ocr and len(parts) == 1 and col == 0 and where[1][i] == 0 and id(ln) not in breaks:
                    alone.add(len(columns[0]) - 1)
        _flush(state, columns, rows_of, alone, out)
    if not split_pages:
        return lines
    if across is not None:
        state.decide("read_across", across[0], (lines[0].start, lines[-1].end))
    state.decide("side_by_side_columns", f"columns printed side by side read one after another "
                 f"({split_pages} pages)", (lines[0].start, lines[-1].end))
    return out

