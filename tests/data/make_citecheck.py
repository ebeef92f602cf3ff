"""Write tests/data/citecheck.jsonl: answers citing laws of the dev corpus, each citation labelled.

Each case is a short text written as a legal answer or memo is ("根据《中华人民共和国刑法》
第六十七条第一款的规定……", "民法典第一千一百六十五条规定：“……”"), made from a provision
of a law of the dev corpus and, for the wrong ones, changed in one known way: an article
number past the act's last, a 款 or 项 the article does not have, an act the corpus does not
hold, a quote with words changed, a paraphrase in quotation marks, the wording of another
article, a date before the act was in force.  The label of each citation is the set of
findings that change calls for (none for a right citation).

Run from the checkout: python tests/data/make_citecheck.py  (needs ../shared/corpus)
"""
from __future__ import annotations

import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import regparse  # noqa: E402
from regparse.citation import step_text  # noqa: E402

DEV = ROOT.parent / "shared" / "corpus" / "dev"
OUT = Path(__file__).with_name("citecheck.jsonl")

# laws answers cite, by the key of their document in the dev corpus and the name people use
LAWS = {
    "xingf-bd8528ce18": ("中华人民共和国刑法", "刑法"),
    "ssf-2104e256da": ("中华人民共和国民事诉讼法", "民事诉讼法"),
    "ssf-eb746cf12f": ("中华人民共和国行政诉讼法", "行政诉讼法"),
    "mssf-1458131c42": ("中华人民共和国保险法", "保险法"),
    "mssf-0ac44e70f9": ("中华人民共和国企业破产法", "企业破产法"),
    "mfd-1284dd23c1": ("中华人民共和国民法典", "民法典"),
    "mfd-ada6b16d10": ("中华人民共和国民法典", "民法典"),
    "mfd-0504680e12": ("中华人民共和国民法典", "民法典"),
}
# acts the corpus does not hold (repealed, or never in it), as answers still cite them
ABSENT = ["《中华人民共和国合同法》", "合同法", "《中华人民共和国物权法》", "婚姻法", "《中华人民共和国民法通则》",
          "《中华人民共和国担保法》", "刑事诉讼法", "《中华人民共和国著作权法》"]
LEADS = ["根据{c}的规定，", "依照{c}，", "按照{c}的规定，", "{c}明确，", "本案应当适用{c}。", "依据{c}，"]
CLAIMS = ["本案中当事人的主张于法有据。", "法院的认定是正确的。", "该行为应当依法处理。", "当事人可以据此主张权利。",
          "故原告的诉讼请求应予支持。", "对此应当结合案件事实具体判断。"]
SWAPS = [("应当", "可以"), ("可以", "应当"), ("不得", "可以"), ("三年", "五年"), ("十年", "七年"), ("或者", "并且"),
         ("人民法院", "人民检察院"), ("有权", "无权"), ("以上", "以下"), ("三十日", "十五日")]


def provision_text(node) -> str:
    return node.full_text() if getattr(node, "children", None) else node.text


