import Foundation
import Dispatch

/// Progress of a counted run on stderr, with the elapsed time and an
/// estimate of the time left. On a terminal, one line rewritten in place;
/// otherwise (logs, pipes, CI) the heartbeat prints it, a plain line every
/// `Heartbeat.interval` seconds, nothing for runs shorter than that.
/// `--quiet` silences it.
package final class Progress: @unchecked Sendable {  // mutable state is guarded by `lock`
    private let label: String
    private let total: Int
    private var done = 0
    private var lastShown = 0.0
    private let lock = NSLock()

    package init(_ label: String, total: Int) {
        self.label = label
        self.total = total
    }

    fileprivate var isTerminalLine: Bool { StandardError.isTerminal && total > 1 }

    package func advance() {
        lock.lock()
        done += 1
        let current = done
        let elapsed = Heartbeat.elapsed
        let last = current == total
        let show = !Heartbeat.quiet && isTerminalLine && (elapsed - lastShown >= 0.2 || last)
        if show { lastShown = elapsed }
        lock.unlock()
        if current == 1 { Heartbeat.follow(self) }
        if show { StandardError.write("\r\(status(current, elapsed: elapsed))\u{1B}[K" + (last ? "\n" : "")) }
    }

    /// "label: done/total, elapsed ..., about ... left".
    package func status(elapsed: Double) -> String {
        lock.lock()
        let current = done
        lock.unlock()
        return status(current, elapsed: elapsed)
    }

    private func status(_ current: Int, elapsed: Double) -> String {
        let left = elapsed / Double(max(current, 1)) * Double(total - current)
        return "\(label): \(current)/\(total), elapsed \(Heartbeat.format(elapsed))"
            + (current == total ? "" : ", about \(Heartbeat.format(left)) left")
    }
}

/// A periodic line on stderr for any run that lasts longer than `interval`
/// seconds, also when stderr is not a terminal, so that a long computation
/// is never silent: elapsed time, and the time left where a `Progress`
/// counter knows it. Started once per process; `--quiet` silences it.
package enum Heartbeat {
    /// Seconds between lines (and before the first).
    package static let interval = 5.0
    package nonisolated(unsafe) static var quiet = false
    nonisolated(unsafe) private static var start = DispatchTime.now().uptimeNanoseconds
    nonisolated(unsafe) private static var counter: Progress?
    nonisolated(unsafe) private static var timer: DispatchSourceTimer?
    private static let lock = NSLock()

    /// Seconds since `start` (or since first use, where the heartbeat was not
    /// started); never negative, even when `start` is initialized lazily after `now`.
    package static var elapsed: Double {
        let origin = start
        let now = DispatchTime.now().uptimeNanoseconds
        return now > origin ? Double(now - origin) / 1e9 : 0
    }

    /// Depth of `whileChecking` calls: while above 0 the heartbeat holds its
    /// lines, so that a refusal (bad data found after seconds of reading) is
    /// the only line on stderr.
    nonisolated(unsafe) private static var checking = 0

    /// Runs `body`, the reading and checking of inputs, with the heartbeat silent.
    package static func whileChecking<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        checking += 1
        lock.unlock()
        defer {
            lock.lock()
            checking -= 1
            lock.unlock()
        }
        return try body()
    }

    /// From now on the heartbeat reports this counter's progress.
    package static func follow(_ progress: Progress) {
        lock.lock()
        counter = progress
        lock.unlock()
    }

    /// Starts the heartbeat of command `name`.
    package static func start(_ name: String) {
        start = DispatchTime.now().uptimeNanoseconds
        guard !quiet else { return }
        let source = DispatchSource.makeTimerSource(queue: DispatchQueue.global(qos: .utility))
        source.schedule(deadline: .now() + interval, repeating: interval)
        source.setEventHandler {
            lock.lock()
            let progress = counter, held = checking > 0
            lock.unlock()
            guard !held else { return }
            let now = elapsed
            if let progress {
                // On a terminal the counter rewrites its own line.
                if !progress.isTerminalLine { StandardError.write(progress.status(elapsed: now) + "\n") }
            } else {
                StandardError.write("scaling-laws \(name): running, elapsed \(format(now))\n")
            }
        }
        source.resume()
        timer = source
    }

    /// "42 s", "3.5 min", "2.1 h".
    package static func format(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "unknown" }
        if seconds < 90 { return String(format: "%.0f s", seconds) }
        if seconds < 5400 { return String(format: "%.1f min", seconds / 60) }
        return String(format: "%.1f h", seconds / 3600)
    }
}

/// Writes to standard error.
package enum StandardError {
    package static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
    package static var isTerminal: Bool { isatty(fileno(stderr)) != 0 }
}
