#!/usr/bin/env python3
"""The BLAS NumPy runs on (the peers' library), for the benchmark's rows.

Reads an (ignored) JSON job on stdin; writes {"library": configuration
string, "kernel": the kernel OpenBLAS selected}, both "unknown" when NumPy's
BLAS is not a scipy-openblas wheel library.
"""
import ctypes
import glob
import json
import os
import sys

import numpy as np


def main():
    sys.stdin.read()
    answer = {"library": "unknown", "kernel": "unknown"}
    base = os.path.dirname(os.path.dirname(np.__file__))
    for path in glob.glob(os.path.join(base, "numpy.libs", "libscipy_openblas*.so")):
        lib = ctypes.CDLL(path)
        for suffix in ["64_", ""]:
            try:
                config = getattr(lib, "scipy_openblas_get_config" + suffix)
                core = getattr(lib, "scipy_openblas_get_corename" + suffix)
            except AttributeError:
                continue
            config.restype = core.restype = ctypes.c_char_p
            answer = {"library": config().decode().strip(), "kernel": core().decode()}
            break
    json.dump(answer, sys.stdout)


if __name__ == "__main__":
    main()
