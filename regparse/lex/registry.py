"""The rules of the lexer, by name.

Every decision the lexer makes is taken by one rule: a small function whose
docstring says what it decides, why, and shows one real line on each side.
With ``explain=True`` a rule records what it decided in ``doc.decisions``
under its own name, so :data:`RULES` is also the list of decision kinds.
Each rule has a fixture file ``tests/data/rules/<name>.txt`` with lines it
accepts and lines it rejects, side by side.
"""
from __future__ import annotations

from typing import Callable, TypeVar

__all__ = ["RULES", "rule"]

#: every rule of the lexer, by name, in the order the modules define them
RULES: dict[str, Callable] = {}

F = TypeVar("F", bound=Callable)


def rule(fn: F) -> F:
    """Register ``fn`` as a rule under its name."""
    if fn.__name__ in RULES:  # pragma: no cover - a programming error
        raise ValueError(f"two rules named {fn.__name__}")
    RULES[fn.__name__] = fn
    return fn
