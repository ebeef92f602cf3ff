#!/usr/bin/env python3
"""Make the test files of this folder: one short regulation as PDF, DOCX and HTML, and bad files.

    python tests/data/files/make.py            # writes into tests/data/files/

The regulation (``REGULATION`` below, written for these tests) is printed:

* ``lo-1col.pdf``, ``lo-3col.pdf``, ``lo-5col.pdf``: by LibreOffice Writer
  (``soffice --headless --convert-to pdf``) from a flat ODT, in one and three
  columns on two A5 pages and in five columns on one landscape page (28 × 21 cm), with
  a running header and a page-number footer; needs ``soffice`` and a CJK font
  (Debian: libreoffice-writer-nogui, fonts-noto-cjk);
* ``lo-layout.pdf``: the same way, one column, a short regulation whose
  structure only its layout shows (``LAYOUT_BODY``);
* ``autonum.docx``: WordprocessingML written part by part, article labels as
  Word automatic numbering (第%1条, chineseCounting, suffix space), items as a
  second list (（%1）, chineseCounting, restarted per list with
  startOverride), a header and a footer, a soft line break between two
  paragraphs of an article, the issuing line in a table, a typed 第十条之一;
* ``pasted.docx``: every line of a three-column PDF page pasted as its own
  paragraph (lines wrapped mid-sentence, as users paste from a PDF viewer);
* ``party-gbk.html``: a page of another shape (a Party-regulation site):
  GBK bytes, ``charset=gbk``, characters outside GB2312, labels in
  ``<strong>`` and split over ``<span>``s, a sidebar listing other
  regulations' 第X条, an indent of full-width spaces;
* bad files: ``encrypted.pdf`` (a user password), ``truncated.pdf`` (the
  first half of lo-1col.pdf), ``image-only.pdf`` (a scanned page: an image,
  no text), ``old.doc`` (OLE2), ``not-docx.docx`` (a zip of other files),
  ``empty.pdf``, ``no-regulation.html``.

The committed files are what the tests read (CI has no LibreOffice); run this
again only to change them.
"""
from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
import zlib
from html import escape
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

HERE = Path(__file__).resolve().parent

TITLE = "示范市城市公园管理条例"
ISSUING = "2024年5月20日 示范市第十六届人民代表大会常务委员会第九次会议通过"
# (kind, text): "chapter" headings, "article" starts (label, text), "para" further 款, "item"
BODY = [
    ("chapter", "第一章　总则"),
    ("article", ("第一条", "为了加强城市公园的建设和管理，改善生态环境，满足市民休闲、游览和文化活动的需要，根据有关法律、法规，结合本市实际，制定本条例。")),
    ("article", ("第二条", "本条例适用于本市行政区域内城市公园的规划、建设、保护和管理。")),
    ("para", "本条例所称城市公园，是指向公众开放，以游憩为主要功能，有较完善的设施和良好的绿化环境的公共绿地。"),
    ("article", ("第三条", "城市公园的管理遵循统筹规划、保护优先、公益便民、社会参与的原则。")),
    ("article", ("第四条", "市园林绿化主管部门负责全市城市公园的监督管理工作，区园林绿化主管部门负责本辖区内城市公园的监督管理工作。")),
    ("para", "发展改革、规划和自然资源、财政、公安、生态环境、文化和旅游等部门按照各自职责，做好城市公园管理的相关工作。"),
    ("chapter", "第二章　规划和建设"),
    ("article", ("第五条", "市园林绿化主管部门应当会同规划和自然资源主管部门编制城市公园发展规划，报市人民政府批准后组织实施。")),
    ("article", ("第六条", "新建、改建、扩建城市公园，应当符合下列要求：")),
    ("item", "（一）符合城市公园发展规划和相关技术标准；"),
    ("item", "（二）绿化用地面积不低于公园陆地面积的百分之六十五；"),
    ("item", "（三）配置必要的休憩、卫生、安全和无障碍设施；"),
    ("item", "（四）保护原有的古树名木、水系和地形地貌。"),
    ("article", ("第七条", "城市公园的设计方案应当征求公众意见。设计方案确需变更的，应当报原审批机关批准。")),
    ("article", ("第八条", "任何单位和个人不得擅自改变城市公园规划用地的性质，不得侵占城市公园用地。")),
    ("chapter", "第三章　保护和管理"),
    ("article", ("第九条", "城市公园管理单位应当建立健全管理制度，公布开放时间、游园须知和服务电话。")),
    ("article", ("第十条", "在城市公园内禁止下列行为：")),
    ("item", "（一）损毁树木、花草和公园设施；"),
    ("item", "（二）在非指定区域游泳、垂钓、烧烤或者露营；"),
    ("item", "（三）擅自设置摊点、张贴广告；"),
    ("item", "（四）依照第八条规定应当禁止的其他行为。"),
    ("para", "违反前款规定的，由园林绿化主管部门责令改正。"),
    ("article", ("第十条之一", "城市公园管理单位应当制定突发事件应急预案，定期组织演练。")),
    ("article", ("第十一条", "举办大型游园、展览等活动，应当经城市公园管理单位同意，并依法办理相关手续。")),
    ("article", ("第十二条", "城市公园管理单位应当加强对公园内古树名木的养护，建立档案，设置保护标志。")),
    ("chapter", "第四章　法律责任"),
    ("article", ("第十三条", "违反本条例第八条规定，侵占城市公园用地的，由园林绿化主管部门责令限期退还，恢复原状，可以并处每平方米二百元以上五百元以下的罚款。")),
    ("article", ("第十四条", "园林绿化主管部门及其工作人员玩忽职守、滥用职权、徇私舞弊的，依法给予处分。")),
    ("chapter", "第五章　附则"),
    ("article", ("第十五条", "本条例自2024年10月1日起施行。")),
]
N_ARTICLES = sum(1 for kind, _ in BODY if kind == "article")
N_ITEMS = sum(1 for kind, _ in BODY if kind == "item")


