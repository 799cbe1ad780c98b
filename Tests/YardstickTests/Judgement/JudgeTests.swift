import XCTest
@testable import Yardstick

final class JudgeTests: XCTestCase {
    typealias F = JudgementFixtures

    private func judge(
        current: [BenchmarkResult],
        baseline: [BenchmarkResult]?,
        options: JudgementOptions = .init(),
        currentEnvironment: EnvironmentFingerprint = Fixtures.environment,
        selection: [NameFilter] = []
    ) -> RunJudgement {
        var options = options
        options.resamples = 2_000  // enough for verdicts; unoptimised test builds are slow
        return Judge(options: options).judge(
            F.run(current, environment: currentEnvironment),
            against: baseline.map { F.run($0) },
            baselineName: "default",
            selection: selection
        )
    }

    private func verdict(_ judgement: RunJudgement, _ name: String) -> Verdict? {
        judgement.benchmarks.first { $0.name == name }?.verdict
    }

    // MARK: Measured data

    func testUnchangedCodeInAnotherProcessIsUnchanged() throws {
        let judgement = judge(
            current: [F.benchmark("s.spin", processes: [F.spinUnchanged])],
            baseline: [F.benchmark("s.spin", processes: F.spinBaseline)]
        )
        let median = try XCTUnwrap(judgement.benchmarks[0].median)
        XCTAssertEqual(median.verdict, .unchanged)
        XCTAssertEqual(judgement.benchmarks[0].verdict, .unchanged)
        XCTAssertLessThan(median.minimumDetectableChange, 0.05)
        XCTAssertTrue(judgement.failures.isEmpty)
    }

    func testTenPercentSlowerCodeIsARegression() throws {
        let judgement = judge(
            current: [F.benchmark("s.spin", processes: [F.spinSlower])],
            baseline: [F.benchmark("s.spin", processes: F.spinBaseline)]
        )
        let median = try XCTUnwrap(judgement.benchmarks[0].median)
        XCTAssertEqual(median.verdict, .regressed)
        // np.median(spinSlower) / np.median(np.concatenate(spinBaseline)) - 1 = 10789.5 / 9853.5 - 1
        XCTAssertEqual(median.change.point, 10789.5 / 9853.5 - 1, accuracy: 1e-12)
        XCTAssertGreaterThan(median.change.lower, 0.05)
        XCTAssertEqual(median.test, .asymptotic)
        XCTAssertEqual(judgement.failures.map(\.name), ["s.spin"])
        XCTAssertEqual(judgement.benchmarks[0].reasons.map(\.text), [
            "p50: slower by +9.50% (p=\(Formatting.pValue(median.adjustedPValue))), beyond the tolerance 5.00% plus noise ±\(Formatting.percent(median.minimumDetectableChange))",
        ])
    }

    func testFasterCodeIsAnImprovementAndPasses() {
        let judgement = judge(
            current: [F.benchmark("s.spin", processes: [F.spinUnchanged])],
            baseline: [F.benchmark("s.spin", processes: [F.spinSlower, F.spinSlower.map { $0 + 20 }, F.spinSlower.map { $0 - 15 }])]
        )
        XCTAssertEqual(verdict(judgement, "s.spin"), .improved)
        XCTAssertTrue(judgement.failures.isEmpty)
    }

    func testLevelSwitchingBenchmarkIsNoisyNotARegression() throws {
        let judgement = judge(
            current: [F.benchmark("s.dict", processes: [F.dictionarySwitching])],
            baseline: [F.benchmark("s.dict", processes: F.dictionaryBaseline)]
        )
        let median = try XCTUnwrap(judgement.benchmarks[0].median)
        XCTAssertEqual(median.verdict, .noisy)
        // The current process switched between 10.95 and 17.5 µs: a later one may run wholly at either.
        XCTAssertEqual(median.noise.levels, 17515.5 / 10950.5 - 1, accuracy: 1e-12)
        XCTAssertGreaterThan(median.noise.processes, 0.05, "baseline processes ran at different levels")
        XCTAssertTrue(judgement.failures.isEmpty, "noisy does not fail by default")
        XCTAssertTrue(median.reason?.text.hasPrefix("p50: changes smaller than ±\(Formatting.percent(median.minimumDetectableChange)) cannot be told from noise here") ?? false)
    }

