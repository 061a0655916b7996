import Foundation
import ScalingOutput
import ScalingTheory

/// `scaling-laws rerun FILE`: reads the command and inputs recorded in an
/// output file (JSON, CSV, a spectrum-lines file or an SVG figure), runs that
/// command again and checks that it produces the same result. Exit 0 when it
/// does, 1 when it does not (the first difference on stderr), 2 when the file
/// records no run. Wall-clock fields (`seconds`) and the version are not
/// compared; a different version is noted on stderr.
enum RerunCommand: Command {
    static let name = "rerun"
    static let summary = "Re-run the command recorded in an output file and check that it reproduces the file (exit 0)."
    static let positional: String? = "file"
    static let flags: [Flag] = [
        .value("file", "FILE", "an output of scaling-laws: JSON, CSV, spectrum lines or SVG (also: rerun FILE)"),
    ]
    static let requiredFlags: Set<String> = ["file"]

    /// Fields that measure the run rather than the result.
    static let unreproducible: Set<String> = ["seconds", "version"]

    static func run(_ arguments: Arguments) throws -> Int32 {
        guard let path = arguments.string("file") else { throw UsageError("missing FILE (scaling-laws rerun FILE)") }
        let url = URL(fileURLWithPath: path)
        guard let data = FileManager.default.contents(atPath: url.path) else { throw UsageError("cannot read \(path)") }
        let original = String(decoding: data, as: UTF8.self)
        let recorded = try Recorded(original, path: path)
        guard let command = commands.first(where: { $0.name == recorded.command }), command.schema != nil
                || command.name == DemoCommand.name else {
            throw UsageError("\(path) records command '\(recorded.command)', which rerun cannot run")
        }
        if recorded.version != ScalingLawsVersion.current {
            StandardError.write("note: \(path) was written by version \(recorded.version); this is \(ScalingLawsVersion.current)\n")
        }
        var words = try InputLog.words(recorded.inputs)
        let again: String
        if command.flags.contains(where: { $0.name == "output" }) {
            // File-writing commands run into a fresh directory; the file of the same name (or kind) is compared.
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("scaling-laws-rerun-\(UUID())")
            defer { try? FileManager.default.removeItem(at: directory) }
            words += ["--output", directory.path]
            Console.capture = ""  // its "wrote ..." line
            defer { Console.capture = nil }
            _ = try command.run(Arguments(words, flags: command.flags))
            let made = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            let name = made.contains(url.lastPathComponent) ? url.lastPathComponent
                : made.first { ($0 as NSString).pathExtension == url.pathExtension }
            guard let name, let text = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path)
            else { throw UsageError("the rerun wrote no .\(url.pathExtension) file to compare with \(path)") }
            again = String(decoding: text, as: UTF8.self)
        } else {
            if let format = recorded.format { words += ["--format", format] }
            Console.capture = ""
            defer { Console.capture = nil }
            _ = try command.run(Arguments(words, flags: command.flags))
            again = Console.capture ?? ""
        }
        if let difference = try Recorded.difference(original, again, kind: recorded.kind) {
            StandardError.write("scaling-laws rerun: \(path) is not reproduced: \(difference)\n")
            return 1
        }
        print("reproduced \(path): scaling-laws \(recorded.command) " + words.filter { !$0.contains("scaling-laws-rerun-") }
            .filter { $0 != "--output" }.joined(separator: " "))
        return 0
    }
}

/// The run an output file records.
struct Recorded {
    enum Kind { case json, csv, lines, svg }
    var kind: Kind
    var command: String
    var version: String
    var inputs: [(String, JSONValue)]
    /// The `--format` that wrote it (stdout commands).
    var format: String?

