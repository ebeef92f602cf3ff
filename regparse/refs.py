"""Cross-references: find them in the text of every provision and resolve them.

Three kinds of reference are found in the text of paragraphs, items and
sub-items:

- ``internal``: this regulation's provisions, 本法第十条, 本条例第二十八条第二款,
  a bare 第十条 (which by convention means this regulation), 本章, 本节, 第三章;
- ``relative``: provisions named from where the reference stands, 本条, 本款,
  前款, 前两款, 本条第二款, 前款第（一）项, 第二款 (this article), 上一款, 前条;
- ``external``: another act's provisions, 《中华人民共和国行政处罚法》第三十条,
  刑法第二百三十四条; kept with the act's title, not resolved here.

In an enumerated document (:class:`~regparse.model.Point` nodes) the same
words name its points: 本规定第七条 its top-level point 七、, 前款 the paragraph
before in the same point, 第11项 a point of its own level (:class:`_Units`);
an amending document's bare numbers are the amended act's, and nothing inside
a quotation is this document's.

Ranges and lists expand to every target (第十条至第十二条 → three articles).
Internal and relative references resolve to node ids of the same regulation;
one whose target is absent (a fragment, a typo) is kept, marked unresolved
and reported as an ``unresolved_reference`` diagnostic.

What a citation looks like comes from ``grammars/citation.lark``: the finder's
pattern is assembled from that grammar's terminals, and each candidate is read
by the citation parser (:func:`regparse.citation.parse`).

The pipeline calls :func:`annotate` on the builder's drafts, before they are frozen;
:func:`list_references` and ``doc.referrers(node)`` read the result::

    doc = regparse.parse(text)
    for ref in refs.list_references(doc):
        print(ref.surface, ref.kind, ref.targets, ref.resolved)
    doc.referrers(doc.article(10))      # what points at 第十条
"""
from __future__ import annotations

import bisect
import functools
import re
import sys
from dataclasses import dataclass, replace
from typing import Any, Iterator, Mapping

from .citation import (DIVISION_LEVELS, LEVELS, RANK, Citation, Location, Range, Steps, chain_matches, format_location,
                       grammar, parse, point_article)
from .citation import format as format_citation
from .catalogue import (ACT_NAME_ENDINGS, ACT_SHORT_NAMES, ACT_TYPES, AMENDING_TITLE, AMENDMENT_INSTRUCTION,
                        LEVEL_OF_UNIT, QUOTE_CLOSE, QUOTE_OPEN, SELF_WORDS, STATE_PREFIX, TITLE_NOTE,
                        WORD_AFTER_UNIT)
from .errors import CitationError
from .numerals import to_chinese, to_int
from .freeze import EMPTY, SharedLists, reference_record
from .model import Reference, Regulation

__all__ = [
    "Found", "find", "annotate", "list_references",
    "SELF_WORDS",
]



def _not_followed_by(unit: str, extra: str = "") -> str:
    """A look-ahead that keeps out the words a unit starts (条件, 章程, 节课): WORD_AFTER_UNIT."""
    chars = WORD_AFTER_UNIT[unit] + extra
    return f"(?![{chars}])" if chars else ""


# -- the pattern -------------------------------------------------------------------


_POSSESSIVE = "+" if sys.version_info >= (3, 11) else ""

#: what stands before a 本 that is part of a word (基本法, 根本, 样本), not 本法 or 本条
_NOT_BEFORE_THIS = "基根成资文样副正原版日账课书剧标脚蓝范底读抄善血老工股母记每一"


@functools.lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    terminals = {t.name: f"(?:{t.pattern.to_regexp()})" for t in grammar().terminals}
    space = "(?:" + "|".join(terminals[name] for name in grammar().ignore_tokens) + ")?"
    numeral, unit = terminals["NUMERAL"], terminals["UNIT"]
    number = f"(?:{numeral}|{terminals['_LPAR']}{space}{numeral}{space}{terminals['_RPAR']})"
    connective = f"(?:{terminals['AND']}|{terminals['TO']})"
    step = (f"{terminals['_DI']}{space}{number}(?:{space}{connective}{space}{number})*"
            f"(?:{space}{numeral})?{space}{unit}"
            f"(?:{space}{terminals['_ZHI']}{space}{numeral})?")
    # possessive (where the re module has it): nothing after a run takes a step back
    # from it, and a greedy repeat would keep a backtracking record per step
    # (200 bytes for every byte of a run of 10⁵ steps)
    run = f"{step}(?:{space}(?:{connective}{space})?{step})*{_POSSESSIVE}"

    # words that name a provision from where they stand; the look-arounds keep
    # out words that merely contain them (基本法, 本条例, 条件, 款项, 项目, 章程, 节目)
    this = rf"(?<![{_NOT_BEFORE_THIS}])本"
    # 支前 (supporting the front), 目前, 提前, 当前 …: words, not 前款
    before = r"(?<![目提当此事生支])前"
    above = r"(?<![以向往北])上一?"
    count = r"[两二三四五六七八九各]"
    article, paragraph, item = (f"条{_not_followed_by('条')}", f"款{_not_followed_by('款')}",
                                f"项{_not_followed_by('项')}")
    relative = (f"{this}条{before}{count}?款|{this}条{_not_followed_by('条', '例')}|{this}{paragraph}|{this}{item}"
                f"|{this}目{_not_followed_by('目')}"
                f"|{before}{count}?{paragraph}|{before}{count}?{article}|{before}{count}?{item}"
                f"|{above}{paragraph}|{above}{article}|{above}{item}")
    division = (f"{this}(?:分编|编{_not_followed_by('编')}|章{_not_followed_by('章')}"
                f"|节{_not_followed_by('节')})")
    self_name = f"{this}(?:{'|'.join(SELF_WORDS)})(?:总则|分则)?"
    reference = re.compile(
        rf"(?:(?P<title>《[^《》\n]{{1,80}}》)(?:[（(]以下简称[^（()）\n]{{1,20}}[）)])?|(?P<self>{self_name})"
        rf"|(?P<relative>{relative})|(?P<division>{division})|(?P<same>(?<!合)同法|该法)|(?P<that>该条|同条))?"
        rf"{space}(?P<run>{run})(?P<first>前{count}?[款项])?"
        rf"|(?P<alone>{relative}|{division})")
    # where a reference can start: most texts have none, and the full pattern
    # is tried only at these places
    anchor = re.compile(r"第|本[法条款项目章节编分规办准细决解意安通守实]|前[款条项两二三四五六七八九各]"
                        r"|上一?[款条项]|《|同法|该法|该条|同条")
    return reference, re.compile(step), anchor


# where the name of an act cited without 《》 starts: after one of these
_ACT_START = re.compile(
    r"[\s，,。；;：:、（）()“”\"'《》]|依照|依据|根据|按照|参照|比照|适用|违反|符合|认定为|认定属于|属于|构成"
    r"|实施|执行|修正后的?|修订后的?|修订前的?|修正前的?|修改后的?|修改前的?|关于|是指|即|(?<!共)和|与|及|或者|的")
_ACT_TAIL = re.compile(rf"(?:{'|'.join(ACT_NAME_ENDINGS)})(?P<book>总则|分则)?$")
#: 总则 is a code's first 编, 分则 its second (刑法总则, 本法分则)
_BOOK_PART = {"总则": 1, "分则": 2}
_NOT_AN_ACT = ("本", "前", "上述", "上列", "该", "有关", "相关", "其他", "下列", "以上", "同", "此", "其")



