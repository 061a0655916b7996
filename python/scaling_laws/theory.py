"""The theory: predictions of <L> and what is derived from it
(`scaling-laws predict`, `exponents`, `optimal-ridge`, `compute-optimal`),
broadcast over array arguments as in NumPy."""
import ctypes
import re
from collections import namedtuple

import numpy as np

from . import _checks
from . import _library as _c
from ._batch import Batch, pointer
from ._docs import documented
from ._library import call, lib
from ._model import Model

Prediction = namedtuple("Prediction", "loss test_error relative_loss delta df1 df2 regime zero_predictor_loss "
                                      "summation standard_error training_error time")
Exponents = namedtuple("Exponents", "feature_exponent sample_exponent ridge_exponent loss relative_loss")
OptimalRidge = namedtuple("OptimalRidge", "gamma optimum loss relative_loss ridgeless_loss")
ComputeOptimal = namedtuple("ComputeOptimal", "N P ratio gamma optimum loss relative_loss")

REGIMES = np.array(["underparameterized", "overparameterized", "interpolation-threshold", "beyond-latent-dimension"])
SUMMATION_NAMES = np.array(["auto", "exact", "euler-maclaurin", ""])  # index -1: none (gradient flow at finite t)
OPTIMA = np.array(["interior", "zero-ridge", "infinite-ridge", "fixed"])  # index -1: a fixed ridge
ACTIVATIONS = ("linear", "relu", "tanh", "erf", "quadratic")


class Outputs:
    """Full-size output arrays, and an output struct pointing at one chunk of them."""

    def __init__(self, struct_type, count, doubles=(), ints=()):
        self.struct_type = struct_type
        self.arrays = {name: np.empty(count) for name in doubles}
        self.arrays.update({name: np.empty(count, dtype=np.int32) for name in ints})

    def struct(self, start):
        out = _c.new(self.struct_type)
        for name, array in self.arrays.items():
            ctype = ctypes.c_int32 if array.dtype == np.int32 else ctypes.c_double
            setattr(out, name, pointer(array[start:], ctype))
        return out


def run_batch(label, batch, model, outputs, function, extra=None, chunk=None, progress=True):
    """Calls `function(model, count, out, *extra(start, stop, keep))` chunk by
    chunk; a failing point is reported by its index in the whole batch."""
    for start, stop in batch.chunks(label, **({"size": chunk} if chunk else {}), progress=progress):
        keep = []
        struct = model.struct(batch, start, stop, keep)
        out = outputs.struct(start)
        arguments = extra(start, stop, keep) if extra else ()
        try:
            call(function, ctypes.byref(struct), stop - start, ctypes.byref(out), *arguments)
        except ValueError as error:
            raise renumbered(error, start) from None


def renumbered(error, start):
    """The library numbers points from 0 in each chunk: "point 3: ..." of
    the chunk starting at `start` is point start + 3 of the call."""
    found = re.match(r"point (\d+): ", str(error))
    if not found or start == 0:
        return error
    return ValueError("point %d: %s" % (start + int(found.group(1)), str(error)[found.end():]))


def _prepared(threads, progress, summation, spectrum_file, eigenvalues, teacher_file, teacher_power, values):
    """The checked threads and progress, the model and the broadcast batch of one call."""
    return (_checks.threads(threads), _checks.flag("progress", progress),
            Model(summation, spectrum_file, eigenvalues, teacher_file, teacher_power), Batch(values))


def _model_arguments(alpha, M, lambda_plus, N, P, gamma, sigma_w2, sigma_u2, noise, teacher_exponent):
    return dict(alpha=alpha, M=M, lambda_plus=lambda_plus, N=N, P=P, gamma=gamma, sigma_w2=sigma_w2,
                sigma_u2=sigma_u2, noise=noise, teacher_exponent=teacher_exponent)


