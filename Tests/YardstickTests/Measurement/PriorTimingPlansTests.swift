import Foundation
import XCTest
@testable import Yardstick

final class PriorTimingPlansTests: XCTestCase {
    private func results(_ batchSizes: [(String, Int?)]) -> RunResults {
        JudgementFixtures.run(batchSizes.map { name, size in
            JudgementFixtures.benchmark(name, processes: [[100]], batchSize: size ?? 1, failure: size == nil ? "set-up threw" : nil)
        })
    }

    func testPlansAreTakenFromEveryBenchmarkThatRecordedOne() {
        let plans = PriorTimingPlans(results([("s.batched", 8), ("s.per-call", 1), ("s.failed", nil)]), rule: .reuse)
        XCTAssertEqual(plans, PriorTimingPlans(rule: .reuse, batchSizes: ["s.batched": 8, "s.per-call": 1]))
        XCTAssertEqual(plans.reused("s.batched"), 8)
        XCTAssertNil(plans.kept("s.batched"), "reused plans are not kept within a band")
        XCTAssertEqual(PriorTimingPlans(rule: .keepWithinBand, batchSizes: ["s.b": 8]).kept("s.b"), 8)
        XCTAssertNil(PriorTimingPlans(rule: .keepWithinBand, batchSizes: ["s.b": 8]).reused("s.b"))
    }

    func testTheFirstProcessDecidesForTheOnesAfterIt() {
        let first = PriorTimingPlans.after(results([("s.a", 8), ("s.b", 1), ("s.c", nil)]), given: nil)
        XCTAssertEqual(first, PriorTimingPlans(rule: .reuse, batchSizes: ["s.a": 8, "s.b": 1]))
        // A later process that chose otherwise (it could not take the plans) changes nothing;
        // it decides only what had no plan.
        let second = PriorTimingPlans.after(results([("s.a", 1), ("s.b", 30), ("s.c", 12)]), given: first)
        XCTAssertEqual(second, PriorTimingPlans(rule: .reuse, batchSizes: ["s.a": 8, "s.b": 1, "s.c": 12]))
    }

    func testAProcessThatKeptPlansWithinTheBandDecidesThem() {
        let previous = PriorTimingPlans(rule: .keepWithinBand, batchSizes: ["s.switched": 8, "s.kept": 1, "s.unselected": 4])
        let after = PriorTimingPlans.after(results([("s.switched", 1), ("s.kept", 1), ("s.new", 20)]), given: previous)
        XCTAssertEqual(after, PriorTimingPlans(rule: .reuse, batchSizes: ["s.switched": 1, "s.kept": 1, "s.unselected": 4, "s.new": 20]))
    }

    func testPlansRoundTripThroughTheirFile() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("plans/timing-plans.json")
        for plans in [
            PriorTimingPlans(rule: .reuse, batchSizes: ["cache.get": 55, "database.insert": 1]),
            PriorTimingPlans(rule: .keepWithinBand, batchSizes: [:]),
        ] {
            try plans.write(to: url)
            XCTAssertEqual(try PriorTimingPlans.load(from: url), plans)
        }
        XCTAssertEqual(try String(contentsOf: url, encoding: .utf8), #"{"batchSizes":{},"rule":"keep-within-band"}"#)
    }

    func testABrokenFileIsRefusedNamingIt() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("plans.json")
        func problem(_ text: String?) -> String? {
            if let text { try? Data(text.utf8).write(to: url) } else { try? FileManager.default.removeItem(at: url) }
            do {
                _ = try PriorTimingPlans.load(from: url)
                return nil
            } catch {
                return error.problem
            }
        }
        XCTAssertEqual(problem(nil), "cannot be read (no such file or directory)")
        XCTAssertEqual(problem("{"), #"is not a timing-plans file (expected {"rule": "reuse", "batchSizes": {NAME: N}})"#)
        XCTAssertEqual(problem(#"{"rule": "sometimes", "batchSizes": {}}"#), #"is not a timing-plans file (expected {"rule": "reuse", "batchSizes": {NAME: N}})"#)
        XCTAssertEqual(problem(#"{"rule": "reuse", "batchSizes": {"s.b": 0}}"#), "gives 's.b' a batch size of 0; it must be at least 1")
    }
}
