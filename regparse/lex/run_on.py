"""Stage 2, run-on splitting: text that lost its line breaks, cut at the markers inside its lines."""
from __future__ import annotations

import re
from functools import lru_cache

from .. import grammar
from ..catalogue import CLAUSE_END, DIVISION_RANK, INLINE_DATE, REFERENCE_TAIL, SENTENCE_END, TRAILERS
from ..normalize import Line, slice_pieces
from .marks import line_mark, mark_of, matchers, read_mark
from .registry import rule
from .starts import DIVISION_TITLE_MAX, TAIL_WINDOW, starts_article
from .state import LexState

__all__ = ["run_on", "RUN_ON_LINE_MIN", "HEADING_REACH", "ARTICLE_REACH", "ENUMERATED_HEADING_REACH"]

#: a line this long may hold several provisions; shorter lines are left whole
RUN_ON_LINE_MIN = 120
#: a heading cut just before (this many characters) introduces the article after it
HEADING_REACH = DIVISION_TITLE_MAX
#: a division heading inside a run-on line is followed by an article within this many characters
ARTICLE_REACH = 45
#: 二、管辖第三条: a judicial interpretation's heading is followed by its article this soon
ENUMERATED_HEADING_REACH = 20
#: a text is run-on only when at least this many articles start inside its lines
RUN_ON_MIN_INSIDE = 3


@lru_cache(maxsize=None)
def _after_sentence() -> re.Pattern:
    """第X条 right after the end of a sentence, inside a line."""
    return re.compile("(?<=[。；：！？;:!?])" + grammar.marker_patterns()["ARTICLE_MARK"])


