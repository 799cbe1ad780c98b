import XCTest
@testable import Yardstick

/// The machine's speed level on recorded data: the round medians of the committed baseline at
/// two moments, `slow.json` from commit 47b2048 (recorded 2026-12-02, `harness.arithmetic.1x`
/// at 10.5 µs) and `fast.json` from d21fd1c (2026-12-03, 8.1 µs), five processes each, of the
/// harness arithmetic, a memory-bound benchmark, two cache benchmarks and the controls of five
/// suites (reference.*; the harness's own, `reference.spin`, only in `fast.json`: it is newer). Extracted with
/// `json.load(...)["benchmarks"]` → `{name: [[round p50 for each round of process k] for k]}`.
/// Between the two, arithmetic took 23% less time and memory-bound work 36-42% less; none of
/// these benchmarks changed in between.
final class MachineLevelTests: XCTestCase {
    private static let controls: Set<String> = [
        "cache.reference.dictionary-get", "cache.reference.dictionary-set", "rate-limit.reference.locked-dictionary",
        "logging.reference.write", "validation.reference.hand-written", "database.insert.raw", "database.select.raw",
        "harness.reference.spin",
    ]

    private func level(_ name: String) throws -> [String: [[Double]]] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Levels/\(name).json")
        return try JSONDecoder().decode([String: [[Double]]].self, from: Data(contentsOf: url))
    }

    private func run(_ level: [String: [[Double]]], scaling scaled: [String: Double] = [:]) -> RunResults {
        let benchmarks = level.keys.sorted().map { name in
            JudgementFixtures.benchmark(
                name,
                processes: level[name]!.map { $0.map { $0 * (scaled[name] ?? 1) } },
                configuration: BenchmarkConfiguration(isControl: Self.controls.contains(name))
            )
        }
        var results = JudgementFixtures.run(benchmarks)
        results.processes = 5
        return results
    }

    private func judge(_ current: RunResults, against baseline: RunResults) -> RunJudgement {
        Judge(options: JudgementOptions(resamples: 2_000)).judge(current, against: baseline, baselineName: "default")
    }

    /// Without the level, the arithmetic came out *improved* by 23% on unchanged code.
    func testAFasterLevelIsReportedFirstAndExplainsTheImprovements() throws {
        let judgement = judge(run(try level("fast")), against: run(try level("slow")))
        let machine = try XCTUnwrap(judgement.machineLevel)
        XCTAssertEqual(machine.controls.count, 7)
        XCTAssertTrue(machine.controls.allSatisfy(\.moved))
        XCTAssertLessThan(machine.change, -0.3)
        XCTAssertTrue(judgement.warnings.first?.text.hasPrefix("this machine is") ?? false, "\(judgement.warnings)")
        XCTAssertTrue(judgement.warnings[0].text.contains("faster than when the baseline was recorded"))
        XCTAssertTrue(VerdictTable(judgement).render().split(separator: "\n")[1].hasPrefix("! this machine is"))
        let verdicts = judgement.benchmarks.map(\.verdict)
        XCTAssertFalse(verdicts.contains(.improved) || verdicts.contains(.regressed), "\(judgement.benchmarks.map { ($0.name, $0.verdict) })")
        let arithmetic = try XCTUnwrap(judgement.benchmarks.first { $0.name == "harness.arithmetic.1x" })
        XCTAssertEqual(arithmetic.verdict, .noisy)
        XCTAssertTrue(arithmetic.reasons[0].text.contains("machine level changed"), arithmetic.reasons[0].text)
        XCTAssertTrue(judgement.failures.isEmpty)
    }

    func testASlowerLevelFailsNothingItExplains() throws {
        let judgement = judge(run(try level("slow")), against: run(try level("fast")))
        let machine = try XCTUnwrap(judgement.machineLevel)
        XCTAssertGreaterThan(machine.change, 0.5)
        XCTAssertTrue(RunWarning.machineLevel(machine).text.hasPrefix("this machine is") && RunWarning.machineLevel(machine).text.contains("slower"))
        // The harness's control is newer than the slow baseline: it alone is missing there.
        XCTAssertEqual(judgement.failures.map(\.name), ["harness.reference.spin"])
        XCTAssertEqual(judgement.failures.first?.verdict, .missing)
    }

    /// A slowdown while the machine got faster lies outside the level: it is still caught.
    func testASlowdownAgainstTheLevelIsStillARegression() throws {
        let judgement = judge(run(try level("fast"), scaling: ["harness.arithmetic.1x": 1.5]), against: run(try level("slow")))
        XCTAssertNotNil(judgement.machineLevel)
        XCTAssertEqual(judgement.benchmarks.first { $0.name == "harness.arithmetic.1x" }?.verdict, .regressed)
        XCTAssertEqual(judgement.failures.map(\.name), ["harness.arithmetic.1x"])
    }

    /// Within one level, processes differ too: in the fast baseline, processes 4 and 5 ran the
    /// memory-bound controls about 20% slower than processes 1-3. The harness suite is held to
    /// its own control, which did not move, so a 30% slowdown of its arithmetic is caught.
    func testASuiteIsHeldToItsOwnControl() throws {
        let fast = try level("fast")
        var baseline = run(fast.mapValues { Array($0.prefix(3)) })
        baseline.processes = 3
        var current = run(fast.mapValues { Array($0.suffix(2)) }, scaling: ["harness.arithmetic.1x": 1.3])
        current.processes = 2
        let judgement = judge(current, against: baseline)
        let machine = try XCTUnwrap(judgement.machineLevel)
        XCTAssertEqual(machine.span(forSuite: "harness").highest, 0, accuracy: 0.02)
        XCTAssertEqual(judgement.benchmarks.first { $0.name == "harness.arithmetic.1x" }?.verdict, .regressed)
    }

    func testTheSpanIsWidenedByTheThresholdOnARatioScale() throws {
        let level = try XCTUnwrap(MachineLevel(controls: [
            .init(name: "m.a", suite: "m", change: -0.40, moved: true), .init(name: "s.b", suite: "s", change: -0.20, moved: false),
        ]))
        XCTAssertEqual(level.lowest, -0.40)
        XCTAssertEqual(level.highest, 0)
        XCTAssertEqual(level.change, -0.40)
        XCTAssertTrue(level.explains(-0.40, inSuite: "other", threshold: 0))
        XCTAssertTrue(level.explains(-0.45, inSuite: "other", threshold: 0.10), "0.6 / 1.1 = 0.545: within")
        XCTAssertFalse(level.explains(-0.50, inSuite: "other", threshold: 0.10))
        XCTAssertTrue(level.explains(0.09, inSuite: "other", threshold: 0.10))
        XCTAssertFalse(level.explains(0.11, inSuite: "other", threshold: 0.10))
        // A suite with a control of its own is held to that control.
        XCTAssertFalse(level.explains(-0.40, inSuite: "s", threshold: 0.10))
        XCTAssertTrue(level.explains(-0.25, inSuite: "s", threshold: 0.10))
        XCTAssertNil(MachineLevel(controls: [.init(name: "m.a", suite: "m", change: -0.40, moved: false)]))
    }
}
