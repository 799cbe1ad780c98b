/// Per-key state split over shards, each with its own lock, so that decisions for different keys
/// rarely wait for each other; the machinery both limiters share.
///
/// Idle keys are swept shard by shard, in amortised O(1): after a shard has made as many
/// decisions as it holds keys (at least ``sweepInterval``), it sweeps itself. A sweep that
/// leaves a shard's table less than a quarter full rebuilds the table at its new size, since a
/// Swift `Dictionary` never gives back memory when entries are removed: without that, a million
/// keys that came and went would keep their storage for good.
@usableFromInline
final class KeyedShards<Key: Hashable, Policy: RateLimitPolicy>: @unchecked Sendable {
    @usableFromInline typealias State = Policy.State

    @usableFromInline
    final class Shard: @unchecked Sendable {
        @usableFromInline let lock = Lock()
        // Every access happens under `lock`; the runtime's exclusivity checks would repeat it.
        @usableFromInline @exclusivity(unchecked) var states: [Key: State] = [:]
        @usableFromInline @exclusivity(unchecked) var allowed = 0
        @usableFromInline @exclusivity(unchecked) var blocked = 0
        @usableFromInline @exclusivity(unchecked) var expired = 0
        @usableFromInline @exclusivity(unchecked) var decisionsSinceSweep = 0

        @usableFromInline init() {}
    }

    /// Decisions a shard makes between sweeps, at the least.
    @usableFromInline static var sweepInterval: Int { 1_024 }

    @usableFromInline let shards: [Shard]
    @usableFromInline let mask: Int

    /// Creates `count` shards, rounded up to a power of two.
    @usableFromInline
    init(count: Int) {
        var size = 1
        while size < max(count, 1) { size <<= 1 }
        shards = (0..<size).map { _ in Shard() }
        mask = size - 1
    }


    /// Decides for `key` by `policy`, creating the key's state when absent, counts the
    /// outcome, and sweeps the shard when it is due.
    @inlinable
    func decide(_ key: Key, cost: Int, at now: UInt64, by policy: Policy) -> Bool {
        // The key is hashed twice, here and in the table; keeping its hash beside it in the
        // table measured no faster, since hashing that integer costs a SipHash finalisation too.
        let shard = shards.count == 1 ? shards[0] : shards[key.hashValue & mask]
        return shard.lock.withLock {
            let allowed = policy.decide(&shard.states[key, default: policy.initialState(at: now)], cost: cost, at: now)
            if allowed { shard.allowed &+= 1 } else { shard.blocked &+= 1 }
            shard.decisionsSinceSweep &+= 1
            if shard.decisionsSinceSweep >= max(Self.sweepInterval, shard.states.count) {
                sweep(shard, at: now, by: policy)
            }
            return allowed
        }
    }

    /// Sweeps every shard; returns the keys forgotten.
    @usableFromInline
    func sweepAll(at now: UInt64, by policy: Policy) -> Int {
        shards.reduce(0) { total, shard in total + shard.lock.withLock { sweep(shard, at: now, by: policy) } }
    }

    /// Removes the idle keys of `shard`, which the caller has locked.
    @usableFromInline
    @discardableResult
    func sweep(_ shard: Shard, at now: UInt64, by policy: Policy) -> Int {
        shard.decisionsSinceSweep = 0
        let before = shard.states.count
        shard.states = shard.states.filter { !policy.isIdle($0.value, at: now) }
        let removed = before - shard.states.count
        shard.expired &+= removed
        if shard.states.capacity > 64, shard.states.count < shard.states.capacity / 4 {
            var smaller = [Key: State](minimumCapacity: shard.states.count)
            for (key, state) in shard.states { smaller[key] = state }
            shard.states = smaller
        }
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

