import Foundation
import XCTest
@testable import Yardstick

/// `--shard` and `bench merge` end to end, in-process on small suites: shards cover the
/// selection once, a merge judges as one run, and every refusal exits 2 with its one line.
final class ShardCommandTests: XCTestCase {
    private let suites = [
        Suite("alpha", configuration: .init(iterations: 50, rounds: 2)) {
            Benchmark("one") { index in index &+ 1 }
            Benchmark("two") { index in index &* 2 }
        },
        Suite("beta", configuration: .init(iterations: 50, rounds: 2)) {
            Benchmark("one") { index in index &- 1 }
        },
        Suite("gamma", configuration: .init(iterations: 50, rounds: 2)) {
            Benchmark("one") { index in index ^ 3 }
        },
    ]

    private func bench(_ arguments: [String], _ captured: CapturedConsole = CapturedConsole()) async -> ExitCode {
        await BenchCommand.run(arguments: arguments, suites: suites, console: captured.console())
    }

    /// Runs every shard of `count` into its own folder under `directory`.
    private func runShards(_ count: Int, in directory: URL, extra: [String] = []) async throws -> [URL] {
        var folders: [URL] = []
        for index in 1...count {
            let folder = directory.appendingPathComponent("shard-\(index)")
            let code = await bench(["-q", "--no-baseline", "--shard", "\(index)/\(count)", "--output", folder.path] + extra)
            XCTAssertEqual(code, .success)
            folders.append(folder)
        }
        return folders
    }

    func testShardsCoverTheSelectionOnceAndMergeIntoOneRun() async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let folders = try await runShards(3, in: directory)
        var measured: [String] = []
        for (index, folder) in folders.enumerated() {
            let results = try ResultsFile.load(from: folder.appendingPathComponent("results.json"))
            XCTAssertEqual(results.shard?.index, index + 1)
            XCTAssertEqual(results.shard?.count, 3)
            XCTAssertEqual(results.shard?.selection, ["alpha.one", "alpha.two", "beta.one", "gamma.one"])
            XCTAssertEqual(results.shard?.benchmarks, results.benchmarks.map(\.name))
            // Whole suites: a shard holds all of a suite's benchmarks or none.
            XCTAssertTrue(Set(results.benchmarks.map(\.suite)).allSatisfy { suite in
                results.benchmarks.filter { $0.suite == suite }.count == (suite == "alpha" ? 2 : 1)
            })
            measured += results.benchmarks.map(\.name)
        }
        XCTAssertEqual(measured.sorted(), ["alpha.one", "alpha.two", "beta.one", "gamma.one"])

