import Foundation
import TestSupport
import XCTest

/// `--teacher-exponent` and `--teacher-file` through every command that
/// evaluates the model, the training error and GCV in the JSON, and bad input.
final class TeacherCommandTests: XCTestCase {
    private func file(_ text: String) throws -> String { try temporaryFile(text, prefix: "teacher-cli") }

    /// Docs/Theory.md section 8 through the command line: loss and training error to 1e-8.
    func testSectionEightRowsThroughJSON() throws {
        let rows: [([String], Double, Double)] = [
            (["--alpha", "1", "--M", "1000", "--teacher-exponent", "0.5", "--N", "100", "--P", "400", "--gamma", "1e-3"],
             2.3623711272e-06, 1.4299861053e-06),
            (["--alpha", "1", "--M", "1000", "--teacher-exponent", "0.5", "--N", "400", "--P", "100"],
             1.6565705881e-06, 0),
            (["--alpha", "0.5", "--lambda-plus", "2", "--M", "3000", "--teacher-exponent", "1.5", "--sigma-w2", "2",
              "--N", "400", "--P", "150", "--gamma", "1e-2", "--sigma-u2", "0.5", "--noise", "0.01"],
             2.8894629791e-03, 5.2698221942e-04),
            (["--alpha", "1.5", "--M", "2000", "--teacher-exponent", "-0.5", "--N", "300", "--P", "900",
              "--gamma", "1e-4", "--sigma-u2", "2", "--noise", "0.001"], 1.4114133541e-04, 3.5062208127e-04),
        ]
        for (flags, loss, trainingError) in rows {
            let result = try CLIRunner.run(["predict", "--format", "json"] + flags)
            XCTAssertEqual(result.status, 0, result.stderr)
            let json = try result.json()
            let gotLoss = try XCTUnwrap(json["loss"] as? Double)
            let gotTraining = try XCTUnwrap(json["trainingError"] as? Double)
            XCTAssertEqual(gotLoss, loss, accuracy: 1e-8 * loss, "\(flags)")
            XCTAssertEqual(gotTraining, trainingError, accuracy: 1e-8 * trainingError, "\(flags)")
            XCTAssertEqual(try result.inputs()["teacherExponent"] as? Double,
                           Double(flags[flags.firstIndex(of: "--teacher-exponent")! + 1]))
        }
    }

    /// --teacher-exponent 0 is the default teacher: the same numbers.
    func testZeroExponentIsTheDefault() throws {
        let flags = ["predict", "--format", "json", "--alpha", "0.5", "--lambda-plus", "2", "--M", "3000", "--N", "400",
                     "--P", "150", "--gamma", "1e-2", "--sigma-w2", "2", "--sigma-u2", "0.5", "--noise", "0.01"]
        let plain = try CLIRunner.run(flags).json()
        let zero = try CLIRunner.run(flags + ["--teacher-exponent", "0"]).json()
        for key in ["loss", "relativeLoss", "delta", "df1", "df2", "trainingError"] {
            XCTAssertEqual(plain[key] as? Double, zero[key] as? Double, key)
        }
        XCTAssertEqual(try XCTUnwrap(plain["loss"] as? Double), 3.1078179155e-03, accuracy: 1e-8 * 3.1078179155e-03)
    }

