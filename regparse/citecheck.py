"""Check the citations of any text — an answer, a judgment, a memo — against a collection.

:func:`check_citations` finds every citation of an act's provision in the
text (《中华人民共和国民法典》第一千一百六十五条, 刑法第六十七条第一款, 同法第十条,
and a bare 第十条 continuing the act named just before in the same sentence),
looks each up in a :class:`~regparse.collection.Collection` down to 款, 项
and 目, and reports what is wrong with it:

- ``act_unknown``: the collection holds no act of that name;
- ``provision_missing``: the act is held but has no such provision (the
  closest one that exists is named);
- ``not_in_force``: on ``date`` the act was not in force yet (the
  versions held and the history the newest prints say so);
- ``quote_mismatch``: the wording quoted after the citation (规定：“…”) is not
  the provision's; the provision's wording is given beside it.

Example::

    >>> coll = Collection({"law": regparse.parse("示例法\\n第一条 甲应当乙。\\n第二条 丙可以丁。")})
    >>> [(c.surface, [f.code for f in c.findings]) for c in check_citations(
    ...     "依照《示例法》第二条规定：“丙应当丁。”另见示例法第九条。", coll)]
    [('《示例法》第二条', ['quote_mismatch']), ('示例法第九条', ['provision_missing'])]
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from typing import Literal

from . import refs
from .citation import Location, Range
from .collection import Collection, normalize_name
from .errors import CitationError, CitationNotFound
from .lookup import lookup
from .model import Node, Regulation

__all__ = ["check_citations", "CitationCheck", "Finding", "FINDINGS"]

FindingCode = Literal["act_unknown", "provision_missing", "not_in_force", "quote_mismatch"]
#: the finding codes, in the order they are looked for
FINDINGS = ("act_unknown", "provision_missing", "not_in_force", "quote_mismatch")


@dataclass(frozen=True)
class Finding:
    """What is wrong with one citation: ``code`` (see :data:`FINDINGS`), a
    ``message`` for people, and for a quote the provision's ``wording``."""

    code: FindingCode
    message: str
    wording: str | None = None


