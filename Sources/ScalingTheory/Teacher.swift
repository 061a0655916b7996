import Glibc

/// The teacher's power per latent direction, omega_I = E[w_I^2]
/// (Docs/Theory.md section 8): how the target y = w . x + eps spreads over the
/// eigendirections of the data.
///
/// Three kinds, each scaled by the configuration's teacher variance sigma_w^2
/// (`ModelConfiguration.teacherVariance`), with M the spectrum's
/// `normalizingDimension` (1 at M = infinity) and I = 1, 2, ... the rank of
/// lambda_I in decreasing order:
/// - `.isotropic`, the paper's teacher: omega_I = sigma_w^2 / M.
/// - `.powerLaw(exponent: beta)`: omega_I = (sigma_w^2 / M) I^-beta, so that
///   lambda_I omega_I ~ I^-(1+alpha+beta) on a power-law spectrum. beta = 0
///   *is* the isotropic teacher (the same value, the same code path).
/// - tabulated, `Teacher(power:)` or `Teacher(contentsOfFile:)`: one entry
///   t_I >= 0 per direction, omega_I = sigma_w^2 t_I (no 1/M: with the
///   default sigma_w^2 = 1 the entries are omega_I themselves, e.g. w_I^2 of a
///   fixed teacher). The entries follow the order in which the spectrum was
///   given: for a `TabulatedSpectrum` the order of its file or array, before
///   sorting; for a `PowerLawSpectrum` I = 1..M.
///
/// The teacher enters the theory only through sums of lambda_I omega_I
/// (`TeacherSums`); Delta, df1 and df2 do not depend on it.
public struct Teacher: Sendable, Equatable, Codable, CustomStringConvertible {
    /// Which family the teacher belongs to.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case isotropic
        case powerLaw = "power-law"
        case tabulated
    }

    /// The family.
    public let kind: Kind
    /// beta, the exponent of a power-law teacher; 0 for the other kinds.
    public let exponent: Double
    /// t_I of a tabulated teacher, in the order the spectrum was given;
    /// empty for the other kinds.
    public let power: [Double]

    /// Largest |beta| accepted. Beyond it the power sits in the first (or
    /// the last) direction to within rounding, and the Euler-Maclaurin
    /// teacher sums lose their guaranteed accuracy.
    public static let maximumExponent = 10.0

    private init(kind: Kind, exponent: Double, power: [Double]) {
        self.kind = kind
        self.exponent = exponent
        self.power = power
    }

    /// The paper's teacher, w_I ~ N(0, sigma_w^2 / M).
    public static let isotropic = Teacher(kind: .isotropic, exponent: 0, power: [])

    /// omega_I = (sigma_w^2 / M) I^-beta. beta = 0 returns `.isotropic`.
    /// Throws `ScalingError.invalidParameter` for a non-finite beta or
    /// |beta| > `maximumExponent`. (At M = infinity alpha + beta > 0 is also
    /// needed; the solver checks it, since the teacher does not know alpha.)
    public static func powerLaw(exponent beta: Double) throws -> Teacher {
        try Check.finite(beta, "teacher exponent (beta)")
        guard abs(beta) <= maximumExponent else {
            throw ScalingError.invalidParameter(name: "teacher exponent (beta)", value: beta,
                                                requirement: "must satisfy |beta| <= \(maximumExponent)")
        }
        return beta == 0 ? .isotropic : Teacher(kind: .powerLaw, exponent: beta, power: [])
    }

    /// A tabulated teacher from its entries t_I (omega_I = sigma_w^2 t_I).
    /// Throws `ScalingError.invalidTeacherPower` for an entry that is
    /// negative or not finite (naming its 1-based index) and
    /// `ScalingError.teacherMismatch` for an empty list or one with no
    /// positive entry.
    public init(power: [Double]) throws {
        try self.init(power: power, source: "the teacher power list", lines: nil)
    }

    private init(power: [Double], source: String, lines: [Int]?) throws {
        guard !power.isEmpty else {
            throw ScalingError.teacherMismatch("\(source) has no entries")
        }
        for (i, value) in power.enumerated() where !(value.isFinite && value >= 0) {
            throw ScalingError.invalidTeacherPower(source: source, line: lines?[i] ?? i + 1, text: "\(value)")
        }
        guard power.contains(where: { $0 > 0 }) else {
            throw ScalingError.teacherMismatch("\(source) has no positive entry: a teacher with no power")
        }
        self.init(kind: .tabulated, exponent: 0, power: power)
    }

    /// Reads a teacher file: one entry t_I >= 0 per line, in the order of the
    /// spectrum's eigenvalues; blank lines and everything after `#` on a line
    /// are ignored (the format of `TabulatedSpectrum(contentsOfFile:)`).
    /// Throws `ScalingError.unreadableFile`, `.invalidTeacherPower` naming the
    /// 1-based line of the first entry that is unparsable, negative or not
    /// finite, or `.teacherMismatch` for a file with no entries or no
    /// positive entry.
    public init(contentsOfFile path: String) throws {
        // The fast reader of spectrum files: CRLF, a byte-order mark, escaped messages.
        let source = NumericListFile.escaped(path, limit: 200)
        let values = try NumericListFile.read(path: path, accept: { $0.isFinite && $0 >= 0 },
                                              entryError: { ScalingError.invalidTeacherPower(source: source, line: $0, text: $1) })
        try self.init(power: values, source: source, lines: nil)
    }

    /// True for the paper's teacher (which the solver evaluates with the
    /// formula of Docs/Theory.md section 3 exactly).
    public var isIsotropic: Bool { kind == .isotropic }

    public var description: String {
        switch kind {
        case .isotropic: return "isotropic"
        case .powerLaw: return "power-law (beta = \(exponent))"
        case .tabulated: return "tabulated (\(power.count) directions)"
        }
    }

    // MARK: - Per-direction power

    /// omega_I for every direction, aligned with `spectrum.eigenvalues()`
    /// (largest eigenvalue first): what a simulation draws w_I from, and what
    /// any sum over directions needs. Throws what `eigenvalues()` throws (an
    /// infinite M), and `ScalingError.teacherMismatch` when a tabulated
    /// teacher's length differs from M.
    public func weightVariances(for spectrum: some Spectrum, teacherVariance: Double) throws -> [Double] {
        let count = try spectrum.eigenvalues().count
        let m = spectrum.normalizingDimension
        switch kind {
        case .isotropic:
            return [Double](repeating: teacherVariance / m, count: count)
        case .powerLaw:
            let beta = exponent
            return (0..<count).map { teacherVariance / m * pow(Double($0 + 1), -beta) }
        case .tabulated:
            guard power.count == count else {
                throw ScalingError.teacherMismatch(
                    "the teacher has \(power.count) entries but the spectrum has M = \(count) eigenvalues")
            }
            if let table = spectrum as? TabulatedSpectrum {
                return table.sourceIndices.map { teacherVariance * power[$0] }
            }
            return power.map { teacherVariance * $0 }
        }
    }

    /// The teacher sums of Docs/Theory.md section 8 at `delta` > 0 (see
    /// `TeacherSums`). A power-law teacher on a power-law spectrum summed by
    /// Euler-Maclaurin takes the fast path: the first
    /// `PowerLawSpectrum.headCount` terms exactly, the tail in closed form,
    /// O(1) in M and valid at M = infinity (where alpha + beta > 0 is
    /// required: `ScalingError.invalidParameter` otherwise). Everything else
    /// is summed exactly over `spectrum.eigenvalues()`.
    public func sums(spectrum: some Spectrum, teacherVariance: Double, at delta: Double) throws -> TeacherSums {
        try sumsFunction(spectrum: spectrum, teacherVariance: teacherVariance)(delta)
    }

    /// `sums(spectrum:teacherVariance:at:)` as a function of Delta, with
    /// everything that does not depend on Delta (the eigenvalues and weight
    /// variances, or the Euler-Maclaurin path's head terms and derivative
    /// polynomials) prepared once: for many Delta at one spectrum, as a fit
    /// of the theory needs. Same values and errors.
    public func sumsFunction(spectrum: some Spectrum, teacherVariance: Double) throws
        -> @Sendable (Double) throws -> TeacherSums {
        if let power = spectrum as? PowerLawSpectrum, power.summation == .eulerMaclaurin, kind != .tabulated {
            let sums = try PowerLawTeacherSums(spectrum: power, exponent: exponent, teacherVariance: teacherVariance)
            return { try sums.sums(at: $0) }
        }
        let eigenvalues = try spectrum.eigenvalues()
        let variances = try weightVariances(for: spectrum, teacherVariance: teacherVariance)
        return { TeacherSums.exact(eigenvalues: eigenvalues, weightVariances: variances, delta: $0) }
    }

    /// sum_I lambda_I omega_I, the teacher's total signal: twice the loss
    /// of the zero predictor. Same paths and errors as `sums(spectrum:teacherVariance:at:)`.
    public func signal(spectrum: some Spectrum, teacherVariance: Double) throws -> Double {
        if isIsotropic { return teacherVariance / spectrum.normalizingDimension * spectrum.trace }
        if let power = spectrum as? PowerLawSpectrum, power.summation == .eulerMaclaurin, kind != .tabulated {
            return try PowerLawTeacherSums(spectrum: power, exponent: exponent, teacherVariance: teacherVariance)
                .signal()
        }
        let eigenvalues = try spectrum.eigenvalues()
        let variances = try weightVariances(for: spectrum, teacherVariance: teacherVariance)
        var total = 0.0
        for i in eigenvalues.indices.reversed() { total += eigenvalues[i] * variances[i] }
        return total
    }
}
