"""The builder: grammar reductions → draft nodes.

:class:`Builder` is a Lark transformer: the LALR loop calls one method per
rule as it reduces, so no parse tree is ever built.  The methods make draft
nodes, plain dicts shaped like the models (every field, in the model's
order); :func:`finish` pulls the headings out, numbers paragraphs, gives
every node its id and citation (:func:`assign_ids`) and reports numbering
gaps (:func:`check_numbering`).  References are attached to the drafts next
(:mod:`regparse.refs`), and :mod:`regparse.freeze` turns them into the
frozen pydantic tree.
"""
from __future__ import annotations

from array import array
from itertools import chain
from typing import Any, Callable, Iterator, NamedTuple, TypedDict

from lark import Transformer

from . import lex
from .citation import point_step, step_text
from .freeze import noise_record, template
from .grammar import LineToken
from .model import (DIVISION_KINDS, Appendix, Article, Chapter, Decision, Diagnostic, DiagnosticCode, DocumentSource,
                    FrontMatter, Heading, Item, Noise, Paragraph, Part, Point, Reference, Regulation, Section, Severity,
                    Subitem, Subpart)
from .normalize import slice_pieces

__all__ = [
    "Builder", "PointDraft", "assign_ids", "check_numbering", "finish", "items_outside_articles",
    "RegulationDraft", "DivisionDraft", "ArticleDraft", "ParagraphDraft", "ItemDraft", "SubitemDraft",
    "AppendixDraft", "HeadingDraft", "DiagnosticDraft", "ReferenceDraft", "DRAFTS",
]

# -- the drafts ------------------------------------------------------------------
# A draft holds exactly the fields of its model (tests/test_build.py checks the
# keys against the models), so that freezing can make it the model's __dict__.

Span = tuple[int, int]


class ReferenceDraft(TypedDict):
    kind: str
    surface: str
    span: Span
    targets: list[str]
    target_ids: list[str]
    act: str | None
    resolved: bool


class _NodeDraft(TypedDict):
    id: str
    label: str
    number: int | None
    suffix: int
    title: str | None
    span: Span
    citation: str
    kind: str


class SubitemDraft(_NodeDraft):
    text: str
    references: list[ReferenceDraft]


class ItemDraft(_NodeDraft):
    text: str
    children: list[SubitemDraft]
    references: list[ReferenceDraft]


class ParagraphDraft(_NodeDraft):
    text: str
    children: list[ItemDraft]
    references: list[ReferenceDraft]


class ArticleDraft(_NodeDraft):
    children: list[ParagraphDraft]


class PointDraft(_NodeDraft):
    level: int
    style: str
    heading_run_in: bool
    text: str
    children: list["PointDraft | ArticleDraft"]
    references: list[ReferenceDraft]


class DivisionDraft(_NodeDraft):
    intro: str
    children: list["DivisionDraft | ArticleDraft"]


class AppendixDraft(TypedDict, total=False):
    label: str
    text: str
    span: Span
    id: str
    citation: str
    regulation: Any      # a Regulation: an appendix that is one, parsed (regparse.parse)
    children: list[Any]  # Points: an appendix that is a list, its units (regparse.parse)
    rows: list[list[str]]  # an appendix that is a table: each line's cells


class HeadingDraft(TypedDict):
    text: str
    span: Span
    before: str | None
    paragraphs: list[str]


class DiagnosticDraft(TypedDict):
    code: DiagnosticCode
    severity: Severity
    message: str
    span: Span


class RegulationDraft(_NodeDraft):
    subtitle: str | None
    info: list[str]
    preamble: str
    children: list[DivisionDraft | ArticleDraft]
    appendices: list[AppendixDraft]
    closing: str
    headings: list[HeadingDraft]
    diagnostics: list[DiagnosticDraft]
    noise: list[Noise]
    decisions: list[Decision]
    references: list[ReferenceDraft]
    encoding: str | None
    source: DocumentSource | None       # the file read, set by regparse.parse_source
    front_matter: FrontMatter | None    # what the text says of itself, set by regparse.parse from the lexer


