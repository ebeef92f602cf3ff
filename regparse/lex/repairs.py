"""Stage 7, repairs: the markers read through an OCR or script variant.

The marker terminals of ``grammars/regulation.lark`` accept what OCR makes of
a label (〈一) for （一）, 第一干零五十条 for 第一千零五十条, 第一章”总则 for
第一章　总则) and the Traditional forms of the marker words (第十一條), and
the interleave stage reads a heading whose 第 OCR dropped (二节 收养的效力); the
mark's label is then the canonical one and the text stays as printed, so
spans still lead back to the input.  This stage records each such reading
under its rule with ``explain=True``; it changes no token.
"""
from __future__ import annotations

import re
from collections import Counter

from ..catalogue import DIVISION_RANK, HEADING_ENDINGS, HEADING_TITLES, TAIWAN_CITATION, TITLE_END_WORDS, \
    TITLE_FUNCTION_CHARACTERS
from ..grammar import LineToken
from ..freeze import noise_record
from ..normalize import slice_pieces
from .marks import Mark
from .registry import rule
from .state import LexState, LogicalLine

__all__ = ["record_repairs", "taiwan_numbering", "ocr_item_bracket", "ocr_lost_bracket", "ocr_garbled_item", "ocr_numeral", "ocr_label_quote", "traditional_marker",
           "ocr_lost_di", "ocr_lost_di_article", "ocr_misread_numeral",
           "ocr_section_word", "ocr_misread_heading", "heading_titles", "ocr_heading_title", "ocr_title_from_body", "ocr_title_quote"]


@rule
def ocr_item_bracket(state: LexState, token: LineToken) -> None:
    """An item label whose opening bracket OCR read as 〈 or 《 is the item (一), labelled （一）.

    Why: tesseract reads the full-width （ of （一） as 〈 or 《 and keeps the
    closing bracket, so 〈一) and 《一) are item labels; a book title 《…》
    never holds a bare numeral and a closing bracket.

    - item: ``〈一)与经营的医疗器械相适应的质量管理机构；`` (label （一）);
    - not an item: ``《中华人民共和国道路交通安全法》及其实施条例`` (text).
    """
    state.decide("ocr_item_bracket", f"{token.line.text[:token.mark.end]} read as the item {token.mark.label}",
                 _span(token, token.mark.end))


@rule
def ocr_lost_bracket(state: LexState, token: LineToken) -> None:
    """An item label whose opening bracket OCR lost or read twice (二), (〈八)) is the item next in its list.

    Why: tesseract drops the （ of （二） at a column's edge, or reads it
    twice (the first bracket is then noise, ``ocr_bracket``); a numeral and a closing bracket at a line start, numbering the
    item next after the one before it (or the first item after a colon),
    is that item.  Out of sequence it stays text: a wrap can put the end of
    a bracket (第（ / 二）项) at a line start.

    - item: ``二)因两方或者两方以上当事人的过错发生道路交通事故的`` after （一）;
    - not an item: ``二)项规定的情形`` after a line that opened no list.
    """
    state.decide("ocr_lost_bracket", f"{token.line.text[:token.mark.end]} read as the item {token.mark.label}",
                 _span(token, token.mark.end))


@rule
def ocr_garbled_item(state: LexState, token: LineToken) -> None:
    """A bracketed label that OCR garbled ((人八), CA), 伍), a bare )) right after item N-1 is item N.

    Why: tesseract reads the numeral of a label as a letter or a lookalike
    (八 as A or X, (五) as 伍), adds strokes to the bracket (人, C) or keeps
    only the closing bracket; a
    short bracketed token at the start of a line, after item N-1 ended its
    sentence, is item N where the labels after it count on from it (the
    next item label within a few lines is N+1, or N+2 after one more
    garbled label …) or where no item follows (the list ends).  A label
    clipped to its bracket and one character ((必外汇… for （八）外汇…) is
    taken only right between item N-1 and item N+1.  The characters read
    before the label's canonical length are noise (``ocr_bracket``).

    - item: ``(人八)美沙酮二百克以上不满一千克;`` between （七） and （九） (the item （八）);
    - not an item: ``市)人民政府依法处理;`` after ``(二)指导各县（`` (a wrapped line).
    """
    state.decide("ocr_garbled_item", f"{token.line.text[:token.mark.end]} read as the item {token.mark.label}",
                 _span(token, token.mark.end))