def main() -> None:
    rng = random.Random(14)
    docs = {key: regparse.parse((DEV / f"{key}.txt").read_text(encoding="utf-8")) for key in LAWS}
    # the last article of each act, over every document that prints it (民法典 in seven books)
    last_of: dict[str, int] = {}
    for path in DEV.glob("*.txt"):
        key = path.stem
        if key.startswith("mfd-") or key in LAWS:
            doc = docs.get(key) or regparse.parse(path.read_text(encoding="utf-8"))
            title = LAWS.get(key, LAWS["mfd-1284dd23c1"])[0]
            last_of[title] = max([last_of.get(title, 0)] + [a.number for a in doc.articles if a.number])
    cases: list[dict] = []

    def add(kind: str, text: str, labels: list[list[str]], date: str | None = None) -> None:
        cases.append({"id": f"{kind}-{len(cases) + 1}", "kind": kind, "text": text, "date": date,
                      "expected": labels})

    def pick(min_paragraphs: int = 1, items: bool = False):
        while True:
            key = rng.choice(list(LAWS))
            article = rng.choice(docs[key].articles)
            if len(article.paragraphs) < min_paragraphs:
                continue
            if items and not any(p.items for p in article.paragraphs):
                continue
            return key, article

    def name(key: str, quoted: bool | None = None) -> str:
        full, short = LAWS[key]
        quoted = rng.random() < 0.5 if quoted is None else quoted
        return rng.choice([f"《{full}》", f"《{short}》"]) if quoted else short

    for _ in range(20):   # right citations, 条 or 款
        key, article = pick()
        citation = article.citation
        if len(article.paragraphs) > 1 and rng.random() < 0.6:
            citation = article.paragraphs[rng.randrange(len(article.paragraphs))].citation
        add("right", rng.choice(LEADS).format(c=name(key) + citation) + rng.choice(CLAIMS), [[]])
    for _ in range(10):   # right citations down to 项
        key, article = pick(items=True)
        paragraph = next(p for p in article.paragraphs if p.items)
        item = rng.choice(paragraph.items)
        cited = item.citation if len(article.paragraphs) > 1 else f"{article.label}{step_text('item', item.number)}"
        add("right_item", f"{name(key)}{cited}规定的情形，是指“{item.text.rstrip('；;。，,')}”。", [[]])
    for _ in range(14):   # right citations with the wording quoted, whole or cut with ……
        key, article = pick()
        paragraph = rng.choice(article.paragraphs)
        text = paragraph.text
        if len(text) > 40 and rng.random() < 0.5:
            text = text[:14] + "……" + text[-12:]
        add("right_quote", f"{name(key)}{paragraph.citation}规定：“{text}”据此，{rng.choice(CLAIMS)}", [[]])
    for _ in range(14):   # article numbers past the act's last
        key, article = pick()
        wrong = step_text("article", last_of[LAWS[key][0]] + rng.randint(3, 400))
        add("wrong_article", rng.choice(LEADS).format(c=name(key) + wrong) + rng.choice(CLAIMS),
            [["provision_missing"]])
    for _ in range(14):   # 款 the article does not have
        key, article = pick()
        wrong = article.citation + step_text("paragraph", len(article.paragraphs) + rng.randint(1, 3))
        add("missing_paragraph", rng.choice(LEADS).format(c=name(key) + wrong) + rng.choice(CLAIMS),
            [["provision_missing"]])
    for _ in range(8):    # 项 the 款 does not have
        key, article = pick(items=True)
        paragraph = next(p for p in article.paragraphs if p.items)
        wrong = paragraph.citation + step_text("item", len(paragraph.items) + rng.randint(1, 4))
        add("missing_item", rng.choice(LEADS).format(c=name(key) + wrong) + rng.choice(CLAIMS), [["provision_missing"]])
    for _ in range(14):   # acts the corpus does not hold
        act = rng.choice(ABSENT)
        wrong = step_text("article", rng.randint(1, 150))
        add("wrong_act", rng.choice(LEADS).format(c=act + wrong) + rng.choice(CLAIMS), [["act_unknown"]])
    for _ in range(14):   # misquoted: the wording with a word changed
        while True:
            key, article = pick()
            paragraph = rng.choice(article.paragraphs)
            swaps = [s for s in SWAPS if s[0] in paragraph.text]
            if swaps:
                break
        old, new = rng.choice(swaps)
        quote = paragraph.text.replace(old, new, 1)
        add("misquote", f"{name(key)}{paragraph.citation}规定：“{quote}”", [["quote_mismatch"]])
    for _ in range(10):   # paraphrased in quotation marks
        key, article = pick()
        paragraph = rng.choice(article.paragraphs)
        words = [w for w in paragraph.text.replace("；", "，").replace("。", "，").split("，") if w]
        rng.shuffle(words)
        quote = "，".join(words[:3]).replace("的", "之").replace("应当", "须")
        if len(quote) < 6 or quote in paragraph.text:
            continue
        add("paraphrase", f"正如{name(key)}{paragraph.citation}所说：“{quote}。”", [["quote_mismatch"]])
    for _ in range(10):   # another article's wording under this citation
        key, article = pick()
        other = rng.choice(docs[key].articles)
        if other is article or not other.paragraphs or other.paragraphs[0].text in provision_text(article):
            continue
        add("other_wording", f"{name(key)}{article.citation}规定：“{other.paragraphs[0].text}”",
            [["quote_mismatch"]])
    for _ in range(8):    # an act cited for a date before it was in force
        key = rng.choice(["mfd-1284dd23c1", "mfd-ada6b16d10", "mfd-0504680e12"])
        article = rng.choice(docs[key].articles)
        year = rng.randint(2005, 2019)
        add("not_in_force", f"{year}年发生的纠纷，依照{name(key)}{article.citation}处理。", [["not_in_force"]],
            date=f"{year}-06-01")
    for _ in range(6):    # 同法 and bare numbers continuing the act named before
        key, article = pick()
        other = rng.choice(docs[key].articles)
        if other is article:
            continue
        add("continued", f"依照{name(key, quoted=False)}{article.citation}和同法{other.citation}，{rng.choice(CLAIMS)}",
            [[], []])
    for _ in range(6):
        key, article = pick()
        wrong = step_text("article", last_of[LAWS[key][0]] + rng.randint(1, 30))
        add("continued_wrong", f"根据{name(key)}{article.citation}规定的条件以及{wrong}规定的程序，"
            f"{rng.choice(CLAIMS)}", [[], ["provision_missing"]])
    for _ in range(4):    # a list of articles, one of them past the act's last
        key, article = pick()
        wrong = step_text("article", last_of[LAWS[key][0]] + rng.randint(1, 30))
        add("list_wrong", f"根据{name(key)}{article.citation}、{wrong}的规定，{rng.choice(CLAIMS)}",
            [["provision_missing"]])
    with OUT.open("w", encoding="utf-8") as f:
        for case in cases:
            f.write(json.dumps(case, ensure_ascii=False) + "\n")
    print(f"{len(cases)} cases, {sum(len(c['expected']) for c in cases)} citations -> {OUT}")


if __name__ == "__main__":
    main()