#: each draft type and the model it becomes
DRAFTS = {SubitemDraft: Subitem, ItemDraft: Item, ParagraphDraft: Paragraph, ArticleDraft: Article, PointDraft: Point,
          DivisionDraft: Chapter, AppendixDraft: Appendix, HeadingDraft: Heading, DiagnosticDraft: Diagnostic,
          ReferenceDraft: Reference, RegulationDraft: Regulation}


class BodyHeading(TypedDict):
    """A heading where the grammar found it, among the body's nodes, until
    :func:`finish` moves it to the regulation's ``headings``."""

    kind: str
    text: str
    span: Span
    paragraphs: list[str]


class Lines(NamedTuple):
    """Lines kept as text rather than as nodes: a division's intro."""

    span: Span
    lines: list

    def text(self) -> str:
        return "\n".join(ln.text for ln in self.lines)


class Preamble(Lines):
    """The text between the title block and the first article."""


class Front(NamedTuple):
    """What the title block gives the regulation."""

    subtitle: str | None
    info: list[str]


class Closing(NamedTuple):
    """The closing matter of an enumerated document."""

    text: str


class Annex(NamedTuple):
    """An appendix, told apart from the body's nodes."""

    draft: AppendixDraft


_EID = {"part": "part", "subpart": "subpart", "chapter": "chp", "section": "sec", "article": "art",
        "paragraph": "para", "item": "item", "subitem": "subitem", "point": "point"}


_SUBITEM, _ITEM, _PARAGRAPH, _ARTICLE, _POINT = (template(c) for c in (Subitem, Item, Paragraph, Article, Point))
_DIVISION = {"part": template(Part), "subpart": template(Subpart), "chapter": template(Chapter),
             "section": template(Section)}


def _draft(fields_at_default: dict, fields: dict) -> dict:
    """A draft node: a copy of its model's template (compact, see
    :func:`regparse.freeze.compact_dict`) with ``fields`` set."""
    node = fields_at_default.copy()
    node.update(fields)
    return node


def _text_after_mark(tok: LineToken, last: list) -> tuple[str, list[tuple[int, int]]]:
    """The text of ``tok``'s line after its marker, and its source pieces.

    ``last`` is [line text, marker end, text after it] of the call before: a
    line that reads as the one before it (normalize makes them one str)
    gets the same str after its marker, as 10⁵ lines 第一条 内容。 each
    did not."""
    line = tok.line
    mark = tok.mark
    if mark is None:
        return line.text, line.pieces
    rest = mark.rest
    text = line.text
    if text is last[0] and rest == last[1]:
        after = last[2]
    else:
        after = text[rest:]
        last[0] = text
        last[1] = rest
        last[2] = after
    if line._pieces is None:
        # one range (slice_pieces for it, without making the line's list first)
        end = line.end
        return after, [(min(line.start + rest, end), end)]
    return after, slice_pieces(line.pieces, rest)


def _continued(text: str, src: list[tuple[int, int]], lines: list) -> tuple[str, list[tuple[int, int]]]:
    """An item's text with the lines that continue it, one per line.

    The line break between two lines stands for the break (or space) in the
    source right after the line before it, so that the pieces still line up
    with the text character for character.
    """
    parts = [text]
    pieces = list(src)
    for line in lines:
        at = pieces[-1][1] if pieces else line.start
        pieces.append((at, at + 1))
        pieces.extend(line.pieces)
        parts.append(line.text)
    return "\n".join(parts), pieces


class SourcePieces:
    """The source pieces of text nodes by ``id()`` of their drafts, each
    node's kept as one array of its ints and given back as the list of
    ``(start, end)`` it was: a line with a control character every few
    characters is several pieces, and their list, tuples and ints were a
    fifth of the memory such a text takes while it is read.

    >>> pieces = SourcePieces()
    >>> pieces[7] = [(4, 5), (6, 9)]
    >>> pieces.get(7), pieces.get(8)
    ([(4, 5), (6, 9)], None)
    """

    __slots__ = ("_packed", "pop")

    def __init__(self) -> None:
        self._packed: dict[int, array] = {}
        # the dict's own: the builder drops an entry for most nodes it makes
        self.pop: Callable[..., Any] = self._packed.pop

    def __setitem__(self, key: int, pieces: list[tuple[int, int]]) -> None:
        # a few pieces (most nodes) are joined faster by sum, which is quadratic in their number
        self._packed[key] = array("q", sum(pieces, ()) if len(pieces) <= 8 else chain.from_iterable(pieces))

    def get(self, key: int, default: Any = None) -> Any:
        packed = self._packed.get(key)
        if packed is None:
            return default
        ints = iter(packed)
        return list(zip(ints, ints))

    def __len__(self) -> int:
        return len(self._packed)

    def __iter__(self) -> Iterator[int]:
        return iter(self._packed)


