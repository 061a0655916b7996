
/// The type of one output field, as Docs/schemas/ states it. The same field
/// name has the same type in every command (Docs/CLI.md, "Output schema").
package enum FieldType: Equatable {
    /// A JSON number; a non-finite value is the string `"inf"`, `"-inf"` or
    /// `"nan"` in JSON and the same word in CSV.
    case number
    /// A whole number (counts: trials, draws, indices).
    case integer
    /// A string, optionally one of a fixed list of words.
    case text([String]?)
    case boolean
    /// A list of numbers; JSON only (CSV and tables leave it out).
    case numbers
}

/// One field of a result kind: its name (camelCase), type, table label, and
/// how to read it from a row. `nullable` fields are `null` (empty in CSV)
/// where the quantity does not exist for that result.
package struct FieldSpec {
    package init(name: String, type: FieldType, label: String, nullable: Bool = false, optional: Bool = false,
                 tableHidden: Bool = false) {
        (self.name, self.type, self.label, self.nullable, self.optional, self.tableHidden) = (name, type, label,
            nullable, optional, tableHidden)
    }

    package var name: String
    package var type: FieldType
    package var label: String
    package var nullable = false
    /// Present only in some runs (e.g. the simulation columns of a sweep).
    package var optional = false
    /// JSON and CSV only: too long for a table column (a table prints it as a note).
    package var tableHidden = false
}

package struct Column<Row> {
    package init(spec: FieldSpec, value: @escaping (Row) -> JSONValue, display: ((Row) -> String)? = nil) {
        (self.spec, self.value, self.display) = (spec, value, display)
    }

    package var spec: FieldSpec
    package var value: (Row) -> JSONValue
    /// Table text, when it is not the number's ten digits.
    package var display: ((Row) -> String)?

    package static func number(_ name: String, _ label: String, optional: Bool = false,
                       _ value: @escaping (Row) -> Double) -> Column {
        Column(spec: FieldSpec(name: name, type: .number, label: label, optional: optional),
               value: { .number(value($0)) })
    }

    /// A number that is `null` where it does not exist.
    package static func maybeNumber(_ name: String, _ label: String, optional: Bool = false,
                            _ value: @escaping (Row) -> Double?) -> Column {
        Column(spec: FieldSpec(name: name, type: .number, label: label, nullable: true, optional: optional),
               value: { value($0).map(JSONValue.number) ?? .null })
    }

    /// A statistic of trials or draws (a standard error, a z-score, a
    /// ratio): `null` where it is undefined (one trial's standard error, 0/0)
    /// or infinite through a zero denominator, never `"nan"` or `"inf"`
    /// (Docs/CLI.md, "null").
    package static func statistic(_ name: String, _ label: String, optional: Bool = false,
                          _ value: @escaping (Row) -> Double?) -> Column {
        maybeNumber(name, label, optional: optional) { value($0)?.finiteOrNil }
    }

    package static func integer(_ name: String, _ label: String, optional: Bool = false,
                        _ value: @escaping (Row) -> Int) -> Column {
        Column(spec: FieldSpec(name: name, type: .integer, label: label, optional: optional),
               value: { .integer(value($0)) })
    }

    package static func text(_ name: String, _ label: String, allowed: [String]? = nil, optional: Bool = false,
                     _ value: @escaping (Row) -> String) -> Column {
        Column(spec: FieldSpec(name: name, type: .text(allowed), label: label, optional: optional),
               value: { .string(value($0)) })
    }

    package static func maybeText(_ name: String, _ label: String, allowed: [String]? = nil, optional: Bool = false,
                          _ value: @escaping (Row) -> String?) -> Column {
        Column(spec: FieldSpec(name: name, type: .text(allowed), label: label, nullable: true, optional: optional),
               value: { value($0).map(JSONValue.string) ?? .null })
    }

    package static func boolean(_ name: String, _ label: String, optional: Bool = false,
                        _ value: @escaping (Row) -> Bool) -> Column {
        Column(spec: FieldSpec(name: name, type: .boolean, label: label, optional: optional),
               value: { .bool(value($0)) })
    }

    package static func numbers(_ name: String, optional: Bool = false, _ value: @escaping (Row) -> [Double]) -> Column {
        Column(spec: FieldSpec(name: name, type: .numbers, label: name, optional: optional),
               value: { .array(value($0).map(JSONValue.number)) })
    }

    /// The same column, left out of tables.
    package func hiddenInTable() -> Column {
        var copy = self
        copy.spec.tableHidden = true
        return copy
    }

    /// The same column with a table text of its own.
    package func shown(_ display: @escaping (Row) -> String) -> Column {
        var copy = self
        copy.display = display
        return copy
    }
}

/// Rows of one result kind, erased to values: what the writer renders.
package struct RecordTable {
    package var fields: [FieldSpec]
    package var rows: [[JSONValue]]
    /// Table text per row and field (nil: the writer's default).
    package var display: [[String?]]

    /// The rows through `columns`, leaving out the optional columns not in
    /// `including`.
    package init<Row>(_ columns: [Column<Row>], _ rows: [Row], including: Set<String> = []) {
        let used = columns.filter { !$0.spec.optional || including.contains($0.spec.name) }
        fields = used.map(\.spec)
        self.rows = rows.map { row in used.map { $0.value(row) } }
        display = rows.map { row in used.map { $0.display?(row) } }
    }
}
