import Foundation
import XCTest
@testable import Yardstick

/// `bench monitor` run in-process on a small suite and a probe, with a captured console.
final class MonitorCommandTests: XCTestCase {
    private let suites = [
        Suite("alpha", configuration: .init(iterations: 50, rounds: 2)) {
            Benchmark("one") { index in index &+ 1 }
            Benchmark("two") { index in index &* 3 }
        },
    ]

    private let hitRate = MonitorProbe("cache.hit-rate", interval: .seconds(30)) { 0.5 }
    private let hitRateThreshold = Threshold(metric: "cache.hit-rate", unit: .fraction, warning: .atLeast(0.9), critical: .atLeast(0.2))

    /// A baseline of `suites` whose every percentile is a thousandth of what was measured, so
    /// that every sample of the monitor lies far outside its critical band.
    private func writeBreachingBaseline(in directory: URL) async throws -> URL {
        let measured = directory.appendingPathComponent("measured")
        let code = await BenchCommand.run(
            arguments: ["-q", "--no-baseline", "--output", measured.path], suites: suites, console: CapturedConsole().console()
        )
        XCTAssertEqual(code, .success)
        var results = try ResultsFile.load(from: measured.appendingPathComponent("results.json"))
        for index in results.benchmarks.indices {
            let scaled = results.benchmarks[index].summary!.percentiles.map { $0 / 1_000 }
            results.benchmarks[index].summary?.percentiles = scaled
            for round in results.benchmarks[index].rounds.indices {
                results.benchmarks[index].rounds[round].percentiles = results.benchmarks[index].rounds[round].percentiles?.map { $0 / 1_000 }
            }
        }
        let baselines = directory.appendingPathComponent("baselines")
        try ResultsFile.write(results, to: baselines.appendingPathComponent("default.json"))
        return baselines
    }

    func testABreachingBaselineRaisesCriticalAlertsToEverySinkAndExitsOne() async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let baselines = try await writeBreachingBaseline(in: directory)
        let alerts = directory.appendingPathComponent("alerts.jsonl")
        let dashboard = directory.appendingPathComponent("dashboard.json")
        let metrics = directory.appendingPathComponent("monitor.prom")
        let captured = CapturedConsole()
        let code = await BenchCommand.run(
            arguments: [
                "monitor", "--count", "3", "--interval", "10ms", "--fire-after", "2", "--resolve-after", "2",
                "--baselines", baselines.path, "--alerts", alerts.path, "--dashboard", dashboard.path, "--metrics", metrics.path,
            ],
            suites: suites, probes: [hitRate], thresholds: [hitRateThreshold], console: captured.console()
        )
        XCTAssertEqual(code, .failure, captured.error)

        let events = try String(contentsOf: alerts, encoding: .utf8).split(separator: "\n").map { line in
            try ResultsFile.decoder.decode(AlertEvent.self, from: Data(line.utf8))
        }
        // Two samples in a row outside the band fire; the third changes nothing.
        XCTAssertEqual(Set(events.map { "\($0.kind.rawValue) \($0.alert.level.rawValue) \($0.alert.metric)" }), [
            "fired critical alpha.one", "fired critical alpha.two", "fired warning cache.hit-rate",
        ])
        XCTAssertEqual(events.count, 3)

        let snapshot = try ResultsFile.decoder.decode(DashboardSnapshot.self, from: Data(contentsOf: dashboard))
        XCTAssertEqual(snapshot.metrics.map(\.name), ["alpha.one", "alpha.two", "cache.hit-rate"])
        XCTAssertEqual(snapshot.metrics.map(\.state), [.critical, .critical, .warning])
        XCTAssertEqual(snapshot.metrics.map { $0.window?.count }, [3, 3, 3])
        XCTAssertEqual(snapshot.activeAlerts.count, 3)
        let text = try String(contentsOf: metrics, encoding: .utf8)
        XCTAssertTrue(text.contains("yardstick_monitor_state{metric=\"alpha.one\"} 2"), text)

