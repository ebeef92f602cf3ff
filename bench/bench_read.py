#!/usr/bin/env python3
"""How fast the readers read files, against a reference on the same file in the same run.

- PDF (../shared/corpus/real/*.pdf, and tests/data/files/*.pdf): reading time
  (``regparse.read_source``) against ``pdftotext -enc UTF-8`` on the same file
  (the pdftotext column is left out when it is not on PATH).  Target: within 3×.
- DOCX and HTML (../shared/corpus/formats): reading time against
  ``regparse.parse`` of the text the reader produced, the work that follows
  the read anyway.  Target: within 2×.

Reading times are the best of N wall-clock runs per file (pdftotext is a
separate process, so CPU time of this process would not compare); a parse is
timed once per text, its first in the run (the parser memoises lines it has
seen).  Totals, the ratio of the totals per set, and the worst file are
printed.

    python bench/bench_read.py              # every file, best of 3
    python bench/bench_read.py --quick      # every 4th file, best of 2
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import regparse  # noqa: E402
from corpus_score import corpus_dir  # noqa: E402


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def pdftotext_time(path: Path, repeat: int) -> float | None:
    exe = shutil.which("pdftotext")
    if exe is None:
        return None
    return best(lambda: subprocess.run([exe, "-enc", "UTF-8", str(path), "-"], check=True,
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL), repeat)


def bench_pdfs(paths: list[Path], repeat: int) -> dict:
    rows = []
    for path in paths:
        read = best(lambda: regparse.read_source(path), repeat)
        reference = pdftotext_time(path, repeat)
        rows.append({"file": path.name, "read_s": read, "pdftotext_s": reference,
                     "ratio": read / reference if reference else None})
    return summarise(rows, "pdftotext_s")


def bench_files(paths: list[Path], repeat: int) -> dict:
    # the parser memoises the lines it has seen, so a text is parsed once: the first
    # parse of it in this run, after a warm-up on another text has loaded the grammar
    regparse.parse((ROOT / "seeds" / "004_931bd066818f0e97.txt").read_text(encoding="utf-8"))
    rows = []
    for path in paths:
        read = best(lambda: regparse.read_source(path), repeat)
        text = regparse.read_file(path)
        t = time.perf_counter()
        regparse.parse(text)
        parse = time.perf_counter() - t
        rows.append({"file": path.name, "read_s": read, "parse_s": parse, "ratio": read / parse})
    return summarise(rows, "parse_s")


def summarise(rows: list[dict], reference: str) -> dict:
    total_read = sum(r["read_s"] for r in rows)
    refs = [r[reference] for r in rows if r[reference] is not None]
    total_ref = sum(refs) if refs else None
    ratios = [r for r in rows if r["ratio"] is not None]
    worst = max(ratios, key=lambda r: r["ratio"]) if ratios else None
    return {"files": len(rows), "read_s": total_read, reference: total_ref,
            "ratio": total_read / total_ref if total_ref else None,
            "worst": worst and {"file": worst["file"], "ratio": worst["ratio"]}, "rows": rows}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="every 4th file, best of 2")
    ap.add_argument("--repeat", type=int, help="runs per file (best is kept)")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    args = ap.parse_args(argv)
    repeat = args.repeat or (2 if args.quick else 3)
    step = 4 if args.quick else 1
    corpus = corpus_dir()
    own = sorted((ROOT / "tests" / "data" / "files").glob("lo-*.pdf"))
    pdfs = (sorted((corpus / "real").glob("*.pdf"))[::step] if corpus else []) + own
    formats = sorted((corpus / "formats").glob("*.*")) if corpus else []
    docx = [p for p in formats if p.suffix == ".docx"][::step]
    html = [p for p in formats if p.suffix == ".html"][::step]

    results = {"pdf": bench_pdfs(pdfs, repeat),
               "docx": bench_files(docx, repeat) if docx else None,
               "html": bench_files(html, repeat) if html else None}
    if args.json:
        print(json.dumps(results, indent=1))
        return 0
    print(f"{'set':5s} {'files':>5s} {'read s':>9s} {'reference':>14s} {'ref s':>9s} {'ratio':>7s}  target  worst file")
    for name, target, reference, label in (("pdf", 3.0, "pdftotext_s", "pdftotext"),
                                           ("docx", 2.0, "parse_s", "parse of text"),
                                           ("html", 2.0, "parse_s", "parse of text")):
        r = results[name]
        if not r or not r["files"]:
            continue
        ref = r[reference]
        ratio = f"{r['ratio']:.2f}×" if r["ratio"] else "-"
        worst = f"{r['worst']['file']} {r['worst']['ratio']:.2f}×" if r["worst"] else "-"
        print(f"{name:5s} {r['files']:5d} {r['read_s']:9.3f} {label:>14s} "
              f"{(f'{ref:9.3f}' if ref else '        -')} {ratio:>7s}  ≤{target:.0f}×     {worst}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