def lines() -> list[str]:
    out = [TITLE, ISSUING]
    for kind, value in BODY:
        out.append(f"{value[0]}　{value[1]}" if kind == "article" else value)
    return out


def text() -> str:
    return "\n".join(lines()) + "\n"


# -- LibreOffice PDFs --------------------------------------------------------------

# (style, text) of lo-layout.pdf: what only the layout tells apart — a 款 that ends without
# punctuation before an indented one, a centred and a bold heading without a marker
LAYOUT_BODY = [
    ("Title", "示范市公园绿地养护办法"),
    ("Body", "第一条　为了规范公园绿地的养护，制定本办法。"),
    ("Body", "第二条　本办法所称养护单位，是指依法设立的从事公园绿地养护工作的机构"),
    ("Body", "养护单位应当遵守本办法。"),
    ("Heading", "法律责任"),
    ("Body", "第三条　违反本办法规定的，由园林绿化主管部门责令改正。"),
    ("Bold", "监督管理"),
    ("Body", "第四条　园林绿化主管部门应当加强对养护工作的监督检查。"),
    ("Heading", "附则"),
    ("Body", "第五条　本办法自发布之日起施行。"),
]


def fodt(columns: int, landscape: bool = False, content: list[tuple[str, str]] | None = None) -> str:
    paragraphs = [f'<text:p text:style-name="Title">{xml_escape(TITLE)}</text:p>',
                  f'<text:p text:style-name="Issuing">{xml_escape(ISSUING)}</text:p>']
    if content is not None:
        paragraphs = [f'<text:p text:style-name="{style}">{xml_escape(text)}</text:p>' for style, text in content]
    body = []
    for kind, value in BODY if content is None else ():
        if kind == "chapter":
            body.append(f'<text:p text:style-name="Heading">{xml_escape(value)}</text:p>')
        elif kind == "article":
            body.append(f'<text:p text:style-name="Body">{xml_escape(value[0])}　{xml_escape(value[1])}</text:p>')
        else:
            body.append(f'<text:p text:style-name="Body">{xml_escape(value)}</text:p>')
    section = "".join(body)
    if columns > 1:
        section = (f'<text:section text:style-name="Cols" text:name="Body">{section}</text:section>')
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls>
 <style:font-face style:name="Noto Serif CJK SC" svg:font-family="'Noto Serif CJK SC'" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"/>
 <style:font-face style:name="Noto Sans CJK SC" svg:font-family="'Noto Sans CJK SC'" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"/>
