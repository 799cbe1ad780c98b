import Foundation
import XCTest
@testable import Yardstick

/// ``EndpointCheck`` and ``ScrapeTarget`` probes on a scripted transport and the manual clock,
/// and ``ThresholdMonitor/sampleDue(skipping:)``, which gives each probe its own interval.
final class LiveTargetProbeTests: XCTestCase {
    private typealias F = MonitorFixtures
    private let url = URL(string: "http://127.0.0.1:9/metrics")!

    /// A clock that moves 2 ms between reads, so every GET takes 2 ms.
    private struct SteppingClock: NanosecondClock {
        let ticks = CallCounter()
        func now() -> UInt64 { UInt64(ticks.increment()) * 2_000_000 }
    }

    func testAScrapeRecordsItsSeriesAndRatesOverTheMonitorsClock() async throws {
        let clock = F.clock()
        let monitor = ThresholdMonitor(clock: clock)
        let transport = ScriptedTransport([
            .status(200, body: "requests_total 100\nqueue 3\n"),
            .status(200, body: "requests_total 160\nqueue 4\n"),
            .status(200, body: "requests_total 5\nqueue 4\n"),
            .failure("URLError -1004"),
        ])
        let target = ScrapeTarget(
            name: "api", url: url, interval: .seconds(15),
            series: ["api.rps": try SeriesExpression(parsing: "rate(requests_total)"), "api.queue": try SeriesExpression(parsing: "queue")],
            transport: transport, latencyClock: SteppingClock()
        )
        await monitor.register(target.probe(recording: monitor.seriesRecorder, clock: clock))
        for _ in 0..<4 {
            await monitor.sampleAll()
            clock.advance(by: .seconds(15))
        }
        let rps = await monitor.points(of: "api.rps").map(\.value)
        XCTAssertEqual(rps, [4], "60 more requests in 15 s; none on the first scrape, none after the reset")
        let queue = await monitor.points(of: "api.queue").map(\.value)
        XCTAssertEqual(queue, [3, 4, 4])
        let up = await monitor.points(of: "api.up").map(\.value)
        XCTAssertEqual(up, [1, 1, 1, 0])
        let latency = await monitor.points(of: "api.latency").map(\.value)
        XCTAssertEqual(latency, [2_000_000, 2_000_000, 2_000_000])
        let snapshot = await monitor.snapshot()
        let failed = snapshot.metrics.filter { $0.failures > 0 }.map { "\($0.name): \($0.lastFailure ?? "")" }
        XCTAssertEqual(failed, ["api.latency: threw: URLError -1004", "api.queue: URLError -1004", "api.rps: URLError -1004"])
        XCTAssertEqual(transport.requests.first?.httpMethod, "GET")
        XCTAssertEqual(transport.requests.first?.timeoutInterval, 5)
    }

    func testAnEndpointCheckCountsA4xxAsUpAndA5xxAsAFailure() async {
        let monitor = ThresholdMonitor(clock: F.clock())
        let check = EndpointCheck(name: "web", url: url, interval: .seconds(10),
                                  transport: ScriptedTransport([.status(404), .status(502, body: "bad gateway")]), clock: SteppingClock())
        await monitor.register(check.probe(recording: monitor.seriesRecorder))
        let first = await monitor.sample(probeNamed: "web.latency")
        let second = await monitor.sample(probeNamed: "web.latency")
        XCTAssertEqual(first, .value(2_000_000))
        XCTAssertEqual(second, .failed("HTTP 502: bad gateway"))
        let up = await monitor.points(of: "web.up").map(\.value)
        XCTAssertEqual(up, [1, 0])
        let status = await monitor.points(of: "web.status").map(\.value)
        XCTAssertEqual(status, [404, 502])
    }

    func testSampleDueSamplesOnlyWhatIsDueAndSaysWhenTheNextIs() async {
        let clock = F.clock()
        let monitor = ThresholdMonitor(clock: clock)
        await monitor.register(MonitorProbe("fast", interval: .seconds(5)) { 1 })
        await monitor.register(MonitorProbe("slow", interval: .seconds(30)) { 2 })
        let first = await monitor.sampleDue()
        XCTAssertEqual(first, ["fast": .value(1), "slow": .value(2)])
        var next = await monitor.nextDue
        XCTAssertEqual(next, F.time(5))
        clock.advance(by: .seconds(5))
        let second = await monitor.sampleDue()
        XCTAssertEqual(second, ["fast": .value(1)])
        clock.advance(by: .seconds(2))
        let early = await monitor.sampleDue()
        XCTAssertEqual(early, [:])
        next = await monitor.nextDue
        XCTAssertEqual(next, F.time(10))
    }

    /// `--count N`: a probe with its N samples is skipped, and the wait is for the others.
    func testFinishedProbesAreSkippedAndNotWaitedFor() async {
        let clock = F.clock()
        let monitor = ThresholdMonitor(clock: clock)
        await monitor.register(MonitorProbe("fast", interval: .seconds(5)) { 1 })
        await monitor.register(MonitorProbe("slow", interval: .seconds(30)) { 2 })
        _ = await monitor.sampleDue()
        clock.advance(by: .seconds(5))
        let skipped = await monitor.sampleDue(skipping: ["fast"])
        XCTAssertEqual(skipped, [:])
        let next = await monitor.nextDue(skipping: ["fast"])
        XCTAssertEqual(next, F.time(30))
        let none = await monitor.nextDue(skipping: ["fast", "slow"])
        XCTAssertNil(none)
    }
}
