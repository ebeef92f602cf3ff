"""Many regulations together: names, versions, and references from one to another.

A :class:`Collection` holds parsed documents under a key each (a file's path
relative to the folder it was read from, without its suffix; or the key the
caller gives) and indexes them by what citations call them:

- the title (中华人民共和国刑法) and the title without 中华人民共和国 (刑法), each
  with or without 《》, with 〈〉 and <> read as 《》 and spaces removed;
- the 简称 a document declares for an act it cites (《中华人民共和国民事诉讼法》
  （以下简称民事诉讼法）): inside that document the short name means that act,
  and, where no other act is known by it, everywhere;
- the document number (法释〔2020〕17号) and the type (the word its title ends
  with: 法, 条例, 解释, 规定, …).

Several versions of one act (the same title) are told apart by their dates
(the dates printed in ``doc.info``): :meth:`Collection.act` answers for the
version in force on a date.  One act printed in several files (民法典 in its
seven 编, each titled 中华人民共和国民法典) is one version made of several
documents: a provision is looked for in each.

A node of the collection is named by a pair ``(document key, node id)``:
that is what :class:`CrossReference.target_ids` holds, what
:meth:`Collection.backlinks` takes and :meth:`Collection.node` reads.

Example::

    >>> law = regparse.parse("中华人民共和国示例法\\n第一条 甲。\\n第二条 乙。\\n丙。")
    >>> rule = regparse.parse("示例法实施条例\\n第一条 根据示例法第二条第二款，制定本条例。")
    >>> coll = Collection({"law": law, "rule": rule})
    >>> coll.get("示例法第二条第二款").text
    '丙。'
    >>> [(x.surface, x.target_ids) for x in coll.backlinks("《中华人民共和国示例法》第二条")]
    [('示例法第二条第二款', (('law', 'art_2__para_2'),))]
"""
from __future__ import annotations

import datetime
import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Literal, Mapping

from .catalogue import (ACT_SHORT_NAMES, ACT_TYPES, ANY_DOCUMENT_NUMBER, BULK_AMENDMENTS, DECLARED_SHORT_NAME,
                        ISSUING_WORDS, STATE_PREFIX, iso_dates)
from .citation import split_act, step_text
from .errors import CitationError, CitationNotFound, ReadError
from .lookup import lookup
from .model import DIVISION_KINDS, Node, Reference, Regulation
from .parse import parse_file

__all__ = ["Collection", "CrossReference", "DocumentFacts", "document_facts", "normalize_name"]

#: the formats a folder is read in (text, Markdown, the readers' formats, saved JSON)
SUFFIXES = (".txt", ".md", ".pdf", ".docx", ".html", ".htm", ".json")

_BRACKETS = str.maketrans({"〈": "《", "〉": "》", "<": "《", ">": "》", "(": "（", ")": "）",
                           "﹤": "《", "﹥": "》"})


def normalize_name(name: str) -> str:
    """The form an act's name is indexed by: no spaces, no outer 《》, inner
    〈〉 or <> as 《》, half-width brackets as full-width.

    >>> normalize_name("《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》")
    '最高人民法院关于适用《中华人民共和国民事诉讼法》的解释'
    """
    name = "".join(name.split()).translate(_BRACKETS)
    while name.startswith("《") and name.endswith("》") and _balanced(name[1:-1]):
        name = name[1:-1]
    return name


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += (char == "《") - (char == "》")
        if depth < 0:
            return False
    return depth == 0


# -- what a document says of itself ---------------------------------------------

@dataclass(frozen=True)
class DocumentFacts:
    """What the collection indexes a document by.

    ``enacted`` is the date of the text (the last 通过/公布/修正/修订 date of
    its issuing lines), ``effective`` the date it came into force (its 施行
    date, else ``enacted``), both ISO; where the issuing lines print no date,
    both are the front matter's (本规定自2017年1月1日起施行). ``written`` is
    when the wording of its references was written: ``effective``, unless
    the last changes were one decision amending many acts at once
    (国务院关于修改和废止部分行政法规的决定), which leaves all but a few words as
    they were: then the last date before them.  ``declared`` the 简称 the
    document declares, each with the act it stands for.  ``since`` is when
    the act was first in force, as far as the text tells: for a text that
    prints amendments (刑法: 1979年7月1日通过, 1997年3月14日修订, …), the 施行
    date of its first version where printed, else its first date; for one
    that prints none, ``effective``.
    """

    title: str | None
    names: tuple[str, ...]
    number: str | None
    type: str | None
    enacted: str | None
    effective: str | None
    declared: Mapping[str, str] = field(default_factory=dict)
    written: str | None = None
    since: str | None = None


_EFFECTIVE_WORD = "施行"


