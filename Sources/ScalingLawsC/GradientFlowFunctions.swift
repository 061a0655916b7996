import CScalingLawsABI
import ScalingTheory

// sl_predict_gradient_flow: <L(t)> of gradient flow at training time t
// (Docs/Theory.md, "Training time: gradient flow"), batched like sl_predict.

@_cdecl("sl_predict_gradient_flow")
public func sl_predict_gradient_flow(_ model: UnsafePointer<sl_model>?, _ time: sl_column, _ count: Int,
                                     _ out: UnsafePointer<sl_predictions>?, _ threads: Int32) -> Int32 {
    entryPoint {
        let input = try ModelInput(model, count: count)
        let times = try Column(time, "time", count: count, default: nil)
        let o = try VersionedStruct.read(out, "out", defaults: sl_predictions(),
                                         minimumSize: MemoryLayout<sl_predictions>.offset(of: \sl_predictions.training_error)!)
        try ParallelBatch.run(count: count, threads: try workerThreads(threads), makeCache: { SpectrumCache() }) { i, cache in
            let t = try times.value(i)
            guard t >= 0 else { throw InvalidArgument("time must be >= 0 or inf, got \(t)") }
            let spectrum = try input.spectrum(i, cache: &cache)
            let configuration = try input.configuration(i)
            if t == .infinity {
                // t = inf is the converged ridge fit: sl_predict's prediction, exactly.
                let p = try spectrum.predict(configuration)
                put(o.loss, i, p.loss)
                put(o.relative_loss, i, p.relativeLoss)
                put(o.delta, i, p.delta)
                put(o.df1, i, p.df1)
                put(o.df2, i, p.df2)
                put(o.zero_predictor_loss, i, p.zeroPredictorLoss)
                put(o.regime, i, regimeCode(p.regime))
                put(o.summation, i, summationCode(p.summation))
                put(o.training_error, i, p.trainingError)
                return
            }
            let theory = try GradientFlowTheory.forPrediction(spectrum: spectrum, configuration: configuration)
            let loss = try theory.loss(at: t)
            put(o.loss, i, loss)
            put(o.relative_loss, i, loss / theory.zeroPredictorLoss)
            put(o.zero_predictor_loss, i, theory.zeroPredictorLoss)
            put(o.regime, i, regimeCode(Regime(featureCount: configuration.featureCount,
                                               sampleCount: configuration.sampleCount,
                                               latentDimension: spectrum.latentDimension)))
            // Delta, df1, df2 and the training error belong to the converged fit only.
            put(o.delta, i, .nan)
            put(o.df1, i, .nan)
            put(o.df2, i, .nan)
            put(o.training_error, i, .nan)
            put(o.summation, i, -1)
        }
    }
}
