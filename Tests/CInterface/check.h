/*
 * What the C checks share: failure counting with messages, and the four
 * reference rows of Docs/Theory.md section 7 as one batch whose every
 * parameter varies per point.
 */
#ifndef SCALING_LAWS_CHECK_H
#define SCALING_LAWS_CHECK_H

#include <math.h>
#include <stdio.h>

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

#endif
