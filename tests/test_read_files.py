"""regparse.read on files: PDF, DOCX and HTML readers, format detection, bad files.

The files are in tests/data/files (made by make.py there, from one short
regulation written for these tests, regulation.txt): every good file must
parse to the same articles, paragraphs and items as the text itself.
"""
from __future__ import annotations

import io
import shutil
import sys
import zipfile
from pathlib import Path

import pytest

import regparse
from regparse.errors import ReadError
from regparse.read import detect_format, read_bytes, read_file, read_source
from regparse.read.docx import format_number
from regparse.read.pdf import ordinary_characters

FILES = Path(__file__).resolve().parent / "data" / "files"
TEXT = (FILES / "regulation.txt").read_text(encoding="utf-8")
GOOD = ["lo-1col.pdf", "lo-3col.pdf", "lo-5col.pdf", "autonum.docx", "pasted.docx", "party-gbk.html"]
pdfium = pytest.importorskip("pypdfium2")
pytest.importorskip("lxml")


def structure(doc) -> list:
    """Articles as (label, [(paragraph text, [item texts])]), white space ignored."""
    squash = lambda s: "".join(s.split())  # noqa: E731
    return [(a.label, [(squash(p.text), [squash(i.text) for i in p.items]) for p in a.paragraphs])
            for a in doc.articles]


def divisions(doc) -> list:
    return [("".join(d.label.split()), d.title) for d in doc.walk() if d.kind == "chapter"]


@pytest.fixture(scope="module")
def expected():
    return regparse.parse(TEXT)


# LibreOffice leaves a comma out of the text layer where it would hang past a narrow
# column's edge (pdftotext does not see it either): that file's texts lose a ，or 、
PUNCTUATION_LOST = {"lo-5col.pdf"}


@pytest.mark.parametrize("name", GOOD)
def test_every_format_parses_to_the_structure_of_the_text(name, expected):
    doc = regparse.parse_file(FILES / name)
    assert len(doc.articles) == 16
    if name in PUNCTUATION_LOST:
        drop = str.maketrans("", "", "，、")
        shape = lambda d: [(label, [(t.translate(drop), [i.translate(drop) for i in items])  # noqa: E731
                                    for t, items in paragraphs]) for label, paragraphs in structure(d)]
        assert shape(doc) == shape(expected)
    else:
        assert structure(doc) == structure(expected)
    assert divisions(doc) == divisions(expected)
    assert doc.title == "示范市城市公园管理条例"
    assert not [d for d in doc.diagnostics if d.severity == "error"]


@pytest.mark.parametrize("name", GOOD)
def test_source_lines_cover_the_text_and_spans_point_into_it(name):
    source = read_source(FILES / name)
    assert source.text == read_file(FILES / name)
    previous_end = -1
    for line in source.lines:
        assert previous_end < line.start <= line.end
        assert "\n" not in source.text[line.start:line.end]
        previous_end = line.end
    assert "".join(source.line_text(line) + "\n" for line in source.lines) == source.text
    doc = regparse.parse(source.text)
    article = doc.article(10)
    assert source.text[slice(*article.span)].startswith("第十条")


@pytest.mark.parametrize("name", GOOD)
def test_a_source_pickles(name):
    import pickle

    source = read_source(FILES / name)
    assert pickle.loads(pickle.dumps(source)) == source


@pytest.mark.parametrize("name", ["lo-1col.pdf", "lo-3col.pdf"])
def test_pdf_headers_and_page_numbers_are_furniture_not_text(name):
    source = read_source(FILES / name)
    assert source.format == "pdf"
    kinds = {(f.kind, f.text) for f in source.furniture}
    assert ("header", "示范市人民代表大会常务委员会公报") in kinds
    assert ("page-number", "— 1 —") in kinds and ("page-number", "— 2 —") in kinds
    assert "公报" not in source.text and "— 1 —" not in source.text
    assert all(f.page and f.box for f in source.furniture)


def test_pdf_one_page_header_above_the_headline_is_furniture():
    source = read_source(FILES / "lo-5col.pdf")
    assert [(f.kind, f.text) for f in source.furniture] == [("header", "示范市人民代表大会常务委员会公报"),
                                                           ("page-number", "— 1 —")]
    assert source.text.startswith("示范市城市公园管理条例\n")


