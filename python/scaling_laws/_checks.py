"""Argument checks shared by every public function, run before anything is
allocated or passed to the C library.

Wrong types raise TypeError, wrong values ValueError; both messages begin
with the argument's name. Sizes are checked from shapes alone (a broadcast
view of 10**12 points is refused without reading or copying it).
"""
import datetime
import numbers
import os

import numpy as np

#: The most points one call evaluates (the broadcast size of its array
#: arguments). `predict`'s outputs take about 250 bytes a point (numbers and
#: the regime and summation strings): 2.5 GB at the limit.
MAX_POINTS = 10_000_000

#: The most eigenvalues (or teacher powers) of a tabulated spectrum.
MAX_EIGENVALUES = 100_000_000

#: The most per-trial losses one `simulate` call returns (points x trials).
MAX_LOSSES = 100_000_000

_UINT64 = 2 ** 64


def _type_name(value):
    return type(value).__name__


def _refuse_kind(name, value):
    """TypeError for the values that are never numbers here: booleans,
    text, dates and times, masked arrays."""
    if isinstance(value, (bool, np.bool_)):
        raise TypeError("%s must be a number, not a boolean (%r)" % (name, value))
    if isinstance(value, (str, bytes, bytearray, memoryview)):
        raise TypeError("%s must be a number or an array of numbers, not %s %r" % (name, _type_name(value), value))
    if isinstance(value, (datetime.date, datetime.time, datetime.timedelta, np.datetime64, np.timedelta64)):
        raise TypeError("%s must be a number, not a date or time (%r)" % (name, value))
    if isinstance(value, np.ma.MaskedArray):
        raise TypeError("%s: masked arrays are not accepted (a masked point has no value); "
                        "pass .filled(...) or .compressed()" % name)
    if isinstance(value, (dict, set, frozenset)) or callable(value):
        raise TypeError("%s must be a number or an array of numbers, not %s" % (name, _type_name(value)))


def _array(name, value):
    """`value` as an ndarray without a copy where possible, its dtype checked:
    integers and floats only."""
    _refuse_kind(name, value)
    if isinstance(value, numbers.Integral) and not isinstance(value, np.integer):
        # A Python int past float range (10**400) would become an object array.
        try:
            return np.asarray(float(value))
        except OverflowError:
            raise ValueError("%s = %d is too large to be a double" % (name, value)) from None
    if isinstance(value, (list, tuple)):
        for item in value:  # one level: nested lists are checked by dtype below
            if isinstance(item, np.ma.MaskedArray) or item is np.ma.masked:
                raise TypeError("%s: masked values are not accepted" % name)
    try:
        array = np.asarray(value)
    except (TypeError, ValueError) as error:
        raise TypeError("%s must be a number or an array of numbers: %s" % (name, error)) from None
    kind = array.dtype.kind
    if kind == "b":
        raise TypeError("%s must be numbers, not booleans" % name)
    if kind in "US":
        raise TypeError("%s must be numbers, not text" % name)
    if kind in "mM":
        raise TypeError("%s must be numbers, not dates or times" % name)
    if kind == "c":
        raise TypeError("%s must be real numbers, not complex" % name)
    if kind not in "iuf":
        raise TypeError("%s must be a number or an array of numbers, got an array of %s" % (name, array.dtype))
    return array


def real_array(name, value, max_size=MAX_POINTS, ndim=None):
    """A float64 array (a 0-d array for a scalar). `ndim` given: the array
    must have exactly that many dimensions (1 for a list of values)."""
    array = _array(name, value)
    if ndim is not None and array.ndim != ndim:
        raise ValueError("%s must be %d-dimensional, got shape %s" % (name, ndim, array.shape))
    if array.size > max_size:
        raise ValueError("%s has %d values, more than the %d allowed" % (name, array.size, max_size))
    return np.asarray(array, dtype=np.float64)


