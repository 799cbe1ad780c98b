import Foundation
import XCTest
@testable import Yardstick

/// ``ThresholdMonitor/ingest(_:policy:)`` and ``VerdictAlertPolicy``: verdicts become alerts.
final class VerdictAlertTests: XCTestCase {
    private typealias F = MonitorFixtures

    /// A median comparison from 10 µs to 10 µs × (1 + `change`), with a relative tolerance.
    private func comparison(change: Double, tolerance: Double = 0.05, verdict: Verdict, metric: Metric = .median) -> MetricComparison {
        MetricComparison(
            metric: metric,
            baselineNanoseconds: 10_000,
            currentNanoseconds: 10_000 * (1 + change),
            change: Estimate(point: change, lower: change - 0.01, upper: change + 0.01, confidence: 0.95),
            pValue: 0.001,
            adjustedPValue: 0.001,
            test: .exact,
            noise: NoiseEstimate(interval: 0.01, processes: 0, levels: 0),
            tolerance: tolerance,
            alpha: 0.05,
            verdict: verdict,
            reason: nil,
            rounds: RoundCounts(current: 10, baseline: 10)
        )
    }

    private func benchmark(_ name: String, _ verdict: Verdict, comparisons: [MetricComparison] = [],
                           budgets: [BudgetCheck] = [], reasons: [String] = []) -> BenchmarkJudgement {
        BenchmarkJudgement(name: name, suite: "svc", verdict: verdict, reasons: reasons.map(JudgementReason.text), comparisons: comparisons, budgets: budgets)
    }

    private func regressed(_ name: String, by change: Double, tolerance: Double = 0.05) -> BenchmarkJudgement {
        benchmark(name, .regressed, comparisons: [comparison(change: change, tolerance: tolerance, verdict: .regressed)])
    }

    private func unchanged(_ name: String) -> BenchmarkJudgement {
        benchmark(name, .unchanged, comparisons: [comparison(change: 0.01, verdict: .unchanged)])
    }

    private func run(_ benchmarks: BenchmarkJudgement...) -> RunJudgement {
        RunJudgement(baseline: nil, environmentDifferences: [], judgedAgainstForeignBaseline: false,
                     options: JudgementOptions(), benchmarks: benchmarks, warnings: [])
    }

    // MARK: The policy alone

    func testPolicyLevels() {
        let policy = VerdictAlertPolicy()
        XCTAssertEqual(policy.assess(regressed("a", by: 0.08))?.level, .warning, "+8% with a 5% tolerance")
        XCTAssertEqual(policy.assess(regressed("a", by: 0.20))?.level, .critical, "+20% is past 3 × 5%")
        XCTAssertEqual(policy.assess(regressed("a", by: 0.15))?.level, .warning, "+15% is on the edge, not past it")
        XCTAssertEqual(policy.assess(regressed("a", by: 0.151))?.level, .critical)
        XCTAssertEqual(policy.assess(benchmark("a", .error, reasons: ["threw: boom"]))?.level, .critical)
        XCTAssertEqual(policy.assess(benchmark("a", .improved, comparisons: [comparison(change: -0.2, verdict: .improved)]))?.level, .info)
        for verdict in [Verdict.unchanged, .noisy, .new, .missing, .incomparable] {
            XCTAssertNil(policy.assess(benchmark("a", verdict)), "\(verdict)")
        }
    }

    func testTheComparisonFurthestPastItsToleranceDecides() throws {
        // The median is +8% against 5% (1.6 tolerances); p99 is +25% against 10% (2.5
        // tolerances), and so is reported, but not critical (25% is not past 3 × 10%).
        let judgement = benchmark("a", .regressed, comparisons: [
            comparison(change: 0.08, tolerance: 0.05, verdict: .regressed),
            comparison(change: 0.25, tolerance: 0.10, verdict: .regressed, metric: .wallTime(.p99)),
            comparison(change: 0.90, tolerance: 0.05, verdict: .unchanged, metric: .wallTime(.p90)),
        ])
        let assessment = try XCTUnwrap(VerdictAlertPolicy().assess(judgement))
        XCTAssertEqual(assessment.level, .warning)
        XCTAssertEqual(assessment.value, 12_500)
        XCTAssertEqual(assessment.band, .atMost(11_000), "10 µs × (1 + 0.10)")
        XCTAssertTrue(assessment.message.hasPrefix("p99 regressed +25"), assessment.message)
    }

    func testARegressionWithoutComparisonsIsAWarning() {
        XCTAssertEqual(VerdictAlertPolicy().assess(benchmark("a", .regressed))?.level, .warning)
    }

