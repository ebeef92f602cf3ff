"""The ``regparse`` command: parse, look up, check, list references, extract, batch, schema.

Every command reads a file (text in any supported encoding, PDF, .docx or an
HTML page; or ``-`` for standard input), and every failure is one line on
standard error, ``regparse: error: <message>``, with exit status 2 for a
usage mistake and 1 for anything else.

Example::

    $ regparse get seeds/004_931bd066818f0e97.txt 第十一条第一款第（三）项
    当好党委参谋助手,及时报告有关情况,反映问题、提出意见建议,为党委决策提供服务;
"""
from __future__ import annotations

import argparse
import bisect
import json
import os
import sys
from typing import Any, NoReturn, Sequence

from . import batch as _batch
from . import read as _read
from .errors import ReadError, RegparseError
from .export import FORMATS, render
from .model import line_starts

__all__ = ["main", "build_parser", "FORMATS"]

PROG = "regparse"
_SEED = "seeds/004_931bd066818f0e97.txt"

_EPILOG = {
    None: f"""\
examples:
  regparse parse {_SEED} --format tree
  regparse get {_SEED} 第十一条第一款第（三）项
  regparse check {_SEED} --explain
  regparse refs {_SEED}
  regparse extract page.txt
  regparse batch laws/ -o out/ --format akn
  regparse schema > regulation.schema.json

'regparse COMMAND --help' shows the options and an example of each command.""",
    "parse": f"""\
examples:
  regparse parse {_SEED}                       # the tree as JSON
  regparse parse {_SEED} --format tree         # an outline
  regparse parse law.txt --format akn -o law.xml --frbr-uri /akn/cn/act/2024/1
  cat law.txt | regparse parse - --format markdown""",
    "get": f"""\
examples:
  regparse get {_SEED} 第十一条第一款第（三）项
  regparse get {_SEED} 第11条第1款第3项 --json
  regparse get {_SEED} 第三章
  regparse get {_SEED} 《中国共产党工作机关条例》第十一条   # the act's name, as regparse cites
  regparse get {_SEED} 第十条至第十二条             # a list or range: every node, one after another
  regparse get {_SEED} 第十条 --referrers""",
    "check": f"""\
examples:
  regparse check {_SEED}
  regparse check {_SEED} --explain      # also the heuristic decisions and removed noise
  regparse check law.txt --json

Each diagnostic is one line, FILE:LINE:COL: SEVERITY CODE: MESSAGE.
The exit status is 1 when any diagnostic has severity error.""",
    "refs": f"""\
examples:
  regparse refs {_SEED}
  regparse refs law.txt --json

Each reference is one line, FILE:LINE:COL: KIND SURFACE -> TARGETS, with the
ids of the nodes it resolves to, or 'unresolved'.""",
    "cite-check": """\
examples:
  regparse cite-check answer.txt --collection laws/
  regparse cite-check answer.txt --collection laws/ --date 2015-06-01 --json

Each citation is one line, FILE:LINE:COL: SURFACE -> the node it names, then
one indented line per finding (act_unknown, provision_missing, not_in_force,
quote_mismatch, with the provision's wording beside a wrong quote).
The exit status is 1 when any citation has a finding.""",
    "chunks": """\
examples:
  regparse chunks law.txt                          # one JSON line per 条
  regparse chunks laws/ --max-chars 500 --by paragraph
  regparse chunks law.txt --by chapter -o chunks.jsonl""",
    "extract": """\
examples:
  regparse extract page.txt             # every regulation printed on a news page
  regparse extract page.txt --json""",
    "batch": """\
examples:
  regparse batch laws/ -o out/                       # laws/**/*.txt, *.md, … → out/**/*.json
  regparse batch laws/ -o out/ --format akn -j 4     # four worker processes
  regparse batch laws/ -o out/ --skip-existing       # go on after an interruption
  regparse batch laws/ -o laws.jsonl --format jsonl  # one file, one document a line
  regparse batch laws/ -o out/ --glob "*.txt" --glob "*.md" --quiet

By default the files ending in .txt, .md, .pdf, .docx, .html or .htm are read.
Each output is written to a temporary file and renamed, so it is whole or
absent; an output folder that is or holds the input folder, an output that
would replace an input, and two inputs with one output name (a.md, a.txt) are
refused before anything is written.  A file that cannot be read is reported
on one line and the others go on.  Ctrl-C finishes the files in hand and
leaves no partial file.  Progress goes to standard error: a bar on a
terminal, one line per file otherwise.  A jsonl line is
{"path": "sub/a.txt", "document": {...}}, in input order.

exit status: 0 every file parsed, 1 a file failed or the run was refused,
2 a usage mistake, 130 interrupted.""",
    "schema": """\
example:
  regparse schema > regulation.schema.json""",
}


