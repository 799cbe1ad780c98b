import Foundation
import XCTest
@testable import Yardstick

/// The compact form of results files (``ResultsForm/compact``), on recorded data:
/// `Recorded/baseline-full.json` is the committed baseline as it was before baselines were
/// compacted (31 benchmarks, 5 release processes, 882,372 bytes), and
/// `Recorded/run-782668e-compact.json` the baseline committed before it (`git show
/// 782668e:baselines/default.json`), stored compact, as a run to judge, and
/// `Recorded/fresh-update.json` a fresh `bench baseline update` of every suite (release, 5
/// processes), written in the compact form's fields at full precision, as the compact form was
/// before it rounded to ``ResultsForm/compactSignificantDigits`` digits.
final class CompactResultsTests: XCTestCase {
    private static let recorded = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Recorded")

    private func recorded(_ name: String) throws -> RunResults {
        try ResultsFile.load(from: Self.recorded.appendingPathComponent(name))
    }

    private func compacted(_ results: RunResults) throws -> RunResults {
        try ResultsFile.decode(try ResultsFile.encode(results, form: .compact), from: URL(fileURLWithPath: "compact.json"))
    }

    /// Rounds by process, in run order within each: what a compact file keeps of their order.
    private func roundsByProcess(_ benchmark: BenchmarkResult) -> [Int: [RoundRecord]] {
        Dictionary(grouping: benchmark.rounds, by: \.process)
    }

    /// `a` and `b` agree to the compact form's significant digits.
    private func assertClose(_ a: Double?, _ b: Double?, _ message: String, file: StaticString = #filePath, line: UInt = #line) {
        guard let a, let b else { return XCTAssertEqual(a, b, message, file: file, line: line) }
        XCTAssertEqual(a, b, accuracy: 5e-7 * abs(b), message, file: file, line: line)
    }

    private func assertClose(_ a: Summary?, _ b: Summary?, _ message: String, file: StaticString = #filePath, line: UInt = #line) {
        guard let a, let b else { return XCTAssertEqual(a, b, message, file: file, line: line) }
        XCTAssertEqual(a.count, b.count, message, file: file, line: line)
        XCTAssertEqual(a.outliers, b.outliers, message, file: file, line: line)
        for (x, y) in [(a.min, b.min), (a.max, b.max), (a.mean, b.mean), (a.medianAbsoluteDeviation, b.medianAbsoluteDeviation),
                       (a.standardDeviation, b.standardDeviation)] {
            assertClose(x, y, message, file: file, line: line)
        }
        for percentile in Percentile.allCases {
            assertClose(a.percentiles[percentile], b.percentiles[percentile], message, file: file, line: line)
        }
    }

