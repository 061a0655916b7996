import Glibc

/// The measured runs a scaling law is fitted to: one row per trained model.
///
/// - `N`: the model size (parameters, or the random-feature model's features),
/// - `D`: the training set size (tokens, samples; the model's P),
/// - `loss`: the measured test loss, a positive number (the fit works on log L),
/// - `se` (optional): the standard error of `loss`, same units; enables the
///   parametric bootstrap,
/// - `gamma` (optional): the ridge of each run, for the `model` form.
///
/// `row` numbers are what errors name: the CSV line, or the 1-based index.
public struct ScalingRuns: Sendable, Equatable {
    public var N: [Double]
    public var D: [Double]
    public var loss: [Double]
    public var standardError: [Double]?
    public var ridge: [Double]?
    /// The CSV line (or 1-based index) of each run.
    public var rows: [Int]

    public var count: Int { N.count }

    /// Checks every value: N, D and loss positive and finite; se and gamma
    /// finite and >= 0; no two runs at the same (N, D, gamma).
    public init(N: [Double], D: [Double], loss: [Double], standardError: [Double]? = nil, ridge: [Double]? = nil,
                rows: [Int]? = nil) throws {
        guard D.count == N.count, loss.count == N.count, standardError.map({ $0.count == N.count }) ?? true,
              ridge.map({ $0.count == N.count }) ?? true, rows.map({ $0.count == N.count }) ?? true else {
            throw FitError.lengthMismatch("N has \(N.count), D \(D.count), loss \(loss.count)"
                + (standardError.map { ", se \($0.count)" } ?? "") + (ridge.map { ", gamma \($0.count)" } ?? ""))
        }
        let rows = rows ?? Array(1...max(1, N.count)).prefix(N.count).map { $0 }
        func check(_ values: [Double], _ name: String, positive: Bool) throws {
            for (i, x) in values.enumerated() where !(x.isFinite && (positive ? x > 0 : x >= 0)) {
                throw FitError.invalidValue(row: rows[i], column: name, text: "\(x)",
                                            requirement: positive ? "must be a positive finite number"
                                                : "must be a finite number >= 0")
            }
        }
        try check(N, "N", positive: true)
        try check(D, "D", positive: true)
        try check(loss, "loss", positive: true)
        if let standardError { try check(standardError, "se", positive: false) }
        if let ridge { try check(ridge, "gamma", positive: false) }
        var seen: [[Double]: Int] = [:]
        for i in N.indices {
            let key = [N[i], D[i], ridge?[i] ?? 0]
            if let first = seen[key] { throw FitError.duplicateRow(row: rows[i], firstRow: first) }
            seen[key] = rows[i]
        }
        self.N = N
        self.D = D
        self.loss = loss
        self.standardError = standardError
        self.ridge = ridge
        self.rows = rows
    }

    /// The runs whose indices are given, in that order.
    public func subset(_ indices: [Int]) throws -> ScalingRuns {
        try ScalingRuns(N: indices.map { N[$0] }, D: indices.map { D[$0] }, loss: indices.map { loss[$0] },
                        standardError: standardError.map { se in indices.map { se[$0] } },
                        ridge: ridge.map { g in indices.map { g[$0] } }, rows: indices.map { rows[$0] })
    }
}

/// Reading runs from CSV text.
extension ScalingRuns {
    /// The columns read, by their canonical names.
    public static let canonicalColumns = ["N", "D", "loss", "se", "gamma"]

    /// Parses CSV text: a header line, then one run per line. Lines starting
    /// with `#` and blank lines are skipped (so a CSV written by this package
    /// reads back). `D` may be named `P`. `columns` maps a canonical name
    /// (`N`, `D`, `loss`, `se`, `gamma`) to the header's name for it. Other
    /// columns are ignored. The text must be UTF-8 without a byte-order mark
    /// and with LF line ends: a BOM or a CR is an error naming its line, so
    /// that a file exported by a spreadsheet is not half-read.
    public init(csv text: String, columns: [String: String] = [:]) throws {
        let table = try NumericTable(csv: text, required: ["N", "D", "loss"], optional: ["se", "gamma"], columns: columns)
        try self.init(N: table.values["N"]!, D: table.values["D"]!, loss: table.values["loss"]!,
                      standardError: table.values["se"], ridge: table.values["gamma"], rows: table.rows)
    }

