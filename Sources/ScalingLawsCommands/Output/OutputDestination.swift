import Foundation

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

extension OutputDocument {
    /// An SVG figure with this document's provenance (command, version,
    /// inputs) as JSON in its `<metadata>` element, so that the figure alone
    /// reproduces the run.
    func svg(_ svg: String) -> String {
        guard let start = svg.range(of: "<svg"), let end = svg.range(of: ">", range: start.upperBound..<svg.endIndex)
        else { return svg }
        let metadata = JSONValue.object(provenance).text
            .replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
        var out = svg
        out.insert(contentsOf: "\n<metadata id=\"scaling-laws-provenance\">\(metadata)</metadata>", at: end.upperBound)
        return out
    }

    /// The provenance in an SVG written by `svg(_:)`.
    static func provenance(inSVG text: String) -> String? {
        guard let start = text.range(of: "<metadata id=\"scaling-laws-provenance\">"),
              let end = text.range(of: "</metadata>", range: start.upperBound..<text.endIndex) else { return nil }
        return String(text[start.upperBound..<end.lowerBound])
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
