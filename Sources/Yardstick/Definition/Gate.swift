/// A comparison with the baseline on one metric, with its own tolerance. Every benchmark has
/// the median gate (its configuration's ``BenchmarkConfiguration/tolerance``); these add others.
///
/// ```swift
/// Benchmark("get", configuration: .init(gates: [.wallTime(.p99, tolerance: .percent(20))])) { ... }
/// ```
public struct Gate: Sendable, Hashable, Codable {
    /// What is compared.
    public var metric: Metric
    /// How large a change must be to count.
    public var tolerance: Tolerance

    /// Creates a gate.
    public init(metric: Metric, tolerance: Tolerance) {
        self.metric = metric
        self.tolerance = tolerance
    }

    /// A gate on wall time per call at a percentile.
    public static func wallTime(_ percentile: Percentile, tolerance: Tolerance) -> Gate {
        Gate(metric: .wallTime(percentile), tolerance: tolerance)
    }

    /// A gate on CPU time per call.
    public static func cpuTime(tolerance: Tolerance) -> Gate {
        Gate(metric: .cpuTime, tolerance: tolerance)
    }

    /// A gate on a counter: `.counter(.allocations, tolerance: .count(1))` lets a benchmark
    /// allocate once more per call before it regresses.
    public static func counter(_ metric: Metric, tolerance: Tolerance) -> Gate {
        Gate(metric: metric, tolerance: tolerance)
    }

    /// The counts every benchmark is judged on. Counts are exact, so whole counts get no
    /// tolerance: one allocation more per call is a regression, and so is one byte more left
    /// behind per call. Bytes get 1%, because a change of malloc's size classes moves usable
    /// sizes without any change of code, and the peak 5%, because it also depends on the order
    /// blocks were freed in. Counts that vary between processes are allowed three times their
    /// measured spread on top (see ``CounterComparison``).
    public static let defaultCounterGates: [Gate] = [
        Gate(metric: .allocations, tolerance: .count(0)),
        Gate(metric: .allocatedBytes, tolerance: .relative(0.01)),
        Gate(metric: .netBytes, tolerance: .count(0)),
        Gate(metric: .peakBytes, tolerance: .relative(0.05)),
    ]
}

/// An absolute limit on one metric, checked on every run, with or without a baseline:
/// "p99 under 10 ms", "no allocation per call".
///
/// ```swift
/// Benchmark("get", configuration: .init(budgets: [.wallTime(.p99, under: .milliseconds(10)), .allocations(perCall: 0)])) { ... }
/// ```
public struct Budget: Sendable, Hashable, Codable {
    /// What is limited. For wall time, the percentile or the mean of all the run's samples; for
    /// CPU time, the median over rounds of CPU time per call; for a counter, its value per call
    /// in the counting pass (the largest over processes when several counted it).
    public var metric: Metric
    /// The most the metric may be, in its unit: nanoseconds per call for times; allocations,
    /// or bytes per call for counters; bytes for the peak.
    public var limit: Double

    /// Creates a budget.
    public init(metric: Metric, limit: Double) {
        self.metric = metric
        self.limit = limit
    }

    /// A limit on wall time per call at a percentile.
    public static func wallTime(_ percentile: Percentile, under limit: Duration) -> Budget {
        Budget(metric: .wallTime(percentile), limit: Double(limit.nanoseconds))
    }

    /// A limit on the mean wall time per call over all the run's samples: "cache operations
    /// under 10 ms on average".
    public static func mean(under limit: Duration) -> Budget {
        Budget(metric: .mean, limit: Double(limit.nanoseconds))
    }

    /// A limit on CPU time per call.
    public static func cpuTime(under limit: Duration) -> Budget {
        Budget(metric: .cpuTime, limit: Double(limit.nanoseconds))
    }

    /// At most `limit` heap allocations per call: `.allocations(perCall: 0)` is a promise that
    /// the operation never allocates.
    public static func allocations(perCall limit: Int) -> Budget {
        Budget(metric: .allocations, limit: Double(limit))
    }

    /// At most `limit` bytes allocated per call.
    public static func allocatedBytes(perCall limit: Int) -> Budget {
        Budget(metric: .allocatedBytes, limit: Double(limit))
    }

    /// At most `limit` bytes left allocated per call: `.netBytes(perCall: 0)` promises no growth.
    public static func netBytes(perCall limit: Int) -> Budget {
        Budget(metric: .netBytes, limit: Double(limit))
    }

    /// At most `bytes` of heap held at once by the counting pass's calls.
    public static func peakMemory(under bytes: Int) -> Budget {
        Budget(metric: .peakBytes, limit: Double(bytes))
    }

    /// Whether the limit is one a run can meet: positive for times, at least zero for counts.
    var isValid: Bool {
        limit.isFinite && (metric.isCounter ? limit >= 0 : limit > 0)
    }

    private enum CodingKeys: String, CodingKey { case metric, limitNanoseconds, limit }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        metric = try container.decode(Metric.self, forKey: .metric)
        if let nanoseconds = try container.decodeIfPresent(Int64.self, forKey: .limitNanoseconds) {
            limit = Double(nanoseconds)
        } else {
            limit = try container.decode(Double.self, forKey: .limit)
        }
    }

    /// Times are written as whole nanoseconds (`limitNanoseconds`), counts as `limit`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(metric, forKey: .metric)
        if metric.isCounter {
            try container.encode(limit, forKey: .limit)
        } else {
            try container.encode(Int64(limit), forKey: .limitNanoseconds)
        }
    }
}
