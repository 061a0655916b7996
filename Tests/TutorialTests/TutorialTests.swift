import XCTest
// tutorial: imports
import Foundation
import ScalingTheory
import NonlinearFeatureTheory
import ScalingMonteCarlo
import SVGPlot
// end tutorial

/// The computations of Docs/Tutorial.md checked against facts that do not
/// come from the code under test: the reference table of Docs/Theory.md section 7,
/// closed forms (pi^2/8, alpha/(alpha + 2), the label-noise floor) and
/// measured values recorded in Docs/. The tutorial's own text, section by
/// section as a reader pastes it, is compiled, run and its output compared
/// by `TutorialProgramTests`; the `// tutorial:` markers below name the
/// tutorial block each computation follows.
final class TutorialTests: XCTestCase {
    /// Relative difference |a/b - 1|.
    private func relative(_ a: Double, _ b: Double) -> Double { abs(a / b - 1) }

    // MARK: Predicting

    func testPredicting() throws {
        // tutorial: predict
        let spectrum = try PowerLawSpectrum(alpha: 1, lambdaPlus: 1, latentDimension: 1000)
        let configuration = try ModelConfiguration(featureCount: 100, sampleCount: 400, ridge: 0)
        let prediction = try spectrum.predict(configuration)
        print(prediction.loss)             // 1.4932651044796724e-05
        print(prediction.delta)            // 0.0002239897656719514
        print(prediction.relativeLoss)     // 0.018166965215579985  (<L> / L0)
        print(prediction.regime.rawValue)  // underparameterized
        // end tutorial
        // Docs/Theory.md section 7, row 1.
        XCTAssertLessThan(relative(prediction.loss, 1.4932651045e-05), 1e-9)
        XCTAssertLessThan(relative(prediction.delta, 2.2398976567e-04), 1e-9)
        XCTAssertEqual(prediction.regime, .underparameterized)
        // Ridgeless with N < P: df1(Delta) = N.
        XCTAssertEqual(prediction.df1, 100, accuracy: 1e-9)

        // tutorial: knobs
        let flatter = try PowerLawSpectrum(alpha: 0.5, lambdaPlus: 2, latentDimension: 3000)
        let noisy = try ModelConfiguration(featureCount: 400, sampleCount: 150, ridge: 1e-2,
                                           teacherVariance: 2, featureWeightVariance: 0.5, noiseVariance: 0.01)
        print(try flatter.predict(noisy).loss)  // 0.0031078179155473984
        // end tutorial
        // Docs/Theory.md section 7, row 3.
        XCTAssertLessThan(relative(try flatter.predict(noisy).loss, 3.1078179155e-03), 1e-9)
        XCTAssertLessThan(relative(try flatter.predict(noisy).delta, 5.3596659720e-03), 1e-9)

        // tutorial: duality
        let mirrored = try spectrum.predict(ModelConfiguration(featureCount: 400, sampleCount: 100))
        print(mirrored.loss)               // 1.4932651044796...e-05, the same as N = 100, P = 400
        print(mirrored.regime.rawValue)    // overparameterized
        // end tutorial
        XCTAssertLessThan(relative(mirrored.loss, prediction.loss), 1e-12)
        XCTAssertEqual(mirrored.regime, .overparameterized)

        // tutorial: peak
        let peak = try spectrum.predict(ModelConfiguration(featureCount: 250, sampleCount: 250))
        print(peak.loss, peak.regime.rawValue)  // inf interpolation-threshold
        let ridged = try spectrum.predict(ModelConfiguration(featureCount: 250, sampleCount: 250, ridge: 1e-3))
        print(ridged.loss)                      // 8.654834193234856e-06
        // end tutorial
        XCTAssertEqual(peak.loss, .infinity)
        XCTAssertEqual(peak.regime, .interpolationThreshold)
        // Docs/Theory.md section 7, row 2.
        XCTAssertLessThan(relative(ridged.loss, 8.6548341932e-06), 1e-9)
        XCTAssertLessThan(relative(ridged.delta, 9.7206654407e-05), 1e-9)

        // tutorial: beyond
        let short = try PowerLawSpectrum(alpha: 1.5, latentDimension: 500)
        let beyond = try short.predict(ModelConfiguration(featureCount: 800, sampleCount: 1500, noiseVariance: 0.001))
        print(beyond.loss, beyond.delta, beyond.regime.rawValue)  // 0.00025 0.0 beyond-latent-dimension
        // end tutorial
        // Only label noise is left: sigma_eps^2 M / (2 (P - M)) = 0.001 * 500 / 2000.
        XCTAssertEqual(beyond.loss, 0.001 * 500 / (2 * (1500 - 500)), accuracy: 1e-15)
        XCTAssertEqual(beyond.delta, 0)
        XCTAssertEqual(beyond.regime, .beyondLatentDimension)

        // tutorial: tabulated
        let measured = try TabulatedSpectrum(eigenvalues: (1...1000).map { 1 / Double($0 * $0) })
        print(try measured.predict(configuration).loss)  // 1.49326510447967...e-05, as the power law
        // From a file instead: one eigenvalue per line, '#' starts a comment.
        // let measured = try TabulatedSpectrum(contentsOfFile: "eigenvalues.txt")
        // end tutorial
        // I^-2 for I = 1..1000 is the alpha = 1 power law of row 1.
        XCTAssertLessThan(relative(try measured.predict(configuration).loss, 1.4932651045e-05), 1e-9)
        XCTAssertEqual(measured.latentDimension, 1000)

        // tutorial: errors
        do {
            _ = try ModelConfiguration(featureCount: 0.5, sampleCount: 400)
        } catch let error as ScalingError {
            print(error)  // invalid featureCount (N) = 0.5: must be >= 1
        }
        // end tutorial
        XCTAssertThrowsError(try ModelConfiguration(featureCount: 0.5, sampleCount: 400)) { error in
            XCTAssertEqual("\(error)", "invalid featureCount (N) = 0.5: must be >= 1")
        }
    }

