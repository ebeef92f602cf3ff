"""Markdown as public Chinese law collections publish it.

``# title``; division headings ``## 第一章 总则`` with one ``#`` more for each
lower rank present (a law with chapters and sections: ``##`` chapters,
``###`` sections); unnumbered headings (附则) at the top heading level;
article labels in bold (``**第十一条** text``); items and sub-items as lines.
Parsing the output gives back the same tree.

Example::

    from regparse.export import to_markdown
    print(to_markdown(regparse.parse(source)))
"""
from __future__ import annotations

from ..model import Article, Division, Heading, Regulation
from ._shared import one_line
from .text import LineStyle, render_lines

__all__ = ["to_markdown"]

#: Markdown level of the outermost division rank present
TOP_LEVEL = 2


class MarkdownStyle(LineStyle):
    def title(self, text: str) -> str:
        return "# " + text

    def subtitle(self, text: str) -> str:
        return "# " + text

    def division(self, division: Division, depth: int) -> str:
        label, title = one_line(division.label), one_line(division.title)
        return "#" * (TOP_LEVEL + depth) + " " + (label + " " + title if title else label)

    def heading(self, heading: Heading) -> str:
        text = one_line(heading.text)
        return "#" * TOP_LEVEL + " " + text if text else ""

    def article(self, article: Article, first: str) -> str:
        label = one_line(article.label)
        head = f"**{label}**" if label else ""
        title = one_line(article.title)
        if title:
            first = (title if title.startswith("【") else "【" + title + "】") + first
        return head + " " + first if first and head else head or first

    def appendix(self, first_line: str) -> str:
        return "#" * TOP_LEVEL + " " + first_line if first_line else ""


def to_markdown(doc: Regulation) -> str:
    """``doc`` as Markdown (see the module docstring).

    Example::

        >>> to_markdown(regparse.parse("第一条　为了规范工作，制定本条例。"))
        '**第一条** 为了规范工作，制定本条例。\\n'
    """
    return "\n\n".join(render_lines(doc, MarkdownStyle())) + "\n"
