import Glibc

/// A spectrum given as a list of positive eigenvalues, for example measured
/// on real data. M is the number of eigenvalues; their order does not matter.
public struct TabulatedSpectrum: Spectrum {
    /// The eigenvalues, sorted from largest to smallest.
    public let values: [Double]
    public let trace: Double
    /// For each position k of `values`, the 0-based index of that eigenvalue
    /// in the list as given (file or array order; ties keep that order): how
    /// per-direction data given in the same order, such as a tabulated
    /// `Teacher`, is aligned with `values`.
    public let sourceIndices: [Int]
    /// The same, smallest first: the order in which the sums accumulate.
    let ascending: [Double]
    public var latentDimension: Double { Double(values.count) }

    /// Creates the spectrum from eigenvalues; throws for an empty list or an
    /// entry that is not a positive finite number (naming its 1-based index).
    public init(eigenvalues: [Double]) throws {
        try self.init(eigenvalues: eigenvalues, source: "the eigenvalue list", lines: nil)
    }

    private init(eigenvalues: [Double], source: String, lines: [Int]?) throws {
        guard !eigenvalues.isEmpty else { throw ScalingError.emptySpectrum(source: source) }
        for (i, value) in eigenvalues.enumerated() where !(value.isFinite && value > 0) {
            throw ScalingError.invalidEigenvalue(source: source, line: lines?[i] ?? i + 1, text: "\(value)")
        }
        sourceIndices = eigenvalues.indices.sorted {
            eigenvalues[$0] > eigenvalues[$1] || (eigenvalues[$0] == eigenvalues[$1] && $0 < $1)
        }
        values = sourceIndices.map { eigenvalues[$0] }
        ascending = values.reversed()
        trace = ascending.reduce(0, +)
        guard trace.isFinite, values[0].isNormal, ascending[0].isNormal else {
            throw ScalingError.invalidParameter(
                name: "eigenvalues of \(source)", value: trace.isFinite ? ascending[0] : trace,
                requirement: "must be normal doubles (above 2.2e-308) whose sum is finite; rescale them "
                    + "(the loss scales with sigma_w^2 times the spectrum)")
        }
    }

    /// Reads a spectrum file: one eigenvalue per line; blank lines and
    /// everything after `#` on a line are ignored; CRLF line ends and a UTF-8
    /// byte-order mark are accepted (see `NumericListFile`). Throws
    /// `ScalingError.unreadableFile`, `.emptySpectrum`, or `.invalidEigenvalue`
    /// naming the 1-based line of the first bad entry.
    public init(contentsOfFile path: String) throws {
        let source = NumericListFile.escaped(path, limit: 200)
        let values = try NumericListFile.read(path: path, accept: { $0.isFinite && $0 > 0 },
                                              entryError: { ScalingError.invalidEigenvalue(source: source, line: $0, text: $1) })
        try self.init(eigenvalues: values, source: source, lines: nil)
    }

    public func sums(at delta: Double) -> SpectralSums {
        SpectralSums.exact(eigenvalues: ascending, delta: delta)
    }

    public func checkedDf1(_ delta: Double) throws -> Double {
        SpectralSums.exactDf1(eigenvalues: ascending, delta: delta)
    }

    public func eigenvalues() throws -> [Double] { values }
}
