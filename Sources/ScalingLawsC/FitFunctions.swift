import CScalingLawsABI
import ScalingFit

// sl_fit: ScalingFit's FitReport behind the C interface (Docs/Fitting.md).

/// The defaults of `sl_fit_options` (struct_size unset).
func default_sl_fit_options() -> sl_fit_options {
    var value = sl_fit_options()
    value.resamples = 1000
    value.confidence = 0.95
    value.huber_delta = 1e-3
    value.latent_dimension = .infinity
    value.teacher_exponent = .nan
    value.flops_per_token = 6
    return value
}

@_cdecl("sl_fit_options_init_sized")
public func sl_fit_options_init_sized(_ options: UnsafeMutableRawPointer?, _ size: Int) {
    VersionedStruct.initialize(options, size: size, defaults: default_sl_fit_options())
}

@_cdecl("sl_fit_result_init_sized")
public func sl_fit_result_init_sized(_ result: UnsafeMutableRawPointer?, _ size: Int) {
    VersionedStruct.initialize(result, size: size, defaults: sl_fit_result())
}

/// `count` values from a pointer that must not be NULL.
private func values(_ pointer: UnsafePointer<Double>?, _ count: Int, _ name: String) throws -> [Double] {
    guard let pointer else { throw InvalidArgument("\(name) is NULL") }
    return Array(UnsafeBufferPointer(start: pointer, count: count))
}

@_cdecl("sl_fit")
public func sl_fit(_ count: Int, _ N: UnsafePointer<Double>?, _ D: UnsafePointer<Double>?,
                   _ loss: UnsafePointer<Double>?, _ se: UnsafePointer<Double>?, _ gamma: UnsafePointer<Double>?,
                   _ options: UnsafePointer<sl_fit_options>?, _ result: UnsafeMutablePointer<sl_fit_result>?) -> Int32 {
    entryPoint {
        let o = try VersionedStruct.read(options, "options", defaults: default_sl_fit_options(),
                                         minimumSize: MemoryLayout<sl_fit_options>.size)
        guard let result else { throw InvalidArgument("result is NULL") }
        let r = try VersionedStruct.read(UnsafePointer(result), "result", defaults: sl_fit_result(),
                                         minimumSize: MemoryLayout<sl_fit_result>.size)
        guard count >= 1, count <= 1 << 30 else { throw InvalidArgument("count must be in 1...2^30, got \(count)") }
        let runs = try ScalingRuns(N: try values(N, count, "N"), D: try values(D, count, "D"),
                                   loss: try values(loss, count, "loss"),
                                   standardError: se.map { Array(UnsafeBufferPointer(start: $0, count: count)) },
                                   ridge: gamma.map { Array(UnsafeBufferPointer(start: $0, count: count)) })
        let form = o.form.map { String(cString: $0) } ?? "chinchilla"
        var request = FitRequest(runs: runs, forms: [form])
        guard o.resamples >= 0, o.resamples <= 1_000_000 else {
            throw InvalidArgument("resamples must be in 0...1000000, got \(o.resamples)")
        }
        request.options.resamples = Int(o.resamples)
        request.options.bootstrap = o.parametric != 0 ? .parametric : .rows
        request.options.seed = o.seed
        request.options.confidence = o.confidence
        request.options.huberDelta = o.huber_delta
        request.options.threads = try workerThreads(o.threads)
        request.chinchillaStarts = o.small_grid != 0 ? ChinchillaForm.smallGrid : ChinchillaForm.hoffmannGrid
        request.latentDimension = o.latent_dimension
        request.teacherExponent = o.teacher_exponent.isNaN ? nil : o.teacher_exponent
        request.flopsPerToken = o.flops_per_token
        if o.forecast_count > 0 {
            let n = try values(o.forecast_N, o.forecast_count, "options->forecast_N")
            let d = try values(o.forecast_D, o.forecast_count, "options->forecast_D")
            let g = o.forecast_gamma.map { Array(UnsafeBufferPointer(start: $0, count: o.forecast_count)) }
                ?? Array(repeating: 0, count: o.forecast_count)
            request.forecastPoints = (0..<o.forecast_count).map { (n[$0], d[$0], g[$0]) }
        }
        let report = try FitReport(request).forms[0]
        let p = report.parameters
        result.pointee.parameter_count = Int32(p.count)
        for (j, estimate) in p.enumerated() {
            r.value?[j] = estimate.value
            r.lower?[j] = estimate.lower ?? .nan
            r.upper?[j] = estimate.upper ?? .nan
        }
        result.pointee.objective = report.fit.objective
        let triple = { (e: Estimate?) in (e?.value ?? .nan, e?.lower ?? .nan, e?.upper ?? .nan) }
        result.pointee.exponent_a = triple(report.exponents?.a)
        result.pointee.exponent_b = triple(report.exponents?.b)
        let starts = report.fit.starts
        result.pointee.start_count = Int64(starts.count)
        result.pointee.rival_starts = Int64(report.fit.rivalOptima.count)
        result.pointee.failed_resamples = Int64(report.fit.failedResamples)
        if r.start_capacity >= starts.count {
            for (k, start) in starts.enumerated() {
                r.start_objectives?[k] = start.objective
                for j in 0..<Int(SL_FIT_MAX_PARAMETERS) {
                    r.start_parameters?[k * Int(SL_FIT_MAX_PARAMETERS) + j] = j < start.parameters.count ? start.parameters[j] : .nan
                }
            }
        }
        for (i, forecast) in report.forecasts.enumerated() {
            r.forecast_loss?[i] = forecast.value
            r.forecast_lower?[i] = forecast.lower ?? .nan
            r.forecast_upper?[i] = forecast.upper ?? .nan
        }
        if let buffer = r.warnings, r.warnings_capacity > 0 {
            let bytes = Array(report.warnings.map { $0 + "\n" }.joined().utf8.prefix(r.warnings_capacity - 1))
            for (k, byte) in bytes.enumerated() { buffer[k] = CChar(bitPattern: byte) }
            buffer[bytes.count] = 0
        }
    }
}
