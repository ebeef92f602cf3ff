"""Properties that hold for any input: parse never raises, JSON round-trips,
spans lie inside the input in document order, nothing is lost."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import regparse
from conftest import lost_characters

# Text biased toward what regulations are made of: markers, brackets,
# numerals, CJK, punctuation and line breaks of every kind.
_PIECES = st.sampled_from([
    "第", "条", "章", "节", "编", "分编", "之一", "第一条", "第十条", "第二章", "第 三 条", "第1条", "第１０条",
    "（一）", "(二)", "（三)", "一、", "1.", "1．", "（1）", "①", "目录", "序言", "附件", "附则", "总　则",
    "本法", "前款", "规定", "的", "。", "；", "：", "，", "、", "**", "## ", "# ", "(上接第1版)", "（下转第四版）",
    "零", "〇", "两", "十", "百", "千", "一", "二", "九", "0", "7", "\n", "\n\n", "\r\n", "\r", "\u2028", " ",
    "\u3000", "\t", "\xa0", "\x00", "\ufeff", "《", "》", "中华人民共和国", "条例", "第十二届全国人民代表大会",
])
soup = st.lists(st.one_of(_PIECES, st.text(max_size=3)), max_size=60).map("".join)
_MARKS = st.sampled_from(["", "", "第一条　", "第二条 ", "第三条", "第十条之一　", "第5条 ", "第一章　总则", "第二章 罚则",
                          "第一节 通则", "第一编 总则", "（一）", "（二）", "(三)", "一、", "二、", "1．", "2.", "（1）",
                          "①", "附件", "目录", "序言", "# ", "## 第三章 职责", "**第四条**", "第 五 条　"])
_BODY = st.lists(st.one_of(_PIECES, st.sampled_from(["为了规范管理", "依照本法第十条规定", "下列职责", "的规定处罚"])),
                 max_size=6).map("".join)
_END = st.sampled_from(["。", "；", "：", "", "，"])
_BREAK = st.sampled_from(["\n", "\n", "\n\n", "\r\n", "\n\u3000\n"])
line_based = st.lists(st.tuples(_MARKS, _BODY, _END, _BREAK).map("".join), max_size=25).map("".join)
regulation_like = st.one_of(line_based, line_based, soup)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(regulation_like, st.text()))
def test_parse_never_raises_and_keeps_everything(text):
    doc = regparse.parse(text)
    assert not lost_characters(text, doc)
    n = len(text)
    last = -1
    for node in doc.walk():
        start, end = node.span
        assert 0 <= start <= end <= n
        if node is not doc:
            assert start >= last, "nodes are in document order"
            last = start
    for item in (*doc.noise, *doc.diagnostics):
        assert 0 <= item.span[0] <= item.span[1] <= n


@settings(max_examples=150, deadline=None)
@given(regulation_like)
def test_json_round_trip_is_identity(text):
    doc = regparse.parse(text)
    again = regparse.Regulation.model_validate_json(doc.model_dump_json())
    assert again == doc


@settings(max_examples=150, deadline=None)
@given(regulation_like)
def test_every_node_is_found_by_its_citation(text):
    doc = regparse.parse(text)
    for node in doc.walk():
        if node is doc:
            continue
        found = doc.get(node.citation)
        # duplicated numbers share a citation: the first one is found
        assert found.citation == node.citation


def test_parse_rejects_bytes_with_a_clear_error():
    import pytest

    with pytest.raises(TypeError, match="parse_file"):
        regparse.parse(b"\xe7\xac\xac")  # type: ignore[arg-type]


def test_empty_and_blank_input_is_a_diagnostic():
    for text in ("", "\n\n  \u3000\n"):
        doc = regparse.parse(text)
        assert [d.code for d in doc.diagnostics] == ["empty_input"]
        assert doc.children == []
