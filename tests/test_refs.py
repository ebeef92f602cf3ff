"""Cross-references: finding them in text, resolving them in the tree, spans, backlinks."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import regparse
from regparse import build, lex, refs
from regparse.lalr import run_lalr
from regparse.normalize import clean_lines
from regparse.citation import Citation, Location, Range, format, parse

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"


# -- finding ------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("违反本条例第二十八条第二款规定的", [("本条例第二十八条第二款", "internal")]),
    ("依照本法第十条、第十二条和第十四条的规定", [("本法第十条、第十二条和第十四条", "internal")]),
    ("适用第十、十八条", [("第十、十八条", "internal")]),
    ("有前款第（一）、（二）项情形之一的", [("前款第（一）、（二）项", "relative")]),
    ("本条第一款规定的", [("本条第一款", "relative")]),
    ("前两款规定以外的", [("前两款", "relative")]),
    ("依照上一款处理", [("上一款", "relative")]),
    ("前条规定的期限", [("前条", "relative")]),
    ("第二款所称", [("第二款", "relative")]),
    ("本章所称的", [("本章", "internal")]),
    ("参照本编第三章第一节的规定", [("本编第三章第一节", "internal")]),
    ("依照《中华人民共和国行政处罚法》第三十条的规定", [("《中华人民共和国行政处罚法》第三十条", "external")]),
    ("应当认定为刑法第二百三十四条规定的", [("刑法第二百三十四条", "external")]),
    ("依照中华人民共和国刑法第十条", [("中华人民共和国刑法第十条", "external")]),
    ("第十条至第十五条", [("第十条至第十五条", "internal")]),
    ("违反本细则第二十条至第二十四条", [("本细则第二十条至第二十四条", "internal")]),
    ("依照本法第十条之规定", [("本法第十条", "internal")]),
    ("第（一）、（二）两项所列居民", [("第（一）、（二）两项", "relative")]),
    ("本条前两款行为之一", [("本条前两款", "relative")]),
    ("本项第１目的规定", [("本项第１目", "relative")]),
])
def test_find_reads_surface_and_kind(text, expected):
    assert [(f.surface, f.kind) for f in refs.find(text)] == expected


@pytest.mark.parametrize("text", [
    "第十二届全国人民代表大会第二次会议通过", "根据第一次修正", "第一责任人", "第三方机构", "第二批名单",
    "第三人", "第一审", "本条例自发布之日起施行。", "本法所称", "根据《中华人民共和国动物防疫法》制定",
    "具备基本条件", "本项目资金", "目前条件下", "第一目标", "违反本章程", "以上款项", "电视节目本节目",
    "《关于〈中华人民共和国刑法〉第三百四十一条的解释》", "香港特别行政区成立第二年",
])
def test_look_alikes_are_not_references(text):
    assert refs.find(text) == []


def test_find_splits_the_citation_the_grammar_reads():
    found = refs.find("依照本法第一百五十八条第四款和第一百五十九条的规定")
    assert found[0].citation == parse("第一百五十八条第四款、第一百五十九条")
    external = refs.find("依照刑法分则第四章、第五章的规定")[0]
    assert (external.act, external.part, external.kind) == ("刑法", 2, "external")


@st.composite
def article_citations(draw):
    first = Location(article=draw(st.integers(1, 400)), paragraph=draw(st.none() | st.integers(1, 5)))
    elements = [first]
    for _ in range(draw(st.integers(0, 2))):
        nxt = Location(article=elements[-1].article + draw(st.integers(1, 9)) if isinstance(elements[-1], Location)
                       else elements[-1].end.article + 1)
        if draw(st.booleans()):
            elements.append(Range(nxt, Location(article=nxt.article + draw(st.integers(1, 5)))))
        else:
            elements.append(nxt)
    return Citation(tuple(elements))


@settings(max_examples=150, deadline=None)
@given(article_citations(), st.sampled_from(["本法", "本条例", "本办法", ""]),
       st.sampled_from(["依照", "违反", "有", "，"]), st.sampled_from(["的规定", "规定的", "。", "所列"]))
def test_a_written_citation_is_found_whole(citation, prefix, before, after):
    """Whatever the citation grammar writes, the finder reads back as one reference."""
    written = prefix + format(citation)
    found = refs.find(before + written + after)
    assert [(f.surface, f.citation, f.kind) for f in found] == [(written, citation, "internal")]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("第本前上条款项目章节编之至、和或一二十百（）()《》法例1２ 前两各该同规定\n")),
               max_size=60))
def test_find_never_raises_and_spans_are_in_order(text):
    found = refs.find(text)
    for f in found:
        assert 0 <= f.start < f.end <= len(text)
        assert text[f.start:f.end] == f.surface
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


# -- resolving on a parsed regulation ----------------------------------------------------

SAMPLE = """示例管理条例

