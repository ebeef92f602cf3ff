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

import re
import weakref
from typing import Iterator

from dataclasses import replace

from .citation import (point_article, point_step, DIVISION_LEVELS, LEVELS, RANK, STATE_PREFIX, Location, Range, chain_matches, format, format_location,
                       names_act, parse, split_act, step_text)
from .catalogue import TRADITIONAL_MARKERS
from .errors import CitationError, CitationNotFound, OtherActCitation
from .model import Appendix, Article, Division, Heading, Node, Regulation, provide
from .numerals import to_int

__all__ = ["lookup", "select", "lookup_article", "cite", "remember"]

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


def lookup(doc: Regulation, citation: str) -> Node | Appendix | Heading:
    """The node a citation names: 第十一条第一款第（三）项, 第十一条第一款第三项,
    第11条第1款第3项, 第十一条第（三）项 (when the article has one 款, or only
    one 款 with items), 第三章, 第三章第一节, 第一节 (when only one section has
    that number), 第一编第二章, 第十条之一, ….

    The citation may start with the act's name, as :func:`cite` writes it
    (《中华人民共和国刑法》第十条) or as people do (刑法第十条, 《刑法》第十条,
    本法第十条), and in Traditional marker words (第十一條第一款第三項 is
    第十一条第一款第（三）项); a name that is not this document's raises
    :class:`OtherActCitation`.  Beyond the numbered provisions:

    - 附件, 附件一, 附件1, 附表二, 附录 … — that :class:`Appendix` of
      ``doc.appendices`` (附件 alone when the document has one 附件);
      附件一第三条 — a provision of an appendix that is a regulation of its
      own (``Appendix.regulation``); 附件二第1项, 附件三第四项（一） — a unit of
      an appendix that is a list (``Appendix.children``), also as 附件二1,
      附件三四（一） and with the numeral in either script;
    - 序言 — the preamble, as a :class:`Heading` whose ``text`` is its first
      line and ``paragraphs`` the lines after it (``before`` is the id of the
      first node of the body);
    - 附则 — the division titled 附则 (a chapter, usually), or else the
      unnumbered :class:`Heading` 附则 (六、附则) in ``doc.headings``.

    Raises :class:`CitationError` when ``citation`` is not a citation of one
    provision (:func:`select` takes lists and ranges) and
    :class:`CitationNotFound` (a KeyError) naming the closest existing node
    when the document has no such node.

    >>> lookup(doc, "第11条第1款第3项").text[:8]
    '当好党委参谋助手'
    >>> lookup(doc, "《中国共产党工作机关条例》第十一条") is lookup(doc, "本条例第十一条") is doc.article(11)
    True
    """
    remember(doc)
    if not isinstance(citation, str):
        raise CitationError(f"a citation is a string, not {type(citation).__name__}")
    index = doc._lookup()["citation"]
    key = "".join(citation.split()).translate(TRADITIONAL_MARKERS)
    node = index.get(key)
    if node is not None:
        return node
    key, named = _without_act(doc, key, citation)
    if named and not key:
        return doc
    special = _special(doc, key, citation)
    if special is not None:
        if len(special) > 1:
            raise CitationNotFound(key, None, f"ambiguous: {', '.join(_label(n) for n in special[:6])} all match; "
                                   "name one, or select() them all")
        return special[0]
    node = index.get(key)
    if node is not None:
        return node
    node = _point(doc, key, index)
    if node is not None:
        return node
    location = parse(key).single
    if location is None:
        raise CitationError(f"{citation!r} names several provisions; select() returns them all")
    return _resolve(doc, location)


_POINT_STEP = re.compile(r"([一二三四五六七八九十百]+)[、．.]?|[（(]([一二三四五六七八九十百]+)[）)]"
                         r"|([0-9０-９]+)[．.、]?|[（(]([0-9０-９]+)[）)]|([①-⑳])")


