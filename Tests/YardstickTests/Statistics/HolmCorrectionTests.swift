import XCTest
@testable import Yardstick

/// Reference values from statsmodels 0.15.0:
/// `statsmodels.stats.multitest.multipletests(p, method="holm")[1]`.
final class HolmCorrectionTests: XCTestCase {
    func testMatchesStatsmodels() {
        let first = HolmCorrection.adjust([0.01, 0.04, 0.03, 0.005])
        for (value, expected) in zip(first, [0.03, 0.06, 0.06, 0.02]) {
            XCTAssertEqual(value, expected, accuracy: 1e-15)
        }
        let second = HolmCorrection.adjust([0.2, 0.001, 0.0004, 0.03, 0.03, 0.9])
        for (value, expected) in zip(second, [0.4, 0.005, 0.0024000000000000002, 0.12, 0.12, 0.9]) {
            XCTAssertEqual(value, expected, accuracy: 1e-15)
        }
    }

    func testSingleComparisonIsUnchanged() {
        XCTAssertEqual(HolmCorrection.adjust([0.004]), [0.004])
        XCTAssertEqual(HolmCorrection.adjust([]), [])
    }
}
