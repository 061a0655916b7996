import Foundation
import TestSupport
import XCTest

/// `dataset` and `simulate --data` end to end: outputs, the synthetic
/// control through the command line, and one line with exit 2 for every
/// malformed input.
final class DataCommandTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("ScalingDataTests/Fixtures")
    var scratch: URL!

    override func setUpWithError() throws { scratch = try temporaryDirectory("datacli") }

    func fixture(_ name: String) -> String { Self.fixtures.appendingPathComponent(name).path }

    /// A float64 .npy written byte by byte (independent of the package's writer).
    func npy(_ name: String, shape: [Int], values: [Double]) throws -> String {
        let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        var header = "{'descr': '<f8', 'fortran_order': False, 'shape': \(shapeText), }"
        header += String(repeating: " ", count: (64 - (11 + header.utf8.count) % 64) % 64) + "\n"
        var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(header.utf8.count & 0xFF), UInt8(header.utf8.count >> 8)]
        bytes += Array(header.utf8)
        for v in values { withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes += $0 } }
        let url = scratch.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// rows x d Gaussian data, lambda_I = I^-1.5, y = w . x + eps (sigma_eps^2 = 0.05),
    /// from a SplitMix64 + Box-Muller generator of the test's own (TestSupport).
    func generativeData(rows: Int, d: Int) throws -> (String, String) {
        var rng = SplitMix64(seed: 12345)
        func gaussian() -> Double { rng.gaussian() }
        let w = (0..<d).map { _ in gaussian() / Double(d).squareRoot() }
        var x: [Double] = [], y: [Double] = []
        for _ in 0..<rows {
            var label = 0.0
            for j in 0..<d {
                let value = gaussian() * pow(Double(j + 1), -0.75)
                x.append(value)
                label += w[j] * value
            }
            y.append(label + 0.05.squareRoot() * gaussian())
        }
        return (try npy("x.npy", shape: [rows, d], values: x), try npy("y.npy", shape: [rows], values: y))
    }

    func testDatasetWritesItsFilesAndSimulateAgreesWithTheoryOnGenerativeData() throws {
        let (x, y) = try generativeData(rows: 12_000, d: 150)
        let output = scratch.appendingPathComponent("out").path
        let result = try CLIRunner.succeeding(["dataset", "--data", x, "--labels", y, "--output", output, "--format", "json"])
        let json = try result.json()
        XCTAssertEqual(json["n"] as? Double, 12_000)
        XCTAssertEqual(json["d"] as? Double, 150)
        XCTAssertEqual(json["M"] as? Double, 150)
        XCTAssertEqual(json["dropped"] as? Int, 0)
        let noise = try XCTUnwrap(json["noise"] as? Double)
        XCTAssertEqual(noise, 0.05, accuracy: 0.004)  // 4 sampling errors of a variance over 12000 rows, plus the fit's 150 dof
        XCTAssertEqual(try XCTUnwrap(json["spectralExponent"] as? Double), 1.5, accuracy: 0.1)
        for key in ["trace", "targetVariance", "teacherExponent", "alpha", "cutoff", "spectralExponentStandardError",
                    "fitFrom", "fitTo", "inputs"] {
            XCTAssertNotNil(json[key], key)
        }
        XCTAssertEqual((json["eigenvalues"] as? [Any])?.count, 150)
        let written = try String(contentsOfFile: output + "/dataset.json", encoding: .utf8)
        var fromFile = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(written.utf8)) as? [String: Any])
        var printed = json
        // The timings differ between the file and stdout only if they were written twice; they are not.
        fromFile["readSeconds"] = nil; printed["readSeconds"] = nil
        XCTAssertEqual(fromFile as NSDictionary, printed as NSDictionary)
        // A second run refuses to replace the files without --force.
        try CLIRunner.assertBadInput(["dataset", "--data", x, "--labels", y, "--output", output], mentioning: "--force")
        for file in ["spectrum.txt", "teacher.txt"] {
            let lines = try String(contentsOfFile: output + "/" + file, encoding: .utf8)
                .split(separator: "\n").filter { !$0.hasPrefix("#") }
            XCTAssertEqual(lines.count, 150, file)
        }
        // Every estimate of sigma_eps^2 is reported; the default is the unbiased one.
        XCTAssertEqual((json["inputs"] as? [String: Any])?["noiseEstimate"] as? String, "unbiased")
        XCTAssertEqual(json["noiseUnbiased"] as? Double, noise)
        let inSample = try XCTUnwrap(json["noiseInSample"] as? Double)
        XCTAssertEqual(inSample * 12_000, noise * (12_000 - 150 - 1), accuracy: 1e-9 * noise * 12_000)
        XCTAssertGreaterThan(try XCTUnwrap(json["noiseHeldOut"] as? Double), noise)
        XCTAssertNotNil(json["noiseStandardError"] as? Double)
        // noise.txt: nu_I per direction, for predict --noise-file (here noise independent of x:
        // nu_I is sigma_eps^2 up to sampling error, and the prediction moves by as little).
        let nu = try String(contentsOfFile: output + "/noise.txt", encoding: .utf8)
            .split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap { Double($0) }
        XCTAssertEqual(nu.count, 150)
        XCTAssertEqual(nu.reduce(0, +) / 150, noise, accuracy: 0.1 * noise)
        let base = ["predict", "--spectrum-file", output + "/spectrum.txt", "--teacher-file", output + "/teacher.txt",
                    "--noise", "\(noise)", "--N", "60", "--P", "240", "--gamma", "1e-2", "--format", "json"]
        let uniform = try CLIRunner.run(base).json(), perDirection = try CLIRunner.run(base + ["--noise-file", output + "/noise.txt"]).json()
        let uniformLoss = try XCTUnwrap(uniform["loss"] as? Double), perDirectionLoss = try XCTUnwrap(perDirection["loss"] as? Double)
        XCTAssertNotEqual(uniformLoss, perDirectionLoss)
        XCTAssertEqual(perDirectionLoss, uniformLoss, accuracy: 0.1 * uniformLoss)
        XCTAssertEqual(perDirection["testError"] as? Double, perDirectionLoss + noise / 2)
        try CLIRunner.assertBadInput(Array(base.filter { $0 != "--noise" && $0 != "\(noise)" }) + ["--noise-file", output + "/noise.txt"],
                                     mentioning: "--noise")
        try CLIRunner.assertBadInput(["predict", "--alpha", "1", "--M", "150", "--noise", "0.1", "--N", "60", "--P", "240",
                                      "--noise-file", output + "/noise.txt"], mentioning: "--spectrum-file")
        let shortFile = scratch.appendingPathComponent("short.txt").path
        try "0.1\n0.2\n".write(toFile: shortFile, atomically: true, encoding: .utf8)
        try CLIRunner.assertBadInput(base + ["--noise-file", shortFile], mentioning: "2 entries")
        try "0.1\n-0.2\n".write(toFile: shortFile, atomically: true, encoding: .utf8)
        try CLIRunner.assertBadInput(base + ["--noise-file", shortFile], mentioning: "line 2")
        let svg = try String(contentsOfFile: output + "/dataset.svg", encoding: .utf8)
        XCTAssertTrue(svg.contains("<svg") && svg.contains("lambda_I") && svg.contains("omega_I"))
        // The files are ready for --spectrum-file and --teacher-file: predict's testError is the
        // prediction simulate --data makes from the data directly.
        let predict = try CLIRunner.run(["predict", "--spectrum-file", output + "/spectrum.txt", "--teacher-file",
                                         output + "/teacher.txt", "--noise", "\(noise)", "--N", "60", "--P", "240",
                                         "--gamma", "1e-2", "--format", "json"])
        XCTAssertEqual(predict.status, 0, predict.stderr)
        let predicted = try predict.json()

        let simulate = try CLIRunner.run(["simulate", "--data", x, "--labels", y, "--N", "60", "--P", "240",
                                          "--gamma", "1e-2", "--trials", "16", "--test-rows", "2000", "--format", "json"])
        XCTAssertEqual(simulate.status, 0, simulate.stderr)
        let s = try simulate.json()
        for key in ["testError", "testErrorStandardError", "trainingError", "gcv", "theoryTestError", "ratio", "zScore",
                    "testErrors", "theoryTrainingError", "loss"] {
            XCTAssertNotNil(s[key], key)
        }
        XCTAssertEqual((s["testErrors"] as? [Double])?.count, 16)
        XCTAssertLessThan(abs(try XCTUnwrap(s["zScore"] as? Double)), 4, simulate.stdout)
        let theory = try XCTUnwrap(s["theoryTestError"] as? Double)
        XCTAssertEqual(try XCTUnwrap(predicted["testError"] as? Double), theory, accuracy: 1e-12 * theory)
        XCTAssertEqual(try XCTUnwrap(predicted["trainingError"] as? Double),
                       try XCTUnwrap(s["theoryTrainingError"] as? Double), accuracy: 1e-12)
        XCTAssertEqual(s["noise"] as? Double, noise)
    }

    func testSweepAndCompareOnData() throws {
        let (x, y) = try generativeData(rows: 4000, d: 60)
        let data = ["--data", x, "--labels", y]
        let compare = try CLIRunner.run(["compare"] + data + ["--vary", "N", "--from", "20", "--to", "200",
                                                              "--points", "3", "--P", "100", "--gamma", "1e-2",
                                                              "--trials", "12", "--test-rows", "1500", "--format", "json"])
        XCTAssertEqual(compare.status, 0, compare.stdout + compare.stderr)
        let json = try compare.json()
        XCTAssertEqual(json["pass"] as? Bool, true)
        let points = try XCTUnwrap(json["points"] as? [[String: Any]])
        XCTAssertEqual(points.count, 3)
        for key in ["testError", "measured", "standardError", "ratio", "zScore", "gcv"] { XCTAssertNotNil(points[0][key], key) }
        // A max-z no honest comparison meets fails with exit 1.
        let strict = try CLIRunner.run(["compare"] + data + ["--vary", "gamma", "--from", "1e-3", "--to", "1",
                                                             "--points", "2", "--N", "30", "--P", "60",
                                                             "--trials", "4", "--max-z", "1e-9"])
        XCTAssertEqual(strict.status, 1, strict.stdout + strict.stderr)
        XCTAssertTrue(strict.stdout.contains("FAIL"))

        let output = scratch.appendingPathComponent("sweep").path
        let sweep = try CLIRunner.run(["sweep", "--simulate"] + data + ["--vary", "P", "--from", "50", "--to", "400",
                                                                        "--points", "3", "--N", "40", "--gamma", "0.1",
                                                                        "--trials", "4", "--output", output])
        XCTAssertEqual(sweep.status, 0, sweep.stderr)
        let csv = try String(contentsOfFile: output + "/sweep-P.csv", encoding: .utf8).split(separator: "\n")
            .filter { !$0.hasPrefix("#") }
        XCTAssertEqual(csv.count, 4)
        XCTAssertTrue(csv[0].hasPrefix("value,N,P,gamma,testError,loss,trainingError,measured,standardError"))
        let svg = try String(contentsOfFile: output + "/sweep-P.svg", encoding: .utf8)
        XCTAssertTrue(svg.contains("measured on the data") && svg.contains("error-bar"))
        try CLIRunner.assertBadInput(["sweep"] + data + ["--vary", "P", "--from", "50", "--to", "400", "--N", "40",
                                                         "--trials", "4", "--output", output], mentioning: "--simulate")
        try CLIRunner.assertBadInput(["compare"] + data + ["--vary", "P", "--from", "50", "--to", "400", "--N", "40",
                                                           "--noise", "1"], mentioning: "--noise")
    }

    func testFashionStyleIDXWithClassesAndScale() throws {
        let output = scratch.appendingPathComponent("idx").path
        let result = try CLIRunner.succeeding(["dataset", "--data", fixture("images-idx3-ubyte.gz"), "--labels",
                                               fixture("labels-idx1-ubyte.gz"), "--positive-classes", "0,3",
                                               "--data-scale", "1/255", "--fit-window", "1:2", "--output", output,
                                               "--format", "json"])
        let json = try result.json()
        XCTAssertEqual(json["n"] as? Double, 3)
        XCTAssertEqual(json["d"] as? Double, 4)
        // Three centred rows span at most two directions.
        XCTAssertEqual(json["M"] as? Double, 2)
        XCTAssertEqual(json["dropped"] as? Int, 2)
    }

    func testMalformedInputIsOneLineAndExitTwo() throws {
        let out = ["--output", scratch.appendingPathComponent("bad").path]
        let labels = fixture("labels_i8.npy"), matrix = fixture("matrix_f8.npy")
        let truncated = scratch.appendingPathComponent("t.npy").path
        try Data(try Data(contentsOf: URL(fileURLWithPath: matrix)).dropLast(3)).write(to: URL(fileURLWithPath: truncated))
        let magic = scratch.appendingPathComponent("m.npy").path
        try Data("not numpy at all".utf8).write(to: URL(fileURLWithPath: magic))
        let cases: [([String], String)] = [
            (["--data", truncated, "--labels", labels], "truncated"),
            (["--data", magic, "--labels", labels], "magic"),
            (["--data", fixture("matrix_c16.npy"), "--labels", labels], "<c16"),
            (["--data", fixture("matrix_fortran.npy"), "--labels", labels], "Fortran"),
            (["--data", fixture("matrix_object.npy"), "--labels", labels], "object"),
            (["--data", fixture("matrix_3d.npy"), "--labels", labels], "dimension"),
            (["--data", matrix, "--labels", matrix], "dimension"),
            (["--data", matrix, "--labels", fixture("labels-idx1-ubyte") + "," + labels], "6 labels for 3 data rows"),
            (["--data", fixture("matrix_nan.npy"), "--labels", labels], "NaN"),
            (["--data", "/nonexistent.npy", "--labels", labels], "cannot read"),
            (["--data", matrix, "--labels", labels, "--positive-classes", "1,x"], "positive-classes"),
            (["--data", matrix, "--labels", labels, "--positive-classes", "5"], "no label"),
            (["--data", matrix, "--labels", labels, "--data-scale", "0"], "data-scale"),
            (["--data", matrix], "--labels"),
            (["--labels", labels], "--data"),
        ]
        for (flags, word) in cases {
            try CLIRunner.assertBadInput(["dataset"] + flags + out, mentioning: word)
        }
        try CLIRunner.assertBadInput(["dataset", "--data", matrix, "--labels", labels], mentioning: "--output")
        let simulate = ["simulate", "--data", matrix, "--labels", labels, "--N", "2"]
        try CLIRunner.assertBadInput(simulate + ["--P", "3"], mentioning: "sampleCount")
        try CLIRunner.assertBadInput(simulate + ["--P", "1", "--alpha", "1"], mentioning: "--alpha")
        try CLIRunner.assertBadInput(simulate + ["--P", "1", "--shard", "1/2"], mentioning: "--shard")
        try CLIRunner.assertBadInput(["simulate", "--data", truncated, "--labels", labels, "--N", "2", "--P", "1"],
                                     mentioning: "truncated")
    }
}
