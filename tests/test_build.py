"""The builder constructs the pydantic tree without validating it again: the
trees it makes must be exactly the trees validation makes from the same dicts
(same values and types, fields in the same order), count every field as set
(as a tree read back from its JSON does), and must survive a round trip
through validation unchanged."""
from __future__ import annotations

import json
import re
import typing
from contextlib import contextmanager
from typing import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from pydantic import BaseModel, ValidationError

import regparse
from conftest import SEEDS, corpus_ids, corpus_text, needs_corpus
from regparse import build, freeze, lex, normalize
from regparse.lalr import run_lalr
from regparse.model import Regulation
from test_properties import regulation_like


def _state(model) -> list:
    """Everything of a model tree that validation decides, node by node."""
    out = []
    todo = [model]
    while todo:
        node = todo.pop()
        out.append((type(node).__name__, list(node.__dict__), node.__pydantic_extra__, node.__pydantic_private__))
        for value in node.__dict__.values():
            if isinstance(value, list):
                todo.extend(v for v in value if isinstance(v, BaseModel))
    return out


def _fields_set(model) -> list:
    """model_fields_set of every node, in the order _state visits them."""
    out = []
    todo = [model]
    while todo:
        node = todo.pop()
        out.append(sorted(node.model_fields_set))
        for value in node.__dict__.values():
            if isinstance(value, list):
                todo.extend(v for v in value if isinstance(v, BaseModel))
    return out


def _typed(value):
    """A value with the type of everything in it, nested models included
    (what pydantic's repr showed before nodes had a short one)."""
    if isinstance(value, BaseModel):
        return (type(value).__name__, [(k, _typed(v)) for k, v in value.__dict__.items()])
    if isinstance(value, (list, tuple)):
        # an empty list field holds the tree's one shared empty list (freeze.EMPTY), a list
        name = "list" if value is freeze.EMPTY else type(value).__name__
        return (name, [_typed(v) for v in value])
    return (type(value).__name__, value)


@contextmanager
def _compare_with_validation() -> Iterator[list[int]]:
    """Check every tree the builder constructs against validating its dict."""
    construct = freeze.to_models
    checked = [0]

    def checking(tree: dict):
        validated = Regulation.model_validate(tree)
        made = construct(tree)
        assert made == validated
        assert _typed(made) == _typed(validated)  # types too: spans are tuples, lists are lists
        assert _state(made) == _state(validated)
        assert _fields_set(made) == _fields_set(Regulation.model_validate_json(made.model_dump_json()))
        checked[0] += 1
        return made

    freeze.to_models = checking
    try:
        yield checked
    finally:
        freeze.to_models = construct


def _check_round_trips(doc: Regulation) -> None:
    assert Regulation.model_validate(doc.model_dump()) == doc
    assert Regulation.model_validate_json(doc.model_dump_json()) == doc


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_seed_trees_equal_validated_trees(path):
    text = path.read_text(encoding="utf-8")
    with _compare_with_validation() as checked:
        for explain in (False, True):
            _check_round_trips(regparse.parse(text, explain=explain))
        for doc in regparse.extract(text):
            _check_round_trips(doc)
    assert checked[0] >= 2


@needs_corpus
@pytest.mark.parametrize("doc_id", corpus_ids()[::45])
def test_corpus_trees_equal_validated_trees(doc_id):
    with _compare_with_validation() as checked:
        doc = regparse.parse(corpus_text(doc_id))
    assert checked[0] == 1
    assert doc.articles
    _check_round_trips(doc)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(regulation_like)
def test_generated_trees_equal_validated_trees(text):
    with _compare_with_validation():
        doc = regparse.parse(text, explain=True)
    _check_round_trips(doc)


