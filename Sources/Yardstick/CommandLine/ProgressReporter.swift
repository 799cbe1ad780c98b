/// Shows a run's progress on standard error: one line redrawn in place on a terminal, plain
/// lines otherwise (CI logs), nothing when quiet. It only reacts to ``RunEvent``s, which the
/// runner emits outside its timing windows.
final class ProgressReporter {
    enum Style { case live, lines, quiet }

    private let console: Console
    private let style: Style
    private let clock: any NanosecondClock
    private var start: UInt64 = 0
    private var liveLineIsShown = false

    /// A reporter on `console`; `clock` times the elapsed figures (tests pass a fixed one).
    init(console: Console, quiet: Bool, clock: any NanosecondClock = MonotonicClock()) {
        self.console = console
        self.clock = clock
        self.style = quiet ? .quiet : console.errorIsTerminal ? .live : .lines
    }

    func handle(_ event: RunEvent) {
        switch (style, event) {
        case (.quiet, _):
            return
        case (_, .started(let benchmarks, let rounds)):
            start = clock.now()
            line("measuring \(Formatting.counted(benchmarks, "benchmark")), up to \(Formatting.counted(rounds, "round")) each, interleaved")
        case (.live, .measuring(let benchmark, let round, let rounds)):
            console.error("\r\u{1B}[2K" + "bench: [\(elapsed())] round \(round)/\(rounds)  \(benchmark)")
            liveLineIsShown = true
        case (.lines, .roundFinished(let round, let rounds)):
            line("round \(round)/\(rounds) done after \(elapsed())")
        case (_, .failed(let benchmark, let failure)):
            line("\(benchmark): error: \(failure.message)")
        case (_, .finished):
            line("done in \(elapsed())")
        default:
            return
        }
    }

    private func line(_ text: String) {
        if liveLineIsShown {
            console.error("\r\u{1B}[2K")
            liveLineIsShown = false
        }
        console.error("bench: \(text)\n")
    }

    private func elapsed() -> String {
        Formatting.elapsed(seconds: Double(clock.now() &- start) / 1e9)
    }
}
