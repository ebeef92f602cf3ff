"""The typed document tree: Regulation → divisions → Article → Paragraph → Item → Subitem,
and in enumerated documents (意见, 通知, 修正案, 决定, 批复 …) Regulation → Point → Point … (→ Article).

The model knows nothing of parsing.  Every node is a frozen pydantic model with

- ``kind``      one of regulation, part, subpart, chapter, section, article,
                paragraph, item, subitem, point;
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

A document numbered 一、 / （一） / 1． / （1） instead of 第X条 has one node kind
for all of its units, :class:`Point`, with its ``level`` (1 at the top) and
label ``style``; points nest by the order in which label styles appear, and a
point's ``title`` is its heading (一、总体要求, or 指导思想 of
「（一）指导思想。坚持…」).  Its citation is its labels from the top, each in
its plain form: 一（二）1（3） (一、 → 一, 1． → 1); in a 修正案 or 决定 the
top-level points are also found as 第一条, 第二条 ….  Articles under 一、
headings (judicial interpretations) are children of the point.

Example::

    doc = regparse.parse(source)
    art = doc.article(11)
    art.paragraphs[0].items[2].text        # 当好党委参谋助手…
    source[slice(*art.span)]               # 第十一条 as printed
"""
from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Sequence
from typing import Annotated, Any, Callable, Iterator, Literal, Union, get_args

from pydantic import BaseModel, ConfigDict, Field, GetCoreSchemaHandler, PrivateAttr, model_serializer, model_validator
from pydantic_core import core_schema

__all__ = [
    "provide", "Span", "Node", "Regulation", "Division", "Part", "Subpart", "Chapter", "Section",
    "Article", "Paragraph", "Item", "Subitem", "Point", "Appendix", "Heading", "FrontMatter",
    "Reference", "Diagnostic", "Noise", "NoiseRecords", "Decision", "DIVISION_KINDS", "KINDS",
    "Box", "SourceLine", "SourceFurniture", "DocumentSource",
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
    "interleaved_columns",
    "several_regulations", "after_end", "lost_text",
    "number_too_large", "bytes_replaced",
]
#: :attr:`Diagnostic.severity`
Severity = Literal["error", "warning", "info"]
#: :attr:`Noise.kind`
NoiseKind = Literal[
    "page_continuation", "page_furniture", "markup", "control", "toc", "headline", "outside", "unparsed",
    "file_furniture", "ocr_separator", "ocr_bracket", "column_rule", "commentary", "ocr_title",
]
#: :attr:`Decision.kind`
DecisionKind = Literal[
    "after_markdown_heading", "annex_articles", "annex_demoted", "annex_regulation", "annex_start", "appendix", "article_start", "bare_heading",
    "bracket_heading",
    "circled_outside_item", "closing_heading", "commentary_after_end", "cut_item_marker", "division_start", "enumerated_heading",
    "full_line", "indented_start", "cut_ordinal", "heading_title_line", "indented_line", "interleaved_columns", "issuing_lines", "masthead_among_issuing", "title_beside", "title_before_date", "news_box", "ocr_state_prefix", "half_width_note",
    "item_continuation", "item_list", "label_alone", "label_joined", "layout_heading", "list_entry",
    "mid_sentence", "ocr_item_bracket", "ocr_label_quote", "ocr_numeral", "out_of_order_article",
    "page_regions", "regulation_end", "regulation_start", "relabelled_list", "run_on", "sentence_end",
    "read_across", "across_block", "next_column_line", "columns_end", "side_by_side_columns", "standalone_line", "subitem_list", "subtitle", "taiwan_numbering",
    "third_style_text", "title", "toc", "traditional_marker", "wrap_width", "wrapped_heading", "wrapped_title",
    "out_of_order_division", "merged_columns", "heading_runover", "title_after_label", "column_width", "ocr_lost_di", "heading_beside_text", "column_streams",
    "punctuation_before_label", "article_beside_text",
    "interleaved_lead",
    "promulgation_order", "document_number", "issuing_bodies", "document_dates", "amendment_history",
    "document_type", "document_status",
    "enumerated_document", "quoted_line", "unit_start", "line_heading", "run_in_heading", "list_tail",
    "closing_matter", "section_unit", "annex_list", "annex_table",
    "running_header",
    "blank_paragraphs", "wrap_in_block", "ocr_lost_bracket", "ocr_lost_di_article", "ocr_misread_numeral", "ocr_section_word", "ocr_garbled_item",
    "ocr_misread_heading", "ocr_heading_title", "ocr_title_from_body", "heading_tail", "heading_before_text", "lost_first_division", "ocr_title_quote",
    "masthead", "title_around_masthead",
]

