import Foundation
import Synchronization

/// Where `bench monitor` sends what it sees: alert events to standard error, the JSON-lines
/// file and the webhooks; each snapshot to the dashboard file, the Prometheus textfile and
/// the Pushgateway. A failing output is reported on standard error and never stops or slows
/// the monitor: each sink reads its own stream of events in its own task, so a webhook that
/// retries holds up no other sink, and a push still in flight is skipped, not waited for.
final class MonitorOutputs: Sendable {
    private let sinks: [any AlertSink]
    private let dashboard: URL
    private let metrics: PrometheusTextfileWriter
    private let pushgateway: PushgatewayClient?
    private let console: Console
    private let tasks = Mutex<[Task<Void, Never>]>([])
    private let pushing = Mutex(false)

    init(options: MonitorOptions, webhookFormat: WebhookFormat, console: Console) {
        let report: @Sendable (String) -> Void = { line in console.error("monitor: \(line)\n") }
        sinks = [ConsoleAlertSink(console: console)] + options.alerting.sinks(format: webhookFormat, onFailure: report)
        dashboard = URL(fileURLWithPath: options.dashboardPath)
        metrics = PrometheusTextfileWriter(url: URL(fileURLWithPath: options.metricsPath), onFailure: report)
        pushgateway = options.pushgateway.flatMap(URL.init(string:)).map { PushgatewayClient(gateway: $0, onFailure: report) }
        self.console = console
    }

    /// Subscribes every sink to `monitor`'s alert events, each in a task of its own.
    func startDelivering(from monitor: ThresholdMonitor) async {
        for sink in sinks {
            let events = await monitor.alertEvents()
            let task = Task {
                for await event in events { await sink.deliver(event) }
            }
            tasks.withLock { $0.append(task) }
        }
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
        tasks.withLock { $0.append(push) }
    }

    /// Waits until the sinks have delivered every event of their ended streams and the last
    /// push is done, for at most `limit`; then cancels what is left, so that a dead webhook
    /// delays the exit by `limit`, not by its retries for every queued event.
    func finish(within limit: Duration) async {
        let pending = tasks.withLock { tasks in
            defer { tasks.removeAll() }
            return tasks
        }
        let deadline = Task {
            do { try await Task.sleep(for: limit) } catch { return }
            for task in pending { task.cancel() }
        }
        for task in pending { await task.value }
        deadline.cancel()
    }
}
