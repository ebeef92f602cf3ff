"""Parse the page of 《中国共产党工作机关条例》 (seeds/004, an OCR'd newspaper page) and show the tree.

The page carries the regulation from 第八条 to 第三十二条 between news articles,
with markdown headings, bold article labels and a page break inside 第十一条.
This prints the title, the chapters, how many articles were found, 第十一条 with
its 款 and 项, and the diagnostics (the text starts at 第八条, the removed
「(上接第1版)」, …).

    python examples/parse_party_regulation.py
"""
from pathlib import Path

import regparse

SEED = Path(__file__).resolve().parents[1] / "seeds" / "004_931bd066818f0e97.txt"


def main() -> None:
    doc = regparse.parse_file(SEED)
    print(f"title: {doc.title}")
    print("chapters:")
    for chapter in doc.divisions:
        print(f"  {chapter.label} {chapter.title}  ({len([n for n in chapter.walk() if n.kind == 'article'])} articles)")
    articles = doc.articles
    print(f"articles: {len(articles)} ({articles[0].label}…{articles[-1].label})")

    article = doc.article(11)
    print(f"{article.label}: {len(article.paragraphs)} 款")
    for paragraph in article.paragraphs:
        print(f"  第{paragraph.number}款 {paragraph.text}")
        for item in paragraph.items:
            print(f"    {item.label}{item.text}")

    print(f"diagnostics: {len(doc.diagnostics)}")
    for diagnostic in doc.diagnostics:
        print(f"  {diagnostic.severity} {diagnostic.code}: {diagnostic.message}")


if __name__ == "__main__":
    main()
