"""The builder: grammar reductions → the pydantic tree.

:class:`Builder` is a Lark transformer: the LALR loop calls one method per
rule as it reduces, so no parse tree is ever built.  The methods make plain
dicts shaped like the models (every field, in the model's order);
:func:`assign_ids` numbers paragraphs and gives every node its id and
citation, :func:`check_numbering` reports gaps, and :func:`to_models` turns
the dicts into the pydantic tree without validating them again (each dict
becomes its model's ``__dict__``; validation would cost several times more
than the rest of the build, and ``tests/test_build.py`` shows the trees are
the ones validation makes).
"""
from __future__ import annotations

from typing import Any, Callable

from lark import Transformer
from pydantic import BaseModel

from .citation import step_text
from .grammar import LineToken
from .model import (DIVISION_KINDS, Appendix, Article, Chapter, Decision, Diagnostic, Heading, Item, Noise, Paragraph,
                    Part, Reference, Regulation, Section, Subitem, Subpart)
from .normalize import slice_pieces

__all__ = ["Builder", "assign_ids", "check_numbering", "to_models"]

_EID = {"part": "part", "subpart": "subpart", "chapter": "chp", "section": "sec", "article": "art",
        "paragraph": "para", "item": "item", "subitem": "subitem"}


def _blank(cls: type) -> dict:
    """Every field of ``cls`` at its default, in declaration order (a list
    field holds () until it is given).  A node dict starts as a copy of this
    and has its fields overridden in place, so that its keys are in the
    model's order and :func:`to_models` can use the dict as the model's
    ``__dict__`` as it is; working keys (``_src``) come after the fields."""
    return {name: () if info.default_factory is not None else info.default
            for name, info in cls.model_fields.items()}


_SUBITEM, _ITEM, _PARAGRAPH, _ARTICLE = (_blank(c) for c in (Subitem, Item, Paragraph, Article))
_DIVISION = {"part": _blank(Part), "subpart": _blank(Subpart), "chapter": _blank(Chapter),
             "section": _blank(Section)}


def _text_after_mark(tok: LineToken) -> tuple[str, list[tuple[int, int]]]:
    line = tok.line
    mark = tok.mark
    if mark is None:
        return line.text, line.pieces
    rest = mark.rest
    return line.text[rest:], slice_pieces(line.pieces, rest)


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


