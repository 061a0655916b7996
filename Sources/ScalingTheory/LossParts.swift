import Glibc

/// The average test loss <L> of Docs/Theory.md sections 3 and 8 split by the
/// two variances it is linear in. At a fixed spectrum, teacher shape
/// (omega_I / sigma_w^2), N, P, gamma and sigma_u^2, neither Delta nor the
/// spectral sums depend on sigma_w^2 or sigma_eps^2, so
///
///     <L> = sigma_w^2 signal + sigma_eps^2 noise.
///
/// What a fit of the theory needs: one solve gives the loss at every
/// teacher variance and noise level, and its exact derivatives in both.
public struct LossParts: Sendable, Equatable {
    /// <L> per unit sigma_w^2 at sigma_eps^2 = 0 (+infinity at the ridgeless
    /// interpolation peak N = P).
    public var signal: Double
    /// <L> per unit sigma_eps^2 at sigma_w^2 = 0 (+infinity at the ridgeless
    /// peaks N = P and P = M <= N).
    public var noise: Double

    public init(signal: Double, noise: Double) {
        self.signal = signal
        self.noise = noise
    }

    /// sigma_w^2 signal + sigma_eps^2 noise; the noise part is left out at
    /// sigma_eps^2 = 0 (as in `SelfConsistentSolver.predict`).
    public func loss(teacherVariance: Double, noiseVariance: Double) -> Double {
        noiseVariance == 0 ? teacherVariance * signal : teacherVariance * signal + noiseVariance * noise
    }
}

extension SelfConsistentSolver {
    /// The `LossParts` of a power-law spectrum at many (N, P, gamma) points
    /// and for several teacher shapes at once, solving (SC) once per distinct
    /// Delta: ridgeless points share it when they share min(N, P) (Delta is
    /// the branch edge df1(Delta) = min(N, P)), points with a ridge when they
    /// share (N, P, gamma); every teacher shares it (Delta does not depend on
    /// the teacher). Delta is found and verified as `predict` finds and
    /// verifies it (the safeguarded Newton path, else Brent), and the parts
    /// agree with `predict`'s loss to rounding.
    ///
    /// `teachers` give the shape only (their sigma_w^2 is the `LossParts`'
    /// factor). Returns `[teacher][point]`; an entry is nil where `predict`
    /// would throw for that point (a root that does not verify, a sum that
    /// fails).
    public func lossParts(spectrum: PowerLawSpectrum, points: [(N: Double, P: Double, ridge: Double)],
                          teachers: [Teacher], featureWeightVariance: Double = 1) -> [[LossParts?]] {
        LossPartsEvaluator(solver: self, spectrum: spectrum, teachers: teachers,
                           featureWeightVariance: featureWeightVariance).parts(points)
    }
}

/// `SelfConsistentSolver.lossParts` with what does not depend on the points
/// (the teachers' sums as functions of Delta, `Teacher.sumsFunction`)
/// prepared once: for many calls at one spectrum, as a fit's compute-optimal
/// search evaluates the theory one point at a time. Same values.
public struct LossPartsEvaluator: Sendable {
    public let solver: SelfConsistentSolver
    public let spectrum: PowerLawSpectrum
    /// The teacher shapes (their sigma_w^2 is the `LossParts`' factor).
    public let teachers: [Teacher]
    public let featureWeightVariance: Double
    /// Per teacher, its sums at any Delta (nil: isotropic, or the sums fail at any Delta).
    private let teacherSumFunctions: [(@Sendable (Double) throws -> TeacherSums)?]

    public init(solver: SelfConsistentSolver = SelfConsistentSolver(), spectrum: PowerLawSpectrum,
                teachers: [Teacher], featureWeightVariance: Double = 1) {
        self.solver = solver
        self.spectrum = spectrum
        self.teachers = teachers
        self.featureWeightVariance = featureWeightVariance
        teacherSumFunctions = teachers.map { teacher in
            teacher.isIsotropic ? nil : try? teacher.sumsFunction(spectrum: spectrum, teacherVariance: 1)
        }
    }