    func testStrictModeFailsNoisyBenchmarks() {
        let judgement = judge(
            current: [F.benchmark("s.dict", processes: [F.dictionarySwitching])],
            baseline: [F.benchmark("s.dict", processes: F.dictionaryBaseline)],
            options: JudgementOptions(isStrict: true)
        )
        XCTAssertEqual(judgement.failures.map(\.name), ["s.dict"])
    }

    /// A baseline whose processes all landed at the fast level of the memory-bound `dict`
    /// (shared/data/noise aa.jsonl lines 15 and 21, ab.jsonl lines 14 and 18, none switching
    /// inside; `dict` is unchanged code in both files) against a process at the slow level
    /// (aa.jsonl line 16): on its own, a +90% "regression" of unchanged code. The baseline's
    /// history shows what its earlier updates saw: in each, processes at both levels (np.median
    /// of each process's rounds, aa.jsonl lines 1, 11, 2, 12, 3 and 4, 14, 5, 13, 6), the
    /// slowest about 1.9x the fastest.
    func testHistoryKeepsALevelSwitchingBenchmarkNoisyAfterALuckyBaseline() throws {
        let luckyBaseline: [[Double]] = [
            [11278, 11236, 11000, 11811, 11319, 11134, 10872, 10978, 11123, 11192],
            [11330, 10826, 10825, 10826, 10849, 10859, 10842, 11199, 10860, 10880],
            [11444, 11128, 11243, 11572, 11109, 11122, 11100, 11164, 11540, 11136],
            [10982, 10730, 10602, 10946, 10693, 10974, 10989, 10981, 10655, 11619],
        ]
        let slowProcess: [Double] = [21071, 21781, 21286, 21398, 21620, 21613, 21160, 22195, 21209, 20840]
        let current = [F.benchmark("s.dict", processes: [slowProcess])]
        let baseline = [F.benchmark("s.dict", processes: luckyBaseline)]
        let withoutHistory = judge(current: current, baseline: baseline)
        XCTAssertEqual(withoutHistory.benchmarks[0].verdict, .regressed, "the false alarm the history prevents")

        func record(_ medians: [Double], daysAgo: Double) -> BaselineHistoryRecord {
            var record = BaselineHistoryRecord(F.run(baseline))
            record.recordedAt.addTimeInterval(-86_400 * daysAgo)
            record.benchmarks["s.dict"] = .init(p50: 0, p99: 0, processMedians: medians)
            return record
        }
        let history = [record([21287.5, 11345.5, 17565.0, 11226.0, 18677.0], daysAgo: 2), record([17920.0, 11180.5, 21173.5, 16627.5, 18207.5], daysAgo: 1)]
        let withHistory = Judge(options: JudgementOptions(resamples: 2_000)).judge(
            F.run(current), against: F.run(baseline), baselineName: "default", history: history
        )
        let median = try XCTUnwrap(withHistory.benchmarks[0].median)
        XCTAssertEqual(median.verdict, .noisy)
        // The median of two ranges is their mean: (21287.5 / 11226.0 - 1 + 21173.5 / 11180.5 - 1) / 2.
        XCTAssertEqual(median.noise.history, ((21287.5 / 11226.0 - 1) + (21173.5 / 11180.5 - 1)) / 2, accuracy: 1e-12)
    }

    /// The history's newest record describes the baseline being judged: its processes already
    /// count in the processes term, so it must not count twice through the history.
    func testTheBaselinesOwnHistoryRecordIsSkipped() throws {
        let baseline = F.run([F.benchmark("s.spin", processes: F.spinBaseline)])
        var own = BaselineHistoryRecord(baseline)
        own.benchmarks["s.spin"]?.processMedians = [1, 100]  // absurd on purpose
        var earlier = own
        earlier.recordedAt = baseline.finishedAt.addingTimeInterval(-86_400)
        earlier.benchmarks["s.spin"]?.processMedians = [100, 103]
        let judgement = Judge(options: JudgementOptions(resamples: 2_000)).judge(
            F.run([F.benchmark("s.spin", processes: [F.spinUnchanged])]),
            against: baseline, baselineName: "default", history: [earlier, own]
        )
        let median = try XCTUnwrap(judgement.benchmarks[0].median)
        XCTAssertEqual(median.noise.history, 0.03, accuracy: 1e-12, "only the earlier record counts")
    }