_ANY_BREAK = re.compile(r"\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


@settings(max_examples=150, deadline=None)
@given(regulation_like)
def test_clean_lines_break_at_every_line_break(text):
    lines, _ = normalize.clean_lines(text)
    physical = [p.strip() for p in _ANY_BREAK.split(text) if p.strip()]
    # furniture and markup may drop a line or part of it, never join two
    assert len(lines) <= len(physical)
    for line in lines:
        assert not _ANY_BREAK.search(line.text)
        assert line.text == "".join(text[a:b] for a, b in line.pieces)


@pytest.mark.parametrize("text, expected", [
    ("第一条　甲。\n第三条　乙。\n", [("numbering_gap", "1 article missing between 第一条 and 第三条")]),
    ("第一条　甲。\n第二条　乙。\n第二条　丙。\n", [("duplicate_number", "第二条 appears more than once")]),
    ("第一条　甲。\n第五条　乙。\n第三条　丙。\n", [("numbering_gap", "3 articles missing between 第一条 and 第五条"),
                                             ("out_of_order", "第三条 comes after 第五条")]),
    ("第一章 总则\n第一条　甲。\n第三章 附则\n第二条　乙。\n", [("numbering_gap", "第三章 follows 第一章")]),
    ("第一条　下列事项：\n（一）甲；\n（三）乙。\n", [("numbering_gap", "item （三） where 2 was expected")]),
    # chapters that start again under a new part are not a gap
    ("第一编 总则\n第一章 甲\n第一条　甲。\n第二编 分则\n第一章 乙\n第二条　乙。\n", []),
])
def test_numbering_diagnostics(text, expected):
    doc = regparse.parse(text)
    found = [(d.code, d.message) for d in doc.diagnostics if d.code in ("numbering_gap", "duplicate_number", "out_of_order")]
    assert found == expected


def test_article_headings_in_brackets_are_titles():
    text = ("某市条例\n第一条【立法目的】为了规范管理，制定本条例。\n"
            "第二条　【适用范围】 本条例适用于本市。\n前款规定的除外。\n"
            "第三条　依照【某规定】办理。\n第四条【】空。\n")
    doc = regparse.parse(text)
    assert [(a.title, a.paragraphs[0].text) for a in doc.articles] == [
        ("立法目的", "为了规范管理，制定本条例。"), ("适用范围", "本条例适用于本市。"),
        (None, "依照【某规定】办理。"), (None, "【】空。")]
    assert [n.text for n in doc.noise if n.kind == "markup"] == ["【", "】", "【", "】"]
    first = doc.article(1).paragraphs[0]
    assert text[slice(*first.span)] == "为了规范管理，制定本条例。"
    for export in (doc.to_text, doc.to_markdown):
        back = regparse.parse(export())
        assert [(a.title, [p.text for p in a.paragraphs]) for a in back.articles] == \
            [(a.title, [p.text for p in a.paragraphs]) for a in doc.articles]


def test_reference_spans_in_item_continuation_lines():
    # the item's text joins its lines with \n; the spans still land on the source
    text = "第五条　下列：\r\n（一）甲；  \r\n依照本法第三条的规定。\r\n（二）乙。\n第三条　丙。\n"
    doc = regparse.parse(text)
    item = doc.article(5).paragraphs[0].items[0]
    assert item.text == "甲；\n依照本法第三条的规定。"
    (ref,) = item.references
    assert text[slice(*ref.span)] == ref.surface == "本法第三条"


def test_a_long_item_is_not_quadratic_in_its_lines():
    # thousands of continuation lines between （一） and （二）: each is read once
    text = "第一条　下列：\n（一）甲；\n" + "说明。\n" * 5000 + "（二）乙。\n"
    item = regparse.parse(text).article(1).paragraphs[0].items[0]
    assert item.text.count("\n") == 5000


def test_model_copy_leaves_other_nodes_fields_set_alone():
    doc = regparse.parse("示例条例\n第一条　甲。\n第二条　乙。")
    first, second = doc.articles
    changed = first.model_copy(update={"title": "新标题"})
    assert changed.title == "新标题" and first.title is None
    assert second.model_fields_set == set(type(second).model_fields)


def test_drafts_hold_exactly_the_fields_of_their_models():
    for draft, model in build.DRAFTS.items():
        assert set(typing.get_type_hints(draft)) == set(model.model_fields), draft.__name__


def test_the_drafts_carry_no_working_keys():
    # what the later stages need beside the drafts (source pieces) is kept
    # beside them, so validation with extra="forbid" accepts the tree as made
    with _compare_with_validation() as checked:
        regparse.parse((SEEDS / "004_931bd066818f0e97.txt").read_text(encoding="utf-8"))
    assert checked[0] == 1


def test_a_misspelt_field_is_an_error():
    doc = regparse.parse("示例条例\n第一条　甲。\n第二条　乙。")
    dumped = json.loads(doc.model_dump_json())
    assert Regulation.model_validate_json(json.dumps(dumped)) == doc
    dumped["children"][0]["children"][0]["txet"] = dumped["children"][0]["children"][0].pop("text")
    with pytest.raises(ValidationError, match="txet"):
        Regulation.model_validate_json(json.dumps(dumped))
    dumped = json.loads(doc.model_dump_json())
    dumped["diagnostic"] = []
    with pytest.raises(ValidationError, match="diagnostic"):
        Regulation.model_validate_json(json.dumps(dumped))


def _drafts(text: str):
    lines, _ = normalize.clean_lines(text)
    tokens, lexer = lex.tokenize(lines)
    builder = build.Builder()
    return build.finish(run_lalr(tokens, builder, lambda tok, expected: None), text, lexer.title, []), builder


def test_each_draft_becomes_its_models_dict():
    # no copy of a node is made when the tree is frozen
    tree, _ = _drafts("示例条例\n第一条　甲：\n（一）乙；\n（二）丙。\n第二条　丁。")
    article = tree["children"][0]
    paragraph, item = article["children"][0], article["children"][0]["children"][1]
    doc = freeze.to_models(tree)
    assert doc.articles[0].__dict__ is article
    assert doc.articles[0].paragraphs[0].__dict__ is paragraph
    assert doc.articles[0].paragraphs[0].items[1].__dict__ is item


def test_freezing_a_draft_with_a_key_that_is_not_a_field_fails():
    tree, _ = _drafts("示例条例\n第一条　甲。")
    tree["headings"] = [{"text": "附则", "span": (0, 2), "befor": None, "paragraphs": []}]
    with pytest.raises(TypeError, match="befor"):
        freeze.to_models(tree)
