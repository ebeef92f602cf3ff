"""One self-contained HTML page to read a regulation.

No external resource of any kind (styles are inline, there is no script): the
page can be mailed or opened offline.  At the top the diagnostics of the
parse, then a table of contents built from the divisions, then the text.
Every division, article, paragraph, item and sub-item carries an ``id`` that
is its citation (``第十一条``, ``第十一条第一款第（三）项``, ``第三章``), so
``page.html#第十一条`` opens at that article; references link to the nodes
they resolve to.

Example::

    from regparse.export import to_html
    Path("条例.html").write_text(to_html(doc), encoding="utf-8")
"""
from __future__ import annotations

from ..model import Article, Division, Heading, Item, Node, Paragraph, Point, Regulation, Subitem
from ._shared import HeadingPlacer, appendix_intro, clean, division_ranks, lines_of, link_target, one_line, runs_by_line, unique

__all__ = ["to_html"]

_STYLE = """
body{font-family:"Noto Serif CJK SC","Source Han Serif SC","Songti SC",serif;line-height:1.8;
 max-width:46em;margin:2em auto;padding:0 1em;color:#222;background:#fdfdfb}
h1{text-align:center;font-size:1.6em;margin-bottom:.2em}
.subtitle{text-align:center;font-size:1.2em;margin:.2em 0}
.info{text-align:center;color:#555;margin:.1em 0}
.division-heading{text-align:center;margin:1.6em 0 .8em}
.crossheading{text-align:center;font-weight:bold;margin:1.4em 0 .6em}
.diagnostics{border:1px solid #e0c36c;background:#fff8e1;padding:.4em 1em;margin:1em 0;font-size:.9em}
.diagnostics h2{font-size:1em;margin:.3em 0}
.diagnostics .severity-error{color:#a00}
.toc{border:1px solid #ddd;padding:.4em 1em;margin:1em 0}
.toc h2{font-size:1em;margin:.3em 0}.toc ul{list-style:none;padding-left:1.2em;margin:0}
.toc>ul{padding-left:0}
article{margin:.6em 0}
article p{margin:.3em 0;text-indent:2em}
article .item{text-indent:0;padding-left:2em}
article .subitem{text-indent:0;padding-left:4em}
.num{font-weight:bold}
.num a{color:inherit;text-decoration:none}
a.ref{color:#1a5fb4}
.preamble p,.appendix p,.heading-text{text-indent:2em}
:target{background:#fff3b0}
"""


