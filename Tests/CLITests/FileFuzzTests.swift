import Foundation
import TestSupport
import XCTest

/// A seeded fuzz test of the data-file readers through `dataset` and
/// `simulate --data`: valid .npy, CSV, IDX files and their gzip forms,
/// mutated (cut short, bytes flipped or inserted, garbage appended, headers
/// announcing huge or negative shapes, odd dtypes and orders, BOM, CRLF,
/// empty fields, non-finite and extreme numbers, ragged rows, FIFOs and
/// devices). Every call runs under a 4 GiB address-space limit
/// (`ulimit -v`) with a 30 s bound, like issue #24's reproducers.
///
/// A call fails the test when it crashes, hangs, exits other than 0, 1 or 2,
/// reports an error on more than one line, leaves anything in its output
/// directory after failing (a partial output), or exits 0 with a NaN or an
/// infinity in what it wrote.
final class FileFuzzTests: XCTestCase {
    static let caseCount = 300
    static let seed: UInt64 = 24_024
    static let timeout = 30.0
    static let addressSpaceKiB = 4 * 1024 * 1024

    typealias Generator = CLIFuzzTests.Generator

    /// 16 rows of 4 columns with decaying scales, and labels that depend on them.
    static let rows: [[Double]] = (0..<16).map { (i: Int) -> [Double] in
        (0..<4).map { (j: Int) -> Double in
            let level = Double((i * 7 + j * 3) % 11) - 5
            return level / Double(j + 1) + 0.01 * Double(i * j)
        }
    }
    static let labels: [Double] = rows.map { 1.5 * $0[0] - 0.5 * $0[1] + 0.25 * $0[2] + 0.1 * $0[3] }

