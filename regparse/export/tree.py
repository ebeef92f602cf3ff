"""An indented outline of the tree, one node per line, for a quick look.

::

    中国共产党工作机关条例
      第三章 职责
        第十条
          第1款 党的工作机关应当职责明确、权责一致……

Each line shows the label (a paragraph its position, 第1款), the title and,
for paragraphs, items and sub-items, the start of the text.

Example::

    from regparse.export import to_tree
    print(to_tree(doc))
"""
from __future__ import annotations

from ..model import Node, Regulation
from ._shared import one_line

__all__ = ["to_tree"]

#: how much of a node's text a line shows
PREVIEW = 40
INDENT = "  "


def _preview(text: str) -> str:
    flat = one_line(text)
    return flat if len(flat) <= PREVIEW else flat[:PREVIEW] + "…"


def to_tree(doc: Regulation) -> str:
    """``doc`` as an indented outline, one node per line (see the module docstring)."""
    out = [one_line(doc.title) or "（无标题）"]

    def visit(node: Node, depth: int) -> None:
        kind = node.kind  # type: ignore[attr-defined]
        label = one_line(node.label)
        if kind == "paragraph":
            label = f"第{node.number}款" if node.number is not None else "款"
        parts = [label]
        title = one_line(node.title)
        if title:
            parts.append(title)
        if kind in ("paragraph", "item", "subitem", "point"):
            parts.append(_preview(node.text))  # type: ignore[attr-defined]
        out.append(INDENT * depth + " ".join(p for p in parts if p))
        for child in getattr(node, "children", ()) or ():
            visit(child, depth + 1)

    if doc.preamble:
        # 序言, or in a fragment the end of the article before the first one
        out.append(INDENT + "（前文） " + _preview(doc.preamble))
    for child in doc.children:
        visit(child, 1)
    if doc.closing:
        out.append(INDENT + "（文尾） " + _preview(doc.closing))
    for appendix in doc.appendices:
        out.append(INDENT + (one_line(appendix.label) or "附件") + " " + _preview(appendix.text))
    return "\n".join(out) + "\n"
