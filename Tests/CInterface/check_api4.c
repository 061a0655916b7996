/*
 * The additions of API version 4 to the data sets, from C: the fit window of
 * sl_data_input and the noise estimates of sl_dataset_summary against
 * independent routes (a hand-worked data set whose in-sample, unbiased and
 * leave-one-out residuals are known in closed form; the exponents refitted
 * here by least squares over the window; `scaling-laws dataset --fit-window`'s
 * dataset.json, bit for bit), bad windows refused, and a program compiled
 * against API 3 (structs ending before the new fields) unaffected. The
 * executable's path is $SCALING_LAWS. Built and run by `make test-c`.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"

/* The hand-worked data set of check_api3.c: x1 = a (1, 1, -1, -1), x2 = b (1, -1, 1, -1),
 * y = w1 x1 + w2 x2 + c (1, -1, -1, 1). */
static const double A = 2, B = 1, W1 = 0.5, W2 = -1.5, C = 0.3;

/* Opens the data set and describes it into `summary` (prepared by the caller); NULL, with the failure
 * counted, if either call fails. */
static sl_dataset *open_described(const sl_data_input *input, sl_dataset_summary *summary, const char *what) {
    sl_dataset *dataset = NULL;
    int status = sl_dataset_open(input, &dataset);
    if (status == SL_OK) status = sl_dataset_describe(dataset, summary);
    check_ok(status, what);
    if (status != SL_OK) {
        sl_dataset_free(dataset);
        return NULL;
    }
    return dataset;
}

static void hand_worked(void) {
    double data[8], labels[4], e[] = {C, -C, -C, C};
    for (int mu = 0; mu < 4; mu++) {
        data[2 * mu] = A * (mu < 2 ? 1 : -1);
        data[2 * mu + 1] = B * (mu % 2 ? -1 : 1);
        labels[mu] = 5 + W1 * data[2 * mu] + W2 * data[2 * mu + 1] + e[mu];
    }
    sl_data_input input;
    rows_input(&input, data, 4, 2, labels);
    sl_dataset_summary s;
    sl_dataset_summary_init(&s);
    sl_dataset *dataset = open_described(&input, &s, "sl_dataset_open and describe, hand-worked");
    if (!dataset) return;
    /* The residual is exactly c (1, -1, -1, 1): sum eps^2 = 4 c^2 over n = 4 rows, n - M - 1 = 1. */
    check_close(s.noise_in_sample, C * C, 1e-12, "in-sample noise = sum eps^2 / n");
    check_close(s.noise_unbiased, 4 * C * C, 1e-12, "unbiased noise = sum eps^2 / (n - M - 1)");
    check(s.noise_unbiased == s.residual_variance, "residual_variance is the unbiased estimate");
    /* Every |eps| equal: sample kurtosis 1, so the standard error unbiased sqrt((kappa - 1) / 1) is 0. */
    check(fabs(s.noise_standard_error) <= 1e-12 * s.noise_unbiased, "standard error 0 for residuals of one size");
    /* Ten folds of four rows: each row held out alone. Refitted without intercept on the other three,
     * its error is the leave-one-out residual eps / (1 - h) with leverage h = a^2/(4a^2) + b^2/(4b^2) = 1/2:
     * (2c)^2 on every row. */
    check_close(s.noise_held_out, 4 * C * C, 1e-12, "held-out noise = mean (eps / (1 - h))^2");
    sl_dataset_free(dataset);
}

/* Gaussian rows with lambda_j = j^-1.5 along the axes, y = w.x + eps: written as CSV for the command too. */
enum { ROWS = 1200, COLUMNS = 48 };

static uint64_t state = 404;
static double uniform(void) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return ((double)(state >> 11) + 0.5) / 9007199254740992.0;
}
static double gaussian(void) { return sqrt(-2 * log(uniform())) * cos(2 * M_PI * uniform()); }

/* The value after "name": in the command's dataset.json. */
static double json_number(const char *json, const char *name) {
    char key[64];
    snprintf(key, sizeof key, "\"%s\"", name);
    const char *at = strstr(json, key);
    if (!at) {
        fprintf(stderr, "FAIL: no %s in dataset.json\n", name);
        failures++;
        return NAN;
    }
    at = strchr(at + strlen(key), ':') + 1;
    while (*at == ' ') at++;
    return strncmp(at, "null", 4) == 0 ? NAN : strtod(at, NULL);
}

