import ScalingTheory

/// The exact expected learning curve of one-pass SGD (`SGDHyperparameters`)
/// for one fixed draw of the feature weights U, averaged over the teacher, the
/// samples and the label noise in closed form (Docs/Theory.md section 12).
///
/// With K = U Lambda U^T = sum_j k_j v_j v_j^T, the best linear predictor
/// theta* = K^+ U Lambda w and its loss L*, the residual y - z . theta* of a
/// Gaussian sample is independent of z with variance s^2 = 2 L* + sigma_eps^2.
/// By E[z z^T A z z^T] = 2 K A K + tr(K A) K, the second moments
/// delta_j = E[(v_j . (theta - theta*))^2] obey
///
///     delta_j(r+1) = a_j delta_j(r) + (eta^2 / B) k_j [ sum_i k_i delta_i(r) + s^2 ],
///     a_j = 1 - 2 eta k_j + eta^2 (1 + 1/B) k_j^2,
///     <L>(r) = L* + 1/2 sum_j k_j delta_j(r),   delta_j(0) = E_w[(v_j . theta*)^2],
///
/// O(N) per step. All quantities are teacher averages given U: delta_j(0) and
/// L* are linear in the teacher's second moments and the recursion is linear
/// in (delta, s^2), so averaging them first is exact.
public struct SGDConditionalCurve: Sendable {
    /// k_j >= 0, the eigenvalues of K (zeros are null directions SGD never moves).
    public let featureEigenvalues: [Double]
    /// delta_j(0) = E_w[(v_j . theta*)^2], aligned with `featureEigenvalues`.
    public let initialDeviations: [Double]
    /// L* = E_w[L(theta*)], the loss of the best linear predictor (>= 0).
    public let bestLoss: Double
    /// s^2 = 2 L* + sigma_eps^2, the variance of the residual y - z . theta*.
    public let residualVariance: Double

    /// From the eigenvalues of K, delta_j(0), L* and sigma_eps^2. Throws
    /// `ScalingError.invalidParameter` for mismatched lengths or an entry
    /// that is negative or not finite.
    public init(featureEigenvalues: [Double], initialDeviations: [Double], bestLoss: Double,
                noiseVariance: Double) throws {
        guard featureEigenvalues.count == initialDeviations.count, !featureEigenvalues.isEmpty else {
            throw ScalingError.invalidParameter(name: "initialDeviations", value: Double(initialDeviations.count),
                                                requirement: "must have one entry per feature eigenvalue (\(featureEigenvalues.count))")
        }
        for (name, list) in [("featureEigenvalues", featureEigenvalues), ("initialDeviations", initialDeviations)] {
            for v in list where !(v.isFinite && v >= 0) {
                throw ScalingError.invalidParameter(name: name, value: v, requirement: "entries must be finite and >= 0")
            }
        }
        for (name, v) in [("bestLoss (L*)", bestLoss), ("noiseVariance (sigma_eps^2)", noiseVariance)]
            where !(v.isFinite && v >= 0) {
            throw ScalingError.invalidParameter(name: name, value: v, requirement: "must be finite and >= 0")
        }
        self.featureEigenvalues = featureEigenvalues
        self.initialDeviations = initialDeviations
        self.bestLoss = bestLoss
        residualVariance = 2 * bestLoss + noiseVariance
    }

    /// For U's eigenbasis and a teacher of power omega_I: delta_j(0) =
    /// E[c_j^2] / k_j^2 and L* = 1/2 (sum_I lambda_I omega_I - sum_j E[c_j^2] / k_j).
    init(eigenbasis: FeatureEigenbasis, teacherPower omega: [Double], eigenvalues lambda: [Double],
         noiseVariance: Double) throws {
        let squared = eigenbasis.averagedSquaredTeacherCovariance(teacherPower: omega, eigenvalues: lambda)
        let k = eigenbasis.values
        var explained = 0.0
        var deviations = [Double](repeating: 0, count: k.count)
        for j in k.indices where k[j] > 0 {
            deviations[j] = squared[j] / (k[j] * k[j])
            explained += squared[j] / k[j]
        }
        var total = 0.0
        for i in lambda.indices { total += lambda[i] * omega[i] }
        try self.init(featureEigenvalues: k, initialDeviations: deviations,
                      bestLoss: max(0, 0.5 * (total - explained)), noiseVariance: noiseVariance)
    }

    /// The largest stable learning rate at batch size B for this K.
    public func stabilityEdge(batchSize: Int) throws -> Double {
        try SGDHyperparameters.stabilityEdge(eigenvalues: featureEigenvalues, batchSize: batchSize)
    }

    /// <L>(r) at each step count r (any order). Throws `UnstableLearningRate`
    /// when eta is at or past `stabilityEdge`, `ScalingError.invalidParameter`
    /// for a negative step count.
    public func losses(at steps: [Int], _ sgd: SGDHyperparameters) throws -> [Double] {
        try SGDHyperparameters.validate(steps: steps)
        let edge = try stabilityEdge(batchSize: sgd.batchSize)
        guard sgd.learningRate < edge else {
            throw UnstableLearningRate(learningRate: sgd.learningRate, edge: edge,
                                       context: "the exact conditional curve for this draw of U")
        }
        let eta = sgd.learningRate, b = Double(sgd.batchSize)
        let active = featureEigenvalues.indices.filter { featureEigenvalues[$0] > 0 }
        let k = active.map { featureEigenvalues[$0] }
        let a = k.map { 1 - 2 * eta * $0 + eta * eta * (1 + 1 / b) * $0 * $0 }
        let gain = k.map { eta * eta / b * $0 }
        var delta = active.map { initialDeviations[$0] }
        let order = steps.indices.sorted { steps[$0] < steps[$1] }
        var losses = [Double](repeating: 0, count: steps.count)
        var next = 0, r = 0
        while next < order.count {
            var excess = 0.0
            for j in k.indices { excess += k[j] * delta[j] }
            while next < order.count, steps[order[next]] == r {
                losses[order[next]] = bestLoss + 0.5 * excess
                next += 1
            }
            guard next < order.count else { break }
            let drive = excess + residualVariance
            for j in k.indices { delta[j] = a[j] * delta[j] + gain[j] * drive }
            r += 1
        }
        return losses
    }
}
