import Synchronization

/// Sends every alert event of a ``ThresholdMonitor`` to several sinks, each reading its own
/// stream in a task of its own: a webhook that retries holds up no other sink, and no sink
/// ever holds up the monitor.
///
/// ```swift
/// let fanOut = AlertFanOut([ConsoleAlertSink(), JSONLinesAlertSink(url: alertsFile)])
/// await fanOut.start(from: monitor)
/// await monitor.run(until: MonitorRunLimits(duration: .seconds(600)))
/// await monitor.finishAlertEvents()          // ends the streams once they are read
/// await fanOut.finish(within: .seconds(10))
/// ```
public final class AlertFanOut: Sendable {
    /// Where events go, in the order given.
    public let sinks: [any AlertSink]
    private let deliveries = Mutex<[Task<Void, Never>]>([])

    /// A fan-out to `sinks`; nothing is delivered before ``start(from:)``.
    public init(_ sinks: [any AlertSink]) {
        self.sinks = sinks
    }

    /// Subscribes every sink to `monitor`'s alert events from now on, each in a task of its
    /// own. Calling it again with another monitor adds that monitor's events too.
    public func start(from monitor: ThresholdMonitor) async {
        for sink in sinks {
            let events = await monitor.alertEvents()
            let delivery = Task {
                for await event in events { await sink.deliver(event) }
            }
            deliveries.withLock { $0.append(delivery) }
        }
    }

    /// Waits until every sink has delivered the events of its stream, which must have ended
    /// (``ThresholdMonitor/finishAlertEvents()``), for at most `limit`; then cancels what is
    /// left, so that a dead webhook delays the caller by `limit`, not by its retries for every
    /// queued event.
    public func finish(within limit: Duration) async {
        let pending = deliveries.withLock { deliveries in
            defer { deliveries.removeAll() }
            return deliveries
        }
        await TaskDrain.wait(for: pending, within: limit)
    }
}
