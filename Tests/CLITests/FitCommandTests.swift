import Foundation
import TestSupport
import XCTest

/// `scaling-laws fit`: files, rerun, forecast, hold-out, and bad input (exit 2,
/// one line naming the row, nothing written).
final class FitCommandTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws { directory = try temporaryDirectory("fit-cli") }

    /// 36 runs of E + A/N^alpha + B/D^beta (E 1.7, A 400, B 1200, alpha 0.34,
    /// beta 0.28) with a fixed +-0.5 % pattern on the loss.
    func writeRuns(_ name: String = "runs.csv", header: String = "N,D,loss", extra: String = "") throws -> URL {
        var lines = [header]
        var k = 0
        for i in 0..<6 {
            for j in 0..<6 {
                let n = 1e7 * pow(10, Double(i) / 2.5), d = 1e9 * pow(10, Double(j) / 2.5)
                let loss = (1.7 + 400 / pow(n, 0.34) + 1200 / pow(d, 0.28)) * (1 + 0.005 * Double([1, -1, 0][k % 3]))
                lines.append("\(n),\(d),\(loss)")
                k += 1
            }
        }
        let url = directory.appendingPathComponent(name)
        try (lines.joined(separator: "\n") + "\n" + extra).write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    func testFilesRerunForecastAndHoldout() throws {
        let runs = try writeRuns()
        let points = directory.appendingPathComponent("points.csv")
        try "N,D\n1e10,1e12\n3e9,6e10\n".write(to: points, atomically: true, encoding: .utf8)
        let out = directory.appendingPathComponent("out")
        let result = try CLIRunner.run(["fit", "--data", runs.path, "--start-grid", "small", "--resamples", "100",
                                        "--forecast", points.path, "--holdout-above", "1e20", "--output", out.path, "--quiet"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        XCTAssertEqual(names, ["fit-forecast.csv", "fit-frontier.csv", "fit-holdout.csv", "fit-starts.csv", "fit.csv",
                               "fit.json", "fit.svg"])
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("fit.json")))
            as? [String: Any])
        let forecast = try XCTUnwrap(json["forecast"] as? [[String: Any]])
        XCTAssertEqual(forecast.count, 2)
        for entry in forecast {
            let loss = try XCTUnwrap(entry["loss"] as? Double)
            let lower = try XCTUnwrap(entry["lossLower"] as? Double), upper = try XCTUnwrap(entry["lossUpper"] as? Double)
            XCTAssertTrue(lower <= loss && loss <= upper)
        }
        let starts = try XCTUnwrap(json["starts"] as? [[String: Any]])
        XCTAssertEqual(starts.count, 72)
        let holdout = try XCTUnwrap(json["holdout"] as? [[String: Any]])
        XCTAssertGreaterThan(holdout.count, 0)
        XCTAssertEqual((json["heldOutRuns"] as? Int), holdout.count)
        for file in ["fit.json", "fit.csv", "fit.svg", "fit-holdout.csv"] {
            let again = try CLIRunner.run(["rerun", out.appendingPathComponent(file).path])
            XCTAssertEqual(again.status, 0, "\(file): \(again.stderr)")
        }
    }

    func testBadInputIsOneLineExitTwoAndWritesNothing() throws {
        let cases: [(String, String, String)] = [
            ("bad-value.csv", "N,D,loss", "0,1e9,3\n"),
            ("duplicate.csv", "N,D,loss", "1e7,1e9,2.5\n"),
            ("missing.csv", "N,tokens,loss", ""),
            ("nan.csv", "N,D,loss", "1e8,1e9,nan\n"),
        ]
        for (name, header, extra) in cases {
            let runs = try writeRuns(name, header: header, extra: extra)
            let out = directory.appendingPathComponent("out-\(name)")
            try CLIRunner.assertBadInput(["fit", "--data", runs.path, "--output", out.path, "--start-grid", "small"],
                                         mentioning: header == "N,tokens,loss" ? "row 1" : "row 38")
            XCTAssertEqual((try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? [], [])
        }
        let bom = directory.appendingPathComponent("bom.csv")
        try Data([0xEF, 0xBB, 0xBF] + Array("N,D,loss\n1,2,3\n".utf8)).write(to: bom)
        try CLIRunner.assertBadInput(["fit", "--data", bom.path, "--output", directory.appendingPathComponent("o1").path],
                                     mentioning: "byte-order mark")
        let crlf = directory.appendingPathComponent("crlf.csv")
        try "N,D,loss\r\n1,2,3\r\n".write(to: crlf, atomically: true, encoding: .utf8)
        try CLIRunner.assertBadInput(["fit", "--data", crlf.path, "--output", directory.appendingPathComponent("o2").path],
                                     mentioning: "row 1")
        let few = directory.appendingPathComponent("few.csv")
        try "N,D,loss\n1e7,1e9,3\n2e7,1e9,2.9\n4e7,1e9,2.8\n".write(to: few, atomically: true, encoding: .utf8)
        try CLIRunner.assertBadInput(["fit", "--data", few.path, "--output", directory.appendingPathComponent("o3").path],
                                     mentioning: "fewer than the 5 parameters")
        let renamed = try writeRuns("renamed.csv", header: "params,tokens,val")
        let ok = try CLIRunner.run(["fit", "--data", renamed.path, "--columns", "N=params,D=tokens,loss=val",
                                    "--start-grid", "small", "--resamples", "0", "--output", "-", "--format", "json"])
        XCTAssertEqual(ok.status, 0, ok.stderr)
        XCTAssertEqual(try ok.json()["runs"] as? Int, 36)
    }
}
