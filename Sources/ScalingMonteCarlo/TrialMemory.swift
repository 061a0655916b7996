import DenseAlgebra
import NonlinearFeatureTheory

/// The memory one simulation trial needs, for `MemoryBudget.check`.
extension MemoryBudget {
    /// Bytes one trial holds at its peak, counted in doubles of the arrays it
    /// allocates: w and Lambda (M each), U (N x M), then either X (M x P) and
    /// Phi (N x P) for the direct sampler or K (N x N) and Z = Phi (N x P) for
    /// the conditional one, the ridge system (the smaller Gram matrix, or for
    /// gamma = 0 a transposed copy of Phi and dgelsd's workspace of a few
    /// hundred doubles per singular value), and a test chunk for nonlinear features.
    static func trialBytes(featureCount n: Int, sampleCount p: Int, latentDimension m: Int, sampler: Sampler,
                           ridgeless: Bool, testChunk: Int) -> Double {
        let (n, p, m, c) = (Double(n), Double(p), Double(m), Double(testChunk))
        let small = min(n, p)
        var doubles = 4 * m + n * m + n * p + 2 * p + n
        switch sampler {
        case .direct: doubles += m * p
        case .conditional: doubles += n * n
        }
        doubles += ridgeless ? n * p + small * small + 400 * small : small * small
        doubles += c * (m + n + 1)
        return 8 * doubles
    }
}
