/*
 * scaling_laws.h: the C interface of ScalingLaws, the solvable model of neural
 * scaling laws (Maloney, Roberts and Sully, arXiv:2210.16859). Link with
 * -lScalingLawsC (the dynamic library product `ScalingLawsC`). Conventions
 * are those of Docs/Theory.md and of the command line `scaling-laws`:
 *
 *   - lambda_I = lambda_plus I^-(1+alpha), I = 1..M (M may be INFINITY), or a
 *     tabulated list of eigenvalues (a file or an array);
 *   - ridge regression minimizes 1/2 sum_mu (z(x_mu) - y_mu)^2 + gamma/2 |theta|^2
 *     (gamma multiplies the unnormalized sum);
 *   - the loss is <L> = 1/2 E[(z(x) - w.x)^2] against the clean teacher.
 *
 * STATUS AND ERRORS. Every function that can fail returns an sl_status
 * (SL_OK = 0). After a failure, sl_last_error() returns a one-line message
 * naming the offending input (for a batch, the 0-based point index). The
 * message is thread-local: it belongs to the thread that made the call, stays
 * valid until that thread's next call into this library, and must not be
 * freed. Errors raised on the library's worker threads are carried back to
 * the calling thread: the status and message are those of the lowest failing
 * point index. Nothing in this library aborts or exits the process on bad
 * input; GSL's abort-on-error handler is turned off.
 *
 * OWNERSHIP. The library never keeps or frees a pointer you pass. Inputs are
 * read during the call only; outputs are written into buffers you own, of the
 * length each function states. No function returns memory for you to free:
 * the strings of sl_last_error() and sl_version() belong to the library.
 *
 * THREADS. Every function is thread-safe: calls from several threads run
 * independently. Batch functions spread points over `threads` worker threads
 * (0: one per core); results do not depend on the number of threads.
 *
 * EXTENSIBILITY. Input and output structs begin with `struct_size`. Always
 * initialize them with the matching sl_*_init macro: it passes sizeof as
 * compiled into YOUR program to sl_*_init_sized, which sets struct_size to
 * it and writes defaults into exactly that many bytes. New versions only
 * append fields; the library reads (and, for result structs, writes) only the
 * first struct_size bytes, so programs compiled against an older header keep
 * working with a newer library. SL_API_VERSION is bumped when fields are
 * appended (version 2: the teacher fields and the Monte Carlo's training
 * error and GCV).
 */
#ifndef SCALING_LAWS_H
#define SCALING_LAWS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SL_API_VERSION 2

/* Status codes. */
typedef enum sl_status {
    SL_OK = 0,
    SL_ERROR_INVALID_ARGUMENT = 1,  /* a parameter outside its domain, NaN, a NULL or mis-sized array */
    SL_ERROR_INVALID_SPECTRUM = 2,  /* an empty eigenvalue list or a non-positive / non-finite eigenvalue */
    SL_ERROR_UNREADABLE_FILE = 3,   /* a spectrum file that cannot be read */
    SL_ERROR_NO_CONVERGENCE = 4,    /* an iterative method stopped before its tolerance */
    SL_ERROR_NUMERICAL = 5,         /* a GSL or LAPACK routine reported an error */
    SL_ERROR_UNSUPPORTED = 6,       /* valid in principle, not supported (e.g. simulating M = INFINITY) */
    SL_ERROR_TOO_LARGE = 7,         /* refused before allocating: more memory than allowed */
    SL_ERROR_INTERNAL = 8           /* anything else (a bug: please report it) */
} sl_status;

/* Where a configuration sits (Docs/Theory.md section 3). */
typedef enum sl_regime {
    SL_REGIME_UNDERPARAMETERIZED = 0,      /* N < P, min(N, P) < M */
    SL_REGIME_OVERPARAMETERIZED = 1,       /* N > P, min(N, P) < M */
    SL_REGIME_INTERPOLATION_THRESHOLD = 2, /* N = P < M: <L> = +inf when gamma = 0 */
    SL_REGIME_BEYOND_LATENT_DIMENSION = 3  /* min(N, P) >= M */
} sl_regime;

/* How power-law sums are taken. */
typedef enum sl_summation {
    SL_SUMMATION_AUTO = 0,             /* exact for M <= 1e5, Euler-Maclaurin above */
    SL_SUMMATION_EXACT = 1,            /* O(M) per evaluation */
    SL_SUMMATION_EULER_MACLAURIN = 2   /* O(1): exact head, closed-form tail; required at M = INFINITY */
} sl_summation;