@documented
def predict(*, N, P, alpha=None, M=None, lambda_plus=None, summation="auto", spectrum_file=None, eigenvalues=None,
            gamma=None, sigma_w2=None, sigma_u2=None, noise=None, teacher_exponent=None, teacher_file=None,
            teacher_power=None, time=None, activation="linear", draws=12, seed=0, threads=0, progress=True):
    """Theory predictions of the test loss <L>, broadcast over every array argument.

    Linear features (the default) get the exact theory of Docs/Theory.md
    section 3; a nonlinear `activation` gets the semi-analytic theory of
    section 6, averaged over draws of the feature weights U. Every numeric argument may be an array; arrays
    broadcast against each other as in NumPy, and every returned field has
    the broadcast shape (a NumPy scalar when all inputs are scalars).

    Parameters
    ----------
    {configuration}
    {spectrum}
    {teacher}
    time : float or array_like, optional
        Training time t >= 0 of gradient flow d theta/dt = -(1/P) grad of the
        ridge objective from theta = 0 (Docs/Theory.md section
        10), in units where the learning rate is 1; ``np.inf``
        is the converged ridge fit. Broadcasts like the others. Linear
        features and finite M only. Default None: the ridge fit itself.
    activation : {"linear", "relu", "tanh", "erf", "quadratic"}, optional
        The feature map z = activation(U x). Default "linear" (the exact
        theory). Nonlinear activations need whole N and finite M.
    draws : int, optional
        Nonlinear activations: draws of U averaged, >= 1. Default 12.
    seed : int, optional
        Nonlinear activations: draw k uses the random stream of (seed, k),
        0 <= seed < 2**64. Default 0.
    {run}

    Returns
    -------
    Prediction
        A named tuple of arrays of the broadcast shape:

        - ``loss``: <L> = 1/2 E[(z(x) - w.x)^2] against the clean teacher;
          +inf at the ridgeless interpolation peak.
        - ``test_error``: <L> + sigma_eps^2/2, the error on noisy test labels.
        - ``relative_loss``: <L>/L0.
        - ``delta``, ``df1``, ``df2``: Delta and the degrees of freedom.
        - ``regime``: "underparameterized", "overparameterized",
          "interpolation-threshold" or "beyond-latent-dimension".
        - ``zero_predictor_loss``: L0 = (sigma_w^2/2M) sum lambda_I.
        - ``summation``: "exact" or "euler-maclaurin", as used.
        - ``standard_error``: over the draws of U (NaN for linear features,
          whose theory is exact).
        - ``training_error``: E_train = (1 - df1/P)^2 (<L> + sigma_eps^2/2).
        - ``time``: the gradient-flow time t (NaN without `time`).

        With `time`, at finite t: ``loss``, ``test_error``,
        ``relative_loss``, ``zero_predictor_loss`` and ``regime``;
        ``delta``, ``df1``, ``df2``, ``training_error`` are NaN (they belong
        to the converged fit) and ``summation`` is "". At t = inf every
        field equals the ridge fit's.

        Nonlinear activations fill ``loss``, ``test_error``,
        ``relative_loss``, ``standard_error`` and ``regime``; the other
        numbers are NaN and ``summation`` is "".

    Raises
    ------
    TypeError
        An argument of the wrong type (a boolean, text, a date, a masked or
        object array).
    ValueError
        A value outside its domain (the message names the argument and, for
        arrays, the 0-based index of the first bad point), shapes that do
        not broadcast, or more than ``scaling_laws.MAX_POINTS`` points.
    """
    _checks.choice("activation", activation, ACTIVATIONS)
    draws, seed, threads = _checks.whole("draws", draws, 1, 1 << 20), _checks.seed(seed), _checks.threads(threads)
    progress = _checks.flag("progress", progress)
    model = Model(summation, spectrum_file, eigenvalues, teacher_file, teacher_power)
    values = _model_arguments(alpha, M, lambda_plus, N, P, gamma, sigma_w2, sigma_u2, noise, teacher_exponent)
    values["time"] = time
    batch = Batch(values)
    if activation != "linear":
        if time is not None:
            raise ValueError("time (gradient flow) applies to linear features only, not activation=%r" % activation)
        return _predict_nonlinear(batch, model, activation, draws, seed, threads, progress)
    outputs = Outputs(_c.Predictions, batch.count,
                      doubles=("loss", "test_error", "relative_loss", "delta", "df1", "df2", "zero_predictor_loss",
                               "training_error"),
                      ints=("regime", "summation"))
    # A time column makes sl_predict evaluate gradient flow at that time.
    run_batch("predict", batch, model, outputs, lambda m, n, out: lib.sl_predict(m, n, out, threads),
              progress=progress)
    time_values = None if time is None else np.broadcast_to(batch.arrays["time"], batch.shape).reshape(-1)
    return _prediction(batch, outputs.arrays, time=time_values)


