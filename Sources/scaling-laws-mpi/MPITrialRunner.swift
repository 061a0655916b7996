import Foundation
import DenseAlgebra
import Dispatch
import ScalingLawsCommands
import ScalingMonteCarlo
import ScalingOutput

/// Runs a command's trials on all MPI ranks with dynamic load balancing:
/// rank 0 deals trial indices one at a time to whichever worker thread asks
/// (its own threads take them directly), so a slow trial holds up no one.
/// Each trial draws from its own stream, so which rank runs it changes
/// nothing: rank 0 assembles the very results of a one-process run, for any
/// `TrialSimulation` (the ridge fit, SGD, gradient flow).
///
/// Every rank calls `agree` exactly once, in `results(of:)` or, when the command
/// failed before reaching it, in main: a bad input on any rank stops all ranks
/// before any trial starts.
final class MPITrialRunner: TrialRunner {
    private(set) var agreed = false
    /// Set when this rank stopped because another one failed.
    private(set) var peerFailed = false

    private static let requestTag = 1
    private static let replyTag = 1000

    /// What a worker thread sends to rank 0: the trial it finished (or the
    /// error it hit), and a request for the next one.
    private struct Request<Outcome: Codable>: Codable {
        var thread: Int
        var job: Int?
        var result: Outcome?
        var error: String?
        var status: Int32?
    }

    /// A rank's setup failed elsewhere; that rank reports it.
    struct PeerFailure: Error, CustomStringConvertible {
        var rank: Int
        var description: String { "rank \(rank) failed" }
    }

    /// A trial failed on another rank; its message and exit status, as that rank saw them.
    struct RemoteTrialError: Error, CustomStringConvertible {
        var description: String
        var status: Int32
    }

    /// The collective check that every rank is ready: the lowest failing rank, or nil.
    func agree(failed: Bool) -> Int? {
        agreed = true
        let lowest = MessagePassing.allReduce(failed ? MessagePassing.rank : MessagePassing.size, maximum: false)
        return lowest < MessagePassing.size ? lowest : nil
    }

    func results<S>(of batch: TrialBatch<S>) throws -> [S.Result]? {
        let threads = batch.simulations.map(\.workerCount).max() ?? 1
        var setupError: Error?
        do {
            // Ranks on one node share its memory: the estimate of each, times
            // the ranks there, must fit before any of them allocates.
            for simulation in batch.simulations {
                try MemoryBudget.check(
                    simulation.estimatedBytes * Double(MessagePassing.localSize), limit: simulation.options.memoryLimit,
                    what: "\(simulation.runDescription) with \(simulation.workerCount) worker(s) on each of \(MessagePassing.localSize) rank(s) of this node")
            }
            if threads > 1, MessagePassing.rank > 0, !MessagePassing.threadsMayCall {
                throw UsageError("this MPI library does not support MPI_THREAD_MULTIPLE; use --threads 1")
            }
        } catch {
            setupError = error
        }
        if let lowest = agree(failed: setupError != nil) {
            if let setupError { throw setupError }
            peerFailed = true
            throw PeerFailure(rank: lowest)
        }
        // Same flags, but a file may differ between nodes: compare what the trials compute.
        let digest = Self.digest(batch.simulations.map(\.fingerprint).joined(separator: "\n"))
        if MessagePassing.allReduce(digest, maximum: false) != MessagePassing.allReduce(digest, maximum: true) {
            throw UsageError("the ranks see different inputs (a spectrum file that differs between nodes?)")
        }
        let remoteThreads = MessagePassing.sum(MessagePassing.rank == 0 ? 0 : threads)
        if MessagePassing.rank == 0 {
            return try deal(batch, threads: threads, remoteThreads: remoteThreads)
        }
        work(batch, threads: threads)
        return nil
    }

