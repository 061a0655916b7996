import Foundation
import ScalingMonteCarlo
import ScalingTheory
import SVGPlot

/// Figure (5) of `scaling-laws demo`: how the teacher exponent beta
/// (omega_I = (sigma_w^2/M) I^-beta, Docs/Theory.md section 8) changes the loss
/// exponent in N. Ridgeless, noiseless, N << P, M: <L> ~ N^-min(alpha+beta, 1+alpha)
/// (`AsymptoticScalingLaw`).
public enum TeacherDemo {
    public static let alpha = 1.0
    public static let betas = [-0.5, 0.5, 1.5]
    public static let latentDimension = 2000.0
    public static let sampleCount = 4000.0
    public static let simulatedPoints = 6
    /// Where the slopes are fitted: well below M and P. At these small N the
    /// theory (a deterministic equivalent, exact as N, P, M -> infinity) is
    /// below the converged simulation by roughly c/N (2000 trials at N = 10:
    /// +2.6 % for beta = -0.5, +8.2 % for 0.5, +11 % for 1.5, +3.8 % for the
    /// isotropic teacher), so the simulated slope is steeper by 0.01-0.04;
    /// Docs/Reproducing.md has the numbers.
    public static let fitWindow = 10.0...100.0

    public static func configuration(beta: Double) throws -> ModelConfiguration {
        try ModelConfiguration(featureCount: 1, sampleCount: sampleCount, teacher: try .powerLaw(exponent: beta))
    }

    /// One row of the exponent table: the asymptotic law's exponent, the
    /// theory's log-log slope on the fit window, and the simulation's.
    public struct Row {
        public var beta: Double
        public var lawExponent: Double
        public var theoryExponent: Double
        public var simulationExponent: Double
        public var simulationStandardError: Double
    }
}

extension DemoFigures {
    /// Loss against N for three teacher exponents, theory lines through
    /// simulated points, and the fitted exponents.
    public func teacherExponents() throws -> (Plot, [SimulatedSweepPoint], [TeacherDemo.Row]) {
        let spectrum = try PowerLawSpectrum(alpha: TeacherDemo.alpha, latentDimension: TeacherDemo.latentDimension)
        var curves: [(line: Plot.Series, points: Plot.Series)] = [], all: [SimulatedSweepPoint] = []
        var rows: [TeacherDemo.Row] = []
        for (index, beta) in TeacherDemo.betas.enumerated() {
            let base = try TeacherDemo.configuration(beta: beta)
            let c = try curve("β = \(FigureText.number(beta))", spectrum: spectrum, base: base, vary: .featureCount,
                              from: TeacherDemo.fitWindow.lowerBound, to: TeacherDemo.fitWindow.upperBound,
                              simulatedPoints: TeacherDemo.simulatedPoints, seedOffset: 6000 + UInt64(100 * index))
            curves.append((c.line, c.points))
            all += c.simulated
            let theory = try PowerLawFit.weightedLogLogSlope(
                x: c.line.points.map(\.x), y: c.line.points.map(\.y), standardErrors: c.line.points.map { 1e-3 * $0.y })
            let simulated = try PowerLawFit.weightedLogLogSlope(
                x: c.simulated.map(\.value), y: c.simulated.map(\.simulation.mean),
                standardErrors: c.simulated.map(\.simulation.standardError))
            let law = try AsymptoticScalingLaw(spectrum: try PowerLawSpectrum(alpha: TeacherDemo.alpha,
                                                                              latentDimension: .infinity),
                                               teacher: base.teacher)
            rows.append(TeacherDemo.Row(beta: beta, lawExponent: -law.exponent, theoryExponent: -theory.slope,
                                        simulationExponent: -simulated.slope,
                                        simulationStandardError: simulated.standardError))
        }
        let plot = Plot(title: "Teacher ω_I ∝ I⁻ᵝ: ⟨L⟩ ∝ N^−min(α+β, 1+α); small N: MC above theory ∝ 1/N",
                        subtitle: "α = 1, M = 2000, P = 4000, γ = 0, σ_w² = σ_u² = 1, σ_ε² = 0; \(trialText)",
                        xLabel: "features N", yLabel: "test loss ⟨L⟩", series: Self.coloured(curves), xSymbol: "N")
        return (plot, all, rows)
    }
}
