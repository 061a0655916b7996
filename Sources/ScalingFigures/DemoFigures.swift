import Foundation
import NonlinearFeatureTheory
import ScalingMonteCarlo
import ScalingTheory
import SVGPlot

/// The four figures of `scaling-laws demo`, each theory lines with Monte
/// Carlo points (mean and standard error), plus the data behind them. Each
/// figure states every fixed parameter in its subtitle; `Plot.csv` writes
/// the drawn data next to it.
public struct DemoFigures {
    public var trials: Int
    public var seed: UInt64
    public var threads: Int?
    /// Called once per simulated point (and per feature spectrum).
    public var progress: @Sendable () -> Void

    public init(trials: Int, seed: UInt64, threads: Int?, progress: @escaping @Sendable () -> Void) {
        (self.trials, self.seed, self.threads, self.progress) = (trials, seed, threads, progress)
    }

    public var options: SimulationOptions { SimulationOptions(trials: trials, seed: seed, threads: threads) }

    /// A theory line (200 log-spaced points plus `alsoAt`, for example the
    /// exact N = P of a peak) and, on a coarser grid, simulated points.
    public func curve(_ name: String, spectrum: some Spectrum, base: ModelConfiguration, vary parameter: SweepParameter,
               from lower: Double, to upper: Double, simulatedPoints: Int, simulatedUpTo simulatedUpper: Double? = nil,
               alsoAt extra: [Double] = [], seedOffset: UInt64)
        throws -> (line: Plot.Series, points: Plot.Series, simulated: [SimulatedSweepPoint]) {
        var line = try Sweep.theory(spectrum: spectrum, base: base, vary: parameter,
                                    over: ParameterGrid(from: lower, to: upper, count: 200))
        for x in extra where x > lower && x < upper {
            line += try Sweep.theory(spectrum: spectrum, base: base, vary: parameter,
                                     over: ParameterGrid(from: x, to: x, count: 1))
        }
        line.sort { $0.value < $1.value }
        var pointOptions = options
        pointOptions.seed = seed &+ seedOffset
        let simulated = try Sweep.simulation(spectrum: spectrum, base: base, vary: parameter,
                                             over: ParameterGrid(from: lower, to: simulatedUpper ?? upper,
                                                                 count: simulatedPoints),
                                             options: pointOptions, progress: { _ in progress() })
        return (Plot.Series(name: name, points: line.map { Plot.Point(x: $0.value, y: $0.prediction.loss) }),
                Plot.Series(name: "\(name): simulation", points: simulated.map {
                    Plot.Point(x: $0.value, y: $0.simulation.mean, error: $0.simulation.standardError)
                }, style: .markers),
                simulated)
    }

    /// Pairs each line with its points in one colour.
    public static func coloured(_ curves: [(line: Plot.Series, points: Plot.Series)]) -> [Plot.Series] {
        curves.enumerated().flatMap { index, curve -> [Plot.Series] in
            let color = Plot.palette[index % Plot.palette.count]
            var line = curve.line, points = curve.points
            line.color = color
            points.color = color
            return [line, points]
        }
    }

    public var trialText: String { FigureText.trials(trials, seed: seed) }

    /// (1) Loss against N for two P at a tiny ridge (the interpolation peak
    /// at N = P), and at a larger ridge that removes it. The theory line
    /// includes N = P exactly; the y range is fitted away from the peaks,
    /// whose exact heights are stated at the top edge.
    public func doubleDescent() throws -> (Plot, [SimulatedSweepPoint]) {
        let spectrum = try PowerLawSpectrum(alpha: 1, latentDimension: 2000)
        var curves: [(line: Plot.Series, points: Plot.Series)] = [], all: [SimulatedSweepPoint] = []
        for (index, (p, gamma)) in [(100.0, 1e-6), (400.0, 1e-6), (400.0, 1e-3)].enumerated() {
            let base = try ModelConfiguration(featureCount: 1, sampleCount: p, ridge: gamma)
            let c = try curve("P = \(Int(p)), γ = \(FigureText.number(gamma))", spectrum: spectrum, base: base,
                              vary: .featureCount, from: 20, to: 2000, simulatedPoints: 11, alsoAt: [p],
                              seedOffset: UInt64(100 * index))
            curves.append((c.line, c.points))
            all += c.simulated
        }
        let series = Self.coloured(curves)
        let plot = Plot(title: "Double descent: the interpolation peak at N = P, removed by the ridge",
                        subtitle: "α = 1, M = 2000, σ_w² = σ_u² = 1, σ_ε² = 0; \(trialText)",
                        xLabel: "features N", yLabel: "test loss ⟨L⟩", series: series,
                        markers: [Plot.Marker(x: 100, label: "N = P = 100"), Plot.Marker(x: 400, label: "N = P = 400")],
                        yRange: FigureText.yRange(excludingPeaksAt: [100, 400], series: series), xSymbol: "N")
        return (plot, all)
    }

