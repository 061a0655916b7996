import CScalingLawsABI
import NonlinearFeatureTheory
import ScalingMonteCarlo
import ScalingTheory

// The Monte Carlo entry points: sl_simulate, sl_feature_spectrum and the
// nonlinear theory sl_predict_nonlinear.

/// The named activation; NULL is linear.
func activation(_ name: UnsafePointer<CChar>?) throws -> Activation {
    guard let name else { return .linear }
    return try Activation.named(String(cString: name))
}

/// The per-trial output buffer: NULL, or at least `trials` values long.
func trialBuffer(_ buffer: UnsafeMutablePointer<Double>?, length: UInt, trials: Int, _ name: String) throws
    -> UnsafeMutableBufferPointer<Double>? {
    guard let buffer else { return nil }
    guard length >= UInt(trials) else {
        throw InvalidArgument("\(name) holds \(length) values; trials = \(trials) are needed")
    }
    return UnsafeMutableBufferPointer(start: buffer, count: trials)
}

/// `sl_simulation_options.sampler`: NULL or "auto" picks the cheaper (nil).
func forcedSampler(_ name: UnsafePointer<CChar>?) throws -> Sampler? {
    guard let name = name.map({ String(cString: $0) }), name != "auto" else { return nil }
    guard let forced = Sampler(rawValue: name) else {
        throw InvalidArgument("sampler must be auto, direct or conditional, got '\(name)'")
    }
    return forced
}

@_cdecl("sl_simulate")
public func sl_simulate(_ model: UnsafePointer<sl_model>?, _ options: UnsafePointer<sl_simulation_options>?,
                        _ result: UnsafeMutablePointer<sl_simulation_result>?, _ losses: UnsafeMutablePointer<Double>?,
                        _ lossesLength: UInt) -> Int32 {
    entryPoint {
        let input = try ModelInput(model, count: 1)
        let o = try sl_simulation_options.read(options, "options")
        // Filled and written back over the caller's struct_size bytes only
        // (version 1 ends before training_error).
        var r = try sl_simulation_result.read(result.map { UnsafePointer($0) }, "result")
        try input.requireUnset([input.time], "the Monte Carlo of sl_simulate trains to convergence")
        let trials = try WorkLimit.trials.check(o.trials, "trials")
        let testSamples = try WorkLimit.samples.check(o.test_samples, "test_samples", minimum: 0)
        let perTrial = try trialBuffer(losses, length: lossesLength, trials: trials, "losses")
        let sampler = try forcedSampler(o.sampler)
        var cache = SpectrumCache()
        let spectrum = try input.spectrum(0, cache: &cache)
        let configuration = try input.configuration(0)
        let simulationOptions = SimulationOptions(
            trials: trials, seed: o.seed, activation: try activation(o.activation),
            testSampleCount: testSamples, threads: try workerThreads(o.threads), sampler: sampler)
        let simulation = try Simulation(spectrum: spectrum, configuration: configuration, options: simulationOptions)
        let theory = simulationOptions.activation.isLinear ? try spectrum.predict(configuration).loss : Double.nan
        let run = try simulation.run()
        r.mean = run.mean
        r.standard_error = run.standardError
        r.theory = theory
        r.seconds = run.seconds
        r.trials = Int64(run.trials)
        r.rank_deficient_trials = Int64(run.rankDeficientTrials)
        r.training_error = run.trainingError
        r.training_error_standard_error = run.trainingErrorStandardError
        r.gcv = run.gcv ?? .nan
        r.gcv_standard_error = run.gcvStandardError ?? .nan
        sl_simulation_result.write(r, to: result!)
        if let perTrial {
            for (k, loss) in run.losses.enumerated() { perTrial[k] = loss }
        }
    }
}

@_cdecl("sl_feature_spectrum")
public func sl_feature_spectrum(_ model: UnsafePointer<sl_model>?, _ options: UnsafePointer<sl_spectrum_options>?,
                                _ eigenvalues: UnsafeMutablePointer<Double>?, _ capacity: UInt) -> Int32 {
    entryPoint {
        let input = try ModelInput(model, count: 1)
        let o = try sl_spectrum_options.read(options, "options")
        let n = try WorkLimit.features.check(o.N, "N")
        let samples = try WorkLimit.samples.check(o.samples, "samples", minimum: 2)
        guard let eigenvalues else { throw InvalidArgument("eigenvalues is NULL") }
        guard capacity >= UInt(n) else { throw InvalidArgument("eigenvalues holds \(capacity) values; N = \(n) are needed") }
        var cache = SpectrumCache()
        let spectrum = try input.spectrum(0, cache: &cache)
        let weightVariance = try input.featureWeightVariance.value(0)
        let map = try activation(o.activation)
        let measured = o.exact != 0
            ? try FeatureCovarianceSpectrum(exactFor: spectrum, featureCount: n, activation: map,
                                            featureWeightVariance: weightVariance, seed: o.seed)
            : try FeatureCovarianceSpectrum(spectrum: spectrum, featureCount: n, sampleCount: samples, activation: map,
                                            featureWeightVariance: weightVariance, seed: o.seed)
        guard UInt(measured.eigenvalues.count) <= capacity else {
            throw InvalidArgument("the spectrum has \(measured.eigenvalues.count) eigenvalues, more than capacity \(capacity)")
        }
        for (k, value) in measured.eigenvalues.enumerated() { eigenvalues[k] = value }
    }
}

@_cdecl("sl_predict_nonlinear")
public func sl_predict_nonlinear(_ model: UnsafePointer<sl_model>?, _ count: UInt,
                                 _ options: UnsafePointer<sl_nonlinear_options>?,
                                 _ out: UnsafePointer<sl_nonlinear_predictions>?) -> Int32 {
    entryPoint {
        let input = try ModelInput(model, count: count)
        try input.requireUnset([input.time], "the nonlinear theory is that of the converged fit")
        let o = try sl_nonlinear_options.read(options, "options")
        let results = try sl_nonlinear_predictions.read(out, "out")
        let draws = try WorkLimit.draws.check(o.draws, "draws")
        guard let name = o.activation else {
            throw InvalidArgument("options->activation is NULL: name the activation (relu, tanh, erf, quadratic)")
        }
        let map = try activation(name)
        let theoryOptions = NonlinearTheoryOptions(draws: draws, seed: o.seed, threads: try workerThreads(o.threads))
        var cache = SpectrumCache()
        for i in 0..<input.count {
            do {
                let prediction = try NonlinearTheory(spectrum: try input.spectrum(i, cache: &cache),
                                                     configuration: try input.configuration(i), activation: map,
                                                     options: theoryOptions).run()
                put(results.loss, i, prediction.loss)
                put(results.standard_error, i, prediction.standardError)
                put(results.relative_loss, i, prediction.relativeLoss)
                put(results.regime, i, regimeCode(prediction.regime))
            } catch {
                throw BatchFailure(index: i, error: error)
            }
        }
    }
}
