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
