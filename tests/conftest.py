"""Shared fixtures: the seeds, the corpus beside the project, and the no-loss check."""
from __future__ import annotations

import collections
import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SEED_004 = SEEDS / "004_931bd066818f0e97.txt"
NEWS_SEEDS = sorted(p for p in SEEDS.glob("00[0-3]_*.txt"))


def corpus_dir() -> Path | None:
    env = os.environ.get("REGPARSE_CORPUS")
    path = Path(env) if env else ROOT.parent / "shared" / "corpus"
    return path if (path / "dev").is_dir() else None


CORPUS = corpus_dir()
needs_corpus = pytest.mark.skipif(CORPUS is None, reason="../shared/corpus is absent")


def corpus_ids() -> list[str]:
    if CORPUS is None:
        return []
    return sorted(p.name[: -len(".gold.json")] for p in (CORPUS / "dev").glob("*.gold.json"))


def corpus_text(doc_id: str) -> str:
    return (CORPUS / "dev" / f"{doc_id}.txt").read_text(encoding="utf-8")  # type: ignore[operator]


def corpus_gold(doc_id: str) -> dict:
    return json.loads((CORPUS / "dev" / f"{doc_id}.gold.json").read_text(encoding="utf-8"))  # type: ignore[operator]


@pytest.fixture(scope="session")
def seed_004_text() -> str:
    return SEED_004.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_004(seed_004_text):
    import regparse

    return regparse.parse(seed_004_text)


def accounted_text(doc) -> str:
    """Every piece of text the parse kept: the tree's labels, titles and texts,
    the front matter, preamble, headings, appendices, and the noise it removed."""
    parts = [doc.title or "", doc.subtitle or "", *doc.info, doc.preamble]
    for node in doc.walk():
        if node is doc:
            continue
        parts.append(node.label)
        parts.append(node.title or "")
        if node.kind in ("paragraph", "item", "subitem"):
            parts.append(node.text)
        elif node.kind in ("part", "subpart", "chapter", "section"):
            parts.append(node.intro)
    for h in doc.headings:
        parts.append(h.text)
        parts.extend(h.paragraphs)
    for a in doc.appendices:
        parts.append(a.text)
    for n in doc.noise:
        parts.append(n.text)
    return "".join(parts)


def printed_label(source: str, node) -> str:
    """The label as printed where the node starts: a label read through an
    OCR or Traditional variant (〈一) → （一）, 第十一條 → 第十一条) is the
    canonical one, character for character, and the span leads to the print."""
    want = len(node.label)
    out = []
    for ch in source[node.span[0]:node.span[0] + 4 * want + 8]:
        if len(out) == want:
            break
        if not ch.isspace():
            out.append(ch)
    return "".join(out)


def lost_characters(source: str, doc) -> collections.Counter:
    """Characters of the input (whitespace aside) that the parse kept nowhere."""
    have = collections.Counter("".join(accounted_text(doc).split()))
    for node in doc.walk():
        if node is not doc and node.label:
            printed = printed_label(source, node)
            if printed != node.label:
                have.update(printed)
    need = collections.Counter("".join(source.split()))
    return need - have
