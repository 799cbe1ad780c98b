import Foundation
import XCTest

/// `bench` and a fixture executable with misbehaving suites, run as real processes: exit codes
/// and messages as a CI job sees them.
final class BenchExecutableTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = try temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    func testHelpExitsZeroAndDocumentsExitCodes() throws {
        let result = try Executable.bench.run(["--help"])
        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.output.contains("EXIT CODES"))
        XCTAssertTrue(result.output.contains("--filter REGEX"))
    }

    func testVersion() throws {
        let result = try Executable.bench.run(["--version"])
        XCTAssertEqual(result.status, 0)
        XCTAssertEqual(result.output, "bench (Yardstick) 0.1.0\n")
    }

    /// The seed system's fixed ceilings: cache operations under 10 ms and validations under 5 ms,
    /// on average.
    func testListShowsTheReferenceSuitesCeilingsAsMeanBudgets() throws {
        let result = try Executable.bench.run(["list", "--filter", "^(cache|validation)\\."])
        XCTAssertEqual(result.status, 0, result.error)
        let rows = result.output.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true) }
        func budgets(_ name: String) -> String {
            guard let row = rows.first(where: { $0.first.map(String.init) == name }), let last = row.firstIndex(of: "automatic") ?? row.firstIndex(of: "batched") else {
                return "no row for \(name)"
            }
            return row[(last + 1)...].joined(separator: " ")
        }
        for name in ["cache.get", "cache.get.miss", "cache.set"] {
            XCTAssertTrue(budgets(name).hasSuffix("mean ≤ 10.0 ms"), "\(name): \(budgets(name))")
        }
        for name in ["validation.simple", "validation.complex", "validation.complex.invalid"] {
            XCTAssertTrue(budgets(name).hasSuffix("mean ≤ 5.00 ms"), "\(name): \(budgets(name))")
        }
        XCTAssertEqual(budgets("cache.reference.dictionary-get"), "", "a floor has no ceiling")
    }

    /// The probes the seed system's monitor had: cache memory and operations per second,
    /// rate-limiter allowed count and tracked keys, database slow queries, from the
    /// components' own accessors.
    func testTheSeedSystemsProbesReportTheComponentsOwnValues() throws {
        let dashboard = directory.appendingPathComponent("dashboard.json")
        let result = try Executable.bench.run([
            "monitor", "--allow-debug", "--no-baseline", "--count", "1", "--interval", "1s", "-q",
            "--dashboard", dashboard.path, "--metrics", directory.appendingPathComponent("monitor.prom").path,
            "-f", "^cache\\.(memory-bytes|operations-per-second)$", "-f", "^rate-limit\\.(allowed|tracked-keys)$",
            "-f", "^database\\.slow-queries$",
        ])
        XCTAssertEqual(result.status, 0, result.error)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: dashboard)) as? [String: Any])
        var latest: [String: Double] = [:]
        for metric in json["metrics"] as? [[String: Any]] ?? [] {
            if let name = metric["name"] as? String, let value = metric["latest"] as? Double { latest[name] = value }
        }
        XCTAssertEqual(latest["cache.memory-bytes"], 101_800, "the tables of 1,500 Int entries, reserved at creation")
        XCTAssertGreaterThan(latest["cache.operations-per-second"] ?? 0, 0)
        XCTAssertEqual(latest["rate-limit.allowed"], 448, "768 requests less the 320 a healthy limiter refuses")
        // Sampled in name order: the allowed probe's burst, then the tracked keys probe's, each of
        // 64 new clients, too soon after each other for any to have gone idle.
        XCTAssertEqual(latest["rate-limit.tracked-keys"], 128)
        let slow = try XCTUnwrap(latest["database.slow-queries"])
        XCTAssertTrue((0...64).contains(slow), "a count of the batch's 64 selects: \(slow)")
    }

    func testBadValueIsOneLineAndExitCodeTwo() throws {
        let result = try Executable.bench.run(["--rounds", "zero"])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.error, "bench: error: --rounds expects a whole number from 1 to 100000, got 'zero'\n")
        XCTAssertEqual(result.output, "")
    }

    func testFilterMatchingNothingIsAUsageError() throws {
        let result = try Executable.bench.run(["--filter", "no-such-benchmark", "--output", directory.path])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(lastLine(result.error), "bench: error: no benchmark matches --filter 'no-such-benchmark' ('bench list' shows the names)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.appendingPathComponent("results.json").path))
    }

    func testRunWritesResultsAndWarnsThatADebugBuildIsNotComparable() throws {
        let result = try Executable.bench.run([
            "-q", "--filter", "^harness\\.empty$", "--iterations", "1000", "--rounds", "2", "--output", directory.path,
        ])
        XCTAssertEqual(result.status, 0, result.error)
        #if DEBUG
        XCTAssertTrue(result.error.contains("WARNING: this is a DEBUG build"), result.error)
        #endif
        XCTAssertTrue(result.output.contains("harness.empty"))
        let data = try Data(contentsOf: directory.appendingPathComponent("results.json"))
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertEqual(json["schemaVersion"] as? Int, 1)
        let benchmarks = try XCTUnwrap(json["benchmarks"] as? [[String: Any]])
        XCTAssertEqual(benchmarks.map { $0["name"] as? String }, ["harness.empty"])
        XCTAssertEqual((benchmarks[0]["rounds"] as? [Any])?.count, 2)
    }

    func testThrowingBenchmarkIsAnErrorAndTheOthersStillRun() throws {
        let result = try Executable.fixtureBench.run(["-q", "-f", "quick", "-f", "throws", "--output", directory.path])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.output.contains("fixture.throws: error: threw in round 1: the fifth call failed"), result.output)
        let results = try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("results.json"))) as? [String: Any]
        let benchmarks = try XCTUnwrap(results?["benchmarks"] as? [[String: Any]])
        XCTAssertNil(benchmarks[0]["failure"], "fixture.quick completed")
        XCTAssertEqual((benchmarks[1]["failure"] as? [String: Any])?["kind"] as? String, "body")
    }

    func testBenchmarkPastItsTimeLimitIsAnError() throws {
        let result = try Executable.fixtureBench.run(["-q", "-f", "slow", "--output", directory.path])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.output.contains("fixture.slow: error: exceeded its time limit of 50.0 ms after 0 of 2 rounds"), result.output)
    }

    func testSlowTearDownAfterATimeoutHasItsOwnTimeLimit() throws {
        let result = try Executable.fixtureBench.run(["-q", "-f", "slow-tear-down", "-f", "quick", "--output", directory.path])
        XCTAssertEqual(result.status, 1)
        XCTAssertFalse(result.error.contains("did not return"), result.error)
        XCTAssertTrue(result.output.contains("fixture.slow-tear-down: error: exceeded its time limit of 1.00 s after 0 of 2 rounds"), result.output)
        XCTAssertTrue(FileManager.default.fileExists(atPath: directory.appendingPathComponent("results.json").path))
    }

    func testHungBenchmarkIsStoppedByTheWatchdogWithExitCodeOne() throws {
        let result = try Executable.fixtureBench.run(["-q", "-f", "hang", "--output", directory.path])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(
            lastLine(result.error),
            "bench: error: fixture.hang did not return from its round 1 within its time limit of 100 ms plus 1.00 s grace; "
                + "a call that never returns cannot be interrupted, so the run stops here (exit code 1)"
        )
    }

    func testUnwritableOutputIsAnInputErrorNamingThePath() throws {
        let blocker = directory.appendingPathComponent("file")
        XCTAssertTrue(FileManager.default.createFile(atPath: blocker.path, contents: Data()))
        let output = blocker.appendingPathComponent("reports")
        let result = try Executable.fixtureBench.run(["-q", "-f", "quick", "--output", output.path])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(
            lastLine(result.error).hasPrefix("bench: error: \(output.path)/results.json: cannot be written ("),
            result.error
        )
    }
}
