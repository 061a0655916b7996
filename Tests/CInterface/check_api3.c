/*
 * The additions of API version 3 checked from C against independent routes:
 * test_error against Docs/Theory.md section 7's reference losses plus
 * sigma_eps^2/2; a teacher given as an array against section 8's reference
 * values; the gradient-flow time against its closed-form ends (t = 0 is the
 * zero predictor L0, t -> infinity with gamma > 0 is section 7's ridge loss)
 * and section 10's table; a data set against a hand-worked one and its CSV
 * files; simulations on real rows against the theory within 4 standard
 * errors, bit-identical across thread counts. Built and run by `make test-c`.
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"

/* A seeded Gaussian stream for the synthetic data set (xorshift64*, Box-Muller). */
static uint64_t rng_state = 2026;
static double uniform(void) {
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return ((rng_state * 2685821657736338717ULL) >> 11) * (1.0 / 9007199254740992.0);
}
static double gaussian(void) {
    double u = uniform(), v = uniform();
    return sqrt(-2 * log(u > 0 ? u : 1e-300)) * cos(2 * M_PI * v);
}

static void test_error_and_teacher_array(void) {
    /* Section 7: test_error = <L> + sigma_eps^2 / 2 with the reference <L>. */
    sl_model model;
    section7_model(&model);
    double test_error[4];
    sl_predictions out;
    sl_predictions_init(&out);
    out.test_error = test_error;
    check_ok(sl_predict(&model, 4, &out, 2), "sl_predict test_error");
    for (int i = 0; i < 4; i++) check_close(test_error[i], S7_LOSS[i] + S7_NOISE[i] / 2, 1e-8, "section 7 test_error");

    /* Section 8 row 1 with the teacher as an array: omega_I = sigma_w^2 t_I, t_I = I^-beta / M. */
    static double eigenvalues[1000], power[1000];
    for (int i = 0; i < 1000; i++) {
        eigenvalues[i] = pow(i + 1.0, -2.0);
        power[i] = pow(i + 1.0, -0.5) / 1000;
    }
    double n = 100, p = 400, g = 1e-3, loss, train;
    sl_model list;
    ridge_point(&list, &n, &p, &g);
    list.eigenvalues = eigenvalues;
    list.eigenvalue_count = 1000;
    list.teacher_power = power;
    list.teacher_power_count = 1000;
    sl_predictions t_out;
    sl_predictions_init(&t_out);
    t_out.loss = &loss;
    t_out.training_error = &train;
    check_ok(sl_predict(&list, 1, &t_out, 1), "sl_predict with teacher_power");
    check_close(loss, 2.3623711272e-06, 1e-8, "section 8 row 1 loss, teacher as an array");
    check_close(train, 1.4299861053e-06, 1e-8, "section 8 row 1 training error, teacher as an array");
}

/* A program compiled against API 2: its sl_model ends before teacher_power and
 * its sl_predictions before test_error; what lies past struct_size (here
 * pointers that must never be followed) is neither read nor written. */
static void api2_caller(void) {
    sl_model model;
    section7_model(&model);
    model.struct_size = offsetof(sl_model, teacher_power);
    model.teacher_power = (const double *)0x1;
    model.teacher_power_count = 7;
    model.time = (sl_column){(const double *)0x1, 99};
    double loss[4];
    sl_predictions out;
    sl_predictions_init(&out);
    out.struct_size = offsetof(sl_predictions, test_error);
    out.loss = loss;
    out.test_error = (double *)0x1;
    check_ok(sl_predict(&model, 4, &out, 2), "an API 2 caller's sl_model and sl_predictions");
    for (int i = 0; i < 4; i++) check_close(loss[i], S7_LOSS[i], 1e-8, "section 7 loss through API 2 structs");
}

