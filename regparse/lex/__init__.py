"""The lexer: clean lines → one grammar token per logical line.

It makes the decisions the grammar cannot make one token ahead.  It is an
ordered chain of stages (:data:`STAGES`), one module each, that read and
write one :class:`LexState`:

-2. ``pages``    the running headers and footers of printed pages removed
                 (:func:`read_columns`, before the columns are found)
-1. ``columns``  text that prints a page's columns side by side, read
                 column by column (:func:`read_columns`, before the page's
                 regions are found)
0. ``width``     whether the text was hard-wrapped, at what width, and
                 whether blank lines set its paragraphs apart
1. ``regions``   where each regulation on a page starts (and, on a page
                 with news first, where this one starts)
2. ``run_on``    text that lost its line breaks, split at its markers
3. ``front``     title, subtitle and issuing lines
   ``interleave`` whether pdftotext interleaved the columns' lines (then cut
                 its merged lines), and wrapped headings joined
   ``tails``     a heading's last line that OCR set apart as a paragraph, joined
   ``enumerated`` a body numbered 一、（一）1． with no article: read unit by
                 unit (:mod:`.enumerated`) instead of by ``lines`` and ``end``;
                 一、 headings over articles made units
4. ``lines``     markers read and judged, wrapped lines joined (the rules
                 of :mod:`.starts`, by marker, and :mod:`.joins`)
5. ``end``       where the regulation ends on a page that goes on
   ``metadata``  what the text says of itself: number, issuers, dates, type
6. ``roles``     items, sub-items, continuations: one token per line
7. ``repairs``   markers read through an OCR or script variant, recorded

Once the tree is built, ``annex`` reads an appendix's own lines: a list of
units (parsed as an enumerated document) or a table of rows (:mod:`.annex`).

Every decision is a named rule (:data:`RULES`); with ``explain=True`` each
records what it decided in ``doc.decisions`` under its name.

>>> from regparse.normalize import clean_lines
>>> tokens, state = tokenize(clean_lines("示例条例\\n第一条　为了示例。\\n（一）一项；")[0])
>>> [t.type for t in tokens], state.title
(['TITLE', 'ARTICLE', 'ITEM'], '示例条例')
"""
from __future__ import annotations

from ..grammar import LineToken
from ..normalize import Line
from .annex import annex_list, annex_table
from .columns import side_by_side_columns
from .pages import page_starts, running_header
from .end import regulation_end
from .enumerated import enumerated_document, enumerated_lines, enumerated_sections
from .front import front_matter
from .joins import JOIN_RULES
from .layout import line_layouts
from .metadata import HEAD_LINES, TAIL_LINES, document_metadata
from .interleave import tool_lines
from .lines import logical_lines
from .marks import Mark, line_mark, numbers_too_large, read_mark
from .repairs import heading_titles, record_repairs
from .regions import article_line, page_regions, region_title, regions, regulation_start
from .registry import RULES
from .roles import roles
from .run_on import run_on
from .state import LexState, LogicalLine
from .tails import heading_tail
from .text import ends_closed
from .width import blank_paragraphs, wrap_width

__all__ = ["tokenize", "read_columns", "annex_list", "annex_table", "regions", "region_title", "article_line", "ends_closed", "read_mark", "line_mark", "Mark", "LexState",
           "numbers_too_large",
           "LogicalLine", "RULES", "JOIN_RULES", "STAGES", "line_layouts"]

#: the stages in the order they run, by name
STAGES = ("pages", "columns", "width", "regions", "run_on", "front", "interleave", "tails", "enumerated", "lines", "end", "metadata",
          "roles",
          "repairs")


def read_columns(source: str, lines: list[Line], explain: bool = False) -> tuple[list[Line], list, list]:
    """The clean lines of ``source`` in reading order, the decisions taken and
    the noise removed (column rules): text printed with its columns side by
    side is read column by column; any other text comes back as it is.

    >>> from regparse.normalize import clean_lines
    >>> page = "\\n".join(["第一条　为了示例管理，制定    （二）依法开展示例活动；"] +
    ...                    ["本办法。依法开展示例管理。    （三）其他示例事项。示例"] * 7)
    >>> lines, decisions, noise = read_columns(page, clean_lines(page)[0])
    >>> [ln.text for ln in lines][:2], lines[8].text
    (['第一条　为了示例管理，制定', '本办法。依法开展示例管理。'], '（二）依法开展示例活动；')
    """
    state = LexState(explain)
    lines = running_header(state, source, lines)
    read = side_by_side_columns(state, source, lines)
    if read is lines:
        # lines read as printed: where each page starts tells the lexer which lines one page's columns share
        page_starts(source, lines)
    return read, state.decisions, state.noise


def tokenize(lines: list[Line], explain: bool = False,
             layout: dict | None = None, untitled: bool = False) -> tuple[list[LineToken], LexState]:
    """The grammar tokens of a regulation's clean lines, and the lexer state
    with its title, decisions and noise.  ``layout`` is what a file's reader
    saw of the lines (:func:`regparse.lex.layout.line_layouts`), if any;
    ``untitled`` lines have no front matter (an appendix's list, after its label)."""
    state = LexState(explain)
    if layout:
        state.layout = layout
    # pages known: the first line starts a page (form feeds end the pages of text read as printed)
    state.paged = bool(lines) and lines[0].page_break
    wrap_width(state, lines)
    blank_paragraphs(state, lines)
    start = regulation_start(state, lines)
    if start:
        lines = lines[start:]
    lines = run_on(state, lines)
    front = 0 if untitled else front_matter(state, lines)
    body = heading_tail(state, tool_lines(state, lines[front:]))
    if enumerated_document(state, body):
        logical = enumerated_lines(state, body)
    else:
        logical = logical_lines(state, body)
        end = regulation_end(state, logical)
        del logical[end:]
        enumerated_sections(state, logical)
    document_metadata(state, [line.text for line in lines[front:front + HEAD_LINES]],
                      [line.text for line in logical[-TAIL_LINES:]])
    tokens = roles(state, logical)
    heading_titles(state, tokens)
    record_repairs(state, tokens)
    return tokens, state