def _point(doc: Regulation, key: str, index: dict) -> Node | None:
    """A point of an enumerated document by its labels as printed (一、（二）1．,
    (二), 一(二)1) or as 第一条: a top-level point, or where the top level is headings,
    a unit of the level numbered through the document (:func:`~regparse.citation.point_article`)."""
    if not doc.children or not any(c.kind == "point" for c in doc.children):
        return None
    if key[:1] == "第" and key[-1:] == "条" and not doc.articles:
        numeral = key[1:-1]
        number = to_int(numeral)
        if number is None:
            return None
        points, parents = [], []
        for node in doc.walk():
            if node.kind == "point":
                while parents and parents[-1].level >= node.level:
                    parents.pop()
                points.append((node, node.level, node.style, node.number, id(parents[-1]) if parents else None))
                parents.append(node)
        # the models are not hashable: keyed by their place in the list
        at = point_article([(i, *p[1:]) for i, p in enumerate(points)], number,
                           arabic=numeral[:1] in "0123456789０１２３４５６７８９")
        return points[at][0] if at is not None else None
    chain = _chain(key)
    return index.get(chain) if chain is not None else None


def _chain(key: str) -> str | None:
    """Labels as printed (一、（二）1．, (二), 一(二)1) as the canonical chain 一（二）1; None if they are not labels."""
    steps = []
    at = 0
    while at < len(key):
        m = _POINT_STEP.match(key, at)
        if m is None:
            return None
        cn, cn_paren, digit, digit_paren, circled = m.groups()
        if cn:
            steps.append(point_step("cn", to_int(cn)))
        elif cn_paren:
            steps.append(point_step("cn_paren", to_int(cn_paren)))
        elif digit:
            steps.append(point_step("digit", to_int(digit)))
        elif digit_paren:
            steps.append(point_step("digit_paren", to_int(digit_paren)))
        else:
            steps.append(circled)
        at = m.end()
    return "".join(steps)


_ANNEX_ITEM = re.compile(r"第([^第项]+)项")


def _annex_point(annex: Appendix, rest: str) -> Node | None:
    """A point of an appendix's list by what follows the appendix's label: 第1项 / 第十五项（一）
    (the canonical 附件二第1项 is found by the index), or the labels alone, 1 / 一（一）."""
    m = _ANNEX_ITEM.match(rest)
    if m is not None:
        first, rest = m.group(1).strip("（）()"), rest[m.end():]
    else:
        m = _POINT_STEP.match(rest)
        if m is None or not m.group():
            return None
        first, rest = next(g for g in m.groups() if g), rest[m.end():]
    number = to_int(first)
    chain = _chain(rest)
    if number is None or chain is None:
        return None
    for top in annex.children:
        if top.number == number:
            wanted = top.citation + chain
            return next((node for node in top.walk() if node.citation == wanted), None)
    return None


def select(doc: Regulation, citation: str) -> list[Node | Appendix | Heading]:
    """Every node a citation names, lists and ranges included, in the order
    written; each range in document order: 第十条至第十五条, 第十条、第十二条和
    第十四条, 第十条第一款、第二款, 第二十条第一款第（一）项至第（三）项,
    第一章至第三章, 附件 (every 附件).  Each member of a list is looked up as
    :func:`lookup` does and must exist.

    A range gives the nodes of that level the document has whose numbers fall
    inside it (第十条之一 … between 第十条 and 第十一条 included): the nodes
    that are there, never a number that is not, so a range wider than the
    document gives the part inside it.  A range that holds no node at all
    raises :class:`CitationNotFound`.  A node named twice is listed once.

    >>> [a.label for a in select(doc, "第十条至第十二条")]
    ['第十条', '第十一条', '第十二条']
    >>> [n.citation for n in select(doc, "第十一条第（一）项、第（三）项")]
    ['第十一条第一款第（一）项', '第十一条第一款第（三）项']
    """
    remember(doc)
    if not isinstance(citation, str):
        raise CitationError(f"a citation is a string, not {type(citation).__name__}")
    key, named = _without_act(doc, "".join(citation.split()).translate(TRADITIONAL_MARKERS), citation)
    if named and not key:
        return [doc]
    special = _special(doc, key, citation, every=True)
    if special is not None:
        return special
    found: list = []
    for element in parse(key).elements:
        if isinstance(element, Range):
            found.extend(_expand(doc, element))
        else:
            found.append(_resolve(doc, element))
    seen: set[int] = set()
    return [n for n in found if not (id(n) in seen or seen.add(id(n)))]


