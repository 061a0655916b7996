import XCTest
import Foundation
import ScalingTheory
import ScalingMonteCarlo

/// The computations of step 7 of Docs/Tutorial.md (a teacher that is not
/// isotropic) checked against Docs/Theory.md section 8's reference rows, closed
/// forms and the simulation's own standard errors. The tutorial's own text is
/// compiled and run as a program by `TutorialProgramTests`.
final class TutorialTeacherTests: XCTestCase {
    private func relative(_ a: Double, _ b: Double) -> Double { abs(a / b - 1) }

    func testTeacher() throws {
        // tutorial: teacher
        let spectrum = try PowerLawSpectrum(alpha: 1, latentDimension: 1000)
        let aligned = try ModelConfiguration(featureCount: 100, sampleCount: 400, ridge: 1e-3,
                                             teacher: try .powerLaw(exponent: 0.5))
        let prediction = try spectrum.predict(aligned)
        print(prediction.loss)           // 2.362371127...e-06
        print(prediction.trainingError)  // 1.429986105...e-06
        print(prediction.relativeLoss)   // 0.003522073299...
        let isotropic = try spectrum.predict(aligned.with(teacher: .isotropic))
        print(isotropic.relativeLoss)    // 0.017277955542...: five times more, for the isotropic teacher
        // end tutorial
        XCTAssertLessThan(relative(prediction.loss, 2.3623711272e-06), 1e-9)
        XCTAssertLessThan(relative(prediction.trainingError, 1.4299861053e-06), 1e-9)

        // tutorial: teacher-simulation
        let result = try Simulation(spectrum: spectrum, configuration: aligned,
                                    options: SimulationOptions(trials: 32, seed: 42)).run()
        print(result.zScore(against: prediction.loss))  // 0.605...
        print(result.trainingError, result.trainingErrorStandardError)  // 1.4579e-06 5.58e-08 (theory 1.4300e-06)
        print(result.gcv!, result.gcvStandardError!)  // 2.4080e-06 9.21e-08: <L> + sigma_eps^2/2 from training sets alone
        // end tutorial
        XCTAssertLessThan(abs(result.zScore(against: prediction.loss)), 4)
        XCTAssertLessThan(abs(result.trainingError - prediction.trainingError) / result.trainingErrorStandardError, 4)
        XCTAssertLessThan(abs(result.gcv! - prediction.loss) / result.gcvStandardError!, 4)

        // tutorial: teacher-law
        let infinite = try PowerLawSpectrum(alpha: 1, latentDimension: .infinity)
        for beta in [-0.5, 0.5, 2] {
            let law = try AsymptoticScalingLaw(spectrum: infinite, teacher: try .powerLaw(exponent: beta))
            print(beta, law.exponent, law.offset)  // -0.5 -0.5 1.5, then 0.5 -1.5 0.5, then 2.0 -2.0 0.0
        }
        // end tutorial
        XCTAssertEqual(try AsymptoticScalingLaw(spectrum: infinite, teacher: try .powerLaw(exponent: 2)).exponent, -2)

        // tutorial: teacher-table
        let eigenvalues: [Double] = [0.5, 2, 1, 0.25]   // as measured, in any order
        let power: [Double] = [0, 0.3, 0.1, 0.05]       // omega_I in the same order
        let table = try TabulatedSpectrum(eigenvalues: eigenvalues)
        let teacher = try Teacher(power: power)
        let small = try ModelConfiguration(featureCount: 2, sampleCount: 3, ridge: 0.1, teacher: teacher)
        print(try teacher.weightVariances(for: table, teacherVariance: 1))  // [0.3, 0.1, 0.0, 0.05], largest lambda first
        let sums = try teacher.sums(spectrum: table, teacherVariance: 1, at: 0.5)
        print(sums.signal, sums.resolvent)  // 0.7125 0.16166...: sum lambda omega, sum lambda omega Delta/(lambda + Delta)
        print(try table.predict(small).loss)  // 0.21445143899...
        // end tutorial
        XCTAssertEqual(try teacher.weightVariances(for: table, teacherVariance: 1), [0.3, 0.1, 0, 0.05])
        XCTAssertEqual(sums.signal, 2 * 0.3 + 1 * 0.1 + 0.25 * 0.05, accuracy: 1e-15)
        XCTAssertEqual(sums.resolvent, 0.6 * 0.5 / 2.5 + 0.1 * 0.5 / 1.5 + 0.0125 * 0.5 / 0.75, accuracy: 1e-15)
    }
}
