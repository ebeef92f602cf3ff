"""docs/diagnostics.md lists exactly the diagnostic codes, noise kinds and
decision kinds the model types, so the table cannot drift from the code."""
from __future__ import annotations

import re
import typing

import pytest

from conftest import ROOT
from regparse.model import DecisionKind, DiagnosticCode, NoiseKind, Severity

TABLE = (ROOT / "docs" / "diagnostics.md").read_text(encoding="utf-8")
RULES_TABLE = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")


def _section(heading: str) -> list[list[str]]:
    """The rows of the table under the heading that starts with ``heading``."""
    part = TABLE.split("\n## " + heading, 1)[1].split("\n## ", 1)[0]
    rows = [line for line in part.splitlines() if line.startswith("| `")]
    return [[cell.strip() for cell in row.strip("|").split("|")] for row in rows]


@pytest.mark.parametrize("heading, values", [("Diagnostic codes", DiagnosticCode), ("Noise kinds", NoiseKind)])
def test_the_table_lists_exactly_the_typed_values(heading, values):
    listed = [re.fullmatch(r"`([a-z_]+)`", row[0]).group(1) for row in _section(heading)]
    assert sorted(listed) == sorted(typing.get_args(values))
    assert len(listed) == len(set(listed))


def test_every_diagnostic_has_a_severity_the_model_knows():
    for row in _section("Diagnostic codes"):
        assert row[1] in typing.get_args(Severity), row


def test_decision_kinds_are_the_lexer_rules_listed_in_the_rules_table():
    # the model cannot import the lexer: the Literal spells the rule names, and this keeps them equal
    from regparse import lex

    assert sorted(typing.get_args(DecisionKind)) == sorted(lex.RULES)
    listed = re.findall(r"^\| [a-z_]+ \| `([a-z_]+)` \|", RULES_TABLE, re.M)
    assert sorted(listed) == sorted(lex.RULES)
