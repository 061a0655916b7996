import Foundation
import XCTest

/// Behaviour unchanged by refactoring: every case of Golden/cases.txt is run
/// and its stdout and output files are compared byte for byte with the files
/// written before the move (Golden/NAME.out, Golden/NAME.FILE), apart from
/// what legitimately differs between two runs: wall-clock fields (`seconds`,
/// `readSeconds`, ...), the version, and the checkout's paths.
///
/// `SCALING_LAWS_GOLDEN_WRITE=1` writes the files instead of comparing; do it
/// only when an output is meant to change, and say which in the commit.
final class GoldenOutputTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    struct Case {
        var name: String
        var arguments: [String]
        var writesFiles: Bool { arguments.contains("DIR") }
    }

    static func cases() throws -> [Case] {
        let text = try String(contentsOf: folder.appendingPathComponent("cases.txt"), encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#"), let colon = line.firstIndex(of: ":") else { return nil }
            let arguments = line[line.index(after: colon)...].split(separator: " ").map(String.init)
            return Case(name: String(line[..<colon]), arguments: arguments)
        }
    }

    /// The text with run-dependent parts replaced by fixed words.
    static func normalized(_ text: String, version: String, directory: String) -> String {
        var text = text.replacingOccurrences(of: directory, with: "DIR")
            .replacingOccurrences(of: folder.standardizedFileURL.path, with: "DATA")
            .replacingOccurrences(of: version, with: "VERSION")
        // Wall-clock fields in JSON (also inside CSV comment lines and SVG metadata).
        text = text.replacingOccurrences(of: #""([A-Za-z]*[sS]econds)": ?-?[0-9.eE+-]+"#, with: #""$1": 0"#,
                                         options: .regularExpression)
        // ... and as CSV columns: blank every column whose header names seconds.
        var lines = text.components(separatedBy: "\n")
        if let header = lines.firstIndex(where: { !$0.hasPrefix("#") && !$0.isEmpty }) {
            let names = lines[header].split(separator: ",", omittingEmptySubsequences: false)
            let timed = names.indices.filter { names[$0].lowercased().hasSuffix("seconds") }
            if !timed.isEmpty, names.count > 1 {
                for i in lines.indices where i > header && !lines[i].isEmpty && !lines[i].contains("\"") {
                    var cells = lines[i].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                    guard cells.count == names.count else { continue }
                    for j in timed { cells[j] = "0" }
                    lines[i] = cells.joined(separator: ",")
                }
            }
        }
        return lines.joined(separator: "\n")
    }

    func testOutputsMatchTheGoldenFiles() throws {
        let write = ProcessInfo.processInfo.environment["SCALING_LAWS_GOLDEN_WRITE"] == "1"
        // The first line of --version is "scaling-laws VERSION" (the second names the BLAS).
        let version = try CLIRunner.run(["--version"]).stdout.split(separator: "\n").first
            .flatMap { $0.split(separator: " ").last }.map(String.init) ?? "?"
        let cases = try Self.cases()
        XCTAssertGreaterThan(cases.count, 30)
        for testCase in cases {
            let directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("golden-\(testCase.name)-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: directory) }
            let arguments = testCase.arguments.map { word -> String in
                word.replacingOccurrences(of: "DIR", with: directory.path)
                    .replacingOccurrences(of: "DATA/", with: Self.folder.path + "/")
            } + ["--quiet"]
            let result = try CLIRunner.run(arguments)
            XCTAssertEqual(result.status, 0, "\(testCase.name): \(result.stderr)")
            var outputs = [("\(testCase.name).out", result.stdout)]
            if testCase.writesFiles {
                let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
                XCTAssertFalse(files.isEmpty, "\(testCase.name) wrote no files")
                for file in files {
                    let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
                    outputs.append(("\(testCase.name).\(file)", text))
                }
            }
            for (file, text) in outputs {
                let got = Self.normalized(text, version: version, directory: directory.path)
                let url = Self.folder.appendingPathComponent(file)
                if write {
                    try got.write(to: url, atomically: true, encoding: .utf8)
                    continue
                }
                guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
                    XCTFail("\(file): no golden file (SCALING_LAWS_GOLDEN_WRITE=1 writes it)")
                    continue
                }
                if got != expected {
                    let a = got.components(separatedBy: "\n"), b = expected.components(separatedBy: "\n")
                    let first = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
                    XCTFail("\(file) differs from its golden file at line \(first + 1):\n got: "
                            + (first < a.count ? a[first] : "<end>") + "\nwant: " + (first < b.count ? b[first] : "<end>"))
                }
            }
        }
    }
}
