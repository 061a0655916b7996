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
        let format = try arguments.format()
        let spectrum = try ModelOptions.spectrum(arguments)
        let configuration = try ModelOptions.configuration(arguments)
        let solver = SelfConsistentSolver()
        let exponents = try solver.localExponents(spectrum: spectrum, configuration: configuration)
        // The bottleneck map and the asymptotic law are for power laws only.
        var analysis: BottleneckAnalysis?
        var law: AsymptoticScalingLaw?
        var lawLoss: Double?
        var lawError: Double?
        if let power = spectrum as? PowerLawSpectrum {
            analysis = try solver.bottleneck(spectrum: power, configuration: configuration)
            let n = configuration.featureCount, p = configuration.sampleCount
            // No law for teacher exponents beta = 1 or beta <= -alpha: reported as null / n/a.
            if let asymptotic = try lawIfAny(spectrum: power, configuration: configuration) {
                law = asymptotic
                lawLoss = asymptotic.loss(featureCount: n, sampleCount: p)
                if n != p && min(n, p) < power.latentDimension {
                    lawError = try asymptotic.relativeError(spectrum: power, featureCount: n, sampleCount: p,
                                                            solver: solver)
                }
            }
        }
        if let analysis, ![analysis.featureGain, analysis.sampleGain, analysis.latentDimensionGain, analysis.ridgeGain]
            .allSatisfy(\.isFinite) {
            StandardError.write("warning: a gain is infinite or undefined: the loss is 0 or +infinity at one of the configurations it compares (ridgeless with min(N, P) >= M, or the interpolation peak)\n")
        }
        if !exponents.featureExponent.isFinite {
            StandardError.write("warning: the loss is \(exponents.prediction.loss); its logarithmic derivatives do not exist here\n")
        }
        let record = ExponentsRecord(exponents: exponents, analysis: analysis, law: law, lawLoss: lawLoss,
                                     lawError: lawError)
        OutputDocument(command: name, inputs: arguments.inputs, summary: RecordTable(ExponentsRecord.columns, [record]))
            .emit(format)
        return 0
    }

    /// The asymptotic law of the configuration's teacher, nil where none exists.
    private static func lawIfAny(spectrum: PowerLawSpectrum, configuration c: ModelConfiguration) throws
        -> AsymptoticScalingLaw? {
        do {
            return try AsymptoticScalingLaw(spectrum: spectrum, teacherVariance: c.teacherVariance, teacher: c.teacher)
        } catch ScalingError.unsupported, ScalingError.invalidParameter(name: "teacher exponent (beta)", _, _) {
            return nil
        }
    }
}
