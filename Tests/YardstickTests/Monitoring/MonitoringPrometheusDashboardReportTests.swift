import Foundation
import XCTest
@testable import Yardstick
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

final class MonitoringPrometheusDashboardReportTests: XCTestCase {
    /// Three metrics: a latency breaching its critical band, a hit rate inside its bands after
    /// two failed samples, and a metric that has only ever failed.
    static let snapshot: DashboardSnapshot = {
        let now = SinkFixtures.now
        var warning = SinkFixtures.alert(metric: "db.query", level: .warning, message: "failing")
        warning.id = 8
        return DashboardSnapshot(
            takenAt: now,
            retention: MonitorRetention(),
            metrics: [
                MetricSnapshot(
                    name: "cache.get", unit: .nanoseconds, state: .critical, latest: 15_200, latestAt: now.addingTimeInterval(-1),
                    window: SinkFixtures.window(count: 3, min: 9_800, max: 15_200, mean: 12_000, p95: 14_900),
                    warning: .atMost(10_500), critical: .atMost(11_500), failures: 0, lastFailure: nil
                ),
                MetricSnapshot(
                    name: "cache.hit-rate", unit: .fraction, state: .ok, latest: 0.93, latestAt: now.addingTimeInterval(-0.5),
                    window: SinkFixtures.window(count: 12, min: 0.875, max: 0.96, mean: 0.925, p95: 0.955),
                    warning: ThresholdBand(minimum: 0.9, maximum: 1), critical: .atLeast(0.75), failures: 2, lastFailure: "timed out"
                ),
                MetricSnapshot(
                    name: "db.query", unit: .plain, state: .warning, latest: nil, latestAt: nil, window: nil,
                    warning: nil, critical: nil, failures: 5, lastFailure: "connection refused"
                ),
            ],
            activeAlerts: [SinkFixtures.alert(), warning]
        )
    }()

