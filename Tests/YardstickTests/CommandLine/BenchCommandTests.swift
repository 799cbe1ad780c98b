import Foundation
import XCTest
@testable import Yardstick

/// The command line run in-process on small suites, with a captured console.
final class BenchCommandTests: XCTestCase {
    private let suites = [
        Suite("alpha", configuration: .init(iterations: 50, rounds: 2, tags: ["fast"])) {
            Benchmark("one") { index in index &+ 1 }
            Benchmark("two", configuration: .init(iterations: 5_000, timing: .batched(size: 100))) { index in index &* 2 }
        },
        Suite("beta") {
            Benchmark("fails", configuration: .init(iterations: 10, rounds: 1)) { (_: Int) throws -> Int in throw TestFailure("nope") }
        },
    ]

    func testListShowsEveryBenchmarkWithItsConfiguration() async {
        let captured = CapturedConsole()
        let code = await BenchCommand.run(arguments: ["list"], suites: suites, console: captured.console())
        XCTAssertEqual(code, .success)
        XCTAssertEqual(captured.output, """
            alpha (2 benchmarks)
              benchmark  iterations  warmup  rounds  time limit  timing          tags
              ---------  ----------  ------  ------  ----------  --------------  ----
              alpha.one          50       5       2      60.0 s  automatic       fast
              alpha.two       5,000     500       2      60.0 s  batches of 100  fast

            beta (1 benchmark)
              benchmark   iterations  warmup  rounds  time limit  timing     tags
              ----------  ----------  ------  ------  ----------  ---------  ----
              beta.fails          10       1       1      60.0 s  automatic


            """)
    }

