"""Lookup as people write citations: the act's name, 项 without its 款, 目 without
its 项, lists and ranges (select), 附件 / 序言 / 附则; and the document's short
repr, line and column of a span, and the encoding of the file it came from."""
from __future__ import annotations

import json
import random

import pytest
from hypothesis import given, settings, strategies as st

import regparse
from regparse import (Appendix, CitationError, CitationNotFound, Heading, OtherActCitation, Regulation)
from regparse.cli import main
from regparse.lookup import select

from conftest import SEED_004, corpus_ids, corpus_text, needs_corpus

# A made regulation with what the seeds lack: a preamble under 序言, a 之一
# article, an article whose second 款 follows its items, 目 under a 项, a
# chapter titled 附则 and an appendix.
MADE = """示例管理条例

序言
为了说明示例，先作此序言。
本序言有两段。

第一章　总则
第一条　为了规范示例管理，制定本条例。
第二条　有下列情形之一的，予以警告：
（一）迟到；
（二）早退：
1．一次；
2．多次。
有前款情形又不改正的，依法处理。
第二条之一　本条例所称示例，是指用于说明的材料。
第三条　示例管理应当遵循下列原则：
（一）公开；
（二）公平；
（三）公正。
第二章　附则
第四条　本条例自发布之日起施行。
附件一
示例登记表
"""


@pytest.fixture(scope="module")
def made() -> Regulation:
    return regparse.parse(MADE)


@pytest.fixture(scope="module")
def seed() -> Regulation:
    return regparse.parse(SEED_004.read_text(encoding="utf-8"))


def _first_by_citation(doc: Regulation) -> dict:
    """The node each citation names: the first with it (a duplicate 第十条 in a
    document with a numbering error looks up to the first)."""
    first: dict = {}
    for node in doc.walk():
        if node is not doc:
            first.setdefault(node.citation, node)
    return first


# -- the act's name ----------------------------------------------------------------

@pytest.mark.parametrize("citation", [
    "《中国共产党工作机关条例》第十一条第一款第（三）项",
    "中国共产党工作机关条例第十一条第一款第（三）项",
    "《中国共产党工作机关条例》 第11条第1款第3项",
    "本条例第十一条第一款第（三）项",
])
def test_a_citation_with_this_documents_name_looks_up(seed, citation):
    assert seed.get(citation) is seed.get("第十一条第一款第（三）项")


@pytest.mark.parametrize("traditional, simplified", [
    ("第十一條", "第十一条"),
    ("第十一條第一款第三項", "第十一条第一款第（三）项"),
    ("第三章第十二條", "第三章第十二条"),
    ("本條例第十一條", "第十一条"),
])
def test_a_citation_in_traditional_characters_looks_up_as_the_simplified_one(seed, traditional, simplified):
    # labels are canonical (simplified) whatever the text prints, so the
    # Traditional marker words of a citation are read as the simplified ones
    assert seed.get(traditional) is seed.get(simplified)


def test_a_traditional_text_is_cited_in_either_script():
    doc = regparse.parse("示例條例\n第一條　本條例適用於示例。\n第二條　有下列情形之一的：\n（一）甲；\n（二）乙。\n")
    assert doc.get("第二條第一款第二項") is doc.get("第二条第（二）项")
    assert [a.label for a in doc.select("第一條至第二條")] == ["第一条", "第二条"]


def test_the_full_citation_regparse_writes_looks_up_to_the_node_on_the_seeds(seed, made):
    for doc in (seed, made):
        first = _first_by_citation(doc)
        for node in doc.walk():
            if node is not doc:
                assert doc.get(regparse.cite(node, full=True)) is first[node.citation]
                assert doc.get(node.citation) is first[node.citation]      # as before
        assert doc.get(regparse.cite(doc, full=True)) is doc


