import Foundation
import Yardstick

/// Suites that misbehave on purpose, so that the tests in `BenchCommandTests` can check, through
/// a real process, what `bench` does with each kind of failure. Always select with `--filter`:
/// `fixture.hang` never returns.
let fixtures = Suite("fixture", configuration: .init(warmupIterations: 1, iterations: 20, rounds: 2)) {
    Benchmark("quick") { index in index &* 3 }

    Benchmark("throws") { index in
        if index == 5 { throw FixtureError("the fifth call failed") }
        return index
    }

    // Twenty 5 ms calls a round against a 50 ms limit: the first round runs past it.
    Benchmark("slow", configuration: .init(timeLimit: .milliseconds(50), timing: .perCall)) { _ in
        usleep(5_000)
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
