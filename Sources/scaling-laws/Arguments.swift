import Foundation

/// A command-line mistake: unknown flag, missing or malformed value.
/// Reported as one line on stderr with exit status 2.
struct UsageError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A flag a command accepts: `--name VALUE`, or `--name` alone for switches.
struct Flag {
    var name: String
    var valueName: String?
    var help: String
    var isSwitch: Bool { valueName == nil }

    static func value(_ name: String, _ valueName: String, _ help: String) -> Flag {
        Flag(name: name, valueName: valueName, help: help)
    }
    static func toggle(_ name: String, _ help: String) -> Flag {
        Flag(name: name, valueName: nil, help: help)
    }
}

/// Parsed flags of one command. Accepts `--name value` and `--name=value`;
/// rejects unknown flags, repeated flags, stray positional words and
/// missing values.
struct Arguments {
    private var values: [String: String] = [:]
    private var switches: Set<String> = []

    init(_ words: [String], flags: [Flag]) throws {
        let known = Dictionary(flags.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var i = 0
        while i < words.count {
            let word = words[i]
            guard word.hasPrefix("--"), word.count > 2 else {
                throw UsageError("unexpected argument '\(Self.quoted(word))'")
            }
            var name = String(word.dropFirst(2))
            var inline: String?
            if let eq = name.firstIndex(of: "=") {
                inline = String(name[name.index(after: eq)...])
                name = String(name[..<eq])
            }
            guard let flag = known[name] else { throw UsageError("unknown flag --\(Self.quoted(name))") }
            guard values[name] == nil, !switches.contains(name) else {
                throw UsageError("flag --\(name) given twice")
            }
            if flag.isSwitch {
                guard inline == nil else { throw UsageError("flag --\(name) takes no value") }
                switches.insert(name)
            } else if let inline {
                values[name] = inline
            } else {
                guard i + 1 < words.count else { throw UsageError("flag --\(name) needs a value") }
                i += 1
                values[name] = words[i]
            }
            i += 1
        }
    }

    func has(_ name: String) -> Bool { values[name] != nil || switches.contains(name) }
    func isOn(_ name: String) -> Bool { switches.contains(name) }
    func string(_ name: String) -> String? { values[name] }

    /// A real number; `inf` is accepted here and left to the library to judge.
    func double(_ name: String) throws -> Double? {
        guard let text = values[name] else { return nil }
        guard let value = Double(text.trimmingCharacters(in: .whitespaces)), !value.isNaN else {
            throw UsageError("--\(name) needs a number, got '\(Self.quoted(text))'")
        }
        return value
    }

    func double(_ name: String, default value: Double) throws -> Double {
        try double(name) ?? value
    }

    func requiredDouble(_ name: String) throws -> Double {
        guard let value = try double(name) else { throw UsageError("missing --\(name)") }
        return value
    }

    /// Whole-number flags are counts and sizes: beyond 2^31 - 1 none could
    /// run, and the bound keeps every product of two of them inside Int.
    static let largestWholeNumber = Int(Int32.max)

    func int(_ name: String) throws -> Int? {
        guard let text = values[name] else { return nil }
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)) else {
            throw UsageError("--\(name) needs a whole number, got '\(Self.quoted(text))'")
        }
        guard abs(value) <= Self.largestWholeNumber else {
            throw UsageError("--\(name) must be at most \(Self.largestWholeNumber), got \(value)")
        }
        return value
    }

    func int(_ name: String, default value: Int) throws -> Int {
        try int(name) ?? value
    }

    /// One of a fixed list of words.
    func choice(_ name: String, _ options: [String], default value: String) throws -> String {
        guard let text = values[name] else { return value }
        guard options.contains(text) else {
            throw UsageError("--\(name) must be one of \(options.joined(separator: "|")), got '\(Self.quoted(text))'")
        }
        return text
    }
}
