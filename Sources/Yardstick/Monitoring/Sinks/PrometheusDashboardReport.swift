import Foundation

/// A ``DashboardSnapshot`` in the Prometheus text exposition format (0.0.4), for
/// node_exporter's textfile collector (see ``PrometheusTextfileWriter``) or a Pushgateway (see
/// ``PushgatewayClient``). Samples carry no timestamps, since the textfile collector refuses
/// them; the snapshot's time is a metric of its own.
///
/// Values of metrics in nanoseconds are exported in seconds, Prometheus's base unit, as
/// ``PrometheusReport`` exports benchmarks; fractions stay ratios, counts and plain numbers
/// stay as they are. Every metric is labelled `metric` with its name.
///
/// - `yardstick_monitor_value` (gauge): the latest value.
/// - `yardstick_monitor_value_timestamp_seconds` (gauge): when it was recorded, so a probe
///   that stopped reporting shows as stale rather than as its last value.
/// - `yardstick_monitor_window` (gauge): `stat` `min`, `max`, `mean` and `p95` of the values
///   within the monitor's retention.
/// - `yardstick_monitor_window_samples` (gauge): how many values that window holds.
/// - `yardstick_monitor_state` (gauge): 0 ok, 1 warning, 2 critical.
/// - `yardstick_monitor_threshold` (gauge): the bands' edges, labelled `band` `warning` or
///   `critical` and `edge` `min` or `max`; an open edge has no sample.
/// - `yardstick_monitor_failures_total` (counter): failed samples since the monitor started.
/// - `yardstick_monitor_active_alerts` (gauge): active alerts by `level`, 0 included, so an
///   alerting rule sees a zero rather than nothing.
/// - `yardstick_monitor_snapshot_timestamp_seconds` (gauge): when the snapshot was taken.
public struct PrometheusDashboardReport: Sendable {
    /// The snapshot rendered.
    public let snapshot: DashboardSnapshot

    /// A report of `snapshot`.
    public init(_ snapshot: DashboardSnapshot) {
        self.snapshot = snapshot
    }

    /// The exposition text, ending with a line break.
    public func render() -> String {
        var values: [String] = []
        var valueTimes: [String] = []
        var window: [String] = []
        var windowSamples: [String] = []
        var states: [String] = []
        var thresholds: [String] = []
        var failures: [String] = []
        for metric in snapshot.metrics {
            let label = "metric=\"\(Escaping.prometheusLabel(metric.name))\""
            func scaled(_ value: Double) -> String { PrometheusText.number(Self.baseUnit(value, metric.unit)) }
            if let latest = metric.latest {
                values.append("yardstick_monitor_value{\(label)} \(scaled(latest))")
            }
            if let latestAt = metric.latestAt {
                valueTimes.append("yardstick_monitor_value_timestamp_seconds{\(label)} \(PrometheusText.timestamp(latestAt))")
            }
            if let summary = metric.window {
                for (stat, value) in [("min", summary.min), ("max", summary.max), ("mean", summary.mean), ("p95", summary.p95)] {
                    window.append("yardstick_monitor_window{\(label),stat=\"\(stat)\"} \(scaled(value))")
                }
                windowSamples.append("yardstick_monitor_window_samples{\(label)} \(summary.count)")
            }
            states.append("yardstick_monitor_state{\(label)} \(metric.state.code)")
            for (band, edges) in [("warning", metric.warning), ("critical", metric.critical)] {
                guard let edges else { continue }
                for (edge, value) in [("min", edges.minimum), ("max", edges.maximum)] {
                    guard let value else { continue }
                    thresholds.append("yardstick_monitor_threshold{\(label),band=\"\(band)\",edge=\"\(edge)\"} \(scaled(value))")
                }
            }
            failures.append("yardstick_monitor_failures_total{\(label)} \(metric.failures)")
        }
        let alerts = AlertLevel.allCases.map { level in
            "yardstick_monitor_active_alerts{level=\"\(level.rawValue)\"} \(snapshot.activeAlerts.filter { $0.level == level }.count)"
        }

        let families = [
            PrometheusText.family("yardstick_monitor_value", "gauge",
                "The latest value of a monitored metric; durations in seconds, fractions as ratios.", values),
            PrometheusText.family("yardstick_monitor_value_timestamp_seconds", "gauge",
                "When the latest value of a monitored metric was recorded, in seconds since the Unix epoch.", valueTimes),
            PrometheusText.family("yardstick_monitor_window", "gauge",
                "Minimum, maximum, mean and 95th percentile of a metric's values within the monitor's retention; durations in seconds.", window),
            PrometheusText.family("yardstick_monitor_window_samples", "gauge",
                "Values of a metric within the monitor's retention.", windowSamples),
            PrometheusText.family("yardstick_monitor_state", "gauge",
                "Where a monitored metric stands: 0 ok, 1 warning, 2 critical.", states),
            PrometheusText.family("yardstick_monitor_threshold", "gauge",
                "An edge of a metric's warning or critical band; durations in seconds.", thresholds),
            PrometheusText.family("yardstick_monitor_failures_total", "counter",
                "Samples of a metric that failed since the monitor started.", failures),
            PrometheusText.family("yardstick_monitor_active_alerts", "gauge",
                "Active alerts by level.", alerts),
            PrometheusText.family("yardstick_monitor_snapshot_timestamp_seconds", "gauge",
                "When the dashboard snapshot was taken, in seconds since the Unix epoch.",
                ["yardstick_monitor_snapshot_timestamp_seconds \(PrometheusText.timestamp(snapshot.takenAt))"]),
        ]
        return families.filter { !$0.isEmpty }.joined(separator: "\n") + "\n"
    }

    /// `value` in Prometheus's base unit for `unit`: seconds for nanoseconds.
    static func baseUnit(_ value: Double, _ unit: MetricUnit) -> Double {
        switch unit {
        case .nanoseconds: value / 1e9
        case .fraction, .count, .plain: value
        }
    }
}
