"""References inside enumerated documents: 本规定第七条, 前款, 第11项至第50项, 上条.

A point document's own references resolve to its points (the top-level points
are its 条, a point's paragraphs its 款, the points below a point its 项); in an
amending document the bare numbers are the amended act's; nothing inside a
quotation is this document's.  The labelled set tests/data/references/points/
(real phrasing from ../shared/corpus/enumerated) is scored as the article set
is, by bench/refs_score.py --points.
"""
from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest

import regparse
from conftest import CORPUS

ROOT = Path(__file__).resolve().parents[1]
POINT_LABELS = ROOT / "tests" / "data" / "references" / "points"
ENUMERATED = CORPUS / "enumerated" if CORPUS is not None else None
needs_enumerated = pytest.mark.skipif(ENUMERATED is None or not ENUMERATED.is_dir(),
                                      reason="../shared/corpus/enumerated is absent")

RULES = """关于示例工作的规定
一、为了示例，制定本规定。
二、示例单位应当遵守本规定第一条的规定。
前款所称单位，不含本规定第九条所列单位。
三、有下列情形之一的：
（一）违反本规定第二条第二款的；
（二）有前项行为的。
有本条第（一）项情形的，依照第二条处理。
四、本规定自发布之日起施行。"""


def _refs(doc):
    return [(r.surface, r.kind, list(r.targets), r.resolved) for r in doc.references]


def test_a_rule_document_cites_its_points_as_articles_paragraphs_and_items():
    doc = regparse.parse(RULES)
    found = _refs(doc)
    assert found == [
        ("本规定第一条", "internal", ["一"], True),
        ("前款", "relative", ["二第一款"], True),
        ("本规定第九条", "internal", ["第九条"], False),
        ("本规定第二条第二款", "internal", ["二第二款"], True),
        ("前项", "relative", ["三（一）"], True),
        ("本条第（一）项", "relative", ["三（一）"], True),
        ("第二条", "internal", ["二"], True),
    ]
    # a paragraph of a point is no node: the reference holds the point's id
    assert doc.references[1].target_ids == [doc.get("二").id]
    assert doc.references[4].target_ids == [doc.get("三（一）").id]
    for r in doc.references:
        assert RULES[r.span[0]:r.span[1]] == r.surface
    unresolved = [d for d in doc.diagnostics if d.code == "unresolved_reference"]
    assert [RULES[slice(*d.span)] for d in unresolved] == ["本规定第九条"]
    assert [r.surface for r in doc.referrers(doc.get("二"))] == ["前款", "本规定第二条第二款", "第二条"]
    assert [r.surface for r in doc.referrers("第一条")] == ["本规定第一条"]


def test_what_a_quotation_holds_is_not_the_documents_own():
    text = ("关于示例工作的意见\n一、各地应当把“本意见第二条所列措施”写入方案。\n"
            "二、落实本意见第一条的要求。\n三、本意见自印发之日起施行。")
    doc = regparse.parse(text)
    assert _refs(doc) == [("本意见第一条", "internal", ["一"], True)]
    # the opposite case: outside the quotation the same words are a reference
    plain = regparse.parse(text.replace("“本意见第二条所列措施”", "本意见第二条所列措施"))
    assert [r.surface for r in plain.references] == ["本意见第二条", "本意见第一条"]
    assert plain.references[0].target_ids == [plain.get("二").id]


def test_an_amending_document_names_the_amended_acts_articles_and_its_own_by_its_name():
    text = ("中华人民共和国刑法修正案（示例）\n一、将刑法第十条修改为：“第十条　依照前款和本法第五条处罚。”\n"
            "二、在第二十条后增加一条，作为第二十条之一。\n"
            "三、本修正案第一条自公布之日起施行，第二条自2030年1月1日起施行。\n")
    doc = regparse.parse(text)
    assert _refs(doc) == [
        ("刑法第十条", "external", ["第十条"], False),
        # the quoted article's label is 刑法's (the act the instruction names); its 前款 and
        # 本法第五条 are 刑法's words, never this document's
        ("第十条", "external", ["第十条"], False),
        ("本修正案第一条", "internal", ["一"], True),
        ("第二条", "internal", ["二"], True),
    ]
    assert not [d for d in doc.diagnostics if d.code == "unresolved_reference"]


def test_a_decision_amending_rules_keeps_the_quoted_rules_out():
    text = ("最高人民法院关于修改《关于示例的规定》的决定\n"
            "一、将第三条修改为：“本规定第二条第二款规定的案件，依照前款办理。”\n"
            "二、增加一条作为第四条：“依据本规定第二条由法院审核。”\n"
            "三、本决定自2030年1月1日起施行。")
    doc = regparse.parse(text)
    assert doc.references == []
    assert not [d for d in doc.diagnostics if d.code == "unresolved_reference"]
    assert doc.get("本决定第二条") is doc.get("二")