@dataclass(frozen=True, slots=True)
class Found:
    """A reference as written, before it is resolved: offsets into the text,
    what stands before the citation (本法, 前款, 《…》), and the citation."""

    start: int
    end: int
    surface: str
    kind: str                     # internal | relative | external
    word: str | None              # 本条, 前款, 本章, 本法, … ; None for a bare citation
    citation: Citation | None     # None for a word alone (本条, 前两款)
    act: str | None = None
    part: int | None = None       # 本法总则 → 1, 刑法分则 → 2: the 编 the citation lies in
    first: str | None = None      # 前三款 in 刑法第三百零七条之一前三款: the first N below the citation
    base: Location | None = None  # the provision an elliptical citation continues (set from context)


def find(text: str, acts: tuple[str, ...] = ()) -> list[Found]:
    """The references written in ``text``, in order, not yet resolved.

    This reads the text alone; what the surrounding text and the tree change
    (该条, a citation continuing the one before, 本编 in a book printed alone)
    is decided by :func:`annotate`.  ``acts`` are names of acts known to be cited without 《》 (longest first),
    which helps to tell where such a name starts (审理行政诉讼法第六十一条).

    >>> [(f.surface, f.kind) for f in find("违反本法第十条、第十二条和前款规定的")]
    [('本法第十条、第十二条', 'internal'), ('前款', 'relative')]
    """
    return list(_finding(text, acts))


def _finding(text: str, acts: tuple[str, ...] = ()) -> Iterator[Found]:
    """:func:`find`, one reference at a time: a text of 10⁵ references holds
    one of them at a time, not all (annotate turns each into its record)."""
    reference, step, anchor = _patterns()
    position = 0
    titles = _Titles(text)
    # the run of steps last read: a reference that stops inside it (第一条第一条…)
    # is followed by one starting at a later step of the same run, read from the
    # same parse instead of matching and parsing the rest of the run again
    run: _Run | None = None
    for candidate in anchor.finditer(text):
        at = candidate.start()
        if at < position:
            continue
        if run is not None:
            i = run.step_index(at)
            if i:
                # a later step of the run last read: nothing but the run's own text
                # stands before it, so no word, title or act's name (the run ends
                # each step with a unit, a numeral, a space or a connective, and no
                # act's name ends so)
                position = run.first_end if run.first else run.run_end
                if titles.opens and titles.inside(at):
                    continue  # inside a title: so is the rest of the run
                read = run.longest_from(i)
                if read is None:
                    position = at + 1
                    continue
                run_end, citation = read
                first = None
                if run_end == run.run_end and run.first:
                    first, run_end = run.first, run.first_end
                position = run_end
                top = citation.elements[0]
                top = top.start if isinstance(top, Range) else top
                kind = "internal" if top.top in _INTERNAL_TOPS else "relative"
                yield Found(at, run_end, text[at:run_end], kind, None, citation, None, None, first)
                continue
        match = reference.match(text, at)
        if match is None:
            continue
        run = None
        position = match.end()
        if match.group("alone") is not None:
            word = match.group("alone")
            kind = "internal" if word[-1] in "章节编" else "relative"
            yield Found(match.start(), match.end(), word, kind, word, None)
            continue
        run_start = match.start("run")
        if match.group("title") is None and titles.inside(run_start):
            continue  # inside a title: 《关于〈刑法〉第三百四十一条的解释》 cites no provision
        read = None
        if run is None:
            # most runs are one citation: the whole run, read by the (cached) parser
            read = _whole_run(text, run_start, match.end("run"))
            if read is None:
                run = _Run.read(text, match)
        if read is not None:
            pass
        elif run is not None:
            read = run.longest_from(0)
        else:
            read = _read_run(text, run_start, match.end("run"), step)
        if read is None:
            # not a citation after all: look again just after its first character
            position = match.start() + 1
            continue
        run_end, citation = read
        first = None
        if run_end == match.end("run") and match.group("first"):
            first = match.group("first")
            run_end = match.end("first")
        position = run_end
        start, word, act, part = match.start(), None, None, None
        if match.group("title"):
            act = match.group("title")[1:-1]
            kind = "external"
        elif match.group("same"):
            act = match.group("same")
            kind = "external"
        elif match.group("that"):
            word, kind = match.group("that"), "relative"
        elif match.group("self"):
            word, kind = match.group("self"), "internal"
            part = _BOOK_PART.get(word[-2:])
        elif match.group("relative"):
            word, kind = match.group("relative"), "relative"
        elif match.group("division"):
            word, kind = match.group("division"), "internal"
        else:
            start = run_start
            named = _act_before(text, run_start, acts)
            if named is not None:
                start = run_start - len(named)
                kind = "external"
                act, part = named, _BOOK_PART.get(named[-2:])
                if part:
                    act = named[:-2]
            else:
                top = citation.elements[0]
                top = top.start if isinstance(top, Range) else top
                kind = "internal" if top.top in _INTERNAL_TOPS else "relative"
        yield Found(start, run_end, text[start:run_end], kind, word, citation, act, part, first)


def _end_allowed(text: str, stop: int) -> bool:
    """A citation may end at ``stop`` unless a word starts there with its unit (条件, 章程)."""
    return not (stop < len(text) and text[stop] in WORD_AFTER_UNIT.get(text[stop - 1], ""))


#: the levels a bare citation of this regulation starts at (others, 第二款, are relative)
_INTERNAL_TOPS = frozenset(DIVISION_LEVELS + ("article",))

#: runs of more steps than this go straight to the reader of :class:`_Run`
_MOST_STEPS_WHOLE = 32


def _whole_run(text: str, start: int, end: int) -> tuple[int, Citation] | None:
    if not _end_allowed(text, end) or text.count("第", start, end) > _MOST_STEPS_WHOLE:
        return None
    try:
        return end, parse(text[start:end])
    except CitationError:
        return None


class _Titles:
    """Where 《 and 》 stand in a text, to tell in logarithmic time whether a
    position is inside a title (a search back to the start of the text for
    every candidate would take time quadratic in a long line)."""

    __slots__ = ("opens", "closes")

    def __init__(self, text: str):
        self.opens = [m.start() for m in re.finditer("《", text)] if "《" in text else []
        self.closes = [m.start() for m in re.finditer("》", text)] if self.opens else []

    def inside(self, position: int) -> bool:
        """Whether the last 《 before ``position`` comes after the last 》 before it."""
        i = bisect.bisect_left(self.opens, position)
        if i == 0:
            return False
        j = bisect.bisect_left(self.closes, position)
        return j == 0 or self.closes[j - 1] < self.opens[i - 1]


class _Run:
    """A run of citation steps matched once and parsed once (:class:`~regparse.citation.Steps`)."""

    __slots__ = ("text", "offset", "steps", "run_end", "first", "first_end", "allowed")

    def __init__(self, text: str, offset: int, steps: Steps, run_end: int, first: str | None, first_end: int):
        self.text, self.offset, self.steps, self.run_end = text, offset, steps, run_end
        self.first, self.first_end = first, first_end

        n, after = len(text), WORD_AFTER_UNIT

        def allowed(end: int) -> bool:
            # _end_allowed at the run's offset, written out: the finder asks this of every step end
            stop = offset + end
            return not (stop < n and text[stop] in after.get(text[stop - 1], ""))

        self.allowed = allowed

    def step_index(self, position: int) -> int | None:
        """The step that starts at ``position`` (a place a later reference may start at)."""
        starts, at = self.steps.starts, position - self.offset
        i = bisect.bisect_left(starts, at)
        return i if i < len(starts) and starts[i] == at else None

    @classmethod
    def read(cls, text: str, match: re.Match) -> "_Run | None":
        start, end = match.start("run"), match.end("run")
        try:
            steps = Steps(text[start:end])
        except CitationError:
            return None
        return cls(text, start, steps, end, match.group("first"), match.end("first"))

    def longest_from(self, first: int) -> tuple[int, Citation] | None:
        """The longest citation from step ``first`` on: (its end in the text, the citation)."""
        read = self.steps.longest(first, self.allowed)
        # the finder goes on after this citation's first step: never back before it
        self.steps.forget(first)
        return None if read is None else (self.offset + read[0], read[1])


