/// How urgent an alert is. Ordered: `info < warning < critical`.
public enum AlertLevel: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Worth knowing, never worth waking anyone: a benchmark that improved.
    case info
    /// Out of the warning band for long enough to count.
    case warning
    /// Out of the critical band for long enough to count, or a benchmark that failed.
    case critical

    private var rank: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .critical: 2
        }
    }

    public static func < (lhs: AlertLevel, rhs: AlertLevel) -> Bool { lhs.rank < rhs.rank }
}

/// Where a metric stands: inside its bands, or which band it has been confirmed outside of.
public enum MetricState: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// No active alert.
    case ok
    /// A warning alert is active.
    case warning
    /// A critical alert is active.
    case critical

    /// The alert level a metric in this state raises; `nil` for ``ok``.
    public var alertLevel: AlertLevel? {
        switch self {
        case .ok: nil
        case .warning: .warning
        case .critical: .critical
        }
    }

    /// 0 for ok, 1 for warning, 2 for critical: the order, and the code Prometheus text shows.
    var code: Int {
        switch self {
        case .ok: 0
        case .warning: 1
        case .critical: 2
        }
    }

    public static func < (lhs: MetricState, rhs: MetricState) -> Bool { lhs.code < rhs.code }
}