def _without_act(doc: Regulation, key: str, citation: str) -> tuple[str, bool]:
    """``key`` without the act's name it starts with, once that name is
    checked to be this document's, and whether it had one."""
    if doc.title:
        # a title that holds 第 itself (关于…第九十三条第二款的解释) is only
        # found as the whole title
        for name in {"".join(doc.title.split()), _short_title(doc.title)}:
            if name and key.startswith(name) and key[len(name):len(name) + 1] in ("", "第", "附", "序"):
                return key[len(name):], True
    if key.startswith(_APPENDIX_WORDS):
        return key, False   # 附件一第三条 names an appendix, not an act
    act, rest = split_act(key)
    if act is None:
        return key, False
    if not names_act(act, doc.title):
        raise OtherActCitation(citation.strip(), act.strip("《》"), doc.title)
    return rest, True


def _short_title(title: str) -> str:
    title = "".join(title.split())
    return title[len(STATE_PREFIX):] if title.startswith(STATE_PREFIX) else ""


# -- 附件, 序言, 附则 -------------------------------------------------------------

_APPENDIX_WORDS = ("附件", "附表", "附录")
_PREAMBLE = "序言"
_CLOSING = "附则"


def _label(found: Node | Appendix | Heading) -> str:
    if isinstance(found, Appendix):
        return found.label.rstrip("：: ")
    return found.text if isinstance(found, Heading) else found.citation


def _appendix_key(label: str) -> tuple[str, int | None]:
    """(word, number) of an appendix label: 附件一 → (附件, 1), 附表 → (附表, None), 附： → (附件, None)."""
    label = "".join(label.split()).rstrip("：:")
    word = next((w for w in _APPENDIX_WORDS if label.startswith(w)), None)
    if word is None:
        return ("附件" if label == "附" else label), None
    rest = label[len(word):]
    number = to_int(rest) if rest else None
    return word, number


def _special(doc: Regulation, key: str, citation: str, every: bool = False) -> list | None:
    """The appendices, preamble or 附则 that ``key`` names; ``None`` when it
    names none of these (it may still be a citation)."""
    if key.startswith(_APPENDIX_WORDS):
        inside = key.find("第", 2)
        if inside < 0:
            # 附件二1, 附件三一（二）: a point of an appendix's list, by the labels after the appendix's
            for annex in sorted(doc.appendices, key=lambda a: -len(a.citation)):
                if annex.children and key.startswith(annex.citation) and len(key) > len(annex.citation):
                    point = _annex_point(annex, key[len(annex.citation):])
                    if point is not None:
                        return [point]
        if inside > 0:
            # 附件一第三条: a provision of an appendix that is a regulation of its own
            annex = _special(doc, key[:inside], citation)[0]  # type: ignore[index]
            if annex.regulation is None and annex.children:
                point = _annex_point(annex, key[inside:])    # 附件一第十五项 (printed 15．)
                if point is None:
                    raise CitationNotFound(key, annex.label, f"{annex.label} has no such unit")
                return [point]
            if annex.regulation is None:
                raise CitationNotFound(key, annex.label, f"{annex.label} has no articles of its own")
            try:
                return select(annex.regulation, key[inside:]) if every else [lookup(annex.regulation, key[inside:])]
            except CitationNotFound as missing:
                closest = annex.label + missing.closest if missing.closest else annex.label
                raise CitationNotFound(key, closest) from None
        word, number = _appendix_key(key)
        if word not in _APPENDIX_WORDS or (number is None and key.rstrip("：:") != word):
            raise CitationError(f"not a citation: {citation!r} (expected e.g. 附件, 附件一, 附表2)")
        same_word = [a for a in doc.appendices if _appendix_key(a.label)[0] == word]
        found = [a for a in same_word if number is None or _appendix_key(a.label)[1] == number]
        if not found:
            labels = [a.label for a in doc.appendices]
            raise CitationNotFound(key, labels[0] if labels else None,
                                   f"the document's appendices: {', '.join(labels)}" if labels
                                   else "the document has no appendix")
        return found
    if key == _PREAMBLE:
        preamble = _preamble(doc)
        if preamble is None:
            raise CitationNotFound(key, None, "the document has no preamble")
        return [preamble]
    if key == _CLOSING:
        divisions = [d for d in doc.walk() if (isinstance(d, Division) or d.kind == "point")
                     and d.title and "".join(d.title.split()) == _CLOSING]
        if divisions:
            return divisions
        headings = [h for h in doc.headings if _heading_words(h.text) == _CLOSING]
        if headings:
            return [a for h in headings for a in _heading_articles(doc, h)] if every else headings
        raise CitationNotFound(key, None, "no division or heading is titled 附则")
    return None


