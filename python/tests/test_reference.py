"""Python against Docs/Theory.md section 7 (to 1e-8) and against the CLI's JSON."""
import numpy as np
import pytest

import scaling_laws as sl
from conftest import FLAGS, REFERENCE_ROWS, cli_json


def columns():
    return {name.replace("-", "_"): np.array([row[k] for row in REFERENCE_ROWS], dtype=float)
            for k, name in enumerate(FLAGS)}


def test_reference_rows_in_one_batch():
    r = sl.predict(**columns())
    for k, row in enumerate(REFERENCE_ROWS):
        loss, delta = row[9], row[10]
        assert r.loss[k] == pytest.approx(loss, rel=1e-8)
        assert r.delta[k] == pytest.approx(delta, rel=1e-8, abs=0 if delta else 1e-300)
    assert list(r.regime) == ["underparameterized", "interpolation-threshold", "overparameterized",
                              "beyond-latent-dimension"]


@pytest.mark.parametrize("row", REFERENCE_ROWS)
def test_each_row_equals_the_cli(row):
    flags = dict(zip((f.replace("-", "_") for f in FLAGS), row[:9]))
    ours = sl.predict(**flags)
    theirs = cli_json("predict", **flags)
    for field in ("loss", "relativeLoss", "delta", "df1", "df2"):
        mine = float(getattr(ours, {"relativeLoss": "relative_loss"}.get(field, field)))
        assert mine == pytest.approx(theirs[field], rel=1e-12, abs=1e-300), field
    assert str(ours.regime) == theirs["regime"]
    assert float(ours.loss) == pytest.approx(row[9], rel=1e-8)


def test_exponents_optimal_ridge_compute_optimal_equal_the_cli():
    point = dict(alpha=1, M=1000, N=100, P=400, gamma=1e-3, noise=1e-4)
    e, cli = sl.exponents(**point), cli_json("exponents", **point)
    for ours, theirs in (("feature_exponent", "featureExponent"), ("sample_exponent", "sampleExponent"),
                         ("ridge_exponent", "ridgeExponent"), ("loss", "loss"), ("relative_loss", "relativeLoss")):
        assert float(getattr(e, ours)) == pytest.approx(cli[theirs], rel=1e-10), ours
    ridge_point = dict(alpha=1, M=1000, N=100, P=400, noise=1e-4)
    o, cli = sl.optimal_ridge(**ridge_point), cli_json("optimal-ridge", **ridge_point)
    assert float(o.gamma) == pytest.approx(cli["gamma"], rel=1e-10)
    assert float(o.loss) == pytest.approx(cli["loss"], rel=1e-10)
    assert float(o.ridgeless_loss) == pytest.approx(cli["ridgelessLoss"], rel=1e-10)
    assert str(o.optimum) == cli["optimum"]
    c = sl.compute_optimal(alpha=1, M="inf", C=[1e4, 1e6], ridge="optimal")
    cli = cli_json("compute-optimal", alpha=1, M="inf", **{"from": 1e4, "to": 1e6}, points=2, ridge="optimal")
    entries = [entry for entry in cli["points"] if entry.get("ridge") == "optimal"]
    assert len(entries) == 2
    for k, entry in enumerate(entries):
        assert c.N[k] == pytest.approx(entry["N"], rel=1e-10)
        assert c.loss[k] == pytest.approx(entry["loss"], rel=1e-10)
        assert c.gamma[k] == pytest.approx(entry["gamma"], rel=1e-10)


def test_simulation_equals_the_cli():
    point = dict(alpha=1, M=200, N=40, P=120, gamma=1e-3)
    ours = sl.simulate(trials=8, seed=5, **point)
    cli = cli_json("simulate", trials=8, seed=5, **point)
    assert np.array_equal(ours.losses, np.array(cli["losses"]))
    assert float(ours.mean) == cli["mean"] and float(ours.standard_error) == cli["standardError"]
    assert float(ours.training_error) == pytest.approx(cli["trainingError"], rel=1e-12)
    assert float(ours.gcv) == pytest.approx(cli["gcv"], rel=1e-12)


def test_nonlinear_prediction_equals_the_cli():
    point = dict(alpha=1, M=200, N=60, P=150, gamma=1e-2)
    ours = sl.predict(activation="relu", draws=4, seed=2, **point)
    cli = cli_json("predict", activation="relu", draws=4, seed=2, **point)
    assert float(ours.loss) == pytest.approx(cli["loss"], rel=1e-10)
    assert float(ours.standard_error) == pytest.approx(cli["standardError"], rel=1e-10)
    assert str(ours.regime) == cli["regime"] and np.isnan(ours.delta)
    # Broadcast over N: each point as its own call.
    many = sl.predict(activation="relu", draws=4, seed=2, alpha=1, M=200, N=[60, 120], P=150, gamma=1e-2)
    assert many.loss[0] == ours.loss and many.loss.shape == (2,)


def test_tabulated_spectrum_from_a_file_and_an_array(tmp_path):
    eigenvalues = np.arange(1, 1001, dtype=float) ** -2.0
    path = tmp_path / "spectrum.txt"
    np.savetxt(path, eigenvalues[::-1])
    from_file = sl.predict(spectrum_file=str(path), N=100, P=400)
    from_array = sl.predict(eigenvalues=eigenvalues, N=100, P=400)
    assert float(from_file.loss) == pytest.approx(REFERENCE_ROWS[0][9], rel=1e-8)
    assert float(from_array.loss) == pytest.approx(REFERENCE_ROWS[0][9], rel=1e-8)


def test_simulation_agrees_with_theory_and_is_reproducible():
    s = sl.simulate(alpha=1, M=300, N=[60, 150], P=100, gamma=1e-3, trials=48, seed=3)
    assert s.losses.shape == (2, 48)
    assert np.allclose(s.losses.mean(axis=-1), s.mean, rtol=1e-12)
    assert np.all(np.abs(s.mean - s.theory) < 4 * s.standard_error)
    again = sl.simulate(alpha=1, M=300, N=60, P=100, gamma=1e-3, trials=48, seed=3, threads=1)
    assert np.array_equal(again.losses, s.losses[0])


def test_feature_spectrum():
    linear = sl.spectrum(alpha=1, M=20, N=40, exact=True)
    assert linear.shape == (40,)
    assert np.all(np.diff(linear) <= 0)
    # Linear features have rank <= M: the eigenvalues past M are at rounding level.
    assert np.all(np.abs(linear[20:]) < 1e-10 * linear[0])
    relu = sl.spectrum(alpha=1, M=20, N=40, activation="relu", exact=True)
    assert relu[25] > 1e-6 * relu[0]
