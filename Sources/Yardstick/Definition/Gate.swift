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
}

/// An absolute limit on one metric, checked on every run, with or without a baseline:
/// "p99 under 10 ms".
///
/// ```swift
/// Benchmark("get", configuration: .init(budgets: [.wallTime(.p99, under: .milliseconds(10))])) { ... }
/// ```
public struct Budget: Sendable, Hashable, Codable {
    /// What is limited. For wall time, the percentile of all the run's samples; for CPU time,
    /// the median over rounds of CPU time per call.
    public var metric: Metric
    /// The most the metric may be.
    public var limit: Duration

    /// Creates a budget.
    public init(metric: Metric, limit: Duration) {
        self.metric = metric
        self.limit = limit
    }

    /// A limit on wall time per call at a percentile.
    public static func wallTime(_ percentile: Percentile, under limit: Duration) -> Budget {
        Budget(metric: .wallTime(percentile), limit: limit)
    }

    /// A limit on CPU time per call.
    public static func cpuTime(under limit: Duration) -> Budget {
        Budget(metric: .cpuTime, limit: limit)
    }

    private enum CodingKeys: String, CodingKey { case metric, limitNanoseconds }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        metric = try container.decode(Metric.self, forKey: .metric)
        limit = .nanoseconds(try container.decode(Int64.self, forKey: .limitNanoseconds))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(metric, forKey: .metric)
        try container.encode(limit.nanoseconds, forKey: .limitNanoseconds)
    }
}
