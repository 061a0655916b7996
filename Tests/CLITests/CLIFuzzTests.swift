import Foundation
import TestSupport
import XCTest

/// A fuzz test of the command line: argument vectors generated from a fixed
/// seed over every command, with hostile numbers (0, negatives, 1e308,
/// infinities, NaN, 2^63, subnormals, garbage), broken structure (repeated,
/// unknown or valueless flags, stray words) and hostile spectrum files
/// (gaps of 1e600, CRLF, a BOM, control characters, empty, directories).
///
/// Each call has a hard timeout. A call fails the test when it crashes (a
/// signal), hangs, exits with a status other than 0, 1 or 2, reports an error
/// on more than one line, prints NaN, or prints an infinity or null that is
/// not documented (the ridgeless peak with its warning; the JSON fields that
/// CLI.md documents as null).
final class CLIFuzzTests: XCTestCase {
    /// Number of generated argument vectors.
    static let vectorCount = 1000
    static let seed: UInt64 = 20_260_515
    /// Hard limit per call, in seconds.
    static let timeout = 60.0

    /// SplitMix64 (TestSupport): a tiny, fixed generator so that the vectors never change.
    typealias Generator = SplitMix64

    static let hostileNumbers = [
        "0", "-1", "-0", "1e308", "-1e308", "1.7976931348623157e308", "inf", "-inf", "nan", "NaN", "1e19",
        "9223372036854775807", "9223372036854775808", "2147483648", "-2147483649", "1e-320", "5e-324",
        "2.2250738585072014e-308", "1e-300", "abc", "", " ", "0x10", "1e", "--", "1.5", "3", "2", "1",
        "1e400", "+5", "\u{1B}[31m7", "4\n5", "١", "1_000",
    ]

    /// A base vector per command: quick when nothing is mutated.
    static let bases: [(String, [String])] = [
        ("predict", ["--alpha", "1", "--M", "50", "--N", "10", "--P", "20", "--gamma", "0.01"]),
        ("simulate", ["--alpha", "1", "--M", "20", "--N", "5", "--P", "10", "--trials", "4"]),
        ("spectrum", ["--alpha", "1", "--M", "20", "--N", "10", "--samples", "200"]),
        ("exponents", ["--alpha", "1", "--M", "50", "--N", "10", "--P", "20"]),
        ("optimal-ridge", ["--alpha", "1", "--M", "50", "--N", "10", "--P", "20"]),
        // Fixed ridge: an optimal-ridge table at M = 1e19 legitimately takes a minute.
        ("compute-optimal", ["--alpha", "1", "--M", "50", "--from", "100", "--to", "1e4", "--points", "3",
                             "--ridge", "fixed"]),
        ("sweep", ["--alpha", "1", "--M", "50", "--N", "10", "--P", "20", "--vary", "P", "--from", "5", "--to", "100",
                   "--points", "5"]),
        ("compare", ["--alpha", "1", "--M", "20", "--N", "5", "--P", "10", "--vary", "P", "--from", "5", "--to", "20",
                     "--points", "3", "--trials", "4"]),
    ]

    /// Flags (with a sensible value) a mutation may add, per command.
    static let extras: [String: [(String, [String])]] = {
        let model: [(String, [String])] = [
            ("noise", ["0.1", "1"]), ("sigma-w2", ["2"]), ("sigma-u2", ["0.5"]), ("lambda-plus", ["3"]),
            ("summation", ["exact", "euler-maclaurin", "auto", "bogus"]), ("format", ["json", "table", "xml"]),
            ("gamma", ["0", "1e-8", "1"]),
        ]
        return [
            "predict": model + [("activation", ["relu", "tanh", "erf", "quadratic", "linear"]), ("draws", ["2"]),
                                ("seed", ["3", "18446744073709551615", "18446744073709551616", "-1"])],
            "simulate": model + [("activation", ["relu", "tanh"]), ("seed", ["1"]), ("threads", ["1", "2", "0"]),
                                 ("test-samples", ["50", "1"]), ("sampler", ["direct", "conditional", "auto"])],
            "spectrum": [("activation", ["relu", "tanh"]), ("seed", ["2"]), ("exact", []), ("sigma-u2", ["2"]),
                         ("fit-below", ["1:5", "3:2", "a:b"]), ("fit-above", ["20:25", "1:2"]),
                         ("format", ["json", "lines"])],
            "exponents": model,
            "optimal-ridge": model.filter { $0.0 != "gamma" },
            "compute-optimal": model + [("ridge", ["fixed", "bogus"])],
            "sweep": model + [("spacing", ["linear", "log"]), ("vary", ["N", "gamma", "compute"]), ("simulate", []),
                              ("trials", ["3"])],
            "compare": model + [("max-z", ["4", "0"]), ("simulation-sigma-u2", ["2"]), ("threads", ["1"])],
        ]
    }()

