import Foundation

/// What a dashboard shows at one moment: every metric's state and recent values, and the
/// active alerts. Encodes to the JSON that `bench monitor --dashboard` writes.
public struct DashboardSnapshot: Sendable, Hashable, Codable {
    /// When it was taken.
    public var takenAt: Date
    /// The history each metric keeps.
    public var retention: MonitorRetention
    /// One entry per metric, by name.
    public var metrics: [MetricSnapshot]
    /// The active alerts, the most severe first.
    public var activeAlerts: [Alert]

    /// The snapshot as indented JSON with sorted keys and ISO 8601 dates.
    public func jsonData() throws -> Data {
        JSONLayout.indent(try ResultsFile.encodeCompact(self))
    }

    /// The state of `metric`, if the snapshot has it.
    public func state(of metric: String) -> MetricState? {
        metrics.first { $0.name == metric }?.state
    }
}

/// One metric on the dashboard.
public struct MetricSnapshot: Sendable, Hashable, Codable {
    /// The metric's name.
    public var name: String
    /// How its values print.
    public var unit: MetricUnit
    /// Ok, or the level of its most severe active alert.
    public var state: MetricState
    /// The newest value in the window.
    public var latest: Double?
    /// When it was recorded.
    public var latestAt: Date?
    /// Statistics of the values within the retention.
    public var window: WindowSummary?
    /// The warning band, if it has a threshold.
    public var warning: ThresholdBand?
    /// The critical band, if it has a threshold.
    public var critical: ThresholdBand?
    /// Failed samples since the monitor started.
    public var failures: Int
    /// Why the latest failure failed.
    public var lastFailure: String?
}
