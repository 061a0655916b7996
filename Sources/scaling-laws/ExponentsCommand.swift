import Foundation
import ScalingTheory

/// `scaling-laws exponents`: local scaling exponents, the bottleneck call and
/// the asymptotic law at one configuration.
enum ExponentsCommand: Command {
    static let name = "exponents"
    static let summary = "Local exponents d ln L / d ln N, P, gamma, the bottleneck resource and the asymptotic power law."
    static let flags = ModelOptions.spectrumFlags + ModelOptions.configurationFlags + [ModelOptions.formatFlag]

    static func run(_ arguments: Arguments) throws -> Int32 {
        let format = try arguments.choice("format", ["json", "table"], default: "table")
        let spectrum = try ModelOptions.spectrum(arguments)
        let configuration = try ModelOptions.configuration(arguments)
        let solver = SelfConsistentSolver()
        let exponents = try solver.localExponents(spectrum: spectrum, configuration: configuration)
        // The bottleneck map and the asymptotic law are for power laws only.
        var analysis: BottleneckAnalysis?
        var law: AsymptoticScalingLaw?
        var lawError: Double?
        if let power = spectrum as? PowerLawSpectrum {
            analysis = try solver.bottleneck(spectrum: power, configuration: configuration)
            let n = configuration.featureCount, p = configuration.sampleCount
            let asymptotic = try AsymptoticScalingLaw(spectrum: power, teacherVariance: configuration.teacherVariance)
            law = asymptotic
            if n != p && min(n, p) < power.latentDimension {
                lawError = try asymptotic.relativeError(spectrum: power, featureCount: n, sampleCount: p, solver: solver)
            }
        }
        let prediction = exponents.prediction
        if let analysis, ![analysis.featureGain, analysis.sampleGain, analysis.latentDimensionGain, analysis.ridgeGain]
            .allSatisfy(\.isFinite) {
            StandardError.write("warning: a gain is infinite or undefined: the loss is 0 or +infinity at one of the configurations it compares (ridgeless with min(N, P) >= M, or the interpolation peak)\n")
        }
        if !exponents.featureExponent.isFinite {
            StandardError.write("warning: the loss is \(prediction.loss); its logarithmic derivatives do not exist here\n")
        }
        switch format {
        case "json":
            var fields: [(String, JSONValue)] = [
                ("loss", .number(prediction.loss)),
                ("relativeLoss", .number(prediction.relativeLoss)),
                ("dlnL_dlnN", .number(exponents.featureExponent)),
                ("dlnL_dlnP", .number(exponents.sampleExponent)),
                ("dlnL_dlngamma", .number(exponents.ridgeExponent)),
                ("regime", .string(prediction.regime.rawValue)),
                ("summation", .string(prediction.summation.rawValue)),
            ]
            fields.append(("bottleneck", analysis?.bottleneck.map { .string($0.rawValue) } ?? .null))
            fields.append(("gains", analysis.map { a in
                .object([("N", .number(a.featureGain)), ("P", .number(a.sampleGain)),
                         ("M", .number(a.latentDimensionGain)), ("gamma", .number(a.ridgeGain))])
            } ?? .null))
            fields.append(("asymptotic", law.map { l in
                .object([("coefficient", .number(l.coefficient)), ("exponent", .number(l.exponent)),
                         ("loss", .number(l.loss(featureCount: configuration.featureCount,
                                                 sampleCount: configuration.sampleCount))),
                         ("relativeErrorVsRidgeless", lawError.map(JSONValue.number) ?? .null)])
            } ?? .null))
            print(JSONValue.object(fields + ModelOptions.echo(arguments, spectrum: spectrum,
                                                               configuration: configuration)).text)
        default:
            var rows: [(String, String)] = [
                ("loss <L>", TableFormat.number(prediction.loss)),
                ("relative loss <L>/L0", TableFormat.number(prediction.relativeLoss)),
                ("d ln L / d ln N", TableFormat.number(exponents.featureExponent)),
                ("d ln L / d ln P", TableFormat.number(exponents.sampleExponent)),
                ("d ln L / d ln gamma", TableFormat.number(exponents.ridgeExponent)),
                ("regime", prediction.regime.rawValue),
                ("summation", prediction.summation.rawValue),
            ]
            if let analysis {
                rows += [("bottleneck", analysis.bottleneck?.rawValue ?? "none"),
                         ("gain L(N)/L(10 N)", TableFormat.number(analysis.featureGain)),
                         ("gain L(P)/L(10 P)", TableFormat.number(analysis.sampleGain)),
                         ("gain (L/L0)(M)/(L/L0)(10 M)", TableFormat.number(analysis.latentDimensionGain)),
                         ("gain L(gamma)/L(gamma/10)", TableFormat.number(analysis.ridgeGain))]
            }
            if let law {
                rows += [("asymptotic coefficient", TableFormat.number(law.coefficient)),
                         ("asymptotic exponent", TableFormat.number(law.exponent)),
                         ("asymptotic loss", TableFormat.number(law.loss(featureCount: configuration.featureCount,
                                                                         sampleCount: configuration.sampleCount))),
                         ("asymptotic rel. error (gamma = 0)", lawError.map(TableFormat.number) ?? "n/a")]
            }
            print(TableFormat.keyValue(rows), terminator: "")
        }
        return 0
    }
}
