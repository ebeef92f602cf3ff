"""The pre-pass keeps the guarantees its docstring gives the lexer."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import regparse
from conftest import lost_characters
from regparse.normalize import clean_lines
from test_properties import regulation_like

_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


@settings(max_examples=300, deadline=None)
@given(st.one_of(regulation_like, st.text()))
def test_lines_are_made_of_the_input(text):
    lines, noise = clean_lines(text)
    last = -1
    for line in lines:
        assert line.text and line.text == line.text.strip()
        assert not any(ch in line.text for ch in _BREAKS)
        assert line.text == "".join(text[a:b] for a, b in line.pieces)
        assert line.pieces[0][0] >= last
        last = line.pieces[-1][1]
    for n in noise:
        a, b = n.span
        if n.kind != "control":
            assert text[a:b] == n.text


def test_page_furniture_is_noise_and_the_text_goes_on():
    text = "第一条　为了促进节约用\n（下转第四版）\n4\n2021年6月17日　星期四\n光明日报　4\n(上接第1版)水，制定本条例。\n"
    lines, noise = clean_lines(text)
    assert [ln.text for ln in lines] == ["第一条　为了促进节约用", "水，制定本条例。"]
    assert lines[1].page_break
    assert [(n.kind, n.text) for n in noise] == [
        ("page_continuation", "（下转第四版）"), ("page_furniture", "4"),
        ("page_furniture", "2021年6月17日　星期四"), ("page_furniture", "光明日报　4"),
        ("page_continuation", "(上接第1版)")]


def test_a_page_header_as_ocr_reads_it_is_furniture():
    # tesseract reads the full-width space between the parts of a header as ” or “
    text = ("第一条　为了促进节约用\n\n2023年11月20日”星期一\n\n临江法制报 ”要闻\n\n"
            "江州市人民政府公报”2025年第8期\n\n水，制定本条例。\n临江法制报记者报道称，要闻”如下。\n")
    lines, noise = clean_lines(text)
    assert [ln.text for ln in lines] == ["第一条　为了促进节约用", "水，制定本条例。", "临江法制报记者报道称，要闻”如下。"]
    assert [n.text for n in noise] == ["2023年11月20日”星期一", "临江法制报 ”要闻", "江州市人民政府公报”2025年第8期"]


def test_a_newspaper_editor_and_phone_line_is_furniture():
    # the masthead's line, which pdftotext can put among the columns' lines under the headline
    text = "第一条　为了促进节约用\n责任编辑：赵明 电话：(0571)87061009\n水，制定本条例。\n责任编辑 刘洋\n责令改正。\n"
    lines, noise = clean_lines(text)
    assert [ln.text for ln in lines] == ["第一条　为了促进节约用", "水，制定本条例。", "责任编辑 刘洋", "责令改正。"]
    assert [(n.kind, n.text) for n in noise] == [("page_furniture", "责任编辑：赵明 电话：(0571)87061009")]


def test_a_masthead_date_line_and_a_paper_name_are_furniture():
    text = "东南法治报\n2024年11月13日 星期三 第11版 政务\n示例条例\n第一条　2024年11月13日星期三召开会议。\n"
    lines, noise = clean_lines(text)
    assert [ln.text for ln in lines] == ["示例条例", "第一条　2024年11月13日星期三召开会议。"]
    assert [n.text for n in noise] == ["东南法治报", "2024年11月13日 星期三 第11版 政务"]


def test_numbers_inside_sentences_are_not_furniture():
    text = "本报第4版刊登的通知自2021年6月17日起施行。\n第4版\n"
    lines, noise = clean_lines(text)
    assert [ln.text for ln in lines] == ["本报第4版刊登的通知自2021年6月17日起施行。"]
    assert [n.text for n in noise] == ["第4版"]


def test_markdown_markup_is_noise():
    text = "## 第三章 职责\n\n**第十条** 党的工作机关应当职责明确。\n> 引文\n"
    lines, noise = clean_lines(text)
    assert [ln.text for ln in lines] == ["第三章 职责", "第十条 党的工作机关应当职责明确。", "引文"]
    assert lines[0].heading == 2 and lines[1].heading == 0
    assert [n.text for n in noise] == ["## ", "**", "**", "> "]


def test_line_breaks_of_every_kind():
    lines, _ = clean_lines("甲\r\n乙\r丙\u2028丁\n\n戊")
    assert [ln.text for ln in lines] == ["甲", "乙", "丙", "丁", "戊"]
    assert [ln.blank_before for ln in lines] == [True, False, False, False, True]


def test_pdf_page_counters_are_furniture():
    text = "第一条　为了促进节约\n第 3 页 共 10 页\n用水，制定本条例。\n共10页 第4页\n3/10\n第三条规定的第三页\n"
    lines, noise = clean_lines(text)
    assert [ln.text for ln in lines] == ["第一条　为了促进节约", "用水，制定本条例。", "第三条规定的第三页"]
    assert lines[1].page_break
    assert [n.text for n in noise] == ["第 3 页 共 10 页", "共10页 第4页", "3/10"]


def test_noise_around_a_removed_control_character_is_recorded_piece_by_piece():
    # hypothesis found 「0\x1f0」: a page number once the control character is
    # gone; each noise entry's text must still be exactly its span
    text = "0\x1f0\n**粗\x1f**体\n"
    lines, noise = clean_lines(text)
    assert [ln.text for ln in lines] == ["粗体"]
    for n in noise:
        if n.kind != "control":
            assert text[slice(*n.span)] == n.text
    assert sorted((n.kind, n.text) for n in noise) == [
        ("control", "\x1f"), ("control", "\x1f"), ("markup", "**"), ("markup", "**"),
        ("page_furniture", "0"), ("page_furniture", "0")]


# -- markup comments (<!-- INFO END -->, as Markdown collections print them) ----------

def test_a_markup_comment_is_markup_noise_and_the_article_after_it_is_kept():
    text = ("# 中华人民共和国民法典\n\n<!-- INFO END -->\n\n第一千二百五十九条 民法所称的“以上”、“以下”、“以内”、“届满”，包括本数。\n\n"
            "第一千二百六十条 本法自2021年1月1日起施行。\n")
    doc = regparse.parse(text)
    assert [a.label for a in doc.articles] == ["第一千二百五十九条", "第一千二百六十条"]
    assert doc.preamble == ""
    assert ("markup", "<!-- INFO END -->") in [(n.kind, n.text) for n in doc.noise]
    assert doc.get("第一千二百五十九条").text.startswith("民法所称")
    assert not lost_characters(text, doc)


def test_a_comment_over_several_lines_and_one_before_a_label():
    text = "示例条例\n<!-- 多行\n注释 -->\n第一条 为了示例。\n<!-- a --> 第二条 本条例自发布之日起施行。\n"
    doc = regparse.parse(text)
    assert [a.label for a in doc.articles] == ["第一条", "第二条"]
    comments = [n for n in doc.noise if n.kind == "markup"]
    assert [n.text for n in comments] == ["<!-- 多行", "注释 -->", "<!-- a -->"]
    assert all(text[slice(*n.span)] == n.text for n in comments)
    assert not lost_characters(text, doc)


def test_a_line_that_only_starts_with_a_bracket_is_text():
    lines, noise = clean_lines("<一>示例\n<p>不是注释")
    assert [ln.text for ln in lines] == ["<一>示例", "<p>不是注释"] and noise == []
