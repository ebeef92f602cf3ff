"""Look nodes up by citation, cite them, and show them in the source text.

``doc.get`` accepts the canonical form (第十一条第一款第（三）项) and the forms
people write (第11条第1款第3项, 第十八条第（三）项 when the article has one 款);
``regparse.cite(node, full=True)`` names the regulation too; every node's
``span`` points into the text that was parsed.  A citation that names nothing
raises ``regparse.CitationNotFound`` (a KeyError) naming the closest node.

    python examples/lookup_and_cite.py
"""
from pathlib import Path

import regparse

SEED = Path(__file__).resolve().parents[1] / "seeds" / "004_931bd066818f0e97.txt"

CITATIONS = [
    "第十一条第一款第（三）项",
    "第11条第1款第3项",
    "第十八条第（三）项",
    "第十九条第二款",
    "第三章",
]


def main() -> None:
    text = regparse.read_file(SEED)
    doc = regparse.parse(text)
    for citation in CITATIONS:
        node = doc.get(citation)
        start, end = node.span
        source = " ".join(text[start:end].split())
        print(f"{citation} -> {node.citation}  id={node.id}")
        print(f"  cite: {regparse.cite(node, full=True)}")
        print(f"  text: {_short(node.text)}")
        print(f"  source [{start}:{end}]: {_short(source)}")

    try:
        doc.get("第四十条")
    except regparse.CitationNotFound as e:
        print(f"not found: {e}")


def _short(s: str, width: int = 60) -> str:
    s = " ".join(s.split())
    return s if len(s) <= width else s[: width - 1] + "…"


if __name__ == "__main__":
    main()
