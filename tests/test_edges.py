"""The edges of a document: several regulations in one file, commentary after
the end, what follows the last article, and the no-loss check on every dev text."""
from __future__ import annotations

import json

import pytest

import regparse
from conftest import CORPUS, corpus_text, lost_characters, needs_corpus


def _manifest() -> dict[str, dict]:
    lines = (CORPUS / "dev" / "manifest.jsonl").read_text(encoding="utf-8").splitlines()  # type: ignore[operator]
    return {m["id"]: m for m in map(json.loads, lines)}


NEWS = "新华社北京3月1日电　记者从有关部门获悉，有关规定日前公布，将于下月起施行。\n"

# (first, second): 车船税法 ends with an appendix (附：/车船税税目税额表), 放射性污染防治法 has chapters
PAIRS = [("jjf-4087290e0f", "xzf-ac1524d799"), ("xzf-ac1524d799", "jjf-4087290e0f")]


@needs_corpus
@pytest.mark.parametrize("between", ["\n", "\n" + NEWS])
@pytest.mark.parametrize("first, second", PAIRS)
def test_two_dev_regulations_in_one_file_are_each_extracted(first, second, between):
    manifest = _manifest()
    text = corpus_text(first) + between + corpus_text(second)
    found = regparse.extract(text)
    assert [(d.title, len(d.articles)) for d in found] == [
        (manifest[k]["title"], manifest[k]["n_articles"]) for k in (first, second)]
    for k, doc in enumerate(found):
        named = [d for d in doc.diagnostics if d.code == "several_regulations"]
        assert len(named) == 1 and f"regulation {k + 1} of 2" in named[0].message
        assert f"《{doc.title}》" in named[0].message
        assert doc.articles[0].label == "第一条"
    # the appendix of the first stays with it, not taken for the second's title
    assert found[(first, second).index("jjf-4087290e0f")].appendices


@needs_corpus
@pytest.mark.parametrize("first, second", PAIRS)
def test_parse_names_every_regulation_of_a_file_and_reads_the_longest(first, second):
    manifest = _manifest()
    text = corpus_text(first) + "\n" + corpus_text(second)
    doc = regparse.parse(text)
    longest = max((first, second), key=lambda k: len(corpus_text(k)))
    assert doc.title == manifest[longest]["title"]
    named = [d for d in doc.diagnostics if d.code == "several_regulations"]
    assert len(named) == 2
    for k, d in zip((first, second), named):
        assert f"《{manifest[k]['title']}》" in d.message
        assert text[slice(*d.span)].strip().startswith(manifest[k]["title"][:6])
    assert not lost_characters(text, doc)


def test_two_made_regulations_with_restarted_numbering():
    one = "示例条例\n第一条　为了规范示例工作，制定本条例。\n第二条　本条例由主管部门负责解释。\n第三条　本条例自发布之日起施行。\n"
    two = "关于示例登记的规定\n第一条　为了规范示例登记，制定本规定。\n第二条　本规定自发布之日起施行。\n"
    found = regparse.extract(one + two)
    assert [(d.title, [a.label for a in d.articles]) for d in found] == [
        ("示例条例", ["第一条", "第二条", "第三条"]), ("关于示例登记的规定", ["第一条", "第二条"])]


def test_one_regulation_names_no_other():
    text = "示例条例\n第一条　为了规范示例工作，制定本条例。\n第二条　本条例自发布之日起施行。"
    doc = regparse.parse(text)
    assert not [d for d in doc.diagnostics if d.code == "several_regulations"]
    assert len(regparse.extract(text)) == 1


BODY = ("示例条例\n第一条　为了规范示例工作，制定本条例。\n"
        "第二条　本条例自2024年1月1日起施行。\n2010年公布的《示例办法》同时废止。\n")

COMMENTARY = [
    "【解读】\n本条例共二条，明确了示例工作的原则。\n条例的出台，对于规范示例工作具有重要意义。",
    "解读：\n本条例共二条，明确了示例工作的原则。",
    "政策解读\n本条例共二条，明确了示例工作的原则",
    "编者按：示例条例的出台备受关注，本报特邀专家进行解读。\n专家认为，条例明确了示例工作的原则。",
    "相关链接\n《示例条例实施办法》于2023年公布。",
    "记者了解到，该条例的出台，对于规范示例工作具有重要意义。\n据介绍，下一步将加强宣传。",
    "责任编辑：张三",
    "责任编辑 刘洋",
]


