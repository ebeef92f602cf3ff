"""Inputs made to be slow or large, each at three sizes, against the 民法典.

    python bench/pathological.py              # every family at three sizes
    python bench/pathological.py --scale 5    # five times larger (10⁶ short lines at the top)
    python bench/pathological.py --only steps,ranges

For each family of inputs (runs of citation steps, alternating divisions and
articles, ranges to numbers the document lacks, lists of references, lines
of lone markers and title marks, one huge line, many short lines, control
characters, deep nesting, long numerals, articles numbered past 一万) it
prints, at each of three sizes doubling from the first:

- time per character as a multiple of the 民法典's in the same run (target ≤ 10);
- the scaling exponent from the smallest to the largest size (log of the
  time ratio over log of the size ratio; target ≤ 1.15);
- peak memory (tracemalloc, in a separate run of the largest size) as a
  multiple of the input's UTF-8 size (target ≤ 60).

A row that misses a target is marked ``!``.  Times are the CPU time of
this process, the best of ``--repeat`` runs: on a shared machine the load of
other jobs moves wall time by tens of per cent (and the exponents of the
rows that take milliseconds by more), CPU time by a few.
"""
from __future__ import annotations

import argparse
import math
import sys
import time
import tracemalloc
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import regparse  # noqa: E402
from regparse.numerals import to_chinese  # noqa: E402

TIME_TARGET = 10.0
EXPONENT_TARGET = 1.15
MEMORY_TARGET = 60.0


def _articles_in_chinese(n: int) -> str:
    # every number past 一万 at every size, and more of them than the parser's bounded tables hold
    # (4,096): the sizes differ in length only, so the exponent compares like with like (from 9,000,
    # a third of the smallest size was under 一万 and fitted the tables, against a tenth of the largest)
    return "".join(f"第{to_chinese(k)}条 内容。\n" for k in range(10000, 10000 + n))


def _reference_list(n: int) -> str:
    return "第一条 依照" + "、".join(f"第{to_chinese(k)}条" for k in range(1, n + 1)) + "的规定。"


#: name → (what it is, the text of size n, n at the smallest size)
FAMILIES = {
    "steps": ("第一条 + 第一条×n (a run of steps no citation reads whole)",
              lambda n: "第一条 " + "第一条" * n, 20000),
    "alternating": ("(第一章 第一条)×n, one line each", lambda n: "第一章\n第一条\n" * n, 5000),
    "ranges": ("第一条 + (依照第一条至第一百万条的规定。)×n", lambda n: "第一条 " + "依照第一条至第一百万条的规定。" * n, 2000),
    "wide_range": ("第一条 依照第一条至第九…九条 (n nines)", lambda n: "第一条 依照第一条至第" + "九" * n + "条的规定。", 20000),
    "ref_list": ("第一条 依照第一条、第二条、…第n条 (one list)", _reference_list, 5000),
    "lone_di": ("第\\n × n", lambda n: "第\n" * n, 25000),
    "titles": ("《关于》\\n × n", lambda n: "《关于》\n" * n, 10000),
    "huge_line": ("(第一条 内容。)×n on one line", lambda n: "第一条 内容。" * n, 10000),
    "short_lines": ("(第一条 内容。\\n)×n", lambda n: "第一条 内容。\n" * n, 10000),
    "control": ("\\x01 × n", lambda n: "\x01" * n, 100000),
    "mixed_control": ("(第一条 内\\x01容\\x02。\\n)×n", lambda n: "第一条 内\x01容\x02。\n" * n, 10000),
    "deep": ("(编 分编 章 节 条 （一） 1. （1）)×n",
             lambda n: "第一编 甲\n第一分编 乙\n第一章 丙\n第一节 丁\n第一条 戊：\n（一）己：\n1.庚：\n（1）辛。\n" * n, 1500),
    "digits": ("第 + 1×n + 条", lambda n: "第" + "1" * n + "条", 50000),
    "nines": ("第一条 依照第 + 九×n + 条", lambda n: "第一条 依照第" + "九" * n + "条", 50000),
    "chinese_numbers": ("第一万条…第(10000+n)条 in Chinese numerals", _articles_in_chinese, 5000),
}


def _best_time(text: str, repeat: int) -> float:
    best = math.inf
    for _ in range(repeat):
        began = time.process_time()
        regparse.parse(text)
        best = min(best, time.process_time() - began)
    return best


def _peak_memory(text: str) -> int:
    tracemalloc.start()
    try:
        regparse.parse(text)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def civil_code() -> str:
    from bench_parse import CORPUS, load_civil_code

    return load_civil_code(CORPUS / "dev")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every size by this")
    parser.add_argument("--repeat", type=int, default=2, help="runs per size; the best is taken")
    parser.add_argument("--only", help="comma-separated family names")
    args = parser.parse_args(argv)
    code = civil_code()
    regparse.parse(code)
    code_time = _best_time(code, 3)
    per_char = code_time / len(code)
    print(f"民法典: {len(code):,} characters, {code_time:.2f} s, {per_char * 1e6:.2f} µs a character; "
          f"memory {_peak_memory(code) / len(code.encode()):.1f}× its UTF-8 size\n")
    print(f"{'family':16} {'chars (largest)':>15} {'time/char ×民法典 (3 sizes)':>30} {'exponent':>9} {'memory ×':>9}")
    names = args.only.split(",") if args.only else list(FAMILIES)
    failed = []
    for name in names:
        what, make, n = FAMILIES[name]
        sizes = [max(1, int(n * args.scale)) * k for k in (1, 2, 4)]
        texts = [make(size) for size in sizes]
        times = [_best_time(text, args.repeat) for text in texts]
        ratios = [t / len(text) / per_char for t, text in zip(times, texts)]
        exponent = math.log(max(times[2], 1e-9) / max(times[0], 1e-9)) / math.log(len(texts[2]) / len(texts[0]))
        memory = _peak_memory(texts[2]) / max(1, len(texts[2].encode("utf-8", "surrogatepass")))
        bad = max(ratios) > TIME_TARGET or exponent > EXPONENT_TARGET or memory > MEMORY_TARGET
        if bad:
            failed.append(name)
        print(f"{name:16} {len(texts[2]):>15,} {' '.join(f'{r:9.2f}' for r in ratios):>30} {exponent:>9.2f} "
              f"{memory:>9.1f} {'!' if bad else ''}  {what}", flush=True)
    print(f"\ntargets: time/char ≤ {TIME_TARGET}× the 民法典's, exponent ≤ {EXPONENT_TARGET}, "
          f"memory ≤ {MEMORY_TARGET}× the input; missed: {', '.join(failed) or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
