import Foundation
import Synchronization

/// Watches metrics against thresholds and raises alerts: the monitoring stage of the pipeline.
///
/// Values arrive from registered probes sampled on their intervals (``run(until:afterEachCycle:)``), from
/// ``record(_:for:)`` calls, and from benchmark runs' verdicts (``ingest(_:policy:)``). Each
/// metric keeps a bounded time series (``MonitorRetention``) and, when it has a ``Threshold``,
/// an alert whose level follows its samples with hysteresis. Alert events go to every
/// ``alertEvents()`` stream; ``snapshot()`` is the dashboard.
///
/// Every time comes from the injected ``MonitorClock``, so tests drive a monitor with a
/// ``ManualMonitorClock`` and get the same alerts every run.
///
/// One concern per file beside this one: `+Configuration` (thresholds, probe registration),
/// `+Recording` (values and failures against the bands), `+Sampling` (calling probes),
/// `+Run` (the scheduler), `+Verdicts`, `+AlertEvents` and `+Dashboard`.
public actor ThresholdMonitor {
    /// The clock samples and alerts are stamped with.
    public nonisolated let clock: any MonitorClock
    /// How much history each metric keeps.
    public nonisolated let retention: MonitorRetention

    // The state below is internal, not private, for the extensions in the files beside this
    // one (ThresholdMonitor+*.swift): one concern each. Nothing outside them touches it.
    var series: [String: TimeSeries] = [:]
    var thresholds: [String: Threshold] = [:]
    var valueAlerts: [String: AlertTracker] = [:]
    var failureAlerts: [String: AlertTracker] = [:]
    var verdictAlerts: [String: Alert] = [:]
    var failures: [String: FailureRecord] = [:]
    var probes: [String: ScheduledProbe] = [:]
    /// The sleeps of the ``run(until:afterEachCycle:)`` loops waiting for their next probe, by loop.
    var runLoopSleeps: [UInt64: Task<Void, any Error>] = [:]
    var nextRunLoop: UInt64 = 0
    var subscribers: [UInt64: AsyncStream<AlertEvent>.Continuation] = [:]
    var nextSubscriber: UInt64 = 0
    var nextAlertID = 1
    var nextRegistration: UInt64 = 0
    /// Probes whose call has not returned; touched from the calls' own tasks.
    nonisolated let runningProbes = Mutex<[String: ProbeCallState]>([:])

    /// A call that has not returned: still within its timeout, or given up on.
    enum ProbeCallState: Sendable {
        case inFlight
        case abandoned
    }

    struct ScheduledProbe {
        var probe: MonitorProbe
        var due: Date
        /// Tells a registration from a later one of the same name.
        var registration: UInt64
    }

    struct FailureRecord {
        var count = 0
        var last: String?
    }

    /// A monitor with no metrics yet.
    public init(retention: MonitorRetention = .init(), clock: any MonitorClock = SystemMonitorClock()) {
        self.retention = retention
        self.clock = clock
    }

    /// A new alert of `metric`, with the next id; the caller fills in its value and message.
    func newAlert(metric: String, level: AlertLevel, source: AlertSource, unit: MetricUnit, firstSeen: Date) -> Alert {
        defer { nextAlertID += 1 }
        return Alert(id: nextAlertID, level: level, metric: metric, source: source, value: nil, band: nil, unit: unit, message: "", firstSeen: firstSeen, resolvedAt: nil)
    }

    /// Sends `event` to every ``alertEvents()`` stream.
    func emit(_ event: AlertEvent) {
        for continuation in subscribers.values { continuation.yield(event) }
    }
}
