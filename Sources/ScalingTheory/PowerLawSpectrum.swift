import Glibc

/// The power-law spectrum `lambda_I = lambda_plus * I^-(1 + alpha)`, I = 1..M
/// (Docs/Theory.md section 1), for finite M or M = infinity.
///
/// Two ways to take the sums (`SpectralSummation`), chosen automatically
/// unless forced:
/// - `.exact`: all M eigenvalues tabulated once, every evaluation O(M). The
///   automatic choice for M <= `automaticExactLimit`; possible up to
///   `maximumExactLatentDimension`.
/// - `.eulerMaclaurin`: the first `headCount` eigenvalues summed exactly, the
///   tail by the Euler-Maclaurin formula with the integral in closed form
///   (`PowerLawTail`): O(1) in M, agreeing with the exact sums to about 1e-13,
///   and the only way for M above `maximumExactLatentDimension` or
///   M = infinity. The trace is then the head plus
///   lambda_plus (zeta(1+alpha, K+1) - zeta(1+alpha, M+1)) (Hurwitz zeta).
///
/// M = infinity (`latentDimension: .infinity`) is a first-class value; see
/// `Spectrum.normalizingDimension` for how the 1/M weight normalizations are
/// read there.
public struct PowerLawSpectrum: Spectrum {
    /// alpha > 0, the exponent: eigenvalues decay as I^-(1 + alpha).
    public let alpha: Double
    /// lambda_plus > 0, the largest eigenvalue.
    public let lambdaPlus: Double
    /// M, the number of eigenvalues: a whole number >= 1, or +infinity.
    public let latentDimension: Double
    public let trace: Double
    /// How the sums are taken.
    public let summation: SpectralSummation
    /// The exactly summed eigenvalues, largest first: all M with `.exact`,
    /// the first min(M, `headCount`) with `.eulerMaclaurin`.
    private let table: [Double]
    /// The head eigenvalues smallest first: the order the exact sums accumulate in.
    let ascending: [Double]
    /// The Euler-Maclaurin tail; nil when the table holds every eigenvalue.
    let tail: PowerLawTail?
    /// Gamma(1 + s) Gamma(1 - s), s = 1/(1 + alpha): the M = infinity
    /// asymptotics df1 ~ Gamma(1+s) Gamma(1-s) (Delta/lambda_plus)^-s that
    /// start the Newton solution (PowerLawNewtonSolution.swift), computed once
    /// here rather than at every prediction; nil where GSL fails (alpha so
    /// small that 1 - s rounds to 0), and the prediction reports it.
    let degreesOfFreedomScale: Double?

    /// Largest M for which the exact sums tabulate the eigenvalues
    /// (8 bytes each).
    public static let maximumExactLatentDimension: Double = 2e8
    /// Largest M summed exactly when the summation is not forced. Up to here
    /// an exact evaluation takes tens of microseconds.
    public static let automaticExactLimit: Double = 1e5
    /// K, the number of leading eigenvalues the Euler-Maclaurin path sums
    /// exactly. Derivatives of the summands scale as ((1+alpha)/I)^j, so from
    /// I = K + 1 on the tail is smooth enough for the formula to reach
    /// rounding with four Bernoulli terms. (It was 1000; 100 keeps every sum
    /// within 1e-10 of the exact sums for alpha <= 5 at a tenth of the cost.)
    public static let headCount = 100

