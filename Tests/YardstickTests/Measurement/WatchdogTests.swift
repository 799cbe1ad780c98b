import XCTest
@testable import Yardstick

final class WatchdogTests: XCTestCase {
    func testFiresOnceAfterDeadlinePlusGraceAndNamesTheBenchmark() {
        let clock = ManualClock(start: 0)
        let fired = Recorder<Watchdog.Alarm>()
        let watchdog = Watchdog(pollInterval: nil, clock: clock) { fired.append($0) }
        // A 4 s limit gets 2 s of grace.
        watchdog.arm(benchmark: "s.hang", phase: "round 2", deadline: 1_000, timeLimit: .seconds(4))
        clock.advance(by: 1_000 + 2_000_000_000)
        watchdog.check()
        XCTAssertTrue(fired.values.isEmpty, "at deadline + grace exactly it waits")
        clock.advance(by: 1)
        watchdog.check()
        watchdog.check()
        XCTAssertEqual(fired.values.map(\.benchmark), ["s.hang"])
        XCTAssertEqual(fired.values.map(\.phase), ["round 2"])
    }

    func testGraceIsHalfTheLimitAndAtLeastOneSecond() {
        let alarm = { (limit: Duration) in Watchdog.Alarm(benchmark: "b", phase: "p", deadline: 0, timeLimit: limit) }
        XCTAssertEqual(alarm(.seconds(60)).grace, .seconds(30))
        XCTAssertEqual(alarm(.milliseconds(100)).grace, .seconds(1))
    }

    func testDisarmedWatchdogNeverFires() {
        let clock = ManualClock(start: 0)
        let fired = Recorder<Watchdog.Alarm>()
        let watchdog = Watchdog(pollInterval: nil, clock: clock) { fired.append($0) }
        watchdog.arm(benchmark: "s.quick", phase: "set-up", deadline: 10, timeLimit: .nanoseconds(10))
        watchdog.disarm()
        clock.advance(by: 10_000_000_000)
        watchdog.check()
        XCTAssertTrue(fired.values.isEmpty)
    }
}
