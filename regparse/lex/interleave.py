"""Stage 3½, interleaved columns: article lines out of sequence that are what they look like.

pdftotext's reading order, with a narrow gutter or tall line spacing,
interleaves the lines of neighbouring columns and merges the last lines of
two columns: article labels still stand at line starts, but out of order
and after lines of other columns cut mid-sentence, where the rule for a
wrapped reference (:func:`regparse.lex.starts.article_start`) reads them as
text.  When the labelled lines of a text come out of order often, each such
line with a separator after its label is an article the first time its
number is met.
"""
from __future__ import annotations

import re

from ..normalize import Line
from .marks import Mark, line_mark
from .registry import rule
from .state import LexState

__all__ = ["interleaved_columns", "out_of_order_article", "INTERLEAVED_DESCENTS_MIN", "INTERLEAVED_SHARE"]

# two digits with no unit between them (第三二六条): an OCR misreading, no article number
_MALFORMED = re.compile("[一二三四五六七八九][一二三四五六七八九]")

#: interleaved: at least this many labelled lines come after a higher number …
INTERLEAVED_DESCENTS_MIN = 3
#: … and they are at least this share of the labelled lines
INTERLEAVED_SHARE = 0.1


# what a label that reads as a reference goes on with (第十条的规定, 第十条、第十一条)
_REFERRING = frozenset({"的", "、", "，", ","})


def _labelled(mark: Mark | None, text: str) -> bool:
    return mark is not None and mark.kind == "article" and mark.sep and mark.number is not None \
        and text[mark.rest:mark.rest + 1] not in _REFERRING


@rule
def interleaved_columns(state: LexState, lines: list[Line]) -> bool:
    """Text whose article lines often come out of order has its columns interleaved.

    Why: in one column read in order, the labelled lines 第N条　… rise; a
    wrapped reference has no separator or reads as one (第十条规定的).  When
    pdftotext interleaves the lines of two or three columns, 第六条 comes
    before 第二条 again and again.

    - interleaved: ``第六条 药品监督管理部门依`` / ``第一条 为了加强医疗器械经`` / ``第二条 在中华人民共和国境`` / ``第七条 …``;
    - in order: ``第一条　…`` / ``第二条　…`` / ``依照本办法`` / ``第十条规定的程序办理。``.
    """
    # one pass on the hot path: the marks are read here once for the stages after
    labelled = descents = 0
    last = None
    for ln in lines:
        text = ln.text
        if text[0] == "第":
            mark = line_mark(ln)
            if mark is not None and mark.kind == "article" and mark.sep and mark.number is not None:
                if text[mark.rest:mark.rest + 1] in _REFERRING:
                    continue
                labelled += 1
                if last is not None and mark.number < last:
                    descents += 1
                last = mark.number
    if descents < INTERLEAVED_DESCENTS_MIN or descents < INTERLEAVED_SHARE * labelled:
        return False
    state.taken = set()
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