static void gradient_flow(void) {
    /* t = 0: the zero predictor, L0 = (sigma_w^2 / 2M) sum_I lambda_I (row 1 of section 7). */
    double alpha = 1, M = 1000, N = 100, P = 400, zero = 0;
    sl_model model;
    point_model(&model, &alpha, &M, &N, &P);
    model.time = (sl_column){&zero, 1};
    double loss, relative, delta, l0;
    int32_t summation, regime;
    sl_predictions out;
    sl_predictions_init(&out);
    out.loss = &loss;
    out.relative_loss = &relative;
    out.delta = &delta;
    out.zero_predictor_loss = &l0;
    out.summation = &summation;
    out.regime = &regime;
    check_ok(sl_predict(&model, 1, &out, 1), "gradient flow at t = 0");
    double sum = 0;
    for (int i = 1000; i >= 1; i--) sum += pow(i, -2.0);
    check_close(loss, sum / 2000, 1e-12, "L(0) = L0");
    check_close(relative, 1, 1e-12, "L(0) / L0 = 1");
    check(isnan(delta) && summation == -1, "delta NaN and summation -1 at a finite time");
    check(regime == SL_REGIME_UNDERPARAMETERIZED, "regime at a finite time");

    /* t -> infinity with gamma > 0: section 7 rows 2 and 3 at t = 1e8 (gamma t / P >= 4e2), in one
     * batch with rows 1 and 4 at t = INFINITY (the static theory). */
    double t[] = {INFINITY, 1e8, 1e8, INFINITY}, late[4], test_error[4];
    sl_model rows;
    section7_model(&rows);
    rows.time = (sl_column){t, 4};
    sl_predictions late_out;
    sl_predictions_init(&late_out);
    late_out.loss = late;
    late_out.test_error = test_error;
    check_ok(sl_predict(&rows, 4, &late_out, 2), "gradient flow at t = 1e8 and INFINITY");
    for (int i = 0; i < 4; i++) {
        check_close(late[i], S7_LOSS[i], isinf(t[i]) ? 1e-8 : 1e-6, "L(1e8) and L(inf) = section 7 loss");
        check_close(test_error[i], S7_LOSS[i] + S7_NOISE[i] / 2, isinf(t[i]) ? 1e-8 : 1e-6, "test error at t = 1e8, inf");
    }

    /* Section 10's table: N = 100, P = 300, M = 400, gamma = 0, L(1 / 1e2 / 1e4) (5 digits). */
    double M2 = 400, N2 = 100, P2 = 300, times[] = {1, 1e2, 1e4, INFINITY}, curve[4];
    double table[] = {1.5148e-3, 1.7283e-4, 3.7266e-5};
    model.M = (sl_column){&M2, 1};
    model.N = (sl_column){&N2, 1};
    model.P = (sl_column){&P2, 1};
    model.time = (sl_column){times, 4};
    sl_predictions curve_out;
    sl_predictions_init(&curve_out);
    curve_out.loss = curve;
    check_ok(sl_predict(&model, 4, &curve_out, 2), "a learning curve in one batch");
    for (int i = 0; i < 3; i++) check_close(curve[i], table[i], 5e-5, "section 10 table");
    model.time = (sl_column){NULL, 0};
    double ridgeless;
    curve_out.loss = &ridgeless;
    check_ok(sl_predict(&model, 1, &curve_out, 1), "static theory");
    check_close(curve[3], ridgeless, 1e-12, "t = INFINITY is the static theory");
}

/* The hand-worked data set: x1 = a (1, 1, -1, -1), x2 = b (1, -1, 1, -1), y = w1 x1 + w2 x2 + c (1, -1, -1, 1):
 * covariance diag(a^2, b^2), teacher power (w1^2, w2^2), residual c^2, Var(y) = w1^2 a^2 + w2^2 b^2 + c^2. */
static const double A = 2, B = 1, W1 = 0.5, W2 = -1.5, C = 0.3;

