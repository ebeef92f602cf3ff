"""Enumerated documents: 一、 / （一） / 1． / （1） units where there is no 第X条.

Party documents, 意见, 通知, 批复, 修正案 and 决定 number their provisions with
labels, not articles.  Where the body has no article outside a quotation
(:func:`enumerated_document`), this stage reads it unit by unit instead of
the article-minded stages (``lines``, ``end``):

- a line that starts with a label and stands outside any quotation starts a
  unit (:func:`unit_start`, :func:`quoted_line`);
- units nest by the order in which label styles appear: the first style
  met is the top level, a new style opens a level below, a style already
  open closes the deeper levels (:func:`unit_start`);
- a unit's heading is its label line when that holds a short phrase and the
  text follows below (:func:`line_heading`), or the phrase that opens its
  first paragraph when most of its siblings open that way
  (:func:`run_in_heading`);
- a paragraph after the last unit of a list that a ``：`` introduced belongs
  to the list's parent (:func:`list_tail`);
- signatures, dates, 此复。 and whole-document entry-into-force clauses after
  the last unit are closing matter (:func:`closing_matter`); an annex there
  (附：, 附件：) and all after it are the appendices.

Where articles sit under 一、 headings (the 混合 judicial interpretations),
:func:`enumerated_sections` makes those headings units over the articles.

The lines come back as logical lines whose ``mark`` is a :class:`Unit` for a
unit start; kinds ``point`` (a unit starts), ``text`` (a paragraph: of the
preamble before the first unit, else of the unit before it), ``point_text``
(a paragraph of an enclosing unit), ``closing`` and ``annex``.

>>> from regparse.normalize import clean_lines
>>> lines = clean_lines("示例意见\\n一、总体要求\\n（一）指导思想。坚持示例。\\n（二）基本原则。依法示例。")[0]
>>> units = enumerated_lines(LexState(), lines[1:])
>>> [(ll.kind, ll.mark.path, ll.mark.heading) for ll in units]
[('point', ('一',), '总体要求'), ('point', ('一', '（一）'), '指导思想'), ('point', ('一', '（二）'), '基本原则')]
"""
from __future__ import annotations

import re

from ..catalogue import ANNEX_LINE, CLOSING_FORMULA, CLOSING_SIGNATURE, DATE_ONLY_LINE, ENTRY_INTO_FORCE, \
    NUMERAL_LABEL, QUESTION_HEADING, RULE_SENTENCE, RUN_IN_HEADING
from ..normalize import Line
from ..numerals import to_int
from .marks import line_mark
from .registry import rule
from .text import ends_closed
from .state import LexState, LogicalLine

__all__ = ["Unit", "enumerated_lines", "enumerated_sections", "enumerated_document", "unit_start",
           "quoted_line", "line_heading", "run_in_heading", "list_tail", "closing_matter", "section_unit", "label_of",
           "LINE_HEADING_MAX", "RUN_IN_SHARE"]

#: a line heading is a phrase of at most this many characters
LINE_HEADING_MAX = 60
#: a run-in heading is taken when this share of the siblings open with one
RUN_IN_SHARE = 0.75

# the path element of each label style (一、 → 一, （一） → （一）, 1． → 1, （1） → （1）)
_STYLE_OF_MARK = {"cn_comma": "cn", "cn_paren": "cn_paren", "digit_dot": "digit", "digit_paren": "digit_paren",
                  "circled": "circled"}
_LINE_HEADING_STOPS = frozenset("。；：？！;:?!")


class Unit:
    """A unit's label line as the lexer read it: label, number, style, level,
    heading, where its text starts in the line, and the enclosing unit."""

    __slots__ = ("label", "number", "style", "level", "path", "heading", "rest", "parent", "heading_kind",
                 "children", "own", "index")
    #: a unit label is read as printed (regparse.lex.repairs looks for repairs on every token's mark)
    repair = ""

    def __init__(self, label: str, number: int, style: str, rest: int, index: int) -> None:
        self.label = label          # as printed, whitespace removed: 一、 （一） 1． （1） 一
        self.number = number
        self.style = style          # cn, cn_paren, digit, digit_paren, circled
        self.level = 1
        self.path: tuple[str, ...] = ()
        self.heading: str | None = None
        self.heading_kind = ""      # line or run_in
        self.rest = rest            # where the unit's text starts in its line
        self.parent: Unit | None = None
        self.children: list[Unit] = []
        self.own: list[str] = []    # its own text so far, paragraph by paragraph
        self.index = index          # the line it starts on

    @property
    def step(self) -> str:
        """The label as a step of a path (一、 → 一, 1． → 1)."""
        return step_of(self.label, self.style)

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"<Unit {'/'.join(self.path)} {self.heading or ''}>"


