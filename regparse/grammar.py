"""Loading the grammars.

The grammars are package data (``regparse.grammars``, the top-level
``grammars/`` folder of the checkout).  Lark reads them and computes the LALR
tables once per process.  Two things are taken from the result:

- the marker terminals (``ARTICLE_MARK``, ``CN_PAREN_MARK``, …), compiled into
  the line-start matcher the lexer uses, so that what a marker looks like is
  written once, in the grammar;
- the parse table, which :mod:`regparse.lalr` runs over the lexer's tokens.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, NamedTuple

from lark import Lark
from lark.lexer import Lexer

__all__ = ["load", "regulation_grammar", "marker_patterns", "compile_markers", "MARKERS", "LineToken",
           "GrammarError"]

#: terminals that describe what a line-start marker looks like
MARKERS = (
    "PART_MARK", "SUBPART_MARK", "CHAPTER_MARK", "SECTION_MARK", "ARTICLE_MARK",
    "CN_PAREN_MARK", "CN_COMMA_MARK", "DIGIT_DOT_MARK", "DIGIT_PAREN_MARK", "CIRCLED_MARK",
    "ANNEX_MARK", "TOC_MARK", "PREAMBLE_MARK",
)


class GrammarError(Exception):
    """The token stream does not fit the grammar (an internal error: the lexer
    emits only what the grammar accepts, and the parser recovers)."""


class LineToken(NamedTuple):
    """One logical line as the grammar sees it: its role and what the builder needs."""

    type: str
    line: Any      # the lexer's Line (text, source pieces)
    mark: Any = None   # the marker match, if any


class _NoLexer(Lexer):
    """Lark needs a lexer class; regparse's lexer runs before Lark is called."""

    def __init__(self, conf: Any) -> None:
        pass

    def lex(self, *args: Any) -> Iterable:  # pragma: no cover - never called
        raise NotImplementedError


class _KeepMarkers:
    """A post-lexer that does nothing but tell Lark to keep the marker
    terminals, which no rule uses (the lexer does)."""

    always_accept = MARKERS

    def process(self, stream: Iterable) -> Iterable:  # pragma: no cover
        return stream


def _grammar_text(name: str) -> str:
    try:
        from importlib.resources import files

        return (files("regparse.grammars") / name).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        # running from a checkout without installing: grammars/ beside the package
        return (Path(__file__).resolve().parent.parent / "grammars" / name).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def load(name: str, **options: Any) -> Lark:
    """The Lark object for ``grammars/<name>`` (cached per process)."""
    return Lark(_grammar_text(name), **options)


@lru_cache(maxsize=None)
def regulation_grammar() -> Lark:
    """regulation.lark with LALR tables; its lexer is regparse.lex."""
    return load("regulation.lark", parser="lalr", lexer=_NoLexer, postlex=_KeepMarkers())


@lru_cache(maxsize=None)
def marker_patterns() -> dict[str, str]:
    """Regular expressions of the marker terminals, by terminal name."""
    terminals = {t.name: t.pattern.to_regexp() for t in regulation_grammar().terminals}
    missing = [m for m in MARKERS if m not in terminals]
    if missing:  # pragma: no cover - a broken grammar file
        raise GrammarError(f"regulation.lark lacks {missing}")
    return {m: terminals[m] for m in MARKERS}


def compile_markers(names: Iterable[str], flags: int = 0) -> re.Pattern:
    """One alternation of the named marker terminals with a named group each."""
    patterns = marker_patterns()
    return re.compile("|".join(f"(?P<{n}>{patterns[n]})" for n in names), flags)
