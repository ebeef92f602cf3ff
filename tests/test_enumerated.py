"""Enumerated documents: 一、 / （一） / 1． / （1） units where there is no 第X条.

On the enumerated corpus (../shared/corpus/enumerated, skipped where absent)
and on documents made here: the acceptance scores, quotations kept as text,
closing matter kept out of the last unit, lookups, round trips, no loss.
"""
from __future__ import annotations

import collections
import importlib.util
import json

import pytest

import regparse
from regparse.model import Point
from conftest import CORPUS, lost_characters, needs_corpus

AMENDMENT = """示例法修正案
一、将示例法第十条修改为：“第十条　有下列情形之一的，处罚款：
“（一）不按规定示例的；
（二）拒绝检查的。”
二、在示例法第二十条后增加一条，作为第二十条之一：“第二十条之一　示例工作由主管部门负责。”
三、本修正案自公布之日起施行。
"""

OPINION = """关于示例工作的意见
各省、自治区、直辖市示例部门：
为做好示例工作，现提出如下意见：
一、总体要求
（一）指导思想。坚持示例为本，依法推进。
（二）基本原则。统筹兼顾，分步实施。
（三）主要目标。到2025年基本完成示例工作。
二、主要任务
（一）完善制度。有关部门要提出处理意见：
1．属于示例的，移送主管部门；
2．属于其他的，移送有关部门。
对于性质不明的，应当先行调查。
（二）加强监督。示例部门要加强监督检查。
特此通知。
示例委员会
2021年5月25日
"""


def _units(doc) -> list[tuple]:
    return [(n.citation, n.title, "".join(n.text.split()) if isinstance(n, Point) else "")
            for n in doc.walk() if n.kind in ("point", "article")]


def _enumerated_docs() -> list[str]:
    if CORPUS is None or not (CORPUS / "enumerated").is_dir():
        return []
    return sorted(p.name[:-len(".enum.json")] for p in (CORPUS / "enumerated").glob("*.enum.json"))


def _scorer():
    spec = importlib.util.spec_from_file_location("score_enumerated", CORPUS / "score_enumerated.py")  # type: ignore[operator]
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


@needs_corpus
def test_enumerated_corpus_meets_the_acceptance_scores():
    ids = _enumerated_docs()
    if not ids:
        pytest.skip("../shared/corpus/enumerated is absent")
    score = _scorer()
    total: collections.Counter = collections.Counter()
    for doc_id in ids:
        gold = json.loads((CORPUS / "enumerated" / f"{doc_id}.enum.json").read_text(encoding="utf-8"))
        doc = regparse.parse((CORPUS / "enumerated" / f"{doc_id}.txt").read_text(encoding="utf-8"))
        total += score.count_doc(gold, score.prediction_from_tree(doc))
    m = score.metrics(total)
    assert m["unit_f1"] >= 0.98, m
    assert m["heading_exact"] >= 0.95, m
    assert m["text_exact"] >= 0.95, m
    assert m["preamble_exact"] >= 0.9, m


@needs_corpus
def test_enumerated_documents_hard_wrapped_keep_their_units():
    """The wrapped skin (../shared/corpus/skins.py) on every enumerated document, seed 1:
    a wrap that puts an amended article's 第X条 at a line start (将刑法 / 第十七条修改为)
    does not make the document one of articles (unit F1 was 0.836, 11 documents lost whole)."""
    ids = _enumerated_docs()
    if not ids:
        pytest.skip("../shared/corpus/enumerated is absent")
    score = _scorer()
    spec = importlib.util.spec_from_file_location("skins", CORPUS / "skins.py")  # type: ignore[operator]
    skins = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(skins)  # type: ignore[union-attr]
    total: collections.Counter = collections.Counter()
    lost = []
    for doc_id in ids:
        gold = json.loads((CORPUS / "enumerated" / f"{doc_id}.enum.json").read_text(encoding="utf-8"))
        text, _ = skins.apply("wrapped", (CORPUS / "enumerated" / f"{doc_id}.txt").read_text(encoding="utf-8"), 1)
        counts = score.count_doc(gold, score.prediction_from_tree(regparse.parse(text)))
        if counts["unit_gold"] and not counts["unit_pred"]:
            lost.append(doc_id)
        total += counts
    m = score.metrics(total)
    assert m["unit_f1"] >= 0.98, m
    assert len(lost) <= 1, lost