@pytest.mark.parametrize("tail", COMMENTARY)
def test_commentary_after_the_end_is_kept_out_and_reported(tail):
    text = BODY + tail
    doc = regparse.parse(text, explain=True)
    last = doc.articles[-1]
    assert [p.text for p in last.paragraphs] == ["本条例自2024年1月1日起施行。", "2010年公布的《示例办法》同时废止。"]
    kept_out = "".join(n.text for n in doc.noise if n.kind == "commentary")
    assert "".join(kept_out.split()) == "".join(tail.split())
    reported = [d for d in doc.diagnostics if d.code == "after_end"]
    assert len(reported) == 1 and reported[0].span == (text.index(tail), len(text))
    assert tail.split("\n")[0][:10] in reported[0].message
    assert "commentary_after_end" in {d.kind for d in doc.decisions}
    assert not lost_characters(text, doc)


@pytest.mark.parametrize("tail", [
    "本条例施行前发布的有关规定与本条例不一致的，以本条例为准。",
    "据此制定的实施办法，报主管部门备案。",
    "解读本条例的具体问题，由主管部门负责。",
])
def test_a_last_article_of_several_paragraphs_keeps_them(tail):
    doc = regparse.parse(BODY + tail)
    assert doc.articles[-1].paragraphs[-1].text == tail
    assert not [d for d in doc.diagnostics if d.code == "after_end"]


def test_news_after_the_end_is_reported_with_its_span():
    news = "主管部门负责人就示例条例答记者问\n新华社北京5月28日电　日前，国务院公布了《示例条例》。"
    text = BODY + news
    doc = regparse.parse(text)
    reported = [d for d in doc.diagnostics if d.code == "after_end"]
    assert len(reported) == 1 and text[slice(*reported[0].span)] == news
    assert len(doc.articles[-1].paragraphs) == 2


LONG_HEADING = "关于示例工作中各级主管部门、有关单位和个人的职责分工以及相互之间协调配合的一般规定和特别规定"


@pytest.mark.parametrize("opener, closer", [("【", "】"), ("［", "］")])
@pytest.mark.parametrize("heading", ["立法目的", LONG_HEADING])
def test_bracketed_article_headings_of_any_length(opener, closer, heading):
    text = f"示例条例\n第一条　{opener}{heading}{closer}为了规范示例工作，制定本条例。\n第二条　本条例自发布之日起施行。"
    doc = regparse.parse(text)
    first = doc.article(1)
    assert first.title == heading and first.text == "为了规范示例工作，制定本条例。"
    assert sorted(n.text for n in doc.noise if n.kind == "markup") == sorted(opener + closer)
    assert not lost_characters(text, doc)
    assert f"【{heading}】" in doc.to_text()


@pytest.mark.parametrize("body", ["【本条已于2020年删除。】", "本条例所称【示例】，是指为了说明而举出的例子。", "【示例工作"])
def test_brackets_that_are_no_heading_stay_in_the_text(body):
    text = f"示例条例\n第一条　为了规范示例工作，制定本条例。\n第二条　{body}"
    doc = regparse.parse(text)
    assert doc.article(2).title is None and doc.article(2).text == body


def _check_json(capsys, path) -> tuple[int, dict]:
    from regparse.cli import main

    status = main(["check", str(path), "--json"])
    return status, json.loads(capsys.readouterr().out)


def test_check_reports_text_the_parse_lost(capsys, tmp_path, monkeypatch):
    text = BODY + "主管部门负责人就示例条例答记者问\n新华社北京5月28日电　日前，国务院公布了《示例条例》。"
    path = tmp_path / "news.txt"
    path.write_text(text, encoding="utf-8")
    status, result = _check_json(capsys, path)
    assert status == 0 and "lost_text" not in {d["code"] for d in result["diagnostics"]}

    parse_source = regparse.parse_source

    def losing(*args, **kwargs):   # a parse that forgets the noise it removed
        doc = parse_source(*args, **kwargs)
        return doc.model_copy(update={"noise": [n for n in doc.noise if n.kind != "outside"]})

    monkeypatch.setattr(regparse, "parse_source", losing)
    status, result = _check_json(capsys, path)
    lost = [d for d in result["diagnostics"] if d["code"] == "lost_text"]
    assert status == 1 and result["errors"] == 1 and len(lost) == 1
    assert lost[0]["severity"] == "error" and lost[0]["line"] == 5
    from regparse.cli import main

    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path}:5:" in out and "error lost_text:" in out


