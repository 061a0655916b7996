import ScalingData
import ScalingFit
import ScalingTheory

// What a shell (`scaling-laws`, `scaling-laws-mpi`) writes for an error a
// command threw: one line on stderr and the exit status (Docs/CLI.md, "Exit
// status" under Conventions).

/// The exit status of a command that threw: 2 for bad input, 1 for a failed
/// computation.
package func exitStatus(of error: Error) -> Int32 {
    switch error {
    case is UsageError, is DataSetError, is FitError: return 2
    case let error as ScalingError:
        switch error {
        case .gsl, .noConvergence, .blasSelfCheck: return 1
        default: return 2
        }
    default: return 1
    }
}

/// The one line a command's error prints (after "program command: ").
package func describe(_ error: Error) -> String {
    switch error {
    case let error as UsageError: return error.description
    case let error as ScalingError: return error.description
    case let error as DataSetError: return error.description
    case let error as FitError: return error.description
    default: return "\(error)"
    }
}

/// Any message made one line: control characters escaped, cut at 500
/// characters, so that file content or a path never breaks the promise of
/// one line on stderr.
package func oneLine(_ message: String) -> String {
    NumericListFile.escaped(message, limit: 500)
}
