import XCTest
@testable import Yardstick

/// Counts are judged exactly: no test, no noise, only the tolerance in counts and, where
/// processes disagree, their measured spread.
final class CounterComparisonTests: XCTestCase {
    typealias F = JudgementFixtures

    /// Counts of `calls` calls in each process, one entry per process.
    private func counts(allocations: [Int], bytes: [Int]? = nil, calls: Int = 1_000) -> [AllocationCounts] {
        allocations.enumerated().map { process, total in
            let bytes = bytes?[process] ?? total * 24
            return AllocationCounts(
                calls: calls, allocations: total, frees: total, allocatedBytes: bytes, freedBytes: bytes,
                peakBytes: total > 0 ? 24 : 0, process: process
            )
        }
    }

    private func compare(_ metric: Metric, baseline: [AllocationCounts], current: [AllocationCounts]) throws -> CounterComparison {
        let gate = try XCTUnwrap(Gate.defaultCounterGates.first { $0.metric == metric })
        return try XCTUnwrap(CounterComparison.compare(gate, baseline: baseline, current: current))
    }

    func testOneAllocationMorePerCallIsARegressionWithTheNumbersInTheReason() throws {
        let comparison = try compare(.allocations, baseline: counts(allocations: [0, 0, 0, 0, 0]), current: counts(allocations: [1_000]))
        XCTAssertEqual(comparison.verdict, .regressed)
        XCTAssertEqual(comparison.change, 1)
        XCTAssertEqual(comparison.reason, .countChanged(metric: .allocations, baseline: 0, current: 1, tolerance: 0, spread: 0))
        XCTAssertEqual(comparison.reason?.text, "allocations: 0 → 1 allocations per call")
    }

    func testOneAllocationFewerIsAnImprovement() throws {
        let comparison = try compare(.allocations, baseline: counts(allocations: [2_000, 2_000]), current: counts(allocations: [1_000]))
        XCTAssertEqual(comparison.verdict, .improved)
        XCTAssertEqual(comparison.reason?.text, "allocations: 2 → 1 allocations per call")
    }

    func testEqualCountsAreUnchangedWithNoSpread() throws {
        let comparison = try compare(.allocations, baseline: counts(allocations: [36_000, 36_000]), current: counts(allocations: [36_000]))
        XCTAssertEqual(comparison.verdict, .unchanged)
        XCTAssertNil(comparison.reason)
        XCTAssertFalse(comparison.varies)
        XCTAssertNil(comparison.variation)
    }

    func testASingleAllocationOverTheWholePassStillCounts() throws {
        // 1 allocation in 1,000 calls: 0.001 per call, beyond a tolerance of 0.
        let comparison = try compare(.allocations, baseline: counts(allocations: [0, 0, 0]), current: counts(allocations: [1]))
        XCTAssertEqual(comparison.verdict, .regressed)
        XCTAssertEqual(comparison.reason?.text, "allocations: 0 → 0.001 allocations per call")
    }

    func testCountsThatVaryBetweenProcessesAreAllowedTheirSpread() throws {
        // 18.0-18.4 per call in the baseline's processes: a change within 3 x 0.4 is not a regression...
        let baseline = counts(allocations: [18_000, 18_100, 18_400])
        let within = try compare(.allocations, baseline: baseline, current: counts(allocations: [18_450]))
        XCTAssertEqual(within.verdict, .unchanged)
        XCTAssertEqual(within.spread, 0.4, accuracy: 1e-12)
        XCTAssertTrue(within.varies)
        XCTAssertEqual(
            within.variation,
            "allocations varies between processes (18-18.4 before, 18.45 now): work on other threads or state that grows "
                + "lazily; its tolerance is widened by 1.2"
        )
        XCTAssertEqual(try compare(.allocations, baseline: baseline, current: counts(allocations: [19_100])).verdict, .unchanged)
        // ...1.3 allocations more per call is.
        let beyond = try compare(.allocations, baseline: baseline, current: counts(allocations: [19_400]))
        XCTAssertEqual(beyond.verdict, .regressed)
        XCTAssertEqual(
            beyond.reason?.text,
            "allocations: 18.1 → 19.4 allocations per call, beyond the tolerance 0 plus 3 times the spread between processes 0.4"
        )
    }

