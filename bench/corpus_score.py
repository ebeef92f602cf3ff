#!/usr/bin/env python3
"""Score regparse against the gold structure of the dev corpus, skin by skin.

    python bench/corpus_score.py                       # clean skin, every document
    python bench/corpus_score.py --skins all --seeds 1 2 3
    python bench/corpus_score.py --skins wrapped --limit 50 --per-doc

The corpus lives beside the project (../shared/corpus, or $REGPARSE_CORPUS);
its skins.py renders each document as markdown, wrapped, ocr, embedded,
fragment or flat text, and score.py compares a prediction with the gold.
Prints a skin × metric table: score.py's metrics, then the share of documents
whose title and whose issuing lines (info) are exactly the gold's.

    python bench/corpus_score.py --real               # the text of the real tools, per mode

``--real`` scores the files of ../shared/corpus/real (pdftotext default and
-layout, tesseract psm 3 and psm 4 of newspaper pages) against the unchanged
dev gold, one row per mode, with the article precision beside the F1.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import regparse  # noqa: E402
from regparse.model import Article, Division, Regulation  # noqa: E402

SKINS = ["clean", "markdown", "wrapped", "ocr", "embedded", "fragment", "flat"]
METRICS = ["article_f1", "text_exact", "division_f1", "para_count_acc", "item_f1", "subitem_f1", "path_acc"]
# regparse's own measures of the front matter, which score.py does not score:
# the share of documents whose title, and whose issuing lines, are exactly the gold's
FRONT = ["title_exact", "info_exact"]


def corpus_dir() -> Path | None:
    env = os.environ.get("REGPARSE_CORPUS")
    path = Path(env) if env else ROOT.parent / "shared" / "corpus"
    return path if (path / "dev").is_dir() and (path / "score.py").is_file() else None


def load_tools(corpus: Path):
    sys.path.insert(0, str(corpus))
    import score  # type: ignore
    import skins  # type: ignore
    return score, skins


def to_gold(doc: Regulation) -> dict:
    """The parse in the corpus gold schema (the keys score.py reads)."""
    divisions = []
    articles = []

    def visit(nodes, path):
        for node in nodes:
            if isinstance(node, Article):
                articles.append({
                    "label": node.label, "number": node.number, "suffix": node.suffix, "path": list(path),
                    "title": node.title,
                    "paragraphs": [{"text": p.text, "items": [
                        {"label": it.label, "number": it.number, "text": it.text,
                         "subitems": [{"label": s.label, "number": s.number, "text": s.text} for s in it.subitems]}
                        for it in p.items]} for p in node.paragraphs],
                })
            elif isinstance(node, Division):
                divisions.append({"kind": node.kind, "number": node.number, "label": node.label,
                                  "title": node.title or "", "path": list(path)})
                visit(node.children, path + [node.label])
            elif node.kind == "point":
                # a 一、 heading over articles: the dev gold keeps it a heading, not a division
                visit(node.children, path)

    visit(doc.children, [])
    return {"title": doc.title or "", "subtitle": doc.subtitle, "info": doc.info,
            "preamble": doc.preamble.split("\n") if doc.preamble else [],
            "divisions": divisions, "articles": articles}


def front_counts(gold: dict, predicted: dict) -> dict[str, int]:
    """Documents, and those whose title and issuing lines match the gold exactly."""
    return {"documents": 1, "title_exact": int(predicted["title"] == (gold.get("title") or "")),
            "info_exact": int(predicted["info"] == (gold.get("info") or []))}


def run(skin: str, seeds: list[int], ids: list[str], corpus: Path, score, skins, per_doc: bool = False):
    import collections
    total = collections.Counter()
    front = collections.Counter()
    worst = []
    errors = 0
    seconds = 0.0
    for seed in (seeds if skin != "clean" else [0]):
        for doc_id in ids:
            text = (corpus / "dev" / f"{doc_id}.txt").read_text(encoding="utf-8")
            gold = json.loads((corpus / "dev" / f"{doc_id}.gold.json").read_text(encoding="utf-8"))
            try:
                text, gold = skins.apply(skin, text, seed, gold)
            except ValueError:
                continue   # a document too short for this skin (fragment needs 3 articles)
            t = time.perf_counter()
            try:
                doc = regparse.parse(text)
            except Exception as exc:  # the score must show a crash, not hide it
                errors += 1
                print(f"CRASH {skin} {seed} {doc_id}: {exc!r}", file=sys.stderr)
                continue
            seconds += time.perf_counter() - t
            predicted = to_gold(doc)
            c = score.count_doc(gold, predicted)
            total += c
            f = front_counts(gold, predicted)
            front += f
            if per_doc:
                m = score.metrics(c) | {k: float(f[k]) for k in FRONT}
                bad = sum(1 - m[k] for k in METRICS + FRONT)
                if bad > 0:
                    worst.append((bad, doc_id, seed, {k: m[k] for k in METRICS + FRONT if m[k] < 1}))
    metrics = score.metrics(total) | {k: front[k] / max(front["documents"], 1) for k in FRONT}
    return metrics, errors, seconds, sorted(worst, reverse=True)


#: the text the real tools made, by mode: (file suffix, which documents of sample.txt)
REAL_MODES = {"pdf": (".pdf.txt", "default"), "layout": (".layout.txt", None),
              "scan": (".scan.txt", None), "scan4": (".scan4.txt", None)}
REAL_METRICS = ["article_f1", "article_precision", "text_exact", "division_f1", "para_count_acc", "item_f1",
                "path_acc"]


def run_real(mode: str, corpus: Path, score, per_doc: bool = False):
    """score.py's counts summed over the real-tool files of one mode."""
    import collections
    suffix, pdf_mode = REAL_MODES[mode]
    real = corpus / "real"
    total = collections.Counter()
    worst = []
    errors = 0
    for row in (real / "sample.txt").read_text(encoding="utf-8").splitlines():
        if not row.strip():
            continue
        doc_id, _folder, made_as = row.split("\t")[:3]
        path = real / f"{doc_id}{suffix}"
        if (pdf_mode and made_as != pdf_mode) or not path.is_file():
            continue
        gold = json.loads((corpus / "dev" / f"{doc_id}.gold.json").read_text(encoding="utf-8"))
        try:
            doc = regparse.parse(path.read_text(encoding="utf-8"))
        except Exception as exc:  # the score must show a crash, not hide it
            errors += 1
            print(f"CRASH {mode} {doc_id}: {exc!r}", file=sys.stderr)
            continue
        c = score.count_doc(gold, to_gold(doc))
        total += c
        if per_doc:
            m = real_metrics(score, c)
            bad = sum(1 - m[k] for k in REAL_METRICS)
            if bad > 0:
                worst.append((bad, doc_id, {k: round(m[k], 3) for k in REAL_METRICS if m[k] < 1}))
    return real_metrics(score, total), errors, sorted(worst, reverse=True)


