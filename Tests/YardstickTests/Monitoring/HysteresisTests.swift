import Foundation
import XCTest
@testable import Yardstick

/// The alert state machine of a threshold (``AlertTracker``) driven through
/// ``ThresholdMonitor/record(_:for:)`` on a manual clock, one sample a second.
///
/// The metric's warning band is ≤ 10 and its critical band ≤ 20, so 5 is good, 15 a warning
/// and 25 critical.
final class HysteresisTests: XCTestCase {
    private typealias F = MonitorFixtures
    private let good = 5.0, warning = 15.0, critical = 25.0

    private func monitor(fireAfter: Int = 3, resolveAfter: Int = 2) async -> (ThresholdMonitor, ManualMonitorClock) {
        let clock = F.clock()
        let monitor = ThresholdMonitor(clock: clock)
        await monitor.setThreshold(Threshold(
            metric: "m", warning: .atMost(10), critical: .atMost(20),
            hysteresis: Hysteresis(fireAfter: fireAfter, resolveAfter: resolveAfter)
        ))
        return (monitor, clock)
    }

    /// Records each value, one second apart (the first at the clock's current time), and
    /// returns the event each caused.
    private func feed(_ values: [Double], to monitor: ThresholdMonitor, clock: ManualMonitorClock) async -> [AlertEvent?] {
        var events: [AlertEvent?] = []
        for value in values {
            events.append(await monitor.record(value, for: "m"))
            clock.advance(by: .seconds(1))
        }
        return events
    }

    private func kinds(_ events: [AlertEvent?]) -> [AlertEvent.Kind?] { events.map { $0?.kind } }

    func testFiresAtTheNthBreachingSampleNotBefore() async {
        let (monitor, clock) = await monitor()
        let events = await feed([warning, warning], to: monitor, clock: clock)
        XCTAssertEqual(kinds(events), [nil, nil], "N-1 breaching samples raise nothing")
        let snapshotBefore = await monitor.snapshot()
        XCTAssertEqual(snapshotBefore.state(of: "m"), .ok)
        let activeBefore = await monitor.activeAlerts
        XCTAssertTrue(activeBefore.isEmpty)

        let third = await feed([warning], to: monitor, clock: clock)[0]
        let fired = try? XCTUnwrap(third)
        XCTAssertEqual(fired?.kind, .fired)
        XCTAssertEqual(fired?.alert.level, .warning)
        XCTAssertEqual(fired?.alert.source, .threshold)
        XCTAssertEqual(fired?.alert.metric, "m")
        XCTAssertEqual(fired?.alert.id, 1)
        XCTAssertEqual(fired?.alert.value, warning)
        XCTAssertEqual(fired?.alert.band, .atMost(10))
        XCTAssertEqual(fired?.alert.firstSeen, F.time(0), "first seen at the first sample of the run")
        XCTAssertEqual(fired?.at, F.time(2))
        XCTAssertNil(fired?.alert.resolvedAt)
        let active = await monitor.activeAlerts
        XCTAssertEqual(active.map(\.id), [1])
        let snapshot = await monitor.snapshot()
        XCTAssertEqual(snapshot.state(of: "m"), .warning)
    }

    func testAGoodSampleResetsTheCount() async {
        let (monitor, clock) = await monitor()
        let events = await feed([warning, warning, good, warning, warning, warning], to: monitor, clock: clock)
        XCTAssertEqual(kinds(events), [nil, nil, nil, nil, nil, .fired])
        // The run that fired began with the fourth sample, at t = 3 s.
        XCTAssertEqual(events[5]?.alert.firstSeen, F.time(3))
        XCTAssertEqual(events[5]?.at, F.time(5))
    }

    func testAProbeFailureBreaksABreachingStreak() async {
        let (monitor, clock) = await monitor()
        _ = await feed([warning, warning], to: monitor, clock: clock)
        await monitor.recordFailure(of: "m", reason: "timed out")
        clock.advance(by: .seconds(1))
        let events = await feed([warning, warning, warning], to: monitor, clock: clock)
        XCTAssertEqual(kinds(events), [nil, nil, .fired], "two breaches, a failure, then three: the first two do not count")
        XCTAssertEqual(events[2]?.alert.firstSeen, F.time(3), "the run that fired began after the failure")
    }

