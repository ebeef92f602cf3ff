"""Stage 3, front matter: the title, subtitle and issuing lines at the top."""
from __future__ import annotations

import re

from ..catalogue import (DATE, DATE_LINE, DIVISION_RANK, DOCUMENT_NUMBER, FULL_DATE, ISSUER_ONLY, ISSUERS, ISSUING_WORDS,
                         MASTHEAD_LINE, NOTICE_HEAD, PAPER_WORDS, REGULATION_TITLE_END, ORDER_HEAD, QUOTED_TITLE, STATE_PREFIX, TITLE_DONE, TITLE_NOTE)
from ..freeze import noise_record
from ..normalize import Line, line_noise, slice_pieces
from .marks import line_mark
from .regions import article_line, names_regulation
from .registry import rule
from .state import LexState
from .text import TITLE_MAX, beside_parts, ends_closed, news_or_credit, subtitle_like, title_like, title_of

__all__ = ["front_matter", "masthead", "title_around_masthead", "MASTHEAD_LINES_MAX", "promulgation_order", "ORDER_LINES_MAX", "title", "wrapped_title", "subtitle",
           "issuing_lines", "masthead_among_issuing", "title_beside", "title_before_date", "news_box", "ocr_state_prefix", "half_width_note", "STATE_PREFIX_BITS_MIN", "NEWS_BOX_LINES_MAX", "join_lines", "joined",
           "UNDATED_RUN", "WRAPPED_TITLE_MIN", "TITLE_LINES_MAX", "INFO_LINE_MAX", "SHORT_INFO_LINE_MAX",
           "TITLE_CLOSE_LINE_MAX"]

#: the issuing block ends after this many lines without a date (or a wrapped
#: issuing line after this many lines): it is a few lines, not a page
UNDATED_RUN = 8
#: a title line shorter than this was not wrapped (示例名单 / 委员一号 …)
WRAPPED_TITLE_MIN = 12
#: a title wrapped at no width one can tell takes at most this many lines
TITLE_LINES_MAX = 4
#: the line under an issuing line that goes on with it is no longer than this
INFO_LINE_MAX = 60
#: an undated line inside the issuing block (half of a broken 发布 line) is short
SHORT_INFO_LINE_MAX = 40
#: the end of a 《…》 the line before opened (〈…〉的决定》第四次修正) is short
TITLE_CLOSE_LINE_MAX = 80
#: a promulgation order or transmittal notice before the title takes at most
#: this many lines (head, number, the text, the addressees, signature, date)
ORDER_LINES_MAX = 30
#: a newspaper page's masthead, and a news box beside it, take at most this many lines above the title
MASTHEAD_LINES_MAX = 12
#: a piece of the top this short is OCR's reading of an emblem or a smudge, no piece of a title
PIECE_JUNK_MAX = 2


def join_lines(parts: list[Line]) -> Line:
    """Several physical lines as one."""
    return Line("".join(p.text for p in parts), [pc for p in parts for pc in p.pieces],
                parts[0].blank_before, parts[0].heading, parts[0].page_break, parts[-1].raw_len)


def joined(lines: list[Line], i: int, width: int) -> tuple[Line, int]:
    """Line ``i`` of a hard-wrapped text with the lines that continue it (each
    full-width line goes on to the next, until a short one or a blank line),
    and how many lines that takes."""
    parts = [lines[i]]
    while parts[-1].raw_len >= width and i + len(parts) < len(lines):
        nxt = lines[i + len(parts)]
        if nxt.blank_before or DATE_LINE.match(nxt.text) or line_mark(nxt) is not None:
            break
        parts.append(nxt)
    return join_lines(parts), len(parts)


def front_matter(state: LexState, lines: list[Line]) -> int:
    """Read title, subtitle and issuing lines at the top; return how many lines they use."""
    used = _front_matter(state, lines)
    ocr_state_prefix(state, [])
    half_width_note(state)
    return used


def _front_matter(state: LexState, lines: list[Line]) -> int:
    if not lines:
        return 0
    top = masthead(state, lines)
    if top:
        used = _front_matter(state, lines[top:])
        ocr_state_prefix(state, lines[:top])
        return top + used
    broken = title_around_masthead(state, lines)
    if broken:
        return issuing_lines(state, lines, broken)
    order = promulgation_order(state, lines)
    if order:
        lines = lines[order:]
    named = _title_lines(lines, 0, state.order_title) if order else 0
    if named > 1:
        # the order named the title it was wrapped from: its lines are known
        first = join_lines(lines[:named])
        state.title = first.text
        state.front_tokens.append(("title", first))
        state.decide("wrapped_title", f"the title joined from {named} lines, as the order names it",
                     (first.start, first.end))
        i = named
    else:
        beside = title_beside(state, lines)
        cut = title_before_date(state, lines) if beside is None else None
        right = None
        if beside is not None:
            first, joined_lines, right = beside
            lines = [first] + lines[joined_lines:]
            order += joined_lines - 1
        elif cut is not None:
            lines = [*cut, *lines[2:]]
        i = title(state, lines, whole=beside is not None or cut is not None)
        if i and right is not None:
            state.front_tokens.append(("subtitle", right))
    if i and i < len(lines) and subtitle(state, lines[i]):
        i += 1
    return order + issuing_lines(state, lines, i)


