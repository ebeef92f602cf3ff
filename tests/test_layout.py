"""The layout of files reaches the parse: headings and paragraphs text alone gets wrong,
the document's source, the pages and boxes of nodes, file metadata, OCR.

The files here are made in the tests (a .docx written part by part, a web
page, a PDF rendered to an image) or are the committed ones of
tests/data/files/ (LibreOffice PDFs made by tests/data/files/make.py).
"""
from __future__ import annotations

import collections
import io
import json
import zipfile
from pathlib import Path

import pytest

import regparse
from conftest import lost_characters
from regparse.cli import main
from regparse.read import read_bytes, read_source
from regparse.read.source import SourceBuilder

FILES = Path(__file__).parent / "data" / "files"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx(paragraphs: list[tuple[str, dict]]) -> bytes:
    """A .docx of paragraphs, each (text, facts): centred, bold, indent (characters)."""
    body = []
    for text, facts in paragraphs:
        ppr = ""
        if facts.get("centred"):
            ppr += '<w:jc w:val="center"/>'
        if facts.get("indent"):
            ppr += f'<w:ind w:firstLineChars="{int(facts["indent"] * 100)}"/>'
        rpr = "<w:rPr><w:b/></w:rPr>" if facts.get("bold") else ""
        body.append(f"<w:p><w:pPr>{ppr}</w:pPr><w:r>{rpr}<w:t>{text}</w:t></w:r></w:p>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", f'<w:document xmlns:w="{W}"><w:body>{"".join(body)}</w:body></w:document>')
    return buffer.getvalue()


INDENT = {"indent": 2}
LAW = [("示范条例", {"centred": True, "bold": True}),
       ("第一条　为了规范示范工作，制定本条例。", INDENT),
       ("第二条　本条例所称示范单位，是指依法设立的从事示范工作的机构", INDENT),
       ("示范单位应当遵守本条例。", INDENT),
       ("法律责任", {"centred": True}),
       ("第三条　违反本条例规定的，由主管部门责令改正。", INDENT),
       ("监督管理", {"bold": True}),
       ("第四条　主管部门应当加强监督检查。", INDENT),
       ("附则", {"centred": True}),
       ("第五条　本条例自发布之日起施行。", INDENT)]


@pytest.fixture(scope="module")
def law_docx():
    pytest.importorskip("lxml")
    return read_bytes(docx(LAW), name="law.docx")


def test_layout_decides_where_text_alone_is_wrong(law_docx):
    by_layout = regparse.parse_source(law_docx, explain=True)
    by_text = regparse.parse(law_docx.text)
    # a paragraph that ends without punctuation, then an indented one: two 款, not one joined
    assert [p.text for p in by_layout.article(2).paragraphs] == [
        "本条例所称示范单位，是指依法设立的从事示范工作的机构", "示范单位应当遵守本条例。"]
    assert by_text.article(2).paragraphs[0].text.endswith("机构示范单位应当遵守本条例。")
    # headings without a marker: centred, or bold, between articles
    assert [h.text for h in by_layout.headings] == ["法律责任", "监督管理", "附则"]
    assert [h.text for h in by_text.headings] == ["附则"]         # text knows 附则 only
    assert "法律责任" in by_text.article(2).text
    kinds = collections.Counter(d.kind for d in by_layout.decisions)
    assert kinds["layout_heading"] == 2 and kinds["indented_line"] >= 1
    assert not lost_characters(law_docx.text, by_layout)


def test_without_layout_facts_a_source_parses_as_its_text():
    b = SourceBuilder()
    for text, _ in LAW:
        b.line(text)
    source = b.build("docx")
    doc = regparse.parse_source(source)
    assert doc.model_copy(update={"source": None}) == regparse.parse(source.text)


def test_a_page_set_all_in_bold_marks_no_heading():
    b = SourceBuilder()
    for text, _ in LAW:
        b.line(text, bold=True)
    doc = regparse.parse_source(b.build("html"))
    assert [h.text for h in doc.headings] == ["附则"]


def test_a_text_file_parses_as_before_and_says_what_it_was(tmp_path):
    text = (FILES / "regulation.txt").read_text(encoding="utf-8")
    path = tmp_path / "law.txt"
    path.write_bytes(text.encode("gb18030"))
    doc = regparse.parse_file(path)
    assert doc.model_copy(update={"source": None, "encoding": None}) == regparse.parse(text)
    assert (doc.source.format, doc.source.name, doc.source.encoding, doc.source.text) == \
        ("text", "law.txt", "gb18030", None)
    assert "source" not in json.loads(regparse.parse(text).model_dump_json())   # a str has none
    assert regparse.Regulation.model_validate_json(doc.model_dump_json()) == doc


# -- the source a document keeps ----------------------------------------------------

pdfium = pytest.importorskip("pypdfium2")


@pytest.fixture(scope="module")
def pdf_doc():
    return regparse.parse_file(FILES / "lo-1col.pdf")


