"""Stage 5, end of body: where the regulation ends on a page that goes on with other text."""
from __future__ import annotations

from ..catalogue import DIVISION_RANK, NEWS_FIRST, SOURCE_LINE
from .registry import rule
from .state import LexState, LogicalLine
from .text import ends_closed, news_or_credit

__all__ = ["regulation_end", "HEADLINE_MAX"]

#: a headline above the news after a regulation is short
HEADLINE_MAX = 40


@rule
def regulation_end(state: LexState, logical: list[LogicalLine]) -> int:
    """Where the regulation ends: the index of the first logical line after it.

    Why: after the last article, a credit line (（新华社北京…电）, （责编：…）),
    a news lead or byline, a reprint source line or a markdown heading that is
    not an annex ends the regulation; a headline just before a news lead
    (short, not a sentence) goes with the news.

    - ends: 「第三十条　本条例自发布之日起施行。」 / 「（完）」;
    - goes on: 「第三十条　…」 / 「附件　…」.
    """
    last = -1
    for i in range(len(logical) - 1, -1, -1):
        if logical[i].kind == "article" or logical[i].kind in DIVISION_RANK:
            last = i
            break
    if last < 0:
        return len(logical)
    for i in range(last + 1, len(logical)):
        ll = logical[i]
        text = ll.text
        boundary = (ll.heading and ll.kind not in ("annex",)) or news_or_credit(text) \
            or (text[0] in NEWS_FIRST and SOURCE_LINE.match(text))
        if boundary:
            prev = logical[i - 1]
            end = i
            if i - 1 > last and prev.kind == "text" and len(prev.text) <= HEADLINE_MAX and not ends_closed(prev.text):
                end = i - 1
            state.outside(logical[end:], "after", "regulation_end")
            return end
    return len(logical)