    /// Rank 0: its own worker threads take trials from the shared counter
    /// while the main thread answers the other ranks' requests.
    private func deal<S>(_ batch: TrialBatch<S>, threads: Int, remoteThreads: Int) throws -> [S.Result] {
        let start = DispatchTime.now().uptimeNanoseconds
        let state = DealerState<S.TrialOutcome>(count: batch.trialCount, progress: ScalingOutput.Progress(batch.label, total: batch.trialCount))
        let group = DispatchGroup()
        for _ in 0..<threads {
            DispatchQueue.global().async(group: group) {
                while let job = state.take() {
                    let (point, trial) = batch.trial(job)
                    do {
                        state.store(try batch.simulations[point].trial(trial), at: job)
                    } catch {
                        state.fail(error)
                    }
                }
            }
        }
        var stopped = 0
        // Polling, not a blocking receive (which spins a core in OpenMPI): the
        // pause doubles from 50 us to 2 ms while no request comes, so a busy
        // dealer answers at once and an idle one costs little.
        var pause: UInt32 = 50
        // The workers write non-finite numbers as strings (see `work`).
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        while stopped < remoteThreads {
            guard let (source, bytes) = MessagePassing.receiveBytesIfAny(tag: Self.requestTag) else {
                if let error = state.error { Self.abort(error, command: batch.command) }
                usleep(pause)
                pause = min(2 * pause, 2000)
                continue
            }
            pause = 50
            guard let request = try? decoder.decode(Request<S.TrialOutcome>.self, from: Data(bytes)) else {
                StandardError.write("scaling-laws-mpi: rank 0 received an unreadable message from rank \(source)\n")
                MessagePassing.abort(1)
            }
            if let job = request.job, let result = request.result { state.store(result, at: job) }
            if let error = request.error { state.fail(RemoteTrialError(description: error, status: request.status ?? 1)) }
            if let error = state.error { Self.abort(error, command: batch.command) }
            let next = state.take() ?? -1
            if next < 0 { stopped += 1 }
            MessagePassing.send(Int64(next), to: source, tag: Self.replyTag + request.thread)
        }
        group.wait()
        if let error = state.error { throw error }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let trials = state.results.map { $0! }
        var first = 0
        return batch.simulations.map { simulation in
            defer { first += simulation.options.trials }
            return simulation.result(trialResults: Array(trials[first..<first + simulation.options.trials]),
                                     seconds: seconds)
        }
    }

    /// Ranks > 0: each worker thread asks rank 0 for a trial, runs it, and
    /// sends it back with the next request, until told to stop (-1).
    private func work<S>(_ batch: TrialBatch<S>, threads: Int) {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        func loop(_ thread: Int) {
            var request = Request<S.TrialOutcome>(thread: thread)
            while true {
                // Encoding a trial's outcome cannot fail with non-finite numbers allowed.
                MessagePassing.send(Array(try! encoder.encode(request)), to: 0, tag: Self.requestTag)
                let job = Int(MessagePassing.receiveInteger(from: 0, tag: Self.replyTag + thread))
                if job < 0 { return }
                let (point, trial) = batch.trial(job)
                do {
                    request = Request(thread: thread, job: job, result: try batch.simulations[point].trial(trial))
                } catch {
                    request = Request(thread: thread, error: describe(error), status: exitStatus(of: error))
                }
            }
        }
        if threads == 1 {
            loop(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: threads, execute: loop)
        }
    }

    /// A trial failed while other ranks are running theirs: one line, then
    /// MPI_Abort, so that no rank finishes a long trial first.
    private static func abort(_ error: Error, command: String) -> Never {
        StandardError.write("scaling-laws-mpi \(command): \(describe(error))\n")
        MessagePassing.abort((error as? RemoteTrialError)?.status ?? exitStatus(of: error))
    }

    /// FNV-1a of a text, folded to a non-negative Int.
    private static func digest(_ text: String) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return Int(hash >> 1)
    }
}

/// Rank 0's trial counter and results, behind a lock.
private final class DealerState<Outcome>: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private let count: Int
    private let progress: ScalingOutput.Progress
    private(set) var results: [Outcome?]
    private(set) var error: Error?

    init(count: Int, progress: ScalingOutput.Progress) {
        self.count = count
        self.progress = progress
        results = Array(repeating: nil, count: count)
    }

    /// The next trial to run; nil when all are dealt or a trial failed.
    func take() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard error == nil, next < count else { return nil }
        next += 1
        return next - 1
    }

    func store(_ result: Outcome, at index: Int) {
        lock.lock()
        results[index] = result
        lock.unlock()
        progress.advance()
    }

    func fail(_ error: Error) {
        lock.lock()
        if self.error == nil { self.error = error }
        lock.unlock()
    }
}