@needs_corpus
def test_every_dev_document_loses_nothing_and_check_agrees(capsys):
    from conftest import corpus_ids

    lossy, unexplained, checked = [], [], []
    for doc_id in corpus_ids():
        path = CORPUS / "dev" / f"{doc_id}.txt"  # type: ignore[operator]
        text = path.read_text(encoding="utf-8")
        doc = regparse.parse(text)
        if lost_characters(text, doc):
            lossy.append(doc_id)
        # whatever stands after the last article and is kept out is named by a diagnostic
        end = doc.articles[-1].span[1] if doc.articles else len(text)
        named = [d.span for d in doc.diagnostics if d.code in ("after_end", "several_regulations")]
        for n in doc.noise:
            if n.kind in ("outside", "commentary", "unparsed") and n.span[0] >= end \
                    and not any(a <= n.span[0] < b for a, b in named) \
                    and not any(d.code == "unparsed_line" and d.span[0] <= n.span[0] < d.span[1] for d in doc.diagnostics):
                unexplained.append((doc_id, n.text[:20]))
        _, result = _check_json(capsys, path)
        if "lost_text" in {d["code"] for d in result["diagnostics"]}:
            checked.append(doc_id)
    assert not lossy and not unexplained and not checked


ANNEXED = ("示例条例\n第一条　为了规范示例工作，制定本条例。\n第二条　示例登记按照本条例附件一办理，登记表的格式见附件2。\n"
           "第三条　本条例自发布之日起施行。\n"
           "附件一\n示例登记办法\n第一条　为了规范示例登记，制定本办法。\n第二条　申请登记的，应当提交下列材料：\n"
           "（一）申请书；\n（二）身份证明。\n第三条　本办法自发布之日起施行。\n"
           "附件2\n示例登记表\n姓名　性别　年龄")


def test_an_appendix_that_is_a_regulation_gets_its_own_articles():
    doc = regparse.parse(ANNEXED)
    assert [a.label for a in doc.articles] == ["第一条", "第二条", "第三条"]
    assert not [d for d in doc.diagnostics if d.code in ("several_regulations", "duplicate_number")]
    first, second = doc.appendices
    assert (first.id, second.id) == ("annex_1", "annex_2")
    assert first.regulation is not None and second.regulation is None
    assert first.regulation.title == "示例登记办法"
    assert [a.label for a in first.regulation.articles] == ["第一条", "第二条", "第三条"]
    item = doc.get("附件一第二条第（二）项")
    assert item.text == "身份证明。" and ANNEXED[slice(*item.span)] == "（二）身份证明。"
    assert doc.get("附件一第三条") is first.regulation.article(3)
    assert [a.label for a in doc.select("附件一第一条至第二条")] == ["第一条", "第二条"]
    with pytest.raises(regparse.CitationNotFound, match="closest is 附件一第三条"):
        doc.get("附件一第九条")
    with pytest.raises(regparse.CitationNotFound, match="no articles of its own"):
        doc.get("附件2第一条")
    assert regparse.Regulation.model_validate_json(doc.model_dump_json()) == doc
    assert not lost_characters(ANNEXED, doc)
    assert len(regparse.extract(ANNEXED)) == 1


def test_references_to_appendices_resolve_to_them():
    doc = regparse.parse(ANNEXED)
    refs = {r.surface: r for r in doc.article(2).paragraphs[0].references}
    assert refs["本条例附件一"].target_ids == ["annex_1"] and refs["本条例附件一"].resolved
    assert refs["附件2"].target_ids == ["annex_2"]
    assert ANNEXED[slice(*refs["附件2"].span)] == "附件2"
    assert doc.get(refs["附件2"].targets[0]) is doc.appendices[1]
    assert doc.referrers(doc.get("附件一")) == [refs["本条例附件一"]]


@pytest.mark.parametrize("sentence, surface, resolved", [
    ("列入本条例附件三的，从其规定。", "本条例附件三", False),
    ("依照《示例法》附件一办理。", None, None),
    ("提交申请书及附件。", None, None),
    ("依照基本法附件一办理。", None, None),
])
def test_appendix_references_that_name_none_of_this_documents(sentence, surface, resolved):
    text = ANNEXED.replace("第三条　本条例自发布之日起施行。", "第三条　" + sentence)
    doc = regparse.parse(text)
    found = [r for r in doc.article(3).paragraphs[0].references if "附件" in r.surface]
    if surface is None:
        assert not found
    else:
        assert [(r.surface, r.resolved) for r in found] == [(surface, resolved)]
        assert any(d.code == "unresolved_reference" and surface in d.message for d in doc.diagnostics)


@needs_corpus
@pytest.mark.parametrize("doc_id, surface, label", [
    ("xingf-bd8528ce18", "本法附件一", "附件一"),      # 刑法
    ("xfxg-fa59921ac6", "本法附件三", "附件三"),       # 香港特别行政区基本法
])
def test_the_codes_references_to_their_appendices(doc_id, surface, label):
    doc = regparse.parse(corpus_text(doc_id))
    found = [r for r in doc.references if r.surface == surface]
    assert found and all(r.resolved and r.target_ids == [doc.get(label).id] for r in found)


