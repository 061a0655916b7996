import DenseAlgebra
import ScalingTheory
import XCTest

/// DenseAlgebra sits beside ScalingTheory and spells the listed-dimension
/// limit again; the two must agree.
final class SizeLimitTests: XCTestCase {
    func testListedDimensionLimitMatchesExactPowerLaw() {
        XCTAssertEqual(SizeCheck.maximumListedDimension, PowerLawSpectrum.maximumExactLatentDimension)
    }
}
