import Foundation
import ScalingTheory

/// Where results go: stdout, or a buffer while `rerun` captures a run.
package enum Console {
    package nonisolated(unsafe) static var capture: String?

    package static func write(_ text: String) {
        if capture != nil {
            capture! += text
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}

/// The output formats of `--format`.
package enum OutputFormat: String, CaseIterable {
    case json, csv, table
}

/// One command's output: its provenance (command, version, every input that
/// determines it), a one-row summary whose fields sit at the top level, and
/// optionally a list of rows (`points`, `eigenvalues`). The one writer of
/// every command's JSON, CSV and tables, so that names and types cannot
/// drift between commands (Docs/CLI.md, "Output schema").
package struct OutputDocument {
    package init(command: String, inputs: [(String, JSONValue)], summary: RecordTable? = nil,
                 listKey: String = "points", list: RecordTable? = nil, moreLists: [(String, RecordTable)] = [],
                 heading: [String] = [], notes: [String] = []) {
        (self.command, self.inputs, self.summary, self.listKey, self.list, self.heading, self.notes) = (command,
            inputs, summary, listKey, list, heading, notes)
        self.moreLists = moreLists
    }

    package var command: String
    package var inputs: [(String, JSONValue)]
    package var summary: RecordTable?
    package var listKey = "points"
    package var list: RecordTable?
    /// Further lists, JSON only, after `list` (see `OutputSchema.moreLists`).
    package var moreLists: [(String, RecordTable)] = []
    /// Table format only: lines printed before and after the table.
    package var heading: [String] = []
    package var notes: [String] = []

    package var provenance: [(String, JSONValue)] {
        [("command", .string(command)), ("version", .string(ScalingLawsVersion.current)),
         ("inputs", .object(inputs))]
    }

    private static func objects(_ table: RecordTable) -> [[(String, JSONValue)]] {
        table.rows.map { Array(zip(table.fields.map(\.name), $0)) }
    }

    package var summaryFields: [(String, JSONValue)] { summary.flatMap { Self.objects($0).first } ?? [] }

    /// One JSON object on one line.
    package var json: JSONValue {
        var fields = provenance + summaryFields
        if let list { fields.append((listKey, .array(Self.objects(list).map(JSONValue.object)))) }
        for (key, table) in moreLists { fields.append((key, .array(Self.objects(table).map(JSONValue.object)))) }
        return .object(fields)
    }

    /// `# ` comment lines that make a CSV (or a spectrum file) reproducible:
    /// version, command, inputs, and the summary of a listed output.
    package var commentLines: [String] {
        var lines = ["# scaling-laws \(ScalingLawsVersion.current)", "# command: \(command)",
                     "# inputs: \(JSONValue.object(inputs).text)"]
        if list != nil, summary != nil { lines.append("# summary: \(JSONValue.object(summaryFields).text)") }
        return lines
    }

    /// Numbers one a line after the comment lines (the summary's left out)
    /// and `comments`: the files `--spectrum-file`, `--teacher-file` and
    /// `--noise-file` read back.
    package func numberLines(_ values: [Double], comments: [String] = []) -> String {
        (commentLines.filter { !$0.hasPrefix("# summary") } + comments + values.map { "\($0)" }).joined(separator: "\n") + "\n"
    }

    /// The rows (or the summary as one row) with a header line, after the
    /// comment lines. Lists of numbers are JSON only.
    package var csv: String {
        guard let table = list ?? summary else { return commentLines.joined(separator: "\n") + "\n" }
        let keep = table.fields.indices.filter { table.fields[$0].type != .numbers }
        var lines = commentLines
        lines.append(keep.map { table.fields[$0].name }.joined(separator: ","))
        for row in table.rows {
            lines.append(keep.map { Self.csvField(row[$0]) }.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    package static func csvField(_ value: JSONValue) -> String {
        switch value {
        case let .number(x): return JSONValue.spell(x)
        case let .integer(i): return "\(i)"
        case let .bool(b): return b ? "true" : "false"
        case .null: return ""
        case let .string(s):
            return s.contains(where: { ",\"\n".contains($0) }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        case .array, .object: return ""
        }
    }

    package static func tableField(_ value: JSONValue) -> String {
        switch value {
        case let .number(x): return TableFormat.number(x)
        case .null: return "n/a"
        default: return csvField(value)
        }
    }

    /// For people: the summary as label/value lines (fields that do not
    /// exist left out), the list as aligned columns.
    package var table: String {
        var out = heading.map { $0 + "\n" }.joined()
        if let summary, let row = summary.rows.first {
            let pairs = summary.fields.indices.compactMap { i -> (String, String)? in
                guard summary.fields[i].type != .numbers, !summary.fields[i].tableHidden, row[i] != .null else { return nil }
                return (summary.fields[i].label, summary.display[0][i] ?? Self.tableField(row[i]))
            }
            out += TableFormat.keyValue(pairs)
        }
        if let list {
            let keep = list.fields.indices.filter { list.fields[$0].type != .numbers && !list.fields[$0].tableHidden }
            out += TableFormat.grid(header: keep.map { list.fields[$0].label }, rows: list.rows.indices.map { r in
                keep.map { list.display[r][$0] ?? Self.tableField(list.rows[r][$0]) }
            })
        }
        return out + notes.map { $0 + "\n" }.joined()
    }

    package func rendered(_ format: OutputFormat) -> String {
        switch format {
        case .json: return json.text + "\n"
        case .csv: return csv
        case .table: return table
        }
    }

    /// Writes the document to stdout in `format`.
    package func emit(_ format: OutputFormat) {
        Console.write(rendered(format))
    }
}

extension OutputDocument {
    /// An SVG figure with this document's provenance (command, version,
    /// inputs) as JSON in its `<metadata>` element, so that the figure alone
    /// reproduces the run.
    package func svg(_ svg: String) -> String {
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
    package static func provenance(inSVG text: String) -> String? {
        guard let start = text.range(of: "<metadata id=\"scaling-laws-provenance\">"),
              let end = text.range(of: "</metadata>", range: start.upperBound..<text.endIndex) else { return nil }
        return String(text[start.upperBound..<end.lowerBound])
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
