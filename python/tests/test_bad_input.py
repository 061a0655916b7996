"""Hostile arguments: every one raises ValueError (a bad value) or TypeError
(a wrong type) naming the argument, none MemoryError, and the interpreter
survives them all."""
import datetime
import os
import subprocess
import sys

import numpy as np
import pytest

import scaling_laws as sl
from conftest import PYTHON_DIR

V, T = ValueError, TypeError
BASE = dict(alpha=1, M=1000, N=100, P=400)
SIM = dict(alpha=1, M=100, N=10, P=20, trials=2)

# (id, call, expected exception, a word the message must contain)
BAD_CALLS = [
    # Values outside their domain (the library's checks).
    ("NaN N", lambda: sl.predict(alpha=1, M=1000, N=np.nan, P=400), V, "N"),
    ("NaN inside an array", lambda: sl.predict(alpha=1, M=1000, N=[10, np.nan, 30], P=400), V, "point 1"),
    ("negative N", lambda: sl.predict(alpha=1, M=1000, N=-5, P=400), V, "N"),
    ("negative P", lambda: sl.predict(alpha=1, M=1000, N=5, P=-400), V, "P"),
    ("negative gamma", lambda: sl.predict(alpha=1, M=1000, N=5, P=400, gamma=-1), V, "gamma"),
    ("zero alpha", lambda: sl.predict(alpha=0, M=1000, N=5, P=400), V, "alpha"),
    ("non-integral M", lambda: sl.predict(alpha=1, M=10.5, N=5, P=400), V, "M"),
    ("infinite N", lambda: sl.predict(alpha=1, M=1000, N=np.inf, P=400), V, "N"),
    ("missing spectrum", lambda: sl.predict(N=5, P=400), V, "alpha"),
    ("unreadable spectrum file", lambda: sl.predict(spectrum_file="/nonexistent/spectrum.txt", N=5, P=400), V,
     "nonexistent"),
    ("spectrum file and alpha", lambda: sl.predict(spectrum_file="/x", alpha=1, N=5, P=400), V, "alpha"),
    ("empty eigenvalue list", lambda: sl.predict(eigenvalues=[], N=5, P=400), V, "eigenvalue"),
    ("negative eigenvalue", lambda: sl.predict(eigenvalues=[1.0, -1.0], N=5, P=400), V, "eigenvalue"),
    ("bad summation", lambda: sl.predict(**BASE, summation="fast"), V, "summation"),
    ("exact sums at M = inf", lambda: sl.predict(alpha=1, M=np.inf, N=5, P=400, summation="exact"), V, "M"),
    ("M as a word", lambda: sl.predict(alpha=1, M="many", N=5, P=400), V, "M"),
    ("exponents NaN", lambda: sl.exponents(alpha=1, M=1000, N=5, P=np.nan), V, "P"),
    ("optimal ridge negative N", lambda: sl.optimal_ridge(alpha=1, M=1000, N=-1, P=5), V, "N"),
    ("compute below 1", lambda: sl.compute_optimal(alpha=1, M=1000, C=0.5), V, "C"),
    ("compute bad ridge mode", lambda: sl.compute_optimal(alpha=1, M=1000, C=1e4, ridge="both"), V, "ridge"),
    ("teacher exponent NaN", lambda: sl.predict(**BASE, teacher_exponent=np.nan), V, "teacher"),
    ("teacher file without a tabulated spectrum", lambda: sl.predict(**BASE, teacher_file="/x"), V, "teacher_file"),
    # Whole-number options.
    ("negative threads", lambda: sl.predict(**BASE, threads=-1), V, "threads"),
    ("absurd threads", lambda: sl.predict(**BASE, threads=10 ** 12), V, "threads"),
    ("fractional threads", lambda: sl.predict(**BASE, threads=1.5), V, "threads"),
    ("threads as text", lambda: sl.predict(**BASE, threads="4"), T, "threads"),
    ("boolean threads", lambda: sl.predict(**BASE, threads=True), T, "threads"),
    ("negative seed", lambda: sl.simulate(**SIM, seed=-1), V, "seed"),
    ("seed past 2**64", lambda: sl.simulate(**SIM, seed=2 ** 64), V, "seed"),
    ("seed NaN", lambda: sl.simulate(**SIM, seed=float("nan")), V, "seed"),
    ("seed as bytes", lambda: sl.simulate(**SIM, seed=b"1"), T, "seed"),
    ("zero draws", lambda: sl.predict(alpha=1, M=100, N=10, P=20, activation="relu", draws=0), V, "draws"),
    ("trials as a list", lambda: sl.simulate(alpha=1, M=100, N=10, P=20, trials=[2, 3]), T, "trials"),
    ("progress as a number", lambda: sl.predict(**BASE, progress=1), T, "progress"),
    ("exact as text", lambda: sl.spectrum(alpha=1, M=20, N=10, exact="yes"), T, "exact"),
    # Wrong types of numeric arguments.
    ("text alpha", lambda: sl.predict(alpha="one", M=1000, N=5, P=400), T, "alpha"),
    ("numeric text N", lambda: sl.predict(alpha=1, M=1000, N="100", P=400), T, "N"),
    ("bytes P", lambda: sl.predict(alpha=1, M=1000, N=100, P=b"400"), T, "P"),
    ("boolean N", lambda: sl.predict(alpha=1, M=1000, N=True, P=400), T, "N"),
    ("boolean array gamma", lambda: sl.predict(**BASE, gamma=np.array([True, False])), T, "gamma"),
    ("NumPy bool noise", lambda: sl.predict(**BASE, noise=np.bool_(True)), T, "noise"),
    ("datetime P", lambda: sl.predict(alpha=1, M=1000, N=100, P=datetime.datetime(2024, 1, 1)), T, "P"),
    ("timedelta gamma", lambda: sl.predict(**BASE, gamma=datetime.timedelta(seconds=1)), T, "gamma"),
    ("datetime64 array N", lambda: sl.predict(alpha=1, M=1000, N=np.array(["2024-01-01"], "datetime64[D]"),
                                              P=400), T, "N"),
    ("masked array N", lambda: sl.predict(alpha=1, M=1000, N=np.ma.masked_array([10.0, 20.0], [0, 1]), P=400), T,
     "N"),
    ("object array N", lambda: sl.predict(alpha=1, M=1000, N=np.array([10, None], dtype=object), P=400), T, "N"),
    ("list with None", lambda: sl.predict(alpha=1, M=1000, N=[10, None], P=400), T, "N"),
    ("ragged list", lambda: sl.predict(alpha=1, M=1000, N=[[10, 20], [30]], P=400), T, "N"),
    ("complex gamma", lambda: sl.predict(**BASE, gamma=1e-3 + 1j), T, "gamma"),
    ("dict sigma_w2", lambda: sl.predict(**BASE, sigma_w2={"a": 1}), T, "sigma_w2"),
    ("huge Python int", lambda: sl.predict(alpha=1, M=1000, N=10 ** 400, P=400), V, "N"),
    ("spectrum file as bytes", lambda: sl.predict(spectrum_file=b"/tmp/x", N=5, P=400), T, "spectrum_file"),
    ("spectrum file with NUL", lambda: sl.predict(spectrum_file="/tmp/x\0y", N=5, P=400), V, "spectrum_file"),
    ("summation not a string", lambda: sl.predict(**BASE, summation=1), T, "summation"),
    ("activation not a string", lambda: sl.predict(**BASE, activation=None), T, "activation"),
    ("unknown activation", lambda: sl.predict(alpha=1, M=100, N=10, P=20, activation="gelu"), V, "activation"),
    # Shapes and sizes: refused from the shapes, before anything is allocated.
    ("2-D eigenvalues", lambda: sl.predict(eigenvalues=np.ones((3, 3)), N=5, P=400), V, "eigenvalues"),
    ("0-length array", lambda: sl.predict(alpha=1, M=1000, N=np.array([]), P=400), V, "no points"),
    ("shapes that do not broadcast", lambda: sl.predict(alpha=1, M=1000, N=np.ones(3) * 10, P=np.ones(4) * 10), V,
     "broadcast"),
    ("a 10^12-point broadcast view", lambda: sl.predict(alpha=1, M=1000, N=np.broadcast_to(100.0, (10 ** 12,)),
                                                        P=400), V, "N"),
    ("an outer grid of 10^14 points", lambda: sl.predict(alpha=1, M=1000, N=np.ones((10 ** 7, 1)),
                                                          P=np.broadcast_to(1.0, (1, 10 ** 7))), V, "MAX_POINTS"),
    ("2-D spectrum argument", lambda: sl.spectrum(alpha=[1, 2], M=100, N=10), V, "alpha"),
    ("eigenvalues as a huge view", lambda: sl.predict(eigenvalues=np.broadcast_to(1.0, (10 ** 10,)), N=5, P=400), V,
     "eigenvalues"),
    # Monte Carlo.
    ("simulate non-integral N", lambda: sl.simulate(alpha=1, M=100, N=10.5, P=20, trials=2), V, "N"),
    ("simulate M = inf", lambda: sl.simulate(alpha=1, M=np.inf, N=10, P=20, trials=2), V, "M"),
    ("simulate zero trials", lambda: sl.simulate(alpha=1, M=100, N=10, P=20, trials=0), V, "trials"),
    ("simulate unknown activation", lambda: sl.simulate(**SIM, activation="gelu"), V, "activation"),
    ("simulate unknown sampler", lambda: sl.simulate(**SIM, sampler="fast"), V, "sampler"),
    ("simulate unreadable file", lambda: sl.simulate(spectrum_file="/nonexistent", N=10, P=20, trials=2), V,
     "nonexistent"),
    ("simulate 0-length", lambda: sl.simulate(alpha=1, M=100, N=[], P=20, trials=2), V, "no points"),
    ("simulate absurd size", lambda: sl.simulate(alpha=1, M=100, N=1e9, P=1e9, trials=2), V, ""),
    ("simulate losses past MAX_LOSSES", lambda: sl.simulate(alpha=1, M=100, N=np.arange(1, 10 ** 6), P=20,
                                                            trials=10 ** 3), V, "trials"),
    ("simulate bad point named", lambda: sl.simulate(alpha=1, M=100, N=[10, 20, 10.5], P=20, trials=2), V,
     "point 2"),
    # Gradient flow and real data.
    ("negative time", lambda: sl.predict(alpha=1, M=400, N=100, P=300, time=-1.0), V, "time"),
    ("time as text", lambda: sl.predict(alpha=1, M=400, N=100, P=300, time="10"), T, "time"),
    ("data 3-D", lambda: sl.dataset(np.ones((4, 3, 2)), np.ones(4)), V, "data"),
    ("data of dates", lambda: sl.dataset(np.zeros((4, 3), "datetime64[s]"), np.ones(4)), T, "data"),
    ("labels 2-D", lambda: sl.dataset(np.eye(4), np.ones((4, 1))), V, "labels"),
    ("labels masked", lambda: sl.dataset(np.eye(4), np.ma.masked_array(np.ones(4), [0, 1, 0, 0])), T, "labels"),
    ("data as bytes path", lambda: sl.dataset(b"/tmp/x.npy", np.ones(4)), T, "data"),
    ("data_scale as text", lambda: sl.dataset(np.eye(4), np.arange(4.0), data_scale="1/255"), T, "data_scale"),
    ("data_scale zero", lambda: sl.dataset(np.eye(4), np.arange(4.0), data_scale=0), V, "scale"),
    ("simulate_data test_rows negative", lambda: sl.simulate_data(np.eye(4), np.arange(4.0), N=2, P=2,
                                                                  test_rows=-1), V, "test_rows"),
    ("spectrum N = 0", lambda: sl.spectrum(alpha=1, M=100, N=0), V, "N"),
    ("spectrum unreadable file", lambda: sl.spectrum(spectrum_file="/nonexistent", N=10), V, "nonexistent"),
    ("spectrum absurd N", lambda: sl.spectrum(alpha=1, M=100, N=10 ** 9), V, "N"),
]


