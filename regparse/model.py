"""The typed document tree: Regulation → divisions → Article → Paragraph → Item → Subitem.

The model knows nothing of parsing.  Every node is a frozen pydantic model with

- ``kind``      one of regulation, part, subpart, chapter, section, article,
                paragraph, item, subitem;
- ``label``     the marker as printed, whitespace removed (第十一条, （三）, 1．);
                empty for paragraphs, which have no marker;
- ``number``    the marker's value (第十条之一 → 10); a paragraph's 1-based index;
- ``suffix``    the 之N of 第十条之一 (1), 0 otherwise;
- ``title``     a division's heading text (总则), an article's 【…】 heading;
- ``text``      the node's own text without its label (see below);
- ``children``  the nodes below it, in document order;
- ``span``      ``(start, end)`` offsets into the string the caller passed in:
                ``source[start:end]`` is the node as printed;
- ``id``        a stable Akoma-Ntoso-style id (``chp_3__art_11__para_1__item_3``);
- ``citation``  the canonical Chinese citation (第十一条第一款第（三）项).

``text`` of a paragraph, item or sub-item is its own text (a paragraph's
lead-in without its items).  Articles, divisions and the regulation have no
text of their own; their ``text`` property renders the whole body, one
paragraph or item per line, which is what a reader of 第三十二条 expects.

Example::

    doc = regparse.parse(source)
    art = doc.article(11)
    art.paragraphs[0].items[2].text        # 当好党委参谋助手…
    source[slice(*art.span)]               # 第十一条 as printed
"""
from __future__ import annotations

from typing import Annotated, Any, Callable, Iterator, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

__all__ = [
    "provide", "Span", "Node", "Regulation", "Division", "Part", "Subpart", "Chapter", "Section",
    "Article", "Paragraph", "Item", "Subitem", "Appendix", "Heading",
    "Reference", "Diagnostic", "Noise", "Decision", "DIVISION_KINDS", "KINDS",
    "DiagnosticCode", "Severity", "NoiseKind", "DecisionKind",
]

Span = tuple[int, int]

# The codes and kinds below are stable values for programs; docs/diagnostics.md
# says what each means (tests/test_diagnostics_table.py keeps the two in step).

#: :attr:`Diagnostic.code`
DiagnosticCode = Literal[
    "empty_input", "no_structure", "unparsed_line", "item_outside_article",
    "numbering_gap", "duplicate_number", "out_of_order",
    "fragment_start", "continues_article", "fragment_end",
    "unresolved_reference", "noise_removed", "taiwan_numbering",
]
#: :attr:`Diagnostic.severity`
Severity = Literal["error", "warning", "info"]
#: :attr:`Noise.kind`
NoiseKind = Literal[
    "page_continuation", "page_furniture", "markup", "control", "toc", "headline", "outside", "unparsed",
    "ocr_separator", "column_rule",
]
#: :attr:`Decision.kind`
DecisionKind = Literal[
    "after_markdown_heading", "annex_demoted", "annex_start", "appendix", "article_start", "bare_heading",
    "circled_outside_item", "closing_heading", "cut_item_marker", "division_start", "enumerated_heading",
    "full_line", "heading_title_line", "interleaved_columns", "issuing_lines", "item_continuation", "item_list", "label_alone",
    "label_joined", "list_entry", "mid_sentence", "ocr_item_bracket", "ocr_label_quote", "ocr_numeral", "out_of_order_article", "page_regions", "regulation_end", "regulation_start",
    "relabelled_list", "run_on", "sentence_end", "side_by_side_columns", "standalone_line", "subitem_list", "subtitle",
    "taiwan_numbering", "third_style_text", "title", "toc", "traditional_marker", "wrap_width", "wrapped_heading", "wrapped_title",
]

#: node kinds, outermost first
KINDS = ("regulation", "part", "subpart", "chapter", "section", "article", "paragraph", "item", "subitem")
#: the division kinds and the marker word of each
DIVISION_KINDS = {"part": "编", "subpart": "分编", "chapter": "章", "section": "节"}

# a misspelt field in a document read back (model_validate_json) is an error
_FROZEN = ConfigDict(frozen=True, extra="forbid")

# -- what the layers above provide ----------------------------------------------
# The model knows nothing of parsing, lookup or export, yet doc.get(...) and
# doc.to_akn() are what callers write.  The modules that do the work register
# their functions here when they are imported (regparse/__init__ imports them,
# and importing any regparse module runs it first), so the model calls them
# without importing upward.
_PROVIDED: dict[str, Callable[..., Any]] = {}


def provide(**functions: Callable[..., Any]) -> None:
    """Register the functions behind the model's convenience methods, by
    method name (``article``, ``get``, ``to_akn``, ``to_markdown``, ``to_text``,
    ``to_html``); called by :mod:`regparse.lookup` and :mod:`regparse.export`."""
    _PROVIDED.update(functions)


def _provided(name: str) -> Callable[..., Any]:
    try:
        return _PROVIDED[name]
    except KeyError:
        raise RuntimeError(f"Regulation.{name}() is provided by a regparse module that is not imported; "
                           "import regparse") from None


