import Foundation
import NonlinearFeatureTheory
import ScalingMonteCarlo
import ScalingTheory
import SVGPlot

/// `scaling-laws demo` (run by `make demo`): the paper's phenomena as four
/// figures with theory lines and Monte Carlo points, a fifth for the teacher
/// exponent beta (Docs/Theory.md section 8), and tables of fitted exponents.
enum DemoCommand: Command {
    static let name = "demo"
    static let summary = "Draw the paper's phenomena (double descent, duality, power law, feature spectrum) and the teacher exponent into SVG figures."
    static let flags: [Flag] = [
        .value("output", "DIR", "output directory (default ./scaling-laws-output/)"),
        .value("trials", "K", "Monte Carlo trials per point, >= 2 (default 16)"),
        .value("seed", "S", "seed (default 0)"),
        .value("threads", "T", "worker threads (default: one per core)"),
        .toggle("force", "replace existing output files (otherwise an existing file is an error)"),
    ]
    static let figureNames = ["demo-1-double-descent", "demo-2-duality", "demo-3-power-law", "demo-4-feature-spectrum",
                              "demo-5-teacher", "demo-6-gradient-flow", "demo-7-compute-optimal-time"]
    /// Each figure as SVG and the data it draws as CSV, and the summary.
    static let fileNames = figureNames.flatMap { ["\($0).svg", "\($0).csv"] } + ["demo-summary.json"]

    static let alphas = [0.5, 1.0, 1.5, 2.0]

