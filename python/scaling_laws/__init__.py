"""ScalingLaws from Python: the solvable model of neural scaling laws
(Maloney, Roberts and Sully, arXiv:2210.16859) through the package's C
library, with NumPy broadcasting.

Keyword names are the command line's flag names with underscores
(``scaling-laws predict --help``): ``alpha``, ``lambda_plus``, ``M``,
``summation``, ``spectrum_file``, ``N``, ``P``, ``gamma``, ``sigma_w2``,
``sigma_u2``, ``noise``; ``eigenvalues`` (an array) is a tabulated spectrum
given directly. Every numeric argument may be an array; arrays broadcast
against each other as in NumPy, and every result field has the broadcast
shape (a NumPy scalar when all inputs are scalars). ``M`` may be
``np.inf`` or ``"inf"`` (per-component weight variances, Docs/PowerLaw.md).

Conventions (Docs/Theory.md): lambda_I = lambda_plus I^-(1+alpha); ridge
regression minimizes 1/2 sum (z - y)^2 + gamma/2 |theta|^2; the loss is
1/2 E[(z(x) - w.x)^2] against the clean teacher.

Bad input raises ValueError with the library's message; the interpreter
never crashes. Batches run on all cores (``threads=0``) with the GIL released.
See Docs/Python.md.
"""
import ctypes
from collections import namedtuple

import numpy as np

from . import _library as _c
from ._library import call as _call, lib as _lib, new as _new

__all__ = ["predict", "exponents", "optimal_ridge", "compute_optimal", "simulate", "spectrum",
           "Prediction", "Exponents", "OptimalRidge", "ComputeOptimal", "Simulation", "version"]

Prediction = namedtuple("Prediction", "loss relative_loss delta df1 df2 regime zero_predictor_loss summation "
                                     "standard_error training_error")
Exponents = namedtuple("Exponents", "feature_exponent sample_exponent ridge_exponent loss relative_loss")
OptimalRidge = namedtuple("OptimalRidge", "gamma optimum loss relative_loss ridgeless_loss")
ComputeOptimal = namedtuple("ComputeOptimal", "N P ratio gamma optimum loss relative_loss")
Simulation = namedtuple("Simulation", "mean standard_error theory losses rank_deficient_trials seconds "
                                     "training_error training_error_standard_error gcv gcv_standard_error")

_REGIMES = np.array(["underparameterized", "overparameterized", "interpolation-threshold",
                     "beyond-latent-dimension"])
_SUMMATIONS = {"auto": 0, "exact": 1, "euler-maclaurin": 2}
_SUMMATION_NAMES = np.array(["auto", "exact", "euler-maclaurin"])
_OPTIMA = np.array(["interior", "zero-ridge", "infinite-ridge", "fixed"])  # index -1: a fixed ridge
_COLUMNS = ("alpha", "lambda_plus", "M", "N", "P", "gamma", "sigma_w2", "sigma_u2", "noise", "teacher_exponent")


def version():
    """The C library's version string."""
    return _lib.sl_version().decode()


def _as_float_array(name, value):
    try:
        return np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError) as error:
        raise ValueError("%s must be a number or an array of numbers: %s" % (name, error)) from None


class _Batch:
    """The broadcast inputs of one call, as sl_column structs, kept alive
    with the arrays they point into."""

    def __init__(self, values, extra=None):
        given = {k: _as_float_array(k, v) for k, v in values.items() if v is not None}
        if extra:
            given.update({k: _as_float_array(k, v) for k, v in extra.items()})
        try:
            self.shape = np.broadcast_shapes(*(a.shape for a in given.values()))
        except ValueError as error:
            raise ValueError("arguments do not broadcast together: %s" % error) from None
        self.count = int(np.prod(self.shape, dtype=np.int64))
        self._keep = []
        self.columns = {k: self._column(a) for k, a in given.items()}

    def _column(self, array):
        if array.size == 1:
            flat = np.ascontiguousarray(array.reshape(1))
        else:
            flat = np.ascontiguousarray(np.broadcast_to(array, self.shape)).reshape(-1)
        self._keep.append(flat)
        return _c.Column(flat.ctypes.data_as(ctypes.POINTER(ctypes.c_double)), flat.size)

    def output(self, dtype=np.float64):
        array = np.empty(self.count, dtype=dtype)
        self._keep.append(array)
        return array

    def shaped(self, array):
        array = array.reshape(self.shape)
        return array[()] if array.ndim == 0 else array


