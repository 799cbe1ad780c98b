/// A quantity measured per call that a gate or budget can watch. Lower is better for all of them.
public enum Metric: Sendable, Hashable, CustomStringConvertible {
    /// Wall time per call at a percentile: `.wallTime(.p50)` is the median.
    case wallTime(Percentile)
    /// The mean wall time per call over all the run's samples: the figure a ceiling such as
    /// "cache operations under 10 ms on average" speaks of. A budget only: a gate compares
    /// rounds, and a round records percentiles, not its mean.
    case mean
    /// The process's CPU time per call.
    case cpuTime
    /// Heap blocks allocated per call, counted exactly (see ``AllocationCounts``).
    case allocations
    /// Usable bytes allocated per call.
    case allocatedBytes
    /// Bytes allocated less bytes freed, per call: what a call leaves behind.
    case netBytes
    /// The most heap the counting pass's calls held at once, in bytes (not per call).
    case peakBytes

    /// The median wall time per call, the primary metric of every benchmark.
    public static let median = Metric.wallTime(.p50)

    /// The counted metrics, in the order reports list them.
    public static let counters: [Metric] = [.allocations, .allocatedBytes, .netBytes, .peakBytes]

    /// Whether the metric is counted (exact, from the counting pass) rather than timed.
    public var isCounter: Bool {
        switch self {
        case .wallTime, .mean, .cpuTime: false
        case .allocations, .allocatedBytes, .netBytes, .peakBytes: true
        }
    }

    /// `p50`, `p99`, `mean`, `cpu`, `allocations`, `bytes`: how reports and the JSON name the
    /// metric.
    public var description: String {
        switch self {
        case .wallTime(let percentile): percentile.rawValue
        case .mean: "mean"
        case .cpuTime: "cpu"
        case .allocations: "allocations"
        case .allocatedBytes: "bytes"
        case .netBytes: "net-bytes"
        case .peakBytes: "peak-bytes"
        }
    }

    /// The metric named `text` (`p50` … `p999`, `mean`, `cpu`, or a counter's name).
    public init?(_ text: String) {
        if text == "cpu" {
            self = .cpuTime
        } else if text == "mean" {
            self = .mean
        } else if let percentile = Percentile(rawValue: text) {
            self = .wallTime(percentile)
        } else if let counter = Self.counters.first(where: { $0.description == text }) {
            self = counter
        } else {
            return nil
        }
    }

    /// A value of this metric as people read it: a duration for times, a count per call, or
    /// bytes.
    func format(_ value: Double) -> String {
        switch self {
        case .wallTime, .mean, .cpuTime: Formatting.duration(nanoseconds: value)
        case .allocations: Formatting.count(value)
        case .allocatedBytes, .netBytes, .peakBytes: Formatting.bytes(value)
        }
    }

    /// What the value is per: "per call", or nothing for the peak.
    var unitSuffix: String {
        switch self {
        case .peakBytes: ""
        case .allocations: " allocations per call"
        default: " per call"
        }
    }
}

extension Metric: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let metric = Metric(text) else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: "unknown metric '\(text)' (expected p50, p75, p90, p95, p99, p999, mean, cpu, allocations, bytes, net-bytes or peak-bytes)"
            ))
        }
        self = metric
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
