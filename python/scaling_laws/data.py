"""Real data sets (`scaling-laws dataset` and `simulate --data`): a data
matrix and its labels analysed in the model's terms, and random-feature
ridge regression on the real rows (Docs/YourData.md)."""
import ctypes
import os
import tempfile
from collections import namedtuple

import numpy as np

from . import _checks
from . import _library as _c
from ._batch import Batch, pointer
from ._docs import documented
from ._library import call, lib
from ._progress import Progress
from .theory import ACTIVATIONS, renumbered

DataSet = namedtuple("DataSet", "spectrum teacher noise alpha alpha_standard_error beta beta_standard_error "
                                "fit_window rows dimension latent_dimension dropped trace target_variance "
                                "explained_variance noise_in_sample noise_unbiased noise_standard_error "
                                "noise_held_out")
DataSimulation = namedtuple("DataSimulation", "test_error standard_error theory test_errors training_error "
                                              "training_error_standard_error gcv gcv_standard_error seconds seed")

#: The largest data matrix passed as an array: entries (rows x columns).
MAX_DATA_VALUES = 1 << 31


def _source(name, value, ndim):
    """An array argument as a contiguous float64 array, or a path as the
    UTF-8 bytes the library reads."""
    if isinstance(value, (str, os.PathLike)):
        return None, _checks.path(name, value)
    array = _checks.real_array(name, value, MAX_DATA_VALUES, ndim=ndim)
    return np.ascontiguousarray(array), None


def _fit_window(value):
    """None (the default window) or (A, B), whole numbers 1 <= A < B, as
    the CLI's ``--fit-window A:B``."""
    if value is None:
        return 0, 0
    if isinstance(value, (str, bytes)) or not hasattr(value, "__len__"):
        raise TypeError("fit_window must be None or a pair (first, last), not %s" % type(value).__name__)
    if len(value) != 2:
        raise ValueError("fit_window must be a pair (first, last), got %d values" % len(value))
    first = _checks.whole("fit_window[0]", value[0], 1, 1 << 31)
    last = _checks.whole("fit_window[1]", value[1], 1, 1 << 31)
    if first >= last:
        raise ValueError("fit_window needs first < last, got (%d, %d)" % (first, last))
    return first, last


class _Opened:
    """An `sl_dataset` handle, released when the `with` block ends."""

    def __init__(self, data, labels, positive_classes, data_scale, cutoff, fit_window=None):
        self.keep = []
        given = _c.new(_c.DataInput)
        given.fit_first, given.fit_last = _fit_window(fit_window)
        data_array, given.data_file = _source("data", data, 2)
        labels_array, given.labels_file = _source("labels", labels, 1)
        if data_array is not None:
            if data_array.shape[0] < 2 or data_array.shape[1] < 1:
                raise ValueError("data must have at least 2 rows and 1 column, got shape %s" % (data_array.shape,))
            if labels_array is not None and labels_array.size != data_array.shape[0]:
                raise ValueError("labels has %d values; data has %d rows" % (labels_array.size, data_array.shape[0]))
            given.data, given.rows, given.columns = pointer(data_array), data_array.shape[0], data_array.shape[1]
            self.keep.append(data_array)
        if labels_array is not None:
            if data_array is None:
                # The library reads as many labels as the data file has rows: hand it a file it can count.
                self.scratch = tempfile.TemporaryDirectory(prefix="scaling-laws-labels-")
                path = os.path.join(self.scratch.name, "labels.npy")
                np.save(path, labels_array)
                given.labels_file = path.encode("utf-8")
            else:
                given.labels = pointer(labels_array)
                self.keep.append(labels_array)
        if positive_classes is not None:
            classes = np.ascontiguousarray(_checks.real_array("positive_classes", positive_classes, 1 << 20, ndim=1))
            if classes.size == 0:
                raise ValueError("positive_classes is empty")
            given.positive_classes, given.positive_class_count = pointer(classes), classes.size
            self.keep.append(classes)
        given.scale = _checks.scalar("data_scale", data_scale)
        given.cutoff = _checks.scalar("cutoff", cutoff)
        self.input = given
        self.handle = ctypes.c_void_p()

    def __enter__(self):
        call(lib.sl_dataset_open, ctypes.byref(self.input), ctypes.byref(self.handle))
        return self.handle

    def __exit__(self, *exception):
        lib.sl_dataset_free(self.handle)
        if hasattr(self, "scratch"):
            self.scratch.cleanup()
        return False


