"""Golden files for each kind of real-world noise: tests/data/noise/<name>.txt
is the input (a real snippet of a seed or a corpus text, degraded the way
pages are), <name>.json what regparse makes of it: the outline, the noise it
removed, its diagnostics and the decisions it took.  Each kind comes in pairs,
the decision and its opposite (tests/data/noise/README.md).

Regenerate with REGPARSE_REGEN=1 and review the diff before committing.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import regparse
from regparse.lex import JOIN_RULES
from conftest import lost_characters

DATA = Path(__file__).parent / "data" / "noise"
CASES = sorted(p.stem for p in DATA.glob("*.txt"))


def summary(doc: regparse.Regulation) -> dict:
    def node(n):
        out = {"kind": n.kind, "label": n.label}
        if n.title:
            out["title"] = n.title
        if n.kind in ("paragraph", "item", "subitem"):
            out["text"] = n.text
        kids = getattr(n, "children", None)
        if kids:
            out["children"] = [node(c) for c in kids]
        return out

    return {
        "title": doc.title,
        "info": doc.info,
        "preamble": doc.preamble,
        "children": [node(c) for c in doc.children],
        "headings": [h.text for h in doc.headings],
        "appendices": [a.text for a in doc.appendices],
        "noise": [[n.kind, n.text] for n in doc.noise],
        "diagnostics": [d.code for d in doc.diagnostics],
        "decisions": [[d.kind, d.message] for d in doc.decisions if d.kind not in JOIN_RULES],
        "joined_lines": sum(1 for d in doc.decisions if d.kind in JOIN_RULES),
    }


@pytest.mark.parametrize("name", CASES)
def test_golden(name):
    text = (DATA / f"{name}.txt").read_text(encoding="utf-8")
    doc = regparse.parse(text, explain=True)
    got = summary(doc)
    expected_path = DATA / f"{name}.json"
    if os.environ.get("REGPARSE_REGEN"):
        expected_path.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    assert got == expected
    assert not lost_characters(text, doc)