/* Where the loss-minimizing ridge lies. */
typedef enum sl_ridge_optimum {
    SL_RIDGE_INTERIOR = 0,       /* a finite gamma* > 0 */
    SL_RIDGE_ZERO = 1,           /* gamma -> 0+ */
    SL_RIDGE_INFINITE = 2        /* gamma -> infinity (the zero predictor) */
} sl_ridge_optimum;

/*
 * One input parameter over a batch of `count` points:
 *   values == NULL        the parameter's default at every point (length ignored);
 *   length == 1           values[0] at every point;
 *   length == count       values[i] at point i.
 * Any other length is SL_ERROR_INVALID_ARGUMENT. (Broadcasting over
 * several dimensions is left to the caller: flatten after broadcasting.)
 */
typedef struct sl_column {
    const double *values;
    size_t length;
} sl_column;

/*
 * The model: a spectrum and a configuration, each parameter a column.
 * The spectrum is a power law (alpha, lambda_plus, M, summation), or, when
 * spectrum_file or eigenvalues is set, a tabulated spectrum shared by all
 * points (then alpha, lambda_plus and M must be unset).
 */
typedef struct sl_model {
    size_t struct_size;          /* sizeof(sl_model); set by sl_model_init */
    sl_column alpha;             /* alpha > 0 (required for a power law) */
    sl_column lambda_plus;       /* lambda_plus > 0, default 1 */
    sl_column M;                 /* latent dimension: whole number >= 1, or INFINITY (required for a power law) */
    int32_t summation;           /* an sl_summation, default SL_SUMMATION_AUTO */
    const char *spectrum_file;   /* eigenvalues, one per line, '#' comments (UTF-8 path) */
    const double *eigenvalues;   /* eigenvalue_count positive eigenvalues, any order */
    size_t eigenvalue_count;
    sl_column N;                 /* features N >= 1 (required) */
    sl_column P;                 /* samples P >= 1 (required) */
    sl_column gamma;             /* ridge >= 0, default 0 */
    sl_column sigma_w2;          /* teacher variance > 0, default 1 */
    sl_column sigma_u2;          /* feature-weight variance > 0, default 1 */
    sl_column noise;             /* label-noise variance >= 0, default 0 */
    /* Version 2: the teacher (Docs/Theory.md section 8). */
    sl_column teacher_exponent;  /* beta: omega_I = (sigma_w^2/M) I^-beta, |beta| <= 10; default 0 (isotropic) */
    const char *teacher_file;    /* per-direction power t_I, omega_I = sigma_w^2 t_I, one per line in the
                                    order of the spectrum file or eigenvalue array (needs one of them) */
} sl_model;

/* Sets struct_size and every field to its default (all columns unset). */
void sl_model_init_sized(sl_model *model, size_t size);
#define sl_model_init(model) sl_model_init_sized((model), sizeof *(model))

/*
 * Outputs of sl_predict: each non-NULL pointer receives `count` values.
 * At M = INFINITY the weight variances are per component (Docs/PowerLaw.md).
 */
typedef struct sl_predictions {
    size_t struct_size;          /* set by sl_predictions_init */
    double *loss;                /* <L>; +inf at the ridgeless interpolation peak */
    double *relative_loss;       /* <L> / L0 */
    double *delta;               /* Delta, root of the self-consistent equation (0 beyond M, ridgeless) */
    double *df1;                 /* df1(Delta) */
    double *df2;                 /* df2(Delta) */
    double *zero_predictor_loss; /* L0 = (sigma_w^2 / 2M) sum lambda_I */
    int32_t *regime;             /* an sl_regime */
    int32_t *summation;          /* the sl_summation used (EXACT or EULER_MACLAURIN) */
    /* Version 2. */
    double *training_error;      /* E_train = (1 - df1/P)^2 (<L> + sigma_eps^2 / 2), Docs/Theory.md section 8 */
} sl_predictions;

void sl_predictions_init_sized(sl_predictions *out, size_t size);
#define sl_predictions_init(out) sl_predictions_init_sized((out), sizeof *(out))

/* Theory predictions (Docs/Theory.md section 3) at `count` >= 1 points. */
int sl_predict(const sl_model *model, size_t count, const sl_predictions *out, int32_t threads);

