"""sl.fit: a scaling law fitted to measured runs (Docs/Fitting.md), through
sl_fit of the C interface: the same fit as `scaling-laws fit`."""
import ctypes
from collections import namedtuple

import numpy as np

from . import _library as _c
from ._library import call as _call, lib as _lib, new as _new

_NAMES = {"chinchilla": ("E", "A", "B", "alpha", "beta"),
          "model": ("alpha", "teacherExponent", "scale", "noiseFloor")}
_MAX = 5

Fit = namedtuple("Fit", "form parameters lower upper objective exponents starts forecast warnings")
Fit.__doc__ = """The result of ``fit``.

``parameters``, ``lower``, ``upper``: dicts by parameter name (chinchilla: E,
A, B, alpha, beta; model: alpha, teacherExponent, scale, noiseFloor), the best
fit and its bootstrap percentile interval (NaN without resamples).
``objective``: the Huber objective at the best fit. ``exponents``: dict
``a`` (N* ~ C^a) and ``b`` (D* ~ C^b), each (value, lower, upper).
``starts``: dict ``objective`` (one per start) and ``parameters`` (starts x
parameters): every start's optimum. ``forecast``: dict ``loss``, ``lower``,
``upper`` (arrays, one per forecast point) or None. ``warnings``: list of str.
"""


def _array(name, value, count=None):
    if isinstance(value, (str, bytes)):
        raise TypeError("%s must be an array of numbers, got %r" % (name, value))
    try:
        array = np.ascontiguousarray(np.asarray(value, dtype=np.float64).reshape(-1))
    except (TypeError, ValueError) as error:
        raise TypeError("%s must be an array of numbers: %s" % (name, error)) from None
    if count is not None and array.size != count:
        raise ValueError("%s has %d values, N has %d" % (name, array.size, count))
    return array


def _pointer(array):
    return None if array is None else array.ctypes.data_as(ctypes.POINTER(ctypes.c_double))