    /// Writes the hostile spectrum files; returns their paths.
    static func makeFiles(in directory: URL) throws -> [String] {
        let files: [(String, [UInt8])] = [
            ("gap20", Array("1e20\n1e-20\n".utf8)),
            ("gap300", Array("1e300\n1e-300\n".utf8)),
            ("crlf-bom", [0xEF, 0xBB, 0xBF] + Array("1\r\n0.5\r\n0.25 # comment\r\n".utf8)),
            ("control", Array("1\n\u{1B}[2J\u{07}oops\n".utf8)),
            ("empty", []),
            ("comments", Array("# nothing\n\n   \n".utf8)),
            ("negative", Array("1\n-2\n".utf8)),
            ("huge", Array("1.7976931348623157e308\n1.7976931348623157e308\n".utf8)),
            ("tiny", Array("5e-324\n1e-320\n".utf8)),
            ("mixed", Array("1e300\n1\n1e-300\n3e-5\n7\n".utf8)),
            ("utf16", [0xFF, 0xFE, 0x31, 0x00, 0x0A, 0x00]),
            ("long-line", Array(String(repeating: "9", count: 5000).utf8)),
        ]
        var paths: [String] = []
        for (name, bytes) in files {
            let url = directory.appendingPathComponent(name)
            try Data(bytes).write(to: url)
            paths.append(url.path)
        }
        paths.append(directory.path)  // a directory
        paths.append(directory.appendingPathComponent("missing").path)
        return paths
    }

    static func generate(count: Int, files: [String], output: String) -> [[String]] {
        var g = Generator(seed: seed)
        var vectors: [[String]] = []
        for _ in 0..<count {
            // A few vectors for demo, always with something wrong so that none runs the full demo.
            if g.chance(0.02) {
                vectors.append(["demo", g.pick(["--trials", "--seed", "--bogus", "--threads"]),
                                g.pick(["0", "-1", "1", "abc"]), "--trials", "1"])
                continue
            }
            let (command, base) = g.pick(bases)
            var pairs: [(String, String?)] = stride(from: 0, to: base.count, by: 2).map {
                (String(base[$0].dropFirst(2)), base[$0 + 1])
            }
            if command == "sweep" { pairs += [("output", output), ("force", nil)] }
            for _ in 0..<(1 + g.below(3)) {
                switch g.below(10) {
                case 0...3:  // a hostile value for an existing flag
                    let i = g.below(pairs.count)
                    pairs[i].1 = g.pick(hostileNumbers)
                case 4...5:  // an extra flag with a sensible or odd value
                    let (name, values) = g.pick(extras[command] ?? [])
                    if let i = pairs.firstIndex(where: { $0.0 == name }) { pairs.remove(at: i) }
                    pairs.append((name, values.isEmpty ? nil : g.pick(values)))
                case 6:  // a spectrum file instead of the power law
                    if command != "spectrum" || g.chance(0.5) {
                        pairs.removeAll { ["alpha", "M", "lambda-plus", "summation"].contains($0.0) }
                        pairs.append(("spectrum-file", g.pick(files)))
                    }
                case 7:  // drop a flag
                    pairs.remove(at: g.below(pairs.count))
                case 8:  // a hostile number on an extra flag
                    let (name, _) = g.pick(extras[command] ?? [])
                    if let i = pairs.firstIndex(where: { $0.0 == name }) { pairs.remove(at: i) }
                    pairs.append((name, g.pick(hostileNumbers)))
                default:  // broken structure
                    switch g.below(5) {
                    case 0: pairs.append(pairs[g.below(pairs.count)])
                    case 1: pairs.append(("bogus-flag", "1"))
                    case 2: pairs.append((g.pick(pairs).0, nil))
                    case 3: pairs.insert(("", "stray"), at: 0)
                    default: pairs.append(("quiet", nil))
                    }
                }
                if pairs.isEmpty { break }
            }
            var words = [command]
            for (name, value) in pairs {
                if name.isEmpty { words.append(value ?? ""); continue }
                if let value, g.chance(0.15) {
                    words.append("--\(name)=\(value)")
                } else {
                    words.append("--\(name)")
                    if let value { words.append(value) }
                }
            }
            vectors.append(words)
        }
        return vectors
    }

