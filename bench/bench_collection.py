#!/usr/bin/env python3
"""The dev corpus as a collection: parsing it, indexing it, resolving every reference across it.

Every dev document (``*.txt`` of ../shared/corpus/dev beside the checkout, or of
$REGPARSE_CORPUS/dev) is parsed, then made a :class:`regparse.Collection` and every
external reference resolved in the other documents; then ``check_citations`` and
``chunks`` run over all of it.  Printed: the time of each step (best of ``--repeat``
for the steps after parsing), its ratio to parsing the same documents, and the memory
the parsed documents and the collection's indexes take (tracemalloc, a separate run).
Without the corpus it says so and exits 0.

    python bench/bench_collection.py
    python bench/bench_collection.py --repeat 5 --corpus DIR
"""
from __future__ import annotations

import argparse
import os
import sys
import time
import tracemalloc
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import regparse  # noqa: E402  (after the path set-up, so the checkout is measured)
from regparse.collection import Collection  # noqa: E402


def corpus_folder(given: str | None) -> Path | None:
    if given:
        return Path(given)
    env = os.environ.get("REGPARSE_CORPUS")
    folder = (Path(env) if env else REPO.parent / "shared" / "corpus") / "dev"
    return folder if folder.is_dir() else None


def best(task, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = task()
        times.append(time.perf_counter() - start)
    return min(times), result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--corpus", metavar="DIR", help="a folder of .txt files (default: the dev corpus)")
    args = parser.parse_args(argv)
    folder = corpus_folder(args.corpus)
    if folder is None:
        print("no corpus: ../shared/corpus/dev is absent (or pass --corpus DIR)")
        return 0
    texts = {path.stem: path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.txt"))}
    characters = sum(len(t) for t in texts.values())

    parse_time, docs = best(lambda: {key: regparse.parse(text) for key, text in texts.items()}, args.repeat)

    def build() -> Collection:
        return Collection(docs)

    def resolve() -> list:
        coll = Collection(docs)
        return coll.cross_references()

    index_time, coll = best(build, args.repeat)
    resolve_time, resolved = best(resolve, args.repeat)
    answer = "".join(f"依照{x.surface}的规定。" for x in resolved[:300])
    check_time, checks = best(lambda: regparse.check_citations(answer, coll), args.repeat)
    chunk_time, cut = best(lambda: [c for doc in docs.values() for c in doc.chunks()], args.repeat)

    tracemalloc.start()
    measured = {key: regparse.parse(text) for key, text in texts.items()}
    parsed_bytes = tracemalloc.get_traced_memory()[0]
    again = Collection(measured)
    again.cross_references()
    collection_bytes = tracemalloc.get_traced_memory()[0] - parsed_bytes
    tracemalloc.stop()

    statuses = Counter(x.status for x in resolved)
    print(f"{len(docs)} documents, {characters:,} characters, {len(resolved)} external references")
    print(f"  {'step':34} {'seconds':>9} {'× parse':>8}")
    for name, seconds in (("parse every document", parse_time), ("index them as a collection", index_time),
                          ("index and resolve every reference", resolve_time),
                          (f"check_citations, {len(checks)} citations", check_time),
                          (f"chunks, {len(cut)} chunks", chunk_time)):
        print(f"  {name:34} {seconds:9.3f} {seconds / parse_time:8.3f}")
    print(f"  memory: parsed documents {parsed_bytes / 2**20:.1f} MiB; collection and resolution "
          f"{collection_bytes / 2**20:.1f} MiB more ({collection_bytes / max(parsed_bytes, 1):.2f} × the documents)")
    print("  references: " + ", ".join(f"{status} {count}" for status, count in statuses.most_common()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
