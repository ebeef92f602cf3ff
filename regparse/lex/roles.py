"""Stage 6, roles: each logical line becomes one grammar token.

Inside a paragraph the first marker style met is the item style; a different
style while items are open is the sub-item style; a third style is kept as
text of the current sub-item.  An unmarked line after items starts a new
paragraph, unless the next line continues the list (（二） after （一））: then
it goes on with the item before it.  ① counts only inside an open item.
"""
from __future__ import annotations

from ..catalogue import CLOSING_HEADING_WORDS, DIVISION_RANK, HEADING_BRACKETS, HEADING_NEVER, ITEM_STYLES
from ..grammar import LineToken
from .regions import annex_regulation
from .registry import rule
from .state import LexState, LogicalLine

__all__ = ["roles", "Lists", "item_list", "subitem_list", "relabelled_list", "circled_outside_item",
           "third_style_text", "item_continuation", "closing_heading", "annex_demoted", "appendix", "bracket_heading"]


# the kinds of line regparse.lex.enumerated gives and the token of each
_ENUMERATED_ROLES = {"point": "POINT", "point_text": "POINT_TEXT", "closing": "CLOSING", "annex_text": "ANNEX_TEXT"}


class Lists:
    """The item and sub-item lists open in the current paragraph."""

    __slots__ = ("item_style", "sub_style", "third_style", "last_item", "last_sub")

    def __init__(self) -> None:
        self.item_style: str | None = None
        self.sub_style: str | None = None
        self.third_style: str | None = None     # a style kept as text inside the open sub-item
        self.last_item = 0
        self.last_sub = 0


def roles(state: LexState, logical: list[LogicalLine]) -> list[LineToken]:
    """Logical lines → grammar tokens, the front matter first."""
    tokens: list[LineToken] = [LineToken(kind.upper(), line) for kind, line in state.front_tokens]
    lists = Lists()
    # the next line that is not plain text, for each line (one pass, so that a
    # long run of unmarked lines inside a list is not scanned again per line)
    next_marked = [len(logical)] * len(logical)
    following = len(logical)
    last_division = last_article = -1
    for j in range(len(logical) - 1, -1, -1):
        next_marked[j] = following
        kind = logical[j].kind
        if kind != "text":
            following = j
            if last_division < 0 and kind in DIVISION_RANK:
                last_division = j
            elif last_article < 0 and kind == "article":
                last_article = j
    for i, ll in enumerate(logical):
        kind = ll.kind
        role = _ENUMERATED_ROLES.get(kind)
        if role is not None:
            # decided by regparse.lex.enumerated
            lists.item_style = lists.sub_style = None
            tokens.append(LineToken(role, ll, ll.mark))
            continue
        if kind == "article" or kind in DIVISION_RANK:
            lists.item_style = lists.sub_style = None
            lists.last_item = 0
            if kind == "article" and ll.text[ll.mark.rest:ll.mark.rest + 1] in HEADING_BRACKETS:  # type: ignore[union-attr]
                bracket_heading(state, ll)
            tokens.append(LineToken(kind.upper(), ll, ll.mark))
            continue
        if kind in ("heading", "preamble_mark", "toc"):
            lists.item_style = lists.sub_style = None
            if kind == "heading" and i > last_division >= 0 and closing_heading(state, ll):
                last_division = len(logical)   # the first one closes them; later ones are plain headings
                tokens.append(LineToken("CLOSING_HEADING", ll, ll.mark))
                continue
            tokens.append(LineToken("HEADING", ll, ll.mark))
            continue
        if kind == "annex" and annex_demoted(state, ll, i < last_article and not _own_articles(state, logical, i)):
            kind = ll.kind = "text"
        if kind == "annex":
            appendix(state, logical, i, tokens)
            break
        if kind in ITEM_STYLES:
            number = ll.mark.number or 0  # type: ignore[union-attr]
            role = ((kind == "circled" and circled_outside_item(state, lists, ll, kind))
                    or item_list(state, lists, ll, kind, number)
                    or subitem_list(state, lists, ll, kind, number) or third_style_text(state, lists, ll))
            tokens.append(LineToken(role, ll) if role == "TEXT" else LineToken(role, ll, ll.mark))
            continue
        # an unmarked line
        if lists.item_style is not None and item_continuation(state, logical, i, lists, next_marked):
            tokens.append(LineToken("ITEM_TEXT", ll))
            continue
        lists.item_style = lists.sub_style = None
        tokens.append(LineToken("TEXT", ll))
    return tokens