    struct Outcome {
        var status: Int32
        var signaled: Bool
        var timedOut: Bool
        var stdout: String
        var stderr: String
    }

    /// Runs in `directory`, so that relative paths among the generated
    /// values (an `--output` of "nan") land there and not in the package.
    /// `addressSpaceKiB` runs the call under `ulimit -v` (through /bin/sh).
    static func run(_ arguments: [String], in directory: URL, timeout: Double = timeout,
                    addressSpaceKiB: Int? = nil) throws -> Outcome {
        let process = Process()
        if let addressSpaceKiB {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "ulimit -v \(addressSpaceKiB) && exec \"$0\" \"$@\"", CLIRunner.executable.path]
                + arguments
        } else {
            process.executableURL = CLIRunner.executable
            process.arguments = arguments
        }
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["OPENBLAS_NUM_THREADS"] = "1"
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let pid = process.processIdentifier
        let finished = DispatchSemaphore(value: 0)
        var outData = Data(), errData = Data()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { outData = out.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) { errData = err.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async {
            process.waitUntilExit()
            finished.signal()
        }
        var timedOut = false
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            kill(pid, SIGKILL)
            finished.wait()
        }
        group.wait()
        return Outcome(status: process.terminationStatus, signaled: process.terminationReason == .uncaughtSignal,
                       timedOut: timedOut, stdout: String(decoding: outData, as: UTF8.self),
                       stderr: String(decoding: errData, as: UTF8.self))
    }

    /// JSON fields that CLI.md documents as possibly null.
    static let documentedNulls: Set<String> = [
        "fitBelowExponent", "fitBelowStandardError", "fitAboveExponent", "fitAboveStandardError", "optimum",
        "gainN", "gainP", "gainM", "gainGamma", "asymptoticCoefficient", "asymptoticExponent", "asymptoticLoss",
        "asymptoticRelativeError", "summation", "loss", "mean",
        "delta", "df1", "df2",  // nonlinear predict
        "standardError", "zScore", "testStandardError",  // one trial, or no theory
        "gamma",  // optimal-ridge at gamma* = infinity
        "bottleneck", "gains", "asymptotic", "relativeErrorVsRidgeless", "latentExponent",
        "fixedRidge", "optimalRidge", "theory",
    ]

    /// What is wrong with one call's outcome, or nil.
    static func problem(_ words: [String], _ o: Outcome) -> String? {
        if o.timedOut { return "hang (over \(timeout) s)" }
        if o.signaled { return "crash (signal \(o.status))" }
        guard [0, 1, 2].contains(o.status) else { return "exit status \(o.status)" }
        // Progress lines and notes (a deprecated flag's new name) are not the error.
        let errLines = o.stderr.split(separator: "\n").filter {
            !$0.contains(", elapsed ") && !$0.contains("running, elapsed") && !$0.hasPrefix("note: ")
        }
        if o.status == 2 {
            guard errLines.count == 1 else { return "bad input reported on \(errLines.count) lines" }
            return nil
        }
        if o.status == 1 && errLines.count > 1 { return "failure reported on \(errLines.count) lines" }
        let out = o.stdout
        let warned = o.stderr.contains("warning:")
        for token in ["nan", "NaN", "undefined"] where out.contains(token)
            && !words.contains(where: { $0.contains(token) }) {
            // Tables print NaN as "undefined": allowed only where a warning says why.
            if !(token == "undefined" && warned) { return "prints \(token)" }
        }
        // JSON writes infinities as the strings "inf"/"-inf"; an input given
        // as inf is echoed in the provenance, so only unprompted ones count.
        let printsInfinity = out.range(of: #"(^|[\s,:\["])-?inf\b"#, options: .regularExpression) != nil
        let askedForInfinity = words.contains { $0.hasSuffix("inf") }
        if printsInfinity && !warned && !askedForInfinity && !out.contains("infinite-ridge") {
            return "prints inf without a warning"
        }
        if words.contains("json") || words.contains("--format=json") {
            guard let data = out.data(using: .utf8), !out.isEmpty,
                  let object = try? JSONSerialization.jsonObject(with: data) else {
                return o.status == 0 && !words.contains("sweep") ? "stdout is not JSON" : nil
            }
            var nulls: [String] = []
            func walk(_ value: Any, key: String) {
                if value is NSNull { nulls.append(key) }
                if let dictionary = value as? [String: Any] { for (k, v) in dictionary { walk(v, key: k) } }
                if let array = value as? [Any] { for v in array { walk(v, key: key) } }
            }
            walk(object, key: "")
            let undocumented = nulls.filter { !documentedNulls.contains($0) && !(warned && ["loss", "relativeLoss"].contains($0)) }
            if !undocumented.isEmpty { return "undocumented null in \(Set(undocumented).sorted())" }
        }
        return nil
    }

    func testGeneratedArgumentVectors() throws {
        let directory = try temporaryDirectory("scaling-laws-fuzz")
        let files = try Self.makeFiles(in: directory)
        let vectors = Self.generate(count: Self.vectorCount, files: files,
                                    output: directory.appendingPathComponent("out").path)
        XCTAssertGreaterThanOrEqual(vectors.count, 1000)
        let lock = NSLock()
        var failures: [String] = []
        var statuses: [Int32: Int] = [:]
        var computationFailures: [String] = []
        let workers = 2
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for index in stride(from: worker, to: vectors.count, by: workers) {
                let words = vectors[index]
                let description = words.map { "'\($0)'" }.joined(separator: " ")
                do {
                    let outcome = try Self.run(words, in: directory)
                    let issue = Self.problem(words, outcome)
                    lock.lock()
                    statuses[outcome.status, default: 0] += 1
                    if outcome.status == 1 && computationFailures.count < 40 {
                        computationFailures.append("\(description)\n    \(outcome.stderr.prefix(200))")
                    }
                    if let issue {
                        failures.append("\(issue): \(description)\n  stderr: \(outcome.stderr.prefix(300))")
                    }
                    lock.unlock()
                } catch {
                    lock.lock()
                    failures.append("could not run \(description): \(error)")
                    lock.unlock()
                }
            }
        }
        print("CLI fuzz: \(vectors.count) vectors, exit statuses \(statuses.sorted { $0.key < $1.key }), \(failures.count) failures")
        print("exit status 1 (failed computation or check):\n" + computationFailures.joined(separator: "\n"))
        // Hangs and crashes first: they matter most.
        failures.sort { ($0.hasPrefix("hang") || $0.hasPrefix("crash")) && !($1.hasPrefix("hang") || $1.hasPrefix("crash")) }
        XCTAssertTrue(failures.isEmpty, "\(failures.count) of \(vectors.count) calls failed:\n"
                      + failures.prefix(40).joined(separator: "\n"))
    }
    /// Integer and Double-to-Int extremes on every value flag of every command
    /// (Int.min, 2^63, Int32.max, 1e308, -1e308), one flag at a time: none may
    /// trap (the `abs` of Int.min, a conversion of 1e308 or infinity to Int),
    /// and a refusal is one line on stderr with no progress line before it.
    func testExtremeValuesOnEveryFlag() throws {
        let directory = try temporaryDirectory("scaling-laws-extremes")
        let output = directory.appendingPathComponent("out").path
        // Int32.max itself is a valid count (a long but legitimate run): it is tried on --trials only.
        let extremes = ["-9223372036854775808", "9223372036854775808", "-2147483647", "1e308", "-1e308"]
        // Flags whose values are paths or lists, covered by the generated vectors above.
        let skipped: Set<String> = ["spectrum-file", "teacher-file", "data", "labels", "output", "shard", "positive-classes",
                                    "data-scale", "vary", "fit-below", "fit-above", "format", "summation", "spacing",
                                    "activation", "sampler", "ridge"]
        let bases = Self.bases + [
            ("predict", ["--alpha", "1", "--M", "50", "--N", "10", "--P", "20", "--time", "10"]),
            ("simulate", ["--alpha", "1", "--M", "20", "--N", "5", "--P", "10", "--trials", "3", "--times", "1,10"]),
            ("map", ["--alpha", "1", "--M", "50", "--from", "10", "--to", "100", "--points", "3", "--output", "-",
                     "--format", "json", "--gamma", "0.01"]),
            ("sweep", ["--alpha", "1", "--M", "20", "--N", "5", "--P", "10", "--vary", "P", "--from", "5", "--to", "20",
                       "--points", "3", "--simulate", "--trials", "3", "--output", output, "--force"]),
        ]
        var vectors: [[String]] = []
        for (command, base) in bases {
            let help = try CLIRunner.run([command, "--help"]).stdout
            let names = help.split(separator: "\n").compactMap { line -> String? in
                guard let match = line.range(of: #"--[A-Za-z0-9-]+ [A-Z]"#, options: .regularExpression) else { return nil }
                return String(line[match].dropFirst(2).dropLast(2))
            }
            // The base with --name set to value (switches stand alone).
            func with(_ name: String, _ value: String) -> [String] {
                var words = [command], i = 0
                while i < base.count {
                    let isSwitch = base[i] == "--force" || base[i] == "--simulate"
                    if base[i] != "--\(name)" { words += isSwitch ? [base[i]] : [base[i], base[i + 1]] }
                    i += isSwitch ? 1 : 2
                }
                return words + ["--\(name)", value]
            }
            for name in Set(names).subtracting(skipped).sorted() {
                vectors += extremes.map { with(name, $0) }
                if name == "trials" { vectors.append(with(name, "2147483647")) }
            }
        }
        let lock = NSLock()
        var failures: [String] = []
        DispatchQueue.concurrentPerform(iterations: 2) { worker in
            for index in stride(from: worker, to: vectors.count, by: 2) {
                let words = vectors[index]
                let description = words.map { "'\($0)'" }.joined(separator: " ")
                var issue: String?
                var stderr = ""
                do {
                    let outcome = try Self.run(words, in: directory)
                    stderr = outcome.stderr
                    issue = Self.problem(words, outcome)
                    // The map's cells at N = P and gamma = 0 are the documented interpolation peak.
                    if issue == "prints inf without a warning", words[0] == "map",
                       outcome.stdout.contains("interpolation-threshold") { issue = nil }
                    if issue == nil, outcome.status == 2, outcome.stderr.split(separator: "\n").count != 1 {
                        issue = "a progress line before the refusal"
                    }
                } catch {
                    issue = "could not run: \(error)"
                }
                if let issue {
                    lock.lock()
                    failures.append("\(issue): \(description)\n  stderr: \(stderr.prefix(300))")
                    lock.unlock()
                }
            }
        }
        print("extreme values: \(vectors.count) vectors, \(failures.count) failures")
        XCTAssertGreaterThan(vectors.count, 300)
        XCTAssertTrue(failures.isEmpty, "\(failures.count) of \(vectors.count) calls failed:\n"
                      + failures.prefix(40).joined(separator: "\n"))
    }
}
