import Foundation
import XCTest
@testable import Yardstick

/// ``ThresholdMonitor/snapshot()`` and ``DashboardSnapshot``'s JSON.
final class DashboardSnapshotTests: XCTestCase {
    private typealias F = MonitorFixtures

    private let latencies = [12.5, 3.0, 7.25, 9.0, 15.5, 1.0, 8.0, 11.0, 4.5, 6.0, 13.0]

    /// Four metrics, one sample every half second:
    /// - `latency`: the values above against warning ≤ 12 and critical ≤ 14, each sample
    ///   deciding alone (1/1), so the last one, 13, leaves a warning (alert 3);
    /// - `queue`: 500 against critical ≤ 100: a critical alert (alert 4);
    /// - `hits`: a probe failing three times: a probe-failure warning (alert 5);
    /// - `quiet`: values and no threshold.
    private func populatedMonitor() async -> (ThresholdMonitor, ManualMonitorClock) {
        let clock = F.clock()
        let monitor = ThresholdMonitor(retention: MonitorRetention(maxAge: .seconds(600), maxPoints: 100), clock: clock)
        await monitor.setThreshold(Threshold(metric: "latency", unit: .nanoseconds, warning: .atMost(12), critical: .atMost(14),
                                             hysteresis: Hysteresis(fireAfter: 1, resolveAfter: 1)))
        await monitor.setThreshold(Threshold(metric: "queue", unit: .count, critical: .atMost(100),
                                             hysteresis: Hysteresis(fireAfter: 1, resolveAfter: 1)))
        for value in latencies {
            await monitor.record(value, for: "latency")
            await monitor.record(value * 2, for: "quiet")
            clock.advance(by: .milliseconds(500))
        }
        await monitor.record(500, for: "queue")
        for _ in 0..<3 {
            clock.advance(by: .milliseconds(500))
            await monitor.recordFailure(of: "hits", reason: "threw: cache offline")
        }
        clock.advance(by: .milliseconds(250))
        return (monitor, clock)
    }

    func testWindowStatistics() async throws {
        let (monitor, _) = await populatedMonitor()
        let snapshot = await monitor.snapshot()
        XCTAssertEqual(snapshot.takenAt, F.time(7.25))
        XCTAssertEqual(snapshot.retention, MonitorRetention(maxAge: .seconds(600), maxPoints: 100))
        let latency = try XCTUnwrap(snapshot.metrics.first { $0.name == "latency" })
        XCTAssertEqual(latency.unit, .nanoseconds)
        XCTAssertEqual(latency.latest, 13)
        XCTAssertEqual(latency.latestAt, F.time(5))
        let window = try XCTUnwrap(latency.window)
        XCTAssertEqual(window.count, 11)
        XCTAssertEqual(window.min, 1)
        XCTAssertEqual(window.max, 15.5)
        // python3 -c "import numpy as np; print(np.mean([12.5, 3.0, 7.25, 9.0, 15.5, 1.0, 8.0, 11.0, 4.5, 6.0, 13.0]))"
        // 8.25
        XCTAssertEqual(window.mean, 8.25)
        // python3 -c "import numpy as np; print(np.percentile([12.5, 3.0, 7.25, 9.0, 15.5, 1.0, 8.0, 11.0, 4.5, 6.0, 13.0], 95))"
        // 14.25
        XCTAssertEqual(window.p95, 14.25)
        XCTAssertEqual(latency.warning, .atMost(12))
        XCTAssertEqual(latency.critical, .atMost(14))
        XCTAssertEqual(latency.failures, 0)
        XCTAssertNil(latency.lastFailure)

        let quiet = try XCTUnwrap(snapshot.metrics.first { $0.name == "quiet" })
        XCTAssertEqual(quiet.unit, .plain)
        XCTAssertEqual(quiet.window?.max, 31)
        XCTAssertEqual(quiet.window?.p95, 28.5, "twice the latencies' p95")
        XCTAssertNil(quiet.warning)
        XCTAssertNil(quiet.critical)
    }