class _UsageError(Exception):
    """A command-line mistake; reported as one line with exit status 2."""


class _Parser(argparse.ArgumentParser):
    # argparse prints the whole usage before its message; one line is the rule here
    def error(self, message: str) -> NoReturn:
        raise _UsageError(f"{message} (see '{self.prog} --help')")


#: the help of a command's FILE argument
_INPUT_FILE = "text, PDF, .docx or HTML file, or - for standard input"


def _input_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--encoding", metavar="NAME",
                   help="read a text file in this encoding (e.g. gb18030, utf-16-le, shift_jis): "
                        "no detection, no binary check")
    p.add_argument("--errors", choices=("strict", "replace"), default="strict",
                   help="with --encoding: replace bytes not of the encoding by U+FFFD (counted on standard error)")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``regparse`` command (one subparser per command)."""
    parser = _Parser(
        prog=PROG,
        description="Parse Chinese regulations (法律、法规、党内法规) into a citable document tree.",
        epilog=_EPILOG[None],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    from . import __version__

    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True

    def command(name: str, help: str) -> argparse.ArgumentParser:
        p = commands.add_parser(name, help=help, description=help, epilog=_EPILOG[name],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
        if name in ("parse", "get", "check", "refs", "extract", "batch"):
            p.add_argument("--ocr", action="store_true",
                           help="read a PDF without a text layer by OCR (needs tesseract with chi_sim on PATH)")
        return p

    p = command("parse", "parse a regulation and print its tree")
    p.add_argument("file", metavar="FILE", help="text (UTF-8, GB18030/GBK, UTF-16), PDF, .docx or HTML file; - for standard input")
    p.add_argument("--format", "-f", choices=FORMATS, default="json", help="output format (default: json)")
    p.add_argument("-o", "--output", metavar="OUT", help="write to OUT instead of standard output")
    p.add_argument("--frbr-uri", metavar="URI", help="work URI for --format akn, e.g. /akn/cn/act/2024/1")
    _input_options(p)
    p.set_defaults(run=_cmd_parse)

    p = command("get", "print the node a citation names (every node of a list or range)")
    p.add_argument("file", metavar="FILE", help=_INPUT_FILE)
    p.add_argument("citation", metavar="CITATION", help="e.g. 第十一条第一款第（三）项, 第11条第1款第3项, 第三章第一节, 刑法第十条, "
                        "第十条至第十五条, 附件一, 序言, 附则")
    p.add_argument("--json", action="store_true",
                   help="print the node and everything below it (with --referrers: the references) as JSON")
    p.add_argument("--referrers", action="store_true", help="list the references that point at the node")
    _input_options(p)
    p.set_defaults(run=_cmd_get)

    p = command("check", "print the diagnostics of a parse; exit 1 on errors")
    p.add_argument("file", metavar="FILE", help=_INPUT_FILE)
    p.add_argument("--explain", action="store_true",
                   help="also print every heuristic decision and every piece of removed noise")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    _input_options(p)
    p.set_defaults(run=_cmd_check)

    p = command("refs", "list the cross-references and what they resolve to")
    p.add_argument("file", metavar="FILE", help=_INPUT_FILE)
    p.add_argument("--json", action="store_true", help="print the references as JSON")
    _input_options(p)
    p.set_defaults(run=_cmd_refs)

    p = command("extract", "find every regulation printed in a text (a news page)")
    p.add_argument("file", metavar="FILE", help=_INPUT_FILE)
    p.add_argument("--json", action="store_true", help="print the regulations found as JSON")
    _input_options(p)
    p.set_defaults(run=_cmd_extract)

    p = command("batch", "parse every regulation under a folder into another folder")
    p.add_argument("folder", metavar="DIR", help="folder to read (searched recursively)")
    p.add_argument("-o", "--output", metavar="OUT", required=True,
                   help="folder to write the results into (for --format jsonl: the file)")
    p.add_argument("--format", "-f", choices=_batch.FORMATS, default="json", help="output format (default: json)")
    p.add_argument("--glob", metavar="PATTERN", action="append",
                   help="take the files matching PATTERN, e.g. '*.txt' (repeatable; default: "
                        + " ".join("*" + s for s in _batch.INPUT_SUFFIXES) + ")")
    p.add_argument("-j", "--jobs", metavar="N", type=_count, default=1,
                   help="worker processes (default: 1; 0: one per core)")
    p.add_argument("--skip-existing", action="store_true",
                   help="leave the inputs whose output exists alone (to resume a batch)")
    p.add_argument("--keep-suffix", action="store_true",
                   help="name each output after the whole input name (a.md → a.md.json)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress; only failures and the summary")
    p.set_defaults(run=_cmd_batch)

    p = command("cite-check", "check the citations of a text against a collection of regulations")
    p.add_argument("file", metavar="FILE", help="the text whose citations are checked (any text file), or - for standard input")
    p.add_argument("--collection", metavar="DIR", required=True,
                   help="folder of regulations (texts, PDF, .docx, HTML or saved JSON, searched recursively)")
    p.add_argument("--date", metavar="YYYY-MM-DD", type=_iso_date,
                   help="the date the text speaks of: acts not yet in force then are reported")
    p.add_argument("--json", action="store_true", help="print the citations and findings as JSON")
    _input_options(p)
    p.set_defaults(run=_cmd_cite_check)

    p = command("chunks", "cut regulations into retrieval chunks, one JSON line each")
    p.add_argument("file", metavar="FILE|DIR", help="a regulation (text, PDF, .docx, HTML), a folder of them, or -")
    p.add_argument("--format", "-f", choices=("jsonl",), default="jsonl", help="output format (default: jsonl)")
    p.add_argument("--max-chars", metavar="N", type=_chunk_limit, default=1000,
                   help="longest chunk, lead-in included, unless one 项 is longer (default: 1000)")
    p.add_argument("--by", choices=("article", "paragraph", "item", "chapter"), default="article",
                   help="the unit of a chunk (default: article)")
    p.add_argument("-o", "--output", metavar="OUT", help="write to OUT instead of standard output")
    _input_options(p)
    p.set_defaults(run=_cmd_chunks)

    p = command("schema", "print the JSON Schema of the parsed tree (Regulation)")
    p.set_defaults(run=_cmd_schema)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``regparse`` command with ``argv`` (default: ``sys.argv[1:]``); return the exit status.

    Example::

        >>> main(["schema"])          # doctest: +SKIP
        0
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except _UsageError as e:
        return _fail(str(e), 2)
    except SystemExit as e:  # --help and --version
        return e.code if isinstance(e.code, int) else 0
    except UnicodeEncodeError as e:
        return _fail(f"cannot write the help in the {e.encoding} encoding of the terminal; "
                     "set PYTHONIOENCODING=utf-8", 1)
    try:
        return args.run(args)
    except _UsageError as e:
        return _fail(str(e), 2)
    except RegparseError as e:
        return _fail(str(e), 1)
    except BrokenPipeError:
        # the reader went away (| head): nothing more to say, and nobody to say it to
        _silence_stdout()
        return 1
    except KeyboardInterrupt:
        return _fail("interrupted", 130)
    except UnicodeEncodeError as e:
        return _fail(f"cannot write the output in the {e.encoding} encoding of the terminal; "
                     "use -o FILE or set PYTHONIOENCODING=utf-8", 1)
    except Exception as e:  # a bug: still one line; REGPARSE_DEBUG=1 shows the traceback
        if os.environ.get("REGPARSE_DEBUG"):
            raise
        return _fail(f"internal error: {type(e).__name__}: {e} (REGPARSE_DEBUG=1 shows where)", 1)


def _fail(message: str, status: int) -> int:
    line = f"{PROG}: error: {' '.join(message.split())}\n"
    try:
        try:
            sys.stderr.write(line)
        except UnicodeEncodeError:  # a terminal that cannot show Chinese still gets one line
            sys.stderr.write(line.encode("ascii", "backslashreplace").decode("ascii"))
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    return status


def _silence_stdout() -> None:
    # Python flushes stdout at exit; on a closed pipe that flush would raise again
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


# -- reading -------------------------------------------------------------------

def _read_input(file: str, args: argparse.Namespace | None = None):
    """(Source, name to show) of FILE, or of standard input for ``-``; --ocr,
    --encoding and --errors from ``args`` (bytes replaced under --errors
    replace are counted on standard error and in the document's
    ``bytes_replaced`` diagnostic: nothing is lost silently)."""
    ocr = bool(getattr(args, "ocr", False))
    encoding = getattr(args, "encoding", None)
    errors = getattr(args, "errors", "strict") or "strict"
    if errors != "strict" and encoding is None:
        raise _UsageError("--errors applies with --encoding only (see 'regparse parse --help')")
    name = "<stdin>" if file == "-" else file
    if file == "-":
        stream = getattr(sys.stdin, "buffer", None)
        data = stream.read(_read.MAX_BYTES + 1) if stream is not None else sys.stdin.read().encode("utf-8")
        if len(data) > _read.MAX_BYTES:
            raise ReadError(f"<stdin>: larger than {_read.MAX_BYTES:,} bytes (the limit)")
        if encoding:
            text, replaced = _read.decode_as_reporting(data, encoding, name, errors)
            source = _read.text_source(text, encoding, replaced)
        else:
            source = _read.read_bytes(data, name=name, ocr=ocr)
    else:
        source = _read.read_source(file, ocr=ocr, encoding=encoding, errors=errors)
    if source.replaced is not None:
        replaced = source.replaced
        print(f"{PROG}: warning: {name}: {replaced.bytes:,} byte{'s' if replaced.bytes != 1 else ''} not valid "
              f"{source.encoding}, read as U+FFFD (the first at byte {replaced.first_byte:,})", file=sys.stderr)
    return source, name


def _parse(source, name: str, explain: bool = False):
    import regparse  # looked up at call time, so the library's parse_source is the one used

    return regparse.parse_source(source, explain=explain, name=os.path.basename(name))


class _Positions:
    """1-based line and column of an offset into a text (columns count characters),
    as ``Regulation.position`` gives them, for texts that are not one parsed document
    (``extract``'s several, ``cite-check``'s answer)."""

    def __init__(self, text: str):
        self._starts = line_starts(text)

    def __call__(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, max(offset, 0)) - 1
        return line + 1, offset - self._starts[line] + 1


def _ended(out: str) -> str:
    """Output ends with a line break, whatever the format gave."""
    return out if out.endswith("\n") else out + "\n"


def _emit(out: str) -> None:
    sys.stdout.write(_ended(out))


def _severities(doc) -> dict[str, int]:
    """How many diagnostics of each severity, most severe first."""
    return {s: sum(1 for d in doc.diagnostics if d.severity == s) for s in ("error", "warning", "info")}


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1)


# -- parse ---------------------------------------------------------------------

def _cmd_parse(args: argparse.Namespace) -> int:
    if args.frbr_uri and args.format != "akn":
        raise _UsageError("--frbr-uri applies to --format akn only (see 'regparse parse --help')")
    source, name = _read_input(args.file, args)
    doc = _parse(source, name)
    options = {"frbr_uri": args.frbr_uri} if args.frbr_uri else {}
    out = render(doc, args.format, **options)
    if args.output:
        try:
            with open(args.output, "w", encoding="utf-8", newline="") as f:
                f.write(_ended(out))
        except OSError as e:
            raise RegparseError(f"{args.output}: cannot write: {e.strerror or e}") from None
    else:
        _emit(out)
    return 0


# -- get -----------------------------------------------------------------------

def _cmd_get(args: argparse.Namespace) -> int:
    source, name = _read_input(args.file, args)
    text = source.text
    doc = _parse(source, name)
    several = _names_several(args.citation)
    nodes = doc.select(args.citation) if several else [doc.get(args.citation)]
    if args.referrers:
        positions = _Positions(text)
        found = []
        for node in nodes:
            if not hasattr(node, "id"):   # an appendix or heading: nothing cites it by id
                continue
            for ref in doc.referrers(node):
                holder = _containing_node(doc, ref.span)
                line, col = positions(ref.span[0])
                found.append({"surface": ref.surface, "kind": ref.kind, "in": holder.citation or None,
                              "in_id": holder.id or None, "span": list(ref.span), "line": line, "col": col,
                              **({"target": node.citation} if several else {})})
        if args.json:
            _emit(_dumps(found))
        else:
            for f in found:
                _emit(f"{name}:{f['line']}:{f['col']}: {f['in'] or '(preamble)'}: {f['surface']} "
                      f"[{f['span'][0]}:{f['span'][1]}]" + (f" -> {f['target']}" if several else ""))
        if not found:
            print(f"no reference points at {' '.join(_heading_of(n) for n in nodes)}", file=sys.stderr)
    elif args.json:
        def dumped(node) -> dict:
            out = node.model_dump(mode="json")
            if doc.source is not None and doc.source.lines and hasattr(node, "id"):
                # where it is printed: the page and box of each of its lines
                out["layout"] = [{"page": page, "box": list(box)} for page, box in doc.layout_of(node)]
            return out

        _emit(_dumps([dumped(n) for n in nodes]) if several else _dumps(dumped(nodes[0])))
    elif several:
        _emit("\n\n".join(f"{_heading_of(n)}\n{_text_of(n)}" for n in nodes))
    else:
        _emit(_text_of(nodes[0]))
    return 0


def _names_several(citation: str) -> bool:
    """Whether a citation is a list or range (第十条至第十五条), which ``get``
    prints node by node; a citation it cannot read goes to ``doc.get``, whose
    error says what is wrong."""
    from .citation import parse as parse_citation, split_act

    try:
        return parse_citation(split_act(citation)[1]).single is None
    except RegparseError:
        return False


def _heading_of(node) -> str:
    """How a node is named when several are printed: its citation, an appendix's label."""
    return getattr(node, "citation", None) or getattr(node, "label", None) or getattr(node, "text", "")