def _esc(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


class _Page:
    def __init__(self, doc: Regulation):
        self.doc = doc
        self.out: list[str] = []
        self.ids: set[str] = set()
        # model id → page anchor, filled before writing so forward references resolve
        self.anchor_of: dict[str, str] = {}
        self.queue: list[str] = []
        self._assign(doc.children)
        for appendix in doc.appendices:
            self._assign(appendix.children)     # written after the body, in this order
        self.position = iter(self.queue)
        self.placer = HeadingPlacer(doc)
        self.depths = division_ranks(doc)

    def _assign(self, nodes: list) -> None:
        for node in nodes:
            # an id may not hold whitespace
            wanted = ("".join(clean(node.citation).split()) or "".join(clean(node.id).split())
                      or f"{node.kind}-{len(self.queue) + 1}")
            anchor = unique(wanted, self.ids)
            self.queue.append(anchor)
            if node.id and node.id not in self.anchor_of:
                self.anchor_of[node.id] = anchor
            children = getattr(node, "children", None)
            if children:
                self._assign(children)

    def next_anchor(self) -> str:
        return next(self.position)

    def lines(self, node: Node, text: str) -> list[str]:
        """The node's text as escaped HTML lines, references as links."""
        references = getattr(node, "references", None) or ()
        out = []
        for line in runs_by_line(text, references):
            parts = []
            for run, ref in line:
                target = link_target(ref, self.anchor_of)
                if target:
                    title = "、".join(clean(t) for t in ref.targets)
                    parts.append(f'<a class="ref" href="#{_esc(target)}" title="{_esc(title)}">{_esc(run)}</a>')
                else:
                    parts.append(_esc(run))
            out.append("".join(parts))
        return out

    # -- parts of the page ----------------------------------------------------
    def header(self) -> None:
        doc, w = self.doc, self.out.append
        w("<header>")
        if doc.front_matter is not None:
            for text in lines_of(doc.front_matter.order):
                w(f'<p class="order">{_esc(text)}</p>')
        title = one_line(doc.title)
        if title:
            w(f"<h1>{_esc(title)}</h1>")
        subtitle = one_line(doc.subtitle)
        if subtitle:
            w(f'<p class="subtitle">{_esc(subtitle)}</p>')
        for line in doc.info:
            for text in lines_of(line):
                w(f'<p class="info">{_esc(text)}</p>')
        w("</header>")

    def diagnostics(self) -> None:
        if not self.doc.diagnostics:
            return
        w = self.out.append
        w('<section class="diagnostics"><h2>解析提示（diagnostics）</h2><ul>')
        for diagnostic in self.doc.diagnostics:
            severity = diagnostic.severity if diagnostic.severity in ("error", "warning", "info") else "info"
            w(f'<li class="severity-{severity}"><code>{_esc(clean(diagnostic.code))}</code> '
              f"{_esc(one_line(diagnostic.message))}</li>")
        w("</ul></section>")

    def toc(self) -> None:
        """The divisions as nested lists; the anchors are the ones the body will use."""
        entries: list[str] = []
        queue = iter(self.queue)

        def visit(nodes: list) -> None:
            opened = False
            for node in nodes:
                anchor = next(queue)
                if isinstance(node, Division):
                    if not opened:
                        entries.append("<ul>")
                        opened = True
                    text = " ".join(filter(None, [one_line(node.label), one_line(node.title)])) or anchor
                    entries.append(f'<li><a href="#{_esc(anchor)}">{_esc(text)}</a>')
                    visit(node.children)
                    entries.append("</li>")
                else:
                    skip(node)
            if opened:
                entries.append("</ul>")

        def skip(node: Node) -> None:
            for child in getattr(node, "children", ()) or ():
                next(queue)
                skip(child)

        visit(self.doc.children)
        if entries:
            self.out.append('<nav class="toc"><h2>目录</h2>' + "".join(entries) + "</nav>")

    def node(self, node: Node) -> None:
        w = self.out.append
        for heading in self.placer.before(node):
            self.crossheading(heading)
        anchor = _esc(self.next_anchor())
        if isinstance(node, Division):
            level = min(2 + self.depths.get(node.kind, 0), 6)
            text = "\u3000".join(filter(None, [one_line(node.label), one_line(node.title)]))
            w(f'<section class="{node.kind}" id="{anchor}">'
              f'<h{level} class="division-heading">{_esc(text)}</h{level}>')
            for child in node.children:
                self.node(child)
            w("</section>")
            return
        if isinstance(node, Point):
            label = _esc(one_line(node.label))
            title = one_line(node.title)
            lines = self.lines(node, node.text)
            w(f'<section class="point level-{node.level}" id="{anchor}">')
            head = f'<span class="num"><a href="#{anchor}">{label}</a></span>'
            if title:
                w(f'<p class="point-heading">{head}<span class="heading">{_esc(title)}</span></p>')
            else:
                w(f"<p>{head}{lines.pop(0) if lines else ''}</p>")
            for line in lines:
                w(f"<p>{line}</p>")
            for child in node.children:
                self.node(child)
            w("</section>")
            return
        if isinstance(node, Article):
            label = one_line(node.label)
            title = one_line(node.title)
            head = f'<span class="num"><a href="#{anchor}">{_esc(label)}</a></span>' if label else ""
            if title:
                head += f'<span class="heading">【{_esc(title.strip("【】"))}】</span>'
            w(f'<article id="{anchor}">')
            if not node.children:
                w(f"<p>{head}</p>")
            for index, paragraph in enumerate(node.children):
                self.paragraph(paragraph, head if index == 0 else "")
            w("</article>")

    def paragraph(self, paragraph: Paragraph, head: str) -> None:
        anchor = _esc(self.next_anchor())
        lines = self.lines(paragraph, paragraph.text)
        first = lines[0] if lines else ""
        sep = "\u3000" if head and first else ""
        self.out.append(f'<p id="{anchor}">{head}{sep}{first}</p>')
        for line in lines[1:]:
            self.out.append(f"<p>{line}</p>")
        self.items(paragraph.children)

    def items(self, children: list[Item] | list[Subitem]) -> None:
        for child in children:
            anchor = _esc(self.next_anchor())
            lines = self.lines(child, child.text)
            first = lines[0] if lines else ""
            self.out.append(f'<p class="{child.kind}" id="{anchor}">{_esc(one_line(child.label))}{first}</p>')
            for line in lines[1:]:
                self.out.append(f'<p class="{child.kind}">{line}</p>')
            if isinstance(child, Item):
                self.items(child.children)

    def crossheading(self, heading: Heading) -> None:
        """An unnumbered heading (附则) and the lines under it."""
        text = one_line(heading.text)
        if text:
            self.out.append(f'<p class="crossheading">{_esc(text)}</p>')
        for paragraph in heading.paragraphs:
            self.out.extend(f'<p class="heading-text">{_esc(line)}</p>' for line in lines_of(paragraph))

    def render(self) -> str:
        doc, w = self.doc, self.out.append
        title = one_line(doc.title) or one_line(doc.subtitle) or "regparse"
        w('<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
          '<meta name="viewport" content="width=device-width, initial-scale=1">'
          f"<title>{_esc(title)}</title><style>{_STYLE}</style></head><body>")
        self.header()
        self.diagnostics()
        self.toc()
        w("<main>")
        preamble = lines_of(doc.preamble)
        if preamble:
            w('<section class="preamble">' + "".join(f"<p>{_esc(p)}</p>" for p in preamble) + "</section>")
        for child in doc.children:
            self.node(child)
        for heading in self.placer.trailing():
            self.crossheading(heading)
        closing = lines_of(doc.closing)
        if closing:
            w('<section class="closing">' + "".join(f"<p>{_esc(p)}</p>" for p in closing) + "</section>")
        for appendix in doc.appendices:
            label = one_line(appendix.label)
            head = '<section class="appendix">' + (f"<h2>{_esc(label)}</h2>" if label else "")
            if appendix.rows:
                # a caption (a row of one cell) above the table, then the rows
                rows = appendix.rows
                while rows and len(rows[0]) == 1:
                    head += f"<p>{_esc(rows[0][0])}</p>"
                    rows = rows[1:]
                w(head + "<table>" + "".join("<tr>" + "".join(f"<td>{_esc(cell)}</td>" for cell in row) + "</tr>"
                                             for row in rows) + "</table></section>")
                continue
            w(head + "".join(f"<p>{_esc(p)}</p>" for p in appendix_intro(appendix))
              + ("" if appendix.children else "</section>"))
            if appendix.children:
                for child in appendix.children:
                    self.node(child)
                w("</section>")
        w("</main></body></html>\n")
        # one block per line: whitespace between blocks changes nothing on the page
        return "\n".join(self.out)


def to_html(doc: Regulation) -> str:
    """``doc`` as one self-contained HTML page (see the module docstring).

    Example::

        >>> page = to_html(regparse.parse(text))
        >>> 'id="第十一条"' in page
        True
    """
    return _Page(doc).render()
