"""ctypes view of scaling_laws.h (Sources/ScalingLawsC/include): the structs,
the library loader, and the call wrapper that turns a status into ValueError.

Structs are allocated here (zero-filled by ctypes) with struct_size set to
their size as declared in this file, never through the library's sl_*_init
functions: a newer library with longer structs must not write past ours.
"""
import ctypes
import os
from ctypes import POINTER, c_char_p, c_double, c_int32, c_int64, c_size_t, c_uint64

_NAME = "libScalingLawsC.so"


class Column(ctypes.Structure):
    _fields_ = [("values", POINTER(c_double)), ("length", c_size_t)]


class Model(ctypes.Structure):
    _fields_ = [
        ("struct_size", c_size_t),
        ("alpha", Column),
        ("lambda_plus", Column),
        ("M", Column),
        ("summation", c_int32),
        ("spectrum_file", c_char_p),
        ("eigenvalues", POINTER(c_double)),
        ("eigenvalue_count", c_size_t),
        ("N", Column),
        ("P", Column),
        ("gamma", Column),
        ("sigma_w2", Column),
        ("sigma_u2", Column),
        ("noise", Column),
        ("teacher_exponent", Column),
        ("teacher_file", c_char_p),
        # Version 3.
        ("teacher_power", POINTER(c_double)),
        ("teacher_power_count", c_size_t),
        ("time", Column),
    ]


def _outputs(name, fields):
    return type(name, (ctypes.Structure,), {"_fields_": [("struct_size", c_size_t)] + fields})


Predictions = _outputs("Predictions", [
    ("loss", POINTER(c_double)), ("relative_loss", POINTER(c_double)), ("delta", POINTER(c_double)),
    ("df1", POINTER(c_double)), ("df2", POINTER(c_double)), ("zero_predictor_loss", POINTER(c_double)),
    ("regime", POINTER(c_int32)), ("summation", POINTER(c_int32)), ("training_error", POINTER(c_double)),
    ("test_error", POINTER(c_double))])
ExponentsOut = _outputs("ExponentsOut", [
    ("feature_exponent", POINTER(c_double)), ("sample_exponent", POINTER(c_double)), ("ridge_exponent", POINTER(c_double)),
    ("loss", POINTER(c_double)), ("relative_loss", POINTER(c_double))])
OptimalRidgeOut = _outputs("OptimalRidgeOut", [
    ("gamma", POINTER(c_double)), ("optimum", POINTER(c_int32)), ("loss", POINTER(c_double)),
    ("relative_loss", POINTER(c_double)), ("ridgeless_loss", POINTER(c_double))])
ComputeOptimalOut = _outputs("ComputeOptimalOut", [
    ("N", POINTER(c_double)), ("P", POINTER(c_double)), ("gamma", POINTER(c_double)),
    ("optimum", POINTER(c_int32)), ("loss", POINTER(c_double)), ("relative_loss", POINTER(c_double))])
NonlinearOptions = _outputs("NonlinearOptions", [
    ("activation", c_char_p), ("draws", c_uint64), ("seed", c_uint64), ("threads", c_int32)])
NonlinearPredictions = _outputs("NonlinearPredictions", [
    ("loss", POINTER(c_double)), ("standard_error", POINTER(c_double)), ("relative_loss", POINTER(c_double)),
    ("regime", POINTER(c_int32))])
SimulationOptions = _outputs("SimulationOptions", [
    ("trials", c_uint64), ("seed", c_uint64), ("activation", c_char_p), ("test_samples", c_uint64),
    ("threads", c_int32), ("sampler", c_char_p)])
SimulationResult = _outputs("SimulationResult", [
    ("mean", c_double), ("standard_error", c_double), ("theory", c_double), ("seconds", c_double),
    ("trials", c_int64), ("rank_deficient_trials", c_int64), ("training_error", c_double),
    ("training_error_standard_error", c_double), ("gcv", c_double), ("gcv_standard_error", c_double)])
