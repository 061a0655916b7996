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

/// The simulations of a simulated sweep, built and checked before any trial
/// runs, so that their trials can run anywhere (here, in shards, on MPI ranks)
/// and be paired with the theory afterwards by `points(results:)`.
public struct SimulatedSweepPlan: Sendable {
    /// The grid values of the varied parameter.
    public var values: [Double]
    /// The configurations of the theory (N and P rounded to whole numbers).
    public var configurations: [ModelConfiguration]
    /// The theory at each configuration.
    public var theories: [Prediction]
    /// One simulation per grid point; point k has seed `options.seed + k`.
    public var simulations: [Simulation]

    /// The sweep's points from the simulations' results, in grid order.
    public func points(results: [SimulationResult]) -> [SimulatedSweepPoint] {
        precondition(results.count == simulations.count, "one result per grid point")
        return values.indices.map {
            SimulatedSweepPoint(value: values[$0], configuration: configurations[$0], theory: theories[$0],
                                simulation: results[$0])
        }
    }
}

extension Sweep {
    /// The simulations of every grid point, checked (sizes, memory) but not
    /// run; `simulation(...)` runs them. N and P are rounded to whole numbers.
    /// Point k uses the seed `options.seed + k`, so the points are independent
    /// and the whole sweep is reproducible from one seed.
    ///
    /// `simulated` lets the simulation use a different configuration from the
    /// theory (for example a mis-set sigma_u^2), to check that a comparison
    /// catches a wrong theory; by default both are the same.
    public static func simulationPlan(
        spectrum: some Spectrum, base: ModelConfiguration, vary parameter: SweepParameter, over grid: ParameterGrid,
        options: SimulationOptions,
        simulated: (ModelConfiguration) throws -> ModelConfiguration = { $0 }
    ) throws -> SimulatedSweepPlan {
        var plan = SimulatedSweepPlan(values: [], configurations: [], theories: [], simulations: [])
        for (index, value) in grid.values.enumerated() {
            let exact = try parameter.configuration(value, base: base)
            let configuration = try exact.with(featureCount: exact.featureCount.rounded(),
                                               sampleCount: exact.sampleCount.rounded())
            var pointOptions = options
            pointOptions.seed = options.seed &+ UInt64(index)
            plan.values.append(value)
            plan.configurations.append(configuration)
            plan.theories.append(try spectrum.predict(configuration))
            plan.simulations.append(try Simulation(spectrum: spectrum, configuration: simulated(configuration),
                                                   options: pointOptions))
        }
        return plan
    }

    /// Simulates every grid point of a sweep (see `simulationPlan`), one point
    /// after the other (each run is parallel over its trials), and pairs it
    /// with the theory.
    public static func simulation(
        spectrum: some Spectrum, base: ModelConfiguration, vary parameter: SweepParameter, over grid: ParameterGrid,
        options: SimulationOptions,
        simulated: (ModelConfiguration) throws -> ModelConfiguration = { $0 },
        progress: ((Int) -> Void)? = nil
    ) throws -> [SimulatedSweepPoint] {
        let plan = try simulationPlan(spectrum: spectrum, base: base, vary: parameter, over: grid, options: options,
                                      simulated: simulated)
        var results: [SimulationResult] = []
        for (index, simulation) in plan.simulations.enumerated() {
            results.append(try simulation.run())
            progress?(index + 1)
        }
        return plan.points(results: results)
    }
}
