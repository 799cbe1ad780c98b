import ServerComponents
import Yardstick

/// The rate limiters, one key at a time and in bursts over many keys from concurrent tasks.
///
/// - `single`: one client under a token bucket whose budget holds, so every decision is an
///   allowed one: the hot path of a limiter in front of a healthy service.
/// - `single.sliding-window`: the same with the sliding-window limiter.
/// - `burst`: a call is a burst of 256 decisions, 64 from each of four concurrent tasks,
///   over 10,000 client addresses of which a few hundred are hot and exhaust their buckets, so
///   allowed and blocked decisions mix and the shards' locks are contended.
/// - `reference.locked-dictionary`: the floor under `single`: the same key counted in a
///   `Dictionary` under the same kind of lock, without a clock read or refill arithmetic.
public let rateLimitingSuite = Suite("rate-limit") {
    // A decision for a known key updates its state in place: no allocation.
    Benchmark("single", configuration: .init(iterations: 5_000, budgets: [.allocations(perCall: 0)]), setUp: { RateLimitWorkload.generousTokenBucket() }) { limiter, _ in
        limiter.allow(RateLimitWorkload.singleClient)
    }
    Benchmark("single.sliding-window", configuration: .init(iterations: 5_000, budgets: [.allocations(perCall: 0)]), setUp: { RateLimitWorkload.generousSlidingWindow() }) { limiter, _ in
        limiter.allow(RateLimitWorkload.singleClient)
    }
    // Its limiter drops keys that have gone idle, by the clock, and rebuilds a shard's table for
    // the survivors, so the bytes a pass leaves behind depend on timing: 0 B per call in most
    // processes, -0.13 B or +6.3 B (one table regrown in a 1,000-call pass) in others. A net-bytes
    // tolerance of 16 B per call passes that and still catches a leak of one block per call
    // (malloc's smallest is 24 B).
    Benchmark(
        "burst",
        configuration: .init(
            iterations: 1_000, throughput: .operations(RateLimitWorkload.burstDecisions),
            gates: [.counter(.netBytes, tolerance: .count(16))]
        ),
        setUp: { RateLimitWorkload.burstLimiter() }
    ) { limiter, index in
        await RateLimitWorkload.burst(limiter, call: index)
    }
    Benchmark("reference.locked-dictionary", configuration: .init(iterations: 5_000, isControl: true), setUp: { LockedCounter() }) { counter, _ in
        counter.increment(RateLimitWorkload.singleClient)
    }
}

enum RateLimitWorkload {
    static let singleClient = "203.0.113.7"

    static let tasksPerBurst = 4
    static let decisionsPerTask = 64
    static var burstDecisions: Int { tasksPerBurst * decisionsPerTask }

    /// Client addresses: 10,000 distinct strings, as a server keys its limiter by.
    static let clients: [String] = (0..<10_000).map { "10.\($0 >> 16 & 255).\($0 >> 8 & 255).\($0 & 255)" }

    @Sendable static func generousTokenBucket() -> TokenBucketLimiter<String> {
        TokenBucketLimiter(capacity: Int.max >> 11, refillRate: 1e12)
    }

    @Sendable static func generousSlidingWindow() -> SlidingWindowLimiter<String> {
        SlidingWindowLimiter(limit: Int.max >> 11, window: .seconds(1))
    }

    /// 50 requests a second with bursts of 100, per client.
    @Sendable static func burstLimiter() -> TokenBucketLimiter<String> {
        TokenBucketLimiter(capacity: 100, refillRate: 50)
    }

    /// A burst of decisions from concurrent tasks. Two in three requests come from the 256
    /// hottest clients, which soon run dry; the rest spread over all of them.
    static func burst(_ limiter: TokenBucketLimiter<String>, call: Int) async -> Int {
        await withTaskGroup(of: Int.self) { group in
            for task in 0..<tasksPerBurst {
                group.addTask {
                    var allowed = 0
                    var state = UInt64(truncatingIfNeeded: call &* tasksPerBurst &+ task) &+ 1
                    for _ in 0..<decisionsPerTask {
                        // xorshift: cheap, and different in every task and call.
                        state ^= state << 13
                        state ^= state >> 7
                        state ^= state << 17
                        let draw = Int(truncatingIfNeeded: state >> 1)
                        let client = draw % 3 == 0 ? clients[draw % clients.count] : clients[draw % 256]
                        if limiter.allow(client) { allowed += 1 }
                    }
                    return allowed
                }
            }
            return await group.reduce(0, +)
        }
    }
}

/// Counts per key under a lock: what any limiter must do at the least.
final class LockedCounter: @unchecked Sendable {
    private let lock = Lock()
    // Every access is under `lock`, as in the limiters.
    @exclusivity(unchecked) private var counts: [String: Int] = [:]

    func increment(_ key: String) -> Int {
        lock.withLock { Self.increment(&counts[key, default: 0]) }
    }

    /// One hash lookup, as the limiters make: the count is changed in place.
    private static func increment(_ count: inout Int) -> Int {
        count += 1
        return count
    }
}
