import ScalingTheory
import DenseAlgebra
import NonlinearFeatureTheory

/// One grid point of a sweep with both the theory and a Monte Carlo run.
public struct SimulatedSweepPoint: Sendable {
    /// The grid value of the varied parameter.
    public var value: Double
    /// The simulated configuration (N and P rounded to whole numbers).
    public var configuration: ModelConfiguration
    /// The theory at that configuration (linear features).
    public var theory: Prediction
    public var simulation: SimulationResult
    /// (mean - theory) / standard error.
    public var zScore: Double { simulation.zScore(against: theory.loss) }
}

extension Sweep {
    /// Simulates every grid point of a sweep, one point after the other
    /// (each run is parallel over its trials), and pairs it with the theory.
    /// N and P are rounded to whole numbers. Point k uses the seed
    /// `options.seed + k`, so the points are independent and the whole sweep is
    /// reproducible from one seed.
    ///
    /// `simulated` lets the simulation use a different configuration from the
    /// theory (for example a mis-set sigma_u^2), to check that a comparison
    /// catches a wrong theory; by default both are the same.
    public static func simulation(
        spectrum: some Spectrum, base: ModelConfiguration, vary parameter: SweepParameter, over grid: ParameterGrid,
        options: SimulationOptions,
        simulated: (ModelConfiguration) throws -> ModelConfiguration = { $0 },
        progress: ((Int) -> Void)? = nil
    ) throws -> [SimulatedSweepPoint] {
        var points: [SimulatedSweepPoint] = []
        for (index, value) in grid.values.enumerated() {
            let exact = try parameter.configuration(value, base: base)
            let configuration = try exact.with(featureCount: exact.featureCount.rounded(),
                                               sampleCount: exact.sampleCount.rounded())
            var pointOptions = options
            pointOptions.seed = options.seed &+ UInt64(index)
            let simulation = try Simulation(spectrum: spectrum, configuration: simulated(configuration),
                                            options: pointOptions)
            points.append(SimulatedSweepPoint(value: value, configuration: configuration,
                                              theory: try spectrum.predict(configuration),
                                              simulation: try simulation.run()))
            progress?(index + 1)
        }
        return points
    }
}