static void check_hand_worked(const sl_dataset *dataset, const char *how) {
    sl_dataset_summary s;
    sl_dataset_summary_init(&s);
    check_ok(sl_dataset_describe(dataset, &s), how);
    char what[128];
    snprintf(what, sizeof what, "%s: n, d, M, dropped", how);
    check(s.rows == 4 && s.columns == 2 && s.latent_dimension == 2 && s.dropped == 0, what);
    snprintf(what, sizeof what, "%s: residual variance", how);
    /* The unbiased estimate: sum eps^2 / (n - M - 1) = 4 C^2 / (4 - 2 - 1). */
    check_close(s.residual_variance, 4 * C * C, 1e-12, what);
    snprintf(what, sizeof what, "%s: target variance", how);
    check_close(s.target_variance, W1 * W1 * A * A + W2 * W2 * B * B + C * C, 1e-12, what);
    snprintf(what, sizeof what, "%s: trace", how);
    check_close(s.trace, A * A + B * B, 1e-12, what);
    snprintf(what, sizeof what, "%s: no fit with M < 3", how);
    check(isnan(s.alpha) && isnan(s.beta) && s.fit_first == 0, what);
    double lambda[2], omega[2];
    check_ok(sl_dataset_spectrum(dataset, lambda, omega, 2), how);
    snprintf(what, sizeof what, "%s: eigenvalues and teacher power", how);
    check_close(lambda[0], A * A, 1e-12, what);
    check_close(lambda[1], B * B, 1e-12, what);
    check_close(omega[0], W1 * W1, 1e-12, what);
    check_close(omega[1], W2 * W2, 1e-12, what);
}

static void data_sets(void) {
    double x1[] = {A, A, -A, -A}, x2[] = {B, -B, B, -B}, e[] = {C, -C, -C, C}, data[8], labels[4];
    for (int mu = 0; mu < 4; mu++) {
        data[2 * mu] = x1[mu];
        data[2 * mu + 1] = x2[mu];
        labels[mu] = 5 + W1 * x1[mu] + W2 * x2[mu] + e[mu]; /* the mean 5 is centred away */
    }
    sl_data_input input;
    rows_input(&input, data, 4, 2, labels);
    sl_dataset *dataset = NULL;
    check_ok(sl_dataset_open(&input, &dataset), "sl_dataset_open from arrays");
    if (dataset) check_hand_worked(dataset, "arrays");
    sl_dataset_free(dataset);

    /* The same data set from CSV files, with every entry doubled and scale = 1/2. */
    csv_files csv;
    if (csv_files_open(&csv)) {
        for (int mu = 0; mu < 4; mu++) {
            fprintf(csv.x, "%.17g,%.17g\n", 2 * data[2 * mu], 2 * data[2 * mu + 1]);
            fprintf(csv.y, "%.17g\n", labels[mu]);
        }
    }
    sl_data_input files;
    csv_files_input(&csv, &files);
    files.scale = 0.5;
    check_ok(sl_dataset_open(&files, &dataset), "sl_dataset_open from CSV files");
    if (dataset) check_hand_worked(dataset, "CSV files, scale 1/2");
    sl_dataset_free(dataset);
    csv_files_remove(&csv);

    /* Classes: labels 0..3, positive {1, 3}: targets -1, +1, -1, +1, Var(y) = 1. */
    double classes[] = {0, 1, 2, 3}, positive[] = {1, 3};
    input.labels = classes;
    input.positive_classes = positive;
    input.positive_class_count = 2;
    check_ok(sl_dataset_open(&input, &dataset), "sl_dataset_open with positive classes");
    sl_dataset_summary s;
    sl_dataset_summary_init(&s);
    if (dataset) {
        check_ok(sl_dataset_describe(dataset, &s), "describe with classes");
        check_close(s.target_variance, 1, 1e-12, "+-1 targets have variance 1");
    }
    sl_dataset_free(dataset);
}

