import ServerComponents
import Synchronization
import Yardstick

/// `rate-limit.blocked`, `rate-limit.allowed` and `rate-limit.tracked-keys`: a fixed burst of
/// requests from a fixed set of clients against a long-lived ``TokenBucketLimiter``, some of
/// them polite and some greedy; the count of refusals in the burst, the count of requests the
/// limiter's own statistics say it allowed in the burst (``RateLimiterStatistics/allowed``),
/// and the keys it holds state for after the burst (``RateLimiterStatistics/trackedKeys``).
/// Each probe sends a burst of its own.
///
/// Each client may burst ``RateLimitProbeWorkload/capacity`` requests, refilled at
/// ``RateLimitProbeWorkload/refillRate`` a second. In every burst the
/// ``RateLimitProbeWorkload/politeClients`` send fewer than that and the
/// ``RateLimitProbeWorkload/greedyClients`` far more, so a healthy limiter refuses exactly the
/// greedy clients' excess, ``RateLimitProbeWorkload/expectedBlocked``, whatever the order of
/// the requests: a limiter that refuses nothing is as broken as one that refuses everyone.
///
/// The burst comes from four concurrent tasks, as the rate-limiting suite's `burst` does, so
/// the shards' locks are contended; the count does not depend on how the tasks interleave.
///
/// Every burst's clients are new to the limiter (their keys carry the burst's number), so each
/// starts with a full bucket however short the interval, and the limiter's forgetting of idle
/// keys is exercised too. The count assumes no client earns a token during a burst, which
/// holds while it takes under 50 ms (it takes well under one); a burst stalled for longer
/// refuses up to one request fewer per greedy client for each 50 ms.
enum RateLimitProbes {
    static let blocked = "rate-limit.blocked"
    static let allowed = "rate-limit.allowed"
    static let trackedKeys = "rate-limit.tracked-keys"

    static func probes(interval: Duration, timeout: Duration) -> [MonitorProbe] {
        let state = RateLimitProbeState()
        return [
            MonitorProbe(blocked, interval: interval, timeout: timeout) { Double(await state.burst().blocked) },
            MonitorProbe(allowed, interval: interval, timeout: timeout) { Double(await state.burst().allowed) },
            MonitorProbe(trackedKeys, interval: interval, timeout: timeout) { Double(await state.burst().trackedKeys) },
        ]
    }

    static let thresholds: [Threshold] = {
        let expected = Double(RateLimitProbeWorkload.expectedBlocked)
        let greedy = Double(RateLimitProbeWorkload.greedyClients)
        return [
            // Measured: 320 in every sample of 5 release processes, the expected count exactly,
            // with samples 0.6 s apart (before bursts used new keys); a burst took 0.15-0.35 ms (2-10 ms for the first, which
            // starts the tasks' threads). The warning band
            // allows one token more or less per greedy client (a burst stalled for 50 ms
            // earns each one a token); the critical band a quarter of the count either way.
            Threshold(
                metric: blocked, unit: .count,
                warning: ThresholdBand(minimum: expected - greedy, maximum: expected + greedy),
                critical: ThresholdBand(minimum: expected * 0.75, maximum: expected * 1.25)
            ),
            // The rest of the burst, 448, banded as the refusals are: from the limiter's own
            // count, so a limiter that refuses correctly but miscounts shows here.
            Threshold(
                metric: allowed, unit: .count,
                warning: ThresholdBand(minimum: allowedExpected - greedy, maximum: allowedExpected + greedy),
                critical: ThresholdBand(minimum: allowedExpected * 0.75, maximum: allowedExpected * 1.25)
            ),
            // Every burst brings 64 new clients. A shard forgets idle keys (refilled, after
            // 0.5 s) when its decisions since its last sweep reach its key count or 1,024, about
            // every 21 bursts at 48 decisions a shard, so a healthy limiter holds 64 to about
            // 1,400 keys. Past 32 bursts' keys it is not forgetting; past 128, critical: the
            // memory a server's limiter holds grows with every client it ever saw.
            Threshold(
                metric: trackedKeys, unit: .count,
                warning: .atMost(Double(32 * clients)), critical: .atMost(Double(128 * clients))
            ),
        ]
    }()

