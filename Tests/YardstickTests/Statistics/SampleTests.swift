import XCTest
@testable import Yardstick

/// Reference values computed with numpy 2.4.6 and scipy 1.17.1:
///
/// ```python
/// import numpy as np; from scipy.stats import median_abs_deviation
/// rng = np.random.default_rng(20261123)
/// x = np.round(rng.lognormal(mean=4.0, sigma=0.35, size=25), 2); x[3] = 400.0; x[11] = 12.0
/// np.mean(x); np.std(x, ddof=1); [np.quantile(x, q) for q in (0.5, 0.75, 0.9, 0.95, 0.99, 0.999)]
/// median_abs_deviation(x)
/// ```
final class SampleTests: XCTestCase {
    static let lognormal: [Double] = [
        61.74, 185.58, 67.2, 400.0, 84.99, 56.36, 46.04, 103.83, 82.05, 56.47, 34.93, 12.0, 56.19,
        91.84, 66.54, 104.36, 72.12, 75.07, 74.19, 50.56, 31.51, 60.3, 48.25, 30.04, 43.02,
    ]

    func testMomentsMatchNumpy() throws {
        let sample = try XCTUnwrap(Sample(Self.lognormal))
        XCTAssertEqual(sample.count, 25)
        XCTAssertEqual(sample.min, 12.0)
        XCTAssertEqual(sample.max, 400.0)
        XCTAssertEqual(sample.mean, 79.8072, accuracy: 1e-9)
        XCTAssertEqual(try XCTUnwrap(sample.standardDeviation), 74.6215590228454, accuracy: 1e-9)
    }

    func testPercentilesMatchNumpyLinearInterpolation() throws {
        let sample = try XCTUnwrap(Sample(Self.lognormal))
        let percentiles = Percentiles(of: sample)
        XCTAssertEqual(percentiles.p50, 61.74, accuracy: 1e-9)
        XCTAssertEqual(percentiles.p75, 82.05, accuracy: 1e-9)
        XCTAssertEqual(percentiles.p90, 104.148, accuracy: 1e-9)
        XCTAssertEqual(percentiles.p95, 169.33599999999979, accuracy: 1e-9)
        XCTAssertEqual(percentiles.p99, 348.5391999999996, accuracy: 1e-9)
        XCTAssertEqual(percentiles.p999, 394.8539199999998, accuracy: 1e-12)
    }

    func testMedianAbsoluteDeviationMatchesScipyUnscaled() throws {
        let sample = try XCTUnwrap(Sample(Self.lognormal))
        XCTAssertEqual(sample.medianAbsoluteDeviation, 15.700000000000003, accuracy: 1e-9)
    }

    /// `np.percentile([3, 1, 4, 1, 5, 9], [0, 10, 50, 90, 100])` is `[1, 1, 3.5, 7, 9]`;
    /// `np.std(..., ddof=1)` is 2.9944392908634274; `median_abs_deviation(...)` is 2.0.
    func testMedianOfEvenCountAveragesMiddlePair() throws {
        let sample = try XCTUnwrap(Sample([3, 1, 4, 1, 5, 9]))
        XCTAssertEqual(sample.sorted, [1, 1, 3, 4, 5, 9])
        XCTAssertEqual(sample.percentile(0), 1)
        XCTAssertEqual(sample.percentile(0.1), 1)
        XCTAssertEqual(sample.median, 3.5)
        XCTAssertEqual(sample.percentile(0.9), 7, accuracy: 1e-12)
        XCTAssertEqual(sample.percentile(1), 9)
        XCTAssertEqual(try XCTUnwrap(sample.standardDeviation), 2.9944392908634274, accuracy: 1e-12)
        XCTAssertEqual(sample.medianAbsoluteDeviation, 2.0)
    }

    /// numpy interpolates from the nearer neighbour; `a + (b - a)·t` differs from it in the last
    /// bits for these inputs (found by search), so these compare exactly. (`np.quantile` takes the
    /// fraction itself; `np.percentile(x, 99.9)` divides by 100, and 99.9 / 100 is not 0.999.)
    /// `np.quantile([4.211, 5.341, 5.74, 8.335], 0.95)` is 7.945749999999999 (naive 7.94575);
    /// `np.quantile([2.511, 9.633], 0.95)` is 9.2769 (naive 9.276899999999998).
    func testPercentilesAgreeWithNumpyToTheLastBit() throws {
        XCTAssertEqual(try XCTUnwrap(Sample([4.211, 5.341, 5.74, 8.335])).percentile(0.95), 7.945749999999999)
        XCTAssertEqual(try XCTUnwrap(Sample([2.511, 9.633])).percentile(0.95), 9.2769)
    }

    func testSingleObservationHasEveryPercentileAndNoStandardDeviation() throws {
        let sample = try XCTUnwrap(Sample([42]))
        XCTAssertEqual(sample.percentile(0), 42)
        XCTAssertEqual(sample.percentile(0.999), 42)
        XCTAssertEqual(sample.mean, 42)
        XCTAssertNil(sample.standardDeviation)
        XCTAssertEqual(sample.medianAbsoluteDeviation, 0)
    }

    func testEmptyOrNonFiniteValuesAreRejected() {
        XCTAssertNil(Sample([Double]()))
        XCTAssertNil(Sample([1, .nan, 3]))
        XCTAssertNil(Sample([1, .infinity]))
    }
}
