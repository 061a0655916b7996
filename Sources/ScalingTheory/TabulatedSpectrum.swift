import Foundation

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
    private let ascending: [Double]
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
    }

    /// Reads a spectrum file: one eigenvalue per line; blank lines and
    /// everything after `#` on a line are ignored. Throws
    /// `ScalingError.unreadableFile`, `.emptySpectrum`, or `.invalidEigenvalue`
    /// naming the 1-based line of the first bad entry.
    public init(contentsOfFile path: String) throws {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ScalingError.unreadableFile(path: path, reason: (error as NSError).localizedDescription)
        }
        var values: [Double] = []
        var lines: [Int] = []
        for (i, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let content = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let field = content.trimmingCharacters(in: .whitespacesAndNewlines)
            if field.isEmpty { continue }
            guard let value = Double(field), value.isFinite, value > 0 else {
                throw ScalingError.invalidEigenvalue(source: path, line: i + 1, text: field)
            }
            values.append(value)
            lines.append(i + 1)
        }
        try self.init(eigenvalues: values, source: path, lines: lines)
    }

    public func sums(at delta: Double) -> SpectralSums {
        SpectralSums.exact(eigenvalues: ascending, delta: delta)
    }

    public func checkedDf1(_ delta: Double) throws -> Double {
        SpectralSums.exactDf1(eigenvalues: ascending, delta: delta)
    }

    public func eigenvalues() throws -> [Double] { values }
}
