"""Packaging: a distribution name of its own, one version everywhere, py.typed shipped,
`regparse --version`, and a quick start that CI runs word for word."""
from __future__ import annotations

import importlib.metadata
import os
import re
import subprocess
import sys

import pytest

import regparse
from conftest import ROOT

DISTRIBUTION = "regparse-cn"
README = (ROOT / "README.md").read_text(encoding="utf-8")


def pyproject() -> dict:
    tomllib = pytest.importorskip("tomllib")
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def quick_start() -> list[str]:
    """The shell commands of the README's Quick start, in order."""
    section = README[README.index("## Quick start"):]
    section = section[: section.index("\n## ", 1)]
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", section, re.S)]


def test_the_distribution_name_is_its_own_and_the_import_name_is_regparse():
    project = pyproject()["project"]
    assert project["name"] == DISTRIBUTION
    assert project["scripts"] == {"regparse": "regparse.cli:main"}
    assert "regparse" in pyproject()["tool"]["setuptools"]["packages"]


def test_the_version_has_one_source():
    config = pyproject()
    assert "version" not in config["project"] and "version" in config["project"]["dynamic"]
    assert config["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "regparse.__version__"}
    assert re.fullmatch(r"\d+\.\d+\.\d+", regparse.__version__)


def test_py_typed_is_shipped():
    assert (ROOT / "regparse" / "py.typed").is_file()
    assert "py.typed" in pyproject()["tool"]["setuptools"]["package-data"]["regparse"]


def test_an_installed_distribution_matches_the_checkout():
    try:
        dist = importlib.metadata.distribution(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        pytest.skip(f"{DISTRIBUTION} is not installed (the README's commands install it)")
    assert dist.version == regparse.__version__
    assert "regparse/py.typed" in {str(f).replace(os.sep, "/") for f in dist.files or ()}


def test_version_through_python_m_regparse():
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    done = subprocess.run([sys.executable, "-m", "regparse", "--version"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"regparse {regparse.__version__}\n"


def test_quick_start_uses_a_virtual_environment():
    install, tests = quick_start()
    for command in (install, tests):
        # a bare `python` or a system-wide pip fail on Debian (no python; PEP 668)
        assert command.startswith("python3 -m venv .venv && .venv/bin/pip install "), command
    assert install.endswith(".venv/bin/regparse parse seeds/004_931bd066818f0e97.txt --format tree")
    assert tests.endswith(".venv/bin/python -m pytest")


def test_ci_runs_the_readme_test_command_exactly():
    _, tests = quick_start()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert tests in ci.splitlines()


def test_every_package_directory_is_shipped():
    shipped = set(pyproject()["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "regparse").rglob("__init__.py")}
    assert found <= shipped, f"packages missing from pyproject.toml: {sorted(found - shipped)}"
