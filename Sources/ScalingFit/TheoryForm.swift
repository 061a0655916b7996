import Glibc
import ScalingTheory

/// This package's theory as the fit function (Docs/Theory.md, sections 3 and
/// 8; Docs/Fitting.md, "The model form"): the test error against noisy labels
/// of random-feature ridge regression on a power-law spectrum,
///
///     L(N, D) = <L>(alpha, teacher exponent beta_t, sigma_w^2 = scale,
///                   sigma_eps^2 = 2 floor; N features, P = D samples, gamma) + floor,
///
/// so the fit knows the label-noise floor, the ridge, the double-descent
/// peak at N = P and (with a finite `latentDimension`) the latent-dimension
/// limit, which a sum of power laws cannot represent.
///
/// Fitted: alpha, the teacher exponent (unless fixed), the overall scale
/// sigma_w^2 and the floor sigma_eps^2 / 2. Fixed, because the runs cannot
/// tell them apart from the fitted ones:
/// - lambda_plus = 1 and sigma_u^2 = 1: at gamma = 0 the loss scales with
///   lambda_plus sigma_w^2 (so lambda_plus is the scale), and sigma_u^2 enters
///   only through gamma / sigma_u^2 (so it is the ridge's unit);
/// - the maps from the user's sizes to the model's: N_model = N and
///   P_model = D (a factor c on N or D is, in the power-law regime, another
///   overall scale c^-alpha; only near N = P or M would it show);
/// - the ridge: each run's `gamma` (0 without the column), in the model's
///   convention (it multiplies the unnormalized sum over samples);
/// - M: `latentDimension` (default infinity). Runs far below M carry no
///   information on it; give it when it is known (a data set's dimension).
///
/// Coordinates theta = (log scale, log alpha, log(alpha + beta_t), log floor)
/// keep alpha > 0 and alpha + beta_t > 0 (needed at M = infinity) without
/// constraints; with a fixed teacher exponent the third is left out. The
/// gradient is exact in the scale and the floor (the loss is linear in them)
/// and by forward differences (step 1e-6) in the other two (`objective`).
public struct TheoryForm: FitForm {
    public let name = "model"
    public let latentDimension: Double
    /// nil: fitted.
    public let teacherExponent: Double?
    public private(set) var starts: [[Double]] = []

    public var coordinateNames: [String] {
        teacherExponent == nil ? ["logScale", "logAlpha", "logAlphaPlusTeacherExponent", "logFloor"]
            : ["logScale", "logAlpha", "logFloor"]
    }
    public let parameterNames = ["alpha", "teacherExponent", "scale", "noiseFloor"]

    /// Starts from the runs: alpha in {0.5, 1, 2} (teacher exponent 0 or the
    /// fixed one) times a floor of 0.1, 0.5 or 0.9 of the smallest loss, each
    /// with the scale that puts the largest-loss run on the curve.
    public init(runs: ScalingRuns, latentDimension: Double = .infinity, teacherExponent: Double? = nil) throws {
        if latentDimension.isFinite {
            guard latentDimension >= 1, latentDimension == latentDimension.rounded() else {
                throw FitError.invalidOption(name: "M", value: "\(latentDimension)", requirement: "must be a whole number >= 1 or inf")
            }
        }
        if let teacherExponent {
            guard teacherExponent.isFinite, abs(teacherExponent) <= Teacher.maximumExponent else {
                throw FitError.invalidOption(name: "teacher exponent", value: "\(teacherExponent)",
                                             requirement: "must be finite with |beta| <= \(Teacher.maximumExponent)")
            }
        }
        self.latentDimension = latentDimension
        self.teacherExponent = teacherExponent
        let low = runs.loss.min() ?? 1
        let top = runs.loss.indices.max { runs.loss[$0] < runs.loss[$1] } ?? 0
        var list: [[Double]] = []
        for alpha in [0.5, 1.0, 2.0] {
            let beta = teacherExponent ?? 0
            guard alpha + beta > 0 else { continue }
            for fraction in [0.1, 0.5, 0.9] {
                let floor = fraction * low
                let unit = [0, log(alpha), log(alpha + beta), log(floor)]
                let base = theta(unit)
                let reference = loss(base, N: runs.N[top], D: runs.D[top], ridge: runs.ridge?[top] ?? 0) - floor
                let excess = runs.loss[top] - floor
                guard reference.isFinite, reference > 0, excess > 0 else { continue }
                list.append(theta([log(excess / reference), log(alpha), log(alpha + beta), log(floor)]))
            }
        }
        starts = list
    }

    /// Drops the teacher coordinate when it is fixed.
    private func theta(_ full: [Double]) -> [Double] {
        teacherExponent == nil ? full : [full[0], full[1], full[3]]
    }

