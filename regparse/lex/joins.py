"""Rules for whether a physical line goes on from the logical line before it.

A line goes on from the one before when that one was cut: it is a full line
of a hard-wrapped text, it stops mid-sentence (a column or page break, a PDF
line), or it is a label alone (「第十条」 / text).  A line that starts
structure, a markdown heading, a news line, and anything after a heading,
title or issuing line starts anew.

The rules form one ordered chain per kind of logical line (:data:`CHAINS`).
Each rule returns True (the line goes on), False (it starts anew) or None
(no opinion: the next rule decides); the first opinion wins.  The rule that
joined a line is recorded under its name.
"""
from __future__ import annotations

from typing import Callable, Optional

from ..catalogue import DIVISION_RANK, ITEM_STYLES, NEWS_FIRST, REFERENCE_TAIL
from ..normalize import Line
from .marks import Mark
from .registry import rule
from .state import LexState, LogicalLine
from .text import HEADING_TITLE_LINE_MAX, PARAGRAPH_INDENT, STANDALONE_KINDS, ends_closed, news_or_credit

__all__ = ["goes_on", "CHAINS", "UNWRAPPED_CHAINS", "BLANK_CHAINS", "BLANK_UNWRAPPED_CHAINS", "JOIN_RULES", "LIST_ENTRY_MAX", "HEADING_TITLE_LINE_MAX", "PARAGRAPH_INDENT"]

#: characters of a list entry (副委员长若干人，), well below a cut paragraph line
LIST_ENTRY_MAX = 20

Verdict = Optional[bool]
JoinRule = Callable[[LexState, LogicalLine, Line, Optional[Mark]], Verdict]


def _label_alone(cur: LogicalLine) -> bool:
    return cur.mark is not None and cur.mark.rest >= len(cur.text)


@rule
def heading_title_line(state: LexState, cur: LogicalLine, line: Line, mark: Mark | None) -> Verdict:
    """「第一章」 alone on its line, then its title on the next (PDF layout).

    Why: PDF and DOCX sources set the label and the title of a division on
    two lines; the title is short and no sentence.

    - joined: 「第一章」 / 「总则」;
    - not joined: 「第一章」 / 「第一条　为了…」.
    """
    if cur.kind in DIVISION_RANK and _label_alone(cur):
        return len(line.text) <= HEADING_TITLE_LINE_MAX and not ends_closed(line.text) and mark is None
    return None


@rule
def wrapped_heading(state: LexState, cur: LogicalLine, line: Line, mark: Mark | None) -> Verdict:
    """A division heading that fills the wrap width goes on to the next line.

    Why: a long heading of a narrow column wraps like any line.

    - joined: 「第六章　国家机构的组成和」 / 「职权」 at width 14;
    - not joined: a heading shorter than the width, or one with a blank line
      after it (OCR sets a heading apart: 第四章　遗产的处理 / (blank) / 第一千一百四十五 / 条…).
    """
    if cur.kind in DIVISION_RANK and state.width and cur.last_raw_len >= state.width and mark is None:
        return len(line.text) < state.width and not ends_closed(line.text) and not line.blank_before
    return None


@rule
def standalone_line(state: LexState, cur: LogicalLine, line: Line, mark: Mark | None) -> Verdict:
    """Nothing is joined to a heading, a title, an issuing line or an annex label.

    Why: these lines are whole as printed; the line after them starts anew.

    - not joined: 「第二章　职责」 / 「党的工作机关应当…」 (a paragraph, not the title);
    - (the opposite is :func:`heading_title_line`).
    """
    if cur.kind not in STANDALONE_KINDS:
        return None
    if state.explain and mark is None:
        state.decide("standalone_line", f"{line.text[:12]}… starts anew after the {cur.kind} line",
                     (line.start, line.end))
    return False


@rule
def label_alone(state: LexState, cur: LogicalLine, line: Line, mark: Mark | None) -> Verdict:
    """A 第X条 label alone on its line goes on with the text on the next.

    Why: some sources print the label on a line of its own.

    - joined: 「第十条」 / 「党的工作机关…」;
    - not joined: 「第十条　党的工作机关…。」 / 「第十一条　…」.
    """
    return True if cur.mark is not None and cur.mark.rest >= len(cur.text) else None


@rule
def full_line(state: LexState, cur: LogicalLine, line: Line, mark: Mark | None) -> Verdict:
    """A line of hard-wrapped text that fills the wrap width goes on to the next.

    Why: wrapping cuts paragraphs at the width, so a full line was cut; a full
    line that ends a sentence may end its paragraph too, and a blank line after
    it says it did (wrapping never adds one inside a paragraph).

    - joined: 「党的工作机关应当履行下列职」 / 「责：」 at width 13;
    - not joined: a full line ending in 。 and a blank line after it.
    """
    if state.width and cur.last_raw_len >= state.width:
        if mark is not None:
            return False
        return not (line.blank_before and ends_closed(cur.text))
    return None


