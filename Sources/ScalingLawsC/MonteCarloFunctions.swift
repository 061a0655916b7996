import CScalingLawsABI
import NonlinearFeatureTheory
import ScalingMonteCarlo
import ScalingTheory

// The Monte Carlo entry points: sl_simulate and sl_feature_spectrum.

/// The defaults of `sl_simulation_options` (struct_size unset).
func default_sl_simulation_options() -> sl_simulation_options {
    var value = sl_simulation_options()
    value.trials = 32
    value.test_samples = 10_000
    return value
}

@_cdecl("sl_simulation_options_init_sized")
public func sl_simulation_options_init_sized(_ options: UnsafeMutableRawPointer?, _ size: Int) {
    VersionedStruct.initialize(options, size: size, defaults: default_sl_simulation_options())
}

/// The defaults of `sl_simulation_result` (struct_size unset).
func default_sl_simulation_result() -> sl_simulation_result { sl_simulation_result() }

@_cdecl("sl_simulation_result_init_sized")
public func sl_simulation_result_init_sized(_ result: UnsafeMutableRawPointer?, _ size: Int) {
    VersionedStruct.initialize(result, size: size, defaults: default_sl_simulation_result())
}

/// The defaults of `sl_spectrum_options` (struct_size unset).
func default_sl_spectrum_options() -> sl_spectrum_options {
    var value = sl_spectrum_options()
    value.samples = 20_000
    return value
}

@_cdecl("sl_spectrum_options_init_sized")
public func sl_spectrum_options_init_sized(_ options: UnsafeMutableRawPointer?, _ size: Int) {
    VersionedStruct.initialize(options, size: size, defaults: default_sl_spectrum_options())
}

/// The named activation; NULL is linear.
private func activation(_ name: UnsafePointer<CChar>?) throws -> Activation {
    guard let name else { return .linear }
    return try Activation.named(String(cString: name))
}

@_cdecl("sl_simulate")
public func sl_simulate(_ model: UnsafePointer<sl_model>?, _ options: UnsafePointer<sl_simulation_options>?,
                        _ result: UnsafeMutablePointer<sl_simulation_result>?, _ losses: UnsafeMutablePointer<Double>?,
                        _ lossesLength: Int) -> Int32 {
    entryPoint {
        let input = try ModelInput(model, count: 1)
        let o = try VersionedStruct.read(options, "options", defaults: default_sl_simulation_options(),
                                         minimumSize: MemoryLayout<sl_simulation_options>.size)
        guard let result else { throw InvalidArgument("result is NULL") }
        // Written field by field: only what fits in the caller's struct_size
        // (version 1 ends before training_error).
        let resultSize = result.pointee.struct_size
        guard resultSize >= MemoryLayout<sl_simulation_result>.offset(of: \sl_simulation_result.training_error)! else {
            throw InvalidArgument("result->struct_size is too small: initialize it with sl_simulation_result_init")
        }
        func fits(_ field: PartialKeyPath<sl_simulation_result>) -> Bool {
            MemoryLayout<sl_simulation_result>.offset(of: field)! + MemoryLayout<Double>.size <= resultSize
        }
        guard o.trials >= 1, o.trials <= 1 << 31 else { throw InvalidArgument("trials must be in 1...2^31, got \(o.trials)") }
        guard o.test_samples >= 0, o.test_samples <= 1 << 40 else {
            throw InvalidArgument("test_samples must be >= 0, got \(o.test_samples)")
        }
        if losses != nil, lossesLength < o.trials {
            throw InvalidArgument("losses holds \(lossesLength) values; trials = \(o.trials) are needed")
        }
        var sampler: Sampler?
        if let name = o.sampler.map({ String(cString: $0) }), name != "auto" {
            guard let forced = Sampler(rawValue: name) else {
                throw InvalidArgument("sampler must be auto, direct or conditional, got '\(name)'")
            }
            sampler = forced
        }
        var cache = SpectrumCache()
        let spectrum = try input.spectrum(0, cache: &cache)
        let configuration = try input.configuration(0)
        let simulationOptions = SimulationOptions(
            trials: Int(o.trials), seed: o.seed, activation: try activation(o.activation),
            testSampleCount: Int(o.test_samples), threads: try workerThreads(o.threads), sampler: sampler)
        let simulation = try Simulation(spectrum: spectrum, configuration: configuration, options: simulationOptions)
        let theory = simulationOptions.activation.isLinear ? try spectrum.predict(configuration).loss : Double.nan
        let run = try simulation.run()
        result.pointee.mean = run.mean
        result.pointee.standard_error = run.standardError
        result.pointee.theory = theory
        result.pointee.seconds = run.seconds
        result.pointee.trials = Int64(run.trials)
        result.pointee.rank_deficient_trials = Int64(run.rankDeficientTrials)
        if fits(\sl_simulation_result.training_error) { result.pointee.training_error = run.trainingError }
        if fits(\sl_simulation_result.training_error_standard_error) {
            result.pointee.training_error_standard_error = run.trainingErrorStandardError
        }
        if fits(\sl_simulation_result.gcv) { result.pointee.gcv = run.gcv ?? .nan }
        if fits(\sl_simulation_result.gcv_standard_error) { result.pointee.gcv_standard_error = run.gcvStandardError ?? .nan }
        if let losses {
            for (k, loss) in run.losses.enumerated() { losses[k] = loss }
        }
    }
}

