import Foundation
import XCTest
@testable import Yardstick

/// `--filter` patterns are compiled once, when the arguments are parsed: a bad one is a usage
/// error of every command that takes it, before anything runs, and what the commands select
/// and judge with is what was parsed.
final class FilterParsingTests: XCTestCase {
    private let suites = [
        Suite("alpha", configuration: .init(iterations: 10, rounds: 1)) {
            Benchmark("one") { index in index &+ 1 }
            Benchmark("two") { index in index &* 2 }
        },
        Suite("beta", configuration: .init(iterations: 10, rounds: 1)) {
            Benchmark("one") { index in index &- 1 }
        },
    ]

    private func parseError(_ arguments: [String]) -> String {
        do {
            return "parsed: \(try CommandParser.parse(arguments))"
        } catch {
            return error.description
        }
    }

    func testABadPatternIsAUsageErrorOfEveryCommandThatTakesFilters() {
        let commands: [[String]] = [
            ["run"], ["list"], ["history"], ["monitor"], ["baseline", "update"], ["ab", "--base-ref", "main"],
        ]
        for command in commands {
            let message = parseError(command + ["-f", "cache", "--filter", "cache.(get"])
            XCTAssertTrue(message.hasPrefix("--filter: invalid filter 'cache.(get': "), "\(command): \(message)")
            XCTAssertFalse(message.contains("\n"), "\(command): \(message)")
        }
    }

    func testABadPatternExitsTwoBeforeAnythingRuns() async {
        for command in [["run"], ["list"], ["monitor", "--count", "1"], ["history"]] {
            let captured = CapturedConsole()
            let code = await BenchCommand.run(arguments: command + ["-f", "("], suites: suites, console: captured.console())
            XCTAssertEqual(code, .usageError, "\(command)")
            XCTAssertTrue(captured.error.hasPrefix("bench: error: --filter: invalid filter '(': "), "\(command): \(captured.error)")
            XCTAssertEqual(captured.output, "", "\(command)")
        }
    }

    func testParsedFiltersKeepThePatternsAsWrittenAndMatchAsCompiled() throws {
        guard case .run(let options) = try CommandParser.parse(["-f", "^alpha\\.", "--filter=one$"]) else { return XCTFail("not run") }
        XCTAssertEqual(options.measurement.filters.patterns, ["^alpha\\.", "one$"])
        XCTAssertEqual(options.measurement.filters.filters.map(\.pattern), ["^alpha\\.", "one$"])
        let plan = try makePlan(suites: suites, filters: options.measurement.filters)
        XCTAssertEqual(plan.entries.map(\.fullName), ["alpha.one", "alpha.two", "beta.one"])
        guard case .monitor(let monitor) = try CommandParser.parse(["monitor", "-f", "two"]) else { return XCTFail("not monitor") }
        XCTAssertTrue(monitor.filters.matches("alpha.two"))
        XCTAssertFalse(monitor.filters.matches("beta.one"))
    }

    func testAnUnshardedJudgeSelectsWithExactlyTheParsedFilters() throws {
        guard case .run(let options) = try CommandParser.parse(["-f", "^alpha\\.", "-f", "beta"]) else { return XCTFail("not run") }
        let plan = try makePlan(suites: suites, filters: options.measurement.filters)
        let selection = ShardSelection(plan, shard: nil, filters: options.measurement.filters, baseline: nil)
        XCTAssertEqual(selection.judgingSelection(options.measurement.filters).map(\.pattern), ["^alpha\\.", "beta"])
        XCTAssertEqual(selection.processFilters(options.measurement.filters), options.measurement.filters)
    }

    func testAShardRecordsTheParsedPatternsAndJudgesWithItsOwnNames() throws {
        guard case .run(let options) = try CommandParser.parse(["-f", "^alpha\\.", "--shard", "1/1"]) else { return XCTFail("not run") }
        let plan = try makePlan(suites: suites, filters: options.measurement.filters)
        let selection = ShardSelection(plan, shard: options.measurement.shard, filters: options.measurement.filters, baseline: nil)
        XCTAssertEqual(selection.record?.filters, ["^alpha\\."])
        XCTAssertEqual(selection.judgingSelection(options.measurement.filters).map(\.pattern), ["^alpha\\.one$", "^alpha\\.two$"])
    }
}
