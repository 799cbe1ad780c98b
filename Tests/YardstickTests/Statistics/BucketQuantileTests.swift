import XCTest
@testable import Yardstick

/// Prometheus' `histogram_quantile` rule, with answers worked by hand from its definition
/// (promql/quantile.go): rank = q × total; interpolate linearly inside the bucket that holds it.
final class BucketQuantileTests: XCTestCase {
    /// 1 observation ≤ 0.05, 3 ≤ 0.1, 4 ≤ 0.5, 5 in all (the prometheus_client sample's buckets).
    private let buckets: [(upperBound: Double, count: Double)] = [(0.05, 1), (0.1, 3), (0.5, 4), (.infinity, 5)]

    func testInterpolatesInsideTheBucketThatHoldsTheRank() throws {
        // Rank 2.5: bucket (0.05, 0.1] holds observations 2 and 3; 1.5 of its 2 → 0.05 + 0.05 × 0.75.
        XCTAssertEqual(try XCTUnwrap(BucketQuantile.estimate(0.5, buckets: buckets)), 0.0875, accuracy: 1e-12)
        // Rank 0.5 in the lowest bucket, which starts at 0.
        XCTAssertEqual(try XCTUnwrap(BucketQuantile.estimate(0.1, buckets: buckets)), 0.025, accuracy: 1e-12)
        // Rank 3.5: (0.1, 0.5] holds observation 4; 0.5 of 1 → 0.3.
        XCTAssertEqual(try XCTUnwrap(BucketQuantile.estimate(0.7, buckets: buckets)), 0.3, accuracy: 1e-12)
    }

    func testARankBeyondEveryFiniteBucketGivesTheHighestFiniteBound() {
        XCTAssertEqual(BucketQuantile.estimate(0.99, buckets: buckets), 0.5)
        XCTAssertEqual(BucketQuantile.estimate(1, buckets: buckets), 0.5)
    }

    func testOrderSharedBoundsAndDecreasingCountsAreTolerated() throws {
        let shuffled: [(upperBound: Double, count: Double)] = [(.infinity, 5), (0.1, 2), (0.05, 1), (0.1, 1), (0.5, 3.5)]
        // The two 0.1 buckets add up to 3: the same buckets as above, so rank 2.5 gives the same answer.
        XCTAssertEqual(try XCTUnwrap(BucketQuantile.estimate(0.5, buckets: shuffled)), 0.0875, accuracy: 1e-12)
        // A count below the one under it is raised to it: 0.5 holds 3 (not 2), so rank 3.5 lies beyond it.
        let decreasing: [(upperBound: Double, count: Double)] = [(0.05, 1), (0.1, 3), (0.5, 2), (.infinity, 5)]
        XCTAssertEqual(BucketQuantile.estimate(0.7, buckets: decreasing), 0.5)
    }

    func testALowestBoundAtOrBelowZeroIsTheAnswerInIt() {
        XCTAssertEqual(BucketQuantile.estimate(0.1, buckets: [(-1, 2), (1, 4), (.infinity, 4)]), -1)
    }

    func testNoAnswerWithoutInfinityBucketObservationsOrTwoBuckets() {
        XCTAssertNil(BucketQuantile.estimate(0.5, buckets: [(0.1, 1), (0.5, 2)]))
        XCTAssertNil(BucketQuantile.estimate(0.5, buckets: [(0.1, 0), (.infinity, 0)]))
        XCTAssertNil(BucketQuantile.estimate(0.5, buckets: [(.infinity, 3)]))
    }
}