def _text_of(node) -> str:
    if hasattr(node, "paragraphs") and not hasattr(node, "id"):    # a Heading: its line and the lines under it
        return "\n".join([node.text, *node.paragraphs])
    return node.full_text() if getattr(node, "children", None) else node.text


def _containing_node(doc, span: tuple[int, int]):
    """The deepest node whose span holds ``span`` (the doc itself if none does)."""
    node = doc
    while True:
        for child in getattr(node, "children", ()):
            if child.span[0] <= span[0] and span[1] <= child.span[1]:
                node = child
                break
        else:
            return node


# -- check ---------------------------------------------------------------------

def _cmd_check(args: argparse.Namespace) -> int:
    source, name = _read_input(args.file, args)
    text = source.text
    doc = _parse(source, name, explain=args.explain)
    lost = _lost_text(text, doc)
    if lost is not None:
        doc = doc.model_copy(update={"diagnostics": sorted([*doc.diagnostics, lost], key=lambda d: d.span)})
    positions = _Positions(text)
    counts = _severities(doc)
    errors = counts["error"]

    def located(record, **extra) -> dict:
        line, col = positions(record.span[0])
        return {**record.model_dump(mode="json"), "line": line, "col": col, **extra}

    if args.json:
        result: dict[str, Any] = {
            "file": name,
            "articles": len(doc.articles),
            "units": sum(1 for node in doc.walk() if node.kind == "point"),
            "errors": errors,
            "diagnostics": [located(d) for d in doc.diagnostics],
        }
        if args.explain:
            result["decisions"] = [located(d) for d in doc.decisions]
            result["noise"] = [located(n) for n in doc.noise]
        _emit(_dumps(result))
        return 1 if errors else 0

    def where(span) -> str:
        line, col = positions(span[0])
        return f"{name}:{line}:{col}"

    for d in doc.diagnostics:
        _emit(f"{where(d.span)}: {d.severity} {d.code}: {_one_line(d.message)}")
    if args.explain:
        for d in doc.decisions:
            _emit(f"{where(d.span)}: decision {d.kind}: {_one_line(d.message)}")
        for n in doc.noise:
            _emit(f"{where(n.span)}: noise {n.kind}: {_one_line(n.text)}")
    summary = ", ".join(f"{n} {s}{'s' if n != 1 and s != 'info' else ''}" for s, n in counts.items())
    extra = f"; {len(doc.decisions)} decisions, {len(doc.noise)} noise" if args.explain else ""
    print(f"{name}: {_structure(doc)}; {summary}{extra}", file=sys.stderr)
    return 1 if errors else 0


