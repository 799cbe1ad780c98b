import XCTest
@testable import Yardstick

/// The side-by-side judgement on fixed per-process values. Each process below has three rounds
/// whose fastest is the value given (the others 10% and 20% slower), so the fastest-round
/// estimates are the values themselves. Reference p-values from scipy 1.17.1,
/// `scipy.stats.mannwhitneyu(head, base)` with its defaults:
///
/// ```python
/// from scipy.stats import mannwhitneyu
/// base = [100, 101, 99, 102, 100, 98, 101, 100]
/// mannwhitneyu([112, 110, 113, 111, 112, 114, 110, 111], base)   # U=64, p=0.0008753629348423554
/// control = [100, 100.5, 99.5, 100.2, 99.8, 100.1, 99.9, 100.3]
/// mannwhitneyu([x * 1.08 for x in control], control)              # U=64, p=0.0001554001554001554
/// slow = [100, 100, 145, 100, 100, 145, 100, 100]                 # a slow state, base
/// slowHead = [145, 100, 145, 145, 100, 145, 145, 100]             # and head
/// mannwhitneyu(slowHead, slow)                                    # U=44, p=0.16065967802771053
/// mannwhitneyu([2.4] * 8, [2.0] * 8)                              # U=64, p=0.00013758605716602886
/// ```
final class ABJudgeTests: XCTestCase {
    private func benchmark(_ name: String, _ fastest: [Double], isControl: Bool = false, failure: String? = nil) -> BenchmarkResult {
        JudgementFixtures.benchmark(
            name, processes: fastest.map { [$0 * 1.2, $0, $0 * 1.1] },
            configuration: .init(isControl: isControl), failure: failure
        )
    }

    private func judge(base: [BenchmarkResult], head: [BenchmarkResult], options: JudgementOptions = .init()) -> RunJudgement {
        let summary = ABBuildSummary(description: "x", commit: nil, processes: 8, isLayoutControlled: true)
        let context = ABContext(base: summary, head: summary, schedule: ABSchedule(processesPerSide: 8, seed: 1))
        var judge = ABJudge(options: options)
        judge.powerTrials = 100
        return judge.judge(JudgementFixtures.run(head), against: JudgementFixtures.run(base), context: context)
    }

    private let base = [100.0, 101, 99, 102, 100, 98, 101, 100]

    func testOneAllocationMorePerCallInTheHeadIsARegressionWhateverTheTimes() throws {
        let counted = { (allocations: Int) -> BenchmarkResult in
            var result = self.benchmark("s.work", self.base)
            result.counts = (0..<8).map {
                AllocationCounts(calls: 100, allocations: allocations, frees: allocations, allocatedBytes: 24 * allocations,
                                 freedBytes: 24 * allocations, peakBytes: allocations > 0 ? 24 : 0, process: $0)
            }
            return result
        }
        let judgement = judge(base: [counted(0)], head: [counted(100)])
        let result = try XCTUnwrap(judgement.benchmarks.first)
        XCTAssertEqual(result.median?.verdict, .unchanged)
        XCTAssertEqual(result.verdict, .regressed)
        XCTAssertEqual(result.reasons.first?.text, "allocations: 0 → 1 allocations per call")
        XCTAssertEqual(judgement.failures.map(\.name), ["s.work"])
    }

    func testASlowerHeadIsARegressionWithScipysPValue() throws {
        let judgement = judge(base: [benchmark("s.work", base)], head: [benchmark("s.work", [112, 110, 113, 111, 112, 114, 110, 111])])
        let result = try XCTUnwrap(judgement.benchmarks.first)
        let median = try XCTUnwrap(result.median)
        XCTAssertEqual(result.verdict, .regressed)
        XCTAssertEqual(median.pValue, 0.0008753629348423554, accuracy: 1e-15)
        XCTAssertEqual(median.change.point, 111.5 / 100 - 1, accuracy: 1e-12)
        XCTAssertEqual(median.baselineNanoseconds, 100)
        XCTAssertEqual(median.currentNanoseconds, 111.5)
        XCTAssertEqual(median.rounds, RoundCounts(current: 8, baseline: 8))
        XCTAssertEqual(median.estimator, .fastestRound)
        XCTAssertEqual(median.processEstimates?.base, base)
        XCTAssertLessThan(median.minimumDetectableChange, 0.05)
        XCTAssertEqual(judgement.ab?.layoutShifts, [])
        XCTAssertEqual(judgement.failures.map(\.name), ["s.work"])
    }

    func testTheSameDistributionOnBothSidesIsUnchanged() {
        let judgement = judge(base: [benchmark("s.work", base)], head: [benchmark("s.work", base.reversed())])
        XCTAssertEqual(judgement.benchmarks.map(\.verdict), [.unchanged])
    }

