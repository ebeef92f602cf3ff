#!/usr/bin/env python3
"""Make real-tool text of dev documents laid out by headless Chromium in designs of its own.

    python tests/data/tooltext/make_chromium.py ID [ID …]           # ids of ../shared/corpus/dev
    python tests/data/tooltext/make_chromium.py --seed S --out DIR ID …

Each document is laid out as a newspaper page in HTML (a masthead, the title
and front matter across the page, the body in 2–4 CSS columns, Noto CJK;
drawn per id: column count and gap, font and size, leading, bold labels,
column rules, a page number, a running header, a news box in the flow, after
it or floated at the top), printed to PDF by ``chromium --headless
--print-to-pdf``, and read back with the same tools as make.py:
``pdftotext`` (default and ``-layout``) and ``pdftoppm -r 200`` + tesseract
``chi_sim`` ``--psm 3`` and ``--psm 4``.  Writes ID.pdf.txt, ID.layout.txt,
ID.scan.txt and ID.scan4.txt beside this script (or into --out); the gold is
the unchanged ../shared/corpus/dev/ID.gold.json.  The design is drawn from a
hash of the id (and of --seed, so another seed gives other designs for a set
held out from what the rules were tuned on); one id and seed always give the
same page.  Needs chromium, poppler-utils, tesseract-ocr and
tesseract-ocr-chi-sim.
"""
from __future__ import annotations

import argparse
import hashlib
import html
import re
import subprocess
import tempfile
from pathlib import Path

from make import read_back  # the same tools read back every made page

HERE = Path(__file__).resolve().parent
DEV = HERE.parents[3] / "shared" / "corpus" / "dev"

DIV = re.compile(r"^第[一二三四五六七八九十百零〇]+[编章节]")
ART = re.compile(r"^(第[一二三四五六七八九十百千零〇]+条(?:之[一二三四五六七八九十]+)?)([\s　]+)(.*)$")

NEWS = [
    ("城西社区图书馆延长开放时间", "本报讯（记者 林晓）自下月起，城西社区图书馆工作日开放时间延长至晚上九时，周末增设亲子阅读专区，"
     "并开通线上预约借阅服务。馆方表示，新增座位二百余个，欢迎市民前往。"),
    ("春季植树活动圆满结束", "本报讯 近日，市园林部门组织志愿者在北郊湿地公园开展植树活动，共栽种银杏、香樟等苗木三千余株。"
     "活动持续两周，参与市民逾千人次。"),
    ("地铁三号线试运行", "本报讯（通讯员 周敏）地铁三号线一期工程日前开始空载试运行，全线设站十八座。据介绍，"
     "试运行期间将对信号、供电等系统进行全面测试。"),
]
MASTHEADS = [
    ("滨海晚报", "2026年3月14日 星期六", "第7版 · 法规"),
    ("云岭省人民政府公报", "2026年第5期（总第318期）", "2026年3月10日出版"),
    ("北方法制周刊", "2026年2月26日 星期四", "第3版 · 法律文本"),
    ("江南商报", "2026年1月8日 星期四", "第12版 · 政策"),
    ("河洛日报", "2026年4月2日 星期四", "第5版 · 专刊"),
    ("山城工人报", "2026年5月1日 星期五", "第4版 · 权益"),
    ("海州市政府公报", "2026年第11期", "海州市人民政府办公室编"),
    ("东湖法治报", "2026年6月18日 星期四", "第2版 · 民法典"),
]
PAGE_NUMBERS = [None, "第 {} 页", "- {} -", "{}", "第{}版", "— {} —"]
# a 4-column page of 12 pt leaves columns of a handful of characters: the size follows the count
SIZES = {2: [10, 10.5, 11, 12], 3: [9, 10, 10.5, 11], 4: [9, 9.5, 10]}
GAPS = [2, 2.5, 3, 4, 5, 6]
LEADINGS = [1.4, 1.45, 1.5, 1.6, 1.7, 1.8]


def design(doc_id: str, seed: str = "") -> dict:
    """The page design drawn for a document, always the same for one id and seed."""
    h = hashlib.sha1(f"{seed}\0{doc_id}".encode()).digest()
    cols = 2 + h[0] % 3
    mast = MASTHEADS[h[9] % len(MASTHEADS)]
    return {"cols": cols, "gap": GAPS[h[1] % len(GAPS)], "pt": SIZES[cols][h[2] % len(SIZES[cols])],
            "lh": LEADINGS[h[3] % len(LEADINGS)], "bold": bool(h[4] % 2), "mast": mast,
            "pn": PAGE_NUMBERS[h[5] % len(PAGE_NUMBERS)], "news": [None, "flow", "after", "top"][h[6] % 4],
            "fam": "serif" if h[7] % 2 else "sans", "rule": bool(h[8] % 2),
            "head": [None, None, f"{mast[0]} {mast[1]}"][h[10] % 3], "para_gap": h[11] % 2,
            "indent": 2 if h[12] % 3 else 0, "news_item": NEWS[h[13] % len(NEWS)]}


