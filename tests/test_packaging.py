"""The distribution ships every package of the source tree."""
from __future__ import annotations

import tomllib

from conftest import ROOT


def test_every_package_directory_is_shipped():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    shipped = set(config["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "regparse").rglob("__init__.py")}
    assert found <= shipped, f"packages missing from pyproject.toml: {sorted(found - shipped)}"
