import Foundation

/// The hysteresis state machine of one metric: turns each sample's classification into at
/// most one alert event.
///
/// - From *ok*, `fireAfter` samples in a row at critical fire a critical alert; failing that,
///   `fireAfter` in a row at warning or worse fire a warning. Its first-seen time is the first
///   sample of that run.
/// - A warning escalates to critical after `fireAfter` critical samples in a row.
/// - An active alert changes downwards only after `resolveAfter` samples in a row below its
///   level: then it resolves if all of them were good, and eases to a warning otherwise.
///   A sample at or above its level starts that count again.
struct AlertTracker: Sendable {
    private(set) var hysteresis: Hysteresis
    /// The active alert, if any.
    private(set) var alert: Alert?
    private var atLeastWarning = Streak()
    private var atCritical = Streak()
    private var belowLevel = Streak()
    /// The worst state seen during ``belowLevel``.
    private var worstBelowLevel = MetricState.ok
    /// The active alert as described by the latest warning sample of ``belowLevel``: what a
    /// critical alert eases to, even when the sample that completes the count is good.
    private var easedDescription: Alert?

    init(hysteresis: Hysteresis) {
        self.hysteresis = hysteresis
    }

    /// The state the alert puts the metric in.
    var state: MetricState {
        switch alert?.level {
        case .critical: .critical
        case .warning: .warning
        case .info, nil: .ok
        }
    }

    /// Replaces the counts; the streaks in progress are kept.
    mutating func update(_ hysteresis: Hysteresis) {
        self.hysteresis = hysteresis
    }

    /// Takes one sample's classification.
    ///
    /// - Parameters:
    ///   - classification: The sample's state by itself.
    ///   - time: When it was taken.
    ///   - describe: Fills in the alert's value, band and message for a state.
    ///   - newAlert: Makes the alert to raise at a state, first seen at a time.
    mutating func observe(
        _ classification: MetricState,
        at time: Date,
        describe: (MetricState, inout Alert) -> Void,
        newAlert: (MetricState, Date) -> Alert
    ) -> AlertEvent? {
        atLeastWarning.record(classification >= .warning, at: time)
        atCritical.record(classification == .critical, at: time)
        let level = state
        if classification < level {
            if belowLevel.length == 0 { worstBelowLevel = .ok; easedDescription = nil }
            belowLevel.record(true, at: time)
            worstBelowLevel = max(worstBelowLevel, classification)
            if level == .critical, classification == .warning, var described = alert {
                described.level = .warning
                describe(.warning, &described)
                easedDescription = described
            }
        } else {
            belowLevel.record(false, at: time)
        }

        switch level {
        case .ok:
            let firing: (MetricState, Streak)? =
                atCritical.length >= hysteresis.fireAfter ? (.critical, atCritical)
                : atLeastWarning.length >= hysteresis.fireAfter ? (.warning, atLeastWarning)
                : nil
            guard let (state, streak) = firing else { return nil }
            var raised = newAlert(state, streak.start ?? time)
            describe(state, &raised)
            alert = raised
            belowLevel = Streak()
            return AlertEvent(kind: .fired, alert: raised, at: time)
        case .warning, .critical:
            guard var active = alert else { return nil }
            if level == .warning, atCritical.length >= hysteresis.fireAfter {
                active.level = .critical
                describe(.critical, &active)
                alert = active
                belowLevel = Streak()
                return AlertEvent(kind: .escalated, alert: active, at: time)
            }
            if belowLevel.length >= hysteresis.resolveAfter {
                belowLevel = Streak()
                if worstBelowLevel == .ok {
                    active.resolvedAt = time
                    alert = nil
                    return AlertEvent(kind: .resolved, alert: active, at: time)
                }
                // Described by its latest warning sample: the sample now may be good, and a
                // good value is not outside the warning band.
                active.level = .warning
                if let described = easedDescription {
                    active.value = described.value
                    active.band = described.band
                    active.message = described.message
                } else {
                    describe(.warning, &active)
                }
                easedDescription = nil
                alert = active
                return AlertEvent(kind: .eased, alert: active, at: time)
            }
            // Still at its level: keep its figures current for the dashboard.
            if classification >= level { describe(level, &active); alert = active }
            return nil
        }
    }

    /// Starts every count again and keeps the active alert: what a probe failure does to its
    /// metric's values. A sample that could not be taken is evidence of neither a breach nor a
    /// recovery, so samples on either side of it are not "in a row".
    mutating func breakStreaks() {
        atLeastWarning = Streak()
        atCritical = Streak()
        belowLevel = Streak()
    }

    /// Ends the active alert at `time`, if there is one.
    mutating func resolve(at time: Date) -> AlertEvent? {
        guard var active = alert else { return nil }
        active.resolvedAt = time
        alert = nil
        atLeastWarning = Streak()
        atCritical = Streak()
        belowLevel = Streak()
        return AlertEvent(kind: .resolved, alert: active, at: time)
    }
}

/// A run of consecutive samples that met a condition, and when it began.
private struct Streak: Sendable {
    private(set) var length = 0
    private(set) var start: Date?

    mutating func record(_ met: Bool, at time: Date) {
        if met {
            if length == 0 { start = time }
            length += 1
        } else {
            length = 0
            start = nil
        }
    }
}
