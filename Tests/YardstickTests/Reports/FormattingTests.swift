import XCTest
@testable import Yardstick

final class FormattingTests: XCTestCase {
    func testDurationsScaleToThreeSignificantFigures() {
        XCTAssertEqual(Formatting.duration(nanoseconds: 1.5234), "1.52 ns")
        XCTAssertEqual(Formatting.duration(nanoseconds: 999.4), "999 ns")
        XCTAssertEqual(Formatting.duration(nanoseconds: 9_734), "9.73 µs")
        XCTAssertEqual(Formatting.duration(nanoseconds: 19_850), "19.9 µs")
        XCTAssertEqual(Formatting.duration(nanoseconds: 12_400_000), "12.4 ms")
        XCTAssertEqual(Formatting.duration(nanoseconds: 1_250_000_000), "1.25 s")
        XCTAssertEqual(Formatting.duration(.seconds(60)), "60.0 s")
        XCTAssertEqual(Formatting.duration(nanoseconds: 0), "0.00 ns")
    }

    func testRatesUseMetricPrefixes() {
        XCTAssertEqual(Formatting.rate(575_000_000, unit: "ops"), "575 Mops/s")
        XCTAssertEqual(Formatting.rate(97_400, unit: "ops"), "97.4 kops/s")
        XCTAssertEqual(Formatting.rate(1_200, unit: "B"), "1.20 kB/s")
        XCTAssertEqual(Formatting.rate(12, unit: "ops"), "12.0 ops/s")
    }

    func testPercentagesAndChangesCarrySigns() {
        XCTAssertEqual(Formatting.percent(0.0123), "1.23%")
        XCTAssertEqual(Formatting.signedPercent(0.041), "+4.10%")
        XCTAssertEqual(Formatting.signedPercent(-0.12), "-12.0%")
        XCTAssertEqual(Formatting.ratio(1.7143), "1.71x")
    }

    func testCountsAndPlurals() {
        XCTAssertEqual(Formatting.count(1_000_000), "1,000,000")
        XCTAssertEqual(Formatting.count(-4_500), "-4,500")
        XCTAssertEqual(Formatting.count(999), "999")
        XCTAssertEqual(Formatting.counted(1, "benchmark"), "1 benchmark")
        XCTAssertEqual(Formatting.counted(6, "round"), "6 rounds")
    }

    func testElapsedTimes() {
        XCTAssertEqual(Formatting.elapsed(seconds: 0.84), "840 ms")
        XCTAssertEqual(Formatting.elapsed(seconds: 12.34), "12.3 s")
        XCTAssertEqual(Formatting.elapsed(seconds: 125), "2 min 05 s")
    }
}