def test_pdf_lines_know_their_page_box_and_size():
    source = read_source(FILES / "lo-3col.pdf")
    pages = {line.page for line in source.lines}
    assert pages == {1, 2}
    title = source.lines[0]
    assert source.line_text(title) == "示范市城市公园管理条例"
    assert title.size > 15 and title.centred and title.bold       # LibreOffice names its bold fonts
    assert not any(line.bold for line in source.lines if source.line_text(line).startswith("第一条"))
    for line in source.lines:
        x0, y0, x1, y1 = line.box
        assert 0 <= x0 < x1 and 0 <= y0 < y1
        assert line.pieces[0][0] == line.page
    # a paragraph wrapped over several column lines knows each of them
    first_article = next(line for line in source.lines if source.line_text(line).startswith("第一条"))
    assert len(first_article.pieces) >= 5
    assert all(first_article.box[1] <= box[1] for page, box in first_article.pieces if page == 1)


def test_pdf_three_columns_are_read_one_after_another():
    text = read_file(FILES / "lo-3col.pdf")
    lines = text.splitlines()
    labels = [line.split(" ")[0] for line in lines if line.startswith("第") and "条" in line[:6]]
    assert labels[:3] == ["第一条", "第二条", "第三条"] and labels[-1] == "第十五条"
    # a wrapped paragraph is one line again
    assert "第一条 为了加强城市公园的建设和管理，改善生态环境，" in text


def test_docx_word_numbering_is_rendered_into_the_text():
    source = read_source(FILES / "autonum.docx")
    data = (FILES / "autonum.docx").read_bytes()
    document = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    assert "第一条" not in document and "（一）" not in document   # the labels are numbering
    lines = source.text.splitlines()
    assert "第一条 为了加强城市公园的建设和管理，" in source.text
    assert [line[:4] for line in lines if line.startswith("（")] == ["（一）符", "（二）绿", "（三）配", "（四）保",
                                                                   "（一）损", "（二）在", "（三）擅", "（四）依"]
    # the typed 之一 article does not advance the list: 第十一条 follows it
    assert any(line.startswith("第十条之一") for line in lines)
    assert any(line.startswith("第十一条 举办") for line in lines)
    # a soft line break is a line; header and footer are furniture
    assert "<w:br/>" in document
    second = lines.index("第二条 本条例适用于本市行政区域内城市公园的规划、建设、保护和管理。")
    assert lines[second + 1].startswith("本条例所称城市公园")
    assert {(f.kind, f.text) for f in source.furniture} == {("header", "示范市城市公园管理条例"),
                                                           ("footer", "— 1 —")}


def test_docx_facts_come_from_the_formatting():
    source = read_source(FILES / "autonum.docx")
    by_text = {source.line_text(line): line for line in source.lines}
    heading = by_text["第一章　总则"]
    assert heading.centred and heading.bold and heading.size == 16
    body = by_text[next(t for t in by_text if t.startswith("第一条"))]
    assert not body.centred and body.indent == 2.0 and body.size == 16 and not body.bold


