import ScalingTheory

/// The work of a run in flops of single-threaded dense algebra, before any
/// of it is done: what the command line's work limit (`--no-work-limit`)
/// weighs. Estimates aim at the right order of magnitude, not at a forecast.
public enum WorkEstimate {
    /// Fixed cost of a trial or draw besides its algebra (streams, allocations).
    public static let flopsPerTrial = 2e4

    /// One Monte Carlo trial at N, P, M (any of them may be huge).
    public static func trialFlops(featureCount n: Double, sampleCount p: Double, latentDimension m: Double,
                                  testSamples: Double = 0) -> Double {
        let small = min(n, p), large = max(n, p)
        return flopsPerTrial + 2 * n * m * p + 2 * small * small * large + small * small * small
            + 2 * n * m * testSamples
    }

    /// One draw of the nonlinear theory: products N x M, the N x N
    /// moments by quadrature and their eigendecomposition.
    public static func drawFlops(featureCount n: Double, latentDimension m: Double, quadratureOrder: Double = 40) -> Double {
        flopsPerTrial + 4 * n * n * m + n * n * quadratureOrder + 10 * n * n * n
    }

    /// `evaluations` evaluations of the spectral sums: O(M) each for exact
    /// sums, O(head) for Euler-Maclaurin.
    public static func theoryFlops(spectrum: any Spectrum, evaluations: Double) -> Double {
        let terms = spectrum.summation == .exact ? spectrum.latentDimension : 2000
        return evaluations * 10 * terms
    }

    /// A simulated sweep: every grid point's trials.
    public static func sweepFlops(spectrum: any Spectrum, base: ModelConfiguration, vary parameter: SweepParameter,
                           grid: ParameterGrid, trials: Int) -> Double {
        var total = 0.0
        for value in grid.values {
            guard let c = try? parameter.configuration(value, base: base) else { continue }
            total += Double(trials) * trialFlops(featureCount: c.featureCount, sampleCount: c.sampleCount,
                                                 latentDimension: spectrum.latentDimension)
        }
        return total
    }

    /// All trials of a simulation at this configuration; `testSamples`:
    /// nonlinear features also draw `options.testSampleCount` test samples.
    public static func simulationFlops(spectrum: any Spectrum, configuration c: ModelConfiguration,
                                       options: SimulationOptions, testSamples: Bool = true) -> Double {
        Double(options.trials) * trialFlops(featureCount: c.featureCount, sampleCount: c.sampleCount,
                                            latentDimension: spectrum.latentDimension,
                                            testSamples: testSamples && !options.activation.isLinear
                                                ? Double(options.testSampleCount) : 0)
    }

    /// The feature-covariance spectrum at N, M: from `samples` latent samples
    /// (products, the covariance, its eigendecomposition), or with nil the
    /// exact moments of one draw.
    public static func spectrumFlops(featureCount n: Double, latentDimension m: Double, samples: Double?) -> Double {
        guard let samples else { return drawFlops(featureCount: n, latentDimension: m) }
        return samples * (2 * n * m + n * n + 20 * (m + n)) + 10 * n * n * n
    }
}
