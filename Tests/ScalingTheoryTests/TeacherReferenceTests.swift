import XCTest
import ScalingTheory

/// Docs/Theory.md section 8: the general-teacher loss and the training error
/// against the section's reference rows (an independent implementation), and
/// the isotropic teacher (beta = 0) against section 7.
final class TeacherReferenceTests: XCTestCase {
    struct Row {
        var alpha, lambdaPlus, m, beta, sigmaW2, n, p, gamma, sigmaU2, noise, loss, trainingError: Double
    }
    static let rows: [Row] = [
        Row(alpha: 1.0, lambdaPlus: 1.0, m: 1000, beta: 0.5, sigmaW2: 1, n: 100, p: 400, gamma: 1e-3, sigmaU2: 1,
            noise: 0, loss: 2.3623711272e-06, trainingError: 1.4299861053e-06),
        Row(alpha: 1.0, lambdaPlus: 1.0, m: 1000, beta: 0.5, sigmaW2: 1, n: 400, p: 100, gamma: 0, sigmaU2: 1,
            noise: 0, loss: 1.6565705881e-06, trainingError: 0),
        Row(alpha: 0.5, lambdaPlus: 2.0, m: 3000, beta: 1.5, sigmaW2: 2, n: 400, p: 150, gamma: 1e-2, sigmaU2: 0.5,
            noise: 0.01, loss: 2.8894629791e-03, trainingError: 5.2698221942e-04),
        Row(alpha: 1.5, lambdaPlus: 1.0, m: 2000, beta: -0.5, sigmaW2: 1, n: 300, p: 900, gamma: 1e-4, sigmaU2: 2,
            noise: 0.001, loss: 1.4114133541e-04, trainingError: 3.5062208127e-04),
    ]

    static func configuration(_ row: Row, teacher: Teacher) throws -> ModelConfiguration {
        try ModelConfiguration(featureCount: row.n, sampleCount: row.p, ridge: row.gamma, teacherVariance: row.sigmaW2,
                               featureWeightVariance: row.sigmaU2, noiseVariance: row.noise, teacher: teacher)
    }

    /// Exact sums and, for the same M, the Euler-Maclaurin path (head 1000,
    /// closed-form tail): both reproduce the rows to 1e-8.
    func testSectionEightRows() throws {
        for row in Self.rows {
            let configuration = try Self.configuration(row, teacher: try .powerLaw(exponent: row.beta))
            for summation in SpectralSummation.allCases {
                let spectrum = try PowerLawSpectrum(alpha: row.alpha, lambdaPlus: row.lambdaPlus, latentDimension: row.m,
                                                    summation: summation)
                let prediction = try spectrum.predict(configuration)
                let label = "\(row) \(summation)"
                XCTAssertEqual(prediction.loss, row.loss, accuracy: 1e-8 * row.loss, label)
                if row.trainingError == 0 {
                    XCTAssertEqual(prediction.trainingError, 0, label)
                } else {
                    XCTAssertEqual(prediction.trainingError, row.trainingError, accuracy: 1e-8 * row.trainingError, label)
                }
            }
        }
    }

