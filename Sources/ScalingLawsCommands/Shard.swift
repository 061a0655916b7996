import Foundation
import DenseAlgebra
import Dispatch
import ScalingMonteCarlo
import ScalingOutput
import ScalingTheory

/// `--shard K/COUNT`: shard K (from 1) of COUNT.
struct ShardSpecification {
    var index: Int
    var count: Int

    init(_ text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1,
              (1...count).contains(index) else {
            throw UsageError("--shard needs K/COUNT with 1 <= K <= COUNT, got '\(text)'")
        }
        (self.index, self.count) = (index, count)
    }
}

/// A shard file: the per-trial results of one shard and what they belong to.
/// `merge` checks that shards agree on everything but their trials. A trial's
/// `result` is its simulation's `TrialOutcome`: a `TrialResult` for the ridge
/// fit, a `TrialCurve` for SGD and gradient flow.
struct ShardFile<Outcome: Codable>: Codable {
    static var formatName: String { "scaling-laws shard 1" }

    struct Trial: Codable {
        /// The simulation (grid point; 0 for `simulate`).
        var point: Int
        /// The trial within it.
        var trial: Int
        var result: Outcome
    }

    var format = Self.formatName
    var version = ScalingLawsVersion.current
    var command: String
    var configuration: [String: String]
    var rendering: [String: String]
    /// `Simulation.fingerprint` of each simulation of the batch.
    var simulations: [String]
    /// Trials of each simulation.
    var trialsPerSimulation: [Int]
    var shard: Int
    var shardCount: Int
    /// Wall-clock seconds of this shard's trials.
    var seconds: Double
    var trials: [Trial]

    func encoded() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    static func decode(_ data: Data) throws -> ShardFile {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try decoder.decode(ShardFile.self, from: data)
    }
}

/// A trial's outcome left unread: `merge` reads every shard's header and trial
/// indices before the command that knows the kind of its trials runs.
struct UnreadOutcome: Codable {
    init(from decoder: Decoder) throws {}

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encodeNil()
    }
}

/// Runs one shard's trials over the worker threads and prints its shard file.
struct ShardTrialRunner: TrialRunner {
    var shard: ShardSpecification

    init(_ shard: ShardSpecification) { self.shard = shard }

    func results<S>(of batch: TrialBatch<S>) throws -> [S.Result]? {
        let start = DispatchTime.now().uptimeNanoseconds
        let jobs = stride(from: shard.index - 1, to: batch.trialCount, by: shard.count).map(batch.trial)
        let workers = batch.simulations.map(\.workerCount).max() ?? 1
        let progress = Progress("shard \(shard.index)/\(shard.count): trial", total: jobs.count)
        let results = try ParallelTrials.map(count: jobs.count, workers: workers, progress: { _ in progress.advance() }) {
            try batch.simulations[jobs[$0].point].trial(jobs[$0].trial)
        }
        let file = ShardFile<S.TrialOutcome>(
            command: batch.command, configuration: batch.configuration, rendering: batch.rendering,
            simulations: batch.simulations.map(\.fingerprint), trialsPerSimulation: batch.simulations.map(\.options.trials),
            shard: shard.index, shardCount: shard.count,
            seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9,
            trials: zip(jobs, results).map { .init(point: $0.0.point, trial: $0.0.trial, result: $0.1) })
        print(try file.encoded())
        return nil
    }
}