    /// (2) The N <-> P duality: L(N, P0) against N and L(N0, P) against P
    /// coincide when N0 = P0. The second curve is dashed over the first and
    /// its points are open squares, so both stay visible.
    public func duality() throws -> (Plot, [SimulatedSweepPoint]) {
        let spectrum = try PowerLawSpectrum(alpha: 1, latentDimension: 1500)
        let fixed = 200.0
        let byN = try curve("L(N, P = 200) against N", spectrum: spectrum,
                            base: ModelConfiguration(featureCount: 1, sampleCount: fixed, ridge: 1e-3),
                            vary: .featureCount, from: 20, to: 1200, simulatedPoints: 9, seedOffset: 1000)
        let byP = try curve("L(N = 200, P) against P", spectrum: spectrum,
                            base: ModelConfiguration(featureCount: fixed, sampleCount: 1, ridge: 1e-3),
                            vary: .sampleCount, from: 20, to: 1200, simulatedPoints: 9, seedOffset: 2000)
        var series = Self.coloured([(byN.line, byN.points), (byP.line, byP.points)])
        series[2].dash = "7 5"
        series[3].shape = .square
        let plot = Plot(title: "Duality: L(N, P) = L(P, N), the two curves coincide",
                        subtitle: "α = 1, M = 1500, γ = 10⁻³, σ_w² = σ_u² = 1, σ_ε² = 0; \(trialText)",
                        xLabel: "N (or P), the other fixed at 200", yLabel: "test loss ⟨L⟩", series: series,
                        markers: [Plot.Marker(x: fixed, label: "N = P")], xSymbol: "N")
        return (plot, byN.simulated + byP.simulated)
    }

    /// (3) Loss against N with many samples and little label noise: the
    /// power law N^-alpha (dashed references through the theory at N = 30),
    /// and the label-noise floor sigma_eps^2 M / (2 (P - M)) once N >= M.
    public func powerLaw(alphas: [Double]) throws -> (Plot, [(alpha: Double, theory: [SweepPoint], simulated: [SimulatedSweepPoint])]) {
        var curves: [(line: Plot.Series, points: Plot.Series)] = []
        var references: [Plot.Series] = []
        var data: [(alpha: Double, theory: [SweepPoint], simulated: [SimulatedSweepPoint])] = []
        let m = PowerLawDemo.latentDimension, p = PowerLawDemo.sampleCount
        for (index, alpha) in alphas.enumerated() {
            let spectrum = try PowerLawSpectrum(alpha: alpha, latentDimension: m)
            let base = try PowerLawDemo.configuration()
            let c = try curve("α = \(FigureText.number(alpha))", spectrum: spectrum, base: base,
                              vary: .featureCount, from: 10, to: PowerLawDemo.largestN, simulatedPoints: 7,
                              simulatedUpTo: PowerLawDemo.largestSimulatedN,
                              seedOffset: 3000 + UInt64(100 * index))
            curves.append((c.line, c.points))
            let anchor = try Sweep.theory(spectrum: spectrum, base: base, vary: .featureCount,
                                          over: ParameterGrid(from: 30, to: 30, count: 1))[0].prediction.loss
            references.append(Plot.Series(name: "∝ N⁻ᵅ (through the theory at N = 30)",
                                          points: [10.0, 30, 100, 300, 1000].map {
                                              Plot.Point(x: $0, y: anchor * pow($0 / 30, -alpha))
                                          },
                                          color: Plot.palette[index % Plot.palette.count], dash: "3 4",
                                          inLegend: index == 0))
            let fitWindow = try Sweep.theory(spectrum: spectrum, base: base, vary: .featureCount,
                                             over: ParameterGrid(from: PowerLawDemo.fitWindow.lowerBound,
                                                                 to: PowerLawDemo.fitWindow.upperBound, count: 20))
            data.append((alpha, fitWindow, c.simulated))
        }
        let floor = PowerLawDemo.noise * m / (2 * (p - m))
        let floorSeries = Plot.Series(name: "σ_ε² M / (2 (P − M)) = \(FigureText.number(floor))",
                                      points: [10, PowerLawDemo.largestN].map { Plot.Point(x: $0, y: floor) },
                                      color: "#777777", dash: "1 3")
        let plot = Plot(title: "Power law ⟨L⟩ ∝ N⁻ᵅ until the label-noise floor; past N = M only the floor",
                        subtitle: "M = \(FigureText.number(m)), P = \(FigureText.number(p)), σ_ε² = \(FigureText.number(PowerLawDemo.noise)), γ = \(FigureText.number(PowerLawDemo.ridge)), σ_w² = σ_u² = 1; \(trialText)",
                        xLabel: "features N", yLabel: "test loss ⟨L⟩",
                        series: Self.coloured(curves) + references + [floorSeries],
                        markers: [Plot.Marker(x: m, label: "N = M")], xSymbol: "N")
        return (plot, data)
    }

