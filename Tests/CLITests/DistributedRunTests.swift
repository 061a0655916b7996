import Foundation
import TestSupport
import XCTest

/// Shards merged and MPI runs give the one-process output, bit for bit apart
/// from timing fields; merge refuses shards that do not belong together; a
/// bad input on one MPI rank stops all of them with one line.
final class DistributedRunTests: XCTestCase {
    /// Ridgeless with min(N, P) > M, so that the rank flags travel too.
    let simulate = ["simulate", "--alpha", "1", "--M", "20", "--N", "30", "--P", "40", "--trials", "7", "--seed", "5",
                    "--format", "json"]
    let relu = ["simulate", "--alpha", "0.5", "--M", "40", "--N", "20", "--P", "30", "--gamma", "0.01",
                "--activation", "relu", "--test-samples", "200", "--trials", "5", "--format", "json"]
    /// A power-law teacher with label noise: training error and GCV per trial travel too.
    let teacher = ["simulate", "--alpha", "1", "--M", "80", "--N", "40", "--P", "60", "--gamma", "1e-3",
                   "--teacher-exponent", "0.5", "--noise", "0.01", "--trials", "5", "--seed", "9", "--format", "json"]
    let compare = ["compare", "--alpha", "1", "--M", "100", "--P", "60", "--gamma", "1e-2", "--vary", "N",
                   "--from", "10", "--to", "80", "--points", "3", "--trials", "4", "--seed", "2", "--format", "json"]
    /// One-pass SGD with label noise, both samplers: per-trial curves travel.
    let sgd = ["simulate", "--alpha", "1", "--M", "120", "--N", "40", "--optimizer", "sgd", "--batch-size", "4",
               "--learning-rate", "0.5", "--steps", "30,5,60", "--noise", "0.1", "--trials", "7", "--seed", "3",
               "--format", "json"]
    /// Gradient flow on a training set: loss and training-error curves travel.
    let flow = ["simulate", "--alpha", "1", "--M", "60", "--N", "30", "--P", "40", "--gamma", "1e-3",
                "--times", "1,10,inf", "--noise", "0.1", "--trials", "5", "--seed", "4", "--format", "json"]

