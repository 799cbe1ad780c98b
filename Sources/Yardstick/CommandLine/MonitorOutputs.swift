import Foundation
import Synchronization

/// Where `bench monitor` sends what it sees: alert events to standard error, the JSON-lines
/// file and the webhooks; each snapshot to the dashboard file, the Prometheus textfile and
/// the Pushgateway. A failing output is reported on standard error and never stops or slows
/// the monitor: the sinks are an ``AlertFanOut``, and a push still in flight is skipped, not
/// waited for.
final class MonitorOutputs: Sendable {
    private let alerts: AlertFanOut
    private let dashboard: URL
    private let metrics: PrometheusTextfileWriter
    private let pushgateway: PushgatewayClient?
    private let console: Console
    private let pushes = Mutex<[Task<Void, Never>]>([])
    private let pushing = Mutex(false)

    init(options: MonitorOptions, webhookFormat: WebhookFormat, console: Console) {
        let report: @Sendable (String) -> Void = { line in console.error("monitor: \(line)\n") }
        alerts = AlertFanOut([ConsoleAlertSink(console: console)] + options.alerting.sinks(format: webhookFormat, onFailure: report))
        dashboard = URL(fileURLWithPath: options.dashboardPath)
        metrics = PrometheusTextfileWriter(url: URL(fileURLWithPath: options.metricsPath), onFailure: report)
        pushgateway = options.pushgateway.flatMap(URL.init(string:)).map { PushgatewayClient(gateway: $0, onFailure: report) }
        self.console = console
    }

    /// Subscribes every sink to `monitor`'s alert events, each in a task of its own.
    func startDelivering(from monitor: ThresholdMonitor) async {
        await alerts.start(from: monitor)
    }

    /// Rewrites the dashboard and the Prometheus textfile, and starts a push to the Pushgateway
    /// unless the previous one is still trying.
    func write(_ snapshot: DashboardSnapshot) {
        do {
            try AtomicFile.write(try snapshot.jsonData(), to: dashboard)
        } catch {
            console.error("monitor: \(dashboard.relativePath) cannot be written (\(describeFileError(error)))\n")
        }
        metrics.write(snapshot)
        guard let pushgateway else { return }
        let isFree = pushing.withLock { busy in
            defer { busy = true }
            return !busy
        }
        guard isFree else { return }
        let push = Task {
            await pushgateway.push(snapshot)
            self.pushing.withLock { $0 = false }
        }
        pushes.withLock { $0.append(push) }
    }

    /// Waits until the sinks have delivered every event of their ended streams and the last
    /// push is done, for at most `limit` in all; then cancels what is left.
    func finish(within limit: Duration) async {
        let pending = pushes.withLock { pushes in
            defer { pushes.removeAll() }
            return pushes
        }
        async let delivered: Void = alerts.finish(within: limit)
        await TaskDrain.wait(for: pending, within: limit)
        await delivered
    }
}