def _heading_words(text: str) -> str:
    """A heading's words without its enumeration: 六、附则 → 附则."""
    text = "".join(text.split())
    mark = text.find("、")
    return text[mark + 1:] if 0 < mark <= 3 else text


def _heading_articles(doc: Regulation, heading: Heading) -> list[Node]:
    """The articles under an unnumbered heading: from the one it stands
    before up to the next heading's."""
    articles = doc._lookup()["articles"]
    ids = [a.id for a in articles]
    if heading.before not in ids:
        return [heading]
    start = ids.index(heading.before)
    later = {h.before for h in doc.headings if h.span[0] > heading.span[0] and h.before}
    end = next((i for i in range(start + 1, len(ids)) if ids[i] in later), len(ids))
    return list(articles[start:end])


def _preamble(doc: Regulation) -> Heading | None:
    """The preamble as a Heading: its heading line (序言, 总纲 …, or 序言 when
    it has none) and its lines.  The text before the first article of a
    fragment is the end of an article, not a preamble: ``None``."""
    if not doc.preamble or any(d.code == "continues_article" for d in doc.diagnostics):
        return None
    lines = doc.preamble.split("\n")
    first = lines[0]
    heading = len(first) <= _HEADING_LENGTH and not any(mark in first for mark in _SENTENCE_MARKS)
    text = doc._text
    span = (0, 0)
    if text is not None:
        start = text.find(first, doc.span[0])
        end = text.find(lines[-1], start) if start >= 0 else -1
        if end >= 0:
            span = (start, end + len(lines[-1]))
    return Heading(text=first if heading else _PREAMBLE, span=span,
                   before=doc.children[0].id if doc.children else None,
                   paragraphs=lines[1:] if heading else lines)


# a preamble's first line is its heading when it is as short as 序言, 总纲,
# 前言 and holds no sentence
_HEADING_LENGTH = 6
_SENTENCE_MARKS = "。，,；;：:"


# -- numbered provisions ---------------------------------------------------------

def _resolve(doc: Regulation, location: Location) -> Node:
    """The node of one location: the index of canonical citations first."""
    node = doc._lookup()["citation"].get(format_location(location))
    return node if node is not None else _navigate(doc, location)


