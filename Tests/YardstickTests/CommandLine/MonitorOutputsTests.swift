import Foundation
import XCTest
@testable import Yardstick

/// `bench monitor`'s files: the dashboard and the Prometheus text, replaced whole at each write.
final class MonitorOutputsTests: XCTestCase {
    private typealias F = MonitorFixtures

    private var directory: URL!

    override func setUpWithError() throws {
        directory = try Fixtures.temporaryDirectory()
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: directory)
    }

    private func outputs(dashboard: URL, metrics: URL, console: Console) -> MonitorOutputs {
        var options = MonitorOptions()
        options.dashboardPath = dashboard.path
        options.metricsPath = metrics.path
        return MonitorOutputs(options: options, webhookFormat: .json, console: console)
    }

    private func fileNumber(_ url: URL) throws -> Int {
        try XCTUnwrap(FileManager.default.attributesOfItem(atPath: url.path)[.systemFileNumber] as? Int)
    }

    func testEachWriteReplacesBothFilesWithTheSnapshotAndLeavesNoTemporaryFile() async throws {
        let reports = directory.appendingPathComponent("not-yet/reports")
        let dashboard = reports.appendingPathComponent("dashboard.json")
        let metrics = reports.appendingPathComponent("monitor.prom")
        let captured = CapturedConsole()
        let outputs = outputs(dashboard: dashboard, metrics: metrics, console: captured.console())
        let clock = F.clock()
        let monitor = ThresholdMonitor(clock: clock)
        await monitor.setThreshold(Threshold(metric: "queue", warning: .atMost(10), hysteresis: Hysteresis(fireAfter: 1, resolveAfter: 1)))

        await monitor.record(4, for: "queue")
        let first = await monitor.snapshot()
        outputs.write(first)
        XCTAssertEqual(try Data(contentsOf: dashboard), try first.jsonData(), "the directory is created and the dashboard written")
        XCTAssertEqual(try String(contentsOf: metrics, encoding: .utf8), PrometheusDashboardReport(first).render())
        let firstFiles = (try fileNumber(dashboard), try fileNumber(metrics))

        clock.advance(by: .seconds(30))
        await monitor.record(40, for: "queue")
        let second = await monitor.snapshot()
        XCTAssertNotEqual(try first.jsonData(), try second.jsonData())
        outputs.write(second)
        let decoded = try ResultsFile.decoder.decode(DashboardSnapshot.self, from: Data(contentsOf: dashboard))
        XCTAssertEqual(decoded.metrics.first?.latest, 40)
        XCTAssertEqual(decoded.metrics.first?.state, .warning)
        XCTAssertEqual(try Data(contentsOf: dashboard), try second.jsonData())
        XCTAssertEqual(try String(contentsOf: metrics, encoding: .utf8), PrometheusDashboardReport(second).render())

        // A new file renamed over the old one, not the old one rewritten in place: a reader
        // holds either snapshot whole, never half of each.
        XCTAssertNotEqual(try fileNumber(dashboard), firstFiles.0)
        XCTAssertNotEqual(try fileNumber(metrics), firstFiles.1)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: reports.path).sorted(), ["dashboard.json", "monitor.prom"])
        XCTAssertEqual(captured.error, "")
    }

    func testADashboardThatCannotBeWrittenIsOneLineAndTheMetricsAreStillWritten() async throws {
        let blocker = directory.appendingPathComponent("file")
        try Data("not a directory".utf8).write(to: blocker)
        let dashboard = blocker.appendingPathComponent("dashboard.json")
        let metrics = directory.appendingPathComponent("monitor.prom")
        let captured = CapturedConsole()
        let outputs = outputs(dashboard: dashboard, metrics: metrics, console: captured.console())
        let monitor = ThresholdMonitor(clock: F.clock())
        await monitor.record(1, for: "queue")
        let snapshot = await monitor.snapshot()

        outputs.write(snapshot)
        XCTAssertTrue(captured.error.hasPrefix("monitor: \(dashboard.relativePath) cannot be written ("), captured.error)
        XCTAssertEqual(captured.error.filter { $0 == "\n" }.count, 1, captured.error)
        XCTAssertEqual(try String(contentsOf: metrics, encoding: .utf8), PrometheusDashboardReport(snapshot).render())
    }
}
