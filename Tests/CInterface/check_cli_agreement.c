/*
 * sl_simulate_data gives the numbers of `scaling-laws simulate --data` for the
 * same files and seed, bit for bit (the header's promise, which the Python
 * package's seeds rely on): both run on a synthetic data set written as CSV,
 * the command's CSV output read back with strtod (it prints the shortest
 * representation that round-trips). The command's path is $SCALING_LAWS.
 * Built and run by `make test-c`.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"

/* The value of column `name` in the command's CSV (the first non-# line names the columns). */
static double column(char *header, char *values, const char *name) {
    char *h = header, *v = values;
    while (h && v) {
        size_t length = strcspn(h, ",\n");
        if (length == strlen(name) && strncmp(h, name, length) == 0) return strtod(v, NULL);
        h = strchr(h, ',');
        v = strchr(v, ',');
        if (h) h++;
        if (v) v++;
    }
    fprintf(stderr, "FAIL: no column %s in the command's output\n", name);
    failures++;
    return NAN;
}

int main(void) {
    const char *command = getenv("SCALING_LAWS");
    if (!command) {
        fprintf(stderr, "FAIL: set SCALING_LAWS to the scaling-laws executable\n");
        return 1;
    }
    csv_files csv;
    if (!csv_files_open(&csv)) return 1;
    FILE *x = csv.x, *y = csv.y;
    uint64_t state = 99;
    for (int mu = 0; mu < 1500; mu++) {
        double label = 0;
        for (int j = 0; j < 20; j++) {
            state = state * 6364136223846793005ULL + 1442695040888963407ULL;
            double value = ((double)(state >> 11) / 9007199254740992.0 - 0.5) * pow(j + 1.0, -0.75);
            fprintf(x, j ? ",%.17g" : "%.17g", value);
            label += value * (j % 3 == 0 ? 1.0 : -0.5);
        }
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        fprintf(x, "\n");
        fprintf(y, "%.17g\n", label + 0.1 * ((double)(state >> 11) / 9007199254740992.0 - 0.5));
    }

    sl_data_input input;
    csv_files_input(&csv, &input);
    sl_dataset *dataset = NULL;
    check_ok(sl_dataset_open(&input, &dataset), "sl_dataset_open from CSV files");
    double N = 15, P = 60, gamma = 1e-2;
    sl_model model;
    ridge_point(&model, &N, &P, &gamma);
    sl_simulation_options options;
    seeded_options(&options, 6, 11);
    sl_data_simulation_result r;
    sl_data_simulation_result_init(&r);
    check_ok(sl_simulate_data(dataset, &model, &options, 500, &r, NULL, 0), "sl_simulate_data");
    sl_dataset_free(dataset);

    char line[1024];
    snprintf(line, sizeof line, "'%s' simulate --data %s --labels %s --N 15 --P 60 --gamma 0.01 --trials 6 --seed 11 "
             "--test-rows 500 --format csv 2>/dev/null", command, csv.x_path, csv.y_path);
    FILE *output = popen(line, "r");
    static char header[8192], values[8192];
    header[0] = values[0] = '\0';
    while (output && fgets(line, sizeof line, output)) {
        if (line[0] == '#') continue;
        if (!header[0]) strcpy(header, line);
        else if (!values[0]) strcpy(values, line);
    }
    int status = output ? pclose(output) : -1;
    check(status == 0 && values[0], "scaling-laws simulate --data ran");
    if (values[0]) {
        const char *names[] = {"testError", "testErrorStandardError", "trainingError", "gcv", "theoryTestError"};
        double ours[] = {r.test_error, r.test_error_standard_error, r.training_error, r.gcv, r.theory_test_error};
        for (int k = 0; k < 5; k++) {
            double theirs = column(header, values, names[k]);
            if (ours[k] != theirs) {
                fprintf(stderr, "FAIL: %s: sl_simulate_data %.17g, scaling-laws simulate --data %.17g\n", names[k],
                        ours[k], theirs);
                failures++;
            }
        }
    }
    csv_files_remove(&csv);
    return finish("C interface: sl_simulate_data equals scaling-laws simulate --data bit for bit (test error %.6e)",
                  r.test_error);
}