@needs_corpus
@pytest.mark.parametrize("doc_id", _enumerated_docs())
def test_enumerated_corpus_loses_nothing_and_every_node_is_found_by_its_citation(doc_id):
    text = (CORPUS / "enumerated" / f"{doc_id}.txt").read_text(encoding="utf-8")
    doc = regparse.parse(text)
    assert not lost_characters(text, doc)
    nodes = [node for node in doc.walk() if node is not doc]
    citations = collections.Counter(node.citation for node in nodes)
    for node in nodes:
        # a restarted or repeated number names its first node
        assert doc.get(node.citation) is (node if citations[node.citation] == 1 else
                                          next(n for n in nodes if n.citation == node.citation)), node.citation
        assert doc.by_id(node.id) is node
    assert regparse.Regulation.model_validate_json(doc.model_dump_json()) == doc
    # the text and Markdown exports parse back to the same units and articles
    for exported in (doc.to_text(), doc.to_markdown()):
        assert _units(regparse.parse(exported)) == _units(doc)
    gold = json.loads((CORPUS / "enumerated" / f"{doc_id}.enum.json").read_text(encoding="utf-8"))
    if not gold["units"]:
        # nothing invented where the document has no numbered units
        assert not [n for n in doc.walk() if isinstance(n, Point)]


def test_quoted_articles_of_an_amendment_stay_text_of_the_instruction():
    doc = regparse.parse(AMENDMENT)
    assert [n.citation for n in doc.children] == ["一", "二", "三"]
    assert not doc.articles
    first = doc.get("一")
    assert "（一）不按规定示例的；" in first.text and "（二）拒绝检查的。”" in first.text
    assert first.children == []
    # a 修正案's provisions are cited as articles too
    assert doc.get("第二条") is doc.children[1]
    assert doc.get("《示例法修正案》第三条") is doc.children[2]


def test_units_nest_by_the_order_of_label_styles_with_headings_and_closing():
    doc = regparse.parse(OPINION, explain=True)
    top = doc.children
    assert [p.citation for p in top] == ["一", "二"]
    assert [p.title for p in top] == ["总体要求", "主要任务"]
    assert [(p.citation, p.title, p.text) for p in top[0].children] == [
        ("一（一）", "指导思想", "坚持示例为本，依法推进。"),
        ("一（二）", "基本原则", "统筹兼顾，分步实施。"),
        ("一（三）", "主要目标", "到2025年基本完成示例工作。")]
    task = doc.get("二、（一）")
    # the paragraph after the list its lead-in introduced is the lead-in's
    assert task.text.split("\n") == ["有关部门要提出处理意见：", "对于性质不明的，应当先行调查。"]
    assert [c.citation for c in task.children] == ["二（一）1", "二（一）2"]
    assert doc.get("二(一)2.").id == "point_2__point_1__point_2"
    assert doc.closing.split("\n") == ["特此通知。", "示例委员会", "2021年5月25日"]
    assert "特此通知" not in doc.get("二（二）").text
    assert doc.preamble.startswith("各省、自治区、直辖市示例部门：")
    kinds = {d.kind for d in doc.decisions}
    assert {"enumerated_document", "unit_start", "line_heading", "run_in_heading", "list_tail",
            "closing_matter"} <= kinds
    assert not [d for d in doc.diagnostics if d.code == "no_structure"]
    assert not lost_characters(OPINION, doc)


def test_numbering_gaps_among_points_are_reported():
    doc = regparse.parse("示例意见\n一、示例工作要加强。\n三、示例工作要落实。\n")
    gaps = [d for d in doc.diagnostics if d.code == "numbering_gap"]
    assert len(gaps) == 1 and "三、" in gaps[0].message
    # numbering that goes on across the parents is no gap; one that restarts from 1 is none either
    doc = regparse.parse("示例决定\n一、甲\n1．示例一。\n2．示例二。\n二、乙\n3．示例三。\n三、丙\n1．示例。\n五、丁\n")
    assert [(d.code, d.message) for d in doc.diagnostics] == [("numbering_gap", "point 五、 where 4 was expected")]
    assert doc.get("二3").text == "示例三。"


def test_articles_under_enumerated_headings_are_the_headings_children():
    text = ("示例解释\n为正确审理示例案件，制定本解释。\n一、一般规定\n第一条　人民法院审理示例案件，适用本解释。\n"
            "第二条　有下列情形之一的，适用本解释：\n（一）示例一；\n（二）示例二。\n二、附则\n第三条　本解释自公布之日起施行。\n")
    doc = regparse.parse(text)
    assert [(p.citation, p.title) for p in doc.children] == [("一", "一般规定"), ("二", "附则")]
    assert [a.label for a in doc.children[0].children] == ["第一条", "第二条"]
    assert doc.get("第二条第（二）项").text == "示例二。"
    assert doc.article(3).id == "point_2__art_3"
    assert not lost_characters(text, doc)