def document_facts(doc: Regulation) -> DocumentFacts:
    """The title, names, number, type, dates and declared short names of ``doc``:
    the number from ``doc.front_matter`` where the parse read one, else from
    the issuing lines (``doc.info``) and preamble; the dates from the issuing
    lines; the short names declared in the text (以下简称…).

    Everything the collection knows of a document comes through here.

    >>> facts = document_facts(regparse.parse("中华人民共和国示例法\\n（2020年5月28日通过，2021年1月1日起施行）\\n第一条 示例。"))
    >>> facts.names, facts.enacted, facts.effective, facts.type
    (('中华人民共和国示例法', '示例法'), '2020-05-28', '2021-01-01', '法')
    """
    title = normalize_name(doc.title) if doc.title else None
    names: list[str] = []
    if title:
        names.append(title)
        if title.startswith(STATE_PREFIX) and len(title) > len(STATE_PREFIX) + 1:
            names.append(title[len(STATE_PREFIX):])
    enacted: list[str] = []
    effective: list[str] = []
    unchanged: list[str] = []   # the dates of lines other than bulk amendments
    amended: list[str] = []     # the dates of the lines that amend the text
    for line in doc.info:
        if any(word in line for word in _AMENDING_WORDS):
            amended.extend(iso_dates(line))
        # a line may hold several dates (通过 …, … 起施行): each belongs to the word after it
        for piece in re.split(r"(?<=[，,；;。])", line):
            dates = iso_dates(piece)
            if not dates:
                continue
            if not any(word in piece for word in BULK_AMENDMENTS):
                unchanged.extend(dates)
            if _EFFECTIVE_WORD in piece and not any(word in piece for word in ISSUING_WORDS if word != "施行"):
                effective.extend(dates)
            else:
                enacted.extend(dates)
    number = None
    for line in (*doc.info, doc.preamble[:400], doc.subtitle or ""):
        match = ANY_DOCUMENT_NUMBER.search(line or "")
        if match:
            # a date printed before the issuer is not part of the number (2021年1月4日国务院令第七百号)
            number = "".join(match.group(0).split()).lstrip("年月日")
            break
    kind = next((word for word in ACT_TYPES if title and re.search(f"{word}(?:[（(][^（）()]*[）)])?$", title)), None)
    declared: dict[str, str] = {}
    for text in _texts(doc):
        if "以下" not in text:
            continue
        for match in DECLARED_SHORT_NAME.finditer(text):
            declared.setdefault(match.group(2), normalize_name(match.group(1)))
    front = doc.front_matter
    if front is not None and front.number:
        number = front.number   # read with the order's shapes (国务院令第752号) as well as 〔〕 numbers
    # the dates stay those of the issuing lines, the version of the text: the
    # front matter's adopted/promulgated dates sent hand-checked references
    # to another version (precision 0.943 → 0.955, recall 0.943 → 0.901)
    if not enacted and not effective and front is not None:
        # no issuing lines with dates: the article saying when it takes effect
        # (本规定自2017年1月1日起施行), or the order's dates; without them a
        # document's references are never checked against later versions
        enacted = [d for d in (front.adopted, front.promulgated) if d]
        effective = [front.effective] if front.effective else []
        unchanged = enacted + effective
    last_enacted = max(enacted) if enacted else None
    in_force = max(effective) if effective else last_enacted
    written = in_force
    if unchanged and in_force and max(unchanged) < in_force:
        written = max(unchanged)
    since = in_force
    if amended:
        originals = [d for d in effective if d < min(amended)]
        since = min(originals) if originals else min(enacted + effective)
    return DocumentFacts(title, tuple(names), number, kind, last_enacted, in_force, declared, written, since)


#: the words of an issuing line that amends the text (修正, 修订, 修改…的决定)
_AMENDING_WORDS = ("修正", "修订", "修改", "决定")


def _texts(doc: Regulation) -> Iterator[str]:
    yield doc.preamble
    for node in doc.walk():
        text = getattr(node, "__dict__", {}).get("text")
        if text:
            yield text


# -- cross-document references ----------------------------------------------------

Status = Literal["resolved", "unknown_act", "missing_provision", "partly_resolved", "amended_since"]


@dataclass(frozen=True)
class CrossReference:
    """An external reference of one document of the collection, resolved in the others.

    ``document`` is the key of the citing document, ``reference`` the
    reference as the parser found it; ``act`` the act it names (同法 and 该法
    replaced by the act named before, a declared 简称 by the act it stands
    for); ``act_key`` the key of the document that holds the act's version
    in force when the citing document was made (or the newest); ``target_ids``
    the ``(document key, node id)`` of every provision found; ``missing`` the
    citations of those the act does not have.  ``status``: resolved, partly_resolved,
    missing_provision (the act is known, none of the provisions is), unknown_act,
    amended_since (the act's text held was amended after the citing document
    was made and the provision now at that number shares nothing with the
    words around the reference: its number most likely named another
    provision then; the provision is in ``candidates``, not in ``target_ids``).
    """

    document: str
    reference: Reference
    act: str | None
    act_key: str | None
    target_ids: tuple[tuple[str, str], ...]
    missing: tuple[str, ...]
    status: Status
    candidates: tuple[tuple[str, str], ...] = ()

    @property
    def surface(self) -> str:
        return self.reference.surface

    @property
    def span(self) -> tuple[int, int]:
        return self.reference.span


#: two-character words a sentence and the provision it cites must share to trust
#: a number across an amendment (依照刑法第二百六十四条的规定，以盗窃罪… shares 盗窃)
_SHARED_PAIRS = 2
#: the same where the act may have been renumbered since (revised, or amended by a decision)
_SHARED_PAIRS_RENUMBERED = 8
#: amendments that keep article numbers: 《中华人民共和国刑法修正案（十一）》, and the
#: decisions of the legislature that change words in many laws at once (关于修改部分法律的决定,
#: 关于修改〈中华人民共和国道路交通安全法〉等八部法律的决定)
_NUMBER_KEEPING = ("修正案", "部分法律的决定", "部法律的决定")
#: a decision of the legislature on the act's subject that is no amendment of its text
#: (关于惩治骗购外汇、逃汇和非法买卖外汇犯罪的决定, printed in 刑法's history) leaves
#: every number where it was: a line naming a 决定 with none of these words
_AMENDING_DECISION_WORDS = ("修改", "修正", "修订", "废止")


def _keeps_numbers(line: str) -> bool:
    """Whether the amendment an issuing line names keeps the act's article numbers."""
    if any(word in line for word in _NUMBER_KEEPING):
        return True
    return "的决定" in line and not any(word in line for word in _AMENDING_DECISION_WORDS)


#: amendments that mostly keep them: the State Council's decisions changing many
#: regulations at once may delete an article and renumber the rest (计量法实施细则)
_NUMBERS_MOSTLY_KEPT = (*_NUMBER_KEEPING, *BULK_AMENDMENTS)
# words every legal sentence has: they say nothing of which provision is meant
_COMMON_PAIRS = frozenset("规定 的规 依照 按照 根据 人民 法院 应当 可以 或者 以上 以下 处罚 行为 情形 下列 具有 "
                          "之一 有关 本法 依法 予以 认定 条规 款规 项规 条的 款的 项的 定的 定处 支持 不予 的，".split())
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")


def _pairs(text: str) -> set[str]:
    # the runs of Han characters found by the regex engine, their pairs sliced
    # (a lookahead match at every position cost twice as much)
    pairs = {run[i:i + 2] for run in _HAN_RUN.findall(text) for i in range(len(run) - 1)}
    return pairs - _COMMON_PAIRS


