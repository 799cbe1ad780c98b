import Foundation
import XCTest
@testable import Yardstick

/// ``ThresholdMonitor/run(until:afterEachCycle:)``: its limits and what it hands its observer,
/// on the manual clock.
final class MonitorRunTests: XCTestCase {
    private typealias F = MonitorFixtures

    /// Runs `monitor` with `limits`, advancing the clock to each moment the run sleeps until,
    /// and returns the cycles it reported with the time of each, once it ends by itself.
    private func drive(
        _ monitor: ThresholdMonitor, _ clock: ManualMonitorClock, limits: MonitorRunLimits,
        file: StaticString = #filePath, line: UInt = #line
    ) async -> [(seconds: Double, cycle: MonitorCycle)] {
        let cycles = Recorder<MonitorCycle>()
        let ended = LockedValue(false)
        let run = Task {
            await monitor.run(until: limits) { cycle in cycles.append(cycle) }
            ended.value = true
        }
        var seen = 0
        for _ in 0..<1_000 {
            // The observer runs once the pass's probe timers are gone, so the sleeper that
            // follows a reported cycle is the run's own.
            await F.waitUntil("the run reports a cycle and sleeps, or ends", file: file, line: line) {
                ended.value || (cycles.values.count > seen && clock.sleeperCount == 1)
            }
            if ended.value { break }
            seen = cycles.values.count
            guard let deadline = clock.earliestDeadline else { break }
            clock.advance(by: .seconds(deadline.timeIntervalSince(clock.now)))
            await F.waitUntil("the run ends or reports its next cycle", file: file, line: line) {
                ended.value || cycles.values.count > seen
            }
        }
        await run.value
        return cycles.values.map { ($0.snapshot.takenAt.timeIntervalSince(F.start), $0) }
    }

    /// A count of N is N samples of every probe: the faster one stops at N and the run waits
    /// for the slower, not for the faster's next time.
    func testACountTakesThatManySamplesOfEveryProbe() async {
        let clock = F.clock()
        let monitor = ThresholdMonitor(clock: clock)
        await monitor.register(MonitorProbe("fast", interval: .seconds(10)) { 1 })
        await monitor.register(MonitorProbe("slow", interval: .seconds(25)) { 2 })

        let cycles = await drive(monitor, clock, limits: MonitorRunLimits(samplesPerProbe: 2))

        XCTAssertEqual(cycles.map(\.seconds), [0, 10, 25])
        XCTAssertEqual(cycles.map { $0.cycle.outcomes.keys.sorted() }, [["fast", "slow"], ["fast"], ["slow"]])
        XCTAssertEqual(cycles.map(\.cycle.completedSamples), [1, 1, 2])
        XCTAssertEqual(cycles.map(\.cycle.completesASample), [true, false, true])
        XCTAssertEqual(cycles.last?.cycle.snapshot.metrics.map(\.window?.count), [2, 2])
        XCTAssertEqual(clock.sleeperCount, 0)
    }

    func testADurationEndsTheRunBetweenSamples() async {
        let clock = F.clock()
        let monitor = ThresholdMonitor(clock: clock)
        await monitor.register(MonitorProbe("p", interval: .seconds(10)) { 1 })

        let cycles = await drive(monitor, clock, limits: MonitorRunLimits(duration: .seconds(25)))

        XCTAssertEqual(cycles.map(\.seconds), [0, 10, 20])
        XCTAssertEqual(clock.now, F.time(25), "it woke at the end, not at the next probe's time")
        let times = await monitor.points(of: "p").map(\.time)
        XCTAssertEqual(times, [F.time(0), F.time(10), F.time(20)])
    }

    func testWithoutAnObserverNoCycleIsReportedAndTheCountStillStops() async {
        let clock = F.clock()
        let monitor = ThresholdMonitor(clock: clock)
        let calls = CallCounter()
        await monitor.register(MonitorProbe("p", interval: .seconds(10)) { Double(calls.increment()) })
        let run = Task { await monitor.run(until: MonitorRunLimits(samplesPerProbe: 1)) }
        await run.value
        XCTAssertEqual(calls.value, 1)
        XCTAssertEqual(clock.sleeperCount, 0)
    }

    func testCancellingARunWithLimitsEndsItWithoutReportingThePass() async {
        let clock = F.clock()
        let monitor = ThresholdMonitor(clock: clock)
        let gate = ProbeGate()
        await monitor.register(MonitorProbe("hung", interval: .seconds(30), timeout: .seconds(5)) {
            await gate.wait()
            return 1
        })
        let cycles = Recorder<MonitorCycle>()
        let run = Task {
            await monitor.run(until: MonitorRunLimits(samplesPerProbe: 10, duration: .seconds(3_600))) { cycles.append($0) }
        }
        await F.waitUntil("the probe is waiting") { gate.waiting == 1 }
        run.cancel()
        await run.value
        XCTAssertEqual(cycles.values.count, 0, "a pass cut short is not reported")
        XCTAssertEqual(clock.sleeperCount, 0)
        gate.open()
    }
}
