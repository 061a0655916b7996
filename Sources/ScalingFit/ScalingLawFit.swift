import DenseAlgebra
import Glibc

/// How the uncertainty of a fit is estimated.
public enum BootstrapMethod: String, Sendable, CaseIterable, Codable {
    /// Resample the runs (rows) with replacement and refit: no assumption on
    /// the noise, but it needs enough runs to resample.
    case rows
    /// Keep the runs, replace each loss by the fitted loss plus Gaussian noise
    /// of its standard error (on log L: sd = se / loss), and refit. Needs `se`;
    /// assumes the form is right and the se are the whole noise.
    case parametric
}

/// The settings of a fit; every default is what the CLI uses.
public struct FitOptions: Sendable {
    /// delta of the Huber loss on log L (Hoffmann et al.: 1e-3).
    public var huberDelta = 1e-3
    /// Bootstrap resamples (0: no intervals).
    public var resamples = 1000
    public var bootstrap = BootstrapMethod.rows
    /// Fixes every resample (with the resample's index).
    public var seed: UInt64 = 0
    /// The coverage of the percentile intervals.
    public var confidence = 0.95
    /// Worker threads (nil: one per core). The result does not depend on it.
    public var threads: Int?
    public var minimizer = GradientMinimizer()
    /// Two optima are "different" when a reported parameter differs by more
    /// than this fraction (exponents: this much in absolute value).
    public var distinctOptimum = 0.01
    /// Start optima whose objective is within this fraction of the best count
    /// as rivals of the best (the "starts disagree" warning).
    public var rivalObjective = 0.01

    public init() {}

    func validate() throws {
        _ = try HuberLoss(delta: huberDelta)
        guard resamples >= 0, resamples <= 1_000_000 else {
            throw FitError.invalidOption(name: "resamples", value: "\(resamples)", requirement: "must be in 0...1000000")
        }
        guard confidence > 0, confidence < 1 else {
            throw FitError.invalidOption(name: "confidence", value: "\(confidence)", requirement: "must be in (0, 1)")
        }
        if let threads, threads < 1 {
            throw FitError.invalidOption(name: "threads", value: "\(threads)", requirement: "must be >= 1")
        }
    }
}

/// A value with its bootstrap percentile interval (nil bounds without resamples).
public struct Estimate: Sendable, Equatable {
    public var value: Double
    public var lower: Double?
    public var upper: Double?

    /// The interval is wider than the value's magnitude: the data do not pin it down.
    public var isWide: Bool {
        guard let lower, let upper else { return false }
        return upper - lower > abs(value)
    }

    public func contains(_ x: Double) -> Bool {
        guard let lower, let upper else { return false }
        return lower <= x && x <= upper
    }
}

/// The optimum one start reached.
public struct StartOptimum: Sendable {
    /// The starting point, in the form's coordinates.
    public var start: [Double]
    /// The reported parameters at the optimum.
    public var parameters: [Double]
    public var objective: Double
    public var iterations: Int
    public var stop: GradientMinimizer.Stop
}

/// A fitted scaling law with its uncertainty: the best of all starts, every
/// start's optimum, and the bootstrap refits from which every interval
/// (parameters, forecasts, compute-optimal allocation) is a percentile.
public struct ScalingLawFit: Sendable {
    public let form: any FitForm
    public let runs: ScalingRuns
    public let options: FitOptions
    /// The best optimum in the form's coordinates.
    public let theta: [Double]
    /// The Huber objective there (summed over runs).
    public let objective: Double
    /// Every start's optimum, in the order of `form.starts`.
    public let starts: [StartOptimum]
    /// The refits' coordinates (resamples whose refit failed are left out).
    public let resampleThetas: [[Double]]
    /// Resamples whose refit did not reach a finite optimum.
    public let failedResamples: Int

