"""Stage 4, logical lines: markers read, each line's start judged, wrapped lines joined."""
from __future__ import annotations

from ..catalogue import DIVISION_RANK
from ..freeze import noise_record
from ..normalize import Line, line_noise, slice_pieces
from .joins import BLANK_CHAINS, BLANK_UNWRAPPED_CHAINS, CHAINS, UNWRAPPED_CHAINS, goes_on
from .layout import LAYOUT_CHAINS, LAYOUT_UNWRAPPED_CHAINS, last_article_start, layout_heading
from .marks import (Mark, garbled_item_mark, line_mark, lost_bracket_mark, lost_di_article_mark,
                    misread_article_mark, read_mark, MALFORMED_NUMERAL,
                    ten_read_as_digit_mark, ten_read_as_gan_mark)
from .registry import rule
from .starts import (annex_start, article_start, bare_heading, cut_before, division_start, enumerated_heading,
                     starts_article)
from .state import LexState, LogicalLine
from .text import ends_closed, same_heading

__all__ = ["logical_lines", "START_RULES", "toc", "label_joined", "TOC_ENTRY_MAX", "CUT_LABEL_MAX"]

#: a garbled item label is known by the next item's label within this many lines
ITEM_LOOKAHEAD = 8
# what an article label OCR mangled starts with: 第, or its numeral where the 第 was lost
_LABEL_FIRST = frozenset("第一二三四五六七八九十百")
# the opening brackets OCR makes of （, one of which it may read twice
_BRACKETS = frozenset("（(〈《")
#: an entry of a 目录 is a short heading
TOC_ENTRY_MAX = 30
#: 「第一百二十四」 / 「条 …」: the head of a label cut by a line break is this short
CUT_LABEL_MAX = 12


#: the rule that judges a line by the marker it starts with: marker kind →
#: (rule, the line's kind when the rule accepts, its kind when the rule
#: rejects, None for text); markers not listed are item markers
START_RULES = {
    "article": (article_start, "article", None),
    **{kind: (division_start, kind, None) for kind in DIVISION_RANK},
    "annex": (annex_start, "annex", None),
    "cn_comma": (enumerated_heading, "heading", "cn_comma"),
    "toc": (None, "toc", None),
    "preamble_mark": (None, "preamble_mark", None),
}


def logical_lines(state: LexState, lines: list[Line]) -> list[LogicalLine]:
    """Physical lines → logical lines: markers read, wrapped lines joined."""
    out: list[LogicalLine] = []
    cur: LogicalLine | None = None
    entries: list[str] | None = None      # entries of a 目录 being skipped
    explain = state.explain
    layout = state.layout
    if layout:
        state.chains = LAYOUT_CHAINS if state.width else LAYOUT_UNWRAPPED_CHAINS
        state.last_article = last_article_start(lines)
    elif state.blank_paragraphs:
        state.chains = BLANK_CHAINS if state.width else BLANK_UNWRAPPED_CHAINS
    else:
        state.chains = CHAINS if state.width else UNWRAPPED_CHAINS
    for k, line in enumerate(lines):
        text = line.text
        mark = line_mark(line)
        if mark is None and cur is not None and (cur.kind == "cn_paren" or cur.text[-1:] in "：:"):
            # an item whose label OCR mangled, next in the list open before it
            line, mark = _ocr_item(state, line, cur.mark.number if cur.kind == "cn_paren" else 0,  # type: ignore[union-attr]
                                   cur.text, lines, k)
            text = line.text
        if mark is None and text[0] in _LABEL_FIRST and state.article_key is not None \
                and (line.blank_before or line.page_break) and cur is not None \
                and (ends_closed(cur.text) or cur.kind in DIVISION_RANK):
            # an article whose 第 OCR lost (六十二条 …) or whose numeral it misread in one character
            # (第一千夫六十七条), next after the last one, at a paragraph's start
            number = state.article_key[0] + 1
            mark = misread_article_mark(text, number) if text[0] == "第" else lost_di_article_mark(text, number)
        elif mark is not None and mark.kind == "article" and state.article_key is not None \
                and MALFORMED_NUMERAL.search(mark.label):
            # a numeral no article has (第二二三条): OCR misread one of its characters as a numeral
            # (the next article's, or where the article before places nothing, the one 十 for a digit makes)
            mark = misread_article_mark(text, state.article_key[0] + 1, malformed=True) \
                or ten_read_as_digit_mark(text) or mark
        elif mark is not None and mark.repair == "ocr_numeral" and mark.kind == "article" \
                and state.article_key is not None and mark.number != state.article_key[0] + 1:
            # 干 read as 千 gives no article that comes next: it may be OCR's 十 (第四干七条 after 第四十六条)
            mark = ten_read_as_gan_mark(text, state.article_key[0] + 1) or mark
        if entries is not None:
            if toc(state, line, mark, entries):
                continue
            entries = None
        if mark is not None and mark.kind == "toc" and state.article_key is None:
            entries = []
            state.noise.extend(line_noise("toc", line))
            continue
        kind = "text"
        structural = False
        if mark is not None:
            judged = START_RULES.get(mark.kind)
            if judged is None:            # an item marker: its role is decided with the lines around it
                kind = mark.kind
            else:
                start_rule, accepted, rejected = judged
                if start_rule is None or start_rule(state, mark, line, cur):
                    kind = accepted
                    structural = True
                elif rejected is None:    # the marker is read as text
                    mark = None
                else:
                    kind = rejected
        elif state.article_key is not None and (bare_heading(state, line)
                                                or (layout and layout_heading(state, line, cur))):
            kind = "heading"
            structural = True
        if cur is not None:
            join = goes_on(state, cur, line, mark, structural)
            if join is not None:
                cut = label_joined(state, cur, line, out)
                cur.join(line)
                if cut is not None:
                    cur.kind, cur.mark = "article", cut
                    state.article_key = (cut.number, cut.suffix)  # type: ignore[assignment]
                if explain:
                    state.decide(join.__name__, f"line joined to the one before: {text[:12]}…", (line.start, line.end))
                continue
        prev_text = cur.text if cur is not None else ""
        state.list_entry = kind == "text" and prev_text[-1:] in ("：", ":") or (
            state.list_entry and kind == "text" and prev_text[-1:] in ("，", ","))
        cur = LogicalLine(line, mark, kind)
        if kind == "article":
            state.article_key = (mark.number, mark.suffix)  # type: ignore[union-attr]
        elif kind in DIVISION_RANK:
            state.division_numbers[kind] = mark.number  # type: ignore[union-attr]
            for k, r in DIVISION_RANK.items():
                if r > DIVISION_RANK[kind]:
                    state.division_numbers.pop(k, None)
        out.append(cur)
    return out


