import Foundation
import ScalingData
import TestSupport
import XCTest

/// Every format round-trips the 3 x 4 matrix written by NumPy in
/// Fixtures/make_fixtures.py, and each malformed file gives its typed error.
final class ReaderTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let matrix: [Double] = [0.5, -1.25, 3.0, 0.125, 1.0, 2.0, 3.0, 4.0, -7.5, 0.0, 1024.0, 2.5]
    static let bytes: [Double] = [0, 1, 2, 255, 10, 20, 30, 40, 7, 8, 9, 100]
    static let labels: [Double] = [3, 0, 9]
    let reader = DataFileReader()
    var scratch: URL!

    override func setUpWithError() throws { scratch = try temporaryDirectory("scalingdata") }

    func fixture(_ name: String) -> String { Self.fixtures.appendingPathComponent(name).path }

    /// A copy of fixture `name` with its bytes changed by `edit`, under `newName`.
    func edited(_ name: String, _ newName: String, _ edit: (inout [UInt8]) -> Void) throws -> String {
        var bytes = [UInt8](try Data(contentsOf: Self.fixtures.appendingPathComponent(name)))
        edit(&bytes)
        let url = scratch.appendingPathComponent(newName)
        try Data(bytes).write(to: url)
        return url.path
    }

    func written(_ text: String, _ name: String) throws -> String {
        let url = scratch.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    func assertMatrix(_ path: String, _ expected: [Double], file: StaticString = #filePath, line: UInt = #line) throws {
        let m = try reader.matrix(path)
        XCTAssertEqual(m.rows, 3, path, file: file, line: line)
        XCTAssertEqual(m.columns, 4, path, file: file, line: line)
        XCTAssertEqual(m.values, expected, path, file: file, line: line)
    }

    func assertError(_ expected: DataSetError, file: StaticString = #filePath, line: UInt = #line,
                     _ body: () throws -> Any) {
        XCTAssertThrowsError(try body(), file: file, line: line) { error in
            XCTAssertEqual(error as? DataSetError, expected, "\(error)", file: file, line: line)
        }
    }

    // MARK: round trips

    func testNumPyTypesRoundTrip() throws {
        try assertMatrix(fixture("matrix_f8.npy"), Self.matrix)
        try assertMatrix(fixture("matrix_f4.npy"), Self.matrix)  // every entry is exact in float32
        try assertMatrix(fixture("matrix_u1.npy"), Self.bytes)
        try assertMatrix(fixture("matrix_f8.npy.gz"), Self.matrix)
        XCTAssertEqual(try reader.labels(fixture("labels_i8.npy")), Self.labels)
        XCTAssertEqual(try reader.labels(fixture("labels_f8.npy")), Self.labels)
    }

    func testCSVWithAndWithoutHeaderRoundTrips() throws {
        try assertMatrix(fixture("matrix.csv"), Self.matrix)
        try assertMatrix(fixture("matrix_header.csv"), Self.matrix)
        XCTAssertEqual(try reader.labels(fixture("labels.csv")), Self.labels)
        let spaced = try written("# x y\n1 2\n\n3 4\n", "spaced.txt")
        XCTAssertEqual(try reader.matrix(spaced).values, [1, 2, 3, 4])
    }

    func testIDXPlainAndGzippedRoundTrip() throws {
        // 3 images of 2 x 2 flatten to 3 rows of 4.
        try assertMatrix(fixture("images-idx3-ubyte"), Self.bytes)
        try assertMatrix(fixture("images-idx3-ubyte.gz"), Self.bytes)
        try assertMatrix(fixture("matrix-f8-idx2.gz"), Self.matrix)
        XCTAssertEqual(try reader.labels(fixture("labels-idx1-ubyte")), Self.labels)
        XCTAssertEqual(try reader.labels(fixture("labels-idx1-ubyte.gz")), Self.labels)
    }

    func testWriterRoundTripsThroughTheReader() throws {
        let m = try DataMatrix(rows: 2, columns: 3, values: [1, -2, 3.5, 1e-300, .pi, -0.0])
        let path = scratch.appendingPathComponent("w.npy").path
        try NumPyWriter.write(m, to: path)
        XCTAssertEqual(try reader.matrix(path), m)
        try NumPyWriter.write([4, 5, 6], to: path)
        XCTAssertEqual(try reader.labels(path), [4, 5, 6])
    }

    func testFormatIsSniffedWithoutAnExtension() throws {
        let npy = try edited("matrix_f8.npy", "noext1") { _ in }
        let idx = try edited("images-idx3-ubyte.gz", "noext2") { _ in }
        try assertMatrix(npy, Self.matrix)
        try assertMatrix(idx, Self.bytes)
    }

    // MARK: malformed files

    func testNumPyRefusals() throws {
        assertError(.fortranOrder(path: fixture("matrix_fortran.npy"))) { try self.reader.matrix(self.fixture("matrix_fortran.npy")) }
        assertError(.objectArray(path: fixture("matrix_object.npy"))) { try self.reader.matrix(self.fixture("matrix_object.npy")) }
        assertError(.wrongDimensionCount(path: fixture("matrix_3d.npy"), expected: 2, found: 3)) {
            try self.reader.matrix(self.fixture("matrix_3d.npy"))
        }
        assertError(.wrongDimensionCount(path: fixture("labels_i8.npy"), expected: 2, found: 1)) {
            try self.reader.matrix(self.fixture("labels_i8.npy"))
        }
        assertError(.wrongDimensionCount(path: fixture("matrix_f8.npy"), expected: 1, found: 2)) {
            try self.reader.labels(self.fixture("matrix_f8.npy"))
        }
        for (name, type) in [("matrix_c16.npy", "<c16"), ("matrix_bigendian.npy", ">f8")] {
            XCTAssertThrowsError(try reader.matrix(fixture(name))) { error in
                guard case let .unsupportedType(_, got, _)? = error as? DataSetError else { return XCTFail("\(error)") }
                XCTAssertEqual(got, type)
            }
        }
        assertError(.nonFinite(path: fixture("matrix_nan.npy"), row: 2, column: 3)) {
            try self.reader.matrix(self.fixture("matrix_nan.npy"))
        }
        let magic = try edited("matrix_f8.npy", "magic.npy") { $0[1] = UInt8(ascii: "X") }
        assertError(.badMagic(path: magic, format: "NumPy .npy")) { try self.reader.matrix(magic) }
        let truncated = try edited("matrix_f8.npy", "truncated.npy") { $0.removeLast(5) }
        assertError(.truncated(path: truncated, expectedBytes: 96, foundBytes: 91)) { try self.reader.matrix(truncated) }
        let header = try edited("matrix_f8.npy", "header.npy") { $0.removeLast($0.count - 20) }
        XCTAssertThrowsError(try reader.matrix(header)) { error in
            guard case .truncated? = error as? DataSetError else { return XCTFail("\(error)") }
        }
        let long = try edited("matrix_f8.npy", "long.npy") { $0 += [0, 0, 0, 0, 0, 0, 0, 0] }
        XCTAssertThrowsError(try reader.matrix(long)) { error in
            guard case .malformed? = error as? DataSetError else { return XCTFail("\(error)") }
        }
    }

    func testIDXRefusals() throws {
        let magic = try edited("images-idx3-ubyte", "bad-idx3-ubyte") { $0[0] = 1 }
        assertError(.badMagic(path: magic, format: "IDX")) { try self.reader.matrix(magic) }
        let type = try edited("images-idx3-ubyte", "type-idx3-ubyte") { $0[2] = 0x0A }
        XCTAssertThrowsError(try reader.matrix(type)) { error in
            guard case let .unsupportedType(_, got, _)? = error as? DataSetError else { return XCTFail("\(error)") }
            XCTAssertEqual(got, "0x0A")
        }
        let truncated = try edited("images-idx3-ubyte", "short-idx3-ubyte") { $0.removeLast(2) }
        assertError(.truncated(path: truncated, expectedBytes: 12, foundBytes: 10)) { try self.reader.matrix(truncated) }
        // A gzip stream cut short is truncated too (zlib inflates what there is).
        let gz = try edited("images-idx3-ubyte.gz", "short-idx3-ubyte.gz") { $0.removeLast(12) }
        XCTAssertThrowsError(try reader.matrix(gz)) { error in
            switch error as? DataSetError {
            case .truncated?, .malformed?: break
            default: XCTFail("\(error)")
            }
        }
        assertError(.wrongDimensionCount(path: fixture("labels-idx1-ubyte"), expected: 2, found: 1)) {
            try self.reader.matrix(self.fixture("labels-idx1-ubyte"))
        }
        assertError(.wrongDimensionCount(path: fixture("images-idx3-ubyte"), expected: 1, found: 3)) {
            try self.reader.labels(self.fixture("images-idx3-ubyte"))
        }
    }

    func testCSVRefusals() throws {
        let nan = try written("1,2\n3,nan\n", "nan.csv")
        assertError(.nonFinite(path: nan, row: 2, column: 2)) { try self.reader.matrix(nan) }
        let ragged = try written("1,2\n3\n", "ragged.csv")
        assertError(.malformed(path: ragged, detail: "line 2 has 1 fields, earlier lines 2")) { try self.reader.matrix(ragged) }
        let text = try written("a,b\n1,2\n3,x\n", "text.csv")
        assertError(.malformed(path: text, detail: "line 3, column 2: 'x' is not a number")) { try self.reader.matrix(text) }
        let empty = try written("a,b\n", "empty.csv")
        assertError(.empty(path: empty)) { try self.reader.matrix(empty) }
        assertError(.wrongDimensionCount(path: fixture("matrix.csv"), expected: 1, found: 2)) {
            try self.reader.labels(self.fixture("matrix.csv"))
        }
    }

    func testMissingFileAndDirectory() {
        XCTAssertThrowsError(try reader.matrix("/nonexistent/x.npy")) { error in
            guard case .unreadable? = error as? DataSetError else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try reader.matrix(scratch.path)) { error in
            guard case .unreadable? = error as? DataSetError else { return XCTFail("\(error)") }
        }
    }

    func testLargerThanTheLimitIsRefusedBeforeReading() throws {
        let small = DataFileReader(memoryLimit: 100)
        // The 224-byte file itself is over the limit.
        assertError(.tooLarge(path: fixture("matrix_f8.npy"), bytes: 224, fileBytes: 224, limit: 100)) {
            try small.matrix(self.fixture("matrix_f8.npy"))
        }
        // Gzipped, the header's 12 float64 need 12 * (8 + 8) = 192 bytes.
        let gz = DataFileReader(memoryLimit: 150)
        assertError(.tooLarge(path: fixture("matrix_f8.npy.gz"), bytes: 192, fileBytes: 138, limit: 150)) {
            try gz.matrix(self.fixture("matrix_f8.npy.gz"))
        }
        // A header announcing 1e6 x 1e6 doubles in a tiny file.
        let huge = try edited("matrix_f8.npy", "huge.npy") { bytes in
            // Same header length: the shape takes 12 of the padding spaces.
            let header = String(decoding: bytes[10..<128], as: UTF8.self)
                .replacingOccurrences(of: "(3, 4), }", with: "(1000000, 1000000), }")
                .replacingOccurrences(of: "            \n", with: "\n")
            bytes.replaceSubrange(10..<128, with: Array(header.utf8))
        }
        XCTAssertThrowsError(try reader.matrix(huge)) { error in
            guard case let .tooLarge(_, bytes, _, _)? = error as? DataSetError else { return XCTFail("\(error)") }
            XCTAssertEqual(bytes, 1.6e13)
            XCTAssertTrue("\(error)".contains("(224 bytes on disk) needs about 1.6e+04 GB of memory"), "\(error)")
        }
    }

    func testLabelsAndClasses() throws {
        let m = try reader.matrix(fixture("matrix_f8.npy"))
        XCTAssertThrowsError(try DataSet(data: m, targets: [1, 2], labelsPath: "l.npy")) { error in
            XCTAssertEqual(error as? DataSetError, .labelCountMismatch(dataRows: 3, labels: 2, path: "l.npy"))
        }
        XCTAssertEqual(try DataSet.binaryTargets(labels: Self.labels, positiveClasses: [0, 1, 2, 3, 4]), [1, 1, -1])
        XCTAssertThrowsError(try DataSet.binaryTargets(labels: Self.labels, positiveClasses: [5])) { error in
            guard case .invalidTarget? = error as? DataSetError else { return XCTFail("\(error)") }
        }
    }
}
