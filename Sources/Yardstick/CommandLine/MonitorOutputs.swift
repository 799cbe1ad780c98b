import Foundation

/// Where `bench monitor` sends what it sees: alert events to standard error, the JSON-lines
/// file and the webhooks; each snapshot to the dashboard file, the Prometheus textfile and
/// the Pushgateway. A failing output is reported on standard error and never stops the monitor.
struct MonitorOutputs: Sendable {
    private let sinks: [any AlertSink]
    private let dashboard: URL
    private let metrics: PrometheusTextfileWriter
    private let pushgateway: PushgatewayClient?
    private let console: Console

    init(options: MonitorOptions, console: Console) {
        let report: @Sendable (String) -> Void = { line in console.error("monitor: \(line)\n") }
        var sinks: [any AlertSink] = [ConsoleAlertSink(console: console)]
        if let path = options.alertsPath {
            sinks.append(JSONLinesAlertSink(url: URL(fileURLWithPath: path), onFailure: report))
        }
        for webhook in options.webhooks {
            // The parser has checked these are http or https URLs.
            if let url = URL(string: webhook) { sinks.append(WebhookAlertSink(url: url, onFailure: report)) }
        }
        self.sinks = sinks
        dashboard = URL(fileURLWithPath: options.dashboardPath)
        metrics = PrometheusTextfileWriter(url: URL(fileURLWithPath: options.metricsPath), onFailure: report)
        pushgateway = options.pushgateway.flatMap(URL.init(string:)).map { PushgatewayClient(gateway: $0, onFailure: report) }
        self.console = console
    }

    /// Hands every event of `events` to every sink, in order, until the stream ends.
    func deliver(_ events: AsyncStream<AlertEvent>) async {
        for await event in events {
            for sink in sinks { await sink.deliver(event) }
        }
    }

    /// Rewrites the dashboard and the Prometheus textfile, then pushes to the Pushgateway.
    func write(_ snapshot: DashboardSnapshot) async {
        do {
            try AtomicFile.write(try snapshot.jsonData(), to: dashboard)
        } catch {
            console.error("monitor: \(dashboard.relativePath) cannot be written (\(describeFileError(error)))\n")
        }
        metrics.write(snapshot)
        if let pushgateway { await pushgateway.push(snapshot) }
    }
}