class Builder(Transformer):
    """One method per grammar rule; each returns a draft node (a dict shaped like
    its model) or, for what is not a node, a small value of its own.

    What the later stages need beside the drafts is kept here rather than
    inside them (a draft holds exactly its model's fields): ``pieces``, the
    source pieces of each text node's text by ``id()`` of its draft (the
    source ranges whose concatenation is the text, so that a reference found
    in the text gets a span in the source), and ``preamble_span``.
    """

    def __init__(self) -> None:
        super().__init__()
        self.noise: list = []            # markup the builder takes off (the brackets of 【…】)
        self.pieces = SourcePieces()
        self.preamble_span: tuple[int, int] | None = None
        # the points built so far by id() of the lexer's unit, and the unit of each draft
        self.points: dict[int, dict] = {}
        self.units: dict[int, Any] = {}
        self._last: list = [None, 0, ""]     # see _text_after_mark

    def _keep(self, node: dict, src: list[tuple[int, int]]) -> None:
        """Keep ``src`` as the pieces of ``node``'s text, unless they are the
        one range the reference finder reads from its span and text when
        there are none (:func:`regparse.refs.annotate`): most nodes' texts are
        one range, and a list, a tuple and an entry for each were a sixth of
        the memory 10⁵ short articles take while they are read."""
        if len(src) == 1 and src[0][0] == node["span"][0] and src[0][1] - src[0][0] == len(node["text"]):
            # an entry left by a draft let go at the same address is not this node's
            self.pieces.pop(id(node), None)
        else:
            self.pieces[id(node)] = src

    def _pieces_of(self, node: dict) -> list[tuple[int, int]]:
        src = self.pieces.get(id(node))
        if src is None:
            a = node["span"][0]
            src = [(a, a + len(node["text"]))]
        return src

    # -- leaves --------------------------------------------------------------
    def subitem(self, children: list) -> SubitemDraft:
        tok = children[0]
        text, src = _text_after_mark(tok, self._last)
        if len(children) > 1:
            text, src = _continued(text, src, [c.line for c in children[1:]])
        node = _draft(_SUBITEM, {"label": tok.mark.label, "number": tok.mark.number, "text": text,
                                 "span": (tok.line.start, children[-1].line.end)})
        self._keep(node, src)
        return node  # type: ignore[return-value]

    def item(self, children: list) -> ItemDraft:
        tok = children[0]
        text, src = _text_after_mark(tok, self._last)
        subs = []
        more = []
        end = tok.line.end
        for c in children[1:]:
            if type(c) is dict:
                subs.append(c)
                end = c["span"][1]
            else:
                more.append(c.line)
                end = c.line.end
        if more:
            text, src = _continued(text, src, more)
        node = _draft(_ITEM, {"label": tok.mark.label, "number": tok.mark.number, "text": text,
                              "span": (tok.line.start, end), "children": subs})
        self._keep(node, src)
        return node  # type: ignore[return-value]

    def paragraph(self, children: list) -> ParagraphDraft:
        tok = children[0]
        items = children[1:]
        end = items[-1]["span"][1] if items else tok.line.end
        node = _draft(_PARAGRAPH, {"text": tok.line.text, "span": (tok.line.start, end), "children": items})
        self._keep(node, tok.line.pieces)
        return node  # type: ignore[return-value]

    def article(self, children: list) -> ArticleDraft:
        tok = children[0]
        mark = tok.mark
        text, src = _text_after_mark(tok, self._last)
        title = None
        # 第一条【立法目的】为了…: an article heading, as local regulations print them (the lexer's bracket_heading)
        close = getattr(tok.line, "title_end", 0)
        if close:
            title = text[1:close].strip() or None
            for at in (0, close):
                a, b = slice_pieces(src, at, at + 1)[0]
                self.noise.append(noise_record("markup", text[at], (a, b)))
            rest = close + 1
            while rest < len(text) and text[rest] in " \t\u3000\xa0":
                rest += 1
            text, src = text[rest:], slice_pieces(src, rest)
        if len(children) == 1 and title is None:
            # the common article: one paragraph, no items (the general case below, written out)
            line = tok.line
            end = line.end
            only = _PARAGRAPH.copy()
            only["text"] = text
            only["span"] = (src[0][0] if text else end, end)
            only["children"] = []
            self._keep(only, src)
            article = _ARTICLE.copy()
            article["label"] = mark.label
            article["number"] = mark.number
            article["suffix"] = mark.suffix
            article["span"] = (line.start, end)
            article["children"] = [only]
            return article  # type: ignore[return-value]
        first_items = []
        paragraphs = []
        for c in children[1:]:
            if c["kind"] == "item":
                first_items.append(c)
            else:
                paragraphs.append(c)
        first_end = first_items[-1]["span"][1] if first_items else tok.line.end
        start = src[0][0] if text else first_end
        first = _draft(_PARAGRAPH, {"text": text, "span": (start, first_end), "children": first_items})
        self._keep(first, src)
        paragraphs.insert(0, first)
        article = _draft(_ARTICLE, {"label": mark.label, "number": mark.number, "suffix": mark.suffix,
                                    "span": (tok.line.start, paragraphs[-1]["span"][1]), "children": paragraphs})
        if title is not None:
            article["title"] = title
        return article  # type: ignore[return-value]

    # -- enumerated documents ------------------------------------------------
    def point(self, children: list) -> PointDraft:
        tok = children[0]
        unit = tok.mark
        line = tok.line
        rest = unit.rest
        while rest < len(line.text) and line.text[rest] in " \t\u3000\xa0":
            rest += 1
        text, src = line.text[rest:], slice_pieces(line.pieces, rest) if rest < len(line.text) else []
        if unit.heading_kind == "run_in":
            # the 。 that ends a run-in heading belongs to neither heading nor text
            a, b = slice_pieces(line.pieces, unit.rest - 1, unit.rest)[0]
            self.noise.append(noise_record("markup", line.text[unit.rest - 1], (a, b)))
        more = []
        subs = []
        end = line.end
        for c in children[1:]:
            if type(c) is dict:
                subs.append(c)
                end = c["span"][1]
            elif c.type == "POINT_TEXT":
                self._append_text(self.points[id(c.mark)], c.line)
            else:
                more.append(c.line)
                end = c.line.end
        if more:
            if text:
                text, src = _continued(text, src, more)
            else:
                text, src = _continued(more[0].text, list(more[0].pieces), more[1:])
        node = _draft(_POINT, {"label": unit.label, "number": unit.number, "title": unit.heading,
                               "span": (line.start, end), "level": unit.level, "style": unit.style,
                               "heading_run_in": unit.heading_kind == "run_in", "text": text, "children": subs})
        self._keep(node, src)
        self.points[id(unit)] = node
        self.units[id(node)] = unit
        return node  # type: ignore[return-value]

    def _append_text(self, node: dict, line: Any) -> None:
        # a paragraph after a list that belongs to the unit which introduced it
        if node["text"]:
            node["text"], src = _continued(node["text"], self._pieces_of(node), [line])
        else:
            node["text"], src = line.text, list(line.pieces)
        self.pieces[id(node)] = src
        self._extend(node, line.end)

    def _extend(self, node: dict, end: int) -> None:
        unit = self.units[id(node)]
        while node is not None and node["span"][1] < end:
            node["span"] = (node["span"][0], end)
            unit = unit.parent
            node = self.points.get(id(unit)) if unit is not None else None

    def closing(self, children: list) -> Closing:
        return Closing("\n".join(c.line.text for c in children))

    def _nest(self, body: list[dict]) -> list[dict]:
        """The points in document order, each under the point its unit lies in."""
        top = []
        for node in body:
            unit = self.units.get(id(node)) if node["kind"] == "point" else None
            parent = self.points.get(id(unit.parent)) if unit is not None and unit.parent is not None else None
            if parent is None:
                top.append(node)
            else:
                parent["children"].append(node)
                self._extend(parent, node["span"][1])
        return top

    # -- divisions -----------------------------------------------------------
    def _division(self, kind: str, children: list) -> DivisionDraft:
        tok = children[0]
        title = tok.line.text[tok.mark.rest:] if tok.mark is not None else tok.line.text
        title = getattr(tok.line, "title", None) or title
        body = []
        intro = None
        for c in children[1:]:
            if type(c) is Lines:
                intro = c
            else:
                body.append(c)
        end = body[-1]["span"][1] if body else (intro.span[1] if intro else tok.line.end)
        node = _draft(_DIVISION[kind], {"label": tok.mark.label, "number": tok.mark.number,
                                        "title": _clean_title(title) or None, "span": (tok.line.start, end), "children": body})
        if intro is not None:
            node["intro"] = intro.text()
        return node  # type: ignore[return-value]

    def part(self, children: list) -> DivisionDraft:
        return self._division("part", children)

    def subpart(self, children: list) -> DivisionDraft:
        return self._division("subpart", children)

    def chapter(self, children: list) -> DivisionDraft:
        return self._division("chapter", children)

    def section(self, children: list) -> DivisionDraft:
        return self._division("section", children)

    def heading(self, children: list) -> BodyHeading:
        tok = children[0]
        lines = [tok.line] + [c.line for c in children[1:]]
        return {"kind": "heading", "text": _clean_title(tok.line.text), "span": (tok.line.start, lines[-1].end),
                "paragraphs": [ln.text for ln in lines[1:]]}

    def closing_heading(self, children: list) -> BodyHeading:
        return self.heading(children)

    def loose(self, children: list) -> Lines:
        lines = [c.line for c in children]
        return Lines((lines[0].start, lines[-1].end), lines)

    # -- around the body -----------------------------------------------------
    def front(self, children: list) -> Front:
        subtitle = None
        info = []
        for tok in children:
            if tok.type == "SUBTITLE":
                subtitle = tok.line.text
            elif tok.type == "INFO":
                info.append(tok.line.text)
        return Front(subtitle, info)

    def preamble(self, children: list) -> Preamble:
        lines = [c.line for c in children]
        return Preamble((lines[0].start, lines[-1].end), lines)

    def appendix(self, children: list) -> Annex:
        tok = children[0]
        lines = [c.line for c in children]
        return Annex({"label": tok.line.text[:tok.mark.end].strip() if tok.mark else tok.line.text,
                      "text": "\n".join(ln.text for ln in lines), "span": (lines[0].start, lines[-1].end)})

    def start(self, children: list) -> RegulationDraft:
        doc: dict[str, Any] = {"kind": "regulation", "children": [], "appendices": [], "headings": [],
                               "info": [], "preamble": ""}
        body: list[dict] = []
        for c in children:
            what = type(c)
            if what is Front:
                if c.subtitle is not None:
                    doc["subtitle"] = c.subtitle
                doc["info"].extend(c.info)
            elif what is Preamble:
                doc["preamble"] = c.text()
                self.preamble_span = c.span
            elif what is Annex:
                c.draft["id"] = f"annex_{len(doc['appendices']) + 1}"
                cited = "".join(c.draft["label"].split()).rstrip("：:") or c.draft["label"]
                c.draft["citation"] = "附件" if cited == "附" else cited    # 附： is cited as 附件
                doc["appendices"].append(c.draft)
            elif what is Closing:
                doc["closing"] = c.text
            else:
                body.append(c)
        doc["children"] = self._nest(body) if self.points else body
        return doc  # type: ignore[return-value]


