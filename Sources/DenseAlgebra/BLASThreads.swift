import COpenBLAS
import Glibc
import ScalingErrors

/// OpenBLAS's thread count, set deliberately while trials run.
///
/// Trials run in parallel, one per worker thread, so each BLAS call must use
/// one thread: more would oversubscribe the cores, and a single-threaded
/// OpenBLAS call is deterministic, which keeps every trial bit-identical
/// whatever the number of workers. The setting is process-wide; nested and
/// concurrent users share it through a count, and the previous value returns
/// when the last one leaves.
///
/// The same policy holds for every other BLAS and LAPACK call of the package
/// (eigendecompositions included): `applyPolicy()` sets OpenBLAS to one
/// thread the first time any wrapper in `LinearAlgebra` runs, whatever
/// OPENBLAS_NUM_THREADS, OMP_NUM_THREADS or the core count say, since a
/// multithreaded dsyevd or dgemm splits its sums by the thread count and
/// its results differ in the last bits.
package enum BLASThreads {
    private static let policy: Void = { openblas_set_num_threads(1) }()

    /// Puts OpenBLAS on one thread (once per process).
    @inline(__always)
    package static func applyPolicy() { _ = policy }

    private static let lock = Lock()
    nonisolated(unsafe) private static var users = 0
    nonisolated(unsafe) private static var previous: Int32 = 1

    /// Runs `body` with OpenBLAS limited to one thread per call.
    package static func singleThreaded<T>(_ body: () throws -> T) rethrows -> T {
        applyPolicy()
        lock.lock()
        if users == 0 {
            previous = openblas_get_num_threads()
            openblas_set_num_threads(1)
        }
        users += 1
        lock.unlock()
        defer {
            lock.lock()
            users -= 1
            if users == 0 { openblas_set_num_threads(previous) }
            lock.unlock()
        }
        return try body()
    }
}
