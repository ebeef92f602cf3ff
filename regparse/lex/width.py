"""Stage 0, wrap width: whether the text was hard-wrapped, and at what width,
and whether its paragraphs are set apart by blank lines."""
from __future__ import annotations

from ..catalogue import MARK_FIRST
from ..normalize import Line
from .registry import rule
from .state import LexState
from .text import ends_closed

__all__ = ["wrap_width", "blank_paragraphs", "WRAP_LINE_MIN", "WRAP_LINES_MIN", "WRAP_SHARE", "WRAP_LONGER_SHARE",
           "BLANK_LINES_MIN", "BLANK_SHARE", "BLANK_APART_SHARE", "COLUMN_LINE_MAX", "EDGE_SLACK"]

#: lines shorter than this say nothing of a wrap width (headings, labels)
WRAP_LINE_MIN = 10
#: a wrap width needs this many lines to show
WRAP_LINES_MIN = 8
#: the share of long lines exactly at the width (and at least 4 of them)
WRAP_SHARE = 0.25
#: the share of long lines allowed to be longer than the width (+1: a closing mark)
WRAP_LONGER_SHARE = 0.03


@rule
def wrap_width(state: LexState, lines: list[Line]) -> int:
    """The width a hard-wrapped text was wrapped at, or 0 if it was not.

    Why: hard-wrapped text (PDF columns) has most of its lines exactly W
    characters long and almost none longer; text with a line per paragraph
    has lengths all over the place.

    - wrapped: a column whose lines are 16 characters, but for paragraph ends;
    - not wrapped: one line per paragraph.
    """
    counts: dict[int, int] = {}
    long = blanks = 0
    for ln in lines:
        n = ln.raw_len
        blanks += ln.blank_before
        if n >= WRAP_LINE_MIN:
            long += 1
            counts[n] = counts.get(n, 0) + 1
    # what blank_paragraphs reads, counted in this one pass over the lines
    state.line_counts = (blanks, long, counts)
    width = 0
    if long >= WRAP_LINES_MIN:
        candidate, best = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
        longer = sum(c for n, c in counts.items() if n > candidate + 1)
        if best >= max(4, long * WRAP_SHARE) and longer <= long * WRAP_LONGER_SHARE:
            width = candidate
    state.width = width
    if width and lines:
        state.decide("wrap_width", f"hard-wrapped at {width} characters a line", (lines[0].start, lines[-1].end))
    return width


#: blank lines set paragraphs apart only where there are at least this many of them …
BLANK_LINES_MIN = 8
#: … and they stand before at least this share of the lines
BLANK_SHARE = 0.15
#: of the plain lines after a line that ends a sentence, at least this share has a blank line before it
BLANK_APART_SHARE = 0.8
#: the usual line of a column is no longer than this (one line per paragraph is longer)
COLUMN_LINE_MAX = 36
#: a line that ends a sentence reaches the column's edge when it is at most this much shorter than the
#: usual line (the paragraph indent that OCR drops, and a character more or less in a justified line)
EDGE_SLACK = 3


@rule
def blank_paragraphs(state: LexState, lines: list[Line]) -> bool:
    """Whether a column's paragraphs are set apart by blank lines, so that a
    line break with no blank line after a line that reaches the column's edge
    is a wrap even after a sentence end.  Sets ``state.blank_paragraphs`` to
    the length from which a line reaches the edge (0: not set apart).

    Why: OCR of a newspaper column (tesseract) writes a blank line after each
    paragraph and wraps the lines of a paragraph at the column's edge, so a
    sentence that ends at the edge is followed by more of its paragraph on
    the next line; where a sentence end is followed by a plain line, a blank
    line comes between them most of the time, and the lines are short.  Text
    that sets only its articles apart has no blank line before its second
    paragraphs, and text with a line per paragraph has long lines.

    - set apart: ``报警人不报姓名的，应当记录在案。`` / ``报警人不愿意公开姓名的，应当为其保``
      in a column whose paragraphs have blank lines between them (one paragraph);
    - not: ``第五条　从事示例工作应当依法登记。`` / ``登记机关应当自受理之日起办结登记。``
      with no blank line between paragraphs (two paragraphs).
    """
    state.blank_paragraphs = 0
    blanks, long, counts = state.line_counts if state.line_counts else (0, 0, {})
    if blanks < BLANK_LINES_MIN or blanks < len(lines) * BLANK_SHARE or not long:
        return False
    # the median length of the lines that say something of a width
    seen = 0
    for usual in sorted(counts):
        seen += counts[usual]
        if seen * 2 > long:
            break
    if usual > COLUMN_LINE_MAX:
        return False
    after_closed = apart = 0
    prev = lines[0]
    mark_first = MARK_FIRST
    for ln in lines[1:]:
        if ln.text[0] not in mark_first and ends_closed(prev.text):
            after_closed += 1
            apart += ln.blank_before
        prev = ln
    if after_closed < BLANK_LINES_MIN or apart < after_closed * BLANK_APART_SHARE:
        return False
    state.blank_paragraphs = max(usual - EDGE_SLACK, WRAP_LINE_MIN)
    state.decide("blank_paragraphs", f"paragraphs set apart by blank lines ({apart} of {after_closed} plain lines "
                 f"after a sentence end have one before them): a line break alone after a line of "
                 f"{state.blank_paragraphs} characters or more is a wrap",
                 (lines[0].start, lines[-1].end))
    return True
