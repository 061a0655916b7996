/*
 * scaling_laws.h: the C interface of ScalingLaws, the solvable model of neural
 * scaling laws (Maloney, Roberts and Sully, arXiv:2210.16859). Conventions
 * are those of Docs/Theory.md (cited below by section) and of the
 * command line `scaling-laws`:
 *
 *   - lambda_I = lambda_plus I^-(1+alpha), I = 1..M (M may be INFINITY), or a
 *     tabulated list of eigenvalues (a file or an array);
 *   - ridge regression minimizes 1/2 sum_mu (z(x_mu) - y_mu)^2 + gamma/2 |theta|^2
 *     (gamma multiplies the unnormalized sum);
 *   - the loss is <L> = 1/2 E[(z(x) - w.x)^2] against the clean teacher; the
 *     test error against noisy labels is <L> + sigma_eps^2 / 2.
 *
 * BUILDING AND LINKING. `make c-library` (in the ScalingLaws checkout) builds
 * .build/release/libScalingLawsC.so, whose SONAME is libScalingLawsC.so.1,
 * and the link .build/release/libScalingLawsC.so.1 beside it. From the
 * checkout, with the library's folder recorded in the program (rpath), so
 * that it runs without LD_LIBRARY_PATH:
 *
 *   cc prog.c -I Sources/ScalingLawsC/include -L .build/release \
 *      -Wl,-rpath,"$PWD/.build/release" -lScalingLawsC -o prog
 *
 * Installed (`make install-c PREFIX=/usr/local`):
 *
 *   cc prog.c $(pkg-config --cflags --libs scaling-laws) -o prog
 *
 * (the .pc file's Libs carry -Wl,-rpath,PREFIX/lib). The library needs GSL,
 * OpenBLAS, LAPACKE and zlib at run time (Debian: libgsl27, libopenblas0,
 * liblapacke, zlib1g), not the Swift runtime, which it carries. Docs/C.md
 * has the overview.
 *
 * STATUS AND ERRORS. Every function that can fail returns an sl_status
 * (SL_OK = 0). Sizes and counts are unsigned (size_t, uint64_t) and checked
 * against the work limits SL_MAX_* below before anything runs or is
 * allocated: a negative number converted to size_t is refused as too large.
 * After a failure, sl_last_error() returns a one-line message
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
 * length each function states. The only memory the library hands out is an
 * sl_dataset (sl_dataset_open), released with sl_dataset_free; the strings
 * of sl_last_error() and sl_version() belong to the library.
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
 * working with a newer library. SL_API_VERSION is bumped when fields or
 * functions are appended (version 2: the teacher fields and the Monte
 * Carlo's training error and GCV; version 3: gradient-flow time, teacher
 * arrays and test_error in sl_predict, unsigned counts, data sets; version
 * 4: sl_predict_sgd, sl_simulate_sgd, sl_fit, the fit window of
 * sl_data_input and the noise estimates of sl_dataset_summary). The
 * SONAME's number (libScalingLawsC.so.1) changes only if an old caller could
 * break.
 */
#ifndef SCALING_LAWS_H
#define SCALING_LAWS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SL_API_VERSION 4

/*
 * Work limits: every count is checked against these before any work or
 * allocation (SL_ERROR_TOO_LARGE above them). Memory is checked separately
 * against half the physical memory (also SL_ERROR_TOO_LARGE).
 */
#define SL_MAX_POINTS 1073741824ULL        /* 2^30: points per batch call (count) and column lengths */
#define SL_MAX_EIGENVALUES 2147483648ULL   /* 2^31: eigenvalue_count, teacher_power_count, data columns */
#define SL_MAX_TRIALS 16777216ULL          /* 2^24: Monte Carlo trials */
#define SL_MAX_DRAWS 1048576ULL            /* 2^20: draws of U in sl_predict_nonlinear */
#define SL_MAX_SAMPLES 4294967296ULL       /* 2^32: test samples per trial, latent samples, data rows */
#define SL_MAX_FEATURES 2147483648ULL      /* 2^31: N of sl_feature_spectrum */

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
    /* Version 3. */
    const double *teacher_power; /* t_I as an array (as teacher_file): teacher_power_count entries >= 0 in the */
    size_t teacher_power_count;  /* order of the spectrum file or eigenvalue array (needs one of them) */
    sl_column time;              /* gradient-flow training time t >= 0 (Docs/Theory.md section 10), read by
                                    sl_predict only (elsewhere it must be unset); unset or INFINITY: the
                                    converged ridge fit (the static theory). A finite t needs a finite M. */
} sl_model;

