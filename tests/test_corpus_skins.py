"""Every dev-corpus document in every degraded form (skins.py) with seeds 1, 2
and 3, scored against its gold.  Skipped without ../shared/corpus."""
from __future__ import annotations

import collections
import sys

import pytest

import regparse
from conftest import CORPUS, ROOT, corpus_gold, corpus_ids, corpus_text, needs_corpus

sys.path.insert(0, str(ROOT / "bench"))

STRICT = {"article_f1": 0.995, "text_exact": 0.98, "division_f1": 0.99, "para_count_acc": 0.97,
          "item_f1": 0.98, "path_acc": 0.99}
# run-on text has lost its line breaks, and with them most 款 boundaries
FLAT = {"article_f1": 0.98, "text_exact": 0.95, "division_f1": 0.97}
THRESHOLDS = {"markdown": STRICT, "wrapped": STRICT, "ocr": STRICT, "embedded": STRICT, "fragment": STRICT,
              "flat": FLAT}


@needs_corpus
@pytest.mark.parametrize("skin", list(THRESHOLDS))
def test_skin_meets_the_thresholds(skin):
    from corpus_score import load_tools, to_gold

    score, skins = load_tools(CORPUS)
    total = collections.Counter()
    for seed in (1, 2, 3):
        for doc_id in corpus_ids():
            try:
                text, gold = skins.apply(skin, corpus_text(doc_id), seed, corpus_gold(doc_id))
            except ValueError:
                continue  # too short for this skin (a fragment needs three articles)
            total += score.count_doc(gold, to_gold(regparse.parse(text)))
    m = score.metrics(total)
    low = {k: m[k] for k, v in THRESHOLDS[skin].items() if m[k] < v}
    assert not low, f"{skin} below threshold: {low} ({score.summary(m)})"