def _structure(doc) -> str:
    """How much structure the parse found: its articles, or the units of an
    enumerated document (一、（一）1．) that has none."""
    if not doc.articles:
        units = sum(1 for node in doc.walk() if node.kind == "point")
        if units:
            return f"{units} unit{'s' if units != 1 else ''} (an enumerated document)"
    return f"{len(doc.articles)} articles"


def _lost_text(text: str, doc):
    """A ``lost_text`` error when characters of the input are in neither the
    tree nor the noise (the parse should never lose any), else None."""
    from .accounting import first_lost, lost_characters
    from .model import Diagnostic

    lost = lost_characters(text, doc)
    if not lost:
        return None
    at = first_lost(text, doc, lost)
    count = sum(lost.values())
    shown = "".join(lost.elements())
    return Diagnostic(code="lost_text", severity="error", span=(at, at + 1),
                      message=f"{count} character{'s' if count != 1 else ''} of the input "
                              f"{'are' if count != 1 else 'is'} in neither the tree nor the noise: "
                              f"「{shown[:40]}{'…' if len(shown) > 40 else ''}」 (the first such character here)")


def _one_line(s: str, limit: int = 200) -> str:
    s = " ".join(s.split())
    return s if len(s) <= limit else s[: limit - 1] + "…"


# -- refs ----------------------------------------------------------------------