@pytest.mark.parametrize("name,call,expected,word", BAD_CALLS, ids=[case[0] for case in BAD_CALLS])
def test_raises_with_a_message_naming_the_argument(name, call, expected, word):
    with pytest.raises((ValueError, TypeError)) as error:
        call()
    assert type(error.value) is expected, "%s raised %r" % (name, error.value)
    assert str(error.value) and word in str(error.value), str(error.value)


def test_at_least_thirty_hostile_cases():
    assert len(BAD_CALLS) >= 30


def test_interpreter_survives_all_bad_inputs_in_one_process():
    script = "\n".join([
        "import sys; sys.path.insert(0, %r); sys.path.insert(0, %r)" % (PYTHON_DIR, os.path.dirname(__file__)),
        "from test_bad_input import BAD_CALLS",
        "import scaling_laws as sl",
        "for name, call, expected, word in BAD_CALLS:",
        "    try:",
        "        call()",
        "        print('NO ERROR', name)",
        "    except (ValueError, TypeError):",
        "        pass",
        "    except BaseException as error:",
        "        print('WRONG ERROR', name, repr(error))",
        "print('alive', float(sl.predict(alpha=1, M=1000, N=100, P=400).loss))",
    ])
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "NO ERROR" not in result.stdout and "WRONG ERROR" not in result.stdout, result.stdout
    assert "alive 1.49326510" in result.stdout


def test_error_messages_name_the_point():
    with pytest.raises(ValueError, match="point 2"):
        sl.predict(alpha=1, M=1000, N=[10, 20, np.nan, 40], P=400)


def test_a_bad_point_past_the_first_chunk_is_named_by_its_index_in_the_call():
    from scaling_laws._batch import FIRST_CHUNK
    n = np.full(FIRST_CHUNK + 10, 100.0)
    n[FIRST_CHUNK + 3] = -1
    with pytest.raises(ValueError, match="point %d:" % (FIRST_CHUNK + 3)):
        sl.predict(alpha=1, M=1000, N=n, P=400)