def _masthead_line(text: str) -> bool:
    """A paper's name or its date/edition line (OCR may space the letters out),
    or both side by side (pdftotext -layout keeps the gap between them), OCR's
    reading of an emblem beside them aside."""
    squeezed = _squeezed(text)
    # the squeezed text is matched again only where OCR spaced the letters out
    if MASTHEAD_LINE.match(text) is not None or (squeezed != text and MASTHEAD_LINE.match(squeezed) is not None):
        return True
    parts = _GAP.split(text.strip())
    # a mark or two of no script beside it (ee, 口) is what OCR made of an emblem
    return len(parts) > 1 and MASTHEAD_LINE.match(parts[0]) is not None and all(
        MASTHEAD_LINE.match(part) is not None or (len(part) <= PIECE_JUNK_MAX and not _CJK.search(part))
        for part in parts[1:])


def _masthead_lines(lines: list[Line], j: int, limit: int) -> int:
    """How many lines from ``j`` are one masthead line: 1, or 2 for a paper's name that
    OCR broke in two (云岭省人 / 民政府公报), 0 if line ``j`` starts none."""
    if _masthead_line(lines[j].text):
        return 1
    head = _squeezed(lines[j].text)
    if j + 1 < min(limit, len(lines)) and len(head) > PIECE_JUNK_MAX and not REGULATION_TITLE_END.search(head):
        tail = _squeezed(lines[j + 1].text)
        name = head + tail
        return 2 if len(tail) <= NAME_TAIL_MAX and name.endswith(PAPER_WORDS) and MASTHEAD_LINE.match(name) else 0
    return 0


#: the end of a paper's name that OCR broke onto a line of its own (会公报, 民政府公报) is short
NAME_TAIL_MAX = 6


#: a character of Chinese script
_CJK = re.compile(r"[\u4e00-\u9fff]")


#: the gap between the parts of a masthead printed side by side
_GAP = re.compile(r"\s{2,}|\u3000+")


@rule
def masthead(state: LexState, lines: list[Line]) -> int:
    """The lines above the title of a newspaper or gazette page that name no
    regulation (the masthead, its date and edition line, a news box) are page
    furniture; return how many there are.

    Why: the paper's name and its 第N版 line head the page, and the text the
    tools read from a page keeps them above the regulation (or glued before
    its title by a wrap: 西川省人民代表大会常务委员会公报 / 医疗器械经营监督管理办法).
    A paper's name ends in 日报, 公报, 周刊 …, which no regulation's title
    does; past the masthead, the title is the first line (or wrapped lines)
    naming an act before the first article: what stands above it is news.

    - masthead: 「西川日报」 / 「2024年2月20日 星期二 第2版 综合新闻」 / 「互联网药品信息服务管理办法」 / 「第一条 …」;
    - none: 「中国共产党工作机关条例」 / 「第一条　…」 (the title stands first).
    """
    first = next((i for i, ln in enumerate(lines) if article_line(ln) is not None), len(lines))
    limit = min(first, MASTHEAD_LINES_MAX)
    top = 0
    while top < limit and (step := _masthead_lines(lines, top, limit)
                           or (top > 0 and len(_squeezed(lines[top].text)) <= PIECE_JUNK_MAX
                               and not _CJK.search(lines[top].text))):
        top += step or 1   # a mark or two of no script under the masthead is OCR's reading of an emblem
    if top == 0 and (first == len(lines) or names_regulation(lines, 0, first)
                     or ORDER_HEAD.match(lines[0].text) or NOTICE_HEAD.search(lines[0].text)):
        return 0   # the title, or the order that promulgates it, stands first
    rest = lines[top:]
    if not (top < first and names_regulation(rest, 0, first - top)) and _title_pieces(rest) is None:
        # a news box (or what OCR made of the masthead) before the title: the title is the first line naming an act
        # a sentence names acts, not itself; with no masthead seen, an issuing line (a date) is under
        # the title (a wrapped one that names no act alone), not under news (the tools put a page's
        # columns level with its masthead, issuing lines among them)
        dated = next((j for j in range(limit - top) if DATE_LINE.match(rest[j].text)
                      and not _masthead_line(rest[j].text)), limit - top) if top == 0 else 0
        if dated == 0:
            dated = limit - top   # a date line first stands under no title
        named = next((j for j in range(1, dated) if names_regulation(rest, j, first - top)
                      and not any(ch in rest[j].text for ch in "，,。")), None)
        # an order names the title it promulgates in 《》: it is front matter, not news
        if named is not None and not any("《" in ln.text for ln in rest[:named + 1]):
            top += named
    if top == 0:
        return 0
    for ln in lines[:top]:
        state.noise.extend(line_noise("page_furniture", ln))
    state.decide("masthead", f"{top} lines above the title are the page's masthead or news, not the regulation",
                 (lines[0].start, lines[top - 1].end))
    return top


