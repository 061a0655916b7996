import Foundation
import ScalingOutput
import ScalingTheory

/// `scaling-laws exponents`: local scaling exponents, the bottleneck call and
/// the asymptotic law at one configuration.
enum ExponentsCommand: Command {
    static let name = "exponents"
    static let summary = "Local exponents d ln L / d ln N, P, gamma, the bottleneck resource and the asymptotic power law."
    static let flags = ModelOptions.spectrumFlags + ModelOptions.configurationFlags + [ModelOptions.formatFlag]

    static let requiredFlags: Set<String> = ["N", "P"]
    static let schema: OutputSchema? = OutputSchema(summary: ExponentsRecord.columns.map(\.spec))

    static func run(_ arguments: Arguments) throws -> Int32 {
        let (format, spectrum, configuration) = try ModelOptions.point(arguments)
        let report = try ExponentsReport(spectrum: spectrum, configuration: configuration)
        let (analysis, exponents) = (report.bottleneck, report.exponents)
        if let analysis, ![analysis.featureGain, analysis.sampleGain, analysis.latentDimensionGain, analysis.ridgeGain]
            .allSatisfy(\.isFinite) {
            StandardError.write("warning: a gain is infinite or undefined: the loss is 0 or +infinity at one of the configurations it compares (ridgeless with min(N, P) >= M, or the interpolation peak)\n")
        }
        if !exponents.featureExponent.isFinite {
            StandardError.write("warning: the loss is \(exponents.prediction.loss); its logarithmic derivatives do not exist here\n")
        }
        OutputDocument(command: name, inputs: arguments.inputs, summary: RecordTable(ExponentsRecord.columns, [report]))
            .emit(format)
        return 0
    }
}
