"""Draw the random sample of cross-document references labelled in tests/data/crossrefs.jsonl
after its first 238 labels, and print each one to read by hand.

The first 238 labels were not drawn at random.  The sample was: every external reference
of the dev corpus as a collection (3,293), less those labelled before, grouped by form and by
the status the collection gave it when drawn (commit 98c309b), and from each group
8 + round(64 · size / 3,055) references drawn with ``random.Random(14)``, 160 in all.
The forms are those of tests/test_collection.py: title (《…》), same (同法, 该法), bare
(a number after the act named before), declared (a 简称 the citing document declares),
short (any other name).  All 22 bare and the one 同法/该法 reference of the corpus were
labelled before, so the sample has none of them.

Each reference is printed with its citing sentence, the date the citing document was
written, and the provision at each number in every version of the act the collection
holds, with the act's amendment history; not with what the collection resolved it to
(the label is decided first).  The groups are by the status given when drawn: run on
a later commit, the statuses and so the draw differ.

Run from the checkout: python tests/data/sample_crossrefs.py  (needs ../shared/corpus)
"""
from __future__ import annotations

import json
import random
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import regparse  # noqa: E402
from regparse.collection import Collection, CrossReference, _holder_text, normalize_name  # noqa: E402
from regparse.lookup import lookup  # noqa: E402

DEV = ROOT.parent / "shared" / "corpus" / "dev"
LABELS = Path(__file__).with_name("crossrefs.jsonl")
LABELLED_BEFORE = 238
SEED = 14


def form(coll: Collection, x: CrossReference) -> str:
    surface = x.surface
    if surface.startswith("《"):
        return "title"
    if surface.startswith(("同法", "该法")):
        return "same"
    if surface.startswith("第"):
        return "bare"
    return "declared" if x.reference.act in coll._facts[x.document].declared else "short"


def draw(coll: Collection) -> list[tuple[CrossReference, str]]:
    lines = LABELS.read_text(encoding="utf-8").splitlines()[:LABELLED_BEFORE]
    before = {(label["document"], tuple(label["span"])) for label in map(json.loads, lines)}
    groups: dict[tuple[str, str], list[CrossReference]] = defaultdict(list)
    for x in coll.cross_references():
        if (x.document, tuple(x.span)) not in before:
            groups[(form(coll, x), x.status)].append(x)
    total = sum(map(len, groups.values()))
    rng = random.Random(SEED)
    sample = []
    for group in sorted(groups):
        pool = groups[group]
        picked = rng.sample(range(len(pool)), min(8 + round(64 * len(pool) / total), len(pool)))
        sample += [(pool[i], group[0]) for i in sorted(picked)]
    return sample


def show(coll: Collection, x: CrossReference, kind: str) -> None:
    doc = coll[x.document]
    facts = coll._facts[x.document]
    print(f"=== [{kind}] {x.document} 《{doc.title}》 written={facts.written}")
    raw = _holder_text(doc, x.span, coll._reading, raw=True)
    at = raw.find(x.surface)
    print("  ", (raw[max(0, at - 150):at] + "【" + x.surface + "】" + raw[at + len(x.surface):][:150]).replace("\n", " / "))
    name = normalize_name(x.reference.act or "")
    for title in coll.titles(name, within=x.document) if x.reference.act not in (None, "同法", "该法") else ():
        for enacted, effective, keys in coll.versions(title):
            print(f"   version of {enacted}:", *[line[:60] for line in coll[keys[0]].info], sep="\n     ")
            for target in x.reference.targets:
                for key in keys:
                    try:
                        node = lookup(coll[key], target)
                    except (regparse.CitationNotFound, regparse.CitationError):
                        continue
                    wording = node.full_text() if getattr(node, "children", None) else getattr(node, "text", "")
                    print(f"     {key}:{node.citation}", wording[:200].replace("\n", " / "))
                    break
                else:
                    print(f"     {target}: not in this version")


def main() -> None:
    coll = Collection({path.stem: regparse.parse(path.read_text(encoding="utf-8")) for path in sorted(DEV.glob("*.txt"))})
    for x, kind in draw(coll):
        show(coll, x, kind)


if __name__ == "__main__":
    main()
