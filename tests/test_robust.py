"""Inputs that once hung the parser, filled memory or raised: each gives its
answer, quickly (small sizes here; bench/pathological.py measures the scaling)."""
from __future__ import annotations

import codecs
import subprocess
import sys
import time
import typing
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import regparse
from conftest import ROOT, longest_by_parsing, lost_characters
from regparse.citation import CitationError, Steps, parse as parse_citation
from regparse.model import Noise
from regparse.numerals import LIMIT, to_chinese, to_int
from regparse.read import MAX_BYTES, decode, decode_as, read_file
from regparse.read.text import decode_with_encoding

sys.path.insert(0, str(ROOT / "bench"))
import fuzz  # noqa: E402


def _quick(text: str, seconds: float = 5.0):
    began = time.perf_counter()
    doc = regparse.parse(text)
    assert time.perf_counter() - began < seconds
    assert not lost_characters(text, doc)
    return doc


# -- reference runs --------------------------------------------------------------


def test_a_run_of_citation_steps_is_read_once():
    text = "第一条 " + "第一条" * 400
    doc = _quick(text)
    refs = doc.references
    # each 第一条 of the run is its own reference (a path cannot repeat a level)
    assert len(refs) == 400
    assert {r.surface for r in refs} == {"第一条"}
    assert all(r.resolved and r.target_ids == [doc.articles[0].id] for r in refs)


def test_alternating_divisions_and_articles():
    text = "第一章\n第一条\n" * 300
    doc = _quick(text)
    assert doc.references or doc.articles


def test_a_long_valid_list_is_one_reference():
    body = "、".join(f"第{to_chinese(n)}条" for n in range(1, 2001))
    text = "第一条 依照" + body + "的规定。\n" + "".join(f"第{to_chinese(n)}条 内容。\n" for n in range(2, 2001))
    doc = _quick(text, 20)
    first = doc.articles[0].paragraphs[0].references
    assert len(first) == 1 and len(first[0].targets) == 2000 and first[0].resolved


def test_steps_reader_agrees_with_the_citation_parser():
    text = "第十条第一款第二条、第三条至第五条第（一）项第二款"
    steps = Steps(text)
    for i in range(len(steps.starts)):
        assert steps.longest(i) == longest_by_parsing(text, steps, i)


# -- ranges -----------------------------------------------------------------------


@pytest.mark.parametrize("end", ["第九九九九九九九九九条", "第一百万条", "第9999999999条"])
def test_a_range_wider_than_the_document_is_one_unresolved_reference(end):
    text = f"第一条 依照第一条至{end}的规定。"
    doc = _quick(text)
    (ref,) = doc.references
    assert not ref.resolved and ref.targets[0] == "第一条" and len(ref.targets) == 2
    assert [d.code for d in doc.diagnostics] == ["unresolved_reference"]


def test_a_range_of_another_act_is_not_expanded_past_a_bound():
    doc = _quick("第一条 依照《刑法》第一条至第一百万条的规定。")
    (ref,) = doc.references
    assert ref.kind == "external" and ref.targets == ["第一条", "第一百万条"]


def test_a_range_inside_the_document_still_expands():
    doc = _quick("第一条 依照第二条至第四条的规定。\n第二条 甲。\n第三条 乙。\n第四条 丙。")
    (ref,) = doc.articles[0].paragraphs[0].references
    assert ref.targets == ["第二条", "第三条", "第四条"] and ref.resolved


# -- long lines and titles --------------------------------------------------------


def test_one_long_line_with_no_title_marks():
    doc = _quick("第一条 内容。" * 20000, 20)
    assert doc.articles


def test_many_lines_of_title_marks_and_lone_markers():
    for text in ("第\n" * 20000, "《关于》\n" * 20000):
        doc = _quick(text)
        assert not doc.articles


def test_a_citation_inside_a_title_is_still_no_reference():
    doc = _quick("第一条 依照《关于〈刑法〉第三百四十一条的解释》办理。")
    assert [r.kind for r in doc.references] == ["external"] or not doc.references
    assert all("三百四十一" not in r.surface or r.surface.startswith("《") for r in doc.references)


# -- numerals ---------------------------------------------------------------------


