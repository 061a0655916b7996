"""The `sl_model` of one call: the spectrum and teacher arguments, checked
once, and the numeric columns of each chunk of points."""
import numpy as np

from . import _checks
from . import _library as _c
from ._batch import Batch, pointer

SUMMATIONS = {"auto": 0, "exact": 1, "euler-maclaurin": 2}

#: Numeric arguments that are sl_model columns, in the CLI's flag order.
COLUMNS = ("alpha", "lambda_plus", "M", "N", "P", "gamma", "sigma_w2", "sigma_u2", "noise", "teacher_exponent", "time")


class Model:
    """Spectrum and teacher arguments shared by every point of a call."""

    def __init__(self, summation="auto", spectrum_file=None, eigenvalues=None, teacher_file=None,
                 teacher_power=None):
        self.summation = SUMMATIONS[_checks.choice("summation", summation, tuple(SUMMATIONS))]
        self.spectrum_file = _checks.path("spectrum_file", spectrum_file)
        self.teacher_file = _checks.path("teacher_file", teacher_file)
        self.eigenvalues = None
        if eigenvalues is not None:
            self.eigenvalues = np.ascontiguousarray(
                _checks.real_array("eigenvalues", eigenvalues, _checks.MAX_EIGENVALUES, ndim=1))
        for name, given in (("teacher_file", teacher_file), ("teacher_power", teacher_power)):
            if given is not None and spectrum_file is None and eigenvalues is None:
                raise ValueError("%s needs spectrum_file or eigenvalues (its entries follow their order)" % name)
        self.teacher_power = None
        if teacher_power is not None:
            self.teacher_power = np.ascontiguousarray(
                _checks.real_array("teacher_power", teacher_power, _checks.MAX_EIGENVALUES, ndim=1))

    def struct(self, batch: Batch, start, stop, keep):
        """The sl_model of points start..<stop of `batch`."""
        model = _c.new(_c.Model)
        for name, column in batch.columns(start, stop, keep).items():
            if name in COLUMNS:
                setattr(model, name, column)
        model.summation = self.summation
        model.spectrum_file = self.spectrum_file
        model.teacher_file = self.teacher_file
        if self.eigenvalues is not None:
            model.eigenvalues = pointer(self.eigenvalues)
            model.eigenvalue_count = self.eigenvalues.size
        if self.teacher_power is not None:
            model.teacher_power = pointer(self.teacher_power)
            model.teacher_power_count = self.teacher_power.size
        return model
