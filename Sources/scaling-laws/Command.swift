import Foundation

/// One subcommand of `scaling-laws`.
protocol Command {
    /// The word after `scaling-laws`.
    static var name: String { get }
    /// One line for the command list.
    static var summary: String { get }
    /// The flags it accepts (besides `--help`).
    static var flags: [Flag] { get }
    /// Runs with parsed flags; returns the exit status.
    static func run(_ arguments: Arguments) throws -> Int32
    /// Whether it takes words that are not flags (`merge FILES...`).
    static var takesPositionals: Bool { get }
}

extension Command {
    static var takesPositionals: Bool { false }

    static func parse(_ words: [String]) throws -> Arguments {
        try Arguments(words, flags: flags, command: name, positionals: takesPositionals)
    }

    /// `--help` text: usage line, summary and one line per flag.
    static var help: String {
        var lines = ["usage: scaling-laws \(name) [flags]", "", summary, "", "flags:"]
        let width = flags.map { $0.name.count + ($0.valueName.map { $0.count + 1 } ?? 0) }.max() ?? 0
        for flag in flags + [.toggle("help", "print this help and exit")] {
            let head = "--\(flag.name)" + (flag.valueName.map { " \($0)" } ?? "")
            lines.append("  " + head.padding(toLength: width + 4, withPad: " ", startingAt: 0) + flag.help)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Writes to standard error.
package enum StandardError {
    package static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
    static var isTerminal: Bool { isatty(fileno(stderr)) != 0 }
}
