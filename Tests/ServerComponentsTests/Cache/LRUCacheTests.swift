import XCTest
@testable import ServerComponents

final class LRUCacheTests: XCTestCase {
    func testStoresReadsAndRemoves() {
        let cache = LRUCache<String, Int>(capacity: 3)
        XCTAssertNil(cache.value(forKey: "a"))
        cache.setValue(1, forKey: "a")
        cache.setValue(2, forKey: "b")
        XCTAssertEqual(cache.value(forKey: "a"), 1)
        XCTAssertEqual(cache.removeValue(forKey: "a"), 1)
        XCTAssertNil(cache.removeValue(forKey: "a"))
        XCTAssertNil(cache.value(forKey: "a"))
        XCTAssertEqual(cache.count, 1)
    }

    func testEvictsTheLeastRecentlyUsed() {
        let cache = LRUCache<String, Int>(capacity: 3)
        cache.setValue(1, forKey: "a")
        cache.setValue(2, forKey: "b")
        cache.setValue(3, forKey: "c")
        XCTAssertEqual(cache.keys, ["c", "b", "a"])
        _ = cache.value(forKey: "a")  // a becomes the most recent; b is now the least
        cache.setValue(4, forKey: "d")
        XCTAssertEqual(cache.keys, ["d", "a", "c"])
        XCTAssertNil(cache.value(forKey: "b"))
        cache.setValue(30, forKey: "c")  // updating refreshes recency and evicts nothing
        XCTAssertEqual(cache.keys, ["c", "d", "a"])
        XCTAssertEqual(cache.statistics.evictions, 1)
        XCTAssertEqual(cache.value(forKey: "c"), 30)
    }

    func testCapacityOfOne() {
        let cache = LRUCache<Int, Int>(capacity: 1)
        cache.setValue(1, forKey: 1)
        cache.setValue(2, forKey: 2)
        XCTAssertEqual(cache.keys, [2])
        XCTAssertNil(cache.value(forKey: 1))
        XCTAssertEqual(cache.value(forKey: 2), 2)
    }

    func testEntryExpiresExactlyAtItsTimeToLive() {
        let ticks = ManualTicks()
        let cache = LRUCache<String, Int>(capacity: 10, timeToLive: .seconds(10), ticks: ticks)
        cache.setValue(1, forKey: "a")
        ticks.advance(by: .seconds(10) - .nanoseconds(1))
        XCTAssertEqual(cache.value(forKey: "a"), 1, "alive one nanosecond before its time to live")
        ticks.advance(by: .nanoseconds(1))
        XCTAssertNil(cache.value(forKey: "a"), "expired at its time to live")
        XCTAssertEqual(cache.count, 0, "an expired entry is removed when read")
        let statistics = cache.statistics
        XCTAssertEqual([statistics.hits, statistics.misses, statistics.expirations], [1, 1, 1])
    }

    func testPerEntryTimeToLiveOverridesTheDefaultAndReadsDoNotExtendIt() {
        let ticks = ManualTicks()
        let cache = LRUCache<String, Int>(capacity: 10, timeToLive: .seconds(10), ticks: ticks)
        cache.setValue(1, forKey: "short", timeToLive: .seconds(1))
        cache.setValue(2, forKey: "default")
        ticks.advance(by: .milliseconds(500))
        XCTAssertEqual(cache.value(forKey: "short"), 1)
        ticks.advance(by: .milliseconds(500))
        XCTAssertNil(cache.value(forKey: "short"), "reading does not renew the time to live")
        XCTAssertEqual(cache.value(forKey: "default"), 2)
        cache.setValue(3, forKey: "default")  // setting again renews it
        ticks.advance(by: .seconds(9))
        XCTAssertEqual(cache.value(forKey: "default"), 3)
    }

    func testWithoutTimeToLiveEntriesNeverExpire() {
        let ticks = ManualTicks()
        let cache = LRUCache<String, Int>(capacity: 10, ticks: ticks)
        cache.setValue(1, forKey: "a")
        ticks.advance(by: .seconds(1_000_000))
        XCTAssertEqual(cache.value(forKey: "a"), 1)
    }