def step_of(label: str, style: str) -> str:
    """The canonical step of a label: 一、/一．/一 → 一, (一) → （一）, 1./１、 → 1, (1) → （1）."""
    core = label.strip("、．.（）() \u3000")
    if style in ("digit", "digit_paren"):
        core = str(to_int(core))
    if style in ("cn_paren", "digit_paren"):
        return f"（{core}）"
    return core


def label_of(line: Line) -> tuple[str, int, str, int] | None:
    """(label, number, style, where the text starts) of a line that starts with a unit label."""
    mark = line_mark(line)
    text = line.text
    if mark is not None:
        style = _STYLE_OF_MARK.get(mark.kind)
        if style is None or mark.number is None:
            return None
        return mark.label, mark.number, style, mark.rest
    m = NUMERAL_LABEL.match(text)
    if m is not None:
        number = to_int(m.group(1))
        if number:
            return "".join(m.group(0).split()), number, "cn", m.end()
    return None


def _wrapped(width: int, previous: Line | None, line: Line) -> bool:
    """Whether ``line`` goes on with a full line of hard-wrapped text before it
    (「依照刑法」 / 「第十条规定…」): its label is then a wrap, not a start."""
    return bool(width) and previous is not None and not line.blank_before and previous.raw_len >= width


def _quote_depth(text: str, depth: int) -> int:
    """The depth of quotation after ``text``.  A paragraph that opens with “
    inside a quotation goes on with it: a quotation of several paragraphs
    opens each with “ and closes only the last.  So does a “ right after a
    sentence's end inside a quotation, where the text lost its line breaks
    (a quotation nests in ‘’, not in another “”)."""
    if depth and text[:1] == "“":
        text = text[1:]
    previous = ""
    for ch in text:
        if ch == "“":
            if not (depth and previous in _SENTENCE_ENDS):
                depth += 1
        elif ch == "”" and depth:
            depth -= 1
        previous = ch
    return depth


# where a sentence ends inside a quotation of several paragraphs
_SENTENCE_ENDS = frozenset("。！？；")


@rule
def enumerated_document(state: LexState, lines: list[Line]) -> bool:
    """A body with unit labels and no article outside a quotation is an enumerated document.

    Why: 意见, 通知, 批复, 修正案 and 决定 number their provisions 一、二、…;
    the 第X条 a 修正案 prints are the quoted articles it amends, not its own.

    A 第X条 that a wrap put at a line start, after a line that ends no
    sentence and with no separator after it (「一、将刑法」 / 「第十七条修改为：…」),
    is the reference it was cut from, not an article.

    - enumerated: 「一、将刑法第十条修改为：“第十条　…”」 / 「二、…」;
    - articles: 「第一条　为了…」 outside any quotation.
    """
    depth = 0
    labels = 0
    width = state.width
    previous: Line | None = None
    for line in lines:
        before, previous = previous, line
        if _wrapped(width, before, line):
            depth = _quote_depth(line.text, depth)
            continue
        mark = line_mark(line)
        if mark is not None and mark.kind == "article" and mark.number and (not depth or mark.number == 1) \
                and not (before is not None and not mark.sep and not ends_closed(before.text)):
            # 第一条 after a quotation left open starts the articles of a regulation
            return False
        if not depth:
            if label_of(line) is not None:
                labels += 1
        depth = _quote_depth(line.text, depth)
    if labels and lines:
        state.decide("enumerated_document", f"{labels} unit labels and no article outside a quotation: "
                     "an enumerated document", (lines[0].start, lines[-1].end))
    return labels > 0


@rule
def quoted_line(state: LexState, line: Line, depth: int, top: Unit | None, opened: int) -> bool:
    """A line inside a quotation is text of the unit quoting it, whatever it starts with.

    Why: a 修正案 quotes the articles it amends (将第十条修改为：“第十条…”),
    and a quotation runs on over lines without a leading “ until its ”; a
    quotation the source forgot to close ends at the next label of the top
    level (二十四、 after 二十三、).

    - text: 「（一）单独或者合谋…」 inside 「“第一百八十二条　…：」 / 「…。”」;
    - unit: 「二十四、…」 after an unclosed 「二十三、…“…」.
    """
    if not depth:
        return False
    found = label_of(line)
    if found is not None and top is not None and found[2] == top.style and found[1] == top.number + 1 \
            and opened != line.start:
        state.decide("quoted_line", f"{found[0]} ends a quotation left open: a unit", (line.start, line.end))
        return False
    state.decide("quoted_line", f"{line.text[:12]} is inside a quotation: text", (line.start, line.end))
    return True


