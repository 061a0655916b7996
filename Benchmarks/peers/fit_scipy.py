#!/usr/bin/env python3
"""Peer for the fit benchmark: the Chinchilla-form fit the way research code
does it (Hoffmann et al. 2022; Besiroglu et al. 2024): the Huber loss of
log L in log-sum-exp coordinates, scipy.optimize.minimize(method="L-BFGS-B")
with the analytic gradient (NumPy), from every start of a grid, then a row
bootstrap refitted from the best start.

Reads one JSON job on stdin:
  {"N": [...], "D": [...], "loss": [...], "starts": [[a, b, e, alpha, beta], ...],
   "resamples": r, "seed": s, "delta": d}
and writes {"best": [E, A, B, alpha, beta], "objective": f, "seconds": t}
(t: the starts and the resamples, interpreter start-up excluded).
"""
import json
import sys
import time

import numpy as np
from scipy.optimize import minimize


def objective(params, log_n, log_d, log_l, weights, delta):
    a, b, e, alpha, beta = params
    x = np.stack([a - alpha * log_n, b - beta * log_d, np.full_like(log_n, e)])
    m = x.max(axis=0)
    p = np.exp(x - m)
    s = p.sum(axis=0)
    r = m + np.log(s) - log_l
    absr = np.abs(r)
    huber = np.where(absr <= delta, 0.5 * r * r, delta * (absr - 0.5 * delta))
    h = weights * np.clip(r, -delta, delta) / s
    grad = np.array([
        np.sum(h * p[0]), np.sum(h * p[1]), np.sum(h * p[2]),
        -np.sum(h * p[0] * log_n), -np.sum(h * p[1] * log_d),
    ])
    return np.sum(weights * huber), grad


def main():
    job = json.load(sys.stdin)
    log_n = np.log(np.asarray(job["N"], float))
    log_d = np.log(np.asarray(job["D"], float))
    log_l = np.log(np.asarray(job["loss"], float))
    delta = job["delta"]
    ones = np.ones_like(log_n)
    start = time.perf_counter()
    best, best_f = None, np.inf
    for x0 in job["starts"]:
        r = minimize(objective, x0, args=(log_n, log_d, log_l, ones, delta), jac=True, method="L-BFGS-B")
        if r.fun < best_f:
            best, best_f = r.x, r.fun
    rng = np.random.default_rng(job["seed"])
    n = log_n.size
    for _ in range(job["resamples"]):
        weights = np.bincount(rng.integers(0, n, n), minlength=n).astype(float)
        minimize(objective, best, args=(log_n, log_d, log_l, weights, delta), jac=True, method="L-BFGS-B")
    seconds = time.perf_counter() - start
    a, b, e, alpha, beta = best
    json.dump({"best": [float(np.exp(e)), float(np.exp(a)), float(np.exp(b)), float(alpha), float(beta)],
               "objective": float(best_f), "seconds": seconds}, sys.stdout)


if __name__ == "__main__":
    main()