@needs_corpus
def test_every_nodes_citation_and_full_citation_look_up_to_it_on_every_dev_document():
    for doc_id in corpus_ids():
        doc = regparse.parse(corpus_text(doc_id))
        first = _first_by_citation(doc)
        for node in doc.walk():
            if node is doc:
                continue
            expected = first[node.citation]
            assert doc.get(node.citation) is expected, (doc_id, node.citation)
            assert doc.get(regparse.cite(node, full=True)) is expected, (doc_id, node.citation)
        for article in doc.articles[:3]:
            assert doc.select(regparse.cite(article, full=True)) == [first[article.citation]]


@needs_corpus
@pytest.mark.parametrize("title, citation", [
    ("中华人民共和国宪法", "第六十二条"), ("中华人民共和国刑法", "第十条")])
def test_a_law_looks_up_by_its_full_and_short_name_with_and_without_brackets(title, citation):
    doc = _corpus_document(title)
    node = doc.get(citation)
    short = title.removeprefix("中华人民共和国")
    for name in (f"《{title}》", title, f"《{short}》", short, "本法"):
        assert doc.get(name + citation) is node
        assert doc.get(name + " " + citation) is node
    other = "刑法" if short == "宪法" else "宪法"
    with pytest.raises(OtherActCitation) as raised:
        doc.get(other + citation)
    message = str(raised.value)
    assert f"《{other}》" in message and f"《{title}》" in message
    assert isinstance(raised.value, CitationNotFound) and isinstance(raised.value, KeyError)


def _corpus_document(title: str) -> Regulation:
    for doc_id in corpus_ids():
        text = corpus_text(doc_id)
        if text.lstrip().startswith(title + "\n"):
            doc = regparse.parse(text)
            if doc.title == title:
                return doc
    pytest.skip(f"no {title} in the corpus")


def test_a_title_that_quotes_another_act_and_holds_a_numbered_step():
    title = "全国人民代表大会常务委员会关于《中华人民共和国刑法》第九十三条第二款的解释"
    doc = regparse.parse(f"{title}\n第一条　示例解释。\n第二条　本解释自公布之日起施行。")
    assert doc.title == title
    assert doc.get(f"《{title}》第二条") is doc.article(2)
    assert doc.get(f"{title}第二条") is doc.article(2)
    with pytest.raises(OtherActCitation):
        doc.get("《中华人民共和国刑法》第二条")       # the act it interprets is not this document


def test_an_act_name_on_a_document_without_a_title_is_an_error_that_says_so():
    doc = regparse.parse("第一条　示例。\n第二条　示例二。")
    assert doc.title is None
    assert doc.get("第二条") is doc.article(2)
    with pytest.raises(OtherActCitation, match="no title"):
        doc.get("《刑法》第二条")


_PIECES = list("第一二三十百条款项目章节编之至、和（）()《》 12") + ["附件", "附则", "序言", "本条例", "刑法",
                                                             "示例管理条例", "中华人民共和国"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=10).map("".join))
def test_any_string_looks_up_or_raises_a_regparse_error(citation):
    doc = regparse.parse(MADE)
    for look in (doc.get, doc.select):
        try:
            look(citation)
        except regparse.RegparseError:
            pass


def test_an_empty_citation_is_an_error_and_the_bare_title_is_the_document(made):
    with pytest.raises(CitationError, match="empty"):
        made.get("")
    assert made.get("《示例管理条例》") is made and made.select("示例管理条例") == [made]


# -- 项 without its 款, 目 without its 项 ---------------------------------------------

def test_an_item_without_its_paragraph_is_the_one_paragraph_with_items(made):
    # 第二条 has two 款; only the first has items
    assert made.get("第二条第（二）项") is made.get("第二条第一款第（二）项")
    assert made.get("第二条第（二）项第2目").text == "多次。"
    assert made.get("第三条第（三）项") is made.get("第三条第一款第（三）项")        # one 款, as before