    func testATightBaselineOfAVaryingCounterIsWidenedToTwoPercent() throws {
        // Five processes that happened to agree within 0.002, then one at the top of the range
        // measured for rate-limit.burst (18.000-18.900): 3 x 2% of 18 allows 1.08.
        let baseline = counts(allocations: [18_000, 18_000, 18_000, 18_002, 18_000])
        let comparison = try compare(.allocations, baseline: baseline, current: counts(allocations: [18_900]))
        XCTAssertEqual(comparison.spread, 0.36, accuracy: 1e-12)
        XCTAssertEqual(comparison.verdict, .unchanged)
    }

    func testBytesGetOnePercentForMallocSizeClasses() throws {
        let baseline = counts(allocations: [1_000], bytes: [1_000_000])
        let within = try compare(.allocatedBytes, baseline: baseline, current: counts(allocations: [1_000], bytes: [1_009_000]))
        XCTAssertEqual(within.verdict, .unchanged)
        XCTAssertEqual(within.tolerance, 10, accuracy: 1e-9)
        let beyond = try compare(.allocatedBytes, baseline: baseline, current: counts(allocations: [1_000], bytes: [1_016_000]))
        XCTAssertEqual(beyond.verdict, .regressed)
        XCTAssertEqual(beyond.reason?.text, "bytes: 1,000 B → 1,016 B per call, beyond the tolerance 10 B")
    }

    func testAGateCanAllowACount() throws {
        let gate = Gate.counter(.allocations, tolerance: .count(1))
        let comparison = try XCTUnwrap(CounterComparison.compare(gate, baseline: counts(allocations: [0]), current: counts(allocations: [1_000])))
        XCTAssertEqual(comparison.verdict, .unchanged)
    }

    func testNothingIsComparedWhenASideWasNotCounted() {
        XCTAssertNil(CounterComparison.compare(Gate.defaultCounterGates[0], baseline: [], current: counts(allocations: [0])))
    }

    // MARK: In the judgement

    private func result(_ name: String, allocations: Int, configuration: BenchmarkConfiguration = .init()) -> BenchmarkResult {
        var result = F.benchmark(name, processes: F.spinBaseline, configuration: configuration)
        result.counts = counts(allocations: Array(repeating: allocations, count: 5))
        return result
    }

    func testACountRegressionFailsTheRunThoughTheTimeIsUnchanged() throws {
        var options = JudgementOptions()
        options.resamples = 2_000
        let judgement = Judge(options: options).judge(
            F.run([result("s.validate", allocations: 1_000)]),
            against: F.run([result("s.validate", allocations: 0)]),
            baselineName: "default"
        )
        let benchmark = judgement.benchmarks[0]
        XCTAssertEqual(benchmark.median?.verdict, .unchanged)
        XCTAssertEqual(benchmark.verdict, .regressed)
        XCTAssertEqual(benchmark.reasons.map(\.text), ["allocations: 0 → 1 allocations per call", "bytes: 0 B → 24 B per call", "peak-bytes: 0 B → 24 B"])
        XCTAssertEqual(judgement.failures.map(\.name), ["s.validate"])
        XCTAssertEqual(VerdictTable.allocations(of: benchmark), "0 → 1")
    }

    func testAZeroAllocationBudgetIsCheckedWithoutABaseline() throws {
        let judgement = Judge().judge(
            F.run([result("s.validate", allocations: 1_000, configuration: .init(budgets: [.allocations(perCall: 0)]))]),
            against: nil, baselineName: "default"
        )
        let benchmark = judgement.benchmarks[0]
        XCTAssertEqual(benchmark.verdict, .overBudget)
        XCTAssertEqual(benchmark.reasons.map(\.text), ["not in the baseline", "allocations 1 is over its budget of 0"])
        XCTAssertEqual(judgement.failures.map(\.name), ["s.validate"])
    }

