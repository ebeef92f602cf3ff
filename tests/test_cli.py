"""The regparse command: every command on real text, every error path, one line per error."""
from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys

import pytest

import regparse
from conftest import CORPUS, NEWS_SEEDS, ROOT, SEED_004, needs_corpus
from regparse.cli import main

SEED = str(SEED_004)


def without_source(doc: regparse.Regulation) -> regparse.Regulation:
    """The tree of a file without the record of the file: what parse() of its text gives."""
    return doc.model_copy(update={"source": None, "encoding": None})
COMMANDS = ("parse", "get", "check", "refs", "extract", "schema")
REFERENCE_LINE = re.compile(r"^(?P<file>.+):(?P<line>\d+):(?P<col>\d+): (?P<kind>\S+) (?P<surface>.+?) -> "
                            r"(?P<targets>.+) \((?P<resolution>[^()]*)\)$")
DIAGNOSTIC_LINE = re.compile(r"^(?P<file>.+):(?P<line>\d+):(?P<col>\d+): (?P<what>\S+) (?P<code>\S+): (?P<message>.+)$")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def assert_one_line_error(err: str, *fragments: str) -> None:
    assert err.count("\n") == 1 and err.startswith("regparse: error: "), err
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in err, (fragment, err)


def line_col(text: str, offset: int) -> tuple[int, int]:
    """Computed here independently of the command: 1-based line and column."""
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


# -- parse ---------------------------------------------------------------------

def test_parse_prints_the_tree_as_json_equal_to_the_library_parse(capsys, seed_004):
    status, out, err = run(capsys, "parse", SEED)
    assert status == 0 and err == ""
    doc = regparse.Regulation.model_validate_json(out)
    assert without_source(doc) == seed_004
    assert (doc.source.format, doc.source.name, doc.source.encoding) == ("text", SEED_004.name, "utf-8")
    assert doc.source.text is None        # a text file is its own text: not repeated in the JSON


def test_parse_tree_format_shows_chapters_articles_and_items(capsys, seed_004):
    status, out, _ = run(capsys, "parse", SEED, "--format", "tree")
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == "中国共产党工作机关条例"
    chapters = [ln.strip() for ln in lines if re.match(r"\s*第[三四五六]章", ln)]
    assert chapters == ["第三章 职责", "第四章 决策与执行", "第五章 监督与追责", "第六章 附则"]
    labels = [a.label for a in seed_004.articles]
    assert [ln.split()[0] for ln in lines if re.match(r"\s*第[一二三四五六七八九十]+条", ln)] == labels
    assert len(labels) == 25
    assert any("当好党委参谋助手" in ln for ln in lines)


@pytest.mark.parametrize("fmt, marker", [("markdown", "第十一条"), ("text", "第十一条"),
                                         ("akn", "<akomaNtoso"), ("html", "<html")])
def test_parse_other_formats_are_the_exporters_output(capsys, seed_004, fmt, marker):
    from regparse.export import render

    status, out, err = run(capsys, "parse", SEED, "--format", fmt)
    assert status == 0 and err == ""
    assert out.rstrip("\n") == render(seed_004, fmt).rstrip("\n")
    assert marker in out


def test_parse_akn_takes_the_frbr_uri(capsys):
    status, out, _ = run(capsys, "parse", SEED, "--format", "akn", "--frbr-uri", "/akn/cn/act/2025/party-organs")
    assert status == 0
    assert "/akn/cn/act/2025/party-organs" in out


def test_parse_writes_to_a_file_with_o(capsys, tmp_path, seed_004):
    out_path = tmp_path / "doc.json"
    status, out, err = run(capsys, "parse", SEED, "-o", str(out_path))
    assert status == 0 and out == "" and err == ""
    assert without_source(regparse.Regulation.model_validate_json(out_path.read_text(encoding="utf-8"))) == seed_004


def test_parse_to_an_unwritable_output_is_one_line(capsys, tmp_path):
    status, _, err = run(capsys, "parse", SEED, "-o", str(tmp_path / "no" / "such" / "dir.json"))
    assert status == 1
    assert_one_line_error(err, "dir.json", "cannot write")