@rule
def unit_start(state: LexState, unit: Unit, open_units: list[Unit], line: Line) -> None:
    """A label line outside a quotation starts a unit, nested by the order of label styles.

    Why: nesting comes from the order in which styles appear, never from
    formatting: the first style met is the top level, a different one
    opens a level below, a style already open closes every deeper level.

    - child: 「（一）…」 under 「一、…」;
    - sibling: 「二、…」 after 「一、」 / 「（一）…」 (closes （一）).
    """
    for i, other in enumerate(open_units):
        if other.style == unit.style:
            del open_units[i:]
            break
    unit.parent = open_units[-1] if open_units else None
    unit.level = len(open_units) + 1
    unit.path = (unit.parent.path if unit.parent else ()) + (unit.step,)
    if unit.parent is not None:
        unit.parent.children.append(unit)
    open_units.append(unit)
    state.decide("unit_start", f"{unit.label} starts unit {'/'.join(unit.path)}", (line.start, line.end))


def _phrase(text: str) -> bool:
    """A short phrase with no sentence punctuation, not ending in ，/、."""
    return (0 < len(text) <= LINE_HEADING_MAX and not (_LINE_HEADING_STOPS & set(text))
            and text[-1] not in "，、,")


@rule
def line_heading(state: LexState, unit: Unit, rest: str, next_line: Line | None, next_unit_style: str | None,
                 open_styles: list[str]) -> bool:
    """A label line holding only a short phrase, with the text on the lines below, is a heading.

    Why: 一、总体要求 / 二、修改《…规定》 head what follows them; a short label
    line followed by its sibling (（三）其他) is the item's text.

    - heading: 「一、一般规定」 / 「第一条…」 or 「（一）…」 or a paragraph below;
    - text: 「（三）其他」 / 「（四）…」 (a sibling follows), 「一、本规定自…施行。」.
    """
    if not _phrase(rest) or next_line is None:
        return False
    if next_unit_style is not None and next_unit_style in open_styles[:unit.level]:
        return False       # a sibling or an enclosing unit follows: nothing under the phrase
    state.decide("line_heading", f"{unit.label}{rest[:16]} is a heading", (next_line.start, next_line.start))
    return True


@rule
def run_in_heading(state: LexState, siblings: list[Unit], firsts: list[str], span: tuple[int, int]) -> bool:
    """A run-in heading (（一）指导思想。坚持…) is a style of the whole list:
    taken when three quarters of the siblings open with a short phrase ended
    by 。 and followed by more text (a sibling with a line heading counts).

    Why: 小标题 printed in bold before the text lose the bold in a copy; a
    list that uses them throughout shows them, a single item that opens with
    a short sentence (委托送达司法文书费用互免。但…) does not.

    A phrase that names its question (关于适用范围问题。) is a heading even
    alone, as 批复 print their answers.

    - taken: 「1．清退对象。…」 「2．清退范围。…」 「3．清退时间。…」;
    - refused: one item of five opening 「…互免。但…」; a phrase ended by ：.
    """
    have = sum(1 for u, first in zip(siblings, firsts) if u.heading_kind == "line" or _run_in(first))
    runs = sum(1 for u, first in zip(siblings, firsts) if u.heading_kind != "line" and _run_in(first))
    taken = runs > 0 and len(siblings) >= 2 and have >= RUN_IN_SHARE * len(siblings)
    if runs:
        state.decide("run_in_heading", f"run-in headings {'taken' if taken else 'refused'}: {have} of "
                     f"{len(siblings)} units under the same parent open with one", span)
    return taken


def _run_in(first: str) -> re.Match | None:
    """The heading phrase that opens ``first``, if it reads as a heading rather than a rule."""
    m = RUN_IN_HEADING.match(first)
    if m is None or RULE_SENTENCE.match(m.group(1)):
        return None
    return m


@rule
def list_tail(state: LexState, last: Unit, parent: Unit | None, line: Line) -> bool:
    """A paragraph after the last unit of a list that a ： introduced belongs to the list's parent.

    Why: like a 款 after the 项 of an article, the paragraph after
    「…处理意见：（一）…（三）…」 goes on with what introduced the list; one
    between two units of the list (the next label continues it) continues
    the unit before it, and a unit with a heading, or whose text ends in
    ：, owns the paragraphs under it.

    - parent: 「二、…意见：」 「（一）…」 「（二）…」 「对于性质不明…」 then 「三、」;
    - last unit: 「（一）…」 「其他…」 「（二）…」.
    """
    if parent is None or last.heading is not None:
        return False
    lead = "".join(parent.own)
    own = "".join(last.own)
    if not lead.rstrip().endswith(("：", ":")) or own.rstrip().endswith(("：", ":")):
        return False
    state.decide("list_tail", f"{line.text[:12]} after the list under {parent.label} belongs to it",
                 (line.start, line.end))
    return True