        let merged = directory.appendingPathComponent("merged")
        let captured = CapturedConsole()
        let code = await bench(["merge"] + folders.map(\.path) + ["--no-baseline", "--output", merged.path], captured)
        XCTAssertEqual(code, .success, captured.error)
        let judged = try ResultsFile.loadJudged(from: merged.appendingPathComponent("results.json"))
        let (results, resultsJudgement) = (judged.results, judged.judgement)
        XCTAssertEqual(results.benchmarks.map(\.name), ["alpha.one", "alpha.two", "beta.one", "gamma.one"])
        XCTAssertNil(results.shard)
        XCTAssertNotNil(resultsJudgement)
        for report in ["report.md", "report.html", "junit.xml", "metrics.prom"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: merged.appendingPathComponent(report).path), report)
        }
        XCTAssertTrue(captured.output.contains("merged 3 shards into"), captured.output)
    }

    func testAShardOfABaselineUpdateWritesResultsAndLeavesTheBaselineAlone() async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let baselines = directory.appendingPathComponent("baselines")
        let output = directory.appendingPathComponent("shard")
        let captured = CapturedConsole()
        let code = await bench(
            ["baseline", "update", "-q", "--processes", "1", "--shard", "2/2", "--output", output.path, "--baselines", baselines.path],
            captured
        )
        guard BuildConfiguration.current == .release else {
            XCTAssertEqual(code, .usageError, "a debug build refuses to measure a baseline")
            return
        }
        XCTAssertEqual(code, .success, captured.error)
        XCTAssertEqual(try ResultsFile.load(from: output.appendingPathComponent("results.json")).shard?.index, 2)
        XCTAssertFalse(FileManager.default.fileExists(atPath: baselines.appendingPathComponent("default.json").path))
    }

    func testAShardIsNotBlessedAsABaseline() async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let folders = try await runShards(2, in: directory)
        let source = folders[0].appendingPathComponent("results.json").path
        let captured = CapturedConsole()
        let code = await bench(["baseline", "update", "--from", source, "--baselines", directory.appendingPathComponent("baselines").path], captured)
        XCTAssertEqual(code, .usageError)
        XCTAssertEqual(
            captured.error,
            "bench: error: \(source) is shard 1/2 of a run, not a whole run: join the shards with "
                + "'bench merge DIR... --no-baseline --output DIR' and bless DIR/results.json\n"
        )
    }

    /// A merged run is blessed like any run, and the baseline is written in its compact form.
    func testAMergedRunIsBlessedAsTheBaseline() async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let folders = try await runShards(2, in: directory, extra: ["-f", "alpha|gamma"])
        let merged = directory.appendingPathComponent("merged")
        _ = await bench(["merge"] + folders.map(\.path) + ["--no-baseline", "--output", merged.path])
        // Tests run in a debug build, whose results are never blessed: the file says release.
        let url = merged.appendingPathComponent("results.json")
        var results = try ResultsFile.load(from: url)
        results.environment.buildConfiguration = .release
        try ResultsFile.write(results, to: url)
        let baselines = directory.appendingPathComponent("baselines")
        let captured = CapturedConsole()
        let code = await bench(["baseline", "update", "--from", url.path, "--baselines", baselines.path], captured)
        XCTAssertEqual(code, .success, captured.error)
        let written = try String(contentsOf: baselines.appendingPathComponent("default.json"), encoding: .utf8)
        XCTAssertFalse(written.contains("\"values\""), "the committed form keeps no raw samples")
        let baseline = try ResultsFile.load(from: baselines.appendingPathComponent("default.json"))
        XCTAssertEqual(baseline.benchmarks.map(\.name), ["alpha.one", "alpha.two", "gamma.one"])
        XCTAssertNil(baseline.shard)
    }

    /// More shards than suites: the empty shard writes an empty file, and the merge takes it.
    func testAShardWithNoSuitesWritesAnEmptyShardThatMerges() async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let folders = try await runShards(4, in: directory)
        let empty = try folders.map { try ResultsFile.load(from: $0.appendingPathComponent("results.json")) }.filter { $0.benchmarks.isEmpty }
        XCTAssertEqual(empty.count, 1)
        XCTAssertEqual(empty.first?.shard?.benchmarks, [])
        let code = await bench(["merge"] + folders.map(\.path) + ["--no-baseline", "--output", directory.appendingPathComponent("merged").path])
        XCTAssertEqual(code, .success)
    }

    // MARK: Refusals: exit code 2 and one line naming what is wrong

    private func refusal(_ folders: [String], file: StaticString = #filePath, line: UInt = #line) async throws -> String {
        let output = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let captured = CapturedConsole()
        let code = await bench(["merge"] + folders + ["--no-baseline", "--output", output.path], captured)
        XCTAssertEqual(code, .usageError, captured.output, file: file, line: line)
        XCTAssertEqual(captured.error.filter { $0 == "\n" }.count, 1, captured.error, file: file, line: line)
        XCTAssertFalse(FileManager.default.fileExists(atPath: output.appendingPathComponent("results.json").path), file: file, line: line)
        return captured.error
    }

    func testMergeRefusesAMissingShard() async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let folders = try await runShards(3, in: directory)
        let error = try await refusal([folders[0].path, folders[2].path])
        XCTAssertEqual(error, "bench: error: shard 2/3 of 3 is missing; every shard is needed to judge the run\n")
    }

    func testMergeRefusesADuplicatedShard() async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let folders = try await runShards(2, in: directory)
        let copy = directory.appendingPathComponent("copy")
        try FileManager.default.copyItem(at: folders[0], to: copy)
        let error = try await refusal(folders.map(\.path) + [copy.path])
        XCTAssertEqual(
            error,
            "bench: error: shard 1/2 is given twice: \(folders[0].appendingPathComponent("results.json").relativePath) and "
                + "\(copy.appendingPathComponent("results.json").relativePath)\n"
        )
    }

    func testMergeRefusesShardsOfDifferentCounts() async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let halves = try await runShards(2, in: directory.appendingPathComponent("halves"))
        let thirds = try await runShards(3, in: directory.appendingPathComponent("thirds"))
        let error = try await refusal([halves[0].path, thirds[1].path, thirds[2].path])
        XCTAssertTrue(error.hasSuffix("is shard 2/3: shards of one run share the shard count\n"), error)
    }

    func testMergeRefusesShardsOfDifferentSelections() async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let all = try await runShards(2, in: directory.appendingPathComponent("all"))
        let some = try await runShards(2, in: directory.appendingPathComponent("some"), extra: ["-f", "^alpha|^beta"])
        let error = try await refusal([all[0].path, some[1].path])
        XCTAssertTrue(error.contains("are shards of different selections: --filter (none) and '^alpha|^beta'"), error)
    }

    func testMergeRefusesShardsOfDifferentCommits() async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let folders = try await runShards(2, in: directory)
        let url = folders[1].appendingPathComponent("results.json")
        var other = try ResultsFile.load(from: url)
        other.environment.gitCommit = "0123456789abcdef"
        try ResultsFile.write(other, to: url)
        let error = try await refusal(folders.map(\.path))
        XCTAssertTrue(error.contains("but \(url.relativePath) measured 0123456789: shards of one run measure one commit"), error)
    }

    func testMergeRefusesAResultsFileThatIsNotAShard() async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let whole = directory.appendingPathComponent("whole")
        _ = await bench(["-q", "--no-baseline", "--output", whole.path])
        let error = try await refusal([whole.path])
        XCTAssertEqual(
            error,
            "bench: error: \(whole.appendingPathComponent("results.json").relativePath) is not a shard's results: it was measured without --shard\n"
        )
    }

    func testMergeRefusesAFolderWithoutResults() async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let error = try await refusal([directory.path])
        XCTAssertEqual(
            error,
            "bench: error: \(directory.appendingPathComponent("results.json").relativePath): no such file; "
                + "is \(directory.path) a shard's output folder?\n"
        )
    }

    func testMergeRefusesShardsOfAbMixedWithShardsOfRun() async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let folders = try await runShards(2, in: directory)
        try FileManager.default.copyItem(
            at: folders[0].appendingPathComponent("results.json"), to: folders[0].appendingPathComponent(ABCommand.baseFileName)
        )
        let error = try await refusal(folders.map(\.path))
        XCTAssertTrue(error.hasSuffix("has no base.json: shards of one run are all of 'bench ab' or none\n"), error)
    }

    // MARK: Parsing

    func testShardIsParsedOnRunAbAndBaselineUpdate() throws {
        guard case .run(let run) = try CommandParser.parse(["--shard", "2/4"]) else { return XCTFail() }
        XCTAssertEqual(run.measurement.shard, Shard(index: 2, count: 4))
        guard case .ab(let ab) = try CommandParser.parse(["ab", "--base-ref", "main", "--shard", "1/3"]) else { return XCTFail() }
        XCTAssertEqual(ab.measurement.shard, Shard(index: 1, count: 3))
        guard case .updateBaseline(let update) = try CommandParser.parse(["baseline", "update", "--shard", "3/3", "--output", "s"]) else {
            return XCTFail()
        }
        XCTAssertEqual(update.measurement.shard, Shard(index: 3, count: 3))
        XCTAssertEqual(update.outputDirectory, "s")
        guard case .merge(let merge) = try CommandParser.parse(["merge", "a", "b", "--no-baseline", "--strict"]) else { return XCTFail() }
        XCTAssertEqual(merge.shardDirectories, ["a", "b"])
        XCTAssertEqual(merge.baseline, .none)
        XCTAssertTrue(merge.judgement.isStrict)
    }

    func testBadShardArgumentsAreUsageErrors() {
        let cases: [([String], String)] = [
            (["--shard", "5/4"], "--shard expects I/N with 1 <= I <= N, such as 2/4, got '5/4'"),
            (["baseline", "update", "--output", "x"], "--output is where a shard writes its results; without --shard the results become the baseline"),
            (["baseline", "update", "--from", "r.json", "--shard", "1/2"], "--shard has no effect with --from, which blesses a results file without measuring"),
            (["merge"], "'bench merge' takes the shards' output folders: bench merge shard-1 shard-2 ..."),
            (["merge", "a", "--baseline", "x", "--no-baseline"], "--baseline and --no-baseline exclude each other"),
        ]
        for (arguments, message) in cases {
            XCTAssertThrowsError(try CommandParser.parse(arguments), "\(arguments)") { error in
                XCTAssertEqual((error as? CommandLineError)?.description, message)
            }
        }
    }
}
