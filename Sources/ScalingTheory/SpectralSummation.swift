/// How a spectrum evaluates its sums df1, df2 and the derivative terms.
public enum SpectralSummation: String, Sendable, Codable, CaseIterable {
    /// Every eigenvalue summed, in O(M) per evaluation.
    case exact
    /// Power law only: the first `PowerLawSpectrum.headCount` eigenvalues summed
    /// exactly, the rest by the Euler-Maclaurin formula with the integral in
    /// closed form (incomplete beta function), O(1) in M and valid at M = infinity.
    case eulerMaclaurin = "euler-maclaurin"
}
