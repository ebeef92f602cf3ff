#!/usr/bin/env python3
"""How fast regparse parses, against a plain regex scan of the same text in the same run.

Texts (from ../shared/corpus/dev):

- the seven books of 民法典 (ids mfd-*) concatenated in legal order (总则, 物权编,
  合同编, 人格权编, 婚姻家庭编, 继承编, 侵权责任编) as one code: the title once,
  then each book under a 第N编 heading, its own title and issuing lines dropped;
- the same text in the ``wrapped`` and ``ocr`` skins (../shared/corpus/skins.py);
- every document of the dev corpus, each parsed on its own (totals reported).

For each text: the best of N CPU times of ``regparse.parse`` (to the full
pydantic tree) and of a regex ``finditer`` over line-start markers, MB/s of
UTF-8 input, and their ratio.  The floor under that ratio for this design is
printed beside it: the time to make the same pydantic tree from ready dicts,
and one Python-level pass over the lines; what is left of the target once
they are paid is what lexing, parsing, ids, checks and references may take.  Peak memory is measured with tracemalloc in a
separate pass so that tracing does not distort the timings.  When
``regparse.parse`` accepts ``references=False``, the cost of reference
extraction is reported; when ``regparse.export.render`` exists, the time of
each export format relative to the parse.

    python bench/bench_parse.py            # full run, best of 5 (about a minute)
    python bench/bench_parse.py --quick    # best of 3, every 8th corpus document
"""
from __future__ import annotations

import argparse
import copy
import gc
import inspect
import json
import re
import sys
import time
import tracemalloc
import unicodedata
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parents[1]
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
sys.path.insert(0, str(REPO))

import regparse  # noqa: E402  (after the path set-up, so the checkout is measured)
from regparse import numerals  # noqa: E402

BOOK_ORDER = ("总则", "物权编", "合同编", "人格权编", "婚姻家庭编", "继承编", "侵权责任编")

# The baseline: a plain line-start scan for 编/分编/章/节/条 and （一） markers.
MARKERS = re.compile(r"^(?:第[零〇一二三四五六七八九十百千两0-9０-９]+(?:编|分编|章|节|条)|[（(][一二三四五六七八九十]+[）)])",
                     re.M)

# targets from the issues
RATIO_TARGET = 15.0       # full parse vs regex scan
SKIN_TARGET = 1.5         # wrapped / ocr vs clean
REFERENCES_TARGET = 0.5   # extra time of reference extraction
EXPORT_TARGET = 1.0       # each export format vs parse
EXPORT_FORMATS = ("json", "markdown", "text", "akn", "html")

MB = 1_000_000


def load_civil_code(dev: Path) -> str:
    """The 民法典 books concatenated in legal order, as one regulation."""
    books = {}
    for gold_path in dev.glob("mfd-*.gold.json"):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = gold_path.with_name(gold_path.name.replace(".gold.json", ".txt")).read_text(encoding="utf-8")
        books[gold.get("subtitle")] = (gold, text)
    missing = [b for b in BOOK_ORDER if b not in books]
    if missing:
        sys.exit(f"bench_parse: the dev corpus lacks the 民法典 books {', '.join(missing)}")
    parts = [books[BOOK_ORDER[0]][0]["title"], ""]
    for n, book in enumerate(BOOK_ORDER, 1):
        gold, text = books[book]
        header = {gold["title"], gold.get("subtitle") or "", *gold.get("info", [])}
        lines = text.split("\n")
        i = 0
        while i < len(lines) and (not lines[i].strip() or lines[i].strip() in header):
            i += 1
        parts += [f"第{numerals.to_chinese(n)}编　{book}", ""]
        parts.append("\n".join(lines[i:]).strip("\n"))
        parts.append("")
    return "\n".join(parts)


def best_of_each(repeat: int, tasks: dict[str, Callable[[], object]]) -> dict[str, float]:
    """The best CPU time of each task over ``repeat`` rounds.

    Rounds interleave the tasks, so that a burst of load from elsewhere on the
    machine hits every task alike; one round before them warms caches up; CPU
    time of this process (not wall-clock time) keeps other processes out of the
    figures.  A task's result is freed after its time is taken: a caller keeps
    the tree it parsed.
    """
    for task in tasks.values():  # warm up: first calls build caches
        if hasattr(task, "prepare"):
            task.prepare()
        task()
    best = {name: float("inf") for name in tasks}
    for _ in range(repeat):
        for name, task in tasks.items():
            if hasattr(task, "prepare"):   # untimed set-up of the round
                task.prepare()
            gc.collect()
            start = time.process_time()
            result = task()
            best[name] = min(best[name], time.process_time() - start)
            del result   # freeing what a task made is not part of its time
    return best


