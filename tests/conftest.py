"""Shared fixtures: the seeds, the corpus beside the project, and the no-loss check."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from accounting import accounted_text, lost_characters, printed_label  # noqa: F401  (the tests' no-loss check)

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




def longest_by_parsing(text: str, steps, i: int):
    """What ``steps.longest(i)`` must give, read the slow way: the end and the
    parse of the longest run of ``text`` from the i-th step start that
    ``regparse.citation.parse`` reads (None if none does)."""
    from regparse.citation import parse
    from regparse.errors import CitationError

    start = steps.starts[i]
    for end in reversed(steps.ends):
        if end <= start:
            break
        try:
            return end, parse(text[start:end])
        except CitationError:
            pass
    return None
