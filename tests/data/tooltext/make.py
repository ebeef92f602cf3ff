#!/usr/bin/env python3
"""Make real-tool text of dev documents the corpus's real/ folder does not hold.

    python tests/data/tooltext/make.py ID [ID …]      # ids of ../shared/corpus/dev

Each document is laid out as a newspaper page by another renderer than the
corpus's (LibreOffice Writer, a page style of 2 or 3 columns, Noto CJK),
printed to PDF, and read back with the same tools: ``pdftotext`` (default
and ``-layout``) and ``pdftoppm -r 200`` + tesseract ``chi_sim`` ``--psm 3``
and ``--psm 4``.  Writes ID.pdf.txt, ID.layout.txt, ID.scan.txt and
ID.scan4.txt beside this script; the gold is the unchanged
../shared/corpus/dev/ID.gold.json.  Needs libreoffice, poppler-utils,
tesseract-ocr and tesseract-ocr-chi-sim.
"""
from __future__ import annotations

import hashlib
import html
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEV = HERE.parents[3] / "shared" / "corpus" / "dev"

FODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls>
 <style:font-face style:name="Body" svg:font-family="'{font}'" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"/>
</office:font-face-decls>
<office:styles>
 <style:style style:name="Standard" style:family="paragraph">
  <style:paragraph-properties fo:text-align="justify" fo:text-indent="{indent}" fo:line-height="{leading}%"
   fo:margin-bottom="{gap}"/>
  <style:text-properties style:font-name="Body" fo:font-size="{size}pt" style:font-name-asian="Body"
   style:font-size-asian="{size}pt"/>
 </style:style>
 <style:style style:name="Head" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:text-align="center" fo:text-indent="0cm"/>
  <style:text-properties fo:font-weight="bold" style:font-weight-asian="bold"/>
 </style:style>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="Page">
  <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin="1.6cm">
   <style:columns fo:column-count="{cols}" fo:column-gap="{gutter}"/>
  </style:page-layout-properties>
 </style:page-layout>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="Page"/></office:master-styles>
<office:body><office:text>
{body}
</office:text></office:body></office:document>
"""


def layout(doc_id: str) -> dict[str, str]:
    """The page style drawn for a document, always the same for one id."""
    h = hashlib.sha1(doc_id.encode()).digest()
    return {"cols": str(2 + h[0] % 2), "gutter": f"{0.4 + (h[1] % 4) / 10:.1f}cm",
            "font": "Noto Serif CJK SC" if h[2] % 2 else "Noto Sans CJK SC",
            "size": str(9 + h[3] % 3), "leading": str(130 + h[4] % 40), "indent": "2em" if h[5] % 4 else "0cm",
            "gap": f"{(h[6] % 3) / 10:.1f}cm"}


def fodt(doc_id: str, text: str) -> str:
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    body = []
    for i, p in enumerate(paragraphs):
        heading = i == 0 or (p.startswith("第") and ("章" in p[:6] or "节" in p[:6]) and len(p) < 30)
        body.append(f'<text:p text:style-name="{"Head" if heading else "Standard"}">{html.escape(p)}</text:p>')
    return FODT.format(body="\n".join(body), **layout(doc_id))


def read_back(pdf: Path, out: Path, doc_id: str, work: Path) -> int:
    """Write what the real tools make of ``pdf`` into ``out``: ID.pdf.txt and ID.layout.txt
    (pdftotext, default mode and ``-layout``), ID.scan.txt and ID.scan4.txt (each page at
    200 dpi by pdftoppm, read by tesseract ``chi_sim`` ``--psm 3`` and ``--psm 4``); the
    number of pages.  ``work`` is a scratch folder for the page images."""
    subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), str(out / f"{doc_id}.pdf.txt")], check=True)
    subprocess.run(["pdftotext", "-enc", "UTF-8", "-layout", str(pdf), str(out / f"{doc_id}.layout.txt")],
                   check=True)
    subprocess.run(["pdftoppm", "-r", "200", "-png", str(pdf), str(work / "p")], check=True)
    pages = sorted(work.glob("p-*.png"), key=lambda p: int(p.stem.split("-")[1]))
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    for psm, suffix in (("3", "scan"), ("4", "scan4")):
        texts = []
        for png in pages:
            # nice: tesseract's pages would otherwise take the shared machine's cores
            r = subprocess.run(["nice", "-n", "10", "tesseract", str(png), "stdout", "-l", "chi_sim",
                                "--psm", psm], check=True, capture_output=True, env=env)
            texts.append(r.stdout.decode("utf-8"))
        (out / f"{doc_id}.{suffix}.txt").write_text("".join(texts), encoding="utf-8")
    return len(pages)


def make(doc_id: str) -> None:
    text = (DEV / f"{doc_id}.txt").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        (t / f"{doc_id}.fodt").write_text(fodt(doc_id, text), encoding="utf-8")
        subprocess.run(["soffice", f"-env:UserInstallation=file://{t}/profile", "--headless", "--convert-to", "pdf",
                        "--outdir", str(t), str(t / f"{doc_id}.fodt")], check=True, capture_output=True)
        pages = read_back(t / f"{doc_id}.pdf", HERE, doc_id, t)
    print(doc_id, layout(doc_id), pages, "pages")


if __name__ == "__main__":
    for doc_id in sys.argv[1:]:
        make(doc_id)