@pytest.mark.parametrize("text", ["第" + "1" * 4301 + "条", "第一条 依照第" + "九" * 4400 + "条",
                                  "第" + "一" * 5000 + "条 内容", "第一条 第" + "万" * 3000 + "条"])
def test_numerals_of_any_length_are_text(text):
    doc = _quick(text)
    for ref in doc.references:
        assert len(ref.surface) < 100


def test_numerals_with_wan_and_yi():
    assert to_int("一万") == 10000 and to_int("一万零一") == 10001 and to_int("三亿零五万") == 300050000
    assert to_int("9" * 13) is None and to_int("九" * 100) is None and to_int("1" * 5000) is None
    for n in (10000, 10001, 12345, 100000, 1000000, 100010000, 123456789, LIMIT - 1):
        assert to_int(to_chinese(n)) == n
    with pytest.raises(ValueError):
        to_chinese(LIMIT)


def test_articles_numbered_past_ten_thousand_are_markers():
    numbers = list(range(9998, 10004)) + [100000, 100001]
    text = "".join(f"第{to_chinese(n)}条 内容。\n" for n in numbers)
    doc = _quick(text)
    assert [a.number for a in doc.articles] == numbers
    assert doc.article(10001).label == "第一万零一条"
    assert doc.get("第一万零一条").number == 10001


def test_citation_parse_raises_citation_error_only():
    for bad in ("第" + "1" * 5000 + "条", "第" + "九" * 5000 + "条", "第十亿亿条"):
        with pytest.raises(CitationError):
            parse_citation(bad)


@pytest.mark.parametrize("marker, kind", [("第一亿亿条", "article"), ("第" + "1" * 4000 + "条", "article"),
                                          ("第" + "九" * 60 + "章", "chapter"), ("第一万亿编", "part")])
def test_a_numeral_too_large_for_a_marker_is_text_with_a_diagnostic(marker, kind):
    text = f"第一条 甲。\n{marker} 乙。\n第二条 丙。"
    doc = _quick(text)
    assert [a.label for a in doc.articles] == ["第一条", "第二条"]
    [found] = [d for d in doc.diagnostics if d.code == "number_too_large"]
    assert f"is no {kind}" in found.message and len(found.message) < 120
    assert text[slice(*found.span)].startswith(marker[:5]) and text[slice(*found.span)].endswith("乙。")
    assert marker in doc.article(1).text.replace("\n", "")


@pytest.mark.parametrize("text", ["第十亿条 内容。", "第一千千条 内容。", "第二〇二〇条 内容。", "第条 内容。"])
def test_numerals_that_read_or_are_malformed_get_no_too_large_diagnostic(text):
    assert not [d for d in regparse.parse(text).diagnostics if d.code == "number_too_large"]


def test_replaced_bytes_are_a_document_diagnostic(tmp_path):
    path = tmp_path / "bad.txt"
    body = "第一条 甲。\n" * 120 + "第二条 乙"
    path.write_bytes(body.encode() + b"\xff\xfe" + "。\n第三条 丙".encode() + b"\xff" + "。".encode())
    doc = regparse.parse_file(path, encoding="utf-8", errors="replace")
    [found] = [d for d in doc.diagnostics if d.code == "bytes_replaced"]
    text = read_file(path, encoding="utf-8", errors="replace")
    assert text[slice(*found.span)] == "\ufffd" and found.span[0] == len(body)
    assert "3 bytes not valid utf-8 read as 3 U+FFFD" in found.message
    assert f"byte {len(body.encode()):,}" in found.message
    # a UTF-8 file with one broken byte is read by detection, and says so too
    path.write_bytes(body.encode() + b"\xff" + "。".encode())
    [found] = [d for d in regparse.parse_file(path).diagnostics if d.code == "bytes_replaced"]
    assert found.span == (len(body), len(body) + 1)
    # strict reading of the same file is refused; a clean file has no such diagnostic
    with pytest.raises(regparse.ReadError, match="not valid utf-8"):
        regparse.parse_file(path, encoding="utf-8")
    path.write_bytes(body.encode())
    assert not [d for d in regparse.parse_file(path).diagnostics if d.code == "bytes_replaced"]
    run = subprocess.run([sys.executable, "-m", "regparse", "check", str(path)], capture_output=True, text=True, cwd=ROOT)
    assert "bytes_replaced" not in run.stdout


