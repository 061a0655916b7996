import CScalingLawsABI
import ScalingMonteCarlo
import ScalingTheory

// One-pass SGD (Docs/Theory.md section 12): sl_predict_sgd (the theory over a
// batch of points) and sl_simulate_sgd (the Monte Carlo of one configuration
// at a list of step counts), through the argument-unpacking path of
// ArgumentUnpacking.swift.

extension sl_sgd_schedule: CStruct {}
extension sl_sgd_predictions: CStruct {}

@_cdecl("sl_sgd_schedule_init_sized")
public func sl_sgd_schedule_init_sized(_ p: UnsafeMutableRawPointer?, _ size: UInt) { sl_sgd_schedule.initialize(p, size: size) }

@_cdecl("sl_sgd_predictions_init_sized")
public func sl_sgd_predictions_init_sized(_ p: UnsafeMutableRawPointer?, _ size: UInt) {
    sl_sgd_predictions.initialize(p, size: size)
}

/// B and eta as `SGDHyperparameters`, with the C names in the messages.
private func hyperparameters(batchSize: Double, learningRate: Double) throws -> SGDHyperparameters {
    guard batchSize.isFinite, batchSize.rounded() == batchSize, batchSize >= 1, batchSize <= Double(Int32.max) else {
        throw InvalidArgument("batch_size must be a whole number in 1...\(Int32.max), got \(batchSize)")
    }
    guard learningRate.isFinite, learningRate > 0 else {
        throw InvalidArgument("learning_rate must be positive and finite, got \(learningRate)")
    }
    return try SGDHyperparameters(batchSize: Int(batchSize), learningRate: learningRate)
}

/// One pass, no ridge, the converged fit has no time: P, gamma and time must be unset.
private func requireSGDModel(_ input: ModelInput) throws {
    try input.requireUnset([input.sampleCount, input.ridge, input.time],
                           "one-pass SGD sees B R fresh samples, with no ridge and no gradient-flow time")
}

@_cdecl("sl_predict_sgd")
public func sl_predict_sgd(_ model: UnsafePointer<sl_model>?, _ schedule: UnsafePointer<sl_sgd_schedule>?,
                           _ count: UInt, _ out: UnsafePointer<sl_sgd_predictions>?, _ threads: Int32) -> Int32 {
    entryPoint {
        let call = try BatchCall(model, count, out, threads: threads, time: true)
        try requireSGDModel(call.input)
        let s = try sl_sgd_schedule.read(schedule, "schedule")
        let n = call.input.count
        let batch = try Column(s.batch_size, "batch_size", count: n, default: 1)
        let rate = try Column(s.learning_rate, "learning_rate", count: n, default: nil)
        let steps = try Column(s.steps, "steps", count: n, default: nil)
        try call.run { i, point, o in
            let sgd = try hyperparameters(batchSize: try point.value(batch), learningRate: try point.value(rate))
            let r = try point.value(steps)
            guard r.isFinite, r >= 0, r.rounded() == r else {
                throw InvalidArgument("steps must be a whole number >= 0, got \(r)")
            }
            let theory = try OnePassSGDTheory.choosing(spectrum: point.spectrum,
                                                       configuration: try point.configuration(sampleCount: 1), sgd: sgd)
            let loss = try theory.loss(atStep: r)
            put(o.loss, i, loss)
            put(o.relative_loss, i, loss / theory.zeroPredictorLoss)
            put(o.samples_seen, i, Double(sgd.batchSize) * r)
            if o.largest_stable_learning_rate != nil { put(o.largest_stable_learning_rate, i, try theory.largestStableLearningRate()) }
            if o.representable_loss != nil { put(o.representable_loss, i, try theory.representableLoss()) }
        }
    }
}

@_cdecl("sl_simulate_sgd")
public func sl_simulate_sgd(_ model: UnsafePointer<sl_model>?, _ batchSize: UInt64, _ learningRate: Double,
                            _ steps: UnsafePointer<UInt64>?, _ stepCount: UInt,
                            _ options: UnsafePointer<sl_simulation_options>?, _ mean: UnsafeMutablePointer<Double>?,
                            _ standardError: UnsafeMutablePointer<Double>?, _ theory: UnsafeMutablePointer<Double>?)
    -> Int32 {
    entryPoint {
        let input = try ModelInput(model, count: 1)
        try requireSGDModel(input)
        guard batchSize >= 1, batchSize <= UInt64(Int32.max) else {
            throw InvalidArgument("batch_size must be in 1...\(Int32.max), got \(batchSize)")
        }
        let sgd = try hyperparameters(batchSize: Double(batchSize), learningRate: learningRate)
        let count = try WorkLimit.points.check(stepCount, "step_count")
        guard let steps else { throw InvalidArgument("steps is NULL") }
        let list = try (0..<count).map { j -> Int in
            guard steps[j] <= UInt64(Int32.max) else {
                throw InvalidArgument("steps[\(j)] must be in 0...\(Int32.max), got \(steps[j])")
            }
            return Int(steps[j])
        }
        let o = try sl_simulation_options.read(options, "options")
        guard (o.activation.map { String(cString: $0) } ?? "linear") == "linear" else {
            throw InvalidArgument("SGD supports linear features only (activation NULL or \"linear\")")
        }
        let trials = try WorkLimit.trials.check(o.trials, "trials")
        let sampler = try forcedSampler(o.sampler)
        var cache = SpectrumCache()
        let spectrum = try input.spectrum(0, cache: &cache)
        let configuration = try input.configuration(0, sampleCount: 1)
        let line = theory == nil ? nil : try OnePassSGDTheory.choosing(spectrum: spectrum, configuration: configuration,
                                                                       sgd: sgd).losses(atSteps: list.map(Double.init))
        let result = try SGDSimulation(
            spectrum: spectrum, configuration: configuration, sgd: sgd, steps: list,
            options: SimulationOptions(trials: trials, seed: o.seed, threads: try workerThreads(o.threads),
                                       sampler: sampler)).run()
        for j in 0..<count {
            put(mean, j, result.meanLoss[j])
            put(standardError, j, result.lossStandardError[j])
            if let line { put(theory, j, line[j]) }
        }
    }
}
