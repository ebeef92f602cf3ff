"""Loading the grammars and running their LALR tables.

The grammars are package data (``regparse.grammars``, the top-level
``grammars/`` folder of the checkout).  Lark reads them and computes the LALR
tables once per process.  Two things are taken from the result:

- the marker terminals (``ARTICLE_MARK``, ``CN_PAREN_MARK``, …), compiled into
  the line-start matcher the lexer uses, so that what a marker looks like is
  written once, in the grammar;
- the parse table, run by :func:`run_lalr`, a loop specialised for regparse's
  token stream.  Lark's general loop goes through its tree builder and a
  Python-level hash of the rule object at every reduction; on a regulation that
  is most of the parse time, and the specialised loop is several times faster on
  the same table (bench/bench_parse.py).  ``tests/test_grammar.py`` checks that
  both loops build the same tree.
"""
from __future__ import annotations

import re
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, NamedTuple

from lark import Lark, Transformer
from lark.lexer import Lexer
from lark.parsers.lalr_analysis import Shift

__all__ = ["load", "regulation_grammar", "marker_patterns", "run_lalr", "LineToken", "GrammarError"]

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


class _Table(NamedTuple):
    actions: list[dict[str, tuple]]   # state -> token type -> (shift?, arg)
    start: int
    end: int


@lru_cache(maxsize=None)
def _table() -> _Table:
    lark = regulation_grammar()
    table = lark.parser.parser.parser.parse_table
    states = {s: i for i, s in enumerate(table.states)}
    actions: list[dict[str, tuple]] = [dict() for _ in states]
    for state, acts in table.states.items():
        row = actions[states[state]]
        for symbol, (action, arg) in acts.items():
            # plain str keys: Lark's names are Token objects, whose Python-level
            # __eq__ would run at every lookup
            symbol = sys.intern(str(symbol))
            if action is Shift:
                row[symbol] = (True, states[arg])
            else:
                name = sys.intern(str(arg.origin.name))
                # rules whose name starts with _ (including Lark's own helpers
                # for x* and x+) are inlined into their parent, as in Lark
                row[symbol] = (False, len(arg.expansion), name, name.startswith("_"))
    (start_state,) = table.start_states.values()
    (end_state,) = table.end_states.values()
    return _Table(actions, states[start_state], states[end_state])


class _Inline(list):
    """Children of an inlined rule, spliced into the parent's children."""

    __slots__ = ()


def expected(state_row: dict) -> list[str]:
    return sorted(k for k in state_row if k.isupper())


def run_lalr(tokens: Iterable[LineToken], transformer: Transformer,
             on_error: Callable[[LineToken, list[str]], LineToken | None]) -> Any:
    """Parse ``tokens`` with the regulation grammar's LALR table, calling
    ``transformer.<rule>(children)`` at each reduction (inline transform).

    ``on_error(token, expected)`` is called when a token does not fit; it
    returns a replacement token to try instead, or None to drop the token.
    """
    actions, start, end = _table()
    callbacks: dict[str, Callable] = {}
    state_stack = [start]
    value_stack: list[Any] = []
    Inline = _Inline

    def reduce(size: int, name: str, inline: bool) -> None:
        # the loop below reduces; this is for the general case
        flat: list[Any]
        if size == 1:
            # the most common reduction (a lone article line): no slices
            last = value_stack.pop()
            state_stack.pop()
            flat = list(last) if type(last) is Inline else [last]
        elif size:
            children = value_stack[-size:]
            del value_stack[-size:]
            del state_stack[-size:]
            flat = []
            for c in children:
                if type(c) is Inline:
                    flat.extend(c)
                else:
                    flat.append(c)
        else:
            flat = []
        if inline:
            value: Any = Inline(flat)
        else:
            fn = callbacks.get(name)
            if fn is None:
                fn = callbacks[name] = getattr(transformer, name)
            value = fn(flat)
        state_stack.append(actions[state_stack[-1]][name][1])
        value_stack.append(value)

    for token in tokens:
        ttype = token.type
        while True:
            act = actions[state_stack[-1]].get(ttype)
            if act is None:
                replacement = on_error(token, expected(actions[state_stack[-1]]))
                if replacement is None or replacement.type == ttype:
                    break
                token = replacement
                ttype = token.type
                continue
            if act[0]:
                state_stack.append(act[1])
                value_stack.append(token)
                break
            size = act[1]
            if act[3] and size == 2 and type(value_stack[-2]) is Inline:
                # x* and x+ reduce left-recursively: grow the list already made
                # instead of copying it at every element
                last = value_stack.pop()
                if type(last) is Inline:
                    value_stack[-1].extend(last)
                else:
                    value_stack[-1].append(last)
                del state_stack[-2:]
                state_stack.append(actions[state_stack[-1]][act[2]][1])
            elif act[3] and size == 1:
                if type(value_stack[-1]) is not Inline:
                    value_stack[-1] = Inline((value_stack[-1],))
                state_stack[-1] = actions[state_stack[-2]][act[2]][1]
            else:
                reduce(size, act[2], act[3])
    while state_stack[-1] != end:
        act = actions[state_stack[-1]].get("$END")
        if act is None or act[0]:  # pragma: no cover - every prefix of a stream may end
            raise GrammarError(f"unexpected end; expected {expected(actions[state_stack[-1]])}")
        reduce(act[1], act[2], act[3])
    return value_stack[-1]
