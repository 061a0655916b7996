/* sl_fit from C (Docs/Fitting.md): a noiseless Chinchilla-form law comes back,
 * bad runs are SL_ERROR_INVALID_ARGUMENT naming the row. Exit 0 on success. */
#include <string.h>

#include "check.h"

int main(void) {
    double N[36], D[36], loss[36];
    for (int i = 0; i < 6; i++) {
        for (int j = 0; j < 6; j++) {
            N[6 * i + j] = 1e7 * pow(10, i / 2.5);
            D[6 * i + j] = 1e9 * pow(10, j / 2.5);
            loss[6 * i + j] = 1.7 + 400 / pow(N[6 * i + j], 0.34) + 1200 / pow(D[6 * i + j], 0.28);
        }
    }
    sl_fit_options options;
    sl_fit_options_init(&options);
    options.small_grid = 1;
    options.resamples = 20;
    double value[SL_FIT_MAX_PARAMETERS], lower[SL_FIT_MAX_PARAMETERS], upper[SL_FIT_MAX_PARAMETERS];
    double objectives[100], parameters[100 * SL_FIT_MAX_PARAMETERS];
    char warnings[1024];
    sl_fit_result result;
    sl_fit_result_init(&result);
    result.value = value;
    result.lower = lower;
    result.upper = upper;
    result.start_capacity = 100;
    result.start_objectives = objectives;
    result.start_parameters = parameters;
    result.warnings = warnings;
    result.warnings_capacity = sizeof warnings;
    int status = sl_fit(36, N, D, loss, NULL, NULL, &options, &result);
    check_ok(status, "sl_fit");
    check(result.parameter_count == 5, "five parameters");
    check(fabs(value[3] - 0.34) < 1e-4 && fabs(value[4] - 0.28) < 1e-4, "alpha and beta recovered");
    check(fabs(value[0] - 1.7) < 1e-3, "E recovered");
    check(result.start_count == 72, "72 starts");
    check(fabs(result.exponent_a[0] - value[4] / (value[3] + value[4])) < 1e-12, "a = beta / (alpha + beta)");

    loss[7] = 0;
    status = sl_fit(36, N, D, loss, NULL, NULL, &options, &result);
    check(status == SL_ERROR_INVALID_ARGUMENT, "a zero loss is an invalid argument");
    check(strstr(sl_last_error(), "row 8") != NULL, "the message names row 8");
    check(sl_fit(36, NULL, D, loss, NULL, NULL, &options, &result) == SL_ERROR_INVALID_ARGUMENT, "NULL N");
    options.form = "power";
    loss[7] = 2.5;
    check(sl_fit(36, N, D, loss, NULL, NULL, &options, &result) == SL_ERROR_INVALID_ARGUMENT, "unknown form");
    return finish("check_fit: sl_fit recovers the law and rejects bad runs");
}
