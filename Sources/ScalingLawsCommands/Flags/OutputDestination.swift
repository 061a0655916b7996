import Foundation
import ScalingOutput

/// Where a file-writing command (`sweep`, `map`, `demo`) puts its results:
/// `--output DIR` (default ./scaling-laws-output/), or `--output -` for the
/// data on stdout in `--format`. Existing files are never silently replaced:
/// without `--force` they are an error (exit 2) before any work is written.
struct OutputDestination {
    /// nil for stdout.
    var directory: URL?
    var format: OutputFormat
    var force: Bool

    /// `--output`, `--format` and `--force` of a command that writes a figure
    /// and its data, or `stdout` (the data, the cells) to stdout.
    static func flags(stdout: String) -> [Flag] {
        [.value("output", "DIR|-", "output directory (default ./scaling-laws-output/); - writes \(stdout) to stdout"),
         .value("format", "csv|json|table", "with --output -: the format on stdout (default csv)"),
         forceFlag]
    }
    static let forceFlag: Flag = .toggle("force", "replace existing output files (otherwise an existing file is an error)")

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

    /// STEM.csv, STEM.json and STEM.svg, and the CSV and JSON of each of `also`.
    func figureFiles(_ stem: String, also: [String] = []) throws -> [URL] {
        try files(([stem] + also).flatMap { name in ["csv", "json"].map { "\(name).\($0)" } + (name == stem ? ["\(name).svg"] : []) })
    }

    /// The figure writer of every sweep and map: `document` on stdout in
    /// `--format`, or STEM.{csv,json,svg} (the SVG `figure`, drawn only
    /// then, carrying the document's provenance) and each of `also` as
    /// NAME.{csv,json}, written as one set, and a line naming them with their counts.
    func write(_ document: OutputDocument, stem: String, count: String, also: [(name: String, document: OutputDocument, count: String)] = [],
               figure: () throws -> String) throws -> Int32 {
        guard let directory else {
            document.emit(format)
            return 0
        }
        let urls = try figureFiles(stem, also: also.map(\.name))
        let texts = [document.csv, document.rendered(.json), document.svg(try figure())]
            + also.flatMap { [$0.document.csv, $0.document.rendered(.json)] }
        try AtomicFile.writeSet(Array(zip(texts, urls)))
        Console.write("wrote \(directory.path)/\(stem).{csv,json,svg} (\(count))"
                      + also.map { " and \($0.name).{csv,json} (\($0.count))" }.joined() + "\n")
        return 0
    }
}