@rule
def title_around_masthead(state: LexState, lines: list[Line]) -> int:
    """A title OCR read in pieces between the masthead's lines is joined from
    the pieces, the masthead lines between them being page furniture; return
    the index after the last piece (0 when the top is no such title).

    Why: tesseract reads a page's big title in bits (中华人 / 民共和 …) and puts
    the masthead's lines that stand level with it (the date, 责任编辑 …)
    between them.  The pieces are short, no sentence, and joined they end
    with an act type, before the issuing line or the first sentence.

    - joined: 「黄河水量调」 / 「责任编辑: 孙文静 ”电话: (0571)87060812」 / 「度条例」 / 「2006年7月5日 国务院…通过」
      (the title 黄河水量调度条例);
    - not: 「西川日报」 / 「2024年2月20日 星期二 第2版 综合新闻」 / 「互联网药品信息服务管理办法」 (the masthead above the
      title, not among its pieces: :func:`masthead`).
    """
    found = _title_pieces(lines)
    if found is None:
        return 0
    pieces, furniture, name = found
    for j in furniture:
        state.noise.extend(line_noise("page_furniture", lines[j]))
    first = join_lines([lines[j] for j in pieces])
    state.title = name
    state.front_tokens.append(("title", first))
    state.decide("title_around_masthead", f"the title {name} joined from {len(pieces)} pieces among the masthead's lines",
                 (first.start, first.end))
    return pieces[-1] + 1


def _title_pieces(lines: list[Line]) -> tuple[list[int], list[int], str] | None:
    """The pieces of a title read among the masthead's lines at the top, the
    masthead lines among them, and the title they make; None if there are none."""
    pieces: list[int] = []
    furniture: list[int] = []
    wrapped = -1
    for j, ln in enumerate(lines[:MASTHEAD_LINES_MAX]):
        text = ln.text
        if j == wrapped or _masthead_line(text):
            furniture.append(j)
            continue
        if _masthead_lines(lines, j, MASTHEAD_LINES_MAX) == 2:
            furniture.append(j)
            wrapped = j + 1
            continue
        if DATE_LINE.match(text) or line_mark(ln) is not None or not title_like(text):
            break
        pieces.append(j)
    # a character or two alone, or words with a comma, are what OCR made of the emblem or the masthead:
    # the title's pieces come after them
    junk = [k for k, j in enumerate(pieces[:-1]) if len(_squeezed(lines[j].text)) <= PIECE_JUNK_MAX
            or any(ch in lines[j].text for ch in "，,")]
    if junk:
        pieces = pieces[junk[-1] + 1:]
    # the masthead's lines stand among the pieces, not only above them; a piece that is a title
    # whole (示例办法) is one, not the start of another
    if any(REGULATION_TITLE_END.search(_squeezed(lines[j].text)) for j in pieces[:-1]):
        return None
    if len(pieces) < 2 or not any(pieces[0] < f < pieces[-1] for f in furniture):
        return None
    name = _squeezed("".join(lines[j].text for j in pieces)).replace("|", "")
    if len(name) > TITLE_MAX or not REGULATION_TITLE_END.search(name):
        return None
    # the masthead's lines and OCR's junk before the last piece are furniture
    return pieces, [j for j in range(pieces[-1]) if j not in pieces], name


def _squeezed(text: str) -> str:
    return "".join(text.split())


def _title_lines(lines: list[Line], j: int, name: str) -> int:
    """How many lines from line ``j`` print the title ``name``, alone or
    wrapped (「示例城市公共交通」 / 「运营安全管理条例」); 0 if they do not."""
    printed, k = _squeezed(lines[j].text), j
    if not printed or printed[0] in "《〈":
        return 0
    while name.startswith(printed) and printed != name and k + 1 < min(len(lines), j + TITLE_LINES_MAX):
        k += 1
        printed += _squeezed(lines[k].text)
    return k - j + 1 if printed == name else 0


