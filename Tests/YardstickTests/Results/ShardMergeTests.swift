import Foundation
import XCTest
@testable import Yardstick

/// Merging refuses anything that is not every shard of one run exactly once, each with its own
/// one-line reason, and joins the shards of one run in selection order.
final class ShardMergeTests: XCTestCase {
    private let selection = ["a.1", "a.2", "b.1", "c.1"]

    /// Shard `index` of `count` holding `names`, measured on `commit` in `processes` processes.
    private func shard(
        _ index: Int, of count: Int, _ names: [String], commit: String = "abc123", processes: Int = 2,
        selection: [String]? = nil, filters: [String] = []
    ) -> RunResults {
        var environment = Fixtures.environment
        environment.gitCommit = commit
        var results = JudgementFixtures.run(
            names.map { JudgementFixtures.benchmark($0, processes: (0..<processes).map { Array(repeating: Double(10 + $0), count: 3) }) },
            environment: environment
        )
        results.processes = processes
        results.shard = ShardRecord(Shard(index: index, count: count)!, filters: filters, selection: selection ?? self.selection, benchmarks: names)
        return results
    }

    private func refusal(_ parts: [ShardMerge.Part], file: StaticString = #filePath, line: UInt = #line) -> String {
        do {
            _ = try ShardMerge.merge(parts)
            XCTFail("merged", file: file, line: line)
            return ""
        } catch {
            return error.description
        }
    }

    func testShardsOfOneRunMergeInSelectionOrder() throws {
        let merged = try ShardMerge.merge([
            ("s2", shard(2, of: 3, ["b.1"])),
            ("s1", shard(1, of: 3, ["c.1", "a.1", "a.2"].sorted { $0 > $1 })),
            ("s3", shard(3, of: 3, [])),
        ])
        XCTAssertEqual(merged.benchmarks.map(\.name), selection)
        XCTAssertNil(merged.shard)
        XCTAssertEqual(merged.processes, 2)
        XCTAssertEqual(merged.environment.gitCommit, "abc123")
    }

    func testAResultsFileWithoutAShardIsRefused() {
        var whole = shard(1, of: 2, ["a.1"])
        whole.shard = nil
        XCTAssertEqual(
            refusal([("s1", shard(1, of: 2, ["a.1", "a.2"])), ("whole.json", whole)]),
            "whole.json is not a shard's results: it was measured without --shard"
        )
    }

    func testShardsOfDifferentCountsAreRefused() {
        XCTAssertEqual(
            refusal([("s1", shard(1, of: 2, ["a.1", "a.2"])), ("s2", shard(2, of: 3, ["b.1", "c.1"]))]),
            "s1 is shard 1/2 but s2 is shard 2/3: shards of one run share the shard count"
        )
    }

    func testShardsOfDifferentSelectionsAreRefused() {
        XCTAssertEqual(
            refusal([("s1", shard(1, of: 2, ["a.1", "a.2"])), ("s2", shard(2, of: 2, ["b.1"], selection: ["a.1", "a.2", "b.1"]))]),
            "s1 and s2 are shards of different selections: 'c.1' is selected in s1 only"
        )
        XCTAssertEqual(
            refusal([("s1", shard(1, of: 2, ["a.1", "a.2"])), ("s2", shard(2, of: 2, ["b.1", "c.1"], filters: ["^a"]))]),
            "s1 and s2 are shards of different selections: --filter (none) and '^a'"
        )
    }

    func testShardsOfDifferentCommitsAreRefused() {
        XCTAssertEqual(
            refusal([("s1", shard(1, of: 2, ["a.1", "a.2"])), ("s2", shard(2, of: 2, ["b.1", "c.1"], commit: "def4567890abcdef"))]),
            "s1 measured commit abc123 but s2 measured def4567890: shards of one run measure one commit"
        )
    }

    func testAnEmptyShardHasNoCommitToDisagreeWith() throws {
        let merged = try ShardMerge.merge([
            ("s1", shard(1, of: 3, ["a.1", "a.2", "c.1"])), ("s2", shard(2, of: 3, ["b.1"])), ("s3", shard(3, of: 3, [], commit: "other")),
        ])
        XCTAssertEqual(merged.benchmarks.count, 4)
    }

    func testShardsOfDifferentProcessCountsAreRefused() {
        XCTAssertEqual(
            refusal([("s1", shard(1, of: 2, ["a.1", "a.2"])), ("s2", shard(2, of: 2, ["b.1", "c.1"], processes: 3))]),
            "s1 was measured in 2 processes but s2 in 3: shards of one run use the same --processes"
        )
    }

    func testAShardGivenTwiceIsRefused() {
        XCTAssertEqual(
            refusal([("s1", shard(1, of: 2, ["a.1", "a.2"])), ("again", shard(1, of: 2, ["a.1", "a.2"]))]),
            "shard 1/2 is given twice: s1 and again"
        )
    }

    func testMissingShardsAreRefusedByNumber() {
        XCTAssertEqual(
            refusal([("s2", shard(2, of: 3, ["b.1"]))]),
            "shards 1/3, 3/3 of 3 are missing; every shard is needed to judge the run"
        )
        XCTAssertEqual(
            refusal([("s1", shard(1, of: 2, ["a.1", "a.2"]))]),
            "shard 2/2 of 2 is missing; every shard is needed to judge the run"
        )
    }

    func testShardsThatSplitTheSelectionDifferentlyAreRefused() {
        XCTAssertEqual(
            refusal([("s1", shard(1, of: 2, ["a.1", "a.2", "b.1"])), ("s2", shard(2, of: 2, ["b.1", "c.1"]))]),
            "'b.1' was measured by shard 1/2 (s1) and shard 2/2 (s2): the shards split the selection differently "
                + "(did they read different baselines?)"
        )
        XCTAssertEqual(
            refusal([("s1", shard(1, of: 2, ["a.1", "a.2"])), ("s2", shard(2, of: 2, ["c.1"]))]),
            "'b.1' of the selection is in no shard: the shards split the selection differently (did they read different baselines?)"
        )
    }

    func testNothingToMergeIsRefused() {
        XCTAssertEqual(refusal([]), "no shards to merge")
    }
}
