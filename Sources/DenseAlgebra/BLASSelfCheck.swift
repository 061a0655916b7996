import COpenBLAS
import Glibc
import ScalingErrors

/// The BLAS and LAPACK library this process runs on, and a check of it.
///
/// Some OpenBLAS releases (Debian bookworm ships 0.3.21) select kernels for
/// recent x86-64 processors that crash or compute wrong results; machines
/// then force an older kernel with `OPENBLAS_CORETYPE`. The package cannot
/// trust a wrong product silently, so the first throwing dense-algebra call
/// runs `verify()`: a dgemm, a dsyrk, a dpotrf and a dsyevd on small
/// matrices with odd sizes (large enough for the optimized kernels, well
/// under a millisecond), each against a plain loop or an identity it must
/// satisfy, with a tolerance from the standard rounding-error bound (a
/// constant times k epsilon times the sum of |terms|). A miscomputing
/// library becomes `ScalingError.blasSelfCheck` naming it and the way out.
package enum BLASSelfCheck {
    /// "OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY Zen MAX_THREADS=64" (the
    /// build's configuration string), or the name of another library.
    package static var library: String {
        guard let text = openblas_get_config() else { return "an unknown BLAS" }
        return String(cString: text).trimmingCharacters(in: " ")
    }

    /// The kernel set OpenBLAS selected for this processor ("Zen",
    /// "Haswell"...), which `OPENBLAS_CORETYPE` overrides.
    package static var kernel: String {
        guard let text = openblas_get_corename() else { return "unknown" }
        return String(cString: text)
    }

    /// "OpenBLAS 0.3.21 ... (kernel Zen)", for `--version` and benchmark rows.
    package static var summary: String {
        var text = "\(library) (kernel \(kernel)"
        if let forced = getenv("OPENBLAS_CORETYPE") { text += ", OPENBLAS_CORETYPE=\(String(cString: forced))" }
        return text + ")"
    }

    private static let outcome: Result<Void, ScalingError> = {
        do {
            try check()
            return .success(())
        } catch let error as ScalingError {
            return .failure(error)
        } catch {
            return .failure(.unsupported("\(error)"))
        }
    }()

    /// Throws `ScalingError.blasSelfCheck` if the library miscomputes; runs
    /// the check once per process.
    package static func verify() throws {
        try outcome.get()
    }

    /// The check itself (every call, for tests).
    package static func check() throws {
        BLASThreads.applyPolicy()
        var state: UInt64 = 0x5EED
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53) - 0.5
        }
        let epsilon = Double.ulpOfOne
        func fail(_ routine: String, _ error: Double, _ bound: Double) throws -> Never {
            throw ScalingError.blasSelfCheck(library: summary,
                                             detail: "\(routine) is off by \(error), above the rounding bound \(bound)")
        }
        /// `value` against the plain sum of `count` terms, within `factor` count
        /// epsilon times the sum of their magnitudes (the standard bound).
        func compare(_ routine: String, _ value: Double, count: Int, factor: Double, _ term: (Int) -> Double) throws {
            var sum = 0.0, magnitude = 0.0
            for l in 0..<count {
                let t = term(l)
                sum += t
                magnitude += abs(t)
            }
            let bound = factor * Double(count) * epsilon * magnitude + Double.leastNormalMagnitude
            let error = abs(value - sum)
            if !(error <= bound) { try fail(routine, error, bound) }
        }

        // dgemm: C (m x n) = A (m x k) B (k x n), against the triple loop.
        let m = 67, k = 53, n = 45
        let a = (0..<(m * k)).map { _ in next() }, b = (0..<(k * n)).map { _ in next() }
        var c = [Double](repeating: 0, count: m * n)
        cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(n), Int32(k), 1, a, Int32(m), b, Int32(k),
                    0, &c, Int32(m))
        for j in 0..<n {
            for i in 0..<m { try compare("dgemm", c[i + j * m], count: k, factor: 4) { a[i + $0 * m] * b[$0 + j * k] } }
        }

        // dsyrk: the lower triangle of S = A A^T (m x m), against the loop.
        var s = [Double](repeating: 0, count: m * m)
        cblas_dsyrk(CblasColMajor, CblasLower, CblasNoTrans, Int32(m), Int32(k), 1, a, Int32(m), 0, &s, Int32(m))
        for j in 0..<m {
            for i in j..<m { try compare("dsyrk", s[i + j * m], count: k, factor: 4) { a[i + $0 * m] * a[j + $0 * m] } }
        }

        // dpotrf: S + m I = L L^T, checked by multiplying back.
        let order = m
        var spd = s
        for i in 0..<order { spd[i + i * order] += Double(order) }
        var factor = spd
        let status = LAPACKE_dpotrf(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "L")), Int32(order), &factor, Int32(order))
        guard status == 0 else { try fail("dpotrf (status \(status))", .infinity, 0) }
        for j in 0..<order {
            for i in j..<order {
                try compare("dpotrf", spd[i + j * order], count: j + 1, factor: 8 * Double(order) / Double(j + 1)) {
                    factor[i + $0 * order] * factor[j + $0 * order]
                }
            }
        }

        // dsyevd: S = V diag(w) V^T with V orthogonal, by the residuals.
        var vectors = s
        var values = [Double](repeating: 0, count: order)
        let info = LAPACKE_dsyevd(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "V")), Int8(UInt8(ascii: "L")), Int32(order),
                                  &vectors, Int32(order), &values)
        guard info == 0 else { try fail("dsyevd (status \(info))", .infinity, 0) }
        var norm = 0.0
        for j in 0..<order { for i in j..<order { norm = max(norm, abs(s[i + j * order])) } }
        let residualBound = 32 * Double(order) * epsilon * Double(order) * norm
        for q in 0..<order {
            for i in 0..<order {
                var product = 0.0
                for l in 0..<order {
                    let entry = i >= l ? s[i + l * order] : s[l + i * order]
                    product += entry * vectors[l + q * order]
                }
                let error = abs(product - values[q] * vectors[i + q * order])
                if !(error <= residualBound) { try fail("dsyevd (residual)", error, residualBound) }
            }
            for r in q..<order {
                var dot = 0.0
                for l in 0..<order { dot += vectors[l + q * order] * vectors[l + r * order] }
                let error = abs(dot - (q == r ? 1 : 0))
                let bound = 32 * Double(order) * epsilon
                if !(error <= bound) { try fail("dsyevd (orthogonality)", error, bound) }
            }
        }
    }
}

private extension String {
    func trimmingCharacters(in set: Character) -> String {
        var text = Substring(self)
        while text.first == set { text.removeFirst() }
        while text.last == set { text.removeLast() }
        return String(text)
    }
}