    // MARK: The decision rule

    func testDecisionRuleBranches() {
        func decide(_ change: Double, noise: Double = 0.02, p: Double = 0.001) -> Verdict {
            Judge.decide(.median, change: change, noise: noise, adjustedPValue: p, alpha: 0.01, tolerance: 0.05).0
        }
        // Steady (noise 2% ≤ tolerance 5%): the threshold is 5% + 2%.
        XCTAssertEqual(decide(0.10), .regressed)
        XCTAssertEqual(decide(0.065), .noisy, "beyond the tolerance but not by the noise")
        XCTAssertEqual(decide(0.04), .unchanged, "within the tolerance")
        XCTAssertEqual(decide(-0.10), .improved)
        XCTAssertEqual(decide(-0.06), .noisy)
        XCTAssertEqual(decide(0.30, p: 0.02), .unchanged, "not significant")
        // Noisy (noise 10% > tolerance 5%): only a change beyond both 15% and 2 × 10% counts.
        XCTAssertEqual(decide(0.10, noise: 0.10), .noisy)
        XCTAssertEqual(decide(0.19, noise: 0.10), .noisy)
        XCTAssertEqual(decide(0.21, noise: 0.10), .regressed)
        XCTAssertEqual(decide(-0.21, noise: 0.10), .improved)
        XCTAssertEqual(decide(5.0, noise: 0.10, p: 0.02), .noisy, "a huge change that is not significant stays noisy")
        // The threshold never falls as the tolerance falls.
        for noise in stride(from: 0.0, through: 0.5, by: 0.025) {
            var previous = -Double.infinity
            for tolerance in stride(from: 0.0, through: 0.5, by: 0.025) {
                let regressed = stride(from: 0.0, through: 2.0, by: 0.01).first {
                    Judge.decide(.median, change: $0, noise: noise, adjustedPValue: 0, alpha: 0.01, tolerance: tolerance).0 == .regressed
                } ?? .infinity
                XCTAssertGreaterThanOrEqual(regressed, previous, "noise \(noise), tolerance \(tolerance)")
                previous = regressed
            }
        }
        XCTAssertEqual(
            Judge.decide(.median, change: 0.065, noise: 0.02, adjustedPValue: 0.001, alpha: 0.01, tolerance: 0.05).1?.text,
            "p50: changed by +6.50% (p=0.001), beyond the tolerance 5.00% but within its noise ±2.00%"
        )
        XCTAssertEqual(
            Judge.decide(.median, change: 0.10, noise: 0.10, adjustedPValue: 0.001, alpha: 0.01, tolerance: 0.05).1?.text,
            "p50: changes smaller than ±10.0% cannot be told from noise here; the tolerance is 5.00%, so only a change beyond ±20.0% would count"
        )
        XCTAssertEqual(
            Judge.decide(.median, change: 2.4, noise: 0.6, adjustedPValue: 0.0001, alpha: 0.01, tolerance: 0.05).1?.text,
            "p50: slower by +240% (p=1.0e-04), more than 2 times its noise ±60.0%"
        )
    }

    /// A bigger slowdown, or a tighter tolerance, must never turn a regression into a pass.
    func testLargerSlowdownsAndTighterTolerancesStillRegress() {
        let baseline = [F.benchmark("s.spin", processes: F.spinBaseline)]
        for factor in [1.0, 3.0, 4.0, 6.0] {
            let slower = F.spinSlower.map { $0 * factor }
            let judgement = judge(current: [F.benchmark("s.spin", processes: [slower])], baseline: baseline)
            XCTAssertEqual(judgement.benchmarks[0].verdict, .regressed, "\(factor)x the 10% slower rounds")
        }
        for tolerance in [0.0, 2.0, 5.0] {
            let judgement = judge(
                current: [F.benchmark("s.spin", processes: [F.spinSlower])], baseline: baseline,
                options: JudgementOptions(tolerance: .percent(tolerance))
            )
            XCTAssertEqual(judgement.benchmarks[0].verdict, .regressed, "tolerance \(tolerance)%")
        }
    }

