"""dataset() against NumPy (the covariance spectrum, the teacher power and
the residual noise computed independently), arrays and files alike, and
simulate_data() against `scaling-laws simulate --data` bit for bit."""
import numpy as np
import pytest

import scaling_laws as sl
from conftest import cli_json


@pytest.fixture(scope="module")
def rows():
    """600 rows of d = 30 Gaussian data with a power-law covariance, a linear teacher and label noise."""
    rng = np.random.default_rng(7)
    n, d = 600, 30
    scale = np.arange(1, d + 1, dtype=float) ** -1.0
    x = rng.standard_normal((n, d)) * np.sqrt(scale) + 3.0
    w = rng.standard_normal(d) * np.arange(1, d + 1) ** -0.25
    y = x @ w + 0.3 * rng.standard_normal(n) + 1.0
    return x, y


def numpy_analysis(x, y):
    xc, yc = x - x.mean(axis=0), y - y.mean()
    n = len(y)
    values, vectors = np.linalg.eigh(xc.T @ xc / n)
    values, vectors = values[::-1], vectors[:, ::-1]
    weights = vectors.T @ (xc.T @ yc / n) / values
    residual = yc - xc @ (vectors @ weights)
    # The default noise estimate is unbiased: d fitted directions and the mean use d + 1 degrees of freedom.
    return values, weights ** 2, np.sum(residual ** 2) / (n - len(values) - 1)


def test_dataset_equals_numpy(rows):
    x, y = rows
    d = sl.dataset(x, y)
    values, power, noise = numpy_analysis(x, y)
    assert d.latent_dimension == 30 and d.rows == 600 and d.dimension == 30 and d.dropped == 0
    assert np.allclose(d.spectrum, values, rtol=1e-10)
    assert np.allclose(d.teacher, power, rtol=1e-7, atol=1e-12 * power.max())
    assert d.noise == pytest.approx(noise, rel=1e-9)
    assert d.trace == pytest.approx(values.sum(), rel=1e-12)
    assert d.explained_variance == pytest.approx(np.sum(values * power), rel=1e-9)
    # Var(y) is the explained variance plus the in-sample residual (n - d - 1)/n of the unbiased one.
    assert d.explained_variance + d.noise * (600 - 30 - 1) / 600 == pytest.approx(np.var(y), rel=1e-9)
    assert d.fit_window == (1, 30)  # M < 40: the whole spectrum
    # The fitted exponent is the least-squares slope of ln lambda_I against ln I.
    slope = np.polyfit(np.log(np.arange(1, 31)), np.log(values), 1)[0]
    assert d.alpha == pytest.approx(-slope - 1, rel=1e-8)


def test_dataset_from_files_equals_arrays_and_the_cli(rows, tmp_path):
    x, y = rows
    np.save(tmp_path / "x.npy", x)
    np.save(tmp_path / "y.npy", y)
    from_files = sl.dataset(tmp_path / "x.npy", str(tmp_path / "y.npy"))
    from_arrays = sl.dataset(x, y)
    mixed = sl.dataset(tmp_path / "x.npy", y)  # labels as an array beside a data file
    assert np.array_equal(from_files.spectrum, from_arrays.spectrum)
    assert from_files.noise == from_arrays.noise == mixed.noise
    cli = cli_json("dataset", data=tmp_path / "x.npy", labels=tmp_path / "y.npy", output=tmp_path / "out")
    assert cli["noise"] == from_files.noise and cli["alpha"] == from_files.alpha
    assert [e["eigenvalue"] for e in cli["eigenvalues"]] == list(from_files.spectrum)


def test_the_theory_from_a_dataset(rows):
    x, y = rows
    d = sl.dataset(x, y)
    r = sl.predict(eigenvalues=d.spectrum, teacher_power=d.teacher, noise=d.noise, N=20, P=100, gamma=1e-3)
    s = sl.simulate_data(x, y, N=20, P=100, gamma=1e-3, trials=4, seed=1)
    assert float(s.theory) == pytest.approx(float(r.test_error), rel=1e-10)


def test_simulate_data_equals_the_cli_point_by_point(rows, tmp_path):
    x, y = rows
    np.save(tmp_path / "x.npy", x)
    np.save(tmp_path / "y.npy", y)
    ours = sl.simulate_data(x, y, N=[10, 20], P=150, gamma=1e-2, trials=4, seed=5)
    assert ours.test_errors.shape == (2, 4) and list(ours.seed) == [5, 6]
    for k, n in enumerate([10, 20]):
        cli = cli_json("simulate", data=tmp_path / "x.npy", labels=tmp_path / "y.npy", N=n, P=150, gamma=1e-2,
                       trials=4, seed=5 + k)
        assert np.array_equal(ours.test_errors[k], np.array(cli["testErrors"]))
        assert ours.test_error[k] == cli["testError"]
        assert ours.theory[k] == pytest.approx(cli["theoryTestError"], rel=1e-12)


