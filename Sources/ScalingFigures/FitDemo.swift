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
/// ridgeless. Runs: N in {8, 16, 32, 64} times P in {128, 256, 512}, the
/// loss against noisy labels <L> + sigma_eps^2 / 2 with its standard error
/// from `trials` trials. The three runs at C = 6 N P >= 9e4 are held out.
/// The `model` form is fitted with M given and the teacher exponent fixed
/// at 0 (Docs/Fitting.md, "The model form"); both with a parametric
/// bootstrap of `resamples` refits from the runs' standard errors.
public struct FitDemo {
    public static let figureName = "demo-11-fit"
    public static let alpha = 1.0, latentDimension = 2000.0, noiseVariance = 2e-4
    public static let featureCounts: [Double] = [8, 16, 32, 64]
    public static let sampleCounts: [Double] = [128, 256, 512]
    /// Runs with C = 6 N P at or above this are held out.
    public static let holdoutAbove = 9e4
    /// The forecast path: P = 8 N, from the largest run's P to 100 times it.
    public static let forecastRatio = 8.0
    /// One progress call per simulated run.
    public static var progressSteps: Int { featureCounts.count * sampleCounts.count }

    public var runs: ScalingRuns
    public var report: FitReport
    public var plot: Plot

    /// The true loss against noisy labels at (N, P): <L> + sigma_eps^2 / 2.
    public static func truth(N: Double, P: Double) throws -> Double {
        let spectrum = try PowerLawSpectrum(alpha: alpha, latentDimension: latentDimension)
        return try spectrum.predict(ModelConfiguration(featureCount: N, sampleCount: P, noiseVariance: noiseVariance)).loss
            + noiseVariance / 2
    }

    public init(trials: Int, seed: UInt64, threads: Int?, resamples: Int = 100,
                progress: @escaping @Sendable () -> Void = {}) throws {
        let spectrum = try PowerLawSpectrum(alpha: Self.alpha, latentDimension: Self.latentDimension)
        var n: [Double] = [], p: [Double] = [], loss: [Double] = [], se: [Double] = []
        for (i, features) in Self.featureCounts.enumerated() {
            for (j, samples) in Self.sampleCounts.enumerated() {
                let configuration = try ModelConfiguration(featureCount: features, sampleCount: samples,
                                                           noiseVariance: Self.noiseVariance)
                let options = SimulationOptions(trials: trials, seed: seed &+ 11_000 &+ UInt64(10 * i + j), threads: threads)
                let result = try Simulation(spectrum: spectrum, configuration: configuration, options: options).run()
                n.append(features)
                p.append(samples)
                loss.append(result.mean + Self.noiseVariance / 2)
                se.append(result.standardError)
                progress()
            }
        }
        runs = try ScalingRuns(N: n, D: p, loss: loss, standardError: se)
        var request = FitRequest(runs: runs, forms: FitRequest.formNames)
        request.chinchillaStarts = ChinchillaForm.smallGrid
        request.latentDimension = Self.latentDimension
        request.teacherExponent = 0
        request.holdoutAbove = Self.holdoutAbove
        request.options.resamples = resamples
        request.options.bootstrap = .parametric
        request.options.seed = seed
        request.options.threads = threads
        let largest = Self.sampleCounts.last!
        request.forecastPoints = [1.0, 10, 100].map { (largest * $0 / Self.forecastRatio, largest * $0, 0) }
        report = try FitReport(request)
        var figure = FitFigure(report: report, forecastRatio: Self.forecastRatio)
        figure.truth = { (try? Self.truth(N: $0, P: $1)) ?? .nan }
        plot = figure.plot()
        let model = report.forms[1]
        plot.title = "Fitting simulated runs: both forms and their forecasts to 100 times larger N and P"
        plot.subtitle = "Monte Carlo runs (\(trials) trials) at α = 1, M = 2000, σ_ε² = 2·10⁻⁴, γ = 0; "
            + "model form α = \(String(format: "%.3g", model.parameters[0].value)); held out: C = 6 N P ≥ 9·10⁴"
    }
}
