import Glibc

/// A mutual-exclusion lock (a pthread mutex) for the worker pools.
///
/// In place of Foundation's NSLock: the libraries linked into the C library
/// import only FoundationEssentials, because any use of Foundation proper
/// links CoreFoundation and its ICU data (about 34 MB) into
/// libScalingLawsC.so.
package final class Lock: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    package init() {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    package func lock() { pthread_mutex_lock(mutex) }

    package func unlock() { pthread_mutex_unlock(mutex) }
}
