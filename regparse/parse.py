"""The pipeline: text → clean lines → tokens → LALR → tree.

``parse`` never raises on a str: what is wrong with the text becomes a
diagnostic.  ``extract`` finds every regulation on a page.
"""
from __future__ import annotations

import gc
import os
from contextlib import contextmanager
from typing import Iterator

from . import build, lex, refs
from .citation import step_text
from .lookup import remember
from .grammar import LineToken, run_lalr
from .model import Diagnostic, Noise, Regulation
from .normalize import clean_lines

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
        outside = [Noise(kind="outside", text=ln.text, span=(ln.start, ln.end)) for ln in lines[:a] + lines[b:]]
        return _parse_lines(text, lines[a:b], noise + outside, explain, references)
    return _parse_lines(text, lines, noise, explain, references)


def _parse_lines(text: str, lines: list, noise: list[Noise], explain: bool, references: bool) -> Regulation:
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
        noise.append(Noise(kind="unparsed", text=ln.text, span=(ln.start, ln.end)))
    _items_outside_articles(tokens, diagnostics)
    doc = _finish(tree, text, lexer, diagnostics, references)
    if tokens:
        doc["span"] = (tokens[0].line.start, tokens[-1].line.end)
    doc["noise"] = noise + lexer.noise
    doc["noise"].sort(key=lambda n: n.span)
    doc["decisions"] = lexer.decisions
    return remember(build.to_models(doc))


def _finish(tree: dict, text: str, lexer: lex.Lexer, diagnostics: list[dict], references: bool) -> dict:
    headings: list[tuple[dict, dict | None]] = []
    _pull_headings(tree["children"], headings, None)
    articles, divisions = build.assign_ids(tree)
    build.check_numbering(articles, divisions, diagnostics)
    tree["title"] = lexer.title
    tree["span"] = (0, len(text))
    tree["id"] = ""
    tree["headings"] = [{"text": h["text"], "span": h["span"], "before": nxt["id"] if nxt else None,
                         "paragraphs": h["paragraphs"]} for h, nxt in headings]
    if not articles:
        diagnostics.append({"code": "no_structure", "severity": "error",
                            "message": "no regulation structure found (no article 第X条)", "span": (0, len(text))})
    else:
        first = articles[0]
        number, suffix = first["number"], first.get("suffix", 0)
        if (number, suffix) != (1, 0):
            diagnostics.append({"code": "fragment_start", "severity": "warning",
                                "message": f"the text starts at {first['label']}, not at 第一条: a fragment",
                                "span": first["span"]})
            pre = tree.get("_preamble")
            if pre is not None:
                # a page cut inside an article: the text before the first
                # article is the end of the article before it
                before = step_text("article", number - 1) if suffix == 0 else step_text("article", number, suffix - 1)
                diagnostics.append({"code": "continues_article", "severity": "info",
                                    "message": f"the text before {first['label']} is the end of {before}, cut off",
                                    "span": pre["span"]})
        last = articles[-1]
        tail = _last_text(last)
        if tail and not lex.ends_closed(tail):
            diagnostics.append({"code": "fragment_end", "severity": "warning",
                                "message": f"the text ends inside {last['label']} (mid-sentence)",
                                "span": last["span"]})
    tree["diagnostics"] = diagnostics
    if references:
        refs.annotate(tree, text)     # adds its unresolved_reference warnings to tree["diagnostics"]
    tree.pop("_preamble", None)
    diagnostics.sort(key=lambda d: d["span"])
    return tree


def _items_outside_articles(tokens: list[LineToken], diagnostics: list[dict]) -> None:
    """Items before the first article or between a heading and its first
    article belong to no article: kept as text, and reported."""
    if not any(t.type == "ARTICLE" for t in tokens):
        return   # no structure at all: reported as such
    in_article = False
    for tok in tokens:
        kind = tok.type
        if kind == "ARTICLE":
            in_article = True
        elif kind in ("PART", "SUBPART", "CHAPTER", "SECTION", "HEADING", "CLOSING_HEADING", "ANNEX"):
            in_article = False
        elif kind in ("ITEM", "SUBITEM") and not in_article:
            ln = tok.line
            diagnostics.append({"code": "item_outside_article", "severity": "warning",
                                "message": f"{tok.mark.label if tok.mark else ln.text[:4]} is not inside any article",
                                "span": (ln.start, ln.end)})


def _last_text(article: dict) -> str:
    para = article["children"][-1]
    node = para
    while node.get("children"):
        node = node["children"][-1]
    return node.get("text", "")


def _pull_headings(nodes: list[dict], out: list, after: dict | None) -> None:
    """Move heading dicts out of the children lists; remember the node after each."""
    pending: list[dict] = []
    keep = []
    for node in nodes:
        kind = node["kind"]
        if kind == "heading":
            pending.append(node)
            continue
        if pending:
            for h in pending:
                out.append((h, node if kind == "article" else _first_article(node)))
            pending = []
        keep.append(node)
        if kind != "article":
            intro = node.pop("_intro", None)
            if intro is not None:
                node["intro"] = "\n".join(ln.text for ln in intro["_lines"])
            _pull_headings(node["children"], out, None)
    for h in pending:
        out.append((h, None))
    nodes[:] = keep


def _first_article(node: dict) -> dict | None:
    return next(build._articles([node]), None)


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

    >>> page = "新华社北京电　近日印发了《示例规定》。\n示例规定\n第一条　为了示例，制定本规定。\n第二条　本规定自发布之日起施行。\n（完）"
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
