import FoundationEssentials
import Glibc
import ScalingErrors

/// Memory estimates made before allocating, so that an impossible size is
/// refused with `ScalingError.tooLarge` rather than by the kernel's OOM killer.
package enum MemoryBudget {
    /// Default limit: half the physical memory, leaving room for the rest of
    /// the process and of the machine, and at most half the address space the
    /// process may map (`ulimit -v`, RLIMIT_AS), so that a limited process
    /// refuses a size with this error instead of dying in `malloc`.
    package static var defaultLimit: Double {
        var limit = Double(ProcessInfo.processInfo.physicalMemory) / 2
        var bound = rlimit()
        if getrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &bound) == 0, bound.rlim_cur != rlim_t.max {
            limit = min(limit, Double(bound.rlim_cur) / 2)
        }
        return limit
    }

    /// Throws `ScalingError.tooLarge` when `bytes` exceeds `limit` (or the default).
    package static func check(_ bytes: Double, limit: Double?, what: String) throws {
        let limit = limit ?? defaultLimit
        guard bytes <= limit else { throw ScalingError.tooLarge(what: what, bytes: bytes, limit: limit) }
    }
}