@rule
def ocr_numeral(state: LexState, token: LineToken) -> None:
    """干 for 千 and _ for 一 inside the numeral of a 编/章/节/条 label are read as 千 and 一.

    Why: tesseract reads 千 as 干 and a lone 一 as _; neither is a numeral
    character, and inside 第…条 between numeral characters nothing else can
    stand, so the article is the one the printed numeral means.

    - repaired: ``第一干零五十二条 因胁迫结婚的`` (第一千零五十二条);
    - as printed: ``第一千零五十二条 因胁迫结婚的`` (no variant).
    """
    state.decide("ocr_numeral", f"{token.line.text[:token.mark.end]} read as {token.mark.label}",
                 _span(token, token.mark.end))


@rule
def ocr_label_quote(state: LexState, token: LineToken) -> None:
    """A quote between a division or article label and its text is the full-width space OCR misread.

    Why: tesseract reads the full-width space after a label as ”, “ or
    both (第一章”总则, 第六章“” 隐私权).  A heading never opens with a quote, and an article's text
    never with a closing one; an opening quote after an article label is
    text (第二条　“示例”，是指…).

    - separator: ``第二章 ”结婚`` (the chapter 结婚), ``第六章“” 隐私权`` (the chapter 隐私权);
    - text: ``第二条 “示例”，是指本条例所称的示例活动。`` (the quote is kept).
    """
    state.decide("ocr_label_quote", f"the quote after {token.mark.label} read as the space between label and text",
                 _span(token, token.mark.rest))


@rule
def ocr_lost_di(state: LexState, token: LineToken) -> None:
    """A heading whose 第 OCR dropped (二节 收养的效力) is the division it numbers, labelled 第二节.

    Why: tesseract drops the 第 of a bold heading set apart by blank lines;
    a numeral and 章/节/编 at the start of a short line with no sentence in
    it, at a block's start, numbering the division next after the last one
    of its kind, can be nothing else (found by
    :func:`regparse.lex.interleave.lost_di_headings`).  In interleaved
    columns (tesseract psm 4) the line before belongs to another column: a
    title that reads as no reference is enough there (二节现场处置和调查).

    - repaired: ``二节 ”收养的效力`` after 第一节 (the section 第二节 收养的效力);
    - as printed: ``三章第一节的有关规定。`` (a sentence), ``二节 规章`` with no 第一节 before it.
    """
    state.decide("ocr_lost_di", f"{token.line.text[:token.mark.end]} read as {token.mark.label}",
                 _span(token, token.mark.end))


@rule
def ocr_lost_di_article(state: LexState, token: LineToken) -> None:
    """An article label whose 第 OCR dropped (六十二条 违反…) is the article next after the last one.

    Why: tesseract drops the 第 of a bold article label at a paragraph's
    start; a numeral, 条 and a separator at the start of a paragraph, after
    a sentence end, numbering the article next after the last one taken, is
    that article.  A wrapped reference (六十二条规定的…) has no separator, and
    another number is no article.

    - repaired: ``六十二条 违反土地管理法规，非法征收`` after 第六十一条 (the article 第六十二条);
    - as printed: ``六十二条规定的情形`` after a line cut mid-sentence (text).
    """
    state.decide("ocr_lost_di_article", f"{token.line.text[:token.mark.end]} read as {token.mark.label}",
                 _span(token, token.mark.end))


@rule
def ocr_misread_numeral(state: LexState, token: LineToken) -> None:
    """An article label whose numeral OCR misread in one character (第一千夫六十七条) is the article next after the last one.

    Why: tesseract reads a character of a bold label as another one (零 as
    夫 or 堆, 千 as 王, 七 as 上); a 第…条 label at a paragraph's start whose
    numeral is the next article's but for one character that is no numeral
    at all can be nothing else; so can one whose numeral no article has
    (two digits with no unit between them: 十 read as 二 in 第二二三条).  干 is
    most often OCR's 千 (:func:`ocr_numeral`), but also its 十: where the 千
    reading is not the next article and the 十 reading is, it is the 十.  A
    numeral no article has that the article before does not place (columns
    read across put 第二二四条 after 第十八条) is read with the one digit that,
    as 十, makes a numeral (第二十四条, not article 224).  Any other label that
    reads as another number, or differs in more than one character, stays as
    printed.

    - repaired: ``第一千夫六十七条 父母不履行抚养义务的`` after 第一千零六十六条 (第一千零六十七条),
      ``第二二三条 全国人民代表大会`` after 第二十二条 (第二十三条),
      ``第四干七条 单位和个人`` after 第四十六条 (第四十七条, where 第四千七条 comes next to nothing);
    - as printed: ``第一千夫六十九条 子女应当尊重`` after 第一千零六十六条 (not the next number: text).
    """
    state.decide("ocr_misread_numeral", f"{token.line.text[:token.mark.end]} read as {token.mark.label}",
                 _span(token, token.mark.end))