#: node kinds, outermost first
KINDS = ("regulation", "part", "subpart", "chapter", "section", "article", "paragraph", "item", "subitem", "point")
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

    def __repr__(self) -> str:
        # the whole tree would print (530 KB for 刑法); model_dump() shows it all
        name = self.citation or self.label
        title = f" {self.title}" if self.title and type(self).__name__ != "Article" else ""
        return "<" + " ".join(part for part in (type(self).__name__, name + title, self.id) if part) + ">"

    __str__ = __repr__

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
    elif kind == "point":
        paras = node.text.split("\n") if node.text else []  # type: ignore[attr-defined]
        if not top:
            label, title = node.label, node.title
            if title and not node.heading_run_in:  # type: ignore[attr-defined]
                lines.append(label + title)
            elif label[-1] not in "、．.）)" and not title:
                lines.append(label)            # a numeral alone on its line
            else:
                lines.append(label + (title + "。" if title else "") + (paras.pop(0) if paras else ""))
        lines.extend(paras)
        for child in node.children:  # type: ignore[attr-defined]
            _render(child, lines)
        return
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


class Point(Node):
    """A unit of an enumerated document: 一、 / （一） / 1． / （1） / a numeral alone.

    ``level`` is 1 for the top level; ``style`` the label style (``cn`` 一、,
    ``cn_paren`` （一）, ``digit`` 1．, ``digit_paren`` （1）, ``circled`` ①);
    ``title`` its heading; ``heading_run_in`` whether the heading opened its
    first paragraph (指导思想。坚持…) rather than standing on the label line;
    ``text`` its own text, paragraphs joined with newlines, never its
    children's; ``children`` the points (or, under a 一、 heading of a
    judicial interpretation, the articles) below it.

    >>> doc = regparse.parse("示例意见\\n一、总体要求\\n（一）指导思想。坚持示例。\\n（二）基本原则。依法示例。")
    >>> point = doc.get("一（二）")
    >>> point.kind, point.title, point.text, point.citation, point.id
    ('point', '基本原则', '依法示例。', '一（二）', 'point_1__point_2')
    """

    kind: Literal["point"] = "point"
    level: int = 1
    style: str = "cn"
    heading_run_in: bool = False
    text: str = ""
    children: list[Annotated[Union["Point", Article], Field(discriminator="kind")]] = Field(default_factory=list)
    references: list[Reference] = Field(default_factory=list)

    @property
    def points(self) -> list["Point"]:
        return [c for c in self.children if isinstance(c, Point)]


TopNode = Annotated[Union[Part, Subpart, Chapter, Section, Article, Point], Field(discriminator="kind")]


