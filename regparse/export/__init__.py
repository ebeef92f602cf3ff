"""Exports of a parsed regulation: Akoma Ntoso XML, Markdown, clean text, HTML.

Every exporter takes a :class:`regparse.Regulation` and returns a string; none
of them fails on what a tree holds (XML-special and control characters are
escaped or dropped).  ``render`` picks one by name, for the command line::

    from regparse.export import render, to_akn, to_markdown, to_text, to_html
    render(doc, "akn", frbr_uri="/akn/cn/act/2025/party-organs")
    doc.to_markdown()          # the same exporters as methods of Regulation

Formats: json (``doc.model_dump_json(indent=1)``), tree (an indented outline),
markdown, text, akn, html.
"""
from __future__ import annotations

import json

from ..errors import RegparseError
from ..model import Regulation, provide
from .akn import to_akn
from .html import to_html
from .markdown import to_markdown
from .text import to_text
from .tree import to_tree

__all__ = ["render", "FORMATS", "to_akn", "to_markdown", "to_text", "to_html", "to_tree"]

# doc.to_akn(), doc.to_markdown(), … are these functions
provide(to_akn=to_akn, to_markdown=to_markdown, to_text=to_text, to_html=to_html)


def _json(doc: Regulation) -> str:
    try:
        return doc.model_dump_json(indent=1)
    except ValueError:
        # a lone surrogate (from text decoded with surrogateescape) cannot be
        # written as UTF-8; JSON's \\u escapes can carry it
        return json.dumps(doc.model_dump(mode="json"), indent=1, ensure_ascii=True)


_RENDERERS = {
    "json": _json,
    "tree": to_tree,
    "markdown": to_markdown,
    "text": to_text,
    "akn": to_akn,
    "html": to_html,
}
#: the names ``render`` accepts
FORMATS = tuple(_RENDERERS)
#: the options each format takes
_OPTIONS = {"akn": {"frbr_uri"}}


def render(doc: Regulation, fmt: str, **options) -> str:
    """``doc`` in format ``fmt`` (one of :data:`FORMATS`).

    Options a format does not take are refused unless they are None, so a
    caller can pass every option it has.  Raises :class:`regparse.RegparseError`
    for an unknown format or option.

    Example::

        >>> render(doc, "text") == to_text(doc)
        True
        >>> render(doc, "akn", frbr_uri="/akn/cn/act/2025/party-organs")[:5]
        '<?xml'
    """
    renderer = _RENDERERS.get(fmt)
    if renderer is None:
        raise RegparseError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    given = {key: value for key, value in options.items() if value is not None}
    unknown = set(given) - _OPTIONS.get(fmt, set())
    if unknown:
        raise RegparseError(f"format {fmt} takes no option {', '.join(sorted(unknown))}")
    return renderer(doc, **given)
