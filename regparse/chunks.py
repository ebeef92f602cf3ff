"""Retrieval chunks: a regulation cut where its structure is, never inside a provision.

``doc.chunks()`` gives one :class:`Chunk` per 条 by default; ``by="paragraph"``
one per 款, ``by="item"`` one per 项 (a 款's lead-in its own chunk),
``by="chapter"`` one per 章 with its articles.  A unit longer than
``max_chars`` is split only between its 款 and 项 (a chapter between its
articles first), and a piece that starts inside a 款's list of items
carries the 款's lead-in along in ``lead_in``.  Each chunk has the document's
title, the division path with headings, its canonical full citation, the
ids of its nodes, its span and the references out of it.

What is in each chunk: every paragraph, item and sub-item of the body is in
exactly one chunk (its ``node_ids`` and ``text``); the lead-in carried into a
later piece is context, in ``lead_in``, not in ``text``.  ``len(chunk)`` —
lead-in and text — is at most ``max_chars`` unless the chunk is one unit that
cannot be split (one 项, or one 款 without items, longer than the limit).
The preamble, each appendix and the closing (signatures, dates) are chunks
too (kind ``preamble``, ``appendix``, ``closing``), split at line breaks.

An enumerated document (一、（一）1．, no 第X条) is cut the same way at its
units (kind ``point``): one chunk per top-level unit with its units below
(by article or chapter, split only between units), or one per unit (by
paragraph or item).  A 一、 unit over articles is a step of their path.

Example::

    >>> chunks = doc.chunks(max_chars=300)
    >>> chunks[1].citation, chunks[3].citation, chunks[3].headings
    ('《中国共产党工作机关条例》第八条', '《中国共产党工作机关条例》第十条', ['第三章 职责'])
    >>> all(len(c) <= 300 or c.single for c in chunks)
    True
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator, Literal

from .model import Article, Division, Item, Node, Paragraph, Point, Reference, Regulation, provide

__all__ = ["Chunk", "chunks", "BY"]

BY = ("article", "paragraph", "item", "chapter")
#: a limit below this could not hold a citation and a sentence
_SMALLEST_LIMIT = 20


@dataclass(frozen=True)
class Chunk:
    """One retrieval unit of a regulation.

    ``kind`` is what it holds (article, paragraph, item, chapter, preamble,
    appendix); ``citation`` the canonical full citation of its first unit
    (《…》第十一条, 《…》第十一条第二款); ``citations`` those of every node in it;
    ``path`` the divisions above it as (citation, label, heading); ``headings``
    the same as printed (第一章 总则); ``node_ids`` the ids of its nodes;
    ``span`` where it stands in the parsed text; ``part`` the 1-based piece of
    a unit split in ``parts`` pieces; ``single`` whether it is one unsplittable
    unit; ``references`` the references out of its text.
    """

    id: str
    kind: str
    title: str | None
    citation: str
    text: str
    lead_in: str = ""
    headings: list[str] = field(default_factory=list)
    path: list[tuple[str, str, str]] = field(default_factory=list)
    node_ids: list[str] = field(default_factory=list)
    citations: list[str] = field(default_factory=list)
    span: tuple[int, int] = (0, 0)
    part: int = 1
    parts: int = 1
    single: bool = False
    references: list[Reference] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.lead_in) + len(self.text)

    @property
    def content(self) -> str:
        """What to embed or show: headings, citation, lead-in and text, one per line."""
        head = " › ".join(self.headings)
        lines = [line for line in (head, self.citation, self.lead_in, self.text) if line]
        return "\n".join(lines)

    @property
    def metadata(self) -> dict[str, Any]:
        """Everything but the text, as plain JSON values (for a vector store)."""
        return {"id": self.id, "kind": self.kind, "title": self.title, "citation": self.citation,
                "headings": list(self.headings), "node_ids": list(self.node_ids),
                "citations": list(self.citations), "span": list(self.span),
                "part": self.part, "parts": self.parts,
                "references": [{"surface": r.surface, "kind": r.kind, "act": r.act, "targets": list(r.targets)}
                               for r in self.references]}

    def to_dict(self) -> dict[str, Any]:
        """The chunk as one JSON object (what ``regparse chunks --format jsonl`` prints a line of)."""
        return {**self.metadata, "text": self.text, "lead_in": self.lead_in,
                "path": [list(p) for p in self.path], "single": self.single}

    def to_langchain(self) -> Any:
        """A LangChain ``Document`` (needs ``langchain-core``, not a dependency of regparse)."""
        try:
            from langchain_core.documents import Document
        except ImportError:
            raise ImportError("to_langchain() needs langchain-core: pip install langchain-core") from None
        return Document(page_content=self.content, metadata=_flat(self.metadata), id=self.id)

    def to_llamaindex(self) -> Any:
        """A LlamaIndex ``TextNode`` (needs ``llama-index-core``, not a dependency of regparse)."""
        try:
            from llama_index.core.schema import TextNode
        except ImportError:
            raise ImportError("to_llamaindex() needs llama-index-core: pip install llama-index-core") from None
        return TextNode(text=self.content, id_=self.id, metadata=_flat(self.metadata))


def _flat(metadata: dict[str, Any]) -> dict[str, Any]:
    # vector stores take str, int, float or lists of str as metadata values
    out: dict[str, Any] = {}
    for key, value in metadata.items():
        if key == "references":
            out[key] = [r["surface"] for r in value]
        elif key == "span":
            out["start"], out["end"] = value
        else:
            out[key] = value if value is not None else ""
    return out


# -- the pieces of a unit --------------------------------------------------------

@dataclass
class _Atom:
    """The smallest piece a chunk holds: one 款's own text, or one 项 with its 目."""

    text: str
    span: tuple[int, int]
    ids: list[str]
    citations: list[str]
    references: list[Reference]
    lead_in: str = ""          # the 款 lead-in of an item
    lead_id: str = ""          # the id of that 款


