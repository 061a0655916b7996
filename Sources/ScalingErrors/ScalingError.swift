/// Every error the ScalingLaws libraries throw.
///
/// Errors carry enough context to print a one-line message (`description`)
/// that names the offending input, so the command-line tool can report them
/// as they are.
public enum ScalingError: Error, Equatable, CustomStringConvertible, Sendable {
    /// A scalar input outside its domain: `name` is the parameter's name as
    /// the library spells it, `value` what was given, `requirement` the rule.
    case invalidParameter(name: String, value: Double, requirement: String)
    /// A spectrum with no eigenvalues.
    case emptySpectrum(source: String)
    /// An eigenvalue that is not a positive finite number. `line` is the
    /// 1-based line of a spectrum file, or the 1-based index in an array.
    case invalidEigenvalue(source: String, line: Int, text: String)
    /// A teacher power entry that is not a finite number >= 0. `line` is the
    /// 1-based line of a teacher file, or the 1-based index in an array.
    case invalidTeacherPower(source: String, line: Int, text: String)
    /// A teacher that does not fit its spectrum (a tabulated teacher of
    /// another length than M) or has no power at all.
    case teacherMismatch(String)
    /// A file that could not be read.
    case unreadableFile(path: String, reason: String)
    /// A GSL routine returned a non-success status.
    case gsl(routine: String, status: Int32, message: String)
    /// An iterative method stopped before reaching its tolerance.
    case noConvergence(routine: String, detail: String)
    /// A request that is valid in principle but not supported by this build
    /// or this method (for example an infinite latent dimension where an
    /// eigenvalue list is needed).
    case unsupported(String)
    /// A problem too large to hold in memory, refused before allocating.
    case tooLarge(what: String, bytes: Double, limit: Double)
    /// The BLAS or LAPACK library failed the package's self-check (a small
    /// product or factorization against a plain reference): `library` names
    /// it and its kernel, `detail` the routine and the error.
    case blasSelfCheck(library: String, detail: String)

    public var description: String {
        switch self {
        case let .invalidParameter(name, value, requirement):
            return "invalid \(name) = \(value): \(requirement)"
        case let .emptySpectrum(source):
            return "empty spectrum: \(source) has no eigenvalues"
        case let .invalidEigenvalue(source, line, text):
            return "invalid eigenvalue '\(text)' at line \(line) of \(source): eigenvalues must be positive finite numbers"
        case let .invalidTeacherPower(source, line, text):
            return "invalid teacher power '\(text)' at line \(line) of \(source): entries must be finite numbers >= 0"
        case let .teacherMismatch(message):
            return "teacher mismatch: \(message)"
        case let .unreadableFile(path, reason):
            return "cannot read \(path): \(reason)"
        case let .gsl(routine, status, message):
            return "GSL error in \(routine) (status \(status)): \(message)"
        case let .noConvergence(routine, detail):
            return "\(routine) did not converge: \(detail)"
        case let .unsupported(message):
            return "unsupported: \(message)"
        case let .tooLarge(what, bytes, limit):
            return "\(what) " + String(cFormat: "needs about %.3g GB, more than the limit of %.3g GB", bytes / 1e9, limit / 1e9)
        case let .blasSelfCheck(library, detail):
            return "the BLAS library \(library) computes wrong results on this machine (\(detail)); "
                + "force an older OpenBLAS kernel with OPENBLAS_CORETYPE=Haswell (or Sandybridge), or install "
                + "another BLAS (Benchmarks/README.md, BLAS)"
        }
    }
}

import FoundationEssentials

extension ScalingError: LocalizedError {
    public var errorDescription: String? { description }
}