#: how many ends of a run the fallback reader tries, longest first
_MOST_TRIED = 64


def _read_run(text: str, start: int, end: int, step: re.Pattern) -> tuple[int, Citation] | None:
    """The longest citation that the run of steps at ``start`` begins with,
    among its last :data:`_MOST_TRIED` step ends: for a run the citation
    grammar does not read whole, where :class:`_Run` cannot help."""
    ends = [m.end() for m in step.finditer(text, start, end)][-_MOST_TRIED:]
    for stop in reversed(ends):
        last = text[stop - 1]
        if stop < len(text) and text[stop] in WORD_AFTER_UNIT.get(last, ""):
            continue
        try:
            return stop, parse(text[start:stop])
        except CitationError:
            continue
    return None


def _act_before(text: str, start: int, acts: tuple[str, ...] = ()) -> str | None:
    """刑法 in 依照刑法第二十条: the name of an act cited without 《》.

    A name the document cites in 《》 (``acts``) or a national act's short
    name (:data:`~regparse.catalogue.ACT_SHORT_NAMES`) that the words before
    the citation end with is the name, with 中华人民共和国 when it is printed
    before it: never the clause before it (当事人以民法典第…, 自治机关行使宪法第…).
    Other names run from the last word that cannot be part of a name
    (依照, 根据, a comma …).

    >>> _act_before("当事人以民法典第五百条", 7), _act_before("依照中华人民共和国刑法第二十条", 11)
    ('民法典', '中华人民共和国刑法')
    """
    window_start = max(0, start - 30)
    window = text[window_start:start]
    tail = _ACT_TAIL.search(window)
    if tail is None or _NAMES_ITSELF.search(window):
        return None
    for act in acts:
        if window.endswith(act):
            return act
    book = tail.group("book") or ""          # 刑法分则: the name is 刑法, in its second 编
    name_end = len(window) - len(book)
    known = next((act for act in ACT_SHORT_NAMES if window.endswith(act, 0, name_end)), None)
    if known is not None:
        full = STATE_PREFIX + known
        return (full if window.endswith(full, 0, name_end) else known) + book
    return _name_after_delimiter(window, window_start)


# 造成本法第…, 前款规定第(四)项: a reference word, not the end of another act's name
_NAMES_ITSELF = re.compile(rf"(?:本(?:{'|'.join(SELF_WORDS)})|(?:本|前|上一?)[条款项目](?:规定)?)(?:总则|分则)?$")


def _name_after_delimiter(window: str, window_start: int) -> str | None:
    cut = 0
    for match in _ACT_START.finditer(window):
        cut = match.end()
    if cut == 0 and window_start > 0:
        return None
    name = window[cut:]
    citation_end = max(name.rfind(unit) for unit in "条款项章节编目") if "第" in name else -1
    name = name[citation_end + 1:]   # 第三十一条民法典: the name starts after a citation
    if not 2 <= len(name) <= 25 or name.startswith(_NOT_AN_ACT) or name in _BOOK_PART:
        return None
    return name


# -- the document as the resolver sees it ---------------------------------------------


class _Where:
    """Where a text stands: its enclosing divisions, article, paragraph, item."""

    __slots__ = ("divisions", "article", "paragraph", "item", "subitem")

    def __init__(self, divisions: list[dict], article: dict | None, paragraph: dict | None,
                 item: dict | None, subitem: dict | None):
        self.divisions, self.article, self.paragraph = divisions, article, paragraph
        self.item, self.subitem = item, subitem

    def but(self, **changes: Any) -> "_Where":
        values = {name: getattr(self, name) for name in self.__slots__}
        values.update(changes)
        return _Where(**values)


class _Document:
    def __init__(self, tree: dict):
        self.articles: list[dict] = []
        self.division_chains: list[tuple[tuple[tuple[str, int], ...], dict]] = []
        self._chains_by_last: dict[tuple[str, int], list[tuple[tuple[tuple[str, int], ...], dict]]] | None = None
        # (text node, divisions, article, paragraph, item, sub-item) of every
        # text; a _Where is made only for the few texts that hold a reference
        self.texts: list[tuple[dict, list[dict], dict | None, dict | None, dict | None, dict | None]] = []
        # the points of an enumerated document in document order, and the point each lies in
        self.points: list[dict] = []
        self.point_parent: dict[int, dict | None] = {}
        self._keys: dict[tuple, tuple] = {}
        self._collect(tree, [])
        del self._keys
        self.article_at: dict[tuple[int, int], int] = {}
        article_at = self.article_at
        for i, article in enumerate(self.articles):
            key = (article.get("number") or 0, article.get("suffix") or 0)   # _article_key, written out
            if key not in article_at:
                article_at[key] = i

    def _collect(self, node: dict, divisions: list[dict], levels: tuple = ()) -> None:
        for child in node.get("children") or ():
            kind = child.get("kind")
            if kind in DIVISION_LEVELS:
                chain = divisions + [child]
                # the parent's (kind, number) pairs shared, not made again for each division under
                # it, and a chain numbered as one before (第一编 第一章 again) that one's tuple
                key = levels + ((kind, child.get("number")),)
                key = self._keys.setdefault(key, key)
                self.division_chains.append((key, child))
                self._collect(child, chain, key)
            elif kind == "point":
                # a unit of an enumerated document, and the articles under it (a 一、 heading of
                # a judicial interpretation); its own text's references are read for the acts
                # they name only (annotate): the bare 第X条 of a 修正案 or 决定 name the
                # amended act's articles, not this document's
                if child.get("text"):
                    self.texts.append((child, divisions, None, None, None, None))
                self.points.append(child)
                self.point_parent[id(child)] = node if node.get("kind") == "point" else None
                self._collect(child, divisions, levels)
            elif kind == "article":
                # an article holds paragraphs, a paragraph items, an item
                # sub-items (the model's shape); divisions hold no text
                self.articles.append(child)
                texts = self.texts
                for paragraph in child.get("children") or ():
                    texts.append((paragraph, divisions, child, paragraph, None, None))
                    for item in paragraph.get("children") or ():
                        texts.append((item, divisions, child, paragraph, item, None))
                        for sub in item.get("children") or ():
                            texts.append((sub, divisions, child, paragraph, item, sub))

    # -- finding nodes -----------------------------------------------------------

    def article(self, number: int, suffix: int) -> dict | None:
        i = self.article_at.get((number, suffix))
        return None if i is None else self.articles[i]

    def division(self, location: Location, near: list[dict]) -> dict | None:
        wanted = [(level, getattr(location, level)) for level in location.levels()]
        if self._chains_by_last is None:
            # a chain matches only if it ends at the last wanted level: look there only
            self._chains_by_last = {}
            for chain, division in self.division_chains:
                self._chains_by_last.setdefault(chain[-1], []).append((chain, division))
        matches = []
        for chain, division in self._chains_by_last.get(wanted[-1], ()) if wanted else self.division_chains:
            if chain_matches(chain, wanted):
                matches.append((chain, division))
        if not matches:
            return None
        # of several (第一章 under each 编), the one nearest where the reference stands
        context = [(d["kind"], d.get("number")) for d in near]
        return max(matches, key=lambda m: _shared_prefix(m[0], context))[1]

    def node(self, location: Location) -> tuple[dict | None, Location]:
        """The node a location names (None if there is none) and the location
        completed (第十条第（三）项 → 第十条第一款第（三）项)."""
        division_levels = [level for level in location.levels() if level in DIVISION_LEVELS]
        if location.article is None:
            return (self.division(location, []) if division_levels else None), location
        article = self.article(location.article, location.suffix)
        if article is None:
            return None, location
        node = article
        paragraphs = article.get("children") or []
        if location.paragraph is None and location.item is not None:
            holders = [p for p in paragraphs if _child(p, location.item) is not None]
            if len(paragraphs) == 1:
                holders = paragraphs
            if not holders:
                return None, location
            node = holders[0]
            location = replace(location, paragraph=node.get("number"))
        for level in ("paragraph", "item", "subitem"):
            number = getattr(location, level)
            if number is None or (level == "paragraph" and node is not article):
                continue
            node = _child(node, number)
            if node is None:
                return None, location
        return node, location