@rule
def cut_ordinal(state: LexState, cur: LogicalLine, line: Line, mark: Mark | None) -> Verdict:
    """An item marker after a line that ends in 第 is the rest of an ordinal the wrap cut: joined.

    Why: 第 before a numeral makes an ordinal (安全第一, 第一项); a line cut
    right after it puts the numeral at the next line's start, where
    「一、预防为主」 reads as an item label.  A list never follows a 第.

    A citation cut after its 第 (依照本条第 / （一）项规定) is
    :func:`cut_item_marker`'s, but for a full line, which :func:`full_line`
    would otherwise judge first.

    - joined: ``第三条 特种设备安全工作应当坚持安全第`` / ``一、预防为主、节能环保、综合治理的原则。``;
    - not joined: ``…应当遵守下列规定：`` / ``一、…`` (a list after a colon).
    """
    if mark is None or mark.kind not in ITEM_STYLES or cur.text[-1] != "第":
        return None
    if not (state.width and cur.last_raw_len >= state.width) and cut_item_marker(state, cur, line, mark):
        return None
    state.decide("cut_ordinal", f"{line.text[:12]}… goes on from the 第 before it: an ordinal, no item",
                 (line.start, line.end))
    return True


def _narrow(text: str) -> bool:
    """Whether ``text`` holds a digit, a Latin letter or a space, narrower than a Chinese character:
    its length then says nothing of how much of the column's width it fills."""
    return any(ch < "\x80" for ch in text)


@rule
def indented_start(state: LexState, cur: LogicalLine, line: Line, mark: Mark | None) -> Verdict:
    """A line two characters short of the wrap width, cut mid-sentence, after a full line that ends a sentence, starts a paragraph.

    Why: a paragraph's first line is indented by two characters, so where it
    is cut at the column's edge it holds two characters fewer than the width;
    a line that goes on with a paragraph is full or, as its last line,
    ends a sentence.  A line with digits or Latin letters in it, narrower,
    is left to the other rules.  A full line that ends a sentence is otherwise joined
    (:func:`full_line`), since a sentence may end at the column's edge.

    - not joined: ``的固定资产折旧，准予扣除。`` / ``下列固定资产不得计算折`` at width 13;
    - joined: ``的固定资产折旧，准予扣除。`` / ``企业按照规定计算的固定资`` (full: the paragraph goes on).
    """
    if mark is not None or cur.last_raw_len < state.width or line.raw_len != state.width - PARAGRAPH_INDENT \
            or not ends_closed(cur.text) or ends_closed(line.text) or _narrow(line.text):
        return None
    state.decide("indented_start", f"{line.text[:12]}… starts a paragraph: indented after a sentence's end",
                 (line.start, line.end))
    return False


@rule
def wrap_in_block(state: LexState, cur: LogicalLine, line: Line, mark: Mark | None) -> Verdict:
    """A line that ends a sentence at the column's edge goes on to the next
    when no blank line comes between them, in text whose paragraphs blank
    lines set apart.

    Why: where blank lines set the paragraphs apart (:func:`regparse.lex.width.blank_paragraphs`,
    OCR of a column), a sentence that ends at the column's edge is followed by
    more of its paragraph on the next line; a new paragraph has a blank line
    before it.  A short line that ends a sentence ended its paragraph, blank
    line or not.

    - joined: ``辨认应当在交通警察的主持下进行。`` / ``主持辨认的交通警察不得少于二人。``;
    - not joined: the same two lines with a blank line between them.
    """
    if mark is not None or line.blank_before or line.page_break or cur.last_raw_len < state.blank_paragraphs \
            or not ends_closed(cur.text):
        return None
    return True


@rule
def sentence_end(state: LexState, cur: LogicalLine, line: Line, mark: Mark | None) -> Verdict:
    """A line that ends a sentence ends its paragraph.

    - not joined: 「…制定本条例。」 / 「党的工作机关…」;
    - (the opposite is :func:`mid_sentence`).
    """
    if not ends_closed(cur.text):
        return None
    if state.explain and mark is None:
        state.decide("sentence_end", f"{line.text[:12]}… starts a new paragraph: the line before ended a sentence",
                     (line.start, line.end))
    return False


