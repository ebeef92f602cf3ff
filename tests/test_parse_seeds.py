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


def test_extract_finds_the_regulation_on_its_page(seed_004_text):
    (doc,) = regparse.extract(seed_004_text)
    assert doc.title == "中国共产党工作机关条例"
    assert [a.label for a in doc.articles][0] == "第八条" and len(doc.articles) == 25
    start, end = doc.span
    assert seed_004_text[start:end].startswith("# 中共中央印发《中国共产党工作机关条例》"[2:])
    assert seed_004_text[start:end].rstrip("*").endswith("本条例自发布之日起施行。")


@pytest.mark.parametrize("path", NEWS_SEEDS, ids=lambda p: p.name[:3])
def test_extract_finds_nothing_on_news_pages(path):
    assert regparse.extract(path.read_text(encoding="utf-8")) == []


def test_two_regulations_on_one_page(seed_004_text):
    page = seed_004_text + ("\n\n某某市物业管理办法\n\n第一条　为了规范物业管理，制定本办法。\n\n"
                            "第二条　本办法自2025年1月1日起施行。\n\n（新华社北京12月8日电）\n")
    docs = regparse.extract(page)
    assert [(d.title, len(d.articles)) for d in docs] == [("中国共产党工作机关条例", 25), ("某某市物业管理办法", 2)]
    assert docs[0].span[1] <= docs[1].span[0]
    assert regparse.parse(page).title == "中国共产党工作机关条例"


def test_items_outside_any_article_are_reported():
    doc = regparse.parse("示例办法\n（一）甲；\n（二）乙。\n第一条　本办法自发布之日起施行。\n")
    codes = [d.code for d in doc.diagnostics]
    assert codes.count("item_outside_article") == 2
    assert doc.preamble == "（一）甲；\n（二）乙。"
