import Foundation
import XCTest
@testable import Yardstick

/// ``BaselineThresholds``: warning and critical bands from a percentile of a baseline's round
/// medians and its tolerance. Each fixture round holds one sample, so its median is that sample.
final class BaselineThresholdsTests: XCTestCase {
    private typealias J = JudgementFixtures

    /// 21 samples 1000, 1010, …, 1200 ns: the p95 is at rank 20 × 0.95 = 19 exactly, so it is
    /// the 20th smallest, 1190 ns.
    private let samples = stride(from: 1_000.0, through: 1_200, by: 10).map { $0 }

    private func baseline(tolerance: Tolerance) -> RunResults {
        J.run([J.benchmark("svc.get", processes: [samples], configuration: BenchmarkConfiguration(tolerance: tolerance))])
    }

    func testTheFixtureHasTheP95ItClaims() {
        XCTAssertEqual(samples.count, 21)
        XCTAssertEqual(baseline(tolerance: .default).benchmarks[0].summary?.percentiles.p95, 1_190)
    }

    func testRelativeTolerance() throws {
        let thresholds = BaselineThresholds(percentile: .p95).thresholds(from: baseline(tolerance: .relative(0.05)))
        XCTAssertEqual(thresholds.count, 1)
        let threshold = try XCTUnwrap(thresholds.first)
        XCTAssertEqual(threshold.metric, "svc.get")
        XCTAssertEqual(threshold.unit, .nanoseconds)
        XCTAssertEqual(threshold.hysteresis, Hysteresis())
        // warning: 1190 × (1 + 1 × 0.05) = 1249.5; critical: 1190 × (1 + 3 × 0.05) = 1368.5
        // (python3: 1190*(1+1*0.05) -> 1249.5, 1190*(1+3*0.05) -> 1368.5, both exact).
        XCTAssertEqual(threshold.warning, .atMost(1_249.5))
        XCTAssertEqual(threshold.critical, .atMost(1_368.5))
        XCTAssertNil(threshold.warning?.minimum)

        // The edges themselves are inside; the next doubles up are not.
        XCTAssertEqual(threshold.classify(1_190), .ok)
        XCTAssertEqual(threshold.classify(1_249.5), .ok)
        XCTAssertEqual(threshold.classify(1_249.5.nextUp), .warning)
        XCTAssertEqual(threshold.classify(1_368.5), .warning)
        XCTAssertEqual(threshold.classify(1_368.5.nextUp), .critical)
    }

    func testAbsoluteTolerance() throws {
        // 119 ns of 1190 ns is a tenth: warning 1190 × 1.1 = 1309, critical 1190 × 1.3 = 1547
        // (python3: 119/1190 -> 0.1, 1190*(1+0.1) -> 1309.0, 1190*(1+3*0.1) -> 1547.0).
        let threshold = try XCTUnwrap(BaselineThresholds(percentile: .p95).thresholds(from: baseline(tolerance: .absolute(.nanoseconds(119)))).first)
        XCTAssertEqual(threshold.warning, .atMost(1_309))
        XCTAssertEqual(threshold.critical, .atMost(1_547))
    }

    func testTheDocumentedExample() throws {
        // A baseline p95 of 10 µs with 5%: warning up to 10.5 µs, critical up to 11.5 µs.
        let flat = Array(repeating: 10_000.0, count: 5)
        let run = J.run([J.benchmark("svc.put", processes: [flat], configuration: BenchmarkConfiguration(tolerance: .percent(5)))])
        let threshold = try XCTUnwrap(BaselineThresholds().thresholds(from: run).first)
        XCTAssertEqual(threshold.warning, .atMost(10_500))
        XCTAssertEqual(threshold.critical, .atMost(11_500))
    }

    func testFailedBenchmarksAreSkipped() {
        let run = J.run([
            J.benchmark("svc.get", processes: [samples]),
            J.benchmark("svc.broken", processes: [], failure: "threw: no database"),
            J.benchmark("svc.put", processes: [samples]),
        ])
        XCTAssertEqual(BaselineThresholds().thresholds(from: run).map(\.metric), ["svc.get", "svc.put"])
    }

    func testAFailedBenchmarkWithStatisticsIsStillSkipped() {
        // A failure in a later process leaves the merged result with a summary and a failure.
        var broken = J.benchmark("svc.get", processes: [samples])
        broken.failure = BenchmarkResult.Failure(kind: .body, message: "process 2: threw")
        XCTAssertNotNil(broken.summary)
        XCTAssertEqual(BaselineThresholds().thresholds(from: J.run([broken])), [])
    }

    func testAZeroPercentileIsSkipped() {
        let run = J.run([J.benchmark("svc.noop", processes: [[0, 0, 0]])])
        XCTAssertEqual(BaselineThresholds().thresholds(from: run), [], "no band can scale a zero")
    }