    func testAProbeFailureBreaksARecoveringStreakAndKeepsTheAlert() async {
        let (monitor, clock) = await monitor()
        _ = await feed([warning, warning, warning, good], to: monitor, clock: clock)
        await monitor.recordFailure(of: "m", reason: "connection refused")
        clock.advance(by: .seconds(1))
        let afterFailure = await monitor.activeAlerts
        XCTAssertEqual(afterFailure.map(\.level), [.warning], "a failure resolves nothing")
        let events = await feed([good, good], to: monitor, clock: clock)
        XCTAssertEqual(kinds(events), [nil, .resolved], "the good sample before the failure does not count towards resolving")
    }

    func testResolvesAtTheMthGoodSampleNotBefore() async {
        let (monitor, clock) = await monitor()
        _ = await feed([warning, warning, warning], to: monitor, clock: clock)
        let events = await feed([good], to: monitor, clock: clock)
        XCTAssertEqual(kinds(events), [nil], "M-1 good samples leave the alert active")
        let stillActive = await monitor.activeAlerts
        XCTAssertEqual(stillActive.count, 1)

        let resolving = await feed([good], to: monitor, clock: clock)
        XCTAssertEqual(resolving[0]?.kind, .resolved)
        XCTAssertEqual(resolving[0]?.alert.id, 1)
        XCTAssertEqual(resolving[0]?.alert.resolvedAt, F.time(4))
        XCTAssertEqual(resolving[0]?.alert.isActive, false)
        XCTAssertEqual(resolving[0]?.alert.firstSeen, F.time(0))
        let active = await monitor.activeAlerts
        XCTAssertTrue(active.isEmpty)
        let snapshot = await monitor.snapshot()
        XCTAssertEqual(snapshot.state(of: "m"), .ok)
    }

    func testABreachingSampleRestartsTheResolveCount() async {
        let (monitor, clock) = await monitor()
        _ = await feed([warning, warning, warning], to: monitor, clock: clock)
        let events = await feed([good, warning, good, good], to: monitor, clock: clock)
        XCTAssertEqual(kinds(events), [nil, nil, nil, .resolved])
    }

    func testFiresCriticalDirectlyAfterNCriticalSamples() async {
        let (monitor, clock) = await monitor()
        let events = await feed([critical, critical, critical], to: monitor, clock: clock)
        XCTAssertEqual(kinds(events), [nil, nil, .fired])
        XCTAssertEqual(events[2]?.alert.level, .critical)
        XCTAssertEqual(events[2]?.alert.band, .atMost(20))
        XCTAssertEqual(events[2]?.alert.firstSeen, F.time(0))
    }

    func testWarningEscalatesAfterNCriticalSamples() async {
        let (monitor, clock) = await monitor()
        _ = await feed([warning, warning, warning], to: monitor, clock: clock)
        let events = await feed([critical, critical, critical], to: monitor, clock: clock)
        XCTAssertEqual(kinds(events), [nil, nil, .escalated])
        let escalated = events[2]
        XCTAssertEqual(escalated?.alert.level, .critical)
        XCTAssertEqual(escalated?.alert.id, 1, "the same alert, raised")
        XCTAssertEqual(escalated?.alert.firstSeen, F.time(0), "first seen does not move")
        XCTAssertEqual(escalated?.alert.band, .atMost(20))
        XCTAssertEqual(escalated?.at, F.time(5))
        let snapshot = await monitor.snapshot()
        XCTAssertEqual(snapshot.state(of: "m"), .critical)
    }

    func testCriticalSamplesBeforeTheWarningFiredCountTowardsEscalation() async {
        // 15, 25, 25: three samples at warning or worse fire a warning, as only two were
        // critical; the next critical sample makes three critical in a row.
        let (monitor, clock) = await monitor()
        let events = await feed([warning, critical, critical, critical], to: monitor, clock: clock)
        XCTAssertEqual(kinds(events), [nil, nil, .fired, .escalated])
        XCTAssertEqual(events[2]?.alert.level, .warning)
        XCTAssertEqual(events[3]?.alert.level, .critical)
    }

    func testEscalationNeedsNCriticalSamplesInARow() async {
        let (monitor, clock) = await monitor()
        _ = await feed([warning, warning, warning], to: monitor, clock: clock)
        let events = await feed([critical, critical, warning, critical, critical], to: monitor, clock: clock)
        XCTAssertEqual(kinds(events), [nil, nil, nil, nil, nil])
        let active = await monitor.activeAlerts
        XCTAssertEqual(active.map(\.level), [.warning])
    }

