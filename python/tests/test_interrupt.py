"""Long calls show progress on stderr and stop on Ctrl-C (SIGINT) between
chunks, with KeyboardInterrupt; short calls print nothing."""
import os
import signal
import subprocess
import sys
import time

from conftest import PYTHON_DIR

LONG = """
import sys, numpy as np
sys.path.insert(0, %r)
import scaling_laws as sl
print("started", flush=True)
try:
    sl.predict(alpha=1, M=100000, N=np.logspace(1, 4, 3000)[:, None], P=np.logspace(1, 4, 3000)[None, :],
               gamma=1e-4, summation="exact", threads=1)  # about 1 ms a point: hours
    print("finished")
except KeyboardInterrupt:
    print("interrupted", flush=True)
""" % PYTHON_DIR


def test_ctrl_c_stops_a_long_grid_with_progress_shown():
    process = subprocess.Popen([sys.executable, "-c", LONG], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    try:
        assert process.stdout.readline().strip() == "started"
        time.sleep(3.5)  # past the 2 s before progress shows
        sent = time.monotonic()
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
        stopped = time.monotonic() - sent
    finally:
        if process.poll() is None:
            process.kill()
    assert "interrupted" in out and "finished" not in out, out + err
    assert stopped < 10, stopped  # chunks last about 0.5 s
    assert "predict" in err and "/9000000" in err and "left" in err, err


def test_short_calls_are_silent():
    code = "import sys; sys.path.insert(0, %r); import scaling_laws as sl; sl.predict(alpha=1, M=1000, N=[10, 20], " \
           "P=400); sl.simulate(alpha=1, M=100, N=[10, 20], P=20, trials=2)" % PYTHON_DIR
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stderr == ""


def test_progress_false_is_silent(capsys):
    import numpy as np
    import scaling_laws as sl
    from scaling_laws import _progress
    saved = _progress.DELAY
    _progress.DELAY = 0.0
    try:
        sl.predict(alpha=1, M=1000, N=np.full(20000, 100.0), P=400, progress=False)
        assert capsys.readouterr().err == ""
        sl.predict(alpha=1, M=1000, N=np.full(20000, 100.0), P=400)
        assert "predict: 20000/20000" in capsys.readouterr().err
    finally:
        _progress.DELAY = saved
