import Foundation
import XCTest
@testable import Yardstick

/// Every report shows every budget with the run's value, met or not.
final class BudgetReportTests: XCTestCase {
    func testTheSummaryTableListsEachBudgetWithTheRunsValue() {
        let text = SummaryTable(ReportFixtures.input().results).render()
        XCTAssertTrue(text.contains("store.get  p99 ≤ 100 ns      104 ns  OVER"), text)
        // mean of [100, 101, 103, 102, 104, 100, 103] = 101.857 ns
        XCTAssertTrue(text.contains("store.get  mean ≤ 10.0 µs    102 ns  within"), text)
    }

    func testTheHTMLPageShowsABenchmarksBudgetsInItsDetail() {
        let html = HTMLReport(ReportFixtures.input()).render()
        XCTAssertTrue(html.contains("<tr><td>p99 ≤ 100 ns</td><td class=\"number\">104 ns</td><td>✗ OVER</td></tr>"), html)
        XCTAssertTrue(html.contains("<tr><td>mean ≤ 10.0 µs</td><td class=\"number\">102 ns</td><td>✓ within</td></tr>"), html)
    }

    func testAReportOfARunWithoutBudgetsHasNoBudgetSection() {
        var input = ReportFixtures.input()
        for index in input.results.benchmarks.indices { input.results.benchmarks[index].configuration.budgets = [] }
        XCTAssertFalse(MarkdownReport(input).render().contains("### Budgets"))
        XCTAssertFalse(SummaryTable(input.results).render().contains("budget"))
        XCTAssertFalse(PrometheusReport(input).render().contains("yardstick_benchmark_budget"))
    }

    func testListShowsBudgetsOnlyForSuitesThatHaveThem() async {
        let suites = [
            Suite("cache") {
                Benchmark("get", configuration: .init(iterations: 10, budgets: [.allocations(perCall: 0), .mean(under: .milliseconds(10))])) { index in index }
            },
            Suite("plain") { Benchmark("one", configuration: .init(iterations: 10)) { index in index } },
        ]
        let captured = CapturedConsole()
        let code = await BenchCommand.run(arguments: ["list"], suites: suites, console: captured.console())
        XCTAssertEqual(code, .success)
        XCTAssertEqual(captured.output, """
            cache (1 benchmark)
              benchmark  iterations  warmup  rounds  time limit  timing     tags  budgets
              ---------  ----------  ------  ------  ----------  ---------  ----  -------------------------------
              cache.get          10       1      20      60.0 s  automatic        allocations ≤ 0, mean ≤ 10.0 ms

            plain (1 benchmark)
              benchmark  iterations  warmup  rounds  time limit  timing     tags
              ---------  ----------  ------  ------  ----------  ---------  ----
              plain.one          10       1      20      60.0 s  automatic


            """)
    }
}
