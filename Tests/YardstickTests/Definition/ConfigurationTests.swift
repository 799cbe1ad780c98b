import XCTest
@testable import Yardstick

final class ConfigurationTests: XCTestCase {
    func testDefaultsApplyWhenNothingIsSet() {
        let resolved = BenchmarkConfiguration().resolved()
        XCTAssertEqual(resolved.iterations, 1_000)
        XCTAssertEqual(resolved.warmupIterations, 100, "a tenth of the iterations")
        XCTAssertEqual(resolved.rounds, 20)
        XCTAssertEqual(resolved.timeLimit, .seconds(60))
        XCTAssertEqual(resolved.throughput, .operations(1))
        XCTAssertEqual(resolved.timing, .automatic)
        XCTAssertEqual(resolved.tags, [])
        XCTAssertFalse(resolved.isControl)
    }

    func testAControlIsMarkedByTheLastLayerThatSaysSo() {
        let suite = BenchmarkConfiguration(isControl: true)
        XCTAssertTrue(suite.overridden(by: BenchmarkConfiguration(iterations: 5)).resolved().isControl)
        XCTAssertFalse(suite.overridden(by: BenchmarkConfiguration(isControl: false)).resolved().isControl)
    }

    func testWarmupDefaultFollowsResolvedIterationsAndIsAtLeastOne() {
        XCTAssertEqual(BenchmarkConfiguration(iterations: 50_000).resolved().warmupIterations, 5_000)
        XCTAssertEqual(BenchmarkConfiguration(iterations: 5).resolved().warmupIterations, 1)
        XCTAssertEqual(BenchmarkConfiguration(warmupIterations: 0, iterations: 5).resolved().warmupIterations, 0)
    }

    func testCommandLineOverridesBenchmarkOverridesSuite() throws {
        let suite = Suite("s", configuration: .init(iterations: 100, rounds: 3, timeLimit: .seconds(5), tags: ["suite"])) {
            Benchmark("plain") { _ in }
            Benchmark("own", configuration: .init(iterations: 200, throughput: .bytes(64), tags: ["own"])) { _ in }
        }
        let plan = try RunPlan(suites: [suite], overrides: .init(rounds: 7))
        let plain = plan.entries[0].configuration
        let own = plan.entries[1].configuration
        XCTAssertEqual(plain.iterations, 100, "from the suite")
        XCTAssertEqual(own.iterations, 200, "the benchmark wins over the suite")
        XCTAssertEqual(plain.rounds, 7, "the command line wins over the suite")
        XCTAssertEqual(own.rounds, 7, "the command line wins over everything")
        XCTAssertEqual(own.timeLimit, .seconds(5), "unset fields fall through to the suite")
        XCTAssertEqual(own.throughput, .bytes(64))
        XCTAssertEqual(own.tags, ["own", "suite"], "tags are merged")
        XCTAssertEqual(plain.warmupIterations, 10, "derived from the resolved iterations")
    }

    func testCommandLineIterationsOverrideABenchmarkSetting() throws {
        let suite = Suite("s") {
            Benchmark("own", configuration: .init(iterations: 200)) { _ in }
        }
        let plan = try RunPlan(suites: [suite], overrides: .init(iterations: 3))
        XCTAssertEqual(plan.entries[0].configuration.iterations, 3)
    }

    func testFiltersSelectByFullNameAndDropEmptySuites() throws {
        let suites = [
            Suite("cache") {
                Benchmark("get") { _ in }
                Benchmark("set") { _ in }
            },
            Suite("log") { Benchmark("single") { _ in } },
        ]
        let plan = try RunPlan(suites: suites, filters: [NameFilter(#"cache\.g"#), NameFilter("^log")])
        XCTAssertEqual(plan.entries.map(\.fullName), ["cache.get", "log.single"])
        XCTAssertEqual(plan.suites.map(\.name), ["cache", "log"])

        let onlyLog = try RunPlan(suites: suites, filters: [NameFilter("single$")])
        XCTAssertEqual(onlyLog.suites.map(\.name), ["log"])
        XCTAssertEqual(onlyLog.entries[0].suiteIndex, 0)
    }

    func testInvalidFilterNamesThePattern() {
        XCTAssertThrowsError(try NameFilter("cache(")) { error in
            XCTAssertTrue(String(describing: error).hasPrefix("invalid filter 'cache(':"), "\(error)")
        }
    }

    func testDuplicateNamesAreRejected() {
        let suite = Suite("s") {
            Benchmark("a") { _ in }
            Benchmark("a") { _ in }
        }
        XCTAssertThrowsError(try RunPlan(suites: [suite])) { error in
            XCTAssertEqual(String(describing: error), "benchmark 's.a' is defined twice")
        }
    }

    func testNamesWithWhiteSpaceAreRejected() {
        let suite = Suite("s") { Benchmark("a b") { _ in } }
        XCTAssertThrowsError(try RunPlan(suites: [suite])) { error in
            XCTAssertEqual(String(describing: error), "the benchmark in suite 's' name 'a b' contains white space")
        }
    }

    func testInvalidConfigurationNamesTheBenchmark() {
        let suite = Suite("s") { Benchmark("a", configuration: .init(timing: .batched(size: 0))) { _ in } }
        XCTAssertThrowsError(try RunPlan(suites: [suite])) { error in
            XCTAssertEqual(String(describing: error), "benchmark 's.a': the batch size must be at least 1, got 0")
        }
    }

    func testTimeLimitsOverAWeekAreRefused() {
        let suite = Suite("s") { Benchmark("a", configuration: .init(timeLimit: .seconds(Int64.max))) { _ in } }
        XCTAssertThrowsError(try RunPlan(suites: [suite])) { error in
            XCTAssertEqual(
                String(describing: error),
                "benchmark 's.a': the time limit must be more than zero and at most a week, got 9223372037 s"
            )
        }
    }

    func testSuiteBuilderAcceptsLoopsConditionsAndArrays() {
        let sizes = [10, 100]
        let includeExtra = false
        let suite = Suite("s") {
            Benchmark("first") { _ in }
            for size in sizes {
                Benchmark("size.\(size)") { _ in size }
            }
            if includeExtra {
                Benchmark("extra") { _ in }
            } else {
                Benchmark("fallback") { _ in }
            }
            [Benchmark("x") { _ in }, Benchmark("y") { _ in }]
        }
        XCTAssertEqual(suite.benchmarks.map(\.name), ["first", "size.10", "size.100", "fallback", "x", "y"])
    }
}
