"""The shell commands of the README and the guides, run as written.

Every ``scaling-laws`` line of a ```sh block in the documents below is one
step, run in order in one fresh folder per document (a later command may read
what an earlier one wrote, as ``rerun`` does), with the built release binary
standing in for ``scaling-laws``, ``swift run -c release scaling-laws`` and
``.build/release/scaling-laws``. Each must exit 0. The other lines of those
blocks are checked elsewhere: ``make test`` is this suite, ``make demo`` and
``scaling-laws demo`` run before each landing (minutes), ``pip install``
lines by test_install.py and ``make test-wheel``, the C lines (``make
c-library``, ``cc example.c``) by Tests/CInterface/check_link_lines.sh,
Docs/YourData.md by YourDataDocTests, Docs/Cluster.md by Tests/Slurm and
Docs/Python.md by test_docs.py.
"""
import math
import os
import re
import shlex
import subprocess

import pytest

from conftest import BIN, ROOT

DOCUMENTS = ["README.md", "Docs/CLI.md", "Docs/Fitting.md", "Docs/Reproducing.md"]
PREFIXES = ["swift run -c release scaling-laws", ".build/release/scaling-laws", "scaling-laws"]
# Run elsewhere or too long for the suite (see the module's docstring).
NOT_HERE = re.compile(r"^(scaling-laws|\.build/release/scaling-laws) (demo|COMMAND)\b")


def shell_lines(document):
    """(line number, command) of every line in the document's ```sh blocks."""
    found, inside = [], False
    with open(os.path.join(ROOT, document), encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if line.startswith("```"):
                inside = not inside and line.strip() in ("```sh", "```bash", "```console", "```shell")
                continue
            if inside and line.strip():
                found.append((number, line.split(" #")[0].strip()))
    return found


def scaling_laws_steps(document):
    """The document's scaling-laws commands as argument lists for the built binary."""
    steps = []
    for number, command in shell_lines(document):
        if NOT_HERE.match(command):
            continue
        for prefix in PREFIXES:
            if command.startswith(prefix + " "):
                steps.append((number, command, shlex.split(command[len(prefix):])))
                break
    return steps


def fitting_inputs(folder):
    """runs.csv and points.csv as Docs/Fitting.md describes them: 20 runs of a
    Chinchilla-form law with 1 % log-normal noise, and two forecast points."""
    state = 12345
    def gaussian():
        nonlocal state
        pair = []
        for _ in range(2):
            state = (6364136223846793005 * state + 1442695040888963407) % 2**64
            pair.append(((state >> 11) + 0.5) / 2**53)
        return math.sqrt(-2 * math.log(pair[0])) * math.cos(2 * math.pi * pair[1])
    with open(os.path.join(folder, "runs.csv"), "w") as f:
        f.write("N,D,loss\n")
        for i in range(5):
            for j in range(4):
                n, d = 1e8 * 10 ** (i / 2), 2e9 * 10 ** (j / 1.5)
                loss = (1.69 + 406.4 / n ** 0.34 + 410.7 / d ** 0.28) * math.exp(0.01 * gaussian())
                f.write("%.6g,%.6g,%.6g\n" % (n, d, loss))
    with open(os.path.join(folder, "points.csv"), "w") as f:
        f.write("N,D\n1e11,2e12\n1e12,2e13\n")


@pytest.mark.parametrize("document", DOCUMENTS)
def test_documented_commands_run_as_written(document, tmp_path):
    executable = os.path.join(BIN, "scaling-laws")
    if not os.path.exists(executable):
        pytest.skip("scaling-laws is not built (%s)" % executable)
    steps = scaling_laws_steps(document)
    assert steps, "%s: no scaling-laws command found" % document
    if document == "Docs/Fitting.md":
        fitting_inputs(str(tmp_path))
    for number, command, arguments in steps:
        run = subprocess.run([executable] + arguments, cwd=tmp_path, capture_output=True, text=True,
                             stdin=subprocess.DEVNULL)
        assert run.returncode == 0, "%s:%d `%s` exited %d: %s" % (
            document, number, command, run.returncode, run.stderr.strip().splitlines()[-1:] or "")
