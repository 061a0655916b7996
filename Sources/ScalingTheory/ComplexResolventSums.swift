/// Three sums over a weighted list at a complex shift z, in one pass:
///
///     first = sum_i w1_i / (a_i + z),   firstPrime = -sum_i w1_i / (a_i + z)^2,
///     second = sum_i w2_i / (a_i + z)
///
/// (firstPrime only when `derivative`, else 0). With a = lambda, w1 =
/// multiplicity lambda and w2 = multiplicity omega lambda^2 they are df1(Delta),
/// its derivative and q(Delta) of `SelfConsistentRoot`; with the eigenvalues
/// shifted by Delta0 they are the g, g' and h of `OnePassSGDTheory`.
func complexResolventSums(_ a: [Double], first w1: [Double], second w2: [Double], at z: Complex,
                          derivative: Bool) -> (first: Complex, firstPrime: Complex, second: Complex) {
    var fr = 0.0, fi = 0.0, pr = 0.0, pi = 0.0, sr = 0.0, si = 0.0
    let x = z.re, y = z.im
    a.withUnsafeBufferPointer { a in
        w1.withUnsafeBufferPointer { w1 in
            w2.withUnsafeBufferPointer { w2 in
                for i in 0..<a.count {
                    let re = a[i] + x
                    let inv = 1 / (re * re + y * y)
                    let ir = re * inv, ii = -y * inv      // 1/(a + z)
                    fr += w1[i] * ir
                    fi += w1[i] * ii
                    sr += w2[i] * ir
                    si += w2[i] * ii
                    if derivative {
                        pr -= w1[i] * (ir * ir - ii * ii)
                        pi -= w1[i] * 2 * ir * ii
                    }
                }
            }
        }
    }
    return (Complex(fr, fi), Complex(pr, pi), Complex(sr, si))
}