    func testPurgeRemovesOnlyExpiredEntries() {
        let ticks = ManualTicks()
        let cache = LRUCache<Int, Int>(capacity: 100, timeToLive: .seconds(5), ticks: ticks)
        for key in 0..<10 { cache.setValue(key, forKey: key) }
        ticks.advance(by: .seconds(3))
        for key in 10..<15 { cache.setValue(key, forKey: key) }
        ticks.advance(by: .seconds(2))
        XCTAssertEqual(cache.purgeExpired(), 10)
        XCTAssertEqual(Set(cache.keys), Set(10..<15))
        XCTAssertEqual(cache.statistics.expirations, 10)
    }

    func testStatisticsAndHitRate() {
        let cache = LRUCache<Int, Int>(capacity: 2)
        XCTAssertEqual(cache.statistics.hitRate, 0)
        cache.setValue(1, forKey: 1)
        _ = cache.value(forKey: 1)
        _ = cache.value(forKey: 1)
        _ = cache.value(forKey: 1)
        _ = cache.value(forKey: 2)
        cache.setValue(2, forKey: 2)
        cache.setValue(3, forKey: 3)
        let statistics = cache.statistics
        XCTAssertEqual(statistics, CacheStatistics(hits: 3, misses: 1, evictions: 1, expirations: 0, count: 2, capacity: 2))
        XCTAssertEqual(statistics.hitRate, 0.75)
        cache.removeAll()
        XCTAssertEqual(cache.count, 0)
        XCTAssertEqual(cache.statistics.hits, 3, "statistics survive removeAll")
    }

    func testSlotsAreReusedSoStorageNeverOutgrowsTheCapacity() {
        let cache = LRUCache<Int, Int>(capacity: 4)
        for key in 0..<1_000 {
            cache.setValue(key, forKey: key)
            if key % 3 == 0 { cache.removeValue(forKey: key) }
        }
        XCTAssertLessThanOrEqual(cache.storage.slotCount, 4)
        // An OrderedDict simulation of the same sequence in Python gives [998, 997, 995].
        XCTAssertEqual(cache.keys, [998, 997, 995])
    }

    func testValuesAreReleasedWhenRemovedOrEvicted() {
        final class Payload: Sendable {}
        let cache = LRUCache<Int, Payload>(capacity: 1)
        weak var removed: Payload?
        weak var evicted: Payload?
        do {
            let first = Payload()
            removed = first
            cache.setValue(first, forKey: 1)
            cache.removeValue(forKey: 1)
            let second = Payload()
            evicted = second
            cache.setValue(second, forKey: 2)
            cache.setValue(Payload(), forKey: 3)
        }
        XCTAssertNil(removed)
        XCTAssertNil(evicted)
    }

    func testConcurrentUseKeepsCountsConsistent() async {
        let cache = LRUCache<Int, Int>(capacity: 64)
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask {
                    for i in 0..<2_000 {
                        let key = (i &* 31 &+ task) % 128
                        if i % 3 == 0 {
                            cache.setValue(i, forKey: key)
                        } else {
                            _ = cache.value(forKey: key)
                        }
                    }
                }
            }
        }
        let statistics = cache.statistics
        XCTAssertLessThanOrEqual(statistics.count, 64)
        XCTAssertEqual(statistics.hits + statistics.misses, 8 * (2_000 - 667))
        XCTAssertEqual(Set(cache.keys).count, statistics.count, "the recency list and the index agree")
    }

    // MARK: Storage bytes

    func testStorageBytesCoverTheTablesAndStayBoundedWhenFull() {
        let cache = LRUCache<Int, Int>(capacity: 1_000)
        let empty = cache.storageBytes
        // Reserved at creation: at least 1,000 buckets of a key (8 B) and an entry (value 8 B,
        // expiry 8 B, slot 4 B: stride 24 B), plus links (8 B) and keys (Int?: 9 B, stride 16 B).
        XCTAssertGreaterThanOrEqual(empty, 1_000 * (8 + 24) + 1_000 * 8 + 1_000 * 16)
        for key in 0..<5_000 { cache.setValue(key, forKey: key) }
        let full = cache.storageBytes
        XCTAssertEqual(cache.count, 1_000)
        XCTAssertEqual(full, empty, "a full cache evicts instead of growing its tables")
        for key in 5_000..<10_000 { cache.setValue(key, forKey: key) }
        XCTAssertEqual(cache.storageBytes, full)
    }
}
