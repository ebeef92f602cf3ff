"""The citation checker: each finding class on made texts; the hand-written answers
of tests/data/citecheck_answers.jsonl (the acceptance set: 101 answers, memos and
judgment passages written as people write them, each citation labelled by reading
the corpus text) at precision ≥ 0.95 per class; the labelled answers of
tests/data/citecheck.jsonl (made from the laws of the dev corpus by
tests/data/make_citecheck.py from templates: kept as a larger regression set,
not as the measure); and the two commands."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

import regparse
from regparse.cli import main
from regparse.collection import Collection
from conftest import CORPUS, needs_corpus

DATA = Path(__file__).parent / "data"
LAW = """中华人民共和国示例法
（2020年5月28日通过，2021年1月1日起施行）
第一条 为了规范示例活动，制定本法。
第二条 示例活动应当遵守下列规定：
（一）依法登记；
（二）如实申报。
违反前款规定的，责令改正。
第三条 本法自2021年1月1日起施行。"""


@pytest.fixture(scope="module")
def coll() -> Collection:
    return Collection({"law": regparse.parse(LAW)})


def codes(checks) -> list[list[str]]:
    return [sorted(f.code for f in c.findings) for c in checks]


def test_right_citations_have_no_findings(coll):
    text = "根据《中华人民共和国示例法》第二条第一款第（二）项的规定，应当如实申报；示例法第二条第二款规定：“违反前款规定的，责令改正。”"
    checks = regparse.check_citations(text, coll)
    assert codes(checks) == [[], []]
    assert checks[0].nodes == (("law", "art_2__para_1__item_2"),) and checks[0].act == "中华人民共和国示例法"
    assert text[slice(*checks[1].span)] == "示例法第二条第二款"
    assert checks[1].quote == "违反前款规定的，责令改正。" and text[slice(*checks[1].quote_span)] == checks[1].quote


def test_every_finding_class(coll):
    text = ("示例法第九条、《示例法》第二条第三款、第二条第一款第（五）项都不存在；"
            "《中华人民共和国不存在法》第一条也不存在。"
            "示例法第二条第一款第（一）项规定：“依法备案”。"
            "示例法第一条规定：“为了规范示例活动……制定本法。”")
    checks = regparse.check_citations(text, coll, date="2020-06-01")
    assert [c.surface for c in checks] == ["示例法第九条", "《示例法》第二条第三款、第二条第一款第（五）项",
                                           "《中华人民共和国不存在法》第一条", "示例法第二条第一款第（一）项",
                                           "示例法第一条"]
    found = Counter(code for c in checks for code in (f.code for f in c.findings))
    assert found["provision_missing"] == 3 and found["act_unknown"] == 1
    assert found["not_in_force"] == 4        # 2020-06-01: before 2021-01-01
    mismatch = [f for c in checks for f in c.findings if f.code == "quote_mismatch"]
    assert len(mismatch) == 1 and mismatch[0].wording == "依法登记；"
    assert any("closest" in f.message for c in checks for f in c.findings if f.code == "provision_missing")


def test_same_act_and_continued_numbers(coll):
    checks = regparse.check_citations("依照示例法第一条和同法第三条，以及第二条规定的程序处理。", coll)
    assert [(c.surface, c.act) for c in checks] == [("示例法第一条", "中华人民共和国示例法"),
                                                    ("同法第三条", "中华人民共和国示例法"),
                                                    ("第二条", "中华人民共和国示例法")]
    assert regparse.check_citations("第二条规定的情形。", coll) == []
    with pytest.raises(TypeError):
        regparse.check_citations(b"bytes", coll)  # type: ignore[arg-type]


def dev_collection() -> Collection:
    # made for the one test that needs it, and let go after it (see tests/test_collection.py)
    return Collection({path.stem: regparse.parse(path.read_text(encoding="utf-8"))
                       for path in sorted((CORPUS / "dev").glob("*.txt"))})  # type: ignore[operator]


@needs_corpus
def test_labelled_answers():
    cases = [json.loads(line) for line in (DATA / "citecheck.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(cases) >= 100
    coll = dev_collection()
    right, wrong, missed = Counter(), Counter(), Counter()
    for case in cases:
        checks = regparse.check_citations(case["text"], coll, date=case["date"])
        assert len(checks) == len(case["expected"]), case
        for check, expected in zip(checks, case["expected"]):
            got = {f.code for f in check.findings}
            for code in got | set(expected):
                counter = right if code in got and code in expected else wrong if code in got else missed
                counter[code] += 1
    classes = {"act_unknown", "provision_missing", "not_in_force", "quote_mismatch"}
    assert set(right) == classes
    for code in classes:
        assert right[code] / (right[code] + wrong[code]) >= 0.95, (code, right, wrong, missed)
        assert right[code] / (right[code] + missed[code]) >= 0.9, (code, right, wrong, missed)


def score_answers(cases: list[dict], coll: Collection) -> tuple[Counter, Counter, Counter, list]:
    """Per finding class, the citations where the checker reports it rightly,
    wrongly, or misses it.  A labelled citation is matched to the check with
    the same surface (in order); a check nobody labelled counts its findings as
    wrong, a labelled citation the checker did not find counts its findings as missed."""
    right, wrong, missed = Counter(), Counter(), Counter()
    errors = []
    for case in cases:
        checks = list(regparse.check_citations(case["text"], coll, date=case["date"]))
        for label in case["citations"]:
            at = next((i for i, c in enumerate(checks) if c.surface == label["surface"]), None)
            got = set() if at is None else {f.code for f in checks.pop(at).findings}
            expected = set(label["findings"])
            if at is None or got != expected:
                errors.append((case["id"], label["surface"], sorted(got) if at is not None else "not found",
                               sorted(expected)))
            for code in got | expected:
                (right if code in got and code in expected else wrong if code in got else missed)[code] += 1
        for check in checks:
            errors.append((case["id"], check.surface, "not labelled", [f.code for f in check.findings]))
            for finding in check.findings:
                wrong[finding.code] += 1
    return right, wrong, missed, errors


@needs_corpus
def test_hand_written_answers():
    cases = [json.loads(line) for line in (DATA / "citecheck_answers.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(cases) >= 100
    kinds = {case["kind"] for case in cases}
    assert kinds >= {"right", "right_quote", "misquote", "wrong_article_quote", "paraphrase_quoted", "past_end",
                     "missing_paragraph", "missing_item", "repealed_act", "invented_act", "not_in_force", "mixed"}
    right, wrong, missed, errors = score_answers(cases, dev_collection())
    figures = {code: (right[code] / max(right[code] + wrong[code], 1), right[code] / max(right[code] + missed[code], 1))
               for code in ("act_unknown", "provision_missing", "not_in_force", "quote_mismatch")}
    for code, (precision, recall) in figures.items():
        assert right[code] >= 4, (code, right)
        assert precision >= 0.95, (code, figures, errors)
        assert recall >= 0.9, (code, figures, errors)
    # the right citations, quoted or paraphrased, have no findings
    clean = [c for case in cases if case["kind"] in ("right", "right_quote", "in_force") for c in case["citations"]]
    assert len(clean) >= 40 and not [e for e in errors if e[0].startswith(("right", "in_force"))], errors


def test_an_act_amended_since_the_date_was_in_force(coll):
    # the collection holds the 2020 text of a law first adopted in 1990: cited for 2015 it was in force
    law = regparse.parse("中华人民共和国示例法\n（1990年1月1日第七届全国人民代表大会常务委员会第十次会议通过　"
                         "2020年6月1日第十三届全国人民代表大会常务委员会第十九次会议修订）\n第一条 甲。")
    amended = Collection({"law": law})
    assert codes(regparse.check_citations("2015年的案件适用示例法第一条。", amended, date="2015-06-01")) == [[]]
    assert codes(regparse.check_citations("适用示例法第一条。", amended, date="1989-06-01")) == [["not_in_force"]]
    # adopted in 2020, in force from 2021: cited for 2020-06-01 it was not
    assert codes(regparse.check_citations("适用示例法第一条。", coll, date="2020-06-01")) == [["not_in_force"]]


def test_cite_check_command(tmp_path, capsys):
    (tmp_path / "laws").mkdir()
    (tmp_path / "laws" / "law.txt").write_text(LAW, encoding="utf-8")
    answer = tmp_path / "answer.txt"
    answer.write_text("根据示例法第二条第一款第（一）项规定：“依法备案”。又见示例法第九条。", encoding="utf-8")
    assert main(["cite-check", str(answer), "--collection", str(tmp_path / "laws")]) == 1
    out = capsys.readouterr().out
    assert "quote_mismatch" in out and "provision: 依法登记；" in out and "provision_missing" in out
    assert main(["cite-check", str(answer), "--collection", str(tmp_path / "laws"), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert [d["surface"] for d in data] == ["示例法第二条第一款第（一）项", "示例法第九条"]
    answer.write_text("依照示例法第一条。", encoding="utf-8")
    assert main(["cite-check", str(answer), "--collection", str(tmp_path / "laws")]) == 0
    assert main(["cite-check", str(answer), "--collection", str(tmp_path / "absent")]) == 1
    assert "not a folder" in capsys.readouterr().err
    assert main(["cite-check", str(answer), "--collection", str(tmp_path), "--date", "2020-13-01"]) == 2


def test_chunks_command(tmp_path, capsys):
    law = tmp_path / "law.txt"
    law.write_text(LAW, encoding="utf-8")
    assert main(["chunks", str(law)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["citation"] for line in lines] == ["《中华人民共和国示例法》第一条", "《中华人民共和国示例法》第二条",
                                                    "《中华人民共和国示例法》第三条"]
    assert lines[0]["document"] == "law.txt"
    out = tmp_path / "chunks.jsonl"
    assert main(["chunks", str(tmp_path), "--by", "item", "--max-chars", "40", "-o", str(out)]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {r["kind"] for r in records} >= {"paragraph", "item"} and {r["document"] for r in records} == {"law"}
    assert main(["chunks", str(law), "--max-chars", "5"]) == 2