    /// The switching process five times slower: its median is about 3x the baseline's centre,
    /// beyond twice its 60% level ratio. (Three times slower is only about 1.8x the centre, since
    /// this process ran mostly at the fast level: that stays noisy.)
    func testLevelSwitchingBenchmarkStillFailsWhenMuchSlower() {
        let judgement = judge(
            current: [F.benchmark("s.dict", processes: [F.dictionarySwitching.map { $0 * 5 }])],
            baseline: [F.benchmark("s.dict", processes: F.dictionaryBaseline)]
        )
        XCTAssertEqual(judgement.benchmarks[0].verdict, .regressed)
    }

    // MARK: Verdict kinds

    func testNewMissingAndErrorVerdicts() {
        let judgement = judge(
            current: [
                F.benchmark("s.new", processes: [[100, 101, 102]]),
                F.benchmark("s.broken", processes: [], failure: "threw in round 1: boom"),
            ],
            baseline: [
                F.benchmark("s.broken", processes: [[100, 101, 102]]),
                F.benchmark("s.gone", processes: [[100, 101, 102]]),
                F.benchmark("other.filtered-out", processes: [[100, 101, 102]]),
            ],
            selection: [try! NameFilter("^s\\.")]
        )
        XCTAssertEqual(judgement.benchmarks.map(\.name), ["s.new", "s.broken", "s.gone"])
        XCTAssertEqual(judgement.benchmarks.map(\.verdict), [.new, .error, .missing])
        XCTAssertEqual(judgement.benchmarks[1].reasons.map(\.text), ["threw in round 1: boom"])
        XCTAssertEqual(judgement.benchmarks[2].reasons.map(\.text), ["in baseline 'default' but not in this run"])
        XCTAssertEqual(Set(judgement.failures.map(\.name)), ["s.broken", "s.gone"])
        let allowingMissing = judge(
            current: [F.benchmark("s.new", processes: [[100, 101, 102]])],
            baseline: [F.benchmark("s.gone", processes: [[100, 101, 102]])],
            options: JudgementOptions(allowsMissing: true)
        )
        XCTAssertEqual(allowingMissing.benchmarks.map(\.verdict), [.new, .missing])
        XCTAssertTrue(allowingMissing.failures.isEmpty)
    }

    func testForeignBaselineIsIncomparableAndNamesTheFields() {
        var laptop = Fixtures.environment
        laptop.cpuModel = "Apple M2"
        laptop.kernel = "24.1.0"
        let current = [F.benchmark("s.spin", processes: [F.spinSlower])]
        let baseline = [F.benchmark("s.spin", processes: F.spinBaseline)]
        let refused = judge(current: current, baseline: baseline, currentEnvironment: laptop)
        XCTAssertTrue(refused.refusesForeignBaseline)
        XCTAssertEqual(refused.benchmarks[0].verdict, .incomparable)
        XCTAssertEqual(refused.benchmarks[0].reasons.map(\.text), ["the baseline comes from another environment: cpuModel: 'Test CPU' in the baseline, 'Apple M2' now"])
        XCTAssertEqual(refused.environmentDifferences.map(\.field), ["cpuModel", "kernel"])
        XCTAssertEqual(refused.environmentDifferences.map(\.isBlocking), [true, false])

        let accepted = judge(current: current, baseline: baseline, options: JudgementOptions(allowsForeignBaseline: true), currentEnvironment: laptop)
        XCTAssertFalse(accepted.refusesForeignBaseline)
        XCTAssertTrue(accepted.judgedAgainstForeignBaseline)
        XCTAssertEqual(accepted.benchmarks[0].verdict, .regressed)
        XCTAssertEqual(accepted.benchmarks[0].reasons.last?.text, "judged against a baseline from another environment (--allow-foreign-baseline)")
    }

