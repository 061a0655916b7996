import Glibc

/// The checks every input file (spectrum, teacher, data, labels) passes
/// before it is opened, with the real cause in plain words: missing, a
/// directory, not a regular file (a FIFO would block the reader forever, a
/// device such as /dev/zero never ends), or unreadable. The reason strings
/// are C's `strerror` text or a fixed phrase, never a Foundation message
/// (whose typographic apostrophes would print escaped).
public enum InputFile {
    /// The size in bytes of the regular file at `path`, or the reason it
    /// cannot be read as one (`reason` is nil when the file is fine).
    public static func inspect(_ path: String) -> (size: Int, reason: String?) {
        guard !path.isEmpty else { return (0, "the path is empty") }
        var status = stat()
        guard stat(path, &status) == 0 else { return (0, String(cString: strerror(errno))) }
        switch status.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: return (0, "it is a directory")
        case S_IFIFO: return (0, "it is a FIFO (named pipe), not a regular file")
        case S_IFCHR: return (0, "it is a character device, not a regular file")
        case S_IFBLK: return (0, "it is a block device, not a regular file")
        case S_IFSOCK: return (0, "it is a socket, not a regular file")
        default: return (0, "it is not a regular file")
        }
        guard access(path, R_OK) == 0 else { return (0, String(cString: strerror(errno))) }
        return (Int(status.st_size), nil)
    }

    /// The whole regular file at `path`, read with `read(2)` and bounded by
    /// the size `stat` reported (a file that grows meanwhile is read up to
    /// that size). Throws `ScalingError.unreadableFile` with the real cause,
    /// `.tooLarge` above `limit` bytes.
    public static func contents(_ path: String, limit: Double) throws -> [UInt8] {
        let (size, reason) = inspect(path)
        if let reason { throw ScalingError.unreadableFile(path: NumericListFile.escaped(path, limit: 200), reason: reason) }
        guard Double(size) <= limit else {
            throw ScalingError.tooLarge(what: "reading \(NumericListFile.escaped(path, limit: 200))", bytes: Double(size),
                                        limit: limit)
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw ScalingError.unreadableFile(path: NumericListFile.escaped(path, limit: 200),
                                              reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: size)
        var done = 0
        while done < size {
            let got = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + done, size - done) }
            if got < 0 {
                if errno == EINTR { continue }
                throw ScalingError.unreadableFile(path: NumericListFile.escaped(path, limit: 200),
                                                  reason: String(cString: strerror(errno)))
            }
            if got == 0 { break }
            done += got
        }
        return done == size ? bytes : Array(bytes[0..<done])
    }
}
