"""Follow cross-references: what 本条例第六条, 前款, 第七条至第八条 and
《中华人民共和国行政处罚法》第二十八条 point at, and what points at an article.

Every reference keeps its surface text, its span in the input, its kind
(internal, relative, external), the canonical citations of its targets and
the ids of the nodes they resolve to; ``doc.referrers(node)`` gives the
backlinks.  A reference whose target is absent stays unresolved and is
reported as a diagnostic.

    python examples/references.py
"""
from pathlib import Path

import regparse

SAMPLE = Path(__file__).resolve().parent / "sample_regulation.txt"


def main() -> None:
    text = regparse.read_file(SAMPLE)
    doc = regparse.parse(text)
    print(f"{doc.title}: {len(doc.references)} references")
    for ref in doc.references:
        where = text.count("\n", 0, ref.span[0]) + 1
        if ref.kind == "external":
            status = f"→ 《{ref.act}》" + "、".join(ref.targets) + " (another act: not resolved here)"
        elif ref.resolved:
            status = "→ " + "、".join(ref.targets) + "  [" + " ".join(ref.target_ids) + "]"
        else:
            status = "unresolved"
        print(f"  line {where}: {ref.kind:8s} {ref.surface} {status}")

    target = doc.article(6)
    print(f"what points at {regparse.cite(target, full=True)}:")
    for ref in doc.referrers(target):
        print(f"  {ref.surface} at {ref.span}")

    for diagnostic in doc.diagnostics:
        if diagnostic.code == "unresolved_reference":
            print(f"  warning: {diagnostic.message}")


if __name__ == "__main__":
    main()