@rule
def closing_matter(state: LexState, line: Line, last: Unit | None) -> bool:
    """A date, a signature, a closing formula or an entry-into-force clause of
    the whole document after the last unit is closing matter, not the unit's text.

    Why: 此复。, 特此通知。, the issuing organ and the date close the
    document; 本决定自…起施行。 after the numbered provisions speaks of the
    whole instrument.  A numbered 九、本修正案自公布之日起施行。 is a unit.

    - closing: 「此复。」, 「最高人民检察院」 / 「2002年5月13日」, 「本决定自2021年1月1日起施行。」;
    - unit text: 「九、本修正案自公布之日起施行。」, 「对于性质不明的…」.
    """
    text = "".join(line.text.split())
    found = bool(DATE_ONLY_LINE.match(text) or CLOSING_FORMULA.match(text) or CLOSING_SIGNATURE.match(text)
                 or ENTRY_INTO_FORCE.match(text))
    if found:
        state.decide("closing_matter", f"{text[:16]} after the last unit is closing matter", (line.start, line.end))
    return found


def enumerated_lines(state: LexState, lines: list[Line]) -> list[LogicalLine]:
    """The body's lines read unit by unit (see the module docstring)."""
    n = len(lines)
    # 1. the lines that start units: outside quotations
    found: list[tuple[str, int, str, int] | None] = [None] * n
    depth = 0
    top_style: str | None = None
    top: Unit | None = None
    opened = -1
    starts: list[int] = []
    quoted = [False] * n
    width = state.width
    for i, line in enumerate(lines):
        quoted[i] = depth > 0
        label = None if _wrapped(width, lines[i - 1] if i else None, line) else label_of(line)
        if label is not None and not quoted_line(state, line, depth, top, opened):
            found[i] = label
            if top_style is None:
                top_style = label[2]
            if label[2] == top_style:
                top = Unit(label[0], label[1], label[2], label[3], i)
            depth = 0
            starts.append(i)
        before = depth
        depth = _quote_depth(line.text, depth)
        if depth and not before:
            opened = line.start
    # 2. the annex and the closing matter after the last unit
    end = n
    if starts:
        # an annex after the first unit: it and all after it (its own 一、二、 too) are the appendices
        for i in range(starts[0] + 1, n):
            if not quoted[i] and found[i] is None and ANNEX_LINE.match(lines[i].text):
                end = i
                break
    out: list[LogicalLine] = []
    units: list[Unit] = []
    open_units: list[Unit] = []
    owner: list[Unit | None] = [None] * n
    for i in range(end):
        line = lines[i]
        label = found[i]
        if label is None:
            continue
        unit = Unit(label[0], label[1], label[2], label[3], i)
        unit_start(state, unit, open_units, line)
        units.append(unit)
        owner[i] = unit
    closing_from = end
    if units:
        last = units[-1]
        j = end
        while j - 1 > last.index and closing_matter(state, lines[j - 1], last):
            j -= 1
        closing_from = j
    # 3. headings and texts
    styles_after: list[str | None] = [None] * (n + 1)
    following: str | None = None
    for i in range(end - 1, -1, -1):
        styles_after[i + 1] = following
        if found[i] is not None:
            following = found[i][2]  # type: ignore[index]
    styles_after[0] = following
    for unit in units:
        line = lines[unit.index]
        rest = line.text[unit.rest:].strip()
        # a label line of hard-wrapped text that fills the line goes on below: no heading
        full = state.width and line.raw_len >= state.width
        nxt = lines[unit.index + 1] if unit.index + 1 < closing_from and not full else None
        chain = [u.style for u in _chain(unit)]
        next_found = found[unit.index + 1] if nxt is not None else None
        if line_heading(state, unit, rest, nxt, next_found[2] if next_found else None, chain):
            unit.heading = rest
            unit.heading_kind = "line"
            unit.rest = len(line.text)
    # a last unit with a line heading and nothing under it keeps the lines below it
    if units and units[-1].heading_kind == "line" and closing_from == units[-1].index + 1:
        closing_from = end
    firsts = {id(u): lines[u.index].text[u.rest:].strip() for u in units}
    groups: dict[int, list[Unit]] = {}
    for unit in units:
        groups.setdefault(id(unit.parent), []).append(unit)
    for siblings in groups.values():
        span = (lines[siblings[0].index].start, lines[siblings[-1].index].end)
        first_texts = [firsts[id(u)] for u in siblings]
        taken = run_in_heading(state, siblings, first_texts, span)
        for u, first in zip(siblings, first_texts):
            m = _run_in(first) if u.heading_kind != "line" else None
            if m is not None and (taken or QUESTION_HEADING.match(m.group(1))):
                u.heading = m.group(1)
                u.heading_kind = "run_in"
                line = lines[u.index]
                u.rest = line.text.index(first) + m.end()
    # 4. every line a logical line: units, paragraphs (of which unit), closing, annex
    current: Unit | None = None
    tail_owner: Unit | None = None
    width = state.width
    for i in range(n):
        line = lines[i]
        if (width and out and i < closing_from and owner[i] is None and not line.blank_before
                and out[-1].last_raw_len >= width and out[-1].kind in ("point", "text", "point_text")):
            # hard-wrapped text: a full line goes on to the next one that starts no unit
            wrapped = out[-1]
            wrapped.join(line)
            holder = wrapped.mark if wrapped.kind != "text" else tail_owner or current
            if holder is not None and holder.own:
                holder.own[-1] += line.text
            continue
        ll = LogicalLine(line, None, "text")
        if i >= end:
            ll.kind = "annex" if i == end else "annex_text"
            if i == end:
                ll.mark = line_mark(line)
        elif i >= closing_from:
            ll.kind = "closing"
        elif owner[i] is not None:
            current = owner[i]
            tail_owner = None
            ll.kind = "point"
            ll.mark = current
            text = line.text[current.rest:].strip()  # type: ignore[union-attr]
            if text:
                current.own.append(text)  # type: ignore[union-attr]
        elif current is not None:
            if tail_owner is None:
                nxt_style = styles_after[i + 1]
                holder = current
                chain = [u.style for u in _chain(current)]
                # the next label closes the current unit: the paragraph may be its parent's
                while (holder.parent is not None and (nxt_style is None or nxt_style in chain[:holder.level - 1])
                       and list_tail(state, holder, holder.parent, line)):
                    holder = holder.parent
                    if nxt_style is not None and nxt_style in chain[:holder.level - 1]:
                        continue
                    break
                tail_owner = holder
            if tail_owner is not current:
                ll.kind = "point_text"
                ll.mark = tail_owner
            tail_owner.own.append(line.text)
        out.append(ll)
    return out


