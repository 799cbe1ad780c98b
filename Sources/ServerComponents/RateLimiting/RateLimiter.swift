/// A policy that decides, per key, whether an action may happen now. Implemented by
/// ``TokenBucketLimiter`` and ``SlidingWindowLimiter``, so callers can swap policies.
public protocol RateLimiter<Key>: Sendable {
    /// What requests are limited by: a client address, an API key, a user id.
    associatedtype Key: Hashable & Sendable

    /// Whether an action of `cost` units for `key` may happen now; when it may, the units are
    /// spent.
    func allow(_ key: Key, cost: Int) -> Bool

    /// Forgets every key idle long enough that forgetting it changes no later decision, and
    /// returns how many were forgotten.
    @discardableResult
    func expireIdleKeys() -> Int

    /// What the limiter has decided so far, and how many keys it tracks.
    var statistics: RateLimiterStatistics { get }
}

/// What a rate limiter has decided since it was created.
public struct RateLimiterStatistics: Sendable, Hashable, Codable {
    /// Actions allowed.
    public var allowed: Int
    /// Actions refused.
    public var blocked: Int
    /// Keys with state held now.
    public var trackedKeys: Int
    /// Keys forgotten because they went idle.
    public var expiredKeys: Int

    /// Creates statistics.
    public init(allowed: Int = 0, blocked: Int = 0, trackedKeys: Int = 0, expiredKeys: Int = 0) {
        self.allowed = allowed
        self.blocked = blocked
        self.trackedKeys = trackedKeys
        self.expiredKeys = expiredKeys
    }
}