    func testCriticalEasesToWarningWhenSomeSamplesBelowItWereWarnings() async {
        let (monitor, clock) = await monitor()
        _ = await feed([critical, critical, critical], to: monitor, clock: clock)
        let events = await feed([warning, good], to: monitor, clock: clock)
        XCTAssertEqual(kinds(events), [nil, .eased])
        XCTAssertEqual(events[1]?.alert.level, .warning)
        XCTAssertEqual(events[1]?.alert.band, .atMost(10))
        // Described by the warning sample, not by the good one that completed the count: a
        // value of 5 is not outside ≤ 10.
        XCTAssertEqual(events[1]?.alert.value, warning)
        XCTAssertEqual(events[1]?.alert.message, "15.0 outside ≤ 10.0")
        XCTAssertEqual(events[1]?.alert.id, 1)
        XCTAssertNil(events[1]?.alert.resolvedAt)
        let snapshot = await monitor.snapshot()
        XCTAssertEqual(snapshot.state(of: "m"), .warning)

        // Now a warning: M good samples resolve it.
        let resolving = await feed([good, good], to: monitor, clock: clock)
        XCTAssertEqual(kinds(resolving), [nil, .resolved])
    }

    func testCriticalEasesAfterMWarningSamples() async {
        let (monitor, clock) = await monitor()
        _ = await feed([critical, critical, critical], to: monitor, clock: clock)
        let events = await feed([14, 16, 12, 11], to: monitor, clock: clock)
        XCTAssertEqual(kinds(events), [nil, .eased, nil, nil], "still a warning after easing: nothing more")
        XCTAssertEqual(events[1]?.alert.value, 16)
        let active = await monitor.activeAlerts
        XCTAssertEqual(active.first?.value, 11, "the latest warning value")
        XCTAssertEqual(active.first?.band, .atMost(10))
    }

    func testCriticalResolvesDirectlyAfterMGoodSamples() async {
        let (monitor, clock) = await monitor()
        _ = await feed([critical, critical, critical], to: monitor, clock: clock)
        let events = await feed([good, good], to: monitor, clock: clock)
        XCTAssertEqual(kinds(events), [nil, .resolved])
        XCTAssertEqual(events[1]?.alert.level, .critical, "resolved from critical, never eased")
    }

    func testACriticalSampleRestartsTheEasingCount() async {
        let (monitor, clock) = await monitor()
        _ = await feed([critical, critical, critical], to: monitor, clock: clock)
        let events = await feed([12, critical, 13, good], to: monitor, clock: clock)
        XCTAssertEqual(kinds(events), [nil, nil, nil, .eased])
        XCTAssertEqual(events[3]?.alert.value, 13, "the warning sample of the completed count")
    }

    func testAlertIDsIncreaseAcrossAlertsAndMetrics() async {
        let (monitor, clock) = await monitor()
        await monitor.setThreshold(Threshold(metric: "other", warning: .atMost(10), hysteresis: Hysteresis(fireAfter: 1, resolveAfter: 1)))
        let first = await feed([warning, warning, warning, good, good], to: monitor, clock: clock)
        let other = await monitor.record(50, for: "other")
        let second = await feed([critical, critical, critical], to: monitor, clock: clock)
        XCTAssertEqual(first[2]?.alert.id, 1)
        XCTAssertEqual(first[4]?.alert.id, 1)
        XCTAssertEqual(other?.alert.id, 2)
        XCTAssertEqual(second[2]?.kind, .fired)
        XCTAssertEqual(second[2]?.alert.id, 3)
        let active = await monitor.activeAlerts
        XCTAssertEqual(active.map(\.id), [3, 2], "the most severe first")
    }

    func testFireAfterOneResolveAfterOne() async {
        let (monitor, clock) = await monitor(fireAfter: 1, resolveAfter: 1)
        let events = await feed([good, warning, critical, warning, good, critical, good], to: monitor, clock: clock)
        XCTAssertEqual(kinds(events), [nil, .fired, .escalated, .eased, .resolved, .fired, .resolved])
        XCTAssertEqual(events.compactMap { $0?.alert.level }, [.warning, .critical, .warning, .warning, .critical, .critical])
        XCTAssertEqual(events.compactMap { $0?.alert.id }, [1, 1, 1, 1, 2, 2])
        XCTAssertEqual(events[1]?.alert.firstSeen, F.time(1))
        XCTAssertEqual(events[5]?.alert.firstSeen, F.time(5))
    }

