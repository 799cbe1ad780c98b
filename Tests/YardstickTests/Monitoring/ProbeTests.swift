import Foundation
import Synchronization
import XCTest
@testable import Yardstick

/// Probes: values, failures, timeouts on the manual clock, and ``ThresholdMonitor/run()``.
final class ProbeTests: XCTestCase {
    private typealias F = MonitorFixtures

    func testAValueIsRecorded() async {
        let clock = F.clock()
        let monitor = ThresholdMonitor(clock: clock)
        await monitor.register(MonitorProbe("p", interval: .seconds(10)) { 42 })
        let outcome = await monitor.sample(probeNamed: "p")
        XCTAssertEqual(outcome, .value(42))
        let points = await monitor.points(of: "p")
        XCTAssertEqual(points.map(\.value), [42])
        XCTAssertEqual(clock.sleeperCount, 0, "the returned call's timer is gone")
    }

    func testAnUnknownProbeIsNotSampled() async {
        let monitor = ThresholdMonitor(clock: F.clock())
        let outcome = await monitor.sample(probeNamed: "absent")
        XCTAssertNil(outcome)
        let snapshot = await monitor.snapshot()
        XCTAssertEqual(snapshot.metrics, [])
    }

    func testAThrowingProbeRecordsAFailureAndTheMonitorGoesOn() async throws {
        let clock = F.clock()
        let monitor = ThresholdMonitor(clock: clock)
        let calls = CallCounter()
        await monitor.register(MonitorProbe("p", interval: .seconds(10)) {
            if calls.increment() == 1 { throw TestFailure("connection refused") }
            return 7
        })
        let failed = await monitor.sample(probeNamed: "p")
        XCTAssertEqual(failed, .failed("connection refused"))
        XCTAssertEqual(failed?.failureDescription, "threw: connection refused")
        let firstSnapshot = await monitor.snapshot()
        var metric = try XCTUnwrap(firstSnapshot.metrics.first)
        XCTAssertEqual(metric.name, "p")
        XCTAssertEqual(metric.failures, 1)
        XCTAssertEqual(metric.lastFailure, "threw: connection refused")
        XCTAssertNil(metric.latest)
        XCTAssertEqual(metric.state, .ok, "one failure raises no alert")

        let next = await monitor.sample(probeNamed: "p")
        XCTAssertEqual(next, .value(7))
        await monitor.record(3, for: "other")
        let secondSnapshot = await monitor.snapshot()
        metric = try XCTUnwrap(secondSnapshot.metrics.first { $0.name == "p" })
        XCTAssertEqual(metric.latest, 7)
        XCTAssertEqual(metric.failures, 1, "failures are counted since the start, not reset by a value")
        XCTAssertEqual(metric.lastFailure, "threw: connection refused")
        let other = await monitor.points(of: "other")
        XCTAssertEqual(other.map(\.value), [3])
        XCTAssertEqual(calls.value, 2)
    }

    func testRepeatedFailuresFireAProbeFailureWarningAndSuccessesResolveIt() async throws {
        let clock = F.clock()
        let monitor = ThresholdMonitor(clock: clock)
        await monitor.setThreshold(Threshold(metric: "p", warning: .atMost(100), hysteresis: Hysteresis(fireAfter: 3, resolveAfter: 2)))
        let failing = LockedValue(true)
        await monitor.register(MonitorProbe("p", interval: .seconds(10)) {
            if failing.value { throw TestFailure("boom") }
            return 1
        })
        let events = await monitor.alertEvents()

        var outcomes: [ProbeOutcome?] = []
        for _ in 0..<3 {
            outcomes.append(await monitor.sample(probeNamed: "p"))
            clock.advance(by: .seconds(10))
        }
        XCTAssertEqual(outcomes, Array(repeating: .failed("boom"), count: 3))
        var active = await monitor.activeAlerts
        let alert = try XCTUnwrap(active.first)
        XCTAssertEqual(active.count, 1)
        XCTAssertEqual(alert.source, .probeFailure)
        XCTAssertEqual(alert.level, .warning)
        XCTAssertEqual(alert.metric, "p")
        XCTAssertEqual(alert.firstSeen, F.time(0))
        XCTAssertEqual(alert.message, "probe failing: threw: boom")
        XCTAssertNil(alert.value)
        var snapshot = await monitor.snapshot()
        XCTAssertEqual(snapshot.state(of: "p"), .warning)
        XCTAssertEqual(snapshot.metrics.first?.failures, 3)

        failing.value = false
        _ = await monitor.sample(probeNamed: "p")
        active = await monitor.activeAlerts
        XCTAssertEqual(active.count, 1, "one success is not enough")
        clock.advance(by: .seconds(10))
        _ = await monitor.sample(probeNamed: "p")
        active = await monitor.activeAlerts
        XCTAssertEqual(active, [])
        snapshot = await monitor.snapshot()
        XCTAssertEqual(snapshot.state(of: "p"), .ok)

        await monitor.finishAlertEvents()
        let received = await F.collect(events)
        XCTAssertEqual(received.map(\.kind), [.fired, .resolved])
        XCTAssertEqual(received.last?.alert.resolvedAt, F.time(40))
    }

