import CZlib
import Glibc
import ScalingTheory

/// A regular file read front to back in chunks, inflated when it is gzip
/// (detected from its first two bytes, 1f 8b), so that every reader works on
/// `name.gz` and `name` alike.
///
/// The gzip stream is checked whole: each member's CRC-32 and length trailer
/// (zlib verifies them at the end of the member), several members in a row
/// allowed as gzip(1) does, and anything else after the last member refused
/// as trailing garbage; a file that ends inside a member (no trailer) is
/// refused as truncated. Nothing is allocated beyond what the file can hold:
/// `maximumRemaining` bounds the bytes still to come by the size on disk
/// (times deflate's largest expansion for gzip), and readers check announced
/// sizes against it before allocating. FIFOs, devices and directories are
/// refused before they are opened (`InputFile.inspect`).
final class ByteSource {
    let path: String
    /// Bytes on disk (compressed size for a gzip file).
    let fileBytes: Int
    /// Whether the file is gzip.
    private(set) var isCompressed = false
    /// Bytes handed out so far (after inflating).
    private(set) var offset = 0

    /// Deflate's largest expansion: 1032 output bytes per input byte (zlib's
    /// technical notes), the bound on what a gzip file can inflate to.
    static let largestExpansion = 1032.0
    private static let inputCapacity = 1 << 20

    private let descriptor: Int32
    private let input = UnsafeMutablePointer<UInt8>.allocate(capacity: ByteSource.inputCapacity)
    /// Raw bytes read from disk so far.
    private var consumed = 0
    /// Plain files: buffered raw bytes input[inputStart..<inputEnd].
    private var inputStart = 0, inputEnd = 0
    private var stream = z_stream()
    private var streamOpen = false
    /// gzip: the last member's trailer was read and nothing follows.
    private var finished = false

    /// Opens `path`; throws `DataSetError.unreadable` with the real cause if
    /// it is missing, not a regular file or cannot be opened.
    init(path: String) throws {
        self.path = path
        let (size, reason) = InputFile.inspect(path)
        if let reason {
            input.deallocate()
            throw DataSetError.unreadable(path: path, reason: reason)
        }
        fileBytes = size
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            input.deallocate()
            throw DataSetError.unreadable(path: path, reason: reason)
        }
        var compressed = false
        do {
            try fill()
            compressed = inputEnd - inputStart >= 2 && input[inputStart] == 0x1F && input[inputStart + 1] == 0x8B
        } catch {
            close(descriptor)
            input.deallocate()
            throw error
        }
        isCompressed = compressed
        if compressed {
            stream.next_in = input + inputStart
            stream.avail_in = UInt32(inputEnd - inputStart)
            // 16 + 15: a gzip wrapper around a 32 KB window.
            guard inflateInit2_(&stream, 16 + MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
                close(descriptor)
                input.deallocate()
                throw DataSetError.unreadable(path: path, reason: "zlib could not start inflating")
            }
            streamOpen = true
        }
    }

    deinit {
        if streamOpen { inflateEnd(&stream) }
        close(descriptor)
        input.deallocate()
    }

    /// Reads more raw bytes into the input buffer (after what is left there);
    /// returns how many were read (0 at the end of the file).
    @discardableResult
    private func fill() throws -> Int {
        let pending = isCompressedStream ? Int(stream.avail_in) : inputEnd - inputStart
        let start = isCompressedStream ? (pending > 0 ? stream.next_in - input : 0) : inputStart
        if pending > 0, start > 0 { memmove(input, input + start, pending) }
        inputStart = 0
        inputEnd = pending
        while true {
            let got = Glibc.read(descriptor, input + pending, Self.inputCapacity - pending)
            if got < 0 {
                if errno == EINTR { continue }
                throw DataSetError.unreadable(path: path, reason: String(cString: strerror(errno)))
            }
            inputEnd = pending + got
            consumed += got
            if isCompressedStream {
                stream.next_in = input
                stream.avail_in = UInt32(inputEnd)
            }
            return got
        }
    }

    private var isCompressedStream: Bool { streamOpen }

    /// An upper bound on the bytes still to come: exact for a plain file,
    /// the compressed bytes left times deflate's largest expansion for gzip.
    var maximumRemaining: Double {
        if !isCompressed { return Double(fileBytes - offset) }
        if finished { return 0 }
        let raw = Double(max(fileBytes - consumed, 0)) + Double(stream.avail_in)
        return (raw + 1) * Self.largestExpansion
    }

    /// Reads up to `buffer.count` bytes; returns how many (fewer only at the
    /// end of the file, 0 there).
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        var done = 0
        if !isCompressed {
            while done < buffer.count {
                if inputStart == inputEnd, try fill() == 0 { break }
                let take = min(buffer.count - done, inputEnd - inputStart)
                memcpy(base + done, input + inputStart, take)
                inputStart += take
                done += take
            }
            offset += done
            return done
        }
        while done < buffer.count && !finished {
            let want = min(buffer.count - done, Int(UInt32.max))
            stream.next_out = base.assumingMemoryBound(to: UInt8.self) + done
            stream.avail_out = UInt32(want)
            let status = inflate(&stream, Z_NO_FLUSH)
            let produced = want - Int(stream.avail_out)
            done += produced
            switch status {
            case Z_STREAM_END:
                try afterMember()
            case Z_OK, Z_BUF_ERROR:
                // No progress with the input used up: read more, or the file ended inside a member.
                if stream.avail_in == 0, produced == 0 || status == Z_BUF_ERROR, try fill() == 0 {
                    throw DataSetError.malformed(path: path, detail: "the gzip stream ends after \(offset + done) "
                                                 + "inflated bytes without its trailer (truncated)")
                }
            default:
                let message = stream.msg.map { String(cString: $0) } ?? "zlib status \(status)"
                throw DataSetError.malformed(path: path, detail: "corrupt gzip data after \(offset + done) inflated bytes: \(message)")
            }
        }
        offset += done
        return done
    }

    /// After a member's verified trailer: the end of the file, another
    /// member, or trailing garbage (refused).
    private func afterMember() throws {
        while stream.avail_in < 2 {
            let before = stream.avail_in
            if try fill() == 0 {
                guard before == 0 else {
                    throw DataSetError.malformed(path: path, detail: "1 byte of trailing garbage after the gzip stream")
                }
                finished = true
                return
            }
        }
        let next = stream.next_in!
        guard next[0] == 0x1F, next[1] == 0x8B else {
            let left = Int(stream.avail_in) + (fileBytes - consumed)
            throw DataSetError.malformed(path: path, detail: "\(left) bytes of trailing garbage after the gzip stream")
        }
        inflateReset(&stream)
    }

    /// Exactly `count` bytes; throws `DataSetError.truncated` when the file
    /// ends first, before allocating when it cannot hold them.
    func bytes(_ count: Int) throws -> [UInt8] {
        guard count > 0 else { return [] }
        if Double(count) > maximumRemaining {
            throw DataSetError.truncated(path: path, expectedBytes: count, foundBytes: Int(min(maximumRemaining, 1e18)))
        }
        var result = [UInt8](repeating: 0, count: count)
        let got = try result.withUnsafeMutableBytes { try read(into: $0) }
        guard got == count else { throw DataSetError.truncated(path: path, expectedBytes: count, foundBytes: got) }
        return result
    }

    /// Whether the file has no bytes left (for gzip: its last member ended
    /// with a valid trailer and nothing follows).
    func atEnd() throws -> Bool {
        var probe: UInt8 = 0
        let got = try withUnsafeMutableBytes(of: &probe) { try read(into: $0) }
        return got == 0
    }
}