    /// Whole numbers are kept exactly; every time to seven significant digits.
    func testTheCompactFormKeepsEveryFigureJudgingReads() throws {
        let full = try recorded("baseline-full.json")
        let compact = try compacted(full)
        XCTAssertEqual(compact.environment, full.environment)
        XCTAssertEqual(compact.processes, full.processes)
        XCTAssertEqual(compact.startedAt, full.startedAt)
        XCTAssertEqual(compact.finishedAt, full.finishedAt)
        XCTAssertEqual(compact.benchmarks.map(\.name), full.benchmarks.map(\.name))
        for (before, after) in zip(full.benchmarks, compact.benchmarks) {
            XCTAssertEqual(after.suite, before.suite)
            XCTAssertEqual(after.configuration, before.configuration, before.name)
            assertClose(after.summary, before.summary, before.name)
            XCTAssertEqual(after.batchSize, before.batchSize)
            assertClose(after.cpuNanosecondsPerCall, before.cpuNanosecondsPerCall, before.name)
            XCTAssertEqual(after.throughput?.unit, before.throughput?.unit, before.name)
            assertClose(after.throughput?.perSecond, before.throughput?.perSecond, before.name)
            assertClose(after.elapsedSeconds, before.elapsedSeconds, before.name)
            XCTAssertEqual(after.failure, before.failure)
            XCTAssertEqual(after.counts, before.counts, before.name)
            XCTAssertEqual(after.dispersion?.rounds, before.dispersion?.rounds, before.name)
            assertClose(after.dispersion?.relativeRange, before.dispersion?.relativeRange, "recomputed from the medians: \(before.name)")
            XCTAssertEqual(after.samples.total, before.samples.total)
            XCTAssertEqual(after.samples.values, [], "no raw samples")
            let (old, new) = (roundsByProcess(before), roundsByProcess(after))
            for process in old.keys {
                for (a, b) in zip(new[process] ?? [], old[process]!) { assertClose(a.median, b.median, before.name) }
                XCTAssertEqual(new[process]?.count, old[process]?.count, before.name)
            }
            XCTAssertEqual(new.mapValues { $0.map(\.iterations) }, old.mapValues { $0.map(\.iterations) }, before.name)
            XCTAssertEqual(new.mapValues { $0.map(\.samples) }, old.mapValues { $0.map(\.samples) }, before.name)
            XCTAssertTrue(after.rounds.allSatisfy { $0.percentiles == nil && $0.cpuNanosecondsPerCall == nil }, "no gate reads them")
        }
        XCTAssertEqual(try ResultsFile.encode(compact, form: .compact), try ResultsFile.encode(full, form: .compact), "stable once compact")
    }

    func testTheCommittedBaselineFitsInSixtyKilobytesCompact() throws {
        let data = try ResultsFile.encode(try recorded("baseline-full.json"), form: .compact)
        XCTAssertLessThanOrEqual(data.count, 61_440)
    }

    /// A fresh update's round medians of batched benchmarks are quotients by the batch size,
    /// 17 digits at full precision (71,019 bytes in all); seven significant digits bring it
    /// under 60 KB.
    func testAFreshUpdateFitsInSixtyKilobytesCompact() throws {
        let fresh = try recorded("fresh-update.json")
        XCTAssertGreaterThan(try Data(contentsOf: Self.recorded.appendingPathComponent("fresh-update.json")).count, 61_440)
        XCTAssertLessThanOrEqual(try ResultsFile.encode(fresh, form: .compact).count, 61_440)
    }

    func testJudgingARecordedRunAgainstAFreshUpdateRoundedGivesTheSameVerdicts() throws {
        try assertSameJudgement(of: try recorded("run-782668e-compact.json"), against: try recorded("fresh-update.json"))
    }

    func testAGateOnATailPercentileOrCPUTimeKeepsThoseColumns() throws {
        var full = try recorded("baseline-full.json")
        full.benchmarks[1].configuration.gates = [.wallTime(.p99, tolerance: .percent(20)), .cpuTime(tolerance: .percent(10))]
        let compact = try compacted(full)
        XCTAssertEqual(compact.benchmarks[1].configuration.gates, full.benchmarks[1].configuration.gates)
        let (old, new) = (roundsByProcess(full.benchmarks[1]), roundsByProcess(compact.benchmarks[1]))
        XCTAssertEqual(new.mapValues { $0.map(\.percentiles) }, old.mapValues { $0.map(\.percentiles) })
        XCTAssertEqual(new.mapValues { $0.map(\.cpuNanosecondsPerCall) }, old.mapValues { $0.map(\.cpuNanosecondsPerCall) })
        XCTAssertTrue(compact.benchmarks[0].rounds.allSatisfy { $0.percentiles == nil }, "only where a gate reads them")
    }