class Builder(Transformer):
    """One method per grammar rule; each returns a dict shaped like the model."""

    def __init__(self) -> None:
        super().__init__()
        self.noise: list = []            # markup the builder takes off (the brackets of 【…】)

    # -- leaves --------------------------------------------------------------
    def subitem(self, children: list) -> dict:
        tok = children[0]
        text, src = _text_after_mark(tok)
        if len(children) > 1:
            text, src = _continued(text, src, [c.line for c in children[1:]])
        return {**_SUBITEM, "label": tok.mark.label, "number": tok.mark.number, "text": text,
                "span": (tok.line.start, children[-1].line.end), "_src": src}

    def item(self, children: list) -> dict:
        tok = children[0]
        text, src = _text_after_mark(tok)
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
        return {**_ITEM, "label": tok.mark.label, "number": tok.mark.number, "text": text,
                "span": (tok.line.start, end), "children": subs, "_src": src}

    def paragraph(self, children: list) -> dict:
        tok = children[0]
        items = children[1:]
        end = items[-1]["span"][1] if items else tok.line.end
        return {**_PARAGRAPH, "text": tok.line.text, "span": (tok.line.start, end),
                "children": items, "_src": tok.line.pieces}

    def article(self, children: list) -> dict:
        tok = children[0]
        mark = tok.mark
        text, src = _text_after_mark(tok)
        title = None
        if text[:1] == "【":
            # 第一条【立法目的】为了…: an article heading, as local regulations print them
            close = text.find("】", 1, 40)
            if close > 1:
                title = text[1:close].strip() or None
                for at in (0, close):
                    a, b = slice_pieces(src, at, at + 1)[0]
                    self.noise.append(Noise(kind="markup", text=text[at], span=(a, b)))
                rest = close + 1
                while rest < len(text) and text[rest] in " \t\u3000\xa0":
                    rest += 1
                text, src = text[rest:], slice_pieces(src, rest)
        if len(children) == 1 and title is None:
            # the common article: one paragraph, no items (the general case below, written out)
            line = tok.line
            end = line.end
            return {**_ARTICLE, "label": mark.label, "number": mark.number, "suffix": mark.suffix,
                    "span": (line.start, end),
                    "children": [{**_PARAGRAPH, "text": text, "span": (src[0][0] if text else end, end),
                                  "children": [], "_src": src}]}
        first_items = []
        paragraphs = []
        for c in children[1:]:
            if c["kind"] == "item":
                first_items.append(c)
            else:
                paragraphs.append(c)
        first_end = first_items[-1]["span"][1] if first_items else tok.line.end
        start = src[0][0] if text else first_end
        first = {**_PARAGRAPH, "text": text, "span": (start, first_end),
                 "children": first_items, "_src": src}
        paragraphs.insert(0, first)
        article = {**_ARTICLE, "label": mark.label, "number": mark.number, "suffix": mark.suffix,
                   "span": (tok.line.start, paragraphs[-1]["span"][1]), "children": paragraphs}
        if title is not None:
            article["title"] = title
        return article

    # -- divisions -----------------------------------------------------------
    def _division(self, kind: str, children: list) -> dict:
        tok = children[0]
        title = tok.line.text[tok.mark.rest:] if tok.mark is not None else tok.line.text
        body = []
        intro = None
        for c in children[1:]:
            if c["kind"] == "loose":
                intro = c
            else:
                body.append(c)
        end = body[-1]["span"][1] if body else (intro["span"][1] if intro else tok.line.end)
        node = {**_DIVISION[kind], "label": tok.mark.label, "number": tok.mark.number,
                "title": _clean_title(title) or None, "span": (tok.line.start, end), "children": body}
        if intro is not None:
            node["_intro"] = intro
        return node

    def part(self, children: list) -> dict:
        return self._division("part", children)

    def subpart(self, children: list) -> dict:
        return self._division("subpart", children)

    def chapter(self, children: list) -> dict:
        return self._division("chapter", children)

    def section(self, children: list) -> dict:
        return self._division("section", children)

    def heading(self, children: list) -> dict:
        tok = children[0]
        lines = [tok.line] + [c.line for c in children[1:]]
        return {"kind": "heading", "text": _clean_title(tok.line.text), "span": (tok.line.start, lines[-1].end),
                "paragraphs": [ln.text for ln in lines[1:]]}

    def closing_heading(self, children: list) -> dict:
        return self.heading(children)

    def loose(self, children: list) -> dict:
        lines = [c.line for c in children]
        return {"kind": "loose", "span": (lines[0].start, lines[-1].end), "_lines": lines}

    # -- around the body -----------------------------------------------------
    def front(self, children: list) -> dict:
        return {"kind": "front", "tokens": children}

    def preamble(self, children: list) -> dict:
        lines = [c.line for c in children]
        return {"kind": "preamble", "span": (lines[0].start, lines[-1].end), "_lines": lines}

    def appendix(self, children: list) -> dict:
        tok = children[0]
        lines = [c.line for c in children]
        return {"kind": "appendix", "label": tok.line.text[:tok.mark.end].strip() if tok.mark else tok.line.text,
                "text": "\n".join(ln.text for ln in lines), "span": (lines[0].start, lines[-1].end)}

    def start(self, children: list) -> dict:
        doc: dict[str, Any] = {"kind": "regulation", "children": [], "appendices": [], "headings": [],
                               "info": [], "preamble": ""}
        body: list[dict] = []
        for c in children:
            k = c["kind"]
            if k == "front":
                for tok in c["tokens"]:
                    if tok.type == "SUBTITLE":
                        doc["subtitle"] = tok.line.text
                    elif tok.type == "INFO":
                        doc["info"].append(tok.line.text)
            elif k == "preamble":
                doc["preamble"] = "\n".join(ln.text for ln in c["_lines"])
                doc["_preamble"] = c
            elif k == "appendix":
                doc["appendices"].append(c)
            else:
                body.append(c)
        doc["children"] = body
        return doc


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

    def visit(nodes: list[dict], prefix: str, parent_cite: str) -> None:
        for node in nodes:
            kind = node["kind"]
            if kind == "article":
                num = node["number"]
                suffix = node.get("suffix", 0)
                eid = unique(f"{prefix}art_{num}-{suffix}" if suffix else f"{prefix}art_{num}")
                cite = article_cites.get((num, suffix)) or _cached(
                    article_cites, (num, suffix),
                    lambda: step_text("article", num, suffix))
                node["id"] = eid
                node["citation"] = cite
                for pi, para in enumerate(node["children"], 1):
                    suffix_id, suffix_cite = paragraph_cites.get(pi) or _cached(
                        paragraph_cites, pi, lambda: (f"__para_{pi}", step_text("paragraph", pi)))
                    pid = eid + suffix_id
                    pcite = cite + suffix_cite
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


