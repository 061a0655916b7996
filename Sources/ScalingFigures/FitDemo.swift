import Foundation
import ScalingFit
import ScalingMonteCarlo
import ScalingTheory
import SVGPlot

/// The demo's fit figure (Docs/Fitting.md, "A worked example"): runs
/// simulated by this package's Monte Carlo at small (N, P) from hidden
/// parameters, both forms fitted to the runs below a compute cut, and their
/// forecasts with bands at up to 100 times larger N and P against the truth.
///
/// Hidden: alpha = 1, the isotropic teacher, M = 2000, sigma_eps^2 = 2e-4,
/// ridgeless. The runs (`design`, with its own trial count, not the demo's)
/// are the loss against noisy labels
/// <L> + sigma_eps^2 / 2 with its standard error. The `model` form is
/// fitted with M given and the teacher exponent fixed at 0
/// (Docs/Fitting.md, "The model form"); both with a parametric bootstrap
/// from the runs' standard errors. The same design is the model form's
/// recovery test (TheoryFormTests), so the figure and the test cannot drift.
public struct FitDemo {
    public static let figureName = "demo-11-fit"
    public static let alpha = 1.0, latentDimension = 2000.0, noiseVariance = 2e-4

    /// The simulated runs and the fit's settings.
    public struct Design: Sendable {
        public var featureCounts: [Double]
        public var sampleCounts: [Double]
        /// Runs with C = 6 N P at or above this are held out.
        public var holdoutAbove: Double
        /// The forecast path: P = ratio N, from the largest run's P to 100 times it.
        public var forecastRatio: Double
        /// Monte Carlo trials per run.
        public var trials: Int
        public var resamples: Int

        public var runCount: Int { featureCounts.count * sampleCounts.count }

        /// The runs at or above the cut.
        public var heldOutCount: Int {
            featureCounts.map { n in sampleCounts.filter { 6 * n * $0 >= holdoutAbove }.count }.reduce(0, +)
        }

        /// The forecast points: P = 1, 10 and 100 times the largest run's, N = P / ratio.
        public var forecastPoints: [(N: Double, D: Double, ridge: Double)] {
            let largest = sampleCounts.max()!
            return [1.0, 10, 100].map { (largest * $0 / forecastRatio, largest * $0, 0) }
        }
    }

    /// N from 32, where the Monte Carlo mean is within about 2 % of the
    /// theory (a deterministic equivalent; at N = 8 the finite-N excess is
    /// 9 %), to 256; P / N from 2 to 64, with P = 8 N (the forecast path,
    /// where the noise floor dominates, so these runs pin it) at every N. The
    /// three runs at C = 6 N P >= 1.5e6 are held out: (128, 2048),
    /// (256, 1024), (256, 2048). Docs/Fitting.md, "A worked example", has the
    /// diagnosis and the replicates.
    public static let design = Design(featureCounts: [32, 64, 128, 256], sampleCounts: [512, 1024, 2048],
                                      holdoutAbove: 1.5e6, forecastRatio: 8, trials: 32, resamples: 100)
    /// One progress call per simulated run.
    public static var progressSteps: Int { design.runCount }

    public var runs: ScalingRuns
    public var report: FitReport
    public var plot: Plot

    /// The true loss against noisy labels at (N, P): <L> + sigma_eps^2 / 2.
    public static func truth(N: Double, P: Double) throws -> Double {
        let spectrum = try PowerLawSpectrum(alpha: alpha, latentDimension: latentDimension)
        return try spectrum.predict(ModelConfiguration(featureCount: N, sampleCount: P, noiseVariance: noiseVariance)).loss
            + noiseVariance / 2
    }

    /// The runs of `design`, `trials` Monte Carlo trials each; run (i, j) is
    /// seeded with seed + 11000 + 10 i + j.
    public static func simulatedRuns(_ design: Design = design, trials: Int, seed: UInt64, threads: Int?,
                                     progress: @escaping @Sendable () -> Void = {}) throws -> ScalingRuns {
        let spectrum = try PowerLawSpectrum(alpha: alpha, latentDimension: latentDimension)
        var n: [Double] = [], p: [Double] = [], loss: [Double] = [], se: [Double] = []
        for (i, features) in design.featureCounts.enumerated() {
            for (j, samples) in design.sampleCounts.enumerated() {
                let configuration = try ModelConfiguration(featureCount: features, sampleCount: samples,
                                                           noiseVariance: noiseVariance)
                let options = SimulationOptions(trials: trials, seed: seed &+ 11_000 &+ UInt64(10 * i + j), threads: threads)
                let result = try Simulation(spectrum: spectrum, configuration: configuration, options: options).run()
                n.append(features)
                p.append(samples)
                loss.append(result.mean + noiseVariance / 2)
                se.append(result.standardError)
                progress()
            }
        }
        return try ScalingRuns(N: n, D: p, loss: loss, standardError: se)
    }

    /// Both forms on `runs` as the demo fits them: M given, the teacher
    /// exponent fixed at 0, the runs at C >= holdoutAbove held out, a
    /// parametric bootstrap of `resamples` refits seeded with `seed`.
    public static func request(runs: ScalingRuns, _ design: Design = design, resamples: Int? = nil,
                               seed: UInt64, threads: Int?) -> FitRequest {
        var request = FitRequest(runs: runs, forms: FitRequest.formNames)
        request.chinchillaStarts = ChinchillaForm.smallGrid
        request.latentDimension = latentDimension
        request.teacherExponent = 0
        request.holdoutAbove = design.holdoutAbove
        request.options.resamples = resamples ?? design.resamples
        request.options.bootstrap = .parametric
        request.options.seed = seed
        request.options.threads = threads
        request.forecastPoints = design.forecastPoints
        return request
    }

    /// The figure at `design`; `trials` and `resamples` (default: the
    /// design's) smaller only for a quick look (the tests).
    public init(trials: Int? = nil, seed: UInt64, threads: Int?, resamples: Int? = nil,
                progress: @escaping @Sendable () -> Void = {}) throws {
        let design = Self.design
        let trials = trials ?? design.trials
        runs = try Self.simulatedRuns(design, trials: trials, seed: seed, threads: threads, progress: progress)
        report = try FitReport(Self.request(runs: runs, design, resamples: resamples, seed: seed, threads: threads))
        var figure = FitFigure(report: report, forecastRatio: design.forecastRatio)
        figure.truth = { (try? Self.truth(N: $0, P: $1)) ?? .nan }
        plot = figure.plot()
        let model = report.forms[1]
        plot.title = "Fitting simulated runs: both forms and their forecasts to 100 times larger N and P"
        plot.subtitle = "Monte Carlo runs (\(trials) trials) at α = 1, M = 2000, σ_ε² = 2·10⁻⁴, γ = 0; "
            + "model form α = \(String(format: "%.3g", model.parameters[0].value)); held out: C = 6 N P ≥ "
            + FigureText.number(design.holdoutAbove)
    }
}
