import Foundation

/// Writes output files whole or not at all: the bytes go to a temporary file
/// in the same directory, which is then renamed over the destination, so an
/// interrupted run never leaves a half-written file.
enum AtomicFile {
    static func write(_ text: String, to url: URL) throws {
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(UUID().uuidString).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: Data(text.utf8)) else {
            throw UsageError("cannot write \(temporary.path)")
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw UsageError("cannot write \(url.path): \(reason)")
        }
    }

    /// Creates `path` (and parents) if needed; a clear error if it is a file
    /// or cannot be created.
    static func directory(_ path: String) throws -> URL {
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
