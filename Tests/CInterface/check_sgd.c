/*
 * One-pass SGD through the C interface (sl_predict_sgd, sl_simulate_sgd;
 * Docs/Theory.md section 12): R = 0 is the zero
 * predictor, a batch broadcasts, direct SGD agrees with the theory within 4
 * standard errors and is the same on 1 and 2 threads, and bad input returns
 * SL_ERROR_INVALID_ARGUMENT with a message. Built and run by `make test-c`.
 */
#include <string.h>

#include "check.h"

int main(void) {
    double alpha = 1, M = 400, N = 100;
    sl_model model;
    sl_model_init(&model);
    model.alpha = (sl_column){&alpha, 1};
    model.M = (sl_column){&M, 1};
    model.N = (sl_column){&N, 1};

    /* Three step counts at two batch sizes, broadcast from columns of length 3 and 1. */
    double steps[] = {0, 10, 1000}, batch = 4, rate = 1;
    sl_sgd_schedule schedule;
    sl_sgd_schedule_init(&schedule);
    schedule.batch_size = (sl_column){&batch, 1};
    schedule.learning_rate = (sl_column){&rate, 1};
    schedule.steps = (sl_column){steps, 3};
    double loss[3], relative[3], seen[3], edge[3];
    sl_sgd_predictions out;
    sl_sgd_predictions_init(&out);
    out.loss = loss;
    out.relative_loss = relative;
    out.samples_seen = seen;
    out.largest_stable_learning_rate = edge;
    check_ok(sl_predict_sgd(&model, &schedule, 3, &out, 0), "sl_predict_sgd");
    check(fabs(relative[0] - 1) < 1e-12, "R = 0 is the zero predictor");
    check(loss[2] < loss[1] && loss[1] < loss[0], "the loss falls along the steps");
    check(seen[2] == 4000, "samples_seen = B R");
    check(edge[0] > rate && edge[0] == edge[2], "one stability edge above eta");

    /* Direct SGD against the theory, and bit-identical across threads. */
    uint64_t recorded[] = {10, 300};
    double mean[2], error[2], theory[2], mean2[2];
    sl_simulation_options options;
    seeded_options(&options, 24, 2);
    options.threads = 1;
    check_ok(sl_simulate_sgd(&model, 4, 1.0, recorded, 2, &options, mean, error, theory), "sl_simulate_sgd");
    for (int j = 0; j < 2; j++) check(fabs(mean[j] - theory[j]) < 4 * error[j], "direct SGD within 4 standard errors");
    options.threads = 2;
    check_ok(sl_simulate_sgd(&model, 4, 1.0, recorded, 2, &options, mean2, NULL, NULL), "2 threads");
    check(memcmp(mean, mean2, sizeof mean) == 0, "bit-identical on 1 and 2 threads");

    /* Bad input. */
    double zero = 0, huge = 10 * edge[0], P = 100;
    schedule.learning_rate = (sl_column){&zero, 1};
    check(sl_predict_sgd(&model, &schedule, 3, &out, 0) == SL_ERROR_INVALID_ARGUMENT, "eta = 0 is refused");
    schedule.learning_rate = (sl_column){&huge, 1};
    check(sl_predict_sgd(&model, &schedule, 3, &out, 0) == SL_ERROR_INVALID_ARGUMENT
          && strstr(sl_last_error(), "stability edge") != NULL, "an unstable eta names the edge");
    schedule.learning_rate = (sl_column){&rate, 1};
    batch = 0;
    check(sl_predict_sgd(&model, &schedule, 3, &out, 0) == SL_ERROR_INVALID_ARGUMENT, "B = 0 is refused");
    batch = 4;
    model.P = (sl_column){&P, 1};
    check(sl_predict_sgd(&model, &schedule, 3, &out, 0) == SL_ERROR_INVALID_ARGUMENT, "P with SGD is refused");
    model.P = (sl_column){NULL, 0};
    check(sl_simulate_sgd(&model, 0, 1.0, recorded, 2, &options, mean, error, theory) == SL_ERROR_INVALID_ARGUMENT,
          "sl_simulate_sgd: B = 0 is refused");
    check(sl_simulate_sgd(&model, 4, 1.0, NULL, 2, &options, mean, error, theory) == SL_ERROR_INVALID_ARGUMENT,
          "sl_simulate_sgd: NULL steps are refused");

    return finish("C interface: one-pass SGD theory, Monte Carlo and error paths OK");
}