</office:font-face-decls>
<office:styles>
 <style:style style:name="Standard" style:family="paragraph">
  <style:text-properties style:font-name="Noto Serif CJK SC" style:font-name-asian="Noto Serif CJK SC" fo:font-size="11pt" style:font-size-asian="11pt"/>
 </style:style>
 <style:style style:name="Body" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:text-indent="0.78cm" fo:text-align="justify" fo:margin-bottom="0.05cm"/>
 </style:style>
 <style:style style:name="Title" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:text-align="center" fo:margin-bottom="0.3cm"/>
  <style:text-properties style:font-name-asian="Noto Sans CJK SC" fo:font-size="20pt" style:font-size-asian="20pt" fo:font-weight="bold" style:font-weight-asian="bold"/>
 </style:style>
 <style:style style:name="Issuing" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:text-align="center" fo:margin-bottom="0.4cm"/>
  <style:text-properties fo:font-size="9pt" style:font-size-asian="9pt"/>
 </style:style>
 <style:style style:name="Heading" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:text-align="center" fo:margin-top="0.2cm" fo:margin-bottom="0.2cm"/>
  <style:text-properties style:font-name-asian="Noto Sans CJK SC" fo:font-size="13pt" style:font-size-asian="13pt" fo:font-weight="bold" style:font-weight-asian="bold"/>
 </style:style>
 <style:style style:name="Bold" style:family="paragraph" style:parent-style-name="Standard">
  <style:text-properties style:font-name-asian="Noto Sans CJK SC" fo:font-weight="bold" style:font-weight-asian="bold"/>
 </style:style>
 <style:style style:name="Header" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:text-align="center"/>
  <style:text-properties fo:font-size="8pt" style:font-size-asian="8pt"/>
 </style:style>
</office:styles>
<office:automatic-styles>
 <style:style style:name="Cols" style:family="section">
  <style:section-properties><style:columns fo:column-count="{columns}" fo:column-gap="0.6cm"/></style:section-properties>
 </style:style>
 <style:page-layout style:name="PL">
  <style:page-layout-properties fo:page-width="{'28cm' if landscape else '14.8cm'}" fo:page-height="21cm" fo:margin-top="1.2cm"
   fo:margin-bottom="1.2cm" fo:margin-left="1.5cm" fo:margin-right="1.5cm"/>
  <style:header-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-bottom="0.4cm"/></style:header-style>
  <style:footer-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-top="0.4cm"/></style:footer-style>
 </style:page-layout>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="PL">
  <style:header><text:p text:style-name="Header">示范市人民代表大会常务委员会公报</text:p></style:header>
  <style:footer><text:p text:style-name="Header">— <text:page-number text:select-page="current">1</text:page-number> —</text:p></style:footer>
 </style:master-page>
</office:master-styles>
<office:body><office:text>{"".join(paragraphs)}{section}</office:text></office:body>
</office:document>
"""


def libreoffice_pdf(columns: int, out: Path, landscape: bool = False,
                    content: list[tuple[str, str]] | None = None) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print(f"skip {out.name}: soffice not found", file=sys.stderr)
        return
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / (out.stem + ".fodt")
        src.write_text(fodt(columns, landscape, content), encoding="utf-8")
        subprocess.run([soffice, f"-env:UserInstallation=file://{tmp}/profile", "--headless",
                        "--convert-to", "pdf", "--outdir", tmp, str(src)],
                       check=True, capture_output=True, timeout=180)
        shutil.copy(Path(tmp) / (out.stem + ".pdf"), out)


# -- DOCX --------------------------------------------------------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>
<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>
</Types>"""
RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""
DOC_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>
<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>
</Relationships>"""
STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W_NS}">
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:rPr><w:sz w:val="32"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading"><w:name w:val="Heading"/><w:basedOn w:val="Normal"/>
<w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Item"><w:name w:val="Item"/><w:basedOn w:val="Normal"/>
<w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>
</w:styles>"""


def _numbering(item_lists: int) -> str:
    nums = "".join(
        f'<w:num w:numId="{2 + k}"><w:abstractNumId w:val="1"/>'
        f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
        for k in range(item_lists))
    return f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="{W_NS}">
