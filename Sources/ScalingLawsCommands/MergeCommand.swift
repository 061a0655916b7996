import Foundation
import ScalingMonteCarlo
import ScalingOutput

/// `scaling-laws merge FILES...`: the output of the unsharded command from
/// its shard files, rendered by that command's own code.
enum MergeCommand: Command {
    static let name = "merge"
    static let summary = "Merge the shard files of simulate, sweep --simulate or compare --shard K/COUNT into their output."
    static let flags: [Flag] = [
        .value("format", "FORMAT", "output format, as the command takes it (default: the shards' --format)"),
        .value("output", "DIR|-", "output of a sweep, as the command takes it (default: the shards' --output)"),
        .toggle("force", "a sweep may replace existing output files"),
    ]
    static let takesPositionals = true
    /// The commands that write shards.
    static let sharded = ["simulate", "sweep", "compare"]

    static func run(_ arguments: Arguments) throws -> Int32 {
        let paths = arguments.positionals
        guard !paths.isEmpty else { throw UsageError("give the shard files: merge FILE...") }
        var contents: [Data] = []
        let shards = try paths.map { path -> ShardFile<UnreadOutcome> in
            guard let data = FileManager.default.contents(atPath: path) else { throw UsageError("cannot read \(path)") }
            guard let shard = try? ShardFile<UnreadOutcome>.decode(data), shard.format == ShardFile<UnreadOutcome>.formatName,
                  shard.shardCount >= 1, (1...shard.shardCount).contains(shard.shard),
                  shard.trialsPerSimulation.count == shard.simulations.count,
                  shard.trialsPerSimulation.allSatisfy({ $0 >= 1 }) else {
                throw UsageError("\(path) is not a scaling-laws shard file")
            }
            contents.append(data)
            return shard
        }
        let first = shards[0]
        for (path, shard) in zip(paths, shards).dropFirst() {
            try check(shard, against: first, path: path, firstPath: paths[0])
        }
        guard let command = commands.first(where: { $0.name == first.command && sharded.contains($0.name) }) else {
            throw UsageError("\(paths[0]) is a shard of unknown command '\(first.command)'")
        }

        // Every trial exactly once.
        var table = first.trialsPerSimulation.map { [Bool](repeating: false, count: $0) }
        for (path, shard) in zip(paths, shards) {
            for trial in shard.trials {
                guard table.indices.contains(trial.point), table[trial.point].indices.contains(trial.trial) else {
                    throw UsageError("\(path) has trial \(trial.trial) of point \(trial.point), outside the configuration")
                }
                guard !table[trial.point][trial.trial] else {
                    throw UsageError("trial \(trial.trial) of point \(trial.point) is in more than one shard (again in \(path))")
                }
                table[trial.point][trial.trial] = true
            }
        }
        let missing = table.enumerated().flatMap { point, trials in
            trials.indices.filter { !trials[$0] }.map { (point, $0) }
        }
        if let (point, trial) = missing.first {
            let absent = Set(1...first.shardCount).subtracting(shards.map(\.shard)).sorted()
            let hint = absent.isEmpty ? "" : "; not given: shard " + absent.map { "\($0)/\(first.shardCount)" }.joined(separator: ", ")
            throw UsageError("\(missing.count) trial(s) missing, the first is trial \(trial) of point \(point)\(hint)")
        }

        // The command line of the shards, with this command's --format/--output.
        var values = first.configuration.merging(first.rendering) { a, _ in a }
        for flag in TrialExecution.renderingFlags { if let value = arguments.string(flag) { values[flag] = value } }
        if arguments.isOn("force") { values["force"] = "" }
        let switches = Set(command.flags.filter(\.isSwitch).map(\.name))
        let words = values.keys.sorted().flatMap { name in switches.contains(name) ? ["--\(name)"] : ["--\(name)=\(values[name]!)"] }
        TrialExecution.runner = ReplayTrialRunner(paths: paths, contents: contents, fingerprints: first.simulations,
                                                  seconds: shards.reduce(0) { $0 + $1.seconds })
        return try command.run(try command.parse(words))
    }

    /// Refuses a shard that does not belong with the first one.
    static func check(_ shard: ShardFile<UnreadOutcome>, against first: ShardFile<UnreadOutcome>, path: String,
                      firstPath: String) throws {
        func refuse(_ what: String, _ a: String, _ b: String) -> UsageError {
            UsageError("shards differ in \(what): \(a) in \(firstPath), \(b) in \(path)")
        }
        if shard.version != first.version { throw refuse("package version", first.version, shard.version) }
        if shard.command != first.command { throw refuse("command", first.command, shard.command) }
        for name in Set(first.configuration.keys).union(shard.configuration.keys).sorted()
        where first.configuration[name] != shard.configuration[name] {
            func shown(_ value: String?) -> String { value.map { $0.isEmpty ? "given" : "'\($0)'" } ?? "absent" }
            throw refuse("--\(name)", shown(first.configuration[name]), shown(shard.configuration[name]))
        }
        if shard.simulations != first.simulations || shard.trialsPerSimulation != first.trialsPerSimulation {
            throw refuse("their simulations (same flags, different inputs such as a changed spectrum file)",
                         "\(first.simulations.count) simulation(s)", "\(shard.simulations.count)")
        }
    }
}

/// The trials of merged shards, handed to the command as if just run: read
/// from the shard files as the kind of trial the command's simulations make.
struct ReplayTrialRunner: TrialRunner {
    var paths: [String]
    var contents: [Data]
    var fingerprints: [String]
    var seconds: Double

    func results<S>(of batch: TrialBatch<S>) throws -> [S.Result]? {
        guard batch.simulations.map(\.fingerprint) == fingerprints else {
            throw UsageError("the inputs changed since the shards were written (a spectrum file?); run the shards again")
        }
        var table = batch.simulations.map { [S.TrialOutcome?](repeating: nil, count: $0.options.trials) }
        for (path, data) in zip(paths, contents) {
            guard let shard = try? ShardFile<S.TrialOutcome>.decode(data) else {
                throw UsageError("\(path) holds trials of another kind than \(batch.command)'s simulations make")
            }
            for trial in shard.trials where table.indices.contains(trial.point)
                && table[trial.point].indices.contains(trial.trial) {
                table[trial.point][trial.trial] = trial.result
            }
        }
        // `merge` checked that every trial is there exactly once, against the same trial counts.
        let trials = table.map { $0.compactMap { $0 } }
        guard zip(trials, table).allSatisfy({ $0.count == $1.count }) else {
            throw UsageError("the shards do not hold every trial of \(batch.command)'s simulations")
        }
        return zip(batch.simulations, trials).map { $0.result(trialResults: $1, seconds: seconds) }
    }
}
