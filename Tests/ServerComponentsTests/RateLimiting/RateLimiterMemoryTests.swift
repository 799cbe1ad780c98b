import CHeapStatistics
import XCTest
@testable import ServerComponents

/// A million distinct keys go idle and expire: the limiter tracks none, and the heap bytes in
/// use (`heap_bytes_in_use()`, which counts live allocations, unlike resident memory, which
/// keeps pages the allocator has freed) return to within 20% of the figure before the load.
final class RateLimiterMemoryTests: XCTestCase {
    func testAMillionIdleKeysLeaveNothingBehind() throws {
        #if os(Linux)
        let ticks = ManualTicks()
        let limiter = TokenBucketLimiter<Int>(capacity: 10, refillRate: 10, ticks: ticks)
        heap_trim()
        let before = heap_bytes_in_use()
        for key in 0..<1_000_000 {
            _ = limiter.allow(key)
        }
        let peak = heap_bytes_in_use()
        XCTAssertEqual(limiter.statistics.trackedKeys, 1_000_000)
        ticks.advance(by: .seconds(1))
        XCTAssertEqual(limiter.expireIdleKeys(), 1_000_000)
        XCTAssertEqual(limiter.statistics.trackedKeys, 0)
        let after = heap_bytes_in_use()
        print("heap bytes in use: before \(before), peak \(peak), after \(after)")
        XCTAssertGreaterThan(peak, before + 20_000_000, "a million keys take tens of megabytes")
        XCTAssertLessThanOrEqual(Double(after), Double(before) * 1.2)
        #else
        throw XCTSkip("the heap statistics are glibc's")
        #endif
    }
}
