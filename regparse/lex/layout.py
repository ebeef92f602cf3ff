"""Rules that read a line's layout: what a file reader saw of it (indent, centring, bold, size).

Text alone cannot tell a paragraph that ends without punctuation from one
cut mid-sentence, nor a heading printed without a marker (法律责任) from a
short paragraph.  A PDF, a .docx or a web page says more: the paragraph
after is indented, the heading is centred or bold.  These rules take the
layout of a physical line from :attr:`LexState.layout` (empty for text,
where they never run) and decide only where layout says something text does
not.

>>> from regparse.read.source import Line as SourceLine
>>> text = "　　第一条\\n附则\\n"
>>> layouts = line_layouts([SourceLine(0, 5, indent=2.0), SourceLine(6, 8, centred=True)], text)
>>> layouts[2].indented, layouts[6].heading_like
(True, True)
"""
from __future__ import annotations

from collections import Counter
from typing import Iterable, Optional

from ..catalogue import DATE_LINE
from ..normalize import Line
from ..read.source import Line as SourceLine
from .joins import CHAINS, UNWRAPPED_CHAINS, mid_sentence
from .marks import Mark, line_mark
from .registry import rule
from .state import LexState, LogicalLine
from .text import ends_closed

__all__ = ["LineLayout", "line_layouts", "last_article_start", "layout_heading", "indented_line", "LAYOUT_HEADING_MAX",
           "INDENT_MIN", "LARGER", "EMPHASIS_SHARE_MAX", "LAYOUT_CHAINS", "LAYOUT_UNWRAPPED_CHAINS"]

#: a heading without a marker (附则, 法律责任, 监督管理) is a few words
LAYOUT_HEADING_MAX = 20
#: an indent of at least this many characters starts a paragraph (the usual 　　 is 2)
INDENT_MIN = 1.0
#: a line set this much larger than the body's usual size stands out like a heading
LARGER = 1.15
#: bold (or centring) that most lines have marks nothing out
EMPHASIS_SHARE_MAX = 0.5


class LineLayout:
    """What the layout of one physical line says, reduced to what the rules ask."""

    __slots__ = ("indented", "heading_like")

    def __init__(self, indented: bool, heading_like: bool) -> None:
        self.indented = indented            # a first-line indent: a paragraph begins here
        self.heading_like = heading_like    # centred, bold or larger than the body, where that marks it out

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"LineLayout(indented={self.indented}, heading_like={self.heading_like})"


def line_layouts(source_lines: Iterable[SourceLine], text: str) -> dict[int, LineLayout]:
    """The layout of each reader line of ``text``, by the offset of its first
    character that is not a space (where the normalizer's line starts).

    Bold or centring that most lines share (a page set all in bold) marks no
    line out; a size counts as larger against the most common size.
    """
    lines = [ln for ln in source_lines if ln.end > ln.start]
    if not lines:
        return {}
    n = len(lines)
    bold_marks = sum(1 for ln in lines if ln.bold) <= EMPHASIS_SHARE_MAX * n
    centre_marks = sum(1 for ln in lines if ln.centred) <= EMPHASIS_SHARE_MAX * n
    sizes = Counter(ln.size for ln in lines if ln.size)
    body_size = sizes.most_common(1)[0][0] if sizes else None
    out: dict[int, LineLayout] = {}
    for ln in lines:
        larger = body_size is not None and ln.size is not None and ln.size > LARGER * body_size
        heading_like = bool((centre_marks and ln.centred) or (bold_marks and ln.bold) or larger)
        indented = ln.indent is not None and ln.indent >= INDENT_MIN
        if heading_like or indented:
            segment = text[ln.start:ln.end]
            out[ln.start + len(segment) - len(segment.lstrip())] = LineLayout(indented, heading_like)
    return out


def last_article_start(lines: list[Line]) -> int:
    """Where the last line that starts with 第X条 starts (-1 if none): a heading
    heads articles, so none comes after it."""
    for line in reversed(lines):
        mark = line_mark(line)
        if mark is not None and mark.kind == "article":
            return line.start
    return -1


def layout_of(state: LexState, line: Line) -> LineLayout | None:
    """The layout of a clean line that starts a reader line (leading spaces aside)."""
    return state.layout.get(line.start)


@rule
def layout_heading(state: LexState, line: Line, prev: LogicalLine | None) -> bool:
    """A short line set centred, bold or larger between articles is a heading without a marker.

    Why: files print headings such as 法律责任 or 附则 without 第X章; the text
    reads like a short paragraph, the layout sets it apart.  A line that is a
    sentence, a date, follows a line cut mid-sentence or comes after the last
    article (a centred signature, 示范市人民政府) is no heading.

    - heading: 「法律责任」 centred, after 「…予以处罚。」;
    - text: 「法律责任」 set like the body, or 「2020年1月1日」 centred.
    """
    layout = layout_of(state, line)
    if layout is None or not layout.heading_like or line.start > state.last_article:
        return False
    text = line.text
    if len(text) > LAYOUT_HEADING_MAX or ends_closed(text) or any(ch in text for ch in "，,；;：:、") \
            or DATE_LINE.match(text) or (prev is not None and not ends_closed(prev.text) and prev.kind != "heading"):
        return False
    state.decide("layout_heading", f"{text} read as a heading: set apart by its layout", (line.start, line.end))
    return True


@rule
def indented_line(state: LexState, cur: LogicalLine, line: Line, mark: Mark | None) -> Optional[bool]:
    """An indented line starts a new paragraph, also after a line that ends without punctuation.

    Why: the file's reader joined each printed paragraph into one line and
    kept its first-line indent; a paragraph that ends without a full stop
    (a list entry, a heading-like lead-in, a typo) is still a paragraph when
    the next one is indented.

    - not joined: 「应当遵守下列规定」 / 「　　（一）…」 indented;
    - joined: 「研究部署职责范围内的工」 / 「作；」 not indented.
    """
    layout = layout_of(state, line)
    if layout is None or not layout.indented:
        return None
    state.decide("indented_line", f"{line.text[:12]}… starts a new paragraph: it is indented",
                 (line.start, line.end))
    return False


def _with_indent(chains: dict) -> dict:
    # the indent is asked just before a line cut mid-sentence would be joined
    return {kind: tuple(r for step in chain for r in ((indented_line, step) if step is mid_sentence else (step,)))
            for kind, chain in chains.items()}


#: the join chains (regparse.lex.joins) for lines with a layout, hard-wrapped or not
LAYOUT_CHAINS = _with_indent(CHAINS)
LAYOUT_UNWRAPPED_CHAINS = _with_indent(UNWRAPPED_CHAINS)