def _cmd_refs(args: argparse.Namespace) -> int:
    source, name = _read_input(args.file, args)
    text = source.text
    doc = _parse(source, name)
    positions = _Positions(text)
    if args.json:
        out = []
        for ref in doc.references:
            line, col = positions(ref.span[0])
            holder = _containing_node(doc, ref.span)
            out.append({**ref.model_dump(mode="json"), "line": line, "col": col,
                        "in": holder.citation or None, "in_id": holder.id or None})
        _emit(_dumps(out))
        return 0
    for ref in doc.references:
        line, col = positions(ref.span[0])
        targets = "、".join(ref.targets) or "?"
        if ref.kind == "external":
            resolution = f"external: {ref.act}" if ref.act else "external"
        elif ref.resolved:
            resolution = " ".join(ref.target_ids)
        else:
            resolution = "unresolved"
        _emit(f"{name}:{line}:{col}: {ref.kind} {ref.surface} -> {targets} ({resolution})")
    if not doc.references:
        print(f"{name}: no references", file=sys.stderr)
    return 0


# -- extract -------------------------------------------------------------------

def _cmd_extract(args: argparse.Namespace) -> int:
    import regparse

    source, name = _read_input(args.file, args)
    text = source.text
    docs = regparse.extract(text)
    positions = _Positions(text)
    found = []
    for doc in docs:
        articles = doc.articles
        start_line, _ = positions(doc.span[0])
        end_line, _ = positions(max(doc.span[1] - 1, doc.span[0]))
        found.append({
            "title": doc.title,
            "span": list(doc.span),
            "lines": [start_line, end_line],
            "articles": len(articles),
            "first_article": articles[0].label if articles else None,
            "last_article": articles[-1].label if articles else None,
        })
    if args.json:
        _emit(_dumps(found))
        return 0
    for i, f in enumerate(found, 1):
        first_last = f" ({f['first_article']}…{f['last_article']})" if f["articles"] else ""
        _emit(f"{i}. {f['title'] or '(untitled)'}  span {f['span'][0]}-{f['span'][1]} "
              f"(lines {f['lines'][0]}-{f['lines'][1]})  {f['articles']} articles{first_last}")
    if not found:
        print(f"{name}: no regulation found", file=sys.stderr)
    return 0