        XCTAssertTrue(captured.error.contains("CRITICAL fired alpha.one"), captured.error)
        XCTAssertTrue(captured.error.contains("monitor: sample 3 of 3: 3 metrics: 0 ok, 1 warning, 2 critical"), captured.error)
        XCTAssertTrue(captured.output.contains("Active alerts:"), captured.output)
    }

    func testWithoutABaselineBenchmarksAreRecordedNotJudged() async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let dashboard = directory.appendingPathComponent("dashboard.json")
        let captured = CapturedConsole()
        let code = await BenchCommand.run(
            arguments: [
                "monitor", "--count", "2", "--interval", "1ms", "--filter", "^alpha", "--baselines", directory.path,
                "--dashboard", dashboard.path, "--metrics", directory.appendingPathComponent("m.prom").path,
            ],
            suites: suites, probes: [hitRate], thresholds: [hitRateThreshold], console: captured.console()
        )
        XCTAssertEqual(code, .success, captured.error)
        let snapshot = try ResultsFile.decoder.decode(DashboardSnapshot.self, from: Data(contentsOf: dashboard))
        XCTAssertEqual(snapshot.metrics.map(\.name), ["alpha.one", "alpha.two"], "the filter leaves the probe out")
        XCTAssertEqual(snapshot.metrics.map(\.state), [.ok, .ok])
        XCTAssertNil(snapshot.metrics[0].warning)
        XCTAssertTrue(captured.error.contains("no baseline: benchmarks are recorded and shown, not held to thresholds"), captured.error)
        XCTAssertTrue(captured.output.contains("No active alerts."), captured.output)
    }

    func testIngestedVerdictsRaiseAlerts() async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let withFailure = suites + [Suite("beta") {
            Benchmark("fails", configuration: .init(iterations: 10, rounds: 1)) { (_: Int) throws -> Int in throw TestFailure("nope") }
        }]
        let run = directory.appendingPathComponent("run")
        let ran = await BenchCommand.run(arguments: ["-q", "--no-baseline", "--output", run.path], suites: withFailure, console: CapturedConsole().console())
        XCTAssertEqual(ran, .failure)
        let alerts = directory.appendingPathComponent("alerts.jsonl")
        let captured = CapturedConsole()
        let code = await BenchCommand.run(
            arguments: [
                "monitor", "--count", "1", "--interval", "1ms", "-f", "^alpha\\.one$", "--no-baseline",
                "--ingest", run.appendingPathComponent("results.json").path, "--alerts", alerts.path,
                "--dashboard", directory.appendingPathComponent("d.json").path, "--metrics", directory.appendingPathComponent("m.prom").path,
            ],
            suites: withFailure, console: captured.console()
        )
        XCTAssertEqual(code, .failure, "the error's alert is still active when the monitor stops")
        let events = try String(contentsOf: alerts, encoding: .utf8).split(separator: "\n").map { line in
            try ResultsFile.decoder.decode(AlertEvent.self, from: Data(line.utf8))
        }
        XCTAssertEqual(events.map(\.kind), [.fired])
        XCTAssertEqual(events.first?.alert.metric, "beta.fails")
        XCTAssertEqual(events.first?.alert.level, .critical)
        XCTAssertEqual(events.first?.alert.source, .verdict)
    }

    func testUsageErrors() async {
        let cases: [([String], String)] = [
            (["monitor", "--interval", "soon"], "--interval expects a positive duration such as 500ms, 30s or 2m, got 'soon'"),
            (["monitor", "--count", "0"], "--count expects a whole number of at least 1, got '0'"),
            (["monitor", "--webhook", "ftp://example.com"], "--webhook expects an http or https URL such as http://127.0.0.1:9091, got 'ftp://example.com'"),
            (["monitor", "--percentile", "p42"], "--percentile expects one of p50, p75, p90, p95, p99, p999, got 'p42'"),
            (["monitor", "--warning-tolerances", "4"], "--critical-tolerances must be at least --warning-tolerances, or the critical band would sit inside the warning band"),
            (["monitor", "--filter", "^nothing$"], "no benchmark or probe matches --filter '^nothing$' ('bench list' shows the names)"),
            (["monitor", "--baseline", "absent", "--baselines", "/nonexistent"], "no baseline named 'absent': /nonexistent/absent.json does not exist"),
        ]
        for (arguments, message) in cases {
            let captured = CapturedConsole()
            let code = await BenchCommand.run(arguments: arguments, suites: suites, console: captured.console())
            XCTAssertEqual(code, .usageError, arguments.joined(separator: " "))
            XCTAssertEqual(captured.error, "bench: error: \(message)\n")
        }
    }

    func testMonitorOptionsParse() throws {
        let command = try CommandParser.parse([
            "monitor", "--interval", "5s", "--duration", "10m", "--baseline", "nightly", "--fire-after", "4",
            "--resolve-after", "6", "--webhook", "http://127.0.0.1:8080/hook", "--webhook", "https://alerts.example/x",
            "--percentile", "p99", "--critical-tolerances", "5", "--max-points", "500", "--retention", "2h",
        ])
        guard case .monitor(let options) = command else { return XCTFail("not monitor: \(command)") }
        XCTAssertEqual(options.interval, .seconds(5))
        XCTAssertEqual(options.duration, .seconds(600))
        XCTAssertNil(options.count)
        XCTAssertEqual(options.baseline, .named("nightly"))
        XCTAssertEqual(options.thresholds.hysteresis, Hysteresis(fireAfter: 4, resolveAfter: 6))
        XCTAssertEqual(options.thresholds.percentile, .p99)
        XCTAssertEqual(options.thresholds.criticalTolerances, 5)
        XCTAssertEqual(options.thresholds.warningTolerances, 1)
        XCTAssertEqual(options.alerting.webhooks, [
            WebhookRoute(minimumLevel: .info, url: "http://127.0.0.1:8080/hook"),
            WebhookRoute(minimumLevel: .info, url: "https://alerts.example/x"),
        ])
        XCTAssertEqual(options.retention, MonitorRetention(maxAge: .seconds(7_200), maxPoints: 500))
        XCTAssertEqual(options.overrides.iterations, 200)
        XCTAssertEqual(options.overrides.rounds, 1)
    }
}
