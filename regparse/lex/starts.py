"""Rules for what a line starts, looked up by the marker it begins with.

A marker at a line start is only a candidate: a wrap puts 「第十条规定的」 at a
line start, a 「第二章的有关规定」 is a sentence, 「附件二《…》」 is text.  Each
rule here takes the lexer state, the marker, the line and the logical line
before it, and says whether the line really starts what its marker says.
"""
from __future__ import annotations

from ..catalogue import BARE_HEADINGS, REFERENCE_TAIL, WEAK_REFERENCE_TAIL
from ..normalize import Line
from .interleave import out_of_order_article, out_of_order_division
from .marks import Mark
from .registry import rule
from .state import LexState, LogicalLine
from .text import BODY_KINDS, ends_closed

__all__ = ["starts_article", "cut_before", "article_start", "division_start", "annex_start", "enumerated_heading",
           "bare_heading", "open_body", "DIVISION_TITLE_MAX", "ANNEX_LINE_MAX", "ENUMERATED_HEADING_MAX",
           "MARKDOWN_HEADING_MAX", "FORWARD_GAP", "TAIL_WINDOW"]

#: a division heading's title is short (the longest in the corpus are ~30 characters)
DIVISION_TITLE_MAX = 40
#: 附件二 starts an annex as a line of its own, with at most a title after it
ANNEX_LINE_MAX = 60
#: 一、一般规定 as a heading: a few words, where an item 一、… is a sentence
ENUMERATED_HEADING_MAX = 24
#: a spaced-out bare heading (附        则) is no longer than this
SPACED_HEADING_MAX = 16
#: a markdown heading line inside the body that is a heading, not a paragraph
MARKDOWN_HEADING_MAX = 30
#: the characters after a label that tell a reference (规定的, 、第十一条) from an article's text
TAIL_WINDOW = 6
#: 第五条本法… without a separator and out of sequence: accepted only this few numbers forward
FORWARD_GAP = 3


def open_body(prev: LogicalLine | None) -> bool:
    """Whether the line before is body text that stops mid-sentence."""
    return prev is not None and prev.kind in BODY_KINDS and not ends_closed(prev.text)


def cut_before(prev: LogicalLine | None) -> bool:
    """Whether the line before was cut mid-sentence (a label alone on its line is not a sentence)."""
    if prev is None or prev.kind not in BODY_KINDS or ends_closed(prev.text):
        return False
    return not (prev.mark is not None and prev.mark.kind == "article" and prev.mark.rest >= len(prev.text))


def starts_article(mark: Mark, text: str, last: tuple[int, int] | None, cut_before: bool,
                   run_on: bool = False, after_heading: bool = False) -> bool:
    """Whether a 第X条 marker starts an article, by what follows it and the numbering.

    A cross-reference that a wrap, an OCR break or a lost line break put where
    an article could start (「依照本条例」/「第十条规定…」) looks like an article
    marker.  It is an article when the text after it does not read as a
    reference (第十条规定的, 第十条第二款, 第十条、第十一条 …) and

    - at a line start: its number comes next after ``last`` (the last article
      taken), or the line before it ended a sentence (``cut_before`` false)
      and a separator follows the label, or, without a separator, it is a
      short step forward;
    - inside a run-on line: its number comes next and a sentence or a heading
      ends right before it; the first article of a run-on text is 第一条, or
      whatever article a heading or a sentence end introduces (a book of
      民法典 starts at 第九百八十九条).
    """
    if mark.number is None:
        return False
    tail = text[mark.rest:mark.rest + TAIL_WINDOW]
    if mark.sep:
        refers = bool(tail) and tail[0] in "的、，,"
    else:
        refers = REFERENCE_TAIL.match(text, mark.rest) is not None
    if refers:
        return False
    key = (mark.number, mark.suffix)
    if last is None:
        in_sequence = key == (1, 0)
    else:
        in_sequence = key == (last[0] + 1, 0) or key == (last[0], last[1] + 1)
    if not mark.sep and not in_sequence and WEAK_REFERENCE_TAIL.match(tail):
        return False
    if run_on:
        if last is None:
            return (in_sequence or after_heading or (not cut_before and mark.sep)) and not WEAK_REFERENCE_TAIL.match(tail)
        return in_sequence and (not cut_before or after_heading)
    if in_sequence:
        return True
    if cut_before:
        return False
    if mark.sep:
        return True
    return last is not None and 0 < mark.number - last[0] <= FORWARD_GAP


