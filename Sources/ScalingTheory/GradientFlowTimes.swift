import Glibc

/// Times of gradient flow (Docs/Theory.md section 10) and the spectral filter
/// they act through.
///
/// Convention: d theta/dt = -(1/P) [Phi (Phi^T theta - y) + gamma theta] from
/// theta = 0, so a direction of the Gram matrix Phi Phi^T / P with eigenvalue
/// s is learned at the rate s + gamma / P; t is dimensionless in these units.
public enum GradientFlowTimes {
    /// Throws `ScalingError.invalidParameter` for an empty list or a time that
    /// is negative or NaN. +infinity (the converged ridge fit) is allowed.
    public static func validate(_ times: [Double]) throws {
        guard !times.isEmpty else {
            throw ScalingError.invalidParameter(name: "times", value: 0, requirement: "must list at least one time")
        }
        for t in times where !(t >= 0) {
            throw ScalingError.invalidParameter(name: "time", value: t, requirement: "must be >= 0 (or inf)")
        }
    }

    /// h_t(s) = (1 - e^{-t (s + g)}) / (s + g) with g = gamma / P: the factor
    /// theta(t) applies to the component of Phi y / P along an eigenvector of
    /// eigenvalue s. Equals t at s + g = 0 for finite t; at t = infinity it is
    /// 1 / (s + g), and 0 at s + g = 0 (the pseudo-inverse, gamma -> 0+).
    public static func filter(eigenvalue s: Double, ridgeRate g: Double, time t: Double) -> Double {
        let rate = s + g
        if t == .infinity { return rate > 0 ? 1 / rate : 0 }
        if rate <= 0 { return t }
        return -expm1(-t * rate) / rate
    }
}
