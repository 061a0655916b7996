#!/usr/bin/env python3
"""Peer for the CSV-reader benchmark: `np.loadtxt` on the same file.

Reads one JSON job on stdin: {"path": csv path, "runs": k}; writes
{"seconds": [...], "rows": n, "columns": d, "sum": sum of all entries}.
"""
import json
import sys
import time

import numpy as np


def main():
    job = json.load(sys.stdin)
    seconds = []
    for _ in range(job["runs"]):
        start = time.perf_counter()
        x = np.loadtxt(job["path"], delimiter=",", ndmin=2)
        seconds.append(time.perf_counter() - start)
    json.dump({"seconds": seconds, "rows": x.shape[0], "columns": x.shape[1], "sum": float(x.sum())}, sys.stdout)


if __name__ == "__main__":
    main()
