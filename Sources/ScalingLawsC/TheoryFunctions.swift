import CScalingLawsABI
import ScalingTheory

// The theory entry points: sl_predict, sl_exponents, sl_optimal_ridge,
// sl_compute_optimal, each a BatchCall over points on worker threads.

func regimeCode(_ regime: Regime) -> Int32 {
    switch regime {
    case .underparameterized: return Int32(SL_REGIME_UNDERPARAMETERIZED.rawValue)
    case .overparameterized: return Int32(SL_REGIME_OVERPARAMETERIZED.rawValue)
    case .interpolationThreshold: return Int32(SL_REGIME_INTERPOLATION_THRESHOLD.rawValue)
    case .beyondLatentDimension: return Int32(SL_REGIME_BEYOND_LATENT_DIMENSION.rawValue)
    }
}

private func summationCode(_ summation: SpectralSummation) -> Int32 {
    summation == .exact ? Int32(SL_SUMMATION_EXACT.rawValue) : Int32(SL_SUMMATION_EULER_MACLAURIN.rawValue)
}

private func optimumCode(_ optimum: RidgeOptimum?) -> Int32 {
    switch optimum {
    case .interior: return Int32(SL_RIDGE_INTERIOR.rawValue)
    case .zeroRidge: return Int32(SL_RIDGE_ZERO.rawValue)
    case .infiniteRidge: return Int32(SL_RIDGE_INFINITE.rawValue)
    case nil: return -1
    }
}

@_cdecl("sl_predict")
public func sl_predict(_ model: UnsafePointer<sl_model>?, _ count: UInt, _ out: UnsafePointer<sl_predictions>?,
                       _ threads: Int32) -> Int32 {
    entryPoint {
        // A caller's struct of an older version has no test_error: `read` leaves it NULL.
        try BatchCall(model, count, out, threads: threads, time: true).run { i, point, o in
            let configuration = try point.configuration()
            let testError = o.test_error
            let time = try point.value(point.input.time)
            guard time >= 0 else {
                throw ScalingError.invalidParameter(name: "time", value: time, requirement: "must be >= 0 (or inf)")
            }
            guard time == .infinity else {
                // Gradient flow at a finite time (Docs/Theory.md section 10).
                let flow = try GradientFlowPrediction(spectrum: point.spectrum, configuration: configuration, time: time)
                put(o.loss, i, flow.loss)
                put(o.relative_loss, i, flow.relativeLoss)
                if o.zero_predictor_loss != nil {
                    put(o.zero_predictor_loss, i, try GradientFlowTheory.preferred(spectrum: point.spectrum,
                                                                                   configuration: configuration).zeroPredictorLoss)
                }
                put(o.regime, i, regimeCode(flow.regime))
                put(testError, i, flow.loss + configuration.noiseVariance / 2)
                for undefined in [o.delta, o.df1, o.df2, o.training_error] { put(undefined, i, .nan) }
                put(o.summation, i, -1)
                return
            }
            let p = try point.spectrum.predict(configuration)
            put(o.loss, i, p.loss)
            put(o.relative_loss, i, p.relativeLoss)
            put(o.delta, i, p.delta)
            put(o.df1, i, p.df1)
            put(o.df2, i, p.df2)
            put(o.zero_predictor_loss, i, p.zeroPredictorLoss)
            put(o.regime, i, regimeCode(p.regime))
            put(o.summation, i, summationCode(p.summation))
            put(o.training_error, i, p.trainingError)
            put(testError, i, p.loss + configuration.noiseVariance / 2)
        }
    }
}

@_cdecl("sl_exponents")
public func sl_exponents(_ model: UnsafePointer<sl_model>?, _ count: UInt, _ out: UnsafePointer<sl_exponents_out>?,
                         _ threads: Int32) -> Int32 {
    entryPoint {
        let solver = SelfConsistentSolver()
        try BatchCall(model, count, out, threads: threads).run { i, point, o in
            let e = try solver.localExponents(spectrum: point.spectrum, configuration: try point.configuration())
            put(o.feature_exponent, i, e.featureExponent)
            put(o.sample_exponent, i, e.sampleExponent)
            put(o.ridge_exponent, i, e.ridgeExponent)
            put(o.loss, i, e.prediction.loss)
            put(o.relative_loss, i, e.prediction.relativeLoss)
        }
    }
}

@_cdecl("sl_optimal_ridge")
public func sl_optimal_ridge(_ model: UnsafePointer<sl_model>?, _ count: UInt,
                             _ out: UnsafePointer<sl_optimal_ridge_out>?, _ threads: Int32) -> Int32 {
    entryPoint {
        let solver = SelfConsistentSolver()
        try BatchCall(model, count, out, threads: threads).run { i, point, o in
            let best = try solver.optimalRidge(spectrum: point.spectrum, configuration: try point.configuration())
            put(o.gamma, i, best.ridge)
            put(o.optimum, i, optimumCode(best.optimum))
            put(o.loss, i, best.loss)
            put(o.relative_loss, i, best.relativeLoss)
            put(o.ridgeless_loss, i, best.ridgelessLoss)
        }
    }
}

@_cdecl("sl_compute_optimal")
public func sl_compute_optimal(_ model: UnsafePointer<sl_model>?, _ compute: sl_column, _ count: UInt,
                               _ optimizeRidge: Int32, _ out: UnsafePointer<sl_compute_optimal_out>?,
                               _ threads: Int32) -> Int32 {
    entryPoint {
        let call = try BatchCall(model, count, out, threads: threads)
        let budget = try Column(compute, "compute", count: call.input.count, default: nil)
        let solver = SelfConsistentSolver()
        try call.run { i, point, o in
            let a = try solver.computeOptimalAllocation(
                spectrum: point.spectrum, compute: try point.value(budget),
                configuration: try point.configuration(featureCount: 1, sampleCount: 1),
                optimizeRidge: optimizeRidge != 0)
            put(o.N, i, a.featureCount)
            put(o.P, i, a.sampleCount)
            put(o.gamma, i, a.ridge)
            put(o.optimum, i, optimumCode(a.ridgeOptimum))
            put(o.loss, i, a.loss)
            put(o.relative_loss, i, a.relativeLoss)
        }
    }
}