def fit(N, D, loss, se=None, gamma=None, *, form="chinchilla", resamples=1000, bootstrap=None, seed=0,
        confidence=0.95, huber_delta=1e-3, starts="hoffmann", M=np.inf, teacher_exponent=None,
        flops_per_token=6.0, forecast=None, threads=0):
    """Fits L(N, D) to measured runs (``scaling-laws fit``, Docs/Fitting.md).

    Parameters
    ----------
    N : array_like
        Model sizes (parameters; for the model form, features), > 0.
    D : array_like
        Training set sizes (tokens, samples), > 0, one per run.
    loss : array_like
        Measured test losses, > 0, one per run (the fit works on log L).
    se : array_like, optional
        Standard errors of the losses, same units. Default None; with them
        the default bootstrap is parametric.
    gamma : array_like, optional
        The ridge of each run (model form). Default None (0).
    form : str
        ``"chinchilla"`` (E + A/N^alpha + B/D^beta) or ``"model"`` (this
        package's theory). Default ``"chinchilla"``.
    resamples : int
        Bootstrap refits. Default 1000.
    bootstrap : str, optional
        ``"rows"`` (resample runs) or ``"parametric"`` (redraw losses from
        ``se``). Default None: parametric with ``se``, rows without.
    seed : int
        Fixes every resample. Default 0.
    confidence : float
        Coverage of the percentile intervals. Default 0.95.
    huber_delta : float
        Huber delta on log L. Default 1e-3.
    starts : str
        ``"hoffmann"`` (Hoffmann et al.'s 4500 starts) or ``"small"`` (72).
        Default ``"hoffmann"``.
    M : float
        Model form: the latent dimension, fixed. Default infinity.
    teacher_exponent : float, optional
        Model form: a fixed teacher exponent. Default None (fitted).
    flops_per_token : float
        k in C = k N D. Default 6.
    forecast : tuple, optional
        ``(N, D)`` or ``(N, D, gamma)`` arrays of points to forecast at.
        Default None.
    threads : int
        Worker threads, 0 for one per core (results do not depend on it).
        Default 0.

    Returns
    -------
    Fit
        ``parameters``, ``lower``, ``upper`` (dicts by parameter name),
        ``objective``, ``exponents``, ``starts`` (every start's optimum),
        ``forecast`` and ``warnings``.

    Raises
    ------
    ValueError
        A bad run (naming the 1-based run, as ``row N``), fewer runs than
        parameters, arrays of different lengths, an option outside its domain.
    TypeError
        An argument of the wrong type.
    """
    if not isinstance(form, str) or form not in _NAMES:
        raise (TypeError if not isinstance(form, str) else ValueError)(
            "form must be 'chinchilla' or 'model', got %r" % (form,))
    if starts not in ("hoffmann", "small"):
        raise ValueError("starts must be 'hoffmann' or 'small', got %r" % (starts,))
    n = _array("N", N)
    d, l = _array("D", D, n.size), _array("loss", loss, n.size)
    s = None if se is None else _array("se", se, n.size)
    g = None if gamma is None else _array("gamma", gamma, n.size)
    if n.size == 0:
        raise ValueError("no runs")
    if bootstrap is None:
        bootstrap = "rows" if s is None else "parametric"
    if bootstrap not in ("rows", "parametric"):
        raise ValueError("bootstrap must be 'rows' or 'parametric', got %r" % (bootstrap,))
    for name, value in (("resamples", resamples), ("seed", seed), ("threads", threads)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
            raise TypeError("%s must be a whole number, got %r" % (name, value))
        if value < 0:
            raise ValueError("%s must be >= 0, got %r" % (name, value))
    options = _new(_c.FitOptions)
    options.form = form.encode()
    options.resamples, options.parametric, options.seed = int(resamples), int(bootstrap == "parametric"), int(seed)
    options.confidence, options.huber_delta = float(confidence), float(huber_delta)
    options.small_grid = int(starts == "small")
    options.latent_dimension = float(M)
    options.teacher_exponent = np.nan if teacher_exponent is None else float(teacher_exponent)
    options.flops_per_token, options.threads = float(flops_per_token), int(threads)
    points = None
    if forecast is not None:
        if len(forecast) not in (2, 3):
            raise ValueError("forecast must be (N, D) or (N, D, gamma)")
        fn = _array("forecast N", forecast[0])
        points = [fn, _array("forecast D", forecast[1], fn.size)]
        points.append(_array("forecast gamma", forecast[2], fn.size) if len(forecast) == 3 else None)
        options.forecast_count = fn.size
        options.forecast_N, options.forecast_D, options.forecast_gamma = (_pointer(p) for p in points)
    count = len(_NAMES[form])
    value, lower, upper = (np.full(_MAX, np.nan) for _ in range(3))
    start_total = 4500 if form == "chinchilla" and starts == "hoffmann" else 100
    start_objectives = np.full(start_total, np.nan)
    start_parameters = np.full((start_total, _MAX), np.nan)
    size = points[0].size if points is not None else 0
    f_loss, f_lower, f_upper = (np.full(size, np.nan) for _ in range(3))
    warnings = ctypes.create_string_buffer(16384)
    result = _new(_c.FitResult)
    result.value, result.lower, result.upper = _pointer(value), _pointer(lower), _pointer(upper)
    result.start_capacity = start_total
    result.start_objectives, result.start_parameters = _pointer(start_objectives), _pointer(start_parameters)
    result.forecast_loss, result.forecast_lower, result.forecast_upper = _pointer(f_loss), _pointer(f_lower), _pointer(f_upper)
    result.warnings = ctypes.cast(warnings, ctypes.POINTER(ctypes.c_char))
    result.warnings_capacity = len(warnings)
    _call(_lib.sl_fit, n.size, _pointer(n), _pointer(d), _pointer(l), _pointer(s), _pointer(g),
          ctypes.byref(options), ctypes.byref(result))
    names = _NAMES[form]
    used = int(result.start_count)
    return Fit(
        form=form,
        parameters={k: float(value[j]) for j, k in enumerate(names)},
        lower={k: float(lower[j]) for j, k in enumerate(names)},
        upper={k: float(upper[j]) for j, k in enumerate(names)},
        objective=float(result.objective),
        exponents={"a": tuple(result.exponent_a), "b": tuple(result.exponent_b)},
        starts={"objective": start_objectives[:used].copy(), "parameters": start_parameters[:used, :count].copy()},
        forecast=None if points is None else {"loss": f_loss, "lower": f_lower, "upper": f_upper},
        warnings=[w for w in warnings.value.decode("utf-8", "replace").split("\n") if w],
    )