@rule
def promulgation_order(state: LexState, lines: list[Line]) -> int:
    """A promulgation order or transmittal notice before the title is front
    matter; return the lines it takes (0 when there is none).

    Why: the state prints a regulation under the order that promulgates it
    (中华人民共和国国务院令 / 第752号 / 《…》已经…通过，现予公布 / 总理 … / date)
    or the notice that sends it out (中共中央办公厅关于印发《…》的通知 / 中办发〔2019〕8号 / …);
    the title is the regulation's own, printed under them.  The order names
    that title in 《》, so it ends right before the line that prints the
    title it named; an order head whose title never follows is no order
    (a title that ends in 令 or 通知 is read as a title, as before).

    - order: 「中华人民共和国国务院令」 / 「第752号」 / 「《示例条例》已经…通过，现予公布…」 / … / 「示例条例」;
    - not: 「最高人民法院关于办理人身安全保护令案件适用法律若干问题的规定」, 「国务院关于印发《示例方案》的通知」 with no 示例方案 under it.
    """
    first = _wrapped_text(state, lines, 0)
    if first[-1:] not in "令告号）)知定" and not (len(lines) > 1 and ISSUER_ONLY.match(first)):
        return 0   # the cheap test: every head ends so, or is the issuer over 关于印发《…》的通知
    head = ORDER_HEAD.match(first)
    named: list[str] = []
    if head is None:
        notice = NOTICE_HEAD.search(first)
        if notice is None and len(lines) > 1:
            notice = NOTICE_HEAD.search(_wrapped_text(state, lines, 1))
        if notice is None:
            return 0
        named.append(_squeezed(notice.group("title")))
    for j in range(1, min(len(lines), ORDER_LINES_MAX)):
        name = next((name for name in named if _title_lines(lines, j, name)), None)
        if name is not None:
            order = lines[:j]
            state.order = order
            state.order_title = name
            state.decide("promulgation_order",
                         f"{j} lines of {'an order' if head else 'a notice'} before the title {name} "
                         "kept as front matter",
                         (order[0].start, order[-1].end))
            return j
        mark = line_mark(lines[j])
        if mark is not None and mark.kind == "article":
            return 0   # the body began: the titles it named are not printed
        named.extend(_squeezed(m.group(1)) for m in QUOTED_TITLE.finditer(_wrapped_text(state, lines, j)))
    return 0


def _wrapped_text(state: LexState, lines: list[Line], i: int) -> str:
    """Line ``i`` of the order, with the lines a hard wrap carried it onto."""
    if state.width and lines[i].raw_len >= state.width:
        return joined(lines, i, state.width)[0].text
    return lines[i].text


@rule
def title(state: LexState, lines: list[Line], whole: bool = False) -> int:
    """The first line is the title when it reads as one; return the lines it takes.

    Why: a title is short and not a sentence (a note in brackets after it,
    （试行）, is looked through), printed first, with the lines it was wrapped
    onto (:func:`wrapped_title`).  A line of 《…》 announced in a headline
    (中共中央印发《…条例》) gives the title inside the brackets, and the
    headline is kept as noise.

    - title: 「中国共产党工作机关条例」, 「中共中央印发《中国共产党工作机关条例》」;
    - no title: 「第一条　为了…」, 「为了规范管理，制定本办法。」.
    """
    first = lines[0]
    first_mark = line_mark(first)
    taken = 1
    if first_mark is None and not whole:   # a title read from its part of a line was joined there
        taken = wrapped_title(state, lines)
        if taken > 1:
            first = join_lines(lines[:taken])
    text = first.text
    if not title_like(text) or (first_mark is not None and first_mark.kind in ("article", *DIVISION_RANK)):
        if state.explain and first_mark is None:
            state.decide("title", f"the first line is no title: {text[:20]}", (first.start, first.end))
        return 0
    state.title = title_of(text)
    if state.title != text:
        state.noise.extend(line_noise("headline", first))
        state.decide("title", f"the title {state.title} taken from the headline around it", (first.start, first.end))
    else:
        state.decide("title", f"{text} read as the title", (first.start, first.end))
    if taken > 1:
        state.decide("wrapped_title", f"the title joined from {taken} lines", (first.start, first.end))
    state.front_tokens.append(("title", first))
    return taken


@rule
def wrapped_title(state: LexState, lines: list[Line]) -> int:
    """How many lines the title at the top was wrapped onto.

    Why: a hard-wrapped title fills the wrap width and goes on, up to where
    it ends as titles do (the issuer's name may follow on the next full
    line); a title wrapped at no width one can tell (「…若干问题」 / 「的解释（二）」)
    goes on to a line right under a first line long enough to have been
    wrapped, no longer than it, and no sentence, date, marker, book name,
    issuer (最高人民法院) or document number (法释〔2022〕17号).  （二) alone
    under a title is its note, not an item; a short dated issuing line in
    brackets (（1985年3月1日通过）) is no note.

    - joined: 「最高人民法院关于审理…若干问题」 / 「的解释（二）」;
    - not joined: 「中华人民共和国民法典」 / 「最高人民法院」.
    """
    taken = 1
    if state.width and lines[0].raw_len >= state.width:
        _, taken = joined(lines, 0, state.width)
        for k in range(1, taken):
            if ISSUER_ONLY.match(lines[k].text):
                taken = k
                break
    while taken < min(len(lines), TITLE_LINES_MAX) and _title_goes_on(
            lines[0].text, "".join(ln.text for ln in lines[:taken]), lines[taken]):
        taken += 1
    return taken


