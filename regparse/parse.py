"""The pipeline: text → clean lines → tokens → LALR → drafts → references → frozen tree.

``parse`` never raises on a str: what is wrong with the text becomes a
diagnostic.  ``extract`` finds every regulation on a page.
"""
from __future__ import annotations

import gc
import os
from contextlib import contextmanager
from typing import Iterator

from . import build, freeze, lex, refs
from .lookup import remember
from .grammar import LineToken
from .lalr import run_lalr
from .catalogue import METADATA_DATE
from .model import Decision, Diagnostic, DocumentSource, FrontMatter, Noise, Regulation, SourceFurniture, SourceLine
from .catalogue import SEPARATORS
from .lex.enumerated import label_of
from .normalize import Line, clean_lines, line_noise, slice_pieces

__all__ = ["parse", "parse_file", "parse_source", "extract"]


@contextmanager
def _no_gc() -> Iterator[None]:
    # A parse allocates hundreds of thousands of small objects and frees none
    # of them until it returns; the cyclic collector would scan them over and
    # over (half the time of a large parse) to find no garbage.
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def parse(text: str, *, explain: bool = False, references: bool = True) -> Regulation:
    """Parse the text of a regulation into a :class:`Regulation`.

    Never raises on a str: problems become ``doc.diagnostics``; input removed
    as noise is listed in ``doc.noise``; with ``explain=True`` every heuristic
    decision is listed in ``doc.decisions``.

    >>> doc = parse("示例条例\\n第一条　为了规范管理，制定本条例。\\n第二条　本条例自发布之日起施行。")
    >>> doc.title, [a.label for a in doc.articles]
    ('示例条例', ['第一条', '第二条'])
    """
    if not isinstance(text, str):
        raise TypeError(f"parse() takes a str, not {type(text).__name__}; use parse_file() or read.decode() for bytes")
    with _no_gc():
        return _parse(text, explain, references)


def _parse(text: str, explain: bool, references: bool, layout: dict | None = None,
           noise: list[Noise] | None = None, source: DocumentSource | None = None,
           reading: list[dict] | None = None) -> Regulation:
    lines, cleaned = clean_lines(text)
    if noise:
        cleaned.extend(noise)
    noise = cleaned
    lines, read, rules = lex.read_columns(text, lines, explain)
    if rules:
        noise.extend(rules)
        noise.sort()
    regions_state = lex.LexState(explain)
    spans = lex.regions(lines, regions_state) if lines else [(0, 0)]
    read = read + regions_state.decisions
    if len(spans) > 1:
        # several regulations on one page: the main one is the longest
        main = max(range(len(spans)), key=lambda k: spans[k][1] - spans[k][0])
        a, b = spans[main]
        for ln in lines[:a] + lines[b:]:
            noise.extend(line_noise("outside", ln))
        if a and lines[0].page_break and not lines[a].page_break:
            # text read page by page (form feeds) stays so: what came before the regulation on
            # its first page is another's, kept out, and the regulation's lines start the page
            lines[a] = lex.pages.flagged(lines[a])
            lines[a].page_break = True
        found = [Decision(kind="page_regions", message=f"{len(spans)} regulations on the page: the longest is read, "
                          "the others kept out as noise", span=(lines[a].start, lines[b - 1].end))] if explain else []
        return _parse_lines(text, lines[a:b], noise, explain, references, read + found, layout, source,
                            (reading or []) + _several(lines, spans, main, "the one parsed (the longest)",
                                                       "kept out of this parse as noise; regparse.extract returns it"))
    return _parse_lines(text, lines, noise, explain, references, read, layout, source, reading)


def _several(lines: list, spans: list[tuple[int, int]], this: int, this_note: str,
             other_note: str | None) -> list[dict]:
    """One ``several_regulations`` diagnostic per regulation found on the page,
    naming its title and span; ``this`` is the one the document holds.  With
    ``other_note`` None only this one's is given (each of :func:`extract`'s
    documents names itself)."""
    out = []
    for k, (a, b) in enumerate(spans):
        if k != this and other_note is None:
            continue
        part = lines[a:b]
        span = (min(ln.start for ln in part), max(ln.end for ln in part))
        title = lex.region_title(part)
        name = f"《{title}》" if title else "an untitled regulation"
        note = this_note if k == this else other_note
        out.append({"code": "several_regulations", "severity": "warning",
                    "message": f"regulation {k + 1} of {len(spans)} in the text: {name} at {span[0]}-{span[1]}, {note}",
                    "span": span})
    return out


