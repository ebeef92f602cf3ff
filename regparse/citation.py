"""The citation language: parse and format citations.

A citation names provisions of a regulation the way Chinese legal text does:
第十一条第一款第（三）项, 第三章第一节, 第十条之一, and also lists and ranges
(第十条、第十二条和第十四条, 第十、十八条, 第（一）项至第（三）项).  Its shape is
defined by ``grammars/citation.lark``; this module reads the parse tree into
:class:`Citation` values and writes them back in the canonical form (Chinese
numerals, full-width brackets around item numbers, Arabic sub-item numbers).
Finding the nodes a citation names in a document is :mod:`regparse.lookup`.

Example::

    >>> from regparse.citation import parse, format
    >>> format(parse("第11条第1款第3项"))
    '第十一条第一款第（三）项'
    >>> format(parse("第十、十八条"))
    '第十条、第十八条'
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, fields, replace
from typing import Any, Iterator, Union

from lark import Lark

from .errors import CitationError
from .grammar import load
from .model import DIVISION_KINDS
from .catalogue import LEVEL_OF_UNIT, STATE_PREFIX, TITLE_NOTE, TRADITIONAL_MARKERS, UNIT_OF_LEVEL
from .numerals import to_chinese, to_int

__all__ = [
    "LEVELS", "DIVISION_LEVELS", "RANK", "UNIT_OF_LEVEL", "Location", "Range", "Citation",
    "parse", "Steps", "format", "format_location", "step_text", "chain_matches", "grammar",
    "split_act", "names_act", "point_step", "point_article", "DIGIT_POINT_STYLES",
]

#: levels of a citation, outermost first
LEVELS = tuple(UNIT_OF_LEVEL)
DIVISION_LEVELS = tuple(DIVISION_KINDS)
_LEVEL_OF_UNIT = LEVEL_OF_UNIT
#: each level's depth, outermost 0
RANK = {level: i for i, level in enumerate(LEVELS)}


@dataclass(frozen=True)
class Location:
    """One provision: the numbers of the levels a citation names, ``None`` for
    the levels it leaves out.  ``suffix`` is the 之N of 第十条之一.

    >>> format_location(Location(article=11, paragraph=1, item=3))
    '第十一条第一款第（三）项'
    """

    part: int | None = None
    subpart: int | None = None
    chapter: int | None = None
    section: int | None = None
    article: int | None = None
    suffix: int = 0
    paragraph: int | None = None
    item: int | None = None
    subitem: int | None = None

    def _values(self) -> tuple:
        # the levels' numbers in LEVELS order, read directly (getattr by name costs
        # more, and the reference resolver asks for a location's levels many times)
        return (self.part, self.subpart, self.chapter, self.section, self.article, self.paragraph, self.item,
                self.subitem)

    def levels(self) -> list[str]:
        """The levels this location names, outermost first."""
        return [level for level, value in zip(LEVELS, self._values()) if value is not None]

    @property
    def top(self) -> str:
        # the levels tried in turn, outermost first (no loop: the finder asks
        # this of every reference it reads)
        if self.part is not None:
            return "part"
        if self.subpart is not None:
            return "subpart"
        if self.chapter is not None:
            return "chapter"
        if self.section is not None:
            return "section"
        if self.article is not None:
            return "article"
        if self.paragraph is not None:
            return "paragraph"
        if self.item is not None:
            return "item"
        if self.subitem is not None:
            return "subitem"
        raise IndexError("a location that names no level has no top")

    @property
    def deepest(self) -> str:
        return self.levels()[-1]

    def keep(self, levels: set[str] | list[str]) -> "Location":
        """This location with only ``levels`` kept (the article's suffix goes with it)."""
        values = {level: getattr(self, level) for level in LEVELS if level in levels}
        if "article" in levels:
            values["suffix"] = self.suffix
        return Location(**values)

    def __str__(self) -> str:
        return format_location(self)

    def __repr__(self) -> str:
        named = ", ".join(f"{f.name}={getattr(self, f.name)}" for f in fields(self)
                          if getattr(self, f.name) not in (None, 0))
        return f"Location({named})"


@dataclass(frozen=True)
class Range:
    """第十条至第十五条: two locations naming the same level, ``start`` before ``end``."""

    start: Location
    end: Location


Element = Union[Location, Range]


@dataclass(frozen=True)
class Citation:
    """What a citation string names: one or more locations and ranges, in the
    order written.  Later elements are complete: 第十条第一款、第二款 holds
    第十条第一款 and 第十条第二款.

    >>> parse("第十条至第十二条").locations()
    [Location(article=10), Location(article=11), Location(article=12)]
    """

    elements: tuple[Element, ...]

    @property
    def single(self) -> Location | None:
        """The location when the citation names exactly one provision."""
        if len(self.elements) == 1 and isinstance(self.elements[0], Location):
            return self.elements[0]
        return None

    def locations(self) -> list[Location]:
        """Every location named, ranges expanded by number (第十条之一 and other
        suffixed articles between the ends of a range need the document, which
        the reference resolver of :mod:`regparse.refs` has)."""
        out: list[Location] = []
        for element in self.elements:
            if isinstance(element, Location):
                out.append(element)
                continue
            start, end = element.start, element.end
            level = start.deepest
            first, last = getattr(start, level), getattr(end, level)
            if first == last:  # 第十条之一至第十条之三
                out.extend(replace(start, suffix=s) for s in range(start.suffix, end.suffix + 1))
                continue
            out.append(start)
            out.extend(replace(start, **{level: n, "suffix": 0 if level == "article" else start.suffix})
                       for n in range(first + 1, last))
            out.append(end)
        return out

    def __str__(self) -> str:
        return format(self)


# -- the grammar ---------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def grammar() -> Lark:
    """The citation parser (Lark LALR over ``grammars/citation.lark``)."""
    return load("citation.lark", parser="lalr", maybe_placeholders=False)


# -- reading -------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def parse(citation: str) -> Citation:
    """Read a citation string.

    Accepts Chinese, Arabic and full-width numerals, half- or full-width
    brackets, 第三项 as well as 第（三）项, spaces inside, lists and ranges,
    and the Traditional marker words (第十一條第一款第三項).
    Raises :class:`CitationError` when ``citation`` is not a citation.

    >>> parse("第11条第1款第3项").single
    Location(article=11, paragraph=1, item=3)
    """
    if not isinstance(citation, str):
        raise CitationError(f"a citation is a string, not {type(citation).__name__}")
    text = citation.strip().translate(TRADITIONAL_MARKERS)
    if not text:
        raise CitationError("empty citation")
    paths = _syntax(text)
    if paths is None:
        raise CitationError(f"not a citation: {citation[:80]!r} (expected e.g. 第十一条第一款第（三）项)")
    return _read(paths, citation)


# -- the syntax of a citation, read left to right ---------------------------------
# grammars/citation.lark says what a citation looks like; the reader below
# reads that shape token by token with the grammar's own terminals, in one
# pass and without a parse tree: a Lark parse of a run of 10⁵ steps costs
# ten times more and holds a tree of every token until it is read.
# tests/test_citation.py checks the reader against the Lark parser.

#: one step: its numbers ((connective before it, bracketed, numeral) each), the
#: count before its unit (两 of 第（一）、（二）两项), its unit, its 之N, and
#: where it starts (its 第) and ends in the text read
_Step = tuple[list[tuple[Union[str, None], bool, str]], Union[str, None], str, Union[str, None], int, int]


@functools.lru_cache(maxsize=1)
def _scanner():
    g = grammar()
    groups = "|".join(f"(?P<{t.name}>{t.pattern.to_regexp()})" for t in g.terminals)
    return re.compile(groups).match, frozenset(g.ignore_tokens)


def _tokens(text: str) -> Iterator[tuple[str, str, int, int]]:
    """(terminal, value, start, end) of each token of ``text``, the ignored
    spaces left out, and then ("", "", n, n) at its end; ("?", …) where a
    character belongs to no terminal.  Equal values are one str (a run of 10⁵
    steps holds 条 once, not 10⁵ times)."""
    match, ignored = _scanner()
    values: dict[str, str] = {}
    position, n = 0, len(text)
    while position < n:
        m = match(text, position)
        if m is None:
            yield "?", "", position, position
            return
        name, end = m.lastgroup, m.end()
        if name not in ignored:
            value = m.group()
            # a position sent back: the reader took the text up to it whole
            # (:func:`_simple_step`), the tokens go on from there
            jump = yield name, values.setdefault(value, value), position, end
            if jump is not None:
                end = jump
        position = end
    yield "", "", n, n


@functools.lru_cache(maxsize=1)
def _simple_step():
    """第, one plain numeral, a unit and maybe 之N, spaces between: the most common
    step, read as one match of the grammar's terminals instead of token by token
    (a run of 10⁵ steps is mostly these)."""
    g = grammar()
    t = {x.name: f"(?:{x.pattern.to_regexp()})" for x in g.terminals}
    space = "(?:" + "|".join(t[name] for name in g.ignore_tokens) + ")?"
    return re.compile(f"{t['_DI']}{space}(?P<number>{t['NUMERAL']}){space}(?P<unit>{t['UNIT']})"
                      f"(?:{space}{t['_ZHI']}{space}(?P<suffix>{t['NUMERAL']}))?").match


def _syntax(text: str) -> list[tuple[str | None, list[_Step]]] | None:
    """The paths of a citation (the connective before each: None, "and" or
    "to") and their steps, as citation.lark's ``start`` reads them; None when
    ``text`` is not of that shape."""
    tokens = _tokens(text)
    kind, value, start, end = next(tokens)
    if not kind:
        return None
    simple = _simple_step()
    values: dict[str, str] = {}
    paths: list[tuple[str | None, list[_Step]]] = []
    link: str | None = None
    while True:
        steps: list[_Step] = []
        # path: step+
        while kind == "_DI":
            at = start
            whole = simple(text, at)
            if whole is not None:
                # what the tokens below would read of it, and they go on after it
                number, unit, suffix = whole.group("number", "unit", "suffix")
                # one int for this step's end and the next one's start, as the tokens have
                stop = whole.end()
                steps.append(([(None, False, values.setdefault(number, number))], None,
                              values.setdefault(unit, unit),
                              None if suffix is None else values.setdefault(suffix, suffix), at, stop))
                kind, value, start, end = tokens.send(stop)
                continue
            kind, value, start, end = next(tokens)
            numbers: list[tuple[str | None, bool, str]] = []
            inner: str | None = None
            while True:
                # number: NUMERAL | _LPAR NUMERAL _RPAR
                if kind == "NUMERAL":
                    numbers.append((inner, False, value))
                elif kind == "_LPAR":
                    kind, value, start, end = next(tokens)
                    if kind != "NUMERAL":
                        return None
                    numeral = value
                    kind, value, start, end = next(tokens)
                    if kind != "_RPAR":
                        return None
                    numbers.append((inner, True, numeral))
                else:
                    return None
                kind, value, start, end = next(tokens)
                if kind == "AND" or kind == "TO":
                    inner = "to" if kind == "TO" else "and"
                    kind, value, start, end = next(tokens)
                    continue
                break
            total = None
            if kind == "NUMERAL":
                total = value
                kind, value, start, end = next(tokens)
            if kind != "UNIT":
                return None
            unit, last = value, end
            kind, value, start, end = next(tokens)
            suffix = None
            if kind == "_ZHI":
                kind, value, start, end = next(tokens)
                if kind != "NUMERAL":
                    return None
                suffix, last = value, end
                kind, value, start, end = next(tokens)
            steps.append((numbers, total, unit, suffix, at, last))
        if not steps:
            return None
        paths.append((link, steps))
        if not kind:
            return paths
        if kind != "AND" and kind != "TO":
            return None
        link = "to" if kind == "TO" else "and"
        kind, value, start, end = next(tokens)


_UNREAD = object()
#: how many citations a :class:`Steps` keeps by their text
_MOST_MADE = 256


class Steps:
    """A run of citation steps (第十条、第十二条第一款至第三款…) parsed once and
    read left to right: :meth:`longest` gives the longest citation starting at
    any of its steps, what :func:`parse` would accept of that step's text up to
    one of the later step ends, in time linear in what it reads.

    A reference finder that tried every prefix of a run with :func:`parse`
    would take time cubic in the run's length; this reads each step once per
    citation it can belong to, and a citation's paths stop at the first step
    out of order.

    >>> steps = Steps("第十条第一款第二条、第三条")
    >>> [(steps.starts[i], steps.longest(i)[0]) for i in range(len(steps.starts))]
    [(0, 6), (3, 6), (6, 13), (10, 13)]
    >>> str(steps.longest(2)[1])
    '第二条、第三条'
    """

    def __init__(self, text: str):
        self.text = text
        paths = _syntax(text)
        if paths is None:
            raise CitationError(f"not a run of citation steps: {text[:40]!r}")
        #: per step: what the reader read of it, its start and end offsets, the
        #: connective before it (None inside a path, "and"/"to" before a new path)
        self.trees: list[_Step | None] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.links: list[str | None] = []
        for link, path in paths:
            for step in path:
                self.trees.append(step)
                self.starts.append(step[4])
                self.ends.append(step[5])
                self.links.append(link)
                link = None
        # where the path each step is in ends (the next step after a connective)
        self.path_ends = [0] * len(self.links)
        end = len(self.links)
        for i in range(len(self.links) - 1, -1, -1):
            self.path_ends[i] = end
            if self.links[i] is not None:
                end = i
        self._read: dict[int, tuple[str, list] | None] = {}
        self._kept = 0
        #: citations made of one path's first steps, by their text
        self._made: dict[str, Citation] = {}

    def forget(self, first: int) -> None:
        """Let go of what was read of the steps before ``first``: a reader
        going left to right asks for no citation starting there again (a run of
        10⁵ steps then holds the few steps still ahead of it, not all it read)."""
        trees, read = self.trees, self._read
        for i in range(self._kept, min(first, len(trees))):
            trees[i] = None
            read.pop(i, None)
        self._kept = max(self._kept, first)

    def _step(self, i: int) -> tuple[str, list] | None:
        read = self._read.get(i, _UNREAD)
        if read is _UNREAD:
            try:
                read = _read_step(self.trees[i], self.text)
            except CitationError:
                read = None
            self._read[i] = read
        return read

    def longest(self, first: int, allowed=None) -> tuple[int, Citation] | None:
        """(end offset, citation) of the longest citation made of the steps from
        ``first`` on whose end ``allowed(end)`` accepts; None if there is none."""
        # the steps of the first path that can follow one another (levels going
        # down, a list only last): where they stop before the path's end, the
        # citation is one of them with the steps above it, and no later path is read
        # (in 第一条第一条… every citation is one step: this is most of the runs
        # that are not one citation)
        q = self.path_ends[first]
        t, rank = first, -1
        while t < q:
            read = self._step(t)
            if read is None or RANK[read[0]] <= rank:
                break
            rank = RANK[read[0]]
            t += 1
            if len(read[1]) > 1:
                break
        if t < q:
            return self._longest_prefix(first, t, allowed)
        return self._longest_walk(first, allowed)

    def _longest_prefix(self, first: int, stop: int, allowed) -> tuple[int, Citation] | None:
        """The longest citation of the steps ``first`` to one before ``stop``, a part of a
        path that the steps after it do not continue."""
        reads = None
        for u in range(stop - 1, first - 1, -1):
            if allowed is not None and not allowed(self.ends[u]):
                continue
            # the citation is what its text alone reads as: the same text again (a run
            # of one citation repeated) is the same citation, made once
            written = self.text[self.starts[first]:self.ends[u]]
            made = self._made.get(written)
            if made is not None:
                return self.ends[u], made
            if reads is None:
                reads = [self._step(t) for t in range(first, stop)]
            base: dict[str, int] = {}
            for level, numbers in reads[:u - first]:
                base[level] = numbers[0][1][0]
                if level == "article":
                    base["suffix"] = numbers[0][1][1]
            level, numbers = reads[u - first]
            tail = _path_tail(base, level, numbers, None, None, None)
            if tail is not None:
                if len(self._made) >= _MOST_MADE:
                    self._made.clear()
                made = self._made[written] = Citation(tuple(tail[1]))
                return self.ends[u], made
        return None

    def _longest_walk(self, first: int, allowed) -> tuple[int, Citation] | None:
        # one walk: the elements of the best citation so far are kept as how many
        # of the walk's elements it shares (the walk only ever replaces its last
        # element) and what it adds, not copied at every step
        elements: list[Element] = []
        previous: Location | None = None
        best = None
        kept = (0, None, False, [])    # (elements shared, the last of them, whether it is replaced, the new ones)
        count = len(self.trees)
        j = first
        while j < count:
            q = self.path_ends[j]
            link = self.links[j] if j > first else None
            levels: list[str] = []
            base: dict[str, int] = {}
            complete = None
            for t in range(j, q):
                read = self._step(t)
                if read is None or (levels and RANK[levels[-1]] >= RANK[read[0]]):
                    break
                if t > j and len(self._step(t - 1)[1]) > 1:
                    break   # a list only in the last step of a path
                level, numbers = read
                levels.append(level)
                last = elements[-1] if elements else None
                tail = _path_tail(base, level, numbers, link, last, previous)
                if tail is not None:
                    if allowed is None or allowed(self.ends[t]):
                        best = t
                        kept = (len(elements), last, tail[0], tail[1])
                    if t == q - 1:
                        complete = tail
                _, (value, suffix) = numbers[0]
                base[level] = value
                if level == "article":
                    base["suffix"] = suffix
            if complete is None:
                break
            popped, new, previous = complete
            if popped:
                elements.pop()
            elements.extend(new)
            j = q
        if best is None:
            return None
        # the walk's elements before the last one it had then are still those
        shared, last, popped, new = kept
        head = elements[:shared - 1] if shared else []
        if shared and not popped:
            head.append(last)
        return self.ends[best], Citation(tuple(head + new))


def _path_tail(base: dict[str, int], level: str, numbers: list, link: str | None,
               last: Element | None, previous: Location | None):
    """What one path (its steps above the last in ``base``) adds to a citation:
    (whether it replaces the element before it, its elements, its last
    location), or None when it cannot follow them (:func:`_read`, path by path)."""
    new: list[Element] = []
    popped = False
    before = previous
    for i, (inner, (value, suffix)) in enumerate(numbers):
        values = dict(base, **{level: value})
        if level == "article":
            values["suffix"] = suffix
        location = _inherit(before, Location(**values))
        joined = link if i == 0 else inner
        if joined == "to":
            start = new.pop() if new else (None if popped else last)
            if not new and start is last:
                popped = True
            if not isinstance(start, Location) or not _is_range(start, location):
                return None
            new.append(Range(start, location))
        else:
            new.append(location)
        before = location
    return popped, new, before


def _read(paths: list[tuple[str | None, list[_Step]]], citation: str) -> Citation:
    # the flat sequence of (connective, location) in the order written
    sequence: list[tuple[str | None, Location]] = []
    previous: Location | None = None
    for connective, path in paths:
        steps = [_read_step(step, citation) for step in path]
        levels = [level for level, _ in steps]
        if any(RANK[a] >= RANK[b] for a, b in zip(levels, levels[1:])):
            raise CitationError(f"not a citation: {citation!r} (levels out of order)")
        if any(len(numbers) > 1 for _, numbers in steps[:-1]):
            raise CitationError(f"not a citation: {citation!r} (a list is only allowed in the last step)")
        base: dict[str, int] = {}
        for level, numbers in steps[:-1]:
            _, (value, suffix) = numbers[0]
            base[level] = value
            if level == "article":
                base["suffix"] = suffix
        level, numbers = steps[-1]
        for i, (inner, (value, suffix)) in enumerate(numbers):
            values = dict(base, **{level: value})
            if level == "article":
                values["suffix"] = suffix
            location = Location(**values)
            if i == 0:
                location = _inherit(previous, location)
                link = connective
            else:
                location = _inherit(sequence[-1][1], location)
                link = inner
            sequence.append((link, location))
            previous = location
    elements: list[Element] = []
    for link, location in sequence:
        if link == "to":
            start = elements.pop() if elements else None
            if not isinstance(start, Location) or not _is_range(start, location):
                raise CitationError(f"not a citation: {citation!r} (a range joins two provisions of one level)")
            elements.append(Range(start, location))
        else:
            elements.append(location)
    return Citation(tuple(elements))


def _read_step(step: _Step, citation: str) -> tuple[str, list[tuple[str | None, tuple[int, int]]]]:
    listed, count, unit, zhi = step[0], step[1], step[2], step[3]
    total = to_int(count) if count is not None else None
    level = _LEVEL_OF_UNIT[unit]
    suffix = to_int(zhi) if zhi is not None else 0
    if zhi is not None and (level != "article" or not suffix):
        raise CitationError(f"not a citation: {citation!r} (之N only follows 条)")
    numbers: list[tuple[str | None, tuple[int, int]]] = []
    for link, bracketed, numeral in listed:
        value = to_int(numeral)
        if not value:
            raise CitationError(f"not a citation: {citation!r} (bad numeral {numeral})")
        if bracketed and level not in ("item", "subitem"):
            raise CitationError(f"not a citation: {citation!r} (brackets only around 项 and 目 numbers)")
        numbers.append((link, (value, 0)))
    if total is not None:
        if not all(bracketed for _, bracketed, _ in listed) or len(listed) < 2 \
                or any(link != "and" for link, _ in numbers[1:]) or total != len(listed):
            raise CitationError(f"not a citation: {citation!r} (the count does not match the list)")
    if suffix:
        if len(numbers) > 1:
            raise CitationError(f"not a citation: {citation!r} (之N after a list of articles)")
        numbers[0] = (None, (numbers[0][1][0], suffix))
    return level, numbers


def _inherit(previous: Location | None, location: Location) -> Location:
    """第十条第一款、第二款: a later provision that starts below the level of an
    earlier one takes the levels above it from that one.  Articles are numbered
    through the whole regulation, so an article takes nothing."""
    if previous is None:
        return location
    top = location.top
    if top == "article" or getattr(previous, top) is None:
        return location
    above = [level for level in LEVELS if RANK[level] < RANK[top]]
    inherited = previous.keep(above)
    return replace(inherited, **{level: getattr(location, level) for level in location.levels()},
                   suffix=location.suffix if "article" in location.levels() else inherited.suffix)


def _is_range(start: Location, end: Location) -> bool:
    if start.levels() != end.levels():
        return False
    level = start.deepest
    if start.keep(LEVELS[:RANK[level]]) != end.keep(LEVELS[:RANK[level]]):
        return False
    return (getattr(start, level), start.suffix if level == "article" else 0) < \
        (getattr(end, level), end.suffix if level == "article" else 0)


# -- the act a citation names ---------------------------------------------------

# 本法第十条, 本条例第十条: the document the citation is written in
_THIS = "本"
_HALF_BRACKETS = str.maketrans("()", "（）")


def split_act(citation: str) -> tuple[str | None, str]:
    """The act a citation names and the rest of it: ``《刑法》第十条`` and
    ``刑法第十条`` give ``("刑法", "第十条")``; a citation without one gives
    ``(None, citation)``.  Whitespace is removed.

    >>> split_act("《中华人民共和国宪法》第六十二条"), split_act("宪法 第六十二条"), split_act("第十条")
    (('中华人民共和国宪法', '第六十二条'), ('宪法', '第六十二条'), (None, '第十条'))
    """
    text = "".join(citation.split())
    if text.startswith("《"):
        depth = 0
        for end, char in enumerate(text):   # titles may quote other acts: 《关于《…法》的解释》
            depth += (char == "《") - (char == "》")
            if depth == 0:
                return text[1:end], text[end + 1:]
        return None, text
    start = text.find("第")
    if start > 0:
        return text[:start], text[start:]
    return None, text


def _plain_title(name: str) -> str:
    name = "".join(name.split()).strip("《》").translate(_HALF_BRACKETS)
    return name[len(STATE_PREFIX):] if name.startswith(STATE_PREFIX) else name


def names_act(name: str, title: str | None) -> bool:
    """Whether ``name`` (as a citation writes it) names the act titled
    ``title``: the full title, the title without 中华人民共和国, with or without
    《》, or 本法 / 本条例 … for an act whose title ends so.

    >>> names_act("刑法", "中华人民共和国刑法"), names_act("《中华人民共和国刑法》", "中华人民共和国刑法")
    (True, True)
    >>> names_act("宪法", "中华人民共和国刑法"), names_act("本法", "中华人民共和国刑法")
    (False, True)
    """
    plain = _plain_title(name)
    if not plain or title is None:
        return False
    if plain.startswith(_THIS) and len(plain) > 1:
        # 本规定 names …的规定（1998） and …的规定（试行）: the note after the type is no part of it
        whole = _plain_title(title)
        return whole.endswith(plain[1:]) or TITLE_NOTE.sub("", whole).endswith(plain[1:])
    return plain == _plain_title(title)


# -- writing -------------------------------------------------------------------


def step_text(level: str, number: int, suffix: int = 0) -> str:
    """The canonical step of one level: 第十条之一, 第一款, 第（三）项, 第1目, 第二章.

    >>> step_text("item", 3), step_text("article", 10, 1), step_text("subitem", 1)
    ('第（三）项', '第十条之一', '第1目')
    """
    if level == "item":
        return f"第（{to_chinese(number)}）项"
    if level == "subitem":
        return f"第{number}目"
    text = f"第{to_chinese(number)}{UNIT_OF_LEVEL[level]}"
    if level == "article" and suffix:
        text += f"之{to_chinese(suffix)}"
    return text


def point_step(style: str, number: int, label: str = "") -> str:
    """The canonical step of a point of an enumerated document: 一、 → 一,
    （二） → （二）, 1． → 1, （3） → （3）, ① as printed.

    >>> [point_step(s, 2) for s in ("cn", "cn_paren", "digit", "digit_paren")]
    ['二', '（二）', '2', '（2）']
    """
    if style == "cn":
        return to_chinese(number)
    if style == "cn_paren":
        return f"（{to_chinese(number)}）"
    if style == "digit":
        return str(number)
    if style == "digit_paren":
        return f"（{number}）"
    return label


#: the label styles printed with Arabic digits (1． （1）); the others are Chinese numerals
DIGIT_POINT_STYLES = frozenset({"digit", "digit_paren"})


def point_article(points: list[tuple[Any, int, str, int | None, Any]], number: int, arabic: bool) -> Any:
    """The point an enumerated document cites as 第N条, given its points in
    document order as ``(key, level, style, number, parent key)``: the key of
    that point, or None.

    修正案, 决定 and 规定 cite their top-level points 一、二、 as 第一条, 第二条; a
    document whose top level is headings over a level numbered straight
    through it (1．… 114． across 一、 二、 …) cites that level's units as
    第41条.  Where both levels hold an N, the one whose numerals the citation
    writes names it (Arabic 第41条 → 41．, 第四条 → 四、); where that does not
    tell, nothing does: a wrong target is worse than none.

    >>> points = [("一", 1, "cn", 1, None), ("1", 2, "digit", 1, "一"), ("二", 1, "cn", 2, None),
    ...           ("2", 2, "digit", 2, "二"), ("3", 2, "digit", 3, "二")]
    >>> point_article(points, 2, arabic=False), point_article(points, 3, arabic=True)
    ('二', '3')
    >>> point_article(points, 2, arabic=True), point_article(points, 4, arabic=False)
    ('2', None)
    """
    top = [p for p in points if p[1] == 1 and p[3] == number]
    levels: dict[tuple[int, str], list] = {}
    for point in points:
        if point[1] > 1:
            levels.setdefault((point[1], point[2]), []).append(point)
    through = []
    for members in levels.values():
        if len({m[4] for m in members}) > 1 and [m[3] for m in members] == list(range(1, len(members) + 1)):
            through.extend(m for m in members if m[3] == number)
    found = top + through
    if len(found) > 1:
        found = [p for p in found if (p[2] in DIGIT_POINT_STYLES) == arabic]
    return found[0][0] if len(found) == 1 else None


def format_location(location: Location, levels: list[str] | None = None) -> str:
    """The canonical citation of one location (optionally of some of its levels)."""
    return "".join(step_text(level, getattr(location, level), location.suffix)
                   for level in (levels if levels is not None else location.levels()))


def format(citation: Citation | Location | Range) -> str:
    """The canonical form of a citation: Chinese numerals, 第（三）项, 第1目,
    list members joined by 、, ranges by 至, each later member written from
    the first level where it differs from the one before (第十条第一款、第二款).

    >>> format(parse("第十、十八条")), format(parse("第(一)至(三)项"))
    ('第十条、第十八条', '第（一）项至第（三）项')
    """
    if isinstance(citation, (Location, Range)):
        citation = Citation((citation,))
    parts: list[str] = []
    previous: Location | None = None
    for element in citation.elements:
        if isinstance(element, Range):
            parts.append(_compact(element.start, previous) + "至" + _compact(element.end, element.start))
            previous = element.end
        else:
            parts.append(_compact(element, previous))
            previous = element
    return "、".join(parts)


def _compact(location: Location, previous: Location | None) -> str:
    levels = location.levels()
    if not levels:
        raise CitationError("a citation names at least one level")
    if previous is not None:
        for i in range(len(levels) - 1, 0, -1):
            if _inherit(previous, location.keep(levels[i:])) == location:
                return format_location(location, levels[i:])
    return format_location(location)


def chain_matches(chain: tuple, wanted: list) -> bool:
    """Whether a division's chain of (kind, number) from the top ends at the
    last wanted level and holds every wanted level, in order (第一编第二章
    matches 第一编 › 第一分编 › 第二章)."""
    if chain[-1] != wanted[-1]:
        return False
    position = 0
    for step in chain:
        if position < len(wanted) and step == wanted[position]:
            position += 1
    return position == len(wanted)
