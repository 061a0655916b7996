import Foundation
import TestSupport
import XCTest
import ScalingTheory

/// Tabulated teachers: the file loader's strictness and the alignment of the
/// entries with the spectrum's eigenvalues in the order they were given.
final class TabulatedTeacherTests: XCTestCase {
    private func file(_ text: String) throws -> String { try temporaryFile(text, prefix: "teacher") }

    func testFileWithCommentsAndBlankLines() throws {
        let path = try file("# omega_I per direction\n0.5\n\n  0.25  # second\n0\n1e-3\n")
        let teacher = try Teacher(contentsOfFile: path)
        XCTAssertEqual(teacher.kind, .tabulated)
        XCTAssertEqual(teacher.power, [0.5, 0.25, 0, 1e-3])
    }

    func testBadEntriesNameTheirLine() throws {
        for (text, line, entry) in [("1\n# c\n-0.5\n", 3, "-0.5"), ("1\nnan\n", 2, "nan"), ("1\n2\ninf\n", 3, "inf"),
                                    ("0.1\n\nabc # x\n", 3, "abc"), ("1 2\n", 1, "1 2")] {
            let path = try file(text)
            XCTAssertThrowsError(try Teacher(contentsOfFile: path), text) {
                guard case let ScalingError.invalidTeacherPower(source, badLine, badText) = $0 else {
                    return XCTFail("\($0)")
                }
                XCTAssertEqual(source, path)
                XCTAssertEqual(badLine, line, text)
                XCTAssertEqual(badText, entry, text)
            }
        }
        for text in ["# nothing\n\n", "0\n0\n"] {
            XCTAssertThrowsError(try Teacher(contentsOfFile: try file(text)), text) {
                guard case ScalingError.teacherMismatch = $0 else { return XCTFail("\($0)") }
            }
        }
        XCTAssertThrowsError(try Teacher(contentsOfFile: "/nonexistent/teacher.txt")) {
            guard case ScalingError.unreadableFile = $0 else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try Teacher(power: [1, -1])) {
            guard case ScalingError.invalidTeacherPower(_, 2, _) = $0 else { return XCTFail("\($0)") }
        }
    }

    func testLengthMismatchIsATypedError() throws {
        let spectrum = try TabulatedSpectrum(eigenvalues: [3, 2, 1])
        let c = try ModelConfiguration(featureCount: 2, sampleCount: 5, ridge: 0.1, teacher: try Teacher(power: [1, 1]))
        XCTAssertThrowsError(try spectrum.predict(c)) {
            guard case ScalingError.teacherMismatch = $0 else { return XCTFail("\($0)") }
        }
        // Ridgeless beyond the latent dimension, where the loss needs no teacher sum.
        XCTAssertThrowsError(try spectrum.predict(c.with(featureCount: 5, ridge: 0))) {
            guard case ScalingError.teacherMismatch = $0 else { return XCTFail("\($0)") }
        }
    }

    /// A shuffled tabulated spectrum with its teacher shuffled the same way
    /// predicts what the power-law spectrum with the power-law teacher does:
    /// the entries follow the eigenvalues in the order given.
    func testEntriesFollowTheSpectrumOrder() throws {
        let power = try PowerLawSpectrum(alpha: 1, lambdaPlus: 1, latentDimension: 1000)
        let eigenvalues = try power.eigenvalues()
        let beta = 0.5
        let omega = (1...1000).map { pow(Double($0), -beta) / 1000 }
        var order = Array(0..<1000)
        var generator = SystemRandomNumberGenerator()
        order.shuffle(using: &generator)
        let spectrum = try TabulatedSpectrum(eigenvalues: order.map { eigenvalues[$0] })
        let teacher = try Teacher(power: order.map { omega[$0] })
        for row in TeacherReferenceTests.rows.prefix(2) {
            let expected = try power.predict(TeacherReferenceTests.configuration(row, teacher: try .powerLaw(exponent: beta)))
            let got = try spectrum.predict(TeacherReferenceTests.configuration(row, teacher: teacher))
            XCTAssertEqual(got.loss, expected.loss, accuracy: 1e-12 * expected.loss)
            XCTAssertEqual(got.relativeLoss, expected.relativeLoss, accuracy: 1e-12 * expected.relativeLoss)
            XCTAssertEqual(got.loss, row.loss, accuracy: 1e-8 * row.loss)
        }
        let variances = try teacher.weightVariances(for: spectrum, teacherVariance: 2)
        XCTAssertEqual(variances.count, 1000)
        for k in [0, 1, 499, 999] { XCTAssertEqual(variances[k], 2 * omega[k], accuracy: 1e-18) }
        // Ties keep the given order.
        let tied = try TabulatedSpectrum(eigenvalues: [1, 2, 1, 3])
        XCTAssertEqual(tied.sourceIndices, [3, 1, 0, 2])
        XCTAssertEqual(try Teacher(power: [10, 20, 30, 40]).weightVariances(for: tied, teacherVariance: 1), [40, 20, 10, 30])
    }
}
