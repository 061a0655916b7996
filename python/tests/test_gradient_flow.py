"""predict(time=...): gradient flow (Docs/Theory.md section 10) against
the reference table there, its limits t = 0 and
t = inf, and the CLI's `predict --time`."""
import numpy as np
import pytest

import scaling_laws as sl
from conftest import cli_json

# Docs/Theory.md section 10, checks: alpha = 1, M = 400, gamma = 0; theory <L(t)> at t = 1, 1e2, 1e4 (5 digits).
TABLE = [
    (dict(N=100, P=300), [1.5148e-3, 1.7283e-4, 3.7266e-5]),
    (dict(N=300, P=100), [9.5945e-4, 1.0762e-4, 3.3601e-5]),
]


@pytest.mark.parametrize("point,expected", TABLE)
def test_reference_table_broadcast_over_time(point, expected):
    r = sl.predict(alpha=1, M=400, time=[1, 1e2, 1e4], **point)
    assert r.loss.shape == (3,)
    assert np.allclose(r.loss, expected, rtol=5e-5, atol=0)
    assert list(r.time) == [1, 1e2, 1e4]
    assert np.all(np.isnan(r.delta)) and list(r.summation) == ["", "", ""]


def test_time_zero_is_the_zero_predictor_and_infinity_the_ridge_fit():
    point = dict(alpha=1, M=1000, N=100, P=400, gamma=1e-3, noise=1e-3, teacher_exponent=0.5)
    start = sl.predict(time=0, **point)
    fit = sl.predict(**point)
    end = sl.predict(time=np.inf, **point)
    assert float(start.relative_loss) == pytest.approx(1, rel=1e-12)
    assert float(start.loss) == pytest.approx(float(fit.zero_predictor_loss), rel=1e-12)
    for field in ("loss", "test_error", "delta", "df1", "training_error"):
        assert getattr(end, field) == getattr(fit, field), field
    assert float(end.test_error) == float(end.loss) + 5e-4


def test_grid_of_times_and_sizes_equals_the_cli():
    times, n = np.array([10.0, 1e3]), np.array([[50.0], [200.0]])
    r = sl.predict(alpha=1, M=500, N=n, P=300, gamma=1e-4, time=times)
    assert r.loss.shape == (2, 2)
    for i in range(2):
        for j in range(2):
            cli = cli_json("predict", alpha=1, M=500, N=n[i, 0], P=300, gamma=1e-4, time=times[j])
            assert r.loss[i, j] == pytest.approx(cli["loss"], rel=1e-12)
            assert r.relative_loss[i, j] == pytest.approx(cli["relativeLoss"], rel=1e-12)
            assert r.regime[i, j] == cli["regime"]


def test_time_refuses_bad_values():
    with pytest.raises(ValueError, match="time"):
        sl.predict(alpha=1, M=400, N=100, P=300, time=-1)
    with pytest.raises(ValueError, match="time"):
        sl.predict(alpha=1, M=400, N=100, P=300, time=[1, np.nan])
    with pytest.raises(ValueError, match="linear"):
        sl.predict(alpha=1, M=400, N=100, P=300, time=1, activation="relu")
    with pytest.raises(TypeError, match="time"):
        sl.predict(alpha=1, M=400, N=100, P=300, time="1")
