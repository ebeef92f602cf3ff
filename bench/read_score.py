#!/usr/bin/env python3
"""Score regparse on files: the corpus PDFs (real/) and Word/HTML files (formats/).

    python bench/read_score.py                  # both sets, one row per producer / style
    python bench/read_score.py --set formats --per-doc
    python bench/read_score.py --files a.pdf b.docx --gold-dir ../shared/corpus/dev

Each file goes through ``regparse.parse_file`` and is scored with the corpus
score.py against ``dev/<id>.gold.json`` (the id is the file name without its
suffix).  Rows: ``pdf:<N>col`` per column count for real/, ``docx:<style>`` and
``html:<template>`` for formats/.  Columns: score.py's metrics and the share of
documents whose title is exactly the gold's.
"""
from __future__ import annotations

import argparse
import collections
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import regparse  # noqa: E402
from corpus_score import corpus_dir, to_gold  # noqa: E402

METRICS = ["article_f1", "text_exact", "division_f1", "para_count_acc", "item_f1", "subitem_f1"]


def real_files(corpus: Path) -> list[tuple[str, Path, str]]:
    """(id, pdf, group) of every document of real/, grouped by column count."""
    out = []
    for meta in sorted((corpus / "real").glob("*.meta.json")):
        m = json.loads(meta.read_text(encoding="utf-8"))
        out.append((m["id"], corpus / "real" / f"{m['id']}.pdf", f"pdf:{m['layout']['cols']}col"))
    return out


def format_files(corpus: Path) -> list[tuple[str, Path, str]]:
    out = []
    for line in (corpus / "formats" / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            out.append((r["id"], corpus / "formats" / r["file"], f"{r['format']}:{r['style']}"))
    return out


def score_files(files, corpus: Path, per_doc: bool = False):
    """{group: metrics} over ``files``, plus an ``all:<format>`` row per format."""
    sys.path.insert(0, str(corpus))
    import score as S  # type: ignore

    counts: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    titles: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    for doc_id, path, group in files:
        gold = json.loads((corpus / "dev" / f"{doc_id}.gold.json").read_text(encoding="utf-8"))
        predicted = to_gold(regparse.parse_file(path))
        c = S.count_doc(gold, predicted)
        for key in (group, "all:" + group.split(":")[0]):
            counts[key] += c
            titles[key][0] += int(predicted["title"] == (gold.get("title") or ""))
            titles[key][1] += 1
        if per_doc:
            m = S.metrics(c)
            print(f"{doc_id:18s} {group:18s} " + " ".join(f"{k}={m.get(k, 0):.3f}" for k in METRICS[:5])
                  + f" title={'ok' if predicted['title'] == gold.get('title') else repr(predicted['title'])}",
                  flush=True)
    table = {}
    for key in counts:
        m = S.metrics(counts[key])
        row = {k: m.get(k) for k in METRICS}
        row["title_exact"] = titles[key][0] / titles[key][1]
        row["documents"] = titles[key][1]
        table[key] = row
    return table


def print_table(table) -> None:
    cols = METRICS + ["title_exact"]
    print(f"{'set':22s} {'docs':>4s} " + " ".join(f"{c:>14s}" for c in cols))
    for key in sorted(table):
        row = table[key]
        print(f"{key:22s} {row['documents']:4d} "
              + " ".join(f"{row[c]:14.4f}" if row[c] is not None else f"{'-':>14s}" for c in cols))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--set", choices=["real", "formats", "both"], default="both")
    ap.add_argument("--files", nargs="*", help="score these files instead (id = file stem)")
    ap.add_argument("--per-doc", action="store_true")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--json", action="store_true", help="print the table as JSON")
    args = ap.parse_args(argv)
    corpus = corpus_dir()
    if corpus is None:
        print("corpus not found (../shared/corpus or $REGPARSE_CORPUS)", file=sys.stderr)
        return 1
    if args.files:
        files = [(Path(f).name.split(".")[0], Path(f), "files:" + Path(f).suffix[1:]) for f in args.files]
    else:
        files = []
        if args.set in ("real", "both"):
            files += real_files(corpus)
        if args.set in ("formats", "both"):
            files += format_files(corpus)
    if args.limit:
        files = files[: args.limit]
    t = time.perf_counter()
    table = score_files(files, corpus, per_doc=args.per_doc)
    if args.json:
        print(json.dumps(table, indent=1))
    else:
        print_table(table)
        print(f"{len(files)} files in {time.perf_counter() - t:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
