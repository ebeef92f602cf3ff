"""Reference extraction against the hand-labelled set (tests/data/references/).

Precision ≥ 0.98 and recall ≥ 0.95, overall and for each kind, on the
documents parsed by regparse.parse; the same on the gold structure, which
measures the reference finder alone.  bench/refs_score.py prints the table
(``--errors`` lists every difference).
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "tests" / "data" / "references"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"

pytestmark = pytest.mark.skipif(not CORPUS.is_dir() or not any(LABELS.glob("*.jsonl")),
                                reason="corpus or labelled references not available")


def _scorer():
    spec = importlib.util.spec_from_file_location("refs_score", ROOT / "bench" / "refs_score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scorer():
    return _scorer()


@pytest.mark.parametrize("from_gold", [False, True], ids=["parsed", "gold-structure"])
def test_labelled_references_are_found_and_resolved(scorer, from_gold):
    result = scorer.score(scorer.load_labels(LABELS), from_gold=from_gold, corpus=CORPUS)
    table = result["table"]
    assert table["all"]["labelled"] > 0
    shortfalls = [f"{kind}: precision {row['precision']:.3f} recall {row['recall']:.3f}"
                  for kind, row in table.items() if kind != "negatives"
                  if row["precision"] < 0.98 or row["recall"] < 0.95]
    assert not shortfalls, "\n".join(shortfalls + result["errors"][:30])
    assert table["negatives"]["rate"] >= 0.98, "\n".join(e for e in result["errors"] if "NEGATIVE" in e)