    func testFailuresUseTheDefaultHysteresisWithoutAThreshold() async {
        let monitor = ThresholdMonitor(clock: F.clock())
        var events: [AlertEvent?] = []
        for _ in 0..<Hysteresis().fireAfter {
            events.append(await monitor.recordFailure(of: "q", reason: "down"))
        }
        XCTAssertEqual(events.map { $0?.kind }, [nil, nil, .fired])
    }

    func testANonFiniteValueIsAFailure() async {
        let monitor = ThresholdMonitor(clock: F.clock())
        await monitor.register(MonitorProbe("p", interval: .seconds(1)) { .nan })
        let outcome = await monitor.sample(probeNamed: "p")
        XCTAssertEqual(outcome?.failureDescription, nil, "the probe did return")
        let snapshot = await monitor.snapshot()
        XCTAssertEqual(snapshot.metrics.first?.failures, 1)
        XCTAssertEqual(snapshot.metrics.first?.lastFailure, "returned a value that is not finite: nan")
        XCTAssertNil(snapshot.metrics.first?.latest)
        await monitor.record(.infinity, for: "p")
        let after = await monitor.snapshot()
        XCTAssertEqual(after.metrics.first?.failures, 2)
    }

    func testAHangingProbeIsAbandonedAtItsTimeout() async throws {
        let clock = F.clock()
        let monitor = ThresholdMonitor(clock: clock)
        let gate = ProbeGate()
        let calls = CallCounter()
        await monitor.register(MonitorProbe("hung", interval: .seconds(30), timeout: .seconds(5)) {
            calls.increment()
            await gate.wait()
            return 1
        })

        let sampling = Task { await monitor.sample(probeNamed: "hung") }
        await clock.waitForSleepers(1)            // the call's timer
        await F.waitUntil("the probe is waiting") { gate.waiting == 1 }
        clock.advance(by: .seconds(4))
        XCTAssertEqual(clock.sleeperCount, 1, "4 s of a 5 s timeout: still waiting")
        clock.advance(by: .seconds(1))
        let outcome = await sampling.value
        XCTAssertEqual(outcome, .timedOut(.seconds(5)))
        XCTAssertEqual(outcome?.failureDescription?.hasPrefix("no value within its timeout of"), true)
        XCTAssertEqual(calls.value, 1)

        // Sampled again while the first call still hangs: not called again.
        clock.advance(by: .seconds(30))
        let again = await monitor.sample(probeNamed: "hung")
        XCTAssertEqual(again, .stillRunning)
        XCTAssertEqual(calls.value, 1)
        XCTAssertEqual(gate.waiting, 1)
        let snapshot = await monitor.snapshot()
        let metric = try XCTUnwrap(snapshot.metrics.first)
        XCTAssertEqual(metric.failures, 2)
        XCTAssertEqual(metric.lastFailure, ProbeOutcome.stillRunning.failureDescription)

        // Once the abandoned call returns (its value is discarded), the probe is called again.
        gate.open()
        await F.waitUntil("the abandoned call has returned") {
            await monitor.sample(probeNamed: "hung") != .stillRunning
        }
        XCTAssertEqual(calls.value, 2)
        let points = await monitor.points(of: "hung")
        XCTAssertEqual(points.map(\.value), [1], "only the second call's value is recorded")
    }