@_cdecl("sl_feature_spectrum")
public func sl_feature_spectrum(_ model: UnsafePointer<sl_model>?, _ options: UnsafePointer<sl_spectrum_options>?,
                                _ eigenvalues: UnsafeMutablePointer<Double>?, _ capacity: Int) -> Int32 {
    entryPoint {
        let input = try ModelInput(model, count: 1)
        let o = try VersionedStruct.read(options, "options", defaults: default_sl_spectrum_options(),
                                         minimumSize: MemoryLayout<sl_spectrum_options>.size)
        guard o.N >= 1, o.N <= 1 << 31 else { throw InvalidArgument("N must be a whole number in 1...2^31, got \(o.N)") }
        guard o.samples >= 2, o.samples <= 1 << 40 else { throw InvalidArgument("samples must be >= 2, got \(o.samples)") }
        guard let eigenvalues else { throw InvalidArgument("eigenvalues is NULL") }
        guard capacity >= o.N else { throw InvalidArgument("eigenvalues holds \(capacity) values; N = \(o.N) are needed") }
        var cache = SpectrumCache()
        let spectrum = try input.spectrum(0, cache: &cache)
        let weightVariance = try input.featureWeightVariance.value(0)
        let measured = o.exact != 0
            ? try FeatureCovarianceSpectrum(exactFor: spectrum, featureCount: Int(o.N), activation: try activation(o.activation),
                                            featureWeightVariance: weightVariance, seed: o.seed)
            : try FeatureCovarianceSpectrum(spectrum: spectrum, featureCount: Int(o.N), sampleCount: Int(o.samples),
                                            activation: try activation(o.activation),
                                            featureWeightVariance: weightVariance, seed: o.seed)
        guard measured.eigenvalues.count <= capacity else {
            throw InvalidArgument("the spectrum has \(measured.eigenvalues.count) eigenvalues, more than capacity \(capacity)")
        }
        for (k, value) in measured.eigenvalues.enumerated() { eigenvalues[k] = value }
    }
}

/// The defaults of `sl_nonlinear_options` (struct_size unset).
func default_sl_nonlinear_options() -> sl_nonlinear_options {
    var value = sl_nonlinear_options()
    value.draws = 12
    return value
}

@_cdecl("sl_nonlinear_options_init_sized")
public func sl_nonlinear_options_init_sized(_ options: UnsafeMutableRawPointer?, _ size: Int) {
    VersionedStruct.initialize(options, size: size, defaults: default_sl_nonlinear_options())
}

/// The defaults of `sl_nonlinear_predictions` (struct_size unset).
func default_sl_nonlinear_predictions() -> sl_nonlinear_predictions { sl_nonlinear_predictions() }

@_cdecl("sl_nonlinear_predictions_init_sized")
public func sl_nonlinear_predictions_init_sized(_ out: UnsafeMutableRawPointer?, _ size: Int) {
    VersionedStruct.initialize(out, size: size, defaults: default_sl_nonlinear_predictions())
}

@_cdecl("sl_predict_nonlinear")
public func sl_predict_nonlinear(_ model: UnsafePointer<sl_model>?, _ count: Int,
                                 _ options: UnsafePointer<sl_nonlinear_options>?,
                                 _ out: UnsafePointer<sl_nonlinear_predictions>?) -> Int32 {
    entryPoint {
        let input = try ModelInput(model, count: count)
        let o = try VersionedStruct.read(options, "options", defaults: default_sl_nonlinear_options(),
                                         minimumSize: MemoryLayout<sl_nonlinear_options>.size)
        let results = try VersionedStruct.read(out, "out", defaults: sl_nonlinear_predictions(),
                                               minimumSize: MemoryLayout<sl_nonlinear_predictions>.size)
        guard o.draws >= 1, o.draws <= 1 << 20 else { throw InvalidArgument("draws must be in 1...2^20, got \(o.draws)") }
        let theoryOptions = NonlinearTheoryOptions(draws: Int(o.draws), seed: o.seed, threads: try workerThreads(o.threads))
        let map = try activation(o.activation)
        var cache = SpectrumCache()
        for i in 0..<count {
            do {
                let prediction = try NonlinearTheory(spectrum: try input.spectrum(i, cache: &cache),
                                                     configuration: try input.configuration(i), activation: map,
                                                     options: theoryOptions).run()
                results.loss?[i] = prediction.loss
                results.standard_error?[i] = prediction.standardError
                results.relative_loss?[i] = prediction.relativeLoss
                results.regime?[i] = regimeCode(prediction.regime)
            } catch {
                throw BatchFailure(index: i, error: error)
            }
        }
    }
}
