"""Canonical clean text: the form published collections and the corpus use.

One line per title, info line, heading, paragraph, item and sub-item, with a
blank line between lines::

    中国共产党工作机关条例

    第三章　职责

    第十一条　党的工作机关应当履行下列职责：

    （一）坚决贯彻落实党中央决策部署……

Division headings read ``第一章　总则`` and articles ``第十一条　text``
(an ideographic space after the label).  Parsing the output gives back the
same tree.

Example::

    from regparse.export import to_text
    print(to_text(regparse.parse(source)))
"""
from __future__ import annotations

from ..model import Article, Division, Heading, Item, Paragraph, Point, Regulation, Subitem
from ._shared import HeadingPlacer, division_ranks, lines_of, one_line

__all__ = ["to_text", "LineStyle", "render_lines"]

#: what separates a label from its text in canonical text
SEPARATOR = "\u3000"


class LineStyle:
    """How each kind of line is written; the Markdown exporter overrides it."""

    def title(self, text: str) -> str:
        return text

    def subtitle(self, text: str) -> str:
        return text

    def division(self, division: Division, depth: int) -> str:
        label, title = one_line(division.label), one_line(division.title)
        return label + SEPARATOR + title if title else label

    def heading(self, heading: Heading) -> str:
        return one_line(heading.text)

    def article(self, article: Article, first: str) -> str:
        head = one_line(article.label)
        title = one_line(article.title)
        if title:
            head += SEPARATOR + (title if title.startswith("【") else "【" + title + "】")
            return head + first
        return head + SEPARATOR + first if first else head

    def appendix(self, first_line: str) -> str:
        """The line that opens an appendix (附件一, 附：…)."""
        return first_line

    def point(self, point: Point, first: str) -> str:
        """The label line of a point: 一、总体要求, （一）指导思想。坚持…, 1．text."""
        label, title = one_line(point.label), one_line(point.title)
        if title and not point.heading_run_in:
            return label + title
        if title:
            return label + title + "。" + first
        if label[-1:] not in "、．.）)":
            # a numeral alone on its line stays alone
            return label + ("\n" + first if first else "")
        return label + first


def render_lines(doc: Regulation, style: LineStyle) -> list[str]:
    """The lines of ``doc`` in reading order, written by ``style``."""
    out: list[str] = []
    if doc.front_matter is not None:
        out.extend(lines_of(doc.front_matter.order))   # the promulgation order printed before the title
    title = one_line(doc.title)
    if title:
        out.append(style.title(title))
    subtitle = one_line(doc.subtitle)
    if subtitle:
        out.append(style.subtitle(subtitle))
    for line in doc.info:
        out.extend(lines_of(line))
    out.extend(lines_of(doc.preamble))
    placer = HeadingPlacer(doc)
    depths = division_ranks(doc)
    for child in doc.children:
        _node_lines(child, out, style, placer, depths)
    for heading in placer.trailing():
        _heading_lines(heading, out, style)
    out.extend(lines_of(doc.closing))
    for appendix in doc.appendices:
        lines = lines_of(appendix.text)
        # the parser keeps the label line inside the text; write it once
        if lines and lines[0].startswith(one_line(appendix.label)):
            lines[0] = style.appendix(lines[0])
        else:
            lines.insert(0, style.appendix(one_line(appendix.label)))
        out.extend(lines)
    return [line for line in out if line]


def _node_lines(node, out: list[str], style: LineStyle, placer: HeadingPlacer,
                depths: dict[str, int]) -> None:
    for heading in placer.before(node):
        _heading_lines(heading, out, style)
    if isinstance(node, Article):
        _article_lines(node, out, style)
        return
    if isinstance(node, Point):
        lines = lines_of(node.text)
        if node.title and not node.heading_run_in:
            out.append(style.point(node, ""))
        else:
            out.extend(style.point(node, lines.pop(0) if lines else "").split("\n"))
        out.extend(lines)
        for child in node.children:
            _node_lines(child, out, style, placer, depths)
        return
    out.append(style.division(node, depths.get(node.kind, 0)))
    for child in node.children:
        _node_lines(child, out, style, placer, depths)


def _heading_lines(heading: Heading, out: list[str], style: LineStyle) -> None:
    out.append(style.heading(heading))
    for paragraph in heading.paragraphs:
        out.extend(lines_of(paragraph))


def _article_lines(article: Article, out: list[str], style: LineStyle) -> None:
    paragraphs = article.children
    first_lines = lines_of(paragraphs[0].text) if paragraphs else []
    out.append(style.article(article, first_lines[0] if first_lines else ""))
    out.extend(first_lines[1:])
    for index, paragraph in enumerate(paragraphs):
        if index:
            out.extend(lines_of(paragraph.text))
        _items_lines(paragraph, out)


def _items_lines(parent: Paragraph | Item, out: list[str]) -> None:
    for child in parent.children:
        lines = lines_of(child.text)
        out.append(one_line(child.label) + (lines[0] if lines else ""))
        out.extend(lines[1:])
        if not isinstance(child, Subitem):
            _items_lines(child, out)


def to_text(doc: Regulation) -> str:
    """``doc`` as canonical clean text (see the module docstring).

    Example::

        >>> to_text(regparse.parse("第一条　为了规范工作，制定本条例。"))
        '第一条\\u3000为了规范工作，制定本条例。\\n'
    """
    return "\n\n".join(render_lines(doc, LineStyle())) + "\n"