def _clean_title(title: str) -> str:
    """总　则 → 总则: spaces between Chinese characters of a heading are layout."""
    title = title.strip()
    if " " in title or "\u3000" in title or "\t" in title:
        parts = title.split()
        out = parts[0]
        for p in parts[1:]:
            if out[-1].isascii() and p[0].isascii():
                out += " " + p
            else:
                out += p
        return out
    return title


def _cached(table: dict, key: Any, make: Callable[[], Any]) -> Any:
    # the same few hundred citation pieces recur in every document; any int
    # may come in, so the table is kept bounded
    value = table.get(key)
    if value is None:
        if len(table) >= 4096:
            table.clear()
        value = table[key] = make()
    return value


_ARTICLE_CITES: dict[tuple[int, int], str] = {}
# by number: (the id's last step, the citation's last step)
_PARAGRAPH_CITES: dict[int, tuple[str, str]] = {}
_ITEM_CITES: dict[int, tuple[str, str]] = {}


def assign_ids(doc: dict) -> tuple[list[dict], list[dict]]:
    """Give every node its id (chp_3__art_11__para_1__item_3) and canonical
    citation (第十一条第一款第（三）项), and number the paragraphs.

    Returns the articles and the divisions, each in document order.
    """
    divisions: list[dict] = []
    articles: list[dict] = []
    _collect(doc["children"], articles, divisions)
    chapter_numbers: dict[tuple[str, int], int] = {}
    for node in divisions:
        key = (node["kind"], node["number"])
        chapter_numbers[key] = chapter_numbers.get(key, 0) + 1
    seen_ids: dict[str, int] = {}

    def unique(eid: str) -> str:
        # a repeated id gets -dupN (N counting the repeats)
        n = seen_ids.get(eid, 0) + 1
        seen_ids[eid] = n
        return eid if n == 1 else f"{eid}-dup{n}"

    article_cites, paragraph_cites, item_cites = _ARTICLE_CITES, _PARAGRAPH_CITES, _ITEM_CITES
    repeated: dict[tuple[int, int], list[str]] = {}

    def visit(nodes: list[dict], prefix: str, parent_cite: str, point_cite: str = "") -> None:
        for node in nodes:
            kind = node["kind"]
            if kind == "article":
                num = node["number"]
                suffix = node.get("suffix", 0)
                first_id = f"{prefix}art_{num}-{suffix}" if suffix else f"{prefix}art_{num}"
                eid = unique(first_id)
                cite = article_cites.get((num, suffix)) or _cached(
                    article_cites, (num, suffix),
                    lambda: step_text("article", num, suffix))
                node["id"] = eid
                node["citation"] = cite
                # an article number printed again (10⁵ lines 第一条) cites its paragraphs as the first did:
                # one str each, kept only for numbers that repeat
                again = repeated.setdefault((num, suffix), []) if eid is not first_id else None
                for pi, para in enumerate(node["children"], 1):
                    suffix_id, suffix_cite = paragraph_cites.get(pi) or _cached(
                        paragraph_cites, pi, lambda: (f"__para_{pi}", step_text("paragraph", pi)))
                    pid = eid + suffix_id
                    if again is None:
                        pcite = cite + suffix_cite
                    elif len(again) >= pi:
                        pcite = again[pi - 1]
                    else:
                        pcite = cite + suffix_cite
                        again.append(pcite)
                    para["id"] = pid
                    para["number"] = pi
                    para["citation"] = pcite
                    for item in para["children"]:
                        n = item["number"]
                        suffix_id, suffix_cite = item_cites.get(n) or _cached(
                            item_cites, n, lambda: (f"__item_{n}", step_text("item", n)))
                        iid = unique(pid + suffix_id)
                        icite = pcite + suffix_cite
                        item["id"] = iid
                        item["citation"] = icite
                        for sub in item.get("children", ()):
                            s = sub["number"]
                            sub["id"] = unique(f"{iid}__subitem_{s}")
                            sub["citation"] = f"{icite}第{s}目"
            elif kind == "point":
                eid = unique(f"{prefix}point_{node['number']}")
                node["id"] = eid
                node["citation"] = cite = point_cite + point_step(node["style"], node["number"], node["label"])
                visit(node["children"], eid + "__", parent_cite, cite)
            else:
                num = node["number"]
                eid = unique(f"{prefix}{_EID[kind]}_{num}")
                own = step_text(kind, num)
                if kind == "section" or chapter_numbers.get((kind, num), 0) > 1:
                    cite = parent_cite + own
                else:
                    cite = own
                node["id"] = eid
                node["citation"] = cite
                visit(node["children"], eid + "__", cite)

    visit(doc["children"], "", "")
    return articles, divisions


