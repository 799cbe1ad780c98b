import Foundation
import XCTest
@testable import Yardstick

/// How `bench monitor` stops without `--count` or `--duration`: a stop request (SIGINT or
/// SIGTERM; here injected) ends the sampling, and the command writes its final state. The
/// signals themselves are not sent in-process: a SIGTERM raised in the test runner did not
/// reach the dispatch source here (the process, run from a shell, does stop on one).
final class MonitorStopTests: XCTestCase {
    private typealias F = MonitorFixtures

    /// A stop source the test triggers, in place of the process's signals.
    private final class ManualStop: Sendable {
        private let handler = LockedValue<(@Sendable () -> Void)?>(nil)
        let stoppedListening = CallCounter()

        var isListening: Bool { handler.value != nil && stoppedListening.value == 0 }

        func listen(onStop: @escaping @Sendable () -> Void) -> () -> Void {
            handler.value = onStop
            return { self.stoppedListening.increment() }
        }

        func requestStop() { handler.value?() }
    }

    func testAStopRequestEndsTheRunAndTheFinalStateIsWritten() async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let dashboard = directory.appendingPathComponent("dashboard.json")
        let alerts = directory.appendingPathComponent("alerts.jsonl")
        let command = try CommandParser.parse([
            "monitor", "--interval", "30s", "--fire-after", "1", "--no-baseline", "--alerts", alerts.path,
            "--dashboard", dashboard.path, "--metrics", directory.appendingPathComponent("monitor.prom").path,
        ])
        guard case .monitor(let options) = command else { return XCTFail("not monitor: \(command)") }
        let clock = F.clock()
        let stop = ManualStop()
        let calls = CallCounter(), shutdowns = CallCounter()
        let queue = MonitorProbe("queue", interval: .seconds(30), shutdown: { shutdowns.increment() }) { Double(calls.increment() * 100) }
        var monitor = MonitorCommand(
            options: options, suites: [], probes: [queue],
            probeThresholds: [Threshold(metric: "queue", warning: .atMost(10))], clock: clock
        )
        monitor.listenForStop = stop.listen
        let captured = CapturedConsole()
        let run = Task { try await monitor.execute(console: captured.console()) }

        // The first pass has written the dashboard; the run sleeps until t = 30.
        await F.waitUntil("the first sample is written and the run sleeps") {
            FileManager.default.fileExists(atPath: dashboard.path) && clock.sleeperCount == 1 && stop.isListening
        }
        XCTAssertEqual(calls.value, 1)
        stop.requestStop()
        let code = try await run.value

        XCTAssertEqual(code, .failure, "the probe's warning is still active: \(captured.error)")
        XCTAssertEqual(calls.value, 1, "nothing is sampled after the stop")
        XCTAssertEqual(clock.now, F.time(0))
        XCTAssertEqual(clock.sleeperCount, 0)
        XCTAssertEqual(shutdowns.value, 1, "the probes are shut down")
        XCTAssertEqual(stop.stoppedListening.value, 1, "it stops listening once done")
        let snapshot = try ResultsFile.decoder.decode(DashboardSnapshot.self, from: Data(contentsOf: dashboard))
        XCTAssertEqual(snapshot.metrics.map(\.name), ["queue"])
        XCTAssertEqual(snapshot.metrics.first?.window?.count, 1)
        XCTAssertEqual(snapshot.activeAlerts.map(\.metric), ["queue"])
        XCTAssertEqual(try String(contentsOf: alerts, encoding: .utf8).split(separator: "\n").count, 1, "the queued alert is delivered before the exit")
        XCTAssertTrue(captured.error.contains("monitor: sample 1: 1 metric"), captured.error)
        XCTAssertTrue(captured.output.contains("Active alerts:"), captured.output)
    }
}
