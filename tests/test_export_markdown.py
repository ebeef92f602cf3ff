"""Markdown: # title, ## divisions one level deeper per rank present, **article labels**, items as lines."""
from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

import pytest

import regparse
from regparse import Regulation
from regparse.export import to_markdown

ROOT = Path(__file__).resolve().parents[1]
SEED_004 = ROOT / "seeds" / "004_931bd066818f0e97.txt"
SAMPLE = ROOT / "tests" / "data" / "export" / "sample.json"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"


def test_title_chapters_and_bold_labels(seed_004):
    lines = to_markdown(seed_004).split("\n\n")
    assert lines[0] == "# 中国共产党工作机关条例"
    assert [line for line in lines if line.startswith("#")][1:] == \
        [f"## {d.label} {d.title}" for d in seed_004.divisions]
    art11 = seed_004.article(11)
    start = lines.index("**第十一条** " + art11.paragraphs[0].text)
    assert lines[start + 1] == art11.paragraphs[0].items[0].label + art11.paragraphs[0].items[0].text
    assert sum(line.startswith("**第") for line in lines) == len(seed_004.articles)


def test_one_level_deeper_per_rank_present():
    sample = Regulation.model_validate_json(SAMPLE.read_text(encoding="utf-8"))
    headings = [line for line in to_markdown(sample).split("\n\n") if line.startswith("#")]
    assert headings == ["# 中国共产党工作机关条例", "## 第一编 总则", "### 第一章 职责", "#### 第一节 工作机关职责",
                        "### 第二章", "## 附则", "## 附注", "## 附件"]


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is absent")
def test_same_markdown_as_the_corpus_markdown_skin():
    """The corpus's markdown skin imitates the public law collections; with its
    level-2 headings and a space after labels it is exactly our export."""
    sys.path.insert(0, str(CORPUS.parent))
    try:
        skins = importlib.import_module("skins")
    finally:
        sys.path.remove(str(CORPUS.parent))
    source = (CORPUS / "mfd-ada6b16d10.txt").read_text(encoding="utf-8")  # 民法典 合同编
    gold = json.loads((CORPUS / "mfd-ada6b16d10.gold.json").read_text(encoding="utf-8"))
    ours = to_markdown(regparse.parse(source))
    compared = 0
    for seed in range(40):
        skinned, _ = skins.apply("markdown", source, seed, gold)
        if "\n## 第一分编 通则" in skinned and "**第四百六十三条** 本编" in skinned:
            assert ours == skinned.rstrip("\n") + "\n"
            compared += 1
    assert compared
