import Foundation

/// `scaling-laws schema COMMAND`: the JSON Schema (draft 2020-12) of a
/// command's JSON output, generated from the same field lists the writer
/// uses. Docs/schemas/COMMAND.schema.json are its outputs (`make schemas`).
enum SchemaCommand: Command {
    static let name = "schema"
    static let summary = "Print the JSON Schema of a command's JSON output (Docs/schemas/)."
    static let positional: String? = "command"
    static let flags: [Flag] = [.value("command", "NAME", "the command whose output it describes (also: schema NAME)")]
    static let requiredFlags: Set<String> = ["command"]

    static func run(_ arguments: Arguments) throws -> Int32 {
        guard let target = arguments.string("command") else { throw UsageError("missing COMMAND (scaling-laws schema COMMAND)") }
        let described = commands.filter { $0.schema != nil }
        guard let command = described.first(where: { $0.name == target }), let schema = command.schema else {
            let hint = closest(to: target, among: described.map { $0.name }).map { " (did you mean \($0)?)" } ?? ""
            throw UsageError("no output schema for '\(target)'\(hint); commands with one: "
                             + described.map { $0.name }.joined(separator: ", "))
        }
        Console.write(jsonSchema(command, schema).pretty + "\n")
        return 0
    }

    static func jsonSchema(_ command: any Command.Type, _ schema: OutputSchema) -> JSONValue {
        var inputProperties: [(String, JSONValue)] = []
        for flag in command.flags where !InputLog.excluded.contains(flag.name) {
            inputProperties.append((InputLog.key(flag.name), InputLog.types[flag.name].map { type(of: $0) } ?? .object([])))
        }
        var properties: [(String, JSONValue)] = [
            ("command", .object([("const", .string(command.name))])),
            ("version", .object([("type", .string("string"))])),
            ("inputs", .object([("type", .string("object")), ("additionalProperties", .bool(false)),
                                ("properties", .object(inputProperties))])),
        ]
        var required = ["command", "version", "inputs"]
        properties += schema.summary.map { ($0.name, Self.property($0)) }
        required += schema.summary.filter { !$0.optional }.map(\.name)
        if let key = schema.listKey {
            properties.append((key, .object([
                ("type", .string("array")),
                ("items", object(schema.list.map { ($0.name, Self.property($0)) },
                                 required: schema.list.filter { !$0.optional }.map(\.name))),
            ])))
            required.append(key)
        }
        return .object([("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
                         ("title", .string("scaling-laws \(command.name) --format json"))]
                        + object(properties, required: required).objectFields)
    }

    private static func object(_ properties: [(String, JSONValue)], required: [String]) -> JSONValue {
        .object([("type", .string("object")), ("additionalProperties", .bool(false)),
                 ("required", .array(required.map(JSONValue.string))), ("properties", .object(properties))])
    }

    /// A number is a JSON number or one of the strings "inf", "-inf", "nan".
    static func type(of type: FieldType) -> JSONValue {
        switch type {
        case .number:
            return .object([("anyOf", .array([.object([("type", .string("number"))]),
                                              .object([("enum", .array(["inf", "-inf", "nan"].map(JSONValue.string)))])]))])
        case .integer: return .object([("type", .string("integer"))])
        case let .text(allowed):
            return .object([("type", .string("string"))] + (allowed.map { [("enum", .array($0.map(JSONValue.string)))] } ?? []))
        case .boolean: return .object([("type", .string("boolean"))])
        case .numbers: return .object([("type", .string("array")), ("items", Self.type(of: .number))])
        }
    }

    private static func property(_ field: FieldSpec) -> JSONValue {
        let base = type(of: field.type)
        guard field.nullable else { return base }
        return .object([("anyOf", .array([base, .object([("type", .string("null"))])]))])
    }
}

extension JSONValue {
    var objectFields: [(String, JSONValue)] {
        if case let .object(fields) = self { return fields }
        return []
    }

    /// Indented, for files people read.
    var pretty: String { pretty(indent: "") }

    private func pretty(indent: String) -> String {
        let inner = indent + "  "
        switch self {
        case let .object(fields) where !fields.isEmpty:
            return "{\n" + fields.map { inner + JSONValue.quote($0.0) + ": " + $0.1.pretty(indent: inner) }
                .joined(separator: ",\n") + "\n" + indent + "}"
        case let .array(items) where items.contains(where: { if case .object = $0 { return true } else { return false } }):
            return "[\n" + items.map { inner + $0.pretty(indent: inner) }.joined(separator: ",\n") + "\n" + indent + "]"
        default:
            return text
        }
    }
}
