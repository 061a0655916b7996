import CGSL

/// The GSL special functions the power-law analytics use, through their `_e`
/// variants so that every status is checked and mapped to `ScalingError.gsl`.
enum SpecialFunctions {
    /// The regularized incomplete beta function I_x(a, b) (`gsl_sf_beta_inc_e`),
    /// for a, b > 0 and 0 <= x <= 1. An underflowing result is returned as 0:
    /// it is below the smallest double and negligible in every sum it enters.
    static func regularizedIncompleteBeta(_ a: Double, _ b: Double, _ x: Double) throws -> Double {
        GSLRuntime.prepare()
        var result = gsl_sf_result()
        let status = gsl_sf_beta_inc_e(a, b, x, &result)
        if status == Int32(GSL_EUNDRFLW) { return 0 }
        try GSLRuntime.check(status, "gsl_sf_beta_inc_e(\(a), \(b), \(x))")
        return result.val
    }

    /// ln B(a, b) for a, b > 0 (`gsl_sf_lnbeta_e`).
    static func logBeta(_ a: Double, _ b: Double) throws -> Double {
        GSLRuntime.prepare()
        var result = gsl_sf_result()
        try GSLRuntime.check(gsl_sf_lnbeta_e(a, b, &result), "gsl_sf_lnbeta_e(\(a), \(b))")
        return result.val
    }

    /// The Hurwitz zeta function zeta(s, q) = sum_{k>=0} (k + q)^-s for s > 1,
    /// q > 0 (`gsl_sf_hzeta_e`).
    static func hurwitzZeta(_ s: Double, _ q: Double) throws -> Double {
        GSLRuntime.prepare()
        var result = gsl_sf_result()
        let status = gsl_sf_hzeta_e(s, q, &result)
        if status == Int32(GSL_EUNDRFLW) { return 0 }
        try GSLRuntime.check(status, "gsl_sf_hzeta_e(\(s), \(q))")
        return result.val
    }

    /// Gamma(x) for x > 0 (`gsl_sf_gamma_e`).
    static func gamma(_ x: Double) throws -> Double {
        GSLRuntime.prepare()
        var result = gsl_sf_result()
        try GSLRuntime.check(gsl_sf_gamma_e(x, &result), "gsl_sf_gamma_e(\(x))")
        return result.val
    }
}
