/// The theory on an (N, P) grid (the table of `scaling-laws map`): each
/// cell's prediction and, for a power law, its bottleneck (the resource
/// whose next decade gains most); and the compute-optimal path across it.
public struct LossMap {
    /// One cell: the theory at (N, P), and for a power law the resource whose
    /// next decade gains most (the bottleneck, as `exponents` names it).
    public struct Cell: Sendable {
        public var configuration: ModelConfiguration
        public var prediction: Prediction
        public var bottleneck: Resource?
    }

    public var spectrum: any Spectrum
    public var base: ModelConfiguration
    public var grid: ParameterGrid
    /// cells[row][column]: P = grid value of the row, N of the column.
    public var cells: [[Cell]]
    /// The compute-optimal (N, P) at budgets C spanning the map (N <= P;
    /// without label noise the loss is symmetric and the mirror is optimal too).
    public var path: [ComputeOptimalAllocation]

    public init(spectrum: some Spectrum, base: ModelConfiguration, grid: ParameterGrid) throws {
        self.spectrum = spectrum
        self.base = base
        self.grid = grid
        let solver = SelfConsistentSolver()
        cells = try grid.values.map { p in
            try Sweep.theory(spectrum: spectrum, base: base.with(sampleCount: p), vary: .featureCount, over: grid)
                .map { point in
                    var bottleneck: Resource?
                    if let power = spectrum as? PowerLawSpectrum, point.prediction.loss.isFinite,
                       point.prediction.loss > 0 {
                        bottleneck = try? solver.bottleneck(spectrum: power, configuration: point.configuration).bottleneck
                    }
                    return Cell(configuration: point.configuration, prediction: point.prediction, bottleneck: bottleneck)
                }
        }
        let budgets = try ParameterGrid(from: grid.lower * grid.lower, to: grid.upper * grid.upper, count: 25)
        path = budgets.values.compactMap { compute in
            guard let allocation = try? solver.computeOptimalAllocation(spectrum: spectrum, compute: compute,
                                                                      configuration: base, optimizeRidge: false),
                  allocation.featureCount >= grid.lower, allocation.featureCount <= grid.upper,
                  allocation.sampleCount >= grid.lower, allocation.sampleCount <= grid.upper else { return nil }
            return allocation
        }
    }
}
