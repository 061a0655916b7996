import Foundation

/// `scaling-laws-bench [--quick] [--output DIR]`: ours against the peer
/// scripts in Benchmarks/peers, run in alternation in one process run.
let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.contains("--help") {
    print("usage: scaling-laws-bench [--quick] [--gradient-flow-only] [--only theory|montecarlo|data|gradientflow] [--output DIR]\n\nMedian of at least 5 runs after a warm-up; writes DIR/benchmark.json (default Benchmarks/output).")
    exit(0)
}
let quick = arguments.contains("--quick")
var output = "Benchmarks/output"
if let i = arguments.firstIndex(of: "--output"), i + 1 < arguments.count { output = arguments[i + 1] }
let gradientFlowOnly = arguments.contains("--gradient-flow-only")
var only: String? = gradientFlowOnly ? "gradientflow" : nil
if let i = arguments.firstIndex(of: "--only"), i + 1 < arguments.count { only = arguments[i + 1] }
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
    if only == nil || only == "theory" {
        sections.append(("theory", try TheoryBenchmarks(runs: runs, peerAvailable: peerAvailable).run(quick: quick)))
    }
    if only == nil || only == "montecarlo" {
        sections.append(("monte carlo", try MonteCarloBenchmarks(runs: runs, peerAvailable: peerAvailable).run(quick: quick)))
    }
    if only == nil || only == "data" {
        sections.append(("data", try DataSetBenchmarks(runs: runs, peerAvailable: peerAvailable).run(quick: quick)))
    }
    if only == nil || only == "gradientflow" {
        sections.append(("gradient flow", try GradientFlowBenchmarks(runs: runs).run(quick: quick)))
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