/* Options of sl_predict_nonlinear (Docs/Theory.md section 6). */
typedef struct sl_nonlinear_options {
    size_t struct_size;          /* set by sl_nonlinear_options_init */
    const char *activation;      /* "relu", "tanh", "erf", "quadratic" ("linear" is sl_predict's exact theory) */
    int64_t draws;               /* draws of U averaged, >= 1, default 12 */
    uint64_t seed;               /* draw k uses the stream of (seed, k); default 0 */
    int32_t threads;             /* worker threads for the draws, 0: one per core */
} sl_nonlinear_options;

void sl_nonlinear_options_init_sized(sl_nonlinear_options *options, size_t size);
#define sl_nonlinear_options_init(options) sl_nonlinear_options_init_sized((options), sizeof *(options))

/* Outputs of sl_predict_nonlinear (each non-NULL pointer receives `count` values). */
typedef struct sl_nonlinear_predictions {
    size_t struct_size;          /* set by sl_nonlinear_predictions_init */
    double *loss;                /* <L> averaged over the draws of U */
    double *standard_error;      /* over the draws */
    double *relative_loss;
    int32_t *regime;
} sl_nonlinear_predictions;

void sl_nonlinear_predictions_init_sized(sl_nonlinear_predictions *out, size_t size);
#define sl_nonlinear_predictions_init(out) sl_nonlinear_predictions_init_sized((out), sizeof *(out))

/*
 * The semi-analytic theory of nonlinear features (`scaling-laws predict
 * --activation`): whole N and finite M, one N x N eigendecomposition per
 * draw. Points run one after another, each on `options->threads` workers.
 */
int sl_predict_nonlinear(const sl_model *model, size_t count, const sl_nonlinear_options *options,
                         const sl_nonlinear_predictions *out);

/* Outputs of sl_exponents (each non-NULL pointer receives `count` values). */
typedef struct sl_exponents_out {
    size_t struct_size;          /* set by sl_exponents_init */
    double *feature_exponent;    /* d ln<L> / d ln N; NaN where <L> is 0 or +inf */
    double *sample_exponent;     /* d ln<L> / d ln P */
    double *ridge_exponent;      /* d ln<L> / d ln gamma; 0 at gamma = 0 */
    double *loss;
    double *relative_loss;
} sl_exponents_out;

void sl_exponents_init_sized(sl_exponents_out *out, size_t size);
#define sl_exponents_init(out) sl_exponents_init_sized((out), sizeof *(out))

/* Local scaling exponents d ln<L> / d ln(N, P, gamma), from the implicit solution. */
int sl_exponents(const sl_model *model, size_t count, const sl_exponents_out *out, int32_t threads);

/* Outputs of sl_optimal_ridge (each non-NULL pointer receives `count` values). */
typedef struct sl_optimal_ridge_out {
    size_t struct_size;          /* set by sl_optimal_ridge_init */
    double *gamma;               /* gamma*: 0 or +inf at a boundary optimum */
    int32_t *optimum;            /* an sl_ridge_optimum */
    double *loss;                /* <L> at gamma* */
    double *relative_loss;
    double *ridgeless_loss;      /* <L> at gamma = 0 */
} sl_optimal_ridge_out;

void sl_optimal_ridge_init_sized(sl_optimal_ridge_out *out, size_t size);
#define sl_optimal_ridge_init(out) sl_optimal_ridge_init_sized((out), sizeof *(out))

/* The ridge minimizing <L> at each point (the model's gamma column is ignored). */
int sl_optimal_ridge(const sl_model *model, size_t count, const sl_optimal_ridge_out *out, int32_t threads);

/* Outputs of sl_compute_optimal (each non-NULL pointer receives `count` values). */
typedef struct sl_compute_optimal_out {
    size_t struct_size;          /* set by sl_compute_optimal_init */
    double *N;                   /* N at the optimum (the N <= P member of a mirror pair when noiseless) */
    double *P;                   /* P = C / N */
    double *gamma;               /* the fixed ridge, or gamma*(N, P) */
    int32_t *optimum;            /* an sl_ridge_optimum; -1 at a fixed ridge */
    double *loss;
    double *relative_loss;
} sl_compute_optimal_out;