def _item_atom(item: Item, lead_in: str, lead_id: str) -> _Atom:
    lines = [item.label + item.text]
    ids, cites, refs = [item.id], [item.citation], list(item.references)
    for sub in item.children:
        lines.append(sub.label + sub.text)
        ids.append(sub.id)
        cites.append(sub.citation)
        refs.extend(sub.references)
    return _Atom("\n".join(lines), item.span, ids, cites, refs, lead_in, lead_id)


def _paragraph_atoms(paragraph: Paragraph, prefix: str = "") -> list[_Atom]:
    items = paragraph.children
    end = items[0].span[0] if items else paragraph.span[1]
    own = _Atom(prefix + paragraph.text, (paragraph.span[0], max(end, paragraph.span[0])), [paragraph.id],
                [paragraph.citation], list(paragraph.references))
    return [own] + [_item_atom(item, paragraph.text, paragraph.id) for item in items]


def _article_atoms(article: Article) -> list[_Atom]:
    atoms: list[_Atom] = []
    for i, paragraph in enumerate(article.children):
        atoms.extend(_paragraph_atoms(paragraph, article.label + " " if i == 0 else ""))
    if not atoms:
        atoms.append(_Atom(article.label, article.span, [], [], []))
    # the article's label is printed before its first paragraph: the first piece starts there
    first = atoms[0]
    first.span = (article.span[0], first.span[1])
    last = atoms[-1]
    last.span = (last.span[0], max(last.span[1], article.span[1]))
    return atoms


def _pack(atoms: list[_Atom], limit: int) -> list[tuple[str, list[_Atom]]]:
    """Atoms into pieces of at most ``limit`` characters (lead-in included),
    each with the lead-in it carries: cut only between atoms."""
    pieces: list[tuple[str, list[_Atom]]] = []
    lead, current, size = "", [], 0
    for atom in atoms:
        if current and size + 1 + len(atom.text) > limit:
            pieces.append((lead, current))
            # a piece that starts inside a 款's items carries the 款's lead-in
            carried = atom.lead_in if atom.lead_id and atom.lead_id not in atom.ids else ""
            lead, current, size = carried, [], len(carried)
        current.append(atom)
        size += len(atom.text) + (1 if len(current) > 1 else 0)
    if current:
        pieces.append((lead, current))
    return pieces


# -- walking the tree ------------------------------------------------------------

def _path_of(divisions: list[Division]) -> list[tuple[str, str, str]]:
    return [(d.citation, d.label, d.title or "") for d in divisions]


def _headings(divisions: list[Division]) -> list[str]:
    return [" ".join(part for part in (d.label, d.title or "") if part) for d in divisions]