def _title_goes_on(first: str, title_so_far: str, line: Line) -> bool:
    text = line.text
    if line.blank_before:
        return False
    if TITLE_NOTE.fullmatch(text) and not TITLE_NOTE.search(title_so_far):
        return not _info_like(text)    # （1985年3月1日通过） is the issuing line, not a note
    if len(first) < WRAPPED_TITLE_MIN or len(text) > len(first):
        return False
    if line_mark(line) is not None or DATE_LINE.match(text) or subtitle_like(text) or text[0] in "（(":
        return False
    if len(title_so_far) + len(text) > TITLE_MAX or not title_like(text) or any(ch in text for ch in "，,；;：:"):
        return False    # a title has no clause in it: this is the sentence under it
    if TITLE_DONE.search(title_so_far) and title_so_far.count("《") == title_so_far.count("》"):
        return False    # …的规定 / …条例: the title has ended
    if len(_squeezed(text)) <= PIECE_JUNK_MAX and REGULATION_TITLE_END.search(title_so_far) \
            and not REGULATION_TITLE_END.search(title_so_far + text):
        return False    # a character or two under a whole title (…投标法 / 人) are OCR's, from the masthead beside it
    if text[:6] == title_so_far[:6]:
        return False    # the title printed again (a source that breaks it in two below)
    return not (ISSUER_ONLY.match(text) or DOCUMENT_NUMBER.search(text))


@rule
def ocr_state_prefix(state: LexState, above: list[Line]) -> bool:
    """A law's title whose 中华人民共和国 OCR broke is given the prefix whole:
    cut at its start (华人民共和国立法法, 共和国防沙治沙法), short of its 国
    (中华人民共和农村土地承包法), or read in pieces among the masthead lines
    above the title (「中华人」 / 「玉」 / 「民共和」 / 「数据安全法」); return whether it was.

    Why: tesseract reads the big type of a title's first line in bits, reads
    国 as 玉 or drops it, and the bits that are no title alone fall among the
    masthead's lines.  No title starts with a piece of the state's name, and
    bits above a law's title that spell most of it (4 characters of the 7, in
    order) are its first line; the name is spelled once (STATE_PREFIX).

    - given: 「华人民共和国立法法」, 「中华人民共和」 / 「玉」 / 「社会保险法」 (中华人民共和国社会保险法);
    - not: 「中华人民共和国立法法」, 「人民日报」 / 「数据安全法」 (a masthead, no piece of the name).
    """
    title = state.title
    if not title or title.startswith(STATE_PREFIX) or title.startswith(ISSUERS):
        return False
    fixed = None
    for cut in range(1, 5):   # the pieces left: 华人民共和国, 人民共和国, 民共和国, 共和国
        if title.startswith(STATE_PREFIX[cut:]) and len(title) > len(STATE_PREFIX) - cut:
            fixed = STATE_PREFIX + title[len(STATE_PREFIX) - cut:]
            break
    if fixed is None and title.startswith(STATE_PREFIX[:-1]) and len(title) > len(STATE_PREFIX):
        fixed = STATE_PREFIX + title[len(STATE_PREFIX) - 1:]   # 国 dropped
    if fixed is None and above and title[-1] in "法典":
        bits = "".join(_squeezed(ln.text) for ln in above
                       if not _masthead_line(ln.text) and len(_squeezed(ln.text)) <= len(STATE_PREFIX) + 2)
        if len(bits) <= 2 * len(STATE_PREFIX) + 2 and _common(bits, STATE_PREFIX) >= STATE_PREFIX_BITS_MIN:
            fixed = STATE_PREFIX + title
    if fixed is None:
        return False
    state.title = fixed
    span = next(((ln.start, ln.end) for kind, ln in state.front_tokens if kind == "title"), (0, 0))
    state.decide("ocr_state_prefix", f"the title {title} OCR broke read as {fixed}", span)
    return True


@rule
def half_width_note(state: LexState) -> bool:
    """The note that ends a title in half-width brackets, a space before it,
    (…解释(三), 宪法修正案 (1999年)) is the title's note in full-width
    brackets, as titles print it; return whether the title had one.

    Why: OCR turns full-width brackets half-width and reads the gap before a
    bracket as a space; a title's note is printed （三）, （1999年）, right
    after the title, which is how it is named and looked up.

    - note: 「中华人民共和国宪法修正案 (1999年)」 (中华人民共和国宪法修正案（1999年）);
    - kept: 「最高人民法院关于审理劳动争议案件适用法律问题的解释（一）」.
    """
    title = state.title
    note = _HALF_WIDTH_NOTE.search(title) if title and title[-1] in ")）" else None
    if note is None or note.start() == 0 or note.group(0) == f"（{note.group(1)}）":
        return False
    line = next((ln for kind, ln in state.front_tokens if kind == "title"), None)
    printed = _HALF_WIDTH_NOTE.search(line.text) if line is not None else None
    if printed is None or printed.group(0) != note.group(0):
        return False   # the title was read from another text than the line's
    # the brackets OCR read are noise: the title's full-width ones stand for them
    for at in (printed.end() - 1, printed.end() - 2 - len(printed.group(1))):
        if line.text[at] in "()":
            for x, y in slice_pieces(line.pieces, at, at + 1):
                state.noise.append(noise_record("ocr_title", line.text[at], (x, y)))
    state.title = title[:note.start()] + "（" + note.group(1) + "）"
    state.decide("half_width_note", f"the note of {title} read in full-width brackets", (line.start, line.end))
    return True


