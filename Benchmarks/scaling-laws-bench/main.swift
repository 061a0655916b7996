import DenseAlgebra
import Foundation

/// `scaling-laws-bench [--quick] [--output DIR]`: ours against the peer
/// scripts in Benchmarks/peers, run in alternation in one process run.
let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.contains("--help") {
    print("""
    usage: scaling-laws-bench [--quick] [--only SECTION[,SECTION...]] [--output DIR]

    Sections: theory, batch, monte-carlo, gradient-flow, sgd, mpi, data, fit, csv (all by default; data needs dataset-fashion-mnist).
    Median of at least 5 runs after a warm-up; writes DIR/benchmark.json (default Benchmarks/output).
    """)
    exit(0)
}
let quick = arguments.contains("--quick")
var output = "Benchmarks/output"
if let i = arguments.firstIndex(of: "--output"), i + 1 < arguments.count { output = arguments[i + 1] }
let allSections = ["theory", "batch", "monte-carlo", "gradient-flow", "sgd", "mpi", "data", "fit", "csv"]
/// `--only`: the sections to run (for measuring one piece alone); the old
/// `--batch-only` and `--gradient-flow-only` are spellings of it.
var only = Set(allSections)
if let i = arguments.firstIndex(of: "--only"), i + 1 < arguments.count {
    only = Set(arguments[i + 1].split(separator: ",").map(String.init))
    if let unknown = only.subtracting(allSections).first {
        FileHandle.standardError.write(Data("scaling-laws-bench: unknown section \(unknown) (one of \(allSections.joined(separator: ", ")))\n".utf8))
        exit(2)
    }
}
if arguments.contains("--batch-only") { only = ["batch"] }
if arguments.contains("--gradient-flow-only") { only = ["gradient-flow"] }
for word in arguments where word.hasPrefix("--")
    && !["--quick", "--output", "--help", "--only", "--batch-only", "--gradient-flow-only"].contains(word) {
    FileHandle.standardError.write(Data("scaling-laws-bench: unknown flag \(word)\n".utf8))
    exit(2)
}

let runs = 5
let peerAvailable = Peer.isAvailable
if !peerAvailable {
    FileHandle.standardError.write(Data("warning: python3 with numpy and scipy not found; peers skipped\n".utf8))
}
let cores = ProcessInfo.processInfo.activeProcessorCount
/// Each section of `allSections` (by its --only name): its printed name and what it measures.
let sectionRuns: [String: (name: String, measure: () throws -> [Measurement])] = [
    "theory": ("theory", { try TheoryBenchmarks(runs: runs, peerAvailable: peerAvailable).run(quick: quick) }),
    "batch": ("batch", { try BatchBenchmarks(runs: runs, peerAvailable: peerAvailable).run(quick: quick) }),
    "monte-carlo": ("monte carlo", { try MonteCarloBenchmarks(runs: runs, peerAvailable: peerAvailable).run(quick: quick) }),
    "gradient-flow": ("gradient flow", { try GradientFlowBenchmarks(runs: runs).run(quick: quick) }),
    "sgd": ("one-pass SGD", {
        try SGDBenchmarks(runs: runs).run(quick: quick)
            + SGDTrialBenchmarks(runs: runs, peerAvailable: peerAvailable).run(quick: quick)
    }),
    "mpi": ("MPI ranks", { try DistributedBenchmarks(runs: runs).run(quick: quick) }),
    "data": ("data", { try DataSetBenchmarks(runs: runs, peerAvailable: peerAvailable).run(quick: quick) }),
    "fit": ("fit", { try FitBenchmarks(runs: runs, peerAvailable: peerAvailable).run(quick: quick) }),
    "csv": ("csv", { try CSVReaderBenchmarks(runs: runs, peerAvailable: peerAvailable).run(quick: quick) }),
]
var sections: [(String, [Measurement])] = []
do {
    for key in allSections where only.contains(key) {
        guard let section = sectionRuns[key] else {
            FileHandle.standardError.write(Data("scaling-laws-bench: section \(key) has no benchmarks\n".utf8))
            exit(1)
        }
        sections.append((section.name, try section.measure()))
    }
} catch {
    FileHandle.standardError.write(Data("scaling-laws-bench: \(error)\n".utf8))
    exit(1)
}

// The BLAS each side ran on: the library, its version and the kernel it selected.
let oursBLAS = ["library": BLASSelfCheck.library, "kernel": BLASSelfCheck.kernel,
                "coretype": ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] ?? ""]
let peerBLAS = peerAvailable ? ((try? Peer(script: "blas_numpy.py").run([:])) as? [String: String] ?? [:]) : [:]
print("ScalingLaws benchmark (\(quick ? "quick" : "full"), \(cores) cores, median of \(runs) runs)")
print("BLAS, ours: \(BLASSelfCheck.summary)")
if peerAvailable { print("BLAS, peer (NumPy): \(peerBLAS["library"] ?? "unknown") (kernel \(peerBLAS["kernel"] ?? "unknown"))") }
print("")
for (title, measurements) in sections {
    print(title)
    for m in measurements {
        let ours = String(format: "%.3e s/%@", m.ours, m.unit)
        let peer = m.peer.map { String(format: "%.3e s", $0) } ?? "-"
        let speedup = m.speedup.map { String(format: "%.1fx", $0) } ?? "-"
        print("  " + m.name.padding(toLength: 42, withPad: " ", startingAt: 0)
              + ours.padding(toLength: 26, withPad: " ", startingAt: 0)
              + "peer " + peer.padding(toLength: 14, withPad: " ", startingAt: 0)
              + "speedup " + speedup.padding(toLength: 9, withPad: " ", startingAt: 0) + m.note)
    }
}
let report: [String: Any] = [
    "cores": cores, "mode": quick ? "quick" : "full", "runs": runs, "blas": oursBLAS, "peerBLAS": peerBLAS,
    "sections": Dictionary(uniqueKeysWithValues: sections.map { ($0.0, $0.1.map(\.json)) }),
]
do {
    try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
    let url = URL(fileURLWithPath: output).appendingPathComponent("benchmark.json")
    let data = try JSONSerialization.data(withJSONObject: report, options: [.prettyPrinted, .sortedKeys])
    try data.write(to: url, options: .atomic)
    print("\nwrote \(url.path)")
} catch {
    FileHandle.standardError.write(Data("scaling-laws-bench: cannot write report: \(error)\n".utf8))
    exit(1)
}