@pytest.mark.parametrize("text", [AMENDMENT, OPINION])
def test_text_and_markdown_exports_parse_back_to_the_same_units(text):
    doc = regparse.parse(text)
    assert _units(regparse.parse(doc.to_text())) == _units(doc)
    assert _units(regparse.parse(doc.to_markdown())) == _units(doc)


def test_tree_format_and_html_show_points():
    from regparse.export import render
    doc = regparse.parse(OPINION)
    tree = render(doc, "tree")
    assert "（一） 指导思想 坚持示例为本" in tree and "1． 属于示例的" in tree and "（文尾） 特此通知。" in tree
    html = doc.to_html()
    assert 'id="一（二）"' in html and '<span class="heading">基本原则</span>' in html
    assert '<section class="closing"><p>特此通知。</p>' in html


def test_the_acts_an_amendment_names_are_references_its_bare_numbers_are_not_internal():
    text = ("中华人民共和国刑法修正案（示例）\n一、将刑法第十条修改为：“第十条　示例。”\n"
            "二、在《中华人民共和国刑法》第二十条后增加一条，作为第二十条之一。\n三、本修正案自公布之日起施行。\n")
    doc = regparse.parse(text)
    found = [(r.kind, r.surface, r.act) for r in doc.references]
    assert ("external", "刑法第十条", "刑法") in found
    assert ("external", "《中华人民共和国刑法》第二十条", "中华人民共和国刑法") in found
    # 第二十条之一 names the amended act's article, not a provision of the amendment
    assert all(kind == "external" for kind, _, _ in found)
    assert not [d for d in doc.diagnostics if d.code == "unresolved_reference"]
    for r in doc.references:
        assert text[r.span[0]:r.span[1]] == r.surface
    assert doc.get("第一条").references[0].surface == "刑法第十条"


def test_on_the_amendments_of_the_corpus_every_reference_is_to_the_amended_act():
    ids = [i for i in _enumerated_docs() if i.startswith("xingf-")]
    if not ids:
        pytest.skip("../shared/corpus/enumerated is absent")
    seen = 0
    for doc_id in ids:
        text = (CORPUS / "enumerated" / f"{doc_id}.txt").read_text(encoding="utf-8")
        doc = regparse.parse(text)
        for r in doc.references:
            seen += 1
            assert r.kind == "external" and "刑法" in (r.act or ""), (doc_id, r.surface, r.act)
            assert "".join(text[r.span[0]:r.span[1]].split()) == "".join(r.surface.split())
        assert not [d for d in doc.diagnostics if d.code == "unresolved_reference"], doc_id
    assert seen >= 50


def test_a_quotation_of_several_paragraphs_that_lost_its_line_breaks_closes_once():
    from regparse.lex.enumerated import _quote_depth

    # each paragraph of a quotation opens with “ and only the last closes: run together,
    # the “ after a sentence's end goes on with the quotation instead of opening another
    assert _quote_depth("增加一条：“甲行为的，应认定为‘严重’。“乙行为的，可不认定。”", 0) == 0
    # a “ that follows no sentence end still opens a quotation
    assert _quote_depth("规定：“甲所称“乙”", 0) == 1


@needs_corpus
@pytest.mark.parametrize("doc_id", ["sfjs-730e0941de", "sfjs-4fc5e13ff5"])
def test_a_decision_that_attaches_the_amended_interpretation_keeps_its_articles_in_flat_text(doc_id):
    """修改决定 that print the amended interpretation after them (附：…): in the flat skin the
    decision's quotation of several paragraphs runs together; it must not hide the
    attached interpretation's articles and make the text an enumerated document."""
    spec = importlib.util.spec_from_file_location("skins", CORPUS / "skins.py")  # type: ignore[operator]
    skins = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(skins)  # type: ignore[union-attr]
    gold = json.loads((CORPUS / "dev" / f"{doc_id}.gold.json").read_text(encoding="utf-8"))
    text, gold = skins.apply("flat", (CORPUS / "dev" / f"{doc_id}.txt").read_text(encoding="utf-8"), 1, gold)
    labels = [a.label for a in regparse.parse(text).articles]
    assert len(labels) >= 4 and set(labels) <= {a["label"] for a in gold["articles"]}
