import Dispatch
import Foundation

/// Progress of a counted run on stderr, with the elapsed time and an
/// estimate of the time left. On a terminal, one line rewritten in place;
/// otherwise (logs, pipes, CI) a plain line at most every
/// `Heartbeat.interval` seconds, and nothing for runs shorter than that.
/// `--quiet` silences it.
final class Progress: @unchecked Sendable {  // mutable state is guarded by `lock`
    private let label: String
    private let total: Int
    private var done = 0
    private var lastShown = 0.0
    private let lock = NSLock()

    init(_ label: String, total: Int) {
        self.label = label
        self.total = total
    }

    func advance() {
        lock.lock()
        defer { lock.unlock() }
        done += 1
        guard !Heartbeat.quiet, total > 1 else { return }
        let elapsed = Heartbeat.elapsed
        let terminal = StandardError.isTerminal
        let last = done == total
        guard terminal ? (elapsed - lastShown >= 0.2 || last) : (elapsed - lastShown >= Heartbeat.interval && !last)
        else { return }
        guard terminal || elapsed >= Heartbeat.interval else { return }
        lastShown = elapsed
        Heartbeat.noteShown()
        let left = elapsed / Double(done) * Double(total - done)
        let text = "\(label): \(done)/\(total), elapsed \(Heartbeat.format(elapsed))"
            + (last ? "" : ", about \(Heartbeat.format(left)) left")
        StandardError.write(terminal ? "\r\(text)\u{1B}[K" + (last ? "\n" : "") : text + "\n")
    }
}

/// A periodic line on stderr for any run that lasts longer than `interval`
/// seconds, also when stderr is not a terminal, so that a long computation
/// is never silent: elapsed time, and the time left where a `Progress`
/// counter knows it. Started once per process; `--quiet` silences it.
enum Heartbeat {
    /// Seconds between lines (and before the first).
    static let interval = 5.0
    nonisolated(unsafe) static var quiet = false
    nonisolated(unsafe) private static var start = DispatchTime.now().uptimeNanoseconds
    nonisolated(unsafe) private static var lastShown = 0.0
    nonisolated(unsafe) private static var timer: DispatchSourceTimer?
    private static let lock = NSLock()

    static var elapsed: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }

    /// Called by `Progress` when it has just printed a line.
    static func noteShown() {
        lock.lock()
        lastShown = elapsed
        lock.unlock()
    }

    /// Starts the heartbeat of command `name`.
    static func start(_ name: String) {
        start = DispatchTime.now().uptimeNanoseconds
        guard !quiet else { return }
        let source = DispatchSource.makeTimerSource(queue: DispatchQueue.global(qos: .utility))
        source.schedule(deadline: .now() + interval, repeating: interval)
        source.setEventHandler {
            lock.lock()
            let now = elapsed
            let silent = now - lastShown >= interval - 0.5
            if silent { lastShown = now }
            lock.unlock()
            if silent { StandardError.write("scaling-laws \(name): running, elapsed \(format(now))\n") }
        }
        source.resume()
        timer = source
    }

    /// "42 s", "3.5 min", "2.1 h".
    static func format(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "unknown" }
        if seconds < 90 { return String(format: "%.0f s", seconds) }
        if seconds < 5400 { return String(format: "%.1f min", seconds / 60) }
        return String(format: "%.1f h", seconds / 3600)
    }
}
