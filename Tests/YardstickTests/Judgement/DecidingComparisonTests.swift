import XCTest
@testable import Yardstick

/// ``BenchmarkJudgement/decidingComparison``: the comparison whose figures explain a verdict.
final class DecidingComparisonTests: XCTestCase {
    private func comparison(_ metric: Metric, _ verdict: Verdict) -> MetricComparison {
        DecidingGateFixtures.comparison(metric, baseline: 100, current: 100, verdict: verdict)
    }

    private func deciding(_ comparisons: [MetricComparison]) -> Metric? {
        BenchmarkJudgement(name: "s.b", suite: "s", verdict: .unchanged, reasons: [], comparisons: comparisons, budgets: [])
            .decidingComparison?.metric
    }

    func testAFailingTailGateDecidesOverAnUnchangedMedian() {
        XCTAssertEqual(deciding([comparison(.median, .unchanged), comparison(.wallTime(.p99), .regressed)]), .wallTime(.p99))
        XCTAssertEqual(deciding([comparison(.median, .improved), comparison(.cpuTime, .noisy)]), .cpuTime)
    }

    func testTiesGoToTheMedianWhereverItIsListed() {
        XCTAssertEqual(deciding([comparison(.wallTime(.p99), .regressed), comparison(.median, .regressed)]), .median)
        XCTAssertEqual(deciding([comparison(.median, .unchanged), comparison(.wallTime(.p99), .unchanged)]), .median)
    }

    func testTiesWithoutTheMedianGoToTheFirstListed() {
        let comparisons = [comparison(.median, .unchanged), comparison(.wallTime(.p95), .noisy), comparison(.wallTime(.p99), .layoutShift)]
        XCTAssertEqual(deciding(comparisons), .wallTime(.p95), "noisy and layout-shift weigh the same")
    }

    func testSeverityFollowsTheJudgesOrderNotTheListsOrder() {
        XCTAssertEqual(deciding([comparison(.median, .noisy), comparison(.wallTime(.p99), .regressed)]), .wallTime(.p99))
        XCTAssertEqual(deciding([comparison(.median, .regressed), comparison(.wallTime(.p99), .noisy)]), .median)
        XCTAssertEqual(deciding([comparison(.median, .improved), comparison(.wallTime(.p99), .incomparable)]), .wallTime(.p99))
    }

    func testNothingComparedDecidesNothing() {
        XCTAssertNil(deciding([]))
    }
}
