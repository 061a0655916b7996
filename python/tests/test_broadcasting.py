"""NumPy broadcasting over every array argument."""
import numpy as np
import pytest

import scaling_laws as sl


def test_scalar_inputs_give_scalars():
    r = sl.predict(alpha=1, M=1000, N=100, P=400)
    assert np.ndim(r.loss) == 0 and np.ndim(r.regime) == 0


def test_issue_example_shape():
    r = sl.predict(alpha=1, M=1000, N=np.logspace(1, 3, 50), P=400, gamma=1e-3)
    for field in r._fields:
        assert np.shape(getattr(r, field)) == (50,), field


def test_outer_broadcast_matches_pointwise_calls():
    n = np.array([10.0, 50, 300])[:, None]
    p = np.array([20.0, 400])[None, :]
    gamma = np.array([[0.0], [1e-3], [1e-2]])
    alpha = np.array([0.5, 1.5])
    r = sl.predict(alpha=alpha, M=2000, N=n, P=p, gamma=gamma)
    assert r.loss.shape == (3, 2)
    for i in range(3):
        for j in range(2):
            single = sl.predict(alpha=alpha[j], M=2000, N=n[i, 0], P=p[0, j], gamma=gamma[i, 0])
            assert r.loss[i, j] == single.loss
            assert r.delta[i, j] == single.delta


def test_three_dimensional_broadcast_and_every_parameter_varies():
    shape = (2, 3, 4)
    rng = np.random.default_rng(0)
    args = dict(alpha=rng.uniform(0.5, 2, shape[0])[:, None, None], lambda_plus=rng.uniform(0.5, 2, (1, 3, 1)),
                M=np.array([500.0, 1000, 2000, 4000]), N=rng.uniform(10, 200, shape),
                P=rng.uniform(10, 200, shape), gamma=rng.uniform(0, 1e-2, shape),
                sigma_w2=rng.uniform(0.5, 2, shape), sigma_u2=rng.uniform(0.5, 2, shape),
                noise=rng.uniform(0, 1e-2, shape))
    r = sl.predict(**args)
    assert r.loss.shape == shape
    b = {k: np.broadcast_to(v, shape) for k, v in args.items()}
    index = (1, 2, 3)
    single = sl.predict(**{k: v[index] for k, v in b.items()})
    assert r.loss[index] == single.loss


def test_threads_do_not_change_results():
    n = np.logspace(1, 3.5, 200)
    one = sl.predict(alpha=1, M=1e6, N=n, P=300, gamma=1e-4, threads=1)
    many = sl.predict(alpha=1, M=1e6, N=n, P=300, gamma=1e-4, threads=0)
    assert np.array_equal(one.loss, many.loss)


def test_non_broadcastable_shapes_raise():
    with pytest.raises(ValueError):
        sl.predict(alpha=1, M=1000, N=np.ones(3) * 10, P=np.ones(4) * 10)


def test_other_functions_broadcast():
    e = sl.exponents(alpha=1, M="inf", N=np.array([100.0, 1000])[:, None], P=np.array([1e3, 1e4, 1e5]))
    assert e.feature_exponent.shape == (2, 3)
    o = sl.optimal_ridge(alpha=1, M=1000, N=[100, 200], P=200, noise=1e-3)
    assert o.gamma.shape == (2,) and list(o.optimum) == ["interior", "interior"]
    c = sl.compute_optimal(alpha=[0.5, 1.0], M=np.inf, C=np.array([1e4, 1e6])[:, None], ridge="fixed", gamma=1e-3)
    assert c.N.shape == (2, 2) and np.allclose(c.N * c.P, [[1e4, 1e4], [1e6, 1e6]])


def test_grid_of_a_million_points():
    n = np.logspace(1, 4, 1000)[:, None]
    p = np.logspace(1, 4, 1000)[None, :]
    r = sl.predict(alpha=1, M=1000, N=n, P=p, gamma=1e-4)
    assert r.loss.shape == (1000, 1000)
    assert np.all(np.isfinite(r.loss)) and np.all(r.loss > 0)
    # N <-> P duality without noise: the grid is symmetric.
    assert np.allclose(r.loss, r.loss.T, rtol=1e-9)
    assert r.loss[123, 456] == sl.predict(alpha=1, M=1000, N=n[123, 0], P=p[0, 456], gamma=1e-4).loss