    func testRunWritesResultsPrintsTableAndExitsOneOnABenchmarkError() async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let captured = CapturedConsole()
        let code = await BenchCommand.run(arguments: ["--output", directory.path, "--no-baseline"], suites: suites, console: captured.console())
        XCTAssertEqual(code, .failure)
        let results = try ResultsFile.load(from: directory.appendingPathComponent("results.json"))
        XCTAssertEqual(results.benchmarks.map(\.name), ["alpha.one", "alpha.two", "beta.fails"])
        XCTAssertEqual(results.benchmarks[1].batchSize, 100)
        XCTAssertEqual(results.benchmarks[1].rounds.map(\.samples), [50, 50])
        XCTAssertEqual(results.environment.buildConfiguration, BuildConfiguration.current)
        XCTAssertTrue(captured.output.contains("beta.fails: error: threw in round 1: nope"), captured.output)
        XCTAssertTrue(captured.output.contains("3 benchmarks (1 failed)"), captured.output)
        XCTAssertTrue(captured.error.contains("bench: round 2/2 done after"), captured.error)
        XCTAssertTrue(captured.error.contains("bench: beta.fails: error: threw in round 1: nope"), captured.error)
    }

    func testRunWithoutErrorsExitsZero() async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let captured = CapturedConsole()
        let code = await BenchCommand.run(arguments: ["-q", "-f", "alpha", "--output", directory.path, "--no-baseline"], suites: suites, console: captured.console())
        XCTAssertEqual(code, .success)
        XCTAssertFalse(captured.error.contains("round 1/2"), "quiet prints no progress")
    }

    /// `alpha.one` takes nanoseconds, so a batch-size trial would batch it; its baseline timed it call by
    /// call, and a run against that baseline does too. `alpha.two` is pinned to batches of 100
    /// in code, which wins over the baseline's per-call plan and stays incomparable with it.
    func testARunTimesEachBenchmarkWithItsBaselinesPlanUnlessItsModeIsPinned() async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = directory.appendingPathComponent("first")
        let second = directory.appendingPathComponent("second")
        let baselines = directory.appendingPathComponent("baselines")
        var code = await BenchCommand.run(arguments: ["-q", "-f", "alpha", "--output", first.path, "--no-baseline"], suites: suites, console: CapturedConsole().console())
        XCTAssertEqual(code, .success)
        var recorded = try ResultsFile.load(from: first.appendingPathComponent("results.json"))
        XCTAssertEqual(recorded.benchmarks[0].batchSize, 50, "chosen by trial: one window of every call")
        recorded.benchmarks[0].batchSize = 1
        recorded.benchmarks[1].batchSize = 1
        try ResultsFile.write(recorded, to: baselines.appendingPathComponent("default.json"))
        code = await BenchCommand.run(
            arguments: ["-q", "-f", "alpha", "--output", second.path, "--baselines", baselines.path, "--allow-incomparable"],
            suites: suites, console: CapturedConsole().console()
        )
        XCTAssertEqual(code, .success)
        let judged = try ResultsFile.loadJudged(from: second.appendingPathComponent("results.json"))
        let (results, resultsJudgement) = (judged.results, judged.judgement)
        XCTAssertEqual(results.benchmarks.map(\.batchSize), [1, 100])
        let reasons = resultsJudgement?.benchmarks.map { $0.reasons.map(\.text).joined(separator: "; ") } ?? []
        XCTAssertEqual(reasons.count, 2)
        XCTAssertFalse(reasons.first?.contains("timed") ?? true, reasons.first ?? "")
        XCTAssertEqual(resultsJudgement?.benchmarks[1].verdict, .incomparable)
        XCTAssertTrue(reasons.last?.hasPrefix("timed one call at a time in the baseline and in batches now") ?? false, reasons.last ?? "")
    }

    func testAnUnreadableTimingPlansFileIsAnInputError() async throws {
        let captured = CapturedConsole()
        let code = await BenchCommand.run(
            arguments: ["--no-baseline", "--timing-plans", "no/such/plans.json"], suites: suites, console: captured.console()
        )
        XCTAssertEqual(code, .usageError)
        XCTAssertEqual(captured.error, "bench: error: --timing-plans: no/such/plans.json: cannot be read (no such file or directory)\n")
    }

    func testProgressOnATerminalRedrawsOneLine() async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let captured = CapturedConsole()
        _ = await BenchCommand.run(arguments: ["-f", "alpha.one", "--output", directory.path, "--no-baseline"], suites: suites, console: captured.console(isTerminal: true))
        XCTAssertTrue(captured.error.contains("\r\u{1B}[2Kbench: ["), captured.error)
        XCTAssertTrue(captured.error.contains("round 2/2  alpha.one"), captured.error)
        XCTAssertFalse(captured.error.contains("done after"), "per-round lines are for logs, not terminals")
    }

    func testDebugBuildsSayTheirNumbersAreNotComparable() async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let captured = CapturedConsole()
        _ = await BenchCommand.run(arguments: ["-q", "-f", "alpha.one", "--output", directory.path, "--no-baseline"], suites: suites, console: captured.console())
        XCTAssertEqual(captured.error.contains("WARNING: this is a DEBUG build"), BuildConfiguration.current == .debug)
    }

    func testUsageErrorsPrintOneLineAndExitTwo() async {
        let captured = CapturedConsole()
        let code = await BenchCommand.run(arguments: ["-f", "gamma"], suites: suites, console: captured.console())
        XCTAssertEqual(code, .usageError)
        XCTAssertEqual(captured.error, "bench: error: no benchmark matches --filter 'gamma' ('bench list' shows the names)\n")
    }

    func testDefinitionErrorsAreUsageErrors() async {
        let captured = CapturedConsole()
        let duplicate = [Suite("s") { Benchmark("a") { _ in }; Benchmark("a") { _ in } }]
        let code = await BenchCommand.run(arguments: ["list"], suites: duplicate, console: captured.console())
        XCTAssertEqual(code, .usageError)
        XCTAssertEqual(captured.error, "bench: error: benchmark 's.a' is defined twice\n")
    }

    func testNoSuitesIsAUsageError() async {
        let captured = CapturedConsole()
        let code = await BenchCommand.run(arguments: [], suites: [], console: captured.console())
        XCTAssertEqual(code, .usageError)
        XCTAssertEqual(captured.error, "bench: error: no benchmarks are registered\n")
    }
}
