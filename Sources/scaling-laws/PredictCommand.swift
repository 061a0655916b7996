import Foundation
import ScalingTheory

/// `scaling-laws predict`: the theory's <L> for one configuration.
enum PredictCommand: Command {
    static let name = "predict"
    static let summary = "Predict the average test loss <L> of linear random-feature ridge regression (THEORY.md section 3)."
    static let flags = ModelOptions.spectrumFlags + ModelOptions.configurationFlags + [ModelOptions.formatFlag]

    static func run(_ arguments: Arguments) throws -> Int32 {
        let format = try arguments.choice("format", ["json", "table"], default: "table")
        let spectrum = try ModelOptions.spectrum(arguments)
        let configuration = try ModelOptions.configuration(arguments)
        let prediction = try spectrum.predict(configuration)
        if !prediction.loss.isFinite {
            StandardError.write("warning: the loss is +infinity (\(prediction.regime.rawValue), gamma = 0); any gamma > 0 makes it finite\n")
        }
        switch format {
        case "json":
            let fields: [(String, JSONValue)] = [
                ("loss", .number(prediction.loss)),
                ("relativeLoss", .number(prediction.relativeLoss)),
                ("delta", .number(prediction.delta)),
                ("df1", .number(prediction.df1)),
                ("df2", .number(prediction.df2)),
                ("regime", .string(prediction.regime.rawValue)),
            ] + ModelOptions.echo(arguments, spectrum: spectrum, configuration: configuration)
            print(JSONValue.object(fields).text)
        default:
            let rows: [(String, String)] = [
                ("loss <L>", TableFormat.number(prediction.loss)),
                ("relative loss <L>/L0", TableFormat.number(prediction.relativeLoss)),
                ("Delta", TableFormat.number(prediction.delta)),
                ("df1(Delta)", TableFormat.number(prediction.df1)),
                ("df2(Delta)", TableFormat.number(prediction.df2)),
                ("regime", prediction.regime.rawValue),
                ("summation", prediction.summation.rawValue),
            ]
            print(TableFormat.keyValue(rows), terminator: "")
        }
        return 0
    }
}