/* Sets struct_size and every field to its default (all columns unset). */
void sl_model_init_sized(sl_model *model, size_t size);
#define sl_model_init(model) sl_model_init_sized((model), sizeof *(model))

/*
 * Outputs of sl_predict: each non-NULL pointer receives `count` values.
 * At M = INFINITY the weight variances are per component (Docs/PowerLaw.md).
 * At a finite gradient-flow time (sl_model.time) only loss, relative_loss,
 * zero_predictor_loss, regime and test_error are defined; delta, df1, df2
 * and training_error are NaN there and summation is -1.
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
    /* Version 3. */
    double *test_error;          /* <L> + sigma_eps^2 / 2: the expected 1/2 (z - y)^2 against noisy labels */
} sl_predictions;

void sl_predictions_init_sized(sl_predictions *out, size_t size);
#define sl_predictions_init(out) sl_predictions_init_sized((out), sizeof *(out))

/* Theory predictions (Docs/Theory.md section 3) at 1 <= count <= SL_MAX_POINTS points. */
int sl_predict(const sl_model *model, size_t count, const sl_predictions *out, int32_t threads);

/* Options of sl_predict_nonlinear (Docs/Theory.md section 6). */
typedef struct sl_nonlinear_options {
    size_t struct_size;          /* set by sl_nonlinear_options_init */
    const char *activation;      /* required: "relu", "tanh", "erf", "quadratic" ("linear" is sl_predict's
                                    exact theory); NULL is SL_ERROR_INVALID_ARGUMENT */
    uint64_t draws;              /* draws of U averaged, 1...SL_MAX_DRAWS, default 12 */
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
    uint64_t trials;             /* 1...SL_MAX_TRIALS, default 32 */
    uint64_t seed;               /* trial k uses the stream of (seed, k); default 0 */
    const char *activation;      /* "linear" (default, NULL), "relu", "tanh", "erf", "quadratic" */
    uint64_t test_samples;       /* nonlinear features: fresh test samples per trial, <= SL_MAX_SAMPLES,
                                    default 10000 */
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
    uint64_t N;                  /* features, 1...SL_MAX_FEATURES (required) */
    uint64_t samples;            /* latent samples for the sampled covariance, 2...SL_MAX_SAMPLES, default 20000 */
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

/*
 * DATA SETS (Docs/Theory.md section 9, Docs/YourData.md): a data matrix X
 * (n rows, d columns) and one real target per row, from arrays or files,
 * centred and analysed once:
 * the covariance spectrum lambda_I (descending, eigenvalues at or below
 * `cutoff` times the largest dropped, M kept), the best linear teacher's
 * power omega_I per eigendirection, the residual noise sigma_eps^2, and the
 * power-law exponents fitted over the default window (as `scaling-laws
 * dataset`). Predict for it with sl_predict (eigenvalues, teacher_power,
 * sigma_w2 = 1, noise = residual_variance; test_error is the error against
 * the real labels); simulate on its rows with sl_simulate_data.
 */
typedef struct sl_data_input {
    size_t struct_size;          /* set by sl_data_input_init */
    const double *data;          /* rows x columns entries, row-major (C order); or data_file */
    size_t rows;                 /* n, 2...SL_MAX_SAMPLES */
    size_t columns;              /* d, 1...SL_MAX_EIGENVALUES */
    const double *labels;        /* `rows` labels (with data); or labels_file */
    const char *data_file;       /* .npy (2-D), CSV or IDX, gzipped or not (UTF-8 path) */
    const char *labels_file;     /* one label per data row: .npy (1-D), one-column CSV or IDX */
    const double *positive_classes;  /* labels equal to one of these map to +1, all others to -1; */
    size_t positive_class_count;     /* 0 (default): the labels are the targets */
    double scale;                /* every data entry multiplied by it, > 0, default 1 (e.g. 1/255) */
    double cutoff;               /* relative eigenvalue cutoff in [0, 1), default 1e-10 */
    /* Version 4. */
    uint64_t fit_first;          /* the window of the exponent fits in sl_dataset_summary, 1-based eigen- */
    uint64_t fit_last;           /* indices 1 <= fit_first < fit_last <= M (`scaling-laws dataset --fit-window
                                    A:B`); both 0 (default): 10..M/2, all of them for M < 40 */
} sl_data_input;

void sl_data_input_init_sized(sl_data_input *input, size_t size);
#define sl_data_input_init(input) sl_data_input_init_sized((input), sizeof *(input))

/* A data set read, centred and analysed; opaque. Read-only: several threads may use one at once. */
typedef struct sl_dataset sl_dataset;

/*
 * Reads (data_file, labels_file) or copies (data, labels) the data set,
 * centres it and analyses it. On SL_OK *dataset holds a new data set to be
 * released with sl_dataset_free; on failure *dataset is NULL.
 */
int sl_dataset_open(const sl_data_input *input, sl_dataset **dataset);

/* Releases a data set (NULL is ignored). */
void sl_dataset_free(sl_dataset *dataset);

/* What sl_dataset_describe writes. */
typedef struct sl_dataset_summary {
    size_t struct_size;          /* set by sl_dataset_summary_init */
    uint64_t rows;               /* n */
    uint64_t columns;            /* d */
    uint64_t latent_dimension;   /* M, the eigenvalues kept: the length of sl_dataset_spectrum's arrays */
    uint64_t dropped;            /* d - M */
    double target_variance;      /* Var(y) */
    double residual_variance;    /* sigma_eps^2 = sum (y - x.w)^2 / (n - M - 1), unbiased (Docs/YourData.md section 2): use as sl_model.noise */
    double explained_variance;   /* sum_I lambda_I omega_I */
    double trace;                /* sum_I lambda_I */
    double alpha;                /* spectral exponent: lambda_I ~ I^-(1+alpha), fitted (as `scaling-laws
                                    dataset`); alpha, beta and their errors are NaN, the window 0..0,
                                    when the window has fewer than three eigenvalues */
    double alpha_standard_error;
    double beta;                 /* teacher exponent: omega_I ~ I^-beta, fitted */
    double beta_standard_error;
    uint64_t fit_first;          /* the fit window, 1-based indices into the spectrum */
    uint64_t fit_last;
    /* Version 4: the estimates of sigma_eps^2 of `scaling-laws dataset` (dataset.json's noise*, Docs/YourData.md
       section 2); residual_variance is noise_unbiased. */
    double noise_in_sample;      /* sum eps^2 / n on the fitted rows: biased low by (n - M - 1) / n */
    double noise_unbiased;       /* sum eps^2 / (n - M - 1) */
    double noise_standard_error; /* the standard error of noise_unbiased (+INFINITY when n <= M + 1) */
    double noise_held_out;       /* 10-fold held-out residual variance; NaN when a fold leaves too few rows.
                                    Computed on the first describe of a data set (10 refits) */
} sl_dataset_summary;

void sl_dataset_summary_init_sized(sl_dataset_summary *summary, size_t size);
#define sl_dataset_summary_init(summary) sl_dataset_summary_init_sized((summary), sizeof *(summary))

/* The data set's sizes, variances, noise estimates and fitted exponents. */
int sl_dataset_describe(const sl_dataset *dataset, sl_dataset_summary *summary);

/*
 * The spectrum lambda_I (descending) and the teacher power omega_I aligned
 * with it: each non-NULL array must hold `capacity` >= M values (M =
 * summary.latent_dimension); M are written.
 */
int sl_dataset_spectrum(const sl_dataset *dataset, double *eigenvalues, double *teacher_power, size_t capacity);

/* Summary of sl_simulate_data (errors with the 1/2: 1/2 mean (z - y)^2 against the centred labels). */
typedef struct sl_data_simulation_result {
    size_t struct_size;          /* set by sl_data_simulation_result_init */
    double test_error;           /* mean over trials of the held-out rows' error */
    double test_error_standard_error;
    double training_error;
    double training_error_standard_error;
    double gcv;                  /* NaN if fewer than two trials define it */
    double gcv_standard_error;
    double theory_test_error;    /* the theory's test error for linear features, NaN otherwise */
    double seconds;
    uint64_t trials;
    uint64_t test_rows;          /* held-out rows per trial */
} sl_data_simulation_result;

void sl_data_simulation_result_init_sized(sl_data_simulation_result *result, size_t size);
#define sl_data_simulation_result_init(result) sl_data_simulation_result_init_sized((result), sizeof *(result))

/*
 * Random-feature ridge regression on the data set's rows (`scaling-laws
 * simulate --data`, same seeds, same numbers): the model gives N, P, gamma
 * and sigma_u2 (columns of length <= 1; the spectrum, teacher and noise come
 * from the data set and must be unset); options give trials (>= 2), seed,
 * activation and threads, `test_rows` the held-out rows per trial (0: the
 * rest, at most 10000). `test_errors` (may be NULL) receives the per-trial
 * test errors; its length must then be >= options->trials.
 */
int sl_simulate_data(const sl_dataset *dataset, const sl_model *model, const sl_simulation_options *options,
                     uint64_t test_rows, sl_data_simulation_result *result, double *test_errors,
                     size_t test_errors_length);

/*
 * ONE-PASS SGD (Docs/Theory.md section 12): from theta = 0, each step draws B
 * fresh samples and updates theta <- theta - (eta / B) sum_b z_b (z_b . theta
 * - y_b); after R steps the model has seen B R samples, once each. Linear
 * features, no ridge: the model's P, gamma and time must be unset. The
 * schedule's columns broadcast like the model's.
 */
typedef struct sl_sgd_schedule {
    size_t struct_size;          /* set by sl_sgd_schedule_init */
    sl_column batch_size;        /* B, whole number in 1...2^31-1, default 1 */
    sl_column learning_rate;     /* eta > 0 and finite, on the features as they are (required) */
    sl_column steps;             /* R, whole number >= 0 (required) */
} sl_sgd_schedule;

void sl_sgd_schedule_init_sized(sl_sgd_schedule *schedule, size_t size);
#define sl_sgd_schedule_init(schedule) sl_sgd_schedule_init_sized((schedule), sizeof *(schedule))

/* Outputs of sl_predict_sgd: each non-NULL pointer receives `count` values. */
typedef struct sl_sgd_predictions {
    size_t struct_size;                   /* set by sl_sgd_predictions_init */
    double *loss;                         /* <L> after R steps, against the clean teacher */
    double *relative_loss;                /* <L> / L0 */
    double *samples_seen;                 /* B R */
    double *largest_stable_learning_rate; /* the stability edge: the loss grows without bound at and past it */
    double *representable_loss;           /* L*, the limit R -> infinity, eta -> 0 */
} sl_sgd_predictions;

void sl_sgd_predictions_init_sized(sl_sgd_predictions *out, size_t size);
#define sl_sgd_predictions_init(out) sl_sgd_predictions_init_sized((out), sizeof *(out))

/*
 * The theory's <L>(R) at `count` (1...SL_MAX_POINTS) points. A learning rate at
 * or past the stability edge is SL_ERROR_INVALID_ARGUMENT, and sl_last_error()
 * names the edge.
 */
int sl_predict_sgd(const sl_model *model, const sl_sgd_schedule *schedule, size_t count,
                   const sl_sgd_predictions *out, int32_t threads);

/*
 * Direct SGD Monte Carlo of one configuration (model columns of length <= 1,
 * N whole, M finite): each trial a fresh w, U and sample stream, recorded at
 * the `step_count` (1...SL_MAX_POINTS) step counts `steps` (each <= 2^31-1).
 * options give trials, seed, threads and sampler ("direct": x in the latent
 * space and z = U x; "conditional": (z, y) from their law given U and w; NULL
 * or "auto": the cheaper); activation must be NULL or "linear". `mean`,
 * `standard_error` and `theory` (each may be NULL) receive step_count values:
 * the Monte Carlo mean loss, its standard error, and the theory's <L>(R).
 * Bit-identical for any number of threads.
 */
int sl_simulate_sgd(const sl_model *model, uint64_t batch_size, double learning_rate, const uint64_t *steps,
                    size_t step_count, const sl_simulation_options *options, double *mean,
                    double *standard_error, double *theory);

/*
 * FITTING a scaling law to measured runs (Docs/Fitting.md): the Chinchilla form
 * E + A/N^alpha + B/D^beta or this package's theory ("model"), Huber loss on
 * log L from a grid of starts, bootstrap percentile intervals.
 */
#define SL_FIT_MAX_PARAMETERS 5

typedef struct sl_fit_options {
    size_t struct_size;          /* set by sl_fit_options_init */
    const char *form;            /* "chinchilla" (default) or "model" */
    uint64_t resamples;          /* bootstrap refits, 0...SL_MAX_TRIALS, default 1000 */
    int32_t parametric;          /* 0: resample the runs (default); 1: redraw each loss from its se (needs se) */
    uint64_t seed;               /* fixes every resample, default 0 */
    double confidence;           /* interval coverage in (0, 1), default 0.95 */
    double huber_delta;          /* Huber delta on log L, default 1e-3 */
    int32_t small_grid;          /* chinchilla: 0 Hoffmann et al.'s 4500 starts (default), 1 a grid of 72 */
    double latent_dimension;     /* model: M, fixed; default INFINITY */
    double teacher_exponent;     /* model: a fixed teacher exponent; NAN (default) fits it */
    double flops_per_token;      /* k in C = k N D, default 6 */
    int32_t threads;             /* 0: one per core; results do not depend on it */
    size_t forecast_count;       /* points to forecast at (0: none) */
    const double *forecast_N;    /* forecast_count values each; forecast_gamma may be NULL (0) */
    const double *forecast_D;
    const double *forecast_gamma;
} sl_fit_options;

void sl_fit_options_init_sized(sl_fit_options *options, size_t size);
#define sl_fit_options_init(options) sl_fit_options_init_sized((options), sizeof *(options))

/*
 * The result of sl_fit. The parameters are, in order, E, A, B, alpha, beta
 * (chinchilla) or alpha, teacher exponent, scale sigma_w^2, noise floor
 * sigma_eps^2/2 (model). Interval bounds are NAN without resamples. Each
 * non-NULL pointer receives the values stated.
 */
typedef struct sl_fit_result {
    size_t struct_size;          /* set by sl_fit_result_init */
    int32_t parameter_count;     /* written: 5 or 4 */
    double *value;               /* SL_FIT_MAX_PARAMETERS values: the best fit */
    double *lower;               /* SL_FIT_MAX_PARAMETERS values: interval bounds */
    double *upper;
    double objective;            /* written: the Huber objective at the best fit, summed over runs */
    double exponent_a[3];        /* written: a of N* ~ C^a (value, lower, upper) */
    double exponent_b[3];        /* written: b of D* ~ C^b */
    uint64_t start_count;        /* written: the number of starts */
    uint64_t rival_starts;       /* written: starts at another optimum within 1 % of the best objective */
    uint64_t failed_resamples;   /* written */
    size_t start_capacity;       /* rows the two start buffers hold (>= start_count to get them) */
    double *start_objectives;    /* start_capacity values: each start's optimum */
    double *start_parameters;    /* start_capacity * SL_FIT_MAX_PARAMETERS values, row-major */
    double *forecast_loss;       /* options->forecast_count values each */
    double *forecast_lower;
    double *forecast_upper;
    char *warnings;              /* warnings_capacity bytes: the warnings, one per line, NUL-terminated (truncated) */
    size_t warnings_capacity;
} sl_fit_result;

void sl_fit_result_init_sized(sl_fit_result *result, size_t size);
#define sl_fit_result_init(result) sl_fit_result_init_sized((result), sizeof *(result))

/*
 * Fits the runs (N[i], D[i], loss[i]; se and gamma may be NULL), count >= the
 * form's parameter count and <= SL_MAX_POINTS. `result` is read (its buffers)
 * and written. Bad runs are SL_ERROR_INVALID_ARGUMENT with the
 * 1-based run in the message.
 */
int sl_fit(size_t count, const double *N, const double *D, const double *loss, const double *se,
           const double *gamma, const sl_fit_options *options, sl_fit_result *result);

/* The message of the calling thread's last failure ("" if none). Do not free. */
const char *sl_last_error(void);

/* The library's version string, e.g. "ScalingLawsC 0.2.0 (API 4)": the package version. Do not free. */
const char *sl_version(void);

/* SL_API_VERSION as compiled into the library. */
int sl_api_version(void);

#ifdef __cplusplus
}
#endif

#endif /* SCALING_LAWS_H */