def test_a_second_regulation_after_an_appendix_is_still_a_second_one():
    text = ("示例条例\n第一条　为了规范示例工作，制定本条例。\n第二条　本条例由主管部门负责解释。\n第三条　本条例自发布之日起施行。\n"
            "附：\n示例税目税额表\n示例条例实施办法\n第一条　根据《示例条例》，制定本办法。\n第二条　本办法自发布之日起施行。\n")
    found = regparse.extract(text)
    assert [(d.title, len(d.articles)) for d in found] == [("示例条例", 3), ("示例条例实施办法", 2)]
    assert found[0].appendices[0].text == "附：\n示例税目税额表"


def test_an_amending_decision_quoting_articles_is_one_regulation():
    text = ("全国人民代表大会常务委员会关于修改《示例法》的决定\n"
            "第一条　将第十条修改为：“第十条　示例工作由主管部门负责。”\n"
            "第二条　将第十二条修改为：\n“第一条　为了规范示例工作，制定本法。”\n"
            "第三条　本决定自公布之日起施行。")
    assert len(regparse.extract(text)) == 1
    doc = regparse.parse(text)
    assert not [d for d in doc.diagnostics if d.code == "several_regulations"]


def test_the_news_after_the_regulation_on_a_seed_page_is_named(seed_004, seed_004_text):
    reported = [d for d in seed_004.diagnostics if d.code == "after_end"]
    assert len(reported) == 1
    kept_out = seed_004_text[slice(*reported[0].span)]
    assert kept_out.startswith("党的工作机关首先是政治机关") and kept_out.endswith("(新华社北京12月7日电)")
    assert reported[0].span[0] >= seed_004.articles[-1].span[1]
    assert [a.label for a in seed_004.articles][-1] == "第三十二条"


@needs_corpus
@pytest.mark.parametrize("seed", [1, 2])
def test_what_the_embedded_skin_prints_after_a_regulation_is_named(seed):
    import sys

    sys.path.insert(0, str(CORPUS))
    import skins  # type: ignore

    from conftest import corpus_gold, corpus_ids

    for doc_id in corpus_ids()[::25]:
        text, gold = skins.apply("embedded", corpus_text(doc_id), seed, corpus_gold(doc_id))
        doc = regparse.parse(text)
        assert not lost_characters(text, doc), doc_id
        end = doc.articles[-1].span[1]
        after = [n for n in doc.noise if n.kind in ("outside", "commentary") and n.span[0] >= end]
        named = [d.span for d in doc.diagnostics if d.code == "after_end"]
        assert all(any(a <= n.span[0] < b for a, b in named) for n in after), doc_id


def test_a_list_of_another_acts_appendices_is_all_its():
    text = ANNEXED.replace("第三条　本条例自发布之日起施行。", "第三条　列入《示例公约》附录一、附录二的，依照本条例附件一办理。")
    found = [r.surface for r in regparse.parse(text).article(3).paragraphs[0].references]
    assert found == ["本条例附件一"]


def test_an_appendix_labelled_fu_alone_is_the_one_the_text_names():
    text = "示例解释\n第一条　数量标准见本解释附表。\n第二条　本解释自发布之日起施行。\n附：\n示例数量认定标准表"
    doc = regparse.parse(text)
    ref = doc.article(1).paragraphs[0].references[0]
    assert ref.surface == "本解释附表" and ref.target_ids == [doc.appendices[0].id]
    assert doc.get(ref.targets[0]) is doc.appendices[0]


def test_the_regulation_read_of_a_page_keeps_its_pages():
    """pdftotext's text ends each page with a form feed: the longest regulation on a page,
    read apart from another before it, still has pages, so its interleaved columns are dealt."""
    other = "示例条例\n第一条　为了规范示例工作，制定本条例。\n第二条　本条例自发布之日起施行。\n"
    rows = []
    for left, right in (("一", "五"), ("二", "六"), ("三", "七"), ("四", "八")):
        rows += [f"第{left}条 示例机关应当依照本 第{right}条 有关部门应当依照本", "办法履行职责。", "办法予以配合。"]
    text = other + "示例管理办法\n" + "\n".join(rows) + "\n\f"
    doc = regparse.parse(text)
    assert doc.title == "示例管理办法"
    assert [a.label for a in doc.articles] == [f"第{n}条" for n in "一二三四五六七八"]
    assert doc.get("第五条").paragraphs[0].text == "有关部门应当依照本办法予以配合。"
    assert not lost_characters(text, doc)
    # the diagnostic says what was rebuilt; without the form feed the text has no pages to deal
    said = [d.message for d in doc.diagnostics if d.code == "interleaved_columns"]
    assert len(said) == 1 and "1 page(s) read column by column" in said[0] and "still broken" not in said[0]
    flat = regparse.parse(text.replace("\f", ""))
    assert ["could not be rebuilt" in d.message for d in flat.diagnostics if d.code == "interleaved_columns"] == [True]
