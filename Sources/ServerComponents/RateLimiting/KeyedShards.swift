/// Per-key state split over shards, each with its own lock, so that decisions for different keys
/// rarely wait for each other; the machinery both limiters share.
///
/// A key is hashed once: the top bits of its hash pick the shard, and the shard's
/// ``ProbingTable`` finds the key's slot from the low bits.
///
/// Idle keys are swept shard by shard, in amortised O(1): after a shard has made as many
/// decisions as it holds keys (at least ``sweepInterval``), it sweeps itself, and the sweep
/// rebuilds the shard's table at the size the remaining keys need, so that a million keys that
/// came and went do not keep their memory.
@usableFromInline
final class KeyedShards<Key: Hashable, Policy: RateLimitPolicy>: @unchecked Sendable {
    @usableFromInline typealias State = Policy.State

    @usableFromInline
    final class Shard: @unchecked Sendable {
        @usableFromInline let lock = Lock()
        // Every access happens under `lock`; the runtime's exclusivity checks would repeat it.
        @usableFromInline @exclusivity(unchecked) var states = ProbingTable<Key, State>()
        @usableFromInline @exclusivity(unchecked) var allowed = 0
        @usableFromInline @exclusivity(unchecked) var blocked = 0
        @usableFromInline @exclusivity(unchecked) var expired = 0
        @usableFromInline @exclusivity(unchecked) var decisionsSinceSweep = 0

        @usableFromInline init() {}
    }

    /// Decisions a shard makes between sweeps, at the least.
    @usableFromInline static var sweepInterval: Int { 1_024 }

    @usableFromInline let shards: [Shard]
    /// How far a hash shifts right to leave the bits that pick its shard.
    @usableFromInline let shardShift: Int

    /// Creates `count` shards, rounded up to a power of two.
    @usableFromInline
    init(count: Int) {
        var bits = 0
        while 1 << bits < max(count, 1) { bits += 1 }
        shards = (0..<(1 << bits)).map { _ in Shard() }
        shardShift = Int.bitWidth - bits
    }

    /// Decides for `key` by `policy`, creating the key's state when absent, counts the
    /// outcome, and sweeps the shard when it is due.
    @inlinable
    func decide(_ key: Key, cost: Int, at now: UInt64, by policy: Policy) -> Bool {
        let hash = key.hashValue
        let shard = shardShift == Int.bitWidth ? shards[0] : shards[Int(UInt(bitPattern: hash) >> UInt(shardShift))]
        return shard.lock.withLock {
            let allowed = shard.states.withValue(forKey: key, hash: hash, default: { policy.initialState(at: now) }) { state in
                policy.decide(&state, cost: cost, at: now)
            }
            if allowed { shard.allowed &+= 1 } else { shard.blocked &+= 1 }
            shard.decisionsSinceSweep &+= 1
            if shard.decisionsSinceSweep >= max(Self.sweepInterval, shard.states.count) {
                sweep(shard, at: now, by: policy)
            }
            return allowed
        }
    }

    /// Sweeps every shard; returns the keys forgotten.
    @inlinable
    func sweepAll(at now: UInt64, by policy: Policy) -> Int {
        shards.reduce(0) { total, shard in total + shard.lock.withLock { sweep(shard, at: now, by: policy) } }
    }

    /// Removes the idle keys of `shard`, which the caller has locked.
    @inlinable
    @discardableResult
    func sweep(_ shard: Shard, at now: UInt64, by policy: Policy) -> Int {
        shard.decisionsSinceSweep = 0
        let removed = shard.states.removeAll { policy.isIdle($0, at: now) }
        shard.expired &+= removed
        return removed
    }

    var statistics: RateLimiterStatistics {
        shards.reduce(into: RateLimiterStatistics()) { total, shard in
            shard.lock.withLock {
                total.allowed += shard.allowed
                total.blocked += shard.blocked
                total.trackedKeys += shard.states.count
                total.expiredKeys += shard.expired
            }
        }
    }
}

