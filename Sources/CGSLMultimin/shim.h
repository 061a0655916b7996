// GSL's multidimensional minimizers for the fitting module (Sources/ScalingFit).
// gsl_multimin.h itself includes gsl_matrix.h and through it gsl_cblas.h, whose CBLAS enums clash with OpenBLAS's cblas.h in
// any module that sees both (the benchmark, the command line); so the few
// declarations used are restated here from gsl_multimin.h (GSL 2.x), with the
// minimizer and its type opaque (read through GSL's accessor functions).
#ifndef SCALINGLAWS_CGSLMULTIMIN_SHIM_H
#define SCALINGLAWS_CGSLMULTIMIN_SHIM_H

#include <stddef.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_vector_double.h>

// As in gsl_multimin.h.
typedef struct gsl_multimin_function_fdf_struct {
    double (*f)(const gsl_vector *x, void *params);
    void (*df)(const gsl_vector *x, void *params, gsl_vector *df);
    void (*fdf)(const gsl_vector *x, void *params, double *f, gsl_vector *df);
    size_t n;
    void *params;
} gsl_multimin_function_fdf;

typedef struct scaling_fdfminimizer_type scaling_fdfminimizer_type;
typedef struct scaling_fdfminimizer scaling_fdfminimizer;

extern const scaling_fdfminimizer_type *gsl_multimin_fdfminimizer_vector_bfgs2;

scaling_fdfminimizer *gsl_multimin_fdfminimizer_alloc(const scaling_fdfminimizer_type *T, size_t n);
int gsl_multimin_fdfminimizer_set(scaling_fdfminimizer *s, gsl_multimin_function_fdf *fdf, const gsl_vector *x,
                                  double step_size, double tol);
void gsl_multimin_fdfminimizer_free(scaling_fdfminimizer *s);
int gsl_multimin_fdfminimizer_iterate(scaling_fdfminimizer *s);
gsl_vector *gsl_multimin_fdfminimizer_x(const scaling_fdfminimizer *s);
gsl_vector *gsl_multimin_fdfminimizer_gradient(const scaling_fdfminimizer *s);
double gsl_multimin_fdfminimizer_minimum(const scaling_fdfminimizer *s);
int gsl_multimin_test_gradient(const gsl_vector *g, double epsabs);

// Swift 6 rejects GSL's global type variables as not concurrency-safe;
// these accessors return them by value.
static inline const scaling_fdfminimizer_type *scaling_gsl_multimin_vector_bfgs2(void) {
    return gsl_multimin_fdfminimizer_vector_bfgs2;
}

#endif