    // MARK: Power-law analytics

    func testPowerLawAnalytics() throws {
        // tutorial: infinite
        let infinite = try PowerLawSpectrum(alpha: 1, latentDimension: .infinity)
        let huge = try PowerLawSpectrum(alpha: 1, latentDimension: 1e12)
        let big = try ModelConfiguration(featureCount: 1e4, sampleCount: 1e8)
        let atInfinity = try infinite.predict(big)
        let atHuge = try huge.predict(big)
        print(infinite.summation.rawValue, huge.summation.rawValue)  // euler-maclaurin euler-maclaurin
        print(atInfinity.loss)                          // 0.00012337005593892334
        print(atHuge.loss)                              // 1.2337005...e-16: sigma_w^2/M with M = 1e12
        print(atHuge.loss * 1e12)                       // 0.00012337005...
        print(atInfinity.relativeLoss, atHuge.relativeLoss)  // 0.00015000000112503763 0.000149999999909214
        // end tutorial
        XCTAssertEqual(infinite.summation, .eulerMaclaurin)
        XCTAssertEqual(huge.summation, .eulerMaclaurin)
        // Per-component normalization at M = inf: the M = 1e12 loss times M.
        XCTAssertLessThan(relative(atHuge.loss * 1e12, atInfinity.loss), 1e-6)
        XCTAssertLessThan(relative(atHuge.relativeLoss, atInfinity.relativeLoss), 1e-6)
        // L0 at M = inf is (1/2) zeta(2) = pi^2/12.
        XCTAssertLessThan(relative(atInfinity.zeroPredictorLoss, Double.pi * Double.pi / 12), 1e-12)

        // tutorial: asymptotic
        let law = try AsymptoticScalingLaw(spectrum: infinite)
        print(law.coefficient, law.exponent)                  // 1.2337005501361722 -1.0  (pi^2/8 at alpha = 1)
        print(law.loss(featureCount: 1e4, sampleCount: 1e8))  // 0.00012338239325294253
        print(try law.relativeError(spectrum: infinite, featureCount: 1e4, sampleCount: 1e8))  // 0.000100002...
        // end tutorial
        // [Gamma(3/2) Gamma(1/2)]^2 / 2 = (pi/2)^2 / 2 = pi^2/8.
        XCTAssertLessThan(relative(law.coefficient, Double.pi * Double.pi / 8), 1e-12)
        XCTAssertEqual(law.exponent, -1)
        XCTAssertLessThan(try law.relativeError(spectrum: infinite, featureCount: 1e4, sampleCount: 1e8), 1e-2)

        // tutorial: exponents
        let solver = SelfConsistentSolver()
        let exponents = try solver.localExponents(spectrum: infinite, configuration: big)
        print(exponents.featureExponent, exponents.sampleExponent)  // -0.999799994998751 -0.00010001000100023916
        let analysis = try solver.bottleneck(spectrum: infinite, configuration: big)
        print(analysis.bottleneck?.rawValue ?? "none", analysis.featureGain)  // N 9.990099975177994
        // end tutorial
        // From L ~ N^-alpha / (1 - N/P): d ln L/d ln N = -alpha + r/(1-r), d ln L/d ln P = -r/(1-r), r = N/P.
        let r = 1e-4
        XCTAssertEqual(exponents.featureExponent, -1 + r / (1 - r), accuracy: 1e-3)
        XCTAssertLessThan(relative(exponents.sampleExponent, -r / (1 - r)), 1e-3)
        XCTAssertEqual(analysis.bottleneck, .features)
        // One decade of N at N << P gains about 10^alpha.
        XCTAssertEqual(analysis.featureGain, 10, accuracy: 0.05)

        // tutorial: optimal-ridge
        let best = try solver.optimalRidge(spectrum: infinite,
                                           configuration: ModelConfiguration(featureCount: 1e3, sampleCount: 1e5))
        print(best.ridge, best.optimum.rawValue)  // 2.467399... interior  (about pi^2/4)
        print(best.loss, best.ridgelessLoss)      // 0.0012447923... 0.0012449169...
        // end tutorial
        XCTAssertEqual(best.optimum, .interior)
        XCTAssertLessThan(best.loss, best.ridgelessLoss)
        // Docs/PowerLaw.md: gamma* = pi^2/4 to 8 digits at alpha = 1, M = inf (empirical).
        XCTAssertLessThan(relative(best.ridge, Double.pi * Double.pi / 4), 1e-4)

        // tutorial: compute-optimal
        let template = try ModelConfiguration(featureCount: 1, sampleCount: 1)  // its N and P are ignored
        let fixed = try solver.computeOptimalAllocation(spectrum: infinite, compute: 1e6,
                                                        configuration: template, optimizeRidge: false)
        print(fixed.featureCount, fixed.sampleCount, fixed.ratio)  // 577.01... 1733.05... 0.33294...
        let tuned = try solver.computeOptimalAllocation(spectrum: infinite, compute: 1e4,
                                                        configuration: template, optimizeRidge: true)
        print(tuned.ratio, tuned.ridge, tuned.loss)  // 1.0000... 2.4674... 0.0243075...
        // end tutorial
        // Ridgeless, L ~ n^-alpha / (1 - n/n') with n n' = C is smallest at n/n' = alpha/(alpha + 2) = 1/3.
        XCTAssertEqual(fixed.ratio, 1.0 / 3, accuracy: 0.005)
        XCTAssertEqual(fixed.featureCount * fixed.sampleCount, 1e6, accuracy: 1e-6)
        XCTAssertEqual(tuned.ratio, 1, accuracy: 1e-6)
        XCTAssertEqual(tuned.ridgeOptimum, .interior)
        XCTAssertLessThan(tuned.loss, try solver.computeOptimalAllocation(
            spectrum: infinite, compute: 1e4, configuration: template, optimizeRidge: false).loss)
    }

