import Foundation
import XCTest
@testable import Yardstick

final class MeasuringProcessTests: XCTestCase {
    func testChildrenGetTheSameSelectionAndConfigurationAndKeepEverySample() {
        let filters = ["^cache\\.", "-leading-dash"]
        let overrides = BenchmarkConfiguration(warmupIterations: 0, iterations: 500, rounds: 4, timeLimit: .milliseconds(1_500))
        let child = MeasuringProcess(executable: URL(fileURLWithPath: "/bin/bench"), filters: filters, overrides: overrides)
        let arguments = child.arguments(output: URL(fileURLWithPath: "/tmp/p0"))
        XCTAssertEqual(arguments, [
            "run", "--no-baseline", "--quiet", "--output", "/tmp/p0", "--sample-cap", "2147483647",
            "--filter=^cache\\.", "--filter=-leading-dash",
            "--iterations", "500", "--warmup", "0", "--rounds", "4", "--time-limit", "1500000000ns",
        ])
        guard case .run(let parsed) = try? CommandParser.parse(arguments) else { return XCTFail("the child cannot parse its arguments") }
        XCTAssertEqual(parsed.measurement.filters.patterns, filters)
        XCTAssertEqual(parsed.measurement.overrides, overrides)
        XCTAssertEqual(parsed.measurement.processes, 1)
        XCTAssertEqual(parsed.baseline, BaselineChoice.none)
    }

    func testTimingPlansReachTheChildThroughAFileItsArgumentsName() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let plans = PriorTimingPlans(rule: .reuse, batchSizes: ["cache.get": 55, "database.insert": 1])
        let child = MeasuringProcess(executable: URL(fileURLWithPath: "/bin/bench"), filters: ["^cache\\."], priorPlans: plans)
        let output = folder.appendingPathComponent("0")
        let arguments = try child.prepareArguments(output: output)
        XCTAssertEqual(Array(arguments.suffix(2)), ["--timing-plans", output.appendingPathComponent("timing-plans.json").path])
        XCTAssertEqual(try ChildArguments.timingPlans(arguments), plans)
        XCTAssertFalse(
            MeasuringProcess(executable: URL(fileURLWithPath: "/bin/bench")).arguments(output: output).contains("--timing-plans"),
            "a child without plans runs batch-size trials, as before"
        )
    }

    /// An older bench executable refuses the option (exit code 2); this one shows its help.
    func testAnExecutableIsAskedWhetherItTakesTimingPlans() throws {
        XCTAssertEqual(try CommandParser.parse(["run", "--timing-plans", MeasuringProcess.timingPlansFileName, "--help"]), .help(subcommand: "run"))
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        func script(_ name: String, _ body: String) throws -> URL {
            let url = folder.appendingPathComponent(name)
            try Data("#!/bin/sh\n\(body)\n".utf8).write(to: url)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
            return url
        }
        let current = try script("current", #"[ "$1 $2 $4" = "run --timing-plans --help" ] && exit 0; exit 2"#)
        let older = try script("older", "echo \"bench: error: unknown option '--timing-plans' for 'bench run'\" >&2; exit 2")
        XCTAssertTrue(MeasuringProcess.acceptsTimingPlans(current))
        XCTAssertFalse(MeasuringProcess.acceptsTimingPlans(older))
        XCTAssertFalse(MeasuringProcess.acceptsTimingPlans(folder.appendingPathComponent("missing")))
    }
}
