"""Lookup in a parsed document: the node a citation names, and a node's full citation.

:func:`lookup` and :func:`lookup_article` are what ``doc.get(...)`` and
``doc.article(...)`` call; :func:`cite` is ``regparse.cite``.  The citation
language itself (reading and writing citations) is :mod:`regparse.citation`.

Example::

    >>> lookup(doc, "第十一条第一款第（三）项") is doc.get("第十一条第一款第（三）项")
    True
    >>> regparse.cite(doc.article(11), full=True)
    '《中国共产党工作机关条例》第十一条'
"""
from __future__ import annotations

import weakref
from typing import Iterator

from .citation import DIVISION_LEVELS, Location, chain_matches, format_location, parse, step_text
from .errors import CitationError, CitationNotFound
from .model import Article, Division, Node, Regulation, provide

__all__ = ["lookup", "lookup_article", "cite", "remember"]

# documents seen by this module, so that cite(node, full=True) can find the
# title of the regulation a node belongs to (nodes do not point to parents)
_documents: dict[int, weakref.ref] = {}


def remember(doc: Regulation) -> Regulation:
    """Make ``doc`` known to :func:`cite` so that ``cite(node, full=True)``
    works without ``doc=``; the parser calls this for every tree it returns.
    Holds the document weakly."""
    key = id(doc)
    if key not in _documents:
        _documents[key] = weakref.ref(doc, lambda _ref, key=key: _documents.pop(key, None))
    return doc


def _document_of(node: Node) -> Regulation | None:
    for ref in list(_documents.values()):
        doc = ref()
        if doc is not None and doc._lookup()["id"].get(node.id) is node:
            return doc
    for ref in list(_documents.values()):
        doc = ref()
        if doc is not None and any(n is node for n in doc.walk()):
            return doc
    return None


def cite(node: Node, full: bool = False, doc: Regulation | None = None) -> str:
    """The canonical citation of ``node``; with ``full=True`` preceded by the
    regulation's title in 《》.  A regulation cites as its title.

    >>> cite(doc.get("第十一条第一款第三项"))
    '第十一条第一款第（三）项'
    >>> cite(doc.article(11), full=True)
    '《中国共产党工作机关条例》第十一条'
    """
    if isinstance(node, Regulation):
        return f"《{node.title}》" if node.title else ""
    if not full:
        return node.citation
    if doc is None:
        doc = _document_of(node)
        if doc is None:
            raise CitationError(f"cite({node.citation}, full=True) needs the regulation: pass doc=")
    else:
        remember(doc)
    title = f"《{doc.title}》" if doc.title else ""
    return title + node.citation


def lookup_article(doc: Regulation, key: int | str | tuple[int, int]) -> Article:
    """An article by number (11), citation (第十一条, 第十条之一, 第11条) or
    ``(number, suffix)``; :class:`CitationNotFound` names the closest article.

    >>> lookup_article(doc, "第十一条") is lookup_article(doc, 11) is lookup_article(doc, (11, 0))
    True
    """
    remember(doc)
    if isinstance(key, bool):
        raise CitationError(f"not an article number: {key!r}")
    if isinstance(key, int):
        number, suffix = key, 0
    elif isinstance(key, tuple) and len(key) == 2 and all(isinstance(k, int) for k in key):
        number, suffix = key
    elif isinstance(key, str):
        location = parse(key).single
        if location is None or location.levels() != ["article"]:
            raise CitationError(f"not an article: {key!r} (expected e.g. 第十一条 or 第十条之一)")
        number, suffix = location.article, location.suffix
    else:
        raise CitationError(f"not an article number: {key!r}")
    found = _find_article(doc, number, suffix)
    if found is None:
        raise CitationNotFound(step_text("article", number, suffix) if number > 0 else str(key),
                               _closest_article(doc, number, suffix))
    return found


def lookup(doc: Regulation, citation: str) -> Node:
    """The node a citation names: 第十一条第一款第（三）项, 第十一条第一款第三项,
    第11条第1款第3项, 第十一条第（三）项 (when the article has one 款), 第三章,
    第三章第一节, 第一节 (when only one section has that number), 第一编第二章,
    第十条之一, ….

    Raises :class:`CitationError` when ``citation`` is not a citation of one
    provision and :class:`CitationNotFound` (a KeyError) naming the closest
    existing node when the document has no such node.

    >>> lookup(doc, "第11条第1款第3项").text[:8]
    '当好党委参谋助手'
    """
    remember(doc)
    if not isinstance(citation, str):
        raise CitationError(f"a citation is a string, not {type(citation).__name__}")
    index = doc._lookup()["citation"]
    key = "".join(citation.split())
    node = index.get(key)
    if node is not None:
        return node
    location = parse(key).single
    if location is None:
        raise CitationError(f"{citation!r} names several provisions; look them up one by one")
    node = index.get(format_location(location))
    if node is not None:
        return node
    return _navigate(doc, location)


