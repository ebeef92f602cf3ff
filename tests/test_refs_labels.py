"""Consistency of the hand-labelled cross-reference set in tests/data/references/.

The labels are the yardstick for reference extraction, so a slip in them (an
offset that drifted, a target that does not exist, a non-canonical citation)
would silently distort every score measured against them.  These tests check
the files against themselves and, when the corpus is present, against the
corpus texts and their gold structure.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from regparse.numerals import to_chinese, to_int

LABELS = Path(__file__).resolve().parent / "data" / "references"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"
KINDS = {"internal", "relative", "external"}
FOLDERS = {"jjf", "xzf", "xzfg", "shf", "mssf", "sfjs", "bmgz", "ssf", "xfxg", "mfd", "xingf"}
#: a note containing one of these marks a target that is deliberately not resolved in the
#: document itself (民法典 books citing another book) or not relative to the reference's
#: own article (an elliptical 第（四）项 continuing the previous reference)
OUTSIDE = "outside this document"
ELLIPTICAL = "elliptical"

_N = "[一二三四五六七八九十百千零]+"
CANONICAL = re.compile(
    rf"^(?:第{_N}编)?(?:第{_N}分编)?(?:第{_N}章)?(?:第{_N}节)?"
    rf"(?:第{_N}条(?:之{_N})?)?(?:第{_N}款)?(?:第（{_N}）项)?(?:第[1-9][0-9]*目)?$")


def _records() -> dict[str, list[dict]]:
    return {p.stem: [json.loads(line) for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
            for p in sorted(LABELS.glob("*.jsonl"))}


RECORDS = _records()
ALL = [r for recs in RECORDS.values() for r in recs]
REFS = [r for r in ALL if not r.get("negative")]
NEGATIVES = [r for r in ALL if r.get("negative")]


def _numerals_canonical(citation: str) -> bool:
    for numeral in re.findall(_N, citation):
        if to_chinese(to_int(numeral)) != numeral:
            return False
    return True


# -- the files on their own ----------------------------------------------------


def test_the_set_is_as_large_and_as_varied_as_promised():
    folders = {doc.split("-")[0] for doc, recs in RECORDS.items() if any(not r.get("negative") for r in recs)}
    assert len(REFS) >= 300
    assert len({r["doc"] for r in REFS}) >= 40
    assert len(NEGATIVES) >= 40
    assert FOLDERS <= folders
    assert Counter(r["kind"] for r in REFS).keys() == KINDS


def test_records_have_the_documented_fields():
    for doc, recs in RECORDS.items():
        for r in recs:
            assert r["doc"] == doc
            assert isinstance(r["start"], int) and isinstance(r["end"], int) and r["start"] < r["end"]
            assert len(r["surface"]) == r["end"] - r["start"]
            assert r["article"] is None or re.fullmatch(rf"第{_N}条(?:之{_N})?", r["article"]), r
            if r.get("negative"):
                assert "kind" not in r and "targets" not in r, r
                continue
            assert r["kind"] in KINDS, r
            assert r["targets"], r
            assert (r["act"] is not None) == (r["kind"] == "external"), r


def test_records_are_sorted_and_do_not_overlap():
    for doc, recs in RECORDS.items():
        for a, b in zip(recs, recs[1:]):
            assert a["end"] <= b["start"], (doc, a["surface"], b["surface"])


def test_targets_are_canonical_citations():
    for r in REFS:
        for target in r["targets"]:
            assert CANONICAL.match(target), (r["doc"], r["surface"], target)
            assert _numerals_canonical(target), (r["doc"], r["surface"], target)
        assert len(set(r["targets"])) == len(r["targets"]), r


def test_external_references_name_their_act_in_the_surface():
    for r in REFS:
        if r["kind"] == "external":
            assert r["act"] and "《" not in r["act"][:1], r
            assert r["act"] in r["surface"] or ELLIPTICAL in r.get("note", ""), r


# -- against the corpus ---------------------------------------------------------

needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="corpus not present")


def _load(doc: str) -> tuple[str, dict]:
    text = (CORPUS / f"{doc}.txt").read_text(encoding="utf-8")
    gold = json.loads((CORPUS / f"{doc}.gold.json").read_text(encoding="utf-8"))
    return text, gold


def _article_spans(text: str, gold: dict) -> list[tuple[str, int, int]]:
    """(label, start of its body text, start of the next article's line) for each gold article."""
    starts = []
    pos = 0
    for article in gold["articles"]:
        label = article["label"]
        pattern = re.compile(rf"^{re.escape(label)}[ \t\u3000]", re.M)
        match = pattern.search(text, pos)
        assert match, (gold["id"], label)
        starts.append((label, match.start()))
        pos = match.end()
    spans = []
    for i, (label, start) in enumerate(starts):
        end = starts[i + 1][1] if i + 1 < len(starts) else len(text)
        spans.append((label, start + len(label), end))
    return spans


def _citations(gold: dict) -> set[str]:
    """Every citation the document's gold structure can answer, in canonical form.

    Divisions are cited the way regparse cites them: by their own label, except
    sections and divisions whose number repeats in the document (刑法's chapters
    restart in each 编), which carry their parent's citation in front.
    """
    out: set[str] = set()
    repeats = Counter((d["kind"], d["number"]) for d in gold["divisions"])
    by_path: dict[tuple[str, ...], str] = {}
    for d in gold["divisions"]:
        parent = by_path.get(tuple(d["path"]), "")
        own = d["label"]
        cite = parent + own if d["kind"] == "section" or repeats[(d["kind"], d["number"])] > 1 else own
        by_path[tuple(d["path"] + [own])] = cite
        out.add(cite)
    for article in gold["articles"]:
        label = article["label"]
        out.add(label)
        for pi, para in enumerate(article["paragraphs"], 1):
            pcite = f"{label}第{to_chinese(pi)}款"
            out.add(pcite)
            for item in para["items"]:
                icite = f"{pcite}第（{to_chinese(item['number'])}）项"
                out.add(icite)
                for sub in item["subitems"]:
                    out.add(f"{icite}第{sub['number']}目")
    return out


@needs_corpus
def test_offsets_point_at_the_surface_inside_the_named_article():
    for doc, recs in RECORDS.items():
        text, gold = _load(doc)
        spans = _article_spans(text, gold)
        for r in recs:
            assert text[r["start"]:r["end"]] == r["surface"], (doc, r)
            inside = [label for label, start, end in spans if start <= r["start"] and r["end"] <= end]
            assert inside == [r["article"]], (doc, r["surface"], r["article"], inside)


@needs_corpus
def test_internal_and_relative_targets_exist_in_the_document():
    for doc, recs in RECORDS.items():
        _, gold = _load(doc)
        known = _citations(gold)
        for r in recs:
            if r.get("negative") or r["kind"] == "external" or OUTSIDE in r.get("note", ""):
                continue
            missing = [t for t in r["targets"] if t not in known]
            assert not missing, (doc, r["surface"], missing)


@needs_corpus
def test_relative_references_point_into_their_own_or_a_preceding_article():
    for doc, recs in RECORDS.items():
        _, gold = _load(doc)
        order = [a["label"] for a in gold["articles"]]
        for r in recs:
            if r.get("negative") or r["kind"] != "relative" or ELLIPTICAL in r.get("note", ""):
                continue
            here = order.index(r["article"])
            for target in r["targets"]:
                article = re.match(rf"第{_N}条(?:之{_N})?", target).group()
                assert article in order[:here + 1], (doc, r["surface"], target)
                if not r["surface"].startswith(("前条", "上条", "前两条", "前三条")):
                    assert article == r["article"], (doc, r["surface"], target)


@needs_corpus
def test_negatives_are_look_alikes_not_references():
    """A negative never lies inside a labelled reference and never reads as 第X条/款/项/章/节/编."""
    for doc, recs in RECORDS.items():
        refs = [(r["start"], r["end"]) for r in recs if not r.get("negative")]
        for r in recs:
            if not r.get("negative"):
                continue
            assert not any(s < r["end"] and r["start"] < e for s, e in refs), (doc, r)
            assert not re.fullmatch(rf"第{_N}[条款项章节编]", r["surface"]), (doc, r)
