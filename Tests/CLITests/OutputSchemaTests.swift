import Foundation
import XCTest

/// Docs/schemas/ against the real outputs of every command, the schema files
/// against the output model, and the conventions of Docs/CLI.md ("Output
/// schema"): one name and type per quantity, strict JSON, provenance.
final class OutputSchemaTests: XCTestCase {
    static let schemaDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Docs/schemas").standardizedFileURL
    static let commands = ["predict", "simulate", "spectrum", "exponents", "optimal-ridge", "compute-optimal",
                           "sweep", "compare", "map", "dataset"]
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../ScalingDataTests/Fixtures").standardizedFileURL.path

    /// A run of each command, with the cases where fields are null or
    /// non-finite (nonlinear features, the ridgeless peak, M = inf, a failing
    /// compare, a simulated sweep).
    static let runs: [[String]] = [
        ["predict", "--alpha", "1", "--M", "1000", "--N", "100", "--P", "400"],
        ["predict", "--alpha", "1", "--M", "1000", "--N", "250", "--P", "250"],
        ["predict", "--alpha", "1", "--M", "400", "--N", "200", "--P", "200", "--time", "100"],
        ["predict", "--alpha", "1", "--M", "1000", "--N", "250", "--P", "250", "--time", "inf"],
        ["predict", "--alpha", "1", "--M", "inf", "--N", "1e4", "--P", "1e8", "--summation", "euler-maclaurin"],
        ["predict", "--alpha", "1", "--lambda-plus", "300", "--M", "200", "--N", "60", "--P", "100", "--gamma", "1e-2",
         "--activation", "relu", "--draws", "2", "--seed", "7"],
        ["simulate", "--alpha", "1", "--M", "200", "--N", "40", "--P", "80", "--trials", "4", "--seed", "3"],
        ["simulate", "--alpha", "1", "--M", "100", "--N", "30", "--P", "60", "--trials", "2", "--activation", "relu",
         "--test-samples", "200"],
        ["spectrum", "--alpha", "1", "--M", "30", "--N", "60", "--activation", "relu", "--exact", "--fit-below", "2:20"],
        ["spectrum", "--alpha", "1", "--M", "30", "--N", "20", "--samples", "500"],
        ["exponents", "--alpha", "1", "--M", "inf", "--N", "1e4", "--P", "1e10"],
        ["exponents", "--alpha", "1", "--M", "1000", "--N", "250", "--P", "250"],
        ["optimal-ridge", "--alpha", "1", "--M", "inf", "--N", "1000", "--P", "1000"],
        ["compute-optimal", "--alpha", "1", "--M", "inf", "--from", "1e6", "--to", "1e8", "--points", "2"],
        ["sweep", "--alpha", "1", "--M", "1000", "--P", "300", "--vary", "N", "--from", "100", "--to", "300",
         "--points", "3", "--output", "-"],
        ["sweep", "--alpha", "1", "--M", "300", "--N", "60", "--vary", "P", "--from", "20", "--to", "100",
         "--points", "2", "--gamma", "1e-2", "--simulate", "--trials", "3", "--output", "-"],
        ["compare", "--alpha", "1", "--M", "300", "--P", "100", "--gamma", "1e-2", "--vary", "N", "--from", "30",
         "--to", "200", "--points", "2", "--trials", "4", "--simulation-sigma-u2", "0.1"],
        ["compare", "--alpha", "1", "--M", "1000", "--P", "400", "--vary", "N", "--from", "397", "--to", "397",
         "--points", "1", "--trials", "8"],
        ["map", "--alpha", "1", "--M", "100", "--from", "10", "--to", "200", "--points", "4", "--output", "-"],
        ["dataset", "--data", fixtures + "/images-idx3-ubyte.gz", "--labels", fixtures + "/labels-idx1-ubyte.gz",
         "--positive-classes", "0,3", "--data-scale", "1/255", "--fit-window", "1:2", "--force",
         "--output", FileManager.default.temporaryDirectory.appendingPathComponent("schema-dataset").path],
    ]

    func schema(_ command: String) throws -> JSONSchemaValidator {
        let url = Self.schemaDirectory.appendingPathComponent("\(command).schema.json")
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
        return JSONSchemaValidator(root: try XCTUnwrap(object as? [String: Any], url.path))
    }

    func testEveryCommandsRealOutputValidates() throws {
        var covered: Set<String> = []
        for run in Self.runs {
            let result = try CLIRunner.run(run + ["--format", "json"])
            XCTAssertTrue(result.status == 0 || run[0] == "compare", "\(run): \(result.stderr)")
            for token in ["NaN", "Infinity", "nan,", "inf,"] {
                XCTAssertFalse(result.stdout.contains(token), "strict JSON: \(run) wrote \(token)")
            }
            let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
            let errors = try schema(run[0]).errors(json)
            XCTAssertEqual(errors, [], "\(run)")
            covered.insert(run[0])
        }
        XCTAssertEqual(covered, Set(Self.commands))
    }

    /// The validator is not a rubber stamp: a renamed key, a wrong type, a
    /// bare NaN-as-null and a missing field are each caught.
    func testTheValidatorRejectsDriftedOutputs() throws {
        let result = try CLIRunner.run(Self.runs[0] + ["--format", "json"])
        let good = try result.json()
        let validator = try schema("predict")
        XCTAssertEqual(validator.errors(good), [])
        var renamed = good
        renamed["theory"] = renamed.removeValue(forKey: "loss")
        XCTAssertFalse(validator.errors(renamed).isEmpty)
        var wrongType = good
        wrongType["loss"] = "0.1"
        XCTAssertFalse(validator.errors(wrongType).isEmpty)
        var nullLoss = good
        nullLoss["loss"] = NSNull()
        XCTAssertFalse(validator.errors(nullLoss).isEmpty, "a non-finite loss is \"inf\", never null")
        var badInput = good
        var inputs = try XCTUnwrap(good["inputs"] as? [String: Any])
        inputs["sigma-w2"] = 1.0
        badInput["inputs"] = inputs
        XCTAssertFalse(validator.errors(badInput).isEmpty, "kebab-case keys are not in the schema")
        var trials = try CLIRunner.run(Self.runs[4] + ["--format", "json"]).json()
        trials["trials"] = 4.5
        XCTAssertFalse(try schema("simulate").errors(trials).isEmpty)
    }