<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:suff w:val="space"/>
<w:lvlText w:val="第%1条"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:firstLine="640"/></w:pPr></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="multilevel"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/>
<w:lvlText w:val="（%1）"/><w:lvlJc w:val="left"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:suff w:val="nothing"/>
<w:lvlText w:val="%2．"/><w:lvlJc w:val="left"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>{nums}
</w:numbering>"""


def _p(text: str, num: tuple[int, int] | None = None, style: str | None = None, breaks: bool = False) -> str:
    ppr = ""
    if style:
        ppr += f'<w:pStyle w:val="{style}"/>'
    if num:
        ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    ppr += '<w:ind w:firstLineChars="200" w:firstLine="640"/>'
    runs = []
    for k, piece in enumerate(text.split("\n") if breaks else [text]):
        if k:
            runs.append("<w:r><w:br/></w:r>")
        runs.append(f'<w:r><w:t xml:space="preserve">{xml_escape(piece)}</w:t></w:r>')
    return f"<w:p><w:pPr>{ppr}</w:pPr>{''.join(runs)}</w:p>"


def _package(body: str, numbering: str, header: str, footer: str) -> bytes:
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>{body}'
                f'<w:sectPr><w:headerReference w:type="default" r:id="rId3"/>'
                f'<w:footerReference w:type="default" r:id="rId4"/></w:sectPr></w:body></w:document>')
    part = lambda inner, tag: (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'  # noqa: E731
                               f'<w:{tag} xmlns:w="{W_NS}">{inner}</w:{tag}>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", RELS),
                           ("word/_rels/document.xml.rels", DOC_RELS), ("word/document.xml", document),
                           ("word/numbering.xml", numbering), ("word/styles.xml", STYLES),
                           ("word/header1.xml", part(_p(header), "hdr")),
                           ("word/footer1.xml", part(_p(footer), "ftr"))]:
            z.writestr(zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0)), data)
    return buffer.getvalue()


def autonum_docx() -> bytes:
    """Article labels and items as Word automatic numbering; the 之一 article typed."""
    parts = [_p(TITLE, style="Heading"),
             # the issuing line in a one-cell table, as some official files have it
             f"<w:tbl><w:tr><w:tc>{_p(ISSUING)}</w:tc></w:tr></w:tbl>"]
    item_list = 1
    previous = None
    for k, (kind, value) in enumerate(BODY):
        if kind == "chapter":
            parts.append(_p(value, style="Heading"))
        elif kind == "article":
            label, body = value
            if "之" in label:
                parts.append(_p(f"{label}　{body}"))
            elif label == "第二条":
                # its second paragraph after a soft line break, in the same w:p: Word shows
                # two lines, as files typed with Shift+Enter do
                parts.append(_p(body + "\n" + BODY[k + 1][1], num=(1, 0), breaks=True))
            else:
                parts.append(_p(body, num=(1, 0)))
        elif kind == "para" and BODY[k - 1][0] == "article" and BODY[k - 1][1][0] == "第二条":
            continue
        elif kind == "item":
            if previous != "item":
                item_list += 1
            parts.append(_p(value.split("）", 1)[1], num=(item_list, 0)))
        else:
            parts.append(_p(value))
        previous = kind
    return _package("".join(parts), _numbering(item_list - 1), TITLE, "— 1 —")


def pasted_docx() -> bytes:
    """Each line of a 16-character column as its own paragraph, as pasted from a PDF viewer."""
    parts = [_p(TITLE), _p(ISSUING)]
    for line in lines()[2:]:
        parts.extend(_p(line[k:k + 16]) for k in range(0, len(line), 16))
    return _package("".join(parts), _numbering(0), TITLE, "— 1 —")


# -- HTML --------------------------------------------------------------------------

def party_html() -> bytes:
    """A page in GBK with the regulation in <div id="font_area">, labels in <strong> or
    split over <span>s, and a sidebar quoting other regulations' articles."""
    body = []
    for kind, value in BODY:
        if kind == "chapter":
            body.append(f'<p style="text-align:center"><strong>{escape(value)}</strong></p>')
        elif kind == "article":
            label, text_ = value
            if label in ("第三条", "第九条"):
                head = "".join(f"<span>{escape(ch)}</span>" for ch in label)
            else:
                head = f"<strong>{escape(label)}</strong>"
            body.append(f"<p>　　{head}　{escape(text_)}</p>")
        else:
            body.append(f"<p>　　{escape(value)}</p>")
    # as many 第X条 lines as the regulation has, in links: they must not pull the content there
    quoted = [f"第{n}条　党内法规制定工作条例摘编" for n in "一二三四五六七八九十"] + [
        f"（{n}）学习要点" for n in "一二三四五六七八九十"] + [f"第{n}章　学习辅导" for n in "一二三四五六七八九十"]
    sidebar = "".join(f'<li><a href="/{k}.html">{escape(t)}</a></li>' for k, t in enumerate(
        quoted + ["镕铸初心——学习体会", "喆人其萎：纪念文章"]))
    page = f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk">