def check_numbering(articles: list[dict], divisions: list[dict], diagnostics: list[dict]) -> None:
    """Numbering gaps, duplicates and out-of-order numbers of articles, and of
    divisions within their parent, added to ``diagnostics``.  ``articles`` and
    ``divisions`` are in document order, as :func:`assign_ids` returns them."""
    last: tuple[int, int] | None = None
    seen: set[tuple[int, int]] = set()
    for art in articles:
        key = (art["number"], art.get("suffix", 0))
        if key in seen:
            diagnostics.append(_diag("duplicate_number", "warning", f"{art['label']} appears more than once",
                                     art["span"]))
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


def _diag(code: str, severity: str, message: str, span: tuple[int, int]) -> dict:
    return {"code": code, "severity": severity, "message": message, "span": span}


# -- the dicts → the pydantic tree ---------------------------------------------
# The builder's dicts are complete and of the right types (they are made
# here, not read from a caller), so the tree is constructed directly:
# validating it again costs several times more than the rest of the build.
# What each model gets is exactly what validating the same dict would give:
# every field in declaration order (defaults for the missing ones), no
# extra, private attributes at their defaults.  Every field counts as set, as
# in a tree read back from its JSON (the builder decides every field); the
# nodes of a class share one such set, which pydantic copies before it
# changes one (model_copy).  ``tests/test_build.py`` checks the trees against validated ones.

_new = object.__new__
_setattr = object.__setattr__
# the setters of BaseModel's slots, a little cheaper than object.__setattr__
_SLOT_SETTERS = {"_set_fields_set": BaseModel.__pydantic_fields_set__.__set__,
                 "_set_extra": BaseModel.__pydantic_extra__.__set__,
                 "_set_private": BaseModel.__pydantic_private__.__set__}


