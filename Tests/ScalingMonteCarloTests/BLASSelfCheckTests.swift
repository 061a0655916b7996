import DenseAlgebra
import ScalingErrors
import XCTest

/// The BLAS self-check passes on this machine's library, and its error
/// names the library and the way out.
final class BLASSelfCheckTests: XCTestCase {
    func testTheLinkedLibraryPassesAndIsNamed() throws {
        try BLASSelfCheck.check()
        XCTAssertTrue(BLASSelfCheck.library.hasPrefix("OpenBLAS "), BLASSelfCheck.library)
        XCTAssertFalse(BLASSelfCheck.kernel.isEmpty)
        XCTAssertTrue(BLASSelfCheck.summary.contains("(kernel \(BLASSelfCheck.kernel)"), BLASSelfCheck.summary)
    }

    /// The error a miscomputing library gives carries its name and the remedies.
    func testTheErrorNamesTheLibraryAndTheWayOut() {
        let error = ScalingError.blasSelfCheck(library: BLASSelfCheck.summary, detail: "dgemm is off by 1, above 1e-13")
        XCTAssertTrue(error.description.contains(BLASSelfCheck.library))
        XCTAssertTrue(error.description.contains("OPENBLAS_CORETYPE"))
    }
}
