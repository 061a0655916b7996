/// Carries the first error thrown inside a non-throwing callback (a function
/// handed to a GSL solver) out to the caller, so that a typed `ScalingError`
/// from the spectrum wins over the solver's generic complaint about the NaN
/// the callback returned instead.
final class FailureCapture {
    private(set) var failure: Error?

    /// The value of `body`, or nil after recording its error.
    func attempt<T>(_ body: () throws -> T) -> T? {
        do { return try body() } catch {
            if failure == nil { failure = error }
            return nil
        }
    }

    /// Runs `body`; rethrows the first captured failure in preference to
    /// whatever `body` threw, and throws it even if `body` returned.
    func run<T>(_ body: () throws -> T) throws -> T {
        let value: T
        do { value = try body() } catch { throw failure ?? error }
        if let failure { throw failure }
        return value
    }
}
