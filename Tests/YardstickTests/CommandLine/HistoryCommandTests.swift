import Foundation
import XCTest
@testable import Yardstick

final class HistoryCommandTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = try Fixtures.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    // MARK: Parsing

    func testParsesANameTheBaselinesDirectoryAndFilters() throws {
        XCTAssertEqual(try CommandParser.parse(["history"]), .history(HistoryOptions()))
        XCTAssertEqual(
            try CommandParser.parse(["history", "nightly", "--baselines", "b", "-f", "cache", "--filter", "db"]),
            .history(HistoryOptions(name: "nightly", baselinesDirectory: "b", filters: try FilterList(["cache", "db"])))
        )
        XCTAssertEqual(try CommandParser.parse(["history", "--help"]), .help(subcommand: "history"))
        XCTAssertTrue(HelpText.subcommand("history").contains("--filter"))
        XCTAssertTrue(HelpText.overview().contains("bench history [NAME]"))
    }

    func testRefusesTwoNamesAndAnUnknownFlag() {
        XCTAssertEqual(
            Result { try CommandParser.parse(["history", "a", "b"]) }.errorText,
            "'bench history' takes at most one baseline name, got 2: bench history [NAME]"
        )
        XCTAssertTrue(Result { try CommandParser.parse(["history", "--rounds", "3"]) }.errorText.contains("--rounds"))
    }

    // MARK: Output

    private func record(_ day: Int, commit: String?, _ benchmarks: [String: (p50: Double, processes: [Double])]) -> BaselineHistoryRecord {
        var results = JudgementFixtures.run([])
        results.finishedAt = Date(timeIntervalSince1970: 1_795_000_000 + Double(day) * 86_400)
        results.environment.gitCommit = commit
        var record = BaselineHistoryRecord(results)
        record.benchmarks = benchmarks.mapValues { .init(p50: $0.p50, p99: $0.p50 * 2, processMedians: $0.processes) }
        return record
    }

    private func writeHistory(_ records: [BaselineHistoryRecord], name: String = "default") throws {
        let url = BaselineStore(directory: directory).historyURL(for: name)
        for record in records { try BaselineHistory.append(record, to: url, limit: 100) }
    }

    private func run(_ arguments: [String]) async -> (code: ExitCode, output: String, error: String) {
        let console = CapturedConsole()
        let code = await BenchCommand.run(arguments: ["history", "--baselines", directory.path] + arguments, suites: [], console: console.console())
        return (code, console.output, console.error)
    }

    func testPrintsEachBenchmarksNightsWithChangesSpreadAndASparkline() async throws {
        try writeHistory([
            record(0, commit: "0123456789abcdef", ["cache.get": (100, [98, 100, 104]), "db.insert": (2_000, [2_000])]),
            record(1, commit: nil, ["cache.get": (110, [110, 111])]),
            record(2, commit: "fedcba9876543210", ["cache.get": (99, [90, 99, 108]), "db.insert": (1_900, [1_800, 2_000])]),
        ])
        let result = await run([])
        XCTAssertEqual(result.code, .success, result.error)
        let path = BaselineStore(directory: directory).historyURL(for: "default").relativePath
        XCTAssertEqual(result.output, """
            \(path): 3 updates, 2026-11-18 to 2026-11-20

            cache.get  p50 99.0 ns (-1.00% since 2026-11-18), range 99.0 ns to 110 ns  ▁█▁
              recorded              commit       p50  vs previous  vs first  process spread
              --------------------  -------  -------  -----------  --------  --------------
              2026-11-18 11:06 UTC  0123456   100 ns                                  6.00%
              2026-11-19 11:06 UTC  -         110 ns       +10.0%    +10.0%           0.90%
              2026-11-20 11:06 UTC  fedcba9  99.0 ns       -10.0%    -1.00%           18.2%

            db.insert  p50 1.90 µs (-5.00% since 2026-11-18), range 1.90 µs to 2.00 µs  █▁
              recorded              commit       p50  vs previous  vs first  process spread
              --------------------  -------  -------  -----------  --------  --------------
              2026-11-18 11:06 UTC  0123456  2.00 µs
              2026-11-20 11:06 UTC  fedcba9  1.90 µs       -5.00%    -5.00%           10.5%

            """)
        let filtered = await run(["-f", "^db\\."])
        XCTAssertFalse(filtered.output.contains("cache.get"))
        XCTAssertTrue(filtered.output.contains("db.insert  p50 1.90 µs"))
    }

    func testTheSparklineSpansTheSmallestToTheLargestValue() {
        XCTAssertEqual(HistoryCommand.sparkline([1, 2, 3, 4, 5, 6, 7, 8]), "▁▂▃▄▅▆▇█")
        XCTAssertEqual(HistoryCommand.sparkline([5, 5]), "▄▄")
    }

    // MARK: Errors

    func testAMissingHistoryFileIsAnInputErrorNamingIt() async {
        let result = await run(["nightly"])
        XCTAssertEqual(result.code, .usageError)
        let path = BaselineStore(directory: directory).historyURL(for: "nightly").relativePath
        XCTAssertEqual(result.error, "bench: error: \(path): no such history file ('bench baseline update' writes one per baseline)\n")
        XCTAssertEqual(result.output, "")
    }

    func testAFilterMatchingNothingIsAUsageErrorNamingTheFile() async throws {
        try writeHistory([record(0, commit: nil, ["cache.get": (100, [100])])])
        let result = await run(["-f", "nothing"])
        XCTAssertEqual(result.code, .usageError)
        let path = BaselineStore(directory: directory).historyURL(for: "default").relativePath
        XCTAssertEqual(result.error, "bench: error: no benchmark in \(path) matches --filter 'nothing'\n")
    }

    func testAnUnreadableHistoryABadFilterAndABadNameAreErrors() async throws {
        let url = BaselineStore(directory: directory).historyURL(for: "default")
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("not json\n".utf8).write(to: url)
        let unreadable = await run([])
        XCTAssertEqual(unreadable.code, .usageError)
        XCTAssertEqual(unreadable.error, "bench: error: \(url.relativePath): holds no readable history record\n")
        let badFilter = await run(["-f", "("])
        XCTAssertEqual(badFilter.code, .usageError)
        XCTAssertTrue(badFilter.error.hasPrefix("bench: error: --filter: invalid filter '('"), badFilter.error)
        let badName = await run([".hidden"])
        XCTAssertEqual(badName.code, .usageError)
        XCTAssertTrue(badName.error.contains("invalid baseline name '.hidden'"), badName.error)
    }
}

private extension Result where Failure == any Error {
    var errorText: String {
        switch self {
        case .success(let value): "parsed: \(value)"
        case .failure(let error): String(describing: error)
        }
    }
}