def _model(batch, summation, spectrum_file, eigenvalues, teacher_file=None):
    model = _new(_c.Model)
    for name, column in batch.columns.items():
        if name in _COLUMNS:
            setattr(model, name, column)
    if summation not in _SUMMATIONS:
        raise ValueError("summation must be one of auto, exact, euler-maclaurin; got %r" % (summation,))
    model.summation = _SUMMATIONS[summation]
    if teacher_file is not None:
        model.teacher_file = str(teacher_file).encode("utf-8")
    if spectrum_file is not None:
        model.spectrum_file = str(spectrum_file).encode("utf-8")
    if eigenvalues is not None:
        values = np.ascontiguousarray(_as_float_array("eigenvalues", eigenvalues).reshape(-1))
        batch._keep.append(values)
        model.eigenvalues = values.ctypes.data_as(ctypes.POINTER(ctypes.c_double))
        model.eigenvalue_count = values.size
    return model


def _threads(threads):
    """The worker count: 0 (one per core) or a positive whole number."""
    return _whole("threads", threads, 0) if threads else 0


def _pointer(array, ctype=ctypes.c_double):
    return array.ctypes.data_as(ctypes.POINTER(ctype))


def predict(*, alpha=None, M=None, lambda_plus=None, summation="auto", spectrum_file=None, eigenvalues=None,
            N, P, gamma=None, sigma_w2=None, sigma_u2=None, noise=None, teacher_exponent=None, teacher_file=None,
            activation="linear", draws=12, seed=0, threads=0):
    """Theory predictions <L>, broadcast over every array argument.

    Linear features (the default) get the exact theory of Docs/Theory.md section 3.
    Returns a ``Prediction`` of arrays: ``loss`` (<L>, +inf at the ridgeless
    interpolation peak), ``relative_loss`` (<L>/L0), ``delta``, ``df1``,
    ``df2``, ``regime`` (strings as the CLI prints them),
    ``zero_predictor_loss`` (L0), ``summation`` ("exact" or
    "euler-maclaurin"), ``standard_error`` (NaN: the theory is exact) and
    ``training_error`` (E_train = (1 - df1/P)^2 (<L> + noise/2), Docs/Theory.md
    section 8).

    The teacher (section 8): ``teacher_exponent`` beta gives
    omega_I = (sigma_w^2/M) I^-beta (0: the paper's isotropic teacher);
    ``teacher_file`` a per-direction power in the order of ``spectrum_file``
    or ``eigenvalues``.

    A nonlinear ``activation`` ("relu", "tanh", "erf", "quadratic") gets the
    semi-analytic theory of section 6 averaged over ``draws`` draws of U
    (seeded by ``seed``; N whole, M finite): ``loss``, ``relative_loss``,
    ``standard_error`` over the draws and ``regime``; ``delta``, ``df1``,
    ``df2``, ``zero_predictor_loss``, ``training_error`` are NaN and
    ``summation`` is "".
    """
    batch = _Batch(dict(alpha=alpha, M=M, lambda_plus=lambda_plus, N=N, P=P, gamma=gamma, sigma_w2=sigma_w2,
                        sigma_u2=sigma_u2, noise=noise, teacher_exponent=teacher_exponent))
    model = _model(batch, summation, spectrum_file, eigenvalues, teacher_file)
    if activation != "linear":
        return _predict_nonlinear(batch, model, activation, draws, seed, threads)
    out = _new(_c.Predictions)
    fields = {k: batch.output() for k in ("loss", "relative_loss", "delta", "df1", "df2", "zero_predictor_loss",
                                          "training_error")}
    regime, used = batch.output(np.int32), batch.output(np.int32)
    for k, a in fields.items():
        setattr(out, k, _pointer(a))
    out.regime, out.summation = _pointer(regime, ctypes.c_int32), _pointer(used, ctypes.c_int32)
    _call(_lib.sl_predict, ctypes.byref(model), batch.count, ctypes.byref(out), _threads(threads))
    return Prediction(regime=batch.shaped(_REGIMES[regime]), summation=batch.shaped(_SUMMATION_NAMES[used]),
                      standard_error=batch.shaped(np.full(batch.count, np.nan)),
                      **{k: batch.shaped(a) for k, a in fields.items()})


