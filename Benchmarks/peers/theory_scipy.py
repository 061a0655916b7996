#!/usr/bin/env python3
"""Peer for the theory benchmark: the self-consistent solution of Docs/Theory.md
section 3 the way research code does it, scipy.optimize.brentq on NumPy sums.

Reads one JSON job on stdin:
  {"spectrum": {"alpha": a, "lambdaPlus": l, "M": m} | {"file": path},
   "points": [{"N": n, "P": p, "gamma": g, "sigmaW2": w, "sigmaU2": u, "noise": e}, ...],
   "repeats": r}
and writes {"results": [{"loss": L, "delta": D}, ...], "seconds": [t1, ..., tr]}
where t_k is the wall time of the k-th pass over all points (spectrum set-up
and interpreter start-up excluded).
"""
import json
import math
import sys
import time

import numpy as np
from scipy.optimize import brentq


def spectrum(spec):
    if "file" in spec:
        return np.loadtxt(spec["file"], comments="#")
    m = int(spec["M"])
    return spec["lambdaPlus"] * np.arange(1, m + 1, dtype=float) ** (-(1 + spec["alpha"]))


def df1(lam, delta):
    return np.sum(lam / (lam + delta))


def df2(lam, delta):
    r = lam / (lam + delta)
    return np.sum(r * r)


def predict(lam, point):
    m = lam.size
    n, p = point["N"], point["P"]
    gamma, sw2, su2, noise = point["gamma"], point["sigmaW2"], point["sigmaU2"], point["noise"]
    small = min(n, p)
    if small >= m:
        delta0 = 0.0
    else:
        hi = lam.sum() / small
        lo = hi
        while df1(lam, lo) <= small:
            lo /= 10
        x = brentq(lambda x: df1(lam, math.exp(x)) - small, math.log(lo), math.log(hi), xtol=1e-14, rtol=1e-15)
        delta0 = math.exp(x)
    if gamma == 0:
        delta = delta0
    else:
        target = gamma * m / (su2 * n * p)
        f = lambda d: d * (1 - df1(lam, d) / n) * (1 - df1(lam, d) / p) - target
        hi = max(2 * delta0, 2 * target, 1e-300)
        while f(hi) <= 0:
            hi *= 10
        delta = brentq(f, delta0, hi, xtol=1e-300, rtol=1e-14)
    if delta == 0:
        loss = 0.0 if noise == 0 else (0.5 * noise * m / (p - m) if p > m else math.inf)
        return loss, 0.0
    d1, d2 = df1(lam, delta), df2(lam, delta)
    denom = (n - d1) * (p - d1) + (d1 - d2) * (n + p - 2 * d1)
    if denom <= 0:
        return math.inf, delta
    loss = 0.5 * (sw2 / m * delta * (d1 - d2) * n * p + noise * (n * p - p * d2)) / denom - 0.5 * noise
    return loss, delta


def main():
    job = json.load(sys.stdin)
    lam = spectrum(job["spectrum"])
    results, seconds = [], []
    for _ in range(int(job.get("repeats", 1))):
        start = time.perf_counter()
        results = [predict(lam, point) for point in job["points"]]
        seconds.append(time.perf_counter() - start)
    json.dump({"results": [{"loss": l if math.isfinite(l) else None, "delta": d} for l, d in results],
               "seconds": seconds}, sys.stdout)


if __name__ == "__main__":
    main()