def page_html(text: str, lay: dict) -> str:
    lines = [line for line in text.split("\n") if line.strip()]
    nb = next((n for n, line in enumerate(lines) if DIV.match(line) or ART.match(line)), 1)
    front, body = lines[:nb], lines[nb:]
    fam = "'Noto Serif CJK SC', serif" if lay["fam"] == "serif" else "'Noto Sans CJK SC', sans-serif"
    page_number = ("@bottom-center { content: '" + lay["pn"].replace("{}", "' counter(page) '")
                   + "'; font-size: 9pt; }") if lay["pn"] else ""
    header = ("@page :not(:first) { @top-right { content: '" + lay["head"] + "'; font-size: 8pt; } }"
              if lay["head"] else "")
    css = f"""@page {{ size: A4; margin: 16mm 14mm 18mm 14mm; {page_number} }}
{header}
body {{ font-family: {fam}; font-size: {lay['pt']}pt; line-height: {lay['lh']}; margin: 0; }}
.mast {{ display: flex; justify-content: space-between; align-items: flex-end; border-bottom: 3px solid #a00;
 padding-bottom: 2mm; margin-bottom: 4mm; }}
.mast .name {{ font-size: 26pt; font-weight: 900; color: #a00; letter-spacing: 2pt; }}
.mast .meta {{ font-size: 9pt; text-align: right; }}
h1 {{ text-align: center; font-size: {lay['pt'] + 8}pt; margin: 2mm 0; }}
.front {{ text-align: center; font-size: {lay['pt'] - 1}pt; color: #333; margin: 0; }}
.cols {{ column-count: {lay['cols']}; column-gap: {lay['gap']}mm; {"column-rule: 0.5px solid #888;" if lay['rule'] else ""}
 text-align: justify; margin-top: 4mm; }}
.cols p {{ margin: 0 0 {lay['para_gap']}mm 0; text-indent: {lay['indent']}em; }}
.cols h3 {{ text-align: center; font-weight: bold; font-size: {lay['pt'] + 1}pt; margin: 2mm 0; break-after: avoid; }}
.lab {{ {"font-weight: bold;" if lay['bold'] else ""} }}
.news {{ border: 1px solid #555; padding: 2mm; font-size: 9pt; margin: 3mm 0; break-inside: avoid; }}
.news b {{ display: block; text-align: center; }}
"""
    head, story = lay["news_item"]
    newsbox = f'<div class="news"><b>{head}</b>{story}</div>'
    out = [f"<!doctype html><html><head><meta charset='utf-8'><style>{css}</style></head><body>"]
    name, meta1, meta2 = lay["mast"]
    out.append(f"<div class='mast'><span class='name'>{name}</span><span class='meta'>{meta1}<br>{meta2}</span></div>")
    if lay["news"] == "top":
        out.append(newsbox.replace('class="news"', 'class="news" style="float:right;width:55mm;margin-left:4mm"'))
    out.append(f"<h1>{html.escape(front[0])}</h1>")
    out.extend(f"<p class='front'>{html.escape(line)}</p>" for line in front[1:])
    out.append("<div class='cols'>")
    articles = sum(1 for line in body if ART.match(line))
    seen = 0
    for line in body:
        m = ART.match(line)
        # a short line without punctuation among the articles is a heading as the print sets it
        if DIV.match(line) or (not m and len(line) <= 12 and not re.search(r"[。；：，]", line)):
            out.append(f"<h3>{html.escape(line)}</h3>")
        elif m:
            seen += 1
            if lay["news"] == "flow" and seen == articles // 2:
                out.append(newsbox)
            out.append(f"<p><span class='lab'>{html.escape(m.group(1))}</span>{html.escape(m.group(2))}"
                       f"{html.escape(m.group(3))}</p>")
        else:
            out.append(f"<p>{html.escape(line)}</p>")
    out.append("</div>")
    if lay["news"] == "after":
        out.append(newsbox)
    out.append("</body></html>")
    return "\n".join(out)


def make(doc_id: str, seed: str = "", out: Path = HERE, keep_pdf: bool = False) -> None:
    text = (DEV / f"{doc_id}.txt").read_text(encoding="utf-8")
    lay = design(doc_id, seed)
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        page = t / f"{doc_id}.html"
        page.write_text(page_html(text, lay), encoding="utf-8")
        pdf = t / f"{doc_id}.pdf"
        subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run",
                        f"--user-data-dir={t / 'profile'}", "--no-pdf-header-footer", f"--print-to-pdf={pdf}",
                        page.as_uri()], check=True, capture_output=True)
        pages = read_back(pdf, out, doc_id, t)
        if keep_pdf:
            (out / f"{doc_id}.pdf").write_bytes(pdf.read_bytes())
    shown = {k: v for k, v in lay.items() if k not in ("mast", "news_item")}
    print(doc_id, shown, pages, "pages", flush=True)


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("ids", nargs="+", metavar="ID")
    ap.add_argument("--seed", default="", help="drawn into the design with the id (default: none)")
    ap.add_argument("--out", type=Path, default=HERE, help="folder for the text files (default: beside this script)")
    ap.add_argument("--pdf", action="store_true", help="keep ID.pdf too")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for doc_id in args.ids:
        make(doc_id, args.seed, args.out, args.pdf)
