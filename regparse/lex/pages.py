"""Stage −2, pages: the lines that head or foot the pages of a printed text.

A newspaper or gazette prints a running header on every page after the
first (the paper and its issue, the title of the regulation) and often a
footer.  The pre-pass removes the shapes of furniture it knows line by line
(:mod:`regparse.normalize`); a header it does not know, or one that
``pdftotext -layout`` prints across the page with the columns' gap inside
it, is found here by what makes it a header: the same words open most pages.
It is removed before the columns are found, so that neither half of it is
read as a line of a column.
"""
from __future__ import annotations

import re

from ..normalize import Line, flagged, line_noise
from .marks import line_mark
from .registry import rule
from .state import LexState

__all__ = ["running_header", "page_starts", "EDGE_LINES", "PAGES_MIN"]

#: how many lines at the top and at the bottom of a page may be its header or footer
EDGE_LINES = 2
#: a text needs this many pages before a line can repeat on enough of them to be a header
PAGES_MIN = 3
#: … and the line opens (or closes) at least this share of the pages after the first
REPEAT_SHARE = 0.5

# what changes from page to page in a header: page numbers, dates, issue numbers; and the spacing
_VARYING = re.compile(r"[\d０-９\s\u3000]+")


def _pages(source: str, lines: list[Line]) -> list[list[int]]:
    """The indices of ``lines`` page by page (a form feed ends a page)."""
    pages: list[list[int]] = [[]]
    last = 0
    for k, ln in enumerate(lines):
        if pages[-1] and "\f" in source[last:ln.start]:
            pages.append([])
        pages[-1].append(k)
        last = ln.end
    return pages


@rule
def running_header(state: LexState, source: str, lines: list[Line]) -> list[Line]:
    """A line that opens (or closes) most pages with the same words, numbers
    aside, is the pages' running header (or footer): page furniture, not text.

    Why: a gazette heads every page after the first with its name, the issue
    and the regulation's title; read as text, it lands in the middle of
    whatever article runs over the page break, and where the columns are
    printed side by side its two halves are taken for lines of two columns.

    - removed: ``江州市人民政府公报 2025年第8期        道路交通事故处理程序规定``
      at the top of pages 2 to 8; ``中原日报 公告``, once on each page after
      the first (the right half of a header whose left half, the date, was
      furniture known; pdftotext put it among the columns' lines);
    - kept: ``第一章　总则`` at the top of one page, a short line on page 1 too or twice on a page.
    """
    if "\f" not in source:
        return lines
    pages = _pages(source, lines)
    if len(pages) < PAGES_MIN:
        return lines
    # the words, numbers aside, of each line at the top or the bottom of a page
    edges: dict[int, str] = {}
    seen: dict[str, set[int]] = {}
    for p, page in enumerate(pages):
        for k in page[:EDGE_LINES] + page[max(EDGE_LINES, len(page) - EDGE_LINES):]:
            key = edges[k] = _VARYING.sub(" ", lines[k].text).strip()
            if len(key) >= 2:
                seen.setdefault(key, set()).add(p)
    need = max(2, REPEAT_SHARE * (len(pages) - 1))
    headers = {key for key, on in seen.items() if len(on) >= need}
    halves = _other_halves(lines, pages, edges, headers)
    if not headers and not halves:
        return lines
    out = []
    removed = 0
    for k, ln in enumerate(lines):
        if edges.get(k) in headers or k in halves:
            state.noise.extend(line_noise("page_furniture", ln))
            removed += 1
        else:
            out.append(ln)
    state.decide("running_header", f"{removed} lines heading or footing the pages removed "
                 f"({len(headers)} repeated)", (lines[0].start, lines[-1].end))
    return out


#: the other half of a header, apart from it, is a few words …
HALF_MAX = 16
#: … with no sentence in them
_SENTENCE = frozenset("。，；：！？,;:!?")


def _other_halves(lines: list[Line], pages: list[list[int]], edges: dict[int, str], headers: set[str]) -> set[int]:
    """The lines that hold the other half of a running header, set apart from
    it (pdftotext, reading a narrow gutter's columns, gives ``2025年6月5日
    星期四`` at the top and ``中原日报 公告`` among the column's lines): the same
    few words, no marker, once on every page after the first and not on the first."""
    headed = set(range(1, len(pages)))
    where: dict[str, list[int]] = {}
    on: dict[str, list[int]] = {}
    for p, page in enumerate(pages):
        for k in page:
            text = lines[k].text
            if len(text) > HALF_MAX or edges.get(k) in headers or any(ch in _SENTENCE for ch in text) \
                    or line_mark(lines[k]) is not None:
                continue
            key = _VARYING.sub(" ", text).strip()
            if len(key) >= 2:
                where.setdefault(key, []).append(k)
                on.setdefault(key, []).append(p)
    out: set[int] = set()
    for key, ps in on.items():
        if len(ps) == len(set(ps)) == len(headed) and set(ps) == headed:
            out.update(where[key])
    return out


def page_starts(source: str, lines: list[Line]) -> list[Line]:
    """``lines`` with the first line of each page marked as following a page
    break, where a form feed ends the pages (pdftotext ends every page with
    ``\\f``) and the page number or running header that marked the break was
    furniture removed."""
    if "\f" not in source:
        return lines
    for page in _pages(source, lines):
        if page:
            # a plain line has no page break of its own (normalize.PlainLine)
            line = lines[page[0]] = flagged(lines[page[0]])
            line.page_break = True
    return lines
