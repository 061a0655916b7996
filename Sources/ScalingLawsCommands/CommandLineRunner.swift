import Foundation
import DenseAlgebra
import ScalingData
import ScalingFit
import ScalingOutput
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
    MapCommand.self,
    FitCommand.self,
    MergeCommand.self,
    DatasetCommand.self,
    DecomposeCommand.self,
    DemoCommand.self,
    RerunCommand.self,
    SchemaCommand.self,
]

func usage(program: String, commands: [any Command.Type]) -> String {
    var text = "usage: \(program) COMMAND [flags]\n\nThe solvable model of neural scaling laws (Maloney, Roberts and Sully, arXiv:2210.16859).\n\ncommands:\n"
    let width = commands.map { $0.name.count }.max() ?? 0
    for command in commands {
        text += "  " + command.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + command.summary + "\n"
    }
    text += "\n'\(program) COMMAND --help' describes a command's flags; '\(program) --version' prints the version.\n"
    text += "Every command accepts --quiet (no progress lines on stderr) and --no-work-limit (start a run\n"
    text += "estimated above an hour instead of refusing it).\n"
    return text
}

/// Runs one command line and returns the exit status: 0 success, 1 a failed
/// check or computation, 2 bad input (one line on stderr).
///
/// `program` names the executable in messages; `only` restricts the commands
/// (nil: all); `runner` runs the simulations' trials (nil: in this process);
/// `reportError` receives the one-line error message instead of stderr.
package func runCommandLine(_ words: [String], program: String = "scaling-laws", only: [String]? = nil,
                            runner: (any TrialRunner)? = nil,
                            reportError: ((String) -> Void)? = nil) -> Int32 {
    let available = commands.filter { only?.contains($0.name) ?? true }
    let report = reportError ?? { StandardError.write($0) }
    guard let first = words.first else {
        report(usage(program: program, commands: available))
        return 2
    }
    if first == "--help" || first == "-h" || first == "help" {
        print(usage(program: program, commands: available), terminator: "")
        return 0
    }
    if first == "--version" || first == "version" {
        print("\(program) \(ScalingLawsVersion.current)")
        print("BLAS: \(BLASSelfCheck.summary)")
        return 0
    }
    guard let command = available.first(where: { $0.name == first }) else {
        let hint = closest(to: first, among: available.map { $0.name }).map { "; did you mean '\($0)'?" } ?? ""
        report("\(program): unknown command '\(Arguments.quoted(first))'\(hint) (see \(program) --help)\n")
        return 2
    }
    // --quiet, accepted by every command, silences progress and heartbeat lines;
    // --no-work-limit lifts the refusal of runs estimated above an hour.
    var rest = Array(words.dropFirst()).filter { $0 != "--quiet" && $0 != "--no-work-limit" }
    Heartbeat.quiet = words.dropFirst().contains("--quiet")
    // Under MPI (a runner given) the work is spread over a cluster: no limit from this machine's cores.
    WorkLimit.disabled = words.dropFirst().contains("--no-work-limit") || runner != nil
    let positional: String? = command.positional
    // A bare first word is the command's positional value (`rerun FILE`).
    if let positional, let word = rest.first, !word.hasPrefix("-") {
        rest.insert("--\(positional)", at: 0)
    }
    if rest.contains("--help") || rest.contains("-h") {
        print(command.help, terminator: "")
        return 0
    }
    TrialExecution.runner = runner ?? LocalTrialRunner()
    do {
        let arguments = try command.parse(rest)
        // The heartbeat is for runs in this process (MPI ranks report through rank 0).
        if runner == nil { Heartbeat.start(command.name) }
        return try command.run(arguments)
    } catch {
        report("\(program) \(command.name): \(oneLine(describe(error)))\n")
        return exitStatus(of: error)
    }
}