def _predict_nonlinear(batch, model, activation, draws, seed, threads):
    options = _new(_c.NonlinearOptions)
    options.activation = _text("activation", activation)
    options.draws, options.seed = _whole("draws", draws, 1), _whole("seed", seed, 0)
    options.threads = _threads(threads)
    out = _new(_c.NonlinearPredictions)
    fields = {k: batch.output() for k in ("loss", "standard_error", "relative_loss")}
    regime = batch.output(np.int32)
    for k, a in fields.items():
        setattr(out, k, _pointer(a))
    out.regime = _pointer(regime, ctypes.c_int32)
    _call(_lib.sl_predict_nonlinear, ctypes.byref(model), batch.count, ctypes.byref(options), ctypes.byref(out))
    missing = batch.shaped(np.full(batch.count, np.nan))
    return Prediction(regime=batch.shaped(_REGIMES[regime]), summation=batch.shaped(np.full(batch.count, "")),
                      delta=missing, df1=missing, df2=missing, zero_predictor_loss=missing, training_error=missing,
                      **{k: batch.shaped(a) for k, a in fields.items()})


def exponents(*, alpha=None, M=None, lambda_plus=None, summation="auto", spectrum_file=None, eigenvalues=None,
              N, P, gamma=None, sigma_w2=None, sigma_u2=None, noise=None, teacher_exponent=None, teacher_file=None,
              threads=0):
    """Local exponents d ln<L> / d ln N, P, gamma (``scaling-laws exponents``), broadcast.

    Returns an ``Exponents``: ``feature_exponent`` (d ln<L>/d ln N), ``sample_exponent`` (d ln<L>/d ln P), ``ridge_exponent`` (d ln<L>/d ln gamma)
    (NaN where <L> is 0 or +inf), ``loss``, ``relative_loss``.
    """
    batch = _Batch(dict(alpha=alpha, M=M, lambda_plus=lambda_plus, N=N, P=P, gamma=gamma, sigma_w2=sigma_w2,
                        sigma_u2=sigma_u2, noise=noise, teacher_exponent=teacher_exponent))
    model = _model(batch, summation, spectrum_file, eigenvalues, teacher_file)
    out = _new(_c.ExponentsOut)
    fields = {k: batch.output() for k in Exponents._fields}
    for k, a in fields.items():
        setattr(out, k, _pointer(a))
    _call(_lib.sl_exponents, ctypes.byref(model), batch.count, ctypes.byref(out), _threads(threads))
    return Exponents(**{k: batch.shaped(a) for k, a in fields.items()})


