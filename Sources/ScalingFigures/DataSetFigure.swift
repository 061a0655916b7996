import Foundation
import ScalingData
import ScalingMonteCarlo
import ScalingTheory
import SVGPlot

extension DataSetAnalysis {
    /// Eigenvalues and teacher power against the index, with the fitted lines over their window.
    public func plot(spectrumFit: PowerLawFit.Result, teacherFit: PowerLawFit.Result) -> Plot {
        let a = self
        let indices = Array(1...a.latentDimension)
        func line(_ f: PowerLawFit.Result) -> [Plot.Point] {
            [f.indices.lowerBound, f.indices.upperBound].map {
                Plot.Point(x: Double($0), y: exp(f.intercept + f.slope * log(Double($0))))
            }
        }
        return Plot(
            title: "Data covariance spectrum and teacher power per eigendirection (n = \(a.sampleCount), d = \(a.dimension))",
            xLabel: "eigen-index I", yLabel: "lambda_I, omega_I",
            series: [
                Plot.Series(name: "lambda_I", points: zip(indices, a.eigenvalues).map { Plot.Point(x: Double($0), y: $1) },
                            color: Plot.palette[0]),
                Plot.Series(name: String(format: "fit: 1+alpha = %.3f", -spectrumFit.slope), points: line(spectrumFit),
                            color: "#000000"),
                Plot.Series(name: "omega_I = w_I^2", points: zip(indices, a.teacherPower).map { Plot.Point(x: Double($0), y: $1) },
                            style: .markers, color: Plot.palette[1]),
                Plot.Series(name: String(format: "fit: beta = %.3f", -teacherFit.slope), points: line(teacherFit),
                            color: "#777777"),
            ])
    }
}

extension DataSweep {
    /// The figure of `sweep --data`: the theory's test error on a grid of at
    /// least 200 points and, when given, the points measured on the data.
    public static func plot(analysis: DataSetAnalysis, base: ModelConfiguration, vary parameter: SweepParameter,
                            grid: ParameterGrid, measured: [DataSweepPoint]?) throws -> Plot {
        let lineGrid = try ParameterGrid(from: grid.lower, to: grid.upper, count: max(grid.count, 200),
                                         spacing: grid.spacing)
        let line = try DataSweep.theory(analysis: analysis, base: base, vary: parameter, over: lineGrid)
        var series = [Plot.Series(name: "theory <L> + sigma_eps^2/2",
                                  points: line.map { Plot.Point(x: $0.value, y: $0.theory.testError) })]
        if let points = measured {
            series.append(Plot.Series(name: "measured on the data", points: points.compactMap { p in
                p.simulation.map { Plot.Point(x: p.value, y: $0.testError.mean, error: $0.testError.standardError) }
            }, style: .markers))
        }
        return Plot(title: "test error on the data against \(parameter.axisLabel)", xLabel: parameter.axisLabel,
                    yLabel: "test error 1/2 E[(z - y)^2]", series: series)
    }
}