def test_a_pdf_document_keeps_its_source(pdf_doc):
    source = read_source(FILES / "lo-1col.pdf")
    kept = pdf_doc.source
    assert (kept.format, kept.name, kept.pages) == ("pdf", "lo-1col.pdf", 2)
    assert kept.text == source.text
    art = pdf_doc.article(10)
    assert kept.text[slice(*art.span)].startswith("第十条")
    # lossless, and the text is in the JSON once, not per node
    s = pdf_doc.model_dump_json()
    assert regparse.Regulation.model_validate_json(s) == pdf_doc
    assert s.count(json.dumps(source.text, ensure_ascii=False)[1:-1]) == 1


def test_the_furniture_the_reader_removed_is_in_the_noise(pdf_doc):
    source = read_source(FILES / "lo-1col.pdf")
    furniture = [n for n in pdf_doc.noise if n.kind == "file_furniture"]
    assert sorted(n.text for n in furniture) == sorted(f.text for f in source.furniture if f.text)
    assert {"— 1 —", "— 2 —"} <= {n.text for n in furniture}
    assert all(n.span[0] == n.span[1] for n in furniture)          # not in the text: where it stood
    assert [(f.kind, f.page) for f in pdf_doc.source.furniture] == [(f.kind, f.page) for f in source.furniture]


def _text_layer(path: Path) -> str:
    from regparse.read.pdf import ordinary_characters

    pdf = pdfium.PdfDocument(str(path))
    return "".join(ordinary_characters(pdf[i].get_textpage().get_text_range()) for i in range(len(pdf)))


@pytest.mark.parametrize("name", ["lo-1col.pdf", "lo-3col.pdf", "lo-5col.pdf"])
def test_every_character_of_the_text_layer_is_in_the_tree_or_the_noise(name):
    doc = regparse.parse_file(FILES / name)
    assert not lost_characters(_text_layer(FILES / name), doc)


@pytest.mark.parametrize("name", ["lo-1col.pdf", "lo-3col.pdf", "lo-5col.pdf"])
def test_an_article_box_on_its_page_holds_the_characters_of_its_label(name):
    doc = regparse.parse_file(FILES / name)
    pdf = pdfium.PdfDocument(str(FILES / name))
    checked = 0
    for art in doc.articles:
        page, (x0, y0, x1, y1) = doc.layout_of(art)[0]
        textpage = pdf[page - 1].get_textpage()
        height = pdf[page - 1].get_size()[1]
        chars = textpage.get_text_range()
        found = []
        at = chars.find(art.label)
        while at >= 0:
            boxes = [textpage.get_charbox(at + k) for k in range(len(art.label))]
            # PDFium's boxes have their origin at the bottom left; the layout's at the top left
            found.append(all(x0 - 1 <= left and right <= x1 + 1 and y0 - 1 <= height - top and height - bottom <= y1 + 1
                             for left, bottom, right, top in boxes))
            at = chars.find(art.label, at + 1)
        assert any(found), f"{art.label} not printed inside its box on page {page}"
        checked += 1
    assert checked == len(doc.articles) >= 15


def test_a_pdf_whose_structure_only_its_layout_shows():
    # tests/data/files/make.py: LAYOUT_BODY, printed by LibreOffice
    source = read_source(FILES / "lo-layout.pdf")
    by_layout = regparse.parse_source(source, explain=True)
    by_text = regparse.parse(source.text)
    assert [h.text for h in by_layout.headings] == ["法律责任", "监督管理", "附则"]     # a bold 13pt line, a bold one
    assert [h.text for h in by_text.headings] == ["附则"]
    assert [p.text for p in by_layout.article(2).paragraphs] == [
        "本办法所称养护单位，是指依法设立的从事公园绿地养护工作的机构", "养护单位应当遵守本办法。"]
    assert len(by_text.article(2).paragraphs[0].text) > len(by_layout.article(2).paragraphs[0].text)
    assert not lost_characters(_text_layer(FILES / "lo-layout.pdf"), by_layout)


def test_pages_and_boxes_of_nested_nodes_and_of_a_str(pdf_doc):
    art = pdf_doc.article(10)
    boxes = pdf_doc.layout_of(art)
    items = [pdf_doc.layout_of(item) for item in art.paragraphs[0].items]
    assert all(len(b) >= 1 for b in items)
    assert all(piece in boxes for b in items for piece in b)      # an item's lines are its article's
    assert regparse.parse("第一条　示例。").layout_of(regparse.parse("第一条　示例。").article(1)) == []