def _articles(node: Node, divisions: list) -> Iterator[tuple[Article, list]]:
    """The articles below ``node`` with the divisions above each; a 一、 unit
    holding articles (a judicial interpretation's section) is one of them."""
    for child in getattr(node, "children", ()) or ():
        if isinstance(child, Article):
            yield child, divisions
        elif isinstance(child, (Division, Point)):
            yield from _articles(child, divisions + [child])


def _body(node: Node, divisions: list) -> Iterator[tuple[str, Node, list]]:
    """The body in document order as ("article", article, divisions),
    ("point", a unit of an enumerated document holding no article, divisions)
    and ("heading", a unit over articles whose own text is not empty, divisions)."""
    for child in getattr(node, "children", ()) or ():
        if isinstance(child, Article):
            yield "article", child, divisions
        elif isinstance(child, Division):
            yield from _body(child, divisions + [child])
        elif isinstance(child, Point):
            if any(isinstance(n, Article) for n in child.walk()):
                if child.text:
                    yield "heading", child, divisions
                yield from _body(child, divisions + [child])
            else:
                yield "point", child, divisions


def _point_text(point: Point) -> str:
    """A unit as printed: a line heading on the label's line, the text under it;
    a run-in heading and the text after it on one line."""
    if point.title and not point.heading_run_in:
        return "\n".join(part for part in (point.label + point.title, point.text) if part)
    return point.label + (point.title + "。" if point.title else "") + point.text


def _unit_atom(point: Point) -> _Atom:
    """A unit's own text, up to where its first child starts."""
    end = point.children[0].span[0] if point.children else point.span[1]
    return _Atom(_point_text(point), (point.span[0], max(end, point.span[0])), [point.id], [point.citation],
                 list(point.references))


def _point_atoms(point: Point) -> list[_Atom]:
    """One atom per unit of an enumerated document, the unit and then its children."""
    atoms = [_unit_atom(p) for p in point.walk() if isinstance(p, Point)]
    atoms[-1].span = (atoms[-1].span[0], max(atoms[-1].span[1], point.span[1]))
    return atoms


