import Foundation
import ScalingTheory

/// Every subcommand, in the order `scaling-laws --help` lists them.
let commands: [any Command.Type] = [
    PredictCommand.self,
    SimulateCommand.self,
    SpectrumCommand.self,
    ExponentsCommand.self,
    OptimalRidgeCommand.self,
    ComputeOptimalCommand.self,
    SweepCommand.self,
    CompareCommand.self,
    DemoCommand.self,
    RerunCommand.self,
    SchemaCommand.self,
]

func usage() -> String {
    var text = "usage: scaling-laws COMMAND [flags]\n\nThe solvable model of neural scaling laws (Maloney, Roberts and Sully, arXiv:2210.16859).\n\ncommands:\n"
    let width = commands.map { $0.name.count }.max() ?? 0
    for command in commands {
        text += "  " + command.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + command.summary + "\n"
    }
    text += "\n'scaling-laws COMMAND --help' describes a command's flags; 'scaling-laws --version' prints the version.\n"
    text += "Every command accepts --quiet (no progress lines on stderr) and --no-work-limit (start a run\n"
    text += "estimated above an hour instead of refusing it).\n"
    return text
}

/// Runs one command line and returns the exit status: 0 success, 1 a failed
/// check or computation, 2 bad input (one line on stderr).
func runCommandLine(_ words: [String]) -> Int32 {
    guard let first = words.first else {
        StandardError.write(usage())
        return 2
    }
    if first == "--help" || first == "-h" || first == "help" {
        print(usage(), terminator: "")
        return 0
    }
    if first == "--version" || first == "version" {
        print("scaling-laws \(ScalingLawsVersion.current)")
        return 0
    }
    guard let command = commands.first(where: { $0.name == first }) else {
        let hint = closest(to: first, among: commands.map { $0.name }).map { "; did you mean '\($0)'?" } ?? ""
        StandardError.write("scaling-laws: unknown command '\(Arguments.quoted(first))'\(hint) (see scaling-laws --help)\n")
        return 2
    }
    // --quiet, accepted by every command, silences progress and heartbeat lines;
    // --no-work-limit lifts the refusal of runs estimated above an hour.
    var rest = Array(words.dropFirst()).filter { $0 != "--quiet" && $0 != "--no-work-limit" }
    Heartbeat.quiet = words.dropFirst().contains("--quiet")
    WorkLimit.disabled = words.dropFirst().contains("--no-work-limit")
    let positional: String? = command.positional
    // A bare first word is the command's positional value (`rerun FILE`).
    if let positional, let word = rest.first, !word.hasPrefix("-") {
        rest.insert("--\(positional)", at: 0)
    }
    if rest.contains("--help") || rest.contains("-h") {
        print(command.help, terminator: "")
        return 0
    }
    do {
        let arguments = try Arguments(rest, flags: command.flags)
        Heartbeat.start(command.name)
        return try command.run(arguments)
    } catch let error as UsageError {
        StandardError.write("scaling-laws \(command.name): \(oneLine(error.description))\n")
        return 2
    } catch let error as ScalingError {
        StandardError.write("scaling-laws \(command.name): \(oneLine(error.description))\n")
        switch error {
        case .gsl, .noConvergence: return 1
        default: return 2
        }
    } catch {
        StandardError.write("scaling-laws \(command.name): \(oneLine("\(error)"))\n")
        return 1
    }
}

exit(runCommandLine(Array(CommandLine.arguments.dropFirst())))