    func testDebugBuildAgainstReleaseBaselineIsIncomparable() {
        var debug = Fixtures.environment
        debug.buildConfiguration = .debug
        let judgement = judge(
            current: [F.benchmark("s.spin", processes: [F.spinUnchanged])],
            baseline: [F.benchmark("s.spin", processes: F.spinBaseline)],
            currentEnvironment: debug
        )
        XCTAssertTrue(judgement.refusesForeignBaseline)
        XCTAssertEqual(judgement.environmentDifferences.map(\.summary), ["buildConfiguration: 'release' in the baseline, 'debug' now"])
    }

    func testKernelDifferenceAloneDoesNotBlock() {
        var updated = Fixtures.environment
        updated.kernel = "6.2.0"
        let judgement = judge(
            current: [F.benchmark("s.spin", processes: [F.spinUnchanged])],
            baseline: [F.benchmark("s.spin", processes: F.spinBaseline)],
            currentEnvironment: updated
        )
        XCTAssertFalse(judgement.refusesForeignBaseline)
        XCTAssertEqual(judgement.benchmarks[0].verdict, .unchanged)
    }

    func testTimingModeChangeIsIncomparable() {
        let judgement = judge(
            current: [F.benchmark("s.b", processes: [[1, 1, 1]], batchSize: 1)],
            baseline: [F.benchmark("s.b", processes: [[1, 1, 1]], batchSize: 500)]
        )
        XCTAssertEqual(judgement.benchmarks[0].verdict, .incomparable)
        XCTAssertEqual(judgement.benchmarks[0].reasons.map(\.text), [
            "timed in batches in the baseline and one call at a time now: pin its timing mode (`timing: .perCall` or `.batched`) and update the baseline",
        ])
        XCTAssertEqual(judgement.failures.map(\.name), ["s.b"], "a regression past the batching threshold must not hide")
    }

    // MARK: Budgets

    func testBudgetsApplyWithAndWithoutABaseline() {
        let configuration = BenchmarkConfiguration(budgets: [.wallTime(.p99, under: .nanoseconds(150)), .cpuTime(under: .microseconds(1))])
        let slow = F.benchmark("s.b", processes: [[100, 120, 200]], configuration: configuration)
        let withoutBaseline = judge(current: [slow], baseline: nil)
        XCTAssertNil(withoutBaseline.baseline)
        XCTAssertEqual(withoutBaseline.benchmarks[0].verdict, .overBudget)
        XCTAssertEqual(withoutBaseline.benchmarks[0].budgets.map(\.isWithin), [false, true])
        // np.quantile([100, 120, 200], 0.99) = 198.4
        XCTAssertEqual(withoutBaseline.benchmarks[0].reasons.last?.text, "p99 198 ns is over its budget of 150 ns")
        XCTAssertEqual(withoutBaseline.failures.map(\.name), ["s.b"])

        let withBaseline = judge(current: [slow], baseline: [F.benchmark("s.b", processes: [[100, 120, 200]])])
        XCTAssertEqual(withBaseline.benchmarks[0].verdict, .overBudget)
        let within = judge(current: [F.benchmark("s.b", processes: [[100, 120, 140]], configuration: configuration)], baseline: nil)
        XCTAssertEqual(within.benchmarks[0].verdict, .new)
    }

    // MARK: Precedence

    func testToleranceFromTheBenchmarkIsOverriddenByTheCommandLine() {
        let loose = BenchmarkConfiguration(tolerance: .percent(20))
        let current = [F.benchmark("s.spin", processes: [F.spinSlower], configuration: loose)]
        let baseline = [F.benchmark("s.spin", processes: F.spinBaseline)]
        XCTAssertEqual(verdict(judge(current: current, baseline: baseline), "s.spin"), .unchanged, "10% is within 20%")
        XCTAssertEqual(
            verdict(judge(current: current, baseline: baseline, options: JudgementOptions(tolerance: .percent(5))), "s.spin"),
            .regressed,
            "--tolerance 5% wins over the benchmark's 20%"
        )
    }

