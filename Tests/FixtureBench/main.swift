import Foundation
import Yardstick

/// Suites that misbehave on purpose, so that the tests in `BenchCommandTests` can check, through
/// a real process, what `bench` does with each kind of failure. Always select with `--filter`:
/// `fixture.hang` never returns.
let fixtures = Suite("fixture", configuration: .init(warmupIterations: 1, iterations: 20, rounds: 2)) {
    Benchmark("quick") { index in index &* 3 }

    // A 2 ms sleep a call: steady to a few percent even in a debug build, for tests that need a
    // verdict they can predict.
    Benchmark("steady", configuration: .init(warmupIterations: 1, iterations: 5, timing: .perCall)) { _ in
        usleep(2_000)
    }

    Benchmark("throws") { index in
        if index == 5 { throw FixtureError("the fifth call failed") }
        return index
    }

    // Twenty 5 ms calls a round against a 50 ms limit: the first round runs past it.
    Benchmark("slow", configuration: .init(timeLimit: .milliseconds(50), timing: .perCall)) { _ in
        usleep(5_000)
    }

    // Runs past its 1 s limit in its first round, then takes 1.5 s to tear down: tear-down has
    // a time limit of its own, so the watchdog must not end the run.
    Benchmark(
        "slow-tear-down",
        configuration: .init(timeLimit: .seconds(1), timing: .perCall),
        setUp: { 0 },
        tearDown: { _ in usleep(1_500_000) }
    ) { _, _ in
        usleep(300_000)
    }

    // Never returns: only the watchdog can end it.
    Benchmark("hang", configuration: .init(timeLimit: .milliseconds(100))) { _ in
        while true { sleep(1) }
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

await BenchCommand.main(suites: [fixtures])
