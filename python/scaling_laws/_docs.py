"""Parameter descriptions shared by the public functions' NumPy-style
docstrings, so that one parameter reads the same everywhere.

A docstring writes ``{spectrum}``, ``{configuration}`` (N, P, gamma and
``{variances}``), ``{variances}``, ``{teacher}`` or ``{run}`` on a line of its own (indented four spaces, inside "Parameters"),
and ``{raises}`` for the common "Raises" section;
`documented` replaces it with the block below. Every other parameter is
written out in the function's own docstring. python/tests/test_docstrings.py
checks that each public function's docstring names every parameter of its
signature, and nothing else.
"""
import textwrap

# The teacher, feature-weight and label-noise variances: part of `configuration`,
# and alone where there is no P and no ridge (one-pass SGD).
VARIANCES = """\
sigma_w2 : float or array_like, optional
    Teacher variance sigma_w^2 > 0: w_I ~ N(0, sigma_w^2/M). Default 1.
sigma_u2 : float or array_like, optional
    Feature-weight variance sigma_u^2 > 0: u_iI ~ N(0, sigma_u^2/M).
    Default 1.
noise : float or array_like, optional
    Label-noise variance sigma_eps^2 >= 0, in units of y^2. Default 0."""

BLOCKS = {
    "spectrum": """\
alpha : float or array_like, optional
    Power-law exponent alpha > 0 of the latent spectrum
    lambda_I = lambda_plus I^-(1+alpha), I = 1..M (Docs/Theory.md
    section 1). Required unless `eigenvalues` or `spectrum_file` is given.
M : float, array_like or "inf", optional
    Latent dimension M: a whole number >= 1, or ``np.inf`` (or "inf") for
    the infinite latent dimension with per-component weight variances
    (Docs/PowerLaw.md). Required with `alpha`.
lambda_plus : float or array_like, optional
    Largest eigenvalue lambda_plus > 0, in units of the latent variance.
    Default 1.
summation : {"auto", "exact", "euler-maclaurin"}, optional
    How power-law sums are taken: "exact" costs O(M) per evaluation,
    "euler-maclaurin" O(1) (exact head, closed-form tail; required at
    M = inf); "auto" (default) is exact for M <= 1e5.
spectrum_file : str or os.PathLike, optional
    Instead of a power law, a tabulated spectrum: a text file with one
    eigenvalue per line and '#' comments (as written by `dataset`).
    Default None.
eigenvalues : array_like, 1-D, optional
    Instead of a power law, the tabulated spectrum itself: positive
    eigenvalues in any order, at most ``scaling_laws.MAX_EIGENVALUES``.
    Default None.""",
    "configuration": """\
N : float or array_like
    Number of random features N >= 1 (required).
P : float or array_like
    Number of training samples P >= 1 (required).
gamma : float or array_like, optional
    Ridge gamma >= 0. Ridge regression minimizes
    1/2 sum_mu (z(x_mu) - y_mu)^2 + gamma/2 |theta|^2: gamma multiplies the
    unnormalized sum. Default 0.
""" + VARIANCES,
    "variances": VARIANCES,
    "teacher": """\
teacher_exponent : float or array_like, optional
    Teacher exponent beta: omega_I = (sigma_w^2/M) I^-beta, |beta| <= 10
    (Docs/Theory.md section 8). Default None,
    the paper's isotropic teacher (beta = 0).
teacher_file : str or os.PathLike, optional
    A per-direction teacher power t_I (omega_I = sigma_w^2 t_I), one per
    line in the order of `spectrum_file` or `eigenvalues` (needs one of
    them). Default None.
teacher_power : array_like, 1-D, optional
    The per-direction teacher power t_I >= 0 as an array (omega_I =
    sigma_w^2 t_I), in the order of `eigenvalues` or `spectrum_file`, for
    example ``dataset(...).teacher``. Default None.""",
    "raises": """\
Raises
------
TypeError, ValueError
    As `predict`: a wrong type, or a bad value (the message names the
    argument and, for arrays, the index of the first bad point).""",
    "run": """\
threads : int, optional
    Worker threads; 0 (default) is one per core. Results do not depend on
    it. The GIL is released while the library works.
progress : bool, optional
    Show progress on stderr (done/total, elapsed, time left) for calls
    that last more than 2 seconds. Default True.""",
}

PLACEHOLDERS = {"    {%s}" % name: textwrap.indent(text, "    ") for name, text in BLOCKS.items()}


def documented(function):
    """Fills the shared parameter blocks into `function.__doc__`."""
    text = function.__doc__
    for placeholder, block in PLACEHOLDERS.items():
        text = text.replace(placeholder, block)
    function.__doc__ = text
    return function
