#!/usr/bin/env python3
"""Tests of check_layers.py (run by `make check-layers`): the tree passes, and
each planted bad import in a copy of Sources/ fails with a line naming it."""
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCES = os.path.join(HERE, "..", "Sources")


def check(sources, readme=""):
    run = subprocess.run([sys.executable, os.path.join(HERE, "check_layers.py"), "--sources", sources,
                          "--readme", readme], capture_output=True, text=True)
    return run.returncode, run.stderr


def planted(module, line):
    """A copy of Sources/ (Swift files only) with one file holding `line` added to `module`."""
    root = tempfile.mkdtemp(prefix="check-layers-")
    copy = os.path.join(root, "Sources")
    shutil.copytree(SOURCES, copy, ignore=lambda folder, names: [
        n for n in names if not n.endswith(".swift") and not os.path.isdir(os.path.join(folder, n))])
    os.makedirs(os.path.join(copy, module), exist_ok=True)
    with open(os.path.join(copy, module, "Planted.swift"), "w", encoding="utf-8") as f:
        f.write(line + "\n")
    return root, copy


def main():
    failures = []
    readme = os.path.join(HERE, "..", "README.md")
    status, errors = check(SOURCES, readme)
    if status != 0:
        failures.append(f"the tree itself fails: {errors}")
    # A README whose graph has drifted from the imports fails.
    with tempfile.NamedTemporaryFile("w", suffix=".md", delete=False) as stale:
        with open(readme, encoding="utf-8") as f:
            stale.write(f.read().replace("ScalingErrors (layer 1): CGSL", "ScalingErrors (layer 1): -"))
    status, errors = check(SOURCES, stale.name)
    os.unlink(stale.name)
    if status != 1 or "Module graph" not in errors:
        failures.append(f"a stale README graph passes: status {status}, stderr {errors!r}")
    cases = [
        ("DenseAlgebra", "import ScalingTheory", "beside it"),
        ("ScalingTheory", "@_exported import DenseAlgebra", "beside it"),
        ("ScalingErrors", "import ScalingTheory", "above it"),
        ("ScalingMonteCarlo", "import struct ScalingData.DataSet", "above it"),
        ("ScalingData", "internal import ScalingLawsCommands", "above it"),
        ("ScalingTheory", "import COpenBLAS", "must not import COpenBLAS"),
        ("NewModule", "import ScalingTheory", "not in the layer table"),
    ]
    for module, line, words in cases:
        root, copy = planted(module, line)
        try:
            status, errors = check(copy)
            if status != 1 or words not in errors or (module != "NewModule" and "Planted.swift:1" not in errors):
                failures.append(f"{line!r} in {module}: status {status}, stderr {errors!r}")
        finally:
            shutil.rmtree(root)
    for failure in failures:
        print("FAIL:", failure, file=sys.stderr)
    print(f"test_check_layers: {len(cases) + 2 - len(failures)} of {len(cases) + 2} passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