    /// Eigenvalues below this fraction of the largest are rounding noise of
    /// the covariance estimate (double precision, N = 400), not spectrum.
    public static let roundingFloor = 1e-12

    /// (4) Eigenvalues of the feature covariance, linear against nonlinear
    /// features: linear ones stop at index M, nonlinear ones continue the
    /// power law past it. Values below `roundingFloor` are not drawn.
    public func featureSpectrum() throws -> (Plot, [(String, [Double])]) {
        let m = 100, n = 400
        let spectrum = try PowerLawSpectrum(alpha: 1, latentDimension: Double(m))
        var series: [Plot.Series] = [], data: [(String, [Double])] = []
        // Linear last and dashed: below M it coincides with tanh.
        for activation in [Activation.relu, .tanh, .linear] {
            let values = try FeatureCovarianceSpectrum(spectrum: spectrum, featureCount: n, sampleCount: 40_000,
                                                       activation: activation, seed: seed).eigenvalues
            progress()
            let top = values.first ?? 1
            series.append(Plot.Series(name: activation.name, points: values.enumerated().map {
                Plot.Point(x: Double($0.offset + 1), y: $0.element / top)
            }.filter { $0.y >= Self.roundingFloor }, dash: activation.isLinear ? "7 4" : nil))
            data.append((activation.name, values))
        }
        let latent = (1...n).map { Plot.Point(x: Double($0), y: pow(Double($0), -2)) }
        series.append(Plot.Series(name: "I⁻⁽¹⁺ᵅ⁾, the latent spectrum", points: latent, color: "#999999", dash: "2 3"))
        let plot = Plot(title: "Feature spectrum: nonlinear features extend the power law past M",
                        subtitle: "α = 1, M = 100, N = 400, 40000 samples, seed \(seed); values below \(FigureText.number(Self.roundingFloor)) × the largest (rounding) not drawn",
                        xLabel: "index I", yLabel: "eigenvalue / largest", series: series,
                        markers: [Plot.Marker(x: Double(m), label: "I = M")], xSymbol: "I")
        return (plot, data)
    }
}

/// The sizes of figure (3) and of the exponent table. Label noise
/// sigma_eps^2 = 1e-8 puts the floor sigma_eps^2 M / (2 (P - M)) = 1.7e-9
/// below the N^-alpha law for every alpha of the demo until N is close to M;
/// the ridge 1e-8 keeps the fits past N = M on Cholesky and changes the
/// loss by less than 1 percent (ridgeless theory, same sizes).
public enum PowerLawDemo {
    public static let latentDimension = 1000.0
    public static let sampleCount = 4000.0
    public static let noise = 1e-8
    public static let ridge = 1e-8
    /// The theory line runs to 3000 so that the floor past M is a stretch, not a point.
    public static let largestN = 3000.0
    /// Simulations stop at 1500: a trial at N = 3000, P = 4000 costs minutes.
    public static let largestSimulatedN = 1500.0

    public static func configuration() throws -> ModelConfiguration {
        try ModelConfiguration(featureCount: 1, sampleCount: sampleCount, ridge: ridge, noiseVariance: noise)
    }
    /// Where the loss follows N^-alpha: well below M and P.
    public static let fitWindow = 10.0...100.0
}