def test_parse_reads_standard_input_in_any_encoding(capsys, monkeypatch, seed_004, seed_004_text):
    # GB18030 bytes on stdin decode to the same text, so the tree is the same, spans and all
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(seed_004_text.encode("gb18030"))))
    status, out, _ = run(capsys, "parse", "-")
    assert status == 0
    doc = regparse.Regulation.model_validate_json(out)
    assert without_source(doc) == seed_004
    assert (doc.source.name, doc.source.encoding) == ("<stdin>", "gb18030")


def test_parse_of_a_crlf_file_keeps_spans_into_the_crlf_text(capsys, tmp_path, seed_004_text):
    crlf = seed_004_text.replace("\n", "\r\n")
    path = tmp_path / "crlf.txt"
    path.write_bytes(crlf.encode("utf-16"))
    status, out, _ = run(capsys, "parse", str(path))
    assert status == 0
    doc = regparse.Regulation.model_validate_json(out)
    article = doc.article(11)
    assert crlf[slice(*article.span)].lstrip("*").startswith("第十一条")
    assert len(doc.articles) == 25


# -- get -----------------------------------------------------------------------

def test_get_prints_the_text_of_an_item(capsys, seed_004):
    status, out, _ = run(capsys, "get", SEED, "第十一条第一款第（三）项")
    assert status == 0
    assert out.startswith("当好党委参谋助手")
    assert out == seed_004.get("第十一条第一款第（三）项").text + "\n"


def test_get_accepts_arabic_citations(capsys):
    assert run(capsys, "get", SEED, "第11条第1款第3项")[1].startswith("当好党委参谋助手")


def test_get_prints_the_full_text_of_an_article(capsys, seed_004):
    status, out, _ = run(capsys, "get", SEED, "第十一条")
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == "党的工作机关应当履行下列职责:"
    assert len(lines) == 8  # lead-in, six items, second 款
    assert lines[3].endswith("当好党委参谋助手,及时报告有关情况,反映问题、提出意见建议,为党委决策提供服务;")
    assert out == seed_004.article(11).full_text() + "\n"


def test_get_json_is_the_subtree(capsys, seed_004):
    status, out, _ = run(capsys, "get", SEED, "第三章", "--json")
    assert status == 0
    chapter = regparse.Chapter.model_validate_json(out)
    assert chapter == seed_004.get("第三章")
    assert [a.label for a in chapter.children][:2] == ["第十条", "第十一条"]


def test_get_a_missing_node_names_the_closest_one(capsys):
    status, out, err = run(capsys, "get", SEED, "第九十九条")
    assert status == 1 and out == ""
    assert_one_line_error(err, "第九十九条", "closest", "第三十二条")


def test_get_a_string_that_is_no_citation_is_one_line(capsys):
    status, out, err = run(capsys, "get", SEED, "十一")
    assert status == 1 and out == ""
    assert_one_line_error(err, "十一")


@needs_corpus
def test_get_referrers_lists_what_points_at_a_node(capsys):
    # 档案法: 第四十九条 cites 本法第二十二条 and 第二十五条 does too
    path = CORPUS / "dev" / "xzf-057befed90.txt"
    text = path.read_text(encoding="utf-8")
    doc = regparse.parse(text)
    target = doc.get("第二十二条")
    expected = doc.referrers(target)
    assert expected, "the fixture document must have references to 第二十二条"

    status, out, _ = run(capsys, "get", str(path), "第二十二条", "--referrers", "--json")
    assert status == 0
    listed = json.loads(out)
    assert [r["span"] for r in listed] == [list(r.span) for r in expected]
    for entry in listed:
        start, end = entry["span"]
        assert text[start:end] == entry["surface"]
        assert "第二十二条" in entry["surface"]
        holder = doc.get(entry["in"])
        assert holder.span[0] <= start and end <= holder.span[1]
        assert holder.kind in ("paragraph", "item", "subitem")
        assert (entry["line"], entry["col"]) == line_col(text, start)

    status, out, _ = run(capsys, "get", str(path), "第二十二条", "--referrers")
    assert status == 0
    assert len(out.splitlines()) == len(expected)
    assert all(f": {entry['in']}: {entry['surface']} " in out for entry in listed)


