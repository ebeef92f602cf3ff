"""Data flows one way: each module imports only modules of its own layer or
below, and the model imports nothing of regparse.

The imports are read from the source with ``ast`` (relative imports and
imports inside functions included), not from what happens to be loaded."""
from __future__ import annotations

import ast

import pytest

from conftest import ROOT

PACKAGE = ROOT / "regparse"

#: bottom to top; a module may import its own layer and the layers below.
#: A name stands for the module and, for read, lex and export, for the
#: package of that name and everything in it.
LAYERS = (
    ("errors", "model"),
    # records of the model made without validation, for every stage that makes them (noise in normalize and lex)
    ("freeze",),
    ("numerals", "grammar"),
    ("catalogue",),
    ("read",),
    ("normalize",),
    ("lex",),
    ("lalr",),
    ("citation",),
    ("build", "refs"),
    ("lookup", "accounting"),
    ("parse",),
    ("export",),
    ("chunks", "collection"),
    ("citecheck",),
    ("batch",),
    ("cli", "__main__", "__init__"),
)
LAYER = {name: rank for rank, names in enumerate(LAYERS) for name in names}


def _modules() -> dict[str, ast.Module]:
    """Every module of the package by dotted name (a package by its own name)."""
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = ("regparse",) + path.relative_to(PACKAGE).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = ast.parse(path.read_text(encoding="utf-8"), str(path))
    return out


MODULES = _modules()


def _is_package(name: str) -> bool:
    return (PACKAGE.joinpath(*name.split(".")[1:]) / "__init__.py").exists()


def imported(name: str, tree: ast.Module) -> set[str]:
    """The regparse modules ``name`` imports, resolved to dotted names."""
    here = name if _is_package(name) else name.rsplit(".", 1)[0]
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names if alias.name.split(".")[0] == "regparse")
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = ".".join(here.split(".")[:len(here.split(".")) - node.level + 1])
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            if target.split(".")[0] != "regparse":
                continue
            for alias in node.names:
                # from . import grammar imports the module regparse.grammar
                sub = f"{target}.{alias.name}"
                out.add(sub if sub in MODULES else target)
    return out


def layer_of(module: str) -> int:
    """The layer of a dotted module name (regparse itself is its __init__)."""
    parts = module.split(".")[1:] or ["__init__"]
    if parts[0] not in LAYER:
        raise AssertionError(f"{module} has no layer: add it to LAYERS in tests/test_layers.py")
    return LAYER[parts[0]]


def test_the_imports_are_read():
    # relative imports of modules and of names, from a package's module, inside a function
    assert {"regparse.build", "regparse.freeze", "regparse.grammar"} <= imported("regparse.parse",
                                                                             MODULES["regparse.parse"])
    assert imported("regparse.export.akn", MODULES["regparse.export.akn"]) >= {"regparse.model",
                                                                             "regparse.export._shared"}
    assert "regparse.read" in imported("regparse.parse", MODULES["regparse.parse"])  # inside a function


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_module_imports_a_layer_above_it(name):
    mine = layer_of(name)
    above = sorted(m for m in imported(name, MODULES[name]) if layer_of(m) > mine)
    assert not above, f"{name} (layer {mine}) imports {above}, which stand above it"


def test_the_model_imports_nothing_of_regparse():
    assert imported("regparse.model", MODULES["regparse.model"]) == set()


#: the lexer's modules, bottom to top: shared pieces, then the stages in the
#: order they run; a stage imports only what stands below it
LEX_LAYERS = (
    ("registry", "marks"),
    ("state", "text"),
    ("interleave",),
    ("pages", "columns", "width", "regions", "starts", "joins"),
    ("run_on", "front", "layout", "enumerated", "tails"),
    ("lines",),
    ("end", "roles", "metadata"),
    ("repairs", "annex"),
    ("__init__",),
)
LEX_LAYER = {name: rank for rank, names in enumerate(LEX_LAYERS) for name in names}


def _lex_layer(module: str) -> int:
    part = module.split(".")[2] if module.count(".") >= 2 else "__init__"
    if part not in LEX_LAYER:
        raise AssertionError(f"{module} has no layer: add it to LEX_LAYERS in tests/test_layers.py")
    return LEX_LAYER[part]


@pytest.mark.parametrize("name", sorted(m for m in MODULES if m.startswith("regparse.lex")))
def test_no_lexer_stage_imports_a_stage_above_it(name):
    mine = _lex_layer(name)
    above = sorted(m for m in imported(name, MODULES[name]) if m.startswith("regparse.lex") and _lex_layer(m) > mine)
    assert not above, f"{name} imports {above}, which run after it"
