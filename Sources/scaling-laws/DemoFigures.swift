import Foundation
import NonlinearFeatureTheory
import ScalingMonteCarlo
import ScalingTheory
import SVGPlot

/// The four figures of `scaling-laws demo`, each theory lines with Monte
/// Carlo points (mean and standard error), plus the data behind them.
struct DemoFigures {
    var trials: Int
    var seed: UInt64
    var threads: Int?
    var progress: Progress

    var options: SimulationOptions { SimulationOptions(trials: trials, seed: seed, threads: threads) }

    /// A theory line and, on a coarser grid, simulated points, for one curve.
    func curve(_ name: String, spectrum: some Spectrum, base: ModelConfiguration, vary parameter: SweepParameter,
               from lower: Double, to upper: Double, simulatedPoints: Int, seedOffset: UInt64) throws
        -> (line: Plot.Series, points: Plot.Series, simulated: [SimulatedSweepPoint]) {
        let line = try Sweep.theory(spectrum: spectrum, base: base, vary: parameter,
                                    over: ParameterGrid(from: lower, to: upper, count: 200))
        var pointOptions = options
        pointOptions.seed = seed &+ seedOffset
        let simulated = try Sweep.simulation(spectrum: spectrum, base: base, vary: parameter,
                                             over: ParameterGrid(from: lower, to: upper, count: simulatedPoints),
                                             options: pointOptions, progress: { _ in progress.advance() })
        return (Plot.Series(name: name, points: line.map { Plot.Point(x: $0.value, y: $0.prediction.loss) }),
                Plot.Series(name: "\(name): simulation", points: simulated.map {
                    Plot.Point(x: $0.value, y: $0.simulation.mean, error: $0.simulation.standardError)
                }, style: .markers),
                simulated)
    }

    /// Pairs each line with its points in one colour.
    static func coloured(_ curves: [(line: Plot.Series, points: Plot.Series)]) -> [Plot.Series] {
        curves.enumerated().flatMap { index, curve -> [Plot.Series] in
            let color = Plot.palette[index % Plot.palette.count]
            var line = curve.line, points = curve.points
            line.color = color
            points.color = color
            return [line, points]
        }
    }

    /// (1) Loss against N for two P at a tiny ridge (the interpolation peak
    /// at N = P), and at a larger ridge that removes it.
    func doubleDescent() throws -> (Plot, [SimulatedSweepPoint]) {
        let spectrum = try PowerLawSpectrum(alpha: 1, latentDimension: 2000)
        var curves: [(line: Plot.Series, points: Plot.Series)] = [], all: [SimulatedSweepPoint] = []
        for (index, (p, gamma)) in [(100.0, 1e-6), (400.0, 1e-6), (400.0, 1e-3)].enumerated() {
            let base = try ModelConfiguration(featureCount: 1, sampleCount: p, ridge: gamma)
            let c = try curve("P = \(Int(p)), gamma = \(TableFormat.number(gamma))", spectrum: spectrum, base: base,
                              vary: .featureCount, from: 20, to: 2000, simulatedPoints: 11,
                              seedOffset: UInt64(100 * index))
            curves.append((c.line, c.points))
            all += c.simulated
        }
        let plot = Plot(title: "Double descent: the interpolation peak at N = P and its removal by ridge (M = 2000, alpha = 1)",
                        xLabel: "features N", yLabel: "test loss <L>", series: Self.coloured(curves),
                        markers: [Plot.Marker(x: 100, label: "N = P = 100"), Plot.Marker(x: 400, label: "N = P = 400")])
        return (plot, all)
    }

    /// (2) The N <-> P duality: L(N, P0) against N and L(N0, P) against P
    /// coincide when N0 = P0.
    func duality() throws -> (Plot, [SimulatedSweepPoint]) {
        let spectrum = try PowerLawSpectrum(alpha: 1, latentDimension: 1500)
        let fixed = 200.0
        let byN = try curve("vary N at P = 200", spectrum: spectrum,
                            base: ModelConfiguration(featureCount: 1, sampleCount: fixed, ridge: 1e-3),
                            vary: .featureCount, from: 20, to: 1200, simulatedPoints: 9, seedOffset: 1000)
        let byP = try curve("vary P at N = 200", spectrum: spectrum,
                            base: ModelConfiguration(featureCount: fixed, sampleCount: 1, ridge: 1e-3),
                            vary: .sampleCount, from: 20, to: 1200, simulatedPoints: 9, seedOffset: 2000)
        var lineP = byP.line
        lineP.style = .line
        let series = Self.coloured([(byN.line, byN.points), (lineP, byP.points)])
        let plot = Plot(title: "Duality: L(N, P) = L(P, N) (M = 1500, alpha = 1, gamma = 1e-3)",
                        xLabel: "N (or P), the other fixed at 200", yLabel: "test loss <L>", series: series,
                        markers: [Plot.Marker(x: fixed, label: "N = P")])
        return (plot, byN.simulated + byP.simulated)
    }