def latent_dimension(value):
    """M: a number, an array, or "inf" (the infinite latent dimension)."""
    if isinstance(value, str):
        if value.strip().lower() in ("inf", "infinity"):
            return np.asarray(np.inf)
        raise ValueError("M must be a number, an array of numbers or 'inf', got %r" % (value,))
    return real_array("M", value)


def scalar(name, value, low=None, high=None, finite=True):
    """One real number."""
    array = real_array(name, value)
    if array.ndim != 0:
        raise ValueError("%s must be a single number, got shape %s" % (name, array.shape))
    number = float(array)
    if np.isnan(number) or (finite and not np.isfinite(number)):
        raise ValueError("%s must be finite, got %r" % (name, number))
    if low is not None and number < low:
        raise ValueError("%s must be >= %g, got %r" % (name, low, number))
    if high is not None and number > high:
        raise ValueError("%s must be <= %g, got %r" % (name, high, number))
    return number


def whole(name, value, low=0, high=2 ** 62):
    """A whole number in [low, high]; an integral float (3.0) is accepted."""
    _refuse_kind(name, value)
    if isinstance(value, (float, np.floating)):
        if not (np.isfinite(value) and float(value).is_integer()):
            raise ValueError("%s must be a whole number, got %r" % (name, value))
        value = int(value)
    elif isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "iu":
        value = int(value)
    elif not isinstance(value, numbers.Integral):
        raise TypeError("%s must be a whole number, not %s" % (name, _type_name(value)))
    value = int(value)
    if value < low or value > high:
        raise ValueError("%s must be a whole number in [%d, %d], got %d" % (name, low, high, value))
    return value


def seed(value):
    """A seed: a whole number in [0, 2**64), as the CLI's --seed."""
    return whole("seed", value, 0, _UINT64 - 1)


def point_seed(first, index):
    """The seed of point `index`: first + index modulo 2**64, the CLI's
    rule for sweep and compare (point k uses seed + k)."""
    return (first + index) % _UINT64


def threads(value):
    """Worker threads: 0 (one per core) or a positive count."""
    return whole("threads", value, 0, 4096)


def choice(name, value, allowed):
    """One of the strings in `allowed`."""
    if not isinstance(value, str):
        raise TypeError("%s must be a string (one of %s), not %s" % (name, ", ".join(allowed), _type_name(value)))
    if value not in allowed:
        raise ValueError("%s must be one of %s; got %r" % (name, ", ".join(allowed), value))
    return value


def flag(name, value):
    """A true/false switch: a bool only (1 or "yes" are refused)."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError("%s must be True or False, not %s" % (name, _type_name(value)))
    return bool(value)


def path(name, value):
    """A file path (str or os.PathLike) as UTF-8 bytes for the C library."""
    if value is None:
        return None
    if isinstance(value, (bytes, bytearray)) or not isinstance(value, (str, os.PathLike)):
        raise TypeError("%s must be a path (str or os.PathLike), not %s" % (name, _type_name(value)))
    text = os.fspath(value)
    if not isinstance(text, str):
        raise TypeError("%s must be a text path, not %s" % (name, _type_name(text)))
    if "\0" in text:
        raise ValueError("%s contains a NUL character" % name)
    if not text:
        raise ValueError("%s is empty" % name)
    return text.encode("utf-8")


def broadcast_shape(arrays):
    """The broadcast shape of named arrays and its point count, refused past
    MAX_POINTS from the shapes alone."""
    try:
        shape = np.broadcast_shapes(*(a.shape for a in arrays.values()))
    except ValueError:
        shapes = ", ".join("%s %s" % (k, a.shape) for k, a in arrays.items() if a.ndim)
        raise ValueError("arguments do not broadcast together: %s" % shapes) from None
    count = 1
    for length in shape:
        count *= int(length)
    if count > MAX_POINTS:
        raise ValueError("the broadcast grid %s has %d points, more than scaling_laws.MAX_POINTS = %d; "
                         "split it into several calls" % (shape, count, MAX_POINTS))
    if count == 0:
        raise ValueError("the broadcast grid %s has no points" % (shape,))
    return shape, count