def real_metrics(score, counts) -> dict[str, float]:
    m = score.metrics(counts)
    predicted = counts.get("art_pred", 0)
    m["article_precision"] = counts.get("art_tp", 0) / predicted if predicted else 1.0
    return m


def main_real(corpus: Path, score, modes: list[str], per_doc: bool, as_json: bool) -> int:
    print(f"{'mode':7s} " + " ".join(f"{m[:12]:>12s}" for m in REAL_METRICS) + "   crashes")
    rows = {}
    for mode in modes:
        m, errors, worst = run_real(mode, corpus, score, per_doc)
        rows[mode] = {k: m[k] for k in REAL_METRICS} | {"crashes": errors}
        print(f"{mode:7s} " + " ".join(f"{m[k]:12.4f}" for k in REAL_METRICS) + f"   {errors:7d}", flush=True)
        for bad, doc_id, ms in worst[:15]:
            print(f"    {doc_id}: {ms}")
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--skins", nargs="+", default=["clean"], help="skins to score, or 'all'")
    ap.add_argument("--seeds", nargs="+", type=int, default=[1, 2, 3])
    ap.add_argument("--limit", type=int, default=0, help="only the first N documents")
    ap.add_argument("--only", nargs="*", help="only these document ids")
    ap.add_argument("--per-doc", action="store_true", help="list the worst documents")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--real", nargs="*", choices=list(REAL_MODES), metavar="MODE",
                    help="score the real-tool text of ../shared/corpus/real instead: every mode, or these "
                         f"({', '.join(REAL_MODES)})")
    a = ap.parse_args(argv)
    corpus = corpus_dir()
    if corpus is None:
        print("corpus not found (../shared/corpus or $REGPARSE_CORPUS)", file=sys.stderr)
        return 2
    score, skins = load_tools(corpus)
    if a.real is not None:
        return main_real(corpus, score, a.real or list(REAL_MODES), a.per_doc, a.json)
    ids = sorted(p.name[:-len(".gold.json")] for p in (corpus / "dev").glob("*.gold.json"))
    if a.only:
        ids = [i for i in ids if i in a.only]
    if a.limit:
        ids = ids[:a.limit]
    names = SKINS if a.skins == ["all"] else a.skins
    rows = {}
    columns = METRICS + FRONT
    print(f"{'skin':9s} " + " ".join(f"{m[:12]:>12s}" for m in columns) + "   crashes   seconds")
    for skin in names:
        m, errors, seconds, worst = run(skin, a.seeds, ids, corpus, score, skins, a.per_doc)
        rows[skin] = {k: m[k] for k in columns} | {"crashes": errors, "seconds": round(seconds, 2)}
        print(f"{skin:9s} " + " ".join(f"{m[k]:12.4f}" for k in columns) + f"   {errors:7d}   {seconds:7.1f}",
              flush=True)
        for bad, doc_id, seed, ms in worst[:15]:
            print(f"    {doc_id} seed {seed}: {ms}")
    if a.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
