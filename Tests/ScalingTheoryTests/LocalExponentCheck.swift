import Foundation
import ScalingTheory
import XCTest

/// The analytic local exponents d ln<L> / d ln(N, P, gamma) against
/// five-point central differences of the solver's loss, shared by
/// PowerLawAnalyticsTests and TeacherExponentsTests. Step h = 1e-3;
/// truncation is h^4/30 |d^5 ln L|: near the peak (N/P = 400/420) d^5 ln L ~
/// 4!/(0.05)^5 ~ 1e8, giving ~3e-6, elsewhere far less. Rounding: ln L to
/// ~1e-12 (Delta to 1e-13) over h gives ~1e-9. Hence 1e-5 absolute, plus
/// 1e-6 relative for the large exponents next to the peak.
enum LocalExponentCheck {
    static let step = 1e-3

    /// N < P without ridge, N > P with ridge, next to the peak with every
    /// variance away from 1, and N >> P with a large ridge and label noise.
    static func configurations() throws -> [ModelConfiguration] {
        [
            try ModelConfiguration(featureCount: 150, sampleCount: 700),
            try ModelConfiguration(featureCount: 800, sampleCount: 300, ridge: 1e-2),
            try ModelConfiguration(featureCount: 400, sampleCount: 420, ridge: 1e-4, teacherVariance: 2,
                                   featureWeightVariance: 0.5, noiseVariance: 1e-3),
            try ModelConfiguration(featureCount: 1200, sampleCount: 90, ridge: 3, noiseVariance: 0.1),
        ]
    }

    /// Asserts that the solver's local exponents at (spectrum, c) equal the
    /// stencil's d ln L / d ln x, x scaled by e^(k h) (the ridge exponent
    /// only where gamma > 0).
    static func assertExponentsMatchDifferences(_ spectrum: PowerLawSpectrum, _ c: ModelConfiguration, label: String,
                                                file: StaticString = #filePath, line: UInt = #line) throws {
        let h = step
        let e = try SelfConsistentSolver().localExponents(spectrum: spectrum, configuration: c)
        func slope(_ vary: (Double) throws -> ModelConfiguration) throws -> Double {
            func f(_ k: Double) throws -> Double { log(try spectrum.predict(vary(exp(k * h))).loss) }
            return (try 8 * (f(1) - f(-1)) - (f(2) - f(-2))) / (12 * h)
        }
        let dN = try slope { try c.with(featureCount: c.featureCount * $0) }
        let dP = try slope { try c.with(sampleCount: c.sampleCount * $0) }
        XCTAssertEqual(e.featureExponent, dN, accuracy: 1e-5 + 1e-6 * abs(dN), label, file: file, line: line)
        XCTAssertEqual(e.sampleExponent, dP, accuracy: 1e-5 + 1e-6 * abs(dP), label, file: file, line: line)
        if c.ridge > 0 {
            let dG = try slope { try c.with(ridge: c.ridge * $0) }
            XCTAssertEqual(e.ridgeExponent, dG, accuracy: 1e-5 + 1e-6 * abs(dG), label, file: file, line: line)
        }
    }
}