def _describe(handle):
    summary = _c.new(_c.DataSetSummary)
    call(lib.sl_dataset_describe, handle, ctypes.byref(summary))
    m = summary.latent_dimension
    spectrum, teacher = np.empty(m), np.empty(m)
    call(lib.sl_dataset_spectrum, handle, pointer(spectrum), pointer(teacher), m)
    return DataSet(spectrum=spectrum, teacher=teacher, noise=summary.residual_variance, alpha=summary.alpha,
                   alpha_standard_error=summary.alpha_standard_error, beta=summary.beta,
                   beta_standard_error=summary.beta_standard_error, fit_window=(summary.fit_first, summary.fit_last),
                   rows=summary.rows, dimension=summary.columns, latent_dimension=m, dropped=summary.dropped,
                   trace=summary.trace, target_variance=summary.target_variance,
                   explained_variance=summary.explained_variance, noise_in_sample=summary.noise_in_sample,
                   noise_unbiased=summary.noise_unbiased, noise_standard_error=summary.noise_standard_error,
                   noise_held_out=summary.noise_held_out)


_DATA_PARAMETERS = """\
data : array_like (2-D) or str or os.PathLike
    The data matrix X, one sample per row (n x d, n >= 2): an array, or a
    file (.npy 2-D, CSV or IDX, gzipped or not), as ``scaling-laws --data``
    reads. Required.
labels : array_like (1-D) or str or os.PathLike
    One real label per row, in the same order: an array, or a file (.npy
    1-D, one-column CSV or IDX). Required.
positive_classes : array_like, optional
    Class labels that map to the target +1; every other label maps to -1.
    Default None: the labels are the target.
data_scale : float, optional
    Every entry of X is multiplied by it (> 0), e.g. 1/255 for 8-bit
    pixels. Default 1.
cutoff : float, optional
    Covariance eigenvalues at or below cutoff x the largest are dropped,
    in [0, 1); the rest are the spectrum, and their number is M.
    Default 1e-10."""


def _fill(function):
    function.__doc__ = function.__doc__.replace("    {data}", "\n".join(
        "    " + line if line else line for line in _DATA_PARAMETERS.splitlines()))
    return function


@_fill
def dataset(data, labels, *, positive_classes=None, data_scale=1.0, cutoff=1e-10, fit_window=None):
    """A real data set in the model's terms (``scaling-laws dataset``).

    The rows are centred and the label regressed on them: the covariance
    C = X^T X / n has eigenvalues lambda_I (the spectrum) and eigenvectors
    v_I; the best linear teacher w = C^+ X^T y / n has power
    omega_I = (v_I . w)^2 per direction (the teacher), and the label
    variance it leaves, |y - X w|^2 / (n - M - 1) (unbiased: M directions
    and the mean are fitted), is the noise sigma_eps^2.
    ``predict(eigenvalues=d.spectrum, teacher_power=d.teacher,
    sigma_w2=1, noise=d.noise, N=..., P=...)`` is then the theory for this
    data set, and `simulate_data` measures it (Docs/YourData.md).

    Parameters
    ----------
    {data}
    fit_window : tuple of two int, optional
        The 1-based eigen-indices (first, last), 1 <= first < last <= M, over
        which ``alpha`` and ``beta`` are fitted, as ``scaling-laws dataset
        --fit-window first:last``. Default None: 10 to M/2 (all of them for
        M < 40).

    Returns
    -------
    DataSet
        A named tuple: ``spectrum`` (the M eigenvalues, largest first, in
        units of X^2), ``teacher`` (omega_I aligned with them, units of
        y^2/X^2), ``noise`` (sigma_eps^2, units of y^2), ``alpha`` and
        ``alpha_standard_error`` (lambda_I ~ I^-(1+alpha) over the window),
        ``beta`` and ``beta_standard_error`` (omega_I ~ I^-beta),
        ``fit_window`` (the 1-based eigen-indices fitted), ``rows`` (n), ``dimension`` (d),
        ``latent_dimension`` (M), ``dropped`` (d - M), ``trace`` (sum of the
        spectrum), ``target_variance`` (of the centred labels) and
        ``explained_variance`` (sum_I lambda_I omega_I, the label variance
        the linear teacher explains; with ``noise`` (n - M - 1) / n, the
        in-sample residual, it adds up to ``target_variance``); the
        estimates of sigma_eps^2 of ``scaling-laws dataset``'s dataset.json
        (Docs/YourData.md section 2): ``noise_in_sample`` (sum eps^2 / n on
        the fitted rows, biased low), ``noise_unbiased`` (sum eps^2 /
        (n - M - 1), equal to ``noise``), ``noise_standard_error`` (its
        standard error; inf when n <= M + 1) and ``noise_held_out`` (the
        10-fold held-out residual variance; NaN when a fold leaves too few
        rows).

    Raises
    ------
    TypeError, ValueError
        A wrong type or value (the message names the argument), an
        unreadable or malformed file, a label count that is not the row
        count, a constant target.
    """
    opened = _Opened(data, labels, positive_classes, data_scale, cutoff, fit_window)
    with opened as handle:
        return _describe(handle)