@rule
def section_unit(state: LexState, ll: LogicalLine, rest: str, nxt: LogicalLine | None) -> bool:
    """A 一、 heading line before articles is a unit over them.

    Why: judicial interpretations group their 第X条 under 一、管辖 / 二、回避;
    the articles are that unit's, cited as before (第五条).

    - unit: 「一、一般规定」 / 「第一条　…」;
    - not a unit: 「一、…的，应当…。」 (a sentence), 「一、…」 with no article or heading right after it.
    """
    if not _phrase(rest) or nxt is None or nxt.kind not in ("article", "heading"):
        return False
    state.decide("section_unit", f"{ll.text[:16]} heads the articles under it", (ll.start, ll.end))
    return True


def _chain(unit: Unit) -> list[Unit]:
    chain = []
    node: Unit | None = unit
    while node is not None:
        chain.append(node)
        node = node.parent
    chain.reverse()
    return chain


def enumerated_sections(state: LexState, logical: list[LogicalLine]) -> None:
    """一、 headings over articles (the 混合 judicial interpretations) become units (:func:`section_unit`).

    Only in a text without 编/章/节: a 一、 heading between chapters heads a part of its chapter."""
    if state.division_numbers:
        return
    first_article = next((i for i, ll in enumerate(logical) if ll.kind == "article"), None)
    if first_article is None:
        return
    for i, ll in enumerate(logical):
        mark = ll.mark
        if mark is None or getattr(mark, "kind", None) != "cn_comma" or not (
                ll.kind == "heading" or (ll.kind == "cn_comma" and i < first_article)):
            # a 一、 the lines stage read as a heading, or the first one, before any article
            continue
        rest = ll.text[mark.rest:].strip()
        nxt = logical[i + 1] if i + 1 < len(logical) else None
        if ll.kind == "cn_comma" and (nxt is None or nxt.kind != "article" or nxt.mark.number != 1):
            continue    # before the articles, only the heading over 第一条 is one
        if not section_unit(state, ll, rest, nxt):
            continue
        unit = Unit(mark.label, mark.number, "cn", len(ll.text), i)
        unit.path = (unit.step,)
        unit.heading = rest
        unit.heading_kind = "line"
        ll.kind = "point"
        ll.mark = unit
