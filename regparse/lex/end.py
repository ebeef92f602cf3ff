"""Stage 5, end of body: where the regulation ends on a page that goes on with other text."""
from __future__ import annotations

from ..catalogue import COMMENTARY_FIRST, COMMENTARY_HEADING, COMMENTARY_LINE, DIVISION_RANK, NEWS_FIRST, SOURCE_LINE
from ..normalize import line_noise
from .registry import rule
from .state import LexState, LogicalLine
from .text import ends_closed, news_or_credit

__all__ = ["regulation_end", "commentary_after_end", "HEADLINE_MAX"]

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
        if text[0] in COMMENTARY_FIRST and commentary_after_end(state, logical, i):
            return i
        boundary = (ll.heading and ll.kind not in ("annex",)) or news_or_credit(text) \
            or (text[0] in NEWS_FIRST and SOURCE_LINE.match(text))
        if boundary:
            prev = logical[i - 1]
            end = i
            if i - 1 > last and prev.kind == "text" and len(prev.text) <= HEADLINE_MAX and not ends_closed(prev.text):
                end = i - 1
            state.outside(logical[end:], "after", "regulation_end")
            state.after_end.append(("news after the regulation", logical[end], logical[-1]))
            return end
    return len(logical)


@rule
def commentary_after_end(state: LexState, logical: list[LogicalLine], i: int) -> bool:
    """Commentary printed after the regulation ends it: the line that opens it
    and every line after it are noise (``commentary``), reported.

    Why: newspapers and sites print an interpretation (【解读】, 解读：), an
    editor's note (编者按), related links (相关链接), an editor's credit
    (责任编辑：…) or a news report (记者了解到…) after the last article; it is
    no paragraph of that article.  A last article's own paragraphs, and the
    content of 附则, open with none of these.

    - commentary: 「第三十条　本条例自发布之日起施行。」 / 「【解读】」 / 「本条例共三十条…」;
    - a paragraph: 「第三十条　…施行。」 / 「本条例施行前发布的规定与本条例不一致的，以本条例为准。」.
    """
    ll = logical[i]
    if COMMENTARY_LINE.match(ll.text) is None:
        # a heading word alone on its line (政策解读, 相关链接) that the wrap joins put before the next line
        word = COMMENTARY_HEADING.match(ll.text)
        if word is None or ll.phys == 1 or ll.pieces[0][1] - ll.pieces[0][0] != word.end():
            return False
    for kept in logical[i:]:
        state.noise.extend(line_noise("commentary", kept))
    state.after_end.append(("commentary after the regulation", ll, logical[-1]))
    state.decide("commentary_after_end", f"「{ll.text[:20]}」 opens commentary after the regulation: it and the "
                 f"{len(logical) - i - 1} lines after it kept out", (ll.start, logical[-1].end))
    return True
