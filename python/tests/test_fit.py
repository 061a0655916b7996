"""sl.fit (Docs/Fitting.md): the C interface's sl_fit from Python."""
import numpy as np
import pytest

import scaling_laws as sl


def runs(seed=3):
    rng = np.random.default_rng(seed)
    n, d = np.meshgrid(1e7 * 10 ** np.linspace(0, 2, 6), 1e9 * 10 ** np.linspace(0, 2, 6))
    n, d = n.ravel(), d.ravel()
    loss = (1.7 + 400 / n ** 0.34 + 1200 / d ** 0.28) * np.exp(0.01 * rng.standard_normal(n.size))
    return n, d, loss


def test_fit_recovers_exponents_within_intervals_and_forecasts():
    n, d, loss = runs()
    r = sl.fit(n, d, loss, starts="small", resamples=200, forecast=([1e10], [1e12]))
    assert r.form == "chinchilla"
    for name, truth in (("alpha", 0.34), ("beta", 0.28), ("E", 1.7)):
        assert r.lower[name] <= truth <= r.upper[name], (name, r.lower[name], r.upper[name])
    assert r.starts["objective"].shape == (72,)
    assert r.starts["parameters"].shape == (72, 5)
    assert r.objective == pytest.approx(np.nanmin(r.starts["objective"]))
    assert r.forecast["lower"][0] <= r.forecast["loss"][0] <= r.forecast["upper"][0]
    a = r.exponents["a"][0]
    assert a == pytest.approx(r.parameters["beta"] / (r.parameters["alpha"] + r.parameters["beta"]))


def test_same_seed_same_bits():
    n, d, loss = runs()
    one = sl.fit(n, d, loss, starts="small", resamples=20, seed=4, threads=1)
    two = sl.fit(n, d, loss, starts="small", resamples=20, seed=4, threads=2)
    assert one.parameters == two.parameters and one.lower == two.lower


def test_bad_runs_name_the_run():
    n, d, loss = runs()
    bad = loss.copy()
    bad[4] = -1
    with pytest.raises(ValueError, match="row 5"):
        sl.fit(n, d, bad, starts="small", resamples=0)
    with pytest.raises(ValueError, match="fewer than the 5 parameters"):
        sl.fit(n[:3], d[:3], loss[:3], starts="small")
    with pytest.raises(ValueError, match="same N, D"):
        sl.fit(np.r_[n, n[0]], np.r_[d, d[0]], np.r_[loss, 2.0], starts="small", resamples=0)
    with pytest.raises(TypeError):
        sl.fit(n, d, loss, form=3)
    with pytest.raises(ValueError):
        sl.fit(n, d, loss[:-1])
    with pytest.raises(ValueError, match="parametric"):
        sl.fit(n, d, loss, bootstrap="parametric", starts="small")
