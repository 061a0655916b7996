import Foundation
import ScalingData
import ScalingFigures
import ScalingFit
import ScalingOutput
import ScalingTheory
import SVGPlot

/// `scaling-laws demo` (run by `make demo`): the paper's phenomena as four
/// figures with theory lines and Monte Carlo points, a fifth for the teacher
/// exponent beta (Docs/Theory.md section 8), and tables of fitted exponents. What
/// each figure computes is `Demo` (ScalingFigures); this command renders and
/// writes it.
enum DemoCommand: Command {
    static let name = "demo"
    static let summary = "Draw the paper's phenomena (double descent, duality, power law, feature spectrum) and the teacher exponent into SVG figures."
    static let flags: [Flag] = [
        .value("output", "DIR", "output directory (default ./scaling-laws-output/)"),
        .value("trials", "K", "Monte Carlo trials per point, >= 2 (default 16)"),
        .value("seed", "S", "seed (default 0)"),
        .value("threads", "T", "worker threads (default: one per core)"),
        OutputDestination.forceFlag,
    ]
    /// Each figure as SVG and the data it draws as CSV, and the summary.
    static func fileNames(realData: Bool) -> [String] {
        (Demo.figureNames + (realData ? Demo.realDataFigureNames : []) + Demo.fitFigureNames).flatMap { ["\($0).svg", "\($0).csv"] }
            + ["demo-summary.json"]
    }

    static func run(_ arguments: Arguments) throws -> Int32 {
        let trials = try arguments.int("trials", default: 16)
        guard trials >= 2 else { throw UsageError("--trials must be >= 2 for an error bar, got \(trials)") }
        let destination = try OutputDestination(arguments, defaultFormat: .json)
        guard let directory = destination.directory else { throw UsageError("demo writes files: --output needs a directory") }
        let realData = RealDataDemo.isAvailable
        _ = try destination.files(fileNames(realData: realData))
        let start = Date()
        let seed = try SimulationFlags.seed(arguments)
        let provenance = OutputDocument(command: name, inputs: arguments.inputs)
        let progress = Progress("demo", total: Demo.progressSteps(realData: realData))
        let demo = try Demo(trials: trials, seed: seed, threads: try arguments.int("threads"), realData: realData,
                            progress: { progress.advance() })

        // Each figure and the data it draws (series,x,y,error, after the provenance comment lines).
        for (name, plot) in demo.figures {
            try AtomicFile.write(provenance.svg(plot.svg(width: 960, height: 560)),
                                 to: directory.appendingPathComponent("\(name).svg"))
            try AtomicFile.write(provenance.commentLines.joined(separator: "\n") + "\n" + plot.csv,
                                 to: directory.appendingPathComponent("\(name).csv"))
        }
        let summary = JSONValue.object(provenance.provenance + [
            ("exponents", .array(demo.exponents.map { row in
                .object([("alpha", .number(row.alpha)), ("theoryExponent", .number(row.theoryExponent)),
                         ("simulationExponent", .number(row.simulationExponent)),
                         ("simulationStandardError", .number(row.simulationStandardError))])
            })),
            ("teacherExponents", .array(demo.teacherExponents.map { row in
                .object([("beta", .number(row.beta)), ("lawExponent", .number(row.lawExponent)),
                         ("theoryExponent", .number(row.theoryExponent)),
                         ("simulationExponent", .number(row.simulationExponent)),
                         ("simulationStandardError", .number(row.simulationStandardError))])
            })),
            ("simulatedPoints", .integer(demo.simulatedPoints.count)),
            ("largestAbsZ", .number(demo.largestAbsZ)),
            ("featureSpectra", .object(demo.featureSpectra.map { ($0.0, .array($0.1.map { .number($0) })) })),
            ("gradientFlowPoints", .integer(demo.gradientFlowPoints)),
            ("gradientFlowLargestAbsZ", .number(demo.gradientFlowLargestAbsZ)),
            ("fashionMNIST", demo.realDataPoints.map { .array($0.map(record)) } ?? .null),
            ("fit", demo.fit.map(fitRecord) ?? .null),
            ("seconds", .number(Date().timeIntervalSince(start))),
        ])
        try AtomicFile.write(summary.text + "\n", to: directory.appendingPathComponent("demo-summary.json"))
        printTables(demo, seconds: Date().timeIntervalSince(start))
        print("wrote \(directory.path)/demo-{1-double-descent,2-duality,3-power-law,4-feature-spectrum,5-teacher,6-gradient-flow,7-compute-optimal-time}.{svg,csv}"
              + (realData ? ", demo-{8-fashion-mnist-N,9-fashion-mnist-P,10-fashion-mnist-decomposition}.{svg,csv}" : "")
              + ", \(FitDemo.figureName).{svg,csv} and demo-summary.json")
        return 0
    }