def _parse_lines(text: str, lines: list, noise: freeze.NoiseLog, explain: bool, references: bool,
                 decisions: list[Decision] | None = None, layout: dict | None = None,
                 source: DocumentSource | None = None, reading: list[dict] | None = None,
                 untitled: bool = False) -> Regulation:
    # ``lines`` is consumed (emptied once the tree no longer needs it); callers pass a list of their own
    # what reading the file reported (sorted in with the parse's own by span)
    diagnostics: list[dict] = list(reading or ())
    if not lines:
        code = "empty_input"
        msg = "the input is empty" if not text else "the input holds no text"
        noise.sort()
        return _holding(Regulation(span=(0, len(text)),
                                   diagnostics=[Diagnostic(**d) for d in diagnostics]
                                   + [Diagnostic(code=code, severity="error", message=msg, span=(0, len(text)))],
                                   noise=noise.records(), source=source, front_matter=FrontMatter(),
                                   encoding=source.encoding if source is not None else None), text)
    tokens, lexer = lex.tokenize(lines, explain, layout, untitled)
    # what is read of the lines and tokens themselves is read now, so that
    # both can go before the tree is built (for 10⁵ short lines they are a
    # third of the memory the parse holds): the LALR loop lets each token go
    # once it is read, and of the lines only an appendix's are kept
    lexed: list[dict] = []
    build.items_outside_articles(tokens, lexed)
    lexed.extend(lex.numbers_too_large(lines))
    if lexer.taiwan:
        lexed.append({"code": "taiwan_numbering", "severity": "warning",
                      "message": "the text numbers paragraphs 項 and items 款 (Taiwan): the tree names them "
                                 "款 and 项, as the mainland does", "span": (tokens[0].line.start, tokens[0].line.end)})
    span = (tokens[0].line.start, tokens[-1].line.end) if tokens else None
    # an appendix starts at its label's line: the lines from the first label on hold every appendix's
    first_annex = min((tok.line.start for tok in tokens if tok.type == "ANNEX"), default=None)
    annex_lines = [ln for ln in lines if ln.start >= first_annex] if first_annex is not None else []
    lines.clear()
    dropped: list[LineToken] = []

    def on_error(token: LineToken, expected: list[str]) -> LineToken | None:
        if token.type != "TEXT" and "TEXT" in expected:
            return LineToken("TEXT", token.line, None)
        dropped.append(token)
        return None

    builder = build.Builder()
    tree = run_lalr(tokens, builder, on_error, release=True)
    noise.extend(builder.noise)
    for tok in dropped:
        ln = tok.line
        diagnostics.append({"code": "unparsed_line", "severity": "warning",
                            "message": f"line kept out of the tree: {ln.text[:20]}", "span": (ln.start, ln.end)})
        noise.extend(line_noise("unparsed", ln))
    diagnostics.extend(lexed)
    if lexer.interleaved is not None:
        span_, message = lexer.interleaved
        diagnostics.append({"code": "interleaved_columns", "severity": "warning", "message": message, "span": span_})
    for what, first, last in lexer.after_end:
        diagnostics.append({"code": "after_end", "severity": "info",
                            "message": f"{what} kept out of it as noise: 「{first.text[:20]}」"
                                       f"{'…' if len(first.text) > 20 or last is not first else ''} "
                                       f"at {first.start}-{last.end}", "span": (first.start, last.end)})
    # each appendix's lines, kept to parse it as a regulation of its own once the tree is finished
    annex_bodies = [_annex_body(annex, annex_lines) for annex in tree.get("appendices") or ()]
    title, preamble_span, pieces = lexer.title, builder.preamble_span, builder.pieces
    front_matter = lexer.front_matter
    noise.extend(lexer.noise)
    decisions = (decisions or []) + lexer.decisions
    del tokens, dropped, lexer, builder, annex_lines, lexed
    doc = build.finish(tree, text, title, diagnostics, preamble_span)
    # the tree holds the list now, and _coalesce below replaces it with its
    # runs made one: a name kept for it here would hold every diagnostic of a
    # run (10⁵ duplicate_number warnings for 10⁵ lines 第一条) to the end
    del diagnostics
    if span is not None:
        doc["span"] = span
    doc["noise"] = noise
    doc["decisions"] = decisions
    doc["front_matter"] = front_matter
    for annex, body in zip(doc["appendices"], annex_bodies):
        _own_structure(annex, text, body, noise, explain, references, doc["decisions"])
    # runs of one diagnostic made one now, and again once the references have added theirs
    _coalesce(doc)
    if references:
        # before freezing, on the drafts; adds its unresolved_reference warnings to the diagnostics
        refs.annotate(doc, text, pieces)
        _coalesce(doc)
    del pieces
    noise.sort()
    if source is not None:
        doc["source"] = source
        doc["encoding"] = source.encoding
    return _holding(freeze.to_models(doc), text)