    func testBudgets() {
        let policy = VerdictAlertPolicy()
        let slightly = benchmark("a", .overBudget, budgets: [
            BudgetCheck(metric: .wallTime(.p99), limit: 1_000, value: 1_100),
            BudgetCheck(metric: .median, limit: 1_000, value: 900),
        ])
        XCTAssertEqual(policy.assess(slightly)?.level, .warning, "10% over, not past 15%")
        XCTAssertEqual(policy.assess(slightly)?.band, .atMost(1_000))
        let far = benchmark("a", .overBudget, budgets: [BudgetCheck(metric: .wallTime(.p99), limit: 1_000, value: 1_200)])
        XCTAssertEqual(policy.assess(far)?.level, .critical)
        let unmeasured = benchmark("a", .overBudget, budgets: [BudgetCheck(metric: .cpuTime, limit: 1_000, value: nil)])
        XCTAssertEqual(policy.assess(unmeasured)?.level, .warning)
        XCTAssertNil(policy.assess(unmeasured)?.value)
    }

    // MARK: Ingesting

    func testARegressionOfEightPercentIsAWarning() async throws {
        let clock = F.clock()
        let monitor = ThresholdMonitor(clock: clock)
        let events = await monitor.ingest(run(regressed("svc.get", by: 0.08)))
        XCTAssertEqual(events.map(\.kind), [.fired])
        let alert = try XCTUnwrap(events.first?.alert)
        XCTAssertEqual(alert.level, .warning)
        XCTAssertEqual(alert.source, .verdict)
        XCTAssertEqual(alert.metric, "svc.get")
        XCTAssertEqual(alert.unit, .nanoseconds)
        XCTAssertEqual(alert.value, 10_800)
        XCTAssertEqual(alert.band, .atMost(10_500))
        XCTAssertEqual(alert.firstSeen, F.time(0))
        XCTAssertTrue(alert.message.hasPrefix("p50 regressed +8"), alert.message)
        let active = await monitor.activeAlerts
        XCTAssertEqual(active, [alert])
        let snapshot = await monitor.snapshot()
        XCTAssertEqual(snapshot.state(of: "svc.get"), .warning)
        XCTAssertEqual(snapshot.metrics.first?.unit, .nanoseconds)
    }

    func testARegressionOfTwentyPercentIsCritical() async {
        let monitor = ThresholdMonitor(clock: F.clock())
        let events = await monitor.ingest(run(regressed("svc.get", by: 0.20)))
        XCTAssertEqual(events.map(\.kind), [.fired])
        XCTAssertEqual(events.first?.alert.level, .critical)
    }

    func testAnErrorIsCritical() async {
        let monitor = ThresholdMonitor(clock: F.clock())
        let events = await monitor.ingest(run(benchmark("svc.put", .error, reasons: ["threw in round 2: connection reset"])))
        XCTAssertEqual(events.map(\.kind), [.fired])
        XCTAssertEqual(events.first?.alert.level, .critical)
        XCTAssertEqual(events.first?.alert.message, "error: threw in round 2: connection reset")
        XCTAssertNil(events.first?.alert.value)
    }

    func testAnImprovementIsANoticeThatIsNotActive() async {
        let clock = F.clock()
        let monitor = ThresholdMonitor(clock: clock)
        let events = await monitor.ingest(run(benchmark("svc.get", .improved, comparisons: [comparison(change: -0.2, verdict: .improved)])))
        XCTAssertEqual(events.map(\.kind), [.notice])
        XCTAssertEqual(events.first?.alert.level, .info)
        XCTAssertEqual(events.first?.alert.resolvedAt, F.time(0))
        XCTAssertEqual(events.first?.alert.isActive, false)
        XCTAssertEqual(events.first?.alert.value, 8_000)
        XCTAssertTrue(events.first?.alert.message.hasPrefix("improved -20") ?? false, events.first?.alert.message ?? "")
        let active = await monitor.activeAlerts
        XCTAssertEqual(active, [])
        let snapshot = await monitor.snapshot()
        XCTAssertEqual(snapshot.metrics, [], "a notice leaves nothing on the dashboard")
    }

    func testALaterVerdictChangesTheAlert() async throws {
        let clock = F.clock()
        let monitor = ThresholdMonitor(clock: clock)
        let stream = await monitor.alertEvents()

        let fired = await monitor.ingest(run(regressed("svc.get", by: 0.08)))
        clock.advance(by: .seconds(60))
        let escalated = await monitor.ingest(run(regressed("svc.get", by: 0.20)))
        clock.advance(by: .seconds(60))
        let same = await monitor.ingest(run(regressed("svc.get", by: 0.30)))
        clock.advance(by: .seconds(60))
        let eased = await monitor.ingest(run(regressed("svc.get", by: 0.06)))
        clock.advance(by: .seconds(60))
        let untouched = await monitor.ingest(run(unchanged("svc.other")))
        var active = await monitor.activeAlerts
        XCTAssertEqual(active.map(\.metric), ["svc.get"], "a benchmark the run did not judge keeps its alert")
        clock.advance(by: .seconds(60))
        let resolved = await monitor.ingest(run(unchanged("svc.get")))
        clock.advance(by: .seconds(60))
        let nothing = await monitor.ingest(run(unchanged("svc.get")))

        XCTAssertEqual(fired.map(\.kind), [.fired])
        XCTAssertEqual(escalated.map(\.kind), [.escalated])
        XCTAssertEqual(escalated.first?.alert.level, .critical)
        XCTAssertEqual(same, [], "still critical: no event")
        XCTAssertEqual(eased.map(\.kind), [.eased])
        XCTAssertEqual(eased.first?.alert.level, .warning)
        XCTAssertEqual(eased.first?.alert.value, 10_600)
        XCTAssertEqual(untouched, [])
        XCTAssertEqual(resolved.map(\.kind), [.resolved])
        XCTAssertEqual(resolved.first?.alert.resolvedAt, F.time(300))
        XCTAssertEqual(nothing, [])
        let all = fired + escalated + eased + resolved
        XCTAssertEqual(Set(all.map(\.alert.id)), [1], "one alert throughout")
        XCTAssertEqual(Set(all.map(\.alert.firstSeen)), [F.time(0)])
        XCTAssertEqual(all.map(\.at), [F.time(0), F.time(60), F.time(180), F.time(300)])
        active = await monitor.activeAlerts
        XCTAssertEqual(active, [])

        await monitor.finishAlertEvents()
        let received = await F.collect(stream)
        XCTAssertEqual(received, all)
    }