DataInput = _outputs("DataInput", [
    ("data", POINTER(c_double)), ("rows", c_size_t), ("columns", c_size_t), ("labels", POINTER(c_double)),
    ("data_file", c_char_p), ("labels_file", c_char_p), ("positive_classes", POINTER(c_double)),
    ("positive_class_count", c_size_t), ("scale", c_double), ("cutoff", c_double),
    # Version 4.
    ("fit_first", c_uint64), ("fit_last", c_uint64)])
DataSetSummary = _outputs("DataSetSummary", [
    ("rows", c_uint64), ("columns", c_uint64), ("latent_dimension", c_uint64), ("dropped", c_uint64),
    ("target_variance", c_double), ("residual_variance", c_double), ("explained_variance", c_double),
    ("trace", c_double), ("alpha", c_double), ("alpha_standard_error", c_double), ("beta", c_double),
    ("beta_standard_error", c_double), ("fit_first", c_uint64), ("fit_last", c_uint64),
    # Version 4.
    ("noise_in_sample", c_double), ("noise_unbiased", c_double), ("noise_standard_error", c_double),
    ("noise_held_out", c_double)])
DataSimulationResult = _outputs("DataSimulationResult", [
    ("test_error", c_double), ("test_error_standard_error", c_double), ("training_error", c_double),
    ("training_error_standard_error", c_double), ("gcv", c_double), ("gcv_standard_error", c_double),
    ("theory_test_error", c_double), ("seconds", c_double), ("trials", c_uint64), ("test_rows", c_uint64)])
SGDSchedule = _outputs("SGDSchedule", [
    ("batch_size", Column), ("learning_rate", Column), ("steps", Column)])
SGDPredictions = _outputs("SGDPredictions", [
    ("loss", POINTER(c_double)), ("relative_loss", POINTER(c_double)), ("samples_seen", POINTER(c_double)),
    ("largest_stable_learning_rate", POINTER(c_double)), ("representable_loss", POINTER(c_double))])
SpectrumOptions = _outputs("SpectrumOptions", [
    ("N", c_uint64), ("samples", c_uint64), ("activation", c_char_p), ("seed", c_uint64), ("exact", c_int32)])
FitOptions = _outputs("FitOptions", [
    ("form", c_char_p), ("resamples", c_uint64), ("parametric", c_int32), ("seed", c_uint64), ("confidence", c_double),
    ("huber_delta", c_double), ("small_grid", c_int32), ("latent_dimension", c_double), ("teacher_exponent", c_double),
    ("flops_per_token", c_double), ("threads", c_int32), ("forecast_count", c_size_t), ("forecast_N", POINTER(c_double)),
    ("forecast_D", POINTER(c_double)), ("forecast_gamma", POINTER(c_double))])
FitResult = _outputs("FitResult", [
    ("parameter_count", c_int32), ("value", POINTER(c_double)), ("lower", POINTER(c_double)),
    ("upper", POINTER(c_double)), ("objective", c_double), ("exponent_a", c_double * 3), ("exponent_b", c_double * 3),
    ("start_count", c_uint64), ("rival_starts", c_uint64), ("failed_resamples", c_uint64), ("start_capacity", c_size_t),
    ("start_objectives", POINTER(c_double)), ("start_parameters", POINTER(c_double)),
    ("forecast_loss", POINTER(c_double)), ("forecast_lower", POINTER(c_double)), ("forecast_upper", POINTER(c_double)),
    ("warnings", POINTER(ctypes.c_char)), ("warnings_capacity", c_size_t)])


def new(struct_type):
    """A zero-filled struct with struct_size set."""
    value = struct_type()
    value.struct_size = ctypes.sizeof(struct_type)
    return value


def _candidates():
    here = os.path.dirname(os.path.abspath(__file__))
    yield os.path.join(here, _NAME)
    # A development checkout: python/scaling_laws -> the package's .build.
    root = os.path.dirname(os.path.dirname(here))
    for config in ("release", "debug"):
        yield os.path.join(root, ".build", config, _NAME)