@rule
def bracket_heading(state: LexState, ll: LogicalLine) -> bool:
    """A bracketed phrase right after an article's label is its heading, of any
    length: 第一条【立法目的】为了…, and ［…］ read as 【…】.

    Why: local regulations print each article's heading in brackets before
    its text; a heading is a phrase, so brackets that hold the end of a
    sentence (【本条已删除。】) or never close are the article's text.

    - heading: 「第一条【立法目的】为了规范示例工作，制定本条例。」, 「第二条［适用范围］…」;
    - text: 「第三条【本条已于2020年删除。】」, 「第四条　本条例所称【示例】是指…」.
    """
    text = ll.text
    start = ll.mark.rest  # type: ignore[union-attr]
    close = text.find(HEADING_BRACKETS[text[start]], start + 2)
    if close < 0 or any(ch in HEADING_NEVER for ch in text[start + 1:close]):
        return False
    ll.title_end = close - start
    state.decide("bracket_heading", f"{text[start:close + 1][:30]} is the heading of {ll.mark.label}",  # type: ignore[union-attr]
                 (ll.start, ll.end))
    return True


def _own_articles(state: LexState, logical: list[LogicalLine], i: int) -> bool:
    """Whether the articles after the annex label at ``i`` are its own (an annex that is a regulation)."""
    stop = next((j for j in range(i + 1, len(logical)) if logical[j].kind == "article"), len(logical))
    if stop == len(logical) or logical[stop].mark.number != 1 or not annex_regulation(logical, i, stop):  # type: ignore[union-attr]
        return False
    ll = logical[i]
    state.decide("annex_regulation", f"{ll.text[:12]} is a regulation of its own: the articles after it are its own",
                 (ll.start, logical[stop].end))
    return True


@rule
def circled_outside_item(state: LexState, lists: Lists, ll: LogicalLine, style: str) -> str | None:
    """① with no item open is text.

    Why: ①②③ number sub-items inside an item, and are printed as bullets in
    running text too; alone they open no list.

    - text: 「①本条例所称…」 in a paragraph without items;
    - sub-item: 「①…」 under 「（一）…」.
    """
    if lists.item_style is None and style == "circled":
        state.decide("circled_outside_item", f"{ll.mark.label} outside any item read as text",  # type: ignore[union-attr]
                     (ll.start, ll.end))
        return "TEXT"
    return None


@rule
def item_list(state: LexState, lists: Lists, ll: LogicalLine, style: str, number: int) -> str | None:
    """The first marker style met in a paragraph numbers its items (项).

    Why: items are （一） in most regulations, but old laws number them 一、
    and some 1．; the first style of a paragraph is the one its items use.

    - item: 「（一）当好党委参谋助手…」 as the first marked line of a paragraph;
    - not an item: 「1．…」 while （一） items are open (a sub-item).
    """
    if lists.item_style is None:
        lists.item_style = style
        lists.third_style = None
        lists.last_item = number
        if state.explain:
            state.decide("item_list", f"{ll.mark.label} opens a list of items", (ll.start, ll.end))  # type: ignore[union-attr]
        return "ITEM"
    if style == lists.item_style:
        lists.last_item = number
        lists.last_sub = 0
        lists.third_style = None
        return "ITEM"
    return None


@rule
def subitem_list(state: LexState, lists: Lists, ll: LogicalLine, style: str, number: int) -> str | None:
    """A second marker style while items are open numbers sub-items (目).

    Why: 1． under （一） is a 目; a sub-item list counts from 1.

    - sub-item: 「1．…」 under 「（一）…」;
    - item: 「(2)…」 right after 「（一）…」 (:func:`relabelled_list`).
    """
    if lists.sub_style == style and number == lists.last_sub + 1:
        lists.last_sub = number
        return "SUBITEM"
    if relabelled_list(state, lists, ll, number):
        return "ITEM"
    if lists.sub_style is None or style == lists.sub_style:
        lists.third_style = None
        if lists.sub_style is None and state.explain:
            state.decide("subitem_list", f"{ll.mark.label} opens a list of sub-items",  # type: ignore[union-attr]
                         (ll.start, ll.end))
        lists.sub_style = style
        lists.last_sub = number
        return "SUBITEM"
    return None


