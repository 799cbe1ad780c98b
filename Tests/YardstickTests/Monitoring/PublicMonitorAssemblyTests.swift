import Foundation
import XCTest
// Not @testable: this file compiles against the public API alone, as a downstream package would.
import Yardstick

/// A monitor assembled without the command line: benchmarks as probes, a probe of one's own,
/// thresholds, sinks through a fan-out, and the library's scheduler.
final class PublicMonitorAssemblyTests: XCTestCase {
    /// A sink of the test's own, as a package would write one.
    private final class KeptEvents: AlertSink {
        let events = Recorder<AlertEvent>()
        func deliver(_ event: AlertEvent) async { events.append(event) }
    }

    private struct Refused: Error, CustomStringConvertible {
        var description: String { "refused on purpose" }
    }

    func testAMonitorAssembledFromPublicAPIRunsBenchmarksAndProbesAndAlertsEverySink() async throws {
        let suite = Suite("alpha", configuration: BenchmarkConfiguration(warmupIterations: 2, iterations: 50, rounds: 1)) {
            Benchmark("adds") { index in index &+ 1 }
            Benchmark("refuses") { (_: Int) throws -> Int in throw Refused() }
        }
        let plan = try RunPlan(suites: [suite])
        let benchmarks = BenchmarkProbe.all(in: plan)
        XCTAssertEqual(benchmarks.map(\.name), ["alpha.adds", "alpha.refuses"])

        let clock = ManualMonitorClock()
        let monitor = ThresholdMonitor(clock: clock)
        let once = Hysteresis(fireAfter: 1, resolveAfter: 1)
        // No call takes less than a femtosecond: the benchmark must breach its critical band.
        await monitor.setThresholds([
            Threshold(metric: "alpha.adds", unit: .nanoseconds, critical: .atMost(0.000_001), hysteresis: once),
            Threshold(metric: "queue", warning: .atMost(10), hysteresis: once),
        ])
        for probe in await BenchmarkProbe.probes(of: benchmarks, interval: .seconds(30), statistic: .p50) {
            await monitor.register(probe)
        }
        await monitor.register(MonitorProbe("queue", interval: .seconds(30)) { 4 })

        let kept = KeptEvents(), alsoKept = KeptEvents()
        let fanOut = AlertFanOut([kept, alsoKept])
        await fanOut.start(from: monitor)
        let cycles = Recorder<MonitorCycle>()
        await monitor.run(until: MonitorRunLimits(samplesPerProbe: 1)) { cycles.append($0) }
        await monitor.finishAlertEvents()
        await fanOut.finish(within: .seconds(10))

        XCTAssertEqual(cycles.values.map(\.completedSamples), [1])
        let snapshot = try XCTUnwrap(cycles.values.last?.snapshot)
        XCTAssertEqual(snapshot.metrics.map(\.name), ["alpha.adds", "alpha.refuses", "queue"])
        XCTAssertEqual(snapshot.metrics.map(\.state), [.critical, .ok, .ok])
        XCTAssertGreaterThan(snapshot.metrics[0].latest ?? 0, 0, "a time per call, in nanoseconds")
        XCTAssertEqual(snapshot.metrics[1].failures, 1)
        XCTAssertEqual(snapshot.metrics[1].lastFailure?.hasPrefix("threw: "), true)
        XCTAssertEqual(snapshot.metrics[1].lastFailure?.contains("refused on purpose"), true, snapshot.metrics[1].lastFailure ?? "")
        XCTAssertEqual(snapshot.metrics[2].latest, 4)
        for sink in [kept, alsoKept] {
            XCTAssertEqual(sink.events.values.map { "\($0.kind.rawValue) \($0.alert.level.rawValue) \($0.alert.metric)" }, ["fired critical alpha.adds"])
        }
    }
}
