import Foundation
import ScalingMonteCarlo
import ScalingTheory

/// Trials per second of `scaling-laws-mpi` on 1 and 2 ranks (one trial
/// thread each) against one `scaling-laws` process with 2 threads, the same
/// run launched as a user would; and the per-trial phases that
/// Docs/Cluster.md scales to (M, N, P) = (1e5, 1e4, 1e4).
struct DistributedBenchmarks {
    var runs: Int

    func run(quick: Bool) throws -> [Measurement] {
        var results = try throughput(trials: quick ? 6 : 12)
        results.append(try phases(m: 20_000, n: 2_000, p: 2_000, trials: quick ? 1 : 3))
        return results
    }

    /// (M, N, P) = (4000, 1000, 1000), gamma = 1e-3, automatic sampler.
    /// `ours` is the run's own "seconds" (its trials) per trial; the note adds
    /// the wall time per trial of the whole launch (process or mpirun start-up included).
    func throughput(trials: Int) throws -> [Measurement] {
        let directory = Bundle.main.executableURL!.deletingLastPathComponent()
        let cli = directory.appendingPathComponent("scaling-laws").path
        let mpi = directory.appendingPathComponent("scaling-laws-mpi").path
        let mpirun = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
            .map { "\($0)/mpirun" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        guard FileManager.default.isExecutableFile(atPath: cli), FileManager.default.isExecutableFile(atPath: mpi),
              let mpirun else {
            FileHandle.standardError.write(Data("warning: scaling-laws, scaling-laws-mpi or mpirun missing; MPI rows skipped\n".utf8))
            return []
        }
        let flags = ["simulate", "--alpha", "1", "--M", "4000", "--N", "1000", "--P", "1000", "--gamma", "1e-3",
                     "--trials", "\(trials)", "--format", "json"]
        let launches: [(name: String, command: [String])] = [
            ("1 process, 2 threads", [cli] + flags + ["--threads", "2"]),
            ("MPI 1 rank", [mpirun, "-q", "--oversubscribe", "-np", "1", mpi] + flags),
            ("MPI 2 ranks", [mpirun, "-q", "--oversubscribe", "-np", "2", mpi] + flags),
        ]
        var inner = Array(repeating: [Double](), count: launches.count)
        var wall = inner
        var reference: [Double]?
        for run in 0...runs {
            for (index, launch) in launches.enumerated() {
                let start = Timing.now()
                let json = try Self.launch(launch.command)
                let elapsed = Timing.now() - start
                let losses = json["losses"] as? [Double]
                reference = reference ?? losses
                guard losses == reference else {
                    throw BenchmarkError("\(launch.name) gave other losses than one process; no ratio reported")
                }
                if run > 0 {  // run 0 is the warm-up
                    inner[index].append((json["seconds"] as? Double ?? .nan) / Double(trials))
                    wall[index].append(elapsed / Double(trials))
                }
            }
        }
        let baseline = Timing.median(inner[0])
        return launches.indices.map { index in
            let perTrial = Timing.median(inner[index]), launched = Timing.median(wall[index])
            return Measurement(
                name: "\(launches[index].name) (4000,1000,1000)", unit: "trial", ours: perTrial,
                peer: index == 0 ? nil : baseline,
                note: String(format: "%.2f trials/s (%.2f with start-up), %d trials, losses bit-identical%@",
                             1 / perTrial, 1 / launched, trials, index == 0 ? "" : "; peer = 1 process, 2 threads"))
        }
    }

    /// One trial thread at (M, N, P) with the conditional sampler: where the
    /// time goes, and the bytes a trial's result takes on the wire (JSON).
    func phases(m: Int, n: Int, p: Int, trials: Int) throws -> Measurement {
        let simulation = try Simulation(
            spectrum: try PowerLawSpectrum(alpha: 1, latentDimension: Double(m)),
            configuration: try ModelConfiguration(featureCount: Double(n), sampleCount: Double(p), ridge: 1e-3),
            options: SimulationOptions(trials: trials, threads: 1, sampler: .conditional))
        let results = try (0..<trials).map { try simulation.trial($0) }
        let median = { (phase: KeyPath<TrialPhases, Double>) in Timing.median(results.map { $0.phases[keyPath: phase] }) }
        let bytes = try JSONEncoder().encode(results[0]).count
        return Measurement(
            name: "trial phases (\(m),\(n),\(p)) conditional", unit: "trial", ours: median(\.total),
            note: String(format: "1 thread: sampling %.3f s, product %.3f s, fit %.3f s, loss %.3f s; result %d bytes as JSON; %.2f GB",
                         median(\.sampling), median(\.product), median(\.fit), median(\.loss), bytes,
                         simulation.estimatedBytes / 1e9))
    }

    /// Runs a command and parses its stdout as one JSON object.
    static func launch(_ command: [String]) throws -> [String: Any] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        var environment = ProcessInfo.processInfo.environment
        environment["OMPI_ALLOW_RUN_AS_ROOT"] = "1"
        environment["OMPI_ALLOW_RUN_AS_ROOT_CONFIRM"] = "1"
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
              let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw BenchmarkError("\(command.joined(separator: " ")) failed (\(process.terminationStatus))")
        }
        return object
    }
}
