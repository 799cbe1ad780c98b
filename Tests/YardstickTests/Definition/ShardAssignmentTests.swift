import XCTest
@testable import Yardstick

/// Shards get whole suites, longest first to the least loaded shard; the expected splits are
/// worked by hand in each test's comment.
final class ShardAssignmentTests: XCTestCase {
    private let suites: [(name: String, benchmarks: [String])] = [
        ("a", ["a.1", "a.2"]),
        ("b", ["b.1"]),
        ("c", ["c.1", "c.2", "c.3"]),
        ("d", ["d.1"]),
    ]

    /// Weights: a = 3 + 1 = 4, b = 5, c = 1 + 1 + 1 = 3, d = the median of the recorded six
    /// (1, 1, 1, 1, 3, 5) = 1. Dealt longest first: b → 1 (5, 0), a → 2 (5, 4), c → 2 (5, 7),
    /// d → 1 (6, 7).
    func testSuitesAreDealtLongestFirstToTheLeastLoadedShard() {
        let durations = ["a.1": 3.0, "a.2": 1, "b.1": 5, "c.1": 1, "c.2": 1, "c.3": 1]
        let assignment = ShardAssignment(suites: suites, count: 2, durations: durations)
        XCTAssertEqual(assignment.suitesByShard, [["b", "d"], ["a", "c"]])
        XCTAssertEqual(assignment.loads, [6, 7])
        XCTAssertTrue(assignment.isBalancedByDuration)
    }

    /// Without durations every benchmark weighs 1: c = 3 → 1 (3, 0), a = 2 → 2 (3, 2),
    /// b = 1 → 2 (3, 3), d = 1 → 1 on the tie (4, 3).
    func testWithoutDurationsShardsAreBalancedByCount() {
        let assignment = ShardAssignment(suites: suites, count: 2, durations: [:])
        XCTAssertEqual(assignment.suitesByShard, [["c", "d"], ["a", "b"]])
        XCTAssertEqual(assignment.loads, [4, 3])
        XCTAssertFalse(assignment.isBalancedByDuration)
    }

    func testDurationsThatAreNotPositiveCountAsUnrecorded() {
        let assignment = ShardAssignment(suites: suites, count: 2, durations: ["a.1": 0, "b.1": -1, "c.1": .nan, "d.1": .infinity])
        XCTAssertEqual(assignment.suitesByShard, [["c", "d"], ["a", "b"]])
        XCTAssertFalse(assignment.isBalancedByDuration)
    }

    func testEverySuiteIsInExactlyOneShardAndMoreShardsThanSuitesLeavesSomeEmpty() {
        for count in 1...6 {
            let assignment = ShardAssignment(suites: suites, count: count, durations: ["c.1": 2])
            XCTAssertEqual(assignment.suitesByShard.count, count)
            XCTAssertEqual(assignment.suitesByShard.flatMap { $0 }.sorted(), ["a", "b", "c", "d"], "\(count) shards")
        }
        let five = ShardAssignment(suites: suites, count: 5, durations: [:])
        XCTAssertEqual(five.suitesByShard.filter(\.isEmpty).count, 1)
    }

    func testAPlanIsShardedByWholeSuitesKeepingItsOrder() throws {
        let plan = try RunPlan(suites: [
            Suite("a") { Benchmark("1") { $0 }; Benchmark("2") { $0 } },
            Suite("b") { Benchmark("1") { $0 } },
            Suite("c") { Benchmark("1") { $0 }; Benchmark("2") { $0 }; Benchmark("3") { $0 } },
        ])
        let assignment = ShardAssignment(suites: plan.suitesWithBenchmarks, count: 2, durations: [:])
        let first = plan.restricted(toSuites: Set(assignment.suites(of: Shard(index: 1, count: 2)!)))
        let second = plan.restricted(toSuites: Set(assignment.suites(of: Shard(index: 2, count: 2)!)))
        XCTAssertEqual(first.entries.map(\.fullName), ["c.1", "c.2", "c.3"])
        XCTAssertEqual(second.entries.map(\.fullName), ["a.1", "a.2", "b.1"])
        XCTAssertEqual(second.suites.map(\.name), ["a", "b"])
        XCTAssertEqual(second.entries.map(\.suiteIndex), [0, 0, 1])
    }

    func testShardsParseFromIOverN() {
        XCTAssertEqual(Shard(parsing: "2/4"), Shard(index: 2, count: 4))
        XCTAssertEqual(Shard(parsing: "1/1")?.description, "1/1")
        for bad in ["0/4", "5/4", "2", "2/", "/4", "a/b", "2/4/1", "-1/4", "1/0"] {
            XCTAssertNil(Shard(parsing: bad), bad)
        }
    }
}
