"""Retrieval chunks: one per 条 (or 款, 项, 章), split only between 款 and 项, every
text of the body in exactly one chunk, none over the limit unless one unit is, every
chunk's citation naming its first node; on made documents and on every dev document."""
from __future__ import annotations

import json
from collections import Counter

import pytest

import regparse
from regparse.chunks import BY, chunks
from conftest import SEED_004, corpus_ids, corpus_text, needs_corpus

LONG = """示例条例
第一章 总则
第一条 为了示例，制定本条例。
第二条 申请人应当提交下列材料：
（一）申请书，载明申请人的名称、住所、法定代表人以及申请的事项和理由；
（二）证明文件，包括营业执照、资质证书以及其他与申请事项有关的证明；
（三）其他材料：
1．场所证明；
2．人员名单。
申请材料不齐全的，应当一次告知。
第二章 附则
第三条 本条例自发布之日起施行。
附件：申请书格式
申请人：
住所："""


def text_nodes(doc):
    """Every node holding text of the body: paragraphs, items, sub-items, and the
    units of an enumerated document (with their own text or holding no article)."""
    out = []
    for n in doc.walk():
        if n.kind in ("paragraph", "item", "subitem"):
            out.append(n.id)
        elif n.kind == "point" and (n.text or not any(m.kind == "article" for m in n.walk())):
            out.append(n.id)
    return out


def check(doc: regparse.Regulation, cut: list, limit: int) -> None:
    """The properties every cut has (the acceptance of the chunks)."""
    counts = Counter(i for c in cut for i in c.node_ids)
    for node_id in text_nodes(doc):
        assert counts[node_id] == 1, node_id              # in exactly one chunk
    body = [c for c in cut if c.kind not in ("preamble", "appendix", "closing")]
    for before, after in zip(body, body[1:]):
        assert before.span[1] <= after.span[0], (before.id, after.id)   # none in two
    for c in cut:
        assert len(c) <= limit or c.single, (c.id, len(c))
        named = c.citation[len(f"《{doc.title}》") if doc.title else 0:]
        if c.kind in ("preamble", "appendix", "closing"):
            continue
        node = doc.get(named) if named else doc
        assert not named or node.id == c.node_ids[0], (c.citation, c.node_ids[:2])


@pytest.mark.parametrize("by", BY)
@pytest.mark.parametrize("limit", [40, 60, 1000])
def test_made_document(by, limit):
    doc = regparse.parse(LONG)
    cut = chunks(doc, max_chars=limit, by=by)
    check(doc, cut, limit)
    appendix = [c for c in cut if c.kind == "appendix"]
    assert "\n".join(c.text for c in appendix) == doc.appendices[0].text


def test_an_article_too_long_is_split_between_items_with_its_lead_in():
    doc = regparse.parse(LONG)
    pieces = [c for c in chunks(doc, max_chars=60) if c.id.startswith("chp_1__art_2")]
    assert len(pieces) > 1 and [c.part for c in pieces] == list(range(1, len(pieces) + 1))
    assert pieces[0].citation == "《示例条例》第二条第一款" and pieces[0].text.startswith("第二条 申请人")
    carried = [c for c in pieces[1:] if c.node_ids[0].endswith(("item_2", "item_3"))]
    assert carried and all(c.lead_in == "申请人应当提交下列材料：" for c in carried)
    assert "第二条第二款" in pieces[-1].citations and pieces[-1].text.endswith("应当一次告知。")
    assert all(c.headings == ["第一章 总则"] and c.path[0][0] == "第一章" for c in pieces)


def test_one_chunk_per_article_by_default():
    doc = regparse.parse(LONG)
    cut = doc.chunks()
    assert [c.citation for c in cut if c.kind == "article"] == ["《示例条例》第一条", "《示例条例》第二条",
                                                                   "《示例条例》第三条"]
    by_chapter = doc.chunks(by="chapter")
    assert [c.citation for c in by_chapter if c.kind == "chapter"] == ["《示例条例》第一章", "《示例条例》第二章"]
    items = doc.chunks(by="item")
    assert [c.citation for c in items if c.kind == "item"][:1] == ["《示例条例》第二条第一款第（一）项"]


