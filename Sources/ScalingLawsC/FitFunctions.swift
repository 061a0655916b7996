import CScalingLawsABI
import ScalingFit

// sl_fit: ScalingFit's FitReport behind the C interface (Docs/Fitting.md),
// its arguments read through ArgumentUnpacking.swift.

extension sl_fit_options: CStruct {
    static var defaults: sl_fit_options {
        var value = sl_fit_options()
        value.resamples = 1000
        value.confidence = 0.95
        value.huber_delta = 1e-3
        value.latent_dimension = .infinity
        value.teacher_exponent = .nan
        value.flops_per_token = 6
        return value
    }
}

extension sl_fit_result: CStruct {}

@_cdecl("sl_fit_options_init_sized")
public func sl_fit_options_init_sized(_ options: UnsafeMutableRawPointer?, _ size: UInt) {
    sl_fit_options.initialize(options, size: size)
}

@_cdecl("sl_fit_result_init_sized")
public func sl_fit_result_init_sized(_ result: UnsafeMutableRawPointer?, _ size: UInt) {
    sl_fit_result.initialize(result, size: size)
}

/// `count` values from a pointer that must not be NULL.
private func values(_ pointer: UnsafePointer<Double>?, _ count: Int, _ name: String) throws -> [Double] {
    guard let pointer else { throw InvalidArgument("\(name) is NULL") }
    return Array(UnsafeBufferPointer(start: pointer, count: count))
}

/// `count` values, or nil for NULL.
private func optionalValues(_ pointer: UnsafePointer<Double>?, _ count: Int) -> [Double]? {
    pointer.map { Array(UnsafeBufferPointer(start: $0, count: count)) }
}

@_cdecl("sl_fit")
public func sl_fit(_ count: UInt, _ N: UnsafePointer<Double>?, _ D: UnsafePointer<Double>?,
                   _ loss: UnsafePointer<Double>?, _ se: UnsafePointer<Double>?, _ gamma: UnsafePointer<Double>?,
                   _ options: UnsafePointer<sl_fit_options>?, _ result: UnsafeMutablePointer<sl_fit_result>?) -> Int32 {
    entryPoint {
        let o = try sl_fit_options.read(options, "options")
        guard let result else { throw InvalidArgument("result is NULL") }
        var r = try sl_fit_result.read(UnsafePointer(result), "result")
        let n = try WorkLimit.points.check(count, "count")
        let runs = try ScalingRuns(N: try values(N, n, "N"), D: try values(D, n, "D"), loss: try values(loss, n, "loss"),
                                   standardError: optionalValues(se, n), ridge: optionalValues(gamma, n))
        var request = FitRequest(runs: runs, forms: [o.form.map { String(cString: $0) } ?? "chinchilla"])
        request.options.resamples = try WorkLimit.trials.check(o.resamples, "options->resamples", minimum: 0)
        request.options.bootstrap = o.parametric != 0 ? .parametric : .rows
        request.options.seed = o.seed
        request.options.confidence = o.confidence
        request.options.huberDelta = o.huber_delta
        request.options.threads = try workerThreads(o.threads)
        request.chinchillaStarts = o.small_grid != 0 ? ChinchillaForm.smallGrid : ChinchillaForm.hoffmannGrid
        request.latentDimension = o.latent_dimension
        request.teacherExponent = o.teacher_exponent.isNaN ? nil : o.teacher_exponent
        request.flopsPerToken = o.flops_per_token
        let points = try WorkLimit.points.check(UInt(bitPattern: o.forecast_count), "options->forecast_count", minimum: 0)
        if points > 0 {
            let fn = try values(o.forecast_N, points, "options->forecast_N")
            let fd = try values(o.forecast_D, points, "options->forecast_D")
            let fg = optionalValues(o.forecast_gamma, points) ?? Array(repeating: 0, count: points)
            request.forecastPoints = (0..<points).map { (fn[$0], fd[$0], fg[$0]) }
        }
        let report = try FitReport(request).forms[0]
        let maximum = Int(SL_FIT_MAX_PARAMETERS)
        r.parameter_count = Int32(report.parameters.count)
        for (j, estimate) in report.parameters.enumerated() {
            put(r.value, j, estimate.value)
            put(r.lower, j, estimate.lower ?? .nan)
            put(r.upper, j, estimate.upper ?? .nan)
        }
        r.objective = report.fit.objective
        let triple = { (e: Estimate?) in (e?.value ?? .nan, e?.lower ?? .nan, e?.upper ?? .nan) }
        r.exponent_a = triple(report.exponents?.a)
        r.exponent_b = triple(report.exponents?.b)
        let starts = report.fit.starts
        r.start_count = UInt64(starts.count)
        r.rival_starts = UInt64(report.fit.rivalOptima.count)
        r.failed_resamples = UInt64(report.fit.failedResamples)
        if r.start_capacity >= starts.count {
            for (k, start) in starts.enumerated() {
                put(r.start_objectives, k, start.objective)
                for j in 0..<maximum {
                    put(r.start_parameters, k * maximum + j, j < start.parameters.count ? start.parameters[j] : .nan)
                }
            }
        }
        for (i, forecast) in report.forecasts.enumerated() {
            put(r.forecast_loss, i, forecast.value)
            put(r.forecast_lower, i, forecast.lower ?? .nan)
            put(r.forecast_upper, i, forecast.upper ?? .nan)
        }
        if let buffer = r.warnings, r.warnings_capacity > 0 {
            let bytes = Array(report.warnings.map { $0 + "\n" }.joined().utf8.prefix(min(r.warnings_capacity - 1, 1 << 20)))
            for (k, byte) in bytes.enumerated() { buffer[k] = CChar(bitPattern: byte) }
            buffer[bytes.count] = 0
        }
        sl_fit_result.write(r, to: result)
    }
}
