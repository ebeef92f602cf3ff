"""Canonical clean text: the corpus format, one line per paragraph/item, blank lines between."""
from __future__ import annotations

from pathlib import Path

import pytest

import regparse
from regparse import Regulation
from regparse.export import to_text

ROOT = Path(__file__).resolve().parents[1]
SEED_004 = ROOT / "seeds" / "004_931bd066818f0e97.txt"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"


def test_lines_are_separated_by_one_blank_line(seed_004):
    text = to_text(seed_004)
    assert text.endswith("\n") and not text.endswith("\n\n")
    blocks = text[:-1].split("\n\n")
    assert all(block and "\n" not in block and block == block.strip() for block in blocks)


def test_title_headings_articles_and_items(seed_004):
    lines = to_text(seed_004).split("\n\n")
    assert lines[0] == "中国共产党工作机关条例"
    assert "第三章\u3000职责" in lines
    art11 = seed_004.article(11)
    start = lines.index("第十一条\u3000" + art11.paragraphs[0].text)
    items = [item.label + item.text for item in art11.paragraphs[0].items]
    assert lines[start + 1:start + 1 + len(items)] == items
    assert lines[start + 1 + len(items)] == "党的工作机关按照有关规定对相关单位实行归口领导或者归口管理。"
    # the fragment's leading text (the tail of 第七条) comes before 第八条
    assert lines.index(seed_004.preamble.split("\n")[0]) < lines.index("第八条\u3000" + seed_004.article(8).paragraphs[0].text)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is absent")
def test_the_corpus_format_with_canonical_separators():
    source = (CORPUS / "mfd-ada6b16d10.txt").read_text(encoding="utf-8")  # 民法典 合同编
    lines = to_text(regparse.parse(source)).split("\n\n")
    published = [line for line in source.split("\n") if line.strip()]
    assert lines[:4] == published[:4]  # title, book, two info lines
    # the published heading separates with two en spaces, the canonical text with one ideographic space
    assert published[4] == "第一分编\u2002\u2002通则" and lines[4] == "第一分编\u3000通则"
    assert published[6].startswith("第四百六十三条 ") and lines[6] == published[6].replace(" ", "\u3000", 1)
    assert len(lines) == len(published)
    assert ["".join(line.split()) for line in lines] == ["".join(line.split()) for line in published]


def test_article_without_text_and_an_appendix_label_inside_its_text():
    doc = Regulation.model_validate({
        "title": "测试条例",
        "children": [{"kind": "article", "label": "第一条", "number": 1, "children": []}],
        "appendices": [{"label": "附件", "text": "附件\n名录"}, {"label": "附表一", "text": "收费标准"}],
    })
    assert to_text(doc) == "测试条例\n\n第一条\n\n附件\n\n名录\n\n附表一\n\n收费标准\n"
