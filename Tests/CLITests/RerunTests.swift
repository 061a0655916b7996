import Foundation
import TestSupport
import XCTest

/// `scaling-laws rerun FILE`: for each command, the output file alone
/// rebuilds the same output (exit 0), and a file whose result was changed is
/// caught (exit 1).
final class RerunTests: XCTestCase {
    /// Saves stdout of `arguments` to `name`, reruns it, then changes one
    /// result number and reruns again.
    func assertRoundTrip(_ arguments: [String], _ name: String, tamper: (String) -> String,
                         file: StaticString = #filePath, line: UInt = #line) throws {
        let dir = try temporaryDirectory("rerun")
        let run = try CLIRunner.run(arguments)
        XCTAssertTrue(run.status == 0 || arguments[0] == "compare", "\(arguments): \(run.stderr)", file: file, line: line)
        let url = dir.appendingPathComponent(name)
        try run.stdout.write(to: url, atomically: true, encoding: .utf8)
        // From another working directory: the file alone is enough.
        let again = try CLIRunner.run(["rerun", url.path], currentDirectory: FileManager.default.temporaryDirectory)
        XCTAssertEqual(again.status, 0, "\(arguments): \(again.stdout) \(again.stderr)", file: file, line: line)
        XCTAssertTrue(again.stdout.hasPrefix("reproduced"), again.stdout, file: file, line: line)
        let changed = tamper(run.stdout)
        XCTAssertNotEqual(changed, run.stdout, "the tamper changed nothing", file: file, line: line)
        try changed.write(to: url, atomically: true, encoding: .utf8)
        let caught = try CLIRunner.run(["rerun", url.path])
        XCTAssertEqual(caught.status, 1, "\(arguments): a changed result must not reproduce: \(caught.stderr)",
                       file: file, line: line)
    }

    /// Replaces the first occurrence of `"key": value` by another value.
    func changeJSON(_ key: String) -> (String) -> String {
        { text in
            guard let range = text.range(of: "\"\(key)\": ") else { return text }
            let end = text[range.upperBound...].firstIndex { $0 == "," || $0 == "}" } ?? text.endIndex
            return text.replacingCharacters(in: range.upperBound..<end, with: "12345.0")
        }
    }

    /// Changes one digit of the last data line.
    func changeLastLine(_ text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let index = lines.lastIndex(where: { !$0.isEmpty && !$0.hasPrefix("#") }) else { return text }
        var characters = Array(lines[index])
        if let digit = characters.firstIndex(where: { "12345678".contains($0) }) {
            characters[digit] = Character(String(characters[digit].wholeNumberValue! + 1))
        }
        lines[index] = String(characters)
        return lines.joined(separator: "\n")
    }

    func testPredictJSONAndCSV() throws {
        let base = ["predict", "--alpha", "0.5", "--lambda-plus", "2", "--M", "3000", "--N", "400", "--P", "150",
                    "--gamma", "1e-2", "--sigma-w2", "2", "--sigma-u2", "0.5", "--noise", "0.01"]
        try assertRoundTrip(base + ["--format", "json"], "p.json", tamper: changeJSON("loss"))
        try assertRoundTrip(base + ["--format", "csv"], "p.csv", tamper: changeLastLine)
        try assertRoundTrip(["predict", "--alpha", "1", "--lambda-plus", "300", "--M", "200", "--N", "60", "--P",
                             "100", "--gamma", "1e-2", "--activation", "relu", "--draws", "2", "--seed", "5",
                             "--format", "json"], "nonlinear.json", tamper: changeJSON("loss"))
    }

    func testSimulate() throws {
        try assertRoundTrip(["simulate", "--alpha", "1", "--M", "200", "--N", "40", "--P", "80", "--gamma", "1e-3",
                             "--trials", "5", "--seed", "11", "--format", "json"], "s.json", tamper: changeJSON("mean"))
        try assertRoundTrip(["simulate", "--alpha", "1", "--M", "200", "--N", "40", "--P", "80", "--trials", "3",
                             "--format", "csv"], "s.csv", tamper: changeLastLine)
    }

    func testSpectrumLinesAndJSON() throws {
        let base = ["spectrum", "--alpha", "1", "--M", "30", "--N", "40", "--samples", "300", "--seed", "2",
                    "--activation", "tanh"]
        try assertRoundTrip(base, "spectrum.txt", tamper: changeLastLine)
        try assertRoundTrip(base + ["--format", "json"], "spectrum.json", tamper: changeJSON("eigenvalue"))
    }

