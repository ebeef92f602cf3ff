"""Running the regulation grammar's LALR table over the lexer's tokens.

:func:`run_lalr` is a loop specialised for regparse's token stream, on the
table Lark computes from ``grammars/regulation.lark``.  Lark's general loop
goes through its tree builder and a Python-level hash of the rule object at
every reduction; on a regulation that is most of the parse time, and the
specialised loop is several times faster on the same table
(bench/bench_parse.py).  ``tests/test_grammar.py`` checks that both loops
build the same tree.
"""
from __future__ import annotations

import sys
from functools import lru_cache
from typing import Any, Callable, Iterable, NamedTuple

from lark import Transformer
from lark.parsers.lalr_analysis import Shift

from .grammar import GrammarError, LineToken, regulation_grammar

__all__ = ["run_lalr", "expected"]


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
    """The token types a state of the table accepts, for error messages and recovery."""
    return sorted(k for k in state_row if k.isupper())


def run_lalr(tokens: Iterable[LineToken], transformer: Transformer,
             on_error: Callable[[LineToken, list[str]], LineToken | None], release: bool = False) -> Any:
    """Parse ``tokens`` with the regulation grammar's LALR table, calling
    ``transformer.<rule>(children)`` at each reduction (inline transform).

    ``on_error(token, expected)`` is called when a token does not fit; it
    returns a replacement token to try instead, or None to drop the token.
    With ``release``, ``tokens`` is a list whose items are let go (set to
    None) as they are read: the drafts grow as the tokens are read, and the
    two need not be held whole at once.
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

    for i, token in enumerate(tokens):
        if release:
            tokens[i] = None  # type: ignore[index]
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
