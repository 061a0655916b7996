import Foundation

/// A validator for the subset of JSON Schema (draft 2020-12) that
/// Docs/schemas/ uses: `type` (one name or a list), `enum`, `const`, `anyOf`,
/// `required`, `properties`, `additionalProperties` (true/false), `items`, and
/// `$ref` to `#/$defs/NAME`. Values are as JSONSerialization returns them.
/// An unknown keyword is an error, so the schemas cannot outgrow it unseen.
struct JSONSchemaValidator {
    let root: [String: Any]
    static let keywords: Set<String> = ["$schema", "$comment", "$defs", "title", "type", "enum", "const", "anyOf",
                                        "required", "properties", "additionalProperties", "items", "$ref"]

    /// Every violation, each with its path; empty when the value conforms.
    func errors(_ value: Any) -> [String] {
        check(value, against: root, at: "$")
    }

    private func check(_ value: Any, against schema: [String: Any], at path: String) -> [String] {
        var errors: [String] = []
        for key in schema.keys where !Self.keywords.contains(key) {
            errors.append("\(path): schema keyword \(key) is not supported by this validator")
        }
        if let reference = schema["$ref"] as? String {
            let name = reference.replacingOccurrences(of: "#/$defs/", with: "")
            guard let definitions = root["$defs"] as? [String: Any], let target = definitions[name] as? [String: Any]
            else { return errors + ["\(path): unresolved $ref \(reference)"] }
            errors += check(value, against: target, at: path)
        }
        if let type = schema["type"] {
            let names = (type as? [String]) ?? [type as? String].compactMap { $0 }
            if !names.contains(where: { Self.has(value, type: $0) }) {
                errors.append("\(path): \(Self.describe(value)) is not of type \(names.joined(separator: "|"))")
            }
        }
        if let allowed = schema["enum"] as? [Any], !allowed.contains(where: { Self.equal($0, value) }) {
            errors.append("\(path): \(Self.describe(value)) is not one of \(allowed)")
        }
        if let constant = schema["const"], !Self.equal(constant, value) {
            errors.append("\(path): \(Self.describe(value)) is not \(constant)")
        }
        if let options = schema["anyOf"] as? [[String: Any]],
           !options.contains(where: { check(value, against: $0, at: path).isEmpty }) {
            errors.append("\(path): \(Self.describe(value)) matches none of the anyOf options")
        }
        if let object = value as? [String: Any], Self.has(value, type: "object") {
            for key in schema["required"] as? [String] ?? [] where object[key] == nil {
                errors.append("\(path): missing required \(key)")
            }
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for (key, item) in object {
                if let property = properties[key] as? [String: Any] {
                    errors += check(item, against: property, at: path + "." + key)
                } else if schema["additionalProperties"] as? Bool == false {
                    errors.append("\(path): unexpected key \(key)")
                }
            }
        }
        if let items = schema["items"] as? [String: Any], let array = value as? [Any], Self.has(value, type: "array") {
            for (index, item) in array.enumerated() {
                errors += check(item, against: items, at: path + "[\(index)]")
            }
        }
        return errors
    }

    private static func isBool(_ value: Any) -> Bool {
        guard let number = value as? NSNumber else { return false }
        return String(cString: number.objCType) == "c" || type(of: value) == Bool.self
    }

    static func has(_ value: Any, type: String) -> Bool {
        switch type {
        case "object": return value is [String: Any]
        case "array": return value is [Any] && !(value is [String: Any])
        case "string": return value is String
        case "null": return value is NSNull
        case "boolean": return isBool(value)
        case "number": return !isBool(value) && value is NSNumber
        case "integer":
            guard !isBool(value), let number = value as? NSNumber else { return false }
            return number.doubleValue == number.doubleValue.rounded()
        default: return false
        }
    }

    static func equal(_ a: Any, _ b: Any) -> Bool {
        if let x = a as? String, let y = b as? String { return x == y }
        if isBool(a) || isBool(b) { return isBool(a) && isBool(b) && (a as? Bool) == (b as? Bool) }
        if let x = a as? NSNumber, let y = b as? NSNumber, !(a is String), !(b is String) { return x == y }
        if a is NSNull, b is NSNull { return true }
        return false
    }

    private static func describe(_ value: Any) -> String {
        if let data = try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed]) {
            return String(decoding: data.prefix(120), as: UTF8.self)
        }
        return "\(value)"
    }
}
