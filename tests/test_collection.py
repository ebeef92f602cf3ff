"""The collection: names, declared short names, numbers, types, versions by date,
references resolved across documents, backlinks; and the hand-checked set of
cross-document references of the dev corpus (tests/data/crossrefs.jsonl)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import regparse
from regparse.collection import Collection, document_facts, normalize_name
from conftest import CORPUS, needs_corpus

DATA = Path(__file__).parent / "data"

LAW_2010 = """中华人民共和国示例法
（2010年3月1日第十一届全国人民代表大会常务委员会第十三次会议通过，2010年7月1日起施行）
第一条 为了规范示例活动，制定本法。
第二条 示例活动应当遵守法律。
第三条 违反本法第二条规定的，处一万元以下罚款。"""
#: the issuing line of a law passed in 2010 and revised (修订) in 2020
REVISED_2020 = "（2010年3月1日第十一届全国人民代表大会常务委员会第十三次会议通过　2020年6月1日第十三届全国人民代表大会常务委员会第十九次会议修订）"
LAW_2020 = "中华人民共和国示例法\n" + REVISED_2020 + """
第一条 为了规范示例活动，保护当事人合法权益，制定本法。
第二条 示例活动应当遵守法律，尊重社会公德。
示例活动不得损害公共利益。
第三条 国家鼓励示例活动。
第四条 违反本法第二条规定的，处五万元以下罚款。"""
RULE = """示例法实施条例
（2021年1月4日国务院令第七百号公布，自2021年3月1日起施行）
第一条 根据《中华人民共和国示例法》（以下简称示例法），制定本条例。
第二条 违反示例法第二条第二款规定的，依照该法第四条处罚；依照同法第三条给予奖励。
第三条 示例法第九条所称活动，依照《中华人民共和国不存在法》第五条认定。
第四条 依照合同法第五十二条和劳动合同法第十条处理。"""


@pytest.fixture(scope="module")
def coll() -> Collection:
    return Collection({"law-2010": regparse.parse(LAW_2010), "law-2020": regparse.parse(LAW_2020),
                       "rule": regparse.parse(RULE)})


def test_names_numbers_and_types(coll):
    for name in ("示例法", "《示例法》", "中华人民共和国示例法", "《中华人民共和国示例法》", " 示例 法 "):
        assert coll.titles(name) == ["中华人民共和国示例法"], name
    assert coll.titles("示例法", within="rule") == ["中华人民共和国示例法"]
    assert coll.by_type("实施条例") == ["rule"] and sorted(coll.by_type("法")) == ["law-2010", "law-2020"]
    facts = document_facts(coll["rule"])
    assert facts.number == "国务院令第七百号" and coll.by_number("国务院令第七百号") == ["rule"]
    assert facts.declared == {"示例法": "中华人民共和国示例法"}
    assert facts.effective == "2021-03-01" and facts.enacted == "2021-01-04"
    assert normalize_name("《关于适用〈示例法〉的解释》") == "关于适用《示例法》的解释"


def test_versions_by_date(coll):
    assert [v[:2] for v in coll.versions("示例法")] == [("2010-03-01", "2010-07-01"), ("2020-06-01", "2020-06-01")]
    assert coll.act("示例法") is coll["law-2020"]
    assert coll.act("示例法", date="2015-01-01") is coll["law-2010"]
    assert coll.act("示例法", date="2009-01-01") is None
    assert coll.in_force("示例法", "2009-01-01") is False and coll.in_force("无此法", "2009-01-01") is None
    assert coll.get("示例法第二条第二款").text == "示例活动不得损害公共利益。"
    assert coll.get("示例法第三条", date="2015-01-01").text.startswith("违反本法第二条")
    with pytest.raises(regparse.CitationNotFound, match="no 第二条第二款"):
        coll.get("示例法第二条第二款", date="2015-01-01")
    with pytest.raises(regparse.CitationError):
        coll.get("第二条")


def test_cross_references_resolve_and_report(coll):
    found = {x.surface: x for x in coll.cross_references() if x.document == "rule"}
    assert found["示例法第二条第二款"].target_ids == (("law-2020", "art_2__para_2"),)
    assert found["该法第四条"].target_ids == (("law-2020", "art_4"),)       # 该法: the act named before
    assert found["同法第三条"].target_ids == (("law-2020", "art_3"),)
    assert found["示例法第九条"].status == "missing_provision" and found["示例法第九条"].missing == ("第九条",)
    assert found["《中华人民共和国不存在法》第五条"].status == "unknown_act"
    # 合同法 is an act of its own, not 同法 (the same act as before)
    assert found["合同法第五十二条"].act == "合同法" and found["合同法第五十二条"].status == "unknown_act"
    assert {x.surface for x in coll.unresolved()} >= {"示例法第九条", "合同法第五十二条"}
    # the references inside a version resolve in that version's own tree, not across
    assert all(x.document == "rule" for x in coll.cross_references())


def test_backlinks(coll):
    cited = [x.surface for x in coll.backlinks("示例法第二条")]
    assert cited == ["示例法第二条第二款"]
    assert [x.surface for x in coll.backlinks("示例法第二条", below=False)] == []
    assert [x.surface for x in coll.backlinks(("law-2020", "art_4"))] == ["该法第四条"]


def test_from_folder_reads_texts_and_saved_json(tmp_path):
    (tmp_path / "law.txt").write_text(LAW_2020, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "rule.json").write_text(regparse.parse(RULE).model_dump_json(), encoding="utf-8")
    (tmp_path / "notes.json").write_text('{"kind": "something else"}', encoding="utf-8")
    (tmp_path / "bad.json").write_text('{"kind": "regulation", "childre', encoding="utf-8")
    coll = Collection.from_folder(tmp_path)
    assert sorted(coll) == ["law", "sub/rule"]
    assert coll.skipped == [str(tmp_path / "notes.json")]
    assert [path for path, _ in coll.errors] == [str(tmp_path / "bad.json")]
    assert coll.backlinks("示例法第二条")[0].document == "sub/rule"
    with pytest.raises(regparse.ReadError):
        Collection.from_folder(tmp_path / "absent")


LONG_NAME_LAW = "中华人民共和国劳动示例调解仲裁法\n（1985年3月1日第六届全国人民代表大会常务委员会第十次会议通过）\n第一条 劳动示例争议的调解。\n第二条 申请支付令。"
SHORT_NAME_LAW = "中华人民共和国仲裁法\n（1985年3月1日第六届全国人民代表大会常务委员会第十次会议通过）\n第一条 仲裁。\n第二条 仲裁协议。"


def test_dates_long_names_and_books():
    # a rule amended only by a decision changing many rules keeps the date of its wording
    rule = regparse.parse("示例法实施细则\n1990年1月1日 国务院发布\n2020年3月27日 《国务院关于修改和废止部分行政法规的决定》修订\n"
                          "第一条 依照《中华人民共和国劳动示例调解仲裁法》第二条，当事人依据调解仲裁法第二条申请支付令。")
    facts = document_facts(rule)
    assert facts.enacted == "2020-03-27" and facts.written == "1990-01-01"
    # no issuing lines with dates: the article that says when it takes effect
    undated = regparse.parse("示例规定\n第一条 示例。\n第二条 本规定自2017年1月1日起施行。")
    assert document_facts(undated).effective == "2017-01-01" == document_facts(undated).written
    coll = Collection({"long": regparse.parse(LONG_NAME_LAW), "short": regparse.parse(SHORT_NAME_LAW), "rule": rule})
    found = {x.surface: x for x in coll.cross_references()}
    # 调解仲裁法 after 依据 is the long name the rule cites in 《》, not 仲裁法
    assert found["仲裁法第二条"].act == "中华人民共和国劳动示例调解仲裁法"
    assert found["仲裁法第二条"].target_ids == (("long", "art_2"),)
    # an act printed one 编 to a document: a citation through the 编 is looked for below it
    book_1 = regparse.parse("中华人民共和国示例典\n第一章 一般规定\n第一条 甲。\n第二章 其他\n第二条 乙。")
    book_2 = regparse.parse("中华人民共和国示例典\n第一章 一般规定\n第三条 丙。")
    citing = regparse.parse("示例规定\n第一条 依照《中华人民共和国示例典》第一编第二章和第二编第一章第三条处理。")
    code = Collection({"b1": book_1, "b2": book_2, "rule": citing})
    assert [x.target_ids for x in code.cross_references()] == [(("b1", "chp_2"), ("b2", "chp_1__art_3"))]


def test_a_number_that_moved():
    # cited in 2012 by its words (主动交待 → 减轻或者免除处罚); the law was revised
    # since and 第二款 is now another rule, its words those of 第三款
    law = regparse.parse("中华人民共和国示例刑罚法\n" + REVISED_2020 + "\n"
                         "第一条 对犯示例罪的，处五年以下有期徒刑。\n有下列情形之一的，从重处罚：\n（一）多次示例的；\n（二）向多人示例的。\n"
                         "示例人在被追诉前主动交待示例行为的，可以从轻或者减轻处罚；对侦破重大案件起关键作用的，可以减轻或者免除处罚。\n"
                         "第二条 示例单位犯前条罪的，对单位判处罚金。")
    rule = regparse.parse("关于办理示例案件的解释\n（2012年12月26日最高人民法院审判委员会第1547次会议通过）\n"
                          "第一条 示例人在被追诉前主动交待示例行为而破获相关案件的，依照示例刑罚法第一条第二款的规定，可以减轻或者免除处罚。\n"
                          "第二条 多次示例或者向多人示例的，依照示例刑罚法第一条第二款的规定从重处罚。")
    coll = Collection({"law": law, "rule": rule})
    found = {x.span: x for x in coll.cross_references()}
    first, second = sorted(found.values(), key=lambda x: x.span)
    assert first.status == "amended_since" and first.target_ids == () and first.candidates == (("law", "art_1__para_2"),)
    assert second.status == "resolved" and second.target_ids == (("law", "art_1__para_2"),)


def test_add_checks_its_input():
    coll = Collection()
    key = coll.add(regparse.parse(LAW_2010))
    assert key == "doc-1" and len(coll) == 1
    with pytest.raises(ValueError, match="already"):
        coll.add(regparse.parse(LAW_2010), key)
    with pytest.raises(TypeError):
        coll.add("text")  # type: ignore[arg-type]


# -- the dev corpus ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def dev_collection() -> Collection:
    # module-scoped, not cached for the session: 904 documents kept alive would
    # slow every later cite(node, full=True) that searches the documents it knows
    if CORPUS is None:
        pytest.skip("../shared/corpus is absent")
    return Collection({path.stem: regparse.parse(path.read_text(encoding="utf-8"))
                       for path in sorted((CORPUS / "dev").glob("*.txt"))})


def score(labels: list[dict], coll: Collection) -> tuple[float, float, list]:
    """Precision and recall of the resolution against hand-checked targets: a
    reference is right when the provisions it resolves to are exactly the expected ones."""
    by_span = {(x.document, tuple(x.span)): x for x in coll.cross_references()}
    right = wrong = missed = 0
    errors = []
    for label in labels:
        x = by_span[(label["document"], tuple(label["span"]))]
        assert x.surface == label["surface"]
        got = [f"{key}:{coll.node((key, node_id)).citation}" for key, node_id in x.target_ids]
        if got and got == label["expected"]:
            right += 1
        elif got:
            wrong += 1
            errors.append(("wrong", label["surface"], got, label["expected"]))
        if label["expected"] and got != label["expected"]:
            missed += 1
            errors.append(("missed", label["surface"], got, label["expected"]))
    return right / (right + wrong), right / (right + missed), errors


@needs_corpus
def test_hand_checked_cross_references(dev_collection):
    labels = [json.loads(line) for line in (DATA / "crossrefs.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(labels) >= 200
    assert {label["form"] for label in labels} >= {"short", "title", "declared", "bare", "same"}
    precision, recall, errors = score(labels, dev_collection)
    # the acceptance of issue 14; what is still wrong is a number of an earlier
    # version of an amended act read one way or the other (see the notes)
    assert precision >= 0.98 and recall >= 0.95, errors
    # the same on the labels drawn at random (tests/data/sample_crossrefs.py), not only on all
    drawn = [label for label in labels if "random sample, seed 14" in label["note"]]
    assert len(drawn) >= 150
    precision, recall, errors = score(drawn, dev_collection)
    assert precision >= 0.98 and recall >= 0.95, errors
    # look-alikes are labelled and rejected: 刑事诉讼法 is not 刑法, 合同法 not 同法
    look_alikes = [label for label in labels if label["surface"].startswith(("刑事诉讼法", "合同法")) and not label["expected"]]
    assert len(look_alikes) >= 4


@needs_corpus
def test_dev_corpus_as_a_collection(dev_collection):
    coll = dev_collection
    assert len(coll) == 904
    civil_code = [key for key in coll if key.startswith("mfd-")]
    assert len(coll.versions("民法典")) == 1 and sorted(coll.versions("民法典")[0][2]) == sorted(civil_code)
    assert coll.get("民法典第一千一百六十五条第一款").text.startswith("行为人因过错侵害他人民事权益")
    assert len(coll.backlinks("刑法第六十七条")) >= 3
    statuses = {x.status for x in coll.cross_references()}
    assert statuses <= {"resolved", "unknown_act", "missing_provision", "partly_resolved", "amended_since"}


def test_the_text_before_an_amendment():
    # 修订前的示例法第三条 is the 2010 text's 第三条, though the rule was made under the 2020 one
    rule = regparse.parse("示例法适用规定\n（2021年1月4日公布，自2021年3月1日起施行）\n"
                          "第一条 2020年6月1日以前的行为，适用修订前的示例法第三条的规定；以后的，适用示例法第四条的规定。")
    coll = Collection({"law-2010": regparse.parse(LAW_2010), "law-2020": regparse.parse(LAW_2020), "rule": rule})
    found = {x.surface: x for x in coll.cross_references() if x.document == "rule"}
    assert found["示例法第三条"].target_ids == (("law-2010", "art_3"),)
    assert found["示例法第四条"].target_ids == (("law-2020", "art_4"),)


CODE = ("中华人民共和国示例诉讼法\n（1991年4月9日第七届全国人民代表大会第四次会议通过　2023年9月1日第十四届全国人民代表大会"
        "常务委员会第五次会议《关于修改〈中华人民共和国示例诉讼法〉的决定》修正）\n"
        "第一编 总则\n第一章 任务\n第一条 为了保护当事人行使诉讼权利，制定本法。\n第二章 审判组织\n第二条 人民法院审理案件，由审判员组成合议庭。\n"
        "第二编 涉外程序\n第三章 一般原则\n第三条 在中华人民共和国领域内进行涉外诉讼，适用本编规定。\n"
        "第四章 管辖\n第四条 因合同纠纷提起的诉讼，由合同履行地人民法院管辖。\n"
        "第五章 送达、期间\n第五条 人民法院对在中华人民共和国领域内没有住所的当事人送达诉讼文书。")


def test_a_chapter_whose_number_moved():
    # cited in 2003 for 管辖, which was 第五章 then; today 第五章 is 送达 and 管辖 is 第四章
    rule = regparse.parse("关于涉外示例案件的规定\n（2003年1月6日最高人民法院审判委员会第1265次会议通过）\n"
                          "第一条 涉外合同纠纷案件的管辖，适用示例诉讼法第五章的规定。\n"
                          "第二条 涉外案件的诉讼文书，依照示例诉讼法第五章的规定送达。")
    coll = Collection({"code": regparse.parse(CODE), "rule": rule})
    first, second = sorted((x for x in coll.cross_references() if x.document == "rule"), key=lambda x: x.span)
    assert first.status == "amended_since" and first.candidates == (("code", "part_2__chp_5"),)
    assert second.status == "resolved" and second.target_ids == (("code", "part_2__chp_5"),)


def test_a_decision_that_amends_no_text_keeps_the_numbers():
    history = ("（1979年7月1日第五届全国人民代表大会第二次会议通过　1998年12月29日第九届全国人民代表大会常务委员会第六次会议通过的"
               "《全国人民代表大会常务委员会关于惩治示例犯罪的决定》　{}）\n")
    body = "第一条 伪造示例凭证的，处三年以下有期徒刑。\n第二条 单位犯前条罪的，判处罚金。"
    rule = regparse.parse("关于办理示例案件的解释\n（1998年9月1日最高人民法院审判委员会第1018次会议通过）\n"
                          "第一条 买卖海关签发的报关单的，按照示例刑罚法第二条的规定定罪处罚。")
    for amended_by, status in (("1999年12月25日通过的《示例刑罚法修正案》", "resolved"),
                               ("2009年8月27日《关于修改〈示例刑罚法〉的决定》修正", "amended_since")):
        law = regparse.parse("中华人民共和国示例刑罚法\n" + history.format(amended_by) + body)
        found, = Collection({"law": law, "rule": rule}).cross_references()
        assert found.status == status, amended_by


def test_a_term_the_citing_sentence_defines():
    # made in 2015 under the 2010 text, which the collection does not hold: a sentence saying
    # what a term of the provision means trusts the number; the term must be every provision's
    rule = regparse.parse("关于适用示例法的解释\n（2015年3月1日最高人民法院审判委员会第1600次会议通过）\n"
                          "第一条 示例法第二条规定的公共利益，是指不特定多数人的利益。\n"
                          "第二条 示例法第二条、第三条规定的公共利益，包括环境利益。")
    coll = Collection({"law-2020": regparse.parse(LAW_2020), "rule": rule})
    first, second = sorted(coll.cross_references(), key=lambda x: x.span)
    assert first.status == "resolved" and first.target_ids == (("law-2020", "art_2"),)
    assert second.status == "amended_since"


def test_an_item_cited_with_the_words_of_its_article():
    # cited in 2015, the law revised since: the item shares two words with the sentence,
    # its article more than any other article does
    law = regparse.parse("中华人民共和国示例监督法\n" + REVISED_2020 + "\n"
                         "第一条 为了加强示例监督，制定本法。\n"
                         "第二条 示例监督机关对下列人员进行监督：\n（一）公务员和参照公务员法管理的人员；\n"
                         "（二）受委托行使公共职权的组织中的人员；\n（三）国有企业管理人员。\n"
                         "第三条 示例监督机关依法独立行使监督权。\n第四条 公务员违法的，由示例监督机关处理。")
    rule = regparse.parse("示例处分法\n（2015年3月1日第十二届全国人民代表大会常务委员会第十三次会议通过）\n"
                          "第一条 示例监督法第二条第二项规定的人员，未担任公务员或者国有企业管理人员职务的，依照本法处理。\n"
                          "第二条 示例监督法第三条规定的人员，未担任公务员或者国有企业管理人员职务的，依照本法处理。")
    coll = Collection({"law": law, "rule": rule})
    first, second = sorted(coll.cross_references(), key=lambda x: x.span)
    assert first.status == "resolved" and first.target_ids == (("law", "art_2__para_1__item_2"),)
    assert second.status == "amended_since"