def _article_key(article: dict) -> tuple[int, int]:
    return (article.get("number") or 0, article.get("suffix") or 0)


def _child(node: dict, number: int) -> dict | None:
    for child in node.get("children") or ():
        if child.get("number") == number:
            return child
    return None


def _shared_prefix(a: tuple, b: list) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def _location_of(where: _Where, depth: str) -> Location | None:
    """The location of the provision where a text stands, down to ``depth``."""
    if where.article is None:
        return None
    number, suffix = _article_key(where.article)
    values: dict[str, Any] = {"article": number, "suffix": suffix}
    for level, node in (("paragraph", where.paragraph), ("item", where.item), ("subitem", where.subitem)):
        if RANK[level] > RANK[depth]:
            break
        if node is None or node.get("number") is None:
            return None
        values[level] = node["number"]
    return Location(**values)


def _division_location(divisions: list[dict]) -> Location:
    return Location(**{division["kind"]: division.get("number") for division in divisions})


# -- resolution --------------------------------------------------------------------


_COUNT = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_WORD_LEVEL = {unit: level for unit, level in LEVEL_OF_UNIT.items() if level not in DIVISION_LEVELS}
_DIVISION_WORD = {unit: level for unit, level in LEVEL_OF_UNIT.items() if level in DIVISION_LEVELS}


def _word_targets(word: str, where: _Where, doc: _Document) -> list[Location | dict] | None:
    """The provisions a word names: 本条 → this article, 前两款 → the two before
    this one, 本章 → the chapter around.  None when there is no such provision."""
    if word.startswith("本条") and len(word) > 2:   # 本条前两款 is 前两款
        word = word[2:]
    if word.startswith("本") and word[1:] in _DIVISION_WORD:
        kind = _DIVISION_WORD[word[1:]]
        around = [d for d in where.divisions if d["kind"] == kind]
        return [around[-1]] if around else None
    level = _WORD_LEVEL[word[-1]]
    here = _location_of(where, level)
    if here is None:
        return None
    if word.startswith("本"):
        return [here]
    # 前款, 上一款, 前两款, 前各款: the ones just before this one
    middle = word[1:-1].lstrip("一")
    if level == "article":
        index = doc.article_at.get(_article_key(where.article))
        if index is None:
            return None
        how_many = index if middle == "各" else _COUNT.get(middle, 1)
        before = doc.articles[max(0, index - how_many):index]
        return [Location(article=a.get("number"), suffix=a.get("suffix") or 0) for a in before] or None
    current = getattr(here, level)
    how_many = current - 1 if middle == "各" else _COUNT.get(middle, 1)
    numbers = range(max(1, current - how_many), current)
    return [replace(here, **{level: n}) for n in numbers] or None


def _base(found: Found, where: _Where, doc: _Document, first: Location,
          previous: Location | None) -> Location | None:
    """The provision a citation is read from: 本条 for 本条第二款, this article for a
    bare 第二款, the 编 around for 本编第二章, the 编 named for 本法总则第四章."""
    top = first.top
    if found.base is not None:
        return found.base if RANK[found.base.deepest] < RANK[top] else None
    if found.word is not None and found.kind == "relative":
        named = _word_targets(found.word, where, doc)
        if not named or not isinstance(named[-1], Location):
            return None
        base = named[-1]
        return base if RANK[base.deepest] < RANK[top] else None
    if top in DIVISION_LEVELS:
        if found.part is not None and top != "part":
            return Location(part=found.part)
        # 本编第二章: inside the 编 around; a bare 第二章 is looked up everywhere,
        # nearest first (see _Document.division)
        if found.word is None or found.word[1:] not in _DIVISION_WORD:
            return None
        limit = RANK[_DIVISION_WORD[found.word[1:]]]
        above = [d for d in where.divisions if RANK[d["kind"]] <= limit]
        return _division_location(above) if above and limit < RANK[top] else None
    if top == "article" or where.article is None:
        return None
    if top == "paragraph":
        return _location_of(where, "article")
    if top == "item":
        return _paragraph_with_items(where, first, previous)
    return _location_of(where, "item")


def _paragraph_with_items(where: _Where, first: Location, previous: Location | None) -> Location | None:
    """第（二）项 with no 款 or 条: this paragraph if it has that item, else the
    nearest paragraph of this article that has; in an article without such
    items, the items continue the provision named just before (本法第十条第一款
    第（一）项至第（三）项…第（四）项), else this paragraph."""
    paragraphs = where.article.get("children") or []
    here = paragraphs.index(where.paragraph) if where.paragraph in paragraphs else 0
    order = [here] + list(range(here - 1, -1, -1)) + list(range(here + 1, len(paragraphs)))
    for i in order:
        if _child(paragraphs[i], first.item) is not None:
            return _location_of(where.but(paragraph=paragraphs[i], item=None, subitem=None), "paragraph")
    if previous is not None:
        return previous.keep(["article", "paragraph"] if previous.paragraph is not None else ["article"])
    return _location_of(where, "paragraph")


def _apply(base: Location | None, location: Location) -> Location:
    if base is None:
        return location
    top = RANK[location.top]
    values = {level: getattr(base, level) for level in LEVELS[:top] if getattr(base, level) is not None}
    if "article" in values:
        values["suffix"] = base.suffix
    values.update({level: getattr(location, level) for level in location.levels()})
    if location.article is not None:
        values["suffix"] = location.suffix
    return Location(**values)


def _expand(element: Location | Range, doc: _Document) -> list[Location]:
    if isinstance(element, Location):
        return [element]
    start, end = element.start, element.end
    if start.deepest == "article":
        first = doc.article_at.get((start.article, start.suffix))
        last = doc.article_at.get((end.article, end.suffix))
        if first is not None and last is not None and first <= last:
            return [replace(start, article=a.get("number"), suffix=a.get("suffix") or 0)
                    for a in doc.articles[first:last + 1]]
    return _numbered(element, max(_WIDEST_RANGE, len(doc.articles)))


#: the most numbers a range expands to when the document does not hold both its
#: ends (a fragment, another act): wider, it names its two ends only
_WIDEST_RANGE = 1000


