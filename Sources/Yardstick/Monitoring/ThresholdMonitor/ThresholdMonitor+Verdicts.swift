import Foundation

extension ThresholdMonitor {
    /// Raises, changes or resolves one alert per benchmark from a run's verdicts: a regression
    /// or an exceeded budget is a warning, or critical when large (``VerdictAlertPolicy``); an
    /// error is critical; an improvement is an info notice; any other benchmark that fails the
    /// run's gate (missing, say) is a warning. A benchmark judged anything else resolves its
    /// verdict alert. Benchmarks the run did not judge keep theirs.
    @discardableResult
    public func ingest(_ judgement: RunJudgement, policy: VerdictAlertPolicy = .init()) -> [AlertEvent] {
        let now = clock.now
        var events: [AlertEvent] = []
        let failing = Set(judgement.failures.map(\.name))
        for benchmark in judgement.benchmarks {
            let assessment = policy.assess(benchmark, failsGate: failing.contains(benchmark.name))
            let existing = verdictAlerts[benchmark.name]
            switch (assessment, existing) {
            case (nil, nil):
                continue
            case (nil, var active?):
                active.resolvedAt = now
                verdictAlerts[benchmark.name] = nil
                events.append(AlertEvent(kind: .resolved, alert: active, at: now))
            case (let assessed?, nil):
                var alert = newAlert(metric: benchmark.name, level: assessed.level, source: .verdict, unit: .nanoseconds, firstSeen: now)
                alert.value = assessed.value
                alert.band = assessed.band
                alert.message = assessed.message
                if assessed.level == .info {
                    alert.resolvedAt = now
                    events.append(AlertEvent(kind: .notice, alert: alert, at: now))
                } else {
                    verdictAlerts[benchmark.name] = alert
                    events.append(AlertEvent(kind: .fired, alert: alert, at: now))
                }
            case (let assessed?, var active?):
                let previous = active.level
                active.value = assessed.value
                active.band = assessed.band
                active.message = assessed.message
                if assessed.level == .info {
                    active.resolvedAt = now
                    verdictAlerts[benchmark.name] = nil
                    events.append(AlertEvent(kind: .resolved, alert: active, at: now))
                    continue
                }
                active.level = assessed.level
                verdictAlerts[benchmark.name] = active
                if assessed.level > previous {
                    events.append(AlertEvent(kind: .escalated, alert: active, at: now))
                } else if assessed.level < previous {
                    events.append(AlertEvent(kind: .eased, alert: active, at: now))
                }
            }
        }
        for event in events { emit(event) }
        return events
    }
}