    /// (scale, alpha, teacher exponent, floor) at theta.
    func unpack(_ t: [Double]) -> (scale: Double, alpha: Double, beta: Double, floor: Double) {
        let alpha = exp(t[1])
        if let teacherExponent { return (exp(t[0]), alpha, teacherExponent, exp(t[2])) }
        return (exp(t[0]), alpha, exp(t[2]) - alpha, exp(t[3]))
    }

    public func reported(_ t: [Double]) -> [Double] {
        let p = unpack(t)
        return [p.alpha, p.beta, p.scale, p.floor]
    }

    /// The theory at one point; +infinity where it does not exist (an invalid
    /// parameter set, the ridgeless interpolation peak).
    public func loss(_ t: [Double], N: Double, D: Double, ridge: Double) -> Double {
        guard let model = try? Model(self, t) else { return .infinity }
        return model.losses([(N, D, ridge)])[0]
    }

    /// The spectrum and teacher at one theta, built once per objective.
    struct Model {
        let spectrum: PowerLawSpectrum
        let alpha: Double, beta: Double
        let scale: Double, floor: Double

        init(_ form: TheoryForm, _ t: [Double]) throws {
            let p = form.unpack(t)
            guard p.alpha.isFinite, p.alpha >= 1e-3, p.alpha <= 20, p.scale.isFinite, p.floor.isFinite,
                  p.scale > 0, p.floor >= 0 else {
                throw FitError.invalidOption(name: "theta", value: "\(t)", requirement: "outside the model's domain")
            }
            // Euler-Maclaurin sums (within 1e-10 of the exact ones) at any M: a
            // fit evaluates the theory ~10^5 times, and exact sums cost O(M).
            spectrum = try PowerLawSpectrum(alpha: p.alpha, latentDimension: form.latentDimension,
                                            summation: form.latentDimension > Double(PowerLawSpectrum.headCount) ? .eulerMaclaurin : nil)
            _ = try Teacher.powerLaw(exponent: p.beta)
            alpha = p.alpha
            beta = p.beta
            scale = p.scale
            floor = p.floor
        }

        /// The loss parts (`LossParts`: <L> = scale signal + 2 floor noise) at
        /// the points for the teacher exponents given (the model's first),
        /// Delta solved once per distinct point (Docs/Theory.md section 3).
        func parts(_ points: [(N: Double, P: Double, ridge: Double)], exponents: [Double]) -> [[LossParts?]] {
            let teachers = exponents.map { try? Teacher.powerLaw(exponent: $0) }
            let clamped = points.map { (N: max($0.N, 1), P: max($0.P, 1), ridge: $0.ridge) }
            let computed = SelfConsistentSolver().lossParts(spectrum: spectrum, points: clamped,
                                                            teachers: teachers.map { $0 ?? .isotropic })
            // An exponent outside Teacher's range has no loss.
            return zip(teachers, computed).map { teacher, parts in teacher == nil ? parts.map { _ in nil } : parts }
        }

        /// L = <L>(sigma_w^2 = scale, sigma_eps^2 = 2 floor) + floor at one
        /// point's parts; +infinity where the theory does not exist.
        func loss(_ parts: LossParts?) -> Double {
            guard let parts else { return .infinity }
            let l = parts.loss(teacherVariance: scale, noiseVariance: 2 * floor) + floor
            return l.isFinite ? l : .infinity
        }

        func losses(_ points: [(N: Double, P: Double, ridge: Double)]) -> [Double] {
            parts(points, exponents: [beta])[0].map(loss)
        }

        /// `losses` as a function called many times, with the teacher's sums
        /// prepared once (`LossPartsEvaluator`): the same values.
        func lossFunction() -> ([(N: Double, P: Double, ridge: Double)]) -> [Double] {
            guard let teacher = try? Teacher.powerLaw(exponent: beta) else { return { $0.map { _ in .infinity } } }
            let evaluator = LossPartsEvaluator(spectrum: spectrum, teachers: [teacher])
            return { points in
                evaluator.parts(points.map { (N: max($0.N, 1), P: max($0.P, 1), ridge: $0.ridge) })[0].map(loss)
            }
        }
    }

    public func losses(_ t: [Double], points: [(N: Double, D: Double, ridge: Double)]) -> [Double] {
        guard let model = try? Model(self, t) else { return points.map { _ in .infinity } }
        return model.losses(points.map { (N: $0.N, P: $0.D, ridge: $0.ridge) })
    }

