"""Shared helpers: the package from this checkout (python/), the built CLI."""
import json
import os
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
PYTHON_DIR = os.path.dirname(HERE)
ROOT = os.path.dirname(PYTHON_DIR)
sys.path.insert(0, PYTHON_DIR)
BIN = os.path.join(ROOT, ".build", os.environ.get("CONFIG", "release"))

# Docs/Theory.md section 7: alpha, lambda_plus, M, N, P, gamma, sigma_w2, sigma_u2, noise, <L>, Delta.
REFERENCE_ROWS = [
    (1.0, 1.0, 1000, 100, 400, 0, 1, 1, 0, 1.4932651045e-05, 2.2398976567e-04),
    (1.0, 1.0, 1000, 250, 250, 1e-3, 1, 1, 0, 8.6548341932e-06, 9.7206654407e-05),
    (0.5, 2.0, 3000, 400, 150, 1e-2, 2, 0.5, 0.01, 3.1078179155e-03, 5.3596659720e-03),
    (1.5, 1.0, 500, 800, 1500, 0, 1, 1, 0.001, 2.5000000000e-04, 0),
]
FLAGS = ("alpha", "lambda-plus", "M", "N", "P", "gamma", "sigma-w2", "sigma-u2", "noise")


def cli_json(command, **flags):
    """Runs the built `scaling-laws` and parses its JSON output."""
    executable = os.path.join(BIN, "scaling-laws")
    if not os.path.exists(executable):
        pytest.skip("scaling-laws is not built (%s)" % executable)
    arguments = [executable, command, "--format", "json"]
    for name, value in flags.items():
        arguments += ["--" + name.replace("_", "-")] + ([] if value is True else [str(value)])
    output = subprocess.run(arguments, check=True, capture_output=True, text=True).stdout
    return json.loads(output)