    /// Points to forecast at from CSV text: columns N, D (or P) and optionally
    /// gamma, read as `init(csv:columns:)` reads runs.
    public static func points(csv text: String, columns: [String: String] = [:]) throws
        -> [(N: Double, D: Double, ridge: Double)] {
        let table = try NumericTable(csv: text, required: ["N", "D"], optional: ["gamma"],
                                     columns: columns.filter { ["N", "D", "gamma"].contains($0.key) })
        for (name, positive) in [("N", true), ("D", true), ("gamma", false)] {
            for (i, x) in (table.values[name] ?? []).enumerated() where !(x.isFinite && (positive ? x > 0 : x >= 0)) {
                throw FitError.invalidValue(row: table.rows[i], column: name, text: "\(x)",
                                            requirement: positive ? "must be a positive finite number" : "must be a finite number >= 0")
            }
        }
        let n = table.values["N"]!, d = table.values["D"]!
        let g = table.values["gamma"] ?? Array(repeating: 0, count: n.count)
        return n.indices.map { (n[$0], d[$0], g[$0]) }
    }
}

/// The numeric columns of a CSV text by canonical name, and each row's line.
struct NumericTable {
    var values: [String: [Double]] = [:]
    var rows: [Int] = []

    init(csv text: String, required: [String], optional: [String], columns: [String: String]) throws {
        let bytes = text.utf8
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            throw FitError.badEncoding(row: 1, reason: "the file starts with a byte-order mark (BOM); save it as plain UTF-8")
        }
        // Bytes, not Characters: Swift reads "\r\n" as one Character, which
        // would hide the carriage return from a split on "\n".
        if let cr = bytes.firstIndex(of: 13) {
            let row = 1 + bytes[..<cr].lazy.filter { $0 == 10 }.count
            throw FitError.badEncoding(row: row, reason: "CRLF line end (a carriage return); save the file with LF line ends")
        }
        for name in columns.keys where !(required + optional).contains(name) {
            throw FitError.invalidOption(name: "columns", value: name,
                                         requirement: "renames one of \((required + optional).joined(separator: ", "))")
        }
        var header: [String]?
        var index: [String: Int] = [:]
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let row = i + 1
            let line = trimmed(raw)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
                .map(trimmed)
            guard let names = header else {
                header = fields
                for name in required + optional {
                    let candidates = columns[name].map { [$0] } ?? (name == "D" ? ["D", "P"] : [name])
                    if let j = candidates.lazy.compactMap({ fields.firstIndex(of: $0) }).first {
                        index[name] = j
                        values[name] = []
                    } else if required.contains(name) || columns[name] != nil {
                        throw FitError.missingColumn(columns[name] ?? name, header: fields)
                    }
                }
                continue
            }
            guard fields.count == names.count else {
                throw FitError.wrongFieldCount(row: row, expected: names.count, found: fields.count)
            }
            for (name, j) in index {
                guard let x = Double(fields[j]) else {
                    throw FitError.invalidValue(row: row, column: names[j], text: fields[j], requirement: "is not a number")
                }
                values[name]!.append(x)
            }
            rows.append(row)
        }
        guard header != nil else { throw FitError.missingColumn(required[0], header: []) }
    }
}

/// The text without leading and trailing spaces and tabs.
func trimmed(_ text: Substring) -> String {
    let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
    guard let first = text.firstIndex(where: { !blank($0) }), let last = text.lastIndex(where: { !blank($0) }) else { return "" }
    return String(text[first...last])
}