    /// The numerical search of `numericComputeOptimum` at every budget, the
    /// spectrum and teacher set up once for them all.
    public func computeOptima(_ t: [Double], computes: [Double], flopsPerToken k: Double, ridge: Double)
        -> [(N: Double, D: Double, loss: Double)?] {
        guard let model = try? Model(self, t) else { return computes.map { _ in nil } }
        let losses = model.lossFunction()
        return computes.map { c in
            scanComputeOptimum(compute: c, flopsPerToken: k) { losses($0.map { (N: $0.N, P: $0.D, ridge: ridge) }) }
                .map { ($0.N, $0.D, losses([(N: $0.N, P: $0.D, ridge: ridge)])[0]) }
        }
    }

    public func computeOptimum(_ t: [Double], compute: Double, flopsPerToken k: Double, ridge: Double)
        -> (N: Double, D: Double)? {
        computeOptima(t, computes: [compute], flopsPerToken: k, ridge: ridge)[0].map { ($0.N, $0.D) }
    }

    public func logLoss(_ t: [Double], _ data: FitData, _ i: Int) -> Double {
        log(loss(t, N: data.N[i], D: data.D[i], ridge: data.ridge[i]))
    }

    /// The gradient's alpha and teacher-exponent components are forward
    /// differences (accurate to ~1e-7): BFGS stops at a relative decrease of
    /// 1e-8, after 300 iterations, restarting once.
    public func minimizer(from base: GradientMinimizer) -> GradientMinimizer {
        var tuned = base
        tuned.valueTolerance = max(base.valueTolerance, 1e-8)
        tuned.maxIterations = min(base.maxIterations, 300)
        tuned.maxRestarts = min(base.maxRestarts, 1)
        return tuned
    }

    /// The residual that stands in for a run where the theory does not exist,
    /// so that the minimizer sees a large finite objective instead of infinity.
    static let missingResidual = 50.0

    /// The step of the forward differences in log alpha and log(alpha + beta_t).
    static let differenceStep = 1e-6

    /// The Huber objective and its gradient in theta. Delta and the spectral
    /// sums are solved once per distinct point (runs sharing min(N, P)
    /// ridgeless share them) and once more at log alpha + h for the alpha
    /// component; the loss is linear in the scale and the floor
    /// (`LossParts`), so their components are exact, and the teacher
    /// exponent's needs only the teacher sums at the shifted exponent (Delta
    /// does not depend on the teacher). Runs with weight 0 are not evaluated.
    public func objective(_ t: [Double], _ data: FitData, targets y: [Double], weights w: [Double], huber: HuberLoss,
                          gradient: UnsafeMutableBufferPointer<Double>?) -> Double {
        if let gradient { for j in gradient.indices { gradient[j] = 0 } }
        guard let model = try? Model(self, t) else { return huber.value(Self.missingResidual) * Double(data.count) }
        let used = (0..<data.count).filter { w[$0] != 0 }
        let points = used.map { (N: data.N[$0], P: data.D[$0], ridge: data.ridge[$0]) }
        let h = Self.differenceStep
        let fitted = teacherExponent == nil
        // The teacher exponent at log(alpha + beta) + h, alpha fixed.
        let shiftedBeta = fitted ? exp(t[2] + h) - model.alpha : model.beta
        let parts = model.parts(points, exponents: gradient != nil && fitted ? [model.beta, shiftedBeta] : [model.beta])
        let losses = parts[0].map(model.loss)
        var f = 0.0
        var residuals = [Double](repeating: Self.missingResidual, count: used.count)
        for (k, i) in used.enumerated() {
            let l = losses[k]
            if l.isFinite && l > 0 { residuals[k] = log(l) - y[i] }
            f += w[i] * huber.value(residuals[k])
        }
        guard let gradient else { return f }
        // log alpha + h: alpha moves, and with the teacher coordinate
        // log(alpha + beta) held, beta moves against it.
        var alphaShifted = t
        alphaShifted[1] += h
        let shiftedLosses = (try? Model(self, alphaShifted)).map { $0.losses(points) }
        let floorIndex = fitted ? 3 : 2
        for (k, i) in used.enumerated() {
            let l = losses[k]
            guard l.isFinite && l > 0, let p = parts[0][k] else { continue }
            let slope = w[i] * huber.derivative(residuals[k])
            gradient[0] += slope * model.scale * p.signal / l
            gradient[floorIndex] += slope * model.floor * (2 * p.noise + 1) / l
            if let shifted = shiftedLosses?[k], shifted.isFinite, shifted > 0 {
                gradient[1] += slope * (log(shifted) - log(l)) / h
            }
            if fitted {
                let shifted = model.loss(parts[1][k])
                if shifted.isFinite, shifted > 0 { gradient[2] += slope * (log(shifted) - log(l)) / h }
            }
        }
        return f
    }
}