    static func npy(_ values: [Double], shape: String, dtype: String = "<f8", order: String = "False") -> [UInt8] {
        var dict = "{'descr': '\(dtype)', 'fortran_order': \(order), 'shape': \(shape), }"
        while (10 + dict.utf8.count + 1) % 64 != 0 { dict += " " }
        dict += "\n"
        var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(dict.utf8.count & 0xFF), UInt8(dict.utf8.count >> 8)]
        bytes += Array(dict.utf8)
        for v in values { withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes += $0 } }
        return bytes
    }

    static func idx(_ values: [UInt8], extents: [UInt32]) -> [UInt8] {
        var bytes: [UInt8] = [0, 0, 0x08, UInt8(extents.count)]
        for e in extents { bytes += [UInt8(e >> 24), UInt8((e >> 16) & 0xFF), UInt8((e >> 8) & 0xFF), UInt8(e & 0xFF)] }
        return bytes + values
    }

    static func csvText(_ rows: [[Double]]) -> [UInt8] {
        Array(rows.map { $0.map { "\($0)" }.joined(separator: ",") }.joined(separator: "\n").utf8) + [10]
    }

    /// One generated data file: its name (the extension picks the format) and bytes.
    static func dataFile(_ g: inout Generator) throws -> (String, [UInt8]) {
        let flat = rows.flatMap { $0 }
        var (name, bytes): (String, [UInt8])
        switch g.below(3) {
        case 0:
            let shapes = ["(16, 4)", "(300000000, 1)", "(4294967295, 4294967295)", "(16, -4)", "(16,)", "(2, 2, 16)",
                          "(9223372036854775807, 2)", "()", "(16, 4, )", "(0, 4)", "(16 4)"]
            let dtypes = ["<f8", "<f4", "|u1", "<i8", ">f8", "<c16", "|O", "<f2", "", "<f8'"]
            let orders = ["False", "True", "Maybe", "0", "False}", ""]
            bytes = npy(flat, shape: g.chance(0.6) ? "(16, 4)" : g.pick(shapes),
                        dtype: g.chance(0.7) ? "<f8" : g.pick(dtypes), order: g.chance(0.7) ? "False" : g.pick(orders))
            name = "data.npy"
        case 1:
            let pixels = flat.map { UInt8(min(max($0 * 20 + 128, 0), 255)) }
            let extents: [[UInt32]] = [[16, 4], [16, 2, 2], [0xFFFF_FFFF, 4], [16, 0], [16], [4_000_000, 255]]
            bytes = idx(pixels, extents: g.chance(0.6) ? [16, 4] : g.pick(extents))
            name = "data-idx2-ubyte"
        default:
            var table = rows
            if g.chance(0.3) {
                let i = g.below(table.count), j = g.below(4)
                table[i][j] = g.pick([.nan, .infinity, 1e308, 1e160, 1e-200, 0, -1e300])
            }
            bytes = csvText(table)
            if g.chance(0.2) { bytes = Array("a,b,c,d\n".utf8) + bytes }
            if g.chance(0.2) { bytes = [0xEF, 0xBB, 0xBF] + bytes }
            if g.chance(0.2) { bytes = Array(String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n").utf8) }
            name = "data.csv"
        }
        // Byte-level damage.
        switch g.below(8) {
        case 0: bytes = Array(bytes.prefix(g.below(bytes.count + 1)))
        case 1: for _ in 0..<(1 + g.below(4)) where !bytes.isEmpty { bytes[g.below(bytes.count)] = UInt8(g.below(256)) }
        case 2: bytes.insert(contentsOf: (0..<(1 + g.below(8))).map { _ in UInt8(g.below(256)) }, at: g.below(bytes.count + 1))
        case 3: bytes += Array(g.pick(["junk", "\n1,2\n", ",,,", "\u{0}\u{0}", "1e400\n"]).utf8)
        default: break
        }
        if g.chance(0.35) {
            var packed = try gzip(bytes)
            switch g.below(5) {
            case 0: packed.removeLast(1 + g.below(min(8, packed.count)))  // no trailer
            case 1: packed += Array("trailing".utf8)
            case 2: packed += try gzip(bytes)  // two members: valid
            case 3: packed[10 + g.below(packed.count - 18)] ^= 0x55  // corrupt data
            default: break
            }
            bytes = packed
            name += ".gz"
        }
        return (name, bytes)
    }

    typealias Outcome = CLIFuzzTests.Outcome

    /// `scaling-laws ARGS` under `ulimit -v` and the timeout.
    static func run(_ arguments: [String], in directory: URL) throws -> Outcome {
        try CLIFuzzTests.run(arguments, in: directory, timeout: timeout, addressSpaceKiB: addressSpaceKiB)
    }

    /// What is wrong with one call, or nil. `output` is the directory the call was told to write.
    static func problem(_ o: Outcome, output: URL?) -> String? {
        if o.timedOut { return "hang (over \(timeout) s)" }
        if o.signaled { return "crash (signal \(o.status))" }
        guard [0, 1, 2].contains(o.status) else { return "exit status \(o.status)" }
        if o.status != 0 {
            let lines = o.stderr.split(separator: "\n")
            guard lines.count == 1 else { return "error reported on \(lines.count) lines" }
            if let output, let left = try? FileManager.default.contentsOfDirectory(atPath: output.path), !left.isEmpty {
                return "partial output left: \(left.sorted())"
            }
            return nil
        }
        var texts = [o.stdout]
        if let output {
            for name in ["spectrum.txt", "teacher.txt", "dataset.json"] {
                guard let text = try? String(contentsOf: output.appendingPathComponent(name), encoding: .utf8) else {
                    return "exit 0 without \(name)"
                }
                texts.append(text.split(separator: "\n").filter { !$0.hasPrefix("#") }.joined(separator: "\n"))
            }
        }
        for text in texts where text.range(of: #"(?i)(\bnan\b|\binf\b|infinity)"#, options: .regularExpression) != nil {
            return "non-finite number in an exit-0 output"
        }
        return nil
    }

    func testGeneratedDataFiles() throws {
        let directory = try temporaryDirectory("scaling-laws-file-fuzz")
        let labels = directory.appendingPathComponent("labels.csv")
        try Data(Self.csvText(Self.labels.map { [$0] })).write(to: labels)
        let fifo = directory.appendingPathComponent("fifo.csv").path
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        var g = Generator(seed: Self.seed)
        var calls: [(words: [String], output: URL?)] = []
        for index in 0..<Self.caseCount {
            var dataPath: String
            if g.chance(0.03) {
                dataPath = g.pick([fifo, "/dev/zero", "/dev/null", directory.path])
            } else {
                let (name, bytes) = try Self.dataFile(&g)
                let url = directory.appendingPathComponent("\(index)-\(name)")
                try Data(bytes).write(to: url)
                dataPath = url.path
            }
            if g.chance(0.25) {
                calls.append((["simulate", "--data", dataPath, "--labels", labels.path, "--N", "3", "--P", "8",
                               "--trials", "2", "--format", "json"], nil))
            } else {
                let output = directory.appendingPathComponent("out-\(index)")
                calls.append((["dataset", "--data", dataPath, "--labels", labels.path, "--output", output.path,
                               "--format", "json"], output))
            }
        }
        let lock = NSLock()
        var failures: [String] = []
        var statuses: [Int32: Int] = [:]
        DispatchQueue.concurrentPerform(iterations: 2) { worker in
            for index in stride(from: worker, to: calls.count, by: 2) {
                let (words, output) = calls[index]
                let issue: String?
                var stderr = ""
                do {
                    let outcome = try Self.run(words, in: directory)
                    stderr = outcome.stderr
                    issue = Self.problem(outcome, output: output)
                    lock.lock()
                    statuses[outcome.status, default: 0] += 1
                    lock.unlock()
                } catch {
                    issue = "could not run: \(error)"
                }
                if let issue {
                    lock.lock()
                    failures.append("\(issue): \(words.joined(separator: " "))\n  stderr: \(stderr.prefix(300))")
                    lock.unlock()
                }
            }
        }
        print("file fuzz: \(calls.count) calls, exit statuses \(statuses.sorted { $0.key < $1.key }), \(failures.count) failures")
        XCTAssertGreaterThan(statuses[0, default: 0], 10, "too few valid files to test the exit-0 outputs")
        XCTAssertTrue(failures.isEmpty, "\(failures.count) of \(calls.count) calls failed:\n" + failures.prefix(30).joined(separator: "\n"))
    }

    /// Issue #24's reproducers, each under `ulimit -v` 4 GiB and 30 s: exit 2
    /// with one line naming the cause, no output left behind.
    func testIssueReproducersUnderAddressSpaceLimit() throws {
        let directory = try temporaryDirectory("scaling-laws-repro")
        func file(_ name: String, _ bytes: [UInt8]) throws -> String {
            let url = directory.appendingPathComponent(name)
            try Data(bytes).write(to: url)
            return url.path
        }
        func shell(_ command: String) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", command]
            process.currentDirectoryURL = directory
            try process.run()
            process.waitUntilExit()
            XCTAssertEqual(process.terminationStatus, 0, command)
        }
        let labels = try file("labels.csv", Self.csvText(Self.labels.map { [$0] }))
        // 200 bytes announcing 2.4 GB; a 2 x 20000 CSV (a 3.2 GB covariance); about 1 MB of gzip
        // inflating to 1 GB of uint8 zeros (9 GB as doubles), as .npy and IDX; /dev/zero behind a
        // link; a FIFO; 40 KB of gzip holding ten million short lines.
        let bigHeader = try file("big.npy", Self.npy([], shape: "(300000000, 1)") + [UInt8](repeating: 0, count: 72))
        let wide = try file("wide.csv", Array(((0..<2).map { r in (0..<20000).map { "\(($0 * 7 + r) % 13)" }
            .joined(separator: ",") }.joined(separator: "\n") + "\n").utf8))
        let wideLabels = try file("wide-labels.csv", Array("1\n2\n".utf8))
        let npyHeader = Self.npy([], shape: "(1000000000, 1)", dtype: "|u1")
        try Data(npyHeader).write(to: directory.appendingPathComponent("zeros-header"))
        try shell("(cat zeros-header; head -c 1000000000 /dev/zero) | gzip -1 -c > zeros.npy.gz")
        try Data(Self.idx([], extents: [1_000_000, 1000])).write(to: directory.appendingPathComponent("idx-header"))
        try shell("(cat idx-header; head -c 1000000000 /dev/zero) | gzip -1 -c > zeros-idx2-ubyte.gz")
        try shell("ln -s /dev/zero zero.npy && mkfifo fifo.csv")
        try shell("yes 1,2 | head -c 40000000 | gzip -9 -c > short-lines.csv.gz")
        let cases: [([String], String)] = [
            (["--data", bigHeader], "big.npy"),
            (["--data", wide, "--labels", wideLabels, "--no-work-limit"], "covariance"),
            (["--data", directory.appendingPathComponent("zeros.npy.gz").path], "needs about"),
            (["--data", directory.appendingPathComponent("zeros-idx2-ubyte.gz").path], "needs about"),
            (["--data", directory.appendingPathComponent("zero.npy").path], "character device"),
            (["--data", directory.appendingPathComponent("fifo.csv").path], "FIFO"),
            (["--data", directory.appendingPathComponent("short-lines.csv.gz").path], "has 16 labels for 10000000 data rows"),
        ]
        for (index, (flags, phrase)) in cases.enumerated() {
            let output = directory.appendingPathComponent("out-\(index)")
            var words = ["dataset", "--output", output.path] + flags
            if !flags.contains("--labels") { words += ["--labels", labels] }
            let start = Date()
            let outcome = try Self.run(words, in: directory)
            XCTAssertNil(Self.problem(outcome, output: output), "\(words): \(outcome.stderr)")
            XCTAssertEqual(outcome.status, 2, "\(words): \(outcome.stderr)")
            XCTAssertTrue(outcome.stderr.contains(phrase), "\(words): '\(outcome.stderr)' lacks '\(phrase)'")
            print("reproducer \(flags.first { $0.hasPrefix("/") }.map { ($0 as NSString).lastPathComponent } ?? ""): "
                  + String(format: "%.2f s: ", Date().timeIntervalSince(start)) + outcome.stderr.trimmingCharacters(in: .newlines))
        }
    }
}
