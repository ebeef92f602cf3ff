"""Stage 3¾, a heading's last line that OCR set apart as a paragraph of its own.

tesseract (psm 3) ends a block where the line spacing grows, and a bold
heading's wrapped last line sits lower than the lines of its column: the
last words of the title come out as a paragraph of their own, between blank
lines, before the first article.  The wrapped headings with no blank line
inside are :func:`regparse.lex.interleave.heading_runover`'s.
"""
from __future__ import annotations

import re

from ..catalogue import DIVISION_RANK
from ..normalize import Line
from .interleave import heading_with_title
from .marks import line_mark
from .registry import rule
from .state import LexState

__all__ = ["heading_tail", "TAIL_MAX"]

#: a heading's last line holds at most this many characters (the rest of a title is a word or two)
TAIL_MAX = 4
#: a title's rest: Han characters only (no sentence mark, no page number, no stray latin of a
#: picture's edge), with the brackets a title may hold
_TAIL = re.compile(r"[\u4e00-\u9fff（）()、]+")


def _heading(line: Line):
    """The division mark of ``line`` if it is a heading with a title and no sentence in it, else None."""
    mark = line_mark(line)
    if mark is None or mark.kind not in DIVISION_RANK or mark.rest >= len(line.text):
        return None
    return mark if _TAIL.fullmatch(line.text[mark.rest:].strip(" ”“\"")) else None


def _starts_unit(line: Line) -> bool:
    """Whether ``line`` opens an article or a division after a break."""
    mark = line_mark(line)
    return (line.blank_before or line.page_break) and mark is not None \
        and (mark.kind == "article" or mark.kind in DIVISION_RANK)


@rule
def heading_tail(state: LexState, lines: list[Line]) -> list[Line]:
    """A short line standing alone between a heading that fills its column's line and the next article is the heading's last line.

    Why: tesseract makes a paragraph of the wrapped last line of a bold
    heading (it sits lower than the column's lines), often misread; a line
    of a word or two with no sentence mark in it, set apart by blank lines,
    right after a heading as wide as the column's full lines (so it was
    wrapped) and right before the next article or heading, is nothing of
    the article after it and nothing of the heading's column but the rest
    of its title.  A heading shorter than the column's lines ended where it
    stands, a line with a digit or a sentence mark is a page's number or a
    sentence, and a line before more text is an article's cut start.

    - joined: ``第二章计税依据和应纳`` / (blank) / ``税疾`` / (blank) / ``第七条 应税污染物的计`` (the
      title 计税依据和应纳税疾, read 应纳税额 by :func:`~regparse.lex.repairs.ocr_title_from_body`);
    - kept: ``第一章 总则`` / (blank) / ``通则`` / (blank) / ``第一条 为了规范`` (a heading
      shorter than the column's lines: the line is another one's).
    """
    # the length from which a line reaches the column's edge (with the slack a bold, centred heading needs)
    full = state.blank_paragraphs
    if not full:
        return lines
    out: list[Line] | None = None
    n = len(lines)
    k = 0
    while k < n:
        ln = lines[k]
        if k + 2 < n and ln.raw_len >= full:
            mark = _heading(ln)
            tail = lines[k + 1]
            if mark is not None and tail.blank_before and not tail.page_break and len(tail.text) <= TAIL_MAX \
                    and _TAIL.fullmatch(tail.text) and line_mark(tail) is None and _starts_unit(lines[k + 2]):
                if out is None:
                    out = lines[:k]
                joined = heading_with_title(ln, [tail], mark)
                out.append(joined)
                state.tails.add(joined.start)
                state.decide("heading_tail", f"{tail.text} after {ln.text} read as the heading's last line",
                             (joined.start, joined.end))
                k += 2
                continue
        if out is not None:
            out.append(ln)
        k += 1
    return lines if out is None else out
