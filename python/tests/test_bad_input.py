"""Every class of bad input raises ValueError, and the interpreter survives."""
import os
import subprocess
import sys

import numpy as np
import pytest

import scaling_laws as sl
from conftest import PYTHON_DIR

BAD_CALLS = [
    ("NaN N", lambda: sl.predict(alpha=1, M=1000, N=np.nan, P=400)),
    ("NaN inside an array", lambda: sl.predict(alpha=1, M=1000, N=[10, np.nan, 30], P=400)),
    ("negative N", lambda: sl.predict(alpha=1, M=1000, N=-5, P=400)),
    ("negative P", lambda: sl.predict(alpha=1, M=1000, N=5, P=-400)),
    ("negative gamma", lambda: sl.predict(alpha=1, M=1000, N=5, P=400, gamma=-1)),
    ("zero alpha", lambda: sl.predict(alpha=0, M=1000, N=5, P=400)),
    ("non-integral M", lambda: sl.predict(alpha=1, M=10.5, N=5, P=400)),
    ("infinite N", lambda: sl.predict(alpha=1, M=1000, N=np.inf, P=400)),
    ("missing spectrum", lambda: sl.predict(N=5, P=400)),
    ("unreadable spectrum file", lambda: sl.predict(spectrum_file="/nonexistent/spectrum.txt", N=5, P=400)),
    ("spectrum file and alpha", lambda: sl.predict(spectrum_file="/x", alpha=1, N=5, P=400)),
    ("empty eigenvalue list", lambda: sl.predict(eigenvalues=[], N=5, P=400)),
    ("negative eigenvalue", lambda: sl.predict(eigenvalues=[1.0, -1.0], N=5, P=400)),
    ("0-length array", lambda: sl.predict(alpha=1, M=1000, N=np.array([]), P=400)),
    ("non-numeric", lambda: sl.predict(alpha="one", M=1000, N=5, P=400)),
    ("bad summation", lambda: sl.predict(alpha=1, M=1000, N=5, P=400, summation="fast")),
    ("exact sums at M = inf", lambda: sl.predict(alpha=1, M=np.inf, N=5, P=400, summation="exact")),
    ("negative threads", lambda: sl.predict(alpha=1, M=1000, N=5, P=400, threads=-1)),
    ("absurd threads", lambda: sl.predict(alpha=1, M=1000, N=5, P=400, threads=10 ** 12)),
    ("fractional threads", lambda: sl.predict(alpha=1, M=1000, N=5, P=400, threads=1.5)),
    ("exponents NaN", lambda: sl.exponents(alpha=1, M=1000, N=5, P=np.nan)),
    ("optimal ridge negative N", lambda: sl.optimal_ridge(alpha=1, M=1000, N=-1, P=5)),
    ("compute below 1", lambda: sl.compute_optimal(alpha=1, M=1000, C=0.5)),
    ("compute bad ridge mode", lambda: sl.compute_optimal(alpha=1, M=1000, C=1e4, ridge="both")),
    ("nonlinear unknown activation", lambda: sl.predict(alpha=1, M=100, N=10, P=20, activation="gelu")),
    ("nonlinear non-integral N", lambda: sl.predict(alpha=1, M=100, N=10.5, P=20, activation="relu")),
    ("nonlinear M = inf", lambda: sl.predict(alpha=1, M=np.inf, N=10, P=20, activation="relu")),
    ("nonlinear zero draws", lambda: sl.predict(alpha=1, M=100, N=10, P=20, activation="relu", draws=0)),
    ("simulate non-integral N", lambda: sl.simulate(alpha=1, M=100, N=10.5, P=20, trials=2)),
    ("simulate M = inf", lambda: sl.simulate(alpha=1, M=np.inf, N=10, P=20, trials=2)),
    ("simulate zero trials", lambda: sl.simulate(alpha=1, M=100, N=10, P=20, trials=0)),
    ("simulate unknown activation", lambda: sl.simulate(alpha=1, M=100, N=10, P=20, trials=2, activation="gelu")),
    ("simulate unreadable file", lambda: sl.simulate(spectrum_file="/nonexistent", N=10, P=20, trials=2)),
    ("simulate 0-length", lambda: sl.simulate(alpha=1, M=100, N=[], P=20, trials=2)),
    ("simulate absurd size", lambda: sl.simulate(alpha=1, M=100, N=1e9, P=1e9, trials=2)),
    ("spectrum N = 0", lambda: sl.spectrum(alpha=1, M=100, N=0)),
    ("spectrum unreadable file", lambda: sl.spectrum(spectrum_file="/nonexistent", N=10)),
    ("spectrum absurd N", lambda: sl.spectrum(alpha=1, M=100, N=10 ** 9)),
]


@pytest.mark.parametrize("name,call", BAD_CALLS, ids=[name for name, _ in BAD_CALLS])
def test_raises_value_error_with_a_message(name, call):
    with pytest.raises(ValueError) as error:
        call()
    assert str(error.value)


def test_interpreter_survives_all_bad_inputs_in_one_process():
    script = "\n".join([
        "import sys; sys.path.insert(0, %r); sys.path.insert(0, %r)" % (PYTHON_DIR, os.path.dirname(__file__)),
        "from test_bad_input import BAD_CALLS",
        "import scaling_laws as sl",
        "for name, call in BAD_CALLS:",
        "    try:",
        "        call()",
        "        print('NO ERROR', name)",
        "    except ValueError:",
        "        pass",
        "print('alive', float(sl.predict(alpha=1, M=1000, N=100, P=400).loss))",
    ])
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "NO ERROR" not in result.stdout
    assert "alive 1.49326510" in result.stdout


def test_error_messages_name_the_point():
    with pytest.raises(ValueError, match="point 2"):
        sl.predict(alpha=1, M=1000, N=[10, 20, np.nan, 40], P=400)