#: a title's note, and the space before it
_HALF_WIDTH_NOTE = re.compile(r"\s*[（(]([^（()）\n]{1,20})[）)]$")


#: the characters of 中华人民共和国, in order, that the bits above a title spell at least
STATE_PREFIX_BITS_MIN = 4


def _common(a: str, b: str) -> int:
    """The length of the longest common subsequence of ``a`` and ``b`` (both short)."""
    row = [0] * (len(b) + 1)
    for ch in a:
        prev = 0
        for k, other in enumerate(b):
            cur = row[k + 1]
            row[k + 1] = prev + 1 if ch == other else max(row[k + 1], row[k])
            prev = cur
    return row[-1]


def _part(line: Line, a: int, b: int) -> Line:
    """``line.text[a:b]`` as a line of its own, with its spans into the input."""
    text = line.text[a:b]
    return Line(text, [pc for pc in slice_pieces(line.pieces, a, b) if pc[1] > pc[0]] or slice_pieces(line.pieces, a, a),
                line.blank_before and a == 0, line.heading, line.page_break and a == 0, len(text))


@rule
def title_beside(state: LexState, lines: list[Line]) -> tuple[Line, int, Line | None] | None:
    """A title printed level with something else on the same line (a subtitle,
    a news box's headline) is read from its own part of the line: return the
    title's line (with the line it wrapped onto), how many lines that takes,
    and the subtitle beside it (None when what stands beside is furniture).

    Why: pdftotext -layout keeps what a page prints level with the title on
    the title's line, after a run of spaces: the book of a code (婚姻家庭编)
    set beside the code's name, or the headline of the news box in the next
    column.  The title's part names an act (alone or with the line it wrapped
    onto, cut by its column: 「中华人民共和国宪法修正」 / 「案（1993年）」); a
    book's name is the subtitle, anything else is the page's.

    - parts: 「中华人民共和国民法典     婚姻家庭编」 (title and subtitle),
      「中华人民共和国宪法修正        地铁三号线启动试运行」 / 「案（1993年）」 (the title, and a headline);
    - one title: 「中华人民共和国民法典」, 「最高人民法院 最高人民检察院关于…的解释（三）」.
    """
    parts = beside_parts(lines[0].text)
    if parts is None or line_mark(lines[0]) is not None:
        return None
    a, b = parts
    left, right = _part(lines[0], 0, a), _part(lines[0], b, len(lines[0].text))
    taken = 1
    if not REGULATION_TITLE_END.search(title_of(left.text)):
        # the title's column wrapped it: the next line finishes it, and is no longer than its first
        if len(lines) < 2 or line_mark(lines[1]) is not None or DATE_LINE.match(lines[1].text) \
                or lines[1].blank_before or len(lines[1].text) > len(left.text) or beside_parts(lines[1].text) \
                or not REGULATION_TITLE_END.search(title_of(left.text + lines[1].text)):
            return None
        left, taken = join_lines([left, lines[1]]), 2
    book = subtitle_like(right.text)
    if not book:
        state.noise.extend(line_noise("page_furniture", right))
    state.decide("title_beside", f"{left.text} read from its part of the line; {right.text} beside it is "
                 + ("its subtitle" if book else "the page's"), (lines[0].start, lines[taken - 1].end))
    return left, taken, right if book else None