    /// Creates the spectrum; throws `ScalingError.invalidParameter` for
    /// alpha <= 0, lambda_plus <= 0, M < 1, a non-integral M, NaN or any
    /// infinity other than M = +infinity. `summation` nil chooses exact sums
    /// for M <= `automaticExactLimit` and Euler-Maclaurin above; forcing
    /// `.exact` throws `ScalingError.unsupported` at M = infinity and
    /// `ScalingError.tooLarge` above `maximumExactLatentDimension`.
    public init(alpha: Double, lambdaPlus: Double = 1, latentDimension: Double,
                summation: SpectralSummation? = nil) throws {
        try Check.positive(alpha, "alpha")
        try Check.positive(lambdaPlus, "lambdaPlus (lambda_plus)")
        if latentDimension != .infinity {
            guard latentDimension.isFinite else {
                throw ScalingError.invalidParameter(name: "latentDimension (M)", value: latentDimension,
                                                    requirement: "must be a whole number >= 1 or +infinity")
            }
            try Check.atLeastOne(latentDimension, "latentDimension (M)")
            guard latentDimension.rounded() == latentDimension else {
                throw ScalingError.invalidParameter(name: "latentDimension (M)", value: latentDimension,
                                                    requirement: "must be a whole number")
            }
        }
        let method = summation ?? (latentDimension <= Self.automaticExactLimit ? .exact : .eulerMaclaurin)
        if method == .exact {
            guard latentDimension.isFinite else {
                throw ScalingError.unsupported("exact power-law sums need a finite M; use Euler-Maclaurin at M = inf")
            }
            guard latentDimension <= Self.maximumExactLatentDimension else {
                throw ScalingError.tooLarge(what: "exact power-law sums at M = \(latentDimension)",
                                            bytes: 16 * latentDimension,
                                            limit: 16 * Self.maximumExactLatentDimension)
            }
        }
        self.alpha = alpha
        self.lambdaPlus = lambdaPlus
        self.latentDimension = latentDimension
        self.summation = method
        let s = 1 / (1 + alpha)
        degreesOfFreedomScale = try? SpecialFunctions.gamma(1 + s) * SpecialFunctions.gamma(1 - s)
        let count = method == .exact ? Int(latentDimension) : Int(min(latentDimension, Double(Self.headCount)))
        let exponent = -(1 + alpha)
        table = (0..<count).map { lambdaPlus * pow(Double($0 + 1), exponent) }
        if let smallest = table.last, !smallest.isNormal {
            throw ScalingError.invalidParameter(
                name: "lambdaPlus (lambda_plus)", value: lambdaPlus,
                requirement: "makes lambda_\(count) = \(smallest) underflow below the smallest normal double; "
                    + "use a larger lambda_plus (the loss scales with sigma_w^2 lambda_plus)")
        }
        // Smallest first, so that the small terms are not lost against the large.
        ascending = table.reversed()
        let head = ascending.reduce(0, +)
        if Double(count) < latentDimension {
            let first = Double(count + 1)
            tail = try PowerLawTail(alpha: alpha, lambdaPlus: lambdaPlus, first: first, last: latentDimension)
            let beyond = latentDimension.isFinite
                ? try SpecialFunctions.hurwitzZeta(1 + alpha, latentDimension + 1) : 0
            trace = head + lambdaPlus * (try SpecialFunctions.hurwitzZeta(1 + alpha, first) - beyond)
        } else {
            tail = nil
            trace = head
        }
        guard trace.isFinite else {
            throw ScalingError.invalidParameter(
                name: "lambdaPlus (lambda_plus)", value: lambdaPlus,
                requirement: "makes the trace overflow; use a smaller lambda_plus (the loss scales with sigma_w^2 lambda_plus)")
        }
    }

    /// lambda_I for a 1-based index I.
    public func eigenvalue(_ index: Int) -> Double {
        lambdaPlus * pow(Double(index), -(1 + alpha))
    }

    /// The sums at `delta` > 0; on the Euler-Maclaurin path a GSL failure
    /// (not expected for valid parameters) gives NaN sums here and a typed
    /// error from `checkedSums(at:)`.
    public func sums(at delta: Double) -> SpectralSums {
        (try? checkedSums(at: delta))
            ?? SpectralSums(delta: delta, df1: .nan, df2: .nan, df1MinusDf2: .nan, df2MinusDf3: .nan)
    }

    public func checkedSums(at delta: Double) throws -> SpectralSums {
        var sums = SpectralSums.exact(eigenvalues: ascending, delta: delta)
        if let tail {
            let rest = try tail.sums(at: delta)
            sums.df1 += rest[0]
            sums.df2 += rest[1]
            sums.df1MinusDf2 += rest[2]
            sums.df2MinusDf3 += rest[3]
        }
        return sums
    }

    public func checkedDf1(_ delta: Double) throws -> Double {
        let head = SpectralSums.exactDf1(eigenvalues: ascending, delta: delta)
        guard let tail else { return head }
        return head + (try tail.df1(at: delta))
    }

    /// The eigenvalues, largest first. Throws `ScalingError.unsupported` at
    /// M = infinity and `ScalingError.tooLarge` above
    /// `maximumExactLatentDimension`.
    public func eigenvalues() throws -> [Double] {
        if tail == nil { return table }
        guard latentDimension.isFinite else {
            throw ScalingError.unsupported("the eigenvalues of a power law with M = inf cannot be listed")
        }
        guard latentDimension <= Self.maximumExactLatentDimension else {
            throw ScalingError.tooLarge(what: "listing \(latentDimension) eigenvalues", bytes: 8 * latentDimension,
                                        limit: 8 * Self.maximumExactLatentDimension)
        }
        return (1...Int(latentDimension)).map(eigenvalue)
    }
}