def _collect(nodes: list[dict], articles: list[dict], divisions: list[dict]) -> None:
    for node in nodes:
        if node["kind"] == "article":
            articles.append(node)
        elif node["kind"] in DIVISION_KINDS:
            divisions.append(node)
            _collect(node["children"], articles, divisions)
        elif node["kind"] == "point":
            _collect(node["children"], articles, divisions)


def _points(nodes: list[dict]) -> list[list[dict]]:
    """The lists of sibling points, outermost first."""
    out = []
    siblings = [n for n in nodes if n["kind"] == "point"]
    if siblings:
        out.append(siblings)
    for node in siblings:
        out.extend(_points(node["children"]))
    return out


def check_numbering(articles: list[dict], divisions: list[dict], diagnostics: list[dict]) -> None:
    """Numbering gaps, duplicates and out-of-order numbers of articles, and of
    divisions within their parent, added to ``diagnostics``.  ``articles`` and
    ``divisions`` are in document order, as :func:`assign_ids` returns them."""
    last: tuple[int, int] | None = None
    seen: set[tuple[int, int]] = set()
    # the message of each label seen twice, made once: until a run of them is
    # made one diagnostic (parse.coalesce_runs), 10⁵ lines 第一条 hold 10⁵ warnings
    repeated: dict[str, str] = {}
    for art in articles:
        key = (art["number"], art.get("suffix", 0))
        if key in seen:
            label = art["label"]
            message = repeated.get(label)
            if message is None:
                message = repeated[label] = f"{label} appears more than once"
            diagnostics.append(_diag("duplicate_number", "warning", message, art["span"]))
        elif last is not None and key < last:
            diagnostics.append(_diag("out_of_order", "warning",
                                     f"{art['label']} comes after {step_text('article', *last)}", art["span"]))
        elif last is not None and key[1] == 0 and key[0] > last[0] + 1:
            missing = key[0] - last[0] - 1
            diagnostics.append(_diag("numbering_gap", "warning",
                                     f"{missing} article{'s' if missing > 1 else ''} missing between "
                                     f"{step_text('article', *last)} and {art['label']}", art["span"]))
        elif last is not None and key[1] > 0 and not (key[0] == last[0] and key[1] == last[1] + 1):
            diagnostics.append(_diag("numbering_gap", "warning",
                                     f"{art['label']} does not follow {step_text('article', *last)}", art["span"]))
        seen.add(key)
        last = key if last is None or key > last else last
        for para in art["children"]:
            items = para["children"]
            if not items:
                continue
            _check_items(items, diagnostics, "item")
            for item in items:
                subs = item.get("children")
                if subs:
                    _check_items(subs, diagnostics, "subitem")
    _check_divisions(divisions, diagnostics)


