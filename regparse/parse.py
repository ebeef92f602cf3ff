"""The pipeline: text → clean lines → tokens → LALR → drafts → references → frozen tree.

``parse`` never raises on a str: what is wrong with the text becomes a
diagnostic.  ``extract`` finds every regulation on a page.
"""
from __future__ import annotations

import gc
import os
from contextlib import contextmanager
from typing import Iterator

from . import build, freeze, lex, refs
from .lookup import remember
from .grammar import LineToken
from .lalr import run_lalr
from .model import Decision, Diagnostic, Noise, Regulation
from .normalize import clean_lines, line_noise

__all__ = ["parse", "parse_file", "extract"]


@contextmanager
def _no_gc() -> Iterator[None]:
    # A parse allocates hundreds of thousands of small objects and frees none
    # of them until it returns; the cyclic collector would scan them over and
    # over (half the time of a large parse) to find no garbage.
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def parse(text: str, *, explain: bool = False, references: bool = True) -> Regulation:
    """Parse the text of a regulation into a :class:`Regulation`.

    Never raises on a str: problems become ``doc.diagnostics``; input removed
    as noise is listed in ``doc.noise``; with ``explain=True`` every heuristic
    decision is listed in ``doc.decisions``.

    >>> doc = parse("示例条例\\n第一条　为了规范管理，制定本条例。\\n第二条　本条例自发布之日起施行。")
    >>> doc.title, [a.label for a in doc.articles]
    ('示例条例', ['第一条', '第二条'])
    """
    if not isinstance(text, str):
        raise TypeError(f"parse() takes a str, not {type(text).__name__}; use parse_file() or read.decode() for bytes")
    with _no_gc():
        return _parse(text, explain, references)


def _parse(text: str, explain: bool, references: bool) -> Regulation:
    lines, noise = clean_lines(text)
    spans = lex.regions(lines) if lines else [(0, 0)]
    if len(spans) > 1:
        # several regulations on one page: the main one is the longest
        a, b = max(spans, key=lambda ab: ab[1] - ab[0])
        outside = [noise for ln in lines[:a] + lines[b:] for noise in line_noise("outside", ln)]
        found = [Decision(kind="page_regions", message=f"{len(spans)} regulations on the page: the longest is read, "
                          "the others kept out as noise", span=(lines[a].start, lines[b - 1].end))] if explain else []
        return _parse_lines(text, lines[a:b], noise + outside, explain, references, found)
    return _parse_lines(text, lines, noise, explain, references)


def _parse_lines(text: str, lines: list, noise: list[Noise], explain: bool, references: bool,
                 decisions: list[Decision] | None = None) -> Regulation:
    diagnostics: list[dict] = []
    if not lines:
        code = "empty_input"
        msg = "the input is empty" if not text else "the input holds no text"
        return Regulation(span=(0, len(text)), diagnostics=[Diagnostic(code=code, severity="error", message=msg,
                                                                         span=(0, len(text)))],
                          noise=noise)
    tokens, lexer = lex.tokenize(lines, explain)
    dropped: list[LineToken] = []

    def on_error(token: LineToken, expected: list[str]) -> LineToken | None:
        if token.type != "TEXT" and "TEXT" in expected:
            return LineToken("TEXT", token.line, None)
        dropped.append(token)
        return None

    builder = build.Builder()
    tree = run_lalr(tokens, builder, on_error)
    noise.extend(builder.noise)
    for tok in dropped:
        ln = tok.line
        diagnostics.append({"code": "unparsed_line", "severity": "warning",
                            "message": f"line kept out of the tree: {ln.text[:20]}", "span": (ln.start, ln.end)})
        noise.extend(line_noise("unparsed", ln))
    build.items_outside_articles(tokens, diagnostics)
    doc = build.finish(tree, text, lexer.title, diagnostics, builder.preamble_span)
    if references:
        # before freezing, on the drafts; adds its unresolved_reference warnings to the diagnostics
        refs.annotate(doc, text, builder.pieces)
    diagnostics.sort(key=lambda d: d["span"])
    if tokens:
        doc["span"] = (tokens[0].line.start, tokens[-1].line.end)
    doc["noise"] = noise + lexer.noise
    doc["noise"].sort(key=lambda n: n.span)
    doc["decisions"] = (decisions or []) + lexer.decisions
    return remember(freeze.to_models(doc))


def parse_file(path: str | os.PathLike, *, explain: bool = False, references: bool = True) -> Regulation:
    """Read a file in any common encoding (see :func:`regparse.read_file`) and parse it.

    Spans are offsets into the text ``read_file(path)`` returns.
    """
    from .read import read_file

    return parse(read_file(path), explain=explain, references=references)


def extract(text: str, *, explain: bool = False, references: bool = True) -> list[Regulation]:
    """Every regulation printed on a page, in page order, each with its span,
    its title (from the headline or the 《…》 that announces it) and its body.

    A page with no regulation gives an empty list.  Each regulation's noise
    lists what around it on the page is not part of it.

    >>> page = "新华社北京电　近日印发了《示例规定》。\\n示例规定\\n第一条　为了示例，制定本规定。\\n第二条　本规定自发布之日起施行。\\n（完）"
    >>> [(d.title, len(d.articles)) for d in extract(page)]
    [('示例规定', 2)]
    """
    if not isinstance(text, str):
        raise TypeError(f"extract() takes a str, not {type(text).__name__}")
    with _no_gc():
        lines, noise = clean_lines(text)
        if not lines:
            return []
        found = []
        for a, b in lex.regions(lines):
            part = lines[a:b]
            lo, hi = part[0].start, part[-1].end
            doc = _parse_lines(text, part, [n for n in noise if lo <= n.span[0] < hi], explain, references)
            if doc.articles:
                found.append(doc)
        return found
