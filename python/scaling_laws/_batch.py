"""Broadcast array arguments, cut into chunks of points for the C library.

A `Batch` holds the checked arguments of one call and their broadcast
shape. Each chunk of `chunk` consecutive points (C order) becomes a set of
`sl_column`s: length 1 for a scalar argument (broadcast by the library),
else the chunk's slice of the broadcast argument, so no argument is ever
expanded to the full grid. Outputs are written chunk by chunk into arrays
of the full size; between chunks Python handles Ctrl-C and shows progress.
"""
import ctypes
import time

import numpy as np

from . import _checks
from . import _library as _c
from ._progress import Progress

#: The most points per call into the library. Chunks start at FIRST_CHUNK
#: points and grow or shrink so that each takes about CHUNK_SECONDS: enough
#: work to keep every core busy, little enough that Ctrl-C is honoured soon.
CHUNK = 1 << 16
FIRST_CHUNK = 64
CHUNK_SECONDS = 0.5


def pointer(array, ctype=ctypes.c_double):
    return array.ctypes.data_as(ctypes.POINTER(ctype))


class Batch:
    """Checked, broadcast numeric arguments (None: not given)."""

    def __init__(self, values):
        self.arrays = {}
        for name, value in values.items():
            if value is None:
                continue
            self.arrays[name] = _checks.latent_dimension(value) if name == "M" else _checks.real_array(name, value)
        self.shape, self.count = _checks.broadcast_shape(self.arrays)

    def flat(self, name, start, stop):
        """Points start..<stop of argument `name` as a contiguous float64 array
        (length 1 when the argument is a scalar)."""
        array = self.arrays[name]
        if array.size == 1:
            return np.ascontiguousarray(array.reshape(1))
        return np.ascontiguousarray(np.broadcast_to(array, self.shape).flat[start:stop])

    def columns(self, start, stop, keep):
        """The sl_columns of points start..<stop; the arrays they point into
        are appended to `keep` (alive until the call returns)."""
        columns = {}
        for name in self.arrays:
            values = self.flat(name, start, stop)
            keep.append(values)
            columns[name] = _c.Column(pointer(values), values.size)
        return columns

    def value(self, name, index):
        """Argument `name` at flat point `index` (a float)."""
        array = self.arrays[name]
        return float(array.reshape(-1)[0] if array.size == 1 else np.broadcast_to(array, self.shape).flat[index])

    def shaped(self, array):
        """A flat output in the broadcast shape (a NumPy scalar for 0-d)."""
        array = array.reshape(self.shape)
        return array[()] if array.ndim == 0 else array

    def chunks(self, label, size=None, progress=True):
        """(start, stop) of each chunk, advancing a progress line on stderr.
        `size` fixes the chunk size; None adapts it to the time per point."""
        counter = Progress(label, self.count, enabled=progress)
        start, step = 0, size or FIRST_CHUNK
        while start < self.count:
            stop = min(start + step, self.count)
            began = time.monotonic()
            yield start, stop
            counter.advance(stop - start)
            if size is None:
                seconds = max(time.monotonic() - began, 1e-6)
                step = int(min(CHUNK, max(1, (stop - start) * CHUNK_SECONDS / seconds, step // 4), step * 4))
            start = stop