def test_get_referrers_of_an_unreferenced_node_prints_nothing(capsys, seed_004):
    assert not seed_004.referrers(seed_004.article(8))
    status, out, err = run(capsys, "get", SEED, "第八条", "--referrers")
    assert status == 0 and out == ""
    assert "第八条" in err


# -- check ---------------------------------------------------------------------

def test_check_prints_each_diagnostic_at_its_line_and_column(capsys, seed_004, seed_004_text):
    status, out, err = run(capsys, "check", SEED)
    assert status == (1 if any(d.severity == "error" for d in seed_004.diagnostics) else 0)
    lines = out.splitlines()
    assert len(lines) == len(seed_004.diagnostics) >= 1
    for line, diagnostic in zip(lines, seed_004.diagnostics):
        m = DIAGNOSTIC_LINE.match(line)
        assert m, line
        assert m["file"] == SEED
        assert (int(m["line"]), int(m["col"])) == line_col(seed_004_text, diagnostic.span[0])
        assert (m["what"], m["code"]) == (diagnostic.severity, diagnostic.code)
    fragment = next(ln for ln in lines if "fragment_start" in ln)
    row = int(DIAGNOSTIC_LINE.match(fragment)["line"])
    assert "第八条" in seed_004_text.splitlines()[row - 1]
    assert "25 articles" in err


def test_check_exits_1_on_a_page_without_regulation(capsys):
    news = NEWS_SEEDS[0]
    status, out, _ = run(capsys, "check", str(news))
    assert status == 1
    m = DIAGNOSTIC_LINE.match(out.splitlines()[0])
    assert m and m["what"] == "error" and m["code"] == "no_structure"


def test_check_counts_the_units_of_an_enumerated_document(capsys, tmp_path):
    path = tmp_path / "opinion.txt"
    path.write_text("示例意见\n一、总体要求\n（一）指导思想。坚持示例。\n（二）基本原则。依法示例。\n二、组织实施\n加强领导。\n",
                    encoding="utf-8")
    status, _, err = run(capsys, "check", str(path))
    assert status == 0 and ": 4 units (an enumerated document); " in err
    status, out, _ = run(capsys, "check", str(path), "--json")
    assert json.loads(out)["units"] == 4 and json.loads(out)["articles"] == 0
    status, _, err = run(capsys, "check", SEED)
    assert ": 25 articles; " in err


def test_check_line_numbers_are_the_same_for_crlf_text(capsys, tmp_path, seed_004_text):
    path = tmp_path / "crlf.txt"
    path.write_bytes(seed_004_text.replace("\n", "\r\n").encode("utf-8"))
    _, lf, _ = run(capsys, "check", SEED)
    _, crlf, _ = run(capsys, "check", str(path))
    strip = lambda out: [ln.split(": ", 1)[0].rsplit(":", 2)[1:] for ln in out.splitlines()]  # noqa: E731
    assert strip(crlf) == strip(lf)


def test_check_explain_prints_decisions_and_noise(capsys, seed_004_text):
    explained = regparse.parse(seed_004_text, explain=True)
    assert explained.decisions and explained.noise
    status, out, _ = run(capsys, "check", SEED, "--explain")
    lines = out.splitlines()
    assert len(lines) == len(explained.diagnostics) + len(explained.decisions) + len(explained.noise)
    decisions = [m for m in map(DIAGNOSTIC_LINE.match, lines) if m and m["what"] == "decision"]
    noise = [m for m in map(DIAGNOSTIC_LINE.match, lines) if m and m["what"] == "noise"]
    assert [m["code"] for m in decisions] == [d.kind for d in explained.decisions]
    assert [m["code"] for m in noise] == [n.kind for n in explained.noise]
    # the page note (上接第1版) is shown where it was removed
    page_note = next(n for n in explained.noise if n.text == "(上接第1版)")
    row, col = line_col(seed_004_text, page_note.span[0])
    assert any(m["line"] == str(row) and m["col"] == str(col) and m["message"] == "(上接第1版)" for m in noise)
    # the page break inside 第十一条 was joined
    assert any(m["code"] == "mid_sentence" and m["message"].startswith("line joined") for m in decisions)