class Reference(BaseModel):
    """A reference found in a node's text (本条例第十条, 前款, 《…法》第三十条).

    ``targets`` are canonical citations of everything the reference points at
    (ranges and lists expanded); ``target_ids`` the ids of the nodes they
    resolve to in the same document, empty when unresolved or external.
    """

    model_config = _FROZEN
    kind: Literal["internal", "relative", "external"]
    surface: str
    span: Span
    targets: list[str] = Field(default_factory=list)
    target_ids: list[str] = Field(default_factory=list)
    act: str | None = None
    resolved: bool = False


class Node(BaseModel):
    """What every node of the tree has; see the module docstring for the fields."""

    model_config = _FROZEN
    id: str = ""
    label: str = ""
    number: int | None = None
    suffix: int = 0
    title: str | None = None
    span: Span = (0, 0)
    citation: str = ""

    # -- traversal ---------------------------------------------------------
    def walk(self) -> Iterator["Node"]:
        """This node and every node below it, in document order (pre-order)."""
        stack: list[Node] = [self]
        while stack:
            node = stack.pop()
            yield node
            children = getattr(node, "children", None)
            if children:
                stack.extend(reversed(children))

    def full_text(self) -> str:
        """The whole text of the node: labels of items and sub-items included,
        one paragraph, item or sub-item per line."""
        lines: list[str] = []
        _render(self, lines, top=True)
        return "\n".join(lines)


def _render(node: Node, lines: list[str], top: bool = False) -> None:
    kind = node.kind  # type: ignore[attr-defined]
    if kind in ("paragraph",):
        lines.append(node.text)  # type: ignore[attr-defined]
    elif kind in ("item", "subitem"):
        lines.append(node.label + node.text)  # type: ignore[attr-defined]
    elif not top and kind != "regulation":
        head = node.label + ("" if kind == "article" else (" " + node.title if node.title else ""))
        if kind == "article":
            # the article's first paragraph follows its label on the same line
            first, rest = [], []
            for i, child in enumerate(node.children):  # type: ignore[attr-defined]
                _render(child, first if i == 0 else rest)
            if first:
                first[0] = head + " " + first[0]
            else:
                first = [head]
            lines.extend(first + rest)
            return
        lines.append(head)
    for child in getattr(node, "children", ()) or ():
        _render(child, lines)


class Subitem(Node):
    """目: 1． / （1） / ① under an item."""

    kind: Literal["subitem"] = "subitem"
    text: str = ""
    references: list[Reference] = Field(default_factory=list)


class Item(Node):
    """项: （一） under a paragraph."""

    kind: Literal["item"] = "item"
    text: str = ""
    children: list[Subitem] = Field(default_factory=list)
    references: list[Reference] = Field(default_factory=list)

    @property
    def subitems(self) -> list[Subitem]:
        return self.children


class Paragraph(Node):
    """款: one paragraph of an article; ``number`` is its 1-based position."""

    kind: Literal["paragraph"] = "paragraph"
    text: str = ""
    children: list[Item] = Field(default_factory=list)
    references: list[Reference] = Field(default_factory=list)

    @property
    def items(self) -> list[Item]:
        return self.children


class Article(Node):
    """条: 第十一条, 第十条之一 (number 10, suffix 1)."""

    kind: Literal["article"] = "article"
    children: list[Paragraph] = Field(default_factory=list)

    @property
    def paragraphs(self) -> list[Paragraph]:
        return self.children

    @property
    def text(self) -> str:
        """The article's body without its label: paragraphs and items, one per line."""
        return self.full_text()


class Division(Node):
    """编, 分编, 章 or 节: a numbered heading and what it holds.

    ``intro`` is text printed between the heading and its first article (rare;
    kept so that nothing is lost).
    """

    intro: str = ""

    children: list[Annotated[Union["Part", "Subpart", "Chapter", "Section", Article],
                             Field(discriminator="kind")]] = Field(default_factory=list)

    @property
    def text(self) -> str:
        return self.full_text()


class Part(Division):
    """编: 第一编　总则."""

    kind: Literal["part"] = "part"


class Subpart(Division):
    """分编: 第一分编　通则."""

    kind: Literal["subpart"] = "subpart"


class Chapter(Division):
    """章: 第三章　职责."""

    kind: Literal["chapter"] = "chapter"


class Section(Division):
    """节: 第一节　一般规定."""

    kind: Literal["section"] = "section"


TopNode = Annotated[Union[Part, Subpart, Chapter, Section, Article], Field(discriminator="kind")]


class Appendix(BaseModel):
    """附件 / 附表 / 附录 after the last article: kept as text, not glued to it."""

    model_config = _FROZEN
    label: str
    text: str = ""
    span: Span = (0, 0)


class Heading(BaseModel):
    """A heading without a 编/章/节 marker (序言, 附则, 一、一般规定 in judicial
    interpretations).  ``before`` is the id of the article that follows it;
    ``paragraphs`` the lines under it that are not articles (an annex note)."""

    model_config = _FROZEN
    text: str
    span: Span = (0, 0)
    before: str | None = None
    paragraphs: list[str] = Field(default_factory=list)


