/// The slack k - df1(Delta) of THEORY.md section 3 (k = N, P or min(N, P)),
/// evaluated without cancellation for any dynamic range of the spectrum.
///
/// Written as k - sum lambda/(lambda + Delta), the slack cancels: with
/// eigenvalues 1e20 and 1e-20 and k = 1, df1(Delta) rounds to 1 for every
/// Delta between about 1e4 and 1e-4, and a root finder stops anywhere there.
/// Splitting the spectrum at Delta,
///
///     k - df1 = (k - K) + sum_{lambda > Delta} Delta/(lambda + Delta)
///                       - sum_{lambda <= Delta} lambda/(lambda + Delta),
///
/// with K the number of eigenvalues above Delta, every summand is below 1 and
/// formed to full relative precision, so the slack is resolved wherever it is
/// not an intrinsic difference of two equal sums.
extension SpectralSums {
    /// k - df1(Delta) over eigenvalues sorted smallest first, split at Delta.
    public static func exactSlack(ascending eigenvalues: [Double], delta: Double, from k: Double) -> Double {
        eigenvalues.withUnsafeBufferPointer { buffer in
            // First index whose eigenvalue is above Delta (binary search).
            var low = 0, high = buffer.count
            while low < high {
                let middle = low + (high - low) / 2
                if buffer[middle] > delta { high = middle } else { low = middle + 1 }
            }
            var below = 0.0, above = 0.0
            for i in 0..<low { below += buffer[i] / (buffer[i] + delta) }
            // Largest eigenvalues last: their terms are the smallest, so sum from the end.
            var i = buffer.count - 1
            while i >= low {
                above += delta / (buffer[i] + delta)
                i -= 1
            }
            return ((k - Double(buffer.count - low)) + above) - below
        }
    }
}

extension TabulatedSpectrum {
    public func checkedDf1Slack(_ delta: Double, from k: Double) throws -> Double {
        SpectralSums.exactSlack(ascending: ascending, delta: delta, from: k)
    }
}

extension PowerLawSpectrum {
    /// The exactly summed head by the split; an Euler-Maclaurin tail adds its
    /// own slack count - sum r, which at finite M has only the tail's rounding.
    public func checkedDf1Slack(_ delta: Double, from k: Double) throws -> Double {
        guard let tail else { return SpectralSums.exactSlack(ascending: ascending, delta: delta, from: k) }
        // The tail's own slack count - sum r carries the tail's rounding, about
        // 1e-16 of its count: better than k - df1 only when k is near M (the
        // N = M corner), and exact in its count only below 2^53.
        guard latentDimension.isFinite, latentDimension < 0x1p53, k > latentDimension / 2 else {
            return k - (try checkedDf1(delta))
        }
        let tailCount = latentDimension - Double(ascending.count)
        let tailDf1 = try tail.sums(at: delta)[0]
        return SpectralSums.exactSlack(ascending: ascending, delta: delta, from: k - tailCount) + (tailCount - tailDf1)
    }
}
