"""Seeds as the command line numbers them: `simulate` over an array of N
equals `scaling-laws sweep --simulate` point for point, bit for bit (point
k uses seed + k), and one point equals `scaling-laws simulate`."""
import numpy as np

import scaling_laws as sl
from conftest import cli_json

POINT = dict(alpha=1, M=200, P=40, gamma=1e-3)


def test_simulate_points_equal_sweep_points_bit_for_bit():
    sweep = cli_json("sweep", vary="N", **{"from": 20, "to": 60}, points=3, simulate=True, seed=1, trials=4,
                     output="-", **POINT)["points"]
    grid = np.array([point["N"] for point in sweep])
    assert list(grid) == [20, 35, 60]  # the sweep's log grid, rounded to whole numbers
    ours = sl.simulate(N=grid, seed=1, trials=4, **POINT)
    assert list(ours.seed) == [1, 2, 3]
    for k, point in enumerate(sweep):
        assert ours.mean[k] == point["mean"], k
        assert ours.standard_error[k] == point["standardError"], k
        assert ours.theory[k] == point["loss"], k


def test_each_point_equals_scaling_laws_simulate_with_its_seed():
    ours = sl.simulate(N=[20, 35], seed=7, trials=4, **POINT)
    for k, n in enumerate([20, 35]):
        cli = cli_json("simulate", N=n, seed=7 + k, trials=4, **POINT)
        assert np.array_equal(ours.losses[k], np.array(cli["losses"]))


def test_seeds_run_in_c_order_over_a_grid_and_wrap_at_2_64():
    grid = sl.simulate(N=np.array([[20], [30]]), P=[40, 50], alpha=1, M=200, gamma=1e-3, trials=2,
                       seed=2 ** 64 - 2)
    assert grid.seed.tolist() == [[2 ** 64 - 2, 2 ** 64 - 1], [0, 1]]
    single = sl.simulate(N=30, P=50, alpha=1, M=200, gamma=1e-3, trials=2, seed=1)
    assert np.array_equal(grid.losses[1, 1], single.losses)
