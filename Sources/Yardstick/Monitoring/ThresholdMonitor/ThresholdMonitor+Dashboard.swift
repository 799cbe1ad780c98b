import Foundation

extension ThresholdMonitor {
    /// Every metric's latest value, window statistics, state and failures, with the active alerts.
    public func snapshot() -> DashboardSnapshot {
        let now = clock.now
        let names = Set(series.keys).union(thresholds.keys).union(failures.keys).union(verdictAlerts.keys).union(probes.keys)
        let metrics = names.sorted().map { name -> MetricSnapshot in
            var window = series[name]
            window?.dropExpired(now: now)
            let states = [valueAlerts[name]?.state, failureAlerts[name]?.state, verdictAlerts[name].map(\.level).map(MetricState.init)]
            return MetricSnapshot(
                name: name,
                unit: thresholds[name]?.unit ?? (verdictAlerts[name] != nil ? .nanoseconds : .plain),
                state: states.compactMap { $0 }.max() ?? .ok,
                latest: window?.latest?.value,
                latestAt: window?.latest?.time,
                window: window?.summary(),
                warning: thresholds[name]?.warning,
                critical: thresholds[name]?.critical,
                failures: failures[name]?.count ?? 0,
                lastFailure: failures[name]?.last
            )
        }
        return DashboardSnapshot(takenAt: now, retention: retention, metrics: metrics, activeAlerts: activeAlerts)
    }

    /// The series of `metric`, oldest point first; empty when it has none.
    public func points(of metric: String) -> [TimeSeries.Point] {
        var window = series[metric]
        window?.dropExpired(now: clock.now)
        return window?.points ?? []
    }
}