    func testTheAlertKeepsTheLatestValueAtItsLevel() async {
        let (monitor, clock) = await monitor()
        _ = await feed([12, 14, 16, 18, good], to: monitor, clock: clock)
        let active = await monitor.activeAlerts
        XCTAssertEqual(active.first?.value, 18, "a sample below its level does not replace the value")
        XCTAssertEqual(active.first?.message.contains("outside"), true)
    }

    func testValuesInsideBothBandsNeverAlert() async {
        let (monitor, clock) = await monitor(fireAfter: 1, resolveAfter: 1)
        let events = await feed([0, 10, 5, 10], to: monitor, clock: clock)
        XCTAssertEqual(kinds(events), [nil, nil, nil, nil], "10 is on the warning band's edge: inside")
    }

    func testAMetricWithoutAThresholdIsRecordedButNeverAlerts() async {
        let (monitor, _) = await monitor(fireAfter: 1, resolveAfter: 1)
        let event = await monitor.record(1e12, for: "unwatched")
        XCTAssertNil(event)
        let points = await monitor.points(of: "unwatched")
        XCTAssertEqual(points.map(\.value), [1e12])
    }

    func testAlertEventsReachEverySubscriber() async {
        let (monitor, clock) = await monitor(fireAfter: 1, resolveAfter: 1)
        let first = await monitor.alertEvents()
        let second = await monitor.alertEvents()
        _ = await feed([warning, critical, good], to: monitor, clock: clock)
        await monitor.finishAlertEvents()
        let firstEvents = await F.collect(first)
        let secondEvents = await F.collect(second)
        XCTAssertEqual(firstEvents.map(\.kind), [.fired, .escalated, .resolved])
        XCTAssertEqual(firstEvents, secondEvents)
    }

    func testHysteresisDecodesOnlyPositiveCounts() throws {
        let decoded = try JSONDecoder().decode(Hysteresis.self, from: Data(#"{"fireAfter": 2, "resolveAfter": 5}"#.utf8))
        XCTAssertEqual(decoded, Hysteresis(fireAfter: 2, resolveAfter: 5))
        XCTAssertEqual(try JSONDecoder().decode(Hysteresis.self, from: JSONEncoder().encode(Hysteresis())), Hysteresis())
        // A count of 0 would fire a critical alert on a good sample.
        for json in [#"{"fireAfter": 0, "resolveAfter": 3}"#, #"{"fireAfter": 3, "resolveAfter": -1}"#] {
            XCTAssertThrowsError(try JSONDecoder().decode(Hysteresis.self, from: Data(json.utf8)), json) { error in
                XCTAssertTrue(error is DecodingError, "\(error)")
            }
            XCTAssertThrowsError(try JSONDecoder().decode(Threshold.self, from: Data(#"{"metric": "m", "unit": "plain", "hysteresis": \#(json)}"#.utf8)))
        }
    }

    /// The tracker by itself, with the monitor's closures replaced.
    func testTrackerDirectly() {
        var tracker = AlertTracker(hysteresis: Hysteresis(fireAfter: 2, resolveAfter: 2))
        var nextID = 0
        func observe(_ state: MetricState, _ second: Double) -> AlertEvent.Kind? {
            tracker.observe(
                state, at: F.time(second),
                describe: { state, alert in alert.message = "\(state)" },
                newAlert: { state, firstSeen in
                    nextID += 1
                    return Alert(id: nextID, level: state.alertLevel!, metric: "t", source: .threshold, value: nil, band: nil,
                                 unit: .plain, message: "", firstSeen: firstSeen, resolvedAt: nil)
                }
            )?.kind
        }
        XCTAssertNil(observe(.critical, 0))
        XCTAssertEqual(observe(.warning, 1), .fired)
        XCTAssertEqual(tracker.alert?.level, .warning)
        XCTAssertEqual(tracker.alert?.message, "warning")
        XCTAssertEqual(tracker.alert?.firstSeen, F.time(0))
        XCTAssertEqual(tracker.state, .warning)
        XCTAssertEqual(tracker.resolve(at: F.time(2))?.kind, .resolved)
        XCTAssertNil(tracker.alert)
        XCTAssertNil(tracker.resolve(at: F.time(3)), "nothing left to resolve")
        XCTAssertNil(observe(.warning, 4), "resolving by hand restarts the counts")
        XCTAssertEqual(observe(.warning, 5), .fired)
        XCTAssertEqual(tracker.alert?.id, 2)
    }
}