@needs_corpus
def test_on_the_corpus_items_without_their_paragraph_resolve_where_one_paragraph_has_items():
    checked = 0
    for doc_id in corpus_ids()[::7]:
        doc = regparse.parse(corpus_text(doc_id))
        for article in doc.articles:
            with_items = [p for p in article.paragraphs if p.items]
            if len(with_items) != 1:
                continue
            for item in with_items[0].items:
                short = item.citation.replace(with_items[0].citation, article.citation, 1)
                assert doc.get(short) is _first_by_citation(doc)[item.citation]
                checked += 1
    assert checked > 100


@pytest.mark.parametrize("citation", ["第二条第一款第2目", "第二条第2目", "第二条第一款第（二）目"])
def test_a_subitem_cited_without_its_item_is_an_error_never_another_node(made, citation):
    with pytest.raises(CitationNotFound) as raised:
        made.get(citation)
    assert "目 is cited under its 项" in str(raised.value)
    assert raised.value.closest == "第二条第一款第（二）项第2目"      # the only 目 2 there
    assert made.get("第二条第一款第（二）项第2目").kind == "subitem"      # unchanged


def test_a_paragraph_under_a_division_without_its_article_is_an_error(made):
    with pytest.raises(CitationError):
        made.get("第一章第二款")
    assert made.get("第一章").title == "总则"


# -- select: lists and ranges ----------------------------------------------------------

def test_select_expands_ranges_to_the_nodes_the_document_has(made, seed):
    assert [a.label for a in made.select("第二条至第三条")] == ["第二条", "第二条之一", "第三条"]
    assert [a.label for a in made.select("第2条至第3条")] == ["第二条", "第二条之一", "第三条"]
    assert [a.label for a in seed.select("第十条至第十二条")] == ["第十条", "第十一条", "第十二条"]
    # wider than the document: the articles it has, without counting to a hundred million
    assert seed.select("第一条至第100000000条") == seed.articles
    with pytest.raises(CitationNotFound, match="holds no node"):
        seed.select("第一条至第七条")           # the page starts at 第八条
    items = made.select("第三条第一款第（一）项至第（三）项")
    assert [i.text for i in items] == ["公开；", "公平；", "公正。"]
    assert made.select("第三条第（二）项至第（三）项") == items[1:]
    assert [c.title for c in made.select("第一章至第二章")] == ["总则", "附则"]


def test_select_takes_lists_in_the_order_written_and_lists_a_node_once(made, seed):
    assert [a.label for a in seed.select("第十二条、第十条和第十四条")] == ["第十二条", "第十条", "第十四条"]
    assert seed.select("第十条、第十条") == [seed.article(10)]
    assert [p.citation for p in seed.select("第十条第一款、第二款")] == ["第十条第一款", "第十条第二款"]
    assert made.select("第一条") == [made.get("第一条")]
    assert select(made, "《示例管理条例》第一条、第四条") == [made.article(1), made.article(4)]
    with pytest.raises(CitationNotFound):
        seed.select("第十条、第九十九条")          # every member of a list must exist


def test_get_of_a_list_says_to_select(seed):
    with pytest.raises(CitationError, match="select"):
        seed.get("第十条至第十二条")


def test_a_chapter_range_across_parts_is_ambiguous_unless_the_part_is_named():
    from test_citation import code_tree
    code = code_tree()
    with pytest.raises(CitationNotFound, match="ambiguous"):
        code.select("第一章至第二章")
    assert [c.citation for c in code.select("第一编第一章至第二章")] == ["第一编第一章", "第一编第二章"]


@needs_corpus
def test_article_ranges_on_a_large_law_are_the_slices_of_its_articles():
    doc = _corpus_document("中华人民共和国刑法")
    articles = doc.articles
    rng = random.Random(13)
    for _ in range(40):
        i, j = sorted(rng.sample(range(len(articles)), 2))
        a, b = articles[i], articles[j]
        assert doc.select(f"{a.citation}至{b.citation}") == articles[i:j + 1]


# -- 附件, 序言, 附则 ---------------------------------------------------------------------

