import CGSL
import Glibc
import ScalingTheory
import DenseAlgebra
import NonlinearFeatureTheory

/// A straight-line fit of log(value) against log(index), the exponent of a
/// power law `value ~ index^slope`.
public enum PowerLawFit {
    /// The result of a fit over a window of 1-based indices.
    public struct Result: Sendable, Equatable {
        /// The indices fitted.
        public var indices: ClosedRange<Int>
        /// The least-squares slope of ln(value) against ln(index); a decaying
        /// spectrum lambda_i ~ i^-(1+alpha) has slope -(1+alpha).
        public var slope: Double
        /// The slope's standard error from the scatter of the points about
        /// the line (gsl_fit_linear's cov11, which estimates the variance from
        /// the residuals). It measures how straight the window is, not the
        /// draw-to-draw spread of the spectrum.
        public var slopeStandardError: Double
        /// The intercept, ln(value) at index 1.
        public var intercept: Double
    }

    /// The least-squares slope of ln(values[i - 1]) against ln(i) over the
    /// 1-based indices in `indices` (gsl_fit_linear). Throws
    /// `ScalingError.invalidParameter` for fewer than two indices, indices out
    /// of range or non-positive values among them.
    public static func logLogSlope(_ values: [Double], indices: ClosedRange<Int>) throws -> Double {
        try fit(values, indices: indices).slope
    }

    /// The fit with its standard error; the same rules as `logLogSlope`.
    /// With two indices the standard error is 0 (a line through two points).
    public static func fit(_ values: [Double], indices: ClosedRange<Int>) throws -> Result {
        guard indices.count >= 2, indices.lowerBound >= 1, indices.upperBound <= values.count else {
            throw ScalingError.invalidParameter(name: "indices", value: Double(indices.upperBound),
                                                requirement: "need at least two indices within 1...\(values.count)")
        }
        let x = indices.map { log(Double($0)) }
        var y: [Double] = []
        for i in indices {
            guard values[i - 1] > 0, values[i - 1].isFinite else {
                throw ScalingError.invalidParameter(name: "value at index \(i)", value: values[i - 1],
                                                    requirement: "must be positive to take its logarithm")
            }
            y.append(log(values[i - 1]))
        }
        GSLRuntime.prepare()
        var intercept = 0.0, slope = 0.0, cov00 = 0.0, cov01 = 0.0, cov11 = 0.0, sumsq = 0.0
        try GSLRuntime.check(gsl_fit_linear(x, 1, y, 1, x.count, &intercept, &slope, &cov00, &cov01, &cov11, &sumsq),
                             "gsl_fit_linear")
        return Result(indices: indices, slope: slope, slopeStandardError: max(cov11, 0).squareRoot(),
                      intercept: intercept)
    }

    /// The weighted least-squares slope of ln(y) against ln(x), each point
    /// weighted by the inverse variance of ln(y), (y / standardError)^2
    /// (gsl_fit_wlinear), with the slope's standard error from the weights.
    /// For Monte Carlo means with their standard errors.
    public static func weightedLogLogSlope(x: [Double], y: [Double], standardErrors: [Double]) throws
        -> (slope: Double, standardError: Double) {
        guard x.count == y.count, y.count == standardErrors.count, x.count >= 3 else {
            throw ScalingError.invalidParameter(name: "points", value: Double(x.count),
                                                requirement: "need at least three points with errors")
        }
        for i in x.indices where !(x[i] > 0 && y[i] > 0 && standardErrors[i] > 0 && x[i].isFinite && y[i].isFinite
                                   && standardErrors[i].isFinite) {
            throw ScalingError.invalidParameter(name: "point \(i + 1)", value: y[i],
                                                requirement: "x, y and the error must be positive and finite")
        }
        let logX = x.map { log($0) }, logY = y.map { log($0) }
        let weights = zip(y, standardErrors).map { ($0 / $1) * ($0 / $1) }
        GSLRuntime.prepare()
        var intercept = 0.0, slope = 0.0, cov00 = 0.0, cov01 = 0.0, cov11 = 0.0, chisq = 0.0
        try GSLRuntime.check(gsl_fit_wlinear(logX, 1, weights, 1, logY, 1, logX.count, &intercept, &slope,
                                             &cov00, &cov01, &cov11, &chisq), "gsl_fit_wlinear")
        return (slope, cov11.squareRoot())
    }
}