    func testOtherPercentileMultiplesAndHysteresis() throws {
        let rule = BaselineThresholds(percentile: .p50, warningTolerances: 2, criticalTolerances: 4,
                                      hysteresis: Hysteresis(fireAfter: 5, resolveAfter: 7))
        let threshold = try XCTUnwrap(rule.thresholds(from: baseline(tolerance: .relative(0.05))).first)
        // The median of 1000 … 1200 is 1100: warning 1100 × 1.1 = 1210, critical 1100 × 1.2 = 1320
        // (python3: 1100*(1+2*0.05) -> 1210.0, 1100*(1+4*0.05) -> 1320.0).
        XCTAssertEqual(threshold.warning, .atMost(1_210))
        XCTAssertEqual(threshold.critical, .atMost(1_320))
        XCTAssertEqual(threshold.hysteresis, Hysteresis(fireAfter: 5, resolveAfter: 7))
    }

    func testDerivedThresholdsDriveAMonitor() async {
        let clock = MonitorFixtures.clock()
        let monitor = ThresholdMonitor(clock: clock)
        let rule = BaselineThresholds(percentile: .p95, hysteresis: Hysteresis(fireAfter: 2, resolveAfter: 2))
        await monitor.setThresholds(rule.thresholds(from: baseline(tolerance: .relative(0.05))))
        var kinds: [AlertEvent.Kind?] = []
        for value in [1_249.5, 1_300, 1_300, 1_400, 1_400, 1_200, 1_200] {
            kinds.append(await monitor.record(value, for: "svc.get")?.kind)
            clock.advance(by: .seconds(1))
        }
        XCTAssertEqual(kinds, [nil, nil, .fired, nil, .escalated, nil, .resolved])
        let threshold = await monitor.threshold(for: "svc.get")
        XCTAssertEqual(threshold?.critical, .atMost(1_368.5))
    }
}

/// ``BaselineThresholds`` on the committed baseline: the bands scale the statistic the monitor
/// records (a round's median), so a healthy machine's rounds sit inside them.
final class BaselineThresholdsRecordedDataTests: XCTestCase {
    private func committedBaseline() throws -> RunResults {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return try ResultsFile.load(from: root.appendingPathComponent("baselines/default.json"))
    }

    func testTheBandsScaleThePercentileOfTheRoundMediansNotOfAllSamples() throws {
        let baseline = try committedBaseline()
        let benchmark = try XCTUnwrap(baseline.benchmark(named: "cache.reference.dictionary-get"))
        let threshold = try XCTUnwrap(BaselineThresholds().thresholds(from: baseline).first { $0.metric == benchmark.name })
        let roundMedians = try XCTUnwrap(Sample(benchmark.rounds.map(\.median)))
        let tolerance = benchmark.configuration.tolerance.relative(toBaseline: 1)
        XCTAssertEqual(threshold.warning?.maximum ?? 0, Percentiles(of: roundMedians).p99 * (1 + tolerance), accuracy: 1e-9)
        XCTAssertLessThan(
            Percentiles(of: roundMedians).p99, try XCTUnwrap(benchmark.summary).percentiles.p95,
            "the samples' spread is wider than the round medians': the old bands were looser than the statistic needs"
        )
    }

    /// Each process of the baseline, held to bands derived from the other four and fed to a
    /// monitor round by round with the default hysteresis, as a healthy machine would be.
    func testAHealthyProcessSitsInsideBandsFromTheOthersAndRaisesNoAlert() async throws {
        let baseline = try committedBaseline()
        let processes = Set(baseline.benchmarks.flatMap { $0.rounds.map(\.process) }).sorted()
        XCTAssertGreaterThanOrEqual(processes.count, 3, "the committed baseline merges several processes")
        var inside = 0, total = 0
        var fired: [String] = []
        for process in processes {
            var others = baseline
            for index in others.benchmarks.indices { others.benchmarks[index].rounds.removeAll { $0.process == process } }
            let clock = MonitorFixtures.clock()
            let monitor = ThresholdMonitor(clock: clock)
            let thresholds = BaselineThresholds().thresholds(from: others)
            await monitor.setThresholds(thresholds)
            for threshold in thresholds {
                let medians = try XCTUnwrap(baseline.benchmark(named: threshold.metric)).rounds.filter { $0.process == process }.map(\.median)
                for median in medians {
                    total += 1
                    if threshold.classify(median) == .ok { inside += 1 }
                    if let event = await monitor.record(median, for: threshold.metric), event.kind == .fired {
                        fired.append("\(threshold.metric) in process \(process)")
                    }
                    clock.advance(by: .seconds(30))
                }
            }
        }
        XCTAssertEqual(fired, [], "no alert on a healthy machine")
        // On the baseline committed with this rule: 3,086 of 3,100 (python3 with numpy, p99 of
        // the other processes' round medians × (1 + tolerance)).
        XCTAssertGreaterThanOrEqual(Double(inside), 0.98 * Double(total), "\(inside) of \(total) round medians inside the warning band")
    }

    func testTheDefaultIsTheP99AndAnotherCanBeChosen() throws {
        XCTAssertEqual(BaselineThresholds().percentile, .p99)
        guard case .monitor(let options) = try CommandParser.parse(["monitor", "--percentile", "p90"]) else { return XCTFail("not monitor") }
        XCTAssertEqual(options.thresholds.percentile, .p90)
    }
}