static void simulations_on_rows(void) {
    /* Gaussian rows with lambda_j = j^-1.5 along the axes, y = w.x + eps, w_j ~ N(0, 1/d), noise 0.05. */
    enum { d = 80, n = 8000 };
    static double data[n * d], labels[n];
    double w[d], root[d];
    for (int j = 0; j < d; j++) {
        root[j] = pow(j + 1.0, -0.75);
        w[j] = gaussian() / sqrt((double)d);
    }
    for (int mu = 0; mu < n; mu++) {
        double y = 0;
        for (int j = 0; j < d; j++) {
            data[mu * d + j] = gaussian() * root[j];
            y += w[j] * data[mu * d + j];
        }
        labels[mu] = y + sqrt(0.05) * gaussian();
    }
    sl_data_input input;
    rows_input(&input, data, n, d, labels);
    sl_dataset *dataset = NULL;
    check_ok(sl_dataset_open(&input, &dataset), "sl_dataset_open on synthetic rows");
    if (!dataset) return;
    sl_dataset_summary s;
    sl_dataset_summary_init(&s);
    check_ok(sl_dataset_describe(dataset, &s), "describe synthetic rows");
    check(s.latent_dimension == d, "all directions kept");
    /* The fitted spectral exponent: lambda_j = j^-1.5 is alpha = 0.5, within 4 of its standard errors. */
    check(fabs(s.alpha - 0.5) < 4 * s.alpha_standard_error + 0.05, "fitted alpha near 0.5");

    double N = 40, P = 160, gamma = 1e-2;
    sl_model model;
    ridge_point(&model, &N, &P, &gamma);
    sl_simulation_options options;
    seeded_options(&options, 32, 11);
    options.threads = 2;
    sl_data_simulation_result r;
    sl_data_simulation_result_init(&r);
    double errors[32], errors_one_thread[32];
    check_ok(sl_simulate_data(dataset, &model, &options, 2000, &r, errors, 32), "sl_simulate_data");
    double z = (r.test_error - r.theory_test_error) / r.test_error_standard_error;
    fprintf(stderr, "  rows: test error %.5e +- %.2e, theory %.5e (z = %.2f), %llu trials x %llu test rows\n", r.test_error,
            r.test_error_standard_error, r.theory_test_error, z, (unsigned long long)r.trials,
            (unsigned long long)r.test_rows);
    check(fabs(z) < 4, "simulation on rows within 4 standard errors of the theory");
    check(r.trials == 32 && r.test_rows == 2000, "trials and test rows reported");
    double sum = 0;
    for (int k = 0; k < 32; k++) sum += errors[k];
    check_close(sum / 32, r.test_error, 1e-12, "mean of the per-trial test errors");
    options.threads = 1;
    check_ok(sl_simulate_data(dataset, &model, &options, 2000, &r, errors_one_thread, 32), "sl_simulate_data, 1 thread");
    check(memcmp(errors, errors_one_thread, sizeof errors) == 0, "per-trial test errors bit-identical on 1 and 2 threads");

    /* The documented prediction recipe: sl_predict on the data set's spectrum, teacher and noise. */
    double lambda[d], omega[d], one = 1, test_error;
    check_ok(sl_dataset_spectrum(dataset, lambda, omega, d), "sl_dataset_spectrum");
    sl_model theory;
    ridge_point(&theory, &N, &P, &gamma);
    theory.eigenvalues = lambda;
    theory.eigenvalue_count = d;
    theory.teacher_power = omega;
    theory.teacher_power_count = d;
    theory.sigma_w2 = (sl_column){&one, 1};
    theory.noise = (sl_column){&s.residual_variance, 1};
    sl_predictions out;
    sl_predictions_init(&out);
    out.test_error = &test_error;
    check_ok(sl_predict(&theory, 1, &out, 1), "sl_predict on the data set's spectrum and teacher");
    check_close(test_error, r.theory_test_error, 1e-12, "sl_predict test_error = sl_simulate_data's theory");
    sl_dataset_free(dataset);
}

int main(void) {
    test_error_and_teacher_array();
    api2_caller();
    gradient_flow();
    data_sets();
    simulations_on_rows();
    return finish("C interface API 3: test_error, teacher arrays, gradient-flow time, data sets and simulations on rows OK");
}
