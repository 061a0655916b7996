/// Every error of the fitting module, each naming what to fix: the row of the
/// runs (1-based, counting the header of a CSV as row 1 so that it is the
/// line number an editor shows), the column, or the parameter.
public enum FitError: Error, Equatable, CustomStringConvertible, Sendable {
    /// A value that is not a positive finite number (N, D, loss), or a
    /// negative or non-finite standard error or ridge. `row` is the CSV line
    /// (or the 1-based index of an array).
    case invalidValue(row: Int, column: String, text: String, requirement: String)
    /// A required column absent from the header.
    case missingColumn(String, header: [String])
    /// A row with another number of fields than the header.
    case wrongFieldCount(row: Int, expected: Int, found: Int)
    /// The same (N, D, gamma) twice.
    case duplicateRow(row: Int, firstRow: Int)
    /// Fewer runs than the form has parameters.
    case tooFewRuns(count: Int, parameters: Int, form: String)
    /// A file that is not plain LF-terminated UTF-8 CSV (a byte-order mark,
    /// CRLF line ends, invalid UTF-8).
    case badEncoding(row: Int, reason: String)
    /// Arrays of different lengths (the Swift, C and Python entry points).
    case lengthMismatch(String)
    /// An option outside its domain.
    case invalidOption(name: String, value: String, requirement: String)
    /// Every start of the minimizer failed.
    case noOptimum(form: String, detail: String)

    public var description: String {
        switch self {
        case let .invalidValue(row, column, text, requirement):
            return "row \(row): \(column) = '\(text)' \(requirement)"
        case let .missingColumn(name, header):
            return "row 1: no column '\(name)' in the header (\(header.joined(separator: ","))); --columns renames columns"
        case let .wrongFieldCount(row, expected, found):
            return "row \(row): \(found) fields, the header has \(expected)"
        case let .duplicateRow(row, firstRow):
            return "row \(row): the same N, D (and gamma) as row \(firstRow); average repeated runs into one row with an se"
        case let .tooFewRuns(count, parameters, form):
            return "\(count) runs, fewer than the \(parameters) parameters of the \(form) form"
        case let .badEncoding(row, reason):
            return "row \(row): \(reason)"
        case let .lengthMismatch(message):
            return "arrays of different lengths: \(message)"
        case let .invalidOption(name, value, requirement):
            return "invalid \(name) = \(value): \(requirement)"
        case let .noOptimum(form, detail):
            return "no start of the \(form) fit reached an optimum: \(detail)"
        }
    }
}
