"""Golden files: a hand-built tree and what each format makes of it.

tests/data/export/sample.json is a regulation tree written out by hand (parts,
chapters, a section, 第十一条之一, items with sub-items, resolved and
unresolved references, an 附则 heading, an appendix, XML-special characters);
sample.* beside it are the expected exports.  After a deliberate change to an
exporter, regenerate with ``REGPARSE_REGEN=1 pytest tests/test_export_golden.py``
and review the diff.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from regparse import Regulation
from regparse.export import render

DATA = Path(__file__).resolve().parent / "data" / "export"
OUTPUTS = {"akn": "sample.akn.xml", "markdown": "sample.md", "text": "sample.txt",
           "html": "sample.html", "tree": "sample.tree.txt"}


@pytest.fixture(scope="module")
def sample() -> Regulation:
    return Regulation.model_validate_json((DATA / "sample.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("fmt", sorted(OUTPUTS))
def test_export_matches_golden_file(sample, fmt):
    path = DATA / OUTPUTS[fmt]
    out = render(sample, fmt)
    if os.environ.get("REGPARSE_REGEN") == "1":
        path.write_text(out, encoding="utf-8")
    assert out == path.read_text(encoding="utf-8"), f"{fmt} export differs from {path.name}"


def test_methods_on_regulation_delegate_to_the_exporters(sample):
    assert sample.to_text() == render(sample, "text")
    assert sample.to_markdown() == render(sample, "markdown")
    assert sample.to_html() == render(sample, "html")
    assert sample.to_akn() == render(sample, "akn")
    uri = "/akn/cn/act/2025/party-organs"
    assert sample.to_akn(frbr_uri=uri) == render(sample, "akn", frbr_uri=uri)