/* The exponent -slope of log values[i-1] against log i over first..last, by least squares. */
static double refitted_exponent(const double *values, uint64_t first, uint64_t last) {
    double sx = 0, sy = 0, sxx = 0, sxy = 0, k = (double)(last - first + 1);
    for (uint64_t i = first; i <= last; i++) {
        double x = log((double)i), y = log(values[i - 1]);
        sx += x;
        sy += y;
        sxx += x * x;
        sxy += x * y;
    }
    return -(k * sxy - sx * sy) / (k * sxx - sx * sx);
}

static void fit_window_and_command(void) {
    static double data[ROWS * COLUMNS], labels[ROWS];
    double w[COLUMNS];
    for (int j = 0; j < COLUMNS; j++) w[j] = gaussian() * pow(j + 1.0, -0.5);
    for (int mu = 0; mu < ROWS; mu++) {
        double y = 0;
        for (int j = 0; j < COLUMNS; j++) {
            data[mu * COLUMNS + j] = gaussian() * pow(j + 1.0, -0.75);
            y += w[j] * data[mu * COLUMNS + j];
        }
        labels[mu] = y + 0.2 * gaussian();
    }
    csv_files csv;
    if (!csv_files_open(&csv)) return;
    char out_path[256], json_path[300];
    snprintf(out_path, sizeof out_path, "%s/out", csv.directory);
    snprintf(json_path, sizeof json_path, "%s/dataset.json", out_path);
    for (int mu = 0; mu < ROWS; mu++) {
        for (int j = 0; j < COLUMNS; j++) fprintf(csv.x, j ? ",%.17g" : "%.17g", data[mu * COLUMNS + j]);
        fprintf(csv.x, "\n");
        fprintf(csv.y, "%.17g\n", labels[mu]);
    }

    sl_data_input input;
    csv_files_input(&csv, &input);
    check(input.fit_first == 0 && input.fit_last == 0, "the default window is 0..0 after sl_data_input_init");
    input.fit_first = 3;
    input.fit_last = 30;
    sl_dataset_summary s;
    sl_dataset_summary_init(&s);
    sl_dataset *dataset = open_described(&input, &s, "sl_dataset_open and describe with fit window 3..30");
    if (!dataset) return;
    check(s.fit_first == 3 && s.fit_last == 30, "the requested window is the one fitted");
    double lambda[COLUMNS], omega[COLUMNS];
    check_ok(sl_dataset_spectrum(dataset, lambda, omega, COLUMNS), "sl_dataset_spectrum");
    check_close(s.alpha, refitted_exponent(lambda, 3, 30) - 1, 1e-10, "alpha refitted over 3..30");
    check_close(s.beta, refitted_exponent(omega, 3, 30), 1e-10, "beta refitted over 3..30");
    check(s.noise_in_sample < s.noise_unbiased && s.noise_unbiased < s.noise_held_out,
          "in-sample < unbiased < held-out (the held-out one carries the refit's own error)");
    check(s.noise_standard_error > 0 && s.noise_standard_error < s.noise_unbiased, "a standard error below the estimate");
    sl_dataset_summary again;
    sl_dataset_summary_init(&again);
    check_ok(sl_dataset_describe(dataset, &again), "describe twice");
    check(again.noise_held_out == s.noise_held_out, "the held-out estimate is kept");
    sl_dataset_free(dataset);

    /* The default window of the same data set: 10..M/2 = 10..24. */
    input.fit_first = input.fit_last = 0;
    sl_dataset_summary d;
    sl_dataset_summary_init(&d);
    dataset = open_described(&input, &d, "sl_dataset_open and describe, default window");
    if (dataset) {
        check(d.fit_first == 10 && d.fit_last == COLUMNS / 2, "the default window 10..M/2");
        check(d.noise_held_out == s.noise_held_out, "the window does not touch the noise");
        sl_dataset_free(dataset);
    }

    /* `scaling-laws dataset --fit-window 3:30` on the same files writes the same numbers. */
    const char *command = getenv("SCALING_LAWS");
    check(command != NULL, "SCALING_LAWS names the scaling-laws executable");
    if (command) {
        char line[1200];
        snprintf(line, sizeof line, "'%s' dataset --data %s --labels %s --fit-window 3:30 --output %s >/dev/null 2>&1",
                 command, csv.x_path, csv.y_path, out_path);
        check(system(line) == 0, "scaling-laws dataset --fit-window 3:30 ran");
        static char json[1 << 16];
        FILE *f = fopen(json_path, "r");
        size_t length = f ? fread(json, 1, sizeof json - 1, f) : 0;
        json[length] = '\0';
        if (f) fclose(f);
        const char *names[] = {"noiseInSample", "noiseUnbiased", "noiseStandardError", "noiseHeldOut",
                               "spectralExponent", "teacherExponent", "fitFrom", "fitTo"};
        double ours[] = {s.noise_in_sample, s.noise_unbiased, s.noise_standard_error, s.noise_held_out,
                         1 + s.alpha, s.beta, (double)s.fit_first, (double)s.fit_last};
        for (int k = 0; k < 8; k++) {
            double theirs = json_number(json, names[k]);
            if (k == 4) {
                /* 1 + alpha against the command's 1 + alpha = -slope: one rounding apart. */
                check_close(ours[k], theirs, 4e-16, "spectralExponent = 1 + alpha");
            } else if (ours[k] != theirs) {
                fprintf(stderr, "FAIL: %s: sl_dataset_describe %.17g, dataset.json %.17g\n", names[k], ours[k], theirs);
                failures++;
            }
        }
        const char *files[] = {"dataset.json", "spectrum.txt", "teacher.txt", "noise.txt", "dataset.svg"};
        for (int k = 0; k < 5; k++) {
            snprintf(line, sizeof line, "%s/%s", out_path, files[k]);
            remove(line);
        }
        rmdir(out_path);
    }

    /* Bad windows are refused (past M once the data are read) and leave *dataset NULL. */
    uint64_t bad[][2] = {{5, 5}, {0, 10}, {7, 3}, {3, COLUMNS + 1}};
    for (int k = 0; k < 4; k++) {
        input.fit_first = bad[k][0];
        input.fit_last = bad[k][1];
        dataset = (sl_dataset *)0x1;
        char what[96];
        snprintf(what, sizeof what, "fit window %llu..%llu refused", (unsigned long long)bad[k][0],
                 (unsigned long long)bad[k][1]);
        check(sl_dataset_open(&input, &dataset) == SL_ERROR_INVALID_ARGUMENT && dataset == NULL, what);
        check(strstr(sl_last_error(), "fit_") != NULL, "the message names the fit window");
    }
    csv_files_remove(&csv);
}