    /// Fits `form` to `runs`: every start minimized (in parallel), the best
    /// kept, then `options.resamples` bootstrap refits started from the best.
    public init(runs: ScalingRuns, form: any FitForm, options: FitOptions = FitOptions(),
                progress: ((String, Int, Int) -> Void)? = nil) throws {
        try options.validate()
        guard runs.count >= form.parameterNames.count else {
            throw FitError.tooFewRuns(count: runs.count, parameters: form.parameterNames.count, form: form.name)
        }
        if options.bootstrap == .parametric, runs.standardError == nil {
            throw FitError.invalidOption(name: "bootstrap", value: "parametric", requirement: "needs a standard error (se) per run")
        }
        let huber = try HuberLoss(delta: options.huberDelta)
        let data = FitData(runs)
        let given = form.starts
        let form = form.adapted(to: data)
        let ones = [Double](repeating: 1, count: data.count)
        let workers = options.threads ?? max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        let minimizer = form.minimizer(from: options.minimizer)
        let startList = form.starts
        let total = startList.count
        let found = try ParallelTrials.map(count: total, workers: workers, progress: { progress?("starts", $0, total) }) { k in
            let r = try minimizer.minimize(from: startList[k]) { t, g in
                form.objective(t, data, targets: data.logLoss, weights: ones, huber: huber, gradient: g)
            }
            return (r, StartOptimum(start: given[k], parameters: form.reported(r.x), objective: r.value,
                                    iterations: r.iterations, stop: r.stop))
        }
        let valid = found.indices.filter { found[$0].0.value.isFinite && found[$0].0.x.allSatisfy(\.isFinite) }
        guard let best = valid.min(by: { found[$0].0.value < found[$1].0.value }) else {
            throw FitError.noOptimum(form: form.name, detail: "every objective was infinite or NaN")
        }
        let theta = found[best].0.x
        self.form = form
        self.runs = runs
        self.options = options
        self.theta = theta
        objective = found[best].0.value
        starts = found.map { $0.1 }

        let fitted = (0..<data.count).map { form.logLoss(theta, data, $0) }
        let relativeSE = runs.standardError.map { se in se.indices.map { se[$0] / runs.loss[$0] } }
        let method = options.bootstrap, seed = options.seed, n = data.count, count = options.resamples
        let refits: [[Double]?] = try ParallelTrials.map(count: count, workers: workers,
                                                  progress: { progress?("resamples", $0, count) }) { r in
            let stream = RandomStream(seed: seed, trial: r)
            var weights = ones, targets = data.logLoss
            switch method {
            case .rows:
                weights = [Double](repeating: 0, count: n)
                for _ in 0..<n { weights[stream.index(below: n)] += 1 }
            case .parametric:
                targets = (0..<n).map { fitted[$0] + relativeSE![$0] * stream.gaussian() }
            }
            let result = try minimizer.minimize(from: theta) { t, g in
                form.objective(t, data, targets: targets, weights: weights, huber: huber, gradient: g)
            }
            return result.value.isFinite && result.x.allSatisfy(\.isFinite) ? result.x : nil
        }
        resampleThetas = refits.compactMap { $0 }
        failedResamples = refits.count - resampleThetas.count
    }

    /// The reported parameters (form.parameterNames) with their intervals.
    public var parameters: [Estimate] {
        let point = form.reported(theta)
        let samples = resampleThetas.map { form.reported($0) }
        return point.indices.map { j in estimate(point[j], samples.map { $0[j] }) }
    }

    /// The fitted loss at (N, D) and its interval (the uncertainty of the fitted
    /// law, not of one new run's noise).
    public func forecast(N: Double, D: Double, ridge: Double = 0) -> Estimate {
        forecasts([(N: N, D: D, ridge: ridge)])[0]
    }

    /// `forecast` at several points, each theta's losses in one call
    /// (`FitForm.losses`), the thetas in parallel (`options.threads`; the
    /// result does not depend on it).
    public func forecasts(_ points: [(N: Double, D: Double, ridge: Double)]) -> [Estimate] {
        guard !points.isEmpty else { return [] }
        let values = perTheta { form.losses($0, points: points) }
        return points.indices.map { i in estimate(values[0][i], values.dropFirst().map { $0[i] }) }
    }

    /// N*(C), D*(C) and L* minimizing the fitted loss at compute C = k N D,
    /// with intervals.
    public func computeOptimal(compute: Double, flopsPerToken k: Double = 6, ridge: Double = 0)
        -> (N: Estimate, D: Estimate, loss: Estimate)? {
        computeOptimalFrontier(computes: [compute], flopsPerToken: k, ridge: ridge)[0]
    }

    /// `computeOptimal` at several budgets: each theta's optima in one call
    /// (`FitForm.computeOptima`), the thetas in parallel. Nil where the best
    /// fit has no optimum; resamples without one are left out of the interval.
    public func computeOptimalFrontier(computes: [Double], flopsPerToken k: Double = 6, ridge: Double = 0)
        -> [(N: Estimate, D: Estimate, loss: Estimate)?] {
        let optima = perTheta { form.computeOptima($0, computes: computes, flopsPerToken: k, ridge: ridge) }
        return computes.indices.map { j in
            guard let point = optima[0][j] else { return nil }
            let samples = optima.dropFirst().compactMap { $0[j] }
            return (estimate(point.N, samples.map(\.N)), estimate(point.D, samples.map(\.D)),
                    estimate(point.loss, samples.map(\.loss)))
        }
    }