def test_items_numbered_through_the_document_are_cited_by_number():
    text = ("关于示例案件范围的规定\n一、甲类案件\n1.甲一案件；\n2.甲二案件；\n二、乙类案件\n3.乙一案件；\n"
            "4.与上述第1项至第3项相关的案件；\n5.依照本规定第2条处理的案件。")
    doc = regparse.parse(text)
    found = {r.surface: list(r.targets) for r in doc.references}
    # 第3项 stands beside 第4项; 第1项, 第2项 are of the same level, numbered through the document
    assert found == {"第1项至第3项": ["一1", "一2", "二3"], "本规定第2条": ["一2"]}
    assert all(r.resolved for r in doc.references)
    assert doc.get("第2条") is doc.get("一2") and doc.get("第二条") is doc.get("二")


def test_a_word_that_cannot_be_placed_is_unresolved_never_a_guess():
    # 上项 in the second paragraph of a point may be the point itself: not the one before
    text = ("关于示例的通知\n（一）甲应当追捕。\n（二）乙应当起诉。\n对已按上项办法处理的，依法办理。\n"
            "（三）丙。前款规定不适用。")
    doc = regparse.parse(text)
    assert _refs(doc) == [("上项", "relative", ["上项"], False), ("前款", "relative", ["前款"], False)]
    assert len([d for d in doc.diagnostics if d.code == "unresolved_reference"]) == 2


def test_point_references_are_links_in_the_exports():
    doc = regparse.parse(RULES)
    html = doc.to_html()
    assert re.search(r'<a [^>]*href="#一"[^>]*>本规定第一条</a>', html), html[:2000]
    akn = doc.to_akn()
    assert re.search(r'<ref href="#[^"]+">本规定第一条</ref>', akn)
    data = json.loads(doc.model_dump_json())
    assert data["references"][0]["target_ids"] == [doc.get("一").id]


# -- the labelled set ------------------------------------------------------------------


def _scorer():
    spec = importlib.util.spec_from_file_location("refs_score", ROOT / "bench" / "refs_score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _labels() -> dict[str, list[dict]]:
    return {p.stem: [json.loads(line) for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
            for p in sorted(POINT_LABELS.glob("*.jsonl"))}


def test_the_point_labels_have_the_documented_fields():
    labels = _labels()
    assert len(labels) >= 10
    rows = [r for recs in labels.values() for r in recs]
    assert {r["kind"] for r in rows if not r.get("negative")} == {"internal", "relative", "external"}
    assert sum(bool(r.get("negative")) for r in rows) >= 10
    for doc, recs in labels.items():
        for a, b in zip(recs, recs[1:]):
            assert a["end"] <= b["start"], (doc, a, b)
        for r in recs:
            assert r["doc"] == doc and len(r["surface"]) == r["end"] - r["start"] and r["unit"], r
            if not r.get("negative"):
                assert r["targets"] and (r["act"] is not None) == (r["kind"] == "external"), r


@needs_enumerated
def test_the_point_labels_sit_in_their_units_and_name_existing_points():
    for doc_id, recs in _labels().items():
        text = (ENUMERATED / f"{doc_id}.txt").read_text(encoding="utf-8")
        doc = regparse.parse(text)
        for r in recs:
            assert text[r["start"]:r["end"]] == r["surface"], r
            unit = doc.get(r["unit"])
            assert unit.span[0] <= r["start"] and r["end"] <= unit.span[1], r
            children = [c.span for c in unit.children]
            assert not any(a <= r["start"] < b for a, b in children), r     # the unit's own text
            if r.get("negative") or r["kind"] == "external":
                continue
            for target in r["targets"]:
                point = re.sub(r"第[一二三四五六七八九十]+款$", "", target)
                assert doc.get(point).kind == "point", (r, target)


@needs_enumerated
def test_labelled_point_references_are_found_and_resolved():
    scorer = _scorer()
    result = scorer.score(scorer.load_labels(POINT_LABELS), corpus=ENUMERATED, unit="unit")
    table = result["table"]
    assert table["all"]["labelled"] >= 20
    for kind in ("internal", "relative", "external", "all"):
        assert table[kind]["precision"] == 1.0 and table[kind]["recall"] == 1.0, (kind, result["errors"])
    assert table["negatives"]["rate"] == 1.0, result["errors"]


@needs_enumerated
def test_no_reference_in_an_enumerated_document_names_a_point_that_is_not_there():
    """Every resolved internal or relative reference of every enumerated corpus document
    names points (or articles) of it, and its span holds its surface."""
    seen = 0
    for path in sorted(ENUMERATED.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        doc = regparse.parse(text)
        ids = {n.id for n in doc.walk()}
        for r in doc.references:
            assert "".join(text[r.span[0]:r.span[1]].split()) == "".join(r.surface.split()), (path.stem, r)
            if r.kind != "external" and r.resolved:
                seen += 1
                assert r.target_ids and set(r.target_ids) <= ids, (path.stem, r)
    assert seen >= 15