    /// `[teacher][point]`, as `SelfConsistentSolver.lossParts` documents.
    public func parts(_ points: [(N: Double, P: Double, ridge: Double)]) -> [[LossParts?]] {
        var out = [[LossParts?]](repeating: [LossParts?](repeating: nil, count: points.count), count: teachers.count)
        var groups: [[Double]: [Int]] = [:]
        var order: [[Double]] = []
        for (i, point) in points.enumerated() {
            let key = point.ridge == 0 ? [min(point.N, point.P)] : [point.N, point.P, point.ridge]
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(i)
        }
        let m = spectrum.latentDimension, unit = spectrum.normalizingDimension
        for key in order {
            let members = groups[key]!
            let first = points[members[0]]
            guard let representative = try? ModelConfiguration(
                featureCount: first.N, sampleCount: first.P, ridge: first.ridge,
                featureWeightVariance: featureWeightVariance),
                let root = try? solver.root(spectrum: spectrum, configuration: representative) else { continue }
            guard case .positive(let sums) = root else {
                // Delta = 0: ridgeless with min(N, P) >= M; only label noise is left.
                for i in members {
                    let p = points[i].P
                    for k in teachers.indices { out[k][i] = LossParts(signal: 0, noise: p > m ? 0.5 * (m / (p - m)) : .infinity) }
                }
                continue
            }
            let teacherSums: [TeacherSums?] = teacherSumFunctions.map { function in
                function.flatMap { try? $0(sums.delta) }
            }
            for i in members {
                let point = points[i]
                let n = point.N, p = point.P
                if point.ridge == 0 && n == p {
                    for k in teachers.indices { out[k][i] = LossParts(signal: .infinity, noise: .infinity) }
                    continue
                }
                guard let configuration = try? ModelConfiguration(
                    featureCount: n, sampleCount: p, ridge: point.ridge, featureWeightVariance: featureWeightVariance)
                else { continue }
                let d12 = sums.df1MinusDf2
                for (k, teacher) in teachers.enumerated() {
                    if teacher.isIsotropic {
                        // Section 3, as `loss(sums:configuration:normalizingDimension:...)` forms it.
                        guard let slacks = try? SelfConsistentSolver.slacks(spectrum: spectrum, configuration: configuration,
                                                            delta: sums.delta) else { continue }
                        let nSlack = slacks.feature, pSlack = slacks.sample
                        let denominator = nSlack * pSlack + d12 * (nSlack + pSlack)
                        guard denominator > 0 else {
                            out[k][i] = LossParts(signal: .infinity, noise: .infinity)
                            continue
                        }
                        let sizeRatio = nSlack > 0 && pSlack > 0
                            ? (n / nSlack) * (p / pSlack) / (1 + d12 / nSlack + d12 / pSlack)
                            : n * p / denominator
                        out[k][i] = LossParts(signal: 0.5 * (sums.delta / unit) * d12 * sizeRatio,
                                              noise: 0.5 * ((sums.df2 * (nSlack + d12) + d12 * d12) / denominator))
                    } else {
                        // Section 8, as `loss(sums:teacherSums:configuration:)` forms it.
                        guard let t = teacherSums[k] else { continue }
                        let d1 = sums.df1
                        let denominator = (n - d1) * (p - d1) + d12 * (n + p - 2 * d1)
                        guard denominator > 0 else {
                            out[k][i] = LossParts(signal: .infinity, noise: .infinity)
                            continue
                        }
                        out[k][i] = LossParts(signal: 0.5 * (p * ((n - sums.df2) * t.bias + d12 * t.cross) / denominator),
                                              noise: 0.5 * ((sums.df2 * (n - sums.df2) + d12 * d12) / denominator))
                    }
                }
            }
        }
        return out
    }
}

extension SelfConsistentSolver {
    /// The verified root of (SC): Delta > 0 with the sums there, or zero.
    enum Root {
        case positive(SpectralSums)
        /// Delta = 0: ridgeless with min(N, P) >= M.
        case zero
    }

    /// The root found and verified as `predict` finds and verifies it.
    func root(spectrum: PowerLawSpectrum, configuration: ModelConfiguration) throws -> Root {
        var fast = try powerLawNewtonSolution(spectrum: spectrum, configuration: configuration)
        if let candidate = fast,
           (try? verifySolution(spectrum: spectrum, configuration: configuration, delta: candidate.delta)) == nil {
            fast = nil
        }
        if let fast { return .positive(fast) }
        let delta = try solveDelta(spectrum: spectrum, configuration: configuration)
        try verifySolution(spectrum: spectrum, configuration: configuration, delta: delta)
        return delta > 0 ? .positive(try spectrum.checkedSums(at: delta)) : .zero
    }
}
