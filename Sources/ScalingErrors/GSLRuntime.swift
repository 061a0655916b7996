import CGSL

/// Process-wide GSL setup and status mapping.
///
/// GSL's default error handler calls `abort()`. The library turns it off once,
/// before the first GSL call, and checks every status itself instead.
public enum GSLRuntime {
    private static let handlerOff: Void = {
        _ = gsl_set_error_handler_off()
    }()

    /// Turns GSL's abort-on-error handler off. Idempotent and thread-safe;
    /// every wrapper calls it before touching GSL.
    public static func prepare() {
        _ = handlerOff
    }

    /// Throws `ScalingError.gsl` unless `status` is `GSL_SUCCESS`. The
    /// routine's name is formed only on failure: callers in hot loops
    /// (`gsl_sf_beta_inc_e` in every power-law tail sum) name their
    /// arguments, and printing three doubles per call cost a quarter of a
    /// batch prediction.
    public static func check(_ status: Int32, _ routine: @autoclosure () -> String) throws {
        guard status == Int32(GSL_SUCCESS) else {
            let message = gsl_strerror(status).map { String(cString: $0) } ?? "unknown"
            throw ScalingError.gsl(routine: routine(), status: status, message: message)
        }
    }
}
