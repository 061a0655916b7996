import ScalingTheory

/// One grid point on real data: the theory's test error from the data set's
/// spectrum, teacher and residual noise, and the measured one.
public struct DataSweepPoint: Sendable {
    /// The grid value of the varied parameter.
    public var value: Double
    /// The configuration (N and P rounded to whole numbers); its noise is sigma_eps^2.
    public var configuration: ModelConfiguration
    public var theory: AlignedTeacherPrediction
    /// Nil for a theory-only sweep.
    public var simulation: DataSimulationResult?

    /// (measured - theory) / standard error of the test error.
    public var zScore: Double? {
        simulation.map { ($0.testError.mean - theory.testError) / $0.testError.standardError }
    }
    /// measured / theory test error.
    public var ratio: Double? { simulation.map { $0.testError.mean / theory.testError } }
}

/// Learning curves on real data: `Sweep` for a data set.
public enum DataSweep {
    /// The theory for the analysed data at each grid value (N and P kept as
    /// given); with `noisePower` (nu_I, `ResidualNoise`) its variance term is
    /// the per-direction one.
    public static func theory(analysis: DataSetAnalysis, base: ModelConfiguration, vary parameter: SweepParameter,
                              over grid: ParameterGrid, noisePower: [Double]? = nil) throws -> [DataSweepPoint] {
        try grid.values.map { value in
            let c = try parameter.configuration(value, base: base).with(noiseVariance: analysis.residualVariance)
            return DataSweepPoint(value: value, configuration: c,
                                  theory: try analysis.theory(configuration: c, noisePower: noisePower))
        }
    }

    /// Simulates every grid point on the data's rows (N and P rounded), one
    /// after the other; point k uses the seed `options.seed + k`.
    public static func simulation(data: CentredDataSet, analysis: DataSetAnalysis, base: ModelConfiguration,
                                  vary parameter: SweepParameter, over grid: ParameterGrid,
                                  options: DataSimulationOptions, noisePower: [Double]? = nil,
                                  progress: ((Int) -> Void)? = nil) throws
        -> [DataSweepPoint] {
        var points: [DataSweepPoint] = []
        for (index, value) in grid.values.enumerated() {
            let exact = try parameter.configuration(value, base: base)
            let c = try exact.with(featureCount: exact.featureCount.rounded(), sampleCount: exact.sampleCount.rounded(),
                                   noiseVariance: analysis.residualVariance)
            var pointOptions = options
            pointOptions.seed = options.seed &+ UInt64(index)
            let simulation = try DataSimulation(data: data, latentDimension: analysis.latentDimension, configuration: c,
                                                options: pointOptions)
            points.append(DataSweepPoint(
                value: value, configuration: c,
                theory: try analysis.theory(configuration: c, noisePower: noisePower),
                simulation: try simulation.run()))
            progress?(index + 1)
        }
        return points
    }
}

extension DataSetAnalysis {
    /// The theory of the analysed data at `configuration` (its N, P, ridge
    /// and sigma_u^2): the data's spectrum and teacher power, its residual
    /// variance as sigma_eps^2, and with `noisePower` (nu_I, `ResidualNoise`)
    /// the per-direction variance term (Docs/Theory.md sections 9 and 13).
    public func theory(configuration: ModelConfiguration, noisePower: [Double]? = nil) throws -> AlignedTeacherPrediction {
        try AlignedTeacherPrediction(spectrum: TabulatedSpectrum(eigenvalues: eigenvalues), teacherPower: teacherPower,
                                     configuration: configuration.with(noiseVariance: residualVariance),
                                     noisePower: noisePower)
    }
}