def test_appendices_look_up_by_label(made):
    appendix = made.get("附件一")
    assert isinstance(appendix, Appendix) and appendix.label.startswith("附件一")
    assert made.get("附件1") is appendix and made.get("附件") is appendix   # the only 附件
    assert made.select("附件") == [appendix]
    with pytest.raises(CitationNotFound):
        made.get("附件二")
    with pytest.raises(CitationNotFound, match="no appendix"):
        regparse.parse("第一条　示例。").get("附件")


def test_several_appendices_need_their_number_and_select_gives_them_all():
    doc = Regulation(title="示例", appendices=[Appendix(label="附件1", text="甲"), Appendix(label="附件2", text="乙"),
                                              Appendix(label="附表", text="丙")])
    assert doc.get("附件二").text == "乙"
    assert doc.get("附表").text == "丙"
    with pytest.raises(CitationNotFound, match="ambiguous"):
        doc.get("附件")
    assert [a.text for a in doc.select("附件")] == ["甲", "乙"]


def test_the_preamble_looks_up_as_a_heading_with_its_lines(made):
    preamble = made.get("序言")
    assert isinstance(preamble, Heading)
    assert preamble.text == "序言" and preamble.paragraphs == ["为了说明示例，先作此序言。", "本序言有两段。"]
    assert MADE[slice(*preamble.span)].startswith("序言") and MADE[slice(*preamble.span)].endswith("本序言有两段。")
    assert preamble.before == made.children[0].id


def test_the_text_before_the_first_article_of_a_fragment_is_no_preamble(seed):
    assert seed.preamble                      # the end of 第七条, kept
    with pytest.raises(CitationNotFound, match="no preamble"):
        seed.get("序言")


def test_the_closing_provisions_are_the_chapter_titled_so_or_the_heading(made):
    assert made.get("附则") is made.get("第二章")
    assert made.select("附则") == [made.get("第二章")]
    doc = regparse.parse("示例规定\n一、总则\n第一条　为了示例，制定本规定。\n第二条　本规定适用于示例。\n"
                         "二、附则\n第三条　本规定由示例部门负责解释。\n第四条　本规定自发布之日起施行。")
    # 一、 headings over articles are points: 二、附则 holds its articles
    point = doc.get("附则")
    assert point.kind == "point" and point.title == "附则" and point is doc.get("二")
    assert point.children == [doc.article(3), doc.article(4)]
    assert doc.select("附则") == [point]
    doc = regparse.parse("示例规定\n第一条　为了示例，制定本规定。\n第二条　本规定适用于示例。\n"
                         "附则\n第三条　本规定由示例部门负责解释。\n第四条　本规定自发布之日起施行。")
    heading = doc.get("附则")
    assert isinstance(heading, Heading) and heading.text == "附则"
    assert doc.select("附则") == [doc.article(3), doc.article(4)]


@needs_corpus
def test_the_constitutions_preamble_and_the_criminal_laws_closing_heading():
    constitution = _corpus_document("中华人民共和国宪法")
    preamble = constitution.get("宪法序言")
    assert preamble.text == "序言" and preamble.paragraphs[0].startswith("中国是世界上历史最悠久的国家之一")
    criminal = _corpus_document("中华人民共和国刑法")
    assert criminal.get("附则").text == "附则"
    assert criminal.select("附则") == [criminal.article(452)]


# -- reprs, positions, encoding ------------------------------------------------------------

@needs_corpus
def test_a_document_and_its_nodes_print_short():
    doc = _corpus_document("中华人民共和国刑法")
    assert repr(doc) == str(doc)
    assert repr(doc).startswith(f"<Regulation 《中华人民共和国刑法》: {len(doc.articles)} articles, 2 parts,")
    assert len(repr(doc)) < 200
    assert len(repr(doc.articles)) < 100 * len(doc.articles)
    assert repr(doc.article(10)) == f"<Article 第十条 {doc.article(10).id}>"
    assert json.loads(doc.model_dump_json())["children"][0]["title"] == "总则"      # the dump is whole