    func testACounterBudgetWithoutCountsIsNotCheckedAndSaysWhy() throws {
        var uncounted = F.benchmark("s.validate", processes: F.spinBaseline, configuration: .init(budgets: [.allocations(perCall: 0)]))
        uncounted.counts = nil
        let judgement = Judge().judge(F.run([uncounted]), against: nil, baselineName: "default")
        XCTAssertEqual(judgement.benchmarks[0].verdict, .incomparable)
        XCTAssertEqual(judgement.benchmarks[0].reasons.map(\.text), ["not in the baseline", "allocations budget not checked: this process could not count allocations"])
    }

    func testABaselineWithoutCountsIsWarnedAbout() {
        var options = JudgementOptions()
        options.resamples = 2_000
        var old = F.benchmark("s.validate", processes: F.spinBaseline)
        old.counts = nil
        let judgement = Judge(options: options).judge(
            F.run([result("s.validate", allocations: 0)]), against: F.run([old]), baselineName: "default"
        )
        XCTAssertTrue(judgement.benchmarks[0].counters.isEmpty)
        XCTAssertTrue(judgement.warnings.contains { $0.text.hasPrefix("the baseline has no allocation counts") })
    }

    // MARK: Definitions

    func testCounterBudgetsAndTolerancesSurviveJSON() throws {
        let configuration = BenchmarkConfiguration(
            gates: [.counter(.allocations, tolerance: .count(2)), .wallTime(.p99, tolerance: .percent(20))],
            budgets: [.allocations(perCall: 0), .peakMemory(under: 1 << 20), .wallTime(.p99, under: .milliseconds(10))]
        ).resolved()
        let data = try JSONEncoder().encode(configuration)
        let decoded = try JSONDecoder().decode(ResolvedConfiguration.self, from: data)
        XCTAssertEqual(decoded, configuration)
        let text = String(decoding: data, as: UTF8.self)
        XCTAssertTrue(text.contains(#""limit":0"#), text)
        XCTAssertTrue(text.contains(#""limitNanoseconds":10000000"#), text)
        XCTAssertTrue(text.contains(#""count":2"#), text)
        XCTAssertEqual(decoded.counterGates.first { $0.metric == .allocations }?.tolerance, .count(2))
        XCTAssertEqual(decoded.allGates.map(\.metric), [.median, .wallTime(.p99)])
    }

    func testJudgementsWrittenBeforeCountsStillDecode() throws {
        let old = #"{"name":"s.a","suite":"s","verdict":"over-budget","reasons":[],"comparisons":[],"#
            + #""budgets":[{"metric":"p99","limitNanoseconds":100,"valueNanoseconds":150}]}"#
        let judgement = try JSONDecoder().decode(BenchmarkJudgement.self, from: Data(old.utf8))
        XCTAssertEqual(judgement.budgets, [BudgetCheck(metric: .wallTime(.p99), limit: 100, value: 150)])
        XCTAssertEqual(judgement.counters, [])
    }

    func testInvalidCounterSettingsAreRefused() {
        XCTAssertEqual(
            BenchmarkConfiguration(budgets: [.allocations(perCall: -1)]).resolved().validationProblem(),
            "the allocations budget must be at least zero, got -1"
        )
        XCTAssertEqual(
            BenchmarkConfiguration(gates: [.counter(.allocations, tolerance: .absolute(.nanoseconds(5)))]).resolved().validationProblem(),
            "the allocations tolerance is a count (`.count(1)`) or a fraction, not a duration"
        )
        XCTAssertEqual(
            BenchmarkConfiguration(gates: [.wallTime(.p99, tolerance: .count(1))]).resolved().validationProblem(),
            "the p99 tolerance is a fraction or a duration, not a count"
        )
        XCTAssertNil(BenchmarkConfiguration(budgets: [.allocations(perCall: 0)]).resolved().validationProblem())
    }
}
