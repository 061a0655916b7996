import XCTest
import ScalingTheory

/// Exponents of the gradient-flow theory against the asymptotic predictions
/// of arXiv:2402.01092 (Docs/Theory.md section 10): L ~ s^-(a-1)/b in steps
/// s = t sigma_u^2 N / M and L ~ N^-m, with b = 1 + alpha, a = 1 + alpha + beta,
/// m = min(a - 1, 2b). Population flow (P = infinity), M = 1e10 (compressed
/// power law), least-squares slopes of ln L over the windows below; the
/// values are quoted in Docs/Theory.md.
final class GradientFlowExponentTests: XCTestCase {
    /// The least-squares slope of ln y against ln x: a measuring tool here, not what is tested.
    static func slope(_ x: [Double], _ y: [Double]) -> Double { GradientFlowFrontier.logLogSlope(x, y) }

    static func grid(_ a: Double, _ b: Double, _ count: Int) -> [Double] {
        (0..<count).map { a * pow(b / a, Double($0) / Double(count - 1)) }
    }

    func measure(alpha: Double, beta: Double) throws -> (time: Double, size: Double) {
        let m = 1e10
        // L in steps at N = 1e6, s in [1e2, 1e5].
        let n = 1e6
        let configuration = try ModelConfiguration(featureCount: n, sampleCount: 1)
        let theory = try GradientFlowTheory.powerLaw(alpha: alpha, latentDimension: m, teacherExponent: beta,
                                                     configuration: configuration, sampleCount: .infinity)
        let steps = Self.grid(1e2, 1e5, 7)
        let losses = try theory.losses(at: steps.map { $0 * m / n })
        let time = -Self.slope(steps, losses)
        // L at t = infinity in N in [1e2, 1e4].
        let sizes = Self.grid(1e2, 1e4, 7)
        let floor = try sizes.map { size in
            try GradientFlowTheory.powerLaw(alpha: alpha, latentDimension: m, teacherExponent: beta,
                                            configuration: configuration.with(featureCount: size),
                                            sampleCount: .infinity).loss(at: .infinity)
        }
        let size = -Self.slope(sizes, floor)
        print(String(format: "alpha %.2f beta %.2f: time exponent %.4f (predicted %.4f), N exponent %.4f (predicted %.4f)",
                     alpha, beta, time, GradientFlowScaling(alpha: alpha, teacherExponent: beta).timeExponent,
                     size, GradientFlowScaling(alpha: alpha, teacherExponent: beta).sizeExponent))
        return (time, size)
    }

    func testExponentsMatchPredictions() throws {
        for (alpha, beta) in [(1.0, 0.0), (0.5, 0.0), (1.0, 0.5)] {
            let measured = try measure(alpha: alpha, beta: beta)
            let predicted = GradientFlowScaling(alpha: alpha, teacherExponent: beta)
            XCTAssertEqual(measured.time, predicted.timeExponent, accuracy: 0.03 * predicted.timeExponent, "alpha \(alpha) beta \(beta)")
            XCTAssertEqual(measured.size, predicted.sizeExponent, accuracy: 0.03 * predicted.sizeExponent, "alpha \(alpha) beta \(beta)")
        }
    }
}