def _numbered(element: Location | Range, widest: int = _WIDEST_RANGE) -> list[Location]:
    """The locations a range names by number, or its two ends when it spans more
    than ``widest`` numbers (第一条至第九九九九九九九九九条 is no loop over a billion
    numbers: it is reported unresolved with the ends it names)."""
    if isinstance(element, Range):
        start, end = element.start, element.end
        level = start.deepest
        low, high = getattr(start, level), getattr(end, level)
        width = high - low if low != high else end.suffix - start.suffix
        if width > widest:
            return [start, end]
    return Citation((element,)).locations()


def _resolve(found: Found, where: _Where, doc: _Document, previous: Location | None = None
             ) -> tuple[list[str], list[str], bool, Location | None]:
    """(targets, target ids, resolved, the last provision named) of one
    reference; ``previous`` is the provision the reference before it in the
    same article ended on."""
    if found.kind == "external":
        base = Location(part=found.part) if found.part else found.base
        locations = []
        for element in found.citation.elements:
            for location in _numbered(element):
                below = base is not None and RANK[base.deepest] < RANK[location.top]
                locations.append(_apply(base, location) if below else location)
        locations = _first_n(found, locations)
        return [format_location(loc) for loc in locations], [], False, locations[-1]
    named: list[Location | dict]
    if found.citation is None:
        named = _word_targets(found.word, where, doc) or []
        if not named:
            return [], [], False, None
    else:
        elements = found.citation.elements
        first = elements[0].start if isinstance(elements[0], Range) else elements[0]
        base = _base(found, where, doc, first, previous)
        named = []
        for element in elements:
            if isinstance(element, Range):
                element = Range(_apply(base, element.start), _apply(base, element.end))
            else:
                element = _apply(base, element)
            named.extend(_expand(element, doc))
        named = _first_n(found, named)
    targets, ids, resolved, last = [], [], True, None
    for target in named:
        node = target if isinstance(target, dict) else None
        if node is None:
            if target.top in DIVISION_LEVELS and target.article is None:
                node = doc.division(target, where.divisions)
            else:
                node, target = doc.node(target)
            last = target
        if node is None:
            resolved = False
            targets.append(format_location(target))
        else:
            targets.append(node.get("citation") or format_location(target))
            ids.append(node.get("id", ""))
    return targets, ids, resolved and bool(targets), last


def _first_n(found: Found, locations: list) -> list:
    """刑法第三百零七条之一前三款: the first three 款 of each provision named."""
    if not found.first:
        return locations
    level = _WORD_LEVEL[found.first[-1]]
    count = _COUNT.get(found.first[1:-1], 1)
    out = []
    for location in locations:
        if isinstance(location, Location) and RANK[location.deepest] < RANK[level]:
            out.extend(replace(location, **{level: n}) for n in range(1, count + 1))
        else:
            out.append(location)
    return out


# -- annotating the builder's tree ---------------------------------------------------


def _node_pieces(node: dict, text: str, source_pieces: Mapping[int, list[tuple[int, int]]]) -> list[tuple[int, int]]:
    """The source pieces of ``node``'s text; a node without any is its text at its span's start."""
    pieces = source_pieces.get(id(node)) or []
    if not pieces and node.get("span"):
        pieces = [(node["span"][0], node["span"][0] + len(text))]
    return pieces


def _offsets(pieces: list[tuple[int, int]]) -> list[int]:
    """Where each piece starts in the text the pieces make."""
    starts, total = [], 0
    for a, b in pieces:
        starts.append(total)
        total += b - a
    return starts


def _to_source(position: int, starts: list[int], pieces: list[tuple[int, int]], end: bool) -> int:
    """A text offset as an offset into the source (an end offset maps to just
    after the source character of the text's previous character)."""
    if not pieces:
        return position
    probe = position - 1 if end and position > 0 else position
    i = max(0, bisect.bisect_right(starts, probe) - 1)
    a, b = pieces[i]
    source_position = a + (probe - starts[i])
    return min(source_position + 1, b) if end and position > 0 else min(source_position, b)


#: how many distinct references of one text :func:`annotate` keeps resolved
_MOST_REMEMBERED = 256


def annotate(tree: dict, source: str, source_pieces: Mapping[int, list[tuple[int, int]]] | None = None) -> None:
    """Find and resolve the references of every paragraph, item and sub-item of
    ``tree`` (the regulation's drafts, before freezing), in place.

    Each text node gets ``references``; ``tree["references"]`` lists them all
    in document order; unresolved internal and relative references add an
    ``unresolved_reference`` warning to ``tree["diagnostics"]``.  Spans are
    offsets into ``source`` through ``source_pieces``, the source ranges whose
    concatenation is a node's text, by ``id()`` of the node (the builder's
    :attr:`~regparse.build.Builder.pieces`); a node without pieces is taken
    to be printed as it is from the start of its span.
    """
    source_pieces = source_pieces or {}
    doc = _Document(tree)
    everything: list[dict] = []
    diagnostics = tree.setdefault("diagnostics", [])
    last_act: str | None = None
    acts = _known_acts(doc)
    own = _own_names(tree.get("title"))
    article: dict | None = None
    previous: Location | None = None     # where the article's previous reference ended
    units: _Units | None = None          # made for the first point text that holds a reference
    anchor = _patterns()[2]
    # references that read alike (前款, 本法第十条) hold one surface string and
    # one list of targets: a text of 10⁵ references to 第一条 holds them once
    shared = SharedLists()
    surfaces: dict[str, str] = {}
    for node, divisions, text_article, paragraph, item, subitem in doc.texts:
        if text_article is not article:
            article, previous = text_article, None
        text = node.get("text") or ""
        if not text or anchor.search(text) is None:
            # no place where a reference could start: find() would find none
            node["references"] = EMPTY
            if "附" in text:
                node["references"] = []
                _annex_references(node, text, tree, source_pieces)
                everything.extend(node["references"])
                node["references"] = node["references"] or EMPTY
            continue
        where = _Where(divisions, text_article, paragraph, item, subitem)
        resolved_here: dict[tuple, tuple] = {}
        references = []
        pieces = None       # read once the text has a reference (most texts have none)
        starts = None
        before: Found | None = None
        before_location: Location | None = None
        in_unit = node.get("kind") == "point"
        if in_unit:
            units = units or _Units(doc, tree)
            quotations = _quotations(text)
        for ref in _finding(text, acts):
            ref = _in_context(_item_after(ref, text), before, before_location, text, where, tree)
            if ref is None:
                continue
            if in_unit and ref.kind != "external":
                mine = _in_unit(ref, before, text, quotations, units)
                before, before_location = mine or ref, None
                if mine is None:
                    continue
                ref = mine
                targets, ids, resolved = units.resolve(ref, node, text.count("\n", 0, ref.start) + 1)
                if starts is None:
                    pieces = _node_pieces(node, text, source_pieces)
                    starts = _offsets(pieces)
                span = (_to_source(ref.start, starts, pieces, False), _to_source(ref.end, starts, pieces, True))
                references.append(reference_record(ref.kind, ref.surface, span, targets or EMPTY, ids or EMPTY,
                                                   None, resolved))
                if not resolved:
                    _unresolved(diagnostics, ref, targets, span)
                continue
            if ref.kind == "external" and ref.act in own and ref.citation is not None:
                # 宪法第三章第五节 inside 宪法: this document, by its own name
                ref = replace(ref, kind="internal", act=None)
            act = ref.act
            if ref.kind == "external":
                if act in ("同法", "该法"):
                    act = last_act or act
                else:
                    last_act = act
            # what a reference resolves to depends on these alone (the text's place is
            # the same for all its references): a run of one citation repeated
            # (第一条第一条…, whose citations the finder makes once) is resolved once.
            # The citation goes in by identity, cheaper to hash than by value; the
            # entry holds it, so no other object takes its id
            key = (ref.kind, ref.word, id(ref.citation), ref.act, ref.part, ref.first, ref.base, previous)
            hit = resolved_here.get(key)
            if hit is None:
                targets, ids, resolved, last = _resolve(ref, where, doc, previous)
                if len(resolved_here) >= _MOST_REMEMBERED:
                    resolved_here.clear()
                hit = resolved_here[key] = (shared(targets), shared(ids), resolved, last, ref.citation)
            targets, ids, resolved, last, _ = hit
            if ref.kind != "external" and last is not None and last.article is not None:
                previous = last
            before, before_location = ref, last
            if pieces is None:
                pieces = _node_pieces(node, text, source_pieces)
            if len(pieces) == 1:
                # a text printed in one piece (most are): _to_source, written out
                a, b = pieces[0]
                span = (min(a + ref.start, b), min(a + ref.end, b))
            else:
                if starts is None:
                    starts = _offsets(pieces)
                span = (_to_source(ref.start, starts, pieces, False), _to_source(ref.end, starts, pieces, True))
            # one record, in the node's references and the document's alike
            surface = surfaces.setdefault(ref.surface, ref.surface)
            references.append(reference_record(ref.kind, surface, span, targets, ids,
                                               act if ref.kind == "external" else None, resolved))
            if ref.kind != "external" and not resolved:
                _unresolved(diagnostics, ref, targets, span)
        node["references"] = references
        if "附" in text:
            _annex_references(node, text, tree, source_pieces)
        node["references"] = references or EMPTY
        everything.extend(references)
    if units is not None:
        # a point's text after its children (a list's tail) comes after theirs
        everything.sort(key=lambda r: r.span)
    tree["references"] = everything