def optimal_ridge(*, alpha=None, M=None, lambda_plus=None, summation="auto", spectrum_file=None,
                  eigenvalues=None, N, P, sigma_w2=None, sigma_u2=None, noise=None, teacher_exponent=None,
                  teacher_file=None, threads=0):
    """The ridge gamma* minimizing <L> (``scaling-laws optimal-ridge``), broadcast.

    Returns an ``OptimalRidge``: ``gamma`` (0 or inf at a boundary optimum),
    ``optimum`` ("interior", "zero-ridge", "infinite-ridge"), ``loss``,
    ``relative_loss`` and ``ridgeless_loss`` (<L> at gamma = 0).
    """
    batch = _Batch(dict(alpha=alpha, M=M, lambda_plus=lambda_plus, N=N, P=P, sigma_w2=sigma_w2,
                        sigma_u2=sigma_u2, noise=noise, teacher_exponent=teacher_exponent))
    model = _model(batch, summation, spectrum_file, eigenvalues, teacher_file)
    out = _new(_c.OptimalRidgeOut)
    fields = {k: batch.output() for k in ("gamma", "loss", "relative_loss", "ridgeless_loss")}
    optimum = batch.output(np.int32)
    for k, a in fields.items():
        setattr(out, k, _pointer(a))
    out.optimum = _pointer(optimum, ctypes.c_int32)
    _call(_lib.sl_optimal_ridge, ctypes.byref(model), batch.count, ctypes.byref(out), _threads(threads))
    return OptimalRidge(optimum=batch.shaped(_OPTIMA[optimum]), **{k: batch.shaped(a) for k, a in fields.items()})


def compute_optimal(*, C, alpha=None, M=None, lambda_plus=None, summation="auto", spectrum_file=None,
                    eigenvalues=None, ridge="optimal", gamma=None, sigma_w2=None, sigma_u2=None, noise=None,
                    teacher_exponent=None, teacher_file=None, threads=0):
    """The split of compute C = N P minimizing <L> (``scaling-laws compute-optimal``), broadcast over C and the rest.

    ``ridge="fixed"`` keeps ``gamma``; ``ridge="optimal"`` uses gamma*(N, P).
    Returns a ``ComputeOptimal``: ``N``, ``P``, ``ratio`` (N/P), ``gamma``,
    ``optimum`` ("fixed" at a fixed ridge), ``loss``, ``relative_loss``.
    Without label noise the N <= P member of each mirror pair is reported.
    """
    if ridge not in ("fixed", "optimal"):
        raise ValueError("ridge must be 'fixed' or 'optimal', got %r" % (ridge,))
    batch = _Batch(dict(alpha=alpha, M=M, lambda_plus=lambda_plus, gamma=gamma, sigma_w2=sigma_w2,
                        sigma_u2=sigma_u2, noise=noise, teacher_exponent=teacher_exponent), extra=dict(C=C))
    model = _model(batch, summation, spectrum_file, eigenvalues, teacher_file)
    out = _new(_c.ComputeOptimalOut)
    fields = {k: batch.output() for k in ("N", "P", "gamma", "loss", "relative_loss")}
    optimum = batch.output(np.int32)
    for k, a in fields.items():
        setattr(out, k, _pointer(a))
    out.optimum = _pointer(optimum, ctypes.c_int32)
    _call(_lib.sl_compute_optimal, ctypes.byref(model), batch.columns["C"], batch.count,
          1 if ridge == "optimal" else 0, ctypes.byref(out), _threads(threads))
    shaped = {k: batch.shaped(a) for k, a in fields.items()}
    return ComputeOptimal(ratio=batch.shaped(fields["N"] / fields["P"]), optimum=batch.shaped(_OPTIMA[optimum]),
                          **shaped)


def _text(name, value):
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError("%s must be a string, got %r" % (name, value))
    return value.encode("utf-8")


def _whole(name, value, low):
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        if isinstance(value, (float, np.floating)) and np.isfinite(value) and float(value).is_integer():
            value = int(value)
        else:
            raise ValueError("%s must be a whole number, got %r" % (name, value))
    high = 2 ** 31 - 1 if name == "threads" else 2 ** 62
    if value < low or value > high:
        raise ValueError("%s must be a whole number >= %d, got %r" % (name, low, value))
    return int(value)