def _prediction(batch, arrays, standard_error=None, summation=None, time=None):
    a = arrays
    missing = np.full(batch.count, np.nan)
    return Prediction(
        loss=batch.shaped(a["loss"]), test_error=batch.shaped(a["test_error"]),
        relative_loss=batch.shaped(a["relative_loss"]),
        delta=batch.shaped(a.get("delta", missing)), df1=batch.shaped(a.get("df1", missing)),
        df2=batch.shaped(a.get("df2", missing)), regime=batch.shaped(REGIMES[a["regime"]]),
        zero_predictor_loss=batch.shaped(a.get("zero_predictor_loss", missing)),
        summation=batch.shaped(SUMMATION_NAMES[a["summation"]] if summation is None else summation),
        standard_error=batch.shaped(missing if standard_error is None else standard_error),
        training_error=batch.shaped(a.get("training_error", missing)),
        time=batch.shaped(missing if time is None else time))


def _predict_nonlinear(batch, model, activation, draws, seed, threads, progress):
    options = _c.new(_c.NonlinearOptions)
    options.activation = activation.encode()
    options.draws, options.seed, options.threads = draws, seed, threads
    outputs = Outputs(_c.NonlinearPredictions, batch.count, doubles=("loss", "standard_error", "relative_loss"),
                      ints=("regime",))
    # One point per call: each is N x N eigendecompositions, so Ctrl-C and progress act between points.
    run_batch("predict (%s)" % activation, batch, model, outputs,
              lambda m, n, out: lib.sl_predict_nonlinear(m, n, ctypes.byref(options), out), chunk=1,
              progress=progress)
    # sl_nonlinear_predictions has no test error: <L> + sigma_eps^2/2, as the CLI's output model adds it.
    noise = np.broadcast_to(batch.arrays["noise"], batch.shape).reshape(-1) if "noise" in batch.arrays else 0.0
    outputs.arrays["test_error"] = outputs.arrays["loss"] + noise / 2
    return _prediction(batch, outputs.arrays, standard_error=outputs.arrays["standard_error"],
                       summation=np.full(batch.count, ""))


@documented
def exponents(*, N, P, alpha=None, M=None, lambda_plus=None, summation="auto", spectrum_file=None, eigenvalues=None,
              gamma=None, sigma_w2=None, sigma_u2=None, noise=None, teacher_exponent=None, teacher_file=None,
              teacher_power=None, threads=0, progress=True):
    """Local scaling exponents d ln<L> / d ln(N, P, gamma) (``scaling-laws exponents``), broadcast.

    Computed from the implicit solution (no finite differences).

    Parameters
    ----------
    {configuration}
    {spectrum}
    {teacher}
    {run}

    Returns
    -------
    Exponents
        A named tuple of arrays of the broadcast shape: ``feature_exponent``
        (d ln<L>/d ln N), ``sample_exponent`` (d ln<L>/d ln P),
        ``ridge_exponent`` (d ln<L>/d ln gamma, 0 at gamma = 0), each NaN
        where <L> is 0 or +inf; ``loss`` (<L>) and ``relative_loss``
        (<L>/L0).

    {raises}
    """
    threads, progress, model, batch = _prepared(
        threads, progress, summation, spectrum_file, eigenvalues, teacher_file, teacher_power,
        _model_arguments(alpha, M, lambda_plus, N, P, gamma, sigma_w2, sigma_u2, noise, teacher_exponent))
    outputs = Outputs(_c.ExponentsOut, batch.count, doubles=Exponents._fields)
    run_batch("exponents", batch, model, outputs, lambda m, n, out: lib.sl_exponents(m, n, out, threads),
              progress=progress)
    return Exponents(**{k: batch.shaped(a) for k, a in outputs.arrays.items()})