    func testProcessesThatAreNotTheFirstFewAndCountsThatDifferSurvive() throws {
        var full = try recorded("baseline-full.json")
        full.benchmarks[0].rounds = full.benchmarks[0].rounds.filter { $0.process == 1 || $0.process == 3 }
        full.benchmarks[0].rounds[0].samples += 1
        full.benchmarks[0].counts?[2].peakBytes = 64
        let compact = try compacted(full)
        XCTAssertEqual(Set(compact.benchmarks[0].rounds.map(\.process)), [1, 3])
        let (old, new) = (roundsByProcess(full.benchmarks[0]), roundsByProcess(compact.benchmarks[0]))
        XCTAssertEqual(new.mapValues { $0.map(\.median) }, old.mapValues { $0.map(\.median) })
        XCTAssertEqual(new.mapValues { $0.map(\.samples) }, old.mapValues { $0.map(\.samples) })
        XCTAssertEqual(compact.benchmarks[0].counts, full.benchmarks[0].counts)
    }

    func testARoundThatKeptOnlyItsMedianIsWrittenAsAMedianInTheFullForm() throws {
        let compact = try compacted(try recorded("baseline-full.json"))
        let text = String(decoding: try ResultsFile.encode(compact), as: UTF8.self)
        XCTAssertTrue(text.contains("\"median\": 1.3506,"), "a round object with its median")
        let back = try ResultsFile.decode(Data(text.utf8), from: URL(fileURLWithPath: "full.json"))
        XCTAssertEqual(back.benchmarks.map(\.roundMedians), compact.benchmarks.map(\.roundMedians))
    }

    // MARK: Judging

    /// Verdicts and every comparison's figures of `run` judged against `baseline` in both forms.
    private func assertSameJudgement(of run: RunResults, against full: RunResults, file: StaticString = #filePath, line: UInt = #line) throws {
        let compact = try compacted(full)
        let judge = Judge()
        let history = [BaselineHistoryRecord(full)]
        let before = judge.judge(run, against: full, baselineName: "default", history: history)
        let after = judge.judge(run, against: compact, baselineName: "default", history: history)
        XCTAssertEqual(after.benchmarks.map(\.name), before.benchmarks.map(\.name), file: file, line: line)
        for (old, new) in zip(before.benchmarks, after.benchmarks) {
            XCTAssertEqual(new.verdict, old.verdict, old.name, file: file, line: line)
            XCTAssertEqual(new.reasons.map(\.text), old.reasons.map(\.text), old.name, file: file, line: line)
            XCTAssertEqual(new.counters, old.counters, old.name, file: file, line: line)
            XCTAssertEqual(new.comparisons.map(\.verdict), old.comparisons.map(\.verdict), old.name, file: file, line: line)
            for (a, b) in zip(old.comparisons, new.comparisons) {
                // Rounding to seven digits can tie two rounds that differed in the eighth, which
                // moves a p-value in its sixth digit; a baseline written before it rounded nothing.
                XCTAssertEqual(b.pValue, a.pValue, accuracy: 1e-4 * a.pValue + 1e-12, old.name, file: file, line: line)
                XCTAssertEqual(b.adjustedPValue, a.adjustedPValue, accuracy: 1e-4 * a.adjustedPValue + 1e-12, old.name, file: file, line: line)
                assertClose(b.baselineNanoseconds, a.baselineNanoseconds, old.name, file: file, line: line)
                XCTAssertEqual(b.change.point, a.change.point, accuracy: 1e-6, old.name, file: file, line: line)
                XCTAssertEqual(b.change.lower, a.change.lower, accuracy: 1e-6, old.name, file: file, line: line)
                XCTAssertEqual(b.change.upper, a.change.upper, accuracy: 1e-6, old.name, file: file, line: line)
                XCTAssertEqual(b.minimumDetectableChange, a.minimumDetectableChange, accuracy: 1e-6, old.name, file: file, line: line)
            }
        }
        XCTAssertEqual(after.machineLevel?.controls.map(\.name), before.machineLevel?.controls.map(\.name), file: file, line: line)
        XCTAssertEqual(after.machineLevel?.controls.map(\.moved), before.machineLevel?.controls.map(\.moved), file: file, line: line)
        for (a, b) in zip(before.machineLevel?.controls ?? [], after.machineLevel?.controls ?? []) {
            XCTAssertEqual(b.change, a.change, accuracy: 1e-6, a.name, file: file, line: line)
        }
    }

