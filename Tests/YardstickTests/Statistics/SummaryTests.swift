import XCTest
@testable import Yardstick

final class SummaryTests: XCTestCase {
    func testSummaryCollectsEveryStatistic() throws {
        let summary = Summary(of: try XCTUnwrap(Sample(SampleTests.lognormal)))
        XCTAssertEqual(summary.count, 25)
        XCTAssertEqual(summary.min, 12)
        XCTAssertEqual(summary.max, 400)
        XCTAssertEqual(summary.mean, 79.8072, accuracy: 1e-9)
        XCTAssertEqual(try XCTUnwrap(summary.standardDeviation), 74.6215590228454, accuracy: 1e-9)
        XCTAssertEqual(summary.medianAbsoluteDeviation, 15.700000000000003, accuracy: 1e-9)
        XCTAssertEqual(summary.percentiles.p99, 348.5391999999996, accuracy: 1e-9)
    }

    /// numpy: Q1 = 48.25, Q3 = 82.05, so the fences are -52.9, -2.45, 132.75 and 183.45; the
    /// two values above 183.45 (185.58 and 400) are severe, nothing else is outside.
    func testTukeyOutliersOfLognormalSampleMatchNumpyFences() throws {
        let outliers = TukeyOutliers(of: try XCTUnwrap(Sample(SampleTests.lognormal)))
        XCTAssertEqual(outliers, TukeyOutliers(lowSevere: 0, lowMild: 0, highMild: 0, highSevere: 2))
    }

    /// numpy: Q1 = 101.5, Q3 = 108.5, IQR = 7, fences 80.5, 91, 119 and 129.5; so 60 is a low
    /// severe, 88 a low mild, 122 a high mild and 150 a high severe outlier.
    func testTukeyOutliersCountEachClassOnce() throws {
        let values: [Double] = [100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 88, 60, 122, 150]
        let outliers = TukeyOutliers(of: try XCTUnwrap(Sample(values)))
        XCTAssertEqual(outliers, TukeyOutliers(lowSevere: 1, lowMild: 1, highMild: 1, highSevere: 1))
        XCTAssertEqual(outliers.total, 4)
    }

    func testConstantSampleHasNoOutliers() throws {
        let outliers = TukeyOutliers(of: try XCTUnwrap(Sample(Array(repeating: 5.0, count: 10))))
        XCTAssertEqual(outliers.total, 0)
    }
}

extension TukeyOutliers {
    init(lowSevere: Int, lowMild: Int, highMild: Int, highSevere: Int) {
        self = TukeyOutliers(of: Sample([0])!)
        self.lowSevere = lowSevere
        self.lowMild = lowMild
        self.highMild = highMild
        self.highSevere = highSevere
    }
}
