"""ScalingLaws from Python: the solvable model of neural scaling laws
(Maloney, Roberts and Sully, arXiv:2210.16859) through the package's C
library, with NumPy broadcasting.

Keyword names are the command line's flag names with underscores
(``scaling-laws predict --help``): ``alpha``, ``lambda_plus``, ``M``,
``summation``, ``spectrum_file``, ``N``, ``P``, ``gamma``, ``sigma_w2``,
``sigma_u2``, ``noise``, ``teacher_exponent``, ``teacher_file``;
``eigenvalues`` (an array) is a tabulated spectrum given directly. Every
numeric argument may be an array; arrays broadcast against each other as in
NumPy, and every result field has the broadcast shape (a NumPy scalar when
all inputs are scalars).

Conventions (Docs/Theory.md): lambda_I = lambda_plus I^-(1+alpha); ridge
regression minimizes 1/2 sum (z - y)^2 + gamma/2 |theta|^2; the loss is
1/2 E[(z(x) - w.x)^2] against the clean teacher, the test error adds
sigma_eps^2/2.

Wrong types raise TypeError, bad values ValueError, both naming the
argument; everything is checked before anything is allocated. Calls
longer than two seconds show progress on stderr, and Ctrl-C stops them.
See Docs/Python.md.

Layout: one module per area (``theory``, ``montecarlo``, ``data``, ...), each
function re-exported here; ``_checks`` (argument checks), ``_batch``
(broadcasting in chunks), ``_model`` (the sl_model struct), ``_docs``
(shared parameter descriptions) and ``_library`` (the ctypes view of
scaling_laws.h) are shared by all of them.
"""
from ._checks import MAX_EIGENVALUES, MAX_LOSSES, MAX_POINTS
from ._library import package_version as __version__
from .data import DataSet, DataSimulation, dataset, simulate_data
from .montecarlo import Simulation, simulate, spectrum
from .sgd import SGDPrediction, SGDSimulation, predict_sgd, simulate_sgd
from .theory import ComputeOptimal, Exponents, OptimalRidge, Prediction, compute_optimal, exponents, optimal_ridge, \
    predict

from ._fit import Fit, fit  # Docs/Fitting.md

__all__ = ["predict", "exponents", "optimal_ridge", "compute_optimal", "simulate", "spectrum", "dataset",
           "simulate_data", "predict_sgd", "simulate_sgd", "version", "SGDPrediction", "SGDSimulation", "Prediction", "Exponents", "OptimalRidge", "ComputeOptimal", "Simulation",
           "DataSet", "DataSimulation", "fit", "Fit",
           "MAX_POINTS", "MAX_EIGENVALUES", "MAX_LOSSES", "__version__"]


def version():
    """The package version, as `scaling_laws.__version__`.

    Returns
    -------
    str
        The version of the loaded C library, the package's one version
        (``scaling-laws --version`` prints the same).
    """
    return __version__