class Appendix(BaseModel):
    """附件 / 附表 / 附录 after the last article: kept as text, not glued to it.

    ``id`` is ``annex_1``, ``annex_2`` … in document order, ``citation`` the
    label as cited (附件一, 附表); a reference to it (本法附件一) has them in
    ``target_ids`` and ``targets``, and ``doc.by_id`` finds it.  An appendix that is a
    regulation of its own (附件一 / 示例办法 / 第一条 …) has it parsed as
    ``regulation``, whose articles look up as ``doc.get("附件一第三条")``;
    one that is a list (1．… 2．…, 一、 二、) has its units as ``children``,
    :class:`Point` nodes cited with the appendix's citation, the top unit as a 项
    and the rest of its labels (``附件二第1项``, ``附件一第二项（一）``; ``doc.get`` also
    takes ``附件二1``, ``附件一二（一）``) and found by ``doc.by_id`` (``annex_2__point_1``); one that is a table has ``rows``, each line
    after the label a list of its cells.  ``text`` holds it as printed all the same.

    >>> doc = regparse.parse("示例条例\\n第一条　示例。\\n附件二\\n下列决定予以保留：\\n1．关于甲的决定\\n2．关于乙的决定")
    >>> [p.citation for p in doc.get("附件二").children], doc.get("附件二2").text
    (['附件二第1项', '附件二第2项'], '关于乙的决定')
    """

    model_config = _FROZEN
    label: str
    text: str = ""
    span: Span = (0, 0)
    id: str = ""
    citation: str = ""
    regulation: "Regulation | None" = None
    children: list[Point] = Field(default_factory=list)
    rows: list[list[str]] = Field(default_factory=list)

    def walk(self) -> Iterator[Node]:
        """The appendix's points (and the points below them), in document order."""
        for child in self.children:
            yield from child.walk()

    def __repr__(self) -> str:
        return f"<Appendix {self.label.rstrip('：: ')} ({len(self.text)} characters) at {self.span[0]}>"

    __str__ = __repr__


class Heading(BaseModel):
    """A heading without a 编/章/节 marker (序言, 附则, 一、一般规定 in judicial
    interpretations).  ``before`` is the id of the article that follows it;
    ``paragraphs`` the lines under it that are not articles (an annex note)."""

    model_config = _FROZEN
    text: str
    span: Span = (0, 0)
    before: str | None = None
    paragraphs: list[str] = Field(default_factory=list)

    def __repr__(self) -> str:
        lines = f", {len(self.paragraphs)} lines" if self.paragraphs else ""
        return f"<Heading {self.text}{lines} before {self.before}>"

    __str__ = __repr__


class FrontMatter(BaseModel):
    """What the text says of itself: the promulgation order or transmittal
    notice printed before the title, and the facts read from it, from the
    issuing lines under the title and from the article that says when the
    regulation takes effect.

    - ``order``       the order or notice as printed before the title
                      (中华人民共和国国务院令　第752号 …, 中共中央办公厅关于印发《…》的通知 …),
                      one line per line, "" when there is none; ``order_span``
                      where it stands in the input;
    - ``number``      the document number as printed, spaces removed
                      (中华人民共和国国务院令第752号, 中办发〔2019〕8号, 法释〔2020〕17号);
    - ``issuers``     the bodies that adopted or issued it, as printed
                      (全国人民代表大会常务委员会, 国家市场监督管理总局);
    - ``adopted``, ``promulgated``, ``effective``: ISO dates (``YYYY-MM-DD``);
    - ``amendments``  each 修正 / 修订 / 修改 in order, ``{"date", "kind", "act"}``
                      (the amending act in 《》, or the meeting where none is named);
    - ``type``        法律, 行政法规, 地方性法规, 自治条例, 单行条例, 党内法规, 司法解释,
                      部门规章, 地方政府规章 or 规范性文件, from the title, the issuer and the number;
    - ``status``      what the text prints of its status: 试行, 暂行, 废止 or 失效.

    A fact the text does not print is None (or empty): nothing is guessed.
    The field is named ``front_matter`` because ``Regulation.metadata`` is
    what a file's reader found (a web page's 发文字号 table), not the text.

    Example::

        >>> doc = regparse.parse("示例条例\\n2020年5月28日　国务院令第1号公布\\n第一条　为了示例，制定本条例。")
        >>> doc.front_matter.number, doc.front_matter.promulgated, doc.front_matter.type
        ('国务院令第1号', '2020-05-28', '行政法规')
    """

    model_config = _FROZEN
    order: str = ""
    order_span: Span | None = None
    number: str | None = None
    issuers: list[str] = Field(default_factory=list)
    adopted: str | None = None
    promulgated: str | None = None
    effective: str | None = None
    amendments: list[dict[str, str]] = Field(default_factory=list)
    type: str | None = None
    status: str | None = None


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


