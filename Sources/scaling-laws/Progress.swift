import Foundation

/// A one-line progress counter on stderr, shown only when stderr is a
/// terminal so that logs and pipes stay clean.
package final class Progress: @unchecked Sendable {  // mutable state is guarded by `lock`
    private let label: String
    private let total: Int
    private let enabled: Bool
    private var done = 0
    private let lock = NSLock()

    package init(_ label: String, total: Int) {
        self.label = label
        self.total = total
        enabled = StandardError.isTerminal && total > 1
    }

    package func advance() {
        lock.lock()
        done += 1
        let current = done
        lock.unlock()
        guard enabled else { return }
        StandardError.write("\r\(label): \(current)/\(total)" + (current == total ? "\n" : ""))
    }
}
