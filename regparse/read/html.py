"""Web pages: the regulation found in the page, one line per block of text.

What this reader guarantees the parser:

* the page's charset is honoured (a BOM, ``<meta charset>`` or
  ``http-equiv``; gb2312 and GBK pages are decoded as GB18030, their
  superset, as browsers do; without a declaration UTF-8, then GB18030);
* only the content block is in the text: the element holding the
  regulation (most of the 第X条/章 lines and of the text that is not links),
  preceded by the page's headline when the block does not begin with it.
  Site header, navigation, breadcrumbs, share buttons, sidebars, related
  links, footers are ``Source.furniture`` (``navigation``); scripts, styles
  and comments are dropped;
* ``<p>``, ``<br>``, ``<div>``, headings, list items and table cells end a
  line, and so does a line end inside ``<pre>``; runs of ASCII white space
  inside a line become one space as a browser shows them; the indent (&nbsp;, 　) at a line start is removed
  and kept as the line's ``indent``; tags inside a label (``<strong>第一条
  </strong>``, ``<span>第</span>…``) leave the label whole;
* layout facts per line: centred (``align``, ``text-align``, ``<center>``),
  bold (every character inside ``<b>``/``<strong>`` or bold style), indent;
* a gov.cn metadata table (索引号, 发文机关, 成文日期, 发文字号, 发布日期 …)
  goes into ``Source.metadata``.
"""
from __future__ import annotations

import re

from ..errors import ReadError
from .source import Source, SourceBuilder

__all__ = ["read_html", "page_encoding"]

_BLOCK = frozenset(
    "p div br li ul ol dl dt dd tr td th table tbody thead tfoot h1 h2 h3 h4 h5 h6 blockquote "
    "section article main header footer nav aside form pre hr center address figure figcaption "
    "caption fieldset".split())
_DROP = frozenset("script style noscript template iframe object embed select button input "
                  "textarea svg canvas head".split())
_BOLD_TAGS = frozenset(("b", "strong"))
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w:.]+)""", re.I)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_ASCII_SPACE = re.compile(r"[ \t\n\r\f]+")
_TEXT_INDENT = re.compile(r"text-indent:(\d+(?:\.\d+)?)em")
_INDENT = re.compile(r"^[ \u00a0\u3000\u2002\u2003\u2009]+")
# a line that is a structural marker of a regulation
_MARKER = re.compile(r"^\s*(第[一二三四五六七八九十百千零〇两\d]+[条章节编]|[（(][一二三四五六七八九十]+[)）])")
_GB = frozenset(("gb2312", "gbk", "gb18030", "x-gbk", "gb_2312-80", "csgb2312", "euc-cn", "cp936",
                 "hz-gb-2312", "windows-936"))
#: the field names of a gov.cn metadata table, as the page prints them
METADATA_FIELDS = ("索引号", "主题分类", "发文机关", "成文日期", "标题", "发文字号", "发布日期")


def page_encoding(data: bytes) -> str | None:
    """The encoding a page declares (gb2312 and GBK as GB18030), or None."""
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    match = _CHARSET.search(data[:4096])
    if not match:
        return None
    label = match.group(1).decode("ascii", "replace").lower()
    if label in _GB:
        return "gb18030"
    import codecs
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _decode(data: bytes, name: str) -> tuple[str, str]:
    declared = page_encoding(data)
    for encoding in ([declared] if declared else []) + ["utf-8", "gb18030"]:
        try:
            return data.decode(encoding).lstrip("\ufeff"), encoding
        except (UnicodeDecodeError, LookupError):
            continue
    # a page with a few broken bytes is still a page
    return data.decode(declared or "utf-8", errors="replace"), declared or "utf-8"


def read_html(data: bytes, name: str = "<bytes>") -> Source:
    """The :class:`Source` of an HTML page's bytes (see the module docstring)."""
    from . import require

    etree = require("lxml.etree", "html", name)
    text, encoding = _decode(data, name)
    # lxml refuses control characters (a browser ignores them)
    text = _CONTROL.sub("", text)
    try:
        # the plain libxml2 HTML parser: lxml.html's element classes cost a lookup per node
        root = etree.fromstring(text, etree.HTMLParser(remove_comments=True, remove_pis=True))
    except Exception as e:  # lxml raises ParserError, ValueError … on markup it cannot build a tree from
        raise ReadError(f"{name}: not an HTML page lxml can read ({e.__class__.__name__})") from None
    if root is None:                          # markup with nothing in it
        return SourceBuilder().build("html", encoding)
    title_element = root.find(".//title")
    page_title = (_text(title_element) if title_element is not None else "").strip()
    for element in [e for e in root.iter() if isinstance(e.tag, str) and e.tag.lower() in _DROP]:
        _remove(element)
    body = root.find("body")
    if body is None:
        body = root

    metadata = _metadata(body)
    lines = _Lines()
    try:
        lines.walk(body)
    except RecursionError:
        raise ReadError(f"{name}: HTML nested too deeply to read") from None
    content = _content_block(body, lines.items)
    builder = SourceBuilder()
    headline = _headline(page_title, lines.items, content)
    inside = [item for item in lines.items if _within(item[1], content)]
    if headline is not None and (not inside or _squash(inside[0][0]) != _squash(headline[0])):
        builder.line(headline[0], **headline[2])
    for text_line, _, facts in inside:
        builder.line(text_line, **facts)
    outside = [item[0] for item in lines.items if not _within(item[1], content) and item is not headline]
    if outside:
        builder.furniture("\n".join(outside), "navigation")
    return builder.build("html", encoding, metadata)


def _text(element) -> str:
    return "".join(element.itertext())


def _remove(element) -> None:
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    if tail:  # the text after an element belongs to its parent
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def _squash(s: str) -> str:
    return "".join(s.split())


