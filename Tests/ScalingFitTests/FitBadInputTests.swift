import ScalingFit
import XCTest

/// Bad runs are typed errors that name the row (the CSV line).
final class FitBadInputTests: XCTestCase {
    let header = "N,D,loss\n"

    func error(_ text: String, columns: [String: String] = [:]) -> FitError? {
        do {
            _ = try ScalingRuns(csv: text, columns: columns)
            return nil
        } catch let error as FitError {
            return error
        } catch {
            XCTFail("untyped error \(error)")
            return nil
        }
    }

    func testNonPositiveOrNonFiniteValuesNameTheirRow() {
        for (bad, column) in [("0,1e9,2.5", "N"), ("1e8,-1,2.5", "D"), ("1e8,1e9,nan", "loss"), ("inf,1e9,2", "N"),
                              ("1e8,1e9,0", "loss")] {
            guard case let .invalidValue(row, name, _, _)? = error(header + "1e7,1e9,3\n" + bad + "\n") else {
                XCTFail("no error for \(bad)")
                continue
            }
            XCTAssertEqual(row, 3)
            XCTAssertEqual(name, column)
        }
        guard case let .invalidValue(row, _, text, _)? = error(header + "1e7,1e9,abc\n") else { return XCTFail() }
        XCTAssertEqual(row, 2)
        XCTAssertEqual(text, "abc")
    }

    func testMissingColumnDuplicateRowBOMAndCRLF() {
        XCTAssertEqual(error("N,loss\n1,2\n"), .missingColumn("D", header: ["N", "loss"]))
        XCTAssertEqual(error(header + "1e7,1e9,3\n2e7,1e9,2.9\n1e7,1e9,3.1\n"), .duplicateRow(row: 4, firstRow: 2))
        XCTAssertEqual(error("\u{FEFF}" + header + "1e7,1e9,3\n"),
                       .badEncoding(row: 1, reason: "the file starts with a byte-order mark (BOM); save it as plain UTF-8"))
        guard case let .badEncoding(row, _)? = error(header + "1e7,1e9,3\r\n2e7,1e9,2\r\n") else { return XCTFail() }
        XCTAssertEqual(row, 2)
        XCTAssertEqual(error(header + "1e7,1e9\n"), .wrongFieldCount(row: 2, expected: 3, found: 2))
        XCTAssertEqual(error("params,D,loss\n1,2,3\n", columns: ["N": "size"]), .missingColumn("size", header: ["params", "D", "loss"]))
    }

    func testRenamedColumnsAndPReadBack() throws {
        let runs = try ScalingRuns(csv: "# a comment\nparams,P,val,other\n1e7,1e9,3,x\n2e7,2e9,2.5,y\n",
                                   columns: ["N": "params", "loss": "val"])
        XCTAssertEqual(runs.N, [1e7, 2e7])
        XCTAssertEqual(runs.D, [1e9, 2e9])
        XCTAssertEqual(runs.rows, [3, 4])
    }

    func testFewerRunsThanParameters() throws {
        let runs = try ScalingRuns(N: [1e7, 2e7, 4e7, 8e7], D: [1e9, 1e9, 1e9, 1e9], loss: [3, 2.9, 2.8, 2.7])
        XCTAssertThrowsError(try ScalingLawFit(runs: runs, form: ChinchillaForm(starts: ChinchillaForm.smallGrid))) {
            XCTAssertEqual($0 as? FitError, .tooFewRuns(count: 4, parameters: 5, form: "chinchilla"))
        }
        XCTAssertThrowsError(try ScalingRuns(N: [1, 2], D: [1], loss: [1, 2]))
    }
}