def _annex_body(annex: dict, lines: list) -> list:
    """The lines of an appendix after its label's line (which names it); a list's
    first unit printed on that line after the label (附件：1．人民法院司法建议书制作规范)
    is a line of its own."""
    a, b = annex["span"]
    inside = [ln for ln in lines if a <= ln.start < b]
    if not inside:
        return []
    first, body = inside[0], inside[1:]
    mark = lex.line_mark(first)
    if mark is not None and mark.kind == "annex":
        rest = mark.rest
        while rest < len(first.text) and first.text[rest] in SEPARATORS + "：:":
            rest += 1
        if rest < len(first.text):
            line = Line(first.text[rest:], slice_pieces(first.pieces, rest))
            if label_of(line) is not None:
                body.insert(0, line)
    return body


def _own_structure(annex: dict, text: str, body: list, noise: freeze.NoiseLog, explain: bool, references: bool,
                   decisions: list) -> None:
    """An appendix's own structure, its spans in the same text: a regulation of its
    own (附件一 / 示例办法 / 第一条 …) parsed as one, ``annex["regulation"]``; a list
    (1．… 2．…) parsed as an enumerated document, its points ``annex["children"]``;
    a table, its rows of cells ``annex["rows"]`` (:mod:`regparse.lex.annex`)."""
    if not body:
        return
    hi = body[-1].end
    if any(lex.article_line(ln) is not None for ln in body):
        annex["regulation"] = _parse_lines(text, body, noise.within(body[0].start, hi),
                                           explain, references)
        return
    state = lex.LexState(explain)
    if lex.annex_list(state, body):
        # the references of an appendix's text are not read (nor are they for its text as a whole)
        # a list has no title of its own: its first line may be its first unit (一、立法会的产生办法)
        inner = _parse_lines(text, body, noise.within(body[0].start, hi), explain, False,
                             untitled=True)
        points = [node for node in inner.children if node.kind == "point"]
        annex["children"] = [_annexed(point, annex["citation"], annex["id"] + "__") for point in points]
        decisions.extend(inner.decisions)
    else:
        rows = lex.annex_table(state, body)
        if rows:
            annex["rows"] = rows
            # a row per line: the lines as printed, not run together as wrapped text
            annex["text"] = "\n".join([annex["text"].split("\n", 1)[0]] + [ln.text for ln in body])
    decisions.extend(state.decisions)


def _annexed(point, citation: str, prefix: str, top: str = ""):
    """A point of an appendix's list, its citation and id made the document's: the
    appendix's citation, then the top-level unit as a 项, then the rest of the chain
    (附件二第1项, 附件三第四项, 附件二第一项（二）); ids annex_2__point_1."""
    top = top or point.citation
    return point.model_copy(update={
        "citation": f"{citation}第{top}项{point.citation[len(top):]}", "id": prefix + point.id,
        "children": [_annexed(child, citation, prefix, top) if child.kind == "point" else child
                     for child in point.children]})


def _coalesce(doc: dict) -> None:
    diagnostics = doc["diagnostics"]
    diagnostics.sort(key=lambda d: d["span"])
    if len(diagnostics) >= RUN_MIN:
        doc["diagnostics"] = coalesce_runs(diagnostics)


#: this many diagnostics of one code in a row, each close to the one before, are one diagnostic
#: (fewer stay apart: a real regulation's few gaps or unresolved references are each worth a line)
RUN_MIN = 8
#: the most characters between two diagnostics of a run
RUN_GAP = 200


