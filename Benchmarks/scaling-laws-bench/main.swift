import Foundation

/// `scaling-laws-bench [--quick] [--output DIR]`: ours against the peer
/// scripts in Benchmarks/peers, run in alternation in one process run.
let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.contains("--help") {
    print("usage: scaling-laws-bench [--quick] [--only theory|monte-carlo|gradient-flow|mpi] [--gradient-flow-only] [--output DIR]\n\nMedian of at least 5 runs after a warm-up; writes DIR/benchmark.json (default Benchmarks/output).")
    exit(0)
}
let quick = arguments.contains("--quick")
/// `--only theory|monte-carlo|gradient-flow|mpi`: run one section.
let only = arguments.firstIndex(of: "--only").flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
var output = "Benchmarks/output"
if let i = arguments.firstIndex(of: "--output"), i + 1 < arguments.count { output = arguments[i + 1] }
let gradientFlowOnly = arguments.contains("--gradient-flow-only")
for word in arguments where word.hasPrefix("--") && !["--quick", "--output", "--only", "--help", "--gradient-flow-only"].contains(word) {
    FileHandle.standardError.write(Data("scaling-laws-bench: unknown flag \(word)\n".utf8))
    exit(2)
}

let runs = 5
let peerAvailable = Peer.isAvailable
if !peerAvailable {
    FileHandle.standardError.write(Data("warning: python3 with numpy and scipy not found; peers skipped\n".utf8))
}
let cores = ProcessInfo.processInfo.activeProcessorCount
var sections: [(String, [Measurement])] = []
do {
    // `--gradient-flow-only` is `--only gradient-flow`.
    let selected = gradientFlowOnly ? "gradient-flow" : only
    if selected == nil || selected == "theory" {
        sections.append(("theory", try TheoryBenchmarks(runs: runs, peerAvailable: peerAvailable).run(quick: quick)))
    }
    if selected == nil || selected == "monte-carlo" {
        sections.append(("monte carlo", try MonteCarloBenchmarks(runs: runs, peerAvailable: peerAvailable).run(quick: quick)))
    }
    if selected == nil || selected == "gradient-flow" {
        sections.append(("gradient flow", try GradientFlowBenchmarks(runs: runs).run(quick: quick)))
    }
    if selected == nil || selected == "mpi" {
        sections.append(("MPI ranks", try DistributedBenchmarks(runs: runs).run(quick: quick)))
    }
} catch {
    FileHandle.standardError.write(Data("scaling-laws-bench: \(error)\n".utf8))
    exit(1)
}

print("ScalingLaws benchmark (\(quick ? "quick" : "full"), \(cores) cores, median of \(runs) runs)\n")
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
    "cores": cores, "mode": quick ? "quick" : "full", "runs": runs,
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
