"""Akoma Ntoso 3.0 (OASIS LegalDocML) XML.

A regulation becomes an ``<act>``; a fragment (a regulation whose text starts
mid-sequence, diagnostic ``fragment_start``) becomes a ``<doc>``, since it is
not the whole act.  The mapping:

=====================  ==================================================
regparse               Akoma Ntoso
=====================  ==================================================
title, subtitle, info  ``<preface>``: ``<longTitle><p><docTitle>``, ``<p>``
preamble               ``<preamble><p>``
编 / 分编 / 章 / 节      ``<part>`` / ``<subpart>`` / ``<chapter>`` / ``<section>``
条                      ``<article>``
款                      ``<paragraph>``
项 / 目                 ``<point>`` inside ``<list>``; the lead-in is the
                       list's ``<intro>``
label / title          ``<num>`` (as printed: 第十一条, （三）) / ``<heading>``
附则-like headings      ``<hcontainer name="crossHeading"><heading>``
一、（一）1． points     ``<point>``, nested; a point's own text before its
                       points is its ``<intro>``
closing (此复。, dates)  ``<conclusions><p>``
附件                    ``<attachments><attachment><doc name="attachment">``
reference              ``<ref href="#eId">``
=====================  ==================================================

eIds follow the Akoma Ntoso naming convention: ``chp_3__art_11__para_1__list_1__point_3``
(``art_10-1`` for 第十条之一).  FRBR URIs are ``/akn/cn/act/<date>/<name>``
with the date of the first date printed in the info lines (or, without
them, in the front matter) and the title as name; pass ``frbr_uri`` to
choose the work URI yourself.  The expression is in Chinese (``zho``) and
dated by the latest of those dates.  The work carries what the text says of
itself (:class:`regparse.model.FrontMatter`): an ``FRBRdate`` for each of
its adoption, promulgation and effective dates (named ``adoption``,
``promulgation``, ``entryIntoForce``), its issuers as ``FRBRauthor``
pointing at a ``TLCOrganization`` each, its number as ``FRBRnumber`` and
its type (法律, 行政法规 …) as ``FRBRsubtype`` and ``FRBRname``; a
promulgation order before the title opens the ``<preface>``.

Example::

    from regparse.export import to_akn
    xml = to_akn(doc, frbr_uri="/akn/cn/act/2025/party-organs")
"""
from __future__ import annotations

import datetime
import re

from ..errors import RegparseError
from ..model import Article, Division, Heading, Node, Point, Regulation
from ..catalogue import iso_dates
from ._shared import HeadingPlacer, appendix_intro, clean, lines_of, link_target, one_line, runs_by_line, unique

__all__ = ["to_akn", "NAMESPACE", "work_uri"]

NAMESPACE = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
#: eId abbreviations of the naming convention
ABBREVIATIONS = {"part": "part", "subpart": "subpart", "chapter": "chp", "section": "sec",
                 "article": "art", "paragraph": "para", "item": "point", "subitem": "point", "point": "point"}
#: the element each node kind becomes
ELEMENTS = {"part": "part", "subpart": "subpart", "chapter": "chapter", "section": "section",
            "article": "article", "paragraph": "paragraph", "item": "point", "subitem": "point", "point": "point"}
#: the date of a work whose text prints none; the schema requires one
UNKNOWN_DATE = "0001-01-01"
LANGUAGE = "zho"

_WORK_URI = re.compile(
    r"^/akn/(?P<country>[a-z]{2})(?:-[^/\s]+)?/(?P<doctype>[^/\s]+)"
    r"(?:/[^0-9/\s][^/\s]*){0,2}/(?P<date>[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?)/(?P<number>[^/\s]+)$")
