import Foundation
import XCTest
@testable import Yardstick

/// The processes of a fan-out, stood in for: what each child is given, and what it returns.
final class ProcessFanOutTests: XCTestCase {
    /// Runs a fan-out of `processes` whose children answer with the batch sizes of `chosen`
    /// (one entry per process), and returns the plans each child was given, read back from its
    /// arguments as the child would read them.
    private func plansGiven(
        processes: Int,
        priorPlans: PriorTimingPlans?,
        chosen: [[(String, Int)]]
    ) async throws -> (given: [PriorTimingPlans?], merged: RunResults) {
        let given = Recorder<PriorTimingPlans?>()
        var fanOut = ProcessFanOut(options: MeasurementOptions(processes: processes), console: CapturedConsole().console(), priorPlans: priorPlans)
        fanOut.measureProcess = { child, output throws(MeasuringProcessError) in
            let index = given.values.count
            do {
                given.append(try ChildArguments.timingPlans(try child.prepareArguments(output: output)))
            } catch {
                throw .refused(executable: child.executable.path, reason: "\(error)")
            }
            return JudgementFixtures.run(chosen[index].map { name, size in
                JudgementFixtures.benchmark(name, processes: [[100]], batchSize: size)
            })
        }
        let merged = try await fanOut.run()
        return (given.values, merged)
    }

    func testEveryProcessAfterTheFirstReusesItsChoices() async throws {
        let (given, merged) = try await plansGiven(
            processes: 3,
            priorPlans: nil,
            chosen: [[("s.near", 8), ("s.slow", 1)], [("s.near", 1), ("s.slow", 1)], [("s.near", 8), ("s.slow", 1)]]
        )
        let first = PriorTimingPlans(rule: .reuse, batchSizes: ["s.near": 8, "s.slow": 1])
        XCTAssertEqual(given, [nil, first, first])
        XCTAssertEqual(merged.benchmark(named: "s.near")?.batchSize, 8)
    }

    func testTheFirstProcessStartsFromTheBaselinesPlansAndNewBenchmarksAreDecidedOnce() async throws {
        let baseline = PriorTimingPlans(rule: .reuse, batchSizes: ["s.near": 1])
        let (given, _) = try await plansGiven(
            processes: 3,
            priorPlans: baseline,
            chosen: [[("s.near", 1), ("s.new", 20)], [("s.near", 1), ("s.new", 30)], [("s.near", 1), ("s.new", 20)]]
        )
        let later = PriorTimingPlans(rule: .reuse, batchSizes: ["s.near": 1, "s.new": 20])
        XCTAssertEqual(given, [baseline, later, later])
    }

    func testABaselineUpdatesFirstProcessDecidesWithinTheBandForTheOthers() async throws {
        let previous = PriorTimingPlans(rule: .keepWithinBand, batchSizes: ["s.switched": 8])
        let (given, _) = try await plansGiven(
            processes: 2, priorPlans: previous, chosen: [[("s.switched", 1)], [("s.switched", 1)]]
        )
        XCTAssertEqual(given, [previous, PriorTimingPlans(rule: .reuse, batchSizes: ["s.switched": 1])])
    }
}
