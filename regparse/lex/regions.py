"""Stage 1, page regions: where each regulation on a page starts and ends.

Articles are numbered through a regulation, so an article numbered 第一条
after a run of articles starts another regulation (:func:`regions`).  On a
page that carries news first, the regulation starts after the news lead
(:func:`regulation_start`).
"""
from __future__ import annotations

from ..catalogue import REFERENCE_TAIL
from ..normalize import Line
from .marks import Mark, line_mark
from .registry import rule
from .state import LexState
from .text import news_or_credit, title_like

__all__ = ["regions", "page_regions", "regulation_start", "article_line"]


def article_line(line: Line) -> Mark | None:
    """The marker of a line that starts an article on a page (第X条 with a
    separator after it, or 第一条, not read as a reference), or None."""
    if line.text[0] != "第":
        return None
    mark = line_mark(line)
    if mark is None or mark.kind != "article" or not (mark.sep or mark.number == 1) \
            or REFERENCE_TAIL.match(line.text, mark.rest):
        return None
    return mark


@rule
def page_regions(lines: list[Line]) -> list[tuple[int, int]]:
    """The line ranges of the regulations printed on a page, one per regulation.

    Why: articles are numbered through a regulation, so 第一条 after a run of
    articles starts another one.  The boundary between two of them is the
    first line after the last article of the first that reads as a title (the
    second one's title, or a headline above it).

    - two regions: 「第三条　…」 / 「关于…的规定」 / 「第一条　…」;
    - one region: 第一条 … 第三条 with no second 第一条.
    """
    starts: list[int] = []        # first article line of each regulation
    last_article: list[int] = []  # last article line of each
    prev = 0
    for i, ln in enumerate(lines):
        mark = article_line(ln)
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
            if title_like(lines[j].text):   # a date line is no title
                cut = j
                break
        bounds.append(cut)
    bounds.append(len(lines))
    return list(zip(bounds, bounds[1:]))


regions = page_regions


@rule
def regulation_start(state: LexState, lines: list[Line]) -> int:
    """Where the regulation starts on a page that carries other text first.

    Why: a news lead (新华社…电, 本报讯, 全文如下, a credit line) before the
    first article means the regulation starts after it, at the first line that
    reads as a title (the headline 中共中央印发《…》 or the title of the full
    text); the lines before are not part of it.  Without such a lead the
    regulation starts at the top.

    - starts after the lead: 「新华社北京5月28日电　…」 / 「中国共产党工作机关条例」 / 「第一条…」;
    - starts at the top: 「中国共产党工作机关条例」 / 「第一条…」.
    """
    first = next((i for i, ln in enumerate(lines) if article_line(ln) is not None), len(lines))
    if first == len(lines):
        return 0   # no regulation here: keep the page whole
    lead = -1
    for i in range(first):
        if news_or_credit(lines[i].text):
            lead = i
    if lead < 0:
        return 0
    start = lead + 1
    for j in range(lead + 1, first):
        if title_like(lines[j].text):
            start = j
            break
    state.outside(lines[:start], "before", "regulation_start")
    return start
