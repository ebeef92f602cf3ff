"""Stage 0, wrap width: whether the text was hard-wrapped, and at what width."""
from __future__ import annotations

from ..normalize import Line
from .registry import rule
from .state import LexState

__all__ = ["wrap_width", "WRAP_LINE_MIN", "WRAP_LINES_MIN", "WRAP_SHARE", "WRAP_LONGER_SHARE"]

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
    long = 0
    for ln in lines:
        n = ln.raw_len
        if n >= WRAP_LINE_MIN:
            long += 1
            counts[n] = counts.get(n, 0) + 1
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