<title>{escape(TITLE)}-共产党员网</title>
<script>var _hmt = _hmt || []; document.write("第一条 不是正文");</script>
<style>.nav {{ color: #c00 }}</style></head>
<body>
<div class="top"><a href="/">首页</a> | <a href="/news">要闻</a> | <a href="/fg">党内法规</a></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/fg">党内法规</a> &gt; 正文</div>
<div class="main">
<div class="left">
<h1 class="big_title">{escape(TITLE)}</h1>
<div class="info">来源：共产党员网　2024年05月21日 10:12　【字号 大 中 小】</div>
<div id="font_area" class="word">
<p style="text-align:center">{escape(ISSUING)}</p>
{"".join(body)}
</div>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></div>
</div>
<div class="right"><h3>相关法规</h3><ul>{sidebar}</ul></div>
</div>
<div class="footer">版权所有：共产党员网　京ICP备00000000号<br>主办单位：示范单位（镕喆）</div>
<script>console.log("footer")</script>
</body></html>
"""
    return page.encode("gbk")


def no_regulation_html() -> bytes:
    return """<!DOCTYPE html><html><head><meta charset="utf-8"><title>首页</title></head>
<body><div class="nav"><a href="/">首页</a> <a href="/news">新闻</a></div>
<div class="content"><p>本站正在升级维护，请稍后访问。</p></div>
<div class="footer">版权所有</div></body></html>""".encode("utf-8")


# -- bad PDFs ----------------------------------------------------------------------

def _pdf(objects: list[bytes], trailer_extra: bytes = b"") -> bytes:
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for k, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % k + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, trailer_extra, xref))
    return out.getvalue()


def image_only_pdf() -> bytes:
    """One page showing a grey image: what a scanner makes, with no text layer."""
    pixels = zlib.compress(bytes(range(0, 256, 4)) * 64)
    content = b"q 400 0 0 560 20 20 cm /Im1 Do Q"
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 440 600] /Contents 4 0 R "
        b"/Resources << /XObject << /Im1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /XObject /Subtype /Image /Width 64 /Height 64 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n" % len(pixels)
        + pixels + b"\nendstream",
    ])


def encrypted_pdf() -> bytes:
    """A PDF under the standard security handler whose user password is not empty."""
    content = b"BT /F1 12 Tf 20 500 Td (secret) Tj ET"
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 440 600] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Filter /Standard /V 1 /R 2 /Length 40 /P -44 /O <" + b"6f" * 32 + b"> /U <" + b"75" * 32 + b"> >>",
    ], trailer_extra=b"/Encrypt 5 0 R /ID [<00112233445566778899aabbccddeeff><00112233445566778899aabbccddeeff>] ")


def old_doc() -> bytes:
    """The first bytes of an OLE2 compound file, as every Word 97–2003 .doc begins."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16 + b"\x3e\x00\x03\x00\xfe\xff" + b"\x00" * 482


def not_docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr(zipfile.ZipInfo("readme.txt", (2024, 1, 1, 0, 0, 0)), "第一条　这是压缩包里的文本文件。")
    return buffer.getvalue()


def main() -> int:
    os.chdir(HERE)
    (HERE / "regulation.txt").write_text(text(), encoding="utf-8")
    libreoffice_pdf(1, HERE / "lo-1col.pdf")
    libreoffice_pdf(3, HERE / "lo-3col.pdf")
    libreoffice_pdf(5, HERE / "lo-5col.pdf", landscape=True)
    libreoffice_pdf(1, HERE / "lo-layout.pdf", content=LAYOUT_BODY)
    (HERE / "autonum.docx").write_bytes(autonum_docx())
    (HERE / "pasted.docx").write_bytes(pasted_docx())
    (HERE / "party-gbk.html").write_bytes(party_html())
    (HERE / "no-regulation.html").write_bytes(no_regulation_html())
    (HERE / "image-only.pdf").write_bytes(image_only_pdf())
    (HERE / "encrypted.pdf").write_bytes(encrypted_pdf())
    if (HERE / "lo-1col.pdf").exists():
        data = (HERE / "lo-1col.pdf").read_bytes()
        (HERE / "truncated.pdf").write_bytes(data[: len(data) // 2])
    (HERE / "old.doc").write_bytes(old_doc())
    (HERE / "not-docx.docx").write_bytes(not_docx())
    (HERE / "empty.pdf").write_bytes(b"")
    return 0


if __name__ == "__main__":
    sys.exit(main())
