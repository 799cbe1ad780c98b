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
        expected.measurement.filters = try FilterList(["cache", "log\\..*"])
        expected.measurement.overrides = BenchmarkConfiguration(warmupIterations: 0, iterations: 2_000, rounds: 20, timeLimit: .milliseconds(1_500))
        expected.outputDirectory = "out"
        expected.measurement.isQuiet = true
        expected.measurement.sampleCap = 50
        XCTAssertEqual(command, .run(expected))
    }

    func testABOptions() throws {
        let command = try CommandParser.parse([
            "ab", "--base-ref", "origin/main", "--processes", "16", "--seed", "42", "-f", "^cache\\.", "--rounds", "30",
            "--tolerance", "3%", "--output", "ab", "--package-path", "pkg", "-q",
        ])
        var expected = ABOptions(base: .revision("origin/main"))
        expected.measurement.processes = 16
        expected.measurement.filters = try FilterList(["^cache\\."])
        expected.measurement.overrides.rounds = 30
        expected.measurement.isQuiet = true
        expected.seed = 42
        expected.judgement.tolerance = .relative(0.03)
        expected.outputDirectory = "ab"
        expected.packagePath = "pkg"
        XCTAssertEqual(command, .ab(expected))
        guard case .ab(let defaults) = try CommandParser.parse(["ab", "--base-executable", "old/bench", "--head-executable", "new/bench"]) else {
            return XCTFail("not ab")
        }
        XCTAssertEqual(defaults.base, .executable("old/bench"))
        XCTAssertEqual(defaults.headExecutable, "new/bench")
        XCTAssertEqual(defaults.measurement.processes, ABOptions.defaultProcesses)
        XCTAssertNil(defaults.seed)
    }

    func testABNeedsExactlyOneBase() {
        XCTAssertEqual(error(["ab"]), "'bench ab' needs a base: --base-ref REV (such as origin/main) or --base-executable PATH")
        XCTAssertEqual(error(["ab", "--base-ref", "main", "--base-executable", "b"]), "--base-ref and --base-executable exclude each other")
        XCTAssertEqual(error(["ab", "--base-ref", "main", "--seed", "-1"]), "--seed expects a whole number from 0 to 18446744073709551615, got '-1'")
        XCTAssertEqual(error(["ab", "--base-ref", "main", "--allow-foreign-baseline"]), "unknown option '--allow-foreign-baseline' for 'bench ab'")
    }

    func testOptionsWithoutSubcommandMeanRun() throws {
        guard case .run(let options) = try CommandParser.parse(["--rounds", "3"]) else { return XCTFail("not run") }
        XCTAssertEqual(options.measurement.overrides.rounds, 3)
    }

    func testRunJudgementAndBaselineOptions() throws {
        let command = try CommandParser.parse([
            "--baseline", "nightly", "--baselines", "perf/baselines", "--tolerance", "8%", "--alpha", "0.001",
            "--strict", "--allow-missing", "--allow-foreign-baseline", "--processes", "3",
        ])
        var expected = RunOptions()
        expected.baseline = .named("nightly")
        expected.baselinesDirectory = "perf/baselines"
        expected.judgement = JudgementOptions(tolerance: .percent(8), alpha: 0.001, isStrict: true, allowsMissing: true, allowsForeignBaseline: true)
        expected.measurement.processes = 3
        XCTAssertEqual(command, .run(expected))
        guard case .run(let options) = try CommandParser.parse(["--no-baseline", "--tolerance", "2us"]) else { return XCTFail("not run") }
        XCTAssertEqual(options.baseline, BaselineChoice.none)
        XCTAssertEqual(options.judgement.tolerance, .absolute(.microseconds(2)))
    }

    func testBaselineUpdate() throws {
        var expected = BaselineUpdateOptions()
        XCTAssertEqual(expected.measurement.processes, 5, "baselines are recorded in five processes unless told otherwise")
        XCTAssertEqual(try CommandParser.parse(["baseline", "update"]), .updateBaseline(expected))
        expected.name = "nightly"
        expected.source = "reports/results.json"
        expected.allowsPartial = true
        expected.historyLimit = 30
        expected.baselinesDirectory = "b"
        XCTAssertEqual(
            try CommandParser.parse([
                "baseline", "update", "--name", "nightly", "--from", "reports/results.json", "--allow-partial",
                "--history-limit", "30", "--baselines", "b",
            ]),
            .updateBaseline(expected)
        )
    }

    func testAllowDebugIsAnOptionOfTheMeasuringCommandsOnly() throws {
        var run = RunOptions()
        run.measurement.allowsDebugBuild = true
        XCTAssertEqual(try CommandParser.parse(["--allow-debug"]), .run(run))
        var update = BaselineUpdateOptions()
        update.measurement.allowsDebugBuild = true
        XCTAssertEqual(try CommandParser.parse(["baseline", "update", "--allow-debug"]), .updateBaseline(update))
        var monitor = MonitorOptions()
        monitor.allowsDebugBuild = true
        XCTAssertEqual(try CommandParser.parse(["monitor", "--allow-debug"]), .monitor(monitor))
        XCTAssertEqual(error(["list", "--allow-debug"]), "unknown option '--allow-debug' for 'bench list'")
        XCTAssertTrue(HelpText.subcommand("run").contains("--allow-debug"))
    }

    func testCompare() throws {
        XCTAssertEqual(
            try CommandParser.parse(["compare", "old.json", "new.json", "--strict"]),
            .compare(CompareOptions(baselinePath: "old.json", currentPath: "new.json", judgement: JudgementOptions(isStrict: true)))
        )
    }

    func testCompareTakesAnOutputDirectoryAndEveryJudgingFlagOfRun() throws {
        let judging = [
            "--tolerance", "8%", "--alpha", "0.05", "--strict", "--allow-missing", "--allow-foreign-baseline", "--allow-incomparable",
        ]
        let expected = JudgementOptions(
            tolerance: .relative(0.08), alpha: 0.05, isStrict: true, allowsMissing: true, allowsForeignBaseline: true, allowsIncomparable: true
        )
        XCTAssertEqual(
            try CommandParser.parse(["compare", "old.json", "new.json", "--output", "out"] + judging),
            .compare(CompareOptions(baselinePath: "old.json", currentPath: "new.json", outputDirectory: "out", judgement: expected))
        )
        guard case .run(let run) = try CommandParser.parse(["run"] + judging) else { return XCTFail("not a run") }
        XCTAssertEqual(run.judgement, expected, "compare and run read the judging flags alike")
        let judgingNames = Set(CommandParser.judgementOptions.map(\.name))
        XCTAssertTrue(judgingNames.isSubset(of: CommandParser.compareOptions.map(\.name)))
    }

    func testCompareRejectsBadJudgingValuesAsRunDoes() {
        XCTAssertEqual(error(["compare", "a.json", "b.json", "--tolerance", "fast"]), error(["--tolerance", "fast"]))
        XCTAssertEqual(
            error(["compare", "a.json", "b.json", "--tolerance", "fast"]),
            "--tolerance expects a percentage such as 8% or a duration such as 2us, got 'fast'"
        )
        XCTAssertEqual(error(["compare", "a.json", "b.json", "--alpha", "0"]), "--alpha expects a number between 0 and 1 such as 0.01, got '0'")
        XCTAssertEqual(error(["compare", "a.json", "b.json", "--output", ""]), "--output needs a directory, got an empty string")
        XCTAssertEqual(error(["compare", "a.json", "b.json", "--output"]), "--output needs a value (DIR)")
        XCTAssertEqual(error(["compare", "a.json", "b.json", "--strict=yes"]), "--strict takes no value")
    }

    func testReport() throws {
        XCTAssertEqual(try CommandParser.parse(["report", "--from", "r.json"]), .report(ReportOptions(source: "r.json")))
        XCTAssertEqual(
            try CommandParser.parse(["report", "--from", "r.json", "--format", "md, junit,md", "--output", "out", "--baselines", "b"]),
            .report(ReportOptions(source: "r.json", formats: [.md, .junit], outputDirectory: "out", baselinesDirectory: "b"))
        )
        XCTAssertEqual(error(["report"]), "'bench report' needs --from FILE, the results file to render")
        XCTAssertEqual(error(["report", "--from", "r.json", "--format", "md,pdf"]), "--format: unknown report format 'pdf' (expected some of: json, md, junit, html, prom)")
    }

    func testHelpAndVersion() throws {
        XCTAssertEqual(try CommandParser.parse(["--help"]), .help(subcommand: nil))
        XCTAssertEqual(try CommandParser.parse(["-h"]), .help(subcommand: nil))
        XCTAssertEqual(try CommandParser.parse(["run", "--help"]), .help(subcommand: "run"))
        XCTAssertEqual(try CommandParser.parse(["list", "-h"]), .help(subcommand: "list"))
        XCTAssertEqual(try CommandParser.parse(["help", "list"]), .help(subcommand: "list"))
        XCTAssertEqual(try CommandParser.parse(["baseline", "update", "--help"]), .help(subcommand: "baseline"))
        XCTAssertEqual(try CommandParser.parse(["compare", "-h"]), .help(subcommand: "compare"))
        XCTAssertEqual(try CommandParser.parse(["--version"]), .version)
    }

    func testList() throws {
        XCTAssertEqual(try CommandParser.parse(["list", "-f", "cache"]), .list(ListOptions(filters: try FilterList(["cache"]))))
    }

    func testErrorsNameTheProblemInOneLine() {
        XCTAssertEqual(error(["--iteratons", "5"]), "unknown option '--iteratons' for 'bench run' (did you mean '--iterations'?)")
        XCTAssertEqual(error(["--colour"]), "unknown option '--colour' for 'bench run'")
        XCTAssertEqual(error(["rn"]), "unknown subcommand 'rn' (did you mean 'run'?)")
        XCTAssertEqual(error(["bake"]), "unknown subcommand 'bake' (expected one of: run, list, baseline, compare, ab, merge, report, monitor, history, help)")
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
        XCTAssertEqual(error(["help", "bake"]), "unknown subcommand 'bake' (expected one of: run, list, baseline, compare, ab, merge, report, monitor, history, help)")
        XCTAssertEqual(error(["--tolerance", "fast"]), "--tolerance expects a percentage such as 8% or a duration such as 2us, got 'fast'")
        XCTAssertEqual(error(["--alpha", "1.5"]), "--alpha expects a number between 0 and 1 such as 0.01, got '1.5'")
        XCTAssertEqual(error(["--baseline", "x", "--no-baseline"]), "--baseline and --no-baseline exclude each other")
        XCTAssertEqual(error(["--processes", "0"]), "--processes expects a whole number from 1 to 100, got '0'")
        XCTAssertEqual(error(["baseline"]), "'bench baseline' needs an action: update")
        XCTAssertEqual(error(["baseline", "bless"]), "unknown action 'bless' for 'bench baseline' (expected: update)")
        XCTAssertEqual(error(["baseline", "update", "--from", "r.json", "--rounds", "3"]), "--rounds has no effect with --from, which blesses a results file without measuring")
        XCTAssertEqual(error(["compare", "only-one.json"]), "'bench compare' takes two results files, the baseline first: bench compare OLD.json NEW.json")
        XCTAssertEqual(error(["compare", "a.json", "b.json", "--rounds", "3"]), "unknown option '--rounds' for 'bench compare'")
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

    func testTimingPlansAreAnInternalRunOptionLeftOutOfHelpAndSuggestions() throws {
        var expected = RunOptions()
        expected.timingPlansPath = "p/timing-plans.json"
        expected.baseline = .none
        XCTAssertEqual(try CommandParser.parse(["run", "--no-baseline", "--timing-plans", "p/timing-plans.json"]), .run(expected))
        XCTAssertFalse(HelpText.subcommand("run").contains("--timing-plans"))
        XCTAssertFalse(HelpText.overview().contains("--timing-plans"))
        XCTAssertEqual(error(["--timing-plan", "x"]), "unknown option '--timing-plan' for 'bench run'")
        XCTAssertEqual(error(["baseline", "update", "--timing-plans", "x"]), "unknown option '--timing-plans' for 'bench baseline update'")
        XCTAssertEqual(error(["run", "--timing-plans", ""]), "--timing-plans needs a file, got an empty string")
    }
}