    init(_ text: String, path: String) throws {
        let provenance: JSONValue
        if text.contains("<svg") {
            kind = .svg
            guard let metadata = OutputDocument.provenance(inSVG: text) else {
                throw UsageError("\(path) is an SVG without scaling-laws provenance metadata")
            }
            provenance = try Self.parse(metadata, path)
        } else if text.drop(while: \.isWhitespace).hasPrefix("{") {
            kind = .json
            provenance = try Self.parse(text, path)
            format = "json"
        } else {
            var fields: [(String, JSONValue)] = []
            for line in text.split(separator: "\n") where line.hasPrefix("# ") {
                if line.hasPrefix("# scaling-laws ") {
                    fields.append(("version", .string(String(line.dropFirst("# scaling-laws ".count)))))
                } else if line.hasPrefix("# command: ") {
                    fields.append(("command", .string(String(line.dropFirst("# command: ".count)))))
                } else if line.hasPrefix("# inputs: ") {
                    fields.append(("inputs", try Self.parse(String(line.dropFirst("# inputs: ".count)), path)))
                }
            }
            provenance = .object(fields)
            let firstData = text.split(separator: "\n").first { !$0.hasPrefix("#") }
            let isLines = firstData.map { Double($0) != nil } ?? false
            kind = isLines ? .lines : .csv
            format = isLines ? "lines" : "csv"
        }
        guard case let .string(command)? = provenance["command"],
              case let .object(inputs)? = provenance["inputs"] else {
            throw UsageError("\(path) records no scaling-laws run (no command and inputs)")
        }
        self.command = command
        self.inputs = inputs
        if case let .string(version)? = provenance["version"] { self.version = version } else { version = "unknown" }
    }

    private static func parse(_ text: String, _ path: String) throws -> JSONValue {
        do { return try JSONValue.parse(text) } catch { throw UsageError("\(path): not valid JSON (\(error))") }
    }

    /// The first difference between two outputs, ignoring what measures the
    /// run rather than the result; nil when they agree.
    static func difference(_ a: String, _ b: String, kind: Kind) throws -> String? {
        switch kind {
        case .json:
            return difference(try JSONValue.parse(a), try JSONValue.parse(b), at: "")
        case .svg:
            func strip(_ s: String) -> String {
                guard let start = s.range(of: "<metadata"), let end = s.range(of: "</metadata>") else { return s }
                return s.replacingCharacters(in: start.lowerBound..<end.upperBound, with: "")
            }
            return strip(a) == strip(b) ? nil : "the figures differ"
        case .csv, .lines:
            let left = dataLines(a), right = dataLines(b)
            guard left.count == right.count else { return "\(left.count) data lines, the rerun has \(right.count)" }
            for (x, y) in zip(left, right) where x != y { return "'\(x)' is now '\(y)'" }
            return nil
        }
    }

    /// Lines other than the version comment, with wall-clock columns (and
    /// wall-clock keys of the `# summary:` line) blanked.
    private static func dataLines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("# scaling-laws ") }
        let summary = "# summary: "
        for i in lines.indices where lines[i].hasPrefix(summary) {
            if case let .object(fields)? = try? JSONValue.parse(String(lines[i].dropFirst(summary.count))) {
                lines[i] = summary + JSONValue.object(fields.filter { !RerunCommand.unreproducible.contains($0.0) }).text
            }
        }
        guard let header = lines.firstIndex(where: { !$0.hasPrefix("#") }) else { return lines }
        let names = lines[header].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let blank = Set(names.indices.filter { RerunCommand.unreproducible.contains(names[$0]) })
        guard !blank.isEmpty else { return lines }
        for i in lines.indices.dropFirst(header + 1) {
            var cells = lines[i].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            for c in blank where c < cells.count { cells[c] = "" }
            lines[i] = cells.joined(separator: ",")
        }
        return lines
    }

    private static func difference(_ a: JSONValue, _ b: JSONValue, at path: String) -> String? {
        switch (a, b) {
        case let (.object(x), .object(y)):
            let left = x.filter { !RerunCommand.unreproducible.contains($0.0) }
            let right = y.filter { !RerunCommand.unreproducible.contains($0.0) }
            guard left.map(\.0) == right.map(\.0) else {
                return "keys at \(path.isEmpty ? "top level" : path) are \(left.map(\.0)), the rerun has \(right.map(\.0))"
            }
            for (p, q) in zip(left, right) {
                if let d = difference(p.1, q.1, at: path + "." + p.0) { return d }
            }
            return nil
        case let (.array(x), .array(y)):
            guard x.count == y.count else { return "\(path) has \(x.count) items, the rerun \(y.count)" }
            for (i, (p, q)) in zip(x, y).enumerated() {
                if let d = difference(p, q, at: path + "[\(i)]") { return d }
            }
            return nil
        default:
            return a == b ? nil : "\(path) was \(a.text), the rerun gives \(b.text)"
        }
    }
}