class _Maker:
    def __init__(self, doc: Regulation, limit: int):
        self.doc = doc
        self.limit = limit
        self.title = doc.title
        self.full = f"《{doc.title}》" if doc.title else ""
        self.out: list[Chunk] = []

    def emit(self, kind: str, base_id: str, base_citation: str, divisions: list[Division],
             atoms: list[_Atom], whole_single: bool) -> None:
        pieces = _pack(atoms, self.limit)
        for n, (lead, group) in enumerate(pieces, 1):
            ids = [i for atom in group for i in atom.ids]
            cites = [c for atom in group for c in atom.citations]
            citation = base_citation if len(pieces) == 1 else (cites[0] if cites else base_citation)
            single = len(group) == 1 and (whole_single or len(pieces) > 1 or not group[0].ids[1:])
            self.out.append(Chunk(
                id=base_id if len(pieces) == 1 else f"{base_id}#{n}", kind=kind, title=self.title,
                citation=self.full + citation, text="\n".join(atom.text for atom in group), lead_in=lead,
                headings=_headings(divisions), path=_path_of(divisions),
                node_ids=([base_id] if len(pieces) == 1 and base_id not in ids and kind != "chapter" else []) + ids,
                citations=cites, span=(group[0].span[0], group[-1].span[1]), part=n, parts=len(pieces),
                single=single, references=[r for atom in group for r in atom.references]))

    def article(self, article: Article, divisions: list[Division]) -> None:
        self.emit("article", article.id, article.citation, divisions, _article_atoms(article), False)

    def paragraphs(self, article: Article, divisions: list[Division]) -> None:
        for i, paragraph in enumerate(article.children):
            atoms = _paragraph_atoms(paragraph, article.label + " " if i == 0 else "")
            if i == 0:
                atoms[0].span = (article.span[0], atoms[0].span[1])
            self.emit("paragraph", paragraph.id, paragraph.citation, divisions, atoms, False)
        if not article.children:
            self.article(article, divisions)

    def items(self, article: Article, divisions: list[Division]) -> None:
        for i, paragraph in enumerate(article.children):
            atoms = _paragraph_atoms(paragraph, article.label + " " if i == 0 else "")
            if i == 0:
                atoms[0].span = (article.span[0], atoms[0].span[1])
            own, items = atoms[0], atoms[1:]
            self.emit("paragraph", paragraph.id, paragraph.citation, divisions, [own], True)
            for item, atom in zip(paragraph.children, items):
                subs = [_Atom(sub.label + sub.text, sub.span, [sub.id], [sub.citation], list(sub.references),
                              atom.lead_in, atom.lead_id) for sub in item.children]
                head = _Atom(item.label + item.text, (item.span[0], item.children[0].span[0] if item.children
                                                       else item.span[1]),
                             [item.id], [item.citation], list(item.references))
                pieces = [head] + subs
                # an item is split between its 目 only when it is too long with its lead-in
                if len(atom.lead_in) + len(atom.text) <= self.limit or not subs:
                    pieces = [atom]
                lead = atom.lead_in
                if lead and len(lead) + len(atom.text) > self.limit and len(pieces) == 1:
                    lead = ""   # a single item over the limit is not made longer still
                before = len(self.out)
                limit, self.limit = self.limit, max(self.limit - len(lead), _SMALLEST_LIMIT)
                try:
                    self.emit("item", item.id, item.citation, divisions, pieces, True)
                finally:
                    self.limit = limit
                first = self.out[before]
                self.out[before] = _with_lead(first, lead)
        if not article.children:
            self.article(article, divisions)

    def point(self, point: Point, divisions: list, by: str) -> None:
        """A unit of an enumerated document with its children (by article or
        chapter), or each unit alone (by paragraph or item)."""
        if by in ("article", "chapter"):
            self.emit("point", point.id, point.citation, divisions, _point_atoms(point), False)
            return
        for atom, unit in zip(_point_atoms(point), (p for p in point.walk() if isinstance(p, Point))):
            self.emit("point", unit.id, unit.citation, divisions, [atom], True)

    def heading(self, point: Point, divisions: list) -> None:
        self.emit("point", point.id, point.citation, divisions, [_unit_atom(point)], True)

    def chapters(self) -> None:
        groups: list[tuple[Node, list[Division], list[Article]]] = []
        for article, divisions in _articles(self.doc, []):
            owner_at = max((i for i, d in enumerate(divisions) if d.kind == "chapter"), default=len(divisions) - 1)
            owner: Node = divisions[owner_at] if divisions else self.doc
            path = divisions[:owner_at + 1] if divisions else []
            if groups and groups[-1][0] is owner:
                groups[-1][2].append(article)
            else:
                groups.append((owner, path, [article]))
        for owner, path, articles in groups:
            whole = [_Atom(_render_article(a), a.span,
                           [a.id], [a.citation], [r for n in a.walk() for r in getattr(n, "references", ())])
                     for a in articles]
            if sum(len(a.text) + 1 for a in whole) - 1 <= self.limit:
                base_id = owner.id or "body"
                citation = owner.citation if owner is not self.doc else ""
                group = whole
                ids = [owner.id] if owner is not self.doc else []
                self.out.append(Chunk(
                    id=base_id, kind="chapter", title=self.title, citation=self.full + citation,
                    text="\n".join(a.text for a in group), headings=_headings(path), path=_path_of(path),
                    node_ids=ids + [i for a in group for i in a.ids] + _below(articles),
                    citations=[c for a in group for c in a.citations], span=(group[0].span[0], group[-1].span[1]),
                    references=[r for a in group for r in a.references]))
                continue
            # too long as one: whole articles packed together, an article too long alone split as by article
            start = len(self.out)
            batch: list[Article] = []
            size = 0
            for article, atom in zip(articles, whole):
                if batch and size + 1 + len(atom.text) > self.limit:
                    self._batch(batch, path)
                    batch, size = [], 0
                if len(atom.text) > self.limit:
                    self.article(article, path)
                    continue
                batch.append(article)
                size += len(atom.text) + (1 if len(batch) > 1 else 0)
            if batch:
                self._batch(batch, path)
            total = len(self.out) - start
            for n in range(start, len(self.out)):
                c = self.out[n]
                self.out[n] = _renumber(c, n - start + 1, total, (owner.id or "body"))

    def _batch(self, articles: list[Article], path: list[Division]) -> None:
        text = "\n".join(_render_article(a) for a in articles)
        self.out.append(Chunk(
            id=articles[0].id, kind="chapter", title=self.title, citation=self.full + articles[0].citation,
            text=text, headings=_headings(path), path=_path_of(path),
            node_ids=[a.id for a in articles] + _below(articles), citations=[a.citation for a in articles],
            span=(articles[0].span[0], articles[-1].span[1]),
            references=[r for a in articles for n in a.walk() for r in getattr(n, "references", ())]))

    def lines(self, kind: str, base_id: str, citation: str, text: str, span: tuple[int, int] | None) -> None:
        if not text.strip():
            return
        atoms = []
        offset = span[0] if span else 0
        for line in text.split("\n"):
            atoms.append(_Atom(line, (offset, offset + len(line)) if span else (0, 0), [], [], []))
            offset += len(line) + 1
        if span:
            atoms[-1].span = (atoms[-1].span[0], max(atoms[-1].span[1], span[1]))
        pieces = _pack(atoms, self.limit)
        for n, (_, group) in enumerate(pieces, 1):
            self.out.append(Chunk(
                id=base_id if len(pieces) == 1 else f"{base_id}#{n}", kind=kind, title=self.title,
                citation=self.full + citation, text="\n".join(a.text for a in group),
                span=(group[0].span[0], group[-1].span[1]) if span else (0, 0), part=n, parts=len(pieces),
                single=len(group) == 1))