    func testAnImprovementResolvesAnActiveAlert() async {
        let monitor = ThresholdMonitor(clock: F.clock())
        await monitor.ingest(run(regressed("svc.get", by: 0.08)))
        let events = await monitor.ingest(run(benchmark("svc.get", .improved, comparisons: [comparison(change: -0.2, verdict: .improved)])))
        XCTAssertEqual(events.map(\.kind), [.resolved])
        let active = await monitor.activeAlerts
        XCTAssertEqual(active, [])
    }

    func testSeveralBenchmarksInOneRun() async {
        let monitor = ThresholdMonitor(clock: F.clock())
        let events = await monitor.ingest(run(
            regressed("svc.a", by: 0.08),
            benchmark("svc.b", .error, reasons: ["set-up threw"]),
            unchanged("svc.c"),
            benchmark("svc.d", .improved, comparisons: [comparison(change: -0.1, verdict: .improved)])
        ))
        XCTAssertEqual(events.map(\.kind), [.fired, .fired, .notice])
        XCTAssertEqual(events.map(\.alert.id), [1, 2, 3])
        let active = await monitor.activeAlerts
        XCTAssertEqual(active.map(\.metric), ["svc.b", "svc.a"], "critical first")
    }

    func testVerdictsFromTheJudge() async {
        // The report fixtures' judged run: a regression, an error and an exceeded budget.
        let judgement = ReportFixtures.input().judgement
        XCTAssertNotNil(judgement)
        guard let judgement else { return }
        let monitor = ThresholdMonitor(clock: F.clock())
        let events = await monitor.ingest(judgement)
        let byName = Dictionary(uniqueKeysWithValues: events.map { ($0.alert.metric, $0) })
        XCTAssertEqual(byName["codec.stream"]?.alert.level, .critical, "an error")
        XCTAssertEqual(byName["codec.encode"]?.kind, .fired)
        XCTAssertNotNil(byName["store.get"], "over budget")
        XCTAssertEqual(byName["store.retired"]?.alert.level, .warning, "missing from the run, which fails the gate")
        XCTAssertEqual(byName["store.retired"]?.alert.message, "missing: in baseline 'default' but not in this run")
        for benchmark in judgement.benchmarks where [.unchanged, .noisy, .new].contains(benchmark.verdict) {
            XCTAssertNil(byName[benchmark.name], benchmark.name)
        }
        XCTAssertEqual(Set(events.map(\.alert.metric)).isSuperset(of: judgement.failures.map(\.name)), true, "one alert per failing benchmark")
    }

    func testAMissingBenchmarkAlertsOnlyWhenTheGateFailsIt() async {
        var allowing = run(benchmark("svc.gone", .missing, reasons: ["in baseline 'default' but not in this run"]))
        allowing.options.allowsMissing = true
        let quiet = await ThresholdMonitor(clock: F.clock()).ingest(allowing)
        XCTAssertEqual(quiet, [], "--allow-missing")
        allowing.options.allowsMissing = false
        let events = await ThresholdMonitor(clock: F.clock()).ingest(allowing)
        XCTAssertEqual(events.map(\.kind), [.fired])
        XCTAssertEqual(events.first?.alert.level, .warning)
    }

    func testEveryVerdictThatFailsTheGateIsAWarningAtLeast() {
        let policy = VerdictAlertPolicy()
        for verdict in [Verdict.missing, .incomparable, .noisy, .layoutShift] {
            XCTAssertEqual(policy.assess(benchmark("a", verdict, reasons: ["why"]), failsGate: true)?.level, .warning, "\(verdict)")
            XCTAssertNil(policy.assess(benchmark("a", verdict), failsGate: false), "\(verdict)")
        }
        for verdict in [Verdict.unchanged, .new] {
            XCTAssertNil(policy.assess(benchmark("a", verdict), failsGate: true), "\(verdict)")
        }
    }
}