def check_points(nodes: list[dict], diagnostics: list[dict]) -> None:
    """Numbering gaps, repeats and out-of-order numbers among sibling points,
    each label style counted on its own (一、 then （一）)."""
    last: dict[tuple[int, str], int] = {}
    for siblings in _points(nodes):
        by_style: dict[str, list[dict]] = {}
        for node in siblings:
            by_style.setdefault(node["style"], []).append(node)
        for style, same in by_style.items():
            key = (same[0]["level"], style)
            # numbering may go on across the parents (1．–8． under 一、, 9．–15． under 二、)
            expect = same[0]["number"] if same[0]["number"] == last.get(key, -1) + 1 else 1
            for node in same:
                n = node["number"]
                if n != expect:
                    code = ("numbering_gap" if n > expect else
                            "duplicate_number" if n == expect - 1 else "out_of_order")
                    diagnostics.append(_diag(code, "warning", f"point {node['label']} where "
                                             f"{expect} was expected", node["span"]))
                expect = n + 1
            last[key] = same[-1]["number"]


def _check_divisions(divisions: list[dict], diagnostics: list[dict]) -> None:
    """Each kind of division counts up by one: through the whole text
    (民法典's chapters go on across its parts) or from 第一 again under a new
    parent (刑法's 第二编 starts at 第一章)."""
    last: dict[str, int] = {}
    for node in divisions:
        kind, n = node["kind"], node["number"]
        before = last.get(kind)
        last[kind] = n
        if before is None or n in (before + 1, 1):
            continue
        if n == before:
            code, msg = "duplicate_number", f"{node['label']} appears twice in a row"
        elif n < before:
            code, msg = "out_of_order", f"{node['label']} comes after {step_text(kind, before)}"
        else:
            code, msg = "numbering_gap", f"{node['label']} follows {step_text(kind, before)}"
        diagnostics.append(_diag(code, "warning", msg, node["span"]))


