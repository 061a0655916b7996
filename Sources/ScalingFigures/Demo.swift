import Foundation
import ScalingData
import ScalingMonteCarlo
import ScalingTheory
import SVGPlot

/// Everything `scaling-laws demo` shows, computed: the figures (theory
/// lines with Monte Carlo points), the fitted loss exponents against alpha
/// and against the teacher exponent beta, the feature spectra, and how far
/// the simulated points stray from the theory. The command line only
/// renders and writes it (Docs/Reproducing.md, "The demo figures").
public struct Demo {
    /// The names of the figures, in order: each is drawn as NAME.svg with its data in NAME.csv.
    public static let figureNames = ["demo-1-double-descent", "demo-2-duality", "demo-3-power-law",
                                     "demo-4-feature-spectrum", "demo-5-teacher", "demo-6-gradient-flow",
                                     "demo-7-compute-optimal-time"]
    /// The real-data figures, drawn when `RealDataDemo.isAvailable`.
    public static var realDataFigureNames: [String] { RealDataDemo.figureNames }
    /// The alphas of the power-law figure and of the exponent table.
    public static let alphas = [0.5, 1.0, 1.5, 2.0]

    /// One row of the exponent table: the theory's log-log slope on the fit
    /// window (negated), and the simulation's with its standard error.
    public struct ExponentRow: Sendable {
        public var alpha: Double
        public var theoryExponent: Double
        public var simulationExponent: Double
        public var simulationStandardError: Double
    }

    /// The fit figure, drawn after the others (`FitDemo`).
    public static var fitFigureNames: [String] { [FitDemo.figureName] }

    /// The figures, named (`figureNames`, then the real-data ones, then the fit figure).
    public var figures: [(name: String, plot: Plot)] = []
    public var exponents: [ExponentRow] = []
    public var teacherExponents: [TeacherDemo.Row] = []
    /// The eigenvalues of each activation's feature covariance (figure 4).
    public var featureSpectra: [(String, [Double])] = []
    /// The simulated points of figures 1, 2, 3 and 5.
    public var simulatedPoints: [SimulatedSweepPoint] = []
    public var gradientFlowPoints = 0
    public var gradientFlowLargestAbsZ = 0.0
    /// The measured Fashion-MNIST points; nil when the data set is not installed.
    public var realDataPoints: [DataSweepPoint]?
    /// Both forms fitted to simulated runs (figure 11).
    public var fit: FitDemo?

    /// The largest finite |z| of `simulatedPoints`.
    public var largestAbsZ: Double { simulatedPoints.map { abs($0.zScore) }.filter(\.isFinite).max() ?? 0 }

    /// How many times `progress` is called: once per simulated grid point
    /// and per feature spectrum.
    public static func progressSteps(realData: Bool) -> Int {
        3 * 11 + 2 * 9 + alphas.count * (7 + 5) + 3 + TeacherDemo.betas.count * TeacherDemo.simulatedPoints
            + (realData ? RealDataDemo.simulatedPoints : 0) + FitDemo.progressSteps
    }

    /// Computes every figure and table with `trials` Monte Carlo trials per
    /// point (each curve seeded from `seed`); the real-data figures when
    /// `realData` and the data set is installed.
    public init(trials: Int, seed: UInt64, threads: Int?, realData: Bool,
                progress: @escaping @Sendable () -> Void = {}) throws {
        let figures = DemoFigures(trials: trials, seed: seed, threads: threads, progress: progress)
        let (peak, peakPoints) = try figures.doubleDescent()
        let (dual, dualPoints) = try figures.duality()
        let (law, lawData) = try figures.powerLaw(alphas: Self.alphas)
        let (spectrumPlot, spectra) = try figures.featureSpectrum()
        let (teacherPlot, teacherPoints, teacherRows) = try figures.teacherExponents()
        let flow = try GradientFlowDemo(options: figures.options).figures()
        self.figures = zip(Self.figureNames, [peak, dual, law, spectrumPlot, teacherPlot, flow.curves, flow.frontier])
            .map { ($0, $1) }
        exponents = try lawData.enumerated().map { index, entry in
            try Self.exponentRow(entry, index: index, options: figures.options, progress: progress)
        }
        teacherExponents = teacherRows
        featureSpectra = spectra
        simulatedPoints = peakPoints + dualPoints + lawData.flatMap(\.simulated) + teacherPoints
        gradientFlowPoints = flow.points
        gradientFlowLargestAbsZ = flow.largestZ
        if realData && RealDataDemo.isAvailable {
            let (plots, points) = try RealDataDemo.figures(trials: trials, seed: seed, threads: threads,
                                                           progress: progress)
            self.figures += zip(RealDataDemo.figureNames, plots).map { ($0, $1) }
            realDataPoints = points
        }
        let fit = try FitDemo(seed: seed, threads: threads, progress: progress)
        self.figures.append((FitDemo.figureName, fit.plot))
        self.fit = fit
    }

    /// Exponents: the theory's log-log slope on the fit window, and the
    /// simulation's, from five points on the same window.
    public static func exponentRow(_ entry: (alpha: Double, theory: [SweepPoint], simulated: [SimulatedSweepPoint]),
                            index: Int, options: SimulationOptions, progress: @escaping @Sendable () -> Void)
        throws -> ExponentRow {
        let theorySlope = try PowerLawFit.weightedLogLogSlope(
            x: entry.theory.map(\.value), y: entry.theory.map(\.prediction.loss),
            standardErrors: entry.theory.map { 1e-3 * $0.prediction.loss }).slope
        let spectrum = try PowerLawSpectrum(alpha: entry.alpha, latentDimension: PowerLawDemo.latentDimension)
        var options = options
        options.seed = options.seed &+ 5000 &+ UInt64(100 * index)
        let simulated = try Sweep.simulation(
            spectrum: spectrum, base: try PowerLawDemo.configuration(), vary: .featureCount,
            over: ParameterGrid(from: PowerLawDemo.fitWindow.lowerBound, to: PowerLawDemo.fitWindow.upperBound,
                                count: 5),
            options: options, progress: { _ in progress() })
        let fit = try PowerLawFit.weightedLogLogSlope(x: simulated.map(\.value), y: simulated.map(\.simulation.mean),
                                                      standardErrors: simulated.map(\.simulation.standardError))
        return ExponentRow(alpha: entry.alpha, theoryExponent: -theorySlope, simulationExponent: -fit.slope,
                           simulationStandardError: fit.standardError)
    }
}