def test_check_prints_replaced_bytes(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(b"\xff" + "第一条 内容。\n".encode())
    run = subprocess.run([sys.executable, "-m", "regparse", "check", str(path), "--encoding", "utf-8",
                          "--errors", "replace"], capture_output=True, text=True, cwd=ROOT)
    assert ":1:1: warning bytes_replaced: 1 byte not valid utf-8" in run.stdout


# -- memory and noise ----------------------------------------------------------------


def _peak_multiple(text: str) -> float:
    import tracemalloc
    regparse.parse(text[:200])
    tracemalloc.start()
    try:
        regparse.parse(text)
        return tracemalloc.get_traced_memory()[1] / len(text.encode())
    finally:
        tracemalloc.stop()


def test_short_lines_and_repeated_numbers_stay_within_their_memory():
    # each line two nodes and (every one after the first) a duplicate number; the
    # lexer's lines and tokens are let go before the tree is finished, the duplicates
    # are one diagnostic, the repeated lines share their text and citations
    assert _peak_multiple("第一条 内容。\n" * 5000) < 60
    # the same with the lines numbered in order: no diagnostics at all
    assert _peak_multiple("".join(f"第{to_chinese(n)}条 内容。\n" for n in range(1, 3001))) < 60


def test_lines_of_a_lone_marker_and_deep_nesting_stay_within_their_memory():
    # every line held at once by the lexer: a line of one range keeps no list of pieces
    assert _peak_multiple("第\n" * 5000) < 60
    # eight levels a unit, each numbered as the unit before: the reference finder's
    # index of division chains shares them
    unit = "第一编 甲\n第一分编 乙\n第一章 丙\n第一节 丁\n第一条 戊：\n（一）己：\n1.庚：\n（1）辛。\n"
    assert _peak_multiple(unit * 300) < 60


def test_a_control_character_every_few_characters_stays_within_its_memory():
    # two noise records a line of 22 bytes: kept in columns, not a model each (300 bytes),
    # and the pieces of each paragraph's text one array of ints
    text = "第一条 内\x01容\x02。\n" * 5000
    assert _peak_multiple(text) < 60
    doc = regparse.parse(text)
    assert len(doc.noise) == 10000 and doc.noise[-1] == Noise(kind="control", text="\x02", span=(len(text) - 3, len(text) - 2))


def test_noise_in_columns_reads_validates_and_serializes_as_a_list_of_records():
    import copy, pickle
    doc = regparse.parse("第一条 内\x01容\x02。\n第二条 乙\x03。")
    records = [Noise(kind="control", text=c, span=(i, i + 1)) for c, i in (("\x01", 5), ("\x02", 7), ("\x03", 15))]
    noise = doc.noise
    assert noise == records and records == noise and noise != records[:2] and bool(noise) and not regparse.parse("").noise
    assert list(noise) == records and noise[1:] == records[1:] and noise[-1] == records[-1] and noise.index(records[1]) == 1
    assert repr(noise) == repr(records) and records[0] in noise
    with pytest.raises(IndexError):
        noise[3]
    # the JSON is a list's; a tree read back, made by hand or copied holds the same records
    assert doc.model_dump()["noise"] == [r.model_dump() for r in records]
    assert regparse.Regulation.model_validate_json(doc.model_dump_json()) == doc
    assert regparse.Regulation.model_validate(doc.model_dump()) == doc
    by_hand = regparse.Regulation(span=doc.span, noise=records)
    assert by_hand.noise == noise and by_hand.model_dump_json() == by_hand.model_copy().model_dump_json()
    assert pickle.loads(pickle.dumps(doc)) == doc and copy.deepcopy(doc) == doc
    schema = regparse.Regulation.model_json_schema()["$defs"]["Regulation"]["properties"]["noise"]
    assert schema == {"items": {"$ref": "#/$defs/Noise"}, "title": "Noise", "type": "array"}


def test_empty_lists_shared_between_nodes_cannot_change():
    doc = regparse.parse("第一条 甲。\n第二条 乙。")
    first, second = (a.paragraphs[0] for a in doc.articles)
    assert first.children is second.references and first.children == []
    for change in (lambda l: l.append(1), lambda l: l.extend([1]), lambda l: l.insert(0, 1),
                   lambda l: l.__setitem__(slice(0, 0), [1]), lambda l: l.__iadd__([1])):
        with pytest.raises(TypeError, match="cannot change"):
            change(first.references)
    assert second.references == [] and second.children == [] and doc.article(2).paragraphs[0].items == []
    # a copy is an ordinary list; the JSON and a tree read back are as before
    import copy, pickle
    assert type(copy.deepcopy(first).children) is list and type(pickle.loads(pickle.dumps(first)).children) is list
    assert regparse.Regulation.model_validate_json(doc.model_dump_json()) == doc


def test_a_reference_is_one_record_in_its_node_and_the_document():
    doc = regparse.parse("第一条 依照第二条和前款。\n第二条 见第一条。")
    in_nodes = [r for node in doc.walk() if node is not doc for r in getattr(node, "references", ())]
    assert [r.surface for r in doc.references] == ["第二条", "前款", "第一条"]
    assert all(a is b for a, b in zip(in_nodes, doc.references)) and len(in_nodes) == 3


def test_a_run_of_one_diagnostic_is_one_diagnostic_with_its_count_and_span():
    text = "第一条 甲。\n" * 1000
    doc = _quick(text)
    [found] = doc.diagnostics
    assert found.code == "duplicate_number" and found.message.startswith("999 duplicate_number in a run")
    assert found.span == (doc.articles[1].span[0], doc.articles[-1].span[1])
    # apart, or of two kinds, they stay one each
    filler = "内容。" * 100
    # a long article in between ends a run: 第三条, 第六条 and 第九条 are each one gap
    apart = f"第一条 甲。\n第三条 乙。\n第四条 {filler}\n第六条 丙。\n第七条 {filler}\n第九条 丁。\n"
    assert [d.code for d in regparse.parse(apart).diagnostics] == ["numbering_gap"] * 3
    close = "".join(f"第{to_chinese(n)}条 甲。\n" for n in range(1, 40, 2))
    [gaps] = regparse.parse(close).diagnostics
    assert gaps.code == "numbering_gap" and gaps.message.startswith("19 numbering_gap in a run")
    assert "第一条 and 第三条" in gaps.message and "第三十七条 and 第三十九条" in gaps.message
    # a few in a row stay apart
    few = "第一条 甲。\n第三条 乙。\n第五条 丙。\n第七条 丁。\n"
    assert [d.code for d in regparse.parse(few).diagnostics] == ["numbering_gap"] * 3


def test_a_run_of_unresolved_references_is_one_diagnostic():
    text = "第一条 依照" + "、".join(f"本法第{to_chinese(n)}条" for n in range(10, 60)) + "的规定。"
    doc = _quick(text)
    assert len(doc.references) == 50 and not any(r.resolved for r in doc.references)
    [found] = [d for d in doc.diagnostics if d.code == "unresolved_reference"]
    assert found.message.startswith("50 unresolved_reference in a run")
    assert found.span == (doc.references[0].span[0], doc.references[-1].span[1])


def test_a_run_of_control_characters_is_one_noise_record():
    text = "第一条 内容" + "\x01" * 10000 + "。"
    doc = _quick(text)
    control = [n for n in doc.noise if n.kind == "control"]
    assert len(control) == 1 and control[0].text == "\x01" * 10000
    assert text[slice(*control[0].span)] == control[0].text


def test_noise_text_is_the_input_at_its_span():
    page = ("本报讯（记者王言 通讯\n员琚娇）为持续推进\x01工作。\n\n"
            "中华人民共和国示例法\n第一条 为了规范。\n第二条 本法自公布之日起施行。\n\n"
            "另讯 某地召开\n会议。\n")
    doc = _quick(page)
    assert doc.noise
    for noise in doc.noise:
        assert noise.text == page[slice(*noise.span)], noise


# -- reading --------------------------------------------------------------------------


def test_reading_refuses_devices_and_large_files(tmp_path):
    with pytest.raises(regparse.ReadError, match="not a regular file"):
        read_file("/dev/zero")
    big = tmp_path / "big.txt"
    big.write_text("第一条 内容。\n" * 100, encoding="utf-8")
    with pytest.raises(regparse.ReadError, match="larger than 100 bytes"):
        read_file(big, max_bytes=100)
    assert read_file(big).startswith("第一条") and MAX_BYTES >= 100 * 2**20


def test_a_forced_encoding_reads_a_file_with_a_nul(tmp_path):
    path = tmp_path / "nul.txt"
    path.write_bytes("第一条 内容\x00。".encode())
    with pytest.raises(regparse.ReadError, match="binary data"):
        read_file(path)
    assert read_file(path, encoding="utf-8") == "第一条 内容\x00。"
    assert decode_as(b"\xff" + "第一条".encode(), "utf-8", errors="replace") == "\ufffd第一条"
    with pytest.raises(regparse.ReadError, match="not valid utf-8"):
        decode_as(b"\xff", "utf-8")
    with pytest.raises(regparse.ReadError, match="unknown encoding"):
        decode_as(b"x", "no-such-encoding")


_ZH = "第一条　为了保护公民的权利和义务，维护公共安全，制定本法。\n第二条　本法所称的用语，含义如下。\n" * 5


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read(encoding):
    assert decode_with_encoding(_ZH.encode(encoding)) == (_ZH, encoding)


@pytest.mark.parametrize("encoding, text, named", [
    ("shift_jis", "第一条　この法律は、国民の権利及び義務を保護するために必要な事項を定めることを目的とする。\n" * 5, "Shift-JIS"),
    ("euc_kr", "제1조(목적) 이 법은 국민의 권리와 의무를 보호하기 위하여 필요한 사항을 규정함을 목적으로 한다.\n" * 5, "EUC-KR"),
])
def test_japanese_and_korean_bytes_are_named_not_read_as_mojibake(encoding, text, named):
    with pytest.raises(regparse.ReadError, match=named):
        decode(text.encode(encoding), name="x.txt")
    assert decode_as(text.encode(encoding), encoding) == text


def test_a_single_line_of_shift_jis_is_named_too():
    # too few ideographs for their share to say anything: none of them common, and the bytes read as kana
    text = "日本国の法律です。第一条　この法律は日本国に適用される。\n"
    with pytest.raises(regparse.ReadError, match="Shift-JIS"):
        decode(text.encode("shift_jis"), name="x.txt")
    # a short Chinese line of rare characters holds common ones or reads as no other script
    for zh in ("第一条 扶老、救孤、恤病、助残、优抚。\n", "（二）扶老、救孤、恤病、助残、优抚；\n", "附则\n"):
        assert decode(zh.encode("gb18030")) == zh


def test_gb18030_and_utf8_still_read():
    assert decode(_ZH.encode("gb18030")) == _ZH
    assert decode(codecs.BOM_UTF8 + _ZH.encode()) == _ZH


def test_cli_encoding_and_errors(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(b"\xff" + "第一条 内容。\n".encode())
    run = subprocess.run([sys.executable, "-m", "regparse", "parse", str(path), "--format", "text",
                          "--encoding", "utf-8", "--errors", "replace"],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0 and "1 byte not valid utf-8" in run.stderr
    run = subprocess.run([sys.executable, "-m", "regparse", "parse", "/dev/zero"],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 1 and run.stderr.count("\n") == 1 and "not a regular file" in run.stderr


# -- outputs -------------------------------------------------------------------------


@pytest.mark.parametrize("uri", ["/akn/cn/act/2024/a\x01b", '/akn/cn/act/2024/a"b', "/akn/cn/act/2024/a<b"])
def test_a_work_uri_that_xml_cannot_carry_is_refused(uri):
    from regparse.export.akn import to_akn

    with pytest.raises(regparse.RegparseError, match="not an Akoma Ntoso work URI"):
        to_akn(regparse.parse("第一条 内容。"), frbr_uri=uri)


# -- properties and the fuzz harness ------------------------------------------------

_STEP = st.sampled_from(["第一条", "第十条", "第二款", "第（一）项", "第三章", "第一节", "第十条之一", "第1目",
                         "第一万条", "第" + "九" * 30 + "条", "第一百万条"])
_JOIN = st.sampled_from(["", "", "、", "和", "至", "或者", " "])
runs = st.lists(st.tuples(_JOIN, _STEP).map("".join), min_size=1, max_size=200).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(runs, st.sampled_from(["第一条 ", "第一条 依照", "第一条 依照《刑法》", "第一条 本法"]))
def test_long_runs_of_steps_and_ranges_parse_quickly(run, before):
    text = before + run + "的规定。"
    doc = _quick(text, 5)
    for ref in doc.references:
        assert text[slice(*ref.span)] == ref.surface
        assert len(ref.targets) <= 2 * 200 + 1000


_MARKER = st.sampled_from(["第一条", "第一条", "第二条", "第十条之一", "第一章", "第一节", "第一编", "第一分编", "（一）", "1.",
                           "（1）", "一、", "①", "附件", "第", "第一亿亿条", "第" + "1" * 60 + "条"])
_AFTER = st.sampled_from(["", " 内容。", "　总则", " 依照第一条至第一百万条的规定。", "\x01", "：", " 前款"])
_LINE_END = st.sampled_from(["\n", "\n", "\n\n", "\r\n", ""])
marker_runs = st.tuples(st.lists(st.tuples(_MARKER, _AFTER, _LINE_END).map("".join), min_size=1, max_size=20),
                        st.integers(1, 40)).map(lambda t: "".join(t[0]) * t[1])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(marker_runs)
def test_long_runs_of_markers_parse_quickly_with_their_diagnostics_coalesced(text):
    doc = _quick(text, 5)
    diagnostics = doc.diagnostics
    for d in diagnostics:
        assert 0 <= d.span[0] <= len(text) and d.code in typing.get_args(regparse.model.DiagnosticCode)
    # no run of eight of one code, each close to the one before, is left as eight
    for i in range(len(diagnostics) - 7):
        run = diagnostics[i:i + 8]
        assert not (len({(d.code, d.severity) for d in run}) == 1
                    and all(b.span[0] - a.span[1] <= 200 for a, b in zip(run, run[1:])))


def test_fuzz_harness_bounded_run():
    figures = fuzz.run(runs=None, seconds=4, seed=1, quiet=True)
    assert figures["inputs"] > 100
    assert figures["failures"] == []


def test_a_part_of_blanks_between_labels_read_across_the_columns():
    # tesseract psm 4 (xzfg price rules): a row whose parts between the cuts at article labels hold only
    # punctuation and spaces (，    ，) once raised IndexError
    text = "\n".join([
        "费、扩大收费范围等方式变相提高 | 元以下的罚款:          各全本有下列表下之 的，应",
        "(七)对政府明令取消的收费项目    全)不标明价格的;         (一)价格违法行为严重或者社会",
        "和      查所需资料或者提供虚假资料的， | 信条第一款规定退还消费者或者其",
        "定价的其他行和。         的，可以处10万元以下的罚款， 对 | 人经全用区休们向",
        "第十条 经营者不执行法定的价 | 直接负责的主管人员和其他直接责 | 、 (六)应予从重处罚的其他价格违",
        "格干预措施、紧急措施，有下列行 | 任人员给予纪律处分。       法行为",
        "为之一的，责令改正，没收违法所              、、    第十八条 本规定中以违法所得",
        "，    ，           五条 政府价格主管间",
        "得，并处违法所得5倍以下的罚款;  全从入让省记政夺从太于短语四  计算罚款数额的，违法所得无法确",
        "万元以上500万元以下的罚款;情节 | (三)项的规定责令其暂停相关营业:    第十九条 有本规定所列价格违",
        "严重的，责令停业整顿:                        法行为严重扰乱市场秩序，构成儿",
        "案制度的;            的;                 第二十条 经营者对政府价格主",
    ])
    doc = regparse.parse(text)
    assert not lost_characters(text, doc)


def test_rows_of_spaced_fragments_and_form_feeds_never_raise():
    # the gutter finder once marked a gap past the widest line of a page (a form feed
    # inside a row moves where its positions are counted from)
    import random
    rng = random.Random(1)
    alphabet = "第一二三条章款（）、。，示例 管理  办法|\n\f\u300012ab"
    for _ in range(10):
        rows = ["".join(rng.choice(alphabet) if rng.random() < 0.7 else " " * rng.randint(1, 6)
                        for _ in range(rng.randint(0, 60))) for _ in range(rng.randint(5, 30))]
        text = "\n".join(rows)
        doc = regparse.parse(text)
        assert doc is not None
