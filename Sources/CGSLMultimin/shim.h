// GSL's multidimensional minimizers and the random numbers of the fitting
// module (Sources/ScalingFit), kept apart from CGSL (see module.modulemap).
#ifndef SCALINGLAWS_CGSLMULTIMIN_SHIM_H
#define SCALINGLAWS_CGSLMULTIMIN_SHIM_H

#include <gsl/gsl_errno.h>
#include <gsl/gsl_multimin.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>

// Swift 6 rejects GSL's global type variables as not concurrency-safe;
// these accessors return them by value.
static inline const gsl_multimin_fdfminimizer_type *scaling_gsl_multimin_vector_bfgs2(void) {
    return gsl_multimin_fdfminimizer_vector_bfgs2;
}
static inline const gsl_rng_type *scaling_fit_rng_mt19937(void) { return gsl_rng_mt19937; }

#endif
