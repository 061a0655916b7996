import Foundation

/// The run an output file records (JSON, CSV, spectrum lines or an SVG
/// figure, each as `OutputDocument` writes its provenance), and the
/// comparison of two outputs that `scaling-laws rerun` makes.
package struct RecordedRun {
    package enum Kind { case json, csv, lines, svg }
    package var kind: Kind
    package var command: String
    package var version: String
    package var inputs: [(String, JSONValue)]
    /// The `--format` that wrote it (stdout commands).
    package var format: String?

    /// Fields that measure the run rather than the result: the version and
    /// the wall-clock times (`seconds`, `readSeconds`, `analysisSeconds`, ...).
    package static func isUnreproducible(_ name: String) -> Bool {
        name == "version" || name == "seconds" || name.hasSuffix("Seconds")
    }

    package init(_ text: String, path: String) throws {
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
    package static func difference(_ a: String, _ b: String, kind: Kind) throws -> String? {
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
                lines[i] = summary + JSONValue.object(fields.filter { !Self.isUnreproducible($0.0) }).text
            }
        }
        guard let header = lines.firstIndex(where: { !$0.hasPrefix("#") }) else { return lines }
        let names = lines[header].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let blank = Set(names.indices.filter { Self.isUnreproducible(names[$0]) })
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
            let left = x.filter { !Self.isUnreproducible($0.0) }
            let right = y.filter { !Self.isUnreproducible($0.0) }
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