def tree_floor(doc) -> dict[str, Callable[[], object]]:
    """What making the parsed tree alone costs, with no parsing at all.

    ``tree made``: regparse's own construction of the models from ready dicts
    (the dicts of ``doc.model_dump()``), with the garbage collector paused and
    resumed around it as ``regparse.parse`` does, so that its collection of
    the new objects is counted as it is in a parse.  ``tree validated``:
    pydantic's ``model_validate`` of the same dicts.
    """
    dump = doc.model_dump()
    tasks: dict[str, Callable[[], object]] = {"tree validated": lambda: type(doc).model_validate(dump)}
    try:
        try:
            from regparse.freeze import to_models
        except ImportError:   # before the construction had a module of its own
            from regparse.build import to_models
        from regparse.parse import _no_gc
    except ImportError:
        return tasks
    if to_models(doc.model_dump()) != doc:
        sys.exit("bench_parse: the tree made from the dump differs from the parsed tree")
    # to_models consumes its dicts (they become the models' __dict__): each
    # round takes a fresh copy, made before its time is taken
    copies: list[dict] = []

    def made():
        with _no_gc():
            return to_models(copies.pop())
    made.prepare = lambda: copies.append(copy.deepcopy(dump))  # type: ignore[attr-defined]
    return {"tree made": made, **tasks}


def regex_scan(text: str) -> int:
    n = 0
    for _ in MARKERS.finditer(text):
        n += 1
    return n


def scan_all(texts: list[str]) -> int:
    return sum(regex_scan(t) for t in texts)


def parse_all(texts: list[str]) -> int:
    # as a batch job does: each tree is dropped before the next parse (keeping
    # 904 trees alive would time the garbage collector's walks over them)
    return sum(len(regparse.parse(t).articles) for t in texts)


def peak_memory(fn, *args, **kwargs) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        fn(*args, **kwargs)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def mbytes(text: str) -> float:
    return len(text.encode("utf-8")) / MB


