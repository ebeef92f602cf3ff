"""The lexer's decisions, each shown with its opposite."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regparse import lex
from regparse.lex.marks import matchers
from regparse.lex.state import LexState
from regparse.lex.width import wrap_width
from regparse.normalize import clean_lines


def token_types(text: str) -> list[tuple[str, str]]:
    lines, _ = clean_lines(text)
    tokens, _ = lex.tokenize(lines)
    return [(t.type, t.line.text) for t in tokens]


@pytest.mark.parametrize("text, expected", [
    # a wrapped reference at a line start is text; the next article in sequence is an article
    ("第九条　依照本条例\n第十条规定的程序办理。\n第十条　本条例自发布之日起施行。\n",
     [("ARTICLE", "第九条　依照本条例第十条规定的程序办理。"), ("ARTICLE", "第十条　本条例自发布之日起施行。")]),
    # 第十条第二款 at a line start after a full stop is still a reference
    ("第九条　前款规定适用于\n第十条第二款的情形。\n",
     [("ARTICLE", "第九条　前款规定适用于第十条第二款的情形。")]),
    # no separator, next in sequence: an article (第五条本法…); a far number without one is text
    ("第四条　甲。\n第五条本法自公布之日起施行。\n第九十条乙。\n",
     [("ARTICLE", "第四条　甲。"), ("ARTICLE", "第五条本法自公布之日起施行。"), ("TEXT", "第九十条乙。")]),
    # a heading is short and not a sentence
    ("第一章　总则\n第一条　甲。\n第二章规定的事项，依照本法。\n",
     [("CHAPTER", "第一章　总则"), ("ARTICLE", "第一条　甲。"), ("TEXT", "第二章规定的事项，依照本法。")]),
])
def test_line_starts(text, expected):
    assert token_types(text) == expected


@pytest.mark.parametrize("text, expected", [
    # （一） items with 1. sub-items
    ("第一条　下列事项：\n（一）甲：\n1．子一；\n2．子二；\n（二）乙。\n",
     ["ARTICLE", "ITEM", "SUBITEM", "SUBITEM", "ITEM"]),
    # old laws: 一、 items with （一） sub-items
    ("第一条　下列事项：\n一、甲：\n（一）子一；\n二、乙。\n", ["ARTICLE", "ITEM", "SUBITEM", "ITEM"]),
    # a list relabelled by OCR: （一） then (2) is the same list
    ("第一条　下列事项：\n（一）甲；\n(2)乙；\n(3)丙。\n", ["ARTICLE", "ITEM", "ITEM", "ITEM"]),
    # an unmarked line between （一） and （二） continues the item; after the list it is a new 款
    ("第一条　下列事项：\n（一）甲；\n甲的说明。\n（二）乙。\n另一款。\n", ["ARTICLE", "ITEM", "ITEM_TEXT", "ITEM", "TEXT"]),
    # ① counts only inside an item
    ("第一条　甲。\n①乙。\n", ["ARTICLE", "TEXT"]),
])
def test_item_roles(text, expected):
    assert [t for t, _ in token_types(text)] == expected


def test_wrap_width_is_found_only_in_wrapped_text():
    body = "国家厉行节水，坚持和落实节水优先方针，深入实施国家节水行动，全面建设节水型社会。" * 4
    wrapped = "\n".join(body[i:i + 16] for i in range(0, len(body), 16))
    assert wrap_width(LexState(), clean_lines(wrapped)[0]) == 16
    natural = "\n".join(body[: 10 + 7 * i] for i in range(12))
    assert wrap_width(LexState(), clean_lines(natural)[0]) == 0


def test_ends_closed():
    assert lex.ends_closed("本条例自发布之日起施行。")
    assert lex.ends_closed("他说：“施行。”")
    assert lex.ends_closed("（试行）")
    assert not lex.ends_closed("研究部署职责范围内的工")
    assert not lex.ends_closed("依照本条例，")

_MARKER_TEXT = st.lists(st.sampled_from(list("第条章节编分之一二三十百零〇两0１9（()）、.．①附件表录目序言总纲 \u3000：《甲")),
                        max_size=12).map("".join)


@settings(max_examples=500, deadline=None)
@given(_MARKER_TEXT)
def test_cached_marker_reading_equals_the_general_one(text):
    # read_mark caches readings of line starts; the general matcher reads afresh
    assert lex.read_mark(text) == lex.read_mark(text, matchers()[0])


# -- 附则 without a marker: closes the divisions, or heads a part of one -----------

_CODE = ("示例法\n第一编　总则\n第一章　任务\n第一条　甲。\n第二编　分则\n第一章　罪名\n第二条　乙。\n"
         "{heading}\n第三条　本法自公布之日起施行。\n")


@pytest.mark.parametrize("heading", ["附则", "附　则", "## 附则"])
def test_bare_supplementary_heading_after_the_last_division_closes_every_division(heading):
    import regparse
    doc = regparse.parse(_CODE.format(heading=heading), explain=True)
    last = doc.article(3)
    assert last.id == "art_3" and last.citation == "第三条"
    assert [a.id for a in doc.divisions[-1].walk() if a.kind == "article"] == ["part_2__chp_1__art_2"]
    assert doc.headings[-1].text == "附则" and doc.headings[-1].before == "art_3"
    assert [d.kind for d in doc.decisions].count("closing_heading") == 1
    assert not [d for d in doc.diagnostics if d.code == "unparsed_line"]


def test_bare_supplementary_heading_followed_by_a_division_stays_inside():
    # 附则 before another 章 is a heading of the division it stands in
    import regparse
    text = "示例法\n第一章　总则\n第一条　甲。\n附则\n第二条　乙。\n第二章　其他\n第三条　丙。\n"
    doc = regparse.parse(text, explain=True)
    assert doc.article(2).id == "chp_1__art_2"
    assert "closing_heading" not in [d.kind for d in doc.decisions]


def test_other_unmarked_headings_stay_inside_the_division():
    import regparse
    text = "示例法\n第一章　总则\n第一条　甲。\n总则\n第二条　乙。\n"
    doc = regparse.parse(text)
    assert doc.article(2).id == "chp_1__art_2"


def test_supplementary_heading_without_divisions_is_a_plain_heading():
    import regparse
    doc = regparse.parse("示例条例\n第一条　甲。\n附则\n第二条　本条例自发布之日起施行。\n", explain=True)
    assert doc.article(2).id == "art_2"
    assert "closing_heading" not in [d.kind for d in doc.decisions]
    assert doc.headings[-1].before == "art_2"


# -- the short entries of a list after 「…组成：」 end with a comma ------------------

def test_comma_entries_of_a_list_after_a_colon_are_paragraphs():
    import regparse
    text = ("宪法\n第六十五条　全国人民代表大会常务委员会由下列人员组成：\n\n委员长，\n\n副委员长若干人，\n\n"
            "秘书长，\n\n委员若干人。\n\n常务委员会组成人员中，应当有适当名额的少数民族代表。\n")
    doc = regparse.parse(text, explain=True)
    assert [p.text for p in doc.article(65).paragraphs] == [
        "全国人民代表大会常务委员会由下列人员组成：", "委员长，", "副委员长若干人，", "秘书长，", "委员若干人。",
        "常务委员会组成人员中，应当有适当名额的少数民族代表。"]
    assert [d.kind for d in doc.decisions].count("list_entry") == 3


@pytest.mark.parametrize("text", [
    # no colon before: a paragraph cut by a page break at a comma goes on
    "条例\n第十条　申请人应当如实提交材料，\n\n逾期不提交的，不予受理。\n",
    # after a colon, but a long line: a cut paragraph, not an entry
    "条例\n第十条　有下列情形之一的，不予受理：\n\n申请人隐瞒有关情况或者提供虚假材料申请行政许可的，\n\n依法不予受理。\n",
    # no blank line between: a line cut mid-sentence
    "条例\n第十条　常务委员会由下列人员组成：\n委员长，\n副委员长若干人。\n",
])
def test_comma_lines_that_are_cut_sentences_are_joined(text):
    import regparse
    doc = regparse.parse(text, explain=True)
    paragraphs = doc.article(10).paragraphs
    assert paragraphs[-1].text.endswith("。") and "，" in paragraphs[-1].text
    assert "list_entry" not in [d.kind for d in doc.decisions]


# -- the title and the issuing lines ---------------------------------------------------

@pytest.mark.parametrize("title", ["处方药与非处方药分类管理办法（试行）", "关于审理劳动争议案件适用法律若干问题的解释（四）",
                                   "中华人民共和国宪法修正案（1999年）"])
def test_a_title_ending_in_a_bracketed_note_is_the_title(title):
    import regparse
    doc = regparse.parse(f"{title}\n\n1999年6月18日 国家药品监督管理局令第10号公布\n\n第一条　为了规范管理，制定本办法。\n")
    assert doc.title == title
    assert doc.info == ["1999年6月18日 国家药品监督管理局令第10号公布"]
    assert doc.preamble == ""


def test_a_sentence_ending_in_a_bracket_is_no_title():
    import regparse
    doc = regparse.parse("本办法由国务院批准（见附件）。\n第一条　甲。\n")
    assert doc.title is None


def test_issuing_lines_broken_inside_a_cited_title_are_issuing_lines():
    import regparse
    text = ("中华人民共和国计量法\n\n1985年9月6日 第六届全国人民代表大会常务委员会第十二次会议通过\n\n"
            "2017年12月27日 第十二届全国人民代表大会常务委员会第三十一次会议《关于修改\n\n"
            "〈中华人民共和国计量法〉的决定》第四次修正\n\n"
            "2018年10月26日 第十三届全国人民代表大会常务委员会第六次会议修正\n\n第一条　为了加强计量监督管理，制定本法。\n")
    doc = regparse.parse(text)
    assert len(doc.info) == 4 and doc.info[2] == "〈中华人民共和国计量法〉的决定》第四次修正"
    assert doc.preamble == ""


def test_short_undated_lines_between_issuing_lines_are_issuing_lines():
    import regparse
    text = ("中华人民共和国农村土地承包经营纠纷调解仲裁法\n\n中华人民共和国农村土地\n\n承包经营纠纷调解仲裁法\n\n"
            "2009年6月27日 第十一届全国人民代表大会常务委员会第九次会议通过\n\n1958年4月19日 交通部\n\n水产部发布\n\n"
            "1958年7月1日 施行\n\n第一章　总则\n\n第一条　为了公正、及时解决纠纷，制定本法。\n")
    doc = regparse.parse(text)
    assert doc.info == ["中华人民共和国农村土地", "承包经营纠纷调解仲裁法",
                        "2009年6月27日 第十一届全国人民代表大会常务委员会第九次会议通过", "1958年4月19日 交通部", "水产部发布",
                        "1958年7月1日 施行"]
    assert doc.preamble == ""


@pytest.mark.parametrize("front, preamble", [
    # an undated short line with no issuing line after it is preamble
    ("国务院办公厅", "国务院办公厅"),
    # a dated sentence is body text, not an issuing line
    ("2015年以来，各地积极开展试点工作。", "2015年以来，各地积极开展试点工作。"),
    # an issuing line with an open 《 does not swallow the sentences after it
    ("2017年2月20日 最高人民法院审判委员会第1710次会议《关于适用\n\n在《关于适用〈婚姻法〉若干问题的解释》第二十四条的基础上增加两款：",
     "在《关于适用〈婚姻法〉若干问题的解释》第二十四条的基础上增加两款："),
])
def test_lines_under_the_title_that_are_not_issuing_lines(front, preamble):
    import regparse
    doc = regparse.parse(f"示例规定\n\n{front}\n\n第一条　甲。\n")
    assert doc.title == "示例规定"
    assert doc.preamble == preamble
    assert preamble not in doc.info


# -- a news lead before the regulation --------------------------------------------------

_PAGE = ("放射性物品运输安全管理条例\n\n本报北京2月14日电　（记者周婷）记者从有关部门获悉，《放射性物品运输安全管理条例》"
         "日前正式公布。\n\n据介绍，起草过程中广泛听取了意见。\n\n放射性物品运输安全管理条例\n\n"
         "2009年9月14日 中华人民共和国国务院令第562号公布\n\n第一条　为了加强管理，制定本条例。\n")


def test_a_dated_news_lead_keeps_the_news_out_of_the_regulation():
    import regparse
    doc = regparse.parse(_PAGE)
    assert doc.title == "放射性物品运输安全管理条例"
    assert doc.info == ["2009年9月14日 中华人民共和国国务院令第562号公布"]
    assert doc.preamble == ""
    outside = [n.text for n in doc.noise if n.kind == "outside"]
    assert len(outside) == 3 and outside[1].startswith("本报北京2月14日电")


def test_without_a_news_lead_the_text_before_the_first_article_is_the_preamble():
    import regparse
    doc = regparse.parse(_PAGE.replace("本报北京2月14日电　（记者周婷）", ""))
    assert doc.title == "放射性物品运输安全管理条例"
    assert doc.preamble.startswith("记者从有关部门获悉")
    assert not [n for n in doc.noise if n.kind == "outside"]


# -- titles and issuing lines wrapped at no width the lexer can tell --------------------

_BODY = "\n\n2007年4月4日 最高人民法院审判委员会第1422次会议通过\n\n第一条　为了规范管理，制定本规定。\n"


@pytest.mark.parametrize("printed, title", [
    ("最高人民法院关于办理侵犯知识产权刑事案件具体应用法律若干问题\n的解释（二）",
     "最高人民法院关于办理侵犯知识产权刑事案件具体应用法律若干问题的解释（二）"),
    ("最高人民法院关于审理建设工程施工合同纠纷案件适用法律问题的解释\n（二）",
     "最高人民法院关于审理建设工程施工合同纠纷案件适用法律问题的解释（二）"),
    ("关于不满300总吨船舶及沿海运输、\n沿海作业船舶海事赔偿限额的规定", "关于不满300总吨船舶及沿海运输、沿海作业船舶海事赔偿限额的规定"),
    ("最高人民法院关于审理商标民事纠纷案件适用法\n律若干问题的解释", "最高人民法院关于审理商标民事纠纷案件适用法律若干问题的解释"),
])
def test_a_title_wrapped_onto_the_next_line_is_one_title(printed, title):
    import regparse
    doc = regparse.parse(printed + _BODY)
    assert doc.title == title
    assert doc.info == ["2007年4月4日 最高人民法院审判委员会第1422次会议通过"]


@pytest.mark.parametrize("printed, title", [
    ("最高人民法院关于办理人身安全保护令案件适用法律若干问题的规定\n最高人民法院", "最高人民法院关于办理人身安全保护令案件适用法律若干问题的规定"),
    ("最高人民法院关于刑事裁判涉财产部分执行的若干规定\n为进一步规范刑事裁判涉财产部分的", "最高人民法院关于刑事裁判涉财产部分执行的若干规定"),
    ("中华人民共和国外国中央银行财产司法强制措施豁免法\n中华人民共和国外国中央银行财产司法强制措施豁免法",
     "中华人民共和国外国中央银行财产司法强制措施豁免法"),
    ("最高人民法院关于审理拐卖妇女儿童犯罪案件具体应用法律若干问题的解释\n为依法惩治拐卖妇女、儿童犯罪，切实保障",
     "最高人民法院关于审理拐卖妇女儿童犯罪案件具体应用法律若干问题的解释"),
    ("工资支付暂行规定\n法释〔2022〕17号", "工资支付暂行规定"),
])
def test_the_line_under_a_title_that_is_not_part_of_it(printed, title):
    import regparse
    doc = regparse.parse(printed + _BODY)
    assert doc.title == title


def test_an_issuing_line_wrapped_onto_the_next_line_is_one_line():
    import regparse
    text = ("示例解释\n\n2000年4月20日 最高人民法院审判委员会第1110\n次会议通过\n2000年9月8日 最高人民法院公告公布\n"
            "2000年9月14日 施行\n第一条　甲。\n")
    assert regparse.parse(text).info == ["2000年4月20日 最高人民法院审判委员会第1110次会议通过",
                                         "2000年9月8日 最高人民法院公告公布", "2000年9月14日 施行"]


def test_an_issuing_line_broken_after_a_cited_title_stays_two_lines():
    # sources break a long cited title there; the gold keeps both lines
    import regparse
    text = ("中华人民共和国招标投标法\n\n1999年8月30日 第九届全国人民代表大会常务委员会第十一次会议通过\n"
            "2017年12月27日 第十二届全国人民代表大会常务委员会第三十一次会议《关于修改<中华人民共和国招标投标法>\n"
            "<中华人民共和国计量法>的决定》修正\n第一章 总则\n第一条 为了规范招标投标活动，制定本法。\n")
    assert regparse.parse(text).info[1:] == [
        "2017年12月27日 第十二届全国人民代表大会常务委员会第三十一次会议《关于修改<中华人民共和国招标投标法>",
        "<中华人民共和国计量法>的决定》修正"]


def test_the_issuing_block_is_a_few_lines_not_a_page():
    # a page of short undated lines under a title: no issuing lines, and the
    # block is given up after a few lines instead of growing with the page
    import regparse
    names = "\n".join(f"委员{i}号" for i in range(3000))
    doc = regparse.parse(f"示例名单\n{names}\n2020年1月1日 公布\n第一条　甲。\n")
    assert doc.title == "示例名单"     # a short title line was not wrapped: the names are not part of it
    assert doc.info == []
    assert doc.preamble.startswith("委员0号")