def _name_runs_on(doc: Regulation, reference: Reference, cache: dict) -> str | None:
    """The longer name a short name cited without 《》 is the end of, when the
    document cites that name in 《》 (调解仲裁法 after 依据 in a text citing
    《中华人民共和国劳动争议调解仲裁法》 is that act, not 仲裁法); None when it
    is not the end of one."""
    act = reference.act
    if not act or reference.surface.startswith(("《", "同法", "该法", "第")):
        return None
    text = _holder_text(doc, reference.span, cache, raw=True)
    at = text.find(reference.surface)
    if at <= 0:
        return None
    longest = None
    for name in _titles_cited(doc, cache):
        # the words before the short name are the end of the rest of the longer name (调解 of 劳动争议调解)
        if name != act and name.endswith(act) and len(name) > len(act) + 1 \
                and text.endswith(name[:-len(act)][-2:], 0, at):
            # the full title where the text cites one (劳动争议调解仲裁法, not 调解仲裁法)
            if longest is None or len(name) > len(longest):
                longest = name
    return longest


def _titles_cited(doc: Regulation, cache: dict) -> frozenset[str]:
    cached = cache.setdefault(id(doc), {}).get("titles")
    if cached is None:
        names: set[str] = set(ACT_SHORT_NAMES)
        for text in _texts(doc):
            if "《" in text:
                for match in re.finditer(r"《([^《》\n]{2,80})》", text):
                    name = normalize_name(match.group(1))
                    names.add(name)
                    if name.startswith(STATE_PREFIX):
                        names.add(name[len(STATE_PREFIX):])
        cached = cache[id(doc)]["titles"] = frozenset(names)
    return cached


def _holder_text(doc: Regulation, span: tuple[int, int], cache: dict, raw: bool = False) -> str:
    index = cache.setdefault(id(doc), {}).get("texts")
    if index is None:
        texts: dict[tuple[int, int], tuple[str, str]] = {}
        beside: dict[tuple[int, int], tuple[Reference, ...]] = {}
        for node in doc.walk():
            references = getattr(node, "references", ()) or ()
            if references:
                # the words of the provision, without the acts and numbers it cites;
                # a lead-in (…规定的下列案件：) with the items it leads to
                raw_text = text = getattr(node, "text", "")
                if raw_text.rstrip().endswith(("：", ":")) and getattr(node, "children", None):
                    raw_text = text = node.full_text()
                for reference in references:
                    text = text.replace(reference.surface, "、")
                for reference in references:
                    texts[tuple(reference.span)] = (raw_text, text)
                    beside[tuple(reference.span)] = tuple(references)
        index = cache[id(doc)]["texts"] = texts
        cache[id(doc)]["beside"] = beside
    found = index.get(tuple(span), ("", ""))
    return found[0] if raw else found[1]


def _references_beside(doc: Regulation, reference: Reference, cache: dict) -> tuple[Reference, ...]:
    """The other references of the provision holding ``reference``."""
    _holder_text(doc, reference.span, cache)
    return tuple(r for r in cache[id(doc)]["beside"].get(tuple(reference.span), ()) if r.span != reference.span)


#: the words before a reference that name the act's text before an amendment (修订前的刑法第七十七条)
_BEFORE_AMENDMENT = re.compile(r"(?:修订|修改|修正)前的?《?$")


def _words_before(doc: Regulation, reference: Reference, cache: dict, width: int = 6) -> str:
    """The few characters printed right before ``reference`` (where the act's name is part
    of the reference, before the name)."""
    text = getattr(doc, "_text", None)
    if text is not None and text[reference.span[0]:reference.span[1]] == reference.surface:
        return text[max(reference.span[0] - width, 0):reference.span[0]]
    raw = _holder_text(doc, reference.span, cache, raw=True)
    at = raw.find(reference.surface)
    return raw[max(at - width, 0):at] if at >= 0 else ""


def _day_before(iso: str) -> str:
    return (datetime.date.fromisoformat(iso) - datetime.timedelta(days=1)).isoformat()


def _sentence_around(doc: Regulation, span: tuple[int, int], cache: dict) -> str:
    """The text of the provision holding ``span`` without the reference itself,
    without other citations' numbers and without the 中华人民共和国 of the acts it names
    (参照《中华人民共和国公务员法》管理的人员: the state's name says nothing of which provision)."""
    return _CITED.sub("", _holder_text(doc, span, cache)).replace(STATE_PREFIX, "、")


_CITED = re.compile(r"第[^第，。；、]{1,12}?[条款项]")
#: a term the citing sentence defines, right after the reference: 规定的“情节严重”, 所称“首次开庭”
_DEFINED_TERM = re.compile(r"(?:中)?(?:规定|所称|所指|所列|所说)?的?(?:[“\"「])([^”\"」]{2,40})[”\"」]")
#: the same without quotation marks, a term the sentence says what it means:
#: 规定的其他组织是指…, 规定的商业秘密，是指… (four characters at least: 人员, 事实 are any provision's)
_DEFINED_PLAIN = re.compile(r"(?:中)?(?:规定|所称|所指|所列|所说)的([\u4e00-\u9fff]{4,12}?)[，,]?(?:是指|包括)")
#: what a quoted term and a provision are compared without
_LOOSE_MARKS = re.compile(r"[\s，,。；;：:、“”\"「」（）()]")
#: a 款 that reads with those before it
_EARLIER_PARAGRAPHS = re.compile(r"前(两|三|)款")
_EARLIER_COUNT = {"": 1, "两": 2, "三": 3}
#: the 编 a citation starts with (第三编 of 第三编第二分编第二十章, not 第二分编)
_PART_STEP = re.compile(r"第[^第条章节款项编分]{1,5}编")
_CITED_ARTICLE = re.compile(r"第[^第条，。；、]{1,10}条(?:之[一二三四五六七八九十]+)?")
#: how many times better another provision must fit a sentence for the number it
#: cites to be taken for one that moved (measured on the hand-checked set: the
#: numbers that moved score 3.5–7 times lower than the provision meant, the ones
#: kept at most 2.6 times lower than the best other)
_BETTER_FIT = 3.0
#: the same across a revision of the act (修订), which renumbers most of it: measured on
#: the dev corpus, at 2.0, 1.5 and 1.2 the references it turns to amended_since are 2, 4 and 5,
#: every one a number that named another provision when cited (行政复议法第二十条 cited in
#: 2007 for 督促受理, today's 第三十五条; 证券法第一百六十一条 cited in 2003); at 1.0 the
#: first kept one turns (防震减灾法第八十五条, word for word the provision meant)
_BETTER_FIT_REVISED = 1.5
#: how much better than any other the article holding a provision must fit a sentence
#: sharing too few words with the provision itself for the number to be trusted: measured
#: on the dev corpus, at 2.0 none turns resolved, at 1.5, 1.2 and 1.0 the same three, each
#: read and right (民事诉讼法第八十四条第一款 cited in 2022 for 证据保全); 1.2 leaves a
#: margin for an article that fits only a little best
_BEST_ARTICLE_MARGIN = 1.2
_REVISION_WORD = "修订"