    /// One JSON record per measured Fashion-MNIST point for the summary.
    static func record(_ p: DataSweepPoint) -> JSONValue {
        .object([("N", .number(p.configuration.featureCount)), ("P", .number(p.configuration.sampleCount)),
                 ("gamma", .number(p.configuration.ridge)), ("theory", .number(p.theory.testError)),
                 ("measured", .number(p.simulation!.testError.mean)),
                 ("standardError", .number(p.simulation!.testError.standardError)),
                 ("ratio", .number(p.ratio!)), ("zScore", .number(p.zScore!))])
    }

    /// Figure 11's fits for the summary: alpha of the model form with its
    /// interval, and each form's mean held-out error and forecasts.
    static func fitRecord(_ fit: FitDemo) -> JSONValue {
        let alpha = fit.report.forms[1].parameters[0]
        return .object([("hiddenAlpha", .number(FitDemo.alpha)), ("alpha", .number(alpha.value)),
                        ("alphaLower", alpha.lower.map(JSONValue.number) ?? .null),
                        ("alphaUpper", alpha.upper.map(JSONValue.number) ?? .null),
                        ("forms", .array(fit.report.forms.map { form in
                            .object([("form", .string(form.name)), ("holdoutError", form.holdoutError.map(JSONValue.number) ?? .null),
                                     ("forecast", .array(zip(fit.report.request.forecastPoints, form.forecasts).map { point, e in
                                         .object([("N", .number(point.N)), ("P", .number(point.D)), ("loss", .number(e.value)),
                                                  ("truth", .number((try? FitDemo.truth(N: point.N, P: point.D)) ?? .nan))])
                                     }))])
                        }))])
    }

    /// The exponent tables and the agreement of the simulated points, on stdout.
    static func printTables(_ demo: Demo, seconds: Double) {
        print("Loss exponent in N (L ~ N^-exponent) on N in [10, 100], M = 1000, P = 4000, noise 1e-8, gamma 1e-8:")
        print(TableFormat.grid(header: ["alpha", "theory", "simulation"], rows: demo.exponents.map { row in
            [TableFormat.number(row.alpha), String(format: "%.3f", row.theoryExponent),
             String(format: "%.3f +- %.3f", row.simulationExponent, row.simulationStandardError)]
        }), terminator: "")
        print("\nTeacher omega_I ~ I^-beta, alpha = 1: loss exponent in N on N in [10, 100], M = 2000, P = 4000, gamma = 0:")
        print(TableFormat.grid(header: ["beta", "law min(alpha+beta, 1+alpha)", "theory", "simulation"],
                               rows: demo.teacherExponents.map { row in
                                   [TableFormat.number(row.beta), TableFormat.number(row.lawExponent),
                                    String(format: "%.3f", row.theoryExponent),
                                    String(format: "%.3f +- %.3f", row.simulationExponent, row.simulationStandardError)]
                               }), terminator: "")
        print(String(format: "\n%d simulated points, largest |z| = %.2f; %.0f s", demo.simulatedPoints.count,
                     demo.largestAbsZ, seconds))
        print(String(format: "gradient flow: %d simulated L(t) points, largest |z| = %.2f", demo.gradientFlowPoints,
                     demo.gradientFlowLargestAbsZ))
        if let fit = demo.fit {
            let alpha = fit.report.forms[1].parameters[0]
            print(String(format: "\nfit (figure 11): model form alpha %.3f [%.3f, %.3f] (hidden %.0f); held-out mean |error|: ",
                         alpha.value, alpha.lower ?? .nan, alpha.upper ?? .nan, FitDemo.alpha)
                  + fit.report.forms.map { "\($0.name) \(String(format: "%.1f %%", 100 * ($0.holdoutError ?? .nan)))" }
                      .joined(separator: ", "))
        }
        if let points = demo.realDataPoints {
            print("\nFashion-MNIST, measured against predicted test error (z = (measured - theory) / standard error):")
            print(TableFormat.grid(header: ["N", "P", "gamma", "theory", "measured", "ratio", "z"], rows: points.map { p in
                [TableFormat.number(p.configuration.featureCount), TableFormat.number(p.configuration.sampleCount),
                 TableFormat.number(p.configuration.ridge), String(format: "%.4f", p.theory.testError),
                 String(format: "%.4f +- %.4f", p.simulation!.testError.mean, p.simulation!.testError.standardError),
                 String(format: "%.3f", p.ratio!), String(format: "%+.1f", p.zScore!)]
            }), terminator: "")
        } else {
            print("\n(dataset-fashion-mnist not installed: no real-data figures; `make deps` installs it)")
        }
    }
}