    func testStatesAndActiveAlerts() async throws {
        let (monitor, _) = await populatedMonitor()
        let snapshot = await monitor.snapshot()
        XCTAssertEqual(snapshot.metrics.map(\.name), ["hits", "latency", "queue", "quiet"])
        XCTAssertEqual(snapshot.metrics.map(\.state), [.warning, .warning, .critical, .ok])
        XCTAssertEqual(snapshot.state(of: "queue"), .critical)
        XCTAssertNil(snapshot.state(of: "absent"))

        let hits = try XCTUnwrap(snapshot.metrics.first { $0.name == "hits" })
        XCTAssertEqual(hits.failures, 3)
        XCTAssertEqual(hits.lastFailure, "threw: cache offline")
        XCTAssertNil(hits.window)
        XCTAssertNil(hits.latest)

        // Critical first, then the oldest: latency's warning (first seen at t = 5) before the
        // failing probe's (first seen at t = 6).
        XCTAssertEqual(snapshot.activeAlerts.map(\.metric), ["queue", "latency", "hits"])
        XCTAssertEqual(snapshot.activeAlerts.map(\.id), [4, 3, 5])
        XCTAssertEqual(snapshot.activeAlerts.map(\.source), [.threshold, .threshold, .probeFailure])
        XCTAssertEqual(snapshot.activeAlerts.map(\.firstSeen), [F.time(5.5), F.time(5), F.time(6)])
        XCTAssertTrue(snapshot.activeAlerts.allSatisfy(\.isActive))
        let active = await monitor.activeAlerts
        XCTAssertEqual(snapshot.activeAlerts, active)
    }

    func testAVerdictAlertShowsOnTheDashboard() async {
        let monitor = ThresholdMonitor(clock: F.clock())
        let judgement = RunJudgement(
            baseline: nil, environmentDifferences: [], judgedAgainstForeignBaseline: false, options: JudgementOptions(),
            benchmarks: [BenchmarkJudgement(name: "svc.get", suite: "svc", verdict: .error, reasons: [.failed(message: "threw")], comparisons: [], budgets: [])],
            warnings: []
        )
        await monitor.ingest(judgement)
        let snapshot = await monitor.snapshot()
        XCTAssertEqual(snapshot.metrics.map(\.name), ["svc.get"])
        XCTAssertEqual(snapshot.metrics.first?.state, .critical)
        XCTAssertEqual(snapshot.metrics.first?.unit, .nanoseconds)
        XCTAssertEqual(snapshot.activeAlerts.map(\.source), [.verdict])
    }

    func testARegisteredProbeIsListedBeforeItIsSampled() async {
        let monitor = ThresholdMonitor(clock: F.clock())
        await monitor.register(MonitorProbe("p", interval: .seconds(1)) { 1 })
        let snapshot = await monitor.snapshot()
        XCTAssertEqual(snapshot.metrics.map(\.name), ["p"])
        XCTAssertEqual(snapshot.metrics.first?.state, .ok)
        XCTAssertNil(snapshot.metrics.first?.window)
    }

    func testJSONRoundTrip() async throws {
        let (monitor, _) = await populatedMonitor()
        let snapshot = await monitor.snapshot()
        let data = try snapshot.jsonData()
        let decoded = try ResultsFile.decoder.decode(DashboardSnapshot.self, from: data)
        XCTAssertEqual(decoded, snapshot)

        let text = try XCTUnwrap(String(data: data, encoding: .utf8))
        XCTAssertTrue(text.contains("\"takenAt\" : \"2027-01-15T08:00:07.250Z\"") || text.contains("\"takenAt\": \"2027-01-15T08:00:07.250Z\""), text)
        XCTAssertTrue(text.contains("\"maxAgeSeconds\""), text)
        XCTAssertTrue(text.contains("\"probe-failure\""), text)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertEqual(Set(object.keys), ["takenAt", "retention", "metrics", "activeAlerts"])
    }

    func testAnEmptySnapshotRoundTrips() async throws {
        let monitor = ThresholdMonitor(clock: F.clock())
        let snapshot = await monitor.snapshot()
        XCTAssertEqual(snapshot.metrics, [])
        XCTAssertEqual(snapshot.activeAlerts, [])
        let decoded = try ResultsFile.decoder.decode(DashboardSnapshot.self, from: snapshot.jsonData())
        XCTAssertEqual(decoded, snapshot)
    }
}