_NOISE_KINDS: tuple[str, ...] = get_args(NoiseKind)
#: the number of each :data:`NoiseKind` in :class:`NoiseRecords`' column of kinds
NOISE_KIND_NUMBER = {kind: i for i, kind in enumerate(_NOISE_KINDS)}
_NOISE_FIELDS = frozenset(Noise.model_fields)


def _noise_model(kind: str, text: str, span: Span) -> Noise:
    # the values are the log's own, of the right types: made as validation
    # would make them, without validating again (as regparse.freeze does)
    record = object.__new__(Noise)
    object.__setattr__(record, "__dict__", {"kind": kind, "text": text, "span": span})
    object.__setattr__(record, "__pydantic_fields_set__", set(_NOISE_FIELDS))
    object.__setattr__(record, "__pydantic_extra__", None)
    object.__setattr__(record, "__pydantic_private__", None)
    return record


class NoiseRecords(Sequence):
    """:attr:`Regulation.noise`: a read-only sequence of :class:`Noise` that
    reads, compares, validates and serializes as ``list[Noise]`` does.

    The records are kept in columns (a kind number, the text, the start and
    the end of each) and each :class:`Noise` is made when it is read: a
    megabyte with a control character every few characters has hundreds of
    thousands of records, and a model each (its object, dict and span tuple)
    was 300 bytes, fourteen times the characters it records; in columns it
    is 25.

    >>> noise = NoiseRecords([Noise(kind="column_rule", text="|", span=(3, 4))])
    >>> len(noise), noise[0].span, noise == [Noise(kind="column_rule", text="|", span=(3, 4))]
    (1, (3, 4), True)
    """

    __slots__ = ("_kinds", "_texts", "_starts", "_ends")

    def __init__(self, records: "Any" = ()) -> None:
        kinds = bytearray()
        texts: list[str] = []
        starts = array("q")
        ends = array("q")
        number = NOISE_KIND_NUMBER
        for n in records:
            kinds.append(number[n.kind])
            texts.append(n.text)
            a, b = n.span
            starts.append(a)
            ends.append(b)
        self._kinds, self._texts, self._starts, self._ends = bytes(kinds), texts, starts, ends

    @classmethod
    def _of_columns(cls, kinds: "bytes | bytearray", texts: list[str], starts: array, ends: array) -> "NoiseRecords":
        """The records of these columns, which the new sequence takes as its own
        (nothing may change them after)."""
        if not (len(kinds) == len(texts) == len(starts) == len(ends)):
            raise ValueError("the columns of noise records differ in length")
        out = cls.__new__(cls)
        out._kinds, out._texts, out._starts, out._ends = kinds, texts, starts, ends
        return out

    @staticmethod
    def _own(value: Any) -> Any:
        # records kept by a subclass (a parser's log, which may still grow) are copied
        if isinstance(value, NoiseRecords) and type(value) is not NoiseRecords:
            return NoiseRecords._of_columns(bytes(value._kinds), list(value._texts),
                                            array("q", value._starts), array("q", value._ends))
        return value

    def __len__(self) -> int:
        return len(self._texts)

    def __getitem__(self, index: "int | slice") -> Any:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self._texts)))]
        text = self._texts[index]     # IndexError and TypeError as a list raises them
        if index < 0:
            index += len(self._texts)
        return _noise_model(_NOISE_KINDS[self._kinds[index]], text, (self._starts[index], self._ends[index]))

    def __iter__(self) -> Iterator[Noise]:
        kinds = _NOISE_KINDS
        make = _noise_model
        for k, text, a, b in zip(self._kinds, self._texts, self._starts, self._ends):
            yield make(kinds[k], text, (a, b))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, NoiseRecords):
            return (self._texts == other._texts and self._kinds == other._kinds  # type: ignore[attr-defined]
                    and self._starts == other._starts and self._ends == other._ends)  # type: ignore[attr-defined]
        if isinstance(other, (list, tuple)):
            return len(other) == len(self) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return repr(list(self))

    def __add__(self, other: Any) -> list[Noise]:
        if isinstance(other, (list, NoiseRecords)):
            return list(self) + list(other)
        return NotImplemented

    def __radd__(self, other: Any) -> list[Noise]:
        if isinstance(other, list):
            return other + list(self)
        return NotImplemented

    def __reduce__(self) -> tuple:
        return (NoiseRecords._of_columns, (bytes(self._kinds), list(self._texts), self._starts, self._ends))

    def __copy__(self) -> "NoiseRecords":
        return self       # nothing in it changes

    def __deepcopy__(self, memo: dict) -> "NoiseRecords":
        return self

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        # validated and serialized as list[Noise] is, so that the JSON and its
        # schema are those of a list; what is read becomes columns
        as_list = handler.generate_schema(list[Noise])
        from_list = core_schema.no_info_after_validator_function(cls, as_list)
        return core_schema.json_or_python_schema(
            json_schema=from_list,
            python_schema=core_schema.no_info_before_validator_function(
                cls._own, core_schema.union_schema([core_schema.is_instance_schema(cls), from_list])),
            serialization=core_schema.plain_serializer_function_ser_schema(list, return_schema=as_list))