class Diagnostic(BaseModel):
    """Something a reader of the parse should know: a numbering gap, a fragment start, …

    ``code`` is stable and meant for programs; ``message`` for people.
    """

    model_config = _FROZEN
    code: DiagnosticCode
    severity: Severity = "warning"
    message: str
    span: Span = (0, 0)


class Noise(BaseModel):
    """Input the parser removed on purpose ((上接第1版), page numbers, markdown
    markup, a table of contents, news text around the regulation)."""

    model_config = _FROZEN
    kind: NoiseKind
    text: str
    span: Span


class Decision(BaseModel):
    """One heuristic decision, recorded with ``explain=True`` so that a wrong one
    can be seen: a joined line, a marker rejected as a cross-reference, …"""

    model_config = _FROZEN
    kind: DecisionKind
    message: str
    span: Span


class Regulation(Node):
    """A parsed regulation: the root of the tree.

    Example::

        >>> doc = regparse.parse(text)
        >>> doc.title
        '中国共产党工作机关条例'
        >>> doc.article(11).paragraphs[0].items[2] is doc.get("第十一条第一款第（三）项")
        True
        >>> doc.get("第十一条第一款第（三）项").text[:8]
        '当好党委参谋助手'
        >>> regparse.Regulation.model_validate_json(doc.model_dump_json()) == doc
        True
    """

    kind: Literal["regulation"] = "regulation"
    subtitle: str | None = None
    info: list[str] = Field(default_factory=list)
    preamble: str = ""
    children: list[TopNode] = Field(default_factory=list)
    appendices: list[Appendix] = Field(default_factory=list)
    headings: list[Heading] = Field(default_factory=list)
    diagnostics: list[Diagnostic] = Field(default_factory=list)
    noise: list[Noise] = Field(default_factory=list)
    decisions: list[Decision] = Field(default_factory=list)
    references: list[Reference] = Field(default_factory=list)

    # lookup indexes, built on first use; not part of the value of the tree
    _index: dict | None = PrivateAttr(default=None)

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and self.__dict__ == other.__dict__  # type: ignore[union-attr]

    __hash__ = None  # type: ignore[assignment]

    @property
    def text(self) -> str:
        return self.full_text()

    @property
    def articles(self) -> list[Article]:
        """Every article, in document order."""
        return list(self._lookup()["articles"])

    @property
    def divisions(self) -> list[Division]:
        """Every 编/分编/章/节, in document order."""
        return [n for n in self.walk() if isinstance(n, Division)]

    def _lookup(self) -> dict:
        if self._index is None:
            by_citation: dict[str, Node] = {}
            by_id: dict[str, Node] = {}
            articles: list[Article] = []
            for node in self.walk():
                if node is self:
                    continue
                by_citation.setdefault(node.citation, node)
                by_id.setdefault(node.id, node)
                if isinstance(node, Article):
                    articles.append(node)
            self._index = {"citation": by_citation, "id": by_id, "articles": articles}
        return self._index

    def by_id(self, node_id: str) -> Node:
        """The node with this id (``chp_3__art_11``); KeyError if there is none."""
        return self._lookup()["id"][node_id]

    def article(self, key: int | str) -> Article:
        """An article by number (11), label (第十一条, 第十条之一, 第11条) or (number, suffix).

        Raises :class:`regparse.CitationNotFound` (a KeyError) naming the closest
        article when there is none.
        """
        return _provided("article")(self, key)

    def get(self, citation: str) -> Node:
        """Any node by citation: 第十一条第一款第（三）项, 第11条第1款第3项, 第三章第一节, …

        Raises :class:`regparse.CitationError` when ``citation`` is not a citation
        and :class:`regparse.CitationNotFound` (a KeyError) naming the closest
        existing node when it names nothing in this document.
        """
        return _provided("get")(self, citation)

    def referrers(self, node: Node | str) -> list[Reference]:
        """References anywhere in the document whose targets include ``node``."""
        target = node if isinstance(node, str) else node.id
        if isinstance(node, str) and target not in self._lookup()["id"]:
            target = self.get(node).id
        return [r for r in self.references if target in r.target_ids]

    # -- exports (regparse.export provides them) ----------------------------
    def to_akn(self, frbr_uri: str | None = None) -> str:
        """Akoma Ntoso 3.0 XML; ``frbr_uri`` is the work URI (``/akn/cn/act/2025/name``)."""
        return _provided("to_akn")(self, frbr_uri=frbr_uri)

    def to_markdown(self) -> str:
        """Markdown: ``# title``, ``## 第一章 总则``, ``**第十一条** text``."""
        return _provided("to_markdown")(self)

    def to_text(self) -> str:
        """Canonical clean text, one paragraph per line; parses back to the same tree."""
        return _provided("to_text")(self)

    def to_html(self) -> str:
        """One self-contained HTML page with a table of contents and citation anchors."""
        return _provided("to_html")(self)


Division.model_rebuild()
Part.model_rebuild()
Subpart.model_rebuild()
Chapter.model_rebuild()
Section.model_rebuild()
Regulation.model_rebuild()