# -- enumerated documents -----------------------------------------------------------


def _quotations(text: str) -> list[tuple[int, int]]:
    """Where ``text`` quotes: (start, end) of each quotation, an unclosed one running to
    the end.  A paragraph that opens with “ inside a quotation goes on with it (a
    quotation of several paragraphs opens each with “ and closes only the last)."""
    if not any(ch in text for ch in QUOTE_OPEN):
        return []
    out, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in QUOTE_OPEN:
            if depth and i > 0 and text[i - 1] == "\n":
                continue
            if not depth:
                start = i
            depth += 1
        elif ch in QUOTE_CLOSE and depth:
            depth -= 1
            if not depth:
                out.append((start, i + 1))
    if depth:
        out.append((start, len(text)))
    return out


def _own_words(title: str | None) -> frozenset[str]:
    """What an enumerated document calls itself after 本, from its title's act type
    (catalogue.ACT_TYPES): 规定 for …的规定（试行）, 补充安排 and 安排 for …的补充安排."""
    if not title:
        return frozenset()
    title = "".join(title.split()).strip("《》")
    while TITLE_NOTE.search(title):
        title = TITLE_NOTE.sub("", title).rstrip("》")
    kind = next((word for word in ACT_TYPES if title.endswith(word)), None)
    if kind is None:
        return frozenset()
    tail = title[title.rfind("的") + 1:] if "的" in title else kind
    return frozenset({kind, tail} if len(tail) <= len(kind) + 4 else {kind})


class _Units:
    """The points of an enumerated document as its own references name them.

    A point document cites its top-level points as 第N条 (本规定第七条, 本决定第一条;
    :func:`~regparse.citation.point_article`), a point's paragraphs as 款 (本规定第二条
    第二款, 前款: the paragraphs of its text), and the points below a point as 项
    (本规定第一条第（三）项; a bare 第11项 is a point of the same level as the one it
    stands in, 上述第11项至第50项).  A point's paragraphs are not nodes: a reference to
    one names it as 二第二款 and has the point's id among its target ids.

    In an amending document (修正案, 关于修改…的决定, units that say 将第十条修改为) the
    bare numbers and relative words name the amended act's provisions, never the
    instrument's: only what 本决定 (the document by its own name) names is its own.
    What a quotation holds is the quoted text's, never this document's."""

    __slots__ = ("doc", "parent", "flat", "by_key", "own", "amending", "articles")

    def __init__(self, doc: "_Document", tree: dict):
        self.doc = doc
        self.parent = doc.point_parent
        self.by_key = {id(p): p for p in doc.points}
        self.flat = [(id(p), p.get("level") or 1, p.get("style") or "", p.get("number"),
                      id(self.parent[id(p)]) if self.parent[id(p)] is not None else None) for p in doc.points]
        title = tree.get("title")
        self.own = _own_words(title) | frozenset(SELF_WORDS)
        self.articles = bool(doc.articles)
        tops = [p for p in doc.points if self.parent[id(p)] is None]
        self.amending = bool(title and AMENDING_TITLE.search(title)) or any(
            AMENDMENT_INSTRUCTION.match(p.get("text") or "") for p in tops)

    def self_word(self, word: str | None) -> bool:
        return bool(word) and word[0] == "本" and _strip_book(word[1:]) in self.own

    def named_before(self, text: str, start: int) -> str | None:
        """本补充安排 before 第一条: the document by a name the reference pattern does not know."""
        for word in self.own:
            if text.endswith(word, 0, start) and text[start - len(word) - 1:start - len(word)] == "本":
                return "本" + word
        return None

    # -- the nodes ------------------------------------------------------------------
    def _top(self, point: dict) -> dict:
        while self.parent.get(id(point)) is not None:
            point = self.parent[id(point)]
        return point

    def _siblings(self, point: dict) -> list[dict]:
        parent = self.parent.get(id(point))
        nodes = parent["children"] if parent is not None else [p for p in self.doc.points if self.parent[id(p)] is None]
        return [n for n in nodes if n.get("kind") == "point"]

    def _article(self, number: int, suffix: int, arabic: bool) -> dict | None:
        if suffix:
            return None
        key = point_article(self.flat, number, arabic)
        return self.by_key.get(key) if key is not None else None

    def _item(self, number: int, point: dict, below: bool) -> dict | None:
        """第N项 from ``point``: its own point N; where it has none and ``below`` is not
        required, the point N beside it, or of its level where that level is numbered
        straight through the document."""
        for child in point.get("children") or ():
            if child.get("kind") == "point" and child.get("number") == number:
                return child
        if below or point.get("children"):
            return None
        for sibling in self._siblings(point):
            if sibling.get("number") == number:
                return sibling
        level, style = point.get("level"), point.get("style")
        same = [p for p in self.doc.points if p.get("level") == level and p.get("style") == style]
        if [p.get("number") for p in same] == list(range(1, len(same) + 1)) and number <= len(same):
            return same[number - 1]
        return None

    @staticmethod
    def _paragraph(point: dict, number: int) -> tuple[str, str] | None:
        text = point.get("text") or ""
        if not text or not 1 <= number <= text.count("\n") + 1:
            return None
        return f"{point['citation']}第{to_chinese(number)}款", point["id"]

    # -- resolving ------------------------------------------------------------------
    def _location(self, location: Location, point: dict, paragraph: int, base: dict | None,
                  arabic: bool) -> tuple[str, str] | None:
        """(target, id) of one location read from ``point`` (its ``paragraph``, 1-based),
        ``base`` the point a word before the citation named (本条 → the top point)."""
        if any(getattr(location, level) is not None for level in DIVISION_LEVELS):
            return None
        if location.article is not None and self.articles:
            # a judicial interpretation's 一、 headings over its articles: 第五条 is the article
            found, _ = self.doc.node(location)
            return (found.get("citation") or format_location(location), found.get("id", "")) if found else None
        if location.article is not None:
            node = self._article(location.article, location.suffix, arabic)
        elif base is not None:
            node = base
        elif location.paragraph is not None:
            node = point
        elif location.item is not None:
            node = self._item(location.item, point, below=False)
            location = replace(location, item=None)
        else:
            return None
        if node is None:
            return None
        if location.paragraph is not None:
            if location.item is None and location.subitem is None:
                return self._paragraph(node, location.paragraph)
            if location.paragraph != 1 or self._paragraph(node, 1) is None:
                return None    # which paragraph a point's list follows is not known past the first
        for level in ("item", "subitem"):
            number = getattr(location, level)
            if number is not None:
                node = self._item(number, node, below=True)
                if node is None:
                    return None
        return node["citation"], node["id"]

    def _word(self, word: str, point: dict, paragraph: int) -> list[tuple[str, str]] | dict | None:
        """What a word names from ``point``: 本条 → its top point, 本项 → itself, 本款 and
        前款 its paragraphs, 前条 and 前项 the points before; a dict is a point to read
        the citation after the word from, a list the targets of the word alone."""
        if word.startswith("本条") and len(word) > 2:
            word = word[2:]
        unit = word[-1]
        middle = word[1:-1].lstrip("一")
        if word[0] == "本":
            if unit == "条":
                return self._top(point)
            if unit == "项":
                return point if point.get("level", 1) > 1 else None
            if unit == "款":
                found = self._paragraph(point, paragraph)
                return [found] if found else None
            return None
        count = _COUNT.get(middle, 1)
        if unit == "款":
            numbers = range(1, paragraph) if middle == "各" else range(max(1, paragraph - count), paragraph)
            return [self._paragraph(point, n) for n in numbers] or None
        if unit == "条":
            top = self._top(point)
            siblings = self._siblings(top)
        elif unit == "项" and point.get("level", 1) > 1 and paragraph == 1:
            # from a later paragraph 上项 may be the point's own first (按上项办法处理的…)
            top, siblings = point, self._siblings(point)
        else:
            return None
        at = next(i for i, p in enumerate(siblings) if p is top)
        before = siblings[:at] if middle == "各" else siblings[max(0, at - count):at]
        return [(p["citation"], p["id"]) for p in before] or None

    def resolve(self, found: Found, point: dict, paragraph: int) -> tuple[list[str], list[str], bool]:
        """(targets, target ids, resolved) of a reference in ``point``'s text."""
        base = None
        if found.word is not None and not self.self_word(found.word):
            named = self._word(found.word, point, paragraph) if found.word[-1] in "条款项" else None
            if found.citation is None or not isinstance(named, dict):
                if isinstance(named, dict):
                    named = [(named["citation"], named["id"])]
                if not named:
                    return [found.word], [], False
                return [t for t, _ in named], [i for _, i in named], True
            base = named
        arabic = bool(re.search(r"第\s*[0-9０-９]", found.surface))
        targets, ids, resolved = [], [], True
        for element in found.citation.elements:
            for location in _numbered(element):
                if self.self_word(found.word) and location.article is None and location.paragraph is None \
                        and location.item is not None and base is None:
                    # 本通知第三项: the document's third point
                    location = replace(location, article=location.item, item=None)
                hit = self._location(location, point, paragraph, base, arabic)
                if hit is None:
                    resolved = False
                    targets.append(format_location(location))
                else:
                    targets.append(hit[0])
                    ids.append(hit[1])
        return targets, ids, resolved and bool(targets)