@rule
def ocr_section_word(state: LexState, token: LineToken) -> None:
    """A heading whose 节 OCR read as 季 (第一季 立法权限) is the section it numbers, labelled 第一节.

    Why: tesseract reads the bold 节 of a section heading as 季; 第N季 at the
    start of a short line with no sentence in it, at a block's start,
    numbering the section next after the last one, can be nothing else
    (found by :func:`regparse.lex.interleave.lost_di_headings`).  第一季度
    is a quarter of the year, never a heading.

    - repaired: ``第一季立法权限`` after 第二章 (the section 第一节 立法权限);
    - as printed: ``第一季度的统计数据应当在四月底前报送。`` (a sentence).
    """
    state.decide("ocr_section_word", f"{token.line.text[:token.mark.end]} read as {token.mark.label}",
                 _span(token, token.mark.end))


@rule
def ocr_misread_heading(state: LexState, token: LineToken) -> None:
    """A short heading whose label OCR misread in one character (稍七章, 第四齐, 第无章) is the division the numbering on both sides confirms.

    Why: tesseract misreads a character of a bold heading label (第 as 稍 or
    逢, 章 as 音 or 齐, 五 as 无); a short line with no sentence in it, at a
    block's start, that reads 第N章 but for one character that is no numeral
    and no marker word, where the division before it of its kind is N-1 and
    the next one of its rank is N+1, can be nothing else (found by
    :func:`regparse.lex.interleave.misread_heading`).  In interleaved
    columns (psm 4), where line order says nothing, the numbers missing
    between printed neighbours stand in for it: there only the 第 or the
    division word may be misread, or a numeral of a heading whose number
    was met before (第一章 again, with 第二章 missing between 第一章 and 第三章).

    - repaired: ``稍七章征收管理`` between 第六章 and 第八章 (the chapter 第七章 征收管理);
    - as printed: ``稍七章征收管理`` after 第六章 with 第九章 next (not confirmed: text).
    """
    state.decide("ocr_misread_heading", f"{token.line.text[:token.mark.end]} read as {token.mark.label}",
                 _span(token, token.mark.end))


@rule
def traditional_marker(state: LexState, token: LineToken) -> None:
    """條, 編 and 節 in a label are read as 条, 编 and 节 (Hong Kong, Macau and Traditional OCR text).

    Why: Traditional-character texts print the same structure with the
    Traditional marker words; the label is the simplified one (第十一条) so
    that citations and look-ups work alike, while the text keeps 條.

    - read: ``第十一條　本條例自公布之日起施行。`` (the article 第十一条);
    - as printed: ``第十一条　本条例自公布之日起施行。`` (no variant).
    """
    state.decide("traditional_marker", f"{token.line.text[:token.mark.end]} read as {token.mark.label}",
                 _span(token, token.mark.end))


def heading_titles(state: LexState, tokens: list[LineToken]) -> None:
    """The division titles OCR misread or cut read as the standard heading words
    (:func:`ocr_heading_title`), or with the word the document's articles print
    (:func:`ocr_title_from_body`); the document's text is joined only when a title
    may be one."""
    text = None
    body = None
    ocr = None
    for token in tokens:
        mark = token.mark
        if type(mark) is not Mark or mark.kind not in DIVISION_RANK:
            continue
        line = token.line
        title = line.text[mark.rest:].strip()
        # the reading is kept on the logical line (a heading's own physical line has no room for it)
        if type(line) is not LogicalLine:
            continue
        if len(title) > 1 and title[-1] == "“":
            title = ocr_title_quote(state, token, title)
        if ocr is None:
            # only where OCR shows itself in the labels: a clean text's 总纲 or 保护措施 is what it says
            # (asked first: one pass over the labels costs less than the titles' comparisons)
            # (a heading's last line set apart as a paragraph is OCR's too)
            ocr = bool(state.tails) or any(type(t.mark) is Mark and t.mark.repair.startswith("ocr_") for t in tokens)
        if not ocr:
            continue
        if not title or title in HEADING_TITLES:
            continue
        if _near_standard(title):
            if text is None:
                text = "\n".join(t.line.text for t in tokens)
            if ocr_heading_title(state, token, title, text):
                continue
        if body is None:
            # the headings left out: a title is compared with what the articles print
            body = "\n".join(t.line.text for t in tokens if type(t.mark) is not Mark or t.mark.kind not in DIVISION_RANK)
        ocr_title_from_body(state, token, title, body)