def coalesce_runs(diagnostics: list[dict]) -> list[dict]:
    """``diagnostics`` (sorted by span) with each run of :data:`RUN_MIN` or more
    of one code and severity, each within :data:`RUN_GAP` characters of the one
    before, made one diagnostic: its span covers the run, its message gives how
    many there are, the first and the last (10⁵ lines numbered 第一条 make one
    duplicate_number warning, not 10⁵).

    >>> runs = coalesce_runs([{"code": "duplicate_number", "severity": "warning", "span": (i * 8, i * 8 + 6),
    ...                        "message": f"{i}: 第一条 appears more than once"} for i in range(1, 11)])
    >>> [(d["span"], d["message"]) for d in runs]
    [((8, 86), '10 duplicate_number in a run: 1: 第一条 appears more than once … 10: 第一条 appears more than once')]
    """
    out: list[dict] = []
    i, n = 0, len(diagnostics)
    while i < n:
        first = diagnostics[i]
        code, severity = first["code"], first["severity"]
        j = i + 1
        end = first["span"][1]
        while j < n:
            d = diagnostics[j]
            if d["code"] != code or d["severity"] != severity or d["span"][0] - end > RUN_GAP:
                break
            end = max(end, d["span"][1])
            j += 1
        if j - i >= RUN_MIN:
            last = diagnostics[j - 1]
            out.append({"code": code, "severity": severity, "span": (first["span"][0], end),
                        "message": f"{j - i:,} {code} in a run: {first['message']} … {last['message']}"})
        else:
            out.extend(diagnostics[i:j])
        i = j
    return out


def _holding(doc: Regulation, text: str) -> Regulation:
    """``doc``, made known to lookup and holding the text it was parsed from
    (for ``doc.position``)."""
    doc._text = text
    return remember(doc)


def parse_file(path: str | os.PathLike, *, explain: bool = False, references: bool = True,
               ocr: bool = False, encoding: str | None = None, errors: str = "strict") -> Regulation:
    """Read a file (text in any common encoding, PDF, .docx, HTML) and parse it.

    Spans are offsets into the text ``read_file(path)`` returns, kept as
    ``doc.source.text``; ``doc.encoding`` is the encoding a text or HTML file
    was decoded from; the layout the file has reaches the lexer
    (:func:`parse_source`).  With ``ocr=True`` a PDF without a text layer is
    read by tesseract (see :func:`regparse.read_source`).  ``encoding``
    reads a text file in that encoding; with ``errors="replace"`` the bytes
    not of it are read as U+FFFD and reported in a ``bytes_replaced``
    diagnostic (how many, and where the first is).
    """
    from .read import read_source

    return parse_source(read_source(path, ocr=ocr, encoding=encoding, errors=errors),
                        explain=explain, references=references,
                        name=os.path.basename(os.fspath(path)))


def parse_source(source, *, explain: bool = False, references: bool = True,
                 name: str | None = None) -> Regulation:
    """Parse what a file reader produced (a :class:`regparse.Source`), using its layout.

    The lexer reads each line's layout where it decides better than the
    text (an indented line starts a paragraph, a centred or bold short line
    between articles is a heading); the document keeps the source as
    ``doc.source`` (format, name, encoding, page count, the text its spans
    point into, each line's pages and boxes, the furniture the reader left
    out, the file's metadata), and each piece of furniture is also listed in
    ``doc.noise`` (kind ``file_furniture``), so nothing of the file is lost.

    >>> from regparse.read.source import SourceBuilder
    >>> b = SourceBuilder()
    >>> b.line("示例条例", centred=True); b.line("第一条　为了示例，制定本条例。", indent=2.0)
    >>> b.line("附则", centred=True); b.line("第二条　本条例自发布之日起施行。", indent=2.0)
    >>> doc = parse_source(b.build("docx"))
    >>> [h.text for h in doc.headings], doc.source.format
    (['附则'], 'docx')
    """
    from .read.source import Source

    if not isinstance(source, Source):
        raise TypeError(f"parse_source() takes a regparse.Source, not {type(source).__name__}; use parse() for a str")
    text = source.text
    kept = _document_source(source, name)
    with _no_gc():
        layout = lex.line_layouts(source.lines, text) if source.format != "text" else None
        return _parse(text, explain, references, layout, _furniture_noise(source), kept, _read_diagnostics(source))


