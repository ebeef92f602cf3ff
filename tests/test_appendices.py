"""Appendices: one node per 附件/附表/附录 after the last article, each looked up by its label."""
from __future__ import annotations

import pytest

import regparse
from conftest import CORPUS, lost_characters, needs_corpus

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


# -- an appendix's own structure: a list of points, a table of rows ------------------

LIST = ("示例条例\n第一条　列于本条例附件一的决定予以废止。\n第二条　本条例自发布之日起施行。\n"
        "附件一\n下列决定予以废止：\n1．关于甲的决定\n2．关于乙的决定\n附件二\n"
        "一、登记办法\n（一）申请人提交申请书。\n（二）机关审查。\n二、收费办法\n按件收费。")
TABLE = ("示例条例\n第一条　审批发证的矿种列于本条例附录。\n第二条　本条例自发布之日起施行。\n"
         "附录\n审批发证矿种目录\n1 煤 18 锌\n2 石油 19 铝\n3 油页岩 20 镍")


def test_an_appendix_that_is_a_list_has_points_cited_after_its_label():
    doc = regparse.parse(LIST)
    first, second = doc.appendices
    assert [(p.citation, p.text) for p in first.children] == [("附件一第1项", "关于甲的决定"),
                                                              ("附件一第2项", "关于乙的决定")]
    assert [p.citation for p in second.walk()] == ["附件二第一项", "附件二第一项（一）", "附件二第一项（二）",
                                                   "附件二第二项"]
    assert second.children[0].title == "登记办法" and second.children[1].text == "按件收费。"
    # the canonical form, the labels as printed after the appendix's, either script
    point = doc.get("附件二第一项（二）")
    assert point.text == "机关审查。" and point.id == "annex_2__point_1__point_2"
    assert doc.get("附件二一（二）") is doc.get("附件二一、(二)") is point is doc.by_id(point.id)
    assert doc.get("附件一2") is doc.get("附件一第二项") is doc.get("附件一第2项")
    assert doc.get("附件二").label == "附件二" and doc.get("附件一").children == first.children
    with pytest.raises(KeyError):
        doc.get("附件一第3项")
    assert not lost_characters(LIST, doc)
    assert first.rows == [] and first.regulation is None


def test_an_appendix_that_is_a_table_has_its_rows():
    doc = regparse.parse(TABLE)
    annex = doc.get("附录")
    assert annex.rows == [["审批发证矿种目录"], ["1", "煤", "18", "锌"], ["2", "石油", "19", "铝"],
                          ["3", "油页岩", "20", "镍"]]
    # each row on its line: not run together as wrapped text
    assert annex.text.split("\n")[2] == "1 煤 18 锌" and annex.children == []
    assert not lost_characters(TABLE, doc)
    # the opposite case: a line of text with a space in it is no table
    plain = regparse.parse(TABLE.replace("\n2 石油 19 铝\n3 油页岩 20 镍", "\n说明见正文。"))
    assert plain.get("附录").rows == []


@pytest.mark.parametrize("text", [LIST, TABLE])
def test_the_exports_carry_an_appendixs_structure(text):
    doc = regparse.parse(text)
    assert regparse.Regulation.model_validate_json(doc.model_dump_json()) == doc
    for export in (doc.to_text, doc.to_markdown):
        back = regparse.parse(export())
        assert [(a.label, a.text, a.rows, [(p.citation, p.title, p.text) for p in a.walk()]) for a in back.appendices] \
            == [(a.label, a.text, a.rows, [(p.citation, p.title, p.text) for p in a.walk()]) for a in doc.appendices]
    html, akn = doc.to_html(), doc.to_akn()
    if text is TABLE:
        assert "<table><tr><td>1</td><td>煤</td><td>18</td><td>锌</td></tr>" in html
        assert "<tr><td><p>1</p></td><td><p>煤</p></td><td><p>18</p></td><td><p>锌</p></td></tr>" in akn
        assert '<td colspan="4"><p>审批发证矿种目录</p></td>' in akn
    else:
        assert 'id="附件二第一项（二）"' in html and "<p>下列决定予以废止：</p>" in html
        assert '<point eId="att_2__point_1__point_2">' in akn and "<num>（二）</num>" in akn


@needs_corpus
def test_the_appendices_of_the_criminal_law_and_the_basic_law_are_lists():
    xingfa = (CORPUS / "dev" / "xingf-bd8528ce18.txt").read_text(encoding="utf-8")
    doc = regparse.parse(xingfa)
    first, second = doc.appendices
    assert len(first.children) == 15 and len(second.children) == 8
    assert doc.get("附件一第1项").text == "中华人民共和国惩治军人违反职责罪暂行条例"
    assert doc.get("附件二8").citation == "附件二第8项"
    assert not lost_characters(xingfa, doc)
    basic = (CORPUS / "dev" / "xfxg-fa59921ac6.txt").read_text(encoding="utf-8")
    doc = regparse.parse(basic)
    assert [len(a.children) for a in doc.appendices] == [7, 3, 10]
    assert doc.get("附件二一").title == "立法会的产生办法"
    assert [p.citation for p in doc.get("附件二一").children] == ["附件二第一项（一）", "附件二第一项（二）"]
    assert doc.get("附件三五").text == "《中华人民共和国国籍法》"
    # 本法附件三 still names the appendix, not a unit of it
    refs = [r for r in doc.references if r.surface == "本法附件三"]
    assert refs and all(r.target_ids == [doc.get("附件三").id] for r in refs)
    assert not lost_characters(basic, doc)


@needs_corpus
def test_a_table_of_the_dev_corpus():
    text = (CORPUS / "dev" / "xzfg-2891e9d487.txt").read_text(encoding="utf-8")
    doc = regparse.parse(text)
    rows = doc.get("附录").rows
    assert rows[0] == ["国务院地质矿产主管部门审批发证矿种目录"] and rows[1] == ["1", "煤", "18", "锌"]
    assert len(rows) == 18 and all(len(r) in (2, 4) for r in rows[1:])
    assert not lost_characters(text, doc)