def test_check_json(capsys, seed_004, seed_004_text):
    status, out, _ = run(capsys, "check", SEED, "--json", "--explain")
    assert status == 0
    result = json.loads(out)
    assert result["file"] == SEED and result["articles"] == 25 and result["errors"] == 0
    assert [d["code"] for d in result["diagnostics"]] == [d.code for d in seed_004.diagnostics]
    for d in result["diagnostics"] + result["noise"]:
        assert (d["line"], d["col"]) == line_col(seed_004_text, d["span"][0])
    assert result["decisions"] and result["noise"]


# -- refs ----------------------------------------------------------------------

@needs_corpus
def test_refs_lists_every_reference_with_its_resolution(capsys):
    path = CORPUS / "dev" / "xzf-057befed90.txt"
    text = path.read_text(encoding="utf-8")
    doc = regparse.parse(text)
    assert len(doc.references) >= 5
    status, out, _ = run(capsys, "refs", str(path))
    assert status == 0
    lines = out.splitlines()
    assert len(lines) == len(doc.references)
    for line, ref in zip(lines, doc.references):
        m = REFERENCE_LINE.match(line)
        assert m, line
        assert m["file"] == str(path)
        assert (int(m["line"]), int(m["col"])) == line_col(text, ref.span[0])
        assert (m["kind"], m["surface"]) == (ref.kind, ref.surface)
        assert m["targets"] == "、".join(ref.targets)
        if ref.resolved:
            assert m["resolution"].split() == ref.target_ids
        elif ref.kind != "external":
            assert m["resolution"] == "unresolved"

    status, out, _ = run(capsys, "refs", str(path), "--json")
    listed = json.loads(out)
    assert [r["surface"] for r in listed] == [r.surface for r in doc.references]
    assert all(text[r["span"][0]:r["span"][1]] == r["surface"] for r in listed)


def test_refs_of_the_seed_matches_the_library(capsys, seed_004):
    status, out, _ = run(capsys, "refs", SEED, "--json")
    assert status == 0
    assert [r["surface"] for r in json.loads(out)] == [r.surface for r in seed_004.references]


# -- extract -------------------------------------------------------------------

def test_extract_finds_the_regulation_on_the_seed_page(capsys, seed_004_text):
    found = regparse.extract(seed_004_text)
    status, out, _ = run(capsys, "extract", SEED, "--json")
    assert status == 0
    listed = json.loads(out)
    assert [(r["title"], r["articles"], r["span"]) for r in listed] == \
        [(d.title, len(d.articles), list(d.span)) for d in found]
    assert listed[0]["title"] == "中国共产党工作机关条例" and listed[0]["articles"] == 25
    assert (listed[0]["first_article"], listed[0]["last_article"]) == ("第八条", "第三十二条")

    status, out, _ = run(capsys, "extract", SEED)
    assert out.startswith("1. 中国共产党工作机关条例 ")
    assert "25 articles (第八条…第三十二条)" in out


def test_extract_on_a_news_page_finds_nothing(capsys):
    status, out, err = run(capsys, "extract", str(NEWS_SEEDS[1]))
    assert status == 0 and out == ""
    assert "no regulation found" in err


# -- schema --------------------------------------------------------------------

def test_schema_is_the_json_schema_of_regulation(capsys):
    status, out, _ = run(capsys, "schema")
    assert status == 0
    schema = json.loads(out)
    assert "$defs" in schema and {"Article", "Paragraph", "Item"} <= set(schema["$defs"])
    assert schema == json.loads(json.dumps(regparse.Regulation.model_json_schema()))


# -- errors and help -------------------------------------------------------------

def test_missing_file_is_one_line(capsys, tmp_path):
    missing = tmp_path / "missing.txt"
    status, out, err = run(capsys, "parse", str(missing))
    assert status == 1 and out == ""
    assert_one_line_error(err, str(missing), "no such file")


def test_directory_is_one_line(capsys, tmp_path):
    status, _, err = run(capsys, "check", str(tmp_path))
    assert status == 1
    assert_one_line_error(err, str(tmp_path), "directory")