def _read_diagnostics(source) -> list[dict]:
    """What reading the file did to its text: bytes not of its encoding read as U+FFFD."""
    replaced = source.replaced
    if replaced is None:
        return []
    at = replaced.first_char
    return [{"code": "bytes_replaced", "severity": "warning", "span": (at, at + 1),
             "message": f"{replaced.bytes:,} byte{'s' if replaced.bytes != 1 else ''} not valid {source.encoding} "
                        f"read as {replaced.count:,} U+FFFD, the first at byte {replaced.first_byte:,}"}]


def _document_source(source, name: str | None) -> DocumentSource:
    pages = max((ln.page for ln in source.lines if ln.page is not None), default=None)
    pages = max([pages or 0, *(f.page for f in source.furniture if f.page is not None)]) or None
    lines = [SourceLine(start=ln.start, end=ln.end, pieces=list(ln.pieces or ((ln.page, ln.box),)))
             for ln in source.lines if ln.page is not None and ln.box is not None]
    furniture = [SourceFurniture(kind=f.kind, text=f.text, page=f.page, box=f.box) for f in source.furniture]
    text = source.text if source.format != "text" else None    # a text file is its own text
    return DocumentSource(format=source.format, name=name, encoding=source.encoding, pages=pages, text=text,
                          lines=lines, furniture=furniture, metadata=file_metadata(source.metadata))


def file_metadata(metadata) -> dict[str, str]:
    """A file's metadata as a plain mapping: the keys as printed, a date as ISO ``YYYY-MM-DD`` where it parses.

    >>> file_metadata({"发文字号": "国发〔2020〕1号", "成文日期": "2020年01月02日"})
    {'发文字号': '国发〔2020〕1号', '成文日期': '2020-01-02'}
    """
    out = {}
    for key, value in metadata.items():
        m = METADATA_DATE.match(value) if "日期" in key or "时间" in key else None
        if m:
            year, month, day = (int(g) for g in m.groups())
            if 1 <= month <= 12 and 1 <= day <= 31:
                value = f"{year:04d}-{month:02d}-{day:02d}"
        out[str(key)] = str(value)
    return out


def _furniture_noise(source) -> list[Noise]:
    """The reader's furniture as noise, each at the empty position where it stood in the text:
    on a page, before the first line of the page after (a footer, a page number) or of its own
    page (a header, a masthead); without a page, at the start."""
    if not source.furniture:
        return []
    first_of_page: dict[int, int] = {}
    for ln in source.lines:
        if ln.page is not None:
            first_of_page.setdefault(ln.page, ln.start)
    end = len(source.text)
    out = []
    for f in source.furniture:
        if not f.text:
            continue
        at = 0
        if f.page is not None:
            after = f.page + 1 if f.kind in ("footer", "page-number") else f.page
            at = min((start for page, start in first_of_page.items() if page >= after), default=end)
        out.append(Noise(kind="file_furniture", text=f.text, span=(at, at)))
    return out


def extract(text: str, *, explain: bool = False, references: bool = True) -> list[Regulation]:
    """Every regulation printed on a page, in page order, each with its span,
    its title (from the headline or the 《…》 that announces it) and its body.

    A page with no regulation gives an empty list.  Each regulation's noise
    lists what around it on the page is not part of it.

    >>> page = "新华社北京电　近日印发了《示例规定》。\\n示例规定\\n第一条　为了示例，制定本规定。\\n第二条　本规定自发布之日起施行。\\n（完）"
    >>> [(d.title, len(d.articles)) for d in extract(page)]
    [('示例规定', 2)]
    """
    if not isinstance(text, str):
        raise TypeError(f"extract() takes a str, not {type(text).__name__}")
    with _no_gc():
        lines, noise = clean_lines(text)
        lines, read, rules = lex.read_columns(text, lines, explain)
        if rules:
            noise.extend(rules)
            noise.sort()
        if not lines:
            return []
        found = []
        spans = lex.regions(lines)
        for k, (a, b) in enumerate(spans):
            part = lines[a:b]
            # columns read one after another: the lines' offsets need not rise
            lo, hi = min(ln.start for ln in part), max(ln.end for ln in part)
            named = _several(lines, spans, k, "this one", None) if len(spans) > 1 else None
            doc = _parse_lines(text, part, noise.within(lo, hi), explain, references, read,
                               reading=named)
            if doc.articles:
                found.append(doc)
        return found
