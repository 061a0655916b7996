import Foundation
import XCTest
import ScalingTheory

/// The issue-15 reproducers that live in the library, each against an
/// independent route.
final class HardeningTests: XCTestCase {
    /// Eigenvalues a and 1/a with N = 1: df1(Delta) = 1 at Delta^2 = a (1/a) = 1
    /// exactly, and there (closed form, Docs/Theory.md section 3 with M = 2, N = 1,
    /// P = 5, df1 = 1, df1 - df2 = 2/(a + 2 + 1/a) ~ 2/a) <L> = 1/2 * 1/2 * (P / (N + P - 2)) = 5/16.
    func testGappedSpectraSolveExactly() throws {
        for exponent in [20.0, 100.0, 300.0] {
            let a = pow(10, exponent)
            let spectrum = try TabulatedSpectrum(eigenvalues: [a, 1 / a])
            let prediction = try spectrum.predict(ModelConfiguration(featureCount: 1, sampleCount: 5))
            XCTAssertEqual(prediction.delta, 1, accuracy: 1e-12, "gap 1e\(exponent)")
            XCTAssertEqual(prediction.loss, 0.3125, accuracy: 1e-12, "gap 1e\(exponent)")
        }
    }

    /// The N = M tiny-ridge corner: exact and Euler-Maclaurin sums are
    /// different algorithms; they must agree to 1e-10 (they disagreed by 44%
    /// before the slack was summed without cancellation).
    func testEqualFeatureAndLatentDimensionAgreeAcrossSummationModes() throws {
        let configuration = try ModelConfiguration(featureCount: 1e5, sampleCount: 1e12, ridge: 1e-18)
        let exact = try PowerLawSpectrum(alpha: 0.05, latentDimension: 1e5, summation: .exact).predict(configuration)
        let euler = try PowerLawSpectrum(alpha: 0.05, latentDimension: 1e5, summation: .eulerMaclaurin)
            .predict(configuration)
        XCTAssertEqual(euler.loss, exact.loss, accuracy: 1e-10 * exact.loss)
        XCTAssertEqual(euler.delta, exact.delta, accuracy: 1e-10 * exact.delta)
    }

    /// Spectrum files: CRLF, a byte-order mark, comments; a bad line is named
    /// with its text escaped.
    func testSpectrumFileFormats() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hardening-\(getpid()).txt")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data([0xEF, 0xBB, 0xBF] + Array("1\r\n 0.5 # half\r\n\r\n2.5e-1\r\n".utf8)).write(to: url)
        XCTAssertEqual(try TabulatedSpectrum(contentsOfFile: url.path).values, [1, 0.5, 0.25])
        try Data(Array("1\n\u{1B}[2Jbad\n".utf8)).write(to: url)
        XCTAssertThrowsError(try TabulatedSpectrum(contentsOfFile: url.path)) { error in
            guard case let ScalingError.invalidEigenvalue(_, line, text) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(line, 2)
            XCTAssertFalse(text.contains("\u{1B}"), text)
        }
    }

    /// Overflow is refused with a typed error rather than returned.
    func testOverflowIsRefused() throws {
        let spectrum = try PowerLawSpectrum(alpha: 1, latentDimension: 1000)
        let c = try ModelConfiguration(featureCount: 100, sampleCount: 400, ridge: 1, noiseVariance: 1e308)
        XCTAssertThrowsError(try spectrum.predict(c))
        XCTAssertThrowsError(try PowerLawSpectrum(alpha: 1, lambdaPlus: 2.2250738585072014e-308, latentDimension: 1000))
        XCTAssertThrowsError(try TabulatedSpectrum(eigenvalues: [1.7976931348623157e308, 1.7976931348623157e308]))
    }
}
