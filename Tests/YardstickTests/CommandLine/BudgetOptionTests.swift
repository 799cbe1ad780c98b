import Foundation
import XCTest
@testable import Yardstick

/// `--budget` on the commands that judge, run in-process on a small suite.
final class BudgetOptionTests: XCTestCase {
    private let suites = [
        Suite("alpha", configuration: .init(iterations: 50, rounds: 2)) {
            Benchmark("one") { index in index &+ 1 }
            Benchmark("two") { index in index &* 2 }
        },
    ]

    func testRunAndCompareAndABParseRepeatedBudgets() throws {
        let rules = [try BudgetRule(parsing: "alpha.one:p99<1ms"), try BudgetRule(parsing: "^alpha:mean<2ms")]
        guard case .run(let run) = try CommandParser.parse(["run", "--budget", "alpha.one:p99<1ms", "--budget=^alpha:mean<2ms"]) else {
            return XCTFail("not a run")
        }
        XCTAssertEqual(run.budgets, rules)
        guard case .compare(let compare) = try CommandParser.parse(["compare", "a.json", "b.json", "--budget", "alpha.one:p99<1ms"]) else {
            return XCTFail("not a compare")
        }
        XCTAssertEqual(compare.budgets, [rules[0]])
        guard case .ab(let ab) = try CommandParser.parse(["ab", "--base-ref", "main", "--budget", "^alpha:mean<2ms"]) else {
            return XCTFail("not an ab")
        }
        XCTAssertEqual(ab.budgets, [rules[1]])
    }

    func testABadBudgetIsAUsageErrorOfOneLine() async {
        let captured = CapturedConsole()
        let code = await BenchCommand.run(arguments: ["--no-baseline", "--budget", "alpha.one:p99<fast"], suites: suites, console: captured.console())
        XCTAssertEqual(code, .usageError)
        XCTAssertEqual(
            captured.error,
            "bench: error: --budget 'alpha.one:p99<fast': the p99 limit in 'alpha.one:p99<fast' must be a duration such as 10ms or 500us, got 'fast'\n"
        )
    }

    func testABudgetThatSelectsNoBenchmarkIsAUsageErrorBeforeMeasuring() async {
        let captured = CapturedConsole()
        let code = await BenchCommand.run(arguments: ["--no-baseline", "--budget", "gamma:p99<1ms"], suites: suites, console: captured.console())
        XCTAssertEqual(code, .usageError)
        XCTAssertEqual(captured.error, "bench: error: --budget 'gamma:…': 'gamma' selects no benchmark ('bench list' shows the names)\n")
    }

    func testARunOverACommandLineBudgetFailsAndRecordsIt() async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let code = await BenchCommand.run(
            arguments: ["-q", "--output", directory.path, "--no-baseline", "--budget", "alpha.one:mean<1ns", "--budget", "alpha.two:mean<10s"],
            suites: suites, console: CapturedConsole().console()
        )
        XCTAssertEqual(code, .failure)
        let judged = try ResultsFile.loadJudged(from: directory.appendingPathComponent("results.json"))
        let (results, resultsJudgement) = (judged.results, judged.judgement)
        XCTAssertEqual(results.benchmarks.map(\.configuration.budgets), [[.mean(under: .nanoseconds(1))], [.mean(under: .seconds(10))]])
        XCTAssertEqual(resultsJudgement?.benchmarks.map(\.verdict), [.overBudget, .new])
    }

    func testCompareChecksCommandLineBudgetsOnTheNewFile() async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("run.json")
        try ResultsFile.write(JudgementFixtures.run([JudgementFixtures.benchmark("alpha.one", processes: [[100, 120, 200]])]), to: file)
        let captured = CapturedConsole()
        let code = await BenchCommand.run(
            arguments: ["compare", file.path, file.path, "--budget", "alpha.one:mean<130ns"], suites: [], console: captured.console()
        )
        XCTAssertEqual(code, .failure)
        XCTAssertTrue(captured.output.contains("mean 140 ns is over its budget of 130 ns"), captured.output)
    }
}
