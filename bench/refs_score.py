"""Score reference extraction against the hand-labelled set in tests/data/references/.

Each labelled file lists every reference inside the articles it covers (and
look-alikes that are not references).  Every labelled document is parsed with
regparse.parse; the references predicted inside the covered articles are
matched to the labelled ones by overlapping span and equal kind, and a match
counts only when the targets are equal too.

    python bench/refs_score.py                 # the table
    python bench/refs_score.py --errors        # plus every miss and false alarm
    python bench/refs_score.py --from-gold     # the tree built from the gold structure
                                               # instead of parsed: extraction alone
    python bench/refs_score.py --json
    python bench/refs_score.py --points        # the enumerated documents' set (tests/data/references/points)

--from-gold separates the reference finder from the structure parser: the
tree is the corpus's gold structure, so every difference is the finder's.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import regparse  # noqa: E402
from regparse import refs  # noqa: E402
from regparse.numerals import to_chinese  # noqa: E402

LABELS = ROOT / "tests" / "data" / "references"
CORPUS = ROOT.parent / "shared" / "corpus" / "dev"
#: labels of references in the text of points of enumerated documents, keyed by ``unit``
POINT_LABELS = LABELS / "points"
POINT_CORPUS = ROOT.parent / "shared" / "corpus" / "enumerated"
KINDS = ("internal", "relative", "external")


def load_labels(directory: Path = LABELS) -> dict[str, list[dict]]:
    out = {}
    for path in sorted(directory.glob("*.jsonl")):
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        if rows:
            out[path.stem] = rows
    return out


# -- predictions ------------------------------------------------------------------


def predicted_by_article(doc: regparse.Regulation) -> dict[str, list]:
    """References of a parsed regulation, grouped by the citation of their article."""
    out: dict[str, list] = {}
    for article in doc.articles:
        found = out.setdefault(article.citation, [])
        for node in article.walk():
            found.extend(getattr(node, "references", None) or [])
    return out


def predicted_by_unit(doc: regparse.Regulation) -> dict[str, list]:
    """References of a parsed enumerated document, grouped by the citation of the
    point whose own text holds them (not its children's)."""
    return {node.citation: list(node.references) for node in doc.walk() if node.kind == "point"}


def gold_tree(text: str, gold: dict) -> tuple[dict, dict[int, list[tuple[int, int]]]]:
    """The corpus gold structure as the draft tree the pipeline hands to
    refs.annotate, and the source pieces of each text node by id()."""
    pieces: dict[int, list[tuple[int, int]]] = {}
    repeats = Counter((d["kind"], d["number"]) for d in gold["divisions"])
    root: dict = {"kind": "regulation", "id": "", "citation": "", "title": gold.get("title"), "children": [],
                  "diagnostics": []}
    open_divisions: dict[tuple[str, ...], dict] = {(): root}
    short = {"part": "part", "subpart": "subpart", "chapter": "chp", "section": "sec"}
    for d in gold["divisions"]:
        parent = open_divisions[tuple(d["path"])]
        own = d["label"]
        prefix = parent["citation"] if (d["kind"] == "section" or repeats[(d["kind"], d["number"])] > 1) else ""
        node = {"kind": d["kind"], "number": d["number"], "label": own, "title": d["title"],
                "id": (parent["id"] + "__" if parent["id"] else "") + f"{short[d['kind']]}_{d['number']}",
                "citation": prefix + own, "children": []}
        parent["children"].append(node)
        open_divisions[tuple(d["path"] + [own])] = node
    position = 0
    for article in gold["articles"]:
        label = article["label"]
        match = re.compile(rf"^{re.escape(label)}[ \t\u3000]", re.M).search(text, position)
        position = match.end()
        parent = open_divisions[tuple(article["path"])]
        art_id = f"art_{article['number']}" + (f"-{article['suffix']}" if article["suffix"] else "")
        node = {"kind": "article", "number": article["number"], "suffix": article["suffix"], "label": label,
                "id": art_id, "citation": label, "children": []}
        parent["children"].append(node)
        for pi, paragraph in enumerate(article["paragraphs"], 1):
            p_cite = f"{label}第{to_chinese(pi)}款"
            position, src = _locate(text, paragraph["text"], position)
            p_node = {"kind": "paragraph", "number": pi, "id": f"{art_id}__para_{pi}", "citation": p_cite,
                      "text": paragraph["text"], "children": []}
            pieces[id(p_node)] = src
            node["children"].append(p_node)
            for item in paragraph["items"]:
                i_cite = f"{p_cite}第（{to_chinese(item['number'])}）项"
                position, src = _locate(text, item["text"], position)
                i_node = {"kind": "item", "number": item["number"], "label": item["label"],
                          "id": f"{p_node['id']}__item_{item['number']}", "citation": i_cite,
                          "text": item["text"], "children": []}
                pieces[id(i_node)] = src
                p_node["children"].append(i_node)
                for sub in item["subitems"]:
                    position, src = _locate(text, sub["text"], position)
                    s_node = {
                        "kind": "subitem", "number": sub["number"], "label": sub["label"],
                        "id": f"{i_node['id']}__subitem_{sub['number']}", "citation": f"{i_cite}第{sub['number']}目",
                        "text": sub["text"]}
                    pieces[id(s_node)] = src
                    i_node["children"].append(s_node)
    return root, pieces


def _locate(text: str, piece: str, position: int) -> tuple[int, list[tuple[int, int]]]:
    at = text.find(piece, position)
    if at < 0:  # a continuation line joined with \n in the gold: align character by character
        src = _align(piece, text, position)
        return (src[-1][1] if src else position), src
    return at + len(piece), [(at, at + len(piece))]


def _align(piece: str, text: str, position: int) -> list[tuple[int, int]]:
    """The source pieces of ``piece`` in ``text`` from ``position``, found
    character by character (the gold joins wrapped lines that the source breaks)."""
    pieces: list[tuple[int, int]] = []
    for ch in piece:
        found = text.find(ch, position)
        if found < 0:
            found = position
        if pieces and pieces[-1][1] == found:
            pieces[-1] = (pieces[-1][0], found + 1)
        else:
            pieces.append((found, found + 1))
        position = found + 1
    return pieces


def gold_predictions(doc_id: str, text: str) -> dict[str, list]:
    gold = json.loads((CORPUS / f"{doc_id}.gold.json").read_text(encoding="utf-8"))
    tree, pieces = gold_tree(text, gold)
    refs.annotate(tree, text, pieces)
    out: dict[str, list] = {}

    def visit(node: dict, article: str | None) -> None:
        if node.get("kind") == "article":
            article = node["citation"]
            out.setdefault(article, [])
        for ref in (node.get("references") or ()) if node.get("kind") in ("paragraph", "item", "subitem") else ():
            out[article].append(regparse.Reference.model_validate(ref))
        for child in node.get("children") or ():
            visit(child, article)

    visit(tree, None)
    return out


# -- scoring --------------------------------------------------------------------------


def score(labels: dict[str, list[dict]], from_gold: bool = False, corpus: Path = CORPUS, unit: str = "article") -> dict:
    counts = {kind: Counter() for kind in KINDS + ("all",)}
    negatives = Counter()
    errors: list[str] = []
    for doc_id, rows in labels.items():
        path = corpus / f"{doc_id}.txt"
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8")
        if unit == "unit":
            predicted = predicted_by_unit(regparse.parse(text))
        else:
            predicted = gold_predictions(doc_id, text) if from_gold else predicted_by_article(regparse.parse(text))
        covered = {row[unit] for row in rows}
        gold_refs = [row for row in rows if not row.get("negative")]
        predictions = [p for article in sorted(covered) for p in predicted.get(article, [])]
        predictions.sort(key=lambda p: p.span)
        matched_gold: set[int] = set()
        for p in predictions:
            match = next((i for i, g in enumerate(gold_refs) if i not in matched_gold and g["kind"] == p.kind
                          and p.span[0] < g["end"] and g["start"] < p.span[1]), None)
            counts[p.kind]["predicted"] += 1
            counts["all"]["predicted"] += 1
            if match is None:
                errors.append(f"{doc_id} FALSE {p.kind} {p.surface} {p.span} -> {p.targets}")
                continue
            matched_gold.add(match)
            g = gold_refs[match]
            if list(p.targets) == list(g["targets"]):
                counts[p.kind]["correct"] += 1
                counts["all"]["correct"] += 1
            else:
                errors.append(f"{doc_id} TARGETS {p.kind} {p.surface} {p.span} -> {p.targets} "
                              f"labelled {g['targets']}")
        for i, g in enumerate(gold_refs):
            counts[g["kind"]]["labelled"] += 1
            counts["all"]["labelled"] += 1
            if i not in matched_gold:
                errors.append(f"{doc_id} MISSED {g['kind']} {g['surface']} ({g['start']}, {g['end']}) "
                              f"-> {g['targets']}")
        for row in rows:
            if row.get("negative"):
                negatives["labelled"] += 1
                hit = [p for p in predictions if p.span[0] < row["end"] and row["start"] < p.span[1]]
                if hit:
                    errors.append(f"{doc_id} NEGATIVE {row['surface']} hit by {hit[0].surface}")
                else:
                    negatives["rejected"] += 1
    table = {}
    for kind, c in counts.items():
        table[kind] = {
            "labelled": c["labelled"], "predicted": c["predicted"], "correct": c["correct"],
            "precision": c["correct"] / c["predicted"] if c["predicted"] else 1.0,
            "recall": c["correct"] / c["labelled"] if c["labelled"] else 1.0,
        }
    table["negatives"] = {"labelled": negatives["labelled"], "rejected": negatives["rejected"],
                          "rate": negatives["rejected"] / negatives["labelled"] if negatives["labelled"] else 1.0}
    return {"table": table, "errors": errors, "documents": len(labels)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--from-gold", action="store_true", help="build the tree from the gold structure")
    parser.add_argument("--errors", action="store_true", help="list misses, false alarms and wrong targets")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--points", action="store_true",
                        help="the set labelled in the points of enumerated documents (../shared/corpus/enumerated)")
    args = parser.parse_args(argv)
    corpus = POINT_CORPUS if args.points else CORPUS
    if not corpus.is_dir():
        print(f"corpus not found at {corpus}", file=sys.stderr)
        return 2
    if args.points:
        result = score(load_labels(POINT_LABELS), corpus=POINT_CORPUS, unit="unit")
    else:
        result = score(load_labels(), from_gold=args.from_gold)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return 0
    print(f"{result['documents']} labelled documents ({'gold structure' if args.from_gold else 'regparse.parse'})")
    print(f"{'kind':<10}{'labelled':>9}{'predicted':>10}{'correct':>8}{'precision':>10}{'recall':>8}")
    for kind in KINDS + ("all",):
        row = result["table"][kind]
        print(f"{kind:<10}{row['labelled']:>9}{row['predicted']:>10}{row['correct']:>8}"
              f"{row['precision']:>10.3f}{row['recall']:>8.3f}")
    neg = result["table"]["negatives"]
    print(f"negatives: {neg['rejected']}/{neg['labelled']} look-alikes not taken for references ({neg['rate']:.3f})")
    if args.errors:
        print("\n".join(result["errors"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
