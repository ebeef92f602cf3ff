"""The readers on the corpus files: real/ PDFs and formats/ .docx and HTML, scored against the gold.

Thresholds (micro-averaged over each set, score.py's metrics; titles compared
exactly): real/ PDFs, and formats/ per DOCX style and HTML template.  Skips
where ../shared/corpus is absent.  ``python bench/read_score.py`` prints the
same table.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import CORPUS, needs_corpus

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

pytest.importorskip("pypdfium2")
pytest.importorskip("lxml")

PDF_BARS = {"article_f1": 0.999, "text_exact": 0.99, "division_f1": 0.995, "para_count_acc": 0.98,
            "item_f1": 0.99, "title_exact": 0.98}
FORMAT_BARS = {"article_f1": 0.999, "text_exact": 0.995, "division_f1": 0.995, "item_f1": 0.99}
STYLES = ["docx:plain", "docx:autonum", "docx:manual-breaks", "html:npc", "html:govcn", "html:br"]


@pytest.fixture(scope="module")
def real_scores():
    import read_score

    return read_score.score_files(read_score.real_files(CORPUS), CORPUS)


@pytest.fixture(scope="module")
def format_scores():
    import read_score

    return read_score.score_files(read_score.format_files(CORPUS), CORPUS)


@needs_corpus
@pytest.mark.parametrize("metric", PDF_BARS)
def test_real_pdfs_meet_the_bar(real_scores, metric):
    row = real_scores["all:pdf"]
    assert row["documents"] == 60
    assert row[metric] >= PDF_BARS[metric], (metric, row)


@needs_corpus
@pytest.mark.parametrize("style", STYLES)
def test_each_docx_style_and_html_template_meets_the_bar(format_scores, style):
    row = format_scores[style]
    assert row["documents"] >= 16
    for metric, bar in FORMAT_BARS.items():
        assert row[metric] >= bar, (style, metric, row)