def _wording(node: Node) -> str:
    """A provision's words with what it holds (an article's 款, a 款's 项)."""
    return node.full_text() if getattr(node, "children", None) else getattr(node, "text", "")


def _article_id(node_id: str) -> str:
    """The id of the article a node id is inside (chp_2__art_5__para_1 → chp_2__art_5)."""
    steps = node_id.split("__")
    for at, step in enumerate(steps):
        if step.startswith("art_"):
            return "__".join(steps[:at + 1])
    return node_id


def _article_label(node_id: str, doc: Regulation) -> str | None:
    return getattr(doc.by_id(_article_id(node_id)), "label", None)


class _WordingIndex:
    """How rare each word pair is among the articles of one version of an act
    (a pair every article has, such as the act's subject 国家安全机关, says
    little of which one is meant), and, made when first asked for, the 款 or 项
    of the whole act with their pairs (only a revision's check compares across
    the act; after a 修正案 only an article's own 款 compete)."""

    def __init__(self, documents: list[tuple[str, Regulation]]):
        self._documents = documents
        self._units: dict[str, list[tuple[str, Node, frozenset[str]]]] = {}
        counts: dict[str, int] = {}
        articles = 0
        for key, doc in documents:
            for node in doc.walk():
                if node.kind == "article":
                    articles += 1
                    for pair in _pairs(_wording(node)):
                        counts[pair] = counts.get(pair, 0) + 1
        self._weight = {pair: math.log(1 + articles / n) for pair, n in counts.items()}
        self._rare = math.log(1 + max(articles, 1) / 0.5)

    def units(self, kind: str) -> list[tuple[str, Node, frozenset[str]]]:
        """Every node of ``kind`` (article, paragraph, item) with its word pairs."""
        found = self._units.get(kind)
        if found is None:
            # the pairs held as the weights' own strings: one object per pair, not per occurrence
            known = {pair: pair for pair in self._weight}
            found = self._units[kind] = [(key, node, frozenset(known.get(p, p) for p in _pairs(_wording(node))))
                                         for key, doc in self._documents for node in doc.walk() if node.kind == kind]
        return found

    def score(self, words: set[str], pairs: "set[str] | frozenset[str]") -> float:
        """How well a provision with these pairs fits a sentence with ``words``:
        the weight of the pairs they share."""
        return sum(self._weight.get(pair, self._rare) for pair in words & pairs)



@dataclass(frozen=True)
class _Version:
    """One version of an act: the documents that print it (several for 民法典)."""

    title: str
    enacted: str | None
    effective: str | None
    keys: tuple[str, ...]


