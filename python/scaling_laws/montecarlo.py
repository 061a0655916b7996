"""The Monte Carlo of the finite model (`scaling-laws simulate`, the
simulated points of `sweep` and `compare`) and feature-covariance spectra
(`scaling-laws spectrum`)."""
import ctypes
from collections import namedtuple

import numpy as np

from . import _checks
from . import _library as _c
from ._batch import Batch, pointer
from ._docs import documented
from ._library import call, lib
from ._model import Model
from ._progress import Progress
from .theory import ACTIVATIONS, renumbered

Simulation = namedtuple("Simulation", "mean standard_error theory losses rank_deficient_trials seconds "
                                      "training_error training_error_standard_error gcv gcv_standard_error seed")

SAMPLERS = ("auto", "direct", "conditional")


@documented
def simulate(*, N, P, alpha=None, M=None, lambda_plus=None, summation="auto", spectrum_file=None, eigenvalues=None,
             gamma=None, sigma_w2=None, sigma_u2=None, noise=None, teacher_exponent=None, teacher_file=None,
             teacher_power=None, trials=32, seed=0, activation="linear", test_samples=10000, sampler="auto", threads=0,
             progress=True):
    """Monte Carlo of random-feature ridge regression, one run per broadcast point.

    Each point draws `trials` independent (U, w, training set, test set)
    and fits the ridge estimator exactly (Docs/Theory.md section 2).
    Seeds follow the command line: the points are taken in C order (the
    order of ``np.ravel`` of the broadcast grid) and point k uses the seed
    ``seed + k`` (modulo 2**64), as ``scaling-laws sweep --simulate`` and
    ``compare`` number their grid points; trial j of a point uses the
    random stream of (its seed, j). So ``simulate(N=[20, 35, 60], seed=1,
    ...)`` equals ``sweep --vary N --from 20 --to 60 --points 3 --simulate
    --seed 1`` point for point, bit for bit, and a single point equals
    ``scaling-laws simulate --seed 1``. Results do not depend on `threads`.

    N and P must be whole numbers (the CLI's sweep rounds its grid to whole
    numbers before simulating) and M finite.

    Parameters
    ----------
    {configuration}
    {spectrum}
    {teacher}
    trials : int, optional
        Independent trials per point, >= 1. Default 32.
    seed : int, optional
        Seed of the first point, 0 <= seed < 2**64; point k uses seed + k.
        Default 0.
    activation : {"linear", "relu", "tanh", "erf", "quadratic"}, optional
        The feature map. Default "linear".
    test_samples : int, optional
        Nonlinear activations: fresh test samples per trial. Default 10000.
    sampler : {"auto", "direct", "conditional"}, optional
        Training-set sampler for linear features: "direct" draws x,
        "conditional" draws the features given U (cheaper when N, P << M);
        "auto" (default) picks the cheaper. Both give the same distribution.
    {run}

    Returns
    -------
    Simulation
        A named tuple; every field but ``losses`` has the broadcast shape:

        - ``mean``, ``standard_error``: the mean test loss over trials
          (1/2 (z - w.x)^2 on clean test labels, as <L>) and its standard
          error (standard deviation / sqrt(trials); NaN for one trial).
        - ``theory``: the theory's <L> (linear features; NaN otherwise).
        - ``losses``: every trial's loss, shape ``broadcast shape + (trials,)``.
        - ``rank_deficient_trials``: trials whose training Gram matrix was
          numerically singular.
        - ``seconds``: wall time of each point.
        - ``training_error``, ``training_error_standard_error``: the mean of
          E_train = 1/(2P) sum (z - y)^2 over trials and its error.
        - ``gcv``, ``gcv_standard_error``: the generalized cross-validation
          estimate of the test error from each training set (NaN where
          undefined) and its error.
        - ``seed``: the seed each point used (uint64).

    Raises
    ------
    TypeError, ValueError
        As `predict`; also a point too large for memory (refused before
        anything is allocated), or trials x points past
        ``scaling_laws.MAX_LOSSES``.
    KeyboardInterrupt
        Ctrl-C, honoured between points.
    """
    trials = _checks.whole("trials", trials, 1, 1 << 31)
    first_seed, threads = _checks.seed(seed), _checks.threads(threads)
    test_samples = _checks.whole("test_samples", test_samples, 0, 1 << 40)
    _checks.choice("activation", activation, ACTIVATIONS)
    _checks.choice("sampler", sampler, SAMPLERS)
    progress = _checks.flag("progress", progress)
    model = Model(summation, spectrum_file, eigenvalues, teacher_file, teacher_power)
    batch = Batch(dict(alpha=alpha, M=M, lambda_plus=lambda_plus, N=N, P=P, gamma=gamma, sigma_w2=sigma_w2,
                       sigma_u2=sigma_u2, noise=noise, teacher_exponent=teacher_exponent))
    if batch.count * trials > _checks.MAX_LOSSES:
        raise ValueError("trials: %d points x %d trials = %d losses, more than scaling_laws.MAX_LOSSES = %d"
                         % (batch.count, trials, batch.count * trials, _checks.MAX_LOSSES))
    options = _c.new(_c.SimulationOptions)
    options.trials, options.test_samples, options.threads = trials, test_samples, threads
    options.activation, options.sampler = activation.encode(), sampler.encode()
    fields = ("mean", "standard_error", "theory", "seconds", "training_error", "training_error_standard_error",
              "gcv", "gcv_standard_error")
    out = {name: np.empty(batch.count) for name in fields}
    deficient = np.empty(batch.count, dtype=np.int64)
    seeds = np.array([_checks.point_seed(first_seed, k) for k in range(batch.count)], dtype=np.uint64)
    losses = np.empty((batch.count, trials))
    counter = Progress("simulate (points)", batch.count, enabled=progress)
    for k in range(batch.count):
        keep = []
        struct = model.struct(batch, k, k + 1, keep)
        options.seed = int(seeds[k])
        result = _c.new(_c.SimulationResult)
        try:
            call(lib.sl_simulate, ctypes.byref(struct), ctypes.byref(options), ctypes.byref(result),
                 pointer(losses[k]), trials)
        except ValueError as error:
            raise (renumbered(ValueError("point 0: %s" % error), k) if batch.count > 1 else error) from None
        for name in fields:
            out[name][k] = getattr(result, name)
        deficient[k] = result.rank_deficient_trials
        counter.advance()
    return Simulation(losses=losses.reshape(batch.shape + (trials,)), seed=batch.shaped(seeds),
                      rank_deficient_trials=batch.shaped(deficient),
                      **{name: batch.shaped(array) for name, array in out.items()})