def _check_items(items: list[dict], diagnostics: list[dict], what: str) -> None:
    expect = 1
    for item in items:
        n = item["number"]
        if n != expect:
            code = "numbering_gap" if n > expect else ("duplicate_number" if n == expect - 1 else "out_of_order")
            diagnostics.append(_diag(code, "warning", f"{what} {item['label']} where {expect} was expected", item["span"]))
        expect = n + 1


def _articles(nodes: list[dict]):
    for node in nodes:
        if node["kind"] == "article":
            yield node
        elif node["kind"] in DIVISION_KINDS:
            yield from _articles(node["children"])


_DIAGNOSTIC = template(Diagnostic)


def _diag(code: DiagnosticCode, severity: Severity, message: str, span: tuple[int, int]) -> DiagnosticDraft:
    diagnostic = _DIAGNOSTIC.copy()   # compact (freeze.compact_dict): 113 bytes, not 168
    diagnostic["code"] = code
    diagnostic["severity"] = severity
    diagnostic["message"] = message
    diagnostic["span"] = span
    return diagnostic  # type: ignore[return-value]


# -- the tree made whole ---------------------------------------------------------


def finish(tree: RegulationDraft, text: str, title: str | None, diagnostics: list[DiagnosticDraft],
           preamble_span: Span | None = None) -> RegulationDraft:
    """The builder's tree made whole: headings pulled out of the body, ids,
    citations and paragraph numbers given, the title and span set, and what
    is wrong with the structure (numbering, a fragment) added to
    ``diagnostics``, which becomes the tree's list.  References come after
    (:func:`regparse.refs.annotate`)."""
    headings: list[tuple[dict, dict | None]] = []
    _pull_headings(tree["children"], headings, None)
    articles, divisions = assign_ids(tree)
    check_numbering(articles, divisions, diagnostics)
    children = tree["children"]
    has_points = bool(children) and any(node["kind"] == "point" for node in children)
    if has_points:
        check_points(children, diagnostics)
    tree["title"] = title
    tree["span"] = (0, len(text))
    tree["id"] = ""
    tree["headings"] = [{"text": h["text"], "span": h["span"], "before": nxt["id"] if nxt else None,
                         "paragraphs": h["paragraphs"]} for h, nxt in headings]
    if not articles:
        if not has_points:
            diagnostics.append({"code": "no_structure", "severity": "error",
                                "message": "no regulation structure found (no article 第X条)", "span": (0, len(text))})
    else:
        first = articles[0]
        number, suffix = first["number"], first.get("suffix", 0)
        if (number, suffix) != (1, 0):
            diagnostics.append({"code": "fragment_start", "severity": "warning",
                                "message": f"the text starts at {first['label']}, not at 第一条: a fragment",
                                "span": first["span"]})
            if preamble_span is not None:
                # a page cut inside an article: the text before the first
                # article is the end of the article before it
                before = step_text("article", number - 1) if suffix == 0 else step_text("article", number, suffix - 1)
                diagnostics.append({"code": "continues_article", "severity": "info",
                                    "message": f"the text before {first['label']} is the end of {before}, cut off",
                                    "span": preamble_span})
        last = articles[-1]
        tail = _last_text(last)
        if tail and not lex.ends_closed(tail):
            diagnostics.append({"code": "fragment_end", "severity": "warning",
                                "message": f"the text ends inside {last['label']} (mid-sentence)",
                                "span": last["span"]})
    tree["diagnostics"] = diagnostics
    return tree


def items_outside_articles(tokens: list[LineToken], diagnostics: list[dict]) -> None:
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
            _pull_headings(node["children"], out, None)
    for h in pending:
        out.append((h, None))
    nodes[:] = keep


def _first_article(node: dict) -> dict | None:
    return next(_articles([node]), None)