# characters a work URI given by the caller may not hold: control characters
# (no XML 1.0 document can carry most of them, escaped or not), surrogates,
# non-characters, and what would end or change an attribute
_URI_FORBIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\"'<>&]")
# characters an FRBR name may not hold: whitespace, path and query syntax
_URI_UNSAFE = re.compile(r"[\s/?#%.\\\"'<>]+")


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(text: str) -> str:
    return (_esc(text).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;"))


def _dates(lines: list[str]) -> list[str]:
    """ISO dates printed in ``lines`` (2020年5月28日, 二〇二〇年五月二十八日), in order."""
    return [date for line in lines for date in iso_dates(line)]


#: the name of each FRBRdate of the work, for the dates of the front matter
DATE_NAMES = (("adopted", "adoption"), ("promulgated", "promulgation"), ("effective", "entryIntoForce"))


def _named_dates(doc: Regulation) -> list[tuple[str, str]]:
    """(ISO date, FRBRdate name) of the adoption, promulgation and effective dates the text prints."""
    front = doc.front_matter
    if front is None:
        return []
    return [(getattr(front, field), name) for field, name in DATE_NAMES if getattr(front, field)]


def _printed_dates(doc: Regulation) -> list[str]:
    """The dates the work and expression are dated by: those of the info
    lines, or where there are none (an order before the title, no issuing
    line), those of the front matter and its amendments."""
    dates = _dates(list(doc.info))
    if not dates and doc.front_matter is not None:
        dates = [date for date, _ in _named_dates(doc)] + [a["date"] for a in doc.front_matter.amendments
                                                           if a.get("date")]
    return dates


def work_uri(doc: Regulation) -> str:
    """The FRBR work URI regparse gives ``doc``: ``/akn/cn/act/2020-05-28/中华人民共和国民法典``."""
    dates = _printed_dates(doc)
    doctype = "doc" if _is_fragment(doc) else "act"
    name = _URI_UNSAFE.sub("-", clean(doc.title or "")).strip("-") or "untitled"
    return f"/akn/cn/{doctype}/{dates[0] if dates else UNKNOWN_DATE}/{name}"


def _is_fragment(doc: Regulation) -> bool:
    return any(d.code == "fragment_start" for d in doc.diagnostics)


class _Writer:
    def __init__(self, doc: Regulation):
        self.parts: list[str] = []
        self.eids: set[str] = set()
        # model id → eId, so that references can point at the elements written
        self.eid_of: dict[str, str] = {}
        self.placer = HeadingPlacer(doc)
        self.crossheadings = 0
        self.queue: list[str] = []
        self._assign(doc.children, "")
        # the points of appendices that are lists, written in their attachments after the body
        for number, appendix in enumerate(doc.appendices, 1):
            self._assign(appendix.children, f"att_{number}__")
        self.position = iter(self.queue)

    # -- eIds ---------------------------------------------------------------
    def _assign(self, nodes: list, prefix: str) -> None:
        """Work out every eId before writing, so that forward references resolve.

        The eIds are queued in the order :meth:`node` writes them (an object
        may appear twice in a tree, so they cannot be keyed by node).
        """
        counts: dict[str, int] = {}
        for node in nodes:
            kind = node.kind
            counts[kind] = counts.get(kind, 0) + 1
            if node.number is not None and node.number >= 0:
                num = str(node.number) + (f"-{node.suffix}" if node.suffix else "")
            else:
                num = f"nn{counts[kind]}"
            eid = unique(prefix + ABBREVIATIONS[kind] + "_" + num, self.eids)
            self.queue.append(eid)
            if node.id and node.id not in self.eid_of:
                self.eid_of[node.id] = eid
            children = getattr(node, "children", None)
            if children:
                if kind in ("paragraph", "item"):
                    eid = unique(eid + "__list_1", self.eids)
                    self.queue.append(eid)
                self._assign(children, eid + "__")

    def next_eid(self) -> str:
        return next(self.position)

    # -- text ---------------------------------------------------------------
    def paragraphs(self, node: Node, text: str) -> str:
        """The node's text as ``<p>`` lines, references as ``<ref>``, escaped."""
        references = getattr(node, "references", None) or ()
        out = []
        for line in runs_by_line(text, references):
            out.append("<p>")
            for run, ref in line:
                target = link_target(ref, self.eid_of)
                out.append(f'<ref href="#{_attr(target)}">{_esc(run)}</ref>' if target else _esc(run))
            out.append("</p>")
        return "".join(out) or "<p/>"

    # -- structure ----------------------------------------------------------
    def node(self, node: Node) -> None:
        w = self.parts.append
        for heading in self.placer.before(node):
            self.crossheading(heading)
        kind = node.kind  # type: ignore[attr-defined]
        element = ELEMENTS[kind]
        w(f'<{element} eId="{_attr(self.next_eid())}">\n')
        label = one_line(node.label)
        if label:
            w(f"<num>{_esc(label)}</num>\n")
        title = one_line(node.title)
        if title:
            w(f"<heading>{_esc(title)}</heading>\n")
        if isinstance(node, Point) and node.children:
            # the point's own text before its points (or articles)
            if lines_of(node.text):
                w("<intro>" + self.paragraphs(node, node.text) + "</intro>\n")
            for child in node.children:
                self.node(child)
        elif isinstance(node, (Division, Article)):
            for child in node.children:
                self.node(child)
            if not node.children:
                w("<content><p/></content>\n")
        elif getattr(node, "children", None):   # a paragraph or item with items under it
            w(f'<list eId="{_attr(self.next_eid())}">\n')
            if lines_of(node.text):
                w("<intro>" + self.paragraphs(node, node.text) + "</intro>\n")
            for child in node.children:
                self.node(child)
            w("</list>\n")
        else:   # text alone: a paragraph, item or sub-item
            w("<content>" + self.paragraphs(node, node.text) + "</content>\n")
        w(f"</{element}>\n")

    def crossheading(self, heading: Heading) -> None:
        """An unnumbered heading (附则) and the lines under it."""
        text = one_line(heading.text)
        lines = [line for paragraph in heading.paragraphs for line in lines_of(paragraph)]
        if not text and not lines:
            return
        self.crossheadings += 1
        eid = unique(f"hcontainer_{self.crossheadings}", self.eids)
        head = f"<heading>{_esc(text)}</heading>" if text else ""
        content = ("<content>" + "".join(f"<p>{_esc(line)}</p>" for line in lines) + "</content>") if lines else ""
        self.parts.append(f'<hcontainer eId="{eid}" name="crossHeading">{head}{content}</hcontainer>\n')


class _Work:
    """What the FRBR Work says of the document: its dates with their names,
    its authors (the issuers, as TLCOrganization references), its number
    and its type."""

    def __init__(self, doc: Regulation, work_date: str, work_date_name: str):
        named = _named_dates(doc)
        # the work's own date leads unless it is one of the named dates
        self.dates = named if any(date == work_date for date, _ in named) else [(work_date, work_date_name)] + named
        front = doc.front_matter
        issuers = list(front.issuers) if front is not None else []
        self.organizations = [(f"issuer_{k}", name) for k, name in enumerate(issuers, 1)]
        self.number = front.number if front is not None else None
        self.type = front.type if front is not None else None

    def properties(self) -> str:
        """FRBRdate … FRBRname, in the schema's order."""
        out = [f'<FRBRdate date="{date}" name="{name}"/>' for date, name in self.dates]
        out.extend(f'<FRBRauthor href="#{eid}"/>' for eid, _ in self.organizations)
        if not self.organizations:
            out.append('<FRBRauthor href="#regparse"/>')
        out.append('<FRBRcountry value="cn"/>')
        if self.type:
            out.append(f'<FRBRsubtype value="{_attr(self.type)}"/>')
        if self.number:
            out.append(f'<FRBRnumber value="{_attr(one_line(self.number))}"/>')
        if self.type:
            out.append(f'<FRBRname value="{_attr(self.type)}"/>')
        return "".join(out)

    def references(self) -> str:
        """The TLCOrganization of regparse and of each issuer."""
        out = ['<TLCOrganization eId="regparse" href="/ontology/organization/regparse" showAs="regparse"/>']
        for eid, name in self.organizations:
            href = "/ontology/organization/cn/" + (_URI_UNSAFE.sub("-", clean(name)).strip("-") or eid)
            out.append(f'<TLCOrganization eId="{eid}" href="{_attr(href)}" showAs="{_attr(one_line(name))}"/>')
        return "".join(out)


def _table(rows: list[list[str]], prefix: str) -> str:
    """An appendix's rows as an Akoma Ntoso ``<table>``: a cell per column, the short
    rows (a caption of one cell) widened to the table's width."""
    width = max(len(row) for row in rows)
    out = [f'<table eId="{_attr(prefix)}__table_1">']
    for row in rows:
        cells = "".join(f"<td><p>{_esc(cell)}</p></td>" for cell in row[:-1])
        span = width - len(row) + 1
        last = f'<td colspan="{span}">' if span > 1 else "<td>"
        out.append(f"<tr>{cells}{last}<p>{_esc(row[-1])}</p></td></tr>")
    out.append("</table>")
    return "".join(out)


def _identification(work: str, facts: _Work, expression_date: str, title: str, component: str = "main") -> str:
    expression = f"{work}/{LANGUAGE}@{expression_date}"
    alias = f'<FRBRalias value="{_attr(title)}" name="title"/>' if title else ""
    return (
        '<identification source="#regparse">'
        f'<FRBRWork><FRBRthis value="{_attr(work)}/!{component}"/><FRBRuri value="{_attr(work)}"/>{alias}'
        f'{facts.properties()}</FRBRWork>'
        f'<FRBRExpression><FRBRthis value="{_attr(expression)}/!{component}"/>'
        f'<FRBRuri value="{_attr(expression)}"/><FRBRdate date="{expression_date}" name="expression"/>'
        f'<FRBRauthor href="#regparse"/><FRBRlanguage language="{LANGUAGE}"/></FRBRExpression>'
        f'<FRBRManifestation><FRBRthis value="{_attr(expression)}/!{component}.xml"/>'
        f'<FRBRuri value="{_attr(expression)}.xml"/><FRBRdate date="{expression_date}" name="derived"/>'
        f'<FRBRauthor href="#regparse"/></FRBRManifestation>'
        "</identification>"
    )


def _dates_for(doc: Regulation, frbr_uri: str | None) -> tuple[str, str, str, str]:
    """(work URI, work date, its name, expression date)."""
    printed = _printed_dates(doc)
    if frbr_uri is None:
        uri = work_uri(doc)
        if printed:
            return uri, printed[0], "enactment", max(printed)
        return uri, UNKNOWN_DATE, "unknown", UNKNOWN_DATE
    if not isinstance(frbr_uri, str) or _URI_FORBIDDEN.search(frbr_uri):
        raise RegparseError(
            f"not an Akoma Ntoso work URI: {frbr_uri!r} (it holds a control character, a quote, "
            "<, > or &, which no URI attribute may carry)")
    match = _WORK_URI.match(frbr_uri.rstrip("/"))
    if not match:
        raise RegparseError(
            f"not an Akoma Ntoso work URI: {frbr_uri!r} (expected e.g. /akn/cn/act/2025-01-01/name)")
    uri = match.group(0)
    date = match.group("date")
    if len(date) < 10:
        # a year (or year-month) in the URI: take the printed date it abbreviates, if any
        date = next((d for d in printed if d.startswith(date)), date + "-01-01" if len(date) == 4
                    else date + "-01")
    try:
        datetime.date.fromisoformat(date)
    except ValueError:
        raise RegparseError(f"the date in {frbr_uri!r} is not a calendar date") from None
    later = [d for d in printed if d >= date]
    return uri, date, "enactment", max(later) if later else date


def to_akn(doc: Regulation, frbr_uri: str | None = None) -> str:
    """``doc`` as an Akoma Ntoso 3.0 XML document (a string, declaration included).

    ``frbr_uri`` is the work URI (``/akn/cn/act/2025/party-organs``); by default
    one is made from the title and the first date in the info lines.  Raises
    :class:`regparse.RegparseError` when ``frbr_uri`` is not a work URI.

    Example::

        >>> xml = to_akn(regparse.parse(text), frbr_uri="/akn/cn/act/2025/party-organs")
        >>> xml.splitlines()[1][:40]
        '<akomaNtoso xmlns="http://docs.oasis-ope'
    """
    uri, work_date, work_date_name, expression_date = _dates_for(doc, frbr_uri)
    fragment = _is_fragment(doc)
    root, main = ("doc", "mainBody") if fragment else ("act", "body")
    title = one_line(doc.title)
    writer = _Writer(doc)
    w = writer.parts.append
    w('<?xml version="1.0" encoding="UTF-8"?>\n')
    w(f'<akomaNtoso xmlns="{NAMESPACE}">\n')
    w(f'<{root} name="{"fragment" if fragment else "act"}">\n')
    facts = _Work(doc, work_date, work_date_name)
    w("<meta>" + _identification(uri, facts, expression_date, title))
    w(f'<references source="#regparse">{facts.references()}</references></meta>\n')

    preface = []
    order = doc.front_matter.order if doc.front_matter is not None else ""
    preface.extend(f'<p class="order">{_esc(text)}</p>' for text in lines_of(order))
    if title:
        preface.append(f"<longTitle><p><docTitle>{_esc(title)}</docTitle></p></longTitle>")
    subtitle = one_line(doc.subtitle)
    if subtitle:
        preface.append(f'<p class="subtitle">{_esc(subtitle)}</p>')
    for line in doc.info:
        preface.extend(f'<p class="info">{_esc(text)}</p>' for text in lines_of(line))
    if preface:
        w("<preface>" + "".join(preface) + "</preface>\n")
    preamble = lines_of(doc.preamble)
    if preamble:
        w("<preamble>" + "".join(f"<p>{_esc(line)}</p>" for line in preamble) + "</preamble>\n")

    w(f"<{main}>\n")
    for child in doc.children:
        writer.node(child)
    for heading in writer.placer.trailing():
        writer.crossheading(heading)
    if not doc.children and not fragment:
        # the schema wants at least one element in <body>: say there is no structure
        eid = unique("hcontainer_empty", writer.eids)
        w(f'<hcontainer eId="{eid}" name="empty"><content><p/></content></hcontainer>\n')
    elif not doc.children:
        w("<p/>\n")
    w(f"</{main}>\n")
    closing = lines_of(doc.closing)
    if closing:
        w("<conclusions>" + "".join(f"<p>{_esc(line)}</p>" for line in closing) + "</conclusions>\n")

    if doc.appendices:
        w("<attachments>\n")
        for number, appendix in enumerate(doc.appendices, 1):
            name = f"att_{number}"
            eid = unique(name, writer.eids)
            label = one_line(appendix.label)
            w(f'<attachment eId="{eid}"><doc name="attachment">\n')
            w("<meta>" + _identification(uri, facts, expression_date, label, component=name) + "</meta>\n")
            if label:
                w(f"<preface><longTitle><p><docTitle>{_esc(label)}</docTitle></p></longTitle></preface>\n")
            if appendix.rows:
                w("<mainBody>" + _table(appendix.rows, eid) + "</mainBody>\n")
            else:
                body = appendix_intro(appendix)
                w("<mainBody>" + ("".join(f"<p>{_esc(line)}</p>" for line in body)
                                  or ("" if appendix.children else "<p/>")))
                for child in appendix.children:
                    writer.node(child)
                w("</mainBody>\n")
            w("</doc></attachment>\n")
        w("</attachments>\n")
    w(f"</{root}></akomaNtoso>\n")
    return "".join(writer.parts)