def _load():
    tried = []
    for path in _candidates():
        if os.path.exists(path):
            return ctypes.CDLL(path)
        tried.append(path)
    raise ImportError("scaling_laws: %s not found (looked in %s); install with `pip install ./python` "
                      "from the ScalingLaws checkout, or run `swift build -c release --product ScalingLawsC`"
                      % (_NAME, ", ".join(tried)))


lib = _load()
#: The SL_API_VERSION these structs follow (scaling_laws.h): version 3 has the
#: gradient-flow time, teacher arrays, test_error, unsigned counts and data sets;
#: version 4 SGD, fit, the data set's fit window and its noise estimates.
API_VERSION = 4
lib.sl_api_version.restype = c_int32
if lib.sl_api_version() < API_VERSION:
    raise ImportError("scaling_laws: %s has SL_API_VERSION %d; this package needs >= %d (rebuild the library)"
                      % (lib._name, lib.sl_api_version(), API_VERSION))
_P = ctypes.c_void_p
lib.sl_last_error.restype = c_char_p
lib.sl_version.restype = c_char_p
lib.sl_api_version.restype = c_int32
lib.sl_predict.argtypes = [_P, c_size_t, _P, c_int32]
lib.sl_exponents.argtypes = [_P, c_size_t, _P, c_int32]
lib.sl_optimal_ridge.argtypes = [_P, c_size_t, _P, c_int32]
lib.sl_compute_optimal.argtypes = [_P, Column, c_size_t, c_int32, _P, c_int32]
lib.sl_predict_nonlinear.argtypes = [_P, c_size_t, _P, _P]
lib.sl_simulate.argtypes = [_P, _P, _P, POINTER(c_double), c_size_t]
lib.sl_feature_spectrum.argtypes = [_P, _P, POINTER(c_double), c_size_t]
lib.sl_dataset_open.argtypes = [_P, _P]
lib.sl_dataset_free.argtypes = [_P]
lib.sl_dataset_free.restype = None
lib.sl_dataset_describe.argtypes = [_P, _P]
lib.sl_dataset_spectrum.argtypes = [_P, POINTER(c_double), POINTER(c_double), c_size_t]
lib.sl_simulate_data.argtypes = [_P, _P, _P, c_uint64, _P, POINTER(c_double), c_size_t]
lib.sl_fit.argtypes = [c_size_t, _P, _P, _P, _P, _P, _P, _P]
lib.sl_predict_sgd.argtypes = [_P, _P, c_size_t, _P, c_int32]
lib.sl_simulate_sgd.argtypes = [_P, c_uint64, c_double, POINTER(c_uint64), c_size_t, _P, POINTER(c_double),
                                POINTER(c_double), POINTER(c_double)]
for _name in ("sl_predict", "sl_predict_nonlinear", "sl_exponents", "sl_optimal_ridge", "sl_compute_optimal", "sl_simulate",
              "sl_feature_spectrum", "sl_dataset_open", "sl_dataset_describe", "sl_dataset_spectrum", "sl_simulate_data",
              "sl_predict_sgd", "sl_simulate_sgd", "sl_fit"):
    getattr(lib, _name).restype = c_int32


def _package_version():
    """The package version, from the library's sl_version() ("ScalingLawsC
    0.2.0 (API 4)"), which takes it from ScalingLawsVersion in the Swift
    sources, the version's one source."""
    import re
    reported = lib.sl_version().decode()
    found = re.search(r"ScalingLawsC (\d+\.\d+\.\d+\S*)", reported)
    if not found:
        raise ImportError("scaling_laws: %s reports no package version (%r): an older library?" % (lib._name, reported))
    return found.group(1)


package_version = _package_version()


def call(function, *arguments):
    """Calls a library function; a non-zero status raises ValueError with the
    library's message (read on this thread, where the call ran)."""
    status = function(*arguments)
    if status != 0:
        message = lib.sl_last_error().decode("utf-8", "replace")
        raise ValueError(message or "ScalingLawsC status %d" % status)
