"""What a reader hands the pipeline: the text it extracted and, per line, where it came from.

A :class:`Source` is the reader's whole output.  ``text`` is the string the
parser reads and the one every span of the parsed tree points into; ``lines``
cover it line by line (offsets into ``text``, without the line end) with the
layout facts the format knows; ``furniture`` holds what the reader took out of
the text on purpose (running headers, page numbers, boxed asides, a page's
navigation), so it can be reported rather than lost.

Every layout fact is ``None`` where the format does not say: a text file knows
none, a PDF knows page, box, size and bold, a .docx knows indent, centring,
bold and size from its formatting, an HTML page knows centring, indent and
bold from its markup.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, NamedTuple

__all__ = ["Box", "Line", "Furniture", "Source", "SourceBuilder", "Replaced"]

#: (x0, y0, x1, y1) in PDF points, origin at the top left of the page, y downwards
Box = tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class Line:
    """One line of ``Source.text``: ``text[start:end]`` (no line end) and its layout facts.

    ``page`` counts from 1; ``box`` is the union of the line's character boxes
    on that page; ``indent`` is the first-line indent in characters of the
    line's own size (2.0 for the usual 　　); ``size`` is the font size in
    points.  ``pieces`` are the printed lines a reader joined into this one
    (a paragraph wrapped in a PDF column, continued in the next column or on
    the next page), each as (page, box), in reading order.
    """

    start: int
    end: int
    page: int | None = None
    box: Box | None = None
    indent: float | None = None
    centred: bool | None = None
    bold: bool | None = None
    size: float | None = None
    pieces: tuple[tuple[int, Box], ...] | None = None


@dataclass(frozen=True, slots=True)
class Furniture:
    """Text the reader removed from ``Source.text`` because it is not the document's.

    ``kind`` says why: ``header``, ``footer``, ``page-number``, ``masthead``
    (a newspaper's or gazette's name plate on its first page), ``aside`` (a
    boxed item set in the page but not part of the text), ``navigation``
    (site chrome of a web page), ``image`` (a PDF page with no text layer:
    its text is empty, and missing from the document).
    """

    text: str
    kind: str
    page: int | None = None
    box: Box | None = None


class Replaced(NamedTuple):
    """Bytes read as U+FFFD because they were not of the file's encoding.

    ``count`` is the number of U+FFFD put in, ``bytes`` the number of bytes
    they stand for, ``first_byte`` the offset in the file of the first,
    ``first_char`` the offset of its U+FFFD in the text."""

    count: int
    bytes: int
    first_byte: int
    first_char: int


@dataclass(frozen=True)
class Source:
    """The text a reader extracted from a file, with its lines and what it left out.

    ``format`` is ``text``, ``pdf``, ``docx`` or ``html``; ``encoding`` the
    character encoding the bytes were decoded from (``None`` for PDF and
    DOCX, whose text is Unicode inside the file); ``metadata`` what the file
    says about the document (a gov.cn page's 发文字号 …).

    Example::

        src = regparse.read_source("law.pdf")
        for line in src.lines:
            print(line.page, line.box, src.text[line.start:line.end])
    """

    text: str
    format: str
    encoding: str | None = None
    lines: tuple[Line, ...] = ()
    furniture: tuple[Furniture, ...] = ()
    metadata: Mapping[str, str] = field(default_factory=dict)
    #: bytes of a text file that were not of its encoding, read as U+FFFD
    #: (``errors="replace"``, or a UTF-8 file with a few broken sequences); None when there were none
    replaced: "Replaced | None" = None

    def line_text(self, line: Line) -> str:
        return self.text[line.start:line.end]


class SourceBuilder:
    """Collects a reader's output lines in order and makes the :class:`Source`.

    Lines are joined with ``\\n``; a line handed in must not contain one.
    """

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._lines: list[Line] = []
        self._furniture: list[Furniture] = []
        self._offset = 0

    def __len__(self) -> int:
        return len(self._lines)

    def line(self, text: str, **facts) -> None:
        if self._parts:
            self._parts.append("\n")
            self._offset += 1
        start = self._offset
        self._parts.append(text)
        self._offset += len(text)
        self._lines.append(Line(start, self._offset, **facts))

    def furniture(self, text: str, kind: str, page: int | None = None, box: Box | None = None) -> None:
        self._furniture.append(Furniture(text, kind, page, box))

    def build(self, format: str, encoding: str | None = None,
              metadata: Mapping[str, str] | None = None) -> Source:
        text = "".join(self._parts)
        if text:
            text += "\n"
        return Source(text, format, encoding, tuple(self._lines), tuple(self._furniture),
                      dict(metadata or {}))