def test_get_json_shows_where_the_node_is_printed(capsys):
    assert main(["get", str(FILES / "lo-1col.pdf"), "第十条", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["label"] == "第十条"
    assert out["layout"] and {"page", "box"} <= set(out["layout"][0]) and len(out["layout"][0]["box"]) == 4


# -- metadata -------------------------------------------------------------------------

GOV_CN = """<html><head><meta charset="utf-8"><title>示例办法_国务院文件_中国政府网</title></head><body>
<div class="nav"><a href="/">首页</a></div>
<table class="bd1"><tr><td>索引号：</td><td>000014349/2024-00001</td><td>主题分类：</td><td>其他</td></tr>
<tr><td>发文机关：</td><td>国务院</td><td>成文日期：</td><td>2024年01月02日</td></tr>
<tr><td>标题：</td><td>示例办法</td></tr><tr><td>发文字号：</td><td>国令第1号</td><td>发布日期：</td><td>2024-1-5</td></tr></table>
<h1>示例办法</h1>
<div class="pages_content"><p>第一条　为了示例，制定本办法。</p><p>第二条　本办法自发布之日起施行。</p></div>
<div class="footer">版权所有：中国政府网</div></body></html>"""


def test_gov_cn_metadata_goes_into_the_document_with_iso_dates():
    pytest.importorskip("lxml")
    source = read_bytes(GOV_CN.encode("utf-8"), name="page.html")
    doc = regparse.parse_source(source, name="page.html")
    assert doc.metadata == {"索引号": "000014349/2024-00001", "主题分类": "其他", "发文机关": "国务院",
                            "成文日期": "2024-01-02", "标题": "示例办法", "发文字号": "国令第1号",
                            "发布日期": "2024-01-05"}
    assert regparse.Regulation.model_validate_json(doc.model_dump_json()).metadata == doc.metadata
    assert regparse.parse(source.text).metadata == {}


# -- OCR ------------------------------------------------------------------------------

def scanned(path: Path) -> bytes:
    """The pages of a PDF as images only: what a scanner makes of the printed pages."""
    src = pdfium.PdfDocument(str(path))
    out = pdfium.PdfDocument.new()
    for i in range(len(src)):
        width, height = src[i].get_size()
        page = out.new_page(width, height)
        image = pdfium.PdfImage.new(out)
        image.set_bitmap(src[i].render(scale=200 / 72, grayscale=True))
        image.set_matrix(pdfium.PdfMatrix().scale(width, height))
        page.insert_obj(image)
        page.gen_content()
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def test_an_image_only_pdf_says_it_has_no_text_layer_and_how_to_ocr(capsys):
    assert main(["parse", str(FILES / "image-only.pdf")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no text layer" in err and "--ocr" in err and "tesseract" in err


def _tesseract() -> bool:
    from regparse.read.ocr import tesseract_available

    return tesseract_available()


@pytest.mark.skipif(not _tesseract(), reason="tesseract with chi_sim is not installed")
def test_ocr_reads_a_scanned_pdf(tmp_path, capsys):
    path = tmp_path / "scan.pdf"
    path.write_bytes(scanned(FILES / "lo-1col.pdf"))
    printed = regparse.parse_file(FILES / "lo-1col.pdf")
    doc = regparse.parse_file(path, ocr=True)
    assert [a.label for a in doc.articles] == [a.label for a in printed.articles]
    assert doc.source.metadata["ocr"].startswith("tesseract")
    page, box = doc.layout_of(doc.article(1))[0]
    assert page == 1 and box[0] < box[2] and box[1] < box[3]
    assert main(["get", str(path), "第十五条", "--ocr"]) == 0
    assert "施行" in capsys.readouterr().out


def test_batch_fails_an_image_only_pdf_and_reads_it_with_ocr(tmp_path, capsys):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "scan.pdf").write_bytes(scanned(FILES / "lo-1col.pdf"))
    assert main(["batch", str(inputs), "-o", str(tmp_path / "out"), "-q"]) == 1
    assert "no text layer" in capsys.readouterr().err
    if not _tesseract():
        pytest.skip("tesseract with chi_sim is not installed")
    assert main(["batch", str(inputs), "-o", str(tmp_path / "ocr"), "-q", "--ocr"]) == 0
    doc = regparse.Regulation.model_validate_json((tmp_path / "ocr" / "scan.json").read_text(encoding="utf-8"))
    assert [a.label for a in doc.articles] == [a.label for a in regparse.parse_file(FILES / "lo-1col.pdf").articles]


# -- any Source --------------------------------------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from test_properties import _BODY, _END, _MARKS  # noqa: E402

_FACTS = st.fixed_dictionaries({}, optional={
    "centred": st.booleans(), "bold": st.booleans(), "indent": st.sampled_from([0.0, 2.0, -1.0, 0.5]),
    "size": st.sampled_from([10.5, 16.0, 22.0]), "page": st.integers(1, 3),
    "box": st.just((10.0, 20.0, 200.0, 32.0))})
_SOURCE_LINES = st.lists(st.tuples(st.tuples(_MARKS, _BODY, _END).map("".join), _FACTS), max_size=20)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_SOURCE_LINES, st.sampled_from(["pdf", "docx", "html"]))
def test_any_source_parses_keeps_everything_and_round_trips(lines, fmt):
    b = SourceBuilder()
    for text, facts in lines:
        b.line(" ".join(text.splitlines()), **facts)
    b.furniture("第 1 页", "page-number", 1, (100.0, 800.0, 120.0, 810.0))
    source = b.build(fmt)
    doc = regparse.parse_source(source)
    assert not lost_characters(source.text + "第 1 页", doc)
    assert regparse.Regulation.model_validate_json(doc.model_dump_json()) == doc
    for node in doc.walk():
        for page, box in doc.layout_of(node):
            assert 1 <= page <= 3 and len(box) == 4
