import Foundation
import XCTest
@testable import Yardstick

/// A merge of shards judges exactly as the unsharded run: same verdicts, same p-values, same
/// reports, byte for byte.
///
/// `Shards/baseline.json` and `Shards/current.json` are two recorded runs of the harness, cache
/// and validation suites on the development VM (`bench run --no-baseline -f
/// '^(harness|cache|validation)\.' --processes 3 --rounds 6 --sample-cap 16`), with every time
/// of `cache.get` in the current run multiplied by 3, so that the verdicts include a
/// regression beside noisy and unchanged ones.
final class ShardEquivalenceTests: XCTestCase {
    private func recorded(_ name: String) throws -> RunResults {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Shards/\(name).json")
        return try ResultsFile.load(from: url)
    }

    /// The current run cut into `count` shards the way `--shard` cuts it, each round-tripped
    /// through its file.
    private func shards(of run: RunResults, count: Int, durations baseline: RunResults) throws -> [ShardMerge.Part] {
        let suites = run.benchmarks.reduce(into: [(name: String, benchmarks: [String])]()) { suites, benchmark in
            if suites.last?.name == benchmark.suite {
                suites[suites.count - 1].benchmarks.append(benchmark.name)
            } else {
                suites.append((benchmark.suite, [benchmark.name]))
            }
        }
        let assignment = ShardAssignment(suites: suites, count: count, durations: baseline.recordedDurations)
        return try (1...count).map { index in
            let kept = Set(assignment.suites(of: Shard(index: index, count: count)!))
            var part = run
            part.benchmarks = run.benchmarks.filter { kept.contains($0.suite) }
            part.shard = ShardRecord(
                Shard(index: index, count: count)!, filters: [], selection: run.benchmarks.map(\.name), benchmarks: part.benchmarks.map(\.name)
            )
            let label = "shard-\(index)/results.json"
            return (label, try ResultsFile.decode(try ResultsFile.encode(part), from: URL(fileURLWithPath: label)))
        }
    }

    func testAMergeOfShardsJudgesAsTheUnshardedRun() throws {
        let baseline = try recorded("baseline")
        let current = try recorded("current")
        let direct = Judge().judge(current, against: baseline, baselineName: "recorded")
        XCTAssertEqual(direct.benchmarks.first { $0.name == "cache.get" }?.verdict, .regressed)
        XCTAssertGreaterThan(direct.count(.noisy), 0)
        for count in [2, 3, 5] {
            let parts = try shards(of: current, count: count, durations: baseline)
            XCTAssertEqual(parts.filter { !$0.results.benchmarks.isEmpty }.count, min(count, 3))
            let merged = try ShardMerge.merge(parts.reversed())
            let viaShards = Judge().judge(merged, against: baseline, baselineName: "recorded")
            XCTAssertEqual(viaShards.benchmarks.map(\.name), direct.benchmarks.map(\.name))
            for (one, other) in zip(direct.benchmarks, viaShards.benchmarks) {
                XCTAssertEqual(one.verdict, other.verdict, "\(one.name), \(count) shards")
                XCTAssertEqual(one.reasons, other.reasons, "\(one.name), \(count) shards")
                XCTAssertEqual(one.comparisons.count, other.comparisons.count)
                for (a, b) in zip(one.comparisons, other.comparisons) {
                    XCTAssertEqual(a.pValue, b.pValue, accuracy: 1e-12, "\(one.name)")
                    XCTAssertEqual(a.adjustedPValue, b.adjustedPValue, accuracy: 1e-12, "\(one.name)")
                    XCTAssertEqual(a.change.point, b.change.point, accuracy: 1e-12, "\(one.name)")
                }
            }
            XCTAssertEqual(viaShards.warnings, direct.warnings)
            XCTAssertEqual(viaShards.machineLevel, direct.machineLevel)
            try assertSameReports(current, merged, baseline: baseline, count: count)
        }
    }

    /// Every report of the merged run equals the unsharded run's, byte for byte.
    private func assertSameReports(_ current: RunResults, _ merged: RunResults, baseline: RunResults, count: Int) throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var written: [[String: Data]] = []
        for (name, run) in [("direct", current), ("merged", merged)] {
            let judgement = Judge().judge(run, against: baseline, baselineName: "recorded")
            let folder = directory.appendingPathComponent(name)
            let urls = try ReportWriter(directory: folder, stepSummary: nil).write(ReportInput(results: run, judgement: judgement, baseline: baseline))
            written.append(Dictionary(uniqueKeysWithValues: try urls.map { ($0.lastPathComponent, try Data(contentsOf: $0)) }))
        }
        XCTAssertEqual(written[0].keys.sorted(), ["junit.xml", "metrics.prom", "report.html", "report.md", "results.json"])
        for (file, data) in written[0] {
            XCTAssertEqual(data, written[1][file], "\(file) differs after merging \(count) shards")
        }
    }
}
