"""The teacher of Docs/Theory.md section 8 through Python: reference rows to 1e-8."""
import numpy as np
import pytest

import scaling_laws as sl

# alpha, lambda_plus, M, beta, sigma_w2, N, P, gamma, sigma_u2, noise, <L>, E_train
ROWS = [
    (1.0, 1.0, 1000, 0.5, 1, 100, 400, 1e-3, 1, 0, 2.3623711272e-06, 1.4299861053e-06),
    (1.0, 1.0, 1000, 0.5, 1, 400, 100, 0, 1, 0, 1.6565705881e-06, 0),
    (0.5, 2.0, 3000, 1.5, 2, 400, 150, 1e-2, 0.5, 0.01, 2.8894629791e-03, 5.2698221942e-04),
    (1.5, 1.0, 2000, -0.5, 1, 300, 900, 1e-4, 2, 0.001, 1.4114133541e-04, 3.5062208127e-04),
]


def test_section_8_rows_in_one_batch():
    c = np.array(ROWS, dtype=float).T
    r = sl.predict(alpha=c[0], lambda_plus=c[1], M=c[2], teacher_exponent=c[3], sigma_w2=c[4], N=c[5], P=c[6],
                   gamma=c[7], sigma_u2=c[8], noise=c[9])
    for k, row in enumerate(ROWS):
        assert r.loss[k] == pytest.approx(row[10], rel=1e-8)
        assert r.training_error[k] == pytest.approx(row[11], rel=1e-8, abs=1e-300)


def test_teacher_file_follows_the_spectrum_order(tmp_path):
    eigenvalues = np.arange(1, 1001, dtype=float) ** -2.0
    np.savetxt(tmp_path / "spectrum.txt", eigenvalues, fmt="%.17g")
    np.savetxt(tmp_path / "teacher.txt", np.arange(1, 1001, dtype=float) ** -0.5 / 1000, fmt="%.17g")
    r = sl.predict(spectrum_file=str(tmp_path / "spectrum.txt"), teacher_file=str(tmp_path / "teacher.txt"),
                   N=100, P=400, gamma=1e-3)
    assert float(r.loss) == pytest.approx(ROWS[0][10], rel=1e-8)


def test_teacher_bad_input_raises():
    with pytest.raises(ValueError):
        sl.predict(alpha=1, M=1000, N=10, P=10, teacher_exponent=np.nan)
    with pytest.raises(ValueError):
        sl.predict(alpha=1, M=1000, N=10, P=10, teacher_file="/nonexistent")


def test_teacher_equals_the_cli():
    from conftest import cli_json
    point = dict(alpha=1, M=1000, N=100, P=400, gamma=1e-3, teacher_exponent=0.5, noise=1e-3)
    ours, cli = sl.predict(**point), cli_json("predict", **point)
    assert float(ours.loss) == pytest.approx(cli["loss"], rel=1e-12)
    assert float(ours.training_error) == pytest.approx(cli["trainingError"], rel=1e-12)


def test_teacher_power_array_equals_the_file_and_the_reference(tmp_path):
    eigenvalues = np.arange(1, 1001, dtype=float) ** -2.0
    power = np.arange(1, 1001, dtype=float) ** -0.5 / 1000
    r = sl.predict(eigenvalues=eigenvalues, teacher_power=power, N=100, P=400, gamma=1e-3)
    assert float(r.loss) == pytest.approx(ROWS[0][10], rel=1e-8)
    np.savetxt(tmp_path / "teacher.txt", power, fmt="%.17g")
    from_file = sl.predict(eigenvalues=eigenvalues, teacher_file=str(tmp_path / "teacher.txt"), N=100, P=400,
                           gamma=1e-3)
    assert float(r.loss) == float(from_file.loss)


def test_teacher_power_bad_input():
    eigenvalues = np.arange(1, 11, dtype=float) ** -2.0
    with pytest.raises(ValueError, match="teacher_power"):
        sl.predict(alpha=1, M=10, N=5, P=5, teacher_power=np.ones(10))  # needs a tabulated spectrum
    with pytest.raises(ValueError, match="teacher_power"):
        sl.predict(eigenvalues=eigenvalues, teacher_power=np.ones((2, 5)), N=5, P=5)
    with pytest.raises(ValueError):
        sl.predict(eigenvalues=eigenvalues, teacher_power=np.ones(9), N=5, P=5)  # one per eigenvalue
    with pytest.raises(ValueError):
        sl.predict(eigenvalues=eigenvalues, teacher_power=-np.ones(10), N=5, P=5)
    with pytest.raises(TypeError, match="teacher_power"):
        sl.predict(eigenvalues=eigenvalues, teacher_power=[True] * 10, N=5, P=5)