class Collection:
    """Parsed regulations by key, indexed by their names, numbers, types and dates.

    Make one from documents (a mapping of key → :class:`Regulation`, or an
    iterable of them, keyed by their file names or ``doc-N``) or from a
    folder with :meth:`from_folder`.

    >>> law = regparse.parse("中华人民共和国示例法\\n第一条 甲。")
    >>> coll = Collection([law])
    >>> coll.act("《中华人民共和国示例法》") is coll.act("示例法") is law
    True
    """

    def __init__(self, documents: Mapping[str, Regulation] | Iterable[Regulation] = ()):
        self._documents: dict[str, Regulation] = {}
        self._facts: dict[str, DocumentFacts] = {}
        self._by_name: dict[str, list[str]] = {}
        self._by_number: dict[str, list[str]] = {}
        self._declared: dict[str, set[str]] = {}
        self._versions: dict[str, list[_Version]] | None = None
        self._cross: list[CrossReference] | None = None
        # per document: the text holding each reference, and the titles it cites in 《》
        self._reading: dict[int, dict] = {}
        #: files a folder held that could not be read, as (path, message)
        self.errors: list[tuple[str, str]] = []
        #: files a folder held that are not documents (a JSON file of another shape), by path
        self.skipped: list[str] = []
        items = documents.items() if isinstance(documents, Mapping) else \
            ((None, doc) for doc in documents)
        for key, doc in items:
            self.add(doc, key)

    # -- building ----------------------------------------------------------------
    @classmethod
    def from_folder(cls, folder: str | os.PathLike, suffixes: Iterable[str] = SUFFIXES) -> "Collection":
        """Every document of ``folder`` (searched recursively): texts and the
        readers' formats parsed, saved JSON (``doc.model_dump_json()``) read back.

        A file that cannot be read is listed in ``errors``, a JSON file that is
        not a saved document (a gold file, a manifest) in ``skipped``; neither stops the rest.
        """
        root = Path(folder)
        if not root.is_dir():
            raise ReadError(f"{folder}: not a folder")
        wanted = tuple(s.lower() for s in suffixes)
        coll = cls()
        for path in sorted(root.rglob("*")):
            if not path.is_file() or path.suffix.lower() not in wanted:
                continue
            key = path.relative_to(root).with_suffix("").as_posix()
            try:
                if path.suffix.lower() == ".json":
                    raw = path.read_text(encoding="utf-8")
                    if '"kind":"regulation"' not in raw[:200].replace(" ", "") and '"kind": "regulation"' not in raw:
                        coll.skipped.append(str(path))
                        continue
                    doc = Regulation.model_validate_json(raw)
                else:
                    doc = parse_file(path)
            except (ReadError, OSError, ValueError) as e:
                coll.errors.append((str(path), str(e).splitlines()[0] if str(e) else type(e).__name__))
                continue
            coll.add(doc, key)
        return coll

    def add(self, doc: Regulation, key: str | None = None) -> str:
        """Add ``doc`` under ``key`` (its file name, or ``doc-N``, when None); returns the key."""
        if not isinstance(doc, Regulation):
            raise TypeError(f"a collection holds Regulation documents, not {type(doc).__name__}")
        if key is None:
            base = doc.source.name if doc.source is not None and doc.source.name else f"doc-{len(self._documents) + 1}"
            key, n = base, 1
            while key in self._documents:
                n += 1
                key = f"{base}-{n}"
        if key in self._documents:
            raise ValueError(f"the collection already holds a document under {key!r}")
        facts = document_facts(doc)
        self._documents[key] = doc
        self._facts[key] = facts
        for name in facts.names:
            self._by_name.setdefault(name, []).append(key)
        if facts.number:
            self._by_number.setdefault(facts.number, []).append(key)
        for short, act in facts.declared.items():
            self._declared.setdefault(short, set()).add(act)
        self._versions = None
        self._cross = None
        return key

    # -- reading -------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._documents)

    def __iter__(self) -> Iterator[str]:
        return iter(self._documents)

    def __contains__(self, key: object) -> bool:
        return key in self._documents

    def __getitem__(self, key: str) -> Regulation:
        return self._documents[key]

    def keys(self) -> list[str]:
        return list(self._documents)

    def items(self) -> list[tuple[str, Regulation]]:
        return list(self._documents.items())

    def facts(self, key: str) -> DocumentFacts:
        """What the collection read of the document under ``key`` (:class:`DocumentFacts`)."""
        return self._facts[key]

    def key_of(self, doc: Regulation) -> str:
        """The key ``doc`` is held under; KeyError if it is not in the collection."""
        for key, held in self._documents.items():
            if held is doc:
                return key
        raise KeyError("this document is not in the collection")

    def by_number(self, number: str) -> list[str]:
        """The keys of the documents with this document number (法释〔2020〕17号)."""
        return list(self._by_number.get("".join(number.split()), ()))

    def by_type(self, kind: str) -> list[str]:
        """The keys of the documents of a type (the word titles end with: 法, 条例, 解释, …)."""
        return [key for key, facts in self._facts.items() if facts.type == kind]

    def _names_to_titles(self) -> dict[str, list[_Version]]:
        if self._versions is None:
            grouped: dict[tuple[str, str | None], list[str]] = {}
            for key, facts in self._facts.items():
                if facts.title:
                    grouped.setdefault((facts.title, facts.enacted), []).append(key)
            by_title: dict[str, list[_Version]] = {}
            for (title, enacted), keys in grouped.items():
                dates = [self._facts[k].effective for k in keys if self._facts[k].effective != enacted]
                effective = min(dates) if dates else enacted
                by_title.setdefault(title, []).append(_Version(title, enacted, effective, tuple(keys)))
            for versions in by_title.values():
                versions.sort(key=lambda v: (v.enacted or "", v.effective or ""))
            self._versions = by_title
        return self._versions

    def titles(self, name: str, within: str | None = None) -> list[str]:
        """The titles of the acts ``name`` may stand for: 刑法, 《刑法》,
        中华人民共和国刑法, a document number, or a 简称 (the one the document
        ``within`` declares first, then those declared anywhere, when only one act goes by it)."""
        plain = normalize_name(name)
        if within is not None:
            declared = self._facts[within].declared.get(plain) if within in self._facts else None
            if declared is not None:
                plain = declared
        keys = self._by_name.get(plain) or self._by_number.get(plain)
        if not keys and plain in self._declared and len(self._declared[plain]) == 1:
            keys = self._by_name.get(next(iter(self._declared[plain])))
        if not keys and not plain.startswith(STATE_PREFIX):
            keys = self._by_name.get(STATE_PREFIX + plain)
        titles: list[str] = []
        for key in keys or ():
            title = self._facts[key].title
            if title and title not in titles:
                titles.append(title)
        return titles

    def versions(self, name: str, within: str | None = None) -> list[tuple[str | None, str | None, tuple[str, ...]]]:
        """Every version of the act ``name``, oldest first, as (enacted, effective, document keys)."""
        versions = self._names_to_titles()
        return [(v.enacted, v.effective, v.keys) for title in self.titles(name, within)
                for v in versions.get(title, ())]

    def _version(self, name: str, date: str | None, within: str | None = None) -> tuple[_Version | None, bool]:
        """The version of ``name`` in force on ``date`` (the newest without one),
        and whether it is in force then (False: only later versions are held)."""
        candidates = [v for title in self.titles(name, within) for v in self._names_to_titles().get(title, ())]
        if not candidates:
            return None, False
        if date is None:
            return candidates[-1], True
        in_force = [v for v in candidates if (v.effective or v.enacted or "") <= date]
        if in_force:
            return max(in_force, key=lambda v: (v.effective or v.enacted or "", v.enacted or "")), True
        return min(candidates, key=lambda v: v.effective or v.enacted or ""), False

    def act(self, name: str, date: str | None = None) -> Regulation | None:
        """The document of the act ``name`` (刑法, 《中华人民共和国刑法》, a
        number, a 简称), in its version in force on ``date`` (ISO, e.g.
        ``"2015-06-01"``; the newest without one); None if the collection has
        no such act or none of its versions was in force then.  For an act
        printed in several documents, the first of them."""
        version, in_force = self._version(name, date)
        if version is None or not in_force:
            return None
        return self._documents[version.keys[0]]

    def first_in_force(self, name: str, within: str | None = None) -> str | None:
        """When the act ``name`` was first in force, as its texts held here tell
        (:attr:`DocumentFacts.since`): earlier than any version held where
        the newest prints its history (刑法 → 1979-07-01); None if unknown.

        >>> coll = Collection([regparse.parse("中华人民共和国示例法\\n（1990年1月1日第七届全国人民代表大会常务委员会第十次会议通过　2020年6月1日第十三届全国人民代表大会常务委员会第十九次会议修订）\\n第一条 甲。")])
        >>> coll.first_in_force("示例法"), coll.versions("示例法")[0][1]
        ('1990-01-01', '2020-06-01')
        """
        dates = []
        for title in self.titles(name, within):
            for version in self._names_to_titles().get(title, ()):
                facts = [self._facts[key] for key in version.keys if self._facts[key].since]
                # of an act printed in several documents, one may print no 施行 date
                # (民法典's 婚姻家庭编): the date one of them prints beside the adoption counts
                printed = [f.since for f in facts if f.since != f.enacted]
                if printed or facts:
                    dates.append(min(printed or [f.since for f in facts]))
        return min(dates) if dates else None

    def in_force(self, name: str, date: str) -> bool | None:
        """Whether a version of ``name`` held here was in force on ``date``; None if the act is unknown."""
        version, in_force = self._version(name, date)
        return None if version is None else in_force

    def get(self, citation: str, date: str | None = None) -> Node:
        """The node a citation with an act's name names: 刑法第六十七条第一款,
        《中华人民共和国民法典》第一千一百六十五条 (in whichever of the act's
        documents holds it), in the version in force on ``date``.

        Raises :class:`regparse.CitationError` for a citation without an act,
        and :class:`regparse.CitationNotFound` (a KeyError) when the act or the
        provision is not in the collection.
        """
        key, node = self.locate(citation, date)
        return node

    def locate(self, citation: str, date: str | None = None, within: str | None = None) -> tuple[str, Node]:
        """(document key, node) of a citation with an act's name; see :meth:`get`."""
        act, rest = split_act(citation)
        if not act or not rest:
            raise CitationError(f"{citation!r} does not name an act and a provision (e.g. 刑法第六十七条)")
        version, _ = self._version(act, date, within)
        if version is None:
            raise CitationNotFound(citation, None, f"no act called {act.strip('《》')} in the collection")
        closest: str | None = None
        for key in version.keys:
            try:
                return key, lookup(self._documents[key], rest)
            except CitationNotFound as e:
                # of an act printed in several documents, the closest in the one holding the article
                found = getattr(e, "closest", None)
                if found and (closest is None or found.startswith(rest.split("条")[0])):
                    closest = found
        raise CitationNotFound(citation, closest, f"《{version.title}》 has no {rest}")

    def node(self, target: tuple[str, str]) -> Node:
        """The node named by a ``(document key, node id)`` pair."""
        key, node_id = target
        doc = self._documents[key]
        return doc if node_id == "" else doc.by_id(node_id)

    # -- references across documents ---------------------------------------------
    def resolve(self, key: str, reference: Reference, date: str | None = None) -> CrossReference:
        """Resolve one external reference of the document under ``key`` in the
        other documents, in the version in force on ``date`` (by default the citing document's date)."""
        act = reference.act
        if date is None:
            facts = self._facts.get(key)
            date = (facts.written or facts.effective) if facts else None
        if not act or act in ("同法", "该法"):
            return CrossReference(key, reference, None, None, (), tuple(reference.targets), "unknown_act")
        longer = _name_runs_on(self._documents[key], reference, self._reading)
        if longer is not None:
            # 依据调解仲裁法第四十九条 read as 仲裁法 by the parser: the act is the longer name
            act = longer
        version, in_force = self._version(act, date, within=key)
        if version is None:
            return CrossReference(key, reference, act, None, (), tuple(reference.targets), "unknown_act")
        if date and _BEFORE_AMENDMENT.search(_words_before(self._documents[key], reference, self._reading)):
            # 适用修订前的刑法第七十七条: the text before the act's last change made by then
            changes = [d for line in self._documents[version.keys[0]].info
                       if any(word in line for word in _AMENDING_WORDS) for d in iso_dates(line) if d <= date]
            if changes:
                date = _day_before(max(changes))
                version, in_force = self._version(act, date, within=key)
        if not in_force:
            # only later versions are held: the newest is what the reference can be read against
            version, _ = self._version(act, None, within=key)
        found: list[tuple[str, str]] = []
        missing: list[str] = []
        for target in reference.targets:
            hit = self._find(version, target)
            if hit is None:
                missing.append(target)
            else:
                found.append(hit)
        status: Status = "resolved" if found and not missing else "partly_resolved" if found else "missing_provision"
        if not reference.targets:
            status = "resolved"
        if found and date and version.enacted and date < version.enacted \
                and not self._kept_across(version, date, reference, key, found):
            return CrossReference(key, reference, version.title, version.keys[0], (), tuple(missing),
                                  "amended_since", tuple(found))
        return CrossReference(key, reference, version.title, version.keys[0], tuple(found), tuple(missing), status)

    def _find(self, version: "_Version", target: str) -> tuple[str, str] | None:
        """(document key, node id) of ``target`` in the documents of ``version``.

        An act printed one 编 to a document (民法典: 合同编, 侵权责任编, …, each
        without its 第X编 heading) has no 编 to step into: a citation through
        one (民法典第三编第二分编第二十章) is looked for below it, and taken
        where exactly one of the documents has it."""
        for doc_key in version.keys:
            try:
                node = lookup(self._documents[doc_key], target)
            except (CitationNotFound, CitationError):
                continue
            return doc_key, node.id if isinstance(node, Node) and not isinstance(node, Regulation) else ""
        part = _PART_STEP.match(target)
        if part is None or len(version.keys) < 2 or part.end() == len(target) \
                or any(node.kind == "part" for k in version.keys for node in self._documents[k].children):
            return None
        hits = []
        for doc_key in version.keys:
            try:
                node = lookup(self._documents[doc_key], target[part.end():])
            except (CitationNotFound, CitationError):
                continue
            hits.append((doc_key, node.id))
        return hits[0] if len(hits) == 1 else None

    def _kept_across(self, version: "_Version", date: str, reference: Reference, key: str,
                     found: list[tuple[str, str]]) -> bool:
        """Whether the numbers of a reference made on ``date`` still name what
        they named then in the version held, amended since.

        Amendments by 修正案 (刑法) and the legislature's decisions changing
        many laws at once keep every article's number (a new article is
        第X条之一) but may insert 款 and 项; the State Council's decisions
        changing many regulations mostly keep them (one may delete an article
        and renumber the rest); a revision or an amending decision of the act
        may renumber everything; a decision on the act's subject that amends
        no text of it (关于惩治骗购外汇、逃汇和非法买卖外汇犯罪的决定 in 刑法's history)
        keeps every number.  Where numbers may have moved, the provision found must
        share words with the sentence citing it, and no other provision of
        the act may fit the sentence much better (after a revision, only
        :data:`_BETTER_FIT_REVISED` times better); a 编, 章 or 节 found must not
        be one whose heading the sentence does not name while it names another's."""
        since = [line for line in self._documents[version.keys[0]].info
                 if any(d > date for d in iso_dates(line))]
        by_amendment_acts = bool(since) and all(_keeps_numbers(line) for line in since)
        if by_amendment_acts and all(self.node(t).kind == "article" for t in found):
            return True
        light = bool(since) and all(any(word in line for word in _NUMBERS_MOSTLY_KEPT) for line in since)
        # where article numbers are kept, a 款 or 项 can only have moved inside its
        # article, and stays where nothing says otherwise: no words need be shared
        threshold = 0 if by_amendment_acts else _SHARED_PAIRS if light else _SHARED_PAIRS_RENUMBERED
        # after a revision of the act (修订) most numbers moved: a provision fitting the
        # sentence less well than another is more likely not the one meant
        revised = any(_REVISION_WORD in line and not any(word in line for word in _NUMBERS_MOSTLY_KEPT)
                      for line in since)
        return self._supported(key, reference, found, threshold, version, within_article=by_amendment_acts,
                               better_fit=_BETTER_FIT_REVISED if revised else _BETTER_FIT)

    def _supported(self, key: str, reference: Reference, found: list[tuple[str, str]],
                   threshold: int, version: "_Version", within_article: bool = False,
                   better_fit: float = _BETTER_FIT) -> bool:
        """Whether the words around a reference (its sentence) share enough
        with the provisions it resolves to to trust the number across an
        amendment, and no provision of the act not cited beside it (with
        ``within_article``, of the same article) fits them :data:`_BETTER_FIT`
        times better (刑法第三百九十条第二款 cited in 2012 for 主动交待 → 减轻或者免除处罚:
        the words are those of its 第三款 today).  A provision sharing too few words
        may be one of an article that shares them and fits the sentence best of the act's articles."""
        doc = self._documents[key]
        context = _sentence_around(doc, reference.span, self._reading)
        if not context:
            return True
        words = _pairs(context)
        if not words:
            return True
        read_with: set[tuple[str, str]] = set()
        texts = [self._read_with(target, read_with) for target in found]
        raw = _holder_text(doc, reference.span, self._reading, raw=True)
        headed = self._headed_as_cited(raw, found)
        if headed is not None:
            return headed
        at = raw.find(reference.surface)
        defined = _DEFINED_TERM.match(raw, at + len(reference.surface)) \
            if at >= 0 and raw.count(reference.surface) == 1 else None
        terms = [defined.group(1)] if defined else []
        if len(terms) == 1:
            # 应当认定为刑法第X条第Y款规定的“情节严重”: the term the sentence defines
            # is the provision's own word, or that provision is not the one meant
            term = _LOOSE_MARKS.sub("", terms[0])
            if any(term in _LOOSE_MARKS.sub("", _wording(self.node(target))) for target in found):
                return True
        else:
            term = None
            plain = _DEFINED_PLAIN.match(raw, at + len(reference.surface)) \
                if at >= 0 and raw.count(reference.surface) == 1 else None
            if plain and all(plain.group(1) in _wording(self.node(target)) for target in found):
                # 民事诉讼法第五十一条规定的其他组织是指…: the term the sentence
                # defines is the word of every provision cited (专利法第十一条、第六十九条所称的
                # 许诺销售 cited in 2015: today's 第六十九条 is another's); not evidence against
                # where it is not: a term without quotation marks may be the sentence's own word
                return True
        index = self._wording_index(version)
        if not any(len(words & _pairs(text)) >= threshold for text in texts) \
                and not self._article_fits_best(words, found, index, threshold):
            return False
        # against the others, each provision in its own words (an item without its lead-in, as they are)
        fit = max(index.score(words, _pairs(_wording(self.node(target)))) for target in found)
        cited = set(_CITED_ARTICLE.findall(_holder_text(doc, reference.span, self._reading, raw=True)))
        # provisions compete with provisions (a 章 cited has none)
        kinds = {self.node(target).kind for target in found} & {"article", "paragraph", "item"}
        found_ids = [(k, i) for k, i in found]
        articles = {(k, _article_id(i)) for k, i in found}
        # the provisions of this act the same provision cites beside it (第二百六十条第一款 …
        # 适用修正后第二百六十条第三款): their words are theirs, not evidence against this one
        beside = {target for other in _references_beside(doc, reference, self._reading)
                  if other.act in (reference.act, None, "同法", "该法") for target in other.targets}
        # the 款 after the one found that read with it (单位犯前款罪的, 有第一款行为…) are part of what it means
        for k, i in found:
            node = self.node((k, i))
            if node.kind == "paragraph" and node.number:
                siblings = list(getattr(self.node((k, _article_id(i))), "children", ()))
                named = step_text("paragraph", node.number)
                for n, sibling in enumerate(siblings):
                    text = getattr(sibling, "text", "")
                    earlier = _EARLIER_PARAGRAPHS.search(text)
                    back = _EARLIER_COUNT.get(earlier.group(1), 1) if earlier else 0
                    if sibling.kind == "paragraph" and (named in text or any(
                            siblings[m].id == i for m in range(max(n - back, 0), n))):
                        read_with.add((k, sibling.id))
        if within_article:
            # the 款 or 项 of the articles found, as they are now
            units = [(k, node, frozenset(_pairs(_wording(node))))
                     for k, article_id in articles for node in self.node((k, article_id)).walk()
                     if node.kind in kinds]
        else:
            units = [unit for kind in kinds for unit in index.units(kind)]
        for unit_key, node, pairs in units:
            # the cheap tests first: most provisions share nothing with the sentence
            term_elsewhere = bool(term) and term in _LOOSE_MARKS.sub("", _wording(node))
            if not term_elsewhere and len(words & pairs) < _SHARED_PAIRS_RENUMBERED:
                continue    # a sentence saying little more than 情节严重 fits a dozen provisions a little
            if (unit_key, node.id) in read_with or node.citation in beside:
                continue
            if any(unit_key == k and (node.id == i or node.id.startswith(i + "__") or i.startswith(node.id + "__"))
                   for k, i in found_ids):
                continue
            if (unit_key, _article_id(node.id)) not in articles \
                    and _article_label(node.id, self._documents[unit_key]) in cited:
                continue    # another article the provision cites: its words are those of that reference
            if term_elsewhere:
                return False    # the term defined is another provision's word (对侦破重大案件起关键作用)
            if index.score(words, pairs) >= better_fit * fit:
                return False
        return True

    def _headed_as_cited(self, sentence: str, found: list[tuple[str, str]]) -> bool | None:
        """What the headings of the 编, 章 or 节 found say of a number cited across an
        amendment: True when the heading of one shares a word with the sentence; False when
        none does and the heading of one beside it (in the same 编 or 章) is in the sentence
        (涉外 cases' 管辖 cited in 2003 as 民事诉讼法第二十五章: today that 章 is 送达、
        调查取证、期间, 管辖 is 第二十四章); None when no division is found or neither
        is so.  A division's words are a whole chapter's, which share words with any
        sentence; its heading says what it is."""
        divisions = [(key, node) for key, node_id in found
                     if (node := self.node((key, node_id))).kind in DIVISION_KINDS]
        if not divisions:
            return None
        words = _pairs(sentence)
        if any(node.title and _pairs(node.title) & words for _, node in divisions):
            return True
        ids = {(key, node.id) for key, node in divisions}
        for key, node in divisions:
            parent_id = node.id.rsplit("__", 1)[0] if "__" in node.id else ""
            for sibling in getattr(self.node((key, parent_id)), "children", ()):
                if sibling.kind == node.kind and (key, sibling.id) not in ids and sibling.title \
                        and len(sibling.title) > 1 and sibling.title in sentence:
                    return False
        return None

    def _article_fits_best(self, words: set[str], found: list[tuple[str, str]], index: "_WordingIndex",
                           threshold: int) -> bool:
        """Whether the article holding what was found shares ``threshold`` words with the
        sentence and fits it better than every other article of the act, by
        :data:`_BEST_ARTICLE_MARGIN`: a 项 cited with the words of the article around it
        (监察法第十五条第二项规定的人员，未担任公务员… : 公务员 is its 第（一）项's word).
        Which 款 or 项 of the article is meant the provisions' own fit still tells."""
        articles = {(key, _article_id(node_id)) for key, node_id in found}
        scores = sorted(((index.score(words, pairs), (key, node.id), len(words & pairs))
                         for key, node, pairs in index.units("article")), reverse=True)
        if not scores or scores[0][1] not in articles or scores[0][2] < threshold:
            return False
        others = [score for score, target, _ in scores if target not in articles]
        return not others or scores[0][0] >= _BEST_ARTICLE_MARGIN * others[0]

    def _read_with(self, target: tuple[str, str], read_with: set[tuple[str, str]]) -> str:
        """The words of a provision as it is read: a 款 saying 前款 with the 款
        before it, an item with the lead-in of its 款 (过失犯前款罪的 is about
        the 危险方法 of the 款 before); what is read with it goes into ``read_with``."""
        key, node_id = target
        node = self.node(target)
        text = _wording(node)
        if node.kind == "item" and "__" in node_id:
            parent_id = node_id.rsplit("__", 1)[0]
            parent = self.node((key, parent_id))
            text = getattr(parent, "text", "") + text
        elif node.kind == "paragraph" and "前" in text and _EARLIER_PARAGRAPHS.search(text):
            article_id = _article_id(node_id)
            for sibling in getattr(self.node((key, article_id)), "children", ()):
                if sibling.id == node_id:
                    break
                if sibling.kind == "paragraph":
                    text = _wording(sibling) + text
                    read_with.add((key, sibling.id))
        return text

    def _wording_index(self, version: "_Version") -> "_WordingIndex":
        cache = self._reading.setdefault("wording", {})
        index = cache.get(version.keys)
        if index is None:
            index = cache[version.keys] = _WordingIndex([(k, self._documents[k]) for k in version.keys])
        return index

    def cross_references(self) -> list[CrossReference]:
        """Every external reference of every document, resolved (computed once, kept)."""
        if self._cross is None:
            self._cross = [self.resolve(key, ref) for key, doc in self._documents.items()
                           for ref in doc.references if ref.kind == "external"]
            # the word pairs of whole acts serve resolving only (34 MiB for the dev corpus)
            self._reading.pop("wording", None)
        return list(self._cross)

    def backlinks(self, target: "str | tuple[str, str]", date: str | None = None,
                  below: bool = True) -> list[CrossReference]:
        """The references of other documents that cite ``target`` — a citation
        with an act (刑法第六十七条) or a ``(document key, node id)`` pair — or,
        with ``below``, any provision inside it (刑法第六十七条第一款)."""
        if isinstance(target, str):
            key, node = self.locate(target, date)
            target = (key, node.id)
        key, node_id = target
        prefix = node_id + "__"
        return [x for x in self.cross_references()
                if any(k == key and (i == node_id or (below and i.startswith(prefix))) for k, i in x.target_ids)]

    def unresolved(self) -> list[CrossReference]:
        """The external references to acts the collection does not hold, or to
        provisions the act it holds does not have (in part or whole)."""
        return [x for x in self.cross_references() if x.status != "resolved"]