def _strip_book(word: str) -> str:
    return word[:-2] if word.endswith(("总则", "分则")) else word


def _unresolved(diagnostics: list[dict], ref: Found, targets: list[str], span: tuple[int, int]) -> None:
    named = "、".join(targets) if targets else "nothing"
    diagnostics.append({
        "code": "unresolved_reference", "severity": "warning", "span": span,
        "message": f"{ref.surface} refers to {named}, which is not in this document"
                   if targets else f"{ref.surface} refers to nothing in this document"})


#: 至63项 after 第53项: a range whose end does not repeat 第
_RANGE_END = re.compile(r"\s*至\s*([0-9０-９]+|[一二三四五六七八九十百]+)\s*([条款项目])")


#: （一）项 after 第一款: the item of that 款, printed without its 第
_ITEM_AFTER = re.compile(r"[（(]\s*([一二三四五六七八九十]+|[0-9０-９]+)\s*[）)]\s*项")


def _item_after(ref: Found, text: str) -> Found:
    """铁路法第十七条第一款（一）项 read whole: the （一）项 is that 款's item."""
    if ref.citation is None or not ref.surface.endswith("款") or text[ref.end:ref.end + 1] not in "（(":
        return ref
    m = _ITEM_AFTER.match(text, ref.end)
    if m is None:
        return ref
    return _read_on(ref, text, m.end(), f"{format_citation(ref.citation)}第（{m.group(1)}）项")


def _range_end(ref: Found, text: str) -> Found:
    """第53项至63项 read whole, not as 第53项 alone (a range with one end is a wrong target)."""
    m = _RANGE_END.match(text, ref.end)
    if m is None or ref.citation is None or m.group(2) != ref.surface[-1]:
        return ref
    return _read_on(ref, text, m.end(), f"{text[ref.start + len(ref.word or ''):ref.end]}至第{m.group(1)}{m.group(2)}")


def _read_on(ref: Found, text: str, end: int, written: str) -> Found:
    """``ref`` read on to ``end`` of ``text`` as the citation ``written`` says (the
    printed words with what they leave out put back); ``ref`` itself if that reads
    as no citation."""
    try:
        citation = parse(written)
    except CitationError:
        return ref
    return replace(ref, end=end, surface=text[ref.start:end], citation=citation)


def _in_unit(ref: Found, before: Found | None, text: str, quotations: list[tuple[int, int]],
             units: _Units) -> Found | None:
    """A reference in a point's text that is not another act's, as this document's own
    (None: it is not this document's).

    - inside a quotation it is the quoted text's (将第三条修改为：“本规定第二条…”);
    - 本补充安排第一条: the document by a name of its own the pattern does not know;
    - in an amending document only what the document names by its own name is its
      own, and the bare numbers that continue such a reference in the same sentence
      (本补充安排第一条、第四条自…施行，第二条、第三条…); the rest are the amended act's.
    """
    if any(a <= ref.start < b for a, b in quotations):
        return None
    ref = _range_end(ref, text)
    if ref.word is None:
        word = units.named_before(text, ref.start)
        if word is not None:
            ref = replace(ref, start=ref.start - len(word), surface=word + ref.surface, word=word, kind="internal")
    if not units.amending or units.self_word(ref.word):
        return ref
    if ref.word is None and before is not None and units.self_word(before.word) \
            and not _SENTENCE_END.search(text, before.end, ref.start):
        return replace(ref, kind="internal")
    return None


# -- 附件 ---------------------------------------------------------------------------
#: 本法附件一, 本条例附件二, 附件3, 本办法附录: a reference to an appendix of this document
#: (a bare 附件 without a number is a word, 提交申请书及附件, unless 本法 names it)
_ANNEX_REFERENCE = re.compile(
    rf"(?P<self>(?<![{_NOT_BEFORE_THIS}])本(?:{'|'.join(SELF_WORDS)}))?(?P<word>附件|附表|附录)"
    r"(?P<number>[一二三四五六七八九十]+|[0-9０-９]+)?(?![0-9０-９一二三四五六七八九十])")
