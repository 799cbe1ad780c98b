import Foundation

extension ThresholdMonitor {
    /// Records a value of `metric` at the clock's time and evaluates its threshold.
    ///
    /// A value that is not finite is recorded as a failure instead: it has no place in a band.
    /// - Returns: The alert event the value caused, if any.
    @discardableResult
    public func record(_ value: Double, for metric: String) -> AlertEvent? {
        guard value.isFinite else {
            return recordFailure(of: metric, reason: "returned a value that is not finite: \(value)")
        }
        let now = clock.now
        series[metric, default: TimeSeries(retention: retention)].append(value, at: now)
        _ = settleFailures(of: metric, failed: false, at: now)
        guard let threshold = thresholds[metric] else { return nil }
        var tracker = valueAlerts[metric] ?? AlertTracker(hysteresis: threshold.hysteresis)
        let event = tracker.observe(
            threshold.classify(value),
            at: now,
            describe: { state, alert in
                alert.value = value
                alert.band = threshold.band(for: state)
                alert.message = Self.breachMessage(value, state: state, threshold: threshold)
            },
            newAlert: { state, firstSeen in
                self.newAlert(metric: metric, level: state.alertLevel ?? .warning, source: .threshold, unit: threshold.unit, firstSeen: firstSeen)
            }
        )
        valueAlerts[metric] = tracker
        if let event { emit(event) }
        return event
    }

    /// Records that `metric` could not be measured: counted on the dashboard, and after as many
    /// failures in a row as its hysteresis fires on, a warning alert. It breaks the metric's
    /// value streaks: samples before and after a failure are not in a row.
    @discardableResult
    public func recordFailure(of metric: String, reason: String) -> AlertEvent? {
        let now = clock.now
        valueAlerts[metric]?.breakStreaks()
        failures[metric, default: FailureRecord()].count += 1
        failures[metric, default: FailureRecord()].last = reason
        series[metric, default: TimeSeries(retention: retention)].dropExpired(now: now)
        let event = settleFailures(of: metric, failed: true, at: now, reason: reason)
        return event
    }

    private func settleFailures(of metric: String, failed: Bool, at now: Date, reason: String = "") -> AlertEvent? {
        let hysteresis = thresholds[metric]?.hysteresis ?? Hysteresis()
        guard failed || failureAlerts[metric] != nil else { return nil }
        var tracker = failureAlerts[metric] ?? AlertTracker(hysteresis: hysteresis)
        let unit = thresholds[metric]?.unit ?? .plain
        let event = tracker.observe(
            failed ? .warning : .ok,
            at: now,
            describe: { _, alert in
                alert.message = "probe failing: \(reason)"
            },
            newAlert: { _, firstSeen in
                self.newAlert(metric: metric, level: .warning, source: .probeFailure, unit: unit, firstSeen: firstSeen)
            }
        )
        failureAlerts[metric] = tracker
        if let event { emit(event) }
        return event
    }

    private static func breachMessage(_ value: Double, state: MetricState, threshold: Threshold) -> String {
        let formatted = threshold.unit.format(value)
        guard let band = threshold.band(for: state) else {
            return "\(formatted), inside its bands"
        }
        return "\(formatted) outside \(threshold.unit.format(band))"
    }
}
