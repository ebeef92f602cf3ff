"""Stage 1, page regions: where each regulation on a page starts and ends.

Articles are numbered through a regulation, so an article numbered 第一条
after a run of articles starts another regulation (:func:`regions`).  On a
page that carries news first, the regulation starts after the news lead
(:func:`regulation_start`).
"""
from __future__ import annotations

import re

from ..catalogue import ISSUERS, REFERENCE_TAIL, REGULATION_TITLE_END, SELF_WORDS
from ..normalize import Line
from .marks import Mark, line_mark
from .registry import rule
from .state import LexState
from .text import TITLE_MAX, beside_parts, ends_closed, news_or_credit, title_like, title_of

__all__ = ["regions", "page_regions", "interleaved_lead", "regulation_start", "article_line", "names_regulation", "region_title", "annex_regulation"]


def article_line(line: Line) -> Mark | None:
    """The marker of a line that starts an article on a page (第X条 with a
    separator after it, or 第一条, not read as a reference), or None."""
    if line.text[0] != "第":
        return None
    mark = line_mark(line)
    if mark is None or mark.kind != "article" or not (mark.sep or mark.number == 1) \
            or REFERENCE_TAIL.match(line.text, mark.rest):
        return None
    if not mark.sep and line.text[mark.rest:mark.rest + 1] == "第":
        return None   # 第一条第一至三项: a wrapped reference (an article's text never starts 第 unspaced)
    return mark