# -- batch ---------------------------------------------------------------------

def _count(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = -1
    if n < 0:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of processes (0 or more)")
    return n


def _cmd_batch(args: argparse.Namespace) -> int:
    summary = _batch.run(args.folder, args.output, fmt=args.format, patterns=args.glob, jobs=args.jobs,
                         skip_existing=args.skip_existing, keep_suffix=args.keep_suffix, quiet=args.quiet,
                         ocr=args.ocr)
    print(summary.line(), file=sys.stderr)
    return summary.exit_status


# -- cite-check and chunks -------------------------------------------------------

def _iso_date(value: str) -> str:
    import datetime

    try:
        return datetime.date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date: {value!r} (expected YYYY-MM-DD)") from None


def _load_collection(folder: str):
    from .collection import Collection

    if not os.path.isdir(folder):
        raise ReadError(f"{folder}: not a folder")
    collection = Collection.from_folder(folder)
    for path, message in collection.errors:
        print(f"{path}: skipped: {message}", file=sys.stderr)
    if not len(collection):
        raise ReadError(f"{folder}: no regulations found")
    return collection


def _cmd_cite_check(args: argparse.Namespace) -> int:
    from .citecheck import check_citations

    source, name = _read_input(args.file, args)
    collection = _load_collection(args.collection)
    checks = check_citations(source.text, collection, date=args.date)
    if args.json:
        _emit(_dumps([c.to_dict() for c in checks]))
    else:
        positions = _Positions(source.text)
        for check in checks:
            line, col = positions(check.span[0])
            named = "、".join(f"《{check.act}》{t}" for t in check.targets) if check.act else "?"
            _emit(f"{name}:{line}:{col}: {check.surface} -> {named}{'' if check.findings else ' (ok)'}")
            for finding in check.findings:
                _emit(f"  {finding.code}: {finding.message}")
                if finding.wording is not None:
                    _emit("    quoted:    " + (check.quote or "").replace("\n", " "))
                    _emit("    provision: " + finding.wording.replace("\n", " "))
        if not checks:
            print(f"{name}: no citations of an act's provisions", file=sys.stderr)
    return 1 if any(c.findings for c in checks) else 0


def _chunk_limit(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 20:
        raise argparse.ArgumentTypeError(f"{value!r} is not a chunk length (20 characters or more)")
    return n


def _cmd_chunks(args: argparse.Namespace) -> int:
    from .chunks import chunks

    if args.file != "-" and os.path.isdir(args.file):
        collection = _load_collection(args.file)
        documents = collection.items()
    else:
        source, name = _read_input(args.file, args)
        documents = [(os.path.basename(name), _parse(source, name))]
    lines = []
    for key, doc in documents:
        for chunk in chunks(doc, max_chars=args.max_chars, by=args.by):
            lines.append(json.dumps({"document": key, **chunk.to_dict()}, ensure_ascii=False))
    out = "\n".join(lines) + ("\n" if lines else "")
    if args.output:
        with open(args.output, "w", encoding="utf-8") as f:
            f.write(out)
    else:
        sys.stdout.write(out)
    return 0


# -- schema --------------------------------------------------------------------

def _cmd_schema(args: argparse.Namespace) -> int:
    from .model import Regulation

    _emit(_dumps(Regulation.model_json_schema()))
    return 0
