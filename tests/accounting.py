"""The no-loss check: every character of the input is in the tree or in the noise.

Shared by the test suite (through conftest) and bench/fuzz.py, so the two
cannot disagree on what counts as lost.
"""
from __future__ import annotations

import collections

__all__ = ["accounted_text", "printed_label", "lost_characters"]


def accounted_text(doc) -> str:
    """Every piece of text the parse kept: the tree's labels, titles and texts,
    the front matter, preamble, headings, appendices, closing, and the noise it removed."""
    parts = [doc.title or "", doc.subtitle or "", *doc.info, doc.preamble]
    for node in doc.walk():
        if node is doc:
            continue
        parts.append(node.label)
        parts.append(node.title or "")
        if node.kind in ("paragraph", "item", "subitem", "point"):
            parts.append(node.text)
        elif node.kind in ("part", "subpart", "chapter", "section"):
            parts.append(node.intro)
    for h in doc.headings:
        parts.append(h.text)
        parts.extend(h.paragraphs)
    for a in doc.appendices:
        parts.append(a.text)
    parts.append(doc.closing)
    for n in doc.noise:
        parts.append(n.text)
    return "".join(parts)


def printed_label(source: str, node) -> str:
    """The label as printed where the node starts: a label read through an
    OCR or Traditional variant (〈一) → （一）, 第十一條 → 第十一条) is the
    canonical one, character for character, and the span leads to the print."""
    want = len(node.label)
    out = []
    for ch in source[node.span[0]:node.span[0] + 4 * want + 8]:
        if len(out) == want:
            break
        if not ch.isspace():
            out.append(ch)
    return "".join(out)


def lost_characters(source: str, doc) -> collections.Counter:
    """Characters of the input (whitespace aside) that the parse kept nowhere."""
    have = collections.Counter("".join(accounted_text(doc).split()))
    for node in doc.walk():
        if node is not doc and node.label:
            printed = printed_label(source, node)
            if printed != node.label:
                have.update(printed)
    need = collections.Counter("".join(source.split()))
    return need - have
