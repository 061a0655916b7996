import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import TestSupport
import XCTest

/// Counts SVG elements by name and checks that every coordinate is finite.
private final class SVGCounter: NSObject, XMLParserDelegate {
    var counts: [String: Int] = [:]
    var nonFinite = 0

    static func parse(_ url: URL) throws -> SVGCounter {
        let counter = SVGCounter()
        let parser = XMLParser(data: try Data(contentsOf: url))
        parser.delegate = counter
        XCTAssertTrue(parser.parse(), "\(url.path) is not well-formed XML")
        return counter
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        counts[name, default: 0] += 1
        for key in ["x", "y", "x1", "x2", "y1", "y2", "cx", "cy"] {
            if let value = attributes[key], !(Double(value)?.isFinite ?? false) { nonFinite += 1 }
        }
        for pair in (attributes["points"] ?? "").split(whereSeparator: { $0 == " " || $0 == "," })
        where !(Double(pair)?.isFinite ?? false) {
            nonFinite += 1
        }
    }
}

final class SweepCommandTests: XCTestCase {
    func testTheorySweepWritesCSVJSONAndSVG() throws {
        let dir = try temporaryDirectory("sweep", create: false)
        let result = try CLIRunner.run(["sweep", "--alpha", "1", "--M", "1000", "--P", "300", "--vary", "N",
                                        "--from", "10", "--to", "3000", "--points", "40", "--output", dir.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let csv = try String(contentsOf: dir.appendingPathComponent("sweep-N.csv"), encoding: .utf8)
        let lines = csv.split(separator: "\n").filter { !$0.hasPrefix("#") }
        XCTAssertEqual(lines.count, 41)
        XCTAssertTrue(lines[0].hasPrefix("value,N,P,gamma,loss"))
        // Ridgeless: the grid crosses N = P = 300 only between points, so every loss is finite.
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("sweep-N.json")))
        let points = try XCTUnwrap((json as? [String: Any])?["points"] as? [[String: Any]])
        XCTAssertEqual(points.count, 40)
        let svg = try SVGCounter.parse(dir.appendingPathComponent("sweep-N.svg"))
        XCTAssertEqual(svg.counts["polyline"], 1)
        XCTAssertEqual(svg.nonFinite, 0)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted(),
                       ["sweep-N.csv", "sweep-N.json", "sweep-N.svg"], "no temporary files left behind")
    }

    func testSimulatedSweepHasErrorBars() throws {
        let dir = try temporaryDirectory("sweep", create: false)
        let result = try CLIRunner.run(["sweep", "--alpha", "1", "--M", "300", "--N", "60", "--vary", "P",
                                        "--from", "20", "--to", "400", "--points", "4", "--gamma", "1e-2",
                                        "--simulate", "--trials", "8", "--output", dir.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("sweep-P.json")))
        let points = try XCTUnwrap((json as? [String: Any])?["points"] as? [[String: Any]])
        XCTAssertEqual(points.count, 4)
        for point in points {
            XCTAssertNotNil(point["mean"] as? Double)
            XCTAssertGreaterThan(point["standardError"] as? Double ?? 0, 0)
            XCTAssertEqual(point["P"] as? Double, (point["P"] as? Double)?.rounded(), "simulated sizes are whole")
        }
        let svg = try SVGCounter.parse(dir.appendingPathComponent("sweep-P.svg"))
        XCTAssertEqual(svg.counts["circle", default: 0], 4 + 1, "four points and a legend marker")
        XCTAssertEqual(svg.nonFinite, 0)
    }

    /// compare passes on the right theory and fails (exit 1) when the
    /// simulation uses a different sigma_u^2 than the theory.
    func testCompareCatchesAWrongTheory() throws {
        let base = ["compare", "--alpha", "1", "--M", "400", "--P", "150", "--gamma", "1e-2", "--vary", "N",
                    "--from", "40", "--to", "300", "--points", "3", "--trials", "24", "--format", "json"]
        let right = try CLIRunner.run(base)
        XCTAssertEqual(right.status, 0, right.stdout + right.stderr)
        XCTAssertEqual(try right.json()["pass"] as? Bool, true)
        let wrong = try CLIRunner.run(base + ["--simulation-sigma-u2", "0.1"])
        XCTAssertEqual(wrong.status, 1, wrong.stdout + wrong.stderr)
        XCTAssertEqual(try wrong.json()["pass"] as? Bool, false)
    }

    func testBadInputForSweepCompareAndDemo() throws {
        let dir = try temporaryDirectory("sweep", create: false)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("a-file")
        try "x".write(to: file, atomically: true, encoding: .utf8)
        let sweep = ["sweep", "--alpha", "1", "--M", "100", "--P", "50"]
        let cases: [([String], String)] = [
            (sweep + ["--from", "1", "--to", "10"], "--vary"),
            (sweep + ["--vary", "Q", "--from", "1", "--to", "10"], "vary"),
            (sweep + ["--vary", "N", "--to", "10"], "--from"),
            (sweep + ["--vary", "N", "--from", "1", "--to", "10", "--points", "0"], "grid points"),
            (sweep + ["--vary", "N", "--from", "0", "--to", "10"], "grid start"),
            (sweep + ["--vary", "N", "--from", "10", "--to", "1"], "grid end"),
            (sweep + ["--vary", "N", "--from", "1", "--to", "10", "--spacing", "cubic"], "spacing"),
            (sweep + ["--vary", "N", "--from", "1", "--to", "10", "--trials", "4"], "--simulate"),
            (sweep + ["--vary", "N", "--from", "1", "--to", "10", "--simulate", "--trials", "1"], "trials"),
            (sweep + ["--vary", "N", "--from", "1", "--to", "10", "--output", file.path], "a-file"),
            (sweep + ["--vary", "gamma", "--from", "1e-3", "--to", "1"], "--N"),
            (sweep + ["--vary", "N", "--from", "1", "--to", "10", "--colour", "red"], "--colour"),
            (["compare", "--alpha", "1", "--M", "100", "--P", "50", "--vary", "N", "--from", "1", "--to", "10",
              "--max-z", "-1"], "max-z"),
            (["compare", "--alpha", "1", "--M", "100", "--P", "50", "--vary", "N", "--from", "1", "--to", "10",
              "--simulation-sigma-u2", "-1"], "sigma_u^2"),
            (["demo", "--trials", "1"], "trials"),
            (["demo", "--output", file.path], "a-file"),
            (["demo", "--bogus"], "--bogus"),
        ]
        for (arguments, word) in cases {
            try CLIRunner.assertBadInput(arguments, mentioning: word)
        }
    }
}

