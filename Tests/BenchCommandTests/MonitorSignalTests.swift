import Foundation
import XCTest

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `bench monitor` without `--count` or `--duration` runs until a signal: a real SIGTERM or
/// SIGINT, sent to a real process, ends the sampling, and the process writes its final state and
/// exits by itself with the gate's exit code, rather than dying of the signal.
final class MonitorSignalTests: XCTestCase {
    func testSIGTERMEndsTheMonitorWhichWritesItsFinalStateAndExits() throws {
        try assertStopsCleanly(on: SIGTERM)
    }

    func testSIGINTEndsTheMonitorWhichWritesItsFinalStateAndExits() throws {
        try assertStopsCleanly(on: SIGINT)
    }

    private func assertStopsCleanly(on signalNumber: Int32) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let dashboard = directory.appendingPathComponent("dashboard.json")
        let metrics = directory.appendingPathComponent("monitor.prom")
        let process = Process()
        process.executableURL = Executable.fixtureBench.url
        // A long interval: after its first sample the monitor sleeps until the signal comes.
        process.arguments = [
            "monitor", "-f", "^fixture\\.quick$", "--interval", "10m", "--no-baseline",
            "--iterations", "10", "--warmup", "1", "--dashboard", dashboard.path, "--metrics", metrics.path,
        ]
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.merging(["YARDSTICK_NO_RELEASE_HANDOFF": "1"]) { $1 }
        let errorFile = directory.appendingPathComponent("stderr.txt")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: errorFile)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        // The first sample is in the dashboard once the monitor has measured the benchmark.
        let deadline = Date().addingTimeInterval(60)
        while !((try? String(contentsOf: dashboard, encoding: .utf8))?.contains("fixture.quick") ?? false) {
            XCTAssertTrue(process.isRunning, "the monitor exited before its first sample")
            guard process.isRunning, Date() < deadline else { return XCTFail("no first sample within 60 s") }
            usleep(50_000)
        }
        let firstDashboard = try Data(contentsOf: dashboard)
        XCTAssertEqual(kill(process.processIdentifier, signalNumber), 0)
        let exitDeadline = Date().addingTimeInterval(30)
        while process.isRunning, Date() < exitDeadline { usleep(20_000) }
        XCTAssertFalse(process.isRunning, "the monitor did not stop within 30 s of the signal")
        guard !process.isRunning else { return }

        let error = try String(contentsOf: errorFile, encoding: .utf8)
        XCTAssertEqual(process.terminationReason, .exit, "it exits by itself, not by the signal: \(error)")
        XCTAssertEqual(process.terminationStatus, 0, "no thresholds, so nothing fails: \(error)")
        XCTAssertTrue(error.contains("monitor: sample 1:"), error)
        XCTAssertFalse(error.contains("monitor: sample 2:"), "nothing is sampled after the signal: \(error)")
        // The final state is written on the way out: the dashboard again, and the metrics file.
        let finalDashboard = try JSONSerialization.jsonObject(with: Data(contentsOf: dashboard)) as? [String: Any]
        let names = (finalDashboard?["metrics"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
        XCTAssertEqual(names, ["fixture.quick"], String(decoding: firstDashboard, as: UTF8.self))
        XCTAssertTrue(try String(contentsOf: metrics, encoding: .utf8).contains("fixture.quick"))
    }
}
