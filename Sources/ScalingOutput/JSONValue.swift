
/// A JSON document with ordered object keys, written by hand so that numbers
/// keep their shortest round-trip form and keys stay in a stable order.
///
/// Strict RFC 8259: a non-finite number is written as one of the strings
/// `"inf"`, `"-inf"` or `"nan"` (the spellings the flags accept and
/// Python's `float()` reads), never as a bare `NaN`/`Infinity` token. `null`
/// means "does not exist for this result" (Docs/CLI.md, "Output schema").
package indirect enum JSONValue: Equatable {
    case number(Double)
    case integer(Int)
    case string(String)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([(String, JSONValue)])

    /// The spelling of a number in every format: shortest round trip, or
    /// `inf`, `-inf`, `nan`.
    package static func spell(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x == .infinity { return "inf" }
        if x == -.infinity { return "-inf" }
        return "\(x)"
    }

    package var text: String {
        switch self {
        case let .number(x): return x.isFinite ? "\(x)" : JSONValue.quote(JSONValue.spell(x))
        case let .integer(i): return "\(i)"
        case let .string(s): return JSONValue.quote(s)
        case let .bool(b): return b ? "true" : "false"
        case .null: return "null"
        case let .array(items): return "[" + items.map(\.text).joined(separator: ", ") + "]"
        case let .object(fields):
            return "{" + fields.map { JSONValue.quote($0.0) + ": " + $0.1.text }.joined(separator: ", ") + "}"
        }
    }

    /// The value under `key` of an object.
    package subscript(key: String) -> JSONValue? {
        guard case let .object(fields) = self else { return nil }
        return fields.first { $0.0 == key }?.1
    }

    package static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case let (.number(x), .number(y)): return x == y || (x.isNaN && y.isNaN)
        case let (.integer(x), .integer(y)): return x == y
        case let (.string(x), .string(y)): return x == y
        case let (.bool(x), .bool(y)): return x == y
        case (.null, .null): return true
        case let (.array(x), .array(y)): return x == y
        case let (.object(x), .object(y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    package static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 {
                    out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                        + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

extension JSONValue {
    package struct ParseError: Error, CustomStringConvertible {
        package var description: String
    }

    /// Parses one JSON document. Numbers without a fraction or exponent are
    /// `.integer`, others `.number` (so a written document reads back as the
    /// same values).
    package static func parse(_ text: String) throws -> JSONValue {
        var parser = Parser(scalars: Array(text.unicodeScalars))
        let value = try parser.value()
        parser.skipSpace()
        guard parser.index == parser.scalars.count else { throw parser.error("trailing characters") }
        return value
    }

    private struct Parser {
        package let scalars: [Unicode.Scalar]
        package var index = 0

        package func error(_ what: String) -> ParseError { ParseError(description: "\(what) at character \(index)") }

        package mutating func skipSpace() {
            while index < scalars.count, [" ", "\n", "\t", "\r"].contains(scalars[index]) { index += 1 }
        }

        package mutating func literal(_ word: String) -> Bool {
            let chars = Array(word.unicodeScalars)
            guard index + chars.count <= scalars.count, Array(scalars[index..<index + chars.count]) == chars else {
                return false
            }
            index += chars.count
            return true
        }

        /// The comma-separated items of an object or array after its opening
        /// bracket, each read by `item`, through the closing one.
        mutating func items<Item>(closedBy close: Unicode.Scalar, _ item: (inout Parser) throws -> Item) throws -> [Item] {
            index += 1
            var items: [Item] = []
            skipSpace()
            if index < scalars.count, scalars[index] == close { index += 1; return items }
            while true {
                skipSpace()
                items.append(try item(&self))
                skipSpace()
                guard index < scalars.count else { throw error("unexpected end") }
                if scalars[index] == "," { index += 1; continue }
                guard scalars[index] == close else { throw error("expected ',' or '\(close)'") }
                index += 1
                return items
            }
        }

        package mutating func value() throws -> JSONValue {
            skipSpace()
            guard index < scalars.count else { throw error("unexpected end") }
            switch scalars[index] {
            case "{":
                return .object(try items(closedBy: "}") { parser in
                    guard case let .string(key) = try parser.value() else { throw parser.error("expected a key") }
                    parser.skipSpace()
                    guard parser.index < parser.scalars.count, parser.scalars[parser.index] == ":" else {
                        throw parser.error("expected ':'")
                    }
                    parser.index += 1
                    return (key, try parser.value())
                })
            case "[":
                return .array(try items(closedBy: "]") { try $0.value() })
            case "\"":
                index += 1
                var out = String.UnicodeScalarView()
                while index < scalars.count, scalars[index] != "\"" {
                    if scalars[index] == "\\" {
                        index += 1
                        guard index < scalars.count else { break }
                        switch scalars[index] {
                        case "n": out.append("\n")
                        case "t": out.append("\t")
                        case "r": out.append("\r")
                        case "b": out.append("\u{8}")
                        case "f": out.append("\u{c}")
                        case "u":
                            guard index + 4 < scalars.count,
                                  let code = UInt32(String(String.UnicodeScalarView(scalars[index + 1...index + 4])), radix: 16),
                                  let scalar = Unicode.Scalar(code) else { throw error("bad \\u escape") }
                            out.append(scalar)
                            index += 4
                        default: out.append(scalars[index])
                        }
                    } else {
                        out.append(scalars[index])
                    }
                    index += 1
                }
                guard index < scalars.count else { throw error("unterminated string") }
                index += 1
                return .string(String(out))
            default:
                if literal("true") { return .bool(true) }
                if literal("false") { return .bool(false) }
                if literal("null") { return .null }
                let start = index
                while index < scalars.count, "+-0123456789.eE".unicodeScalars.contains(scalars[index]) { index += 1 }
                let token = String(String.UnicodeScalarView(scalars[start..<index]))
                if !token.contains(where: { ".eE".contains($0) }), let i = Int(token) { return .integer(i) }
                guard !token.isEmpty, let x = Double(token) else { throw error("bad value") }
                return .number(x)
            }
        }
    }
}

extension JSONValue {
    package var objectFields: [(String, JSONValue)] {
        if case let .object(fields) = self { return fields }
        return []
    }

    /// Indented, for files people read.
    package var pretty: String { pretty(indent: "") }

    private func pretty(indent: String) -> String {
        let inner = indent + "  "
        if text.count + indent.count <= 100 { return text }
        switch self {
        case let .object(fields) where !fields.isEmpty:
            return "{\n" + fields.map { inner + JSONValue.quote($0.0) + ": " + $0.1.pretty(indent: inner) }
                .joined(separator: ",\n") + "\n" + indent + "}"
        case let .array(items) where !items.isEmpty:
            return "[\n" + items.map { inner + $0.pretty(indent: inner) }.joined(separator: ",\n") + "\n" + indent + "]"
        default:
            return text
        }
    }
}