@_fill
@documented
def simulate_data(data, labels, *, N, P, gamma=None, sigma_u2=None, positive_classes=None, data_scale=1.0,
                  cutoff=1e-10, trials=32, seed=0, activation="linear", test_rows=None, threads=0, progress=True):
    """Random-feature ridge regression on the rows of a real data set (``scaling-laws simulate --data``).

    Trial j of a point draws the feature weights U (u_iI ~ N(0,
    sigma_u^2/M)), P training rows and `test_rows` held-out rows from the
    random stream of (seed, j), fits the ridge estimator on the real labels
    and measures the test error 1/2 (z - y)^2 on the held-out ones. N, P,
    gamma and sigma_u2 broadcast; as in `simulate`, point k (C order) uses
    seed + k. The data set is read and analysed once per call. Next to the
    measurement, ``theory`` is the theory's test error from the data set's
    own spectrum, teacher and noise (`dataset`).

    Parameters
    ----------
    {data}
    N : int or array_like
        Number of random features N >= 1, whole (required).
    P : int or array_like
        Training rows P >= 1, whole, below the number of rows (required).
    gamma : float or array_like, optional
        Ridge gamma >= 0 on the unnormalized squared loss, as in `predict`.
        Default 0.
    sigma_u2 : float or array_like, optional
        Feature-weight variance sigma_u^2 > 0. Default 1.
    trials : int, optional
        Trials per point, >= 2. Default 32.
    seed : int, optional
        Seed of the first point, 0 <= seed < 2**64; point k uses seed + k.
        Default 0.
    activation : {"linear", "relu", "tanh", "erf", "quadratic"}, optional
        The feature map. Default "linear" (the only one with a theory).
    test_rows : int, optional
        Held-out rows per trial, >= 1 with P + test_rows <= rows. Default
        None: the rest of the rows, at most 10000.
    {run}

    Returns
    -------
    DataSimulation
        A named tuple; every field but ``test_errors`` has the broadcast
        shape: ``test_error`` and ``standard_error`` (mean over trials of
        the held-out test error, units of y^2), ``theory`` (the theory's
        test error; NaN for nonlinear activations), ``test_errors`` (every
        trial's, shape ``broadcast shape + (trials,)``), ``training_error``
        and ``training_error_standard_error``, ``gcv`` and
        ``gcv_standard_error`` (the GCV estimate of the test error from each
        training set), ``seconds`` and ``seed`` (of each point).

    Raises
    ------
    TypeError, ValueError
        As `dataset` and `simulate`.
    KeyboardInterrupt
        Ctrl-C, honoured between points.
    """
    trials = _checks.whole("trials", trials, 2, 1 << 31)
    first_seed, threads = _checks.seed(seed), _checks.threads(threads)
    rows = 0 if test_rows is None else _checks.whole("test_rows", test_rows, 1, 1 << 40)
    _checks.choice("activation", activation, ACTIVATIONS)
    progress = _checks.flag("progress", progress)
    batch = Batch(dict(N=N, P=P, gamma=gamma, sigma_u2=sigma_u2))
    if batch.count * trials > _checks.MAX_LOSSES:
        raise ValueError("trials: %d points x %d trials is more than scaling_laws.MAX_LOSSES = %d"
                         % (batch.count, trials, _checks.MAX_LOSSES))
    options = _c.new(_c.SimulationOptions)
    options.trials, options.threads = trials, threads
    options.activation = activation.encode()
    fields = ("test_error", "test_error_standard_error", "theory_test_error", "seconds", "training_error",
              "training_error_standard_error", "gcv", "gcv_standard_error")
    out = {name: np.empty(batch.count) for name in fields}
    seeds = np.array([_checks.point_seed(first_seed, k) for k in range(batch.count)], dtype=np.uint64)
    errors = np.empty((batch.count, trials))
    opened = _Opened(data, labels, positive_classes, data_scale, cutoff)
    with opened as handle:
        counter = Progress("simulate_data (points)", batch.count, enabled=progress)
        for k in range(batch.count):
            keep = []
            model = _c.new(_c.Model)
            for name, column in batch.columns(k, k + 1, keep).items():
                setattr(model, name, column)
            options.seed = int(seeds[k])
            result = _c.new(_c.DataSimulationResult)
            try:
                call(lib.sl_simulate_data, handle, ctypes.byref(model), ctypes.byref(options), rows,
                     ctypes.byref(result), pointer(errors[k]), trials)
            except ValueError as error:
                raise (renumbered(ValueError("point 0: %s" % error), k) if batch.count > 1 else error) from None
            for name in fields:
                out[name][k] = getattr(result, name)
            counter.advance()
    shaped = {name: batch.shaped(array) for name, array in out.items()}
    return DataSimulation(standard_error=shaped.pop("test_error_standard_error"), theory=shaped.pop("theory_test_error"),
                          test_errors=errors.reshape(batch.shape + (trials,)), seed=batch.shaped(seeds), **shaped)
