"""One-pass SGD from Python: broadcasting, the CLI's numbers, the Monte
Carlo against the theory, bad input."""
import numpy as np
import pytest

import scaling_laws as sl
from conftest import cli_json

MODEL = dict(alpha=1, M=400, N=100)


def test_broadcast_matches_pointwise_calls():
    steps = np.array([0, 10, 1000])[:, None]
    batch = np.array([1, 8])[None, :]
    r = sl.predict_sgd(**MODEL, batch_size=batch, learning_rate=0.5, steps=steps)
    assert r.loss.shape == (3, 2)
    for i in range(3):
        for j in range(2):
            single = sl.predict_sgd(**MODEL, batch_size=int(batch[0, j]), learning_rate=0.5, steps=int(steps[i, 0]))
            assert r.loss[i, j] == single.loss
            assert r.samples_seen[i, j] == batch[0, j] * steps[i, 0]
    assert np.ndim(sl.predict_sgd(**MODEL, learning_rate=0.5, steps=5).loss) == 0


def test_same_numbers_as_the_cli():
    r = sl.predict_sgd(**MODEL, batch_size=4, learning_rate=1, steps=300)
    cli = cli_json("predict", optimizer="sgd", batch_size=4, learning_rate=1, steps=300, **MODEL)
    assert r.loss == cli["loss"]
    assert r.largest_stable_learning_rate == cli["largestStableLearningRate"]


def test_simulation_agrees_with_theory_and_threads():
    one = sl.simulate_sgd(**MODEL, batch_size=4, learning_rate=1, steps=[10, 300], trials=24, seed=2, threads=1)
    two = sl.simulate_sgd(**MODEL, batch_size=4, learning_rate=1, steps=[10, 300], trials=24, seed=2, threads=2)
    assert np.array_equal(one.mean, two.mean)
    assert np.all(np.abs(one.mean - one.theory) < 4 * one.standard_error)
    assert list(one.samples_seen) == [40, 1200]


@pytest.mark.parametrize("bad", [dict(batch_size=0), dict(learning_rate=0), dict(learning_rate=-1),
                                 dict(learning_rate=np.nan), dict(learning_rate=np.inf), dict(steps=1.5),
                                 dict(steps=-1)])
def test_bad_input_raises_value_error(bad):
    args = dict(MODEL, batch_size=2, learning_rate=0.5, steps=10)
    args.update(bad)
    with pytest.raises(ValueError):
        sl.predict_sgd(**args)


def test_unstable_learning_rate_names_the_edge():
    edge = float(sl.predict_sgd(**MODEL, learning_rate=0.1, steps=1).largest_stable_learning_rate)
    with pytest.raises(ValueError, match="%.6g" % edge):
        sl.predict_sgd(**MODEL, learning_rate=1.5 * edge, steps=10)
    with pytest.raises(ValueError):
        sl.simulate_sgd(**MODEL, learning_rate=1.5 * edge, steps=[10], trials=2)