/// No silent overwrite, and the data on stdout.
final class SweepOutputTests: XCTestCase {
    func testExistingFilesNeedForceAndStdoutWritesTheData() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sweep-force-\(UUID())")
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        let sweep = ["sweep", "--alpha", "1", "--M", "1000", "--P", "300", "--vary", "N", "--from", "10", "--to", "100",
                     "--points", "3"]
        XCTAssertEqual(try CLIRunner.run(sweep + ["--output", dir.path]).status, 0)
        let first = try String(contentsOf: dir.appendingPathComponent("sweep-N.csv"), encoding: .utf8)
        try CLIRunner.assertBadInput(sweep + ["--gamma", "1", "--output", dir.path], mentioning: "--force")
        XCTAssertEqual(try String(contentsOf: dir.appendingPathComponent("sweep-N.csv"), encoding: .utf8), first,
                       "the refused run left the file alone")
        XCTAssertEqual(try CLIRunner.run(sweep + ["--gamma", "1", "--output", dir.path, "--force"]).status, 0)
        XCTAssertNotEqual(try String(contentsOf: dir.appendingPathComponent("sweep-N.csv"), encoding: .utf8), first)

        let stdout = try CLIRunner.run(sweep + ["--output", "-"])
        XCTAssertEqual(stdout.status, 0, stdout.stderr)
        XCTAssertEqual(stdout.stdout, first, "--output - writes the CSV file's bytes")
        let json = try CLIRunner.run(sweep + ["--output", "-", "--format", "json"])
        XCTAssertEqual((try json.json()["points"] as? [[String: Any]])?.count, 3)
        try CLIRunner.assertBadInput(sweep + ["--format", "json"], mentioning: "--output -")
    }
}