def verdict(value: float, target: float) -> str:
    return f"≤ {target:g}: {'met' if value <= target else 'NOT met'}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="best of 3 and every 8th corpus document")
    ap.add_argument("--repeat", type=int, help="repeats per measurement (default 5, 3 with --quick)")
    args = ap.parse_args(argv)
    repeat = args.repeat or (3 if args.quick else 5)

    dev = CORPUS / "dev"
    if not dev.is_dir():
        sys.exit(f"bench_parse: no corpus at {dev} (the shared corpus sits next to the repository)")
    sys.path.insert(0, str(CORPUS))
    import skins

    code = load_civil_code(dev)
    doc = regparse.parse(code)
    print(f"民法典: {len(code):,} characters, {mbytes(code):.2f} MB UTF-8, "
          f"{len(doc.articles)} articles, {len(doc.divisions)} divisions; "
          f"regex markers: {regex_scan(code):,}; best of {repeat}")

    def pad(s: str, width: int) -> str:
        # CJK characters take two columns in a terminal
        wide = sum(1 for ch in s if unicodedata.east_asian_width(ch) in "WF")
        return s + " " * max(0, width - len(s) - wide)

    def row(name: str, value: str, target: str = "") -> None:
        print(f"  {pad(name, 46)} {pad(value, 36)} {target}".rstrip(), flush=True)

    row("measure", "value", "target")

    # every measurement on 民法典 in the same interleaved rounds
    skinned = {skin: skins.apply(skin, code, 1)[0] for skin in ("wrapped", "ocr")}
    can_skip_references = "references" in inspect.signature(regparse.parse).parameters
    try:
        from regparse.export import render
    except ImportError:
        render = None
    tasks: dict[str, Callable[[], object]] = {
        "regex": lambda: regex_scan(code),
        "clean": lambda: regparse.parse(code),
    }
    for skin, text in skinned.items():
        tasks[skin] = lambda text=text: regparse.parse(text)
    if can_skip_references:
        tasks["no references"] = lambda: regparse.parse(code, references=False)
    # the floor under any parse of this design: the same tree made from ready
    # dicts (as the parse makes it, garbage collector and all), the same tree
    # validated by pydantic, and one Python-level pass over the lines
    floor = tree_floor(doc)
    tasks.update(floor)
    lines = code.splitlines()
    tasks["line pass"] = lambda: [MARKERS.match(line) for line in lines]
    failed_exports: dict[str, str] = {}
    for fmt in EXPORT_FORMATS if render else ():
        try:
            render(doc, fmt)
        except Exception as e:  # one broken exporter must not hide the others
            failed_exports[fmt] = f"{type(e).__name__}: {e}"
        else:
            tasks[fmt] = lambda fmt=fmt: render(doc, fmt)
    t = best_of_each(repeat, tasks)

    t_regex, t_parse = t["regex"], t["clean"]
    ratio = t_parse / t_regex
    row("民法典 regex scan", f"{t_regex * 1000:8.2f} ms  {mbytes(code) / t_regex:8.1f} MB/s")
    row("民法典 parse (clean)", f"{t_parse * 1000:8.1f} ms  {mbytes(code) / t_parse:8.2f} MB/s")
    row("民法典 parse / regex", f"{ratio:8.1f} x", verdict(ratio, RATIO_TARGET))

    budget = RATIO_TARGET * t_regex
    nodes = sum(1 for _ in doc.walk())
    for name in floor:
        row(f"民法典 floor: {name} ({nodes:,} nodes)", f"{t[name] * 1000:8.2f} ms  {t[name] / t_regex:6.1f} x")
    row(f"民法典 floor: a Python pass over {len(lines):,} lines", f"{t['line pass'] * 1000:8.2f} ms  "
        f"{t['line pass'] / t_regex:6.1f} x")
    if "tree made" in floor:
        left = budget - t["tree made"] - t["line pass"]
        row(f"民法典 left for the rest under {RATIO_TARGET:g} x", f"{left * 1000:8.2f} ms  "
            f"{left / len(lines) * 1e6:6.2f} µs a line")
        row("民法典 the rest today", f"{(t_parse - t['tree made'] - t['line pass']) * 1000:8.2f} ms  "
            f"{(t_parse - t['tree made'] - t['line pass']) / len(lines) * 1e6:6.2f} µs a line")

    peak = peak_memory(regparse.parse, code)
    row("民法典 peak memory (tracemalloc)", f"{peak / MB:8.1f} MB  ({peak / len(code.encode()):.0f} x input)")

    for skin in skinned:
        row(f"民法典 parse ({skin}) / clean", f"{t[skin] / t_parse:8.2f} x  ({t[skin] * 1000:.1f} ms)",
            verdict(t[skin] / t_parse, SKIN_TARGET))

    if can_skip_references:
        extra = t_parse / t["no references"] - 1
        row("民法典 reference extraction (added time)",
            f"{extra * 100:7.1f} %  ({t['no references'] * 1000:.1f} ms without)",
            f"≤ {REFERENCES_TARGET:.0%}: {'met' if extra <= REFERENCES_TARGET else 'NOT met'}")
    else:
        row("民法典 reference extraction", "skipped: parse() has no references=")

    if render is None:
        row("民法典 exports", "skipped: no regparse.export.render")
    for fmt in EXPORT_FORMATS if render else ():
        if fmt in failed_exports:
            row(f"民法典 export {fmt}", f"failed: {failed_exports[fmt]}"[:60])
        else:
            row(f"民法典 export {fmt} / parse", f"{t[fmt] / t_parse:8.2f} x  ({t[fmt] * 1000:.1f} ms)",
                verdict(t[fmt] / t_parse, EXPORT_TARGET))

    # -- the whole dev corpus --------------------------------------------------------
    paths = sorted(dev.glob("*.txt"))
    if args.quick:
        paths = paths[::8]
    texts = [p.read_text(encoding="utf-8") for p in paths]
    size = sum(mbytes(t) for t in texts)
    articles = parse_all(texts)
    t = best_of_each(max(1, min(repeat, 3)), {"regex": lambda: scan_all(texts), "parse": lambda: parse_all(texts)})
    t_regex_all, t_parse_all = t["regex"], t["parse"]
    label = f"dev corpus ({len(texts)} docs, {size:.1f} MB)"
    row(f"{label} regex", f"{t_regex_all * 1000:8.1f} ms  {size / t_regex_all:8.1f} MB/s")
    row(f"{label} parse", f"{t_parse_all:8.2f} s   {size / t_parse_all:8.2f} MB/s  {articles} articles")
    row("dev corpus parse / regex", f"{t_parse_all / t_regex_all:8.1f} x", verdict(t_parse_all / t_regex_all, RATIO_TARGET))
    largest = max(texts, key=len)
    peak = peak_memory(regparse.parse, largest)
    row("largest corpus doc peak memory", f"{peak / MB:8.1f} MB  ({len(largest):,} characters)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