    // MARK: Simulating

    func testSimulating() throws {
        // tutorial: simulate
        let spectrum = try PowerLawSpectrum(alpha: 1, latentDimension: 1000)
        let configuration = try ModelConfiguration(featureCount: 100, sampleCount: 400)
        let options = SimulationOptions(trials: 32, seed: 42)
        let result = try Simulation(spectrum: spectrum, configuration: configuration, options: options).run()
        let theory = try spectrum.predict(configuration)
        print(result.mean, result.standardError)    // 1.4941288861323056e-05 2.748440053431536e-07
        print(result.zScore(against: theory.loss))  // 0.03142806959004763
        // end tutorial
        XCTAssertEqual(result.trials, 32)
        XCTAssertLessThan(abs(result.zScore(against: 1.4932651045e-05)), 4)

        // tutorial: reproducible
        var oneThread = options
        oneThread.threads = 1
        let again = try Simulation(spectrum: spectrum, configuration: configuration, options: oneThread).run()
        print(again.losses == result.losses)  // true: trial k draws from the stream of (seed, k)
        // end tutorial
        XCTAssertEqual(again.losses, result.losses)
        var otherSeed = options
        otherSeed.seed = 43
        XCTAssertNotEqual(try Simulation(spectrum: spectrum, configuration: configuration, options: otherSeed).run().losses,
                          result.losses)
    }

