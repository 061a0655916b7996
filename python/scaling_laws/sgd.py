"""One-pass minibatch SGD (Docs/Theory.md section 12; `scaling-laws predict
--optimizer sgd`, `simulate --optimizer sgd`): from theta = 0, each step draws
B fresh samples and updates theta <- theta - (eta / B) sum_b z_b (z_b . theta
- y_b); after R steps the model has seen B R samples once each, so there is
no P and no ridge."""
import ctypes
from collections import namedtuple

import numpy as np

from . import _checks
from . import _library as _c
from ._batch import Batch, pointer
from ._docs import documented
from ._library import call, lib
from ._model import Model
from .theory import Outputs, renumbered

SGDPrediction = namedtuple("SGDPrediction", "loss relative_loss samples_seen largest_stable_learning_rate "
                                            "representable_loss")
SGDSimulation = namedtuple("SGDSimulation", "steps mean standard_error theory samples_seen")

_SCHEDULE = ("batch_size", "learning_rate", "steps")


_SGD_PARAMETERS = """    N : float or array_like
        Number of random features N >= 1 (required).
    learning_rate : float or array_like
        eta > 0 of the SGD update (module docstring), on the features as they are
        (u_iI ~ N(0, sigma_u^2/M)) (required; simulate_sgd: one number).
    steps : int or array_like
        R, whole numbers >= 0 (required; simulate_sgd: the 1-D list recorded).
    batch_size : int or array_like, optional
        B, whole numbers >= 1 (simulate_sgd: one number). Default 1.
    {variances}
    {spectrum}
    {teacher}
"""


def _sgd_documented(function):
    """`documented`, after filling in the parameters both functions share."""
    function.__doc__ = function.__doc__.replace("    {sgd}\n", _SGD_PARAMETERS)
    return documented(function)


@_sgd_documented
def predict_sgd(*, N, learning_rate, steps, batch_size=1, alpha=None, M=None, lambda_plus=None, summation="auto",
                spectrum_file=None, eigenvalues=None, sigma_w2=None, sigma_u2=None, noise=None,
                teacher_exponent=None, teacher_file=None, teacher_power=None, threads=0, progress=True):
    """The theory's <L> after `steps` steps of one-pass minibatch SGD,
    broadcast over every array argument as in NumPy.

    Parameters
    ----------
    {sgd}
    {run}

    Returns
    -------
    SGDPrediction
        Arrays of the broadcast shape: ``loss`` (<L>(R) against the clean
        teacher), ``relative_loss`` (<L>/L0), ``samples_seen`` (B R),
        ``largest_stable_learning_rate`` (the stability edge) and
        ``representable_loss`` (L*, the limit R -> inf, eta -> 0).

    Raises
    ------
    TypeError
        An argument of the wrong type.
    ValueError
        A value outside its domain, shapes that do not broadcast, or a
        learning rate at or past the stability edge (the message names it).
    """
    threads, progress = _checks.threads(threads), _checks.flag("progress", progress)
    model = Model(summation, spectrum_file, eigenvalues, teacher_file, teacher_power)
    values = dict(alpha=alpha, M=M, lambda_plus=lambda_plus, N=N, sigma_w2=sigma_w2, sigma_u2=sigma_u2, noise=noise,
                  teacher_exponent=teacher_exponent, batch_size=batch_size, learning_rate=learning_rate, steps=steps)
    batch = Batch(values)
    outputs = Outputs(_c.SGDPredictions, batch.count, doubles=SGDPrediction._fields)
    for start, stop in batch.chunks("predict_sgd", progress=progress):
        keep = []
        struct = model.struct(batch, start, stop, keep)
        schedule = _c.new(_c.SGDSchedule)
        columns = batch.columns(start, stop, keep)
        for name in _SCHEDULE:
            setattr(schedule, name, columns[name])
        out = outputs.struct(start)
        try:
            call(lib.sl_predict_sgd, ctypes.byref(struct), ctypes.byref(schedule), stop - start, ctypes.byref(out),
                 threads)
        except ValueError as error:
            raise renumbered(error, start) from None
    return SGDPrediction(**{name: batch.shaped(outputs.arrays[name]) for name in SGDPrediction._fields})


@_sgd_documented
def simulate_sgd(*, N, learning_rate, steps, batch_size=1, alpha=None, M=None, lambda_plus=None, summation="auto",
                 spectrum_file=None, eigenvalues=None, sigma_w2=None, sigma_u2=None, noise=None,
                 teacher_exponent=None, teacher_file=None, teacher_power=None, trials=32, seed=0, threads=0,
                 sampler="auto"):
    """Direct one-pass SGD Monte Carlo of one configuration (scalar model
    arguments), recorded at each step count of `steps`.

    Each trial draws a fresh teacher w, feature weights U and sample stream;
    trial k uses the random stream of (seed, k), so the result does not
    depend on `threads`. `sampler`: "direct" draws x in the latent space and
    z = U x, "conditional" draws (z, y) from their law given U and w, "auto"
    the cheaper.

    Parameters
    ----------
    {sgd}
    trials : int, optional
        Independent trials, >= 1. Default 32.
    seed : int, optional
        Trial k uses the random stream of (seed, k), 0 <= seed < 2**64.
        Default 0.
    threads : int, optional
        Worker threads; 0 (default) is one per core. Results do not depend
        on it.
    sampler : {"auto", "direct", "conditional"}, optional
        How a run draws its samples. Default "auto".

    Returns
    -------
    SGDSimulation
        1-D arrays over `steps`: ``steps``, ``mean`` and ``standard_error``
        of the loss over trials, ``theory`` (<L>(R)) and ``samples_seen`` (B R).

    Raises
    ------
    TypeError, ValueError
        As for `predict_sgd`; also for non-scalar model arguments.
    """
    trials = _checks.whole("trials", trials, 1)
    seed, threads = _checks.seed(seed), _checks.threads(threads)
    batch_size = _checks.whole("batch_size", batch_size, 1, 2 ** 31 - 1)
    rate = _checks.scalar("learning_rate", learning_rate)
    counts = np.atleast_1d(_checks.real_array("steps", steps, ndim=None))
    if counts.ndim != 1 or counts.size == 0:
        raise ValueError("steps must be a whole number or a 1-D array of them")
    counts = np.array([_checks.whole("steps", float(r), 0, 2 ** 31 - 1) for r in counts], dtype=np.uint64)
    _checks.choice("sampler", sampler, ("auto", "direct", "conditional"))
    model = Model(summation, spectrum_file, eigenvalues, teacher_file, teacher_power)
    batch = Batch(dict(alpha=alpha, M=M, lambda_plus=lambda_plus, N=N, sigma_w2=sigma_w2, sigma_u2=sigma_u2,
                       noise=noise, teacher_exponent=teacher_exponent))
    if batch.count != 1:
        raise ValueError("simulate_sgd takes scalar model arguments (one configuration)")
    keep = []
    struct = model.struct(batch, 0, 1, keep)
    options = _c.new(_c.SimulationOptions)
    options.trials, options.seed, options.threads = trials, seed, threads
    options.sampler = sampler.encode("utf-8")
    mean, error, theory = (np.empty(counts.size) for _ in range(3))
    call(lib.sl_simulate_sgd, ctypes.byref(struct), batch_size, rate, pointer(counts, ctypes.c_uint64), counts.size,
         ctypes.byref(options), pointer(mean), pointer(error), pointer(theory))
    return SGDSimulation(steps=counts.astype(np.int64), mean=mean, standard_error=error, theory=theory,
                         samples_seen=batch_size * counts.astype(np.float64))
