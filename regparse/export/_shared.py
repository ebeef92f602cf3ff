"""What every exporter needs: safe text, heading placement, division depths, reference runs.

Exporters never fail on what a tree holds: text is cleaned of characters no
output format may carry (control characters, lone surrogates, the XML
non-characters), and references whose surface cannot be found in their
node's text are left as plain text rather than guessed at.
"""
from __future__ import annotations

import re
from typing import Iterable, Iterator

from ..model import (
    DIVISION_KINDS, Article, Division, Heading, Node, Reference, Regulation,
)

__all__ = [
    "appendix_intro",
    "clean", "lines_of", "one_line", "division_ranks", "HeadingPlacer", "reference_runs",
    "first_article", "unique", "runs_by_line", "link_target",
]

# C0 controls but tab and newline, CR (a line break that readers disagree on),
# DEL and C1 controls, lone surrogates and the two XML non-characters
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean(text: str | None) -> str:
    """``text`` without characters no export format may carry; None becomes ''."""
    if not text:
        return ""
    return _UNSAFE.sub("", text)


def lines_of(text: str | None) -> list[str]:
    """The non-blank lines of a cleaned multi-line text, stripped."""
    return [line.strip() for line in clean(text).split("\n") if line.strip()]


def one_line(text: str | None) -> str:
    """A cleaned text on one line (labels, titles, headings): its lines joined by a space."""
    return " ".join(lines_of(text))


def division_ranks(doc: Regulation) -> dict[str, int]:
    """Depth (0 = outermost) of each division kind present in ``doc``.

    Only the kinds present count, so a law with chapters and sections gets
    depths 0 and 1 whether or not it also has parts.
    """
    present = {node.kind for node in doc.walk() if isinstance(node, Division)}  # type: ignore[attr-defined]
    kinds = [kind for kind in DIVISION_KINDS if kind in present]
    return {kind: depth for depth, kind in enumerate(kinds)}


def first_article(node: Node) -> Article | None:
    """The first article at or below ``node``."""
    for child in node.walk():
        if isinstance(child, Article):
            return child
    return None


class HeadingPlacer:
    """Places the unnumbered headings (附则, 一、一般规定) of a regulation.

    A heading records the article it precedes; it is written before the
    outermost node that opens with that article, once.  Headings that precede
    no article are either in the preamble already (they sit before the first
    article, and the preamble holds the text verbatim) or come after the last
    article: those are returned by :meth:`trailing`.
    """

    def __init__(self, doc: Regulation):
        self._pending: dict[str, list[Heading]] = {}
        self._trailing: list[Heading] = []
        articles = [n for n in doc.walk() if isinstance(n, Article)]
        known = {a.id for a in articles}
        body_start = articles[0].span[0] if articles else None
        for heading in doc.headings:
            if heading.before and heading.before in known:
                self._pending.setdefault(heading.before, []).append(heading)
            elif not (body_start is not None and heading.span != (0, 0)
                      and heading.span[1] <= body_start):
                self._trailing.append(heading)

    def before(self, node: Node) -> list[Heading]:
        """Headings to write just before ``node`` (each returned once)."""
        if not self._pending:
            return []
        article = node if isinstance(node, Article) else first_article(node)
        if article is None:
            return []
        return self._pending.pop(article.id, [])

    def trailing(self) -> list[Heading]:
        """Headings after the last article, plus any whose article never came."""
        rest = [h for hs in self._pending.values() for h in hs]
        self._pending = {}
        return self._trailing + rest


def reference_runs(text: str, references: Iterable[Reference]) -> Iterator[tuple[str, Reference | None]]:
    """Split ``text`` into runs of plain text and references, in order.

    Reference spans point into the caller's original string, not into
    ``text``, so each reference is found by its surface, searching from the
    end of the previous one; a reference whose surface is not found is
    skipped (its words stay plain text).
    """
    pos = 0
    for ref in sorted(references, key=lambda r: r.span[0]):
        surface = ref.surface
        if not surface:
            continue
        at = text.find(surface, pos)
        if at < 0:
            continue
        if at > pos:
            yield text[pos:at], None
        yield surface, ref
        pos = at + len(surface)
    if pos < len(text) or pos == 0:
        yield text[pos:], None


def unique(wanted: str, taken: set[str]) -> str:
    """``wanted``, or ``wanted`` with the smallest ``_N`` suffix not in ``taken``; recorded in ``taken``."""
    name = wanted
    n = 2
    while name in taken:
        name = f"{wanted}_{n}"
        n += 1
    taken.add(name)
    return name


def runs_by_line(text: str | None, references: Iterable[Reference]) -> list[list[tuple[str, Reference | None]]]:
    """The cleaned ``text`` as lines (as :func:`lines_of` cuts them), each a list of runs.

    References are matched once over the whole text, so a surface that
    recurs on a later line is not linked twice; a reference is never split
    across lines.
    """
    lines: list[list[tuple[str, Reference | None]]] = [[]]
    for run, ref in reference_runs(clean(text), references):
        if ref is not None:
            lines[-1].append((" ".join(run.split("\n")), ref))
            continue
        pieces = run.split("\n")
        for index, piece in enumerate(pieces):
            if index:
                lines.append([])
            if piece:
                lines[-1].append((piece, None))
    out = []
    for line in lines:
        if line and line[0][1] is None:
            line[0] = (line[0][0].lstrip(), None)
        if line and line[-1][1] is None:
            line[-1] = (line[-1][0].rstrip(), None)
        line = [(run, ref) for run, ref in line if run]
        if line:
            out.append(line)
    return out


def link_target(ref: Reference | None, table: dict[str, str]) -> str | None:
    """Where a reference run links to: the written id (``table``: model id →
    eId or anchor) of the first node it resolves to, None for plain text."""
    if ref is None:
        return None
    return next((table[t] for t in ref.target_ids if t in table), None)


def appendix_intro(appendix) -> list[str]:
    """The lines of an appendix that is a list before its first unit: its label line and
    the sentence that introduces the list (全国人民代表大会常务委员会制定的下列…：); the
    units follow as points.  An appendix without units is all intro.

    >>> from regparse.model import Appendix, Point
    >>> annex = Appendix(label="附件二", text="附件二\\n下列决定予以保留：\\n1．关于甲的决定",
    ...                  children=[Point(label="1．", number=1, style="digit", text="关于甲的决定")])
    >>> appendix_intro(annex)
    ['附件二', '下列决定予以保留：']
    """
    lines = lines_of(appendix.text)
    if not appendix.children:
        return lines
    first = "".join(appendix.children[0].label.split())
    for i, line in enumerate(lines):
        if i and "".join(line.split()).startswith(first):
            return lines[:i]
    return lines[:1]    # the first unit printed on the label's line