def _navigate(doc: Regulation, location: Location) -> Node:
    canonical = format_location(location)
    levels = location.levels()
    scope: Node = doc
    division_levels = [level for level in levels if level in DIVISION_LEVELS]
    if division_levels:
        scope = _find_division(doc, location.keep(division_levels), canonical)
    if location.article is None:
        if scope is doc:
            raise CitationError(f"{canonical!r} names no article or division")
        return scope
    article = _find_article(doc, location.article, location.suffix, within=None if scope is doc else scope)
    if article is None:
        raise CitationNotFound(canonical, _closest_article(doc, location.article, location.suffix,
                                                           within=None if scope is doc else scope))
    node: Node = article
    if location.paragraph is None and location.item is not None:
        paragraphs = article.children
        if len(paragraphs) != 1:
            holders = [p for p in paragraphs if any(i.number == location.item for i in p.children)]
            closest = next(i.citation for i in holders[0].children if i.number == location.item) \
                if len(holders) == 1 else article.citation
            raise CitationNotFound(canonical, closest, f"{article.citation} has {len(paragraphs)} 款: "
                                   "name the 款 (第X条第X款第（X）项)")
        node = paragraphs[0]
    for level in ("paragraph", "item", "subitem"):
        number = getattr(location, level)
        if number is None:
            continue
        children = getattr(node, "children", [])
        match = next((c for c in children if c.number == number), None)
        if match is None:
            closest = min(children, key=lambda c: abs((c.number or 0) - number)).citation if children else node.citation
            raise CitationNotFound(canonical, closest)
        node = match
    return node


def _find_article(doc: Regulation, number: int, suffix: int, within: Node | None = None) -> Article | None:
    if within is None:
        # the canonical citation is the quick way in; the scan covers trees
        # whose citations were written otherwise
        node = doc._lookup()["citation"].get(step_text("article", number, suffix)) if number > 0 else None
        if isinstance(node, Article) and (node.number, node.suffix) == (number, suffix):
            return node
        candidates = doc._lookup()["articles"]
    else:
        candidates = (n for n in within.walk() if isinstance(n, Article))
    return next((a for a in candidates if (a.number, a.suffix) == (number, suffix)), None)


def _closest_article(doc: Regulation, number: int, suffix: int, within: Node | None = None) -> str | None:
    articles = doc._lookup()["articles"] if within is None else [n for n in within.walk() if isinstance(n, Article)]
    if not articles:
        return within.citation if within is not None and within.citation else None
    best = min(articles, key=lambda a: (abs((a.number or 0) - number), abs(a.suffix - suffix)))
    return best.citation


def _division_chains(doc: Regulation) -> Iterator[tuple[tuple[tuple[str, int], ...], Division]]:
    """Every division with the (kind, number) of itself and its enclosing divisions."""
    stack: list[tuple[Node, tuple[tuple[str, int], ...]]] = [(doc, ())]
    while stack:
        node, chain = stack.pop()
        for child in reversed(getattr(node, "children", [])):
            if isinstance(child, Division):
                here = chain + ((child.kind, child.number),)
                stack.append((child, here))
                yield here, child


def _find_division(doc: Regulation, location: Location, canonical: str) -> Division:
    wanted = [(level, getattr(location, level)) for level in location.levels()]
    matches = []
    for chain, division in _division_chains(doc):
        if chain_matches(chain, wanted):
            matches.append(division)
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        exact = [d for d in matches if d.citation == canonical]
        if len(exact) == 1:
            return exact[0]
        raise CitationNotFound(canonical, matches[0].citation,
                               f"ambiguous: {', '.join(d.citation for d in matches[:4])} all match")
    kind, number = wanted[-1]
    same_kind = [d for _, d in _division_chains(doc) if d.kind == kind]
    closest = min(same_kind, key=lambda d: abs((d.number or 0) - number)).citation if same_kind else None
    raise CitationNotFound(canonical, closest)


# the model's doc.article(...) and doc.get(...) are these functions
provide(article=lookup_article, get=lookup)
