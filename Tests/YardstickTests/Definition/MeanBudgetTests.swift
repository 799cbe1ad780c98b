import XCTest
@testable import Yardstick

final class MeanBudgetTests: XCTestCase {
    typealias F = JudgementFixtures

    func testAMeanBudgetHoldsTheMeanOfAllSamples() {
        // Mean of [100, 120, 200] = 140 ns; the median (120 ns) would pass a 130 ns limit.
        let configuration = BenchmarkConfiguration(budgets: [.mean(under: .nanoseconds(130))])
        let judgement = Judge().judge(
            F.run([F.benchmark("s.b", processes: [[100, 120, 200]], configuration: configuration)]),
            against: nil, baselineName: "default"
        )
        let benchmark = judgement.benchmarks[0]
        XCTAssertEqual(benchmark.verdict, .overBudget)
        XCTAssertEqual(benchmark.budgets, [BudgetCheck(metric: .mean, limit: 130, value: 140)])
        XCTAssertEqual(benchmark.reasons.last?.text, "mean 140 ns is over its budget of 130 ns")

        let within = Judge().judge(
            F.run([F.benchmark("s.b", processes: [[100, 120, 200]], configuration: .init(budgets: [.mean(under: .nanoseconds(140))]))]),
            against: nil, baselineName: "default"
        )
        XCTAssertEqual(within.benchmarks[0].verdict, .new, "a mean on its limit is within it")
    }

    func testTheMeanIsNamedAndParsedAsMean() {
        XCTAssertEqual(Metric("mean"), .mean)
        XCTAssertEqual(Metric.mean.description, "mean")
        XCTAssertFalse(Metric.mean.isCounter)
        XCTAssertEqual(Metric.mean.format(10_000_000), "10.0 ms")
    }

    func testAMeanBudgetSurvivesJSONInNanoseconds() throws {
        let configuration = BenchmarkConfiguration(budgets: [.mean(under: .milliseconds(10))]).resolved()
        // Sorted keys: without them the order of a keyed container's fields varies by process.
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = try encoder.encode(configuration)
        XCTAssertTrue(String(decoding: data, as: UTF8.self).contains(#"{"limitNanoseconds":10000000,"metric":"mean"}"#))
        XCTAssertEqual(try JSONDecoder().decode(ResolvedConfiguration.self, from: data), configuration)
        let check = try JSONDecoder().decode(BudgetCheck.self, from: Data(#"{"metric":"mean","limitNanoseconds":5000000,"valueNanoseconds":4000000}"#.utf8))
        XCTAssertEqual(check, BudgetCheck(metric: .mean, limit: 5_000_000, value: 4_000_000))
    }

    func testAGateOnTheMeanIsRefused() {
        XCTAssertEqual(
            BenchmarkConfiguration(gates: [Gate(metric: .mean, tolerance: .percent(10))]).resolved().validationProblem(),
            "the mean is a budget (`.mean(under:)`), not a gate: gates compare rounds, and a round records percentiles"
        )
        XCTAssertNil(BenchmarkConfiguration(budgets: [.mean(under: .milliseconds(5))]).resolved().validationProblem())
    }
}
