import Foundation

/// The power-law spectrum `lambda_I = lambda_plus * I^-(1 + alpha)`, I = 1..M
/// (THEORY.md section 1).
///
/// Sums are exact: the eigenvalues are tabulated once at initialization and
/// every evaluation of df1 and df2 costs O(M).
public struct PowerLawSpectrum: Spectrum {
    /// alpha > 0, the exponent: eigenvalues decay as I^-(1 + alpha).
    public let alpha: Double
    /// lambda_plus > 0, the largest eigenvalue.
    public let lambdaPlus: Double
    /// M, the number of eigenvalues (a whole number >= 1).
    public let latentDimension: Double
    public let trace: Double
    private let table: [Double]

    /// Largest M for which the exact sums tabulate the eigenvalues
    /// (8 bytes each).
    public static let maximumExactLatentDimension: Double = 2e8

    /// Creates the spectrum; throws `ScalingError.invalidParameter` for
    /// alpha <= 0, lambda_plus <= 0, M < 1, non-integral or non-finite values.
    public init(alpha: Double, lambdaPlus: Double = 1, latentDimension: Double) throws {
        try Check.positive(alpha, "alpha")
        try Check.positive(lambdaPlus, "lambdaPlus")
        try Check.atLeastOne(latentDimension, "latentDimension")
        guard latentDimension.rounded() == latentDimension else {
            throw ScalingError.invalidParameter(name: "latentDimension", value: latentDimension,
                                                requirement: "must be a whole number")
        }
        guard latentDimension <= Self.maximumExactLatentDimension else {
            throw ScalingError.tooLarge(what: "exact power-law sums at M = \(latentDimension)",
                                        bytes: 8 * latentDimension,
                                        limit: 8 * Self.maximumExactLatentDimension)
        }
        self.alpha = alpha
        self.lambdaPlus = lambdaPlus
        self.latentDimension = latentDimension
        let count = Int(latentDimension)
        let exponent = -(1 + alpha)
        table = (0..<count).map { lambdaPlus * pow(Double($0 + 1), exponent) }
        // Smallest first, so that the small terms are not lost against the large.
        trace = table.reversed().reduce(0, +)
    }

    /// lambda_I for a 1-based index I.
    public func eigenvalue(_ index: Int) -> Double {
        lambdaPlus * pow(Double(index), -(1 + alpha))
    }

    public func sums(at delta: Double) -> SpectralSums {
        SpectralSums.exact(eigenvalues: table.reversed(), delta: delta)
    }

    public func eigenvalues() throws -> [Double] { table }
}