    func testJudgingARecordedRunAgainstTheCompactBaselineGivesTheSameVerdicts() throws {
        let run = try recorded("run-782668e-compact.json")
        let full = try recorded("baseline-full.json")
        try assertSameJudgement(of: run, against: full)
        let verdicts = Set(Judge().judge(run, against: full, baselineName: "default").benchmarks.map(\.verdict))
        XCTAssertGreaterThan(verdicts.count, 1, "the run is judged, not waved through: \(verdicts)")
    }

    func testJudgingTheBaselineAgainstItsOwnCompactFormGivesTheSameVerdicts() throws {
        let full = try recorded("baseline-full.json")
        try assertSameJudgement(of: full, against: full)
    }

    func testJudgingWithATailAndACPUGateGivesTheSameVerdicts() throws {
        var run = try recorded("run-782668e-compact.json")
        var full = try recorded("baseline-full.json")
        for index in 0..<4 {
            let gates: [Gate] = [.wallTime(.p99, tolerance: .percent(20)), .cpuTime(tolerance: .percent(10))]
            full.benchmarks[index].configuration.gates = gates
            run.benchmarks[index].configuration.gates = gates
            // The recorded run kept only medians: give its rounds tails and CPU times to compare.
            run.benchmarks[index].rounds = run.benchmarks[index].rounds.map { round in
                var round = round
                round.percentiles = Percentiles(of: Sample([round.median, round.median * 1.5])!)
                round.cpuNanosecondsPerCall = round.median * 1.01
                return round
            }
        }
        try assertSameJudgement(of: run, against: full)
        let judged = Judge().judge(run, against: try compacted(full), baselineName: "default")
        XCTAssertEqual(judged.benchmarks[1].comparisons.map(\.metric), [.median, .wallTime(.p99), .cpuTime])
    }

    func testAGateTheCompactBaselineDidNotKeepIsIncomparableWithTheReason() throws {
        var run = try recorded("run-782668e-compact.json")
        let compact = try compacted(try recorded("baseline-full.json"))
        run.benchmarks[1].configuration.gates = [.wallTime(.p99, tolerance: .percent(20))]
        run.benchmarks[1].rounds = run.benchmarks[1].rounds.map { round in
            var round = round
            round.percentiles = Percentiles(of: Sample([round.median])!)
            return round
        }
        let judged = Judge().judge(run, against: compact, baselineName: "default").benchmarks[1]
        XCTAssertEqual(judged.verdict, .incomparable)
        XCTAssertEqual(judged.reasons, [.baselineLacksMetric(metric: .wallTime(.p99))])
        XCTAssertTrue(judged.reasons.map(\.text).contains(
            "p99: not compared: the baseline has no p99 of its rounds: it had no p99 gate, and a baseline keeps only the round "
                + "figures its gates compare; update the baseline"
        ), "\(judged.reasons)")
    }

    // MARK: Reports

    func testTheHTMLReportDrawsTheRunAloneAgainstACompactBaseline() throws {
        let full = try recorded("baseline-full.json")
        let compact = try compacted(full)
        let judgement = Judge().judge(full, against: compact, baselineName: "default")
        let html = HTMLReport(ReportInput(results: full, judgement: judgement, baseline: compact)).render()
        XCTAssertEqual(html.components(separatedBy: "<title>Distribution of time per call:").count - 1, full.benchmarks.count)
        XCTAssertFalse(html.contains("in the baseline (dashed)"), "no baseline curve is claimed")
        XCTAssertTrue(html.contains("(its file keeps no raw samples, so only this run&apos;s curve is drawn)"))
        let drawn = HTMLReport(ReportInput(results: full, judgement: judgement, baseline: full)).render()
        XCTAssertTrue(drawn.contains("in the baseline (dashed)"), "a full baseline's curve is drawn")
    }
}