    func testAlphaFromTheBenchmarkIsOverriddenByTheCommandLine() {
        let demanding = BenchmarkConfiguration(alpha: 1e-9)
        let current = [F.benchmark("s.spin", processes: [F.spinSlower], configuration: demanding)]
        let baseline = [F.benchmark("s.spin", processes: F.spinBaseline)]
        let unreachable = judge(current: current, baseline: baseline)
        XCTAssertEqual(verdict(unreachable, "s.spin"), .incomparable, "no p-value from 10 and 50 rounds reaches 1e-9")
        XCTAssertEqual(verdict(judge(current: current, baseline: baseline, options: JudgementOptions(alpha: 0.01)), "s.spin"), .regressed)
    }

    func testAbsoluteToleranceIsRelativeToTheBaseline() throws {
        let configuration = BenchmarkConfiguration(tolerance: .absolute(.microseconds(2)))
        let judgement = judge(
            current: [F.benchmark("s.spin", processes: [F.spinSlower], configuration: configuration)],
            baseline: [F.benchmark("s.spin", processes: F.spinBaseline)]
        )
        let median = try XCTUnwrap(judgement.benchmarks[0].median)
        XCTAssertEqual(median.tolerance, 2_000 / 9_853.5, accuracy: 1e-12)
        XCTAssertEqual(median.verdict, .unchanged, "+9.5% is under 2 µs on 9.85 µs")
    }

    func testExtraGatesCompareTheirOwnMetricWithTheirOwnTolerance() {
        let configuration = BenchmarkConfiguration(gates: [.wallTime(.p99, tolerance: .percent(50)), .cpuTime(tolerance: .percent(5))])
        let judgement = judge(
            current: [F.benchmark("s.spin", processes: [F.spinSlower], configuration: configuration)],
            baseline: [F.benchmark("s.spin", processes: F.spinBaseline)]
        )
        let comparisons = judgement.benchmarks[0].comparisons
        XCTAssertEqual(comparisons.map(\.metric), [.median, .wallTime(.p99), .cpuTime])
        XCTAssertEqual(comparisons.map(\.verdict), [.regressed, .unchanged, .regressed])
        XCTAssertEqual(comparisons.map(\.tolerance), [0.05, 0.5, 0.05])
    }

    // MARK: Multiple comparisons

    /// scipy: `mannwhitneyu([99.5, 121, ..., 129], [100, ..., 109])` gives p = 0.0028272720911168077.
    /// One such comparison in a suite passes α = 0.01; four in one suite are each adjusted by
    /// Holm's method to at least 4 × 0.00283 = 0.0113 and do not.
    func testHolmCorrectionAppliesAcrossTheSuite() throws {
        let baseline: [Double] = [100, 101, 102, 103, 104, 105, 106, 107, 108, 109]
        let current: [Double] = [99.5, 121, 122, 123, 124, 125, 126, 127, 128, 129]
        let loose = BenchmarkConfiguration(tolerance: .percent(5))
        let alone = judge(
            current: [F.benchmark("s.a", processes: [current], configuration: loose)],
            baseline: [F.benchmark("s.a", processes: [baseline])]
        )
        let single = try XCTUnwrap(alone.benchmarks[0].median)
        XCTAssertEqual(single.pValue, 0.0028272720911168077, accuracy: 1e-15)
        XCTAssertEqual(single.adjustedPValue, single.pValue)
        XCTAssertEqual(single.verdict, .regressed)

        let names = ["s.a", "s.b", "s.c", "s.d"]
        let four = judge(
            current: names.map { F.benchmark($0, processes: [current], configuration: loose) },
            baseline: names.map { F.benchmark($0, processes: [baseline]) }
        )
        for judged in four.benchmarks {
            let median = try XCTUnwrap(judged.median)
            XCTAssertEqual(median.adjustedPValue, 4 * 0.0028272720911168077, accuracy: 1e-14)
            XCTAssertEqual(median.verdict, .unchanged)
        }
        // A different suite is a separate family.
        let twoSuites = judge(
            current: [F.benchmark("s.a", processes: [current], configuration: loose), F.benchmark("t.a", processes: [current], configuration: loose)],
            baseline: [F.benchmark("s.a", processes: [baseline]), F.benchmark("t.a", processes: [baseline])]
        )
        XCTAssertEqual(twoSuites.benchmarks.map(\.verdict), [.regressed, .regressed])
    }

    // MARK: Warnings

