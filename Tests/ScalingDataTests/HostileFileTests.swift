import Foundation
import ScalingData
import TestSupport
import XCTest

/// The readers against hostile files (issue #24): sizes announced beyond the
/// file, non-regular files, lenient gzip and NumPy headers, a BOM and CRLF.
final class HostileFileTests: XCTestCase {
    var scratch: URL!
    let reader = DataFileReader()

    override func setUpWithError() throws { scratch = try temporaryDirectory("hostile") }

    func write(_ bytes: [UInt8], _ name: String) throws -> String {
        let url = scratch.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// A version-1 .npy header for `dtype`, `order` and `shape`, padded as NumPy pads it.
    static func npyHeader(dtype: String = "<f8", order: String = "False", shape: String) -> [UInt8] {
        var dict = "{'descr': '\(dtype)', 'fortran_order': \(order), 'shape': \(shape), }"
        while (10 + dict.utf8.count + 1) % 64 != 0 { dict += " " }
        dict += "\n"
        let length = dict.utf8.count
        return [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(length & 0xFF), UInt8(length >> 8)] + Array(dict.utf8)
    }

    func message(_ body: () throws -> Any) -> String {
        do {
            _ = try body()
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    func testAnnouncedSizeBeyondTheFileIsTruncatedBeforeAllocating() throws {
        // 200 bytes announcing 2.4 GB of float64: refused from the file's size, at once.
        let path = try write(Self.npyHeader(shape: "(300000000, 1)") + [UInt8](repeating: 0, count: 72), "big.npy")
        let start = Date()
        XCTAssertEqual(message { try self.reader.matrix(path) },
                       "\(path) is truncated: expected 2400000000 more bytes, found 72")
        XCTAssertLessThan(Date().timeIntervalSince(start), 1)
        // IDX announcing 2^32 - 1 rows of 255 bytes.
        let idx = try write([0, 0, 8, 2, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0xFF, 1, 2, 3], "big-idx2-ubyte")
        XCTAssertTrue(message { try self.reader.matrix(idx) }.contains("needs about"), message { try self.reader.matrix(idx) })
    }

    func testGzipExpansionIsBoundedByTheMemoryLimit() throws {
        // 4 MB of zeros as uint8, which are 32 MB of doubles: over a 16 MB limit, refused with the estimate.
        let raw = Self.npyHeader(dtype: "|u1", shape: "(4000000, 1)") + [UInt8](repeating: 0, count: 4_000_000)
        let path = try write(try gzip(raw), "zeros.npy.gz")
        let limited = DataFileReader(memoryLimit: 16e6)
        XCTAssertTrue(message { try limited.matrix(path) }.contains("needs about 36 MB"), message { try limited.matrix(path) })
        XCTAssertEqual(try reader.matrix(path).rows, 4_000_000)
    }

    func testGzipWithoutTrailerOrWithTrailingGarbageIsRefused() throws {
        let raw = Array("1,2\n3,4\n5,7\n".utf8)
        let good = try gzip(raw)
        XCTAssertEqual(try reader.matrix(try write(good, "good.csv.gz")).values, [1, 2, 3, 4, 5, 7])
        // Two members in a row are one file (gzip(1) writes them with `cat a.gz b.gz`).
        XCTAssertEqual(try reader.matrix(try write(good + good, "two.csv.gz")).rows, 6)
        let noTrailer = try write(Array(good.dropLast(8)), "short.csv.gz")
        XCTAssertTrue(message { try self.reader.matrix(noTrailer) }.contains("without its trailer"),
                      message { try self.reader.matrix(noTrailer) })
        let garbage = try write(good + Array("junk".utf8), "garbage.csv.gz")
        XCTAssertTrue(message { try self.reader.matrix(garbage) }.contains("4 bytes of trailing garbage"),
                      message { try self.reader.matrix(garbage) })
        var corrupt = good
        corrupt[corrupt.count - 6] ^= 0xFF  // the CRC-32
        let bad = try write(corrupt, "crc.csv.gz")
        XCTAssertTrue(message { try self.reader.matrix(bad) }.contains("corrupt gzip data"), message { try self.reader.matrix(bad) })
    }

    func testFortranOrderMustBeTrueOrFalse() throws {
        let path = try write(Self.npyHeader(order: "Maybe", shape: "(1, 2)") + [UInt8](repeating: 0, count: 16), "maybe.npy")
        XCTAssertEqual(message { try self.reader.matrix(path) },
                       "\(path) is malformed: 'fortran_order' must be True or False, got 'Maybe, 'shape': (1, '")
    }

    func testNonRegularFilesAreRefusedWithTheirCause() throws {
        XCTAssertEqual(message { try self.reader.matrix("/dev/null") },
                       "cannot read /dev/null: it is a character device, not a regular file")
        XCTAssertEqual(message { try self.reader.matrix(self.scratch.path) },
                       "cannot read \(scratch.path): it is a directory")
        let fifo = scratch.appendingPathComponent("fifo.csv").path
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        XCTAssertEqual(message { try self.reader.matrix(fifo) },
                       "cannot read \(fifo): it is a FIFO (named pipe), not a regular file")
        let link = scratch.appendingPathComponent("zero.npy").path
        XCTAssertEqual(symlink("/dev/zero", link), 0)
        XCTAssertEqual(message { try self.reader.matrix(link) },
                       "cannot read \(link): it is a character device, not a regular file")
        let missing = scratch.appendingPathComponent("missing.csv").path
        XCTAssertEqual(message { try self.reader.matrix(missing) }, "cannot read \(missing): No such file or directory")
    }

    func testByteOrderMarkAndCRLFAreReadAsInSpectrumFiles() throws {
        let rows = (1...120).map { "\($0),\(2 * $0)" }
        let path = try write([0xEF, 0xBB, 0xBF] + Array(rows.joined(separator: "\r\n").utf8) + Array("\r\n".utf8), "bom.csv")
        let matrix = try reader.matrix(path)
        XCTAssertEqual(matrix.rows, 120)
        XCTAssertEqual(matrix[0, 0], 1)
        XCTAssertEqual(matrix[119, 1], 240)
        // A header after the BOM is still a header.
        let header = try write([0xEF, 0xBB, 0xBF] + Array("a,b\r\n1,2\r\n".utf8), "bom-header.csv")
        XCTAssertEqual(try reader.matrix(header).values, [1, 2])
        // Errors name the line and column.
        let bad = try write(Array("1,2\n3,\n".utf8), "empty-field.csv")
        XCTAssertEqual(message { try self.reader.matrix(bad) }, "\(bad) is malformed: line 2, column 2: an empty field")
    }
}