@rule
def ocr_title_quote(state: LexState, token: LineToken, title: str) -> str:
    """An opening quote at the end of a division title (…审查和核准“) is OCR's reading of what stood after it: noise.

    Why: tesseract psm 4 reads the edge of a column rule, or the gap before
    the next column, as “ (核准“| 五日内…); an opening quote opens
    something after it, so none ends a title, while a closing one can
    (第二章 “三农”工作).

    - repaired: ``第三章 商标注册的审查和核准“`` (the chapter 商标注册的审查和核准);
    - as printed: ``第二章 “三农”工作`` (a closing quote).
    """
    line = token.line
    at = token.mark.rest + line.text[token.mark.rest:].rindex("“")
    for x, y in slice_pieces(line.pieces, at, at + 1):
        state.noise.append(noise_record("ocr_title", "“", (x, y)))
    title = title[:-1].rstrip()
    line.title = title
    state.decide("ocr_title_quote", f"the “ after {title} read as OCR's, not the title's", (line.start, line.end))
    return title


#: a standard title this long is found with one character misread (总风): a longer one has
#: real neighbours one character away (保障措施, 保护措施)
MISREAD_TITLE_LEN = 2
#: a standard title this long is found at a title's end with one of its characters dropped (…的监管理)
DROPPED_IN_TITLE_MIN = 4


def _near_standard(title: str) -> bool:
    """Whether ``title`` is a standard title but for one character, or ends in one with a character
    dropped, or in the first character of a standard ending."""
    return _standard(title) is not None or any(title.endswith(w[0]) for w in HEADING_ENDINGS)


def _standard(title: str) -> str | None:
    """The title read with the standard title it is one character from: misread (总风), or, at its
    end, dropped (放射性污染防治的监管理)."""
    for w in HEADING_TITLES:
        if len(w) == len(title) == MISREAD_TITLE_LEN and sum(a != b for a, b in zip(w, title)) == 1:
            return w
    for w in HEADING_TITLES:
        if len(w) >= DROPPED_IN_TITLE_MIN and not title.endswith(w):
            for i in range(len(w)):
                cut = w[:i] + w[i + 1:]
                if title.endswith(cut):
                    return title[:len(title) - len(cut)] + w
    return None


@rule
def ocr_heading_title(state: LexState, token: LineToken, title: str, text: str) -> bool:
    """A division title that is a standard one but for one character (总风), ends in one with a character
    dropped (…的监管理) or in the first character of a standard ending (执法监), is read as the standard words.

    Why: tesseract misreads a character of a bold heading (则 as 风) or drops
    its last one; a division's standard titles (总则, 附则, 罚则, 法律责任 …) and
    the words that end one whose first character ends no word (监督, 措施)
    are few, so in a text whose labels show OCR's misreadings, a title one
    character from them (a two-character one misread), which the document prints
    nowhere else (but completed: 社会保险监督 in an article), is the standard
    one misread.  A title the document prints again as it is (a heading
    cited in an article) is what it says.  The line keeps
    the print and its spans; a misread character is kept as noise.

    - repaired: ``第六章 执法监`` (the chapter 执法监督), ``第一章总风`` (总则), ``第二章 放射性污染防治的监管理`` (…的监督管理);
    - as printed: ``第二章 总监`` where an article says 总监由董事会聘任 (printed again), ``第一章　总纲``
      in a text with no OCR misreading.
    """
    line = token.line
    new = _standard(title)
    printed = text.count(title)
    if new is None:
        for w in HEADING_ENDINGS:
            if title.endswith(w[0]) and len(title) > len(w[0]):
                new = title + w[1:]
                # the title printed whole again (社会保险监督 in an article) says nothing of the cut one
                printed -= text.count(new)
                break
    # printed once: in its own heading
    if new is None or printed > 1:
        return False
    line.title = new
    at = token.mark.rest + line.text[token.mark.rest:].index(title)
    for i, (a, b) in enumerate(zip(title, new)):
        if a != b and len(title) == len(new):
            for x, y in slice_pieces(line.pieces, at + i, at + i + 1):
                state.noise.append(noise_record("ocr_title", a, (x, y)))
    state.decide("ocr_heading_title", f"{title} read as {new} (a standard heading title)", (line.start, line.end))
    return True


