/// The sums over directions through which a teacher with power omega_I per
/// direction enters the loss (Docs/Theory.md section 8), at one Delta > 0.
///
/// With v_I = lambda_I omega_I, r_I = lambda_I / (lambda_I + Delta) and
/// q_I = Delta / (lambda_I + Delta):
///
///     signal = sum_I v_I                       (twice the zero predictor's loss)
///     bias   = sum_I v_I q_I^2                 = sum v Delta^2 / (lambda + Delta)^2
///     cross  = sum_I v_I r_I q_I               = sum v lambda Delta / (lambda + Delta)^2
///
/// and their slopes in ln Delta (with dq/d ln Delta = r q = -dr/d ln Delta),
/// for the local exponents: d bias/d ln Delta = 2 sum v r q^2 and
/// d cross/d ln Delta = sum v r q (r - q).
///
/// and the teacher sum of the loss is
/// `sum_I omega_I lambda_I Delta [Delta (1 - df2/N) + lambda_I (df1 - df2)/N] / (lambda_I + Delta)^2
///  = (1 - df2/N) bias + ((df1 - df2)/N) cross`. For the isotropic teacher
/// omega_I = sigma_w^2/M: bias = (sigma_w^2/M) Delta (df1 - df2),
/// cross = (sigma_w^2/M) Delta df2.
public struct TeacherSums: Sendable, Equatable {
    /// The point Delta at which the sums were taken.
    public var delta: Double
    /// sum_I lambda_I omega_I.
    public var signal: Double
    /// sum_I lambda_I omega_I Delta^2 / (lambda_I + Delta)^2.
    public var bias: Double
    /// sum_I lambda_I omega_I lambda_I Delta / (lambda_I + Delta)^2.
    public var cross: Double
    /// d bias / d ln Delta = 2 sum_I v_I r_I q_I^2.
    public var biasSlope: Double
    /// d cross / d ln Delta = sum_I v_I r_I q_I (r_I - q_I).
    public var crossSlope: Double

    public init(delta: Double, signal: Double, bias: Double, cross: Double, biasSlope: Double, crossSlope: Double) {
        self.delta = delta
        self.signal = signal
        self.bias = bias
        self.cross = cross
        self.biasSlope = biasSlope
        self.crossSlope = crossSlope
    }

    /// sum_I lambda_I omega_I Delta / (lambda_I + Delta) = bias + cross: the
    /// single-resolvent sum (what the plain ridge bias of N = infinity and
    /// partial-fraction reductions of two-resolvent sums need).
    public var resolvent: Double { bias + cross }

    /// The teacher sum of Docs/Theory.md section 8 for N features:
    /// (1 - df2/N) bias + ((df1 - df2)/N) cross.
    public func teacherSum(spectralSums s: SpectralSums, featureCount n: Double) -> Double {
        (n - s.df2) / n * bias + s.df1MinusDf2 / n * cross
    }

    /// The sums over listed eigenvalues and teacher variances omega_I, in the
    /// same order, accumulated from the end of the list (the smallest
    /// eigenvalues when listed largest first) so that small terms are not
    /// lost against large partial sums.
    public static func exact(eigenvalues: [Double], weightVariances: [Double], delta: Double) -> TeacherSums {
        precondition(eigenvalues.count == weightVariances.count)
        var signal = 0.0, bias = 0.0, cross = 0.0, biasSlope = 0.0, crossSlope = 0.0
        for i in eigenvalues.indices.reversed() {
            let lambda = eigenvalues[i]
            let v = lambda * weightVariances[i]
            let t = 1 / (lambda + delta)
            let q = delta * t, r = lambda * t
            signal += v
            bias += v * q * q
            cross += v * r * q
            biasSlope += 2 * v * r * q * q
            crossSlope += v * r * q * (r - q)
        }
        return TeacherSums(delta: delta, signal: signal, bias: bias, cross: cross, biasSlope: biasSlope,
                           crossSlope: crossSlope)
    }
}
