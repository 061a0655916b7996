#!/usr/bin/env python3
"""Peer for the SGD benchmark: one trial of one-pass minibatch SGD on linear
random features (Docs/Theory.md, "One-pass SGD"), a NumPy loop over steps,

    theta <- theta - (eta / B) Z^T (Z theta - y),   B fresh samples per step.

Reads one JSON job on stdin:
  {"alpha": a, "lambdaPlus": l, "M": m, "N": n, "B": b, "eta": e, "steps": r,
   "noise": s2, "seed": s, "sampler": "direct" | "conditional"}
and writes {"loss": L(theta_r), "seconds": s, "blas": "...", "threads": its BLAS threads}.

"direct" draws x in the latent space and z = U x, as a notebook does.
"conditional" is the algorithm of ScalingMonteCarlo's conditional sampler:
one eigendecomposition K = U Lambda U^T = V diag(k) V^T, then per sample
v_j . z = sqrt(k_j) g_j and y = sum_j c_j g_j / sqrt(k_j) + sqrt(r + s2) g'
with c = V^T U Lambda w, r = w^T Lambda w - sum_j c_j^2 / k_j; SGD on V^T theta.
"""
import ctypes
import glob
import json
import math
import os
import sys
import time

import numpy as np


def openblas_function(stem):
    """A function of NumPy's bundled OpenBLAS (scipy-openblas), or None."""
    libs = glob.glob(os.path.join(os.path.dirname(np.__file__), os.pardir, "numpy.libs", "libscipy_openblas*.so"))
    for path in libs:
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for prefix in ("scipy_openblas_", "openblas_"):
            for suffix in ("64_", ""):
                if hasattr(lib, f"{prefix}{stem}{suffix}"):
                    return getattr(lib, f"{prefix}{stem}{suffix}")
    return None


def blas_description():
    """NumPy's BLAS build and the kernel (core) it chose at run time."""
    config = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
    text = f"{config.get('name')} {config.get('version')}"
    corename = openblas_function("get_corename")
    if corename is None:
        return text
    corename.restype = ctypes.c_char_p
    return f"{text}, kernel {corename().decode()}"


def blas_threads():
    """The threads NumPy's OpenBLAS uses, or None when it cannot be asked."""
    threads = openblas_function("get_num_threads")
    return None if threads is None else int(threads())


def trial(job):
    m, n, b, steps = int(job["M"]), int(job["N"]), int(job["B"]), int(job["steps"])
    eta, noise = job["eta"], job.get("noise", 0.0)
    lam = job["lambdaPlus"] * np.arange(1, m + 1, dtype=float) ** (-(1 + job["alpha"]))
    root = np.sqrt(lam)
    rng = np.random.default_rng(int(job.get("seed", 0)))
    w = rng.standard_normal(m) / math.sqrt(m)
    u = rng.standard_normal((n, m)) / math.sqrt(m)
    step = eta / b
    if job["sampler"] == "direct":
        theta = np.zeros(n)
        for _ in range(steps):
            x = rng.standard_normal((b, m)) * root
            y = x @ w
            if noise > 0:
                y += rng.standard_normal(b) * math.sqrt(noise)
            z = x @ u.T
            theta -= step * (z.T @ (z @ theta - y))
        v = u.T @ theta - w
        return 0.5 * float(v @ (lam * v))
    scaled = u * root
    k, vectors = np.linalg.eigh(scaled @ scaled.T)
    keep = k > n * np.finfo(float).eps * k[-1]
    k, vectors = k[keep], vectors[:, keep]
    c = vectors.T @ (scaled @ (root * w))
    root_k = np.sqrt(k)
    weight = c / root_k
    best = c / k
    unexplained = max(0.0, float(w @ (lam * w)) - float(weight @ weight))
    scale = math.sqrt(unexplained + noise)
    theta = np.zeros(k.size)
    for _ in range(steps):
        g = rng.standard_normal((b, k.size))
        y = g @ weight + scale * rng.standard_normal(b)
        z = g * root_k
        theta -= step * (z.T @ (z @ theta - y))
    d = theta - best
    return 0.5 * (unexplained + float(k @ (d * d)))


def main():
    job = json.load(sys.stdin)
    start = time.perf_counter()
    loss = trial(job)
    seconds = time.perf_counter() - start
    json.dump({"loss": loss, "seconds": seconds, "blas": blas_description(), "threads": blas_threads()}, sys.stdout)


if __name__ == "__main__":
    main()
