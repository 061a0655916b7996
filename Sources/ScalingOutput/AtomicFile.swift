import Foundation

/// Writes output files whole or not at all, and leaves no temporary file
/// behind.
///
/// The bytes go to a temporary file of our own in the destination directory,
/// named `.scaling-laws-tmp.<pid>.<name>`, which is then renamed over the
/// destination. (Foundation's atomic writes use their own `.dat.nosync*`
/// names, which a kill leaves behind.) SIGINT, SIGTERM and SIGHUP remove the
/// temporary file being written before the process dies; a SIGKILL cannot be
/// caught, so every write first removes the temporary files in its directory
/// whose process no longer runs.
package enum AtomicFile {
    package static let temporaryPrefix = ".scaling-laws-tmp."

    package static func write(_ text: String, to url: URL) throws {
        try writeSet([(text, url)])
    }

    /// Writes several files as one set: every file goes to its temporary
    /// first, and only when all of them are written (and no destination is a
    /// directory, which a rename could not replace) are they renamed over
    /// their destinations. On any failure every temporary is removed and no
    /// destination is touched. (A signal between two renames, or a rename
    /// that fails after the checks, can still leave the set mixed; the
    /// temporaries of a killed process are removed by the next write.)
    package static func writeSet(_ files: [(text: String, url: URL)]) throws {
        var written: [(temporary: String, url: URL)] = []
        func discard() { for file in written { unlink(file.temporary) } }
        InterruptCleanup.install()
        defer { InterruptCleanup.setPending(nil) }
        for (text, url) in files {
            do {
                written.append((try writeTemporary(text, for: url), url))
            } catch {
                discard()
                throw error
            }
        }
        for file in written {
            var status = stat()
            if lstat(file.url.path, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
                discard()
                throw UsageError("cannot write \(file.url.path): it is a directory (nothing of this run was written)")
            }
        }
        for (index, file) in written.enumerated() where rename(file.temporary, file.url.path) != 0 {
            let failure = errno
            for later in written[index...] { unlink(later.temporary) }
            throw UsageError("cannot write \(file.url.path): \(String(cString: strerror(failure)))")
        }
    }

    /// The bytes of `text` in a temporary file of ours beside `url`; returns its path.
    private static func writeTemporary(_ text: String, for url: URL) throws -> String {
        let directory = url.deletingLastPathComponent()
        removeStaleTemporaryFiles(in: directory)
        let path = directory.appendingPathComponent("\(temporaryPrefix)\(getpid()).\(url.lastPathComponent)").path
        InterruptCleanup.setPending(path)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw UsageError("cannot write \(url.path): \(String(cString: strerror(errno)))")
        }
        var failure: Int32 = 0
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += written
            }
        }
        if close(descriptor) != 0 && failure == 0 { failure = errno }
        if failure != 0 {
            unlink(path)
            throw UsageError("cannot write \(url.path): \(String(cString: strerror(failure)))")
        }
        return path
    }

    /// Removes `.scaling-laws-tmp.<pid>.*` files of processes that no longer run.
    package static func removeStaleTemporaryFiles(in directory: URL) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return }
        for name in names where name.hasPrefix(temporaryPrefix) {
            let rest = name.dropFirst(temporaryPrefix.count)
            guard let dot = rest.firstIndex(of: "."), let pid = pid_t(rest[..<dot]), pid > 0 else { continue }
            if pid == getpid() { continue }
            if kill(pid, 0) != 0 && errno == ESRCH {
                unlink(directory.appendingPathComponent(name).path)
            }
        }
    }

    /// Creates `path` (and parents) if needed; a clear error if it is a file
    /// or cannot be created.
    package static func directory(_ path: String) throws -> URL {
        // An empty path is no directory (URL would make it the current one).
        guard !path.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw UsageError("--output needs a directory, got an empty path")
        }
        let url = URL(fileURLWithPath: path, isDirectory: true)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw UsageError("--output \(path) is a file, not a directory") }
        } else {
            do {
                try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            } catch {
                throw UsageError("cannot create output directory \(path): \((error as NSError).localizedDescription)")
            }
        }
        guard FileManager.default.isWritableFile(atPath: url.path) else {
            throw UsageError("output directory \(path) is not writable")
        }
        return url
    }
}

/// Removes the temporary file being written when SIGINT, SIGTERM or SIGHUP
/// arrives, then dies of the signal as before. The path lives in a fixed C
/// buffer so that the handler calls only async-signal-safe functions.
package enum InterruptCleanup {
    private static let capacity = 4096
    nonisolated(unsafe) private static let buffer: UnsafeMutablePointer<CChar> = {
        let pointer = UnsafeMutablePointer<CChar>.allocate(capacity: capacity)
        pointer.initialize(repeating: 0, count: capacity)
        return pointer
    }()
    nonisolated(unsafe) private static var installed = false

    package static func install() {
        guard !installed else { return }
        installed = true
        _ = buffer
        for signal in [SIGINT, SIGTERM, SIGHUP] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                if InterruptCleanup.bufferForHandler.pointee != 0 { unlink(InterruptCleanup.bufferForHandler) }
                Foundation.signal(number, SIG_DFL)
                raise(number)
            }
            sigemptyset(&action.sa_mask)
            sigaction(signal, &action, nil)
        }
    }

    fileprivate static var bufferForHandler: UnsafeMutablePointer<CChar> { buffer }

    /// The path to remove on a signal, or nil for none.
    package static func setPending(_ path: String?) {
        guard let path, path.utf8.count < capacity else {
            buffer.pointee = 0
            return
        }
        // Write the bytes first and the leading byte last, so that the
        // handler never sees a half-copied path.
        buffer.pointee = 0
        let bytes = Array(path.utf8)
        for (i, byte) in bytes.enumerated().dropFirst() { buffer[i] = CChar(bitPattern: byte) }
        buffer[bytes.count] = 0
        buffer[0] = CChar(bitPattern: bytes[0])
    }
}
