/*
 * The C interface checked from C: includes scaling_laws.h, links
 * libScalingLawsC and checks Docs/Theory.md section 7 (all four rows, in one batch
 * whose every parameter varies per point) to relative 1e-8, then the error
 * paths. Built and run by `make test` (target test-c). Exit status 0 on success.
 */
#include <string.h>
#include <stdlib.h>

#include "check.h"

int main(void) {
    sl_model model;
    section7_model(&model);

    double loss[4], delta[4], relative[4];
    int32_t regime[4];
    sl_predictions out;
    sl_predictions_init(&out);
    out.loss = loss;
    out.delta = delta;
    out.relative_loss = relative;
    out.regime = regime;
    int status = sl_predict(&model, 4, &out, 2);
    check(status == SL_OK, "sl_predict on the reference rows returns SL_OK");
    if (status != SL_OK) fprintf(stderr, "  message: %s\n", sl_last_error());
    for (int i = 0; i < 4; i++) {
        char what[64];
        snprintf(what, sizeof what, "row %d loss", i + 1);
        check_close(loss[i], S7_LOSS[i], 1e-8, what);
        snprintf(what, sizeof what, "row %d delta", i + 1);
        check_close(delta[i], S7_DELTA[i], 1e-8, what);
    }
    check(regime[3] == SL_REGIME_BEYOND_LATENT_DIMENSION, "row 4 is beyond the latent dimension");
    check(regime[1] == SL_REGIME_INTERPOLATION_THRESHOLD, "row 2 is at the interpolation threshold");
    check(strcmp(sl_last_error(), "") == 0, "no message after success");

    /* A caller compiled against a smaller (older) output struct: only its fields are read. */
    double loss_only[4];
    sl_predictions old;
    sl_predictions_init(&old);
    old.loss = loss_only;
    old.relative_loss = (double *)0x1; /* beyond the declared size: must never be touched */
    old.struct_size = offsetof(sl_predictions, relative_loss);
    status = sl_predict(&model, 4, &old, 1);
    /* An older struct must still hold version 1: refused, not read past its end. */
    check(status == SL_ERROR_INVALID_ARGUMENT, "a struct_size below version 1 is refused");

    /* Initializing a version-1-sized struct writes nothing past it. */
    sl_model sized;
    memset(&sized, 0xAB, sizeof sized);
    sl_model_init_sized(&sized, offsetof(sl_model, teacher_exponent));
    check(sized.struct_size == offsetof(sl_model, teacher_exponent) && sized.N.values == NULL,
          "init of an older struct sets its size and defaults");
    const unsigned char *past = (const unsigned char *)&sized.teacher_exponent;
    check(past[0] == 0xAB && past[sizeof sized.teacher_exponent - 1] == 0xAB, "init writes nothing past struct_size");

    /* A caller compiled against version 1 (no teacher fields): accepted, isotropic teacher. */
    sl_model v1 = model;
    v1.struct_size = offsetof(sl_model, teacher_exponent);
    sl_predictions v1_out = out;
    v1_out.struct_size = offsetof(sl_predictions, training_error);
    status = sl_predict(&v1, 4, &v1_out, 2);
    check(status == SL_OK, "a version-1 sl_model and sl_predictions are accepted");
    check_close(loss[0], S7_LOSS[0], 1e-8, "row 1 loss through version-1 structs");

    /* Docs/Theory.md section 8: a power-law teacher, loss and training error to 1e-8. */
    {
        double t_alpha[] = {1.0, 1.0, 0.5, 1.5}, t_lambda[] = {1.0, 1.0, 2.0, 1.0}, t_M[] = {1000, 1000, 3000, 2000};
        double t_beta[] = {0.5, 0.5, 1.5, -0.5}, t_w2[] = {1, 1, 2, 1}, t_N[] = {100, 400, 400, 300};
        double t_P[] = {400, 100, 150, 900}, t_gamma[] = {1e-3, 0, 1e-2, 1e-4}, t_u2[] = {1, 1, 0.5, 2};
        double t_noise[] = {0, 0, 0.01, 0.001};
        double t_loss[] = {2.3623711272e-06, 1.6565705881e-06, 2.8894629791e-03, 1.4114133541e-04};
        double t_train[] = {1.4299861053e-06, 0, 5.2698221942e-04, 3.5062208127e-04};
        sl_model teacher;
        sl_model_init(&teacher);
        teacher.alpha = (sl_column){t_alpha, 4};
        teacher.lambda_plus = (sl_column){t_lambda, 4};
        teacher.M = (sl_column){t_M, 4};
        teacher.teacher_exponent = (sl_column){t_beta, 4};
        teacher.sigma_w2 = (sl_column){t_w2, 4};
        teacher.N = (sl_column){t_N, 4};
        teacher.P = (sl_column){t_P, 4};
        teacher.gamma = (sl_column){t_gamma, 4};
        teacher.sigma_u2 = (sl_column){t_u2, 4};
        teacher.noise = (sl_column){t_noise, 4};
        double train[4];
        sl_predictions t_out;
        sl_predictions_init(&t_out);
        t_out.loss = loss;
        t_out.training_error = train;
        status = sl_predict(&teacher, 4, &t_out, 2);
        check(status == SL_OK, "sl_predict with a power-law teacher");
        if (status != SL_OK) fprintf(stderr, "  message: %s\n", sl_last_error());
        for (int i = 0; i < 4; i++) {
            check_close(loss[i], t_loss[i], 1e-8, "section 8 loss");
            if (t_train[i] == 0) check(fabs(train[i]) < 1e-20, "section 8 training error 0");
            else check_close(train[i], t_train[i], 1e-8, "section 8 training error");
        }
    }

    /* Bad input: NaN at point 2, on worker threads: a status and a message naming the point. */
    double bad_N[] = {100, 200, NAN, 300};
    model.N = (sl_column){bad_N, 4};
    status = sl_predict(&model, 4, &out, 2);
    check(status == SL_ERROR_INVALID_ARGUMENT, "NaN N gives SL_ERROR_INVALID_ARGUMENT");
    check(strstr(sl_last_error(), "point 2") != NULL, "the message names point 2");
    fprintf(stderr, "  (expected) %s\n", sl_last_error());

    /* Negative size, wrong column length, zero points, missing spectrum file. */
    double negative[] = {-5};
    model.N = (sl_column){negative, 1};
    check(sl_predict(&model, 4, &out, 0) == SL_ERROR_INVALID_ARGUMENT, "negative N is refused");
    model.N = (sl_column){S7_N, 3};
    check(sl_predict(&model, 4, &out, 0) == SL_ERROR_INVALID_ARGUMENT, "a column of the wrong length is refused");
    model.N = (sl_column){S7_N, 4};
    check(sl_predict(&model, 0, &out, 0) == SL_ERROR_INVALID_ARGUMENT, "zero points are refused");
    check(sl_predict(NULL, 4, &out, 0) == SL_ERROR_INVALID_ARGUMENT, "a NULL model is refused");

    sl_model file_model;
    sl_model_init(&file_model);
    file_model.spectrum_file = "/nonexistent/spectrum.txt";
    file_model.N = (sl_column){S7_N, 4};
    file_model.P = (sl_column){S7_P, 4};
    check(sl_predict(&file_model, 4, &out, 0) == SL_ERROR_UNREADABLE_FILE, "a missing spectrum file is SL_ERROR_UNREADABLE_FILE");
    fprintf(stderr, "  (expected) %s\n", sl_last_error());

    /* An eigenvalue list equal to the power law of row 1 gives row 1. */
    double eigenvalues[1000];
    for (int i = 0; i < 1000; i++) eigenvalues[i] = pow(i + 1.0, -2.0);
    sl_model list;
    sl_model_init(&list);
    list.eigenvalues = eigenvalues;
    list.eigenvalue_count = 1000;
    list.N = (sl_column){S7_N, 1};
    list.P = (sl_column){S7_P, 1};
    check(sl_predict(&list, 1, &out, 1) == SL_OK, "an eigenvalue list");
    check_close(loss[0], S7_LOSS[0], 1e-8, "row 1 loss from the eigenvalue list");

    /* Monte Carlo: per-trial losses, mean and standard error, agreement with the theory. */
    sl_model one;
    double a1 = 1, m1 = 200, n1 = 40, p1 = 120, g1 = 1e-3;
    point_model(&one, &a1, &m1, &n1, &p1);
    one.gamma = (sl_column){&g1, 1};
    sl_simulation_options options;
    seeded_options(&options, 64, 7);
    sl_simulation_result result;
    sl_simulation_result_init(&result);
    double losses[64];
    status = sl_simulate(&one, &options, &result, losses, 64);
    check(status == SL_OK, "sl_simulate");
    if (status != SL_OK) fprintf(stderr, "  message: %s\n", sl_last_error());
    double sum = 0;
    for (int k = 0; k < 64; k++) sum += losses[k];
    check_close(sum / 64, result.mean, 1e-12, "mean of the per-trial losses");
    check(fabs(result.mean - result.theory) < 4 * result.standard_error, "simulation within 4 standard errors of theory");
    check(result.training_error > 0 && result.training_error < result.mean, "training error below the test loss");
    check(fabs(result.gcv - result.mean) < 4 * (result.gcv_standard_error + result.standard_error), "GCV estimates the test loss");
    check(sl_simulate(&one, &options, &result, losses, 10) == SL_ERROR_INVALID_ARGUMENT, "too short a losses buffer is refused");
    /* A version-1 result struct: the version-2 fields past its struct_size are not written. */
    sl_simulation_result old_result;
    sl_simulation_result_init(&old_result);
    old_result.struct_size = offsetof(sl_simulation_result, training_error);
    old_result.training_error = 12345;
    check(sl_simulate(&one, &options, &old_result, NULL, 0) == SL_OK, "a version-1 result struct");
    check(old_result.training_error == 12345 && old_result.mean == result.mean, "only version-1 fields written");

    /* Feature spectrum: N eigenvalues, descending; linear features have rank <= M. */
    sl_spectrum_options spectrum_options;
    sl_spectrum_options_init(&spectrum_options);
    spectrum_options.N = 50;
    spectrum_options.exact = 1;
    double feature[50];
    status = sl_feature_spectrum(&one, &spectrum_options, feature, 50);
    check(status == SL_OK, "sl_feature_spectrum");
    if (status != SL_OK) fprintf(stderr, "  message: %s\n", sl_last_error());
    for (int k = 1; k < 50; k++) check(feature[k] <= feature[k - 1], "feature eigenvalues descend");

    /* Nonlinear features: the semi-analytic theory, averaged over draws of U. */
    sl_nonlinear_options nonlinear;
    sl_nonlinear_options_init(&nonlinear);
    nonlinear.activation = "relu";
    nonlinear.draws = 3;
    double relu_loss, relu_error;
    sl_nonlinear_predictions relu;
    sl_nonlinear_predictions_init(&relu);
    relu.loss = &relu_loss;
    relu.standard_error = &relu_error;
    status = sl_predict_nonlinear(&one, 1, &nonlinear, &relu);
    check(status == SL_OK && relu_loss > 0 && relu_error > 0, "sl_predict_nonlinear (relu)");
    if (status != SL_OK) fprintf(stderr, "  message: %s\n", sl_last_error());
    nonlinear.activation = "gelu";
    check(sl_predict_nonlinear(&one, 1, &nonlinear, &relu) == SL_ERROR_UNSUPPORTED, "an unknown activation is refused");

    check(sl_api_version() == SL_API_VERSION, "API version of the header and the library agree");
    return finish("C interface: Docs/Theory.md section 7 and 8 rows to 1e-8 and error paths OK (%s)", sl_version());
}