def test_node_reprs_name_the_node(seed):
    assert repr(seed.article(11)) == "<Article 第十一条 chp_3__art_11>"
    assert repr(seed.get("第三章")) == "<Chapter 第三章 职责 chp_3>"
    assert repr(seed.get("第十一条第一款第（三）项")) == "<Item 第十一条第一款第（三）项 chp_3__art_11__para_1__item_3>"
    assert repr(Regulation()) == "<Regulation (untitled): empty>"
    again = Regulation.model_validate_json(seed.model_dump_json())
    assert again == seed and again.model_dump() == seed.model_dump()


def test_position_gives_line_and_column_as_regparse_check_prints_them(seed, capsys):
    text = SEED_004.read_text(encoding="utf-8")
    assert main(["check", str(SEED_004), "--json"]) in (0, 1)
    printed = json.loads(capsys.readouterr().out)["diagnostics"]
    assert [(d["line"], d["col"]) for d in printed] == [seed.position(d) for d in seed.diagnostics]
    article = seed.article(11)
    line, column = seed.position(article)
    assert text.splitlines()[line - 1][column - 1:].lstrip("*").startswith("第十一条")
    assert seed.position(0) == (1, 1) and seed.position(article.span) == (line, column)
    again = Regulation.model_validate_json(seed.model_dump_json())
    with pytest.raises(ValueError, match="text="):
        again.position(article)
    assert again.position(article, text=text) == (line, column)


@pytest.mark.parametrize("encoding, name", [("utf-8", "utf-8"), ("gb18030", "gb18030"), ("utf-16", "utf-16-le")])
def test_parse_file_records_the_encoding(tmp_path, encoding, name):
    path = tmp_path / "law.txt"
    path.write_bytes(MADE.encode(encoding))
    doc = regparse.parse_file(path)
    assert doc.encoding == name
    assert doc.get("第二条第（二）项").text.startswith("早退")
    assert doc.position(doc.article(4))[0] == MADE.splitlines().index("第四条　本条例自发布之日起施行。") + 1
    assert regparse.parse(MADE).encoding is None
    assert doc.model_copy(update={"encoding": None, "source": None}) == regparse.parse(MADE)


def test_json_written_before_the_encoding_field_still_reads(made):
    old = json.loads(made.model_dump_json())
    del old["encoding"]
    again = Regulation.model_validate_json(json.dumps(old, ensure_ascii=False))
    assert again.encoding is None and again == made


# -- the command line -------------------------------------------------------------------

def _run(capsys, *args):
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_get_reads_the_act_name_and_prints_ranges(capsys, seed):
    status, out, _ = _run(capsys, "get", str(SEED_004), "《中国共产党工作机关条例》第十一条第（三）项")
    assert status == 0 and out == seed.get("第十一条第一款第（三）项").text + "\n"
    status, out, _ = _run(capsys, "get", str(SEED_004), "第十条至第十二条")
    assert status == 0
    blocks = out.rstrip("\n").split("\n\n")
    assert [b.split("\n", 1)[0] for b in blocks] == ["第十条", "第十一条", "第十二条"]
    assert blocks[1].split("\n", 1)[1] == seed.article(11).full_text()
    status, out, _ = _run(capsys, "get", str(SEED_004), "第十条、第十二条", "--json")
    assert status == 0 and [n["id"] for n in json.loads(out)] == ["chp_3__art_10", "chp_3__art_12"]


@pytest.mark.parametrize("citation, message", [
    ("宪法第十条", "not this document (《中国共产党工作机关条例》)"),
    ("第十一条第一款第（三）目", "目 is cited under its 项"),
    ("第一条至第七条", "holds no node"),
])
def test_get_refuses_in_one_line(capsys, citation, message):
    status, out, err = _run(capsys, "get", str(SEED_004), citation)
    assert status == 1 and out == ""
    assert err.startswith("regparse: error:") and message in err and err.count("\n") == 1
