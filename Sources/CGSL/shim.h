// The part of GSL this package uses. Deliberately free of gsl_cblas.h
// (pulled in by gsl_randist.h, gsl_blas.h, gsl_matrix.h), whose CBLAS enums
// clash with OpenBLAS's cblas.h when a Swift file imports both modules.
#ifndef SCALINGLAWS_CGSL_SHIM_H
#define SCALINGLAWS_CGSL_SHIM_H

#include <stddef.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_roots.h>
#include <gsl/gsl_min.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sf_zeta.h>
#include <gsl/gsl_sf_hyperg.h>
#include <gsl/gsl_sf_result.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_fit.h>
#include <gsl/gsl_integration.h>

// From gsl_randist.h, declared here so that gsl_cblas.h stays out.
double gsl_ran_gaussian(const gsl_rng *r, const double sigma);
double gsl_ran_gaussian_ziggurat(const gsl_rng *r, const double sigma);

// Swift 6 rejects GSL's global type variables as not concurrency-safe;
// these accessors return them by value.
static inline const gsl_rng_type *scaling_gsl_rng_mt19937(void) { return gsl_rng_mt19937; }
static inline const gsl_rng_type *scaling_gsl_rng_ranlxd2(void) { return gsl_rng_ranlxd2; }
static inline const gsl_root_fsolver_type *scaling_gsl_root_fsolver_brent(void) { return gsl_root_fsolver_brent; }
static inline const gsl_root_fdfsolver_type *scaling_gsl_root_fdfsolver_steffenson(void) { return gsl_root_fdfsolver_steffenson; }
static inline const gsl_min_fminimizer_type *scaling_gsl_min_fminimizer_brent(void) { return gsl_min_fminimizer_brent; }

#endif