    /// Docs/schemas/ are exactly what the output model generates (`make schemas`).
    func testSchemaFilesMatchTheOutputModel() throws {
        for command in Self.commands {
            let generated = try CLIRunner.run(["schema", command])
            XCTAssertEqual(generated.status, 0, generated.stderr)
            let file = try String(contentsOf: Self.schemaDirectory.appendingPathComponent("\(command).schema.json"),
                                  encoding: .utf8)
            XCTAssertEqual(file, generated.stdout, "Docs/schemas/\(command).schema.json is stale: run make schemas")
        }
    }

    /// One name and one type per quantity across every command's schema.
    func testOneTypePerNameAcrossCommands() throws {
        var seen: [String: (String, String)] = [:]
        func walk(_ properties: [String: Any], in command: String) {
            for (name, value) in properties {
                guard let property = value as? [String: Any] else { continue }
                if let nested = property["properties"] as? [String: Any] { walk(nested, in: command) }
                if let items = (property["items"] as? [String: Any])?["properties"] as? [String: Any] {
                    walk(items, in: command)
                }
                if ["inputs", "points", "eigenvalues", "command"].contains(name) { continue }
                var type = property
                type.removeValue(forKey: "enum")
                if let anyOf = property["anyOf"] as? [[String: Any]] {  // nullable: drop the null option
                    type = anyOf.first { $0["type"] as? String != "null" } ?? [:]
                    type.removeValue(forKey: "enum")
                }
                let text = String(decoding: try! JSONSerialization.data(withJSONObject: type, options: [.sortedKeys]),
                                  as: UTF8.self)
                if let (other, otherCommand) = seen[name] {
                    XCTAssertEqual(text, other, "\(name): \(command) and \(otherCommand) differ")
                } else {
                    seen[name] = (text, command)
                }
            }
        }
        for command in Self.commands {
            let root = try schema(command).root
            walk(try XCTUnwrap(root["properties"] as? [String: Any]), in: command)
        }
        XCTAssertTrue(seen["loss"]?.0.contains("defs") == true && seen["loss"]?.0.contains("number") == true,
                      "loss is a number everywhere: \(String(describing: seen["loss"]))")
        XCTAssertEqual(seen["M"]?.0, seen["N"]?.0, "M has the type of N everywhere")
    }

    /// CSV: the same names as JSON, provenance comment lines, non-finite
    /// values spelled as in JSON strings.
    func testCSVUsesTheJSONNamesAndProvenance() throws {
        let peak = ["predict", "--alpha", "1", "--M", "1000", "--N", "250", "--P", "250"]
        let csv = try CLIRunner.run(peak + ["--format", "csv"])
        XCTAssertEqual(csv.status, 0, csv.stderr)
        let lines = csv.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines[0], "# scaling-laws " + (try CLIRunner.run(["--version"]).stdout
            .replacingOccurrences(of: "scaling-laws ", with: "").trimmingCharacters(in: .whitespacesAndNewlines)))
        XCTAssertEqual(lines[1], "# command: predict")
        XCTAssertTrue(lines[2].hasPrefix("# inputs: {\"alpha\": 1.0"), lines[2])
        let header = lines[3].split(separator: ",").map(String.init)
        let json = try CLIRunner.run(peak + ["--format", "json"]).json()
        XCTAssertEqual(Set(header), Set(json.keys).subtracting(["command", "version", "inputs"]))
        let row = lines[4].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(row[header.firstIndex(of: "loss")!], "inf")
        XCTAssertEqual(row[header.firstIndex(of: "standardError")!], "", "null is an empty CSV field")
    }

    func testVersionAndHelpMarksRequiredFlags() throws {
        let version = try CLIRunner.run(["--version"])
        XCTAssertEqual(version.status, 0)
        XCTAssertTrue(version.stdout.hasPrefix("scaling-laws 0."), version.stdout)
        let json = try CLIRunner.run(Self.runs[0] + ["--format", "json"]).json()
        XCTAssertEqual("scaling-laws " + (json["version"] as? String ?? "") + "\n", version.stdout)
        let help = try CLIRunner.run(["sweep", "--help"]).stdout
        for flag in ["vary", "from", "to"] {
            XCTAssertTrue(help.contains("* --\(flag) "), "--\(flag) marked required: \(help)")
        }
        XCTAssertTrue(help.contains("  --points "), help)
    }

    func testDidYouMean() throws {
        try CLIRunner.assertBadInput(["predcit"], mentioning: "did you mean 'predict'")
        try CLIRunner.assertBadInput(["predict", "--alhpa", "1"], mentioning: "did you mean --alpha")
        try CLIRunner.assertBadInput(["sweep", "--spacng", "log"], mentioning: "did you mean --spacing")
        try CLIRunner.assertBadInput(["predict", "--wat", "3"], mentioning: "unknown flag --wat")
        let far = try CLIRunner.run(["predict", "--wat", "3"])
        XCTAssertFalse(far.stderr.contains("did you mean"), far.stderr)
    }
}