@documented
def optimal_ridge(*, N, P, alpha=None, M=None, lambda_plus=None, summation="auto", spectrum_file=None,
                  eigenvalues=None, sigma_w2=None, sigma_u2=None, noise=None, teacher_exponent=None,
                  teacher_file=None, teacher_power=None, threads=0, progress=True):
    """The ridge gamma* minimizing <L> (``scaling-laws optimal-ridge``), broadcast.

    Parameters
    ----------
    N : float or array_like
        Number of random features N >= 1 (required).
    P : float or array_like
        Number of training samples P >= 1 (required).
    sigma_w2 : float or array_like, optional
        Teacher variance sigma_w^2 > 0: w_I ~ N(0, sigma_w^2/M). Default 1.
    sigma_u2 : float or array_like, optional
        Feature-weight variance sigma_u^2 > 0. Default 1.
    noise : float or array_like, optional
        Label-noise variance sigma_eps^2 >= 0, in units of y^2. Default 0.
    {spectrum}
    {teacher}
    {run}

    Returns
    -------
    OptimalRidge
        A named tuple of arrays of the broadcast shape: ``gamma`` (gamma*,
        on the unnormalized loss as in `predict`; 0 or inf at a boundary
        optimum), ``optimum`` ("interior", "zero-ridge" or
        "infinite-ridge"), ``loss`` (<L> at gamma*), ``relative_loss`` and
        ``ridgeless_loss`` (<L> at gamma = 0).

    {raises}
    """
    threads, progress, model, batch = _prepared(
        threads, progress, summation, spectrum_file, eigenvalues, teacher_file, teacher_power,
        _model_arguments(alpha, M, lambda_plus, N, P, None, sigma_w2, sigma_u2, noise, teacher_exponent))
    outputs = Outputs(_c.OptimalRidgeOut, batch.count, doubles=("gamma", "loss", "relative_loss", "ridgeless_loss"),
                      ints=("optimum",))
    run_batch("optimal_ridge", batch, model, outputs, lambda m, n, out: lib.sl_optimal_ridge(m, n, out, threads),
              progress=progress)
    a = outputs.arrays
    return OptimalRidge(optimum=batch.shaped(OPTIMA[a.pop("optimum")]), **{k: batch.shaped(v) for k, v in a.items()})


@documented
def compute_optimal(*, C, alpha=None, M=None, lambda_plus=None, summation="auto", spectrum_file=None,
                    eigenvalues=None, ridge="optimal", gamma=None, sigma_w2=None, sigma_u2=None, noise=None,
                    teacher_exponent=None, teacher_file=None, teacher_power=None, threads=0, progress=True):
    """The split of compute C = N P minimizing <L> (``scaling-laws compute-optimal``), broadcast.

    Without label noise the loss is symmetric under N <-> P; the N <= P
    member of each mirror pair is reported.

    Parameters
    ----------
    C : float or array_like
        Compute C = N P >= 1, in feature-sample products (required).
    ridge : {"optimal", "fixed"}, optional
        "optimal" (default) uses gamma*(N, P) at every split; "fixed" keeps
        `gamma`.
    gamma : float or array_like, optional
        With ``ridge="fixed"``: the ridge gamma >= 0 on the unnormalized
        loss, as in `predict`. Default 0.
    sigma_w2 : float or array_like, optional
        Teacher variance sigma_w^2 > 0. Default 1.
    sigma_u2 : float or array_like, optional
        Feature-weight variance sigma_u^2 > 0. Default 1.
    noise : float or array_like, optional
        Label-noise variance sigma_eps^2 >= 0. Default 0.
    {spectrum}
    {teacher}
    {run}

    Returns
    -------
    ComputeOptimal
        A named tuple of arrays of the broadcast shape: ``N``, ``P`` (the
        optimal split, N P = C), ``ratio`` (N/P), ``gamma`` (the ridge
        used), ``optimum`` ("interior", "zero-ridge", "infinite-ridge", or
        "fixed" at a fixed ridge), ``loss`` (<L>) and ``relative_loss``.

    {raises}
    """
    optimize = _checks.choice("ridge", ridge, ("optimal", "fixed")) == "optimal"
    values = _model_arguments(alpha, M, lambda_plus, None, None, gamma, sigma_w2, sigma_u2, noise, teacher_exponent)
    values["C"] = C
    threads, progress, model, batch = _prepared(threads, progress, summation, spectrum_file, eigenvalues,
                                                teacher_file, teacher_power, values)
    outputs = Outputs(_c.ComputeOptimalOut, batch.count, doubles=("N", "P", "gamma", "loss", "relative_loss"),
                      ints=("optimum",))

    def compute(start, stop, keep):
        values = batch.flat("C", start, stop)
        keep.append(values)
        return (_c.Column(pointer(values), values.size),)

    def function(m, n, out, column):
        return lib.sl_compute_optimal(m, column, n, 1 if optimize else 0, out, threads)

    run_batch("compute_optimal", batch, model, outputs, function, compute, progress=progress)
    a = outputs.arrays
    return ComputeOptimal(ratio=batch.shaped(a["N"] / a["P"]), optimum=batch.shaped(OPTIMA[a.pop("optimum")]),
                          **{k: batch.shaped(v) for k, v in a.items()})