@dataclass(frozen=True)
class CitationCheck:
    """One citation of the text: ``surface`` at ``span``; ``act`` the title
    it resolves to (None when unknown); ``targets`` the canonical citations
    named (lists and ranges expanded); ``nodes`` the ``(document key, node id)``
    of each found; ``quote`` the wording quoted after it and its ``quote_span``;
    ``findings`` empty when all is well."""

    surface: str
    span: tuple[int, int]
    act: str | None
    targets: tuple[str, ...]
    nodes: tuple[tuple[str, str], ...]
    quote: str | None = None
    quote_span: tuple[int, int] | None = None
    findings: tuple[Finding, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        return not self.findings

    def to_dict(self) -> dict:
        return {"surface": self.surface, "span": list(self.span), "act": self.act, "targets": list(self.targets),
                "nodes": [list(n) for n in self.nodes], "quote": self.quote,
                "quote_span": list(self.quote_span) if self.quote_span else None,
                "findings": [{"code": f.code, "message": f.message, "wording": f.wording} for f in self.findings]}


# a quotation right after a citation: 规定：“…”, 规定，“…”, 明确“…”, 中的“…”
_QUOTE = re.compile(r"\s*(?:[的之]?(?:中的?)?(?:规定|明确规定|明确|指出|载明|表述为|写道|要求|所说|所称|所述|称|说)?(?:的?内容)?(?:为|是)?)\s*[：:，,]?\s*"
                    r"(?:[“\"「『])([^”\"」』]{2,2000})[”\"」』]")
_ELLIPSIS = re.compile(r"…+|\.{3,}|⋯+")
_SENTENCE_END = re.compile(r"[。；;！？!?\n]")
# what a quote and a provision are compared without: spaces and the marks people change freely
_LOOSE = re.compile(r"[\s，,。．.；;：:、“”\"'‘’「」『』（）()《》〈〉！!？?—\-…]")


def _loose(text: str) -> str:
    return _LOOSE.sub("", text)


def _quoted_in(quote: str, wording: str) -> tuple[bool, float]:
    """Whether ``quote`` (possibly cut with ……) is the provision's wording,
    and how close it comes (1.0 when it is)."""
    target = _loose(wording)
    pieces = [p for p in (_loose(piece) for piece in _ELLIPSIS.split(quote)) if p]
    if not pieces:
        return True, 1.0
    position = 0
    for piece in pieces:
        at = target.find(piece, position)
        if at < 0:
            break
        position = at + len(piece)
    else:
        return True, 1.0
    whole = "".join(pieces)
    matcher = SequenceMatcher(None, whole, target, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    return False, matched / max(len(whole), 1)


def _acts_of(collection: Collection) -> tuple[str, ...]:
    names: set[str] = set()
    for key in collection:
        facts = collection.facts(key)
        names.update(n for n in facts.names if len(n) <= 40)
        names.update(facts.declared)
    return tuple(sorted(names, key=len, reverse=True))


def check_citations(text: str, collection: Collection, date: str | None = None) -> list[CitationCheck]:
    """Every citation of a provision of an act in ``text``, in order, each
    checked against ``collection`` (see the module docstring); ``date`` (ISO)
    is when the text speaks of, for ``not_in_force``.

    A citation without an act (a bare 第十条 not continuing one) is not
    listed: it names nothing the collection can check.
    """
    if not isinstance(text, str):
        raise TypeError(f"check_citations() takes a str, not {type(text).__name__}")
    out: list[CitationCheck] = []
    last: refs.Found | None = None
    last_location: Location | None = None
    for found in refs.find(text, _acts_of(collection)):
        found = _in_context(found, last, last_location, text)
        if found is None or found.kind != "external" or found.citation is None:
            continue
        if found.act in ("同法", "该法"):
            if last is None:
                continue
            found = replace(found, act=last.act)
        targets = _targets(found)
        check = _check(text, found, targets, collection, date)
        out.append(check)
        last = found
        last_location = _last_location(found)
    return out


def _last_location(found: refs.Found) -> Location | None:
    element = found.citation.elements[-1] if found.citation is not None else None
    if element is None:
        return None
    location = element.end if isinstance(element, Range) else element
    base = found.base
    if base is not None and refs.RANK[base.deepest] < refs.RANK[location.top]:
        location = refs._apply(base, location)
    return location


def _in_context(found: refs.Found, before: refs.Found | None, before_location: Location | None,
                text: str) -> refs.Found | None:
    """A bare citation continuing the external one before it in the same
    sentence names the same act (刑法第六十七条、第六十八条; 第二款 after 第十条
    joined by 和/、 is that article's 第二款)."""
    if found.kind == "external" or found.citation is None or before is None or before_location is None:
        return found
    if found.word is not None or _SENTENCE_END.search(text, before.end, found.start):
        return found
    first = found.citation.elements[0]
    top = (first.start if isinstance(first, Range) else first).top
    if top == "article":
        return replace(found, kind="external", act=before.act, part=before.part)
    joined = refs._JOINED.fullmatch(text, before.end, found.start) is not None
    if top in ("paragraph", "item") and joined and before_location.article is not None:
        keep = ["article", "paragraph"] if top == "item" else ["article"]
        return replace(found, kind="external", act=before.act, base=before_location.keep(keep))
    return found


def _targets(found: refs.Found) -> list[str]:
    targets, _, _, _ = refs._resolve(found, None, None)   # an external citation is read from itself alone
    return targets


_ARTICLE_STEP = re.compile(r"第[^第条]+条(?:之[一二三四五六七八九十]+)?")


def _same_article(closest: str, target: str) -> bool:
    step = _ARTICLE_STEP.match(target)
    return step is not None and closest.startswith(step.group(0))


def _check(text: str, found: refs.Found, targets: list[str], collection: Collection,
           date: str | None) -> CitationCheck:
    quote_match = _QUOTE.match(text, found.end)
    quote = quote_match.group(1) if quote_match else None
    quote_span = quote_match.span(1) if quote_match else None
    findings: list[Finding] = []
    act_name = found.act or ""
    version, in_force = collection._version(act_name, date)
    if version is None:
        findings.append(Finding("act_unknown", f"the collection holds no act called {normalize_name(act_name)}"))
        return CitationCheck(found.surface, (found.start, found.end), None, tuple(targets), (), quote,
                             quote_span, tuple(findings))
    first = collection.first_in_force(act_name)
    if date is not None and not in_force and (first is None or date < first):
        # the version held came later, but the act was in force then when its text says
        # so (刑法 of 2023 cited for 2016): only a date before the act existed is a finding
        first = first or version.effective or version.enacted
        findings.append(Finding("not_in_force", f"《{version.title}》 was not in force on {date} (in force from {first})"))
    if not in_force:
        version, _ = collection._version(act_name, None)
    nodes: list[tuple[str, str]] = []
    wording: list[str] = []
    for target in targets:
        node, key, closest = None, None, None
        for doc_key in version.keys:
            try:
                node = lookup(collection[doc_key], target)
                key = doc_key
                break
            except CitationNotFound as e:
                # of an act printed in several documents, the closest in the one holding the article
                if e.closest and (closest is None or _same_article(e.closest, target)):
                    closest = e.closest
            except CitationError:
                break
        if node is None or not isinstance(node, Node) or isinstance(node, Regulation):
            hint = f"; the closest is {closest}" if closest else ""
            findings.append(Finding("provision_missing", f"《{version.title}》 has no {target}{hint}"))
            continue
        nodes.append((key, node.id))
        wording.append(node.full_text() if getattr(node, "children", None) else node.text)
    if quote is not None and wording:
        provision = "\n".join(wording)
        same, closeness = _quoted_in(quote, provision)
        if not same:
            findings.append(Finding(
                "quote_mismatch",
                f"the wording quoted is not that of {found.surface} ({closeness:.0%} of it is found there)",
                provision))
    return CitationCheck(found.surface, (found.start, found.end), version.title, tuple(targets), tuple(nodes),
                         quote, quote_span, tuple(findings))
