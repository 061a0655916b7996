"""One version: scaling_laws.__version__ (from the loaded library's
sl_version()) equals `scaling-laws --version` and the version setup.py gives
the wheel, all read from ScalingLawsVersion in the Swift sources."""
import os
import re
import subprocess
import sys

import pytest

import scaling_laws as sl
from conftest import BIN, PYTHON_DIR


def test_version_is_the_package_version_everywhere():
    assert re.fullmatch(r"\d+\.\d+\.\d+\S*", sl.__version__)
    assert sl.version() == sl.__version__
    executable = os.path.join(BIN, "scaling-laws")
    if not os.path.exists(executable):
        pytest.skip("scaling-laws is not built")
    # The first line is "scaling-laws VERSION"; the second names the BLAS.
    cli = subprocess.run([executable, "--version"], capture_output=True, text=True, check=True).stdout
    assert cli.splitlines()[0].split()[-1] == sl.__version__
    code = "import sys; sys.argv = ['setup.py']; import runpy; " \
           "print(runpy.run_path('setup.py', run_name='not_main')['package_version']())"
    from_setup = subprocess.run([sys.executable, "-c", code], cwd=PYTHON_DIR, capture_output=True, text=True,
                                check=True).stdout.strip()
    assert from_setup == sl.__version__