@rule
def list_entry(state: LexState, cur: LogicalLine, line: Line, mark: Mark | None) -> Verdict:
    """The short comma-ended entries of a list after a colon are paragraphs.

    Why: 「由下列人员组成：」 / 「委员长，」 / (blank) / 「副委员长若干人，」 end
    with a comma and are paragraphs of their own.  A page break cuts a
    paragraph anywhere, seldom just after a short line that follows a colon.

    - not joined: 「委员长，」 (blank) 「副委员长若干人，」 after a line ending in ：;
    - joined: the same lines without the colon before them (a cut sentence).
    """
    if state.list_entry and line.blank_before and cur.text[-1] in "，," and len(cur.text) <= LIST_ENTRY_MAX:
        state.decide("list_entry", f"{cur.text} ends an entry of a list, not a line cut mid-sentence",
                     (cur.start, line.end))
        return False
    return None


@rule
def cut_item_marker(state: LexState, cur: LogicalLine, line: Line, mark: Mark | None) -> Verdict:
    """An item marker right after a line cut mid-sentence is text when a
    reference goes on through it.

    Why: 「…依照本条第」 / 「（一）项规定」: the wrap cut a citation.

    - joined: 「依照本条第」 / 「（一）项规定处理。」;
    - not joined: 「…下列职责：」 is closed, so 「（一）…」 after it is an item
      (and 「依照以下规定」 / 「（一）宣传…」 is an item after an open line).
    """
    if mark is not None and mark.kind in ITEM_STYLES:
        return REFERENCE_TAIL.match(line.text, mark.rest) is not None or line.text[mark.rest:mark.rest + 1] in "项目款"
    return None


@rule
def after_markdown_heading(state: LexState, cur: LogicalLine, line: Line, mark: Mark | None) -> Verdict:
    """Nothing is joined to a markdown heading line (## …).

    - not joined: 「## 一般规定」 / 「第一条…」;
    - joined: a plain line cut mid-sentence (:func:`mid_sentence`).
    """
    if not cur.heading:
        return None
    state.decide("after_markdown_heading", f"{line.text[:12]}… starts anew after a markdown heading",
                 (line.start, line.end))
    return False


@rule
def mid_sentence(state: LexState, cur: LogicalLine, line: Line, mark: Mark | None) -> Verdict:
    """A line that stops mid-sentence goes on to the next (a column, page or PDF line break).

    - joined: 「研究部署职责范围内的工」 / 「作；」;
    - not joined: 「…制定本条例。」 / 「第二条…」 (:func:`sentence_end`).
    """
    return True


def _chains(wrapped: bool, blank: bool = False) -> dict[str, tuple[JoinRule, ...]]:
    # the rules about the wrap width have no opinion on text that was not
    # wrapped: its chains leave them out; so does wrap_in_block where blank
    # lines do not set the paragraphs apart
    # where blank lines set the paragraphs apart the indent is no sign (OCR drops it)
    body = (cut_ordinal, *(() if blank else (indented_start,)), full_line, *((wrap_in_block,) if blank else ()), sentence_end, list_entry, cut_item_marker,
            after_markdown_heading, mid_sentence)
    standalone = (heading_title_line, wrapped_heading, standalone_line)
    if not wrapped:
        body = tuple(r for r in body if r is not full_line and r is not indented_start)
        standalone = tuple(r for r in standalone if r is not wrapped_heading)
    return {**{kind: standalone for kind in STANDALONE_KINDS}, "article": (label_alone, *body), "text": body,
            **{kind: body for kind in ITEM_STYLES}}


#: the chain of rules for each kind of logical line, in order, in hard-wrapped text
CHAINS: dict[str, tuple[JoinRule, ...]] = _chains(wrapped=True)
#: the same in text that was not hard-wrapped
UNWRAPPED_CHAINS: dict[str, tuple[JoinRule, ...]] = _chains(wrapped=False)
#: the same two where blank lines set the paragraphs apart
BLANK_CHAINS: dict[str, tuple[JoinRule, ...]] = _chains(wrapped=True, blank=True)
BLANK_UNWRAPPED_CHAINS: dict[str, tuple[JoinRule, ...]] = _chains(wrapped=False, blank=True)
#: the rules that join lines (their decisions say which line they joined)
JOIN_RULES = frozenset({"heading_title_line", "wrapped_heading", "label_alone", "full_line", "cut_item_marker", "cut_ordinal",
                        "mid_sentence", "wrap_in_block"})


def goes_on(state: LexState, cur: LogicalLine, line: Line, mark: Mark | None, structural: bool) -> JoinRule | None:
    """The rule that joins ``line`` to ``cur``, or None when it starts a new line."""
    if structural or line.heading or (line.text[0] in NEWS_FIRST and news_or_credit(line.text)):
        return None
    for join in state.chains[cur.kind]:
        verdict = join(state, cur, line, mark)
        if verdict is not None:
            return join if verdict else None
    return None  # pragma: no cover - every chain ends in a rule with an opinion