def test_binary_file_is_one_line(capsys, tmp_path):
    import gzip

    path = tmp_path / "seed.txt.gz"
    path.write_bytes(gzip.compress(SEED_004.read_bytes()))
    for command in ("parse", "check", "refs", "extract"):
        status, out, err = run(capsys, command, str(path))
        assert status == 1 and out == ""
        assert_one_line_error(err, str(path), "binary data")


@pytest.mark.parametrize("argv", [[], ["parse"], ["frobnicate"], ["parse", SEED, "--format", "pdf"],
                                  ["get", SEED], ["check", SEED, "--no-such-option"]])
def test_usage_errors_are_one_line_with_status_2(capsys, argv):
    status, out, err = run(capsys, *argv)
    assert status == 2 and out == ""
    assert_one_line_error(err)
    assert "--help" in err


@pytest.mark.parametrize("command", (None,) + COMMANDS)
def test_help_shows_an_example(capsys, command):
    status, out, _ = run(capsys, *([command] if command else []), "--help")
    assert status == 0
    examples = out[out.index("example"):]
    # each example line is a runnable invocation of that command
    assert re.search(rf"^\s+regparse {command or '(parse|get)'}\b", examples, re.M), out


def test_an_internal_error_is_one_line_too(capsys, monkeypatch):
    def broken(text, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(regparse, "parse_source", broken)
    monkeypatch.delenv("REGPARSE_DEBUG", raising=False)
    status, _, err = run(capsys, "check", SEED)
    assert status == 1
    assert_one_line_error(err, "internal error", "RuntimeError", "boom")


# -- as a program -----------------------------------------------------------------

def _program(*argv: str, **kwargs) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    return subprocess.Popen([sys.executable, "-m", "regparse", *argv], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kwargs)


def test_python_m_regparse_runs_the_command():
    proc = _program("get", "seeds/004_931bd066818f0e97.txt", "第十一条第一款第（三）项")
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err.decode()
    assert out.decode("utf-8").startswith("当好党委参谋助手")

    proc = _program("get", "seeds/004_931bd066818f0e97.txt", "第九十九条")
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 1 and out == b""
    assert err.decode("utf-8").count("\n") == 1 and "第三十二条" in err.decode("utf-8")


def test_a_closed_pipe_ends_quietly():
    # the reader is gone before the command has parsed the page (| head -0)
    proc = _program("parse", "seeds/004_931bd066818f0e97.txt")
    proc.stdout.close()
    err = proc.stderr.read()
    proc.wait(timeout=120)
    assert proc.returncode == 1
    assert b"Traceback" not in err and err == b""


# -- batch ---------------------------------------------------------------------

def test_batch_parses_every_file_and_goes_on_past_a_bad_one(capsys, tmp_path, seed_004_text, seed_004):
    source = tmp_path / "in"
    (source / "sub").mkdir(parents=True)
    (source / "004.txt").write_text(seed_004_text, encoding="utf-8")
    (source / "sub" / "gbk.txt").write_bytes(seed_004_text.encode("gb18030"))
    (source / "bad.txt").write_bytes(b"\x00\x01\x02binary")
    status = main(["batch", str(source), "-o", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert status == 1
    assert "[1/3] 004.txt: 25 articles" in err
    assert "[2/3] bad.txt: error:" in err and "binary data" in err
    assert "[3/3] sub/gbk.txt: 25 articles" in err
    assert "2 of 3 files parsed (50 articles)" in err
    written = regparse.Regulation.model_validate_json((tmp_path / "out" / "004.json").read_text(encoding="utf-8"))
    assert written.encoding == "utf-8"      # the file's, which a str parsed directly has not
    assert without_source(written) == seed_004
    gbk = regparse.Regulation.model_validate_json((tmp_path / "out" / "sub" / "gbk.json").read_text(encoding="utf-8"))
    assert gbk.encoding == "gb18030"


def test_batch_of_a_missing_folder_is_one_line(capsys, tmp_path):
    assert main(["batch", str(tmp_path / "nowhere"), "-o", str(tmp_path / "out")]) == 1
    assert capsys.readouterr().err.startswith("regparse: error:")
