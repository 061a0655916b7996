import Foundation
import ScalingOutput

/// Where a file-writing command (`sweep`, `demo`) puts its results:
/// `--output DIR` (default ./scaling-laws-output/), or `--output -` for the
/// data on stdout in `--format`. Existing files are never silently replaced:
/// without `--force` they are an error (exit 2) before any work is written.
struct OutputDestination {
    /// nil for stdout.
    var directory: URL?
    var format: OutputFormat
    var force: Bool

    init(_ arguments: Arguments, defaultFormat: OutputFormat) throws {
        let path = arguments.string("output") ?? "scaling-laws-output"
        force = arguments.isOn("force")
        if path == "-" {
            directory = nil
            format = try arguments.format(default: defaultFormat)
        } else {
            if arguments.has("format") { throw UsageError("--format applies to --output - (stdout); a directory gets every format") }
            directory = try AtomicFile.directory(path)
            format = defaultFormat
        }
    }

    /// The files in the directory, checked not to exist unless `--force`.
    func files(_ names: [String]) throws -> [URL] {
        guard let directory else { return [] }
        let urls = names.map { directory.appendingPathComponent($0) }
        if !force, let existing = urls.first(where: { FileManager.default.fileExists(atPath: $0.path) }) {
            throw UsageError("\(existing.path) exists; give --force to replace it, or another --output directory")
        }
        return urls
    }
}