    /// (3) Loss against N with many samples: the power law N^-alpha, and
    /// the plateau once N passes M (label noise sets the floor).
    func powerLaw(alphas: [Double]) throws -> (Plot, [(alpha: Double, theory: [SweepPoint], simulated: [SimulatedSweepPoint])]) {
        var curves: [(line: Plot.Series, points: Plot.Series)] = []
        var data: [(alpha: Double, theory: [SweepPoint], simulated: [SimulatedSweepPoint])] = []
        for (index, alpha) in alphas.enumerated() {
            let spectrum = try PowerLawSpectrum(alpha: alpha, latentDimension: PowerLawDemo.latentDimension)
            let base = try PowerLawDemo.configuration()
            let c = try curve("alpha = \(TableFormat.number(alpha))", spectrum: spectrum, base: base,
                              vary: .featureCount, from: 10, to: 1500, simulatedPoints: 7,
                              seedOffset: 3000 + UInt64(100 * index))
            curves.append((c.line, c.points))
            let fitWindow = try Sweep.theory(spectrum: spectrum, base: base, vary: .featureCount,
                                             over: ParameterGrid(from: PowerLawDemo.fitWindow.lowerBound,
                                                                 to: PowerLawDemo.fitWindow.upperBound, count: 20))
            data.append((alpha, fitWindow, c.simulated))
        }
        let plot = Plot(title: "Power law N^-alpha and the plateau at N = M (M = 1000, P = 4000, sigma_eps^2 = 1e-6, gamma = 1e-6)",
                        xLabel: "features N", yLabel: "test loss <L>", series: Self.coloured(curves),
                        markers: [Plot.Marker(x: PowerLawDemo.latentDimension, label: "N = M")])
        return (plot, data)
    }

    /// (4) Eigenvalues of the feature covariance, linear against nonlinear
    /// features: linear ones stop at index M, nonlinear ones continue the
    /// power law past it.
    func featureSpectrum() throws -> (Plot, [(String, [Double])]) {
        let m = 100, n = 400
        let spectrum = try PowerLawSpectrum(alpha: 1, latentDimension: Double(m))
        var series: [Plot.Series] = [], data: [(String, [Double])] = []
        for activation in [Activation.linear, .relu, .tanh] {
            let values = try FeatureCovarianceSpectrum(spectrum: spectrum, featureCount: n, sampleCount: 40_000,
                                                       activation: activation, seed: seed).eigenvalues
            progress.advance()
            let top = values.first ?? 1
            series.append(Plot.Series(name: activation.name, points: values.enumerated().map {
                Plot.Point(x: Double($0.offset + 1), y: $0.element / top)
            }))
            data.append((activation.name, values))
        }
        let latent = (1...n).map { Plot.Point(x: Double($0), y: pow(Double($0), -2)) }
        series.append(Plot.Series(name: "I^-(1+alpha)", points: latent, color: "#999999"))
        let plot = Plot(title: "Feature spectrum: nonlinear features extend the power law past M (M = 100, N = 400)",
                        xLabel: "index I", yLabel: "eigenvalue / largest", series: series,
                        markers: [Plot.Marker(x: Double(m), label: "I = M")])
        return (plot, data)
    }
}

/// The sizes of figure (3) and of the exponent table. A tiny ridge keeps
/// the fits past N = M on Cholesky instead of a rank-revealing least-squares
/// solve, at no visible change to the loss.
enum PowerLawDemo {
    static let latentDimension = 1000.0
    static let sampleCount = 4000.0
    static let noise = 1e-6
    static let ridge = 1e-6

    static func configuration() throws -> ModelConfiguration {
        try ModelConfiguration(featureCount: 1, sampleCount: sampleCount, ridge: ridge, noiseVariance: noise)
    }
    /// Where the loss follows N^-alpha: well below M and P.
    static let fitWindow = 10.0...100.0
}