def _below(articles: list[Article]) -> list[str]:
    return [n.id for a in articles for n in a.walk() if n is not a]


def _render_article(article: Article) -> str:
    lines: list[str] = []
    for i, paragraph in enumerate(article.children):
        lines.append((article.label + " " if i == 0 else "") + paragraph.text)
        for item in paragraph.children:
            lines.append(item.label + item.text)
            lines.extend(sub.label + sub.text for sub in item.children)
    return "\n".join(lines) or article.label


def _with_lead(chunk: Chunk, lead: str) -> Chunk:
    if chunk.lead_in == lead:
        return chunk
    return Chunk(**{**chunk.__dict__, "lead_in": lead})


def _renumber(chunk: Chunk, part: int, parts: int, base: str) -> Chunk:
    return Chunk(**{**chunk.__dict__, "part": part, "parts": parts,
                    "id": chunk.id if chunk.kind != "chapter" else f"{base}#{part}"})


def chunks(doc: Regulation, max_chars: int = 1000,
           by: Literal["article", "paragraph", "item", "chapter"] = "article") -> list[Chunk]:
    """The retrieval chunks of ``doc`` in document order (see the module docstring).

    ``max_chars`` bounds ``len(chunk)`` (lead-in and text) except for one
    unit that cannot be split; ``by`` is the unit: article (default),
    paragraph, item or chapter.

    >>> [c.citation for c in chunks(regparse.parse("示例条例\\n第一条 甲。\\n第二条 乙。"))]
    ['《示例条例》第一条', '《示例条例》第二条']
    """
    if by not in BY:
        raise ValueError(f"by must be one of {', '.join(BY)}, not {by!r}")
    if not isinstance(max_chars, int) or isinstance(max_chars, bool) or max_chars < _SMALLEST_LIMIT:
        raise ValueError(f"max_chars must be an integer of at least {_SMALLEST_LIMIT}, not {max_chars!r}")
    maker = _Maker(doc, max_chars)
    maker.lines("preamble", "preamble", "", doc.preamble, None)
    body = list(_body(doc, []))
    if by == "chapter" and not any(kind == "point" for kind, _, _ in body):
        maker.chapters()
    else:
        step = {"article": maker.article, "paragraph": maker.paragraphs, "item": maker.items,
                "chapter": maker.article}[by]
        for kind, node, divisions in body:
            if kind == "article":
                step(node, divisions)   # type: ignore[arg-type]
            elif kind == "point":
                maker.point(node, divisions, by)   # type: ignore[arg-type]
            else:
                maker.heading(node, divisions)   # type: ignore[arg-type]
    for n, appendix in enumerate(doc.appendices, 1):
        label = "".join(appendix.label.split()).rstrip("：:") or "附件"
        maker.lines("appendix", f"appendix_{n}", label, appendix.text, appendix.span)
    if doc.closing:
        maker.lines("closing", "closing", "", doc.closing, None)
    return maker.out


provide(chunks=chunks)
