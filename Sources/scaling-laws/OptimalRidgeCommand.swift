import Foundation
import ScalingTheory

/// `scaling-laws optimal-ridge`: the ridge gamma* minimizing <L> at N, P.
enum OptimalRidgeCommand: Command {
    static let name = "optimal-ridge"
    static let summary = "The ridge gamma*(N, P) minimizing <L> (GSL Brent on ln gamma), and the loss there."
    static let flags = ModelOptions.spectrumFlags + ModelOptions.configurationFlags.filter { $0.name != "gamma" }
        + [ModelOptions.formatFlag]

    static func run(_ arguments: Arguments) throws -> Int32 {
        let format = try arguments.choice("format", ["json", "table"], default: "table")
        let spectrum = try ModelOptions.spectrum(arguments)
        let configuration = try ModelOptions.configuration(arguments)
        // About 40 ridges on the search grid and its refinement, ~100 sum evaluations each.
        try WorkLimit.check(flops: WorkLimit.theoryFlops(spectrum: spectrum, evaluations: 4000),
                            what: "this optimal-ridge search")
        let best = try SelfConsistentSolver().optimalRidge(spectrum: spectrum, configuration: configuration)
        switch format {
        case "json":
            // gamma* = +infinity is written as null, like every non-finite number.
            var fields: [(String, JSONValue)] = [
                ("gamma", .number(best.ridge)),
                ("optimum", .string(best.optimum.rawValue)),
                ("loss", .number(best.loss)),
                ("relativeLoss", .number(best.relativeLoss)),
                ("ridgelessLoss", .number(best.ridgelessLoss)),
                ("summation", .string(spectrum.summation.rawValue)),
            ]
            fields += ModelOptions.spectrumEcho(arguments, spectrum: spectrum)
            fields += [("N", .number(configuration.featureCount)), ("P", .number(configuration.sampleCount))]
            fields += ModelOptions.varianceEcho(configuration).filter { $0.0 != "gamma" }
            print(JSONValue.object(fields).text)
        default:
            let rows: [(String, String)] = [
                ("optimal ridge gamma*", TableFormat.number(best.ridge)),
                ("optimum", best.optimum.rawValue),
                ("loss <L> at gamma*", TableFormat.number(best.loss)),
                ("relative loss at gamma*", TableFormat.number(best.relativeLoss)),
                ("ridgeless loss", TableFormat.number(best.ridgelessLoss)),
                ("summation", spectrum.summation.rawValue),
            ]
            print(TableFormat.keyValue(rows), terminator: "")
        }
        return 0
    }
}
