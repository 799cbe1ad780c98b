/// A thread-safe cache that holds at most `capacity` entries, evicting the least recently used,
/// where each entry may also expire after a time to live.
///
/// ```swift
/// let sessions = LRUCache<String, Session>(capacity: 10_000, timeToLive: .seconds(300))
/// sessions.setValue(session, forKey: token)
/// if let session = sessions.value(forKey: token) { … }
/// sessions.statistics.hitRate
/// ```
///
/// Lookups, insertions and removals are O(1): a dictionary maps keys to their values, expiries
/// and slots, and the slots form a doubly linked recency list by index in one array, with no
/// allocation per entry. Expiry
/// is checked when an entry is read (an expired entry counts as a miss and is removed), and
/// ``purgeExpired()`` sweeps the rest. The clock is read only for entries that have a time to
/// live. One lock guards each operation.
///
/// The methods are inlinable so that the cache is specialised for its key and value types where
/// it is used: generic code called across modules is several times slower.
public final class LRUCache<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    /// The most entries the cache holds.
    public let capacity: Int
    /// The time to live of entries set without one; `nil` for none.
    public let defaultTimeToLive: Duration?

    @usableFromInline let ticks: any TickSource
    @usableFromInline let lock = Lock()
    // Every access happens under `lock`, so the runtime's dynamic exclusivity checks (measured
    // at 14% of a hit's time) only repeat what the lock guarantees.
    @usableFromInline @exclusivity(unchecked) var storage: LRUStorage<Key, Value>
    @usableFromInline @exclusivity(unchecked) var counters = CacheCounters()

    /// Creates an empty cache.
    ///
    /// - Parameters:
    ///   - capacity: The most entries it holds; at least 1.
    ///   - timeToLive: How long entries live unless set with their own; `nil` for no limit.
    ///   - ticks: The clock expiry is measured on; a coarse monotonic clock unless a test
    ///     drives time itself.
    public init(capacity: Int, timeToLive: Duration? = nil, ticks: some TickSource = CoarseMonotonicTicks()) {
        precondition(capacity >= 1, "a cache holds at least one entry, got capacity \(capacity)")
        self.capacity = capacity
        self.defaultTimeToLive = timeToLive
        self.ticks = ticks
        self.storage = LRUStorage(capacity: capacity)
    }

    /// The value for `key`, marking it most recently used; `nil` when absent or expired.
    ///
    /// - Complexity: O(1).
    @inlinable
    public func value(forKey key: Key) -> Value? {
        lock.withLock {
            guard let entry = storage.entry(forKey: key) else {
                counters.misses &+= 1
                return nil
            }
            if entry.expiry != 0, entry.expiry <= ticks.nanoseconds() {
                storage.remove(key, slot: entry.slot)
                counters.expirations &+= 1
                counters.misses &+= 1
                return nil
            }
            storage.moveToFront(entry.slot)
            counters.hits &+= 1
            return entry.value
        }
    }

    /// Stores `value` for `key` as the most recently used entry, evicting the least recently
    /// used one when the cache is full.
    ///
    /// - Parameters:
    ///   - timeToLive: How long the entry lives; the cache's default when `nil`.
    /// - Complexity: O(1).
    @inlinable
    public func setValue(_ value: Value, forKey key: Key, timeToLive: Duration? = nil) {
        let lifetime = timeToLive ?? defaultTimeToLive
        lock.withLock {
            let expiry = lifetime.map { Self.expiry(after: $0, now: ticks.nanoseconds()) } ?? 0
            if let entry = storage.entry(forKey: key) {
                storage.update(key, value: value, expiry: expiry)
                storage.moveToFront(entry.slot)
                return
            }
            if storage.count == capacity {
                storage.removeLeastRecentlyUsed()
                counters.evictions &+= 1
            }
            storage.insertAtFront(key: key, value: value, expiry: expiry)
        }
    }

    /// Removes the entry for `key` and returns its value, if it had one.
    ///
    /// - Complexity: O(1).
    @inlinable
    @discardableResult
    public func removeValue(forKey key: Key) -> Value? {
        lock.withLock {
            guard let entry = storage.entry(forKey: key) else { return nil }
            return storage.remove(key, slot: entry.slot)
        }
    }

    /// Removes every entry that has expired and returns how many there were.
    ///
    /// - Complexity: O(*count*).
    @discardableResult
    public func purgeExpired() -> Int {
        lock.withLock {
            let now = ticks.nanoseconds()
            let expired = storage.entries.filter { $0.value.expiry != 0 && $0.value.expiry <= now }
            for (key, entry) in expired { storage.remove(key, slot: entry.slot) }
            counters.expirations &+= expired.count
            return expired.count
        }
    }

    /// Removes every entry; the statistics are kept.
    public func removeAll() {
        lock.withLock { storage = LRUStorage(capacity: capacity) }
    }

    /// The number of entries, expired ones not yet removed included.
    public var count: Int { lock.withLock { storage.count } }

    /// The keys from most to least recently used.
    public var keys: [Key] {
        lock.withLock { storage.keysInRecencyOrder }
    }

    /// The bytes the cache's own tables hold: the hash table's buckets (a key and an entry of
    /// value, expiry and slot each, at Swift's largest load factor of three quarters), the
    /// recency links and the keys by slot, as reserved, not as filled. Memory that keys or
    /// values refer to (a `String`'s heap buffer, a class instance) is not counted, nor the
    /// allocator's overhead. It grows to about its capacity's worth as the cache fills and
    /// stays there: a figure that climbs past that means the cache is not bounded.
    public var storageBytes: Int { lock.withLock { storage.reservedBytes } }

    /// What the cache has done since it was created.
    public var statistics: CacheStatistics {
        lock.withLock {
            CacheStatistics(
                hits: counters.hits, misses: counters.misses, evictions: counters.evictions,
                expirations: counters.expirations, count: storage.count, capacity: capacity
            )
        }
    }

    @inlinable
    static func expiry(after lifetime: Duration, now: UInt64) -> UInt64 {
        let (sum, overflow) = now.addingReportingOverflow(lifetime.saturatingNanoseconds)
        // 0 means "never expires", so an entry that would expire at the clock's origin
        // expires one nanosecond later.
        return overflow ? .max : max(sum, 1)
    }
}

/// The counts behind ``CacheStatistics``.
@usableFromInline
struct CacheCounters {
    @usableFromInline var hits = 0
    @usableFromInline var misses = 0
    @usableFromInline var evictions = 0
    @usableFromInline var expirations = 0

    @usableFromInline init() {}
}
