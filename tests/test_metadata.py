"""What the text says of itself (Regulation.front_matter): promulgation orders
before the title, and the number, issuers, dates, amendments, type and status
read from the front matter, checked against texts read by hand."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import regparse
from conftest import CORPUS, ROOT, lost_characters, needs_corpus

DATA = Path(__file__).parent / "data"
HAND = [json.loads(line) for line in (DATA / "metadata" / "dev.jsonl").read_text(encoding="utf-8").splitlines()]
FIELDS = ("number", "issuers", "adopted", "promulgated", "effective", "amendments", "type", "status")


def _text_of(doc_id: str) -> str | None:
    if doc_id.startswith("seeds/"):
        return (ROOT / f"{doc_id}.txt").read_text(encoding="utf-8")
    if CORPUS is None:
        return None
    return (CORPUS / "dev" / f"{doc_id}.txt").read_text(encoding="utf-8")


def _disagreements(row: dict) -> dict:
    text = _text_of(row["id"])
    if text is None:
        pytest.skip("../shared/corpus is absent")
    facts = regparse.parse(text).front_matter
    return {field: (getattr(facts, field), row[field]) for field in FIELDS if getattr(facts, field) != row[field]}


def test_the_hand_read_set_is_a_spread():
    types = [row["type"] for row in HAND]
    assert len(HAND) >= 30
    for kind in ("宪法", "法律", "行政法规", "司法解释", "部门规章", "党内法规"):
        assert kind in types
    assert sum(1 for row in HAND if row["amendments"]) >= 8
    assert any(row["number"] and row["number"].startswith("法释") for row in HAND)


@pytest.mark.parametrize("row", HAND, ids=[row["id"] for row in HAND])
def test_metadata_agrees_with_the_hand_reading(row):
    assert _disagreements(row) == {}


# -- promulgation orders before the title -----------------------------------------------
STATE_COUNCIL_ORDER = ("中华人民共和国国务院令\n第752号\n"
                       "《示例管理条例》已经2022年3月1日国务院第166次常务会议通过，现予公布，自2022年5月1日起施行。\n"
                       "总理　李克强\n2022年3月10日\n")
BODY = "第一章　总则\n第一条　为了规范示例管理工作，制定本条例。\n第二条　本条例自2022年5月1日起施行。\n"


def test_an_order_is_front_matter_and_the_title_is_the_regulations():
    text = STATE_COUNCIL_ORDER + "示例管理条例\n" + BODY
    doc = regparse.parse(text, explain=True)
    assert doc.title == "示例管理条例"
    assert doc.preamble == ""
    front = doc.front_matter
    assert front.order == STATE_COUNCIL_ORDER.rstrip("\n")
    assert text[slice(*front.order_span)] == front.order
    assert (front.number, front.adopted, front.promulgated, front.effective, front.type) == (
        "中华人民共和国国务院令第752号", "2022-03-01", "2022-03-10", "2022-05-01", "行政法规")
    assert [d.kind for d in doc.decisions].count("promulgation_order") == 1
    assert not lost_characters(text, doc)


def test_an_order_whose_title_is_wrapped_still_finds_it():
    text = STATE_COUNCIL_ORDER.replace("示例管理条例", "示例城市公共交通运营安全管理条例") + \
        "示例城市公共交通\n运营安全管理条例\n" + BODY
    doc = regparse.parse(text)
    assert doc.title == "示例城市公共交通运营安全管理条例"
    assert doc.front_matter.number == "中华人民共和国国务院令第752号"


@pytest.mark.parametrize("title", ["最高人民法院关于办理人身安全保护令案件适用法律若干问题的规定",
                                   "国务院关于印发《示例行动方案》的通知", "中华人民共和国国务院令"])
def test_a_title_that_looks_like_an_order_is_the_title(title):
    text = f"{title}\n各省、自治区、直辖市人民政府：\n现将《示例行动方案》印发给你们。\n" + BODY
    doc = regparse.parse(text, explain=True)
    assert doc.title == title
    assert doc.front_matter.order == "" and doc.front_matter.order_span is None
    assert "promulgation_order" not in [d.kind for d in doc.decisions]
    assert not lost_characters(text, doc)


def test_an_order_goes_through_json_and_the_text_export():
    doc = regparse.parse(STATE_COUNCIL_ORDER + "示例管理条例\n" + BODY)
    assert regparse.Regulation.model_validate_json(doc.model_dump_json()) == doc
    again = regparse.parse(doc.to_text())
    assert (again.title, again.front_matter.order) == (doc.title, doc.front_matter.order)


def test_absent_facts_are_none():
    front = regparse.parse("示例办法\n第一条　为了规范示例工作，制定本办法。\n第二条　本办法由主管部门负责解释。").front_matter
    assert front == regparse.FrontMatter() or front.model_dump() == regparse.model.FrontMatter().model_dump()


@needs_corpus
def test_no_dev_document_opening_with_its_title_is_read_as_an_order():
    # the dev texts open with their own titles: none of them has an order taken out
    ids = sorted(p.name[:-len(".txt")] for p in (CORPUS / "dev").glob("*.txt"))[::7]
    for doc_id in ids:
        doc = regparse.parse((CORPUS / "dev" / f"{doc_id}.txt").read_text(encoding="utf-8"))
        assert doc.front_matter.order == "", doc_id


def _order_cases() -> list[dict]:
    from test_rules import read_cases

    return read_cases(DATA / "rules" / "promulgation_order.txt")


@pytest.mark.parametrize("width", [14, 18, 23, 31])
@pytest.mark.parametrize("case", _order_cases(), ids=lambda c: c["header"][:40])
def test_a_hard_wrapped_order_reads_as_the_unwrapped_one(case, width):
    text = case["input"]
    wrapped = "\n".join(line[i:i + width] for line in text.split("\n") for i in range(0, max(len(line), 1), width))
    plain, cut = regparse.parse(text), regparse.parse(wrapped)
    assert cut.title == plain.title
    assert cut.front_matter.model_dump(exclude={"order", "order_span"}) == \
        plain.front_matter.model_dump(exclude={"order", "order_span"})
    assert not lost_characters(wrapped, cut)
    if case["fires"]:
        assert _squeezed(cut.front_matter.order) == _squeezed(plain.front_matter.order) != ""


def _squeezed(text: str) -> str:
    return "".join(text.split())