    func testTheoryCommands() throws {
        try assertRoundTrip(["exponents", "--alpha", "1", "--M", "inf", "--N", "1e4", "--P", "1e10", "--format", "json"],
                            "e.json", tamper: changeJSON("featureExponent"))
        try assertRoundTrip(["optimal-ridge", "--alpha", "1", "--M", "1000", "--N", "300", "--P", "500",
                             "--format", "csv"], "o.csv", tamper: changeLastLine)
        try assertRoundTrip(["compute-optimal", "--alpha", "1", "--M", "inf", "--from", "1e6", "--to", "1e7",
                             "--points", "2", "--format", "json"], "c.json", tamper: changeJSON("ratio"))
    }

    func testCompareEvenWhenItFails() throws {
        try assertRoundTrip(["compare", "--alpha", "1", "--M", "300", "--P", "100", "--gamma", "1e-2", "--vary", "N",
                             "--from", "30", "--to", "200", "--points", "2", "--trials", "4",
                             "--simulation-sigma-u2", "0.1", "--format", "json"], "compare.json",
                            tamper: changeJSON("mean"))
    }

    /// A sweep directory: each of its three files reruns on its own.
    func testSweepFilesAndStdout() throws {
        let dir = try temporaryDirectory("rerun")
        let sweep = ["sweep", "--alpha", "1", "--M", "300", "--N", "60", "--vary", "P", "--from", "20", "--to", "200",
                     "--points", "3", "--gamma", "1e-2", "--simulate", "--trials", "3", "--seed", "4"]
        let result = try CLIRunner.run(sweep + ["--output", dir.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        for name in ["sweep-P.json", "sweep-P.csv", "sweep-P.svg"] {
            let again = try CLIRunner.run(["rerun", dir.appendingPathComponent(name).path])
            XCTAssertEqual(again.status, 0, "\(name): \(again.stderr)")
        }
        let svg = try String(contentsOf: dir.appendingPathComponent("sweep-P.svg"), encoding: .utf8)
        XCTAssertTrue(svg.contains("<metadata id=\"scaling-laws-provenance\">{\"command\": \"sweep\""), svg)
        try assertRoundTrip(sweep + ["--output", "-"], "stdout.csv", tamper: changeLastLine)
        try assertRoundTrip(sweep + ["--output", "-", "--format", "json"], "stdout.json", tamper: changeJSON("loss"))
    }

    /// The gradient-flow shapes (simulate --times, sweep --vary time,
    /// compute-optimal --budget) rerun from their files, and a changed result
    /// is caught.
    func testGradientFlowShapes() throws {
        let model = ["--alpha", "1", "--M", "100", "--N", "30", "--P", "60", "--gamma", "1e-3"]
        try assertRoundTrip(["simulate"] + model + ["--times", "1,100,inf", "--trials", "2", "--seed", "6",
                                                    "--format", "json"], "times.json", tamper: changeJSON("mean"))
        try assertRoundTrip(["simulate"] + model + ["--times", "1,100", "--trials", "2", "--format", "csv"],
                            "times.csv", tamper: changeLastLine)
        let sweep = ["sweep"] + model + ["--vary", "time", "--from", "1", "--to", "1000", "--points", "3"]
        try assertRoundTrip(sweep + ["--output", "-", "--format", "json"], "time.json", tamper: changeJSON("loss"))
        let dir = try temporaryDirectory("rerun")
        let written = try CLIRunner.run(sweep + ["--simulate", "--trials", "2", "--output", dir.path])
        XCTAssertEqual(written.status, 0, written.stderr)
        for name in ["sweep-time.json", "sweep-time.csv", "sweep-time.svg"] {
            let again = try CLIRunner.run(["rerun", dir.appendingPathComponent(name).path])
            XCTAssertEqual(again.status, 0, "\(name): \(again.stderr)")
        }
        try assertRoundTrip(["compute-optimal", "--budget", "Nt", "--alpha", "1", "--M", "1e4", "--from", "1e4",
                             "--to", "1e6", "--points", "2", "--format", "json"], "budget.json",
                            tamper: changeJSON("steps"))
    }

    /// The `--data` shapes rerun, also from another directory when the data
    /// files were given by relative paths (they are recorded as absolute paths).
    func testDataShapes() throws {
        let dir = try temporaryDirectory("rerun")
        let rows: [[Double]] = (0..<60).map { (i: Int) -> [Double] in
            (0..<5).map { (j: Int) -> Double in
                let phase: Double = 0.9 * Double(i) + 0.4 * Double(j * j) + 0.2 * Double(i * j)
                return cos(phase)
            }
        }
        try (rows.map { $0.map { "\($0)" }.joined(separator: ",") }.joined(separator: "\n") + "\n")
            .write(to: dir.appendingPathComponent("x.csv"), atomically: true, encoding: .utf8)
        try (rows.map { "\($0.reduce(0, +))" }.joined(separator: "\n") + "\n")
            .write(to: dir.appendingPathComponent("y.csv"), atomically: true, encoding: .utf8)
        let run = try CLIRunner.run(["simulate", "--data", "x.csv", "--labels", "y.csv", "--N", "4", "--P", "20",
                                     "--gamma", "1e-2", "--trials", "2", "--format", "json"], currentDirectory: dir)
        XCTAssertEqual(run.status, 0, run.stderr)
        let file = dir.appendingPathComponent("data.json")
        try run.stdout.write(to: file, atomically: true, encoding: .utf8)
        let again = try CLIRunner.run(["rerun", file.path], currentDirectory: FileManager.default.temporaryDirectory)
        XCTAssertEqual(again.status, 0, again.stdout + again.stderr)
        let data = ["--data", dir.appendingPathComponent("x.csv").path, "--labels", dir.appendingPathComponent("y.csv").path]
        try assertRoundTrip(["compare"] + data + ["--N", "4", "--vary", "P", "--from", "10", "--to", "30", "--points", "2",
                                                  "--gamma", "1e-2", "--trials", "2", "--format", "json"],
                            "compare-data.json", tamper: changeJSON("measured"))
        try assertRoundTrip(["sweep"] + data + ["--N", "4", "--vary", "P", "--from", "10", "--to", "30", "--points", "2",
                                                "--output", "-", "--format", "json"], "sweep-data.json",
                            tamper: changeJSON("testError"))
    }

    /// `dataset`'s dataset.json records wall-clock times (`readSeconds`,
    /// `analysisSeconds`), which differ between runs and are not compared;
    /// a changed noise estimate is caught.
    func testDatasetFileIgnoresItsTimings() throws {
        let dir = try temporaryDirectory("rerun")
        var rows: [[Double]] = []
        for i in 0..<80 {
            var row: [Double] = []
            for j in 0..<4 {
                let phase: Double = 1.3 * Double(i) + 0.7 * Double(j * j) + 0.1 * Double(i * j)
                row.append(sin(phase))
            }
            rows.append(row)
        }
        try (rows.map { $0.map { "\($0)" }.joined(separator: ",") }.joined(separator: "\n") + "\n")
            .write(to: dir.appendingPathComponent("x.csv"), atomically: true, encoding: .utf8)
        let labels: [String] = rows.indices.map { (i: Int) -> String in
            let value: Double = rows[i][0] - 2 * rows[i][1] + cos(Double(i))
            return "\(value)"
        }
        try (labels.joined(separator: "\n") + "\n")
            .write(to: dir.appendingPathComponent("y.csv"), atomically: true, encoding: .utf8)
        let output = dir.appendingPathComponent("out")
        let run = try CLIRunner.run(["dataset", "--data", "x.csv", "--labels", "y.csv", "--output", output.path],
                                    currentDirectory: dir)
        XCTAssertEqual(run.status, 0, run.stderr)
        let file = output.appendingPathComponent("dataset.json")
        // Timings that cannot come out again: the rerun must still reproduce the file.
        var text = try String(contentsOf: file, encoding: .utf8)
        for key in ["readSeconds", "analysisSeconds"] {
            guard let range = text.range(of: "\"\(key)\": ") else { return XCTFail("no \(key) in dataset.json") }
            let end = text[range.upperBound...].firstIndex { $0 == "," || $0 == "}" }!
            text.replaceSubrange(range.upperBound..<end, with: "98765.4")
        }
        try text.write(to: file, atomically: true, encoding: .utf8)
        let again = try CLIRunner.run(["rerun", file.path], currentDirectory: FileManager.default.temporaryDirectory)
        XCTAssertEqual(again.status, 0, again.stdout + again.stderr)
        try changeJSON("noiseUnbiased")(text).write(to: file, atomically: true, encoding: .utf8)
        XCTAssertEqual(try CLIRunner.run(["rerun", file.path]).status, 1)
    }

    func testFilesWithoutProvenanceAreBadInput() throws {
        let dir = try temporaryDirectory("rerun")
        let plain = dir.appendingPathComponent("plain.json")
        try "{\"loss\": 1.0}".write(to: plain, atomically: true, encoding: .utf8)
        try CLIRunner.assertBadInput(["rerun", plain.path], mentioning: "records no")
        try CLIRunner.assertBadInput(["rerun", dir.appendingPathComponent("missing.json").path], mentioning: "missing.json")
        try CLIRunner.assertBadInput(["rerun"], mentioning: "FILE")
    }
}
