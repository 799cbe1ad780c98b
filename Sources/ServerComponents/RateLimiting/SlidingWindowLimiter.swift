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

    /// Nanoseconds after which a key's counts no longer matter: two windows.
    @usableFromInline let idleAfter: UInt64
    @usableFromInline let ticks: any TickSource
    @usableFromInline let shards: KeyedShards<Key, WindowState>

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
        self.idleAfter = windowNanoseconds.multipliedReportingOverflow(by: 2).overflow ? .max : windowNanoseconds * 2
        self.ticks = ticks
        self.shards = KeyedShards(count: shards)
    }

    @inlinable
    public func allow(_ key: Key, cost: Int = 1) -> Bool {
        let now = ticks.nanoseconds()
        let window = windowNanoseconds, limit = limit, idleAfter = idleAfter
        return shards.decide(
            key,
            make: { WindowState(start: now - now % window) },
            isIdle: { now.nanoseconds(since: $0.start) >= idleAfter },
            decide: { state in
                state.advance(to: now, window: window)
                // Another thread may have read a later tick, and moved the window, first.
                let elapsed = Double(now.nanoseconds(since: state.start)) / Double(window)
                let estimate = Double(state.previous) * (1 - elapsed) + Double(state.current)
                guard estimate + Double(cost) <= Double(limit) else { return false }
                state.current &+= cost
                return true
            }
        )
    }

    @discardableResult
    public func expireIdleKeys() -> Int {
        let now = ticks.nanoseconds()
        let idleAfter = idleAfter
        return shards.sweepAll { now.nanoseconds(since: $0.start) >= idleAfter }
    }

    public var statistics: RateLimiterStatistics { shards.statistics }
}

/// A key's counts: units in the fixed window starting at `start`, and in the one before.
@usableFromInline
struct WindowState {
    @usableFromInline var start: UInt64
    @usableFromInline var current = 0
    @usableFromInline var previous = 0

    @usableFromInline
    init(start: UInt64) {
        self.start = start
    }

    /// Moves the windows forward so that `now` falls in the current one.
    @inlinable
    mutating func advance(to now: UInt64, window: UInt64) {
        let elapsed = now.nanoseconds(since: start)
        guard elapsed >= window else { return }
        if elapsed / 2 >= window {
            previous = 0
        } else {
            previous = current
        }
        current = 0
        start = now - now % window
    }
}
