import Foundation
import ScalingOutput

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
    /// The flag a bare word stands for (`rerun FILE` is `rerun --file FILE`).
    static var positional: String? { get }
    /// Whether it takes any number of words that are not flags (`merge FILES...`).
    static var takesPositionals: Bool { get }
    /// Flags that must always be given; `--help` marks them.
    static var requiredFlags: Set<String> { get }
    /// The fields of its output (Docs/schemas/NAME.schema.json); nil for a
    /// command that prints no results.
    static var schema: OutputSchema? { get }
}

extension Command {
    static var positional: String? { nil }
    static var takesPositionals: Bool { false }
    static var requiredFlags: Set<String> { [] }
    static var schema: OutputSchema? { nil }

    static func parse(_ words: [String]) throws -> Arguments {
        try Arguments(words, flags: flags, command: name, positionals: takesPositionals)
    }

    /// `--help` text: usage line, summary and one line per flag, required
    /// flags marked.
    static var help: String {
        var lines = ["usage: scaling-laws \(name)" + (positional.map { " \($0.uppercased())" } ?? "") + " [flags]", "", summary, "", "flags (* = required):"]
        let width = flags.map { $0.name.count + ($0.valueName.map { $0.count + 1 } ?? 0) }.max() ?? 0
        for flag in flags + [.toggle("help", "print this help and exit")] {
            let head = "--\(flag.name)" + (flag.valueName.map { " \($0)" } ?? "")
            let mark = requiredFlags.contains(flag.name) ? "* " : "  "
            lines.append(mark + head.padding(toLength: width + 4, withPad: " ", startingAt: 0) + flag.help)
        }
        if flags.contains(where: { $0.name == "spectrum-file" }) {
            lines += ["", "A spectrum is required: --alpha A --M M [--lambda-plus X], or --spectrum-file PATH."]
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// The progress line of ScalingOutput, ahead of Foundation's `Progress` in this module.
typealias Progress = ScalingOutput.Progress
