import Foundation
import TestSupport
import XCTest

/// Issue #24's data-file reproducers through the command line: every one
/// exits 0 with the right answer or 2 with one line naming the cause, and
/// every file `dataset` writes is read back by `predict`.
final class DataFileHardeningTests: XCTestCase {
    var scratch: URL!

    override func setUpWithError() throws { scratch = try temporaryDirectory("datahard") }

    func path(_ name: String) -> String { scratch.appendingPathComponent(name).path }

    /// Rows of `d` comma-separated numbers from a fixed SplitMix64 stream,
    /// column j scaled by (j + 1)^-1 so that the spectrum decays, then by `scale`.
    func csv(_ name: String, rows: Int, d: Int, scale: Double = 1, seed: UInt64 = 7) throws -> String {
        var rng = SplitMix64(seed: seed)
        func next() -> Double { rng.uniform() - 0.5 }
        let text = (0..<rows).map { _ in
            (0..<d).map { j in "\(scale * next() / Double(j + 1))" }.joined(separator: ",")
        }.joined(separator: "\n") + "\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path(name)))
        return path(name)
    }

    /// `dataset` at data and label scales near both ends of the accepted range,
    /// then `predict` on the spectrum.txt and teacher.txt it wrote: the loss is
    /// invariant to the data scale and proportional to the square of the label
    /// scale (an independent route: the ridgeless <L> is homogeneous of
    /// degree 2 in y and of degree 0 in x, since lambda scales by s^2 and
    /// omega by s^-2).
    func testDatasetFilesRoundTripThroughPredictAcrossScales() throws {
        var losses: [String: Double] = [:]
        for (dataScale, labelScale) in [(1.0, 1.0), (1e74, 1.0), (1e-74, 1.0), (1.0, 1e74), (1.0, 1e-74)] {
            let name = "\(dataScale)-\(labelScale)"
            let data = try csv("x\(name).csv", rows: 80, d: 6, scale: dataScale, seed: 7)
            let labels = try csv("y\(name).csv", rows: 80, d: 1, scale: labelScale, seed: 99)
            let output = path("out\(name)")
            let made = try CLIRunner.run(["dataset", "--data", data, "--labels", labels, "--output", output])
            XCTAssertEqual(made.status, 0, made.stderr)
            let predicted = try CLIRunner.run(["predict", "--spectrum-file", output + "/spectrum.txt", "--teacher-file",
                                               output + "/teacher.txt", "--N", "3", "--P", "20",
                                               "--format", "json"])
            XCTAssertEqual(predicted.status, 0, "\(name): \(predicted.stderr)")
            let loss = try XCTUnwrap(try predicted.json()["loss"] as? Double, predicted.stdout)
            losses[name] = loss / (labelScale * labelScale)
        }
        let reference = try XCTUnwrap(losses["1.0-1.0"])
        for (name, loss) in losses { XCTAssertEqual(loss / reference, 1, accuracy: 1e-9, name) }
    }

