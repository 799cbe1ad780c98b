import Yardstick

/// The monitor's own cost, so that its overhead is on record in every run.
///
/// - `record`: one value recorded and evaluated against a threshold with hysteresis, by a call
///   into the actor from outside it; the series is full (10,000 points), so every call also
///   evicts the oldest point. Values alternate inside and outside the warning band, so the
///   state machine's streaks keep starting and breaking.
/// - `snapshot`: the dashboard of 30 metrics holding 10,000 points each: window statistics,
///   a sort per metric for its p95, and the active alerts.
public let monitorSuite = Suite("monitor") {
    // About 0.8-1.3 µs a call, across the batching threshold: automatic timing, held to the
    // plan its baseline recorded (batches of 8), so runs and baselines stay comparable.
    Benchmark("record", configuration: .init(iterations: 10_000), setUp: { await MonitorWorkload.fullMonitor(metrics: 1) }) { monitor, index in
        await monitor.record(MonitorWorkload.value(index), for: "metric-0")
    }
    Benchmark("snapshot", configuration: .init(iterations: 5), setUp: { await MonitorWorkload.fullMonitor(metrics: 30) }) { monitor, _ in
        await monitor.snapshot().metrics.count
    }
}

enum MonitorWorkload {
    static let points = 10_000

    /// 90, 95, 100, … 125: a quarter of the values fall outside the warning band (≤ 110).
    static func value(_ index: Int) -> Double {
        90 + Double(index % 8) * 5
    }

    /// A monitor whose `metrics` series are each full, on a clock that stands still so no point
    /// ever expires by age.
    static func fullMonitor(metrics: Int) async -> ThresholdMonitor {
        let monitor = ThresholdMonitor(
            retention: MonitorRetention(maxAge: .seconds(3_600), maxPoints: points),
            clock: ManualMonitorClock()
        )
        for metric in 0..<metrics {
            let name = "metric-\(metric)"
            await monitor.setThreshold(Threshold(metric: name, warning: .atMost(110), critical: .atMost(200)))
            for index in 0..<points { await monitor.record(value(index), for: name) }
        }
        return monitor
    }
}
