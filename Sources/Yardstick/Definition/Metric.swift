/// A quantity measured per call that a gate or budget can watch. Lower is better for all of them.
public enum Metric: Sendable, Hashable, CustomStringConvertible {
    /// Wall time per call at a percentile: `.wallTime(.p50)` is the median.
    case wallTime(Percentile)
    /// The process's CPU time per call.
    case cpuTime

    /// The median wall time per call, the primary metric of every benchmark.
    public static let median = Metric.wallTime(.p50)

    /// `p50`, `p99`, `cpu`: how reports and the JSON name the metric.
    public var description: String {
        switch self {
        case .wallTime(let percentile): percentile.rawValue
        case .cpuTime: "cpu"
        }
    }

    /// The metric named `text` (`p50` … `p999`, `cpu`).
    public init?(_ text: String) {
        if text == "cpu" {
            self = .cpuTime
        } else if let percentile = Percentile(rawValue: text) {
            self = .wallTime(percentile)
        } else {
            return nil
        }
    }
}

/// A percentile that ``Percentiles`` reports.
public enum Percentile: String, Sendable, Hashable, CaseIterable, Codable {
    case p50, p75, p90, p95, p99, p999

    /// The fraction, such as 0.99 for p99.
    public var fraction: Double {
        switch self {
        case .p50: 0.5
        case .p75: 0.75
        case .p90: 0.9
        case .p95: 0.95
        case .p99: 0.99
        case .p999: 0.999
        }
    }
}

extension Metric: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let metric = Metric(text) else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: "unknown metric '\(text)' (expected p50, p75, p90, p95, p99, p999 or cpu)"
            ))
        }
        self = metric
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
