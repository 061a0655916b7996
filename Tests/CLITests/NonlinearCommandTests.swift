import Foundation
import XCTest

/// `predict --activation` (the semi-analytic theory) and `spectrum --exact --fit-*`.
final class NonlinearCommandTests: XCTestCase {
    let base = ["predict", "--alpha", "1", "--lambda-plus", "300", "--M", "200", "--N", "60", "--P", "100",
                "--gamma", "1e-2"]

    func testNonlinearPredictJSON() throws {
        let result = try CLIRunner.run(base + ["--activation", "relu", "--draws", "3", "--seed", "7", "--format", "json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let json = try result.json()
        XCTAssertEqual(Set(json.keys), Set(["command", "version", "inputs", "loss", "testError", "relativeLoss", "standardError",
                                            "delta", "df1", "df2", "trainingError", "regime", "summation"]))
        XCTAssertEqual(Set(try result.inputs().keys),
                       Set(["activation", "draws", "seed", "alpha", "lambdaPlus", "M", "summation", "N", "P", "gamma",
                            "sigmaW2", "sigmaU2", "noise", "teacherExponent"]))
        XCTAssertTrue(json["delta"] is NSNull && json["df1"] is NSNull && json["df2"] is NSNull)
        XCTAssertEqual(try result.inputs()["activation"] as? String, "relu")
        XCTAssertEqual(try result.inputs()["draws"] as? Int, 3)
        XCTAssertEqual(try result.inputs()["seed"] as? String, "7")
        let loss = try XCTUnwrap(json["loss"] as? Double), relative = try XCTUnwrap(json["relativeLoss"] as? Double)
        XCTAssertTrue(loss > 0 && relative > 0 && relative < 1)
        XCTAssertGreaterThan(try XCTUnwrap(json["standardError"] as? Double), 0)

        let table = try CLIRunner.run(base + ["--activation", "tanh", "--draws", "2"])
        XCTAssertEqual(table.status, 0, table.stderr)
        XCTAssertTrue(table.stdout.contains("standard error") && !table.stdout.contains("Delta"), table.stdout)
    }

    func testBadInputExitsTwoWithOneLine() throws {
        try CLIRunner.assertBadInput(base + ["--activation", "sigmoid"], mentioning: "activation")
        try CLIRunner.assertBadInput(base + ["--activation", "relu", "--draws", "0"], mentioning: "draws")
        try CLIRunner.assertBadInput(base + ["--draws", "3"], mentioning: "nonlinear")
        try CLIRunner.assertBadInput(["predict", "--alpha", "1", "--M", "200", "--N", "2000000", "--P", "100",
                                      "--activation", "relu"], mentioning: "GB")
        let spectrum = ["spectrum", "--alpha", "1", "--M", "50", "--N", "120", "--activation", "relu", "--exact"]
        try CLIRunner.assertBadInput(spectrum + ["--fit-below", "10:60"], mentioning: "M = 50")
        try CLIRunner.assertBadInput(spectrum + ["--fit-above", "70"], mentioning: "fit-above")
        try CLIRunner.assertBadInput(spectrum + ["--samples", "100"], mentioning: "exact")
    }

    func testSpectrumFits() throws {
        let flags = ["spectrum", "--alpha", "1", "--lambda-plus", "300", "--M", "50", "--N", "150", "--activation",
                     "relu", "--exact", "--fit-below", "3:40", "--fit-above", "60:140"]
        let lines = try CLIRunner.run(flags)
        XCTAssertEqual(lines.status, 0, lines.stderr)
        let rows = lines.stdout.split(separator: "\n")
        // Three provenance comments, two fit comments, 150 eigenvalues.
        XCTAssertEqual(rows.count, 155)
        XCTAssertTrue(rows[0].hasPrefix("# scaling-laws ") && rows[1] == "# command: spectrum")
        XCTAssertTrue(rows[3].hasPrefix("# fit below M on 3:40: exponent") && rows[3].contains("latent 1+alpha = 2"))
        XCTAssertTrue(rows[4].hasPrefix("# fit above M on 60:140"))
        let json = try CLIRunner.run(flags + ["--format", "json"]).json()
        XCTAssertGreaterThan(try XCTUnwrap(json["fitBelowExponent"] as? Double), 1)
        XCTAssertGreaterThan(try XCTUnwrap(json["fitAboveExponent"] as? Double), 1)
        XCTAssertEqual((json["eigenvalues"] as? [[String: Any]])?.count, 150)
        XCTAssertEqual(json["latentExponent"] as? Double, 2)
        XCTAssertEqual(json["exact"] as? Bool, true)
    }
}
