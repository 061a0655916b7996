/*
 * The C interface's error paths under hostile sizes and pointers (#24):
 * unsigned counts of 2^63 and more, counts past the SL_MAX_* work limits
 * (refused at once, before any work), NULL where a value is required, and
 * fields a call does not read. Every case must return its documented status
 * with a message. Built and run by `make test-c`. Exit status 0 on success.
 */
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "check.h"

static int cases = 0;

/* The status must be `expected` and the message must contain `needle` (NULL: any message). */
static void expect(int status, int expected, const char *needle, const char *what) {
    cases++;
    const char *message = sl_last_error();
    if (status != expected || (expected != SL_OK && (message[0] == '\0' || (needle && !strstr(message, needle))))) {
        fprintf(stderr, "FAIL: %s: status %d (expected %d), message '%s' (expected to contain '%s')\n", what, status,
                expected, message, needle ? needle : "");
        failures++;
    }
}

/* Any failure status, with a message containing `needle`. */
static void expect_failure(int status, const char *needle, const char *what) {
    cases++;
    const char *message = sl_last_error();
    if (status == SL_OK || !strstr(message, needle)) {
        fprintf(stderr, "FAIL: %s: status %d, message '%s' (expected a failure naming '%s')\n", what, status, message, needle);
        failures++;
    }
}

static double seconds_since(struct timespec start) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - start.tv_sec) + 1e-9 * (double)(now.tv_nsec - start.tv_nsec);
}