@rule
def run_on(state: LexState, lines: list[Line]) -> list[Line]:
    """Run-on text (every line break lost, as scraped web pages are): split
    the lines at the markers that start structure inside them.

    Why: a text is run-on when more articles start inside lines, right after
    the end of a sentence, than at line starts.  Inside such a line, 第X条
    starts an article when it comes next in the numbering and follows the end
    of a sentence (or a heading); 第X章 starts a heading when it comes next and
    an article follows within a heading's length; （N） starts an item after a
    colon or semicolon when it comes next in its list.  A new paragraph can be
    seen only where a list of items ends with a full stop and text goes on.

    - split: 「第一条　为了…。第二条　本条例…。第三条　…」 on one line;
    - left whole: 「第一条　依照第二条规定的程序…」 (a reference, not an article).
    """
    inline = matchers()[1]
    after_sentence = _after_sentence()
    inside = 0
    long_lines = 0
    for ln in lines:
        if len(ln.text) > RUN_ON_LINE_MIN:
            long_lines += 1
            inside += len(after_sentence.findall(ln.text))
    if inside < RUN_ON_MIN_INSIDE or inside <= len(lines) - long_lines:
        return lines
    at_start = sum(1 for ln in lines if ln.text[0] == "第" and (m := line_mark(ln)) is not None
                   and m.kind == "article")
    if inside <= at_start:
        return lines
    out: list[Line] = []
    last_article: tuple[int, int] | None = None
    divisions: dict[str, int] = {}
    for ln in lines:
        if len(ln.text) <= RUN_ON_LINE_MIN:
            out.append(ln)
            continue
        text = ln.text
        cuts: list[int] = []
        first_article_seen = last_article is not None
        item_next = 0            # next item number expected in the open list, 0 if none
        for m in inline.finditer(text):
            p = m.start()
            mark = mark_of(m, text)
            if mark.number is None:
                continue
            before = text[p - 1] if p else "。"
            tail = text[mark.rest:mark.rest + TAIL_WINDOW]
            # a sentence ends before it, or a bracketed note does (（2009年8月27日删除）第三条)
            closed = before in SENTENCE_END or before in TRAILERS
            if mark.kind == "article":
                after_heading = bool(cuts) and cuts[-1] >= p - HEADING_REACH and not any(
                    ch in CLAUSE_END for ch in text[cuts[-1]:p])
                if starts_article(mark, text, last_article, not closed, run_on=True, after_heading=after_heading):
                    cuts.append(p)
                    last_article = (mark.number, mark.suffix)
                    first_article_seen = True
                    item_next = 0
            elif mark.kind in DIVISION_RANK:
                expected = divisions.get(mark.kind, 0) + 1
                nxt = inline.search(text, mark.end, mark.end + ARTICLE_REACH)
                follows = nxt is not None and nxt.lastgroup in ("ARTICLE_MARK", "PART_MARK", "SUBPART_MARK",
                                                                "CHAPTER_MARK", "SECTION_MARK") \
                    and not any(ch in CLAUSE_END for ch in text[mark.end:nxt.start()])
                if mark.number in (expected, 1) and \
                        (closed or not first_article_seen or (cuts and cuts[-1] >= p - HEADING_REACH)) \
                        and follows and not REFERENCE_TAIL.match(text, mark.rest):
                    cuts.append(p)
                    # chapters may go on counting across parts (民法典) or start again
                    divisions[mark.kind] = mark.number
            elif mark.kind == "cn_comma":
                # 二、管辖第三条: a heading of a judicial interpretation before an article
                nxt = inline.search(text, mark.end, mark.end + ENUMERATED_HEADING_REACH)
                if closed and nxt is not None and nxt.lastgroup == "ARTICLE_MARK" \
                        and not any(ch in CLAUSE_END for ch in text[mark.end:nxt.start()]):
                    cuts.append(p)
            elif mark.kind == "cn_paren" and first_article_seen:
                if before in "：:；;。" and mark.number in (item_next or 1, 1) and not tail.startswith(("项", "目")):
                    if mark.number == 1 and before not in "：:" and item_next == 0:
                        continue
                    cuts.append(p)
                    item_next = mark.number + 1
        if not cuts:
            out.append(ln)
            continue
        pieces = [0] + cuts + [len(text)]
        segments = []
        for a, b in zip(pieces, pieces[1:]):
            if b > a:
                segments.append((a, b))
        # the front matter of a run-on text: title, then issuing lines at each date
        if segments and segments[0][0] == 0 and not (cuts and cuts[0] == 0):
            a, b = segments.pop(0)
            head = [0] + [m.start() for m in INLINE_DATE.finditer(text, a, b) if m.start() > 0] + [b]
            segments[:0] = [(x, y) for x, y in zip(head, head[1:]) if y > x]
        # a list of items that ends with a full stop, and text after it: a new 款
        final = []
        for k, (a, b) in enumerate(segments):
            seg = text[a:b]
            if seg[0] in "（(" and (m := read_mark(seg)) is not None and m.kind == "cn_paren":
                stop = seg.find("。")
                if 0 <= stop < len(seg) - 1 and not _is_item(text, segments[k + 1:k + 2]):
                    final.append((a, a + stop + 1))
                    final.append((a + stop + 1, b))
                    continue
            final.append((a, b))
        for a, b in final:
            new = _sub_line(ln, a, b)
            if new is not None:
                out.append(new)
        state.decide("run_on", f"run-on line split into {len(final)} lines", (ln.start, ln.end))
    return out


def _is_item(text: str, segments: list[tuple[int, int]]) -> bool:
    """Whether the segment (none or one) is an item （N）…"""
    return any((m := read_mark(text[a:b])) is not None and m.kind == "cn_paren" for a, b in segments)


def _sub_line(line: Line, a: int, b: int) -> Line | None:
    text = line.text[a:b]
    stripped = text.strip()
    if not stripped:
        return None
    lead = len(text) - len(text.lstrip())
    pieces = [pc for pc in slice_pieces(line.pieces, a + lead, a + lead + len(stripped)) if pc[1] > pc[0]]
    new = Line(stripped, pieces, blank_before=True, raw_len=len(stripped))
    new.split = True
    return new