def simulate(*, alpha=None, M=None, lambda_plus=None, summation="auto", spectrum_file=None, eigenvalues=None,
             N, P, gamma=None, sigma_w2=None, sigma_u2=None, noise=None, teacher_exponent=None, teacher_file=None,
             trials=32, seed=0, activation="linear",
             test_samples=10000, threads=0, sampler="auto"):
    """Monte Carlo of the finite model (``scaling-laws simulate``), one run per broadcast point.

    Returns a ``Simulation``: ``mean`` and ``standard_error`` over trials,
    ``theory`` (the exact <L> for linear features, NaN otherwise), ``losses``
    (per-trial losses, shape ``broadcast shape + (trials,)``),
    ``rank_deficient_trials``, ``seconds``, and from each trial's training set
    alone (Docs/Theory.md section 8) ``training_error``, ``gcv`` and their
    standard errors (NaN where GCV is undefined). Trial k of every point uses the
    random stream of (seed, k).
    """
    trials = _whole("trials", trials, 1)
    seed = _whole("seed", seed, 0)
    test_samples = _whole("test_samples", test_samples, 0)
    values = dict(alpha=alpha, M=M, lambda_plus=lambda_plus, N=N, P=P, gamma=gamma, sigma_w2=sigma_w2,
                  sigma_u2=sigma_u2, noise=noise, teacher_exponent=teacher_exponent)
    batch = _Batch(values)
    if batch.count == 0:
        raise ValueError("nothing to simulate: the broadcast inputs have no points")
    flat = {k: np.broadcast_to(_as_float_array(k, v), batch.shape).reshape(-1)
            for k, v in values.items() if v is not None}
    options = _new(_c.SimulationOptions)
    options.trials, options.seed, options.test_samples = trials, seed, test_samples
    options.threads = _threads(threads)
    options.activation, options.sampler = _text("activation", activation), _text("sampler", sampler)
    mean, error, theory = (np.empty(batch.count) for _ in range(3))
    seconds, deficient = np.empty(batch.count), np.empty(batch.count, dtype=np.int64)
    extra = {k: np.empty(batch.count) for k in ("training_error", "training_error_standard_error", "gcv",
                                                 "gcv_standard_error")}
    losses = np.empty((batch.count, trials))
    for i in range(batch.count):
        point = _Batch({k: a[i] for k, a in flat.items()})
        model = _model(point, summation, spectrum_file, eigenvalues, teacher_file)
        result = _new(_c.SimulationResult)
        row = losses[i]
        _call(_lib.sl_simulate, ctypes.byref(model), ctypes.byref(options), ctypes.byref(result), _pointer(row),
              trials)
        mean[i], error[i], theory[i] = result.mean, result.standard_error, result.theory
        seconds[i], deficient[i] = result.seconds, result.rank_deficient_trials
        for k, a in extra.items():
            a[i] = getattr(result, k)
    return Simulation(mean=batch.shaped(mean), standard_error=batch.shaped(error), theory=batch.shaped(theory),
                      losses=losses.reshape(batch.shape + (trials,)),
                      rank_deficient_trials=batch.shaped(deficient), seconds=batch.shaped(seconds),
                      **{k: batch.shaped(a) for k, a in extra.items()})


def spectrum(*, N, alpha=None, M=None, lambda_plus=None, spectrum_file=None, eigenvalues=None, sigma_u2=None,
             activation="linear", samples=20000, seed=0, exact=False):
    """Eigenvalues (descending, N of them) of the N x N feature covariance for
    one draw of U (``scaling-laws spectrum``; Docs/Theory.md section 6). Scalar
    arguments only: the result is one 1-D array. ``exact=True`` uses the
    exact covariance of the draw (no sampling of x)."""
    n = _whole("N", N, 1)
    values = dict(alpha=alpha, M=M, lambda_plus=lambda_plus, sigma_u2=sigma_u2)
    for name, value in values.items():
        if value is not None and np.ndim(value) != 0:
            raise ValueError("spectrum takes scalar %s (one draw, one spectrum)" % name)
    batch = _Batch(values)
    model = _model(batch, "auto", spectrum_file, eigenvalues)
    options = _new(_c.SpectrumOptions)
    options.N, options.samples, options.seed = n, _whole("samples", samples, 2), _whole("seed", seed, 0)
    options.activation, options.exact = _text("activation", activation), 1 if exact else 0
    result = np.empty(n)
    _call(_lib.sl_feature_spectrum, ctypes.byref(model), ctypes.byref(options), _pointer(result), n)
    return result
