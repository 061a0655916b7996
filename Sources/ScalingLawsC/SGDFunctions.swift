import CScalingLawsABI
import ScalingMonteCarlo
import ScalingTheory

// One-pass SGD (Docs/Theory.md section 12):
// sl_predict_sgd (the theory over a batch of points) and sl_simulate_sgd
// (the Monte Carlo of one configuration at a list of step counts).

/// The defaults of `sl_sgd_schedule` (struct_size unset).
func default_sl_sgd_schedule() -> sl_sgd_schedule { sl_sgd_schedule() }

@_cdecl("sl_sgd_schedule_init_sized")
public func sl_sgd_schedule_init_sized(_ schedule: UnsafeMutableRawPointer?, _ size: Int) {
    VersionedStruct.initialize(schedule, size: size, defaults: default_sl_sgd_schedule())
}

/// The defaults of `sl_sgd_predictions` (struct_size unset).
func default_sl_sgd_predictions() -> sl_sgd_predictions { sl_sgd_predictions() }

@_cdecl("sl_sgd_predictions_init_sized")
public func sl_sgd_predictions_init_sized(_ out: UnsafeMutableRawPointer?, _ size: Int) {
    VersionedStruct.initialize(out, size: size, defaults: default_sl_sgd_predictions())
}

/// A column that must hold whole numbers in `range`.
private func whole(_ column: Column, _ index: Int, _ range: ClosedRange<Double>) throws -> Int {
    let value = try column.value(index)
    guard value.isFinite, value.rounded() == value, range.contains(value) else {
        throw InvalidArgument("\(column.name) must be a whole number in \(Int(range.lowerBound))...\(Int(range.upperBound)), got \(value)")
    }
    return Int(value)
}

/// B and eta as `SGDHyperparameters`, with the C names in the messages.
private func hyperparameters(batchSize: Int, learningRate: Double) throws -> SGDHyperparameters {
    guard learningRate.isFinite, learningRate > 0 else {
        throw InvalidArgument("learning_rate must be positive and finite, got \(learningRate)")
    }
    return try SGDHyperparameters(batchSize: batchSize, learningRate: learningRate)
}

/// The model without P and ridge (one pass, no ridge): both columns must be unset.
private func sgdInput(_ model: UnsafePointer<sl_model>?, count: Int) throws -> ModelInput {
    let input = try ModelInput(model, count: count)
    guard !input.sampleCount.isSet else { throw InvalidArgument("P must be unset for SGD: one pass sees B R samples") }
    guard !input.ridge.isSet else { throw InvalidArgument("gamma must be unset for SGD (no ridge)") }
    return input
}

@_cdecl("sl_predict_sgd")
public func sl_predict_sgd(_ model: UnsafePointer<sl_model>?, _ schedule: UnsafePointer<sl_sgd_schedule>?,
                           _ count: Int, _ out: UnsafePointer<sl_sgd_predictions>?, _ threads: Int32) -> Int32 {
    entryPoint {
        let input = try sgdInput(model, count: count)
        let s = try VersionedStruct.read(schedule, "schedule", defaults: default_sl_sgd_schedule(),
                                         minimumSize: MemoryLayout<sl_sgd_schedule>.size)
        let batch = try Column(s.batch_size, "batch_size", count: count, default: 1)
        let rate = try Column(s.learning_rate, "learning_rate", count: count, default: nil)
        let steps = try Column(s.steps, "steps", count: count, default: nil)
        let o = try VersionedStruct.read(out, "out", defaults: default_sl_sgd_predictions(),
                                         minimumSize: MemoryLayout<sl_sgd_predictions>.size)
        try ParallelBatch.run(count: count, threads: try workerThreads(threads), makeCache: { SpectrumCache() }) { i, cache in
            let sgd = try hyperparameters(batchSize: try whole(batch, i, 1...Double(Int32.max)),
                                          learningRate: try rate.value(i))
            let r = try steps.value(i)
            guard r.isFinite, r >= 0, r.rounded() == r else {
                throw InvalidArgument("steps must be a whole number >= 0, got \(r)")
            }
            let theory = try OnePassSGDTheory.choosing(spectrum: try input.spectrum(i, cache: &cache),
                                                       configuration: try input.configuration(i, sampleCount: 1),
                                                       sgd: sgd)
            let loss = try theory.loss(atStep: r)
            o.loss?[i] = loss
            o.relative_loss?[i] = loss / theory.zeroPredictorLoss
            o.samples_seen?[i] = Double(sgd.batchSize) * r
            if let edge = o.largest_stable_learning_rate { edge[i] = try theory.largestStableLearningRate() }
            if let best = o.representable_loss { best[i] = try theory.representableLoss() }
        }
    }
}

