import ServerComponents
import Synchronization
import Yardstick

/// `rate-limit.blocked`: a fixed burst of requests from a fixed set of clients against a
/// long-lived ``TokenBucketLimiter``, some of them polite and some greedy; the count of
/// refusals in the burst.
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

    static func probes(interval: Duration, timeout: Duration) -> [MonitorProbe] {
        let state = RateLimitProbeState()
        return [
            MonitorProbe(blocked, interval: interval, timeout: timeout) { Double(await state.burst()) },
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
        ]
    }()
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

    /// Sends one burst and returns how many of its requests were refused.
    func burst() async -> Int {
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
