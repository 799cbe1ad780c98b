import XCTest
@testable import ServerComponents

final class SlidingWindowLimiterTests: XCTestCase {
    /// A clock at the start of a window, so the arithmetic below is exact.
    private func ticks() -> ManualTicks { ManualTicks(60_000_000_000) }

    func testAllowsTheLimitWithinOneWindow() {
        let limiter = SlidingWindowLimiter<String>(limit: 3, window: .seconds(10), ticks: ticks())
        XCTAssertEqual((0..<5).map { _ in limiter.allow("a") }, [true, true, true, false, false])
    }

    func testThePreviousWindowCountsByItsOverlap() {
        let clock = ticks()
        let limiter = SlidingWindowLimiter<String>(limit: 10, window: .seconds(10), ticks: clock)
        XCTAssertEqual((0..<10).filter { _ in limiter.allow("a") }.count, 10)
        // A quarter into the next window, the previous ten count as 7.5: two more fit (9.5).
        clock.advance(by: .seconds(12) + .milliseconds(500))
        XCTAssertEqual((0..<5).map { _ in limiter.allow("a") }, [true, true, false, false, false])
        // Three quarters in: 10 × 0.25 + 2 = 4.5, so five more fit (9.5).
        clock.advance(by: .seconds(5))
        XCTAssertEqual((0..<7).filter { _ in limiter.allow("a") }.count, 5)
    }

    func testALateArrivingEarlierTickNeitherMovesNorClearsTheWindow() {
        let clock = ticks()
        let limiter = SlidingWindowLimiter<String>(limit: 10, window: .seconds(10), ticks: clock)
        XCTAssertEqual((0..<10).filter { _ in limiter.allow("a") }.count, 10)
        clock.advance(by: .seconds(12) + .milliseconds(500))
        XCTAssertEqual((0..<2).filter { _ in limiter.allow("a") }.count, 2)
        // Back in the previous window: it counts in full, 10 + 2, so nothing fits.
        clock.rewind(by: .seconds(5))
        XCTAssertFalse(limiter.allow("a"))
        XCTAssertEqual(limiter.expireIdleKeys(), 0)
    }

    func testAWindowTooLongToDoubleNeverExpires() {
        let clock = ticks()
        let limiter = SlidingWindowLimiter<Int>(limit: 1, window: .seconds(Int64.max), ticks: clock)
        XCTAssertTrue(limiter.allow(1))
        clock.advance(by: .seconds(3_600 * 24 * 365))
        XCTAssertFalse(limiter.allow(1))
        XCTAssertEqual(limiter.expireIdleKeys(), 0)
    }

    func testAfterTwoWindowsNothingCounts() {
        let clock = ticks()
        let limiter = SlidingWindowLimiter<String>(limit: 2, window: .seconds(1), ticks: clock)
        XCTAssertTrue(limiter.allow("a", cost: 2))
        clock.advance(by: .seconds(2))
        XCTAssertTrue(limiter.allow("a", cost: 2))
    }

    func testIdleKeysExpireAfterTwoWindowsWithoutChangingDecisions() {
        let clock = ticks()
        let limiter = SlidingWindowLimiter<Int>(limit: 5, window: .seconds(1), ticks: clock)
        XCTAssertTrue(limiter.allow(1, cost: 5))
        clock.advance(by: .seconds(2) - .nanoseconds(1))
        XCTAssertEqual(limiter.expireIdleKeys(), 0)
        clock.advance(by: .nanoseconds(1))
        XCTAssertEqual(limiter.expireIdleKeys(), 1)
        XCTAssertTrue(limiter.allow(1, cost: 5))
        XCTAssertEqual(limiter.statistics, RateLimiterStatistics(allowed: 2, blocked: 0, trackedKeys: 1, expiredKeys: 1))
    }

    func testWorksThroughTheProtocol() {
        let limiters: [any RateLimiter<String>] = [
            TokenBucketLimiter<String>(capacity: 2, refillRate: 1, ticks: ticks()),
            SlidingWindowLimiter<String>(limit: 2, window: .seconds(1), ticks: ticks()),
        ]
        for limiter in limiters {
            XCTAssertEqual((0..<3).map { _ in limiter.allow("k", cost: 1) }, [true, true, false])
        }
    }
}
