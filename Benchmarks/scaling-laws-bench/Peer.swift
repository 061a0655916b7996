import Foundation

/// A peer script in `Benchmarks/peers/`, run with `python3`, one JSON job on
/// stdin and one JSON answer on stdout.
struct Peer {
    var script: String

    static var directory: URL {
        // Benchmarks/scaling-laws-bench/Peer.swift -> Benchmarks/peers
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("peers")
    }

    /// Whether python3 with NumPy and SciPy is available.
    static var isAvailable: Bool {
        (try? Peer.python(["-c", "import numpy, scipy"], input: Data()).0) == 0
    }

    func run(_ job: [String: Any]) throws -> [String: Any] {
        let input = try JSONSerialization.data(withJSONObject: job)
        let path = Peer.directory.appendingPathComponent(script).path
        let (status, output, errors) = try Peer.python([path], input: input)
        guard status == 0 else {
            throw BenchmarkError("\(script) failed (\(status)): \(String(decoding: errors, as: UTF8.self))")
        }
        guard let object = try JSONSerialization.jsonObject(with: output) as? [String: Any] else {
            throw BenchmarkError("\(script) printed no JSON object")
        }
        return object
    }

    private static func python(_ arguments: [String], input: Data) throws -> (Int32, Data, Data) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        // NumPy peers run under the same environment as ours (OPENBLAS_CORETYPE
        // included): both sides' BLAS see the same overrides, and the table names
        // the kernel each selected.
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, out, err)
    }
}

struct BenchmarkError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