@rule
def article_start(state: LexState, mark: Mark, line: Line, prev: LogicalLine | None) -> bool:
    """第X条 at a line start starts an article unless it reads as a reference.

    Why: a wrap puts a cross-reference at a line start, and only the text after
    the label and the numbering tell the two apart (:func:`starts_article`).

    - starts an article: 「第十条　党的工作机关应当…」 after 第九条;
    - text: 「第十条规定的程序办理。」 after a line cut mid-sentence.
    """
    if line.split:
        return True   # cut out of a run-on line at a marker already judged
    taken = state.taken
    if taken is not None and (mark.number, mark.suffix) in taken:
        pass   # interleaved text: a number met again is another column's reference or an OCR misreading
    elif starts_article(mark, line.text, state.article_key, cut_before(prev)) or out_of_order_article(state, mark, line) \
            or (state.annexes and annex_articles(state, mark, line)):
        if taken is not None:
            taken.add((mark.number, mark.suffix))  # type: ignore[arg-type]
        return True
    state.decide("article_start", f"{mark.label} at a line start read as text (a reference)", (line.start, line.end))
    return False


@rule
def annex_articles(state: LexState, mark: Mark, line: Line) -> bool:
    """第一条 inside an annex starts the annex's own articles.

    Why: an annex may be a regulation of its own (附件一 / 示例登记办法 /
    第一条 …); its numbering starts again at 第一条, after a title that ends
    no sentence, and reads as no reference.

    - an article of the annex: 「第一条　为了规范示例登记，制定本办法。」 after 「附件一」 / 「示例登记办法」;
    - text: 「第一条规定的材料」 in an annex, 第五条 after 第一条 of the body.
    """
    if (mark.number, mark.suffix) != (1, 0) or not starts_article(mark, line.text, None, False):
        return False
    state.decide("annex_articles", f"{mark.label} inside an annex starts the annex's own articles", (line.start, line.end))
    return True


@rule
def division_start(state: LexState, mark: Mark, line: Line, prev: LogicalLine | None) -> bool:
    """第X章 (编/分编/节) at a line start is a heading when it is short and no sentence.

    Why: 「第二章的有关规定，…。」 is a sentence that a wrap put at a line start;
    after a line cut mid-sentence only the next number in sequence is a heading.

    - heading: 「第三章　职责」;
    - text: 「第二章规定的职责，由…」.
    """
    text = line.text
    if line.split and len(text) - mark.rest <= DIVISION_TITLE_MAX:
        return True
    if mark.number is not None:
        title = text[mark.rest:]
        if len(title) <= DIVISION_TITLE_MAX and not any(ch in title for ch in "。；，,;") and \
                (mark.sep or not REFERENCE_TAIL.match(title)):
            if not open_body(prev):
                return True
            if mark.number == (state.division_numbers.get(mark.kind) or 0) + 1:
                return True
            if out_of_order_division(state, mark, line):
                return True
            if lost_first_division(state, mark, line):
                return True
    state.decide("division_start", f"{mark.label} at a line start read as text", (line.start, line.end))
    return False