    func testAProbeThatReturnsBeforeItsTimeoutIsNotCutShort() async {
        let clock = F.clock()
        let monitor = ThresholdMonitor(clock: clock)
        let gate = ProbeGate()
        await monitor.register(MonitorProbe("slow", interval: .seconds(30), timeout: .seconds(5)) {
            await gate.wait()
            return 9
        })
        let sampling = Task { await monitor.sample(probeNamed: "slow") }
        await clock.waitForSleepers(1)
        await F.waitUntil("the probe is waiting") { gate.waiting == 1 }
        clock.advance(by: .milliseconds(4_999))
        gate.open()
        let outcome = await sampling.value
        XCTAssertEqual(outcome, .value(9))
        XCTAssertEqual(clock.sleeperCount, 0, "its timer was cancelled")
    }

    func testSampleAllSamplesEveryProbeInNameOrder() async {
        let monitor = ThresholdMonitor(clock: F.clock())
        let order = Recorder<String>()
        for name in ["b", "a", "c"] {
            await monitor.register(MonitorProbe(name, interval: .seconds(1)) {
                order.append(name)
                if name == "c" { throw TestFailure("no") }
                return 1
            })
        }
        let outcomes = await monitor.sampleAll()
        XCTAssertEqual(order.values, ["a", "b", "c"])
        XCTAssertEqual(outcomes, ["a": .value(1), "b": .value(1), "c": .failed("no")])
        let names = await monitor.probeNames
        XCTAssertEqual(names, ["a", "b", "c"])
    }

    /// Waits until `monitor` holds `counts` points per probe, then until the run loop sleeps.
    /// A sample's timer is cancelled before its value is recorded, so once the points are there
    /// the only sleeper left to come is the run loop's.
    private func settle(_ monitor: ThresholdMonitor, _ clock: ManualMonitorClock, counts: [String: Int],
                        file: StaticString = #filePath, line: UInt = #line) async {
        await F.waitUntil("the points are \(counts)", file: file, line: line) {
            for (name, count) in counts {
                if await monitor.points(of: name).count != count { return false }
            }
            return true
        }
        await clock.waitForSleepers(1)
    }

    func testRunSamplesEachProbeOnItsInterval() async {
        let clock = F.clock()
        let monitor = ThresholdMonitor(clock: clock)
        let fast = CallCounter(), slow = CallCounter()
        await monitor.register(MonitorProbe("fast", interval: .seconds(10)) { Double(fast.increment()) })
        await monitor.register(MonitorProbe("slow", interval: .seconds(25)) { Double(slow.increment()) })

        let run = Task { await monitor.run() }
        // Both are due at once at t = 0.
        await settle(monitor, clock, counts: ["fast": 1, "slow": 1])
        XCTAssertEqual([fast.value, slow.value], [1, 1])

        // In 5 s steps to t = 50: fast at 10, 20, 30, 40, 50; slow at 25, 50.
        var expected: [(Int, Int)] = []
        var observed: [(Int, Int)] = []
        for step in 1...10 {
            clock.advance(by: .seconds(5))
            let seconds = step * 5
            let counts = (1 + seconds / 10, 1 + seconds / 25)
            await settle(monitor, clock, counts: ["fast": counts.0, "slow": counts.1])
            expected.append(counts)
            observed.append((fast.value, slow.value))
        }
        XCTAssertEqual(observed.map { [$0.0, $0.1] }, expected.map { [$0.0, $0.1] })
        XCTAssertEqual([fast.value, slow.value], [6, 3])
        let fastPoints = await monitor.points(of: "fast")
        XCTAssertEqual(fastPoints.map(\.time), stride(from: 0.0, through: 50, by: 10).map { F.time($0) })
        let slowPoints = await monitor.points(of: "slow")
        XCTAssertEqual(slowPoints.map(\.time), [F.time(0), F.time(25), F.time(50)])

        run.cancel()
        await run.value                           // ends: the sleep throws on cancellation
        XCTAssertEqual(clock.sleeperCount, 0)
        clock.advance(by: .seconds(100))
        XCTAssertEqual([fast.value, slow.value], [6, 3], "nothing samples after the run ended")
    }

    func testRunSkipsMissedIntervals() async {
        let clock = F.clock()
        let monitor = ThresholdMonitor(clock: clock)
        let calls = CallCounter()
        await monitor.register(MonitorProbe("p", interval: .seconds(10)) { Double(calls.increment()) })
        let run = Task { await monitor.run() }
        await settle(monitor, clock, counts: ["p": 1])
        clock.advance(by: .seconds(35))           // t = 35: due at 10, 20 and 30; sampled once
        await settle(monitor, clock, counts: ["p": 2])
        clock.advance(by: .seconds(4))            // t = 39: next due at 45
        await settle(monitor, clock, counts: ["p": 2])
        clock.advance(by: .seconds(6))            // t = 45
        await settle(monitor, clock, counts: ["p": 3])
        let times = await monitor.points(of: "p").map(\.time)
        XCTAssertEqual(times, [F.time(0), F.time(35), F.time(45)])
        run.cancel()
        await run.value
    }

