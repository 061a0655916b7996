import Foundation
import ScalingData
import ScalingTheory
import SVGPlot

/// The real-data figures of `scaling-laws demo`, drawn when the Debian
/// package `dataset-fashion-mnist` is installed: Fashion-MNIST (70000 x 784,
/// pixels / 255, +1 for classes 0-4, -1 for 5-9), the theory's test error
/// from its measured spectrum, teacher and residual noise, against
/// random-feature ridge regression on its rows, against N and against P at
/// two ridges (Docs/Theory.md section 9).
public enum RealDataDemo {
    public static let directory = "/usr/share/datasets/fashion-mnist/"
    public static let images = ["train-images-idx3-ubyte.gz", "t10k-images-idx3-ubyte.gz"].map { directory + $0 }
    public static let labels = ["train-labels-idx1-ubyte.gz", "t10k-labels-idx1-ubyte.gz"].map { directory + $0 }
    public static let ridges = [1e-2, 1.0]
    public static let fixedP = 1000.0, fixedN = 500.0
    public static let pointsPerCurve = 5
    public static let testRows = 2000

    public static let figureNames = ["demo-8-fashion-mnist-N", "demo-9-fashion-mnist-P"]
    /// Each figure as SVG and the data it draws as CSV (`save` adds the extensions).
    public static let fileNames = figureNames.flatMap { ["\($0).svg", "\($0).csv"] }

    public static var isAvailable: Bool { (images + labels).allSatisfy { FileManager.default.fileExists(atPath: $0) } }

    /// Number of simulated points, for the progress counter.
    public static var simulatedPoints: Int { 2 * ridges.count * pointsPerCurve }

    /// The two figures (against N, against P) and every measured point
    /// (theory, measured, ratio, z).
    public static func figures(trials: Int, seed: UInt64, threads: Int?, progress: @escaping @Sendable () -> Void)
        throws -> (plots: [Plot], points: [DataSweepPoint]) {
        let reader = DataFileReader()
        var matrix = try DataMatrix.stacking(try images.map { try reader.matrix($0) }, names: images)
        matrix.scale(by: 1.0 / 255)
        let targets = try DataSet.binaryTargets(labels: labels.flatMap { try reader.labels($0) },
                                                positiveClasses: [0, 1, 2, 3, 4])
        let data = try CentredDataSet(DataSet(data: matrix, targets: targets))
        let analysis = try DataSetAnalysis(data)
        var all: [DataSweepPoint] = [], plots: [Plot] = []
        for (figure, parameter) in [SweepParameter.featureCount, .sampleCount].enumerated() {
            var series: [Plot.Series] = []
            let (from, to) = parameter == .featureCount ? (50.0, 3000.0) : (100.0, 10_000.0)
            for (index, gamma) in ridges.enumerated() {
                let base = parameter == .featureCount
                    ? try ModelConfiguration(featureCount: 1, sampleCount: fixedP, ridge: gamma)
                    : try ModelConfiguration(featureCount: fixedN, sampleCount: 1, ridge: gamma)
                let line = try DataSweep.theory(analysis: analysis, base: base, vary: parameter,
                                                over: ParameterGrid(from: from, to: to, count: 200))
                let options = DataSimulationOptions(trials: trials, seed: seed &+ 7000 &+ UInt64(100 * (2 * figure + index)),
                                                    testRows: testRows, threads: threads)
                let points = try DataSweep.simulation(data: data, analysis: analysis, base: base, vary: parameter,
                                                      over: ParameterGrid(from: from, to: to, count: pointsPerCurve),
                                                      options: options, progress: { _ in progress() })
                all += points
                let color = Plot.palette[index]
                series.append(Plot.Series(name: "theory, γ = \(FigureText.number(gamma))",
                                          points: line.map { Plot.Point(x: $0.value, y: $0.theory.testError) },
                                          color: color))
                series.append(Plot.Series(name: "measured, γ = \(FigureText.number(gamma))", points: points.map {
                    Plot.Point(x: $0.value, y: $0.simulation!.testError.mean, error: $0.simulation!.testError.standardError)
                }, style: .markers, color: color))
            }
            series.append(Plot.Series(name: "σ_ε² / 2 = \(FigureText.number(analysis.residualVariance / 2)) (no linear model does better)",
                                      points: [from, to].map { Plot.Point(x: $0, y: analysis.residualVariance / 2) },
                                      color: "#999999"))
            let fixed = parameter == .featureCount ? "P = \(Int(fixedP))" : "N = \(Int(fixedN))"
            let plot = Plot(
                title: "Fashion-MNIST (classes 0–4 against 5–9): theory against measured test error, \(fixed)",
                subtitle: "\(fixed), γ = \(ridges.map(FigureText.number).joined(separator: " and ")), theory from the data's spectrum, teacher, noise; \(testRows) test rows; \(FigureText.trials(trials, seed: seed))",
                xLabel: parameter.axisLabel, yLabel: "test error ½ E[(z − y)²]", series: series,
                markers: [Plot.Marker(x: parameter == .featureCount ? fixedP : fixedN,
                                      label: parameter == .featureCount ? "N = P" : "P = N")],
                xSymbol: parameter == .featureCount ? "N" : "P")
            plots.append(plot)
        }
        return (plots, all)
    }
}
