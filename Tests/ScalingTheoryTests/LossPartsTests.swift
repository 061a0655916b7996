import ScalingTheory
import XCTest

/// `LossParts`: the loss split into its sigma_w^2 and sigma_eps^2 parts, with
/// Delta shared between points, against `predict` at each point alone.
final class LossPartsTests: XCTestCase {
    /// sigma_w^2 signal + sigma_eps^2 noise equals `predict`'s loss at every
    /// point, for isotropic and power-law teachers, M finite (exact and
    /// Euler-Maclaurin sums) and infinite, ridgeless and with a ridge, and
    /// +infinity at the ridgeless peaks. Delta and the sums are the same
    /// numbers on both routes; only the order of a few products differs, so
    /// the tolerance is a few dozen roundings (64 ulps).
    func testPartsRecombineToThePrediction() throws {
        let tolerance = 64 * Double.ulpOfOne
        let teacherVariance = 0.7, noiseVariance = 0.3
        for latentDimension in [60.0, 2000, .infinity] {
            for alpha in [0.5, 1.0, 2.0] {
                let spectrum = try PowerLawSpectrum(alpha: alpha, latentDimension: latentDimension)
                var points: [(N: Double, P: Double, ridge: Double)] = []
                for n in [8.0, 40, 100, 3000] {
                    for p in [8.0, 40, 120, 5000] { for ridge in [0.0, 1e-3] { points.append((n, p, ridge)) } }
                }
                let teachers = [Teacher.isotropic, try Teacher.powerLaw(exponent: 0.5), try Teacher.powerLaw(exponent: -0.3)]
                let parts = SelfConsistentSolver().lossParts(spectrum: spectrum, points: points, teachers: teachers)
                var peaks = 0
                for (k, teacher) in teachers.enumerated() {
                    for (i, point) in points.enumerated() {
                        let configuration = try ModelConfiguration(
                            featureCount: point.N, sampleCount: point.P, ridge: point.ridge,
                            teacherVariance: teacherVariance, noiseVariance: noiseVariance, teacher: teacher)
                        let want = try spectrum.predict(configuration).loss
                        let got = try XCTUnwrap(parts[k][i], "M \(latentDimension) alpha \(alpha) \(point)")
                            .loss(teacherVariance: teacherVariance, noiseVariance: noiseVariance)
                        if want.isInfinite {
                            peaks += 1
                            XCTAssertEqual(got, .infinity, "\(point)")
                        } else {
                            XCTAssertEqual(got, want, accuracy: tolerance * want, "M \(latentDimension) alpha \(alpha) \(teacher) \(point)")
                        }
                    }
                }
                // N = P = 8 and 40 ridgeless, for each teacher.
                XCTAssertGreaterThanOrEqual(peaks, 6)
            }
        }
    }

    /// Without noise the noise part is left out, also where it is infinite.
    func testNoNoiseLeavesTheSignal() {
        let parts = LossParts(signal: 2, noise: .infinity)
        XCTAssertEqual(parts.loss(teacherVariance: 3, noiseVariance: 0), 6)
        XCTAssertEqual(parts.loss(teacherVariance: 3, noiseVariance: 1), .infinity)
    }
}