def _within(element, ancestor) -> bool:
    while element is not None:
        if element is ancestor:
            return True
        element = element.getparent()
    return False


def _style(element) -> str:
    return (element.get("style") or "").replace(" ", "").lower()


class _Lines:
    """The page's text as lines, each with the block element it came from and its facts."""

    def __init__(self) -> None:
        self.items: list[tuple[str, object, dict]] = []
        self._buffer: list[tuple[str, bool]] = []
        self._block = None
        self._in_link = 0
        self.link_chars = 0

    def walk(self, element, bold: bool = False, centred: bool = False, pre: bool = False) -> None:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        style = _style(element)
        is_block = tag in _BLOCK
        if tag in _BOLD_TAGS or "font-weight:bold" in style or "font-weight:700" in style:
            bold = True
        if (tag == "center" or (element.get("align") or "").lower() == "center"
                or "text-align:center" in style):
            centred = True
        elif is_block and ((element.get("align") or "").lower() in ("left", "justify")
                           or "text-align:left" in style or "text-align:justify" in style):
            centred = False
        # in <pre> (and white-space: pre) a line end in the source is a line end on the page
        if tag == "pre" or "white-space:pre" in style:
            pre = True
        if tag == "br":
            self.flush()
            self._block = element.getparent()
            return
        if is_block:
            self.flush()
            self._block = element
        if element.text:
            self.add(element.text, bold, element if is_block else None, centred, pre)
        for child in element:
            self.walk(child, bold, centred, pre)
            if child.tail:
                self.add(child.tail, bold, element if is_block else None, centred, pre)
        if is_block:
            self.flush()
            self._block = element.getparent()

    def add(self, text: str, bold: bool, block, centred: bool, pre: bool = False) -> None:
        if pre and "\n" in text:
            first, *rest = text.replace("\r\n", "\n").split("\n")
            self.add(first, bold, block, centred)
            for piece in rest:
                self.flush()
                self.add(piece, bold, block, centred)
            return
        if not self._buffer:
            self._line_block = self._block if block is None else block
            self._line_centred = centred
        self._buffer.append((text, bold))

    def flush(self) -> None:
        if not self._buffer:
            return
        pieces, self._buffer = self._buffer, []
        raw = _ASCII_SPACE.sub(" ", "".join(p for p, _ in pieces))
        indent_match = _INDENT.match(raw)
        indent = indent_match.group(0) if indent_match else ""
        line = raw[len(indent):].rstrip(" \u00a0\u3000")
        if not line:
            return
        # an indent of &nbsp; is a space each, of 　 a character each: in characters of the text
        width = sum(1.0 if ch == "\u3000" else 0.5 for ch in indent)
        if not width and self._line_block is not None:
            styled = _TEXT_INDENT.search(_style(self._line_block))
            if styled:
                width = float(styled.group(1))
        visible = [(p, b) for p, b in pieces if p.strip()]
        bold = bool(visible) and all(b for _, b in visible)
        self.items.append((line.replace("\u00a0", " "), self._line_block,
                           {"indent": width, "centred": self._line_centred, "bold": bold}))


def _content_block(body, items):
    """The element holding the regulation: the smallest one with most of the marker lines,
    or, on a page without markers, the one with most text that is not links."""
    if not items:
        return body
    weight: dict[object, list[float]] = {}
    total_markers = 0
    total_text = 0
    link_chars: dict[object, int] = {}
    for text, block, _ in items:
        if block not in link_chars:
            link_chars[block] = 0 if block is None else len(_squash("".join(
                _text(a) for a in block.iter("a"))))
        # a line that is mostly a link (a sidebar's 第一条…, a menu) counts for nothing
        is_link = link_chars[block] >= 0.5 * len(_squash(text))
        marker = 1 if not is_link and _MARKER.match(text) else 0
        size = 0 if is_link else len(text)
        total_markers += marker
        total_text += size
        element = block
        while element is not None:
            w = weight.setdefault(element, [0, 0])
            w[0] += marker
            w[1] += size
            if element is body:
                break
            element = element.getparent()
    if total_markers >= 2:
        wanted = lambda w: w[0] >= 0.9 * total_markers  # noqa: E731
    else:
        wanted = lambda w: w[1] >= 0.6 * total_text  # noqa: E731
    best, best_depth = body, -1
    for element, w in weight.items():
        if wanted(w):
            depth = _depth(element)
            if depth > best_depth:
                best, best_depth = element, depth
    return best


def _depth(element) -> int:
    depth = 0
    while element is not None:
        depth += 1
        element = element.getparent()
    return depth


def _headline(page_title: str, items, content):
    """The line outside the content block that is the page's headline: the <title> text
    (before its site suffix) printed in the page, e.g. in an <h1>."""
    if not page_title:
        return None
    want = _squash(page_title)
    # the title without the site's name after it (标题_中国政府网, 标题--某某网)
    own = _squash(re.split(r"[_|\-—]{1,2}", page_title)[0])
    for item in items:
        text = _squash(item[0])
        if not _within(item[1], content) and len(text) >= max(4, 0.5 * len(own)) and want.startswith(text):
            return item
    return None


def _metadata(body) -> dict[str, str]:
    """The fields of a gov.cn-style metadata table: a cell naming a field, the next cell its value."""
    found: dict[str, str] = {}
    cells = [c for c in body.iter("td", "th")]
    for i, cell in enumerate(cells[:-1]):
        label = _squash(_text(cell)).rstrip("：:")
        if label in METADATA_FIELDS and label not in found:
            value = _text(cells[i + 1]).strip()
            if _squash(value).rstrip("：:") not in METADATA_FIELDS:
                found[label] = value
    return found