    func testAMovedControlIsALayoutShiftAndChangesWithinItAreNoisy() throws {
        let control = [100, 100.5, 99.5, 100.2, 99.8, 100.1, 99.9, 100.3]
        let work = control.map { $0 * 2 }
        let judgement = judge(
            base: [benchmark("c.reference", control, isControl: true), benchmark("c.small", work), benchmark("c.big", work)],
            head: [
                benchmark("c.reference", control.map { $0 * 1.08 }, isControl: true),
                benchmark("c.small", work.map { $0 * 1.07 }),
                benchmark("c.big", work.map { $0 * 1.15 }),
            ]
        )
        let shift = try XCTUnwrap(judgement.ab?.layoutShifts.first)
        XCTAssertEqual(shift.control, "c.reference")
        XCTAssertEqual(shift.change, 0.08, accuracy: 1e-4, "round values are recorded to five significant digits")
        XCTAssertEqual(shift.pValue, 0.0001554001554001554, accuracy: 1e-15)
        let verdicts = Dictionary(uniqueKeysWithValues: judgement.benchmarks.map { ($0.name, $0.verdict) })
        XCTAssertEqual(verdicts, ["c.reference": .layoutShift, "c.small": .noisy, "c.big": .regressed])
        // A ratio to a moved control is no evidence: the suite falls back to the fastest round.
        XCTAssertEqual(judgement.benchmarks.first { $0.name == "c.big" }?.median?.estimator, .fastestRound)
        XCTAssertTrue(judgement.warnings.contains { $0.text.contains("layout shift in suite 'c'") }, "\(judgement.warnings)")
        XCTAssertFalse(judgement.failures.contains { $0.name == "c.reference" }, "a moved control never fails the gate")
    }

    func testAProcessStateSharedWithTheControlCancelsInTheRatio() throws {
        let slow = [100.0, 100, 145, 100, 100, 145, 100, 100]
        let slowHead = [145.0, 100, 145, 145, 100, 145, 145, 100]
        let judgement = judge(
            base: [benchmark("v.reference", slow, isControl: true), benchmark("v.work", slow.map { $0 * 2 }), benchmark("v.same", slow.map { $0 * 3 })],
            head: [
                benchmark("v.reference", slowHead, isControl: true),
                benchmark("v.work", slowHead.map { $0 * 2.4 }),
                benchmark("v.same", slowHead.map { $0 * 3 }),
            ]
        )
        XCTAssertEqual(judgement.ab?.layoutShifts, [], "the control's p is 0.16: it did not move")
        let work = try XCTUnwrap(judgement.benchmarks.first { $0.name == "v.work" }?.median)
        XCTAssertEqual(work.estimator, ProcessEstimator(kind: .fastestRoundOverControl, control: "v.reference"))
        XCTAssertEqual(work.change.point, 0.2, accuracy: 1e-12)
        XCTAssertEqual(work.pValue, 0.00013758605716602886, accuracy: 1e-15)
        let verdicts = Dictionary(uniqueKeysWithValues: judgement.benchmarks.map { ($0.name, $0.verdict) })
        XCTAssertEqual(verdicts["v.work"], .regressed)
        XCTAssertEqual(verdicts["v.same"], .unchanged, "the head drew more slow processes, and the ratio sees through it")
        XCTAssertEqual(verdicts["v.reference"], .unchanged, "a control is a layout shift or nothing")
    }

    func testABenchmarkTooNoisyForTheToleranceIsNoisy() {
        let wide = [100.0, 150, 100, 150, 100, 150, 100, 150]
        let judgement = judge(base: [benchmark("s.work", wide)], head: [benchmark("s.work", wide.reversed())])
        XCTAssertEqual(judgement.benchmarks.map(\.verdict), [.noisy])
        XCTAssertGreaterThan(judgement.benchmarks[0].median!.minimumDetectableChange, 0.05)
    }

    func testTooFewProcessesForAnyPValueToCountAreIncomparable() {
        let judgement = judge(base: [benchmark("s.work", [100, 101, 99])], head: [benchmark("s.work", [130, 131, 129])])
        XCTAssertEqual(judgement.benchmarks.map(\.verdict), [.incomparable])
        XCTAssertTrue(judgement.benchmarks[0].reasons[0].text.contains("add processes"), judgement.benchmarks[0].reasons[0].text)
    }

    func testNewMissingAndFailedBenchmarks() {
        let judgement = judge(
            base: [benchmark("s.gone", base), benchmark("s.broken", base, failure: "boom")],
            head: [benchmark("s.added", base), benchmark("s.broken", base)]
        )
        let verdicts = Dictionary(uniqueKeysWithValues: judgement.benchmarks.map { ($0.name, $0.verdict) })
        XCTAssertEqual(verdicts, ["s.added": .new, "s.broken": .incomparable, "s.gone": .missing])
    }

    func testAnImprovementIsReportedAndDoesNotFail() {
        let judgement = judge(base: [benchmark("s.work", base)], head: [benchmark("s.work", base.map { $0 * 0.8 })])
        XCTAssertEqual(judgement.benchmarks.map(\.verdict), [.improved])
        XCTAssertEqual(judgement.failures.count, 0)
    }

    func testTheJudgementRoundTripsThroughTheResultsFile() throws {
        let results = JudgementFixtures.run([benchmark("s.work", base)])
        let judgement = judge(base: [benchmark("s.work", base)], head: [benchmark("s.work", base.map { $0 * 1.3 })])
        let url = try Fixtures.temporaryDirectory().appendingPathComponent("results.json")
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        try ResultsFile.write(results, judgement: judgement, to: url)
        XCTAssertEqual(try ResultsFile.loadJudged(from: url).judgement, judgement)
    }
}
