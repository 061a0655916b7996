import Foundation
import XCTest

/// Docs/schemas/ against the real outputs of every command, the schema files
/// against the output model, and the conventions of Docs/CLI.md ("Output
/// schema"): one name and type per quantity, strict JSON, provenance.
final class OutputSchemaTests: XCTestCase {
    static let schemaDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Docs/schemas").standardizedFileURL
    static let commands = ["predict", "simulate", "spectrum", "exponents", "optimal-ridge", "compute-optimal",
                           "sweep", "compare", "map", "dataset", "decompose", "fit"]
    /// Every schema file: the commands' outputs, and the shard file of `--shard`
    /// (not a result: `merge` turns shards into the command's output).
    static let documents = commands + ["shard"]
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../ScalingDataTests/Fixtures").standardizedFileURL.path
    /// A small data set for the `--data` shapes: 60 rows x 5 columns and their labels, as CSV.
    static let data: [String] = {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("schema-data-\(getpid())")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let rows: [[Double]] = (0..<60).map { (i: Int) -> [Double] in
            (0..<5).map { (j: Int) -> Double in
                let phase: Double = 1.3 * Double(i) + 0.7 * Double(j * j) + 0.1 * Double(i * j)
                return sin(phase)
            }
        }
        let x = rows.map { $0.map { "\($0)" }.joined(separator: ",") }.joined(separator: "\n") + "\n"
        let y = rows.enumerated().map { "\($0.element.reduce(0, +) + 0.1 * cos(3.1 * Double($0.offset)))" }
            .joined(separator: "\n") + "\n"
        let xPath = directory.appendingPathComponent("x.csv").path, yPath = directory.appendingPathComponent("y.csv").path
        try? x.write(toFile: xPath, atomically: true, encoding: .utf8)
        try? y.write(toFile: yPath, atomically: true, encoding: .utf8)
        return ["--data", xPath, "--labels", yPath]
    }()

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
        // Gradient flow: shapes of their own (each a oneOf option of its command's schema).
        ["simulate", "--alpha", "1", "--M", "100", "--N", "30", "--P", "60", "--times", "0,10,inf", "--trials", "2"],
        ["sweep", "--alpha", "1", "--M", "100", "--N", "30", "--P", "60", "--vary", "time", "--from", "0",
         "--to", "100", "--points", "3", "--spacing", "linear", "--output", "-"],
        ["sweep", "--alpha", "1", "--M", "100", "--N", "30", "--P", "60", "--vary", "time", "--from", "1",
         "--to", "100", "--points", "2", "--simulate", "--trials", "2", "--output", "-"],
        ["compute-optimal", "--budget", "Nt", "--alpha", "1", "--M", "1e4", "--from", "1e4", "--to", "1e6",
         "--points", "2"],
        // One C (small, fast): the fitted exponents are "nan".
        ["compute-optimal", "--budget", "NPt", "--alpha", "1", "--M", "30", "--from", "10", "--to", "10",
         "--points", "1"],
        // One-pass SGD: shapes of their own.
        ["predict", "--alpha", "1", "--M", "200", "--N", "40", "--optimizer", "sgd", "--batch-size", "4",
         "--learning-rate", "1", "--steps", "100"],
        ["simulate", "--alpha", "1", "--M", "100", "--N", "30", "--optimizer", "sgd", "--learning-rate", "1",
         "--step-counts", "0,20", "--trials", "2"],
        ["sweep", "--alpha", "1", "--M", "100", "--N", "30", "--optimizer", "sgd", "--learning-rate", "1",
         "--vary", "steps", "--from", "1", "--to", "100", "--points", "3", "--simulate", "--trials", "2",
         "--output", "-"],
        // A real data set (--data): shapes of their own.
        ["simulate"] + data + ["--N", "4", "--P", "20", "--trials", "2"],
        ["sweep"] + data + ["--N", "4", "--vary", "P", "--from", "10", "--to", "30", "--points", "2", "--output", "-"],
        ["sweep"] + data + ["--N", "4", "--vary", "P", "--from", "10", "--to", "30", "--points", "2", "--simulate",
                            "--trials", "2", "--output", "-"],
        ["compare"] + data + ["--N", "4", "--vary", "P", "--from", "10", "--to", "30", "--points", "2", "--trials", "2"],
        ["compare", "--alpha", "1", "--M", "1000", "--P", "400", "--vary", "N", "--from", "397", "--to", "397",
         "--points", "1", "--trials", "8"],
        ["map", "--alpha", "1", "--M", "100", "--from", "10", "--to", "200", "--points", "4", "--output", "-"],
        ["map", "--phases", "--from", "1", "--to", "2", "--teacher-to", "0.5", "--points", "2", "--output", "-"],
        ["compute-optimal", "--budget", "sgd", "--alpha", "1", "--M", "inf", "--normalized-learning-rate", "0.3", "--from", "1e4",
         "--to", "1e5", "--points", "2"],
        ["dataset", "--data", fixtures + "/images-idx3-ubyte.gz", "--labels", fixtures + "/labels-idx1-ubyte.gz",
         "--positive-classes", "0,3", "--data-scale", "1/255", "--fit-window", "1:2", "--force",
         "--output", FileManager.default.temporaryDirectory.appendingPathComponent("schema-dataset").path],
        ["decompose"] + data + ["--at", "4:20:1e-2", "--trials", "2", "--gaussian-trials", "2", "--test-rows", "10"],
    ]

    /// The JSON files a command writes into an output directory validate too
    /// (with the shapes only a file has, such as the map's path).
    static let fileRuns: [(run: [String], files: [String])] = [
        (["dataset", "--data", fixtures + "/images-idx3-ubyte.gz", "--labels", fixtures + "/labels-idx1-ubyte.gz",
          "--positive-classes", "0,3", "--data-scale", "1/255", "--fit-window", "1:2"], ["dataset.json"]),
        (["sweep"] + data + ["--N", "4", "--vary", "P", "--from", "10", "--to", "30", "--points", "2"],
         ["sweep-P.json"]),
        (["sweep", "--alpha", "1", "--M", "100", "--P", "50", "--vary", "N", "--from", "10", "--to", "80",
          "--points", "3"], ["sweep-N.json"]),
        (["sweep", "--alpha", "1", "--M", "100", "--N", "30", "--P", "60", "--vary", "time", "--from", "1",
          "--to", "100", "--points", "3"], ["sweep-time.json"]),
        (["map", "--alpha", "1", "--M", "100", "--from", "10", "--to", "200", "--points", "4"],
         ["map-N-P.json", "map-N-P-path.json"]),
        (["fit", "--data", fitRuns.runs, "--forecast", fitRuns.points, "--holdout-above", "1e19", "--start-grid", "small",
          "--resamples", "20", "--form", "both"], ["fit.json"]),
    ]
    /// 25 runs of a Chinchilla-form law for `fit`, and two forecast points.
    static let fitRuns: (runs: String, points: String) = {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("schema-fit-\(getpid())")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var lines = ["N,D,loss"]
        for i in 0..<5 {
            for j in 0..<5 {
                let n = 100 * pow(4, Double(i)), d = 400 * pow(4, Double(j))
                lines.append("\(n),\(d),\((1 + 3 / pow(n, 0.4) + 5 / pow(d, 0.3)) * (1 + 0.003 * sin(Double(7 * i + j))))")
            }
        }
        let runs = directory.appendingPathComponent("runs.csv"), points = directory.appendingPathComponent("points.csv")
        try? (lines.joined(separator: "\n") + "\n").write(to: runs, atomically: true, encoding: .utf8)
        try? "N,D\n1e6,1e7\n".write(to: points, atomically: true, encoding: .utf8)
        return (runs.path, points.path)
    }()

    func schema(_ command: String) throws -> JSONSchemaValidator {
        let url = Self.schemaDirectory.appendingPathComponent("\(command).schema.json")
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
        return JSONSchemaValidator(root: try XCTUnwrap(object as? [String: Any], url.path))
    }

    /// Every run (its stdout, and the JSON files of `fileRuns`) validates
    /// against its command's schema; a schema of several shapes (`oneOf`)
    /// has each shape met by some output, and each output meets exactly one.
    func testEveryCommandsRealOutputValidates() throws {
        var covered: Set<String> = []
        var shapesMet: Set<String> = []
        func check(_ text: String, of run: [String], _ what: String) throws {
            for token in ["NaN", "Infinity", "nan,", "inf,"] {
                XCTAssertFalse(text.contains(token), "strict JSON: \(run) wrote \(token) (\(what))")
            }
            let json = try JSONSerialization.jsonObject(with: Data(text.utf8))
            let validator = try schema(run[0])
            XCTAssertEqual(validator.errors(json), [], "\(run): \(what)")
            covered.insert(run[0])
            if validator.shapes != nil {
                let met = validator.matchingShapes(json)
                XCTAssertEqual(met.count, 1, "\(run) (\(what)) has exactly one shape: \(met)")
                shapesMet.formUnion(met)
            }
        }
        for run in Self.runs {
            let result = try CLIRunner.run(run + ["--format", "json"])
            XCTAssertTrue(result.status == 0 || run[0] == "compare", "\(run): \(result.stderr)")
            try check(result.stdout, of: run, "stdout")
        }
        for (run, files) in Self.fileRuns {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("schema-files-\(UUID())")
            defer { try? FileManager.default.removeItem(at: directory) }
            let result = try CLIRunner.run(run + ["--output", directory.path])
            XCTAssertEqual(result.status, 0, "\(run): \(result.stderr)")
            for file in files {
                try check(try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8), of: run, file)
            }
        }
        XCTAssertEqual(covered, Set(Self.commands))
        for command in Self.commands {
            for shape in try schema(command).shapes ?? [] {
                XCTAssertTrue(shapesMet.contains(shape), "no run of \(command) has the shape '\(shape)'")
            }
        }
    }

    /// A shape is chosen by the inputs, not only by the fields: a curve of
    /// `simulate --times` whose inputs lost `times` validates against no shape.
    func testShapesAreChosenByTheirInputs() throws {
        let curve = try CLIRunner.run(["simulate", "--alpha", "1", "--M", "100", "--N", "30", "--P", "60",
                                       "--times", "1", "--trials", "2", "--format", "json"]).json()
        let validator = try schema("simulate")
        XCTAssertEqual(validator.errors(curve), [])
        XCTAssertEqual(validator.matchingShapes(curve), ["simulate --times T1,T2,..."])
        var unselected = curve
        var inputs = try XCTUnwrap(curve["inputs"] as? [String: Any])
        inputs.removeValue(forKey: "times")
        unselected["inputs"] = inputs
        XCTAssertFalse(validator.errors(unselected).isEmpty)
        XCTAssertEqual(validator.matchingShapes(unselected), [])
        var sweep = try CLIRunner.run(["sweep", "--alpha", "1", "--M", "100", "--N", "30", "--P", "60", "--vary", "time",
                                       "--from", "1", "--to", "10", "--points", "2", "--output", "-",
                                       "--format", "json"]).json()
        XCTAssertEqual(try schema("sweep").errors(sweep), [])
        var sweepInputs = try XCTUnwrap(sweep["inputs"] as? [String: Any])
        sweepInputs["vary"] = "N"
        sweep["inputs"] = sweepInputs
        XCTAssertFalse(try schema("sweep").errors(sweep).isEmpty)
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
        let simulateRun = try XCTUnwrap(Self.runs.first { $0[0] == "simulate" })
        var trials = try CLIRunner.run(simulateRun + ["--format", "json"]).json()
        XCTAssertEqual(try schema("simulate").errors(trials), [])
        trials["trials"] = 4.5
        XCTAssertFalse(try schema("simulate").errors(trials).isEmpty)
    }

    /// Shard files (`--shard K/COUNT`) validate against shard.schema.json, and
    /// what `merge` makes of them against the command's own schema.
    func testShardFilesAndMergedOutputsValidate() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("schema-shards-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let shardSchema = try schema("shard")
        // Ridgeless with N = P (rank recorded), nonlinear (test-sample error), a ridge (no rank), a grid.
        let runs: [[String]] = [
            ["simulate", "--alpha", "1", "--M", "40", "--N", "20", "--P", "20", "--trials", "3", "--format", "json"],
            ["simulate", "--alpha", "1", "--M", "40", "--N", "20", "--P", "30", "--gamma", "1e-2", "--activation", "relu",
             "--test-samples", "100", "--trials", "2", "--format", "json"],
            ["compare", "--alpha", "1", "--M", "60", "--P", "30", "--gamma", "1e-2", "--vary", "N", "--from", "10",
             "--to", "40", "--points", "2", "--trials", "2", "--format", "json"],
            ["sweep", "--alpha", "1", "--M", "60", "--P", "30", "--vary", "N", "--from", "10", "--to", "40",
             "--points", "2", "--simulate", "--trials", "2", "--output", "-", "--format", "json"],
            // Learning curves: SGD's losses, gradient flow's losses and training errors.
            ["simulate", "--alpha", "1", "--M", "40", "--N", "20", "--optimizer", "sgd", "--learning-rate", "0.5",
             "--steps", "1,10", "--trials", "2", "--format", "json"],
            ["simulate", "--alpha", "1", "--M", "40", "--N", "20", "--P", "30", "--times", "1,inf", "--trials", "2",
             "--format", "json"],
        ]
        for (index, run) in runs.enumerated() {
            let files = try (1...2).map { k -> String in
                let shard = try CLIRunner.run(run + ["--shard", "\(k)/2"])
                XCTAssertEqual(shard.status, 0, "\(run): \(shard.stderr)")
                let json = try JSONSerialization.jsonObject(with: Data(shard.stdout.utf8))
                XCTAssertEqual(shardSchema.errors(json), [], "\(run) --shard \(k)/2")
                let path = directory.appendingPathComponent("shard-\(index)-\(k).json").path
                try shard.stdout.write(toFile: path, atomically: true, encoding: .utf8)
                return path
            }
            let merged = try CLIRunner.run(["merge"] + files)
            XCTAssertTrue(merged.status == 0 || run[0] == "compare", "\(run): \(merged.stderr)")
            let json = try JSONSerialization.jsonObject(with: Data(merged.stdout.utf8))
            XCTAssertEqual(try schema(run[0]).errors(json), [], "merge of \(run)")
        }
        let rank = try CLIRunner.run(runs[0] + ["--shard", "1/2"]).json()
        XCTAssertNotNil(((rank["trials"] as? [[String: Any]])?.first?["result"] as? [String: Any])?["rank"],
                        "the ridgeless shard records each trial's rank")
        var drifted = rank
        drifted["seed"] = "1"
        XCTAssertFalse(shardSchema.errors(drifted).isEmpty, "a key the shard format does not have")
    }

    /// Docs/schemas/ are exactly what the output model generates (`make schemas`).
    func testSchemaFilesMatchTheOutputModel() throws {
        for command in Self.documents {
            let generated = try CLIRunner.run(["schema", command])
            XCTAssertEqual(generated.status, 0, generated.stderr)
            let file = try String(contentsOf: Self.schemaDirectory.appendingPathComponent("\(command).schema.json"),
                                  encoding: .utf8)
            XCTAssertEqual(file, generated.stdout, "Docs/schemas/\(command).schema.json is stale: run make schemas")
        }
    }

    /// Docs/schemas/ holds exactly one file per command with a schema, and
    /// Docs/CLI.md ("Output schema") lists every file and every shape.
    func testCLIDocListsEverySchemaFileAndShape() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.schemaDirectory.path)
            .filter { $0.hasSuffix(".schema.json") }
        XCTAssertEqual(Set(files), Set(Self.documents.map { "\($0).schema.json" }))
        let doc = try String(contentsOf: Self.schemaDirectory.appendingPathComponent("../CLI.md"), encoding: .utf8)
        let section = try XCTUnwrap(doc.components(separatedBy: "## Output schema").dropFirst().first?
            .components(separatedBy: "\n## ").first).replacingOccurrences(of: "\\|", with: "|")
        for command in Self.documents {
            XCTAssertTrue(section.contains("(schemas/\(command).schema.json)"), "CLI.md does not list \(command).schema.json")
            for shape in try schema(command).shapes ?? [] {
                XCTAssertTrue(section.contains("`\(shape)`"), "CLI.md does not name the shape '\(shape)'")
            }
        }
    }

    /// One name and one type per quantity across every command's schema.
    func testOneTypePerNameAcrossCommands() throws {
        var seen: [String: (String, String)] = [:]
        func walk(_ properties: [String: Any], in command: String) {
            for (name, value) in properties {
                guard let property = value as? [String: Any] else { continue }
                // (A shape's `inputs` refers to the shared $defs/inputs, walked below; its own
                // `properties` only select the shape.)
                if let nested = property["properties"] as? [String: Any], property["$ref"] == nil {
                    walk(nested, in: command)
                }
                if let items = (property["items"] as? [String: Any])?["properties"] as? [String: Any] {
                    walk(items, in: command)
                }
                // (`fit --forecast FILE` writes its list under `forecast`, the input's own name.)
                if ["inputs", "points", "eigenvalues", "command", "forecast"].contains(name) { continue }
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
            // One shape, or each of several (oneOf) with the inputs they share.
            let shapes = root["oneOf"] as? [[String: Any]] ?? [root]
            for shape in shapes { walk(try XCTUnwrap(shape["properties"] as? [String: Any]), in: command) }
            if let inputs = (root["$defs"] as? [String: Any])?["inputs"] as? [String: Any] {
                walk(try XCTUnwrap(inputs["properties"] as? [String: Any]), in: command)
            }
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
        let versionLine = try CLIRunner.run(["--version"]).stdout.split(separator: "\n")[0]
        XCTAssertEqual(lines[0], "# " + versionLine)
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
        let versionLines = version.stdout.split(separator: "\n")
        XCTAssertEqual("scaling-laws " + (json["version"] as? String ?? ""), versionLines.first)
        // The BLAS library, its version and the kernel it selected.
        XCTAssertTrue(versionLines.count == 2 && versionLines[1].hasPrefix("BLAS: OpenBLAS 0.") && versionLines[1].contains("(kernel "),
                      version.stdout)
        // An older kernel forced as on machines where the default one miscomputes: named, and it passes the check.
        var environment = ProcessInfo.processInfo.environment
        for kernel in ["Haswell", "Sandybridge"] {
            environment["OPENBLAS_CORETYPE"] = kernel
            let forced = try CLIRunner.run(["--version"], environment: environment)
            XCTAssertTrue(forced.stdout.contains("(kernel \(kernel), OPENBLAS_CORETYPE=\(kernel))"), forced.stdout)
            let run = try CLIRunner.run(["simulate", "--alpha", "1", "--M", "40", "--N", "8", "--P", "16", "--trials", "2"],
                                        environment: environment)
            XCTAssertEqual(run.status, 0, run.stderr)
        }
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