@rule
def lost_first_division(state: LexState, mark: Mark, line: Line) -> bool:
    """第二章 (节, 编) with its separator and a short title, after articles under no 第一章, is a heading.

    Why: OCR loses a whole heading line (第一章　总则 printed small above
    the first column) and the full stop of a line (受社会监督 for
    受社会监督。), so the second heading follows a line cut mid-sentence with
    no first one before it; a reference that a wrap put at a line start
    reads on (第二章规定的…) with no separator, and a text that has no
    heading at all has no articles yet under a lost one.

    - heading: ``第二章 经营许可与备案管理`` after 第八条 (its last line ``受社会监督`` open);
    - text: ``第二章规定的程序办理。`` after 第一条 (a reference: no separator).
    """
    if mark.number != 2 or not mark.sep or mark.kind in state.division_numbers or state.article_key is None:
        return False
    state.decide("lost_first_division", f"{mark.label} read as a heading: its first one lost before article "
                 f"{state.article_key[0]}", (line.start, line.end))
    return True


@rule
def annex_start(state: LexState, mark: Mark, line: Line, prev: LogicalLine | None) -> bool:
    """附件二 (附表, 附录) starts an annex only as a line of its own after the articles.

    Why: a wrap puts 「附件二《…》规定的…」 at the start of a line inside an
    article; an annex label stands alone, or with its title, after a closed line.

    Once the appendices have begun, a label alone on its line, or a numbered
    one (附件2　…), starts the next one whatever the line before it (刑法's
    附件二 after the last entry of 附件一, 「15．关于…的决定」, which ends
    without a full stop); an unnumbered 「附件：…」 inside an annex (a form's
    own list of attachments) is its text.

    - annex: 「附件二　全国人民代表大会常务委员会…」 after the last article;
    - text: 「附件二《示例登记表》的格式填写。」 under a line cut mid-sentence.
    """
    text = line.text
    prev_open = prev is not None and prev.kind in BODY_KINDS and (
        not ends_closed(prev.text) or (state.width and prev.last_raw_len >= state.width))
    if state.annexes:
        numbered = len(mark.label) > 2 and mark.label[-1] not in "：:"
        if mark.rest >= len(text) or (numbered and len(text) <= ANNEX_LINE_MAX):
            state.annexes += 1
            return True
    elif state.article_key is not None and len(text) <= ANNEX_LINE_MAX and not prev_open:
        state.annexes += 1
        return True
    state.decide("annex_start", f"{mark.label} at a line start read as text, not an annex", (line.start, line.end))
    return False


@rule
def enumerated_heading(state: LexState, mark: Mark, line: Line, prev: LogicalLine | None) -> bool:
    """一、一般规定 is a heading (of a judicial interpretation), not an item.

    Why: judicial interpretations group their articles under 一、 headings;
    a heading is a few words and no sentence, an item 一、… is a sentence.

    - heading: 「一、一般规定」;
    - item: 「一、国家实行统一的…制度。」.
    """
    text = line.text
    title = text[mark.rest:]
    if 0 < len(title) <= ENUMERATED_HEADING_MAX and not ends_closed(text) and not any(ch in title for ch in "，,；;"):
        state.decide("enumerated_heading", f"{text} read as a heading, not an item", (line.start, line.end))
        return True
    return False


@rule
def bare_heading(state: LexState, line: Line) -> bool:
    """附则, 总则 or a short markdown heading line inside the body is a heading.

    Why: codes print 附则 without a 第X章 marker, and Markdown exports mark
    their headings with #; neither is a paragraph of the article before.

    - heading: 「附则」 after 第四十条, and spaced out to fill a line, 「附        则」, 「分    则」;
    - text: 「附则所列事项」 (a sentence), or any line before the first article.
    """
    if state.article_key is None:
        return False
    text = line.text
    if (text in BARE_HEADINGS or (len(text) <= SPACED_HEADING_MAX and "".join(text.split()) in BARE_HEADINGS)
            or (line.heading and len(text) <= MARKDOWN_HEADING_MAX and not ends_closed(text))):
        state.decide("bare_heading", f"{text} read as a heading without a marker", (line.start, line.end))
        return True
    return False
