"""The scripts in examples/ run as they are and print what their docstrings promise."""
from __future__ import annotations

import ast
import os
import re
import subprocess
import sys

import pytest

from conftest import ROOT, SEED_004

EXAMPLES = ROOT / "examples"


def run_example(name: str, cwd) -> str:
    """Run examples/<name> from an unrelated directory (the script finds the seed itself)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
           "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.run([sys.executable, str(EXAMPLES / name)], cwd=cwd, env=env,
                          capture_output=True, timeout=300)
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    assert proc.stderr == b""
    return proc.stdout.decode("utf-8")


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.py")), ids=lambda p: p.name)
def test_every_example_says_what_it_shows(path):
    docstring = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
    assert docstring and len(docstring.split()) >= 5
    assert f"python examples/{path.name}" in docstring


def test_parse_party_regulation(tmp_path):
    out = run_example("parse_party_regulation.py", tmp_path)
    lines = out.splitlines()
    assert "title: 中国共产党工作机关条例" in lines
    chapters = [ln.split("  (")[0].strip() for ln in lines if re.match(r"\s+第[三四五六]章 ", ln)]
    assert chapters == ["第三章 职责", "第四章 决策与执行", "第五章 监督与追责", "第六章 附则"]
    assert "articles: 25 (第八条…第三十二条)" in lines
    assert "第十一条: 2 款" in lines
    items = [ln.strip() for ln in lines if re.match(r"\s+[（(][一二三四五六][）)]", ln)]
    assert len(items) == 6
    assert items[2].endswith("当好党委参谋助手,及时报告有关情况,反映问题、提出意见建议,为党委决策提供服务;")
    assert items[1].endswith("研究部署职责范围内的工作;")  # the page break inside it is joined
    assert any("fragment_start" in ln and "第八条" in ln for ln in lines)


def test_lookup_and_cite(tmp_path):
    out = run_example("lookup_and_cite.py", tmp_path)
    assert "第11条第1款第3项 -> 第十一条第一款第（三）项  id=chp_3__art_11__para_1__item_3" in out
    assert "第十八条第（三）项 -> 第十八条第一款第（三）项" in out
    assert "  cite: 《中国共产党工作机关条例》第十一条第一款第（三）项" in out
    assert re.search(r"^not found: .*第四十条.*closest is 第三十二条$", out, re.M)
    assert "《中国共产党工作机关条例》第十一条 -> <Article 第十一条 chp_3__art_11>" in out
    assert "第十条至第十二条 -> [<Article 第十条 chp_3__art_10>, <Article 第十一条" in out
    assert re.search(r"^another act: .*《中华人民共和国宪法》.*《中国共产党工作机关条例》", out, re.M)
    lines = SEED_004.read_text(encoding="utf-8").split("\n")
    for start, line, column in re.findall(r"^  source \[(\d+):\d+\]: .*\n  at line (\d+), column (\d+)$", out, re.M):
        before = SEED_004.read_text(encoding="utf-8")[:int(start)]
        assert (int(line), int(column)) == (before.count("\n") + 1, len(before.split("\n")[-1]) + 1)
    # every span shown is where that text sits in the seed
    text = SEED_004.read_text(encoding="utf-8")
    shown = re.findall(r"^  source \[(\d+):(\d+)\]: (.+)$", out, re.M)
    assert len(shown) == 5
    for start, end, source in shown:
        actual = " ".join(text[int(start):int(end)].split())
        assert actual.startswith(source.rstrip("…"))


def test_to_json(tmp_path):
    out = run_example("to_json.py", tmp_path)
    assert "round trip equal: True" in out.splitlines()
    assert "same JSON again: True" in out.splitlines()
    assert "loaded 第十一条第一款第（三）项: 当好党委参谋助手" in out


def test_references(tmp_path):
    out = run_example("references.py", tmp_path)
    assert "某市城市绿化管理条例: 9 references" in out
    assert "relative 前款第（一）项 → 第四条第一款第（一）项  [chp_2__art_4__para_1__item_1]" in out
    assert "internal 本条例第七条至第八条 → 第七条、第八条  [chp_3__art_7 chp_3__art_8]" in out
    assert "external 《中华人民共和国行政处罚法》第二十八条" in out
    assert "本条例第六条 at (508, 514)" in out