第一章　总则

第一条　为了规范管理，根据《中华人民共和国行政处罚法》第三十条，制定本条例。

第二条　本条例适用于本市行政区域。

前款规定不适用于军事设施。

第三条　有下列情形之一的，依照本条例第二条第一款处理：

（一）违反本条例第一条的；

（二）违反前项规定的。

有前款第（一）项、第（二）项情形的，适用第二条至第四条的规定。

第二章　附则

第四条　本章所称主管部门，是指本条例第九条规定的部门。

第五条　本条例自发布之日起施行。
"""


@pytest.fixture(scope="module")
def sample():
    return regparse.parse(SAMPLE)


def _by_surface(doc):
    return {r.surface: r for r in doc.references}


def test_references_resolve_to_nodes(sample):
    found = _by_surface(sample)
    assert set(found) == {"《中华人民共和国行政处罚法》第三十条", "前款", "本条例第二条第一款", "本条例第一条", "前项",
                          "前款第（一）项、第（二）项", "第二条至第四条", "本章", "本条例第九条"}
    external = found["《中华人民共和国行政处罚法》第三十条"]
    assert (external.kind, external.act, external.targets, external.resolved) == (
        "external", "中华人民共和国行政处罚法", ["第三十条"], False)
    assert found["前款"].targets == ["第二条第一款"] and found["前款"].kind == "relative"
    assert found["前款"].target_ids == [sample.get("第二条第一款").id]
    assert found["前项"].targets == ["第三条第一款第（一）项"]
    assert found["前款第（一）项、第（二）项"].targets == ["第三条第一款第（一）项", "第三条第一款第（二）项"]
    assert found["第二条至第四条"].targets == ["第二条", "第三条", "第四条"]
    assert found["第二条至第四条"].target_ids == [sample.article(n).id for n in (2, 3, 4)]
    assert found["本章"].targets == [sample.get("第二章").citation]
    assert all(r.resolved for r in sample.references if r.surface not in ("本条例第九条",) and r.kind != "external")


def test_unresolved_reference_is_kept_and_reported(sample):
    missing = _by_surface(sample)["本条例第九条"]
    assert (missing.resolved, missing.targets, missing.target_ids) == (False, ["第九条"], [])
    reported = [d for d in sample.diagnostics if d.code == "unresolved_reference"]
    assert len(reported) == 1 and reported[0].span == missing.span and "第九条" in reported[0].message


def test_spans_point_into_the_input(sample):
    for ref in sample.references:
        assert SAMPLE[slice(*ref.span)] == ref.surface


def test_node_references_and_backlinks(sample):
    article_three = sample.article(3)
    assert [r.surface for r in article_three.paragraphs[0].references] == ["本条例第二条第一款"]
    assert [r.surface for r in article_three.paragraphs[0].items[1].references] == ["前项"]
    assert [r.surface for r in sample.referrers(sample.article(2))] == ["第二条至第四条"]
    assert {r.surface for r in sample.referrers("第二条第一款")} == {"前款", "本条例第二条第一款"}
    assert sample.referrers(sample.article(5)) == []
    assert [r.surface for r in refs.list_references(sample)] == [r.surface for r in sample.references]
    assert refs.list_references(regparse.parse(SAMPLE, references=False)) == []


def test_references_survive_json(sample):
    again = regparse.Regulation.model_validate_json(sample.model_dump_json())
    assert again.references == sample.references
    assert again.article(3).paragraphs[1].references == sample.article(3).paragraphs[1].references


def test_spans_through_wrapped_lines():
    """A reference broken over two lines keeps a span covering both pieces."""
    wrapped = SAMPLE.replace("依照本条例第二条第一款处理", "依照本条例第\n二条第一款处理")
    doc = regparse.parse(wrapped)
    ref = _by_surface(doc)["本条例第二条第一款"]
    assert wrapped[slice(*ref.span)].replace("\n", "") == "本条例第二条第一款"
    assert ref.targets == ["第二条第一款"] and ref.resolved


def test_annotate_works_on_the_drafts():
    """annotate reads the builder's drafts and the source pieces the builder
    keeps beside them, and writes Reference records, each one object in its
    node's list and the document's."""
    lines, _ = clean_lines(SAMPLE)
    tokens, lexer = lex.tokenize(lines)
    builder = build.Builder()
    tree = build.finish(run_lalr(tokens, builder, lambda tok, expected: None), SAMPLE, lexer.title, [])
    refs.annotate(tree, SAMPLE, builder.pieces)
    assert tree["references"] == regparse.parse(SAMPLE).references
    paragraph = tree["children"][0]["children"][1]["children"][1]
    assert paragraph["references"][0].targets == ["第二条第一款"]
    assert any(r is paragraph["references"][0] for r in tree["references"])
    assert any(d["code"] == "unresolved_reference" for d in tree["diagnostics"])


def test_code_with_parts_resolves_chapters_inside_the_part():
    text = ("示例法典\n\n第一编　总则\n\n第一章　一般规定\n\n第一条　本编第二章另有规定的，依照其规定。\n\n"
            "第二章　自然人\n\n第二条　适用本章。\n\n第二编　物权\n\n第一章　通则\n\n第三条　参照本法总则第一章和第二编第一章。\n\n"
            "第二章　所有权\n\n第四条　本编第二章与前条、前两条。\n")
    doc = regparse.parse(text)
    found = [(r.surface, r.targets, r.resolved) for r in doc.references]
    chapter = {c: doc.get(c).citation for c in ("第一编第二章", "第二编第一章", "第一编第一章", "第二编第二章")}
    assert found == [
        ("本编第二章", [chapter["第一编第二章"]], True),
        ("本章", [chapter["第一编第二章"]], True),
        ("本法总则第一章和第二编第一章", [chapter["第一编第一章"], chapter["第二编第一章"]], True),
        ("本编第二章", [chapter["第二编第二章"]], True),
        ("前条", ["第三条"], True),
        ("前两条", ["第二条", "第三条"], True),
    ]


def test_items_continue_the_provision_named_before():
    """第（四）项 after 本法第二条第一款第（一）项至第（三）项, in an article with no
    items of its own, continues 第二条第一款."""
    text = ("示例法\n\n第一条　总则。\n\n第二条　下列请求：\n\n（一）甲；\n\n（二）乙；\n\n（三）丙；\n\n（四）丁。\n\n"
            "第三条　本法第二条第一款第（一）项至第（三）项的请求先于第（四）项受偿。\n")
    doc = regparse.parse(text)
    assert [(r.surface, r.targets) for r in doc.article(3).paragraphs[0].references] == [
        ("本法第二条第一款第（一）项至第（三）项", ["第二条第一款第（一）项", "第二条第一款第（二）项", "第二条第一款第（三）项"]),
        ("第（四）项", ["第二条第一款第（四）项"]),
    ]


def test_a_bare_article_continuing_an_external_one_cites_the_same_act():
    doc = regparse.parse("示例解释\n\n第一条　刑法第一百六十三条规定的受贿罪、第二百七十一条规定的职务侵占罪。"
                         "第二条另有规定。\n\n第二条　无。\n")
    assert [(r.surface, r.kind, r.act) for r in doc.references] == [
        ("刑法第一百六十三条", "external", "刑法"), ("第二百七十一条", "external", "刑法"), ("第二条", "internal", None)]


def test_book_of_a_code_printed_alone_treats_本编_as_the_document():
    doc = regparse.parse("中华人民共和国民法典\n合同编\n\n第一章　一般规定\n\n第四百六十三条　本编调整因合同产生的民事关系。\n\n"
                         "第四百六十四条　适用本编第一章。\n")
    assert [(r.surface, r.targets) for r in doc.references] == [("本编第一章", ["第一章"])]


# -- real text -----------------------------------------------------------------------------

def test_seed_004_has_no_references():
    """The party-organ regulation pages speak of 本条例有关规定 but cite no provision."""
    doc = regparse.parse((SEEDS / "004_931bd066818f0e97.txt").read_text(encoding="utf-8"))
    assert doc.references == []
    assert not [d for d in doc.diagnostics if d.code == "unresolved_reference"]


def _sample():
    if not CORPUS.is_dir():
        return []
    return sorted(CORPUS.glob("*.txt"))[::45]


@pytest.mark.skipif(not CORPUS.is_dir(), reason="corpus not available")
@pytest.mark.parametrize("path", _sample(), ids=lambda p: p.stem)
def test_corpus_references_are_consistent(path):
    text = path.read_text(encoding="utf-8")
    doc = regparse.parse(text)
    index = doc._lookup()["id"]
    in_nodes = [r for node in doc.walk() for r in (getattr(node, "references", None) or [])
                if node is not doc]
    assert sorted(in_nodes, key=lambda r: r.span) == sorted(doc.references, key=lambda r: r.span)
    for ref in doc.references:
        assert text[slice(*ref.span)] == ref.surface
        assert ref.targets
        if ref.kind == "external":
            assert ref.act and not ref.target_ids and not ref.resolved
            continue
        assert all(i in index for i in ref.target_ids)
        assert ref.resolved == (len(ref.target_ids) == len(ref.targets))
        if ref.resolved:
            for target_id, target in zip(ref.target_ids, ref.targets):
                assert index[target_id].citation == target
                assert ref in doc.referrers(target_id)
    unresolved = [r for r in doc.references if r.kind != "external" and not r.resolved]
    assert len([d for d in doc.diagnostics if d.code == "unresolved_reference"]) == len(unresolved)


# -- words and act names: the vocabulary of regparse.catalogue -----------------------

@pytest.mark.parametrize("text, expected", [
    # look-alikes: a unit word that starts another word is no reference
    ("本节课由教师讲授。", []),
    ("做好支前款物的管理。", []),
    ("各项支前款物应当登记，前款规定的除外。", [("前款", "relative")]),
    ("本节所称的", [("本节", "internal")]),
    # an act cited without 《》: the act's name, never the clause before it
    ("当事人以民法典第五百条规定为由", [("民法典第五百条", "external")]),
    ("民族自治地方的自治机关行使宪法第三章第五节规定的地方国家机关的职权", [("宪法第三章第五节", "external")]),
    ("裁定有民事诉讼法第二百条规定情形的", [("民事诉讼法第二百条", "external")]),
    ("涉嫌刑法分则第四章规定的犯罪", [("刑法分则第四章", "external")]),
    ("依照中华人民共和国刑法第十条", [("中华人民共和国刑法第十条", "external")]),
    ("修改后商标法第三十条", [("商标法第三十条", "external")]),
    # 本法 after 造成: this act, not an act named 造成本法
    ("故意造成本法第六十条第一款规定的损失", [("第六十条第一款", "internal")]),
])
def test_words_and_act_names(text, expected):
    assert [(f.surface, f.kind) for f in refs.find(text)] == expected


def test_a_documents_own_name_is_internal():
    text = ("中华人民共和国宪法\n第一条　示例。\n第二条　民族自治地方的自治机关行使宪法第一条规定的职权。\n"
            "第三条　依照《中华人民共和国宪法》第二条。\n第四条　依照刑法第二条。")
    doc = regparse.parse(text)
    found = [(r.surface, r.kind, r.resolved) for r in doc.references]
    assert found == [("宪法第一条", "internal", True), ("《中华人民共和国宪法》第二条", "internal", True),
                     ("刑法第二条", "external", False)]
    assert doc.referrers(doc.article(1))[0].surface == "宪法第一条"


#: verbs and prepositions that stand before an act's name in a clause, never inside one
CLAUSE_WORDS = ("涉嫌", "触犯", "包括", "造成", "行使", "具有", "存在", "达到", "视为", "认定", "超过", "违反", "承担",
                "支付", "当事人", "人民法院")


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is absent")
def test_no_act_name_on_the_corpus_holds_a_clause():
    from regparse.catalogue import ACT_SHORT_NAMES, STATE_PREFIX

    vocabulary = set(ACT_SHORT_NAMES) | {STATE_PREFIX + a for a in ACT_SHORT_NAMES}
    seen = bad = 0
    for path in sorted(CORPUS.glob("*.txt")):
        for ref in regparse.parse(path.read_text(encoding="utf-8")).references:
            if ref.kind != "external" or ref.surface.startswith("《") or ref.act in ("同法", "该法"):
                continue
            seen += 1
            name = ref.act[:-2] if ref.act.endswith(("总则", "分则")) else ref.act
            if name in vocabulary:
                continue
            if name[0] in "以有将对由除因在为按受" or any(w in name for w in CLAUSE_WORDS):
                bad += 1
                print(path.name, ref.act, ref.surface)
    assert seen > 2000 and bad == 0


def test_a_reference_repeated_in_a_text_resolves_from_where_it_stands():
    # annotate resolves each distinct reference of a text once: the same 第（一）项
    # after another provision is another item, and a run of one citation repeated
    # resolves every one of its members
    text = ("第一条 内容。\n第二条 甲：\n（一）子；\n（二）丑。\n乙：\n（一）寅；\n（二）卯。\n"
            "第三条 依照第二条第二款第（二）项，第（一）项；第二条第一款第（二）项，第（一）项；"
            + "第一条" * 300 + "。\n")
    doc = regparse.parse(text)
    items = [(r.surface, r.target_ids) for r in doc.references if r.surface.endswith("项")]
    assert items == [("第二条第二款第（二）项", ["art_2__para_2__item_2"]), ("第（一）项", ["art_2__para_2__item_1"]),
                     ("第二条第一款第（二）项", ["art_2__para_1__item_2"]), ("第（一）项", ["art_2__para_1__item_1"])]
    run = [r for r in doc.references if r.surface == "第一条"]
    assert len(run) == 300 and all(r.target_ids == ["art_1"] and r.resolved for r in run)
    assert [r.span[1] - r.span[0] for r in run] == [3] * 300
    assert text[run[0].span[0]:run[-1].span[1]] == "第一条" * 300
