"""Appendices: one node per 附件/附表/附录 after the last article, each looked up by its label."""
from __future__ import annotations

import pytest

import regparse
from conftest import CORPUS, needs_corpus

TWO = ("示例条例\n第一条　列于本条例附件一的规定，予以废止。\n第二条　本条例自发布之日起施行。\n"
       "附件一\n下列规定予以废止：\n1．关于示例工作的决定\n附件二\n下列规定继续有效：\n1．关于示例登记的决定")


def test_each_annex_label_starts_an_appendix():
    doc = regparse.parse(TWO)
    assert [a.label for a in doc.appendices] == ["附件一", "附件二"]
    assert doc.get("附件二").text == "附件二\n下列规定继续有效：\n1．关于示例登记的决定"
    assert [a.label for a in doc.articles] == ["第一条", "第二条"]


def test_an_unnumbered_attachment_line_inside_an_annex_is_its_text():
    text = TWO + "\n附件：（列明相关文书）\n附件三\n样式"
    doc = regparse.parse(text)
    assert [a.label for a in doc.appendices] == ["附件一", "附件二", "附件三"]
    assert "附件：（列明相关文书）" in doc.get("附件二").text


def test_a_wrapped_annex_reference_inside_an_article_stays_text():
    text = "示例条例\n第一条　按照\n附件二《示例登记表》的格式填写。\n第二条　本条例自发布之日起施行。"
    doc = regparse.parse(text)
    assert doc.appendices == [] and "附件二《示例登记表》" in doc.article(1).text


@needs_corpus
@pytest.mark.parametrize("doc_id, labels", [
    ("xingf-bd8528ce18", ["附件一", "附件二"]),                 # 刑法
    ("xfxg-fa59921ac6", ["附件一", "附件二", "附件三"]),          # 香港特别行政区基本法
])
def test_the_appendices_of_codes(doc_id, labels):
    doc = regparse.parse((CORPUS / "dev" / f"{doc_id}.txt").read_text(encoding="utf-8"))
    assert [a.label for a in doc.appendices] == labels
    assert not [n for n in doc.noise if n.kind == "outside"]
