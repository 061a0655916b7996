import FoundationEssentials
import Glibc
import ScalingErrors

/// Memory estimates made before allocating, so that an impossible size is
/// refused with `ScalingError.tooLarge` rather than by the kernel's OOM killer.
package enum MemoryBudget {
    /// Default limit: half the physical memory, leaving room for the rest of
    /// the process and of the machine.
    package static var defaultLimit: Double { Double(ProcessInfo.processInfo.physicalMemory) / 2 }

    /// Throws `ScalingError.tooLarge` when `bytes` exceeds `limit` (or the default).
    package static func check(_ bytes: Double, limit: Double?, what: String) throws {
        let limit = limit ?? defaultLimit
        guard bytes <= limit else { throw ScalingError.tooLarge(what: what, bytes: bytes, limit: limit) }
    }
}
