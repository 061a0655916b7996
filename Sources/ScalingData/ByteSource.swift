import CZlib
import Glibc

/// A file read front to back through zlib's gz* interface, which inflates a
/// gzip file and passes any other file through unchanged: every reader works
/// on `name.gz` and `name` alike. Owns the zlib handle and closes it on deinit.
final class ByteSource {
    let path: String
    /// Bytes on disk (compressed size for a gzip file).
    let fileBytes: Int
    /// Bytes handed out so far (after inflating).
    private(set) var offset = 0
    private let handle: gzFile

    /// Opens `path`; throws `DataSetError.unreadable` if it is missing, a
    /// directory or cannot be opened.
    init(path: String) throws {
        self.path = path
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw DataSetError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        guard (status.st_mode & S_IFMT) != S_IFDIR else {
            throw DataSetError.unreadable(path: path, reason: "it is a directory")
        }
        fileBytes = Int(status.st_size)
        guard let handle = gzopen(path, "rb") else {
            throw DataSetError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        self.handle = handle
    }

    deinit { gzclose(handle) }

    /// Reads up to `count` bytes into `buffer` starting at `start`; returns
    /// how many were read (fewer only at the end of the file).
    private func read(into buffer: UnsafeMutableRawBufferPointer, start: Int, count: Int) throws -> Int {
        var done = 0
        while done < count {
            // gzread takes an unsigned int length: read in chunks of at most 1 GiB.
            let chunk = min(count - done, 1 << 30)
            let got = gzread(handle, buffer.baseAddress! + start + done, UInt32(chunk))
            if got < 0 {
                var code: Int32 = 0
                let message = gzerror(handle, &code).map { String(cString: $0) } ?? "zlib error \(code)"
                throw DataSetError.malformed(path: path, detail: "decompression failed after \(offset + done) bytes: \(message)")
            }
            if got == 0 { break }
            done += Int(got)
        }
        offset += done
        return done
    }

    /// Exactly `count` bytes; throws `DataSetError.truncated` when the file
    /// ends first.
    func bytes(_ count: Int) throws -> [UInt8] {
        guard count > 0 else { return [] }
        var result = [UInt8](repeating: 0, count: count)
        let got = try result.withUnsafeMutableBytes { try read(into: $0, start: 0, count: count) }
        guard got == count else { throw DataSetError.truncated(path: path, expectedBytes: count, foundBytes: got) }
        return result
    }

    /// The rest of the file, refused with `DataSetError.tooLarge` once it
    /// exceeds `limit` bytes.
    func remainder(limit: Double) throws -> [UInt8] {
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let got = try chunk.withUnsafeMutableBytes { try read(into: $0, start: 0, count: $0.count) }
            if got == 0 { break }
            result.append(contentsOf: chunk[0..<got])
            if Double(result.count) > limit {
                throw DataSetError.tooLarge(path: path, bytes: Double(result.count), fileBytes: Double(fileBytes),
                                            limit: limit)
            }
        }
        return result
    }

    /// Whether the file has no bytes left.
    func atEnd() throws -> Bool {
        var probe: UInt8 = 0
        let got = try withUnsafeMutableBytes(of: &probe) { try read(into: $0, start: 0, count: 1) }
        return got == 0
    }
}
