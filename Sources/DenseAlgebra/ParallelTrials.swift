import Dispatch
import Glibc
import ScalingErrors

/// Independent trials spread over worker threads, with single-threaded BLAS
/// inside each so that the cores are not oversubscribed.
///
/// Worker w runs trials w, w + workers, w + 2 workers, ...: a fixed stride,
/// so what a worker does never depends on timing; each trial draws from its
/// own random stream, so the results do not depend on the number of workers
/// either. The first error of any trial stops the rest and is rethrown.
package enum ParallelTrials {
    /// The trials' results in trial order. `progress` is called from worker
    /// threads with the number of trials finished so far.
    package static func map<T>(count: Int, workers: Int, progress: ((Int) -> Void)? = nil,
                       _ trial: (Int) throws -> T) throws -> [T] {
        let state = State<T>(count: count)
        BLASThreads.singleThreaded {
            DispatchQueue.concurrentPerform(iterations: max(1, min(workers, count))) { worker in
                for index in stride(from: worker, to: count, by: max(1, min(workers, count))) {
                    if state.failed { return }
                    do {
                        let done = state.store(try trial(index), at: index)
                        progress?(done)
                    } catch {
                        state.fail(error)
                        return
                    }
                }
            }
        }
        if let error = state.error { throw error }
        return state.results.map { $0! }
    }

    /// Results and the first error, behind a lock.
    private final class State<T>: @unchecked Sendable {
        private let lock = Lock()
        private(set) var results: [T?]
        private(set) var error: Error?
        private var finished = 0

        init(count: Int) { results = Array(repeating: nil, count: count) }

        var failed: Bool {
            lock.lock()
            defer { lock.unlock() }
            return error != nil
        }

        /// Stores a result; returns the number of trials finished.
        func store(_ result: T, at index: Int) -> Int {
            lock.lock()
            defer { lock.unlock() }
            results[index] = result
            finished += 1
            return finished
        }

        func fail(_ error: Error) {
            lock.lock()
            defer { lock.unlock() }
            if self.error == nil { self.error = error }
        }
    }
}
