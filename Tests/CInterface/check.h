/*
 * What the C checks share: failure counting with messages, the four
 * reference rows of Docs/Theory.md section 7 as one batch whose every
 * parameter varies per point, and the set-up of one point, of seeded
 * simulation options and of a data set held in memory.
 */
#ifndef SCALING_LAWS_CHECK_H
#define SCALING_LAWS_CHECK_H

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "scaling_laws.h"

static int failures = 0;

static inline void check(int condition, const char *what) {
    if (!condition) {
        fprintf(stderr, "FAIL: %s\n", what);
        failures++;
    }
}

static inline void check_close(double value, double expected, double tolerance, const char *what) {
    double error = expected == 0 ? fabs(value) : fabs(value / expected - 1);
    if (!(error <= tolerance)) {
        fprintf(stderr, "FAIL: %s = %.12e, expected %.12e (relative error %.3e)\n", what, value, expected, error);
        failures++;
    }
}

static inline void check_ok(int status, const char *what) {
    if (status != SL_OK) {
        fprintf(stderr, "FAIL: %s: status %d: %s\n", what, status, sl_last_error());
        failures++;
    }
}

/* A check program's exit status: 0, with the printf-style `success` line on stdout, when no check
 * failed; else 1, with the count on stderr. */
__attribute__((format(printf, 1, 2))) static inline int finish(const char *success, ...) {
    if (failures) {
        fprintf(stderr, "%d check(s) failed\n", failures);
        return 1;
    }
    va_list arguments;
    va_start(arguments, success);
    vprintf(success, arguments);
    va_end(arguments);
    printf("\n");
    return 0;
}

/* Docs/Theory.md section 7. */
static const double S7_ALPHA[] = {1.0, 1.0, 0.5, 1.5};
static const double S7_LAMBDA_PLUS[] = {1.0, 1.0, 2.0, 1.0};
static const double S7_M[] = {1000, 1000, 3000, 500};
static const double S7_N[] = {100, 250, 400, 800};
static const double S7_P[] = {400, 250, 150, 1500};
static const double S7_GAMMA[] = {0, 1e-3, 1e-2, 0};
static const double S7_SIGMA_W2[] = {1, 1, 2, 1};
static const double S7_SIGMA_U2[] = {1, 1, 0.5, 1};
static const double S7_NOISE[] = {0, 0, 0.01, 0.001};
static const double S7_LOSS[] = {1.4932651045e-05, 8.6548341932e-06, 3.1078179155e-03, 2.5000000000e-04};
static const double S7_DELTA[] = {2.2398976567e-04, 9.7206654407e-05, 5.3596659720e-03, 0};

/* The four rows as one batch of count 4. */
static inline void section7_model(sl_model *model) {
    sl_model_init(model);
    model->alpha = (sl_column){S7_ALPHA, 4};
    model->lambda_plus = (sl_column){S7_LAMBDA_PLUS, 4};
    model->M = (sl_column){S7_M, 4};
    model->N = (sl_column){S7_N, 4};
    model->P = (sl_column){S7_P, 4};
    model->gamma = (sl_column){S7_GAMMA, 4};
    model->sigma_w2 = (sl_column){S7_SIGMA_W2, 4};
    model->sigma_u2 = (sl_column){S7_SIGMA_U2, 4};
    model->noise = (sl_column){S7_NOISE, 4};
}

/* One point of a power law: alpha, M, N, P (each a column of length 1), the rest at defaults. */
static inline void point_model(sl_model *model, const double *alpha, const double *M, const double *N, const double *P) {
    sl_model_init(model);
    model->alpha = (sl_column){alpha, 1};
    model->M = (sl_column){M, 1};
    model->N = (sl_column){N, 1};
    model->P = (sl_column){P, 1};
}

/* One point N, P, gamma (columns of length 1; the pointers are kept, not the values), the rest at defaults. */
static inline void ridge_point(sl_model *model, const double *N, const double *P, const double *gamma) {
    sl_model_init(model);
    model->N = (sl_column){N, 1};
    model->P = (sl_column){P, 1};
    model->gamma = (sl_column){gamma, 1};
}

/* Simulation options with `trials` trials from `seed`, the rest at defaults. */
static inline void seeded_options(sl_simulation_options *options, uint64_t trials, uint64_t seed) {
    sl_simulation_options_init(options);
    options->trials = trials;
    options->seed = seed;
}

/* A data set held in memory: `rows` x `columns` entries row-major and one label per row. */
static inline void rows_input(sl_data_input *input, const double *data, size_t rows, size_t columns,
                              const double *labels) {
    sl_data_input_init(input);
    input->data = data;
    input->rows = rows;
    input->columns = columns;
    input->labels = labels;
}

/* A data set as two CSV files, x.csv and y.csv, in a new temporary directory. */
typedef struct csv_files {
    char directory[64];
    char x_path[256], y_path[256];
    FILE *x, *y; /* open for writing until csv_files_input */
} csv_files;

/* Makes the directory and opens both files for writing; 0 (and a failure counted) if any step fails. */
static inline int csv_files_open(csv_files *files) {
    snprintf(files->directory, sizeof files->directory, "/tmp/scaling-laws-c-XXXXXX");
    files->x = files->y = NULL;
    if (!mkdtemp(files->directory)) {
        check(0, "a temporary directory");
        return 0;
    }
    snprintf(files->x_path, sizeof files->x_path, "%s/x.csv", files->directory);
    snprintf(files->y_path, sizeof files->y_path, "%s/y.csv", files->directory);
    files->x = fopen(files->x_path, "w");
    files->y = fopen(files->y_path, "w");
    check(files->x && files->y, "x.csv and y.csv open for writing");
    return files->x && files->y;
}

/* Closes both files and points `input` (initialized here) at them. */
static inline void csv_files_input(csv_files *files, sl_data_input *input) {
    if (files->x) fclose(files->x);
    if (files->y) fclose(files->y);
    files->x = files->y = NULL;
    sl_data_input_init(input);
    input->data_file = files->x_path;
    input->labels_file = files->y_path;
}

/* Removes both files and the directory. */
static inline void csv_files_remove(const csv_files *files) {
    remove(files->x_path);
    remove(files->y_path);
    rmdir(files->directory);
}

#endif