int main(void) {
    double alpha = 1, M = 200, N = 40, P = 120, gamma = 1e-3, loss[4];
    sl_model model;
    point_model(&model, &alpha, &M, &N, &P);
    model.gamma = (sl_column){&gamma, 1};
    sl_predictions out;
    sl_predictions_init(&out);
    out.loss = loss;

    /* Counts of 2^63 and more were read as negative; now they are unsigned and above the limit. */
    expect(sl_predict(&model, (size_t)1 << 63, &out, 0), SL_ERROR_TOO_LARGE, "negative", "count 2^63");
    expect(sl_predict(&model, (size_t)-1, &out, 0), SL_ERROR_TOO_LARGE, "SL_MAX_POINTS", "count (size_t)-1");
    expect(sl_predict(&model, SL_MAX_POINTS + 1, &out, 0), SL_ERROR_TOO_LARGE, "SL_MAX_POINTS", "count SL_MAX_POINTS + 1");
    expect(sl_predict(&model, 0, &out, 0), SL_ERROR_INVALID_ARGUMENT, "count", "count 0");

    /* count 2^40 with NULL outputs ran without limit; now it is refused before any work. */
    sl_predictions none;
    sl_predictions_init(&none);
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    expect(sl_predict(&model, (size_t)1 << 40, &none, 0), SL_ERROR_TOO_LARGE, "SL_MAX_POINTS", "count 2^40, NULL outputs");
    if (seconds_since(start) > 1) {
        fprintf(stderr, "FAIL: count 2^40 took %.1f s to refuse\n", seconds_since(start));
        failures++;
    }
    expect(sl_exponents(&model, (size_t)-1, NULL, 0), SL_ERROR_TOO_LARGE, "SL_MAX_POINTS", "sl_exponents count (size_t)-1");
    sl_optimal_ridge_out ridge_out;
    sl_optimal_ridge_init(&ridge_out);
    expect(sl_optimal_ridge(&model, (size_t)1 << 63, &ridge_out, 0), SL_ERROR_TOO_LARGE, NULL, "sl_optimal_ridge count 2^63");
    sl_compute_optimal_out compute_out;
    sl_compute_optimal_init(&compute_out);
    double compute = 1e6;
    expect(sl_compute_optimal(&model, (sl_column){&compute, 1}, (size_t)-1, 0, &compute_out, 0), SL_ERROR_TOO_LARGE, NULL,
           "sl_compute_optimal count (size_t)-1");
    expect(sl_compute_optimal(&model, (sl_column){&compute, (size_t)-1}, 2, 0, &compute_out, 0),
           SL_ERROR_INVALID_ARGUMENT, "18446744073709551615", "compute column of length (size_t)-1");

    /* A column length of 2^64 - 1 is neither 1 nor count. */
    model.N = (sl_column){&N, (size_t)-1};
    expect(sl_predict(&model, 4, &out, 0), SL_ERROR_INVALID_ARGUMENT, "18446744073709551615", "column length (size_t)-1");
    model.N = (sl_column){&N, 1};

    /* Eigenvalue and teacher counts. */
    double eigenvalues[3] = {1, 0.5, 0.25}, power[3] = {1, 1, 1};
    sl_model list;
    sl_model_init(&list);
    list.eigenvalues = eigenvalues;
    list.eigenvalue_count = (size_t)1 << 63;
    list.N = (sl_column){&N, 1};
    list.P = (sl_column){&P, 1};
    expect(sl_predict(&list, 1, &out, 0), SL_ERROR_TOO_LARGE, "eigenvalue_count", "eigenvalue_count 2^63");
    list.eigenvalue_count = 0;
    expect(sl_predict(&list, 1, &out, 0), SL_ERROR_INVALID_ARGUMENT, "eigenvalue_count", "eigenvalue_count 0");
    list.eigenvalue_count = 3;
    list.teacher_power = power;
    list.teacher_power_count = (size_t)-1;
    expect(sl_predict(&list, 1, &out, 0), SL_ERROR_TOO_LARGE, "teacher_power_count", "teacher_power_count (size_t)-1");
    list.teacher_power_count = 2;
    expect(sl_predict(&list, 1, &out, 0), SL_ERROR_INVALID_ARGUMENT, NULL, "teacher_power of another length than M");
    list.teacher_power_count = 3;
    list.teacher_file = "/nonexistent/teacher.txt";
    expect(sl_predict(&list, 1, &out, 0), SL_ERROR_INVALID_ARGUMENT, "not both", "teacher_file and teacher_power");
    list.teacher_file = NULL;
    model.teacher_power = power;
    model.teacher_power_count = 3;
    expect(sl_predict(&model, 1, &out, 0), SL_ERROR_INVALID_ARGUMENT, "needs spectrum_file or eigenvalues",
           "teacher_power with a power-law spectrum");
    model.teacher_power = NULL;
    model.teacher_power_count = 0;

    /* Gradient-flow time: a bad time, and a time where the call does not read one. */
    double bad_time = -1, nan_time = NAN, t = 10;
    model.time = (sl_column){&bad_time, 1};
    expect(sl_predict(&model, 1, &out, 0), SL_ERROR_INVALID_ARGUMENT, "time", "time -1");
    model.time = (sl_column){&nan_time, 1};
    expect(sl_predict(&model, 1, &out, 0), SL_ERROR_INVALID_ARGUMENT, "time", "time NaN");
    model.time = (sl_column){&t, 1};
    sl_exponents_out exponents_out;
    sl_exponents_init(&exponents_out);
    expect(sl_exponents(&model, 1, &exponents_out, 0), SL_ERROR_INVALID_ARGUMENT, "time", "sl_exponents with a time");
    double infinite_M = INFINITY;
    model.M = (sl_column){&infinite_M, 1};
    expect_failure(sl_predict(&model, 1, &out, 0), "M", "gradient flow at M = INFINITY");
    model.M = (sl_column){&M, 1};

    /* Monte Carlo counts. */
    sl_simulation_options options;
    sl_simulation_options_init(&options);
    sl_simulation_result result;
    sl_simulation_result_init(&result);
    expect(sl_simulate(&model, &options, &result, NULL, 0), SL_ERROR_INVALID_ARGUMENT, "time", "sl_simulate with a time");
    model.time = (sl_column){NULL, 0};
    options.trials = (uint64_t)-1;
    expect(sl_simulate(&model, &options, &result, NULL, 0), SL_ERROR_TOO_LARGE, "negative", "trials (uint64_t)-1");
    options.trials = SL_MAX_TRIALS + 1;
    expect(sl_simulate(&model, &options, &result, NULL, 0), SL_ERROR_TOO_LARGE, "SL_MAX_TRIALS", "trials SL_MAX_TRIALS + 1");
    options.trials = 0;
    expect(sl_simulate(&model, &options, &result, NULL, 0), SL_ERROR_INVALID_ARGUMENT, "trials", "trials 0");
    options.trials = 8;
    options.test_samples = (uint64_t)1 << 63;
    expect(sl_simulate(&model, &options, &result, NULL, 0), SL_ERROR_TOO_LARGE, "test_samples", "test_samples 2^63");
    options.test_samples = 1000;
    double losses[8];
    /* losses_length (size_t)-1 used to read as -1 ("losses holds -1 values"); it is a long enough buffer. */
    expect(sl_simulate(&model, &options, &result, losses, (size_t)-1), SL_OK, NULL, "losses_length (size_t)-1");
    expect(sl_simulate(&model, &options, &result, losses, 7), SL_ERROR_INVALID_ARGUMENT, "holds 7 values",
           "losses_length below trials");
    sl_simulation_options zero_size = options;
    zero_size.struct_size = 0;
    expect(sl_simulate(&model, &zero_size, &result, NULL, 0), SL_ERROR_INVALID_ARGUMENT, "struct_size",
           "options with struct_size 0");
    expect(sl_simulate(&model, &options, NULL, NULL, 0), SL_ERROR_INVALID_ARGUMENT, "result is NULL", "NULL result");

    /* The nonlinear theory: a NULL activation returned SL_OK; now it is an error. */
    sl_nonlinear_options nonlinear;
    sl_nonlinear_options_init(&nonlinear);
    sl_nonlinear_predictions nonlinear_out;
    sl_nonlinear_predictions_init(&nonlinear_out);
    nonlinear_out.loss = loss;
    expect(sl_predict_nonlinear(&model, 1, &nonlinear, &nonlinear_out), SL_ERROR_INVALID_ARGUMENT, "activation",
           "sl_predict_nonlinear with a NULL activation");
    nonlinear.activation = "relu";
    nonlinear.draws = (uint64_t)-1;
    expect(sl_predict_nonlinear(&model, 1, &nonlinear, &nonlinear_out), SL_ERROR_TOO_LARGE, "SL_MAX_DRAWS", "draws (uint64_t)-1");
    nonlinear.draws = 2;
    expect(sl_predict_nonlinear(&model, (size_t)-1, &nonlinear, &nonlinear_out), SL_ERROR_TOO_LARGE, "SL_MAX_POINTS",
           "sl_predict_nonlinear count (size_t)-1");

    /* Feature spectrum. */
    sl_spectrum_options spectrum_options;
    sl_spectrum_options_init(&spectrum_options);
    double feature[10];
    spectrum_options.N = (uint64_t)-1;
    expect(sl_feature_spectrum(&model, &spectrum_options, feature, 10), SL_ERROR_TOO_LARGE, "SL_MAX_FEATURES", "N (uint64_t)-1");
    spectrum_options.N = 10;
    spectrum_options.samples = 1;
    expect(sl_feature_spectrum(&model, &spectrum_options, feature, 10), SL_ERROR_INVALID_ARGUMENT, "samples", "samples 1");
    spectrum_options.samples = (uint64_t)1 << 63;
    expect(sl_feature_spectrum(&model, &spectrum_options, feature, 10), SL_ERROR_TOO_LARGE, "samples", "samples 2^63");
    spectrum_options.samples = 2000;
    expect(sl_feature_spectrum(&model, &spectrum_options, feature, 9), SL_ERROR_INVALID_ARGUMENT, "holds 9", "capacity 9 < N");
    spectrum_options.exact = 1;
    expect(sl_feature_spectrum(&model, &spectrum_options, feature, (size_t)-1), SL_OK, NULL, "capacity (size_t)-1");

    /* Data sets. */
    double data[8] = {2, 1, 2, -1, -2, 1, -2, -1}, labels[4] = {1, 2, 3, 4};
    sl_data_input input;
    sl_data_input_init(&input);
    sl_dataset *dataset = (sl_dataset *)&input; /* must be reset to NULL on failure */
    expect(sl_dataset_open(&input, &dataset), SL_ERROR_INVALID_ARGUMENT, "data", "no data");
    if (dataset != NULL) {
        fprintf(stderr, "FAIL: a failed sl_dataset_open leaves *dataset non-NULL\n");
        failures++;
    }
    input.data = data;
    input.labels = labels;
    input.rows = (size_t)-1;
    input.columns = 2;
    expect(sl_dataset_open(&input, &dataset), SL_ERROR_TOO_LARGE, "rows", "rows (size_t)-1");
    input.rows = 4;
    input.columns = (size_t)1 << 63;
    expect(sl_dataset_open(&input, &dataset), SL_ERROR_TOO_LARGE, "columns", "columns 2^63");
    input.rows = (size_t)1 << 32;
    input.columns = (size_t)1 << 31;
    expect(sl_dataset_open(&input, &dataset), SL_ERROR_TOO_LARGE, "4294967296 x 2147483648", "rows x columns = 2^63 cells");
    input.rows = 1;
    input.columns = 2;
    expect(sl_dataset_open(&input, &dataset), SL_ERROR_INVALID_ARGUMENT, "rows", "one row");
    input.rows = 4;
    input.data_file = "/nonexistent/x.npy";
    expect(sl_dataset_open(&input, &dataset), SL_ERROR_INVALID_ARGUMENT, "exactly one", "data and data_file");
    input.data = NULL;
    expect(sl_dataset_open(&input, &dataset), SL_ERROR_UNREADABLE_FILE, "/nonexistent/x.npy", "missing data file");
    input.data = data;
    input.data_file = NULL;
    input.scale = 0;
    expect(sl_dataset_open(&input, &dataset), SL_ERROR_INVALID_ARGUMENT, "scale", "scale 0");
    input.scale = 1;
    double classes[1] = {7};
    input.positive_classes = classes;
    input.positive_class_count = 1;
    expect(sl_dataset_open(&input, &dataset), SL_ERROR_INVALID_ARGUMENT, "positive classes", "no label is positive");
    input.positive_classes = NULL;
    input.positive_class_count = 0;
    expect(sl_dataset_open(&input, NULL), SL_ERROR_INVALID_ARGUMENT, "dataset is NULL", "NULL dataset pointer");
    expect(sl_dataset_describe(NULL, NULL), SL_ERROR_INVALID_ARGUMENT, "dataset is NULL", "describe NULL");
    sl_dataset_free(NULL);
    expect(sl_dataset_open(&input, &dataset), SL_OK, NULL, "a valid 4 x 2 data set");
    if (dataset) {
        double spectrum[2];
        expect(sl_dataset_spectrum(dataset, spectrum, NULL, 1), SL_ERROR_INVALID_ARGUMENT, "M = 2", "capacity 1 < M");
        expect(sl_dataset_spectrum(dataset, NULL, NULL, 2), SL_ERROR_INVALID_ARGUMENT, "NULL", "both arrays NULL");
        sl_data_simulation_result data_result;
        sl_data_simulation_result_init(&data_result);
        double n2 = 2, p2 = 2;
        sl_model rows_model;
        sl_model_init(&rows_model);
        rows_model.N = (sl_column){&n2, 1};
        rows_model.P = (sl_column){&p2, 1};
        rows_model.alpha = (sl_column){&alpha, 1};
        options.trials = 4;
        expect(sl_simulate_data(dataset, &rows_model, &options, 0, &data_result, NULL, 0), SL_ERROR_INVALID_ARGUMENT,
               "alpha", "sl_simulate_data with alpha set");
        rows_model.alpha = (sl_column){NULL, 0};
        options.trials = 1;
        expect(sl_simulate_data(dataset, &rows_model, &options, 0, &data_result, NULL, 0), SL_ERROR_INVALID_ARGUMENT,
               "trials", "sl_simulate_data with one trial");
        options.trials = 4;
        double errors[4];
        expect(sl_simulate_data(dataset, &rows_model, &options, 0, &data_result, errors, 3), SL_ERROR_INVALID_ARGUMENT,
               "holds 3", "test_errors shorter than trials");
        expect(sl_simulate_data(dataset, &rows_model, &options, (uint64_t)-1, &data_result, NULL, 0), SL_ERROR_TOO_LARGE,
               "test_rows", "test_rows (uint64_t)-1");
        expect(sl_simulate_data(dataset, &rows_model, &options, 3, &data_result, NULL, 0), SL_ERROR_INVALID_ARGUMENT,
               NULL, "P + test_rows above the rows");
        sl_dataset_free(dataset);
    }

    if (failures) {
        fprintf(stderr, "%d of %d error-path check(s) failed\n", failures, cases);
        return 1;
    }
    printf("C interface: %d error paths return their documented status and message\n", cases);
    return 0;
}
