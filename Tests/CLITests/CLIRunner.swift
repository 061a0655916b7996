import Foundation
import XCTest

/// Runs the built `scaling-laws` executable, which `swift test` builds next to
/// the test bundle.
struct CLIRunner {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String

        /// stdout parsed as one JSON object.
        func json(file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
            let object = try JSONSerialization.jsonObject(with: Data(stdout.utf8))
            return try XCTUnwrap(object as? [String: Any], "not a JSON object: \(stdout)", file: file, line: line)
        }

        /// The inputs a JSON output records (`"inputs"`).
        func inputs(file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
            try XCTUnwrap(try json(file: file, line: line)["inputs"] as? [String: Any], "no inputs: \(stdout)",
                          file: file, line: line)
        }
    }

    static var executable: URL {
        // On Linux the test bundle is an executable in the products directory.
        let products = Bundle.main.bundleURL
        let candidates = [products.appendingPathComponent("scaling-laws"),
                          products.deletingLastPathComponent().appendingPathComponent("scaling-laws")]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    static func run(_ arguments: [String], currentDirectory: URL? = nil,
                    environment: [String: String]? = nil) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read before waiting so that a full pipe cannot block the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Runs `arguments` and asserts exit status 0 (stderr as the message).
    static func succeeding(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> Result {
        let result = try run(arguments)
        XCTAssertEqual(result.status, 0, result.stderr, file: file, line: line)
        return result
    }

    /// Asserts exit status 2 with exactly one line on stderr.
    static func assertBadInput(_ arguments: [String], mentioning word: String? = nil,
                               file: StaticString = #filePath, line: UInt = #line) throws {
        let result = try run(arguments)
        XCTAssertEqual(result.status, 2, "\(arguments): \(result.stderr)", file: file, line: line)
        let lines = result.stderr.split(separator: "\n")
        XCTAssertEqual(lines.count, 1, "\(arguments): stderr was \(result.stderr)", file: file, line: line)
        if let word {
            XCTAssertTrue(result.stderr.contains(word), "\(arguments): '\(result.stderr)' lacks '\(word)'",
                          file: file, line: line)
        }
    }
}
