import Foundation
import ScalingMonteCarlo
import ScalingOutput

/// The simulations whose trials one command needs, with what identifies
/// them. Trial j of the batch is trial t of simulation p, counted point-major
/// (all trials of point 0, then of point 1, ...). Any `TrialSimulation`: the
/// ridge fit's, SGD's and gradient flow's trials travel alike.
package struct TrialBatch<S: TrialSimulation> {
    package var simulations: [S]
    /// The command (`simulate`, `sweep`, `compare`).
    package var command: String
    /// The flags that fix the result, with their values: shard files record them.
    var configuration: [String: String]
    /// The flags that only choose how the result is written (`--format`, `--output`).
    var rendering: [String: String]
    /// The progress label.
    package var label: String
    /// First batch index of each simulation's trials.
    private var offsets: [Int]

    init(simulations: [S], arguments: Arguments, label: String) {
        self.simulations = simulations
        command = arguments.command
        configuration = arguments.flagValues(excluding: TrialExecution.notConfiguration)
        rendering = arguments.flagValues(excluding: []).filter { TrialExecution.renderingFlags.contains($0.key) }
        self.label = label
        var start = 0
        offsets = simulations.map { simulation in
            defer { start += simulation.options.trials }
            return start
        }
    }

    /// The number of trials of all simulations.
    package var trialCount: Int { simulations.reduce(0) { $0 + $1.options.trials } }

    /// Batch index `index` as (simulation, trial within it).
    package func trial(_ index: Int) -> (point: Int, trial: Int) {
        var low = 0, high = offsets.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if offsets[middle] <= index { low = middle } else { high = middle - 1 }
        }
        return (low, index - offsets[low])
    }
}

/// Where the trials of a command run: in this process, in one shard of a job
/// array, or on MPI ranks. Every runner returns the same results, built by
/// `TrialSimulation.result(trialResults:seconds:)` from the same trials.
package protocol TrialRunner {
    /// The results of the batch's simulations, in order; nil when this process
    /// does not write the command's output (a shard, an MPI rank other than 0).
    func results<S>(of batch: TrialBatch<S>) throws -> [S.Result]?
}

/// All trials here, each simulation parallel over its worker threads.
struct LocalTrialRunner: TrialRunner {
    func results<S>(of batch: TrialBatch<S>) throws -> [S.Result]? {
        let progress = Progress(batch.label, total: batch.trialCount)
        return try batch.simulations.map { try $0.run(progress: { _ in progress.advance() }) }
    }
}

/// The runner of the current command line, and the `--shard` flag.
enum TrialExecution {
    nonisolated(unsafe) static var runner: any TrialRunner = LocalTrialRunner()

    static let shardFlag: Flag = .value(
        "shard", "K/COUNT",
        "run only the trials k (counted over points x trials) with k mod COUNT = K-1 and print them as a shard file for 'merge'")
    /// Flags that choose how the output is written, not what it contains.
    static let renderingFlags: Set<String> = ["format", "output", "force"]
    /// Flags a shard file does not count as configuration: these, `--shard`
    /// and `--threads` (results do not depend on threads).
    static let notConfiguration: Set<String> = renderingFlags.union(["shard", "threads"])

    /// Refuses `--shard` and MPI ranks for work that runs its trials by itself
    /// (every rank would run all of it and print).
    static func requireLocal(_ arguments: Arguments, what: String) throws {
        if arguments.has("shard") { throw UsageError("\(what) cannot be sharded; drop --shard") }
        guard runner is LocalTrialRunner else { throw UsageError("\(what) does not run over MPI ranks; use scaling-laws") }
    }

    /// The results of `simulations` for the command whose flags are
    /// `arguments`, or nil when this process writes no output.
    static func results<S: TrialSimulation>(_ simulations: [S], _ arguments: Arguments,
                                            label: String) throws -> [S.Result]? {
        let batch = TrialBatch(simulations: simulations, arguments: arguments, label: label)
        if let text = arguments.string("shard") {
            guard runner is LocalTrialRunner else {
                throw UsageError("--shard is for scaling-laws; MPI ranks share out the trials themselves")
            }
            return try ShardTrialRunner(try ShardSpecification(text)).results(of: batch)
        }
        return try runner.results(of: batch)
    }
}
