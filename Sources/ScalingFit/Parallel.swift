import Dispatch
import Glibc

/// Independent tasks (starts, resamples) spread over worker threads. Each
/// index is computed by exactly one task whose inputs depend only on the
/// index, so the results are the same for any number of workers.
enum Parallel {
    static func map<T>(count: Int, workers: Int, progress: ((Int) -> Void)? = nil,
                       _ body: (Int) throws -> T) throws -> [T] {
        let box = Box<T>(count: count)
        let workers = max(1, min(workers, count))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for index in stride(from: worker, to: count, by: workers) {
                if box.failed { return }
                do {
                    let done = box.store(try body(index), at: index)
                    progress?(done)
                } catch {
                    box.fail(error)
                    return
                }
            }
        }
        if let error = box.error { throw error }
        return box.results.map { $0! }
    }

    private final class Box<T>: @unchecked Sendable {
        private let lock = DispatchSemaphore(value: 1)
        var results: [T?]
        var error: Error?
        private var finished = 0
        init(count: Int) { results = Array(repeating: nil, count: count) }
        var failed: Bool { lock.wait(); defer { lock.signal() }; return error != nil }
        func store(_ value: T, at index: Int) -> Int {
            lock.wait(); defer { lock.signal() }
            results[index] = value
            finished += 1
            return finished
        }
        func fail(_ e: Error) { lock.wait(); defer { lock.signal() }; if error == nil { error = e } }
    }
}
