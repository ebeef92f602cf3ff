"""What a line of text reads as, without context: predicates the rules share.

>>> ends_closed("本条例自发布之日起施行。"), ends_closed("研究部署职责范围内的工")
(True, False)
>>> title_like("中国共产党工作机关条例"), title_like("为了规范管理，制定本条例。")
(True, False)
"""
from __future__ import annotations

import re

from ..catalogue import (CLOSERS, DATE_LINE, NEWS_FIRST, NEWS_OR_CREDIT, QUOTED_TITLE, REGULATION_TITLE_END,
                         TITLE_NOTE, TRAILERS)

__all__ = ["ends_closed", "news_or_credit", "title_like", "subtitle_like", "title_of", "same_heading", "beside_parts", "BESIDE_GAP",
           "TITLE_MAX", "HEADING_TITLE_LINE_MAX", "PARAGRAPH_INDENT", "BODY_KINDS", "STANDALONE_KINDS"]

#: a paragraph's first line is indented by two characters
PARAGRAPH_INDENT = 2
#: the title under a 「第一章」 alone on its line is a few words
HEADING_TITLE_LINE_MAX = 20
#: a title is at most this long (the longest titles of the corpus, 若干问题的解释 …, are ~70)
TITLE_MAX = 80
#: the kinds of logical line that are body text
BODY_KINDS = frozenset({"article", "text", "cn_paren", "cn_comma", "digit_dot", "digit_paren", "circled"})
#: the kinds of logical line that stand alone: nothing is joined to them
STANDALONE_KINDS = frozenset({"part", "subpart", "chapter", "section", "title", "subtitle", "info", "heading",
                              "annex", "toc", "preamble_mark"})


def ends_closed(text: str) -> bool:
    """Whether a line ends a sentence (。；： …, looking through closing quotes)."""
    if text and text[-1] in "）)":
        return True   # 「…（试行）」, 「（2020年修正）」: a bracket closes what it opened
    i = len(text) - 1
    while i >= 0 and text[i] in TRAILERS:
        i -= 1
    return i >= 0 and text[i] in CLOSERS


def news_or_credit(text: str) -> bool:
    """A news lead or byline, or a credit line (（新华社北京…电）, （责编：…）)."""
    return text[0] in NEWS_FIRST and NEWS_OR_CREDIT.match(text) is not None


def title_like(text: str) -> bool:
    """Short and not a sentence.  A bracketed note that ends a title (（试行）,
    （2020年修正）, 解释（一）) is looked through: ends_closed reads a line that
    ends with a bracket as complete, which a title is too."""
    core = TITLE_NOTE.sub("", text) or text
    return len(text) <= TITLE_MAX and not ends_closed(core) and not DATE_LINE.match(text) and core[-1] not in "，、,"


#: a subtitle (the book of a code: 婚姻家庭编) is a word or two
SUBTITLE_MAX = 8


def subtitle_like(text: str) -> bool:
    """合同编, 总则: the book of a code printed under its title."""
    return len(text) <= SUBTITLE_MAX and (text.endswith("编") or text == "总则") and not ends_closed(text)


def title_of(text: str) -> str:
    """The title a title line gives: 中共中央印发《中国共产党工作机关条例》 gives
    the regulation inside the brackets; a plain title line gives itself."""
    m = QUOTED_TITLE.search(text)
    if m and not REGULATION_TITLE_END.search(text) and REGULATION_TITLE_END.search(m.group(1)):
        return m.group(1)
    return text


def same_heading(a: str, b: str) -> bool:
    """The same heading, spaces aside (总　则, 总则)."""
    return "".join(a.split()) == "".join(b.split())


#: the gap between a title and what a page prints level with it (pdftotext -layout keeps it as spaces)
BESIDE_GAP = re.compile(r"\s{3,}|\u3000{2,}")


def beside_parts(text: str) -> tuple[int, int] | None:
    """Where the title's part of a line ends and the part printed beside it starts
    (「中华人民共和国民法典     婚姻家庭编」), None if the line is one text: two short parts,
    no sentence either, the right one no bracketed note of the title's."""
    gaps = list(BESIDE_GAP.finditer(text.strip()))
    if len(gaps) != 1 or text != text.strip():
        return None
    gap = gaps[0]
    left, right = text[:gap.start()], text[gap.end():]
    if not (title_like(left) and title_like(right)) or right[0] in "（(〈<《" or TITLE_NOTE.fullmatch(right):
        return None
    return gap.start(), gap.end()
