/// A token bucket per key: each key may spend up to `capacity` tokens at once, and its bucket
/// refills continuously at `refillRate` tokens per second.
///
/// ```swift
/// let limiter = TokenBucketLimiter<String>(capacity: 20, refillRate: 5)  // bursts of 20, 5 a second
/// guard limiter.allow(clientAddress) else { return .tooManyRequests }
/// ```
///
/// A key that has been idle for as long as its bucket takes to refill from empty is full again,
/// so forgetting it changes nothing; such keys are swept away as the limiter works, or by
/// ``expireIdleKeys()``, and memory stays bounded by the keys active in that time.
///
/// - Complexity: ``allow(_:cost:)`` is O(1), amortised over the sweeps.
public final class TokenBucketLimiter<Key: Hashable & Sendable>: RateLimiter, @unchecked Sendable {
    /// Tokens a full bucket holds: the largest burst.
    public let capacity: Double
    /// Tokens added per second.
    public let refillRate: Double

    @usableFromInline let ticks: any TickSource
    @usableFromInline let bucket: TokenBucket
    @usableFromInline let shards: KeyedShards<Key, TokenBucket>

    /// Creates a limiter.
    ///
    /// - Parameters:
    ///   - capacity: The largest burst, in tokens; at least 1.
    ///   - refillRate: Tokens per second; more than 0.
    ///   - shards: Independently locked parts; more reduce waiting under concurrency.
    ///   - ticks: The clock refills are computed on.
    public init(capacity: Int, refillRate: Double, shards: Int = 16, ticks: some TickSource = CoarseMonotonicTicks()) {
        precondition(capacity >= 1 && refillRate > 0, "capacity must be at least 1 and the refill rate positive")
        self.capacity = Double(capacity)
        self.refillRate = refillRate
        self.ticks = ticks
        self.bucket = TokenBucket(capacity: capacity, refillRate: refillRate)
        self.shards = KeyedShards(count: shards)
    }

    @inlinable
    public func allow(_ key: Key, cost: Int = 1) -> Bool {
        shards.decide(key, cost: cost, at: ticks.nanoseconds(), by: bucket)
    }

    @discardableResult
    public func expireIdleKeys() -> Int {
        shards.sweepAll(at: ticks.nanoseconds(), by: bucket)
    }

    public var statistics: RateLimiterStatistics { shards.statistics }
}