    static func run(_ arguments: Arguments) throws -> Int32 {
        let trials = try arguments.int("trials", default: 16)
        guard trials >= 2 else { throw UsageError("--trials must be >= 2 for an error bar, got \(trials)") }
        let destination = try OutputDestination(arguments, defaultFormat: .json)
        guard let directory = destination.directory else { throw UsageError("demo writes files: --output needs a directory") }
        let realData = RealDataDemo.isAvailable
        _ = try destination.files(fileNames + (realData ? RealDataDemo.fileNames : []))
        let start = Date()
        let seed = try SimulateCommand.seed(arguments)
        let provenance = OutputDocument(command: name, inputs: arguments.inputs)
        // Simulated grid points plus the three feature spectra.
        let progress = Progress("demo", total: 3 * 11 + 2 * 9 + alphas.count * (7 + 5) + 3
                                    + TeacherDemo.betas.count * TeacherDemo.simulatedPoints
                                    + (realData ? RealDataDemo.simulatedPoints : 0))
        let figures = DemoFigures(trials: trials, seed: seed,
                                  threads: try arguments.int("threads"), progress: progress)

        // Each figure and the data it draws (series,x,y,error, after the provenance comment lines).
        func save(_ plot: Plot, _ name: String) throws {
            try AtomicFile.write(provenance.svg(plot.svg(width: 960, height: 560)),
                                 to: directory.appendingPathComponent("\(name).svg"))
            try AtomicFile.write(provenance.commentLines.joined(separator: "\n") + "\n" + plot.csv,
                                 to: directory.appendingPathComponent("\(name).csv"))
        }
        let (peak, peakPoints) = try figures.doubleDescent()
        try save(peak, figureNames[0])
        let (dual, dualPoints) = try figures.duality()
        try save(dual, figureNames[1])
        let (law, lawData) = try figures.powerLaw(alphas: alphas)
        try save(law, figureNames[2])
        let (spectrumPlot, spectra) = try figures.featureSpectrum()
        try save(spectrumPlot, figureNames[3])
        let (teacherPlot, teacherPoints, teacherRows) = try figures.teacherExponents()
        try save(teacherPlot, figureNames[4])
        let flow = try GradientFlowDemo(options: figures.options).figures()
        try save(flow.curves, figureNames[5])
        try save(flow.frontier, figureNames[6])

        // Exponents: the theory's log-log slope on the fit window, and the
        // simulation's, from points on the same window.
        var rows: [[String]] = []
        var exponentRecords: [JSONValue] = []
        for (index, entry) in lawData.enumerated() {
            let theorySlope = try PowerLawFit.weightedLogLogSlope(
                x: entry.theory.map(\.value), y: entry.theory.map(\.prediction.loss),
                standardErrors: entry.theory.map { 1e-3 * $0.prediction.loss }).slope
            let spectrum = try PowerLawSpectrum(alpha: entry.alpha, latentDimension: PowerLawDemo.latentDimension)
            let base = try PowerLawDemo.configuration()
            var options = figures.options
            options.seed = options.seed &+ 5000 &+ UInt64(100 * index)
            let simulated = try Sweep.simulation(
                spectrum: spectrum, base: base, vary: .featureCount,
                over: ParameterGrid(from: PowerLawDemo.fitWindow.lowerBound, to: PowerLawDemo.fitWindow.upperBound,
                                    count: 5),
                options: options, progress: { _ in progress.advance() })
            let fit = try PowerLawFit.weightedLogLogSlope(x: simulated.map(\.value),
                                                          y: simulated.map(\.simulation.mean),
                                                          standardErrors: simulated.map(\.simulation.standardError))
            rows.append([TableFormat.number(entry.alpha), String(format: "%.3f", -theorySlope),
                         String(format: "%.3f +- %.3f", -fit.slope, fit.standardError)])
            exponentRecords.append(.object([("alpha", .number(entry.alpha)), ("theoryExponent", .number(-theorySlope)),
                                            ("simulationExponent", .number(-fit.slope)),
                                            ("simulationStandardError", .number(fit.standardError))]))
        }

        let dataPoints = realData
            ? try RealDataDemo.run(trials: trials, seed: seed,
                                   threads: try arguments.int("threads"), progress: progress, save: save)
            : []

        let allPoints = peakPoints + dualPoints + lawData.flatMap(\.simulated) + teacherPoints
        let worst = allPoints.map { abs($0.zScore) }.filter(\.isFinite).max() ?? 0
        let summary = JSONValue.object(provenance.provenance + [
            ("exponents", .array(exponentRecords)),
            ("teacherExponents", .array(teacherRows.map { row in
                .object([("beta", .number(row.beta)), ("lawExponent", .number(row.lawExponent)),
                         ("theoryExponent", .number(row.theoryExponent)),
                         ("simulationExponent", .number(row.simulationExponent)),
                         ("simulationStandardError", .number(row.simulationStandardError))])
            })),
            ("simulatedPoints", .integer(allPoints.count)),
            ("largestAbsZ", .number(worst)),
            ("featureSpectra", .object(spectra.map { ($0.0, .array($0.1.map { .number($0) })) })),
            ("gradientFlowPoints", .integer(flow.points)),
            ("gradientFlowLargestAbsZ", .number(flow.largestZ)),
            ("fashionMNIST", realData ? .array(dataPoints.map(RealDataDemo.record)) : .null),
            ("seconds", .number(Date().timeIntervalSince(start))),
        ])
        try AtomicFile.write(summary.text + "\n", to: directory.appendingPathComponent("demo-summary.json"))

        print("Loss exponent in N (L ~ N^-exponent) on N in [10, 100], M = 1000, P = 4000, noise 1e-8, gamma 1e-8:")
        print(TableFormat.grid(header: ["alpha", "theory", "simulation"], rows: rows), terminator: "")
        print("\nTeacher omega_I ~ I^-beta, alpha = 1: loss exponent in N on N in [10, 100], M = 2000, P = 4000, gamma = 0:")
        print(TableFormat.grid(header: ["beta", "law min(alpha+beta, 1+alpha)", "theory", "simulation"],
                               rows: teacherRows.map { row in
                                   [TableFormat.number(row.beta), TableFormat.number(row.lawExponent),
                                    String(format: "%.3f", row.theoryExponent),
                                    String(format: "%.3f +- %.3f", row.simulationExponent, row.simulationStandardError)]
                               }), terminator: "")
        print(String(format: "\n%d simulated points, largest |z| = %.2f; %.0f s", allPoints.count, worst,
                     Date().timeIntervalSince(start)))
        print(String(format: "gradient flow: %d simulated L(t) points, largest |z| = %.2f", flow.points, flow.largestZ))
        if realData {
            print("\nFashion-MNIST, measured against predicted test error (z = (measured - theory) / standard error):")
            print(TableFormat.grid(header: ["N", "P", "gamma", "theory", "measured", "ratio", "z"], rows: dataPoints.map { p in
                [TableFormat.number(p.configuration.featureCount), TableFormat.number(p.configuration.sampleCount),
                 TableFormat.number(p.configuration.ridge), String(format: "%.4f", p.theory.testError),
                 String(format: "%.4f +- %.4f", p.simulation!.testError.mean, p.simulation!.testError.standardError),
                 String(format: "%.3f", p.ratio!), String(format: "%+.1f", p.zScore!)]
            }), terminator: "")
        } else {
            print("\n(dataset-fashion-mnist not installed: no real-data figures; `make deps` installs it)")
        }
        print("wrote \(directory.path)/demo-{1-double-descent,2-duality,3-power-law,4-feature-spectrum,5-teacher,6-gradient-flow,7-compute-optimal-time}.{svg,csv}"
              + (realData ? ", demo-{8-fashion-mnist-N,9-fashion-mnist-P}.{svg,csv}" : "") + " and demo-summary.json")
        return 0
    }
}
