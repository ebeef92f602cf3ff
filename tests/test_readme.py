"""The README's library examples run as written and say what they print."""
from __future__ import annotations

import os
import re

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```python\n(.*?)```", README, re.S)


def run_block(source: str) -> dict:
    scope: dict = {}
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        exec(compile(source, "README.md", "exec"), scope)
    finally:
        os.chdir(cwd)
    return scope


def test_library_example_runs_and_its_comments_hold():
    scope = run_block(BLOCKS[0])
    doc, item = scope["doc"], scope["item"]
    assert doc.title == "中国共产党工作机关条例"
    assert [c.label for c in doc.children][:4] == ["第八条", "第九条", "第三章", "第四章"]
    art = scope["art"]
    assert (len(art.paragraphs), len(art.paragraphs[0].items)) == (2, 6)
    assert item.text.startswith("当好党委参谋助手,及时报告有关情况,")
    assert (item.citation, item.id) == ("第十一条第一款第（三）项", "chp_3__art_11__para_1__item_3")
    assert scope["regparse"].cite(item, full=True) == "《中国共产党工作机关条例》第十一条第一款第（三）项"
    assert doc.get("第11条第1款第3项") is item and doc.get("第十一条第一款第三项") is item
    assert doc.article("第十一条") is art


def test_references_example_runs():
    scope = run_block(BLOCKS[1])
    doc = scope["doc"]
    assert [r.surface for r in doc.referrers(doc.article(6))] == ["本条例第六条"]
    regparse = scope["regparse"]
    where = scope["where"]
    assert regparse.citation.format(where) == "第十条至第十二条"
    assert [str(loc) for loc in where.locations()] == ["第十条", "第十一条", "第十二条"]


def test_lookup_example_runs_and_its_comments_hold():
    scope = run_block(next(b for b in BLOCKS if "doc.select(" in b))
    doc, regparse = scope["doc"], scope["regparse"]
    assert scope["full"] == "《中国共产党工作机关条例》第十一条"
    for name in ("中国共产党工作机关条例", "本条例"):
        assert doc.get(name + "第十一条") is doc.article(11)
    assert doc.get("第十一条第（三）项") is doc.get("第十一条第一款第（三）项")
    assert [a.label for a in doc.select("第十条至第十二条")] == ["第十条", "第十一条", "第十二条"]
    assert [i.number for i in doc.select("第十一条第一款第（一）项、第（三）项")] == [1, 3]


def test_file_example_runs_and_its_comments_hold():
    import pytest

    pytest.importorskip("pypdfium2")
    scope = run_block(next(b for b in BLOCKS if "layout_of(" in b))
    doc, art = scope["doc"], scope["art"]
    assert (doc.source.format, doc.source.name, doc.source.pages) == ("pdf", "lo-1col.pdf", 2)
    assert doc.source.text[slice(*art.span)].startswith("第十条")
    page, box = doc.layout_of(art)[0]
    assert page == 2 and len(box) == 4
    assert [(f.kind, f.page) for f in doc.source.furniture][:2] == [("header", 1), ("page-number", 1)]
    assert doc.metadata == {}


def test_enumerated_example_runs_and_its_comments_hold():
    block = next(b for b in BLOCKS if "关于示例工作的意见" in b)
    scope = run_block(block)
    doc, point = scope["doc"], scope["point"]
    assert (point.title, point.text) == ("基本原则", "统筹兼顾。")
    assert (point.citation, point.id, point.level) == ("一（二）", "point_1__point_2", 2)
    assert doc.get("一、（二）") is point and doc.get("一(二)") is point
    assert doc.closing == "特此通知。"
