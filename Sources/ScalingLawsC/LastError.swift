import CScalingLawsABI
import Glibc
import ScalingData
import ScalingFit
import ScalingTheory

/// The calling thread's last error message, kept in thread-local storage
/// (a pthread key whose destructor frees it when the thread exits).
enum LastError {
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { free($0) }
        return key
    }()
    private static let empty: StaticString = ""

    static func set(_ message: String) {
        if let old = pthread_getspecific(key) { free(old) }
        pthread_setspecific(key, strdup(message))
    }

    static func clear() {
        if let old = pthread_getspecific(key) { free(old) }
        pthread_setspecific(key, nil)
    }

    static var message: UnsafePointer<CChar> {
        if let stored = pthread_getspecific(key) { return UnsafePointer(stored.assumingMemoryBound(to: CChar.self)) }
        return UnsafeRawPointer(empty.utf8Start).assumingMemoryBound(to: CChar.self)
    }
}

/// A bad call: a NULL pointer, a mis-sized column, a missing parameter.
struct InvalidArgument: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Runs one C entry point: clears the thread's last error, maps any thrown
/// error to a status and records its message. Nothing escapes as a trap:
/// every input is checked before it is used.
func entryPoint(_ body: () throws -> Void) -> Int32 {
    LastError.clear()
    // GSL's abort-on-error handler off before anything can reach GSL.
    GSLRuntime.prepare()
    do {
        try body()
        return Int32(SL_OK.rawValue)
    } catch {
        LastError.set(message(error))
        return Int32(status(error).rawValue)
    }
}

func message(_ error: Error) -> String {
    if let failure = error as? BatchFailure { return "point \(failure.index): \(message(failure.error))" }
    return String(describing: error)
}

func status(_ error: Error) -> sl_status {
    if let failure = error as? BatchFailure { return status(failure.error) }
    if error is InvalidArgument || error is UnstableLearningRate { return SL_ERROR_INVALID_ARGUMENT }
    if error is WorkLimitExceeded { return SL_ERROR_TOO_LARGE }
    if error is DataSetError { return dataSetStatus(error) }
    if let fit = error as? FitError {
        if case .noOptimum = fit { return SL_ERROR_NO_CONVERGENCE }
        return SL_ERROR_INVALID_ARGUMENT
    }
    guard let scaling = error as? ScalingError else { return SL_ERROR_INTERNAL }
    // Not a switch: cases added to ScalingError later (a teacher that does not
    // fit its spectrum, ...) are bad input without touching this file.
    if case .emptySpectrum = scaling { return SL_ERROR_INVALID_SPECTRUM }
    if case .invalidEigenvalue = scaling { return SL_ERROR_INVALID_SPECTRUM }
    if case .unreadableFile = scaling { return SL_ERROR_UNREADABLE_FILE }
    if case .noConvergence = scaling { return SL_ERROR_NO_CONVERGENCE }
    if case .gsl = scaling { return SL_ERROR_NUMERICAL }
    if case .unsupported = scaling { return SL_ERROR_UNSUPPORTED }
    if case .tooLarge = scaling { return SL_ERROR_TOO_LARGE }
    return SL_ERROR_INVALID_ARGUMENT
}

@_cdecl("sl_last_error")
public func sl_last_error() -> UnsafePointer<CChar> { LastError.message }

/// "ScalingLawsC 0.2.0 (API 3)": the package version (ScalingLawsVersion, its one
/// source) and SL_API_VERSION, allocated once and kept for the library's lifetime.
private let versionString: UnsafeMutablePointer<CChar> =
    strdup("ScalingLawsC \(ScalingLawsVersion.current) (API \(SL_API_VERSION))")!

@_cdecl("sl_version")
public func sl_version() -> UnsafePointer<CChar> { UnsafePointer(versionString) }

@_cdecl("sl_api_version")
public func sl_api_version() -> Int32 { SL_API_VERSION }