void sl_compute_optimal_init_sized(sl_compute_optimal_out *out, size_t size);
#define sl_compute_optimal_init(out) sl_compute_optimal_init_sized((out), sizeof *(out))

/*
 * The split of compute C = N P >= 1 minimizing <L>, at the model's fixed gamma
 * (optimize_ridge = 0) or at gamma*(N, P) (optimize_ridge != 0). The model's
 * N and P columns are ignored; `compute` is a column like the others.
 */
int sl_compute_optimal(const sl_model *model, sl_column compute, size_t count, int32_t optimize_ridge,
                       const sl_compute_optimal_out *out, int32_t threads);

/* Monte Carlo options. */
typedef struct sl_simulation_options {
    size_t struct_size;          /* set by sl_simulation_options_init */
    int64_t trials;              /* >= 1, default 32 */
    uint64_t seed;               /* trial k uses the stream of (seed, k); default 0 */
    const char *activation;      /* "linear" (default, NULL), "relu", "tanh", "erf", "quadratic" */
    int64_t test_samples;        /* nonlinear features: fresh test samples per trial, default 10000 */
    int32_t threads;             /* worker threads, 0: one per core; results do not depend on it */
    const char *sampler;         /* NULL or "auto", "direct", "conditional" */
} sl_simulation_options;

void sl_simulation_options_init_sized(sl_simulation_options *options, size_t size);
#define sl_simulation_options_init(options) sl_simulation_options_init_sized((options), sizeof *(options))

/* Monte Carlo summary. */
typedef struct sl_simulation_result {
    size_t struct_size;          /* set by sl_simulation_result_init */
    double mean;                 /* mean loss over trials */
    double standard_error;       /* standard deviation / sqrt(trials); NaN for one trial */
    double theory;               /* the theory's <L> for linear features, NaN otherwise */
    double seconds;              /* wall time */
    int64_t trials;
    int64_t rank_deficient_trials;
    /* Version 2 (Docs/Theory.md section 8): from each trial's training set alone. */
    double training_error;                  /* mean of E_train = 1/(2P) sum (z - y)^2 over trials */
    double training_error_standard_error;
    double gcv;                             /* mean GCV estimate of the test error; NaN where undefined */
    double gcv_standard_error;
} sl_simulation_result;

void sl_simulation_result_init_sized(sl_simulation_result *result, size_t size);
#define sl_simulation_result_init(result) sl_simulation_result_init_sized((result), sizeof *(result))

/*
 * Simulates one configuration: every column of the model must have length
 * <= 1, N and P whole numbers, M finite. `losses` (may be NULL) receives the
 * per-trial losses in trial order; its length `losses_length` must then be
 * >= options->trials.
 */
int sl_simulate(const sl_model *model, const sl_simulation_options *options, sl_simulation_result *result,
                double *losses, size_t losses_length);

/* Options of sl_feature_spectrum. */
typedef struct sl_spectrum_options {
    size_t struct_size;          /* set by sl_spectrum_options_init */
    int64_t N;                   /* features, whole number >= 1 (required) */
    int64_t samples;             /* latent samples for the sampled covariance, >= 2, default 20000 */
    const char *activation;      /* as in sl_simulation_options */
    uint64_t seed;               /* default 0 */
    int32_t exact;               /* != 0: the exact covariance of the draw of U (no sampling) */
} sl_spectrum_options;

void sl_spectrum_options_init_sized(sl_spectrum_options *options, size_t size);
#define sl_spectrum_options_init(options) sl_spectrum_options_init_sized((options), sizeof *(options))

/*
 * The eigenvalues (descending) of the N x N feature covariance for one draw of
 * U (Docs/Theory.md section 6). The model gives the latent spectrum (finite M) and
 * sigma_u2 (columns of length <= 1; N, P and the rest are ignored).
 * `eigenvalues` must hold `capacity` >= options->N values; N are written.
 */
int sl_feature_spectrum(const sl_model *model, const sl_spectrum_options *options, double *eigenvalues,
                        size_t capacity);

/* The message of the calling thread's last failure ("" if none). Do not free. */
const char *sl_last_error(void);

/* The library's version string, e.g. "ScalingLawsC 2". Do not free. */
const char *sl_version(void);

/* SL_API_VERSION as compiled into the library. */
int sl_api_version(void);

#ifdef __cplusplus
}
#endif

#endif /* SCALING_LAWS_H */
