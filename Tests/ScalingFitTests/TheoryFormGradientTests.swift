import Foundation
import ScalingFit
import ScalingTheory
import XCTest

/// The model form's objective and gradient against the theory evaluated run
/// by run (`predict`) and against finite differences of the objective.
final class TheoryFormGradientTests: XCTestCase {
    /// 12 runs of alpha 1.2 with M = 3000: ridgeless with shared min(N, P), a
    /// ridge, N above and below P.
    static func runs() throws -> ScalingRuns {
        var n: [Double] = [], d: [Double] = [], l: [Double] = [], g: [Double] = []
        for (i, size) in [10.0, 30, 90].enumerated() {
            for (j, data) in [200.0, 600, 20].enumerated() {
                n.append(size)
                d.append(data)
                g.append(j == 1 ? 1e-2 : 0)
                l.append(0.05 * pow(size, -0.8) * (1 + 0.1 * sin(Double(3 * i + j))) + 1e-3)
            }
        }
        n += [40, 40, 40]
        d += [500, 900, 40.5]
        g += [0, 0, 0]
        l += [2e-3, 1.8e-3, 9e-3]
        return try ScalingRuns(N: n, D: d, loss: l, ridge: g)
    }

    /// (theta, objective, gradient) for a form at a theta, Huber delta 0.3
    /// (quadratic for most residuals, so the objective is smooth there).
    func objective(_ form: TheoryForm, _ theta: [Double], _ data: FitData, _ weights: [Double],
                   gradient: Bool) throws -> (Double, [Double]) {
        let huber = try HuberLoss(delta: 0.3)
        var g = [Double](repeating: 0, count: theta.count)
        let f = g.withUnsafeMutableBufferPointer {
            form.objective(theta, data, targets: data.logLoss, weights: weights, huber: huber, gradient: gradient ? $0 : nil)
        }
        return (f, g)
    }

    /// The objective is sum_i w_i huber(log(<L>_i + floor) - log L_i) with
    /// <L>_i from `predict` at (alpha, beta, sigma_w^2 = scale, sigma_eps^2 = 2 floor).
    func testObjectiveIsTheTheoryRunByRun() throws {
        let runs = try Self.runs()
        let data = FitData(runs)
        let form = try TheoryForm(runs: runs, latentDimension: 3000)
        let weights = (0..<runs.count).map { Double($0 % 3) }
        let (alpha, beta, scale, floor) = (1.2, 0.3, 0.8, 4e-4)
        let theta = [log(scale), log(alpha), log(alpha + beta), log(floor)]
        XCTAssertEqual(form.reported(theta)[0], alpha, accuracy: 1e-15)
        let spectrum = try PowerLawSpectrum(alpha: alpha, latentDimension: 3000, summation: .eulerMaclaurin)
        let huber = try HuberLoss(delta: 0.3)
        var want = 0.0
        for i in 0..<runs.count where weights[i] != 0 {
            let loss = try spectrum.predict(ModelConfiguration(
                featureCount: runs.N[i], sampleCount: runs.D[i], ridge: runs.ridge![i], teacherVariance: scale,
                noiseVariance: 2 * floor, teacher: .powerLaw(exponent: beta))).loss + floor
            want += weights[i] * huber.value(log(loss) - data.logLoss[i])
        }
        let (got, _) = try objective(form, theta, data, weights, gradient: false)
        XCTAssertEqual(got, want, accuracy: 1e-12 * want)
    }

    /// Every gradient component against central differences of the objective
    /// at steps H and 2H. The scale and floor components are exact: the
    /// tolerance is the central difference's own truncation error,
    /// |D(H) - D(2H)| (which is 3 times it), plus its rounding (the theory's
    /// ~1e-13 relative accuracy over H). The alpha and teacher components are
    /// forward differences with h = 1e-6: their truncation error is
    /// h |f''| / 2, with f'' from the second difference at H.
    func testGradientAgainstFiniteDifferences() throws {
        let runs = try Self.runs()
        let data = FitData(runs)
        let weights = (0..<runs.count).map { Double(1 + $0 % 3) }
        for (form, theta) in [(try TheoryForm(runs: runs, latentDimension: 3000), [log(0.8), log(1.2), log(1.5), log(4e-4)]),
                              (try TheoryForm(runs: runs, teacherExponent: 0), [log(0.5), log(0.9), log(2e-4)])] {
            let (f, gradient) = try objective(form, theta, data, weights, gradient: true)
            let big = 1e-3
            let forwardComponents: Set<Int> = form.teacherExponent == nil ? [1, 2] : [1]
            for j in theta.indices {
                func at(_ step: Double) throws -> Double {
                    var x = theta
                    x[j] += step
                    return try objective(form, x, data, weights, gradient: false).0
                }
                let central = (try at(big) - at(-big)) / (2 * big)
                let coarse = (try at(2 * big) - at(-2 * big)) / (4 * big)
                let rounding = 1e-13 * abs(f) / big
                let second = (try at(big) - 2 * f + at(-big)) / (big * big)
                var tolerance = abs(central - coarse) + rounding
                if forwardComponents.contains(j) { tolerance += 1e-6 * abs(second) + 1e-13 * abs(f) / 1e-6 }
                print("\(form.coordinateNames[j]): gradient \(gradient[j]), central \(central), tolerance \(tolerance)")
                XCTAssertEqual(gradient[j], central, accuracy: tolerance, form.coordinateNames[j])
            }
        }
    }

    /// Same seed, one or two threads: the same bits (resamples are
    /// independent minimizations, each seeded by its index).
    func testModelFitDoesNotDependOnTheThreadCount() throws {
        let runs = try Self.runs()
        let form = try TheoryForm(runs: runs, latentDimension: 3000, teacherExponent: 0)
        var options = FitOptions()
        options.resamples = 6
        options.threads = 1
        let one = try ScalingLawFit(runs: runs, form: form, options: options)
        options.threads = 2
        let two = try ScalingLawFit(runs: runs, form: form, options: options)
        XCTAssertEqual(one.theta, two.theta)
        XCTAssertEqual(one.resampleThetas, two.resampleThetas)
    }
}