def _ocr_item(state: LexState, line: Line, last_item: int, cur_text: str, lines: list[Line],
              k: int) -> tuple[Line, Mark | None]:
    """The line and its item mark where OCR mangled the label of the item
    next after ``last_item`` (:func:`regparse.lex.repairs.ocr_lost_bracket`,
    :func:`regparse.lex.repairs.ocr_garbled_item`), a line with no marker;
    None where it is no item.
    Characters read into the label before it are noise."""
    text = line.text
    skip = 0
    found = lost_bracket_mark(text, last_item)
    if found is None and text[0] in _BRACKETS and text[1:2] in _BRACKETS:
        inner = read_mark(text[1:])
        if inner is not None and inner.kind == "cn_paren" and inner.number == last_item + 1:
            skip, found = 1, inner._replace(repair="ocr_lost_bracket")
    if found is None and ends_closed(cur_text):
        found = garbled_item_mark(text, last_item + 1)
        clipped = garbled_item_mark(text, last_item + 1, clipped=True) if found is None else None
        if found is not None or clipped is not None:
            garbled, after = _items_after(lines, k)
            if found is not None:
                # the labels after it, garbled too or not, count on from it; the first
                # of a list only where a label after it says so
                if after != last_item + 2 + garbled and (after is not None or not last_item):
                    found = None
            elif garbled == 0 and after == last_item + 2:
                # a label clipped to its bracket and one character only right between two items
                found = clipped
        if found is not None and found.end > len(found.label):
            skip = found.end - len(found.label)
            found = found._replace(end=found.end - skip, rest=found.rest - skip)
    if found is None:
        return line, None
    if skip:
        a, b = slice_pieces(line.pieces, 0, skip)[0]
        state.noise.append(noise_record("ocr_bracket", text[:skip], (a, b)))
        line = Line(text[skip:], slice_pieces(line.pieces, skip), line.blank_before, line.heading,
                    line.page_break, line.raw_len - skip)
    return line, found


def _items_after(lines: list[Line], k: int) -> tuple[int, int | None]:
    """How many garbled item labels follow line ``k`` before the next item
    label within a few lines, and that label's number (None: another marker
    or none, the list ends)."""
    garbled = 0
    for ln in lines[k + 1:k + 1 + ITEM_LOOKAHEAD]:
        mark = line_mark(ln)
        if mark is not None:
            return garbled, (mark.number if mark.kind == "cn_paren" else None)
        if garbled_item_mark(ln.text, 1) is not None:
            garbled += 1
    return garbled, None


@rule
def toc(state: LexState, line: Line, mark: Mark | None, entries: list[str]) -> bool:
    """The lines of a 目录 (table of contents) before the first article are kept out of the tree.

    Why: a 目录 repeats the headings; read as structure it would duplicate
    every division.  Its entries are division headings, 序言/附则, or short
    title-like lines; it ends at the first line that is none of these, or at
    the first heading printed again (the body starts).

    - kept out: 「目　录」 / 「第一章　总则」 / 「第二章　…」;
    - kept: 「第一章　总则」 again, then 「第一条　…」.
    """
    text = line.text
    if _toc_entry(text, mark) and not (entries and same_heading(text, entries[0])):
        entries.append(text)
        state.noise.extend(line_noise("toc", line))
        return True
    state.decide("toc", f"table of contents of {len(entries)} entries kept out of the tree", (line.start, line.end))
    return False


def _toc_entry(text: str, mark: Mark | None) -> bool:
    """A line of a 目录: a division heading, 序言/附则, or a short title-like line."""
    if mark is not None:
        if mark.kind == "article":
            return False
        if mark.kind in DIVISION_RANK or mark.kind == "preamble_mark":
            return True
    return len(text) <= TOC_ENTRY_MAX and not ends_closed(text)


@rule
def label_joined(state: LexState, cur: LogicalLine, line: Line, out: list[LogicalLine]) -> Mark | None:
    """The article label that a line break cut in two (「第三十」 / 「条　…」), if any.

    Why: a narrow column or an OCR line break can fall inside a label; joined,
    the two pieces read as a label that starts an article.

    - one label: 「第一百二十四」 / 「条　本法自…」;
    - not a label: 「第一百二十四」 / 「次会议通过」.
    """
    head = cur.text
    if cur.kind != "text" or cur.phys != 1 or len(head) > CUT_LABEL_MAX or head[0] != "第":
        return None
    text = head + line.text
    mark = read_mark(text)
    if mark is None or mark.kind != "article" or mark.end <= len(head):
        return None
    prev = out[-2] if len(out) > 1 else None
    if not starts_article(mark, text, state.article_key, cut_before(prev)):
        return None
    state.decide("label_joined", f"{mark.label} split across lines read as one label", (cur.start, line.end))
    return mark
