import Foundation
import XCTest
@testable import Yardstick

/// The regression gate through the real executables: every exit code, every refusal, with the
/// exact line a CI log shows.
final class GateExitCodeTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = try temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    @discardableResult
    private func write(_ results: RunResults, _ name: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try ResultsFile.write(results, to: url)
        return url.path
    }

    // MARK: compare

    func testCompareExitsZeroWhenNothingRegressed() throws {
        let old = try write(fixtureRun(steadyMedians), "old.json")
        let new = try write(fixtureRun(steadyMedians.map { $0 + 1 }), "new.json")
        let result = try Executable.bench.run(["compare", old, new])
        XCTAssertEqual(result.status, 0, result.output + result.error)
        XCTAssertTrue(result.output.contains("\npass: 1 unchanged"), result.output)
    }

    func testCompareExitsOneOnARegression() throws {
        let old = try write(fixtureRun(steadyMedians), "old.json")
        let new = try write(fixtureRun(steadyMedians.map { $0 * 1.3 }), "new.json")
        let result = try Executable.bench.run(["compare", old, new])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.output.contains("\nFAIL (1): 1 regressed"), result.output)
    }

    func testMissingBenchmarkFailsUnlessAllowed() throws {
        let old = try write(fixtureRun(steadyMedians, name: "s.gone"), "old.json")
        let new = try write(fixtureRun(steadyMedians, name: "s.new"), "new.json")
        XCTAssertEqual(try Executable.bench.run(["compare", old, new]).status, 1)
        XCTAssertEqual(try Executable.bench.run(["compare", old, new, "--allow-missing"]).status, 0)
    }

    func testNoisyPassesUnlessStrict() throws {
        let old = try write(fixtureRun(steadyMedians + steadyMedians.map { $0 * 1.5 }), "old.json")
        let new = try write(fixtureRun(steadyMedians.map { $0 * 1.4 }), "new.json")
        let relaxed = try Executable.bench.run(["compare", old, new])
        XCTAssertEqual(relaxed.status, 0)
        XCTAssertTrue(relaxed.output.contains("noisy"), relaxed.output)
        XCTAssertEqual(try Executable.bench.run(["compare", old, new, "--strict"]).status, 1)
    }

    func testTruncatedBaselineIsOneLineAndExitCodeTwo() throws {
        let old = try write(fixtureRun(steadyMedians), "old.json")
        let text = try String(contentsOfFile: old, encoding: .utf8)
        try text.prefix(text.count / 2).write(toFile: old, atomically: true, encoding: .utf8)
        let new = try write(fixtureRun(steadyMedians), "new.json")
        let result = try Executable.bench.run(["compare", old, new])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.error, "bench: error: \(old): is not valid JSON (truncated or corrupted)\n")
    }

    func testWrongSchemaVersionAndNonJSONAreRefused() throws {
        let old = directory.appendingPathComponent("old.json").path
        let new = try write(fixtureRun(steadyMedians), "new.json")
        try "{\"schemaVersion\": 7}".write(toFile: old, atomically: true, encoding: .utf8)
        XCTAssertEqual(try Executable.bench.run(["compare", old, new]).error, "bench: error: \(old): has schema version 7; this bench reads version 1\n")
        try "not json at all".write(toFile: old, atomically: true, encoding: .utf8)
        XCTAssertEqual(try Executable.bench.run(["compare", old, new]).error, "bench: error: \(old): is not valid JSON (truncated or corrupted)\n")
    }

    func testForeignBaselineIsExitCodeTwoUnlessAccepted() throws {
        var laptop = fixtureEnvironment
        laptop.cpuModel = "Laptop CPU"
        let old = try write(fixtureRun(steadyMedians), "old.json")
        let new = try write(fixtureRun(steadyMedians.map { $0 * 1.3 }, environment: laptop), "new.json")
        let refused = try Executable.bench.run(["compare", old, new])
        XCTAssertEqual(refused.status, 2)
        XCTAssertEqual(
            lastLine(refused.error),
            "bench: error: \(old) was recorded in another environment (cpuModel: 'CI CPU' in the baseline, 'Laptop CPU' now); "
                + "judge anyway with --allow-foreign-baseline, skip it with --no-baseline, or record one here with 'bench baseline update'"
        )
        let accepted = try Executable.bench.run(["compare", old, new, "--allow-foreign-baseline"])
        XCTAssertEqual(accepted.status, 1, "judged, and it regressed")
    }

    // MARK: run

    func testRunAgainstAnUnreadableBaselineMeasuresNothingAndChangesNothing() throws {
        let baselines = directory.appendingPathComponent("baselines")
        try FileManager.default.createDirectory(at: baselines, withIntermediateDirectories: true)
        let broken = baselines.appendingPathComponent("default.json")
        try "{\"schemaVersion\": 1, \"tool\": ".write(to: broken, atomically: true, encoding: .utf8)
        let output = directory.appendingPathComponent("reports")
        let result = try Executable.fixtureBench.run(["-q", "-f", "quick", "--baselines", baselines.path, "--output", output.path])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(lastLine(result.error), "bench: error: \(broken.path): is not valid JSON (truncated or corrupted)")
        XCTAssertEqual(try String(contentsOf: broken, encoding: .utf8), "{\"schemaVersion\": 1, \"tool\": ")
        XCTAssertFalse(FileManager.default.fileExists(atPath: output.path), "nothing was measured")
    }

    func testRunWithAMissingNamedBaselineIsAnInputError() throws {
        let result = try Executable.fixtureBench.run(["-q", "-f", "quick", "--baseline", "nightly", "--baselines", directory.path])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(lastLine(result.error), "bench: error: no baseline named 'nightly': \(directory.path)/nightly.json does not exist")
    }

    func testRunAgainstAFasterBaselineExitsOneAndAgainstItselfZero() throws {
        let first = directory.appendingPathComponent("first")
        let measured = try Executable.fixtureBench.run(["-q", "-f", "steady", "--rounds", "10", "--no-baseline", "--output", first.path])
        XCTAssertEqual(measured.status, 0, measured.error)
        let run = try ResultsFile.load(from: first.appendingPathComponent("results.json"))
        let baselines = directory.appendingPathComponent("baselines")
        try ResultsFile.write(run, to: baselines.appendingPathComponent("same.json"))
        var faster = run
        faster.benchmarks = faster.benchmarks.map { benchmark in
            var benchmark = benchmark
            benchmark.rounds = benchmark.rounds.map { round in
                var round = round
                round.percentiles = Percentiles(of: Sample([round.median / 10])!)
                return round
            }
            return benchmark
        }
        try ResultsFile.write(faster, to: baselines.appendingPathComponent("faster.json"))

        let arguments = ["-q", "-f", "steady", "--rounds", "10", "--baselines", baselines.path, "--output", directory.appendingPathComponent("r").path]
        let regressed = try Executable.fixtureBench.run(arguments + ["--baseline", "faster", "--tolerance", "50%"])
        XCTAssertEqual(regressed.status, 1, regressed.output)
        XCTAssertTrue(regressed.output.contains("fixture.steady: regressed: p50: slower by"), regressed.output)
        let unchanged = try Executable.fixtureBench.run(arguments + ["--baseline", "same", "--tolerance", "50%"])
        XCTAssertEqual(unchanged.status, 0, unchanged.output)
        let judgement = try ResultsFile.loadJudged(from: directory.appendingPathComponent("r/results.json")).judgement
        XCTAssertEqual(judgement?.baseline?.name, "same")
    }

    // MARK: baseline update

    func testDebugBuildRefusesToUpdateABaselineBeforeMeasuring() throws {
        #if DEBUG
        let result = try Executable.fixtureBench.run(["baseline", "update", "-f", "quick", "--baselines", directory.path])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(
            lastLine(result.error),
            "bench: error: refusing to update baseline 'default' from a debug build: its timings are not comparable; use swift run -c release bench"
        )
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.appendingPathComponent("default.json").path))
        #endif
    }

    func testBaselineUpdateFromFilesAndEveryRefusal() throws {
        let baselines = directory.appendingPathComponent("baselines").path
        let both = try write(RunResults.merging([fixtureRun(steadyMedians, name: "s.a"), fixtureRun(steadyMedians, name: "s.b")]), "both.json")
        let first = try Executable.bench.run(["baseline", "update", "--from", both, "--baselines", baselines])
        XCTAssertEqual(first.status, 0, first.error)
        XCTAssertEqual(first.output, "baseline 'default' updated: \(baselines)/default.json, 2 benchmarks, 2 processes\nthis is the first baseline named 'default'\n")

        let onlyA = try write(fixtureRun(steadyMedians.map { $0 * 2 }, name: "s.a"), "a.json")
        let partial = try Executable.bench.run(["baseline", "update", "--from", onlyA, "--baselines", baselines])
        XCTAssertEqual(partial.status, 2)
        XCTAssertEqual(
            lastLine(partial.error),
            "bench: error: refusing to update baseline 'default': the run lacks 1 benchmark it has (s.b); pass --allow-partial to keep them from the current baseline"
        )
        let merged = try Executable.bench.run(["baseline", "update", "--from", onlyA, "--baselines", baselines, "--allow-partial"])
        XCTAssertEqual(merged.status, 0, merged.error)
        XCTAssertTrue(merged.output.contains("since the previous baseline:"), merged.output)

        let broken = try write(fixtureRun([], name: "s.a", failed: true), "broken.json")
        XCTAssertEqual(
            lastLine(try Executable.bench.run(["baseline", "update", "--from", broken, "--baselines", baselines]).error),
            "bench: error: refusing to update baseline 'default': 1 benchmark ended in errors (s.a)"
        )
        var debugEnvironment = fixtureEnvironment
        debugEnvironment.buildConfiguration = .debug
        let debug = try write(fixtureRun(steadyMedians, name: "s.a", environment: debugEnvironment), "debug.json")
        let refusedDebug = try Executable.bench.run(["baseline", "update", "--from", debug, "--baselines", baselines])
        XCTAssertEqual(refusedDebug.status, 2)
        let history = try String(contentsOfFile: "\(baselines)/history/default.jsonl", encoding: .utf8)
        XCTAssertEqual(history.split(separator: "\n").count, 2, "only the two accepted updates are in the history")
    }

    // MARK: processes

    func testProcessesAreMergedIntoOneRun() throws {
        let result = try Executable.fixtureBench.run(["-q", "-f", "quick", "--processes", "2", "--no-baseline", "--output", directory.path])
        XCTAssertEqual(result.status, 0, result.error)
        let run = try ResultsFile.load(from: directory.appendingPathComponent("results.json"))
        XCTAssertEqual(run.processes, 2)
        XCTAssertEqual(run.benchmarks[0].rounds.map(\.process), [0, 0, 1, 1])
    }

    func testAllowDebugKeepsTheMeasuringProcessesInTheDebugBuild() throws {
        #if DEBUG
        // No guard from the test runner: --allow-debug alone must keep parent and children here.
        let result = try Executable.fixtureBench.run(
            ["-f", "quick", "--processes", "2", "--no-baseline", "--allow-debug", "--output", directory.path],
            environment: ["YARDSTICK_NO_RELEASE_HANDOFF": ""]
        )
        XCTAssertEqual(result.status, 0, result.error)
        XCTAssertFalse(result.error.contains("building and running the release build"), result.error)
        XCTAssertTrue(result.error.contains("WARNING: this is a DEBUG build"), result.error)
        let run = try ResultsFile.load(from: directory.appendingPathComponent("results.json"))
        XCTAssertEqual(run.environment.buildConfiguration, .debug)
        #endif
    }

    func testCrashedMeasuringProcessIsExitCodeOne() throws {
        let result = try Executable.fixtureBench.run(["-q", "-f", "hang", "--processes", "2", "--no-baseline", "--output", directory.path])
        XCTAssertEqual(result.status, 1)
        let line = lastLine(result.error)
        XCTAssertTrue(line.hasPrefix("bench: error: process 1 of 2 ended with exit code 1 without writing results (its last words: "), line)
        XCTAssertTrue(line.hasSuffix("); nothing was written"), line)
        XCTAssertTrue(line.contains("fixture.hang"), line)
    }
}
