import XCTest
@testable import Yardstick

/// What `bench` shows on standard error while it measures, for a fixed sequence of events and
/// a clock that moves only when told.
final class ProgressReporterTests: XCTestCase {
    private let failure = BenchmarkFailure(.body, "threw in round 2: boom")

    /// Two benchmarks over two rounds, the second failing in round 2; the clock advances 1.5 s
    /// per measured round.
    private func report(isTerminal: Bool, quiet: Bool = false) -> String {
        let captured = CapturedConsole()
        let clock = ManualClock(start: 0)
        let reporter = ProgressReporter(console: captured.console(isTerminal: isTerminal), quiet: quiet, clock: clock)
        reporter.handle(.started(benchmarks: 2, rounds: 2))
        for round in 1...2 {
            for benchmark in ["s.a", "s.b"] {
                reporter.handle(.measuring(benchmark: benchmark, round: round, rounds: 2))
                clock.advance(by: 1_500_000_000)
                if round == 2, benchmark == "s.b" {
                    reporter.handle(.failed(benchmark: benchmark, failure: failure))
                }
            }
            reporter.handle(.roundFinished(round: round, rounds: 2))
        }
        reporter.handle(.finished)
        return captured.error
    }

    func testOffATerminalEachRoundIsAPlainLine() {
        XCTAssertEqual(report(isTerminal: false), """
            bench: measuring 2 benchmarks, up to 2 rounds each, interleaved
            bench: round 1/2 done after 3.00 s
            bench: s.b: error: threw in round 2: boom
            bench: round 2/2 done after 6.00 s
            bench: done in 6.00 s

            """)
    }

    /// On a terminal one line is redrawn in place for each benchmark's round (carriage return,
    /// erase line), and cleared before any line that stays.
    func testOnATerminalOneLiveLineIsRedrawnAndClearedBeforeLinesThatStay() {
        let clear = "\r\u{1B}[2K"
        XCTAssertEqual(report(isTerminal: true), [
            "bench: measuring 2 benchmarks, up to 2 rounds each, interleaved\n",
            clear + "bench: [0.00 ns] round 1/2  s.a",
            clear + "bench: [1.50 s] round 1/2  s.b",
            clear + "bench: [3.00 s] round 2/2  s.a",
            clear + "bench: [4.50 s] round 2/2  s.b",
            clear, "bench: s.b: error: threw in round 2: boom\n",
            "bench: done in 6.00 s\n",
        ].joined())
    }

    func testQuietShowsNothingOnATerminalOrOff() {
        XCTAssertEqual(report(isTerminal: true, quiet: true), "")
        XCTAssertEqual(report(isTerminal: false, quiet: true), "")
    }
}