def _maker(cls: type, converters: dict[str, Any], direct: bool = False) -> Callable[[dict], Any]:
    """A function that constructs ``cls`` from a dict, converting nested fields.

    Written out per class from ``cls.model_fields`` (no loop over the fields:
    a generic loop costs as much as validating).  The model's ``__dict__``
    starts as a template of the defaults, in declaration order, updated with
    the dict: keys of the dict that are not fields (working keys such as
    ``_src``) land after the fields, where they are cut off.  Each
    ``converters`` entry makes the models of a list field's items: one maker,
    or a dict of makers by the items' ``kind``.

    With ``direct``, a dict that holds exactly the fields in declaration order
    (after its trailing working keys are cut off) is used as the ``__dict__``
    itself, its list fields converted in place: the builder makes its node
    dicts that way (:func:`_blank`) and never shares one, which saves a copy
    of every node.  Such a dict is consumed.
    """
    fields = cls.model_fields
    env: dict[str, Any] = {"_new": _new, "_set": _setattr, "cls": cls, **_SLOT_SETTERS,
                           "private": {name: attr.get_default() for name, attr in cls.__private_attributes__.items()}}
    template: dict[str, Any] = {}
    fresh = []
    for i, (name, info) in enumerate(fields.items()):
        convert = converters.get(name)
        if info.default_factory is not None:
            if info.default_factory is not list:
                raise TypeError(f"{cls.__name__}.{name}: only list default factories are constructed directly")
            template[name] = ()          # a missing list becomes a fresh empty list below
            if isinstance(convert, dict):
                # models of several kinds (a division's children): the maker by kind
                env[f"by_kind{i}"] = convert
                fresh.append(f"    value = state[{name!r}]\n"
                             f"    state[{name!r}] = [by_kind{i}[v['kind']](v) for v in value] if value else []\n")
            elif convert is not None:
                env[f"convert{i}"] = convert
                fresh.append(f"    value = state[{name!r}]\n"
                             f"    state[{name!r}] = [convert{i}(v) for v in value] if value else []\n")
            else:
                fresh.append(f"    state[{name!r}] = list(state[{name!r}])\n")
        elif convert is not None or info.is_required():
            # required fields come from the dict; a KeyError below is a builder bug
            template[name] = None
            if convert is not None:
                env[f"convert{i}"] = convert
                fresh.append(f"    state[{name!r}] = [convert{i}(v) for v in state[{name!r}]]\n")
        else:
            template[name] = info.default
    required = [name for name, info in fields.items() if info.is_required()]
    env["template"] = template
    env["every_field"] = set(fields)
    n = len(template)
    merge = ("        state = {**template, **data}\n"
             f"        while len(state) > {n}:\n"
             "            state.popitem()\n"
             + "".join(f"        data[{name!r}]\n" for name in required))
    if direct:
        # the builder's node dicts (see _blank): working keys at the end cut
        # off, the dict itself becomes the model's __dict__
        start = ("def make(data):\n"
                 f"    while len(data) > {n} and (key := next(reversed(data)))[0] == '_':\n"
                 "        del data[key]\n"
                 f"    if len(data) == {n} and next(iter(data)) == {next(iter(template))!r}:\n"
                 "        state = data\n"
                 "    else:\n" + merge)
    else:
        start = "def make(data):\n    if True:\n" + merge
    source = (
        start
        + "".join(fresh) +
        "    model = _new(cls)\n"
        "    _set(model, '__dict__', state)\n"
        "    _set_fields_set(model, every_field)\n"
        "    _set_extra(model, None)\n"
        f"    _set_private(model, {'dict(private)' if env['private'] else 'None'})\n"
        "    return model\n")
    exec(compile(source, f"<construct {cls.__name__}>", "exec"), env)
    return env["make"]


def _keep_models(cls: type, make: Callable[[dict], Any]) -> Callable[[Any], Any]:
    # noise and decisions arrive as models already; validation keeps those
    def convert(value: Any) -> Any:
        return value if type(value) is cls else make(value)
    return convert


def _makers() -> Callable[[dict], Any]:
    references = _maker(Reference, {})
    subitem = _maker(Subitem, {"references": references}, direct=True)
    item = _maker(Item, {"children": subitem, "references": references}, direct=True)
    paragraph = _maker(Paragraph, {"children": item, "references": references}, direct=True)
    article = _maker(Article, {"children": paragraph}, direct=True)
    children: dict[str, Callable[[dict], Any]] = {"article": article}
    for kind, cls in (("part", Part), ("subpart", Subpart), ("chapter", Chapter), ("section", Section)):
        children[kind] = _maker(cls, {"children": children}, direct=True)
    return _maker(Regulation, {
        "children": children,
        "appendices": _maker(Appendix, {}),
        "headings": _maker(Heading, {}),
        "diagnostics": _maker(Diagnostic, {}),
        "noise": _keep_models(Noise, _maker(Noise, {})),
        "decisions": _keep_models(Decision, _maker(Decision, {})),
        "references": references,
    })


_regulation_maker: Callable[[dict], Any] | None = None


def to_models(tree: dict) -> Any:
    """The :class:`~regparse.model.Regulation` of a finished builder tree.

    The tree's node dicts become the models' ``__dict__``: the tree is
    consumed and must not be used again."""
    global _regulation_maker
    if _regulation_maker is None:
        _regulation_maker = _makers()
    return _regulation_maker(tree)