    func testTooFewRoundsToEverBeSignificantIsIncomparableAndFails() throws {
        let judgement = judge(
            current: [F.benchmark("s.b", processes: [[2000, 2010, 2020]])],
            baseline: [F.benchmark("s.b", processes: [[100, 101, 102]])]
        )
        let median = try XCTUnwrap(judgement.benchmarks[0].median)
        XCTAssertEqual(median.test, .exact)
        XCTAssertEqual(median.pValue, 0.1, accuracy: 1e-12, "2 / C(6, 3)")
        XCTAssertEqual(median.verdict, .incomparable)
        XCTAssertEqual(
            median.reason?.text,
            "p50: with these 3 and 3 rounds no p-value can fall below 0.100, and Holm's correction over 1 comparison needs one below 0.010: add rounds or baseline processes"
        )
        XCTAssertEqual(judgement.failures.map(\.name), ["s.b"])
        XCTAssertTrue(judge(
            current: [F.benchmark("s.b", processes: [[2000, 2010, 2020]])],
            baseline: [F.benchmark("s.b", processes: [[100, 101, 102]])],
            options: JudgementOptions(allowsIncomparable: true)
        ).failures.isEmpty)
    }

    /// The audit's case: with --alpha 0.08, [1, 1, 2] against [3, 3, 4] gave p = 0.072 and was
    /// refused as "no p-value can fall below 0.100", a bound that ignored the ties.
    func testTiedRoundsThatReachAlphaAreJudged() throws {
        let judgement = judge(
            current: [F.benchmark("s.b", processes: [[1_000, 1_000, 2_000]])],
            baseline: [F.benchmark("s.b", processes: [[3_000, 3_000, 4_000]])],
            options: JudgementOptions(alpha: 0.08)
        )
        let median = try XCTUnwrap(judgement.benchmarks[0].median)
        XCTAssertEqual(median.pValue, 0.07219819770165753, accuracy: 1e-15)
        XCTAssertEqual(try XCTUnwrap(median.smallestPossiblePValue), 0.07219819770165753, accuracy: 1e-15)
        // Judged: three rounds a side are too wide to call it improved, but they are compared.
        XCTAssertEqual(median.verdict, .noisy)
        XCTAssertEqual(median.adjustedPValue, median.pValue)
        // At α = 0.05 the same rounds cannot reach it, and the reason gives the true floor.
        let strict = try XCTUnwrap(judge(
            current: [F.benchmark("s.b", processes: [[1_000, 1_000, 2_000]])],
            baseline: [F.benchmark("s.b", processes: [[3_000, 3_000, 4_000]])],
            options: JudgementOptions(alpha: 0.05)
        ).benchmarks[0].median)
        XCTAssertEqual(strict.verdict, .incomparable)
        XCTAssertTrue(strict.reason?.text.hasPrefix("p50: with these 3 and 3 rounds no p-value can fall below 0.072") ?? false, strict.reason?.text ?? "")
    }

    /// A baseline entry without rounds was *new*, "it failed there", and passed unjudged.
    func testABaselineEntryWithoutRoundsIsIncomparable() throws {
        var empty = F.benchmark("s.b", processes: [[100, 101, 102]])
        empty.rounds = []
        let judgement = judge(current: [F.benchmark("s.b", processes: [[100, 101, 102]])], baseline: [empty])
        XCTAssertEqual(judgement.benchmarks[0].verdict, .incomparable)
        XCTAssertEqual(judgement.benchmarks[0].reasons.map(\.text), ["the baseline has an entry for it with no rounds: nothing to compare with"])
        XCTAssertEqual(judgement.failures.map(\.name), ["s.b"])
    }

    /// Rounds 1e308 apart from the baseline's made the bootstrap's ratio overflow and trap.
    func testRoundsWhoseRatioOverflowsAreIncomparable() throws {
        let huge = judge(
            current: [F.benchmark("s.b", processes: [[1e308, 1e308, 1e308, 1e308]])],
            baseline: [F.benchmark("s.b", processes: [[1, 2, 3, 4]])]
        )
        XCTAssertEqual(huge.benchmarks[0].verdict, .incomparable)
        XCTAssertTrue(huge.benchmarks[0].reasons[0].text.contains("beyond a Double's range"), huge.benchmarks[0].reasons[0].text)
        let subnormal = judge(
            current: [F.benchmark("s.b", processes: [[1, 2, 3, 4]])],
            baseline: [F.benchmark("s.b", processes: [[1, 2, 3, 4].map { $0 * Double.leastNormalMagnitude / 20_000 }])]  // subnormal, about 1e-312
        )
        XCTAssertEqual(subnormal.benchmarks[0].verdict, .incomparable)
    }