    /// beta = 0 is the isotropic teacher, and the general formula of section 8
    /// with omega_I = sigma_w^2/M (a tabulated teacher, so that the section 8
    /// code path runs) reproduces every section 7 row and the isotropic
    /// prediction to 1e-12.
    func testIsotropicTeacherReproducesSectionSeven() throws {
        XCTAssertEqual(try Teacher.powerLaw(exponent: 0), .isotropic)
        for row in ReferenceValueTests.rows {
            let spectrum = try row.spectrum(), base = try row.configuration()
            let isotropic = try spectrum.predict(base)
            let viaExponent = try spectrum.predict(base.with(teacher: try .powerLaw(exponent: 0)))
            XCTAssertEqual(viaExponent, isotropic)
            let flat = try Teacher(power: [Double](repeating: 1 / row.m, count: Int(row.m)))
            let general = try spectrum.predict(base.with(teacher: flat))
            let label = "\(row)"
            XCTAssertEqual(general.loss, row.loss, accuracy: 1e-8 * row.loss, label)
            XCTAssertEqual(general.loss, isotropic.loss, accuracy: 1e-12 * isotropic.loss, label)
            XCTAssertEqual(general.relativeLoss, isotropic.relativeLoss, accuracy: 1e-12 * isotropic.relativeLoss, label)
            XCTAssertEqual(general.zeroPredictorLoss, isotropic.zeroPredictorLoss,
                           accuracy: 1e-12 * isotropic.zeroPredictorLoss, label)
            XCTAssertEqual(general.trainingError, isotropic.trainingError,
                           accuracy: 1e-12 * isotropic.trainingError, label)
            XCTAssertEqual(general.delta, isotropic.delta)
        }
    }

    /// The isotropic teacher's sums are the spectral identities
    /// bias = (sigma_w^2/M) Delta (df1 - df2), cross = (sigma_w^2/M) Delta df2,
    /// signal = (sigma_w^2/M) trace, on exact sums and on the Euler-Maclaurin
    /// teacher path (which the power-law teacher uses with beta != 0).
    func testIsotropicTeacherSumsAreSpectralIdentities() throws {
        for (m, summation) in [(3000.0, SpectralSummation.exact), (3000, .eulerMaclaurin), (1e9, .eulerMaclaurin),
                               (.infinity, .eulerMaclaurin)] {
            let spectrum = try PowerLawSpectrum(alpha: 0.7, lambdaPlus: 2, latentDimension: m, summation: summation)
            let scale = 1.5 / spectrum.normalizingDimension
            for delta in [1e-12, 1e-6, 1e-3, 1.0, 100] {
                let s = try spectrum.checkedSums(at: delta)
                let t = try Teacher.isotropic.sums(spectrum: spectrum, teacherVariance: 1.5, at: delta)
                let label = "M \(m) Delta \(delta)"
                XCTAssertEqual(t.bias, scale * delta * s.df1MinusDf2, accuracy: 1e-12 * t.bias, label)
                XCTAssertEqual(t.cross, scale * delta * s.df2, accuracy: 1e-12 * t.cross, label)
                XCTAssertEqual(t.signal, scale * spectrum.trace, accuracy: 1e-12 * t.signal, label)
                XCTAssertEqual(t.resolvent, scale * delta * s.df1, accuracy: 1e-12 * t.resolvent, label)
            }
        }
    }

    /// Ridgeless with min(N, P) >= M the fit is least squares on all M
    /// directions: E_train = sigma_eps^2 (P - M) / (2P), for any teacher.
    func testTrainingErrorOfLeastSquaresBeyondTheLatentDimension() throws {
        let spectrum = try PowerLawSpectrum(alpha: 1, latentDimension: 50)
        for teacher in [Teacher.isotropic, try .powerLaw(exponent: 2)] {
            let c = try ModelConfiguration(featureCount: 80, sampleCount: 200, noiseVariance: 0.3, teacher: teacher)
            let prediction = try spectrum.predict(c)
            XCTAssertEqual(prediction.loss, 0.5 * 0.3 * 50 / 150, accuracy: 1e-15)
            XCTAssertEqual(prediction.trainingError, 0.3 * 150 / 400, accuracy: 1e-15)
        }
        // Interpolation (P <= min(N, M)), including the peak N = P (where
        // <L> = +infinity) and P = M.
        for (n, p) in [(200.0, 40.0), (40, 40), (60, 50)] {
            let c = try ModelConfiguration(featureCount: n, sampleCount: p, noiseVariance: 0.3,
                                           teacher: try .powerLaw(exponent: 1))
            XCTAssertEqual(try spectrum.predict(c).trainingError, 0, "N \(n) P \(p)")
        }
    }
}