    // MARK: Nonlinear features

    func testNonlinearFeatures() throws {
        // tutorial: nonlinear
        let latent = try PowerLawSpectrum(alpha: 1, lambdaPlus: 300, latentDimension: 400)
        let configuration = try ModelConfiguration(featureCount: 100, sampleCount: 300, ridge: 1e-3)
        let theory = try NonlinearTheory(spectrum: latent, configuration: configuration, activation: .relu,
                                         options: NonlinearTheoryOptions(draws: 8, seed: 1)).run()
        print(theory.loss, theory.standardError)  // 0.03678193420968456 0.00043594077990836196
        let options = SimulationOptions(trials: 32, seed: 1, activation: .relu, testSampleCount: 4000)
        let simulated = try Simulation(spectrum: latent, configuration: configuration, options: options).run()
        let error = (simulated.standardError * simulated.standardError
                     + theory.standardError * theory.standardError).squareRoot()
        print(simulated.mean, (simulated.mean - theory.loss) / error)  // 0.03744920133386142 0.4459068423375072
        // end tutorial
        // Docs/Theory.md: 3.677e-2 +- 0.024e-2 at this configuration (another seed).
        XCTAssertEqual(theory.loss, 3.677e-2, accuracy: 4 * 0.05e-2)
        XCTAssertLessThan(abs((simulated.mean - theory.loss) / error), 4)

        // tutorial: nonlinear-linear
        let linear = try NonlinearTheory(spectrum: latent, configuration: configuration, activation: .linear,
                                         options: NonlinearTheoryOptions(draws: 8, seed: 1)).run()
        let exact = try latent.predict(configuration)
        print(linear.loss, exact.loss, linear.zScore(of: exact.loss))  // 0.010897887000995003 0.010795267142965553 -1.6951684755048904
        // end tutorial
        XCTAssertLessThan(abs(linear.zScore(of: exact.loss)), 4)

        // tutorial: custom-activation
        let softplus = Activation.custom(name: "softplus", function: { log(1 + exp($0)) })
        let smooth = try NonlinearTheory(spectrum: latent, configuration: configuration.with(featureCount: 60),
                                         activation: softplus, options: NonlinearTheoryOptions(draws: 4)).run()
        print(smooth.loss, smooth.relativeLoss)  // 0.0278785784371018 0.04526375578873005
        // end tutorial
        XCTAssertTrue(smooth.loss.isFinite)
        XCTAssertGreaterThan(smooth.loss, 0)
        XCTAssertLessThan(smooth.relativeLoss, 1)

        // tutorial: feature-spectrum
        let small = try PowerLawSpectrum(alpha: 1, lambdaPlus: 300, latentDimension: 100)
        let linearFeatures = try FeatureCovarianceSpectrum(exactFor: small, featureCount: 300, activation: .linear, seed: 1)
        let reluFeatures = try FeatureCovarianceSpectrum(exactFor: small, featureCount: 300, activation: .relu, seed: 1)
        print(linearFeatures.eigenvalues[150], reluFeatures.eigenvalues[150])  // 1.15846263754846e-14 0.07318754283470692
        let below = try PowerLawFit.fit(linearFeatures.eigenvalues, indices: 5...50)
        let above = try PowerLawFit.fit(reluFeatures.eigenvalues, indices: 120...250)
        print(-below.slope, -above.slope)  // 2.052704005686755 1.748024724058377
        // end tutorial
        // Linear features have rank M = 100: nothing past index M but rounding.
        XCTAssertLessThan(abs(linearFeatures.eigenvalues[150]), 1e-9 * linearFeatures.eigenvalues[0])
        XCTAssertGreaterThan(reluFeatures.eigenvalues[150], 1e-6 * reluFeatures.eigenvalues[0])
        // Below M the linear features follow the latent 1 + alpha = 2.
        XCTAssertEqual(-below.slope, 2, accuracy: 0.1)
        // Past M the ReLU spectrum keeps decaying as a power law (Docs/Theory.md: about 1.5 at alpha = 1).
        XCTAssertEqual(-above.slope, 1.5, accuracy: 0.3)
    }

