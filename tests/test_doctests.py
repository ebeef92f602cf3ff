"""Every docstring example in the regparse package runs and shows what it prints.

The examples speak of ``text``, the bundled page seeds/004 (中国共产党工作机关条例),
and ``doc``, that page parsed, as the README does."""
from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import regparse
from conftest import SEED_004

MODULES = sorted(info.name for info in pkgutil.walk_packages(regparse.__path__, "regparse.")
                 if info.name != "regparse.__main__")


def _globals() -> dict:
    text = SEED_004.read_text(encoding="utf-8")
    return {"regparse": regparse, "text": text, "doc": regparse.parse(text)}


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    finder = doctest.DocTestFinder(exclude_empty=True)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    shared = _globals()
    for test in finder.find(module, name, globs=module.__dict__):
        test.globs = {**test.globs, **shared}
        runner.run(test)
    failed, attempted = runner.summarize(verbose=False)
    assert not failed, f"{failed} of {attempted} docstring examples of {name} fail (see the output above)"


def test_the_examples_are_found():
    # the package's public functions show their use; a finder that found
    # none would pass every module above
    finder = doctest.DocTestFinder(exclude_empty=True)
    found = sum(len(t.examples) for name in MODULES for t in finder.find(importlib.import_module(name), name))
    assert found >= 30
