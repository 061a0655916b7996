import Foundation
import ScalingMonteCarlo
import ScalingOutput
import ScalingTheory

/// `scaling-laws optimal-ridge`: the ridge gamma* minimizing <L> at N, P.
enum OptimalRidgeCommand: Command {
    static let name = "optimal-ridge"
    static let summary = "The ridge gamma*(N, P) minimizing <L> (GSL Brent on ln gamma), and the loss there."
    static let flags = ModelOptions.spectrumFlags + ModelOptions.configurationFlags.filter { $0.name != "gamma" }
        + [ModelOptions.formatFlag]

    static let requiredFlags: Set<String> = ["N", "P"]
    static let schema: OutputSchema? = OutputSchema(summary: OptimalRidgeRecord.columns.map(\.spec))

    static func run(_ arguments: Arguments) throws -> Int32 {
        let (format, spectrum, configuration) = try ModelOptions.point(arguments)
        // About 40 ridges on the search grid and its refinement, ~100 sum evaluations each.
        try WorkLimit.check(flops: WorkEstimate.theoryFlops(spectrum: spectrum, evaluations: 4000),
                            what: "this optimal-ridge search")
        let best = try SelfConsistentSolver().optimalRidge(spectrum: spectrum, configuration: configuration)
        // gamma* = +infinity is written as "inf", like every non-finite number.
        OutputDocument(command: name, inputs: arguments.inputs,
                       summary: RecordTable(OptimalRidgeRecord.columns,
                                            [OptimalRidgeRecord(best: best, summation: spectrum.summation)]))
            .emit(format)
        return 0
    }
}
