#!/usr/bin/env python3
"""Peer for the data-set benchmark: what `scaling-laws dataset` computes, the
way a NumPy notebook does it: centre, X.T @ X / n, np.linalg.eigh, the
teacher per eigendirection and the residual variance.

Reads one JSON job on stdin:
  {"images": [idx.gz paths], "labels": [idx.gz paths], "positive": [classes],
   "scale": s, "runs": k}
and writes {"seconds": [...], "noise": sigma_eps^2, "largest": lambda_1, "trace": t}.
Only the analysis is timed (the files are read once, before).
"""
import gzip
import json
import sys
import time

import numpy as np


def idx(path):
    data = gzip.open(path).read() if path.endswith(".gz") else open(path, "rb").read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * k:8 + 4 * k], "big") for k in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def analyse(x, y):
    n = len(x)
    x = x - x.mean(axis=0)
    y = y - y.mean()
    lam, v = np.linalg.eigh(x.T @ x / n)
    lam, v = lam[::-1], v[:, ::-1]
    keep = lam > 1e-10 * lam[0]
    lam, v = lam[keep], v[:, keep]
    w = (v.T @ (x.T @ y / n)) / lam
    r = y - x @ (v @ w)
    return lam, float(r @ r / n)


def main():
    job = json.load(sys.stdin)
    parts = [idx(p) for p in job["images"]]
    x = np.concatenate([a.reshape(a.shape[0], -1) for a in parts]).astype(float) * job["scale"]
    labels = np.concatenate([idx(p) for p in job["labels"]])
    y = np.where(np.isin(labels, job["positive"]), 1.0, -1.0)
    seconds = []
    for _ in range(int(job["runs"])):
        start = time.perf_counter()
        lam, noise = analyse(x, y)
        seconds.append(time.perf_counter() - start)
    json.dump({"seconds": seconds, "noise": noise, "largest": float(lam[0]), "trace": float(lam.sum())}, sys.stdout)


if __name__ == "__main__":
    main()
