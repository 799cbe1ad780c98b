import XCTest
@testable import Yardstick

/// ``ThresholdBand``'s edges and ``Threshold/classify(_:)``.
final class ThresholdBandTests: XCTestCase {
    func testBothEdgesAreInside() {
        let band = ThresholdBand(minimum: 10, maximum: 50)
        XCTAssertTrue(band.contains(10))
        XCTAssertTrue(band.contains(50))
        XCTAssertTrue(band.contains(30))
    }

    func testTheNextValuePastAnEdgeIsOutside() {
        let band = ThresholdBand(minimum: 10, maximum: 50)
        XCTAssertFalse(band.contains(50.nextUp))
        XCTAssertFalse(band.contains(10.nextDown))
        XCTAssertTrue(band.contains(50.nextDown))
        XCTAssertTrue(band.contains(10.nextUp))
    }

    func testNaNIsNeverInside() {
        XCTAssertFalse(ThresholdBand(minimum: 10, maximum: 50).contains(.nan))
        XCTAssertFalse(ThresholdBand.atMost(50).contains(.nan))
        XCTAssertFalse(ThresholdBand.atLeast(10).contains(.nan))
        XCTAssertFalse(ThresholdBand().contains(.nan), "not even in an unbounded band")
        XCTAssertFalse(ThresholdBand().contains(-.nan))
        XCTAssertFalse(ThresholdBand().contains(.signalingNaN))
    }

    func testABandWithOnlyAMaximum() {
        let band = ThresholdBand.atMost(120_000)
        XCTAssertEqual(band, ThresholdBand(minimum: nil, maximum: 120_000))
        XCTAssertTrue(band.contains(120_000))
        XCTAssertFalse(band.contains(120_000.0.nextUp))
        XCTAssertTrue(band.contains(-1e300))
        XCTAssertTrue(band.contains(-.infinity))
        XCTAssertFalse(band.contains(.infinity))
    }

    func testABandWithOnlyAMinimum() {
        let band = ThresholdBand.atLeast(0.9)
        XCTAssertEqual(band, ThresholdBand(minimum: 0.9, maximum: nil))
        XCTAssertTrue(band.contains(0.9))
        XCTAssertFalse(band.contains(0.9.nextDown))
        XCTAssertTrue(band.contains(1e300))
        XCTAssertTrue(band.contains(.infinity))
        XCTAssertFalse(band.contains(-.infinity))
    }

    func testAnUnboundedBandHoldsEveryNumber() {
        let band = ThresholdBand()
        for value in [-Double.infinity, -1, 0, -0.0, .leastNonzeroMagnitude, 1e308, .infinity] {
            XCTAssertTrue(band.contains(value), "\(value)")
        }
    }

    func testADegenerateBandHoldsOneValue() {
        let band = ThresholdBand(minimum: 7, maximum: 7)
        XCTAssertTrue(band.contains(7))
        XCTAssertFalse(band.contains(7.0.nextUp))
        XCTAssertFalse(band.contains(7.0.nextDown))
    }

    func testDescriptions() {
        XCTAssertEqual(ThresholdBand().description, "any")
        XCTAssertTrue(ThresholdBand.atMost(5).description.hasPrefix("≤ "))
        XCTAssertTrue(ThresholdBand.atLeast(5).description.hasPrefix("≥ "))
        XCTAssertTrue(ThresholdBand(minimum: 1, maximum: 5).description.contains(" … "))
    }

    func testClassifyPicksCriticalBeforeWarning() {
        let threshold = Threshold(metric: "m", warning: .atMost(10), critical: .atMost(20))
        XCTAssertEqual(threshold.classify(5), .ok)
        XCTAssertEqual(threshold.classify(10), .ok, "the warning edge is inside")
        XCTAssertEqual(threshold.classify(10.0.nextUp), .warning)
        XCTAssertEqual(threshold.classify(20), .warning, "the critical edge is inside the critical band")
        XCTAssertEqual(threshold.classify(20.0.nextUp), .critical, "outside both: critical wins")
        XCTAssertEqual(threshold.classify(.infinity), .critical)
        XCTAssertEqual(threshold.classify(.nan), .critical, "NaN is outside every band")
    }

    func testClassifyWithBandsBelow() {
        // A hit rate: warn under 90%, critical under 75%.
        let threshold = Threshold(metric: "hits", unit: .fraction, warning: .atLeast(0.9), critical: .atLeast(0.75))
        XCTAssertEqual(threshold.classify(0.95), .ok)
        XCTAssertEqual(threshold.classify(0.9), .ok)
        XCTAssertEqual(threshold.classify(0.8), .warning)
        XCTAssertEqual(threshold.classify(0.75), .warning)
        XCTAssertEqual(threshold.classify(0.7), .critical)
    }

    func testClassifyWithOneBandOrNone() {
        let warningOnly = Threshold(metric: "m", warning: .atMost(10))
        XCTAssertEqual(warningOnly.classify(1e9), .warning)
        XCTAssertEqual(warningOnly.classify(.nan), .warning)
        let criticalOnly = Threshold(metric: "m", critical: .atMost(10))
        XCTAssertEqual(criticalOnly.classify(11), .critical)
        XCTAssertEqual(criticalOnly.classify(10), .ok)
        let none = Threshold(metric: "m")
        XCTAssertEqual(none.classify(.infinity), .ok)
        XCTAssertEqual(none.classify(.nan), .ok, "with no band there is nothing to be outside of")
    }

    func testAnInvertedPairOfBandsStillClassifiesCriticalFirst() {
        // The critical band is narrower than the warning band: 15 is outside the critical
        // band only, and counts as critical.
        let threshold = Threshold(metric: "m", warning: .atMost(20), critical: .atMost(10))
        XCTAssertEqual(threshold.classify(15), .critical)
    }

    func testBandForState() {
        let threshold = Threshold(metric: "m", warning: .atMost(10), critical: .atMost(20))
        XCTAssertNil(threshold.band(for: .ok))
        XCTAssertEqual(threshold.band(for: .warning), .atMost(10))
        XCTAssertEqual(threshold.band(for: .critical), .atMost(20))
    }

    func testOrderings() {
        XCTAssertLessThan(AlertLevel.info, .warning)
        XCTAssertLessThan(AlertLevel.warning, .critical)
        XCTAssertLessThan(MetricState.ok, .warning)
        XCTAssertLessThan(MetricState.warning, .critical)
        XCTAssertNil(MetricState.ok.alertLevel)
        XCTAssertEqual(MetricState(AlertLevel.info), .ok)
    }
}
