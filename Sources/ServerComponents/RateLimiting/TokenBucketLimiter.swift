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
    @usableFromInline let shards: KeyedShards<Key, BucketState>
    /// Nanoseconds a bucket takes to refill from empty: after that long idle, it is full.
    @usableFromInline let idleAfter: UInt64

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
        self.shards = KeyedShards(count: shards)
        let refill = (Double(capacity) / refillRate * 1e9).rounded(.up)
        // A bucket that takes longer than UInt64 nanoseconds to refill is never idle.
        self.idleAfter = refill < Double(UInt64.max) ? UInt64(refill) : .max
    }

    @inlinable
    public func allow(_ key: Key, cost: Int = 1) -> Bool {
        let now = ticks.nanoseconds()
        let capacity = capacity, refillRate = refillRate, idleAfter = idleAfter
        return shards.decide(
            key,
            make: { BucketState(tokens: capacity, updated: now) },
            isIdle: { now.nanoseconds(since: $0.updated) >= idleAfter },
            decide: { state in
                // Another thread may have read a later tick and decided first: time never runs
                // backwards for a bucket.
                let elapsed = Double(now.nanoseconds(since: state.updated)) / 1e9
                state.tokens = min(capacity, state.tokens + elapsed * refillRate)
                state.updated = max(state.updated, now)
                guard state.tokens >= Double(cost) else { return false }
                state.tokens -= Double(cost)
                return true
            }
        )
    }

    @discardableResult
    public func expireIdleKeys() -> Int {
        let now = ticks.nanoseconds()
        return shards.sweepAll { now.nanoseconds(since: $0.updated) >= idleAfter }
    }

    public var statistics: RateLimiterStatistics { shards.statistics }
}

/// A key's bucket: tokens left as of `updated` (monotonic nanoseconds).
@usableFromInline
struct BucketState {
    @usableFromInline var tokens: Double
    @usableFromInline var updated: UInt64

    @usableFromInline
    init(tokens: Double, updated: UInt64) {
        self.tokens = tokens
        self.updated = updated
    }
}