@rule
def title_before_date(state: LexState, lines: list[Line]) -> tuple[Line, Line] | None:
    """The end of a wrapped title that the tool ran into the issuing line under
    it is the title's: return the title's line and the issuing line (None when
    the top is no such pair).

    Why: pdftotext puts the last line of a title and the issuing line beside
    it on one line when the page prints them level (「最高人民法院关于办理减刑、假释案件具」 /
    「体应用法律的补充规定 2019年3月25日 最高人民法院审判委员会第1763次会议通过」).  The title's
    first line does not end as titles do, and with the words before the date it does.

    - cut: 「…减刑、假释案件具」 / 「体应用法律的补充规定 2019年3月25日 …通过」;
    - not: 「中华人民共和国商标法」 / 「1982年8月23日 …通过」 (the title ended), 「示例事项」 / 「为了…，2020年5月1日起施行。」.
    """
    if len(lines) < 2 or line_mark(lines[0]) is not None or not title_like(lines[0].text) \
            or REGULATION_TITLE_END.search(title_of(lines[0].text)) or lines[1].blank_before:
        return None
    text = lines[1].text
    date = next((m for m in DATE.finditer(text) if m.start() > 0 and text[m.start() - 1].isspace()), None)
    if date is None or line_mark(lines[1]) is not None:
        return None
    head = text[:date.start()].rstrip()
    name = lines[0].text + head
    if not head or not title_like(head) or len(name) > TITLE_MAX or not REGULATION_TITLE_END.search(title_of(name)) \
            or not _info_like(text[date.start():]):
        return None
    first = join_lines([lines[0], _part(lines[1], 0, len(head))])
    info = _part(lines[1], date.start(), len(text))
    state.decide("title_before_date", f"{head} ends the title {name}; the issuing line follows it on its line",
                 (lines[0].start, lines[1].end))
    return first, info


@rule
def news_box(state: LexState, lines: list[Line], i: int) -> int:
    """A news box the column reader put among the issuing lines or under them
    (its headline, the 本报讯 lead and the lines up to the sentence that ends
    it) is page furniture; return how many lines from ``i`` it takes (0 if
    none: :func:`issuing_lines` keeps them out of the front matter).

    Why: pdftotext reads a page's columns level with the title in turn, so a
    news box printed beside the title or its issuing lines comes out under
    them, between issuing lines or before the first article.  Its lead opens
    as news does (本报讯, 新华社…电) and its first paragraph ends with a full
    stop; a regulation's front matter holds no such line.

    - box: 「青少年足球联赛落幕」 / 「本报讯 为期两个月的全市青少年校」 / 「园足球联赛近日落幕，共有六十四支队」 / 「伍参赛。」;
    - none: 「2020年5月28日第十三届全国人民代表大会第三次会议通过」 / 「第一条 …」.
    """
    lead = next((k for k in (i, i + 1) if k < len(lines) and news_or_credit(lines[k].text)), None)
    if lead is None or (lead > i and not (title_like(lines[i].text) and line_mark(lines[i]) is None)):
        return 0
    for k in range(lead, min(len(lines), lead + NEWS_BOX_LINES_MAX)):
        if k > lead and DATE_LINE.match(lines[k].text) and _info_like(lines[k].text):
            k -= 1   # an issuing line cuts the box: the reader goes on with it after the line
        elif k > lead and line_mark(lines[k]) is not None:
            return 0
        elif lines[k].text.rstrip()[-1:] not in "。！？":
            continue
        state.decide("news_box", f"{k + 1 - i} lines of a news box under the front matter are the page's",
                     (lines[i].start, lines[k].end))
        return k + 1 - i
    return 0


#: the first paragraph of a news box the column reader put under the title takes at most this many lines
NEWS_BOX_LINES_MAX = 8


@rule
def subtitle(state: LexState, line: Line) -> bool:
    """合同编 (总则) under the title is the book of a code, its subtitle.

    - subtitle: 「中华人民共和国民法典」 / 「合同编」;
    - not: 「中华人民共和国民法典」 / 「第一条…」.
    """
    if subtitle_like(line.text):
        state.front_tokens.append(("subtitle", line))
        state.decide("subtitle", f"{line.text} read as the subtitle", (line.start, line.end))
        return True
    return False


@rule
def issuing_lines(state: LexState, lines: list[Line], i: int) -> int:
    """The issuing lines under the title; return the index after them.

    Why: they run to the last line under the title that starts with a full
    date (2009年6月27日 …通过), with the lines that finish a 《…》 left open
    there (「…《关于修改」 / 「〈…〉的决定》第四次修正」); a source that breaks
    the title or a 发布 line in two gives short lines without a date between
    them.  Only a full date starts one.

    - issuing line: 「2020年5月28日第十三届全国人民代表大会第三次会议通过」;
    - not: 「2020年5月1日起，申请人应当按照本办法办理登记。」 (a dated sentence), 「2023 年 5 月」.
    """
    block: list[tuple[Line, int, int]] = []   # (line, physical lines it takes, 《 left open after it)
    furniture: set[int] = set()               # the block's entries that are the page's, not the act's
    last_date = -1
    open_titles = 0
    j = i
    while j < len(lines) and len(block) - last_date <= UNDATED_RUN:
        line = lines[j]
        if line_mark(line) is not None:
            break
        if masthead_among_issuing(state, line, not block):
            furniture.add(len(block))
            block.append((line, 1, open_titles))
            j += 1
            continue
        box = news_box(state, lines, j)
        if box:
            for ln in lines[j:j + box]:
                furniture.add(len(block))
                block.append((ln, 1, open_titles))
            j += box
            continue
        taken = 1
        if state.width and line.raw_len >= state.width:
            line, taken = joined(lines, j, state.width)
        text = line.text
        if DATE_LINE.match(text):
            # an issuing line wrapped at no width one can tell: the lines right
            # under it up to the word it ends with (…第1110 / 次会议通过)
            while j + taken < len(lines) and taken < UNDATED_RUN and _info_goes_on(text, lines[j + taken]):
                taken += 1
                line = join_lines(lines[j:j + taken])
                text = line.text
            if not _info_like(text):
                break
            last_date = len(block)
        elif not ((open_titles > 0 and _closes_title(text))
                  or (len(text) <= SHORT_INFO_LINE_MAX and not ends_closed(text) and text[-1] not in "，、,")):
            break
        open_titles += _title_balance(text)
        block.append((line, taken, open_titles))
        j += taken
    end = last_date + 1
    while end < len(block) and (end in furniture or block[end - 1][2] > 0 and _closes_title(block[end][0].text)):
        end += 1
    for k, (line, taken, _) in enumerate(block[:end]):
        if k in furniture:
            state.noise.extend(line_noise("page_furniture", line))
        else:
            state.front_tokens.append(("info", line))
        i += taken
    if end > len(furniture & set(range(end))):
        state.decide("issuing_lines", f"{end - len(furniture & set(range(end)))} issuing lines under the title",
                     (block[0][0].start, block[end - 1][0].end))
    return i