#: how often the articles print the word a title's misread character is read into, at least
BODY_WORD_PRINTED = 5
#: how many times more often than all the other readings of that character together
BODY_WORD_DOMINANCE = 4
#: how often the articles may print the title's character beside a neighbour (OCR misreads the
#: same word the same way in an article now and then: 不得多驶营运 for 不得驾驶营运)
BODY_PAIR_PRINTED = 1
_HAN = re.compile(r"[\u4e00-\u9fff]")


@rule
def ocr_title_from_body(state: LexState, token: LineToken, title: str, body: str) -> bool:
    """A division title one character from the word its document's articles print (车辆和多驶人, where they
    print 驾驶人 again and again) is read with that word, the misread character kept as noise; one cut
    in a title's last word (期限、终止与清) is completed with the word the articles print.

    Why: tesseract misreads a character of a bold heading (驾 as 多) that
    it reads right in the articles' lighter type, and a chapter's articles
    use its title's words.  The evidence is kept strict, since a title may
    well say 征缴 where its articles say 征收: in a text whose labels show
    OCR (or whose heading's last line OCR set apart,
    :func:`~regparse.lex.tails.heading_tail`), the title's character is read as another only where the
    character's word in the title (the run between 与, 的, 和 …, or three
    characters around it in the run) is printed in no article, nor the
    character beside either neighbour more than once, while the word with
    the other character is printed at least five times, four times as often
    as every other reading together, and more often than the title's
    character is printed at all; only one character of the title may be so
    read, never 与, 的, 和 … (认定与复核 is no 认定的复核).  tesseract also drops
    the last character of a heading at a column's edge: a title that ends in
    the first character of a word that ends titles (清 of 清算,
    :data:`~regparse.catalogue.TITLE_END_WORDS`), printed in no article, is
    completed where the articles print that character at least five times,
    never at a word's end, and two times in three in that word.

    - repaired: ``第二章 车辆和多驶人`` where the articles print 驾驶人 27 times (车辆和驾驶人),
      ``第十二章 期限、终止与清`` where they print 清 23 times, 17 of them in 清算 (…终止与清算);
    - as printed: ``第七章 社会保险费征缴`` where they print 社会保险费征收 again and again, but 缴
      more often still (缴纳, 缴费: a character the text uses), ``第一章 认定与复核`` (与 is never read as 的),
      ``第四章 社会治安`` where an article ends a sentence with 治安 (安 ends a word there).
    """
    line = token.line
    new = _body_reading(title, body)
    if new is None:
        new = _cut_reading(title, body)
        if new is None:
            return False
        line.title = new
        state.decide("ocr_title_from_body", f"{title} read as {new} (the articles print {title[-1]} only in "
                     f"words, {new[len(title) - 1:]} most)", (line.start, line.end))
        return True
    line.title = new
    at = token.mark.rest + line.text[token.mark.rest:].index(title)
    i = next(i for i, (a, b) in enumerate(zip(title, new)) if a != b)
    for x, y in slice_pieces(line.pieces, at + i, at + i + 1):
        state.noise.append(noise_record("ocr_title", title[i], (x, y)))
    state.decide("ocr_title_from_body", f"{title} read as {new} (as the articles print {new[i]})", (line.start, line.end))
    return True


def _word_runs(title: str):
    """Where the title's words start and end: the runs of Han characters between its function characters."""
    start = None
    for i, c in enumerate(title + "。"):
        word = c not in TITLE_FUNCTION_CHARACTERS and _HAN.match(c) is not None
        if word and start is None:
            start = i
        elif not word and start is not None:
            yield start, i
            start = None