@rule
def page_regions(lines: list[Line], state: LexState | None = None) -> list[tuple[int, int]]:
    """The line ranges of the regulations printed on a page, one per regulation.

    Why: articles are numbered through a regulation, so 第一条 after a run of
    articles starts another one.  The boundary between two of them is the
    first line after the last article of the first that names a regulation
    (the second one's title, wrapped over two lines or not, or a headline
    《…条例》 above it); failing that, the first line that reads as a title.
    An appendix title (税目税额表) or the wrapped tail of the last article
    names no regulation, and stays with the first.

    - two regions: 「第三条　…」 / 「附：」 / 「税目税额表」 / 「关于…的规定」 / 「第一条　…」;
    - one region: 第一条 … 第三条 with no second 第一条.

    ``state``, if given, records the decisions of :func:`interleaved_lead`.
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
    if len(starts) > 1 and interleaved_lead(lines, starts[0], starts[1],
                                            _article_numbers(lines, starts[0], starts[1]),
                                            _article_numbers(lines, starts[1], starts[2] if len(starts) > 2 else len(lines)),
                                            state):
        del starts[1]
        last_article[0] = last_article.pop(1)
    for k in range(len(starts) - 1, 0, -1):
        if annex_regulation(lines, last_article[k - 1] + 1, starts[k]):
            # the annex is part of the regulation before it: one region
            del starts[k]
            last_article[k - 1] = last_article.pop(k)
    if len(starts) <= 1:
        return [(0, len(lines))]
    bounds = [0]
    for k in range(1, len(starts)):
        gap = range(last_article[k - 1] + 1, starts[k])
        # a date line is no title
        cut = next((j for j in gap if names_regulation(lines, j, starts[k])), None)
        if cut is None:
            cut = next((j for j in gap if title_like(lines[j].text)), starts[k])
        bounds.append(cut)
    bounds.append(len(lines))
    return list(zip(bounds, bounds[1:]))


regions = page_regions


def _article_numbers(lines: list[Line], a: int, b: int) -> list[int]:
    """The numbers of the article lines of ``lines[a:b]`` (0 for one without a number)."""
    return [mark.number or 0 for ln in lines[a:b] if (mark := article_line(ln)) is not None]

#: pdftotext's interleaving puts at most this many article lines of the other columns before the 第一条 …
INTERLEAVED_LEAD_MAX = 3
#: … within this many lines of it
INTERLEAVED_LEAD_LINES = 40


@rule
def interleaved_lead(lines: list[Line], lead: int, first: int, lead_numbers: list[int], numbers: list[int],
                     state: LexState | None = None) -> bool:
    """A few articles numbered above 一 just before the 第一条, with no title between, are lines of the body's other columns: they start no regulation of their own.

    Why: with narrow gutters pdftotext interleaves the columns, and a line of
    the second or third column (第六条 …) can come before the first line of
    the first (第一条 …).  Such lines number articles the regulation after
    them lacks, below its last one; a regulation printed before another ends
    with its own articles, and the next one's title stands before its 第一条.

    - one regulation: ``第六条 药品监督管理部门依`` / ``（五）与经营的医疗器械相`` / ``第一条 为了加强医疗器械经`` … ``第七条 …``;
    - two: ``第三条　…`` / ``示例条例实施办法`` / ``第一条　…`` (a title between), or a 第三条 the second one has too.
    """
    if len(lead_numbers) > INTERLEAVED_LEAD_MAX or first - lead > INTERLEAVED_LEAD_LINES \
            or 1 in lead_numbers or set(lead_numbers) & set(numbers) or max(lead_numbers) > max(numbers):
        return False
    if any(names_regulation(lines, j, first) for j in range(lead, first)):
        return False
    if state is not None:
        state.decide("interleaved_lead", f"{len(lead_numbers)} article line(s) before the 第一条 are lines of "
                     "the other columns (interleaved), not another regulation", (lines[lead].start, lines[first].end))
    return True


#: a line that ends 本解释, 本条例 …: a sentence that names the regulation it stands in, no title
SELF_REFERENCE_END = re.compile(rf"本(?:{'|'.join(SELF_WORDS)})$")
#: the first line of a title wrapped over two is at least this long (the narrowest columns)
WRAPPED_TITLE_MIN = 12


def names_regulation(lines: list[Line], j: int, stop: int) -> bool:
    """Whether line ``j`` starts the title of a regulation (示例条例, 关于…的规定,
    a headline 印发《…条例》), alone or with the lines after it (a title wrapped
    over two or three lines), and does not go on with a wrapped line before it."""
    text = lines[j].text
    # a wrap may cut a title after a 、 (关于办理减刑、/ 假释案件…的规定)
    if not (title_like(text) or (text[-1] == "、" and len(text) >= WRAPPED_TITLE_MIN)) \
            or text[0] in "》」”）)、，" or line_mark(lines[j]) is not None:
        return False   # a title starts with no closing bracket and no marker (（一）, 第X条)
    if j:
        before = lines[j - 1].text
        if not ends_closed(before) and len(before) >= max(WRAPPED_TITLE_MIN, len(text)) \
                and not (text.startswith(ISSUERS) and title_like(before)):
            return False   # the line before was cut by the wrap: this one goes on with it
    candidate = text
    k = j
    while True:
        if len(candidate) > TITLE_MAX:
            return False
        if REGULATION_TITLE_END.search(title_of(candidate)) and candidate.count("（") == candidate.count("）"):
            return not SELF_REFERENCE_END.search(candidate)   # …达到本解释: a reference to itself
        # a wrapped title fills each line but its last: a short line (an appendix's title) joins nothing
        k += 1
        if k >= stop or len(lines[k - 1].text) < max(WRAPPED_TITLE_MIN, len(lines[k].text)) \
                or not title_like(lines[k].text) or lines[k].text.startswith(ISSUERS):
            return False   # a line that starts as a title does (中华人民共和国…) is a title of its own
        candidate += lines[k].text


def region_title(lines: list[Line]) -> str | None:
    """The title a region of a page names before its first article (for a
    diagnostic: the parse reads the title itself), or None."""
    first = next((i for i, ln in enumerate(lines) if article_line(ln) is not None), len(lines))
    for j in range(first):
        if names_regulation(lines, j, first):
            title = lines[j].text
            k = j + 1
            while not REGULATION_TITLE_END.search(title_of(title)) and k < first:
                title += lines[k].text
                k += 1
            return title_of(title)
    return None


@rule
def annex_regulation(lines: list, start: int, stop: int) -> bool:
    """An annex whose text is a regulation of its own (附件一 / 示例登记办法 /
    第一条 …) is part of the regulation it is annexed to: its 第一条 starts no
    second regulation.

    Why: an annex label (附件一, 附件：) on the line before the title that
    the restarted numbering follows (or on the title's own line) says the
    articles belong to an appendix.  A second regulation printed after the
    first's appendix has its title apart from the label, with the appendix's
    own lines between (附：/ 税目税额表 / the second's title).

    - annex: 「第三条　…」 / 「附件一」 / 「示例登记办法」 / 「第一条　…」;
    - a second regulation: 「附：」 / 「示例税目税额表」 / 「示例条例实施办法」 / 「第一条　…」.

    ``lines[start:stop]`` are the lines between the last article before and
    the 第一条 after; works on clean and on logical lines.
    """
    for j in range(start, stop):
        mark = line_mark(lines[j])
        if mark is None or mark.kind != "annex":
            continue
        rest = lines[j].text[mark.rest:]
        if rest:
            if REGULATION_TITLE_END.search(title_of(rest)) and not SELF_REFERENCE_END.search(rest):
                return True
        elif j + 1 < stop and names_regulation(lines, j + 1, stop):
            return True
    return False


@rule
def regulation_start(state: LexState, lines: list[Line]) -> int:
    """Where the regulation starts on a page that carries other text first.

    Why: a news lead (新华社…电, 本报讯, 全文如下, a credit line) before the
    first article means the regulation starts after it, at the first line that
    reads as a title (the headline 中共中央印发《…》 or the title of the full
    text); the lines before are not part of it.  Without such a lead the
    regulation starts at the top.

    A lead under a title when no title follows it is a news box the column
    reader put among the regulation's front matter (本报讯 under the issuing
    lines): the regulation starts at the top.

    - starts after the lead: 「新华社北京5月28日电　…」 / 「中国共产党工作机关条例」 / 「第一条…」;
    - starts at the top: 「中国共产党工作机关条例」 / 「第一条…」, 「中华人民共和国商标法」 / 「1982年8月23日…通过」 /
      「本报讯 为期两个月的…」 / 「第一条…」.
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
    if not any(names_regulation(lines, j, first) for j in range(lead + 1, first)):
        titled = next((j for j in range(lead) if _titled(lines, j, lead)), None)
        if titled is not None:
            # the title stands above the lead, and none under it: the column reader put a news
            # box printed beside the front matter under it (its lines are the front matter's to judge)
            state.decide("regulation_start", f"the title {lines[titled].text[:20]} stands above the news lead: "
                         "the regulation starts there", (lines[titled].start, lines[titled].end))
            return 0
    start = lead + 1
    for j in range(lead + 1, first):
        if title_like(lines[j].text):
            start = j
            break
    state.outside(lines[:start], "before", "regulation_start")
    return start


def _titled(lines: list[Line], j: int, stop: int) -> bool:
    """Whether line ``j`` (or its part before what is printed beside it) starts a regulation's title."""
    if names_regulation(lines, j, stop):
        return True
    parts = beside_parts(lines[j].text)
    if parts is None or line_mark(lines[j]) is not None:
        return False
    left = lines[j].text[:parts[0]]
    nxt = lines[j + 1].text if j + 1 < stop and line_mark(lines[j + 1]) is None else ""
    return any(REGULATION_TITLE_END.search(title_of(t)) for t in (left, left + nxt) if title_like(t))