@rule
def masthead_among_issuing(state: LexState, line: Line, first: bool = False) -> bool:
    """A masthead line among the issuing lines (the paper's date, 星期X and
    出版 or its edition, the issue's 第X期, the editor's credit) is page
    furniture, not an issuing line.

    Why: a column reader puts the masthead's date line where the column it
    stands over goes on, under the title or after the issuing lines; it
    starts with a full date as they do, but a date followed by 星期X is the
    day the paper came out, and no act is issued on a 第N版 or in a 第X期.

    A character alone right under the title (…投标法 / 人) is what OCR
    made of the masthead beside the title, which the column reader put there.

    - furniture: 「建设工程质量管理条例」 / 「2023年3月20日 星期一出版」 / 「2000年1月30日 中华人民共和国国务院令第279号发布」;
    - issuing line: 「中华人民共和国耕地占用税法」 / 「2018年12月29日 第十三届全国人民代表大会常务委员会第七次会议通过」.
    """
    text = line.text
    junk = first and len(_squeezed(text)) == 1 and not line.heading and line_mark(line) is None
    if not junk and (not (DATE_LINE.match(text) or text[:1] in _CREDIT_FIRST) or not _masthead_line(text)):
        return False
    state.decide("masthead_among_issuing", f"{line.text} is the page's masthead, not an issuing line",
                 (line.start, line.end))
    return True


#: the first characters of a masthead line that is not dated (责任编辑：…, 电话：…, 第3版 法律文本)
_CREDIT_FIRST = frozenset("责电第")


def _info_goes_on(text: str, line: Line) -> bool:
    """Whether ``line`` goes on with the issuing line ``text`` above it: right
    under it, neither dated nor marked, and ``text`` does not end yet (通过,
    公布, 施行, 修正 … end one; so does a closing bracket, where sources break
    a long cited title: 「…《关于修改〈…法〉」 / 「〈…法〉的决定》修正」)."""
    if line.blank_before or DATE_LINE.match(line.text) or line_mark(line) is not None:
        return False
    end = text.rstrip()
    return not end.endswith(ISSUING_WORDS) and end[-1:] not in "）)。〉>》" and len(line.text) <= INFO_LINE_MAX


def _info_like(text: str) -> bool:
    """A dated issuing line: 2009年6月27日 …通过, （2013年1月21日…通过，…修正）.
    A dated sentence that goes on (2020年5月1日起，…。) is body text, and so is
    a date without its day (2023 年 5 月 on the cover of a magazine)."""
    if not FULL_DATE.match(text):
        return False
    core = text.rstrip("）)")
    if core[-1:] == "。":
        return core[:-1].endswith(ISSUING_WORDS)   # …第二次修正。
    return not ends_closed(core)


def _title_balance(text: str) -> int:
    """How many 《…》 (〈…〉, <…>) ``text`` opens and leaves open (negative: closes)."""
    return text.count("《") + text.count("〈") + text.count("<") - \
        text.count("》") - text.count("〉") - text.count(">")


def _closes_title(text: str) -> bool:
    """「〈…〉的决定》第四次修正」: the end of a 《…》 that the line before opened,
    and no sentence."""
    close = min((k for k in (text.find("》"), text.find("〉"), text.find(">")) if k >= 0), default=-1)
    opening = min((k for k in (text.find("《"), text.find("〈"), text.find("<")) if k >= 0), default=len(text))
    return 0 <= close and (close < opening or text[0] in "〈<") and len(text) <= TITLE_CLOSE_LINE_MAX \
        and not ends_closed(text)
