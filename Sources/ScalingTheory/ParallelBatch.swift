import Dispatch
import FoundationEssentials
import Glibc

/// The failure of one point of a batch: its 0-based index and the error.
public struct BatchFailure: Error, CustomStringConvertible, Sendable {
    public let index: Int
    public let error: Error

    public init(index: Int, error: Error) {
        self.index = index
        self.error = error
    }

    public var description: String { "point \(index): \(error)" }
}

/// Independent evaluations at `count` points spread over worker threads: the
/// engine behind the array interfaces (C and Python).
///
/// Points are handed out in contiguous chunks in increasing order, so a
/// worker's state (`Cache`, e.g. the last spectrum built) is reused along a
/// chunk. Results do not depend on the number of workers: each point is
/// computed by the same code whatever its chunk. The first error stops the
/// workers from taking new chunks; the one reported is that of the lowest
/// failing index (every chunk below it was handed out and finishes).
public enum ParallelBatch {
    /// Runs `body(i, &cache)` for every i in 0..<count on `threads` workers
    /// (nil or 0: one per active core). Throws `BatchFailure` for the lowest
    /// failing index.
    public static func run<Cache>(count: Int, threads: Int? = nil, makeCache: () -> Cache,
                                  _ body: (Int, inout Cache) throws -> Void) throws {
        guard count > 0 else { return }
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let workers = max(1, min(threads.flatMap { $0 > 0 ? $0 : nil } ?? cores, count))
        // Chunks small enough to balance uneven points, large enough to reuse caches.
        let chunk = max(1, min(256, count / (8 * workers)))
        let state = State(count: count, chunk: chunk)
        if workers == 1 {
            work(state, makeCache: makeCache, body)
        } else {
            DispatchQueue.concurrentPerform(iterations: workers) { _ in work(state, makeCache: makeCache, body) }
        }
        if let failure = state.failure { throw failure }
    }

    private static func work<Cache>(_ state: State, makeCache: () -> Cache, _ body: (Int, inout Cache) throws -> Void) {
        var cache = makeCache()
        while let range = state.nextChunk() {
            for index in range {
                do {
                    try body(index, &cache)
                } catch {
                    state.fail(BatchFailure(index: index, error: error))
                    break
                }
            }
        }
    }

    /// The chunk dispenser and the lowest failure, behind a lock.
    private final class State: @unchecked Sendable {
        private let lock = Lock()
        private let count: Int, chunk: Int
        private var next = 0
        private(set) var failure: BatchFailure?

        init(count: Int, chunk: Int) {
            self.count = count
            self.chunk = chunk
        }

        func nextChunk() -> Range<Int>? {
            lock.lock()
            defer { lock.unlock() }
            guard failure == nil, next < count else { return nil }
            let start = next
            next = min(count, start + chunk)
            return start..<next
        }

        func fail(_ newFailure: BatchFailure) {
            lock.lock()
            defer { lock.unlock() }
            if failure == nil || newFailure.index < failure!.index { failure = newFailure }
        }
    }
}
