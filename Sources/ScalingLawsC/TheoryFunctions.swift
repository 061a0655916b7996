import CScalingLawsABI
import ScalingTheory

// The theory entry points: sl_predict, sl_exponents, sl_optimal_ridge,
// sl_compute_optimal, each over a batch of points on worker threads.

/// Writes `value` at `index` of an optional output buffer.
@inline(__always)
func put<T>(_ buffer: UnsafeMutablePointer<T>?, _ index: Int, _ value: T) {
    buffer?[index] = value
}

func regimeCode(_ regime: Regime) -> Int32 {
    switch regime {
    case .underparameterized: return Int32(SL_REGIME_UNDERPARAMETERIZED.rawValue)
    case .overparameterized: return Int32(SL_REGIME_OVERPARAMETERIZED.rawValue)
    case .interpolationThreshold: return Int32(SL_REGIME_INTERPOLATION_THRESHOLD.rawValue)
    case .beyondLatentDimension: return Int32(SL_REGIME_BEYOND_LATENT_DIMENSION.rawValue)
    }
}

func summationCode(_ summation: SpectralSummation) -> Int32 {
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

/// The defaults of `sl_model` (struct_size unset).
func default_sl_model() -> sl_model { sl_model() }

@_cdecl("sl_model_init_sized")
public func sl_model_init_sized(_ model: UnsafeMutableRawPointer?, _ size: Int) {
    VersionedStruct.initialize(model, size: size, defaults: default_sl_model())
}

/// The defaults of `sl_predictions` (struct_size unset).
func default_sl_predictions() -> sl_predictions { sl_predictions() }

@_cdecl("sl_predictions_init_sized")
public func sl_predictions_init_sized(_ out: UnsafeMutableRawPointer?, _ size: Int) {
    VersionedStruct.initialize(out, size: size, defaults: default_sl_predictions())
}

/// The defaults of `sl_exponents_out` (struct_size unset).
func default_sl_exponents_out() -> sl_exponents_out { sl_exponents_out() }

@_cdecl("sl_exponents_init_sized")
public func sl_exponents_init_sized(_ out: UnsafeMutableRawPointer?, _ size: Int) {
    VersionedStruct.initialize(out, size: size, defaults: default_sl_exponents_out())
}

/// The defaults of `sl_optimal_ridge_out` (struct_size unset).
func default_sl_optimal_ridge_out() -> sl_optimal_ridge_out { sl_optimal_ridge_out() }

@_cdecl("sl_optimal_ridge_init_sized")
public func sl_optimal_ridge_init_sized(_ out: UnsafeMutableRawPointer?, _ size: Int) {
    VersionedStruct.initialize(out, size: size, defaults: default_sl_optimal_ridge_out())
}

/// The defaults of `sl_compute_optimal_out` (struct_size unset).
func default_sl_compute_optimal_out() -> sl_compute_optimal_out { sl_compute_optimal_out() }

@_cdecl("sl_compute_optimal_init_sized")
public func sl_compute_optimal_init_sized(_ out: UnsafeMutableRawPointer?, _ size: Int) {
    VersionedStruct.initialize(out, size: size, defaults: default_sl_compute_optimal_out())
}

@_cdecl("sl_predict")
public func sl_predict(_ model: UnsafePointer<sl_model>?, _ count: Int, _ out: UnsafePointer<sl_predictions>?,
                       _ threads: Int32) -> Int32 {
    entryPoint {
        let input = try ModelInput(model, count: count)
        let o = try VersionedStruct.read(out, "out", defaults: sl_predictions(),
                                         minimumSize: MemoryLayout<sl_predictions>.offset(of: \sl_predictions.training_error)!)
        try ParallelBatch.run(count: count, threads: try workerThreads(threads), makeCache: { SpectrumCache() }) { i, cache in
            let spectrum = try input.spectrum(i, cache: &cache)
            let p = try spectrum.predict(try input.configuration(i))
            put(o.loss, i, p.loss)
            put(o.relative_loss, i, p.relativeLoss)
            put(o.delta, i, p.delta)
            put(o.df1, i, p.df1)
            put(o.df2, i, p.df2)
            put(o.zero_predictor_loss, i, p.zeroPredictorLoss)
            put(o.regime, i, regimeCode(p.regime))
            put(o.summation, i, summationCode(p.summation))
            put(o.training_error, i, p.trainingError)
        }
    }
}

@_cdecl("sl_exponents")
public func sl_exponents(_ model: UnsafePointer<sl_model>?, _ count: Int, _ out: UnsafePointer<sl_exponents_out>?,
                         _ threads: Int32) -> Int32 {
    entryPoint {
        let input = try ModelInput(model, count: count)
        let o = try VersionedStruct.read(out, "out", defaults: sl_exponents_out(),
                                         minimumSize: MemoryLayout<sl_exponents_out>.size)
        let solver = SelfConsistentSolver()
        try ParallelBatch.run(count: count, threads: try workerThreads(threads), makeCache: { SpectrumCache() }) { i, cache in
            let spectrum = try input.spectrum(i, cache: &cache)
            let e = try solver.localExponents(spectrum: spectrum, configuration: try input.configuration(i))
            put(o.feature_exponent, i, e.featureExponent)
            put(o.sample_exponent, i, e.sampleExponent)
            put(o.ridge_exponent, i, e.ridgeExponent)
            put(o.loss, i, e.prediction.loss)
            put(o.relative_loss, i, e.prediction.relativeLoss)
        }
    }
}

@_cdecl("sl_optimal_ridge")
public func sl_optimal_ridge(_ model: UnsafePointer<sl_model>?, _ count: Int,
                             _ out: UnsafePointer<sl_optimal_ridge_out>?, _ threads: Int32) -> Int32 {
    entryPoint {
        let input = try ModelInput(model, count: count)
        let o = try VersionedStruct.read(out, "out", defaults: sl_optimal_ridge_out(),
                                         minimumSize: MemoryLayout<sl_optimal_ridge_out>.size)
        let solver = SelfConsistentSolver()
        try ParallelBatch.run(count: count, threads: try workerThreads(threads), makeCache: { SpectrumCache() }) { i, cache in
            let spectrum = try input.spectrum(i, cache: &cache)
            let best = try solver.optimalRidge(spectrum: spectrum, configuration: try input.configuration(i))
            put(o.gamma, i, best.ridge)
            put(o.optimum, i, optimumCode(best.optimum))
            put(o.loss, i, best.loss)
            put(o.relative_loss, i, best.relativeLoss)
            put(o.ridgeless_loss, i, best.ridgelessLoss)
        }
    }
}

@_cdecl("sl_compute_optimal")
public func sl_compute_optimal(_ model: UnsafePointer<sl_model>?, _ compute: sl_column, _ count: Int,
                               _ optimizeRidge: Int32, _ out: UnsafePointer<sl_compute_optimal_out>?,
                               _ threads: Int32) -> Int32 {
    entryPoint {
        let input = try ModelInput(model, count: count)
        let budget = try Column(compute, "compute", count: count, default: nil)
        let o = try VersionedStruct.read(out, "out", defaults: sl_compute_optimal_out(),
                                         minimumSize: MemoryLayout<sl_compute_optimal_out>.size)
        let solver = SelfConsistentSolver()
        try ParallelBatch.run(count: count, threads: try workerThreads(threads), makeCache: { SpectrumCache() }) { i, cache in
            let spectrum = try input.spectrum(i, cache: &cache)
            let a = try solver.computeOptimalAllocation(
                spectrum: spectrum, compute: try budget.value(i),
                configuration: try input.configuration(i, featureCount: 1, sampleCount: 1),
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
