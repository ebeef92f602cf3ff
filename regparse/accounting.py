"""The no-loss check: every character of the input is in the tree or in the noise.

``regparse check`` reports what a parse lost with it; the test suite and the
fuzz harness use the same functions (tests/accounting.py), so none of them
can disagree on what counts as lost.

>>> import regparse
>>> text = "示例条例\\n第一条　为了示例，制定本条例。"
>>> lost_characters(text, regparse.parse(text))
Counter()
"""
from __future__ import annotations

import collections

__all__ = ["accounted_text", "printed_label", "lost_characters", "first_lost"]


def accounted_text(doc) -> str:
    """Every piece of text the parse kept: the tree's labels, titles and texts,
    the front matter (the promulgation order too), preamble, headings, appendices, closing, and the noise it removed."""
    order = doc.front_matter.order if doc.front_matter is not None else ""
    parts = [order or "", doc.title or "", doc.subtitle or "", *doc.info, doc.preamble]
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


def first_lost(source: str, doc, lost: collections.Counter) -> int:
    """Where the first of the ``lost`` characters most likely stands: the first
    one after the start of the body that no node, heading, appendix or noise
    covers (else the first one anywhere), or -1 if none is in ``source``."""
    covered = sorted([n.span for n in doc.noise] + [h.span for h in doc.headings]
                     + [a.span for a in doc.appendices] + [c.span for c in doc.children])
    body = covered[0][0] if doc.children else 0
    k = 0
    for i in range(body, len(source)):
        while k < len(covered) and covered[k][1] <= i:
            k += 1
        inside = any(a <= i < b for a, b in covered[k:k + 8])
        if not inside and lost[source[i]] > 0 and not source[i].isspace():
            return i
    return next((i for i, ch in enumerate(source) if lost[ch] > 0), -1)
