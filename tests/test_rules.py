"""Each rule of the lexer, on fixture files that show both sides of its decision.

tests/data/rules/<rule>.txt holds cases in the markdown-it fixture layout::

    fires: a reference that a wrap put at a line start is text
    .
    <input text>
    .
    <expected tokens, one per line: TYPE text>
    .

A case headed ``fires:`` must make the rule record a decision, one headed
``holds:`` must not (the other side of the decision); both must give the
expected tokens.  Regenerate the expected tokens with REGPARSE_REGEN=1 and
review the diff before committing.

The rules that read layout (:mod:`regparse.lex.layout`) take their input as a
file's reader gives it: a line may start with its layout facts in braces,
``{centred} 法律责任``, ``{indent=2} （一）…``, ``{bold}``, ``{size=16}``; such
an input is made into a :class:`regparse.Source` (format ``docx``) and parsed
with :func:`regparse.parse_source`.
"""
from __future__ import annotations

import inspect
import os
import re
from pathlib import Path

import pytest

import regparse
from regparse import lex
from regparse.normalize import clean_lines

DATA = Path(__file__).parent / "data" / "rules"


def read_cases(path: Path) -> list[dict]:
    """The cases of a fixture file: header, input, expected output."""
    lines = path.read_text(encoding="utf-8").split("\n")
    cases = []
    i = 0
    while i < len(lines):
        header = lines[i]
        if not header.startswith(("fires:", "holds:")):
            i += 1
            continue
        assert lines[i + 1] == ".", f"{path.name}:{i + 2}: a '.' line must follow the header"
        j = lines.index(".", i + 2)
        k = lines.index(".", j + 1)
        cases.append({"header": header, "fires": header.startswith("fires:"),
                      "input": "\n".join(lines[i + 2:j]), "expected": lines[j + 1:k], "where": (i, k)})
        i = k + 1
    return cases


_FACTS = re.compile(r"^\{([^}]*)\} ?")


def source_of(text: str):
    """The Source of an input whose lines carry layout facts (``{centred} 附则``), None if none do."""
    if not any(_FACTS.match(line) for line in text.split("\n")):
        return None
    from regparse.read.source import SourceBuilder

    builder = SourceBuilder()
    for line in text.split("\n"):
        facts: dict = {}
        m = _FACTS.match(line)
        if m:
            for fact in filter(None, (f.strip() for f in m.group(1).split(","))):
                name, _, value = fact.partition("=")
                facts[name] = float(value) if value else True
            line = line[m.end():]
        builder.line(line, **facts)
    return builder.build("docx")


def parsed(text: str, explain: bool = True):
    source = source_of(text)
    return regparse.parse(text, explain=explain) if source is None else regparse.parse_source(source, explain=explain)


def tokens_of(text: str) -> list[str]:
    """The tokens the lexer makes of the region ``parse`` reads."""
    source = source_of(text)
    layout = None
    if source is not None:
        text, layout = source.text, lex.line_layouts(source.lines, source.text)
    lines, _ = clean_lines(text)
    lines, _, _ = lex.read_columns(text, lines)
    if not lines:
        return []
    a, b = max(lex.regions(lines), key=lambda ab: ab[1] - ab[0])
    tokens, _ = lex.tokenize(lines[a:b], layout=layout)
    return [f"{t.type} {t.line.text}" for t in tokens]


def write_expected(path: Path, cases: list[dict], outputs: list[list[str]]) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    for case, out in reversed(list(zip(cases, outputs))):
        i, k = case["where"]
        j = lines.index(".", i + 2)
        lines[j + 1:k] = out
    path.write_text("\n".join(lines), encoding="utf-8")


RULE_FILES = sorted(DATA.glob("*.txt"))


@pytest.mark.parametrize("path", RULE_FILES, ids=[p.stem for p in RULE_FILES])
def test_rule_fixture(path):
    rule = path.stem
    assert rule in lex.RULES, f"{path.name} names no rule"
    cases = read_cases(path)
    assert any(c["fires"] for c in cases) and any(not c["fires"] for c in cases), \
        f"{path.name} needs a case on each side of the decision"
    outputs = [tokens_of(c["input"]) for c in cases]
    if os.environ.get("REGPARSE_REGEN"):
        write_expected(path, cases, outputs)
        cases = read_cases(path)
    for case, out in zip(cases, outputs):
        doc = parsed(case["input"])
        decided = [d.kind for d in doc.decisions]
        assert (rule in decided) == case["fires"], f"{case['header']}: decisions {decided}"
        assert out == case["expected"], case["header"]


def test_every_rule_has_a_fixture_and_a_documented_reason():
    have = {p.stem for p in RULE_FILES}
    missing = sorted(set(lex.RULES) - have)
    assert not missing, f"rules without a fixture file: {missing}"
    for name, fn in lex.RULES.items():
        doc = inspect.getdoc(fn) or ""
        examples = [ln for ln in doc.splitlines() if ln.startswith("- ")]
        assert len(examples) >= 2, f"{name}'s docstring shows no line on each side"


def test_every_decision_kind_is_a_rule():
    kinds = set()
    for path in RULE_FILES:
        for case in read_cases(path):
            kinds.update(d.kind for d in parsed(case["input"]).decisions)
    assert kinds <= set(lex.RULES)


def rules_table() -> str:
    """docs/rules.md: every rule, the stage it belongs to, and what it decides."""
    rows = ["# The lexer's rules", "",
            "Every decision of the lexer is one of these rules (`regparse/lex/`).  With",
            "`regparse.parse(text, explain=True)` (or `regparse check --explain`) each records",
            "what it decided in `doc.decisions` under its name, which is the decision's `kind`.",
            "Each has a fixture file `tests/data/rules/<name>.txt` showing both sides of its",
            "decision.  This page is generated from the rules' docstrings",
            "(`REGPARSE_REGEN=1 python -m pytest tests/test_rules.py`).", "",
            "| stage | rule | decides |", "|---|---|---|"]
    order = ["pages", "columns", "width", "regions", "run_on", "front", "interleave", "tails", "enumerated", "starts", "joins", "layout",
             "lines", "end", "metadata", "roles", "repairs", "annex"]
    for name, fn in sorted(lex.RULES.items(), key=lambda kv: order.index(kv[1].__module__.rsplit(".", 1)[-1])):
        stage = fn.__module__.rsplit(".", 1)[-1]
        first = (inspect.getdoc(fn) or "").split("\n\n")[0].replace("\n", " ")
        rows.append(f"| {stage} | `{name}` | {first} |")
    return "\n".join(rows) + "\n"


def test_rules_table_is_current():
    path = Path(__file__).resolve().parents[1] / "docs" / "rules.md"
    if os.environ.get("REGPARSE_REGEN"):
        path.write_text(rules_table(), encoding="utf-8")
    assert path.read_text(encoding="utf-8") == rules_table()