    // MARK: Sweeping and drawing

    func testSweepingAndDrawing() throws {
        // tutorial: sweep
        let spectrum = try PowerLawSpectrum(alpha: 1, latentDimension: 1000)
        let base = try ModelConfiguration(featureCount: 1, sampleCount: 400)  // N is the varied one
        let grid = try ParameterGrid(from: 10, to: 3000, count: 41)           // log-spaced by default
        let curve = try Sweep.theory(spectrum: spectrum, base: base, vary: .featureCount, over: grid)
        print(curve.count, curve[0].value, curve[40].value)  // 41 10.0 3000.0
        let evenly = try ParameterGrid(from: 100, to: 700, count: 7, spacing: .linear)
        print(try Sweep.theory(spectrum: spectrum, base: base, vary: .featureCount, over: evenly)
            .map(\.prediction.loss))  // [1.49...e-05, 1.01...e-05, 1.21...e-05, inf, 9.96...e-06, 5.97...e-06, 4.64...e-06]
        // end tutorial
        XCTAssertEqual(curve.count, 41)
        XCTAssertEqual(curve.first?.value, 10)
        XCTAssertEqual(curve.last?.value, 3000)
        let row = try Sweep.theory(spectrum: spectrum, base: base, vary: .featureCount, over: evenly)
        XCTAssertEqual(row.map(\.value), [100, 200, 300, 400, 500, 600, 700])
        XCTAssertEqual(row[3].prediction.loss, .infinity)
        XCTAssertTrue(row.enumerated().allSatisfy { $0.offset == 3 || $0.element.prediction.loss.isFinite })
        // Double descent: the loss rises towards N = P and falls after it.
        XCTAssertLessThan(row[1].prediction.loss, row[2].prediction.loss)
        XCTAssertGreaterThan(row[4].prediction.loss, row[5].prediction.loss)
        // Docs/Theory.md section 7, row 1 is a grid point of the N sweep at P = 400.
        let at100 = try Sweep.theory(spectrum: spectrum, base: base, vary: .featureCount,
                                     over: ParameterGrid(from: 100, to: 100, count: 1))
        XCTAssertLessThan(relative(at100[0].prediction.loss, 1.4932651045e-05), 1e-9)

        // tutorial: sweep-simulation
        let checked = try Sweep.simulation(spectrum: spectrum, base: base.with(ridge: 1e-3), vary: .featureCount,
                                           over: ParameterGrid(from: 50, to: 800, count: 5),
                                           options: SimulationOptions(trials: 16, seed: 0))
        for point in checked {
            print(point.configuration.featureCount, point.theory.loss, point.simulation.mean, point.zScore)
        }
        // end tutorial
        XCTAssertEqual(checked.map(\.configuration.featureCount), [50, 100, 200, 400, 800])
        for point in checked { XCTAssertLessThan(abs(point.zScore), 4) }

        // tutorial: plot
        let plot = Plot(
            title: "Double descent at P = 400 (M = 1000, alpha = 1)",
            xLabel: "features N", yLabel: "test loss <L>",
            series: [
                Plot.Series(name: "theory, gamma = 0",
                            points: curve.map { Plot.Point(x: $0.value, y: $0.prediction.loss) }),
                Plot.Series(name: "simulation, gamma = 1e-3",
                            points: checked.map { Plot.Point(x: $0.value, y: $0.simulation.mean,
                                                             error: $0.simulation.standardError) },
                            style: .markers),
            ],
            markers: [Plot.Marker(x: 400, label: "N = P")])
        let svg = plot.svg(width: 720, height: 480)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("double-descent.svg")
        try svg.write(to: url, atomically: true, encoding: .utf8)
        // end tutorial
        let written = try String(contentsOf: url, encoding: .utf8)
        XCTAssertEqual(written, svg)
        XCTAssertTrue(svg.hasPrefix("<?xml"))
        XCTAssertTrue(svg.hasSuffix("</svg>\n"))
        XCTAssertEqual(svg.components(separatedBy: "<circle class=\"point\"").count - 1, checked.count)
        XCTAssertEqual(svg.components(separatedBy: "class=\"error-bar\"").count - 1, checked.count)
        XCTAssertTrue(svg.contains("N = P"))
        XCTAssertFalse(svg.contains("nan") || svg.contains("inf\""))
        try? FileManager.default.removeItem(at: url)
    }
}
