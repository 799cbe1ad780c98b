import Foundation
import LocalHTTPReceiver
import XCTest
@testable import Yardstick

/// `bench monitor --http`, `--scrape`, `--series` and `--threshold` against a local HTTP
/// server that the test slows and breaks on purpose. Each run takes well under a second:
/// intervals of milliseconds, `--count`, and replies scripted by request number.
final class MonitorEndpointsTests: XCTestCase {
    private var directory: URL!
    private var server: LocalHTTPReceiver!

    override func setUpWithError() throws {
        directory = try Fixtures.temporaryDirectory()
        server = try LocalHTTPReceiver()
    }

    override func tearDown() {
        server.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    private func monitor(_ arguments: [String], suites: [Suite] = []) async -> (ExitCode, CapturedConsole) {
        let captured = CapturedConsole()
        let code = await BenchCommand.run(
            arguments: ["monitor"] + arguments + [
                "--alerts", directory.appendingPathComponent("alerts.jsonl").path,
                "--dashboard", directory.appendingPathComponent("dashboard.json").path,
                "--metrics", directory.appendingPathComponent("monitor.prom").path,
            ],
            suites: suites, console: captured.console()
        )
        return (code, captured)
    }

    private func dashboard() throws -> [String: MetricSnapshot] {
        let snapshot = try ResultsFile.decoder.decode(DashboardSnapshot.self, from: Data(contentsOf: directory.appendingPathComponent("dashboard.json")))
        return Dictionary(uniqueKeysWithValues: snapshot.metrics.map { ($0.name, $0) })
    }

    private func alertEvents() throws -> [String] {
        let url = directory.appendingPathComponent("alerts.jsonl")
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map { line in
            let event = try ResultsFile.decoder.decode(AlertEvent.self, from: Data(line.utf8))
            return "\(event.kind.rawValue) \(event.alert.level.rawValue) \(event.alert.metric)"
        }
    }

    func testHTTPChecksRecordLatencyStatusAndFailuresWithTheirReasons() async throws {
        server.route("/health") { _ in .init(status: 200, body: "ok") }
        server.route("/slow") { _ in .init(status: 200, body: "late", delay: .milliseconds(800)) }
        server.route("/broken") { _ in .init(status: 503, body: "database down") }
        let refused = "http://127.0.0.1:\(try LocalHTTPReceiver.closedPort())/health"
        let (code, captured) = await monitor([
            "--http", "ok=\(server.url("/health"))", "--http", "slow=\(server.url("/slow"))",
            "--http", "broken=\(server.url("/broken"))", "--http", "gone=\(refused)",
            "--http-timeout", "150ms", "--count", "1", "--fire-after", "1",
        ])
        XCTAssertEqual(code, .failure, "the failures' warnings are active at the end: \(captured.error)")
        let metrics = try dashboard()
        XCTAssertEqual(metrics["ok.latency"]?.failures, 0)
        XCTAssertEqual(metrics["ok.latency"]?.unit, .nanoseconds)
        XCTAssertGreaterThan(metrics["ok.latency"]?.latest ?? 0, 0)
        XCTAssertEqual(metrics["ok.up"]?.latest, 1)
        XCTAssertEqual(metrics["ok.status"]?.latest, 200)
        XCTAssertEqual(metrics["slow.latency"]?.lastFailure, "threw: no response within 150 ms")
        XCTAssertEqual(metrics["slow.up"]?.latest, 0)
        XCTAssertNil(metrics["slow.status"]?.latest)
        XCTAssertEqual(metrics["broken.latency"]?.lastFailure, "threw: HTTP 503: database down")
        XCTAssertEqual(metrics["broken.up"]?.latest, 0)
        XCTAssertEqual(metrics["broken.status"]?.latest, 503)
        XCTAssertEqual(metrics["gone.latency"]?.lastFailure, "threw: connection refused")
        XCTAssertEqual(metrics["gone.up"]?.latest, 0)
        XCTAssertEqual(metrics.values.filter { $0.failures > 0 }.map(\.name).sorted(), ["broken.latency", "gone.latency", "slow.latency"])
        XCTAssertEqual(Set(try alertEvents()), ["fired warning broken.latency", "fired warning gone.latency", "fired warning slow.latency"])
        XCTAssertFalse(captured.error.contains("DEBUG build"), "endpoints alone measure nothing of this build")
    }

    /// The live demo: a service's p99 over the last interval (from its histogram) climbs into
    /// the warning band, then the critical band, then comes back, while its health endpoint
    /// answers throughout.
    func testAScrapedQuantileRaisesWarningThenCriticalThenResolves() async throws {
        // Each scrape adds 100 observations: which bucket they land in sets the p99 between
        // two scrapes (0.099 s, 0.2485 s or 0.9925 s).
        let landings = [0, 0, 1, 1, 2, 2, 0, 0]
        server.route("/metrics") { request in
            var counts = [0, 0, 0]
            for landing in landings.prefix(request) { counts[landing] += 100 }
            let le01 = counts[0], le025 = le01 + counts[1], le1 = le025 + counts[2]
            return .init(status: 200, body: """
                # HELP request_duration_seconds Request latency.
                # TYPE request_duration_seconds histogram
                request_duration_seconds_bucket{le="0.1",route="/api"} \(le01)
                request_duration_seconds_bucket{le="0.25",route="/api"} \(le025)
                request_duration_seconds_bucket{le="1",route="/api"} \(le1)
                request_duration_seconds_bucket{le="+Inf",route="/api"} \(le1)
                request_duration_seconds_count{route="/api"} \(le1)
                request_duration_seconds_sum{route="/api"} 1.0
                # TYPE queue_depth gauge
                queue_depth 7

                """)
        }
        server.route("/health") { _ in .init(status: 200, body: "ok") }
        let (code, captured) = await monitor([
            "--scrape", "api=\(server.url("/metrics"))@5ms", "--http", "web=\(server.url("/health"))",
            "--series", "api.p99=api:histogram_quantile(0.99, rate(request_duration_seconds{route=\"/api\"}))",
            "--series", "api:queue_depth",
            "--threshold", "api.p99:warning>0.2,critical>0.5", "--threshold", "web.up:critical<1",
            "--interval", "5ms", "--count", "8", "--fire-after", "2", "--resolve-after", "2",
        ])
        XCTAssertEqual(code, .success, captured.error)
        XCTAssertEqual(try alertEvents(), ["fired warning api.p99", "escalated critical api.p99", "resolved critical api.p99"])
        // Every probe is sampled at least 8 times; one that fell a pass behind the other makes
        // the first one take a ninth sample, which adds no observations, so no value.
        XCTAssertGreaterThanOrEqual(server.requests(to: "/metrics"), 8)
        let metrics = try dashboard()
        let p99 = try XCTUnwrap(metrics["api.p99"])
        XCTAssertEqual(p99.window?.count, 7, "the first scrape has no rate")
        XCTAssertEqual(p99.latest ?? 0, 0.099, accuracy: 1e-9)
        XCTAssertEqual(p99.window?.max ?? 0, 0.9925, accuracy: 1e-9)
        XCTAssertEqual(p99.warning, .atMost(0.2))
        XCTAssertEqual(p99.critical, .atMost(0.5))
        XCTAssertEqual(metrics["api:queue_depth"]?.latest, 7)
        XCTAssertEqual(metrics["api.up"]?.window?.mean, 1)
        XCTAssertEqual(metrics["web.up"]?.critical, .atLeast(1))
        XCTAssertEqual(metrics["web.up"]?.state, .ok)
        XCTAssertTrue(captured.error.contains("WARNING fired api.p99"), captured.error)
        XCTAssertTrue(captured.error.contains("monitor: sample 8 of 8:"), captured.error)
        let prometheus = try String(contentsOf: directory.appendingPathComponent("monitor.prom"), encoding: .utf8)
        XCTAssertTrue(prometheus.contains("yardstick_monitor_value{metric=\"api.p99\"} 0.099"), prometheus)
    }

    func testAnUnreadablePageFailsEverySeriesWithItsReason() async throws {
        server.route("/metrics") { request in
            request == 1 ? .init(status: 200, body: "up{job=\"a} 1\n") : .init(status: 500, body: "")
        }
        let (code, captured) = await monitor([
            "--scrape", "api=\(server.url("/metrics"))", "--series", "api:up", "--interval", "5ms", "--count", "2", "--fire-after", "1",
        ])
        XCTAssertEqual(code, .failure, captured.error)
        let fired = try String(contentsOf: directory.appendingPathComponent("alerts.jsonl"), encoding: .utf8)
        XCTAssertTrue(fired.contains("probe failing: the page is not Prometheus text: line 1: up: a quoted label value is not closed"), fired)
        let metrics = try dashboard()
        XCTAssertEqual(metrics["api:up"]?.failures, 2)
        XCTAssertEqual(metrics["api:up"]?.lastFailure, "HTTP 500")
        XCTAssertEqual(metrics["api.latency"]?.lastFailure, "threw: HTTP 500")
        XCTAssertEqual(metrics["api.up"]?.window?.max, 0)
    }

    func testAThresholdReplacesTheBandsOfASuiteProbe() async throws {
        let probe = MonitorProbe("cache.hit-rate", interval: .seconds(30)) { 0.5 }
        let derived = Threshold(metric: "cache.hit-rate", unit: .fraction, warning: .atLeast(0.9))
        let captured = CapturedConsole()
        let code = await BenchCommand.run(
            arguments: [
                "monitor", "--count", "1", "--threshold", "cache.hit-rate:warning<40%,critical>0.95", "--no-baseline",
                "--dashboard", directory.appendingPathComponent("dashboard.json").path,
                "--metrics", directory.appendingPathComponent("monitor.prom").path,
            ],
            suites: [], probes: [probe], thresholds: [derived], console: captured.console()
        )
        XCTAssertEqual(code, .success, captured.error)
        let hitRate = try XCTUnwrap(try dashboard()["cache.hit-rate"])
        XCTAssertEqual(hitRate.warning, .atLeast(0.4))
        XCTAssertEqual(hitRate.critical, .atMost(0.95))
        XCTAssertEqual(hitRate.unit, .fraction)
        XCTAssertEqual(hitRate.state, .ok)
    }

    func testEndpointsAloneMeasureNoBenchmarkAndAFilterAddsThem() async throws {
        server.route("/health") { _ in .init(status: 200, body: "ok") }
        let suites = [Suite("alpha", configuration: .init(iterations: 20, rounds: 1)) { Benchmark("one") { index in index &+ 1 } }]
        let alone = await monitor(["--http", "web=\(server.url("/health"))", "--count", "1", "--no-baseline"], suites: suites)
        XCTAssertEqual(alone.0, .success, alone.1.error)
        XCTAssertEqual(try dashboard().keys.sorted(), ["web.latency", "web.status", "web.up"])
        let both = await monitor(["--http", "web=\(server.url("/health"))", "--count", "1", "--no-baseline", "-f", "alpha", "--allow-debug"], suites: suites)
        XCTAssertEqual(both.0, .success, both.1.error)
        XCTAssertEqual(try dashboard().keys.sorted(), ["alpha.one", "web.latency", "web.status", "web.up"])
    }

    func testEndpointOptionsParse() throws {
        let command = try CommandParser.parse([
            "monitor", "--http", "web=http://user:secret@127.0.0.1:8080/health@10s", "--scrape", "api=http://127.0.0.1:9100/metrics",
            "--series", #"api:http_request_duration_seconds{quantile="0.99"}"#, "--series", "rps=api:rate(http_requests_total)",
            "--threshold", #"api:http_request_duration_seconds{quantile="0.99"}:warning>0.2,critical>0.5"#,
            "--threshold", "web.latency:warning>200ms, critical>1s,critical<1us", "--http-timeout", "2s",
        ])
        guard case .monitor(let options) = command else { return XCTFail("not monitor: \(command)") }
        XCTAssertTrue(options.watchesOnlyEndpoints)
        XCTAssertEqual(options.live.checks.map(\.url.absoluteString), ["http://user:secret@127.0.0.1:8080/health"])
        XCTAssertEqual(options.live.checks.map(\.interval), [.seconds(10)])
        XCTAssertEqual(options.live.scrapes.map(\.interval), [nil])
        XCTAssertEqual(options.live.series.map(\.name), [#"api:http_request_duration_seconds{quantile="0.99"}"#, "rps"])
        XCTAssertEqual(options.live.series.map(\.expression.description), [#"http_request_duration_seconds{quantile="0.99"}"#, "rate(http_requests_total)"])
        XCTAssertEqual(options.live.requestTimeout, .seconds(2))
        let quantile = try options.live.thresholds[0].threshold(unit: .plain, hysteresis: Hysteresis())
        XCTAssertEqual(quantile.metric, #"api:http_request_duration_seconds{quantile="0.99"}"#)
        XCTAssertEqual(quantile.warning, .atMost(0.2))
        XCTAssertEqual(quantile.critical, .atMost(0.5))
        let latency = try options.live.thresholds[1].threshold(unit: .nanoseconds, hysteresis: Hysteresis())
        XCTAssertEqual(latency.warning, .atMost(200_000_000))
        XCTAssertEqual(latency.critical, ThresholdBand(minimum: 1_000, maximum: 1_000_000_000))
    }

    func testEndpointUsageErrors() async {
        let url = server.url("/health")
        let cases: [([String], String)] = [
            (["--http", "web"], "--http expects NAME=URL[@INTERVAL] such as api=http://127.0.0.1:8080/health@10s, got 'web'"),
            (["--http", "web=ftp://x"], "--http expects NAME=URL[@INTERVAL] such as api=http://127.0.0.1:8080/health@10s, got 'web=ftp://x'"),
            (["--scrape", "a:b=\(url)"], "--scrape: the name 'a:b' may hold only letters, digits, '.', '_' and '-'"),
            (["--http", "a=\(url)", "--scrape", "a=\(url)"], "--http and --scrape: the name 'a' is given twice"),
            (["--series", "api:up"], "--series 'api:up': 'api' is not the name of a --scrape (none is given)"),
            (["--scrape", "api=\(url)", "--series", "api:rate(up"], "--series 'api:rate(up': rate(: expected ')'"),
            (["--scrape", "api=\(url)", "--series", "up"], "--series expects [ALIAS=]NAME:EXPRESSION with NAME a --scrape, such as 'api:rate(http_requests_total)', got 'up'"),
            (["--threshold", "web.latency:warn>1s"], "--threshold expects SERIES:LEVEL>VALUE,... with LEVEL warning or critical, such as 'api.latency:warning>200ms,critical>1s', got 'web.latency:warn>1s'"),
            (["--threshold", "x:warning>1,warning>2"], "--threshold 'x:warning>1,warning>2': warning> is given twice"),
            (["--http", "web=\(url)", "--threshold", "web.latency:warning>0.2"], "--threshold web.latency: it is a time, so give durations such as 200ms"),
            (["--http", "web=\(url)", "--threshold", "web.up:critical<1s"], "--threshold web.up: it is not a time, so give plain numbers"),
            (["--http", "web=\(url)", "--threshold", "web.up:warning<2,warning>1"], "--threshold web.up: warning< is above warning>, so every value would be outside"),
            (["--http", "web=\(url)", "--threshold", "api.latency:warning>1s"], "--threshold: nothing records a series named 'api.latency' (see the dashboard's names, or --series)"),
            (["--scrape", "api=\(url)", "--series", "api.latency=api:up"], "the series 'api.latency' would be recorded twice: rename an --http, --scrape or --series alias"),
            (["--http", "web=\(url)", "--filter", "^nothing$"], "no benchmark or probe matches --filter '^nothing$' ('bench list' shows the names)"),
        ]
        for (arguments, message) in cases {
            let captured = CapturedConsole()
            let code = await BenchCommand.run(arguments: ["monitor", "--count", "1"] + arguments, suites: [], console: captured.console())
            XCTAssertEqual(code, .usageError, arguments.joined(separator: " "))
            XCTAssertEqual(captured.error, "bench: error: \(message)\n", arguments.joined(separator: " "))
        }
    }
}