    /// The JSON without its timing field (`seconds`).
    func withoutTiming(_ text: String) -> String {
        text.replacingOccurrences(of: #""seconds": [^,}]*, "#, with: "", options: .regularExpression)
    }

    /// Runs the COUNT shards of `command`, writes them to files and returns their paths.
    func shards(_ command: [String], count: Int, in directory: URL) throws -> [String] {
        try (1...count).map { k in
            let result = try CLIRunner.run(command + ["--shard", "\(k)/\(count)"])
            XCTAssertEqual(result.status, 0, result.stderr)
            let path = directory.appendingPathComponent("shard-\(k).json").path
            try result.stdout.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
    }

    func testThreeShardsMergeToTheUnshardedJSON() throws {
        let directory = try temporaryDirectory("distributed")
        for command in [simulate, relu, teacher, compare] {
            let whole = try CLIRunner.run(command)
            XCTAssertTrue(whole.status == 0 || command[0] == "compare", whole.stderr)
            let merged = try CLIRunner.run(["merge"] + shards(command, count: 3, in: directory))
            XCTAssertEqual(merged.status, whole.status, merged.stderr)
            XCTAssertEqual(withoutTiming(merged.stdout), withoutTiming(whole.stdout), "\(command)")
            XCTAssertTrue(whole.stdout.contains("\"losses\"") || command[0] == "compare")
            if command == teacher { XCTAssertTrue(whole.stdout.contains("\"gcv\": 0."), whole.stdout) }
        }
        // A merged output records the unsharded run: rerun reproduces it in one process.
        let merged = directory.appendingPathComponent("merged.json")
        try CLIRunner.run(["merge"] + shards(simulate, count: 2, in: directory)).stdout
            .write(to: merged, atomically: true, encoding: .utf8)
        let rerun = try CLIRunner.run(["rerun", merged.path])
        XCTAssertEqual(rerun.status, 0, rerun.stderr + rerun.stdout)
    }

    func testShardedSweepWritesTheSameFiles() throws {
        let directory = try temporaryDirectory("distributed")
        let whole = directory.appendingPathComponent("whole"), merged = directory.appendingPathComponent("merged")
        let sweep = ["sweep", "--alpha", "1", "--M", "100", "--P", "60", "--vary", "N", "--from", "10", "--to", "80",
                     "--points", "3", "--simulate", "--trials", "3", "--seed", "4"]
        let steps = ["sweep", "--alpha", "1", "--M", "100", "--N", "30", "--optimizer", "sgd", "--learning-rate", "1",
                     "--vary", "steps", "--from", "1", "--to", "100", "--points", "4", "--simulate", "--trials", "3"]
        let time = ["sweep", "--alpha", "1", "--M", "60", "--N", "30", "--P", "40", "--vary", "time", "--from", "0.1",
                    "--to", "100", "--points", "4", "--simulate", "--trials", "3"]
        for (command, stem) in [(sweep, "sweep-N"), (steps, "sweep-steps"), (time, "sweep-time")] {
            XCTAssertEqual(try CLIRunner.run(command + ["--output", whole.path, "--force"]).status, 0)
            let files = try shards(command + ["--output", directory.appendingPathComponent("unused").path], count: 2,
                                   in: directory)
            let result = try CLIRunner.run(["merge", "--output", merged.path, "--force"] + files)
            XCTAssertEqual(result.status, 0, result.stderr)
            for name in ["\(stem).csv", "\(stem).json", "\(stem).svg"] {
                XCTAssertEqual(try Data(contentsOf: merged.appendingPathComponent(name)),
                               try Data(contentsOf: whole.appendingPathComponent(name)), name)
            }
        }
    }

    func testMergeRefusesShardsThatDoNotBelongTogether() throws {
        let directory = try temporaryDirectory("distributed")
        let files = try shards(simulate, count: 3, in: directory)
        let otherSeed = try shards(simulate.map { $0 == "5" ? "6" : $0 }, count: 3, in: try temporaryDirectory("distributed"))
        let otherN = try shards(simulate.map { $0 == "30" ? "31" : $0 }, count: 3, in: try temporaryDirectory("distributed"))
        let otherVersion = directory.appendingPathComponent("version.json").path
        let text = try String(contentsOfFile: files[2], encoding: .utf8)
        XCTAssertTrue(text.contains(#""version":""#))
        try text.replacingOccurrences(of: #""version":"[^"]*""#, with: #""version":"0.0.0-other""#,
                                      options: .regularExpression)
            .write(toFile: otherVersion, atomically: true, encoding: .utf8)
        let notAShard = directory.appendingPathComponent("not.json").path
        try "{\"mean\": 1}".write(toFile: notAShard, atomically: true, encoding: .utf8)
        let cases: [([String], String)] = [
            ([files[0], files[1], otherSeed[2]], "--seed"),
            ([files[0], files[1], otherN[2]], "--N"),
            ([files[0], files[1], otherVersion], "version"),
            ([files[0], files[1]], "missing"),
            ([files[0], files[1], files[2], files[1]], "more than one shard"),
            ([files[0], files[1], notAShard], "not a scaling-laws shard"),
            ([], "shard files"),
        ]
        for (arguments, word) in cases {
            try CLIRunner.assertBadInput(["merge"] + arguments, mentioning: word)
        }
    }

    func testShardFlagNeedsKOfCount() throws {
        for shard in ["0/3", "4/3", "1/0", "x", "1/2/3"] {
            try CLIRunner.assertBadInput(simulate + ["--shard", shard], mentioning: "--shard")
        }
    }

    /// SGD and gradient-flow trials shard like the ridge fit's: shards 1/3,
    /// 2/3 and 3/3 merge to the one-process JSON (the direct and the
    /// conditional SGD sampler alike), and a shard of one kind does not
    /// merge as the other.
    func testLearningCurveShardsMergeToTheUnshardedJSON() throws {
        let directory = try temporaryDirectory("distributed")
        for command in [sgd, sgd + ["--sampler", "direct"], flow] {
            let whole = try CLIRunner.run(command)
            XCTAssertEqual(whole.status, 0, whole.stderr)
            XCTAssertTrue(whole.stdout.contains("\"points\""), whole.stdout)
            let merged = try CLIRunner.run(["merge"] + shards(command, count: 3, in: directory))
            XCTAssertEqual(merged.status, 0, merged.stderr)
            XCTAssertEqual(withoutTiming(merged.stdout), withoutTiming(whole.stdout), "\(command)")
        }
        // Another step list is another configuration.
        let files = try shards(sgd, count: 2, in: directory)
        let other = try shards(sgd.map { $0 == "30,5,60" ? "30,5,61" : $0 }, count: 2, in: try temporaryDirectory("distributed"))
        try CLIRunner.assertBadInput(["merge", files[0], other[1]], mentioning: "--step-counts")
    }

    // MARK: MPI

    /// mpirun, or a skip when OpenMPI is not installed (`make deps` installs it).
    func mpirun() throws -> URL {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .map { URL(fileURLWithPath: String($0)).appendingPathComponent("mpirun") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
        guard let path else { throw XCTSkip("mpirun is not installed (make deps installs openmpi-bin)") }
        return path
    }

    var mpiExecutable: String {
        CLIRunner.executable.deletingLastPathComponent().appendingPathComponent("scaling-laws-mpi").path
    }

    /// `mpirun -q --oversubscribe` with what OpenMPI needs to run as root in a container.
    func runMPI(_ arguments: [String]) throws -> (result: CLIRunner.Result, seconds: Double) {
        let process = Process()
        process.executableURL = try mpirun()
        process.arguments = ["-q", "--oversubscribe"] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["OMPI_ALLOW_RUN_AS_ROOT"] = "1"
        environment["OMPI_ALLOW_RUN_AS_ROOT_CONFIRM"] = "1"
        environment["OMPI_MCA_btl_vader_single_copy_mechanism"] = "none"
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let start = Date()
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (CLIRunner.Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                                 stderr: String(decoding: errData, as: UTF8.self)),
                Date().timeIntervalSince(start))
    }

    func testOneTwoAndThreeRanksGiveTheOneProcessJSON() throws {
        _ = try mpirun()
        for command in [simulate, relu, teacher] {
            let whole = try CLIRunner.run(command)
            XCTAssertEqual(whole.status, 0, whole.stderr)
            for ranks in [1, 2, 3] {
                let (result, _) = try runMPI(["-np", "\(ranks)", mpiExecutable] + command)
                XCTAssertEqual(result.status, 0, result.stderr)
                XCTAssertEqual(withoutTiming(result.stdout), withoutTiming(whole.stdout), "\(ranks) ranks: \(command)")
            }
        }
        // Two threads on each of two ranks: still the same trials.
        let (threaded, _) = try runMPI(["-np", "2", mpiExecutable] + simulate + ["--threads", "2"])
        XCTAssertEqual(withoutTiming(threaded.stdout), withoutTiming(try CLIRunner.run(simulate).stdout))
    }

    /// SGD and gradient-flow trials over two ranks: the one-process JSON.
    func testLearningCurvesOverTwoRanksGiveTheOneProcessJSON() throws {
        _ = try mpirun()
        for command in [sgd, flow] {
            let whole = try CLIRunner.run(command)
            XCTAssertEqual(whole.status, 0, whole.stderr)
            let (result, _) = try runMPI(["-np", "2", mpiExecutable] + command)
            XCTAssertEqual(result.status, 0, result.stderr)
            XCTAssertEqual(withoutTiming(result.stdout), withoutTiming(whole.stdout), "\(command)")
        }
    }

    func testCompareAndSweepOverRanks() throws {
        _ = try mpirun()
        let whole = try CLIRunner.run(compare)
        let (result, _) = try runMPI(["-np", "3", mpiExecutable] + compare)
        XCTAssertEqual(result.status, whole.status, result.stderr)
        XCTAssertEqual(result.stdout, whole.stdout)

        let directory = try temporaryDirectory("distributed")
        let sweep = ["sweep", "--alpha", "1", "--M", "100", "--P", "60", "--vary", "N", "--from", "10", "--to", "80",
                     "--points", "3", "--simulate", "--trials", "3"]
        let one = directory.appendingPathComponent("one"), ranks = directory.appendingPathComponent("ranks")
        XCTAssertEqual(try CLIRunner.run(sweep + ["--output", one.path]).status, 0)
        let (swept, _) = try runMPI(["-np", "2", mpiExecutable] + sweep + ["--output", ranks.path])
        XCTAssertEqual(swept.status, 0, swept.stderr)
        XCTAssertEqual(swept.stdout.split(separator: "\n").count, 1, "rank 0 alone reports: \(swept.stdout)")
        for name in ["sweep-N.csv", "sweep-N.json", "sweep-N.svg"] {
            XCTAssertEqual(try Data(contentsOf: ranks.appendingPathComponent(name)),
                           try Data(contentsOf: one.appendingPathComponent(name)), name)
        }
    }

    /// Bad input on one rank only (MPMD launch: the third rank gets N = 0),
    /// then on all ranks: every rank exits within seconds, nonzero, one line.
    func testABadRankStopsAllRanksWithOneLine() throws {
        _ = try mpirun()
        let good = simulate.filter { $0 != "--N" && $0 != "30" }
        let cases: [([String], String)] = [
            (["-np", "2", mpiExecutable] + good + ["--N", "30", ":", "-np", "1", mpiExecutable] + good + ["--N", "0"],
             "featureCount"),
            (["-np", "3", mpiExecutable] + good + ["--N", "2.5"], "featureCount"),
            (["-np", "2", mpiExecutable] + good + ["--N", "30", "--shard", "1/2"], "--shard"),
            // Ranks whose inputs differ (here the seed): refused before any trial.
            (["-np", "2", mpiExecutable] + good + ["--N", "30", ":", "-np", "1", mpiExecutable]
                + good.map { $0 == "5" ? "6" : $0 } + ["--N", "30"], "different inputs"),
            // Every trial throws (the quadratic features overflow), on whichever rank runs it.
            (["-np", "3", mpiExecutable, "simulate", "--alpha", "1", "--M", "50", "--N", "20", "--P", "30",
              "--activation", "quadratic", "--lambda-plus", "1e300", "--sigma-u2", "1e300", "--trials", "6",
              "--test-samples", "10"], "non-finite feature"),
            (["-np", "2", mpiExecutable, "sweep", "--alpha", "1", "--M", "10", "--vary", "N", "--from", "1", "--to", "5"],
             "--simulate"),
        ]
        for (arguments, word) in cases {
            let (result, seconds) = try runMPI(arguments)
            XCTAssertNotEqual(result.status, 0, "\(arguments)")
            XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, "\(arguments): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains(word), result.stderr)
            XCTAssertEqual(result.stdout, "")
            XCTAssertLessThan(seconds, 20, "all ranks stop promptly")
        }
    }

    /// Ranks on one node share its memory: a size that fits one rank (estimate
    /// about 3/4 of the default limit, half the physical memory) is refused
    /// with two ranks on the node, by every rank, before any trial allocates.
    func testPerRankMemoryEstimateCountsTheRanksOfANode() throws {
        _ = try mpirun()
        // Direct sampler, gamma > 0, N = P = M = s: 8 (4 s^2 + 7 s) bytes per trial.
        let limit = Double(ProcessInfo.processInfo.physicalMemory) / 2
        let s = Int((0.75 * limit / 32).squareRoot())
        let command = ["simulate", "--alpha", "1", "--M", "\(s)", "--N", "\(s)", "--P", "\(s)", "--gamma", "0.01",
                       "--sampler", "direct", "--trials", "2"]
        let (result, seconds) = try runMPI(["-np", "2", mpiExecutable] + command)
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("2 rank(s) of this node"), result.stderr)
        XCTAssertLessThan(seconds, 20)
    }
}