@documented
def spectrum(*, N, alpha=None, M=None, lambda_plus=None, spectrum_file=None, eigenvalues=None, sigma_u2=None,
             activation="linear", samples=20000, seed=0, exact=False):
    """Eigenvalues of the N x N feature covariance for one draw of U (``scaling-laws spectrum``).

    Docs/Theory.md section 6. Scalar arguments only: the result
    is one spectrum.

    Parameters
    ----------
    N : int
        Number of features N >= 1, a whole number (required).
    alpha : float, optional
        Power-law exponent alpha > 0 of the latent spectrum
        lambda_I = lambda_plus I^-(1+alpha). Required unless `eigenvalues`
        or `spectrum_file` is given.
    M : float, optional
        Latent dimension M, a finite whole number >= 1. Required with `alpha`.
    lambda_plus : float, optional
        Largest latent eigenvalue lambda_plus > 0. Default 1.
    spectrum_file : str or os.PathLike, optional
        A tabulated latent spectrum, one eigenvalue per line. Default None.
    eigenvalues : array_like, 1-D, optional
        A tabulated latent spectrum given directly. Default None.
    sigma_u2 : float, optional
        Feature-weight variance sigma_u^2 > 0: u_iI ~ N(0, sigma_u^2/M).
        Default 1.
    activation : {"linear", "relu", "tanh", "erf", "quadratic"}, optional
        The feature map. Default "linear".
    samples : int, optional
        Latent samples x for the sampled covariance, >= 2. Default 20000.
    seed : int, optional
        Seed of the draw of U and of the samples, 0 <= seed < 2**64. Default 0.
    exact : bool, optional
        True: the exact covariance of the draw of U (no sampling of x).
        Default False.

    Returns
    -------
    numpy.ndarray
        The N eigenvalues, descending, in units of the latent variance.

    Raises
    ------
    TypeError, ValueError
        As `predict`.
    """
    n = _checks.whole("N", N, 1, 1 << 31)
    options = _c.new(_c.SpectrumOptions)
    options.N, options.samples = n, _checks.whole("samples", samples, 2, 1 << 40)
    options.seed = _checks.seed(seed)
    options.activation = _checks.choice("activation", activation, ACTIVATIONS).encode()
    options.exact = 1 if _checks.flag("exact", exact) else 0
    values = dict(alpha=alpha, M=M, lambda_plus=lambda_plus, sigma_u2=sigma_u2)
    batch = Batch(values)
    for name, array in batch.arrays.items():
        if array.ndim != 0:
            raise ValueError("%s must be a single number here (one draw, one spectrum), got shape %s"
                             % (name, array.shape))
    keep = []
    struct = Model("auto", spectrum_file, eigenvalues).struct(batch, 0, 1, keep)
    # N x N is checked against memory by the library before it allocates; the output is N doubles.
    if n > 1 << 20:
        raise ValueError("N = %d: a %d x %d covariance is too large (at most 2**20 features)" % (n, n, n))
    result = np.empty(n)
    call(lib.sl_feature_spectrum, ctypes.byref(struct), ctypes.byref(options), pointer(result), n)
    return result
