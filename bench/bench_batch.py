#!/usr/bin/env python3
"""``regparse batch -j 2`` against ``-j 1`` over the dev corpus, in the same run.

Every dev document (``*.txt`` of ../shared/corpus/dev beside the checkout, or
of $REGPARSE_CORPUS/dev) is parsed and written as JSON into a fresh temporary
folder, once with one process and once with two workers, rounds interleaved
so that load from elsewhere hits both alike; the best wall-clock time of each
counts, and the ratio is printed.  Without the corpus it says so and exits 0.

    python bench/bench_batch.py                 # best of 3
    python bench/bench_batch.py --repeat 5 --format akn
    python bench/bench_batch.py --corpus DIR    # any folder of .txt files
"""
from __future__ import annotations

import argparse
import io
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from regparse import batch  # noqa: E402  (after the path set-up, so the checkout is measured)


def corpus_folder() -> Path | None:
    """The dev corpus: $REGPARSE_CORPUS/dev, else ../shared/corpus/dev beside the checkout."""
    env = os.environ.get("REGPARSE_CORPUS")
    folder = (Path(env) if env else REPO.parent / "shared" / "corpus") / "dev"
    return folder if folder.is_dir() else None


def timed_batch(folder: Path, jobs: int, fmt: str) -> tuple[float, int]:
    """Wall-clock seconds of one batch into a fresh folder, and the files it parsed."""
    out = Path(tempfile.mkdtemp(prefix="bench-batch-"))
    try:
        target = out / "all.jsonl" if fmt == "jsonl" else out / "out"
        start = time.perf_counter()
        summary = batch.run(folder, target, fmt=fmt, patterns=["*.txt"], jobs=jobs, quiet=True,
                            stream=io.StringIO())
        seconds = time.perf_counter() - start
    finally:
        shutil.rmtree(out, ignore_errors=True)
    if summary.failed:
        raise SystemExit(f"{summary.failed} files failed: {', '.join(summary.failures[:5])}")
    return seconds, summary.parsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3, help="rounds; the best time of each counts")
    parser.add_argument("--format", default="json", choices=batch.FORMATS, help="output format (default: json)")
    parser.add_argument("--corpus", type=Path, help="folder of .txt files (default: the dev corpus)")
    args = parser.parse_args(argv)
    folder = args.corpus or corpus_folder()
    if folder is None or not folder.is_dir():
        print("bench_batch: the dev corpus is absent (../shared/corpus/dev or $REGPARSE_CORPUS/dev); "
              "nothing measured")
        return 0
    files = sorted(folder.glob("*.txt"))
    megabytes = sum(p.stat().st_size for p in files) / 1e6
    print(f"{folder}: {len(files)} files, {megabytes:.1f} MB, --format {args.format}, "
          f"best of {args.repeat}, {os.cpu_count()} cores")
    timed_batch(folder, 1, args.format)  # warm-up: grammar tables, file cache
    best = {1: float("inf"), 2: float("inf")}
    for _ in range(args.repeat):
        for jobs in best:
            seconds, parsed = timed_batch(folder, jobs, args.format)
            best[jobs] = min(best[jobs], seconds)
    for jobs, seconds in best.items():
        print(f"-j {jobs}: {seconds:.2f} s, {parsed / seconds:.0f} files/s")
    ratio = best[2] / best[1]
    print(f"-j 2 / -j 1: {ratio:.2f}× the time ({1 / ratio:.2f}× as fast)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
