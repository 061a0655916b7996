import Foundation
import ScalingOutput
import ScalingTheory

/// A flag a command accepts: `--name VALUE`, or `--name` alone for switches.
struct Flag {
    var name: String
    var valueName: String?
    var help: String
    /// Old spellings still accepted, with a deprecation note on stderr.
    var deprecatedNames: [String] = []
    var aliases: [String] = []
    var isSwitch: Bool { valueName == nil }

    /// The same flag, also accepted under an old name.
    func formerly(_ names: String...) -> Flag {
        var copy = self
        copy.deprecatedNames += names
        return copy
    }

    /// The same flag, also accepted under another current name (no note).
    func alsoAccepting(_ names: String...) -> Flag {
        var copy = self
        copy.aliases += names
        return copy
    }

    static func value(_ name: String, _ valueName: String, _ help: String) -> Flag {
        Flag(name: name, valueName: valueName, help: help)
    }
    static func toggle(_ name: String, _ help: String) -> Flag {
        Flag(name: name, valueName: nil, help: help)
    }
}

/// The known word closest to `word` by edit distance, if close enough to be
/// a typo ("did you mean").
func closest(to word: String, among candidates: [String]) -> String? {
    // Optimal string alignment distance: insertions, deletions, substitutions
    // and transpositions of neighbours (`alhpa` is one step from `alpha`).
    func distance(_ a: [Character], _ b: [Character]) -> Int {
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[a.count][b.count]
    }
    let target = Array(word.lowercased())
    let scored = candidates.map { ($0, distance(target, Array($0.lowercased()))) }
    guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
    return best.1 <= (word.count <= 3 ? 1 : word.count <= 6 ? 2 : 3) ? best.0 : nil
}

/// Parsed flags of one command. Accepts `--name value` and `--name=value`;
/// rejects unknown flags (suggesting the closest known one), repeated flags,
/// stray positional words and missing values. Every value a command reads
/// (or defaults) is recorded in `log`, the inputs its output echoes.
struct Arguments {
    private var values: [String: String] = [:]
    private var switches: Set<String> = []
    let log = InputLog()
    let flags: [Flag]
    /// The command these flags are for (`simulate`, ...), for shard files.
    private(set) var command = ""
    /// Words that are not flags, for commands that take them (`merge FILES...`).
    private(set) var positionals: [String] = []

    init(_ words: [String], flags: [Flag], command: String = "", positionals allowed: Bool = false) throws {
        self.flags = flags
        self.command = command
        var known = Dictionary(flags.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var renamed: [String: String] = [:]
        var aliased: [String: String] = [:]
        for flag in flags {
            for old in flag.deprecatedNames {
                known[old] = flag
                renamed[old] = flag.name
            }
            for alias in flag.aliases {
                known[alias] = flag
                aliased[alias] = flag.name
            }
        }
        var i = 0
        while i < words.count {
            let word = words[i]
            guard word.hasPrefix("--"), word.count > 2 else {
                guard allowed else { throw UsageError("unexpected argument '\(Self.quoted(word))'") }
                positionals.append(word)
                i += 1
                continue
            }
            var name = String(word.dropFirst(2))
            var inline: String?
            if let eq = name.firstIndex(of: "=") {
                inline = String(name[name.index(after: eq)...])
                name = String(name[..<eq])
            }
            guard let flag = known[name] else {
                let hint = closest(to: name, among: flags.map(\.name) + ["help"]).map { " (did you mean --\($0)?)" } ?? ""
                throw UsageError("unknown flag --\(Self.quoted(name))" + hint)
            }
            if let new = renamed[name] {
                StandardError.write("note: --\(name) is deprecated; use --\(new)\n")
                name = new
            }
            if let canonical = aliased[name] { name = canonical }
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

    /// Every flag given and its value ("" for switches), except `excluded`:
    /// what a shard file records of its command line.
    func flagValues(excluding excluded: Set<String>) -> [String: String] {
        var all = values
        for name in switches { all[name] = "" }
        return all.filter { !excluded.contains($0.key) }
    }

    func has(_ name: String) -> Bool { values[name] != nil || switches.contains(name) }
    func isOn(_ name: String) -> Bool {
        log.record(name, .bool(switches.contains(name)))
        return switches.contains(name)
    }

    func string(_ name: String) -> String? {
        if let text = values[name] { log.record(name, .string(text)) }
        return values[name]
    }

    /// A real number; `inf` is accepted here and left to the library to judge.
    func double(_ name: String) throws -> Double? {
        guard let text = values[name] else { return nil }
        guard let value = Double(text.trimmingCharacters(in: .whitespaces)), !value.isNaN else {
            throw UsageError("--\(name) needs a number, got '\(Self.quoted(text))'")
        }
        log.record(name, .number(value))
        return value
    }

    func double(_ name: String, default value: Double) throws -> Double {
        orDefault(try double(name), value, name, JSONValue.number)
    }

    /// `given`, or `value` (recorded as the input `name`) when the flag is absent.
    private func orDefault<T>(_ given: T?, _ value: T, _ name: String, _ recorded: (T) -> JSONValue) -> T {
        if let given { return given }
        log.record(name, recorded(value))
        return value
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
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let value = Int(trimmed) else {
            // Digits beyond Int's 64 bits (2^63) are a whole number out of range, not a malformed one.
            let digits = trimmed.hasPrefix("-") || trimmed.hasPrefix("+") ? trimmed.dropFirst() : Substring(trimmed)
            if !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) {
                throw UsageError("--\(name) must be between -\(Self.largestWholeNumber) and \(Self.largestWholeNumber), got \(trimmed)")
            }
            throw UsageError("--\(name) needs a whole number, got '\(Self.quoted(text))'")
        }
        // A range test, not `abs`: |Int.min| does not exist as an Int.
        guard value >= -Self.largestWholeNumber, value <= Self.largestWholeNumber else {
            throw UsageError("--\(name) must be between -\(Self.largestWholeNumber) and \(Self.largestWholeNumber), got \(value)")
        }
        log.record(name, .integer(value))
        return value
    }

    func int(_ name: String, default value: Int) throws -> Int {
        orDefault(try int(name), value, name, JSONValue.integer)
    }

    /// One of a fixed list of words.
    func choice(_ name: String, _ options: [String], default value: String) throws -> String {
        guard let text = values[name] else {
            log.record(name, .string(value))
            return value
        }
        guard options.contains(text) else {
            throw UsageError("--\(name) must be one of \(options.joined(separator: "|")), got '\(Self.quoted(text))'")
        }
        log.record(name, .string(text))
        return text
    }

    /// `--format`, one of `allowed` (json, csv and table by default).
    func format(_ allowed: [OutputFormat] = OutputFormat.allCases, default value: OutputFormat = .table) throws
        -> OutputFormat {
        OutputFormat(rawValue: try choice("format", allowed.map(\.rawValue), default: value.rawValue))!
    }

    /// User text (a flag value, a line of a file) made safe for a one-line
    /// message: control characters and non-ASCII escaped, cut short.
    static func quoted(_ text: some StringProtocol, limit: Int = 60) -> String {
        NumericListFile.escaped(String(text), limit: limit)
    }

    /// The inputs recorded so far, in the order of the command's flags.
    var inputs: [(String, JSONValue)] { log.inputs(order: flags.map(\.name)) }
}