def test_chunk_records_and_bad_arguments():
    doc = regparse.parse(SEED_004.read_text(encoding="utf-8"))
    cut = doc.chunks(max_chars=300)
    record = cut[3].to_dict()
    assert json.loads(json.dumps(record, ensure_ascii=False)) == record
    assert record["title"] == "中国共产党工作机关条例" and record["text"]
    cited = regparse.parse("示例条例\n第一条 依照本条例第二条和刑法第十条处理。\n第二条 甲。").chunks()
    assert [r.surface for r in cited[0].references] == ["本条例第二条", "刑法第十条"] and not cited[1].references
    assert cut[3].content.splitlines()[:2] == ["第三章 职责", "《中国共产党工作机关条例》第十条"]
    with pytest.raises(ValueError, match="by must be"):
        doc.chunks(by="sentence")
    with pytest.raises(ValueError, match="max_chars"):
        doc.chunks(max_chars=5)


def test_langchain_adapter():
    pytest.importorskip("langchain_core")
    chunk = regparse.parse(LONG).chunks()[1]
    document = chunk.to_langchain()
    assert document.page_content == chunk.content and document.metadata["citation"] == chunk.citation


def test_llamaindex_adapter():
    pytest.importorskip("llama_index.core")
    chunk = regparse.parse(LONG).chunks()[1]
    node = chunk.to_llamaindex()
    assert node.text == chunk.content and node.metadata["citation"] == chunk.citation


def test_adapters_say_what_they_need():
    chunk = regparse.parse(LONG).chunks()[1]
    for method, package in ((chunk.to_langchain, "langchain_core"), (chunk.to_llamaindex, "llama_index.core")):
        try:
            __import__(package)
        except ImportError:
            with pytest.raises(ImportError, match="pip install"):
                method()


@needs_corpus
@pytest.mark.parametrize("by,limit", [("article", 300), ("item", 200), ("chapter", 2000)])
def test_every_dev_document(by, limit):
    for doc_id in corpus_ids():
        doc = regparse.parse(corpus_text(doc_id))
        check(doc, chunks(doc, max_chars=limit, by=by), limit)


ENUMERATED = """示例意见
一、总体要求
（一）指导思想。坚持示例，推进示例工作。
（二）基本原则。依法示例，有序推进。
二、主要任务
（一）完善制度。健全示例制度：
1．建立台账；
2．定期检查。
（二）加强监督。强化示例监督。
示例市人民政府
2024年1月1日"""


@pytest.mark.parametrize("by", BY)
@pytest.mark.parametrize("limit", [40, 1000])
def test_an_enumerated_document_is_cut_at_its_units(by, limit):
    doc = regparse.parse(ENUMERATED)
    cut = chunks(doc, max_chars=limit, by=by)
    check(doc, cut, limit)
    points = [c for c in cut if c.kind == "point"]
    if by in ("article", "chapter") and limit == 1000:
        assert [c.citation for c in points] == ["《示例意见》一", "《示例意见》二"]
        assert "1．建立台账；" in points[1].text and "加强监督" in points[1].text
    if by in ("paragraph", "item"):
        assert [c.node_ids[0] for c in points] == [p.id for p in doc.walk() if p.kind == "point"]
    assert [c.text for c in cut if c.kind == "closing"] == [doc.closing]


@needs_corpus
@pytest.mark.parametrize("by,limit", [("article", 300), ("item", 200), ("chapter", 2000)])
def test_every_enumerated_corpus_document(by, limit):
    from conftest import CORPUS

    folder = CORPUS / "enumerated"
    if not folder.is_dir():
        pytest.skip("../shared/corpus/enumerated is absent")
    for path in sorted(folder.glob("*.txt")):
        doc = regparse.parse(path.read_text(encoding="utf-8"))
        check(doc, chunks(doc, max_chars=limit, by=by), limit)
