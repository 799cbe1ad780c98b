import Yardstick

/// The probes `bench monitor` samples beside the benchmarks, with their thresholds.
///
/// | Probe | Unit | What one sample does |
/// |---|---|---|
/// | `cache.hit-rate` | fraction | 4,096 Zipf-distributed reads through an LRU cache of 1,500 entries over 10,000 keys |
/// | `cache.get-latency` | nanoseconds | the same, timed: mean wall time of a read-through get |
/// | `cache.operations-per-second` | plain | the same: reads the cache counted, per second of the window |
/// | `cache.memory-bytes` | count | the bytes the cache's tables hold (``LRUCache/storageBytes``); no reads |
/// | `rate-limit.blocked` | count | a burst of 768 requests from 64 clients, 16 of them greedy, against a token bucket |
/// | `rate-limit.allowed` | count | the same: requests the limiter's statistics count as allowed, 448 when correct |
/// | `rate-limit.tracked-keys` | count | the same: keys the limiter holds state for after the burst |
/// | `validation.time` | nanoseconds | 40 request bodies, one in ten invalid, validated: mean time per document |
/// | `validation.error-rate` | fraction | the same: the fraction rejected, 0.1 when correct |
/// | `database.query-time` | nanoseconds | 64 selects by id on a 10,000-row SQLite table: mean time per select |
/// | `database.slow-queries` | count | the same: selects the repository's slow query log counted over 1 ms |
///
/// Each call builds new probes over new components, which live as long as the probes do; each
/// sample does a fixed amount of work on them, well under a millisecond in a release build (the
/// first `database.query-time` sample also creates and fills its database). Every probe's
/// ``MonitorProbe/interval`` is ``referenceProbeInterval``, a default the command overrides,
/// and its timeout ``referenceProbeTimeout``.
public func referenceProbes() -> [MonitorProbe] {
    let interval = referenceProbeInterval
    let timeout = referenceProbeTimeout
    return CacheProbes.probes(interval: interval, timeout: timeout)
        + RateLimitProbes.probes(interval: interval, timeout: timeout)
        + ValidationProbes.probes(interval: interval, timeout: timeout)
        + DatabaseProbes.probes(interval: interval, timeout: timeout)
}

/// The thresholds of ``referenceProbes()``, one per probe, by the probe's name.
///
/// The latency bands are absolute, set from figures measured in a release build on a 2-core
/// virtual machine (each written beside its threshold): a warning at about five times the
/// typical value and critical at about twenty, so that they flag a real regression, not a
/// busy neighbour. The counts and rates are fixed by their workloads and banded tightly on
/// both sides.
public let referenceProbeThresholds: [Threshold] =
    CacheProbes.thresholds
    + RateLimitProbes.thresholds
    + ValidationProbes.thresholds
    + DatabaseProbes.thresholds

/// How often the reference probes are sampled unless the command says otherwise.
let referenceProbeInterval: Duration = .seconds(30)

/// How long a reference probe's sample may take: far longer than any takes, so that only a
/// stuck component times out.
let referenceProbeTimeout: Duration = .seconds(5)
