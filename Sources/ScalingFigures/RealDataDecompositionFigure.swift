import Foundation
import ScalingData
import ScalingTheory
import SVGPlot

/// Figure 10 of `scaling-laws demo` (with Fashion-MNIST installed): the gap
/// of figure 8 at gamma = 1e-2 taken apart (`GapDecomposition`, Docs/YourData.md
/// "The gap, decomposed"). At the figure's N points (P = 1000) the bias
/// term (labels x . w only) and the variance term (labels eps only) measured
/// on the real rows, against the Gaussian theory (solid) and the theory for
/// rows of varying size (`RowScale`, dashed).
public enum RealDataDecompositionFigure {
    public static let name = "demo-10-fashion-mnist-decomposition"
    public static let ridge = 1e-2
    public static let points = 5
    /// Row-scale theory points per line (each solves its own equations over the rows).
    static let lineSamples = 24

    static func plot(data: CentredDataSet, analysis: DataSetAnalysis, trials: Int, seed: UInt64, threads: Int?,
                     progress: @escaping @Sendable () -> Void) throws -> Plot {
        let rowScale = try RowScale(data, analysis: analysis)
        let spectrum = try TabulatedSpectrum(eigenvalues: analysis.eigenvalues)
        let omega = analysis.teacherPower
        let fixedP = RealDataDemo.fixedP
        func configuration(_ n: Double) throws -> ModelConfiguration {
            try ModelConfiguration(featureCount: n, sampleCount: fixedP, ridge: ridge, noiseVariance: analysis.residualVariance)
        }
        var bias: [Plot.Point] = [], variance: [Plot.Point] = []
        for (k, n) in try ParameterGrid(from: 50, to: 3000, count: points).values.enumerated() {
            let d = try GapDecomposition.measure(
                data: data, analysis: analysis, configuration: configuration(n.rounded()),
                options: DataSimulationOptions(trials: trials, seed: seed &+ 9000 &+ UInt64(k), testRows: RealDataDemo.testRows,
                                               threads: threads))
            bias.append(Plot.Point(x: n.rounded(), y: d.teacher.measured.mean, error: d.teacher.measured.standardError))
            variance.append(Plot.Point(x: n.rounded(), y: d.residual.measured.mean, error: d.residual.measured.standardError))
            progress()
        }
        var gaussianBias: [Plot.Point] = [], gaussianVariance: [Plot.Point] = []
        for n in try ParameterGrid(from: 50, to: 3000, count: 200).values {
            let c = try configuration(n)
            let full = try AlignedTeacherPrediction(spectrum: spectrum, teacherPower: omega, configuration: c).loss
            let clean = try AlignedTeacherPrediction(spectrum: spectrum, teacherPower: omega,
                                                     configuration: c.with(noiseVariance: 0)).loss
            gaussianBias.append(Plot.Point(x: n, y: clean))
            gaussianVariance.append(Plot.Point(x: n, y: full - clean))
        }
        var scaleBias: [Plot.Point] = [], scaleVariance: [Plot.Point] = []
        for n in try ParameterGrid(from: 50, to: 3000, count: lineSamples).values {
            let p = try rowScale.predict(teacherPower: omega, configuration: configuration(n))
            scaleBias.append(Plot.Point(x: n, y: p.loss - p.noiseLoss))
            scaleVariance.append(Plot.Point(x: n, y: p.noiseLoss))
        }
        return Plot(
            title: "Fashion-MNIST: the gap taken apart, bias and variance terms measured on the real rows",
            subtitle: "P = \(Int(fixedP)), γ = \(FigureText.number(ridge)); labels x·w only (bias) or the residual only (variance); solid: Gaussian theory, dashed: rows of varying size; \(FigureText.trials(trials, seed: seed))",
            xLabel: SweepParameter.featureCount.axisLabel, yLabel: "term of the test error",
            series: [
                Plot.Series(name: "variance, measured", points: variance, style: .markers, color: Plot.palette[0]),
                Plot.Series(name: "variance, Gaussian theory", points: gaussianVariance, color: Plot.palette[0]),
                Plot.Series(name: "variance, row-scale theory", points: scaleVariance, color: Plot.palette[0], dash: "6,4"),
                Plot.Series(name: "bias, measured", points: bias, style: .markers, color: Plot.palette[1], shape: .square),
                Plot.Series(name: "bias, Gaussian theory", points: gaussianBias, color: Plot.palette[1]),
                Plot.Series(name: "bias, row-scale theory", points: scaleBias, color: Plot.palette[1], dash: "6,4"),
            ],
            markers: [Plot.Marker(x: fixedP, label: "N = P")], xSymbol: "N")
    }
}