    /// A spectrum file in shuffled order with its teacher file in the same
    /// order reproduces the first section 8 row.
    func testTeacherFileFollowsTheSpectrumFileOrder() throws {
        var order = Array(1...1000)
        var generator = SystemRandomNumberGenerator()
        order.shuffle(using: &generator)
        let spectrum = try file("# lambda_I = I^-2, shuffled\n" + order.map { "\(pow(Double($0), -2))" }.joined(separator: "\n"))
        let teacher = try file(order.map { "\(pow(Double($0), -0.5) / 1000)  # I = \($0)" }.joined(separator: "\n"))
        let result = try CLIRunner.run(["predict", "--format", "json", "--spectrum-file", spectrum,
                                        "--teacher-file", teacher, "--N", "100", "--P", "400", "--gamma", "1e-3"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let json = try result.json()
        XCTAssertEqual(try XCTUnwrap(json["loss"] as? Double), 2.3623711272e-06, accuracy: 1e-8 * 2.3623711272e-06)
        XCTAssertEqual(try XCTUnwrap(json["trainingError"] as? Double), 1.4299861053e-06,
                       accuracy: 1e-8 * 1.4299861053e-06)
        XCTAssertEqual(try result.inputs()["teacherFile"] as? String, URL(fileURLWithPath: teacher).standardizedFileURL.path)
        XCTAssertNil(try result.inputs()["teacherExponent"])
    }

    func testBadInputIsOneLineAndStatusTwo() throws {
        let spectrum = try file("3\n2\n1\n")
        let short = try file("1\n1\n")
        let negative = try file("1\n# fine\n-0.5\n")
        let base = ["predict", "--N", "1", "--P", "2", "--gamma", "0.1"]
        try CLIRunner.assertBadInput(base + ["--spectrum-file", spectrum, "--teacher-file", short], mentioning: "teacher")
        try CLIRunner.assertBadInput(base + ["--spectrum-file", spectrum, "--teacher-file", negative],
                                     mentioning: "line 3")
        try CLIRunner.assertBadInput(base + ["--alpha", "1", "--M", "100", "--teacher-exponent", "nan"],
                                     mentioning: "teacher-exponent")
        try CLIRunner.assertBadInput(base + ["--alpha", "1", "--M", "100", "--teacher-file", short],
                                     mentioning: "--spectrum-file")
        try CLIRunner.assertBadInput(base + ["--alpha", "1", "--M", "100", "--teacher-exponent", "inf"],
                                     mentioning: "beta")
        try CLIRunner.assertBadInput(base + ["--alpha", "1", "--M", "inf", "--teacher-exponent", "-1"],
                                     mentioning: "alpha + beta")
        try CLIRunner.assertBadInput(base + ["--spectrum-file", spectrum, "--teacher-file", short,
                                             "--teacher-exponent", "1"], mentioning: "teacher")
        try CLIRunner.assertBadInput(["simulate", "--N", "2", "--P", "5", "--spectrum-file", spectrum,
                                      "--teacher-file", short, "--trials", "2"], mentioning: "teacher")
        try CLIRunner.assertBadInput(["predict", "--N", "20", "--P", "50", "--alpha", "1", "--M", "100",
                                      "--teacher-exponent", "1", "--activation", "relu"], mentioning: "isotropic")
    }

    func testSimulateReportsTrainingErrorAndGCV() throws {
        let result = try CLIRunner.run(["simulate", "--alpha", "1", "--M", "300", "--teacher-exponent", "1.5",
                                        "--N", "100", "--P", "250", "--gamma", "1e-2", "--noise", "1e-3",
                                        "--trials", "24", "--seed", "5", "--format", "json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let json = try result.json()
        for key in ["trainingError", "trainingErrorStandardError", "gcv", "gcvStandardError", "theoryTrainingError"] {
            XCTAssertNotNil(json[key] as? Double, key)
        }
        XCTAssertEqual(try result.inputs()["teacherExponent"] as? Double, 1.5)
        let z = try XCTUnwrap(json["zScore"] as? Double)
        XCTAssertLessThan(abs(z), 4)
        let training = try XCTUnwrap(json["trainingError"] as? Double)
        let trainingSE = try XCTUnwrap(json["trainingErrorStandardError"] as? Double)
        XCTAssertLessThan(abs(training - (try XCTUnwrap(json["theoryTrainingError"] as? Double))) / trainingSE, 4)
        let gcv = try XCTUnwrap(json["gcv"] as? Double)
        let testError = try XCTUnwrap(json["loss"] as? Double) + 0.5e-3   // the theory's <L> + sigma_eps^2/2
        XCTAssertLessThan(abs(gcv - testError) / (try XCTUnwrap(json["gcvStandardError"] as? Double)), 4)
    }

    /// Every other command takes the flags and uses the teacher.
    func testEveryCommandTakesTheTeacher() throws {
        let model = ["--alpha", "1", "--M", "1000", "--teacher-exponent", "0.5"]
        let predicted = try CLIRunner.run(["predict", "--format", "json", "--N", "100", "--P", "400"] + model).json()
        let loss = try XCTUnwrap(predicted["loss"] as? Double)

        let exponents = try CLIRunner.run(["exponents", "--format", "json", "--N", "100", "--P", "400"] + model)
        XCTAssertEqual(exponents.status, 0, exponents.stderr)
        let e = try exponents.json()
        XCTAssertEqual(e["loss"] as? Double, loss)
        XCTAssertEqual(try XCTUnwrap(e["asymptoticExponent"] as? Double), -1.5, accuracy: 1e-15)

        let ridge = try CLIRunner.run(["optimal-ridge", "--format", "json", "--N", "100", "--P", "400"] + model)
        XCTAssertEqual(ridge.status, 0, ridge.stderr)
        XCTAssertEqual(try ridge.json()["ridgelessLoss"] as? Double, loss)

        let compute = try CLIRunner.run(["compute-optimal", "--format", "json", "--from", "4e4", "--to", "4e4",
                                         "--points", "1", "--ridge", "fixed", "--gamma", "1e-3"] + model)
        XCTAssertEqual(compute.status, 0, compute.stderr)
        XCTAssertEqual(try compute.inputs()["teacherExponent"] as? Double, 0.5)
        // Without the N <-> P duality the optimum need not have N <= P: here N > P.
        let allocation = try XCTUnwrap((try compute.json()["points"] as? [[String: Any]])?.first)
        XCTAssertGreaterThan(try XCTUnwrap(allocation["ratio"] as? Double), 1)

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("teacher-sweep-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: directory) }
        let sweep = try CLIRunner.run(["sweep", "--vary", "N", "--from", "100", "--to", "100", "--points", "1",
                                       "--P", "400", "--output", directory.path] + model)
        XCTAssertEqual(sweep.status, 0, sweep.stderr)
        let swept = try XCTUnwrap(try JSONSerialization.jsonObject(
            with: Data(contentsOf: directory.appendingPathComponent("sweep-N.json"))) as? [String: Any])
        let point = try XCTUnwrap((swept["points"] as? [[String: Any]])?.first)
        XCTAssertEqual(try XCTUnwrap(point["loss"] as? Double), loss, accuracy: 1e-12 * loss)
        XCTAssertEqual((swept["inputs"] as? [String: Any])?["teacherExponent"] as? Double, 0.5)

        let compare = try CLIRunner.run(["compare", "--alpha", "1", "--M", "300", "--teacher-exponent", "2",
                                         "--vary", "N", "--from", "60", "--to", "120", "--points", "2", "--P", "250",
                                         "--gamma", "1e-3", "--trials", "16", "--format", "json"])
        XCTAssertEqual(compare.status, 0, compare.stderr)
        let compared = try compare.json()
        XCTAssertEqual(compared["pass"] as? Bool, true)
        XCTAssertEqual(try compare.inputs()["teacherExponent"] as? Double, 2)
    }
}
