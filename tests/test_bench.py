"""The parse benchmark measures what it says: its floor tasks make the very
tree the parse made, and its 民法典 is the seven books as one code.  (Timings
themselves are never asserted: they belong to bench/, not to tests.)"""
from __future__ import annotations

import json
import sys

import regparse
from conftest import CORPUS, ROOT, SEED_004, needs_corpus

sys.path.insert(0, str(ROOT / "bench"))
import bench_parse  # noqa: E402


def _run(task):
    if hasattr(task, "prepare"):
        task.prepare()
    return task()


def test_floor_tasks_make_the_parsed_tree():
    doc = regparse.parse(SEED_004.read_text(encoding="utf-8"))
    floor = bench_parse.tree_floor(doc)
    assert set(floor) == {"tree made", "tree validated"}
    for name, task in floor.items():
        for _ in range(2):            # each round gets a fresh copy of the dicts
            assert _run(task) == doc, name


def test_baseline_scan_counts_line_start_markers():
    text = "示例条例\n第一章　总则\n第一条　甲，依照第二条。\n（一）乙；\n第二条　丙。\n"
    assert bench_parse.regex_scan(text) == 4


@needs_corpus
def test_civil_code_is_the_seven_books_in_order():
    code = bench_parse.load_civil_code(CORPUS / "dev")
    doc = regparse.parse(code)
    assert [d.title for d in doc.divisions if d.kind == "part"] == list(bench_parse.BOOK_ORDER)
    gold = sum(len(json.loads(p.read_text(encoding="utf-8"))["articles"])
               for p in (CORPUS / "dev").glob("mfd-*.gold.json"))
    assert len(doc.articles) == gold
    assert [a.number for a in doc.articles[:3]] == [1, 2, 3]
    assert not [d for d in doc.diagnostics if d.code in ("numbering_gap", "duplicate_number", "out_of_order")]