    func testRendersTheSnapshot() {
        XCTAssertEqual(PrometheusDashboardReport(Self.snapshot).render(), #"""
            # HELP yardstick_monitor_value The latest value of a monitored metric; durations in seconds, fractions as ratios.
            # TYPE yardstick_monitor_value gauge
            yardstick_monitor_value{metric="cache.get"} 1.52e-05
            yardstick_monitor_value{metric="cache.hit-rate"} 0.93
            # HELP yardstick_monitor_value_timestamp_seconds When the latest value of a monitored metric was recorded, in seconds since the Unix epoch.
            # TYPE yardstick_monitor_value_timestamp_seconds gauge
            yardstick_monitor_value_timestamp_seconds{metric="cache.get"} 1796212802.125
            yardstick_monitor_value_timestamp_seconds{metric="cache.hit-rate"} 1796212802.625
            # HELP yardstick_monitor_window Minimum, maximum, mean and 95th percentile of a metric's values within the monitor's retention; durations in seconds.
            # TYPE yardstick_monitor_window gauge
            yardstick_monitor_window{metric="cache.get",stat="min"} 9.8e-06
            yardstick_monitor_window{metric="cache.get",stat="max"} 1.52e-05
            yardstick_monitor_window{metric="cache.get",stat="mean"} 1.2e-05
            yardstick_monitor_window{metric="cache.get",stat="p95"} 1.49e-05
            yardstick_monitor_window{metric="cache.hit-rate",stat="min"} 0.875
            yardstick_monitor_window{metric="cache.hit-rate",stat="max"} 0.96
            yardstick_monitor_window{metric="cache.hit-rate",stat="mean"} 0.925
            yardstick_monitor_window{metric="cache.hit-rate",stat="p95"} 0.955
            # HELP yardstick_monitor_window_samples Values of a metric within the monitor's retention.
            # TYPE yardstick_monitor_window_samples gauge
            yardstick_monitor_window_samples{metric="cache.get"} 3
            yardstick_monitor_window_samples{metric="cache.hit-rate"} 12
            # HELP yardstick_monitor_state Where a monitored metric stands: 0 ok, 1 warning, 2 critical.
            # TYPE yardstick_monitor_state gauge
            yardstick_monitor_state{metric="cache.get"} 2
            yardstick_monitor_state{metric="cache.hit-rate"} 0
            yardstick_monitor_state{metric="db.query"} 1
            # HELP yardstick_monitor_threshold An edge of a metric's warning or critical band; durations in seconds.
            # TYPE yardstick_monitor_threshold gauge
            yardstick_monitor_threshold{metric="cache.get",band="warning",edge="max"} 1.05e-05
            yardstick_monitor_threshold{metric="cache.get",band="critical",edge="max"} 1.15e-05
            yardstick_monitor_threshold{metric="cache.hit-rate",band="warning",edge="min"} 0.9
            yardstick_monitor_threshold{metric="cache.hit-rate",band="warning",edge="max"} 1
            yardstick_monitor_threshold{metric="cache.hit-rate",band="critical",edge="min"} 0.75
            # HELP yardstick_monitor_failures_total Samples of a metric that failed since the monitor started.
            # TYPE yardstick_monitor_failures_total counter
            yardstick_monitor_failures_total{metric="cache.get"} 0
            yardstick_monitor_failures_total{metric="cache.hit-rate"} 2
            yardstick_monitor_failures_total{metric="db.query"} 5
            # HELP yardstick_monitor_active_alerts Active alerts by level.
            # TYPE yardstick_monitor_active_alerts gauge
            yardstick_monitor_active_alerts{level="info"} 0
            yardstick_monitor_active_alerts{level="warning"} 1
            yardstick_monitor_active_alerts{level="critical"} 1
            # HELP yardstick_monitor_snapshot_timestamp_seconds When the dashboard snapshot was taken, in seconds since the Unix epoch.
            # TYPE yardstick_monitor_snapshot_timestamp_seconds gauge
            yardstick_monitor_snapshot_timestamp_seconds 1796212803.125

            """#)
    }

    func testEscapesMetricNamesAndWritesNonFiniteNumbers() {
        let name = "weird \"name\" with \\ and\nline"
        let snapshot = DashboardSnapshot(
            takenAt: SinkFixtures.now, retention: MonitorRetention(),
            metrics: [MetricSnapshot(
                name: name, unit: .plain, state: .ok, latest: nil, latestAt: nil,
                window: SinkFixtures.window(count: 2, min: -.infinity, max: .infinity, mean: .nan, p95: .infinity),
                warning: nil, critical: nil, failures: 0, lastFailure: nil
            )],
            activeAlerts: []
        )
        let text = PrometheusDashboardReport(snapshot).render()
        let label = #"metric="weird \"name\" with \\ and\nline""#
        XCTAssertTrue(text.contains("yardstick_monitor_window{\(label),stat=\"min\"} -Inf\n"), text)
        XCTAssertTrue(text.contains("yardstick_monitor_window{\(label),stat=\"max\"} +Inf\n"), text)
        XCTAssertTrue(text.contains("yardstick_monitor_window{\(label),stat=\"mean\"} NaN\n"), text)
        XCTAssertTrue(text.contains("yardstick_monitor_state{\(label)} 0\n"), text)
        // Every sample is one line: the name's line break did not leak out of its label.
        XCTAssertFalse(text.split(separator: "\n").contains { $0.hasPrefix("line") })
        XCTAssertFalse(text.contains("yardstick_monitor_value{"), "no latest value, no sample")
    }

    func testTheTextfileIsReplacedAtomically() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("textfile/metrics.prom")
        let writer = PrometheusTextfileWriter(url: url, onFailure: { XCTFail($0) })

        XCTAssertTrue(writer.write(Self.snapshot))
        XCTAssertEqual(try String(contentsOf: url, encoding: .utf8), PrometheusDashboardReport(Self.snapshot).render())
        var later = Self.snapshot
        later.takenAt = later.takenAt.addingTimeInterval(15)
        later.metrics.removeLast()
        XCTAssertTrue(writer.write(later))
        XCTAssertEqual(try String(contentsOf: url, encoding: .utf8), PrometheusDashboardReport(later).render())
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path), ["metrics.prom"])
    }

    func testATextfileThatCannotBeWrittenIsReportedNotThrown() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let blocker = directory.appendingPathComponent("not-a-directory")
        try Data().write(to: blocker)
        let failures = Recorder<String>()
        let writer = PrometheusTextfileWriter(url: blocker.appendingPathComponent("metrics.prom"), onFailure: failures.append)
        XCTAssertFalse(writer.write(Self.snapshot))
        XCTAssertEqual(failures.values.count, 1)
        XCTAssertTrue(failures.values[0].contains("not-a-directory/metrics.prom: cannot write the monitor's metrics ("), failures.values[0])
    }

    func testPushesTheTextWithAPutUnderTheJob() async throws {
        let transport = ScriptedTransport([.status(200)])
        let client = PushgatewayClient(gateway: URL(string: "http://pushgateway.example:9091")!, transport: transport, onFailure: { XCTFail($0) })
        let pushed = await client.push(Self.snapshot)

        XCTAssertTrue(pushed)
        let request = try XCTUnwrap(transport.requests.first)
        XCTAssertEqual(transport.requests.count, 1)
        XCTAssertEqual(request.httpMethod, "PUT")
        XCTAssertEqual(request.url?.absoluteString, "http://pushgateway.example:9091/metrics/job/yardstick_monitor")
        XCTAssertEqual(request.value(forHTTPHeaderField: "Content-Type"), "text/plain; version=0.0.4")
        XCTAssertEqual(request.timeoutInterval, 5)
        XCTAssertEqual(request.httpBody.map { String(decoding: $0, as: UTF8.self) }, PrometheusDashboardReport(Self.snapshot).render())
    }

    func testEscapesTheJobInThePath() {
        func url(_ gateway: String, _ job: String) -> String {
            PushgatewayClient(gateway: URL(string: gateway)!, job: job, transport: ScriptedTransport()).pushURL.absoluteString
        }
        XCTAssertEqual(url("http://gw:9091/", "nightly bench"), "http://gw:9091/metrics/job/nightly%20bench")
        XCTAssertEqual(url("https://gw.example/prefix//", "a?b#c%d"), "https://gw.example/prefix/metrics/job/a%3Fb%23c%25d")
        XCTAssertEqual(url("http://gw:9091", "team/cache"), "http://gw:9091/metrics/job@base64/dGVhbS9jYWNoZQ==")
    }

    func testAFailedPushIsRetriedThenReported() async {
        let transport = ScriptedTransport([.status(503), .status(400, body: "text format parsing error in line 3")])
        let sleeps = Recorder<Duration>(), failures = Recorder<String>()
        let client = PushgatewayClient(
            gateway: URL(string: "http://pushgateway.example:9091")!, job: "nightly", transport: transport,
            sleep: { sleeps.append($0) }, onFailure: failures.append
        )
        let pushed = await client.push(Self.snapshot)

        XCTAssertFalse(pushed)
        XCTAssertEqual(transport.requests.count, 2)
        XCTAssertEqual(sleeps.values, [.milliseconds(500)])
        XCTAssertEqual(failures.values, [
            "pushgateway http://pushgateway.example:9091 job nightly: metrics not pushed after 2 attempts: HTTP 400: text format parsing error in line 3, not retried",
        ])
    }
}
