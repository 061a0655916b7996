#!/usr/bin/env python3
"""Peer for the Monte Carlo benchmark: the finite model of Docs/Theory.md sections
1-2 simulated the way a NumPy notebook does it, np.linalg.solve per trial.

Reads one JSON job on stdin:
  {"alpha": a, "lambdaPlus": l, "M": m, "N": n, "P": p, "gamma": g,
   "sigmaW2": w, "sigmaU2": u, "noise": e, "trials": t, "seed": s}
and writes {"losses": [...], "mean": x, "standardError": se, "secondsPerTrial": [...]}.
Linear features, the exact loss 1/2 (U^T theta - w)^T Lambda (U^T theta - w).
"""
import json
import math
import sys
import time

import numpy as np


def trial(rng, lam, job):
    m, n, p = int(job["M"]), int(job["N"]), int(job["P"])
    gamma = job["gamma"]
    u = rng.standard_normal((n, m)) * math.sqrt(job["sigmaU2"] / m)
    w = rng.standard_normal(m) * math.sqrt(job["sigmaW2"] / m)
    x = rng.standard_normal((m, p)) * np.sqrt(lam)[:, None]
    y = w @ x + rng.standard_normal(p) * math.sqrt(job["noise"])
    phi = u @ x
    if n <= p:
        theta = np.linalg.solve(phi @ phi.T + gamma * np.eye(n), phi @ y)
    else:
        theta = phi @ np.linalg.solve(phi.T @ phi + gamma * np.eye(p), y)
    r = u.T @ theta - w
    return 0.5 * float(r @ (lam * r))


def main():
    job = json.load(sys.stdin)
    m = int(job["M"])
    lam = job["lambdaPlus"] * np.arange(1, m + 1, dtype=float) ** (-(1 + job["alpha"]))
    rng = np.random.default_rng(int(job.get("seed", 0)))
    losses, seconds = [], []
    for _ in range(int(job["trials"])):
        start = time.perf_counter()
        losses.append(trial(rng, lam, job))
        seconds.append(time.perf_counter() - start)
    mean = float(np.mean(losses))
    se = float(np.std(losses, ddof=1) / math.sqrt(len(losses))) if len(losses) > 1 else math.inf
    json.dump({"losses": losses, "mean": mean, "standardError": se, "secondsPerTrial": seconds}, sys.stdout)


if __name__ == "__main__":
    main()
