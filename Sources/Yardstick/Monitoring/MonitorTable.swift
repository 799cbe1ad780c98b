/// The text table `bench monitor` prints when it stops: one row per metric with its state,
/// latest value, window statistics and bands, then the active alerts.
struct MonitorTable {
    private let snapshot: DashboardSnapshot

    init(_ snapshot: DashboardSnapshot) {
        self.snapshot = snapshot
    }

    func render() -> String {
        var table = TextTable([
            ("metric", .left), ("state", .left), ("latest", .right), ("min", .right), ("p95", .right),
            ("max", .right), ("points", .right), ("warning", .left), ("critical", .left), ("failures", .right),
        ])
        for metric in snapshot.metrics {
            let unit = metric.unit
            table.append([
                metric.name,
                metric.state.rawValue,
                metric.latest.map(unit.format) ?? "",
                metric.window.map { unit.format($0.min) } ?? "",
                metric.window.map { unit.format($0.p95) } ?? "",
                metric.window.map { unit.format($0.max) } ?? "",
                metric.window.map { String($0.count) } ?? "0",
                metric.warning.map(unit.format) ?? "",
                metric.critical.map(unit.format) ?? "",
                metric.failures > 0 ? String(metric.failures) : "",
            ])
        }
        var text = table.render()
        if snapshot.activeAlerts.isEmpty {
            text += "\nNo active alerts.\n"
        } else {
            text += "\nActive alerts:\n"
            for alert in snapshot.activeAlerts {
                text += "  \(alert.level.rawValue.uppercased()) \(alert.metric): \(alert.message) (since \(Timestamp.format(alert.firstSeen)))\n"
            }
        }
        return text
    }

    /// `31 metrics: 28 ok, 2 warning, 1 critical; 3 failures`.
    static func stateCounts(_ snapshot: DashboardSnapshot) -> String {
        let counts = MetricState.allCases.map { state in
            "\(snapshot.metrics.filter { $0.state == state }.count) \(state.rawValue)"
        }
        let failing = snapshot.metrics.filter { $0.lastFailure != nil && $0.latest == nil }.count
        return "\(Formatting.counted(snapshot.metrics.count, "metric")): \(counts.joined(separator: ", "))"
            + (failing > 0 ? "; \(failing) never measured" : "")
    }
}
