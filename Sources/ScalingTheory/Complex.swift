import Glibc

/// A minimal complex number for the gradient-flow theory's contour
/// integrals (the toolchain ships no complex type). Package-visible.
package struct Complex: Sendable, Equatable {
    package var re: Double
    package var im: Double

    package init(_ re: Double, _ im: Double = 0) {
        self.re = re
        self.im = im
    }

    package var conjugate: Complex { Complex(re, -im) }
    package var magnitude: Double { hypot(re, im) }
    package var isFinite: Bool { re.isFinite && im.isFinite }

    package static func + (a: Complex, b: Complex) -> Complex { Complex(a.re + b.re, a.im + b.im) }
    package static func - (a: Complex, b: Complex) -> Complex { Complex(a.re - b.re, a.im - b.im) }
    package static prefix func - (a: Complex) -> Complex { Complex(-a.re, -a.im) }
    package static func * (a: Complex, b: Complex) -> Complex {
        Complex(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re)
    }
    package static func * (a: Double, b: Complex) -> Complex { Complex(a * b.re, a * b.im) }
    package static func / (a: Complex, b: Complex) -> Complex {
        // Smith's algorithm: no overflow for large |b|.
        if abs(b.re) >= abs(b.im) {
            let r = b.im / b.re, d = b.re + b.im * r
            return Complex((a.re + a.im * r) / d, (a.im - a.re * r) / d)
        } else {
            let r = b.re / b.im, d = b.re * r + b.im
            return Complex((a.re * r + a.im) / d, (a.im * r - a.re) / d)
        }
    }
    package static func / (a: Complex, b: Double) -> Complex { Complex(a.re / b, a.im / b) }

    /// e^z.
    package static func exp(_ z: Complex) -> Complex {
        let m = Glibc.exp(z.re)
        return Complex(m * cos(z.im), m * sin(z.im))
    }
}