    /// The exponents a, b of N* ~ C^a and D* ~ C^b at compute C (for the
    /// Chinchilla form constant: beta/(alpha+beta), alpha/(alpha+beta)).
    public func computeOptimalExponents(at compute: Double, flopsPerToken k: Double = 6, ridge: Double = 0)
        -> (a: Estimate, b: Estimate)? {
        let exponents = perTheta { form.allocationExponents($0, compute: compute, flopsPerToken: k, ridge: ridge) }
        guard let point = exponents[0] else { return nil }
        let samples = exponents.dropFirst().compactMap { $0 }
        return (estimate(point.a, samples.map(\.a)), estimate(point.b, samples.map(\.b)))
    }

    /// `body` at the best theta (first) and every resample's, in parallel on
    /// `options.threads` workers, in that order whatever the thread count.
    func perTheta<T>(_ body: ([Double]) -> T) -> [T] {
        let thetas = [theta] + resampleThetas
        let workers = options.threads ?? max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        // The trials never throw, so the map returns.
        return (try? ParallelTrials.map(count: thetas.count, workers: workers) { body(thetas[$0]) })
            ?? thetas.map(body)
    }

    /// Start optima that are not the best but nearly as good: local optima
    /// within `options.rivalObjective` of the best objective with a parameter
    /// outside the best's interval (without resamples: differing by more than
    /// `options.distinctOptimum`). Points along a flat valley inside the
    /// intervals are the same answer, not a rival.
    public var rivalOptima: [StartOptimum] {
        let best = form.reported(theta)
        let intervals = parameters
        let limit = objective + options.rivalObjective * abs(objective) + 1e-12
        return starts.filter { s in
            s.objective.isFinite && s.objective <= limit && s.parameters.indices.contains { j in
                if intervals[j].lower != nil { return !intervals[j].contains(s.parameters[j]) }
                let scale = form.isExponent(j) ? 1 : abs(best[j])
                return abs(s.parameters[j] - best[j]) > options.distinctOptimum * max(scale, 1e-300)
            }
        }
    }

    /// Warnings a reader of the fit must see: intervals wider than their
    /// value, starts that disagree, failed resamples.
    public var warnings: [String] {
        var out: [String] = []
        let names = form.parameterNames
        for (j, p) in parameters.enumerated() where p.isWide {
            out.append("\(names[j]): the \(percent) interval [\(short(p.lower!)), \(short(p.upper!))] is wider than the value \(short(p.value))")
        }
        let rivals = rivalOptima
        if let first = rivals.first {
            let text = zip(names, first.parameters).map { "\($0) \(short($1))" }.joined(separator: ", ")
            out.append("starts disagree: \(rivals.count) of \(starts.count) starts reached another optimum within \(short(100 * options.rivalObjective)) % of the best objective (e.g. \(text), objective \(short(first.objective)))")
        }
        if failedResamples > 0 {
            out.append("\(failedResamples) of \(options.resamples) bootstrap refits failed and are left out of the intervals")
        }
        return out
    }

    var percent: String { "\(short(100 * options.confidence)) %" }

    /// The percentile interval of `samples` around `value`.
    func estimate(_ value: Double, _ samples: [Double]) -> Estimate {
        let finite = samples.filter(\.isFinite).sorted()
        guard finite.count >= 2 else { return Estimate(value: value) }
        let tail = (1 - options.confidence) / 2
        return Estimate(value: value, lower: Self.quantile(finite, tail), upper: Self.quantile(finite, 1 - tail))
    }

    /// The q-quantile of sorted values, linear between order statistics.
    static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        let h = q * Double(sorted.count - 1)
        let i = Int(h.rounded(.down))
        return i + 1 < sorted.count ? sorted[i] + (h - Double(i)) * (sorted[i + 1] - sorted[i]) : sorted[i]
    }
}

/// x with four significant digits, for messages (printf's %.4g).
func short(_ x: Double) -> String {
    var buffer = [CChar](repeating: 0, count: 40)
    _ = withVaList([x]) { vsnprintf(&buffer, buffer.count, "%.4g", $0) }
    return String(cString: buffer)
}