_ANNEX_WORDS = ("附件", "附表", "附录")
#: what joins the appendices of a list: 附录一、附录二, 附件一和附件二
_ANNEX_LIST = ("、", "和", "及", "以及", "或者", "或", "，")


def _annex_key(label: str) -> tuple[str | None, int | None]:
    """(word, number) of an appendix label: 附件一 → (附件, 1), 附表 → (附表, None), 附： → (附件, None)."""
    label = "".join(label.split()).rstrip("：:")
    word = next((w for w in _ANNEX_WORDS if label.startswith(w)), None)
    if word is None:
        return ("附件" if label == "附" else None), None
    rest = label[len(word):]
    return word, (to_int(rest) if rest else None)


def _annex_references(node: dict, text: str, tree: dict, source_pieces: Mapping[int, list[tuple[int, int]]]) -> None:
    """Add to ``node``'s references those to this document's appendices (本法附件一,
    附件3), resolved to the appendix (its id ``annex_N``) or reported unresolved."""
    found = []
    others = -1   # where the last appendix of another act ended: 《…公约》附录一、附录二 are both its
    for m in _ANNEX_REFERENCE.finditer(text):
        number = m.group("number")
        before = text[:m.start()]
        if m.group("self") is None and (number is None or before.endswith(("》", *ACT_NAME_ENDINGS))
                                        or (others >= 0 and text[others:m.start()] in _ANNEX_LIST)):
            if number is not None:
                others = m.end()
            continue   # a bare 附件, or another act's (《…》附件三, 基本法附件一)
        found.append(m)
    if not found:
        return
    pieces = source_pieces.get(id(node)) or [(node["span"][0], node["span"][0] + len(text))]
    starts = _offsets(pieces)
    annexes = tree.get("appendices") or []
    references = node["references"]
    diagnostics = tree.setdefault("diagnostics", [])
    for m in found:
        word, number = m.group("word"), m.group("number")
        value = to_int(number) if number else None
        # an appendix labelled 附： alone is the one 本解释附表 names, whatever its word
        same = [a for a in annexes if _annex_key(a["label"])[0] == word] or [
            a for a in annexes if len(annexes) == 1 and "".join(a["label"].split()).rstrip("：:") == "附"]
        hit = [a for a in same if _annex_key(a["label"])[1] == value] if value is not None else same[:1] if len(same) == 1 else []
        target = hit[0]["citation"] if hit else word + (number or "")
        span = (_to_source(m.start(), starts, pieces, False), _to_source(m.end(), starts, pieces, True))
        references.append(reference_record("internal", m.group(), span, [target], [a["id"] for a in hit],
                                           None, bool(hit)))
        if not hit:
            diagnostics.append({"code": "unresolved_reference", "severity": "warning", "span": span,
                                "message": f"{m.group()} refers to {target}, which is not in this document"})
    references.sort(key=lambda r: r.span)


_SENTENCE_END = re.compile(r"[。；;！？!?]")


def _in_context(ref: Found, before: Found | None, before_location: Location | None, text: str,
                where: _Where, tree: dict) -> Found | None:
    """What the words around a reference change about it (None: not a reference).

    - 《本法的标题》第十条 is this regulation's own 第十条;
    - 本编 / 本分编 in a regulation that is not divided into 编 (a book of 民法典
      printed alone) is the document itself, like 本法: not a reference;
    - 前三项 outside an item counts things (对前三项污染物): not a reference;
    - 该条第二款 is the 第二款 of the article cited just before;
    - a bare article continuing an external citation in the same sentence
      cites the same act (刑法第一百六十三条规定的…、第二百七十一条规定的…);
      a bare 款 or 项 joined to the citation before it by 和/、/或者 continues
      that citation's article (本解释第二条第一款规定和第二款 is 第二条第二款).
    """
    if ref.kind == "external" and ref.act == tree.get("title"):
        return replace(ref, kind="internal", act=None)
    if ref.citation is None:
        if ref.word in ("本编", "本分编"):
            kind = _DIVISION_WORD[ref.word[1:]]
            if not any(d["kind"] == kind for d in where.divisions):
                return None
        if ref.word[-1] == "项" and ref.word[1:-1] and where.item is None:
            return None
        return ref
    if ref.word in ("该条", "同条"):
        if before_location is None or before_location.article is None:
            return None
        base = before_location.keep(["article"])
        if before.kind == "external":
            return replace(ref, kind="external", act=before.act, base=base)
        return replace(ref, base=base)
    if ref.word is not None or before is None or ref.kind == "external" or before_location is None:
        return ref
    between = before.end < ref.start     # nothing between them: no sentence ends there, no word joins them
    if between and _SENTENCE_END.search(text, before.end, ref.start):
        return ref
    joined = between and _JOINED.fullmatch(text, before.end, ref.start) is not None
    if not joined and before.kind != "external":
        return ref
    first = ref.citation.elements[0]
    top = (first.start if isinstance(first, Range) else first).top
    if before.kind == "external":
        if top == "article" or top in DIVISION_LEVELS:
            return replace(ref, kind="external", act=before.act, part=before.part)
        if top in ("paragraph", "item") and before_location.article is not None and joined:
            keep = ["article", "paragraph"] if top == "item" else ["article"]
            return replace(ref, kind="external", act=before.act, base=before_location.keep(keep))
    elif joined and top == "paragraph" and where.article is not None and before_location.article is not None \
            and (before_location.article, before_location.suffix) != _article_key(where.article):
        return replace(ref, base=before_location.keep(["article"]))
    return ref


def _own_names(title: str | None) -> frozenset[str]:
    """The names the document goes by: its title, and without 中华人民共和国."""
    if not title:
        return frozenset()
    names = {title}
    if title.startswith(STATE_PREFIX) and len(title) > len(STATE_PREFIX) + 1:
        names.add(title[len(STATE_PREFIX):])
    return frozenset(names)


def _known_acts(doc: _Document) -> tuple[str, ...]:
    """Names of acts this document cites in 《》, also without 中华人民共和国 and as
    their 以下简称 short names: where those names stand bare before 第X条, the
    name is known to start there."""
    names: set[str] = set()
    # one search through all the texts: a title cannot run across a line break
    texts = "\n".join([entry[0].get("text") or "" for entry in doc.texts])
    if "《" in texts:
        for match in _TITLE.finditer(texts):
            title = match.group(1)
            names.add(title)
            if title.startswith("中华人民共和国") and len(title) > 9:
                names.add(title[7:])
            if match.group(2):
                names.add(match.group(2))
    return tuple(sorted((n for n in names if _ACT_TAIL.search(n)), key=len, reverse=True))


# 第二条第一款规定和第二款: a list broken by 规定, still one list
_JOINED = re.compile(r"(?:规定)?(?:的)?(?:和|及|以及|或者|或|与|、)")
_TITLE = re.compile(r"《([^《》\n]{1,80})》(?:[（(]以下简称“?([^（()）“”\n]{1,20})”?[）)])?")


def list_references(doc: Regulation) -> list[Reference]:
    """Every reference of ``doc`` in document order (none when it was parsed
    with ``references=False``: parse again to find them).

    >>> [r.surface for r in list_references(regparse.parse("第一条 本法第二条适用于前款。"))]
    ['本法第二条', '前款']
    """
    return list(doc.references)