    func testAProbeRegisteredWhileRunSleepsIsSampledAtOnce() async {
        let clock = F.clock()
        let monitor = ThresholdMonitor(clock: clock)
        await monitor.register(MonitorProbe("hourly", interval: .seconds(3_600)) { 1 })
        let run = Task { await monitor.run() }
        await settle(monitor, clock, counts: ["hourly": 1])     // asleep until t = 3600

        await monitor.register(MonitorProbe("often", interval: .seconds(1)) { 2 })
        await settle(monitor, clock, counts: ["hourly": 1, "often": 1])
        clock.advance(by: .seconds(1))
        await settle(monitor, clock, counts: ["hourly": 1, "often": 2])
        let times = await monitor.points(of: "often").map(\.time)
        XCTAssertEqual(times, [F.time(0), F.time(1)])
        run.cancel()
        await run.value
        XCTAssertEqual(clock.sleeperCount, 0)
    }

    func testRunWithNoProbesWaitsForOneUntilCancelled() async {
        let clock = F.clock()
        let monitor = ThresholdMonitor(clock: clock)
        let run = Task { await monitor.run() }
        await clock.waitForSleepers(1)
        let calls = CallCounter()
        await monitor.register(MonitorProbe("late", interval: .seconds(10)) { Double(calls.increment()) })
        await F.waitUntil("the late probe is sampled") { calls.value == 1 }
        run.cancel()
        await run.value
        XCTAssertEqual(calls.value, 1)
        XCTAssertEqual(clock.sleeperCount, 0)
    }

    func testCancellingTheRunWhileAProbeHangsEndsItAtOnceAndRecordsNoFailure() async throws {
        let clock = F.clock()
        let monitor = ThresholdMonitor(clock: clock)
        let gate = ProbeGate()
        let later = CallCounter()
        await monitor.register(MonitorProbe("hung", interval: .seconds(30), timeout: .seconds(5)) {
            await gate.wait()
            return 1
        })
        await monitor.register(MonitorProbe("later", interval: .seconds(30)) { Double(later.increment()) })
        let run = Task { await monitor.run() }
        await F.waitUntil("the probe is waiting") { gate.waiting == 1 }
        run.cancel()
        await run.value
        XCTAssertEqual(clock.sleeperCount, 0, "the timeout's timer is cancelled too")
        XCTAssertEqual(later.value, 0, "nothing starts once the run is cancelled")
        let snapshot = await monitor.snapshot()
        XCTAssertEqual(snapshot.metrics.map(\.failures), [0, 0], "a stop is not a probe's failure")
        XCTAssertEqual(snapshot.metrics.map(\.lastFailure), [nil, nil])
        gate.open()
    }

    func testAProbeSampledByAnotherCallerWithinItsTimeoutIsSkippedNotFailed() async throws {
        let clock = F.clock()
        let monitor = ThresholdMonitor(clock: clock)
        let gate = ProbeGate()
        await monitor.register(MonitorProbe("slow", interval: .seconds(30), timeout: .seconds(5)) {
            await gate.wait()
            return 7
        })
        let first = Task { await monitor.sample(probeNamed: "slow") }
        await F.waitUntil("the probe is waiting") { gate.waiting == 1 }
        let second = await monitor.sample(probeNamed: "slow")
        XCTAssertNil(second)
        gate.open()
        let outcome = await first.value
        XCTAssertEqual(outcome, .value(7))
        let snapshot = await monitor.snapshot()
        XCTAssertEqual(snapshot.metrics.first?.failures, 0)
        XCTAssertEqual(snapshot.metrics.first?.latest, 7)
    }

    func testCancellingTheRunTaskBeforeItStartsEndsIt() async {
        let clock = F.clock()
        let monitor = ThresholdMonitor(clock: clock)
        let calls = CallCounter()
        await monitor.register(MonitorProbe("p", interval: .seconds(10)) { Double(calls.increment()) })
        let run = Task { await monitor.run() }
        run.cancel()
        await run.value
        XCTAssertLessThanOrEqual(calls.value, 1)
        XCTAssertEqual(clock.sleeperCount, 0)
    }
}
