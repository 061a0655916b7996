import Foundation
import XCTest

final class SimulateCommandTests: XCTestCase {
    let base = ["simulate", "--alpha", "1", "--M", "400", "--N", "100", "--P", "300"]

    func testJSONHasTheContractKeysAndAgreesWithTheory() throws {
        let result = try CLIRunner.run(base + ["--trials", "32", "--seed", "1", "--format", "json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stderr, "", "quiet when stderr is not a terminal")
        let json = try result.json()
        for key in ["mean", "standardError", "trials", "seconds", "loss", "zScore", "sampler", "losses"] {
            XCTAssertNotNil(json[key], key)
        }
        XCTAssertEqual(json["trials"] as? Int, 32)
        XCTAssertEqual((json["losses"] as? [Double])?.count, 32)
        let z = try XCTUnwrap(json["zScore"] as? Double)
        XCTAssertLessThan(abs(z), 4)
    }

    func testThreadsDoNotChangeTheLosses() throws {
        let one = try CLIRunner.run(base + ["--trials", "6", "--threads", "1", "--format", "json"]).json()
        let two = try CLIRunner.run(base + ["--trials", "6", "--threads", "2", "--format", "json"]).json()
        XCTAssertEqual(one["losses"] as? [Double], two["losses"] as? [Double])
    }

    func testNonlinearHasNoTheoryButATestError() throws {
        let result = try CLIRunner.run(base + ["--trials", "3", "--activation", "relu", "--test-samples", "500",
                                               "--format", "json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let json = try result.json()
        XCTAssertTrue(json["loss"] is NSNull, "no theory for nonlinear features")
        XCTAssertTrue(json["zScore"] is NSNull)
        XCTAssertNotNil(json["testStandardError"] as? Double)
        XCTAssertEqual(try result.inputs()["activation"] as? String, "relu")
        XCTAssertEqual(json["sampler"] as? String, "direct")
    }

    func testTable() throws {
        let result = try CLIRunner.run(base + ["--trials", "4", "--sampler", "conditional"])
        XCTAssertEqual(result.status, 0, result.stderr)
        for word in ["mean loss", "standard error", "theory", "z-score", "conditional"] {
            XCTAssertTrue(result.stdout.contains(word), word)
        }
    }

    func testHelpListsTheCommandsAndFlags() throws {
        let top = try CLIRunner.run(["--help"])
        XCTAssertTrue(top.stdout.contains("simulate") && top.stdout.contains("spectrum"), top.stdout)
        let help = try CLIRunner.run(["simulate", "--help"])
        XCTAssertEqual(help.status, 0)
        for flag in ["--trials", "--seed", "--activation", "--test-samples", "--threads", "--sampler", "--gamma"] {
            XCTAssertTrue(help.stdout.contains(flag), flag)
        }
    }

    func testBadInputExitsTwoWithOneLine() throws {
        let cases: [([String], String)] = [
            (base + ["--trials", "0"], "trials"),
            (base + ["--trials", "-3"], "trials"),
            (base + ["--threads", "0"], "threads"),
            (base + ["--gamma", "inf"], "gamma"),
            (base + ["--noise", "nan"], "noise"),
            (base + ["--activation", "sigmoid"], "activation"),
            (base + ["--seed", "-1"], "seed"),
            (base + ["--activation", "tanh", "--test-samples", "1"], "testSampleCount"),
            (base + ["--sampler", "conditional", "--activation", "relu"], "sampler"),
            (["simulate", "--alpha", "1", "--M", "400", "--N", "10.5", "--P", "300"], "whole number"),
            (["simulate", "--alpha", "1", "--M", "100000", "--N", "100000", "--P", "100000"], "GB"),
        ]
        for (arguments, word) in cases {
            try CLIRunner.assertBadInput(arguments, mentioning: word)
        }
    }
}

final class SpectrumCommandTests: XCTestCase {
    let base = ["spectrum", "--alpha", "1", "--M", "50", "--N", "80", "--samples", "4000"]

    func testLinesAndJSON() throws {
        let lines = try CLIRunner.run(base + ["--activation", "relu"])
        XCTAssertEqual(lines.status, 0, lines.stderr)
        let values = lines.stdout.split(separator: "\n").compactMap { Double($0) }
        XCTAssertEqual(values.count, 80)
        XCTAssertEqual(values, values.sorted(by: >))
        let json = try CLIRunner.run(base + ["--format", "json"]).json()
        let eigenvalues = try XCTUnwrap(json["eigenvalues"] as? [[String: Any]])
        XCTAssertEqual(eigenvalues.count, 80)
        XCTAssertEqual(eigenvalues.first?["index"] as? Int, 1)
        XCTAssertEqual(json["M"] as? Double, 50)
        XCTAssertEqual(json["activation"] as? String, "linear")
    }

    func testBadInputExitsTwoWithOneLine() throws {
        let cases: [([String], String)] = [
            (["spectrum", "--alpha", "1", "--M", "50"], "--N"),
            (base + ["--activation", "cube"], "activation"),
            (["spectrum", "--alpha", "1", "--M", "50", "--N", "0"], "N"),
            (base.dropLast(2) + ["--samples", "1"], "sampleCount"),
            (["spectrum", "--alpha", "1", "--M", "100000", "--N", "100000"], "GB"),
        ]
        for (arguments, word) in cases {
            try CLIRunner.assertBadInput(arguments, mentioning: word)
        }
    }
}
