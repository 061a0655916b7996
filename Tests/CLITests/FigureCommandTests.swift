import Foundation
import TestSupport
import XCTest

/// The sweep figure's new elements and the `map` command.
final class FigureCommandTests: XCTestCase {
    /// A ridgeless sweep through N = P draws +infinity as a peak marker and
    /// names every fixed parameter; a linear grid gets a linear axis.
    func testRidgelessSweepStatesThePeakAndItsParameters() throws {
        let dir = try temporaryDirectory("figure", create: false)
        let result = try CLIRunner.run(["sweep", "--alpha", "1", "--M", "1000", "--P", "400", "--vary", "N",
                                        "--from", "100", "--to", "700", "--points", "7", "--spacing", "linear",
                                        "--output", dir.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let svg = try String(contentsOf: dir.appendingPathComponent("sweep-N.svg"), encoding: .utf8)
        XCTAssertTrue(svg.contains("<g class=\"peak\" data-x=\"400.0\" data-value=\"inf\">"), svg)
        XCTAssertTrue(svg.contains("+∞ at N = 400"))
        XCTAssertTrue(svg.contains("<g class=\"x-axis\" data-scale=\"linear\">"))
        for part in ["α = 1", "M = 1000", "P = 400", "γ = 0", "σ_ε² = 0"] {
            XCTAssertTrue(svg.contains(part), "subtitle lacks \(part)")
        }
        for token in ["\"nan\"", "NaN", "inf,", "=\"inf\"/"] { XCTAssertFalse(svg.contains(token), token) }
    }

    /// Numbers in figure text are written as the axis ticks write them
    /// (1.5·10⁻⁴, not 1.5e-04) with a true minus sign; a teacher exponent
    /// of −0.5 reads I^0.5, of 1.5 reads I^−1.5.
    func testFigureTextWritesPowersOfTenAndMinusSigns() throws {
        for (beta, expected) in [("-0.5", "teacher ω_I ∝ I^0.5"), ("1.5", "teacher ω_I ∝ I^−1.5")] {
            let dir = try temporaryDirectory("figure", create: false)
            let result = try CLIRunner.run(["sweep", "--alpha", "1", "--M", "1000", "--P", "400", "--gamma", "0.00025",
                                            "--noise", "12345.6", "--teacher-exponent", beta, "--vary", "N",
                                            "--from", "10", "--to", "100", "--points", "3", "--output", dir.path])
            XCTAssertEqual(result.status, 0, result.stderr)
            let svg = try String(contentsOf: dir.appendingPathComponent("sweep-N.svg"), encoding: .utf8)
            let element = try XCTUnwrap(svg.split(separator: "\n").first { $0.contains("class=\"subtitle\"") })
            let subtitle = try XCTUnwrap(element.split(separator: ">").dropFirst().first)
            for part in ["γ = 2.5·10⁻⁴", "σ_ε² = 1.23·10⁴", expected] {
                XCTAssertTrue(subtitle.contains(part), "subtitle lacks \(part): \(subtitle)")
            }
            for token in ["e-0", "e+0", "−−", "-"] { XCTAssertFalse(subtitle.contains(token), "\(token) in \(subtitle)") }
        }
    }

    func testMapWritesTheTableAndTheHeatmap() throws {
        let dir = try temporaryDirectory("figure", create: false)
        let result = try CLIRunner.run(["map", "--alpha", "1", "--M", "1000", "--from", "10", "--to", "2000",
                                        "--points", "9", "--output", dir.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let csv = try String(contentsOf: dir.appendingPathComponent("map-N-P.csv"), encoding: .utf8)
        // After the provenance comment lines and the header.
        let rows = csv.split(separator: "\n").filter { !$0.hasPrefix("#") }.dropFirst()
            .map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        XCTAssertEqual(rows.count, 81)
        // Ridgeless, no noise: +inf on the diagonal below M, 0 once min(N, P) >= M.
        let diagonal = rows.filter { $0[0] == $0[1] }
        XCTAssertEqual(diagonal.count, 9)
        for row in diagonal {
            let n = Double(row[0])!
            XCTAssertEqual(row[2], n < 1000 ? "inf" : "0.0", "N = P = \(n)")
        }
        // Far in the N-limited corner the bottleneck is N.
        let corner = try XCTUnwrap(rows.first { Double($0[0]) == 10 && Double($0[1]) == 2000 })
        XCTAssertEqual(corner[7], "N")

        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("map-N-P.json")))
        let object = try XCTUnwrap(json as? [String: Any])
        XCTAssertEqual((object["cells"] as? [Any])?.count, 81)
        // Ridgeless, N, P << M: the compute-optimal ratio is alpha / (alpha + 2) = 1/3 (Docs/Theory.md section 4).
        let pathJSON = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("map-N-P-path.json")))
        let path = try XCTUnwrap((pathJSON as? [String: Any])?["points"] as? [[String: Any]])
        let early = path.filter { ($0["P"] as? Double ?? .infinity) < 100 }
        XCTAssertFalse(early.isEmpty)
        for point in early { XCTAssertEqual((point["N"] as! Double) / (point["P"] as! Double), 1.0 / 3, accuracy: 0.03) }
        // Rerun reproduces the map from its JSON alone.
        let rerun = try CLIRunner.run(["rerun", dir.appendingPathComponent("map-N-P.json").path])
        XCTAssertEqual(rerun.status, 0, rerun.stderr)

        let svg = try String(contentsOf: dir.appendingPathComponent("map-N-P.svg"), encoding: .utf8)
        let infinite = svg.components(separatedBy: "<g class=\"infinite-cells\">")[1].components(separatedBy: "</g>")[0]
        XCTAssertEqual(infinite.components(separatedBy: "<rect").count - 1, diagonal.filter { Double($0[0])! < 1000 }.count)
        for element in ["class=\"cells\"", "class=\"contour\"", "class=\"colorbar\"", "data-name=\"N = P\"",
                        "data-name=\"min(N, P) = M\"", "data-name=\"compute-optimal (N, P) at fixed N P\""] {
            XCTAssertTrue(svg.contains(element), "map lacks \(element)")
        }
    }

    func testMapBadInput() throws {
        let map = ["map", "--alpha", "1", "--M", "100"]
        try CLIRunner.assertBadInput(map + ["--from", "10", "--to", "100", "--points", "1"], mentioning: "--points")
        try CLIRunner.assertBadInput(map + ["--from", "10", "--to", "100", "--points", "500"], mentioning: "--points")
        try CLIRunner.assertBadInput(map + ["--to", "100"], mentioning: "--from")
        try CLIRunner.assertBadInput(map + ["--from", "100", "--to", "10"], mentioning: "grid end")
        try CLIRunner.assertBadInput(map + ["--from", "10", "--to", "100", "--N", "5"], mentioning: "--N")
    }
}
