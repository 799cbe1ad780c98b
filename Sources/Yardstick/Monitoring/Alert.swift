import Foundation

/// An incident on one metric: raised when a value stayed outside a band, or a probe kept failing,
/// or a benchmark run reported a regression or an error; it lasts until resolved.
public struct Alert: Sendable, Hashable, Codable, Identifiable {
    /// Unique within the monitor that raised it, increasing.
    public var id: Int
    /// How urgent it is now; it may rise and fall while the alert lasts.
    public var level: AlertLevel
    /// The metric: a probe's name or a benchmark's full name.
    public var metric: String
    /// What raised it.
    public var source: AlertSource
    /// The latest value that kept it at its level; `nil` for a failing probe.
    public var value: Double?
    /// The band the value is outside, when a band raised it.
    public var band: ThresholdBand?
    /// How values print.
    public var unit: MetricUnit
    /// One line for a person.
    public var message: String
    /// When the first sample of the breach that raised it was taken.
    public var firstSeen: Date
    /// When it was resolved; `nil` while it is active.
    public var resolvedAt: Date?

    /// Whether it is still active.
    public var isActive: Bool { resolvedAt == nil }
}

/// What raises an alert.
public enum AlertSource: String, Sendable, Hashable, Codable {
    /// A sampled value outside a threshold's band.
    case threshold
    /// A probe that threw or ran past its timeout.
    case probeFailure = "probe-failure"
    /// A benchmark run's verdict: regressed, over budget, error or improved.
    case verdict
}

/// A change in an alert's life, as sinks receive it.
public struct AlertEvent: Sendable, Hashable, Codable {
    /// What happened.
    public var kind: Kind
    /// The alert as it stands after the change.
    public var alert: Alert
    /// When it happened.
    public var at: Date

    /// What happened to an alert.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// It was raised.
        case fired
        /// Its level rose.
        case escalated
        /// Its level fell, but it is still active.
        case eased
        /// It ended.
        case resolved
        /// Raised and ended at once: information that needs no resolution.
        case notice
    }

    /// Creates an event.
    public init(kind: Kind, alert: Alert, at: Date) {
        self.kind = kind
        self.alert = alert
        self.at = at
    }

    /// One line for a person: `CRITICAL fired cache.get: 15.2 µs outside ≤ 11.0 µs (…)`.
    public var summary: String {
        let level = alert.level.rawValue.uppercased()
        return "\(level) \(kind.rawValue) \(alert.metric): \(alert.message)"
    }
}