/* A program compiled against API 3: its sl_data_input ends before fit_first, its sl_dataset_summary
 * before noise_in_sample. What lies past struct_size is neither read (a window that would be refused)
 * nor written (the sentinels survive). */
static void api3_caller(void) {
    double data[] = {1, 0, -1, 0.5, 0, -0.5, 2, 1}, labels[] = {1, -1, 0.5, 0};
    sl_data_input input;
    rows_input(&input, data, 4, 2, labels);
    input.struct_size = offsetof(sl_data_input, fit_first);
    input.fit_first = 7;
    input.fit_last = 3;
    sl_dataset_summary s;
    sl_dataset_summary_init(&s);
    s.struct_size = offsetof(sl_dataset_summary, noise_in_sample);
    s.noise_in_sample = s.noise_unbiased = s.noise_standard_error = s.noise_held_out = -42;
    sl_dataset *dataset = open_described(&input, &s, "an API 3 caller's sl_data_input and sl_dataset_summary");
    if (!dataset) return;
    check(s.rows == 4 && s.columns == 2, "sizes through API 3 structs");
    check(s.noise_in_sample == -42 && s.noise_unbiased == -42 && s.noise_standard_error == -42 &&
          s.noise_held_out == -42, "nothing written past an API 3 summary's struct_size");
    sl_dataset_free(dataset);
}

int main(void) {
    check(SL_API_VERSION == 4 && sl_api_version() == SL_API_VERSION, "API version 4 in the header and the library");
    check(strstr(sl_version(), "(API 4)") != NULL, "sl_version names API 4");
    hand_worked();
    fit_window_and_command();
    api3_caller();
    return finish("C interface API 4: data-set fit window and noise estimates (equal to scaling-laws dataset's), "
                  "API 3 callers unaffected OK");
}
