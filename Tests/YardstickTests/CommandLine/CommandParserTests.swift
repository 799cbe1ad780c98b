import XCTest
@testable import Yardstick

final class CommandParserTests: XCTestCase {
    private func error(_ arguments: [String]) -> String {
        do {
            let command = try CommandParser.parse(arguments)
            return "parsed: \(command)"
        } catch {
            return error.description
        }
    }

    func testNoArgumentsMeansRunWithDefaults() throws {
        XCTAssertEqual(try CommandParser.parse([]), .run(RunOptions()))
        XCTAssertEqual(try CommandParser.parse(["run"]), .run(RunOptions()))
    }

    func testRunOptionsInEveryAcceptedForm() throws {
        let command = try CommandParser.parse([
            "run", "--filter", "cache", "-f", "log\\..*", "--iterations=2_000", "--warmup", "0",
            "--rounds", "20", "--time-limit", "1.5s", "--output", "out", "-q", "--sample-cap", "50",
        ])
        var expected = RunOptions()
        expected.filters = ["cache", "log\\..*"]
        expected.overrides = BenchmarkConfiguration(warmupIterations: 0, iterations: 2_000, rounds: 20, timeLimit: .milliseconds(1_500))
        expected.outputDirectory = "out"
        expected.isQuiet = true
        expected.sampleCap = 50
        XCTAssertEqual(command, .run(expected))
    }

    func testOptionsWithoutSubcommandMeanRun() throws {
        guard case .run(let options) = try CommandParser.parse(["--rounds", "3"]) else { return XCTFail("not run") }
        XCTAssertEqual(options.overrides.rounds, 3)
    }

    func testHelpAndVersion() throws {
        XCTAssertEqual(try CommandParser.parse(["--help"]), .help(subcommand: nil))
        XCTAssertEqual(try CommandParser.parse(["-h"]), .help(subcommand: nil))
        XCTAssertEqual(try CommandParser.parse(["run", "--help"]), .help(subcommand: "run"))
        XCTAssertEqual(try CommandParser.parse(["list", "-h"]), .help(subcommand: "list"))
        XCTAssertEqual(try CommandParser.parse(["help", "list"]), .help(subcommand: "list"))
        XCTAssertEqual(try CommandParser.parse(["--version"]), .version)
    }

    func testList() throws {
        XCTAssertEqual(try CommandParser.parse(["list", "-f", "cache"]), .list(ListOptions(filters: ["cache"])))
    }

    func testErrorsNameTheProblemInOneLine() {
        XCTAssertEqual(error(["--iteratons", "5"]), "unknown option '--iteratons' for 'bench run' (did you mean '--iterations'?)")
        XCTAssertEqual(error(["--colour"]), "unknown option '--colour' for 'bench run'")
        XCTAssertEqual(error(["rn"]), "unknown subcommand 'rn' (did you mean 'run'?)")
        XCTAssertEqual(error(["bake"]), "unknown subcommand 'bake' (expected one of: run, list, help)")
        XCTAssertEqual(error(["--rounds"]), "--rounds needs a value (N)")
        XCTAssertEqual(error(["--filter", "--rounds", "3"]), "--filter needs a value (REGEX)")
        XCTAssertEqual(error(["--rounds", "0"]), "--rounds expects a whole number from 1 to 100000, got '0'")
        XCTAssertEqual(error(["--iterations", "1e3"]), "--iterations expects a whole number of at least 1, got '1e3'")
        XCTAssertEqual(error(["--warmup", "-1"]), "--warmup expects a whole number of at least 0, got '-1'")
        XCTAssertEqual(error(["--time-limit", "10"]), "--time-limit expects a positive duration such as 500ms, 30s or 2m, got '10'")
        XCTAssertEqual(error(["--rounds", "3", "--rounds", "4"]), "--rounds is given more than once")
        XCTAssertEqual(error(["--quiet=yes"]), "--quiet takes no value")
        XCTAssertEqual(error(["run", "extra"]), "unexpected argument 'extra' for 'bench run'")
        XCTAssertEqual(error(["list", "--rounds", "3"]), "unknown option '--rounds' for 'bench list'")
        XCTAssertEqual(error(["--version", "--quiet"]), "--version takes no other arguments")
        XCTAssertEqual(error(["--output", ""]), "--output needs a directory, got an empty string")
        XCTAssertEqual(error(["help", "bake"]), "unknown subcommand 'bake' (expected one of: run, list, help)")
    }

    func testDurationsWithUnits() {
        XCTAssertEqual(DurationParser.parse("250ms"), .milliseconds(250))
        XCTAssertEqual(DurationParser.parse("30s"), .seconds(30))
        XCTAssertEqual(DurationParser.parse("1.5s"), .milliseconds(1_500))
        XCTAssertEqual(DurationParser.parse("2m"), .seconds(120))
        XCTAssertEqual(DurationParser.parse("1h"), .seconds(3_600))
        XCTAssertEqual(DurationParser.parse("10us"), .microseconds(10))
        XCTAssertEqual(DurationParser.parse("10µs"), .microseconds(10))
        XCTAssertEqual(DurationParser.parse("500ns"), .nanoseconds(500))
        XCTAssertNil(DurationParser.parse("10"))
        XCTAssertNil(DurationParser.parse("fast"))
        XCTAssertNil(DurationParser.parse("-3s"))
    }

    func testEditDistance() {
        XCTAssertEqual(ArgumentParser.editDistance("kitten", "sitting"), 3)
        XCTAssertEqual(ArgumentParser.editDistance("", "abc"), 3)
        XCTAssertEqual(ArgumentParser.editDistance("same", "same"), 0)
    }
}
