import Foundation

/// Plain-text tables for `--format table`.
package enum TableFormat {
    /// Ten significant digits, `inf` for +infinity, `undefined` for NaN.
    package static func number(_ x: Double) -> String {
        if x.isNaN { return "undefined" }
        if x == .infinity { return "inf" }
        if x == -.infinity { return "-inf" }
        if x == 0 { return "0" }
        return String(format: "%.10g", x)
    }

    /// Two aligned columns.
    package static func keyValue(_ rows: [(String, String)]) -> String {
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { $0.0.padding(toLength: width + 2, withPad: " ", startingAt: 0) + $0.1 + "\n" }.joined()
    }

    /// Columns with a header row, right-aligned.
    package static func grid(header: [String], rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { c in all.map { $0[c].count }.max() ?? 0 }
        return all.map { row in
            row.indices.map { c in String(repeating: " ", count: widths[c] - row[c].count) + row[c] }
                .joined(separator: "  ") + "\n"
        }.joined()
    }
}