    func testDegenerateAndOutOfScaleDataAreRefusedAsSuch() throws {
        let labels = try csv("y.csv", rows: 30, d: 1, seed: 3)
        let constant = path("constant.csv")
        try Data(String(repeating: "0.5098039215686274,0.5098039215686274\n", count: 30).utf8)
            .write(to: URL(fileURLWithPath: constant))
        let rankOne = path("rank1.csv")
        try Data((1...30).map { "\(Double($0) * 0.37),\(Double($0) * 0.74)" }.joined(separator: "\n").utf8)
            .write(to: URL(fileURLWithPath: rankOne))
        let cases: [(String, String)] = [
            (constant, "all 30 rows are identical"), (rankOne, "rank 1"),
            (try csv("big.csv", rows: 30, d: 3, scale: 1e160), "data scale out of range"),
            (try csv("tiny.csv", rows: 30, d: 3, scale: 1e-200), "data scale out of range"),
        ]
        for (data, phrase) in cases {
            for command in [["dataset", "--output", path("out")], ["simulate", "--N", "2", "--P", "10", "--trials", "2"]] {
                try CLIRunner.assertBadInput(command + ["--data", data, "--labels", labels], mentioning: phrase)
            }
        }
        let hugeLabels = try csv("ybig.csv", rows: 30, d: 1, scale: 1e200)
        try CLIRunner.assertBadInput(["dataset", "--data", try csv("x.csv", rows: 30, d: 3), "--labels", hugeLabels,
                                      "--output", path("out")], mentioning: "label scale out of range")
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("out") + "/spectrum.txt"))
    }

    func testByteOrderMarkInADataCSVIsNotAHeader() throws {
        let rows = (0..<120).map { "\(Double($0 % 7) + 0.1 * Double($0 % 3)),\(Double(($0 * 5) % 11)),\(Double($0 % 4))" }
        let data = path("bom.csv")
        try Data([0xEF, 0xBB, 0xBF] + Array(rows.joined(separator: "\r\n").utf8)).write(to: URL(fileURLWithPath: data))
        let labels = path("labels.csv")
        try Data((0..<120).map { "\(Double($0 % 5))" }.joined(separator: "\r\n").utf8).write(to: URL(fileURLWithPath: labels))
        let result = try CLIRunner.run(["dataset", "--data", data, "--labels", labels, "--output", path("out"),
                                        "--format", "json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try result.json()["n"] as? Double, 120)
    }

    func testUnreadableFilesNameTheirRealCause() throws {
        let directory = scratch.path
        let fifo = path("fifo")
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let base = ["predict", "--N", "10", "--P", "20"]
        try CLIRunner.assertBadInput(base + ["--spectrum-file", "/dev/null"], mentioning: "character device")
        try CLIRunner.assertBadInput(base + ["--spectrum-file", fifo], mentioning: "FIFO")
        try CLIRunner.assertBadInput(base + ["--spectrum-file", directory], mentioning: "is a directory")
        try CLIRunner.assertBadInput(base + ["--spectrum-file", path("missing")], mentioning: "No such file or directory")
        let spectrum = path("spectrum.txt")
        try Data("1\n0.5\n0.25\n".utf8).write(to: URL(fileURLWithPath: spectrum))
        for teacher in ["/dev/null", fifo, directory] {
            let result = try CLIRunner.run(base + ["--spectrum-file", spectrum, "--teacher-file", teacher])
            XCTAssertEqual(result.status, 2)
            XCTAssertFalse(result.stderr.contains("permission") || result.stderr.contains("NSCocoaErrorDomain")
                           || result.stderr.contains("\\u{"), result.stderr)
        }
        try CLIRunner.assertBadInput(["dataset", "--data", "/dev/zero", "--labels", "/dev/zero", "--output", path("o")],
                                     mentioning: "character device")
        try CLIRunner.assertBadInput(["dataset", "--data", spectrum, "--labels", spectrum, "--output", ""],
                                     mentioning: "empty path")
    }

    /// `dataset --force` with a directory where dataset.svg goes: refused
    /// before any file of the set is replaced, and no temporary file left.
    func testAFailedDatasetLeavesItsOutputSetUntouched() throws {
        let data = try csv("x.csv", rows: 40, d: 4), labels = try csv("y.csv", rows: 40, d: 1, seed: 5)
        let output = scratch.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: output.appendingPathComponent("dataset.svg"),
                                                withIntermediateDirectories: true)
        for name in ["spectrum.txt", "teacher.txt", "dataset.json"] {
            try Data("old \(name)\n".utf8).write(to: output.appendingPathComponent(name))
        }
        try CLIRunner.assertBadInput(["dataset", "--data", data, "--labels", labels, "--output", output.path, "--force"],
                                     mentioning: "is a directory")
        for name in ["spectrum.txt", "teacher.txt", "dataset.json"] {
            XCTAssertEqual(try String(contentsOf: output.appendingPathComponent(name), encoding: .utf8), "old \(name)\n")
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: output.path).sorted()
        XCTAssertEqual(names, ["dataset.json", "dataset.svg", "spectrum.txt", "teacher.txt"])
    }
}