class Decision(BaseModel):
    """One heuristic decision, recorded with ``explain=True`` so that a wrong one
    can be seen: a joined line, a marker rejected as a cross-reference, …"""

    model_config = _FROZEN
    kind: DecisionKind
    message: str
    span: Span


def line_starts(text: str) -> list[int]:
    """Offsets at which the lines of ``text`` start (0 first)."""
    starts = [0]
    find = text.find
    i = find("\n")
    while i >= 0:
        starts.append(i + 1)
        i = find("\n", i + 1)
    return starts


#: (x0, y0, x1, y1) in PDF points, origin at the top left of the page, y downwards
Box = tuple[float, float, float, float]


class SourceLine(BaseModel):
    """Where one line of the reader's text is printed: ``text[start:end]`` as
    the printed lines ``pieces`` ((page, box) each, in reading order)."""

    model_config = _FROZEN
    start: int
    end: int
    pieces: list[tuple[int, Box]]


class SourceFurniture(BaseModel):
    """Text a file reader left out of the text: ``kind`` header, footer,
    page-number, masthead, aside, navigation or image, with its page and box
    where the file has them."""

    model_config = _FROZEN
    kind: str
    text: str
    page: int | None = None
    box: Box | None = None


class DocumentSource(BaseModel):
    """The file a document was read from: what the spans point into, and where it is printed.

    ``text`` is the text the reader produced (every span of the tree is an
    offset into it), kept for a PDF, .docx or web page, whose text only the
    reader can make again; None for a text file, whose characters it is; ``lines`` the printed place of each of its lines (a PDF
    only); ``furniture`` what the reader left out of ``text``; ``metadata``
    what the file says of the document (a gov.cn page's 发文字号 …, dates as
    ISO ``YYYY-MM-DD`` where they parse).

    Example::

        doc = regparse.parse_file("law.pdf")
        doc.source.format, doc.source.pages      # ('pdf', 3)
        doc.source.text[slice(*doc.article(10).span)]
    """

    model_config = _FROZEN
    format: str
    name: str | None = None
    encoding: str | None = None
    pages: int | None = None
    text: str | None = None
    lines: list[SourceLine] = Field(default_factory=list)
    furniture: list[SourceFurniture] = Field(default_factory=list)
    metadata: dict[str, str] = Field(default_factory=dict)


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
    #: what closes an enumerated document after its last unit: signatures,
    #: dates, 此复。/特此通知。, entry-into-force clauses of the whole document
    closing: str = ""
    headings: list[Heading] = Field(default_factory=list)
    diagnostics: list[Diagnostic] = Field(default_factory=list)
    noise: NoiseRecords = Field(default_factory=NoiseRecords)
    decisions: list[Decision] = Field(default_factory=list)
    references: list[Reference] = Field(default_factory=list)
    #: the character encoding of the file the text was decoded from (utf-8,
    #: gb18030, utf-16-le …); ``None`` for a str passed to ``parse`` and for
    #: formats that hold Unicode (PDF, .docx)
    encoding: str | None = None
    #: the file the document was read from (``parse_file``, ``parse_source``); None for a str
    source: DocumentSource | None = None
    #: the promulgation order before the title and the facts the text prints
    #: of itself (:class:`FrontMatter`); None only in a tree made by hand or
    #: read back from JSON written without it
    front_matter: FrontMatter | None = None

    # lookup indexes, built on first use; not part of the value of the tree
    _index: dict | None = PrivateAttr(default=None)
    # the text the parser read, for line and column numbers; not part of the
    # value either (a document read back from JSON has none)
    _text: str | None = PrivateAttr(default=None)
    _line_starts: list[int] | None = PrivateAttr(default=None)

    def __repr__(self) -> str:
        counts: dict[str, int] = {}
        for node in self.walk():
            counts[node.kind] = counts.get(node.kind, 0) + 1
        shown = [f"{counts[kind]} {kind}{'s' if counts[kind] != 1 else ''}"
                 for kind in ("article", "part", "chapter", "section", "point") if counts.get(kind)]
        for one, many in (("appendix", "appendices"), ("diagnostic", "diagnostics")):
            count = len(getattr(self, many))
            if count:
                shown.append(f"{count} {one if count == 1 else many}")
        title = f"《{self.title}》" if self.title else "(untitled)"
        return f"<Regulation {title}: {', '.join(shown) or 'empty'}>"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and self.__dict__ == other.__dict__  # type: ignore[union-attr]

    __hash__ = None  # type: ignore[assignment]

    @model_serializer(mode="wrap")
    def _without_absent_source(self, handler: Callable[[Any], dict]) -> dict:
        # a document parsed from a str has no source: its JSON stays as it was without one
        data = handler(self)
        if isinstance(data, dict):
            if data.get("source", 0) is None:
                del data["source"]
            if data.get("closing", 0) == "":
                # only enumerated documents have one: the JSON of the others stays as it was
                del data["closing"]
        return data

    @model_validator(mode="before")
    @classmethod
    def _source_absent_is_none(cls, data: Any) -> Any:
        # the other side of the serializer: a tree read back has every field set, as a parsed one has
        if isinstance(data, dict) and ("source" not in data or "closing" not in data):
            data = {"closing": "", "source": None, **data}
        return data

    @property
    def text(self) -> str:
        return self.full_text()

    @property
    def metadata(self) -> dict[str, str]:
        """What the file says of the document (``source.metadata``), e.g. a gov.cn
        page's {"发文字号": "国发〔2020〕1号", "成文日期": "2020-01-02", …}; {} for a str."""
        return dict(self.source.metadata) if self.source is not None else {}

    def layout_of(self, node: Node) -> list[tuple[int, Box]]:
        """The (page, box) of every printed line of ``node``, in reading order; [] without a layout.

        The boxes are those of the lines of ``source.text`` that the node's
        span covers, so a citation can be shown on its page.

        Example::

            doc = regparse.parse_file("law.pdf")
            doc.layout_of(doc.article(10))       # [(2, (56.7, 310.2, 538.6, 324.9)), …]
        """
        lines = self.source.lines if self.source is not None else ()
        if not lines:
            return []
        a, b = node.span
        i = max(bisect_right(lines, a, key=lambda line: line.start) - 1, 0)
        out: list[tuple[int, Box]] = []
        for line in lines[i:]:
            if line.start >= b and b > a:
                break
            if line.end > a or (a == b and line.start <= a):
                out.extend(line.pieces)
                if a == b:
                    break
        return out

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
            for annex in self.appendices:
                by_id.setdefault(annex.id, annex)  # type: ignore[arg-type]
                for node in annex.walk():
                    by_citation.setdefault(node.citation, node)
                    by_id.setdefault(node.id, node)
            self._index = {"citation": by_citation, "id": by_id, "articles": articles}
        return self._index

    def by_id(self, node_id: str) -> "Node | Appendix":
        """The node with this id (``chp_3__art_11``, an appendix's ``annex_1``); KeyError if there is none."""
        return self._lookup()["id"][node_id]

    def article(self, key: int | str) -> Article:
        """An article by number (11), label (第十一条, 第十条之一, 第11条) or (number, suffix).

        Raises :class:`regparse.CitationNotFound` (a KeyError) naming the closest
        article when there is none.
        """
        return _provided("article")(self, key)

    def get(self, citation: str) -> "Node | Appendix | Heading":
        """Any node by citation: 第十一条第一款第（三）项, 第11条第1款第3项, 第三章第一节,
        《中华人民共和国刑法》第十条, 刑法第十条, 附件一, 序言, 附则, …
        (:func:`regparse.lookup.lookup` says what each gives).

        Raises :class:`regparse.CitationError` when ``citation`` is not a citation,
        :class:`regparse.CitationNotFound` (a KeyError) naming the closest
        existing node when it names nothing in this document, and its subclass
        :class:`regparse.OtherActCitation` when it names another act.
        """
        return _provided("get")(self, citation)

    def select(self, citation: str) -> "list[Node | Appendix | Heading]":
        """The nodes of a list or range: 第十条至第十五条, 第十条、第十二条,
        第十条第（一）项至第（三）项, 第一章至第三章, 附件 (every one).

        A range gives the nodes the document has inside it; one that holds
        none raises :class:`regparse.CitationNotFound`
        (:func:`regparse.lookup.select` has the details).

        >>> [a.label for a in doc.select("第十条至第十二条")]
        ['第十条', '第十一条', '第十二条']
        """
        return _provided("select")(self, citation)

    def position(self, where: "int | Span | Node | Diagnostic | Noise | Decision | Reference | Appendix | Heading",
                 text: str | None = None) -> tuple[int, int]:
        """1-based (line, column) of an offset, or of the start of anything
        with a span (a diagnostic, a node, a piece of noise), in the text that
        was parsed; columns count characters, as ``regparse check`` prints them.

        A document read back from JSON does not hold its text: pass ``text``
        (the string spans point into).

        >>> d = doc.diagnostics[0]
        >>> doc.position(d), d.code
        ((102, 8), 'continues_article')
        """
        offset = where if isinstance(where, int) else where[0] if isinstance(where, tuple) else where.span[0]
        if text is None:
            text = self._text
            if text is None:
                raise ValueError("this document does not hold the text it was parsed from "
                                 "(it was read back from JSON or made by hand): pass text=")
            starts = self._line_starts
            if starts is None:
                starts = self._line_starts = line_starts(text)
        else:
            starts = line_starts(text)
        offset = min(max(offset, 0), len(text))
        line = bisect_right(starts, offset) - 1
        return line + 1, offset - starts[line] + 1

    def referrers(self, node: Node | str) -> list[Reference]:
        """References anywhere in the document whose targets include ``node``."""
        target = node if isinstance(node, str) else node.id
        if isinstance(node, str) and target not in self._lookup()["id"]:
            target = self.get(node).id
        return [r for r in self.references if target in r.target_ids]

    def chunks(self, max_chars: int = 1000, by: str = "article") -> list:
        """Retrieval chunks: one per 条 (or per 款, 项 or 章 with ``by``), split only
        between 款 and 项 when longer than ``max_chars`` (:mod:`regparse.chunks`).

        >>> [c.citation for c in doc.chunks()][1:3]
        ['《中国共产党工作机关条例》第八条', '《中国共产党工作机关条例》第九条']
        """
        return _provided("chunks")(self, max_chars=max_chars, by=by)

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


Point.model_rebuild()
Division.model_rebuild()
Part.model_rebuild()
Subpart.model_rebuild()
Chapter.model_rebuild()
Section.model_rebuild()
Regulation.model_rebuild()
Appendix.model_rebuild()
