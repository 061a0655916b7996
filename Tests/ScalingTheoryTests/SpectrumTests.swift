import Foundation
import XCTest
import ScalingTheory

final class SpectrumTests: XCTestCase {
    func testSumsOnASmallSpectrumByHand() throws {
        let s = try TabulatedSpectrum(eigenvalues: [1, 2, 4])
        let sums = s.sums(at: 2)
        XCTAssertEqual(sums.df1, 1.0 / 3 + 2.0 / 4 + 4.0 / 6, accuracy: 1e-15)
        XCTAssertEqual(sums.df2, 1.0 / 9 + 4.0 / 16 + 16.0 / 36, accuracy: 1e-15)
        XCTAssertEqual(sums.df1MinusDf2, sums.df1 - sums.df2, accuracy: 1e-15)
        XCTAssertEqual(s.trace, 7)
        XCTAssertEqual(s.latentDimension, 3)
    }

    func testAnalyticDerivativesAgainstCentralDifferences() throws {
        let s = try PowerLawSpectrum(alpha: 0.7, lambdaPlus: 3, latentDimension: 5000)
        for delta in [1e-6, 1e-3, 0.5] {
            let h = delta * 1e-5
            let d1 = (s.df1(delta + h) - s.df1(delta - h)) / (2 * h)
            let d2 = (s.df2(delta + h) - s.df2(delta - h)) / (2 * h)
            XCTAssertEqual(s.df1Derivative(delta), d1, accuracy: 1e-7 * abs(d1))
            XCTAssertEqual(s.df2Derivative(delta), d2, accuracy: 1e-7 * abs(d2))
        }
    }

    func testPowerLawTraceIsAPartialZetaSum() throws {
        let s = try PowerLawSpectrum(alpha: 1, lambdaPlus: 2, latentDimension: 1_000_000)
        // sum_{I<=M} I^-2 = pi^2/6 - psi'(M+1), psi'(M+1) = 1/M - 1/(2M^2) + 1/(6M^3) + ...
        let m = 1e6
        let expected = 2 * (Double.pi * Double.pi / 6 - (1 / m - 1 / (2 * m * m) + 1 / (6 * m * m * m)))
        XCTAssertEqual(s.trace, expected, accuracy: 1e-14 * expected)
        XCTAssertEqual(s.eigenvalue(10), 2e-2, accuracy: 1e-17)
    }

    func testPowerLawRejectsBadParameters() {
        for (alpha, lp, m) in [(0.0, 1.0, 10.0), (-1, 1, 10), (1, 0, 10), (1, -2, 10), (1, 1, 0.5),
                               (1, 1, 10.5), (Double.nan, 1, 10), (1, .infinity, 10), (1, 1, -5)] {
            XCTAssertThrowsError(try PowerLawSpectrum(alpha: alpha, lambdaPlus: lp, latentDimension: m)) {
                guard case ScalingError.invalidParameter = $0 else { return XCTFail("\($0)") }
            }
        }
    }

    func testTabulatedRejectsEmptyAndNonPositive() {
        XCTAssertThrowsError(try TabulatedSpectrum(eigenvalues: [])) {
            XCTAssertEqual($0 as? ScalingError, .emptySpectrum(source: "the eigenvalue list"))
        }
        for bad in [[1, 0.0], [1, -2], [Double.nan], [1, .infinity]] {
            XCTAssertThrowsError(try TabulatedSpectrum(eigenvalues: bad)) {
                guard case ScalingError.invalidEigenvalue = $0 else { return XCTFail("\($0)") }
            }
        }
    }

    func testSpectrumFileLoader() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("spectrum-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        func write(_ name: String, _ text: String) throws -> String {
            let url = dir.appendingPathComponent(name)
            try text.write(to: url, atomically: true, encoding: .utf8)
            return url.path
        }
        let good = try write("good.txt", "# measured\n1.0\n\n0.5  # second\n 2.5e-1\n")
        XCTAssertEqual(try TabulatedSpectrum(contentsOfFile: good).values, [1.0, 0.5, 0.25])

        let empty = try write("empty.txt", "# nothing\n\n")
        XCTAssertThrowsError(try TabulatedSpectrum(contentsOfFile: empty)) {
            XCTAssertEqual($0 as? ScalingError, .emptySpectrum(source: empty))
        }
        for (name, text, line, field) in [("neg.txt", "1\n2\n-3\n", 3, "-3"), ("zero.txt", "0\n", 1, "0"),
                                          ("word.txt", "1\nabc\n", 2, "abc"), ("nan.txt", "# c\nnan\n", 2, "nan"),
                                          ("inf.txt", "1\ninf\n", 2, "inf")] {
            let path = try write(name, text)
            XCTAssertThrowsError(try TabulatedSpectrum(contentsOfFile: path)) {
                XCTAssertEqual($0 as? ScalingError, .invalidEigenvalue(source: path, line: line, text: field))
            }
        }
        XCTAssertThrowsError(try TabulatedSpectrum(contentsOfFile: dir.appendingPathComponent("missing").path)) {
            guard case ScalingError.unreadableFile = $0 else { return XCTFail("\($0)") }
        }
    }

    func testConfigurationRejectsBadInput() {
        let cases: [(Double, Double, Double, Double, Double, Double)] = [
            (0.5, 10, 0, 1, 1, 0), (10, 0, 0, 1, 1, 0), (-1, 10, 0, 1, 1, 0), (10, 10, -1e-3, 1, 1, 0),
            (10, 10, .nan, 1, 1, 0), (.infinity, 10, 0, 1, 1, 0), (10, 10, 0, 0, 1, 0), (10, 10, 0, 1, -1, 0),
            (10, 10, 0, 1, 1, -0.1), (10, 10, .infinity, 1, 1, 0), (10, 10, 0, 1, 1, .nan),
        ]
        for (n, p, g, w, u, e) in cases {
            XCTAssertThrowsError(try ModelConfiguration(featureCount: n, sampleCount: p, ridge: g, teacherVariance: w,
                                                        featureWeightVariance: u, noiseVariance: e)) {
                guard case ScalingError.invalidParameter = $0 else { return XCTFail("\($0)") }
            }
        }
    }

    func testRegimes() {
        XCTAssertEqual(Regime(featureCount: 10, sampleCount: 20, latentDimension: 100), .underparameterized)
        XCTAssertEqual(Regime(featureCount: 30, sampleCount: 20, latentDimension: 100), .overparameterized)
        XCTAssertEqual(Regime(featureCount: 20, sampleCount: 20, latentDimension: 100), .interpolationThreshold)
        XCTAssertEqual(Regime(featureCount: 200, sampleCount: 100, latentDimension: 100), .beyondLatentDimension)
    }
}