@pytest.mark.parametrize("n, fmt, expected", [
    (1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (11, "chineseCounting", "十一"),
    (110, "chineseCounting", "一百一十"), (1164, "chineseCounting", "一千一百六十四"),
    (11, "chineseCountingThousand", "一十一"), (3, "ideographTraditional", "丙"), (13, "ideographZodiac", "子"),
    (12, "decimal", "12"), (3, "decimalEnclosedCircle", "③"), (4, "upperRoman", "IV"), (2, "lowerLetter", "b"),
    (5, "decimalFullWidth", "５"), (2, "chineseLegalSimplified", "贰"), (7, "decimalZero", "07"),
])
def test_word_number_formats(n, fmt, expected):
    assert format_number(n, fmt) == expected


def _docx(numbering: str, paragraphs: str) -> bytes:
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", f'<w:document xmlns:w="{w}"><w:body>{paragraphs}</w:body></w:document>')
        z.writestr("word/numbering.xml", f'<w:numbering xmlns:w="{w}">{numbering}</w:numbering>')
    return buffer.getvalue()


def _numbered(text: str, num: int, ilvl: int = 0) -> str:
    return (f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr></w:pPr>'
            f'<w:r><w:t>{text}</w:t></w:r></w:p>')


def test_docx_numbering_starts_restarts_and_nested_levels():
    numbering = """
    <w:abstractNum w:abstractNumId="0">
      <w:lvl w:ilvl="0"><w:start w:val="1164"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="第%1条"/><w:suff w:val="space"/></w:lvl>
    </w:abstractNum>
    <w:abstractNum w:abstractNumId="1">
      <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%1）"/><w:suff w:val="nothing"/></w:lvl>
      <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2．"/><w:suff w:val="nothing"/></w:lvl>
    </w:abstractNum>
    <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
    <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
    <w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
    """
    paragraphs = "".join([
        _numbered("甲", 1), _numbered("a", 2), _numbered("b", 2), _numbered("b1", 2, 1), _numbered("b2", 2, 1),
        _numbered("c", 2), _numbered("c1", 2, 1), _numbered("乙", 1), _numbered("x", 3), _numbered("y", 3),
    ])
    text = read_bytes(_docx(numbering, paragraphs), name="n.docx").text
    assert text.splitlines() == ["第一千一百六十四条 甲", "（一）a", "（二）b", "1．b1", "2．b2", "（三）c", "1．c1",
                                 "第一千一百六十五条 乙", "（一）x", "（二）y"]


def test_docx_level_restart_zero_keeps_counting():
    numbering = """
    <w:abstractNum w:abstractNumId="0">
      <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
      <w:lvl w:ilvl="1"><w:start w:val="1"/><w:lvlRestart w:val="0"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>
    </w:abstractNum>
    <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"""
    paragraphs = "".join([_numbered("总体要求", 1), _numbered("甲", 1, 1), _numbered("主要任务", 1),
                          _numbered("乙", 1, 1)])
    assert read_bytes(_docx(numbering, paragraphs), name="r.docx").text.splitlines() == [
        "一、总体要求", "（一）甲", "二、主要任务", "（二）乙"]


def test_docx_numbering_from_the_paragraph_style():
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    numbering = ('<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
                 '<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="第%1条"/><w:suff w:val="nothing"/></w:lvl>'
                 '</w:abstractNum><w:num w:numId="7"><w:abstractNumId w:val="0"/></w:num>')
    styles = (f'<w:styles xmlns:w="{w}"><w:style w:type="paragraph" w:styleId="Base">'
              '<w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style>'
              '<w:style w:type="paragraph" w:styleId="Article"><w:basedOn w:val="Base"/></w:style></w:styles>')
    article = '<w:p><w:pPr><w:pStyle w:val="Article"/></w:pPr><w:r><w:t>　{}</w:t></w:r></w:p>'
    data = io.BytesIO(_docx(numbering, article.format("甲。") + "<w:p><w:r><w:t>乙。</w:t></w:r></w:p>"
                             + article.format("丙。")))
    with zipfile.ZipFile(data, "a") as z:
        z.writestr("word/styles.xml", styles)
    assert read_bytes(data.getvalue(), name="s.docx").text.splitlines() == ["第一条　甲。", "乙。", "第二条　丙。"]


def test_html_finds_the_content_and_leaves_the_page_around_it():
    source = read_source(FILES / "party-gbk.html")
    assert source.format == "html" and source.encoding == "gb18030"
    text = source.text
    # the sidebar's 第X条 lines, the script's, the footer's are not the regulation's
    assert "摘编" not in text and "学习要点" not in text and "不是正文" not in text and "版权所有" not in text
    assert text.startswith("示范市城市公园管理条例\n")
    assert "第三条　城市公园的管理" in text            # a label split over <span>s is whole
    nav = "\n".join(f.text for f in source.furniture if f.kind == "navigation")
    assert "第十条　党内法规制定工作条例摘编" in nav and "镕喆" in nav   # GBK beyond GB2312 decoded
    centred = [source.line_text(line) for line in source.lines if line.centred]
    assert "第一章　总则" in centred


def test_html_gov_cn_metadata_table_goes_into_the_metadata():
    page = """<html><head><meta charset="utf-8"><title>示例办法_国务院文件_中国政府网</title></head><body>
    <div class="nav"><a href="/">首页</a></div>
    <table class="bd1"><tr><td>索引号：</td><td>000014349/2024-00001</td><td>主题分类：</td><td>其他</td></tr>
    <tr><td>发文机关：</td><td>国务院</td><td>成文日期：</td><td>2024年01月02日</td></tr>
    <tr><td>标题：</td><td>示例办法</td></tr><tr><td>发文字号：</td><td>国令第1号</td><td>发布日期：</td><td>2024年01月05日</td></tr></table>
    <h1>示例办法</h1>
    <div class="pages_content"><p>第一条　为了示例，制定本办法。</p><p>第二条　本办法自发布之日起施行。</p></div>
    <div class="footer">版权所有：中国政府网</div></body></html>""".encode("utf-8")
    source = read_bytes(page, name="page.html")
    assert dict(source.metadata) == {"索引号": "000014349/2024-00001", "主题分类": "其他", "发文机关": "国务院",
                                     "成文日期": "2024年01月02日", "标题": "示例办法", "发文字号": "国令第1号",
                                     "发布日期": "2024年01月05日"}
    assert source.text.splitlines() == ["示例办法", "第一条　为了示例，制定本办法。", "第二条　本办法自发布之日起施行。"]


def test_html_br_lines_and_nbsp_indents():
    page = ("<html><head><meta http-equiv='Content-Type' content='text/html; charset=gb2312'></head><body>"
            "<td class='STYLE1'>&nbsp;&nbsp;&nbsp;&nbsp;第一条 为了示例。<br><br>&nbsp;&nbsp;&nbsp;&nbsp;"
            "第二条 本规定<b>自</b>发布之日起施行。<BR>　　第三条 喆。</td></body></html>").encode("gb18030")
    source = read_bytes(page, name="x.htm")
    assert source.text.splitlines() == ["第一条 为了示例。", "第二条 本规定自发布之日起施行。", "第三条 喆。"]
    assert [line.indent for line in source.lines] == [2.0, 2.0, 2.0]


def test_html_pre_keeps_its_line_ends():
    page = ("<html><body><div class='nav'><a href='/'>首页</a></div><pre>示例办法\n"
            "第一条　为了示例，\n  制定本办法。\n第二条　本办法自发布之日起施行。\n</pre></body></html>")
    source = read_bytes(page.encode("utf-8"), name="pre.html")
    assert source.text.splitlines() == ["示例办法", "第一条　为了示例，", "制定本办法。", "第二条　本办法自发布之日起施行。"]
    assert len(regparse.parse(source.text).articles) == 2


def test_html_page_with_no_regulation_is_a_no_structure_diagnostic():
    doc = regparse.parse_file(FILES / "no-regulation.html")
    assert doc.articles == [] or len(doc.articles) == 0
    assert "no_structure" in {d.code for d in doc.diagnostics}


def test_cjk_radicals_and_compatibility_ideographs_are_ordinary_characters():
    assert ordinary_characters("⻔⺠⾏⻓⻢\uf900\u2f00") == "门民行长马豈一"
    assert ordinary_characters("（一）第十条，１２") == "（一）第十条，１２"   # full-width forms stay


# -- detection by content ------------------------------------------------------------

@pytest.mark.parametrize("name, fmt", [("lo-1col.pdf", "pdf"), ("autonum.docx", "docx"),
                                       ("party-gbk.html", "html"), ("regulation.txt", "text")])
def test_the_format_is_recognised_by_content_not_by_name(name, fmt, tmp_path):
    renamed = tmp_path / "download.bin"
    shutil.copy(FILES / name, renamed)
    assert detect_format(renamed.read_bytes(), str(renamed)) == fmt
    assert read_source(renamed).format == fmt
    assert read_file(renamed) == read_file(FILES / name)


def test_a_utf16_page_is_html():
    page = "<html><body><p>第一条　为了示例。</p><p>第二条　施行。</p></body></html>"
    data = page.encode("utf-16")
    assert detect_format(data, "x") == "html"
    assert read_bytes(data, name="x").text.splitlines() == ["第一条　为了示例。", "第二条　施行。"]


def test_markdown_with_an_html_comment_is_still_text():
    data = "<!-- 来源：网络 -->\n# 示例办法\n第一条　为了示例。\n".encode("utf-8")
    assert detect_format(data, "x.md") == "text"


# -- bad files ----------------------------------------------------------------------

BAD = {
    "encrypted.pdf": "encrypted",
    "truncated.pdf": "truncated",
    "image-only.pdf": "no text layer",
    "old.doc": ".doc",
    "not-docx.docx": "not a .docx",
    "empty.pdf": "empty file",
}


@pytest.mark.parametrize("name", BAD)
def test_a_bad_file_is_a_one_line_read_error(name):
    with pytest.raises(ReadError) as err:
        regparse.parse_file(FILES / name)
    message = str(err.value)
    assert message.startswith(str(FILES / name) + ": ")
    assert BAD[name] in message and "\n" not in message


@pytest.mark.parametrize("seed", range(4))
def test_damaged_files_give_text_or_a_one_line_error_never_a_traceback(seed):
    import random

    rng = random.Random(seed)
    for _ in range(25):
        name = rng.choice(GOOD)
        data = bytearray((FILES / name).read_bytes())
        if rng.random() < 0.4:
            data = data[: rng.randrange(len(data))]
        else:
            for _ in range(rng.randint(1, 20)):
                data[rng.randrange(len(data))] = rng.randrange(256)
        try:
            source = read_bytes(bytes(data), name=name)
        except ReadError as e:
            assert str(e).startswith(name + ": ") and "\n" not in str(e)
        else:
            regparse.parse(source.text)


def test_broken_docx_parts_are_one_line_errors():
    good = (FILES / "autonum.docx").read_bytes()
    damaged = good[: len(good) - 200]
    with pytest.raises(ReadError, match="damaged"):
        read_bytes(damaged, name="cut.docx")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("word/document.xml", "<w:document><unclosed>")
    with pytest.raises(ReadError, match="not well-formed"):
        read_bytes(buffer.getvalue(), name="bad.docx")


def test_an_encrypted_office_file_says_so():
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500 + "EncryptedPackage".encode("utf-16-le")
    with pytest.raises(ReadError, match="encrypted"):
        read_bytes(data, name="secret.docx")


@pytest.mark.parametrize("module, extra, name", [("pypdfium2", "pdf", "lo-1col.pdf"),
                                                 ("lxml", "docx", "autonum.docx"),
                                                 ("lxml", "html", "party-gbk.html")])
def test_without_the_extra_the_error_names_it(module, extra, name, monkeypatch):
    for loaded in [m for m in sys.modules if m == module or m.startswith(module + ".")]:
        monkeypatch.setitem(sys.modules, loaded, None)
    monkeypatch.setitem(sys.modules, module, None)
    with pytest.raises(ReadError) as err:
        read_file(FILES / name)
    assert f'pip install "regparse-cn[{extra}]"' in str(err.value)
    assert "\n" not in str(err.value)


# -- the command line ----------------------------------------------------------------

@pytest.mark.parametrize("name", GOOD)
def test_every_command_reads_the_files(name, capsys):
    from regparse.cli import main

    assert main(["get", str(FILES / name), "第十条第一款第（二）项"]) == 0
    out = capsys.readouterr().out
    assert "".join(out.split()) == "在非指定区域游泳、垂钓、烧烤或者露营；"
    assert main(["check", str(FILES / name)]) == 0
    capsys.readouterr()


def test_standard_input_may_be_a_docx(capsys, monkeypatch):
    from regparse.cli import main

    class Stdin:
        buffer = io.BytesIO((FILES / "autonum.docx").read_bytes())

    monkeypatch.setattr(sys, "stdin", Stdin())
    assert main(["get", "-", "第十一条"]) == 0
    assert "举办大型游园" in capsys.readouterr().out


@pytest.mark.parametrize("name", BAD)
def test_the_command_line_reports_a_bad_file_on_one_line(name, capsys):
    from regparse.cli import main

    assert main(["parse", str(FILES / name)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and captured.err.startswith("regparse: error: ")
    assert "Traceback" not in captured.err


def test_a_pdf_text_layer_without_character_codes_is_refused():
    from regparse.read import pdf as reader

    page = reader._Page(1, 400, 600)
    page.chars = [(chr(0xE000 + k), 10.0 * k, 10.0 * k + 9, 100.0, 10.0, None, True) for k in range(40)]
    with pytest.raises(ReadError, match="no usable character codes"):
        reader._check_character_map([page], "x.pdf")
    page.chars = [("第", 10.0 * k, 10.0 * k + 9, 100.0, 10.0, None, True) for k in range(40)]
    reader._check_character_map([page], "x.pdf")


def test_a_scanned_page_among_text_pages_is_not_lost_silently():
    document = pdfium.PdfDocument(str(FILES / "lo-1col.pdf"))
    document.import_pages(pdfium.PdfDocument(str(FILES / "image-only.pdf")))
    buffer = io.BytesIO()
    document.save(buffer)
    source = read_bytes(buffer.getvalue(), name="mixed.pdf")
    assert source.text == read_file(FILES / "lo-1col.pdf")
    images = [f for f in source.furniture if f.kind == "image"]
    assert [(f.page, f.text) for f in images] == [(3, "")]
