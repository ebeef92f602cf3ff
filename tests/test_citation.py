"""Citations: the grammar, the canonical form, lookup on trees and on real text."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

import regparse
from regparse import (Article, Chapter, CitationError, CitationNotFound, Item, Paragraph, Part,
                      Regulation, Section, Subitem)
from regparse.citation import Citation, Location, Range, format, format_location, parse, step_text
from regparse.lookup import cite, lookup, lookup_article
from conftest import longest_by_parsing

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"


# -- hand-built trees ------------------------------------------------------------

def _article(number, paragraphs, suffix=0, prefix=""):
    art_id = f"{prefix}art_{number}" + (f"-{suffix}" if suffix else "")
    art_cite = step_text("article", number, suffix)
    paras = []
    for p_no, (text, items) in enumerate(paragraphs, 1):
        p_id, p_cite = f"{art_id}__para_{p_no}", art_cite + step_text("paragraph", p_no)
        built_items = []
        for i_no, item in enumerate(items, 1):
            item_text, subs = item if isinstance(item, tuple) else (item, [])
            i_id, i_cite = f"{p_id}__item_{i_no}", p_cite + step_text("item", i_no)
            built_items.append(Item(
                id=i_id, citation=i_cite, label=f"（{regparse.numerals.to_chinese(i_no)}）", number=i_no,
                text=item_text,
                children=[Subitem(id=f"{i_id}__subitem_{s}", citation=i_cite + step_text("subitem", s),
                                  label=f"{s}．", number=s, text=t) for s, t in enumerate(subs, 1)]))
        paras.append(Paragraph(id=p_id, citation=p_cite, number=p_no, text=text, children=built_items))
    return Article(id=art_id, citation=art_cite, label=art_cite, number=number, suffix=suffix, children=paras)


def _division(cls, number, title, children, parent_id="", parent_cite=""):
    kind = cls.model_fields["kind"].default
    short = {"part": "part", "chapter": "chp", "section": "sec"}[kind]
    div_id = (parent_id + "__" if parent_id else "") + f"{short}_{number}"
    citation = parent_cite + step_text(kind, number)
    built = [c(div_id, citation) if callable(c) else c for c in children]
    return cls(id=div_id, citation=citation, label=step_text(kind, number), number=number, title=title,
               children=built)


def party_organ_tree() -> Regulation:
    """The shape of seeds/004: articles before the first chapter heading, an
    article with two 款 of which the first has items, 之一 articles, sections."""
    return Regulation(title="中国共产党工作机关条例", children=[
        _article(8, [("党的工作机关不设正职领导助理。", [])]),
        _division(Chapter, 3, "职责", [
            _article(10, [("党的工作机关应当履行下列职责：", []), ("第二款。", [])]),
            _article(10, [("之一的内容。", [])], suffix=1),
            _article(11, [("党的工作机关的主要职责是：", [
                "深入学习贯彻习近平新时代中国特色社会主义思想；",
                "研究部署职责范围内的工作；",
                ("当好党委参谋助手；", ["调查研究；", "提出建议；"]),
                "四", "五", "六"]),
                ("党的工作机关按照有关规定对相关单位实行归口领导或者归口管理。", [])]),
            _article(18, [("职能部门的主要职责是：", ["一", "二", "三", "四", "五", "六", "七"])]),
        ]),
        _division(Chapter, 4, "决策与执行", [
            lambda pid, pc: _division(Section, 1, "决策", [_article(20, [("二十", [])])], pid, pc),
            lambda pid, pc: _division(Section, 2, "执行", [_article(21, [("二十一", [])])], pid, pc),
        ]),
    ])


def code_tree() -> Regulation:
    """Parts whose chapters and sections restart their numbering."""
    return Regulation(title="中华人民共和国示例法典", children=[
        _division(Part, 1, "总则", [
            lambda pid, pc: _division(Chapter, 1, "基本规定", [_article(1, [("一", [])])], pid, pc),
            lambda pid, pc: _division(Chapter, 2, "自然人", [
                lambda p2, c2: _division(Section, 1, "民事能力", [_article(2, [("二", [])])], p2, c2)], pid, pc),
        ]),
        _division(Part, 2, "物权", [
            lambda pid, pc: _division(Chapter, 1, "通则", [
                lambda p2, c2: _division(Section, 1, "一般规定", [_article(3, [("三", [])])], p2, c2)], pid, pc),
        ]),
    ])


@pytest.fixture(scope="module")
def party():
    return party_organ_tree()


@pytest.fixture(scope="module")
def code():
    return code_tree()


# -- parse and format --------------------------------------------------------------

@pytest.mark.parametrize("written, canonical", [
    ("第十一条第一款第（三）项", "第十一条第一款第（三）项"),
    ("第十一条第一款第三项", "第十一条第一款第（三）项"),
    ("第11条第1款第3项", "第十一条第一款第（三）项"),
    ("第１１条第１款第(３)项", "第十一条第一款第（三）项"),
    ("第十一条第一款第(三)项", "第十一条第一款第（三）项"),
    ("第 十一 条", "第十一条"),
    ("第十条之一", "第十条之一"),
    ("第一百零一条", "第一百零一条"),
    ("第一千二百六十条", "第一千二百六十条"),
    ("第三章第二节", "第三章第二节"),
    ("第一编第二章", "第一编第二章"),
    ("第一编第一分编第二章", "第一编第一分编第二章"),
    ("第十一条第一款第（三）项第1目", "第十一条第一款第（三）项第1目"),
    ("第十一条第一款第（三）项第一目", "第十一条第一款第（三）项第1目"),
    ("第十条、第十二条和第十四条", "第十条、第十二条、第十四条"),
    ("第十、十八条", "第十条、第十八条"),
    ("第（一）、（二）项", "第（一）项、第（二）项"),
    ("第十条至第十五条", "第十条至第十五条"),
    ("第（一）项至第（三）项", "第（一）项至第（三）项"),
    ("第(一)至(三)项", "第（一）项至第（三）项"),
    ("第十条第一款、第二款", "第十条第一款、第二款"),
    ("第二十条第一款第（一）、（二）、（五）项", "第二十条第一款第（一）项、第（二）项、第（五）项"),
    ("第三十条、第三十一条第二款或者第三十二条", "第三十条、第三十一条第二款、第三十二条"),
    ("第十条第一款至第三款", "第十条第一款至第三款"),
])
def test_format_gives_the_canonical_form(written, canonical):
    assert format(parse(written)) == canonical
    assert format(parse(canonical)) == canonical


def test_parse_reads_levels_lists_and_ranges():
    assert parse("第11条第1款第3项").single == Location(article=11, paragraph=1, item=3)
    assert parse("第十条之一").single == Location(article=10, suffix=1)
    assert parse("第一编第二章").single == Location(part=1, chapter=2)
    assert parse("第十、十八条").locations() == [Location(article=10), Location(article=18)]
    assert parse("第十条第一款、第二款").locations() == [Location(article=10, paragraph=1),
                                                      Location(article=10, paragraph=2)]
    ranged = parse("第十条至第十二条")
    assert ranged.elements == (Range(Location(article=10), Location(article=12)),)
    assert [loc.article for loc in ranged.locations()] == [10, 11, 12]
    assert ranged.single is None
    items = parse("第二十条第（一）项至第（三）项").locations()
    assert [(loc.article, loc.item) for loc in items] == [(20, 1), (20, 2), (20, 3)]


@pytest.mark.parametrize("text", [
    "", "  ", "十一", "第十一", "第十条之", "第款", "第零条", "第（三）条", "第十一条第三款第二款",
    "第十条至第九条", "第十条、", "第十款之一", "第十、十一条之一", "第十一条第一款、", "本条例",
    "第十条至第十条", "第三项第二款", "第x条",
])
def test_non_citations_raise_citation_error(text):
    with pytest.raises(CitationError):
        parse(text)


def test_parse_rejects_non_strings():
    with pytest.raises(CitationError):
        parse(11)  # type: ignore[arg-type]


# -- property tests ----------------------------------------------------------------

numbers = st.integers(min_value=1, max_value=1300)
small = st.integers(min_value=1, max_value=30)


@st.composite
def locations(draw):
    """A location as a node citation would name it: divisions down to some
    level, or an article and what is below it."""
    if draw(st.booleans()):
        depth = draw(st.integers(min_value=1, max_value=4))
        levels = draw(st.lists(st.sampled_from(["part", "subpart", "chapter", "section"]),
                               min_size=1, max_size=depth, unique=True))
        return Location(**{level: draw(small) for level in levels})
    values = {"article": draw(numbers), "suffix": draw(st.sampled_from([0, 0, 0, 1, 2]))}
    for level in ("paragraph", "item", "subitem"):
        if not draw(st.booleans()):
            break
        values[level] = draw(small)
    return Location(**values)


@st.composite
def citations(draw):
    """Lists of locations and ranges, each member a sibling or cousin of the one
    before (the lists that occur in legal text)."""
    first = draw(locations())
    elements = [first]
    for _ in range(draw(st.integers(min_value=0, max_value=3))):
        previous = elements[-1].end if isinstance(elements[-1], Range) else elements[-1]
        level = draw(st.sampled_from(previous.levels()))
        value = getattr(previous, level) + draw(st.integers(min_value=1, max_value=5))
        base = previous.keep(previous.levels()[:previous.levels().index(level)])
        nxt = Location(**{**{f: getattr(base, f) for f in ("part", "subpart", "chapter", "section",
                                                             "article", "suffix", "paragraph", "item")},
                          level: value, **({"suffix": 0} if level == "article" else {})})
        if draw(st.booleans()):
            end_value = value + draw(st.integers(min_value=1, max_value=5))
            elements.append(Range(nxt, Location(**{**nxt.__dict__, level: end_value})))
        else:
            elements.append(nxt)
    return Citation(tuple(elements))


@settings(max_examples=300, deadline=None)
@given(citations())
def test_parse_of_format_is_identity(citation):
    text = format(citation)
    assert parse(text) == citation
    assert format(parse(text)) == text


@settings(max_examples=200, deadline=None)
@given(locations(), st.data())
def test_any_spelling_reads_as_the_canonical_form(location, data):
    """Arabic, full-width and half-width bracket spellings mean the same provision."""
    def spell(level):
        value = getattr(location, level)
        style = data.draw(st.sampled_from(["cn", "arabic", "wide"]))
        digits = {"cn": regparse.numerals.to_chinese(value), "arabic": str(value),
                  "wide": str(value).translate(str.maketrans("0123456789", "０１２３４５６７８９"))}[style]
        if level == "item" and data.draw(st.booleans()):
            digits = data.draw(st.sampled_from(["（{}）", "({})", "（{})"])).format(digits)
        unit = {"part": "编", "subpart": "分编", "chapter": "章", "section": "节", "article": "条",
                "paragraph": "款", "item": "项", "subitem": "目"}[level]
        text = f"第{digits}{unit}"
        if level == "article" and location.suffix:
            text += "之" + regparse.numerals.to_chinese(location.suffix)
        return text
    written = "".join(spell(level) for level in location.levels())
    assert parse(written).single == location
    assert format(parse(written)) == format_location(location)


# -- lookup on hand-built trees --------------------------------------------------------

@pytest.mark.parametrize("citation", [
    "第十一条第一款第（三）项", "第十一条第一款第三项", "第11条第1款第3项", "第十一条第一款第(三)项",
    "第 11 条 第 1 款 第 3 项",
])
def test_lookup_accepts_every_spelling_of_an_item(party, citation):
    node = lookup(party, citation)
    assert node.kind == "item" and node.text == "当好党委参谋助手；"
    assert node is party.get(citation)


def test_lookup_item_without_paragraph_needs_a_single_paragraph_with_items(party):
    assert lookup(party, "第十八条第（三）项") is lookup(party, "第十八条第一款第（三）项")
    # 第十一条 has two 款 and only the first has items: 第十一条第（三）项 is that one's
    assert lookup(party, "第十一条第（三）项") is lookup(party, "第十一条第一款第（三）项")
    two = Regulation(title="示例条例", children=[
        _article(5, [("有下列情形之一的，予以警告：", ["甲；", "乙。"]), ("有下列情形之一的，予以罚款：", ["丙；", "丁；", "戊。"])])])
    with pytest.raises(CitationNotFound) as raised:
        lookup(two, "第五条第（三）项")
    assert raised.value.closest == "第五条第二款第（三）项"     # the only 款 with a third item
    assert "2 款 with items" in str(raised.value)
    with pytest.raises(CitationNotFound):
        lookup(two, "第五条第（一）项")
    assert lookup(two, "第五条第二款第（一）项").text == "丙；"


def test_lookup_divisions_articles_and_subitems(party, code):
    assert lookup(party, "第三章").title == "职责"
    assert lookup(party, "第四章第二节").title == "执行"
    assert lookup(party, "第十条之一").suffix == 1
    assert lookup(party, "第十一条第一款第（三）项第2目").text == "提出建议；"
    assert lookup(party, "第十一条第二款").text.startswith("党的工作机关按照")
    assert lookup(code, "第二编第一章").title == "通则"
    assert lookup(code, "第一编第二章第一节").title == "民事能力"
    assert lookup(code, "第二章").title == "自然人"          # only one 第二章
    assert lookup(code, "第二章第一节").title == "民事能力"
    assert lookup(party, "第二节").title == "执行"            # a section alone, when unique
    assert lookup(party, "第三章第十条").number == 10


def test_lookup_ambiguous_division_names_the_candidates(code):
    with pytest.raises(CitationNotFound) as raised:
        lookup(code, "第一章")
    assert "第一编第一章" in str(raised.value) and "第二编第一章" in str(raised.value)


@pytest.mark.parametrize("citation, closest", [
    ("第十二条", "第十一条"),
    ("第九十条", "第二十一条"),
    ("第十一条第三款", "第十一条第二款"),
    ("第十一条第一款第（九）项", "第十一条第一款第（六）项"),
    ("第十一条第一款第（三）项第5目", "第十一条第一款第（三）项第2目"),
    ("第十八条第一款第（二）项第1目", "第十八条第一款第（二）项"),
    ("第五章", "第四章"),
    ("第三章第二十条", "第十八条"),
])
def test_missing_citation_names_the_closest_node(party, citation, closest):
    with pytest.raises(CitationNotFound) as raised:
        lookup(party, citation)
    assert raised.value.closest == closest
    assert closest in str(raised.value)
    assert isinstance(raised.value, KeyError)


@pytest.mark.parametrize("text", ["十一", "第十条、第十一条", "第十条至第十二条", "第（三）项", "第二款"])
def test_lookup_rejects_what_names_no_single_provision(party, text):
    with pytest.raises(CitationError):
        lookup(party, text)


def test_every_node_citation_resolves_to_the_node(party, code):
    for doc in (party, code):
        for node in doc.walk():
            if node is not doc:
                assert lookup(doc, node.citation) is node


def test_lookup_article(party):
    assert lookup_article(party, 11) is lookup(party, "第十一条")
    assert lookup_article(party, "第十一条") is lookup_article(party, "第11条")
    assert lookup_article(party, "第十条之一") is lookup_article(party, (10, 1))
    assert party.article(10).suffix == 0
    with pytest.raises(CitationNotFound) as raised:
        lookup_article(party, 12)
    assert raised.value.closest == "第十一条"
    for bad in ("第三章", "第十一条第一款", "十一", 1.5, True):
        with pytest.raises(CitationError):
            lookup_article(party, bad)


def test_cite(party):
    article = party.article(11)
    assert cite(article) == "第十一条"
    assert cite(article, full=True, doc=party) == "《中国共产党工作机关条例》第十一条"
    item = party.get("第11条第1款第3项")
    assert cite(item, full=True) == "《中国共产党工作机关条例》第十一条第一款第（三）项"
    assert cite(party) == "《中国共产党工作机关条例》"
    assert regparse.cite(party.get("第四章第一节"), full=True) == "《中国共产党工作机关条例》第四章第一节"


def test_cite_full_without_a_known_document_explains():
    lonely = _article(3, [("三", [])])
    with pytest.raises(CitationError):
        cite(lonely, full=True)
    assert cite(lonely) == "第三条"


# -- real text ---------------------------------------------------------------------

def test_seed_004_lookup(seed_004):
    item = seed_004.get("第十一条第一款第（三）项")
    assert item.text.startswith("当好党委参谋助手")
    assert seed_004.get("第11条第1款第3项") is item
    assert seed_004.get("第十一条第一款第三项") is item
    assert seed_004.get("第十一条第（三）项") is item    # two 款, only the first with items
    assert seed_004.get("第十八条第（七）项") is seed_004.get("第十八条第一款第（七）项")
    assert seed_004.get("第三章").title == "职责"
    assert seed_004.article(32).text.startswith("本条例自发布之日起施行")
    assert regparse.cite(item, full=True) == "《中国共产党工作机关条例》第十一条第一款第（三）项"
    with pytest.raises(CitationNotFound) as raised:
        seed_004.get("第三十三条")
    assert raised.value.closest == "第三十二条"
    for node in seed_004.walk():
        if node is not seed_004:
            assert seed_004.get(node.citation) is node


def _corpus_sample():
    if not CORPUS.is_dir():
        return []
    files = sorted(CORPUS.glob("*.txt"))
    wanted = [f for f in files if f.name.startswith(("mfd-", "xingf-"))] + files[::60]
    return sorted(set(wanted))


@pytest.mark.skipif(not CORPUS.is_dir(), reason="corpus not available")
@pytest.mark.parametrize("path", _corpus_sample(), ids=lambda p: p.stem)
def test_corpus_every_citation_resolves_back(path):
    doc = regparse.parse(path.read_text(encoding="utf-8"))
    assert doc.articles
    for node in doc.walk():
        if node is not doc:
            assert doc.get(node.citation) is node, node.citation
    for article in doc.articles:
        assert doc.article((article.number, article.suffix)) is article


# -- the reader of the citation syntax against the grammar ----------------------------

_PIECES = ["第", "之", "（", "(", "）", ")", "一", "十", "二十三", "两", "三", "1", "12", "３", "条", "款", "项", "目",
           "章", "节", "编", "分编", "、", "和", "或者", "以及", "及", "至", " ", "　", "规定", "x"]


def _lark_reading(text: str):
    """What parsing ``text`` with citation.lark and reading its tree gives:
    per path its connective and per step (numbers, count, unit, 之N, start, end)."""
    from lark import Tree
    from lark.exceptions import LarkError
    from regparse.citation import grammar

    try:
        tree = grammar().parse(text)
    except LarkError:
        return None
    paths, link = [], None
    for child in tree.children:
        if child.data == "connective":
            link = "to" if child.children[0].type == "TO" else "and"
            continue
        steps = []
        for step in child.children:
            numbers_tree, *rest = step.children
            total = str(rest.pop(0).children[0]) if isinstance(rest[0], Tree) else None
            unit, *rest = rest
            suffix = rest[0].children[0] if rest else None
            numbers, inner = [], None
            for number in numbers_tree.children:
                if number.data == "connective":
                    inner = "to" if number.children[0].type == "TO" else "and"
                    continue
                numbers.append((inner, number.data == "bracketed", str(number.children[0])))
                inner = None
            first = numbers_tree.children[0].children[0]
            last = suffix if suffix is not None else unit
            steps.append((numbers, total, str(unit), None if suffix is None else str(suffix),
                          text.rfind("第", 0, first.start_pos), last.end_pos))
        paths.append((link, steps))
        link = None
    return paths


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=14).map("".join))
def test_the_syntax_reader_reads_what_the_grammar_reads(text):
    from regparse.citation import _syntax

    assert _syntax(text) == _lark_reading(text)


@pytest.mark.parametrize("text", ["第十条第一款第二条、第三条至第五条第（一）项第二款", "第（一）、（二）两项", "第十条之一至第十条之三",
                                  "第 十 条 第 二 款", "第1二条", "第一条第一条第一条"])
def test_the_syntax_reader_reads_what_the_grammar_reads_examples(text):
    from regparse.citation import _syntax

    assert _syntax(text) is not None and _syntax(text) == _lark_reading(text)


_STEP_PIECES = ["第十条", "第一款", "第二条", "第三条", "第五条", "第十条之一", "第二款", "第（一）项", "第（三）项",
                "第2目", "第一章", "第二节", "、", "至", "和", "或者"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_STEP_PIECES), min_size=1, max_size=12).map("".join))
def test_steps_give_the_longest_citation_parse_reads(text):
    from regparse.citation import Steps

    try:
        steps = Steps(text)
    except CitationError:
        return
    for i in range(len(steps.starts)):
        assert steps.longest(i) == longest_by_parsing(text, steps, i)
