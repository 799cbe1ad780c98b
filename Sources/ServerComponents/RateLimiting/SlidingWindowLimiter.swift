/// At most `limit` units per key in any window of `window` length, by the sliding-window
/// counter: each key counts units in the current fixed window and the previous one, and the
/// previous count is weighted by how much of it the sliding window still covers.
///
/// ```swift
/// let limiter = SlidingWindowLimiter<String>(limit: 100, window: .seconds(60))
/// ```
///
/// The estimate assumes the previous window's units were spread evenly over it, so it can admit
/// a little more or less than an exact log of timestamps would; in exchange each key costs two
/// counters instead of up to `limit` timestamps. A key idle for two windows has no counts left
/// that matter and is forgotten as the limiter works, or by ``expireIdleKeys()``.
///
/// - Complexity: ``allow(_:cost:)`` is O(1), amortised over the sweeps.
public final class SlidingWindowLimiter<Key: Hashable & Sendable>: RateLimiter, @unchecked Sendable {
    /// Units allowed per window.
    public let limit: Int
    /// The window's length in nanoseconds.
    public let windowNanoseconds: UInt64

    @usableFromInline let ticks: any TickSource
    @usableFromInline let counter: SlidingWindow
    @usableFromInline let shards: KeyedShards<Key, SlidingWindow>

    /// Creates a limiter.
    ///
    /// - Parameters:
    ///   - limit: Units allowed in any window; at least 1.
    ///   - window: The window's length; positive.
    ///   - shards: Independently locked parts.
    ///   - ticks: The clock windows are measured on.
    public init(limit: Int, window: Duration, shards: Int = 16, ticks: some TickSource = CoarseMonotonicTicks()) {
        precondition(limit >= 1 && window > .zero, "the limit must be at least 1 and the window positive")
        self.limit = limit
        self.windowNanoseconds = window.saturatingNanoseconds
        self.ticks = ticks
        self.counter = SlidingWindow(limit: limit, window: windowNanoseconds)
        self.shards = KeyedShards(count: shards)
    }

    @inlinable
    public func allow(_ key: Key, cost: Int = 1) -> Bool {
        shards.decide(key, cost: cost, at: ticks.nanoseconds(), by: counter)
    }

    @discardableResult
    public func expireIdleKeys() -> Int {
        shards.sweepAll(at: ticks.nanoseconds(), by: counter)
    }

    public var statistics: RateLimiterStatistics { shards.statistics }
}
