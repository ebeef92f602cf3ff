"""The acceptance facts of the foundation on the seed pages."""
from __future__ import annotations

import pytest

import regparse
from conftest import NEWS_SEEDS, lost_characters


def test_title_and_articles(seed_004):
    assert seed_004.title == "中国共产党工作机关条例"
    labels = [a.label for a in seed_004.articles]
    expected = [f"第{regparse.numerals.to_chinese(n)}条" for n in range(8, 33)]
    assert labels == expected


def test_chapters_in_order_after_the_first_two_articles(seed_004):
    top = [(c.kind, c.label, c.title) for c in seed_004.children]
    assert top[:2] == [("article", "第八条", None), ("article", "第九条", None)]
    assert top[2:] == [("chapter", "第三章", "职责"), ("chapter", "第四章", "决策与执行"),
                       ("chapter", "第五章", "监督与追责"), ("chapter", "第六章", "附则")]


def test_fragment_start_is_reported(seed_004):
    codes = {d.code: d for d in seed_004.diagnostics}
    assert "fragment_start" in codes
    assert "第八条" in codes["fragment_start"].message


def test_leading_text_is_kept_and_page_note_removed(seed_004, seed_004_text):
    assert seed_004.preamble.startswith("党的工作机关不设正职领导助理、秘书长。")
    assert seed_004.preamble.endswith("应当报党中央批准。")
    notes = [n for n in seed_004.noise if n.kind == "page_continuation"]
    assert notes and notes[0].text == "(上接第1版)"
    start, end = notes[0].span
    assert seed_004_text[start:end] == "(上接第1版)"


def test_article_11(seed_004):
    art = seed_004.article(11)
    assert len(art.paragraphs) == 2
    first = art.paragraphs[0]
    assert [i.label for i in first.items] == ["(一)", "(二)", "(三)", "(四)", "(五)", "(六)"]
    # split by a page break in the source: one piece here
    assert first.items[1].text == "贯彻落实上级和本级党委以及上级党的工作机关部署安排,研究部署职责范围内的工作;"
    assert art.paragraphs[1].text == "党的工作机关按照有关规定对相关单位实行归口领导或者归口管理。"


def test_paragraph_counts(seed_004):
    art18 = seed_004.article(18)
    assert len(art18.paragraphs) == 1 and len(art18.paragraphs[0].items) == 7
    for n in (10, 19, 24, 25):
        assert len(seed_004.article(n).paragraphs) == 2, n


def test_last_article_ends_the_regulation(seed_004):
    assert seed_004.article(32).text == "本条例自发布之日起施行。"
    assert not any("党的工作机关首先是政治机关" in h.text for h in seed_004.headings)
    outside = "".join(n.text for n in seed_004.noise if n.kind == "outside")
    assert "党的工作机关首先是政治机关" in outside


def test_lookup(seed_004):
    assert seed_004.get("第十一条第一款第（三）项").text.startswith("当好党委参谋助手")
    assert seed_004.get("第11条第1款第3项") == seed_004.get("第十一条第一款第（三）项")


def test_spans_point_into_the_input(seed_004, seed_004_text):
    art = seed_004.article(11)
    assert seed_004_text[slice(*art.span)].startswith("第十一条")
    item = seed_004.get("第十一条第一款第（三）项")
    assert seed_004_text[slice(*item.span)].startswith("(三)当好党委参谋助手")


def test_nothing_is_lost(seed_004, seed_004_text):
    assert not lost_characters(seed_004_text, seed_004)


@pytest.mark.parametrize("path", NEWS_SEEDS, ids=lambda p: p.name[:3])
def test_news_pages_have_no_structure(path):
    text = path.read_text(encoding="utf-8")
    doc = regparse.parse(text)
    assert doc.articles == []
    assert doc.divisions == []
    assert [d.code for d in doc.diagnostics] == ["no_structure"]
    assert not lost_characters(text, doc)
