import Foundation
import XCTest

/// Issue-15 behaviour seen from the command line.
final class HardeningCommandTests: XCTestCase {
    /// The same bytes whatever OPENBLAS_NUM_THREADS, OMP_NUM_THREADS and the
    /// cores the process may use (taskset, when the machine has it). Before the
    /// policy, OPENBLAS_NUM_THREADS=1 changed most of these 300 eigenvalues.
    func testExactSpectrumIsBitIdenticalAcrossThreadSettings() throws {
        let arguments = ["spectrum", "--alpha", "1", "--M", "150", "--N", "300", "--activation", "tanh", "--exact",
                         "--seed", "2", "--format", "json"]
        var environment = ProcessInfo.processInfo.environment
        environment["OPENBLAS_NUM_THREADS"] = nil
        environment["OMP_NUM_THREADS"] = nil
        let reference = try CLIRunner.run(arguments, environment: environment)
        XCTAssertEqual(reference.status, 0, reference.stderr)
        func eigenvalues(_ object: [String: Any]?) throws -> [Double] {
            let rows = try XCTUnwrap(object?["eigenvalues"] as? [[String: Any]])
            return rows.compactMap { $0["eigenvalue"] as? Double }
        }
        func eigenvalues(_ result: CLIRunner.Result) throws -> [Double] { try eigenvalues(try result.json()) }
        let expected = try eigenvalues(reference)
        XCTAssertEqual(expected.count, 300)
        for (name, value) in [("OPENBLAS_NUM_THREADS", "1"), ("OPENBLAS_NUM_THREADS", "2"), ("OMP_NUM_THREADS", "1")] {
            var changed = environment
            changed[name] = value
            let result = try CLIRunner.run(arguments, environment: changed)
            XCTAssertEqual(try eigenvalues(result), expected, "\(name)=\(value)")
        }
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/taskset") {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/taskset")
            process.arguments = ["-c", "0", CLIRunner.executable.path] + arguments
            let out = Pipe()
            process.standardOutput = out
            try process.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            XCTAssertEqual(try eigenvalues(object), expected, "one core")
        }
    }

    /// A gapped spectrum file: the exact Delta = 1 and loss 5/16.
    func testGappedSpectrumFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gap-\(getpid()).txt")
        defer { try? FileManager.default.removeItem(at: url) }
        try "1e300\r\n1e-300\r\n".write(to: url, atomically: false, encoding: .utf8)
        let result = try CLIRunner.run(["predict", "--spectrum-file", url.path, "--N", "1", "--P", "5", "--format", "json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let json = try result.json()
        XCTAssertEqual(json["delta"] as? Double ?? .nan, 1, accuracy: 1e-12)
        XCTAssertEqual(json["loss"] as? Double ?? .nan, 0.3125, accuracy: 1e-12)
    }

    /// Stale temporary files of dead processes go on the next write; none are left.
    func testStaleTemporaryFilesAreRemoved() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stale-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        // A pid above the kernel's pid_max cannot be running.
        let stale = directory.appendingPathComponent(".scaling-laws-tmp.2147483646.sweep-P.csv")
        try Data("half".utf8).write(to: stale)
        let result = try CLIRunner.run(["sweep", "--alpha", "1", "--M", "50", "--N", "10", "--vary", "P", "--from", "5",
                                        "--to", "50", "--points", "4", "--output", directory.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        XCTAssertFalse(names.contains { $0.hasPrefix(".scaling-laws-tmp.") }, "\(names)")
        XCTAssertTrue(names.contains("sweep-P.csv"), "\(names)")
    }

    /// Whole-number flags beyond 2^31 - 1 and sizes beyond memory: one line, status 2.
    func testHugeCountsAreRefused() throws {
        try CLIRunner.assertBadInput(["simulate", "--alpha", "1", "--M", "1e19", "--N", "2", "--P", "2"], mentioning: "M = 1e+19")
        try CLIRunner.assertBadInput(["simulate", "--alpha", "1", "--M", "2", "--N", "1", "--P", "3", "--trials", "2147483647"],
                                     mentioning: "GB")
        try CLIRunner.assertBadInput(["spectrum", "--alpha", "1", "--M", "10", "--N", "9223372036854775807"],
                                     mentioning: "must be between")
        try CLIRunner.assertBadInput(["sweep", "--alpha", "1", "--M", "10", "--N", "2", "--vary", "P", "--from", "1",
                                      "--to", "5", "--points", "100000000"], mentioning: "grid points")
    }
}