def _body_reading(title: str, body: str) -> str | None:
    """The title with the one character the body reads otherwise (:func:`ocr_title_from_body`), or None."""
    found = []
    for start, end in _word_runs(title):
        for i in range(start, end):
            windows = []
            if start < i < end - 1:
                windows.append((i - 1, i + 2))
            if end - start >= 3 and (end - start > 3 or not windows):
                windows.append((start, end))
            # the word as printed is in an article: what the title says
            if not windows or any(title[a:b] in body for a, b in windows):
                continue
            ch = title[i]
            if any(body.count(title[a:a + 2]) > BODY_PAIR_PRINTED for a in (i - 1, i) if start <= a and a + 2 <= end):
                continue
            readings = set()
            for a, b in windows:
                seen = Counter(m.group(1) for m in re.finditer(re.escape(title[a:i]) + "(.)" + re.escape(title[i + 1:b]), body))
                seen = {c: n for c, n in seen.items() if c != ch and c not in TITLE_FUNCTION_CHARACTERS and _HAN.match(c)}
                if seen:
                    best = max(seen, key=seen.get)
                    n = seen[best]
                    if n >= BODY_WORD_PRINTED and n >= BODY_WORD_DOMINANCE * (sum(seen.values()) - n) and body.count(ch) < n:
                        readings.add(best)
            if len(readings) == 1:
                found.append((i, readings.pop()))
            elif readings:
                return None
    if len(found) != 1:
        return None
    i, c = found[0]
    return title[:i] + c + title[i + 1:]


#: the share of the words the articles print a cut title's last character in that must be the ending's
CUT_WORD_SHARE = 2 / 3


def _cut_reading(title: str, body: str) -> str | None:
    """The title completed with the word of :data:`TITLE_END_WORDS` its last character starts, where the
    body prints that character only inside words, most often in that one (:func:`ocr_title_from_body`)."""
    last = title[-1]
    words = [w for w in TITLE_END_WORDS if w[0] == last]
    if not words or len(title) < 2 or title in body:
        return None
    after = Counter(body[m.end():m.end() + 1] for m in re.finditer(re.escape(last), body))
    word = max(words, key=lambda w: after[w[1]])
    printed = sum(after.values())
    # a character the articles end a word with (…治安。, 澄清) may well end the title
    if printed < BODY_WORD_PRINTED or any(c in TITLE_FUNCTION_CHARACTERS or not _HAN.match(c) for c in after):
        return None
    if after[word[1]] < CUT_WORD_SHARE * printed:
        return None
    return title + word[1:]


def _span(token: LineToken, end: int) -> tuple[int, int]:
    """The span of the first ``end`` characters of the token's line."""
    pieces = slice_pieces(token.line.pieces, 0, end)
    return pieces[0][0], pieces[-1][1]


_RECORDERS = {"ocr_item_bracket": ocr_item_bracket, "ocr_lost_bracket": ocr_lost_bracket,
              "ocr_garbled_item": ocr_garbled_item, "ocr_numeral": ocr_numeral,
              "ocr_label_quote": ocr_label_quote, "traditional_marker": traditional_marker,
              "ocr_lost_di": ocr_lost_di, "ocr_lost_di_article": ocr_lost_di_article,
              "ocr_misread_numeral": ocr_misread_numeral, "ocr_section_word": ocr_section_word,
              "ocr_misread_heading": ocr_misread_heading}


def record_repairs(state: LexState, tokens: list[LineToken]) -> None:
    """Record every marker read through a variant (with ``explain=True``),
    and the quotes read as separators as noise: they are in neither label nor text."""
    explain = state.explain
    traditional = False
    for token in tokens:
        mark = token.mark
        if mark is not None and mark.repair:
            traditional = traditional or mark.repair == "traditional_marker"
            # a quote read as the separator sets a repair (the first one found names it)
            line = token.line
            for i in range(mark.end, mark.rest):
                if line.text[i] in "”“":
                    for a, b in slice_pieces(line.pieces, i, i + 1):
                        state.noise.append(noise_record("ocr_separator", line.text[i], (a, b)))
            if explain:
                _RECORDERS[mark.repair](state, token)
    if traditional:
        taiwan_numbering(state, tokens)


@rule
def taiwan_numbering(state: LexState, tokens: list[LineToken]) -> bool:
    """A Traditional text that cites 第二項第三款 or 前項 numbers as Taiwan does: 項 paragraphs, 款 items.

    Why: Taiwan's laws call an article's paragraphs 項 and its items (一、)
    款, the other way round from the mainland (第二款第三项); the tree keeps
    the mainland's names (paragraph 款, item 项), so the reader is told
    rather than left with citations that mean something else.

    - Taiwan: ``第十條　…依前項規定…`` / ``第二項第三款``;
    - Hong Kong or Macau: ``第十條　本條例…`` with no such citation.
    """
    for token in tokens:
        m = TAIWAN_CITATION.search(token.line.text)
        if m:
            state.taiwan = True
            state.decide("taiwan_numbering", f"{m.group()}: paragraphs numbered 項 and items 款 (Taiwan)",
                         (token.line.start, token.line.end))
            return True
    return False
