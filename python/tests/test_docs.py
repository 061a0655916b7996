"""Docs/Python.md runs: each ```python block is one test, run in order in
one namespace (later blocks use earlier names), in a scratch directory."""
import os
import re

import pytest

from conftest import ROOT

DOC = os.path.join(ROOT, "Docs", "Python.md")


def blocks():
    text = open(DOC, encoding="utf-8").read()
    found = []
    for match in re.finditer(r"```python\n(.*?)```", text, flags=re.S):
        line = text.count("\n", 0, match.start()) + 2
        found.append(pytest.param(line, match.group(1), id="Python.md:%d" % line))
    return found


BLOCKS = blocks()
NAMESPACE = {"__name__": "__python_md__"}


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    directory = tmp_path_factory.mktemp("python-md")
    previous = os.getcwd()
    os.environ.setdefault("MPLBACKEND", "Agg")
    os.chdir(directory)
    yield directory
    os.chdir(previous)


def test_the_page_has_blocks():
    assert len(BLOCKS) >= 6


@pytest.mark.parametrize("line,code", BLOCKS)
def test_block_runs(line, code, scratch):
    exec(compile(code, "%s:%d" % (DOC, line), "exec"), NAMESPACE)


def test_figures_written_when_matplotlib_is_installed(scratch):
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        pytest.skip("matplotlib not installed: the page skips its figures")
    assert (scratch / "phase-diagram.png").exists() and (scratch / "sweep.png").exists()
