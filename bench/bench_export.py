#!/usr/bin/env python3
"""How long each export takes, against the parse of the same text in the same run.

The text is the whole 民法典 (Civil Code): its seven books from
../shared/corpus/dev (ids mfd-*) concatenated in legal order (总则, 物权编,
合同编, 人格权编, 婚姻家庭编, 继承编, 侵权责任编, the order given by the
subtitle in each .gold.json), each under a 第N编 heading, as bench_parse.py
builds it.

For the parse and for each format (json, tree, markdown, text, akn, html) the
best of N CPU times is taken, rounds interleaved so that load from elsewhere
hits every task alike; the ratio export/parse is printed against the target of
at most 1× the parse time.

    python bench/bench_export.py             # best of 7
    python bench/bench_export.py --repeat 3
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import regparse  # noqa: E402  (after the path set-up, so the checkout is measured)
from bench_parse import best_of_each, load_civil_code  # noqa: E402
from regparse.export import FORMATS, render  # noqa: E402

#: each export may take at most this multiple of the parse time
TARGET = 1.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=7, help="rounds; the best time of each task counts")
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"bench_export: no corpus at {CORPUS}", file=sys.stderr)
        return 2

    text = load_civil_code(CORPUS)
    doc = regparse.parse(text)
    tasks = {"parse": lambda: regparse.parse(text)}
    for fmt in FORMATS:
        tasks[fmt] = lambda fmt=fmt: render(doc, fmt)
    best = best_of_each(args.repeat, tasks)

    size = len(text.encode("utf-8")) / 1_000_000
    print(f"民法典: {len(text):,} characters ({size:.2f} MB UTF-8), {len(doc.articles)} articles, "
          f"{len(doc.divisions)} divisions; best of {args.repeat} CPU times")
    print(f"{'task':<10}{'seconds':>10}{'MB/s':>9}{'× parse':>10}  target ≤ {TARGET:g}×")
    parse_time = best["parse"]
    print(f"{'parse':<10}{parse_time:>10.3f}{size / parse_time:>9.2f}{1:>10.2f}")
    failed = []
    for fmt in FORMATS:
        ratio = best[fmt] / parse_time
        verdict = "ok" if ratio <= TARGET else "SLOWER THAN TARGET"
        if ratio > TARGET:
            failed.append(fmt)
        print(f"{fmt:<10}{best[fmt]:>10.3f}{size / best[fmt]:>9.2f}{ratio:>10.2f}  {verdict}")
    print("all formats within target" if not failed else f"over target: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
