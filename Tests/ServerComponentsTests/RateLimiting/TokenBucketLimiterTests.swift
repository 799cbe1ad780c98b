import XCTest
@testable import ServerComponents

final class TokenBucketLimiterTests: XCTestCase {
    func testAllowsABurstOfCapacityThenBlocks() {
        let limiter = TokenBucketLimiter<String>(capacity: 3, refillRate: 1, ticks: ManualTicks())
        XCTAssertEqual((0..<5).map { _ in limiter.allow("a") }, [true, true, true, false, false])
        XCTAssertEqual(limiter.statistics, RateLimiterStatistics(allowed: 3, blocked: 2, trackedKeys: 1))
    }

    func testRefillsContinuouslyAndNeverAboveCapacity() {
        let ticks = ManualTicks()
        let limiter = TokenBucketLimiter<String>(capacity: 10, refillRate: 10, ticks: ticks)
        XCTAssertTrue(limiter.allow("a", cost: 10))
        ticks.advance(by: .milliseconds(450))  // 4.5 tokens
        XCTAssertTrue(limiter.allow("a", cost: 4))
        XCTAssertFalse(limiter.allow("a", cost: 1), "0.5 tokens left")
        ticks.advance(by: .milliseconds(50))  // 1.0 token
        XCTAssertTrue(limiter.allow("a", cost: 1))
        ticks.advance(by: .seconds(60))  // would be 600 tokens; capped at 10
        XCTAssertTrue(limiter.allow("a", cost: 10))
        XCTAssertFalse(limiter.allow("a", cost: 1))
    }

    func testALateArrivingEarlierTickRefillsNothing() {
        let ticks = ManualTicks()
        let limiter = TokenBucketLimiter<String>(capacity: 1, refillRate: 1, ticks: ticks)
        XCTAssertTrue(limiter.allow("a"))
        ticks.rewind(by: .milliseconds(500))
        XCTAssertFalse(limiter.allow("a"), "an earlier tick is no time passing, not a full refill")
        XCTAssertEqual(limiter.expireIdleKeys(), 0)
        ticks.advance(by: .milliseconds(1_500))  // 1 s after the last decision
        XCTAssertTrue(limiter.allow("a"))
    }

    func testKeysAreIndependent() {
        let limiter = TokenBucketLimiter<Int>(capacity: 1, refillRate: 1, ticks: ManualTicks())
        XCTAssertTrue(limiter.allow(1))
        XCTAssertFalse(limiter.allow(1))
        XCTAssertTrue(limiter.allow(2))
    }

    func testACostAboveCapacityIsAlwaysBlocked() {
        let limiter = TokenBucketLimiter<Int>(capacity: 5, refillRate: 100, ticks: ManualTicks())
        XCTAssertFalse(limiter.allow(1, cost: 6))
        XCTAssertTrue(limiter.allow(1, cost: 5))
    }

    func testIdleKeysExpireOnceTheirBucketWouldBeFull() {
        let ticks = ManualTicks()
        // 4 tokens at 2 a second: an empty bucket is full after 2 s.
        let limiter = TokenBucketLimiter<Int>(capacity: 4, refillRate: 2, ticks: ticks)
        XCTAssertTrue(limiter.allow(1, cost: 4))
        ticks.advance(by: .seconds(2) - .nanoseconds(1))
        XCTAssertEqual(limiter.expireIdleKeys(), 0, "not yet full")
        ticks.advance(by: .nanoseconds(1))
        XCTAssertEqual(limiter.expireIdleKeys(), 1)
        XCTAssertEqual(limiter.statistics.trackedKeys, 0)
        XCTAssertEqual(limiter.statistics.expiredKeys, 1)
        XCTAssertTrue(limiter.allow(1, cost: 4), "a forgotten key starts full, as it would have been")
    }

    func testIdleKeysAreSweptAsTheLimiterWorks() {
        let ticks = ManualTicks()
        let limiter = TokenBucketLimiter<Int>(capacity: 1, refillRate: 1_000, shards: 1, ticks: ticks)
        for key in 0..<100 { _ = limiter.allow(key) }
        ticks.advance(by: .seconds(1))
        // Enough decisions on one other key for the shard to sweep itself.
        for _ in 0..<1_024 { _ = limiter.allow(-1) }
        XCTAssertEqual(limiter.statistics.trackedKeys, 1)
        XCTAssertEqual(limiter.statistics.expiredKeys, 100)
    }

    func testARefillTooSlowToMeasureNeverExpiresTheKey() {
        let ticks = ManualTicks()
        let limiter = TokenBucketLimiter<Int>(capacity: 1_000, refillRate: 1e-12, ticks: ticks)
        XCTAssertTrue(limiter.allow(1))
        ticks.advance(by: .seconds(86_400 * 365))
        XCTAssertEqual(limiter.expireIdleKeys(), 0)
    }

    func testConcurrentDecisionsSpendExactlyTheCapacity() async {
        let limiter = TokenBucketLimiter<String>(capacity: 1_000, refillRate: 1e-9, ticks: ManualTicks())
        let allowed = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask { (0..<500).filter { _ in limiter.allow("shared") }.count }
            }
            return await group.reduce(0, +)
        }
        XCTAssertEqual(allowed, 1_000)
        XCTAssertEqual(limiter.statistics.blocked, 3_000)
    }
}