    /// Ten rounds against one ten-round process: p can reach 0.00018, enough for a suite of 4
    /// but not of 60, where Holm's first step needs 0.01 / 60 = 0.000167.
    func testSignificanceOutOfReachUnderHolmIsIncomparable() {
        let few = judge(
            current: (0..<4).map { F.benchmark("s.b\($0)", processes: [F.spinUnchanged]) },
            baseline: (0..<4).map { F.benchmark("s.b\($0)", processes: [F.spinBaseline[1]]) }
        )
        XCTAssertFalse(few.benchmarks.contains { $0.verdict == .incomparable })
        let many = judge(
            current: (0..<60).map { F.benchmark("s.b\($0)", processes: [F.spinUnchanged]) },
            baseline: (0..<60).map { F.benchmark("s.b\($0)", processes: [F.spinBaseline[1]]) }
        )
        XCTAssertTrue(many.benchmarks.allSatisfy { $0.verdict == .incomparable })
    }

    func testUncomparableGatesAndUncheckableBudgetsFail() {
        // One round now: nothing to compare.
        let oneRound = judge(
            current: [F.benchmark("s.b", processes: [[1_000]])],
            baseline: [F.benchmark("s.b", processes: [[100, 101, 102]])]
        )
        XCTAssertEqual(oneRound.benchmarks[0].verdict, .incomparable)
        XCTAssertEqual(oneRound.benchmarks[0].reasons.map(\.text), ["p50: not compared: fewer than two rounds measured it on one side"])
        XCTAssertEqual(oneRound.failures.count, 1)
        // A baseline round measured zero.
        let zero = judge(
            current: [F.benchmark("s.b", processes: [[1_000, 1_001, 1_002]])],
            baseline: [F.benchmark("s.b", processes: [[0, 101, 102]])]
        )
        XCTAssertEqual(zero.benchmarks[0].reasons.map(\.text), ["p50: not compared: some rounds measured zero, below the clock's resolution"])
        XCTAssertEqual(zero.failures.count, 1)
        // A CPU budget on rounds that measured no CPU time.
        var noCPU = F.benchmark("s.b", processes: [[100, 101, 102]], configuration: .init(budgets: [.cpuTime(under: .nanoseconds(100))]))
        noCPU.rounds = noCPU.rounds.map { round in
            var round = round
            round.cpuNanosecondsPerCall = nil
            return round
        }
        noCPU.cpuNanosecondsPerCall = nil
        let budget = judge(current: [noCPU], baseline: nil)
        XCTAssertEqual(budget.benchmarks[0].verdict, .incomparable)
        XCTAssertEqual(budget.benchmarks[0].reasons.last?.text, "cpu budget not checked: no round was long enough to measure it")
        XCTAssertEqual(budget.failures.count, 1)
    }

    func testWarnsWhenTheBaselineHasFewerThanThreeProcesses() {
        let judgement = judge(
            current: [F.benchmark("s.spin", processes: [F.spinUnchanged])],
            baseline: [F.benchmark("s.spin", processes: [F.spinBaseline[0]])]
        )
        XCTAssertEqual(judgement.warnings, [.fewBaselineProcesses(processes: 1)])
        XCTAssertEqual(judgement.warnings.map(\.text), [
            "the baseline was measured in 1 process: it cannot show how much benchmarks vary between processes; "
                + "record it with 'bench baseline update --processes 5'",
        ])
    }

    func testBootstrapIsReproducible() {
        let make = {
            self.judge(
                current: [F.benchmark("s.dict", processes: [F.dictionarySwitching])],
                baseline: [F.benchmark("s.dict", processes: F.dictionaryBaseline)]
            )
        }
        XCTAssertEqual(make(), make())
    }
}