@rule
def relabelled_list(state: LexState, lists: Lists, ll: LogicalLine, number: int) -> bool:
    """（一） then (2), (3): the same list in another style, not sub-items.

    Why: OCR and relabelled sources change the style inside a list; sub-items
    count from 1, so a style change that goes on with the next number is the
    same list.

    - item: 「(2)…」 after 「（一）…」;
    - sub-item: 「(1)…」 after 「（一）…」; text: 「②…」 after 「①…」 kept as text of a sub-item.
    """
    if number == lists.last_item + 1 and number != 1 and ll.kind != lists.third_style:
        lists.last_item = number
        lists.last_sub = 0
        state.decide("relabelled_list", f"{ll.mark.label} goes on with the list of items in another style",  # type: ignore[union-attr]
                     (ll.start, ll.end))
        return True
    return False


@rule
def third_style_text(state: LexState, lists: Lists, ll: LogicalLine) -> str:
    """A third marker style while items and sub-items are open is text of the sub-item.

    Why: regulations number 项 and 目; a third level (①② under 1． under （一）)
    has no node of its own, and its lines stay with the 目 they stand in, all
    of them: ② after ① is no item relabelled.

    - text of the sub-item: 「①…」 and 「②…」 under 「1．…」 under 「（一）…」;
    - a sub-item: 「1．…」 under 「（一）…」.
    """
    lists.third_style = ll.kind
    state.decide("third_style_text", f"{ll.mark.label} inside a sub-item kept as its text",  # type: ignore[union-attr]
                 (ll.start, ll.end))
    return "ITEM_TEXT"


@rule
def item_continuation(state: LexState, logical: list[LogicalLine], i: int, lists: Lists,
                      next_marked: list[int]) -> bool:
    """An unmarked line inside an item list goes on with the item before it
    when the next marked line continues the list (（二） after （一））.

    Why: a plain paragraph after a list of items starts a new 款, but a list
    whose items run over several paragraphs goes on after them.

    - item text: 「（一）…」 / 「具体办法另行规定。」 / 「（二）…」;
    - new 款: 「（一）…」 / 「（二）…」 / 「前款规定…」 and no （三）.
    """
    style = lists.item_style
    last = lists.last_item
    j = next_marked[i]
    while j < len(logical):
        nxt = logical[j]
        kind = nxt.kind
        if kind == style:
            if nxt.mark is not None and nxt.mark.number == last + 1:
                ll = logical[i]
                state.decide("item_continuation", f"unmarked line inside the list goes on with the item before it",
                             (ll.start, ll.end))
                return True
            return False
        if kind not in ITEM_STYLES:
            return False
        j = next_marked[j]
    return False


@rule
def closing_heading(state: LexState, ll: LogicalLine) -> bool:
    """附则 (附　则) standing alone after the last division closes every division.

    Why: 刑法's 附则 and its 第四百五十二条 belong to no 编: a code that prints
    附则 without a marker puts it after every 编 and 章.  Other unmarked
    headings (一、一般规定, a markdown heading) head a part of the division
    they stand in.

    - closes the divisions: 「附　则」 after the last 第X编;
    - a plain heading: 「附则」 before a later 第X章, 「一、一般规定」.
    """
    if "".join(ll.text.split()) not in CLOSING_HEADING_WORDS:
        return False
    state.decide("closing_heading", f"{ll.text} without a marker after the last division closes "
                 "every division: the articles after it stand outside them", (ll.start, ll.end))
    return True


@rule
def annex_demoted(state: LexState, ll: LogicalLine, articles_follow: bool) -> bool:
    """An annex label with articles after it is text, not an annex.

    Why: 附件 after the last article starts the appendices; one before an
    article is a line of the body (a list entry 附件一…).

    - text: 「附件一　…」 followed by 「第十条…」;
    - annex: 「附件一　…」 after the last article.
    """
    if articles_follow:
        state.decide("annex_demoted", f"{ll.text[:12]} is followed by articles: text, not an annex", (ll.start, ll.end))
    return articles_follow


@rule
def appendix(state: LexState, logical: list[LogicalLine], i: int, tokens: list[LineToken]) -> None:
    """From an annex label after the last article on, every line belongs to the
    appendices, each annex label starting the next (附件一, 附件二 …).

    - appendix: 「附件　…」 / its lines, after the last article;
    - body: the lines before it.
    """
    first = logical[i]
    count = 0
    for ll in logical[i:]:
        if ll.kind == "annex":
            tokens.append(LineToken("ANNEX", ll, ll.mark))
            count += 1
        else:
            tokens.append(LineToken("ANNEX_TEXT", ll, None))
    state.decide("appendix", f"{first.text[:12]} and the {len(logical) - i - 1} lines after it are "
                 f"{count} appendices", (first.start, logical[-1].end))