@_cdecl("sl_simulate_sgd")
public func sl_simulate_sgd(_ model: UnsafePointer<sl_model>?, _ batchSize: Int64, _ learningRate: Double,
                            _ steps: UnsafePointer<Int64>?, _ stepCount: Int,
                            _ options: UnsafePointer<sl_simulation_options>?, _ mean: UnsafeMutablePointer<Double>?,
                            _ standardError: UnsafeMutablePointer<Double>?, _ theory: UnsafeMutablePointer<Double>?)
    -> Int32 {
    entryPoint {
        let input = try sgdInput(model, count: 1)
        guard batchSize >= 1, batchSize <= Int64(Int32.max) else {
            throw InvalidArgument("batch_size must be in 1...\(Int32.max), got \(batchSize)")
        }
        let sgd = try hyperparameters(batchSize: Int(batchSize), learningRate: learningRate)
        guard let steps, stepCount >= 1, stepCount <= 1 << 20 else {
            throw InvalidArgument("steps must point to step_count values, 1 <= step_count <= 2^20 (got \(stepCount))")
        }
        let list = try (0..<stepCount).map { j -> Int in
            guard steps[j] >= 0, steps[j] <= Int64(Int32.max) else {
                throw InvalidArgument("steps[\(j)] must be in 0...\(Int32.max), got \(steps[j])")
            }
            return Int(steps[j])
        }
        let o = try VersionedStruct.read(options, "options", defaults: default_sl_simulation_options(),
                                         minimumSize: MemoryLayout<sl_simulation_options>.size)
        guard (o.activation.map { String(cString: $0) } ?? "linear") == "linear" else {
            throw InvalidArgument("SGD supports linear features only (activation NULL or \"linear\")")
        }
        guard o.trials >= 1, o.trials <= Int64(Int32.max) else {
            throw InvalidArgument("trials must be in 1...\(Int32.max), got \(o.trials)")
        }
        var sampler: Sampler? = nil
        if let name = o.sampler.map({ String(cString: $0) }), name != "auto" {
            guard let chosen = Sampler(rawValue: name) else {
                throw InvalidArgument("sampler must be NULL, \"auto\", \"direct\" or \"conditional\", got \"\(name)\"")
            }
            sampler = chosen
        }
        var cache = SpectrumCache()
        let spectrum = try input.spectrum(0, cache: &cache)
        let configuration = try input.configuration(0, sampleCount: 1)
        let line = theory == nil ? nil : try OnePassSGDTheory.choosing(spectrum: spectrum, configuration: configuration,
                                                                       sgd: sgd).losses(atSteps: list.map(Double.init))
        let result = try SGDSimulation(
            spectrum: spectrum, configuration: configuration, sgd: sgd, steps: list,
            options: SimulationOptions(trials: Int(o.trials), seed: o.seed, threads: try workerThreads(o.threads),
                                       sampler: sampler)).run()
        for j in 0..<stepCount {
            mean?[j] = result.meanLoss[j]
            standardError?[j] = result.lossStandardError[j]
            if let line { theory?[j] = line[j] }
        }
    }
}
