"""The grammar: marker terminals match what regulations print, and the
specialised LALR loop builds what Lark's own loop builds."""
from __future__ import annotations

import re

import pytest
from lark import Lark, Token
from lark.lexer import Lexer

from regparse import build, grammar, lalr, lex, normalize
from conftest import SEED_004, corpus_text, needs_corpus

MARKS = grammar.marker_patterns()


@pytest.mark.parametrize("name, line", [
    ("PART_MARK", "第一编　总则"), ("SUBPART_MARK", "第一分编　通则"), ("CHAPTER_MARK", "第三章　职责"),
    ("CHAPTER_MARK", "第五章监督检查"), ("CHAPTER_MARK", "第 三 章　总　则"), ("SECTION_MARK", "第一节 一般规定"),
    ("ARTICLE_MARK", "第十一条　党的工作机关应当履行下列职责："), ("ARTICLE_MARK", "第十条之一　"),
    ("ARTICLE_MARK", "第 十 条 国家…"), ("ARTICLE_MARK", "第1条 "), ("ARTICLE_MARK", "第１０条"),
    ("ARTICLE_MARK", "第一百零一条"), ("ARTICLE_MARK", "第两百条"), ("ARTICLE_MARK", "第二〇条"),
    ("CN_PAREN_MARK", "（三）当好党委参谋助手"), ("CN_PAREN_MARK", "(三)当好"), ("CN_PAREN_MARK", "（三)当好"),
    ("CN_COMMA_MARK", "一、国家实行"), ("DIGIT_DOT_MARK", "1．中华人民共和国"), ("DIGIT_DOT_MARK", "1. 甲"),
    ("DIGIT_DOT_MARK", "１．甲"), ("DIGIT_DOT_MARK", "1、甲"), ("DIGIT_PAREN_MARK", "（1）甲"), ("DIGIT_PAREN_MARK", "(1)甲"),
    ("CIRCLED_MARK", "①甲"), ("ANNEX_MARK", "附件一：名单"), ("ANNEX_MARK", "附表2"), ("ANNEX_MARK", "附件"),
    ("TOC_MARK", "目　录"), ("PREAMBLE_MARK", "序言"),
])
def test_marker_matches(name, line):
    assert re.match(MARKS[name], line), (name, line)


@pytest.mark.parametrize("name, line", [
    ("ARTICLE_MARK", "第 22 期"), ("ARTICLE_MARK", "第二批"), ("CHAPTER_MARK", "第二次会议"),
    ("DIGIT_DOT_MARK", "2023.5 发布"), ("DIGIT_DOT_MARK", "1.5倍"), ("CN_PAREN_MARK", "（试行）"),
    ("ANNEX_MARK", "附件的格式由国务院规定"), ("TOC_MARK", "目录如下"), ("PREAMBLE_MARK", "序言部分"),
])
def test_marker_does_not_match(name, line):
    assert not re.match(MARKS[name], line), (name, line)


class _TokenWithMark(Token):
    """A Lark token that carries what regparse's builder reads."""


def _lark_parse(text: str):
    lines, _ = normalize.clean_lines(text)
    tokens, _ = lex.tokenize(lines)
    stream = []
    for t in tokens:
        tok = _TokenWithMark(t.type, t.line.text)
        tok.line, tok.mark = t.line, t.mark  # type: ignore[misc]
        stream.append(tok)

    class Replay(Lexer):
        def __init__(self, conf):
            pass

        def lex(self, data, parser_state=None):
            return iter(data)

    lark = Lark(grammar._grammar_text("regulation.lark"), parser="lalr", lexer=Replay,
                transformer=build.Builder())
    ours = lalr.run_lalr(tokens, build.Builder(), lambda tok, exp: None)
    return lark.parse(stream), ours


def _comparable(node):
    if isinstance(node, dict):
        return {k: _comparable(v) for k, v in node.items() if k != "tokens"}
    if isinstance(node, list):
        return [_comparable(x) for x in node]
    if hasattr(node, "pieces"):
        return (node.text, tuple(node.pieces))
    return node


def test_specialised_loop_equals_lark_on_seed_004():
    theirs, ours = _lark_parse(SEED_004.read_text(encoding="utf-8"))
    assert _comparable(theirs) == _comparable(ours)


@needs_corpus
@pytest.mark.parametrize("doc_id", ["xingf-bd8528ce18", "mfd-6246072fc0", "xf-bff20565ee"])
def test_specialised_loop_equals_lark_on_the_corpus(doc_id):
    theirs, ours = _lark_parse(corpus_text(doc_id))
    assert _comparable(theirs) == _comparable(ours)