def _navigate(doc: Regulation, location: Location) -> Node:
    canonical = format_location(location)
    levels = location.levels()
    if location.subitem is not None and location.item is None:
        raise CitationNotFound(canonical, _subitem_guess(doc, location),
                               "a 目 is cited under its 项: 第X条第X款第（X）项第X目")
    scope: Node = doc
    division_levels = [level for level in levels if level in DIVISION_LEVELS]
    if division_levels:
        scope = _find_division(doc, location.keep(division_levels), canonical)
    if location.article is None:
        if scope is doc:
            raise CitationError(f"{canonical!r} names no article or division")
        if levels[-1] not in DIVISION_LEVELS:
            raise CitationError(f"{canonical!r}: a 款, 项 or 目 is cited under its 条 (第X条第X款)")
        return scope
    article = _find_article(doc, location.article, location.suffix, within=None if scope is doc else scope)
    if article is None:
        raise CitationNotFound(canonical, _closest_article(doc, location.article, location.suffix,
                                                           within=None if scope is doc else scope))
    node: Node = article
    if location.paragraph is None and location.item is not None:
        node = _item_paragraph(article, location.item, canonical)
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


def _item_paragraph(article: Article, item: int | None, canonical: str) -> Node:
    """The 款 whose 项 a citation that leaves the 款 out means: the article's
    only 款, or its only 款 with items."""
    paragraphs = article.children
    if len(paragraphs) == 1:
        return paragraphs[0]
    with_items = [p for p in paragraphs if p.children]
    if len(with_items) == 1:
        return with_items[0]
    holders = [p for p in with_items if any(i.number == item for i in p.children)]
    closest = next(i.citation for i in holders[0].children if i.number == item) \
        if len(holders) == 1 else article.citation
    raise CitationNotFound(canonical, closest, f"{article.citation} has {len(with_items)} 款 with items: "
                           "name the 款 (第X条第X款第（X）项)")


def _subitem_guess(doc: Regulation, location: Location) -> str | None:
    """For a 目 cited without its 项: the one 目 of that number under the
    cited article or 款, when there is exactly one."""
    try:
        holder = _resolve(doc, replace(location, subitem=None))
    except (CitationError, CitationNotFound):
        return None
    found = [n for n in holder.walk() if n.kind == "subitem" and n.number == location.subitem]
    return found[0].citation if len(found) == 1 else None


def _expand(doc: Regulation, span: Range) -> list[Node]:
    """The nodes a range names: those of its level under the common part of
    its two ends, numbers between the ends', in document order."""
    start, end = span.start, span.end
    level = start.deepest
    canonical = format(span)
    low = (getattr(start, level), start.suffix if level == "article" else 0)
    high = (getattr(end, level), end.suffix if level == "article" else 0)

    def inside(node: Node) -> bool:
        return low <= ((node.number or 0), node.suffix if level == "article" else 0) <= high

    above = start.keep(LEVELS[:RANK[level]])
    if level in DIVISION_LEVELS:
        wanted = [(lv, getattr(above, lv)) for lv in above.levels()]
        found, parents = [], set()
        for chain, division in _division_chains(doc):
            if division.kind == level and inside(division) and _holds(chain[:-1], wanted):
                found.append(division)
                parents.add(chain[:-1])
        if len(parents) > 1:
            raise CitationNotFound(canonical, None, f"ambiguous: {', '.join(d.citation for d in found[:4])} "
                                   "… match; name the division above (第一编第一章至第三章)")
        order = {id(d): i for i, d in enumerate(doc.divisions)}
        found.sort(key=lambda d: order[id(d)])
    elif level == "article":
        scope = _resolve(doc, above) if above.levels() else None
        articles = doc._lookup()["articles"] if scope is None else [n for n in scope.walk() if isinstance(n, Article)]
        found = [a for a in articles if inside(a)]
    else:
        if level == "item" and above.paragraph is None:
            parent = _item_paragraph(_resolve(doc, above), None, canonical)
        else:
            parent = _resolve(doc, above)
        found = [c for c in getattr(parent, "children", []) if c.kind == level and inside(c)]
    if not found:
        raise CitationNotFound(canonical, None, "the range holds no node of this document")
    return found


def _holds(chain: tuple, wanted: list) -> bool:
    """Whether a chain of (kind, number) holds every wanted step, in order."""
    position = 0
    for step in chain:
        if position < len(wanted) and step == wanted[position]:
            position += 1
    return position == len(wanted)


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
provide(article=lookup_article, get=lookup, select=select)