    private static var allowedExpected: Double { Double(RateLimitProbeWorkload.requests - RateLimitProbeWorkload.expectedBlocked) }
    private static var clients: Int { RateLimitProbeWorkload.politeClients + RateLimitProbeWorkload.greedyClients }
}

/// The burst's shape.
enum RateLimitProbeWorkload {
    /// A client's largest burst.
    static let capacity = 10
    /// Tokens a second: a bucket refills from empty in ``refillTime`` and earns one token
    /// every 50 ms.
    static let refillRate = 20.0
    /// Seconds a bucket takes to refill from empty.
    static var refillTime: Double { Double(capacity) / refillRate }

    /// Clients sending ``politeRequests`` a burst, within their budget.
    static let politeClients = 48
    static let politeRequests = 6
    /// Clients sending ``greedyRequests`` a burst, three times their budget.
    static let greedyClients = 16
    static let greedyRequests = 30

    /// The refusals a healthy limiter makes in a burst: the greedy clients' excess (320).
    static var expectedBlocked: Int { greedyClients * (greedyRequests - capacity) }
    /// Decisions in a burst (768).
    static var requests: Int { politeClients * politeRequests + greedyClients * greedyRequests }

    /// Concurrent tasks a burst is split over.
    static let tasks = 4

    /// The burst's requests, by client address (the rate-limiting suite's addresses), in an
    /// order shuffled once by a seeded generator and then split over ``tasks``.
    static let taskRequests: [[String]] = {
        var requests: [String] = []
        for client in 0..<politeClients {
            requests += repeatElement(RateLimitWorkload.clients[client], count: politeRequests)
        }
        for client in politeClients..<(politeClients + greedyClients) {
            requests += repeatElement(RateLimitWorkload.clients[client], count: greedyRequests)
        }
        var generator = SplitMix64(seed: "rate-limit.probe")
        // Fisher-Yates by hand: the standard library's shuffle may change between releases.
        for index in stride(from: requests.count - 1, to: 0, by: -1) {
            requests.swapAt(index, Int(generator.next() % UInt64(index + 1)))
        }
        let perTask = (requests.count + tasks - 1) / tasks
        return stride(from: 0, to: requests.count, by: perTask).map {
            Array(requests[$0..<min($0 + perTask, requests.count)])
        }
    }()
}

/// The limiter the probe's calls share; it is thread-safe by its own locks.
final class RateLimitProbeState: Sendable {
    let limiter = TokenBucketLimiter<String>(
        capacity: RateLimitProbeWorkload.capacity, refillRate: RateLimitProbeWorkload.refillRate
    )
    private let bursts = Mutex(0)

    /// What one burst did.
    struct Burst {
        /// Requests refused, counted from `allow`'s answers.
        var blocked: Int
        /// Requests allowed, from the difference of the limiter's statistics across the burst.
        var allowed: Int
        /// Keys the limiter holds state for after the burst.
        var trackedKeys: Int
    }

    /// Sends one burst and returns what it did. Bursts of the probes run one at a time, so the
    /// statistics' difference across one counts its own requests alone.
    func burst() async -> Burst {
        await serial.run { await self.sendBurst() }
    }

    private let serial = SerialBursts()

    private func sendBurst() async -> Burst {
        let before = limiter.statistics
        let blocked = await refusals()
        let after = limiter.statistics
        return Burst(blocked: blocked, allowed: after.allowed - before.allowed, trackedKeys: after.trackedKeys)
    }

    /// Sends one burst's requests and returns how many were refused.
    private func refusals() async -> Int {
        let limiter = limiter
        let number = bursts.withLock { count in
            count += 1
            return count
        }
        return await withTaskGroup(of: Int.self) { group in
            for requests in RateLimitProbeWorkload.taskRequests {
                group.addTask {
                    var refused = 0
                    for client in requests where !limiter.allow("\(client)#\(number)") { refused += 1 }
                    return refused
                }
            }
            return await group.reduce(0, +)
        }
    }
}

/// Runs the probes' bursts one after another: a monitor samples probes one at a time, but a
/// burst must not overlap another even when called from elsewhere.
private actor SerialBursts {
    private var running = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func run<Result: Sendable>(_ body: @Sendable () async -> Result) async -> Result {
        if running {
            await withCheckedContinuation { waiting.append($0) }
        }
        running = true
        let result = await body()
        if waiting.isEmpty { running = false } else { waiting.removeFirst().resume() }
        return result
    }
}