def test_positive_classes_and_bad_input(rows):
    x, y = rows
    classes = np.round(np.abs(y)) % 3
    d = sl.dataset(x, classes, positive_classes=[1])
    assert d.target_variance == pytest.approx(np.var(np.where(classes == 1, 1.0, -1.0)), rel=1e-12)
    with pytest.raises(ValueError, match="labels"):
        sl.dataset(x, y[:-1])
    with pytest.raises(ValueError, match="data"):
        sl.dataset(x[0], y)
    with pytest.raises(TypeError, match="data"):
        sl.dataset(x.astype(bool), y)
    with pytest.raises(ValueError):
        sl.dataset("/nonexistent.npy", y)
    with pytest.raises(ValueError, match="P"):
        sl.simulate_data(x, y, N=10, P=600, trials=2)
    with pytest.raises(ValueError, match="trials"):
        sl.simulate_data(x, y, N=10, P=100, trials=1)
    with pytest.raises(ValueError, match="point 1"):
        sl.simulate_data(x, y, N=[10, 10.5], P=100, trials=2)


def numpy_noise_estimates(x, y, folds=10):
    """The four estimates of sigma_eps^2 of dataset.json, from NumPy alone: in-sample and unbiased
    residual variances, the unbiased one's standard error from the residual's kurtosis, and the
    10-fold held-out error (fold k: rows mu with mu mod 10 = k; the teacher refitted on the other
    rows of the centred data, its squared error on the fold, summed over all rows over n)."""
    xc, yc = x - x.mean(axis=0), y - y.mean()
    n, d = xc.shape
    w = np.linalg.lstsq(xc, yc, rcond=None)[0]
    residual = yc - xc @ w
    squares, free = np.sum(residual ** 2), n - d - 1
    unbiased = squares / free
    kurtosis = n * np.sum(residual ** 4) / squares ** 2
    held_out = 0.0
    for k in range(folds):
        fold = np.arange(n) % folds == k
        refit = np.linalg.lstsq(xc[~fold], yc[~fold], rcond=None)[0]
        held_out += np.sum((yc[fold] - xc[fold] @ refit) ** 2)
    return squares / n, unbiased, unbiased * np.sqrt((kurtosis - 1) / free), held_out / n


def test_noise_estimates_equal_numpy_and_the_cli(rows, tmp_path):
    x, y = rows
    d = sl.dataset(x, y)
    in_sample, unbiased, standard_error, held_out = numpy_noise_estimates(x, y)
    assert d.noise_in_sample == pytest.approx(in_sample, rel=1e-9)
    assert d.noise_unbiased == pytest.approx(unbiased, rel=1e-9) and d.noise_unbiased == d.noise
    assert d.noise_standard_error == pytest.approx(standard_error, rel=1e-9)
    assert d.noise_held_out == pytest.approx(held_out, rel=1e-9)
    np.save(tmp_path / "x.npy", x)
    np.save(tmp_path / "y.npy", y)
    cli = cli_json("dataset", data=tmp_path / "x.npy", labels=tmp_path / "y.npy", output=tmp_path / "out")
    assert (cli["noiseInSample"], cli["noiseUnbiased"], cli["noiseStandardError"], cli["noiseHeldOut"]) == (
        d.noise_in_sample, d.noise_unbiased, d.noise_standard_error, d.noise_held_out)


def test_fit_window_as_the_cli(rows, tmp_path):
    x, y = rows
    d = sl.dataset(x, y, fit_window=(3, 20))
    assert d.fit_window == (3, 20)
    indices = np.arange(3, 21)
    values, power, _ = numpy_analysis(x, y)
    assert d.alpha == pytest.approx(-np.polyfit(np.log(indices), np.log(values[2:20]), 1)[0] - 1, rel=1e-8)
    assert d.beta == pytest.approx(-np.polyfit(np.log(indices), np.log(power[2:20]), 1)[0], rel=1e-6)
    assert sl.dataset(x, y, fit_window=[3.0, np.int64(20)]).alpha == d.alpha
    assert sl.dataset(x, y, fit_window=None).fit_window == (1, 30)
    np.save(tmp_path / "x.npy", x)
    np.save(tmp_path / "y.npy", y)
    cli = cli_json("dataset", data=tmp_path / "x.npy", labels=tmp_path / "y.npy", output=tmp_path / "out",
                   fit_window="3:20")
    assert (cli["fitFrom"], cli["fitTo"], cli["alpha"]) == (3, 20, d.alpha)


@pytest.mark.parametrize("window, error", [
    ("3:20", TypeError), (b"3:20", TypeError), (3, TypeError), ((3,), ValueError), ((3, 20, 25), ValueError),
    ((5, 5), ValueError), ((7, 3), ValueError), ((0, 5), ValueError), ((True, 5), TypeError), ((3, 2.5), ValueError),
    ((3, 31), ValueError), ((3, "20"), TypeError)])
def test_bad_fit_windows(rows, window, error):
    x, y = rows
    with pytest.raises(error, match="fit_window|fit_last"):
        sl.dataset(x, y, fit_window=window)
