"""Look nodes up by citation, cite them, and show them in the source text.

``doc.get`` accepts the canonical form (第十一条第一款第（三）项) and the forms
people write (第11条第1款第3项, 第十八条第（三）项 when the article has one 款
with items, the act's name in front: 《中国共产党工作机关条例》第十一条);
``regparse.cite(node, full=True)`` names the regulation too; every node's
``span`` points into the text that was parsed, and ``doc.position`` gives its
line and column.  ``doc.select`` gives every node of a list or range.  A
citation that names nothing raises ``regparse.CitationNotFound`` (a KeyError)
naming the closest node; one that names another act its subclass
``regparse.OtherActCitation``.

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
        line, column = doc.position(node)
        print(f"  at line {line}, column {column}")

    full = regparse.cite(doc.article(11), full=True)
    print(f"{full} -> {doc.get(full)!r}")
    print(f"第十条至第十二条 -> {doc.select('第十条至第十二条')}")

    try:
        doc.get("第四十条")
    except regparse.CitationNotFound as e:
        print(f"not found: {e}")
    try:
        doc.get("《中华人民共和国宪法》第十条")
    except regparse.OtherActCitation as e:
        print(f"another act: {e}")


def _short(s: str, width: int = 60) -> str:
    s = " ".join(s.split())
    return s if len(s) <= width else s[: width - 1] + "…"


if __name__ == "__main__":
    main()
