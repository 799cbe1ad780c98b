import XCTest
@testable import Yardstick

/// The runner on manual clocks: every clock read costs `readCost` ns and every call advances the
/// clock by what the body pretends to cost, so each figure can be predicted exactly.
final class RunnerTests: XCTestCase {
    private func run(
        _ suites: [Suite],
        clock: ManualClock,
        cpuClock: ManualClock = ManualClock(readCost: 300),
        overhead: Double? = nil,
        events: (RunEvent) -> Void = { _ in }
    ) async throws -> RunMeasurement {
        let runner = Runner(
            wallClock: clock,
            cpuClock: cpuClock,
            clockCalibration: overhead.map { ClockCalibration(overheadNanoseconds: $0) },
            // The counting pass is tested in AllocationCountingTests; here it would add calls.
            countsAllocations: false
        )
        return await runner.run(try RunPlan(suites: suites), events: events)
    }

    func testClockOverheadIsCalibratedAndSubtracted() async throws {
        let clock = ManualClock(readCost: 25)
        let suite = Suite("s", configuration: .init(iterations: 20, rounds: 2, timing: .perCall)) {
            Benchmark("fixed") { _ in clock.advance(by: 1_000) }
        }
        let measurement = try await run([suite], clock: clock)
        XCTAssertEqual(measurement.clockCalibration.overheadNanoseconds, 25)
        let result = measurement.benchmarks[0]
        XCTAssertNil(result.failure)
        XCTAssertEqual(result.rounds.count, 2)
        XCTAssertEqual(result.rounds.flatMap(\.samples), Array(repeating: 1_000, count: 40))
    }

    func testBatchedAndPerCallMeasurementsOfTheSameWorkAgree() async throws {
        let clock = ManualClock(readCost: 25)
        // Calls cost 100, 110, 120, 130, 140 ns in turn: mean and median 120 ns.
        let work: @Sendable (Int) -> Void = { index in clock.advance(by: 100 + UInt64(index % 5) * 10) }
        let suite = Suite("s", configuration: .init(warmupIterations: 0, iterations: 1_000, rounds: 3)) {
            Benchmark("per-call", configuration: .init(timing: .perCall)) { work($0) }
            Benchmark("batched", configuration: .init(timing: .batched(size: 50))) { work($0) }
            Benchmark("automatic") { work($0) }
        }
        let results = try await run([suite], clock: clock).benchmarks.map { BenchmarkResult($0) }
        let perCall = try XCTUnwrap(results[0].summary)
        let batched = try XCTUnwrap(results[1].summary)
        let automatic = try XCTUnwrap(results[2].summary)
        XCTAssertEqual(results[0].batchSize, 1)
        XCTAssertEqual(results[1].batchSize, 50)
        XCTAssertEqual(perCall.percentiles.p50, 120)
        XCTAssertEqual(perCall.min, 100)
        XCTAssertEqual(perCall.max, 140)
        // Batches of 50 hold ten whole cycles, so every batch mean is exactly 120 ns.
        XCTAssertEqual(batched.min, 120)
        XCTAssertEqual(batched.max, 120)
        // Automatic mode runs a batch-size trial, finds ~120 ns a call, and batches to the 10 µs target.
        let automaticBatch = try XCTUnwrap(results[2].batchSize)
        XCTAssertTrue((80...90).contains(automaticBatch), "batch size \(automaticBatch)")
        XCTAssertEqual(automatic.percentiles.p50, perCall.percentiles.p50, accuracy: 0.02 * 120)
    }

    func testRoundsAreInterleavedAcrossBenchmarks() async throws {
        let clock = ManualClock()
        let suites = [
            Suite("a", configuration: .init(iterations: 2, rounds: 3)) {
                Benchmark("x") { _ in clock.advance(by: 10) }
            },
            Suite("b", configuration: .init(iterations: 2, rounds: 1)) {
                Benchmark("y") { _ in clock.advance(by: 10) }
            },
        ]
        var order: [String] = []
        _ = try await run(suites, clock: clock, overhead: 0) { event in
            if case .measuring(let name, let round, _) = event { order.append("\(name)#\(round)") }
        }
        XCTAssertEqual(order, ["a.x#1", "b.y#1", "a.x#2", "a.x#3"])
    }

    func testCallIndicesIncreaseAcrossWarmupAndRounds() async throws {
        let clock = ManualClock()
        let indices = Recorder<Int>()
        let suite = Suite("s", configuration: .init(warmupIterations: 3, iterations: 5, rounds: 2, timing: .perCall)) {
            Benchmark("b") { index in
                indices.append(index)
                clock.advance(by: 10)
            }
        }
        let measurement = try await run([suite], clock: clock, overhead: 0)
        XCTAssertEqual(indices.values, Array(0..<16), "each round: 3 warmup calls, then 5 timed")
        XCTAssertEqual(measurement.benchmarks[0].rounds.map(\.iterations), [5, 5])
    }

    func testTheBatchSizeTrialTimesTheBodyAfterItsWarmup() async throws {
        let clock = ManualClock()
        // Cold for its first 100 calls (2 µs each, above the batching threshold), then 10 ns.
        let suite = Suite("s", configuration: .init(warmupIterations: 100, iterations: 1_000, rounds: 1)) {
            Benchmark("b") { index in clock.advance(by: index < 100 ? 2_000 : 10) }
        }
        let measurement = try await run([suite], clock: clock, overhead: 0)
        XCTAssertEqual(measurement.benchmarks[0].timing?.estimatedNanosecondsPerCall, 10)
        XCTAssertEqual(measurement.benchmarks[0].timing?.batchSize, 1_000, "10 µs of 10 ns calls, capped at the round")
    }

    private func timing(
        of suite: Suite,
        clock: ManualClock,
        priorPlans: PriorTimingPlans
    ) async throws -> [String: TimingPlan?] {
        let runner = Runner(
            wallClock: clock, cpuClock: ManualClock(), clockCalibration: .init(overheadNanoseconds: 0),
            countsAllocations: false, priorPlans: priorPlans
        )
        let measurement = await runner.run(try RunPlan(suites: [suite]))
        return Dictionary(uniqueKeysWithValues: measurement.benchmarks.map { ($0.name, $0.timing) })
    }

    func testReusedPlansAreTakenWithoutProbingAndAPinnedModeWins() async throws {
        let clock = ManualClock()
        // 700 ns a call: the batch-size trial alone would batch every one of them.
        let suite = Suite("s", configuration: .init(warmupIterations: 0, iterations: 100, rounds: 1)) {
            Benchmark("per-call-before") { _ in clock.advance(by: 700) }
            Benchmark("batched-before") { _ in clock.advance(by: 700) }
            Benchmark("pinned", configuration: .init(timing: .perCall)) { _ in clock.advance(by: 700) }
            Benchmark("new") { _ in clock.advance(by: 700) }
        }
        let plans = PriorTimingPlans(rule: .reuse, batchSizes: ["s.per-call-before": 1, "s.batched-before": 10, "s.pinned": 10])
        let timing = try await timing(of: suite, clock: clock, priorPlans: plans)
        XCTAssertEqual(timing["s.per-call-before"]??.batchSize, 1)
        XCTAssertNil(timing["s.per-call-before"]??.estimatedNanosecondsPerCall, "no batch-size trial")
        XCTAssertEqual(timing["s.batched-before"]??.batchSize, 10)
        XCTAssertEqual(timing["s.pinned"]??.batchSize, 1)
        XCTAssertEqual(timing["s.new"]??.batchSize, 15, "trial: 10 µs over 700 ns, evened for 100 calls")
        XCTAssertEqual(timing["s.new"]??.estimatedNanosecondsPerCall, 700)
    }

    func testPlansToKeepAreKeptInsideTheBandAndChosenByTrialBeyondIt() async throws {
        let clock = ManualClock()
        let suite = Suite("s", configuration: .init(warmupIterations: 0, iterations: 100, rounds: 1)) {
            Benchmark("inside") { _ in clock.advance(by: 700) }
            Benchmark("beyond") { _ in clock.advance(by: 400) }
        }
        let plans = PriorTimingPlans(rule: .keepWithinBand, batchSizes: ["s.inside": 1, "s.beyond": 1])
        let timing = try await timing(of: suite, clock: clock, priorPlans: plans)
        XCTAssertEqual(timing["s.inside"]??.batchSize, 1, "700 ns is above half the threshold: kept per call")
        XCTAssertEqual(timing["s.inside"]??.estimatedNanosecondsPerCall, 700)
        XCTAssertEqual(timing["s.beyond"]??.batchSize, 25, "400 ns is below it: batched afresh, 10 µs over 400 ns")
    }

    func testCPUTimeIsReadOncePerRoundLessTheReadsOwnCost() async throws {
        let clock = ManualClock()
        let cpuClock = ManualClock(readCost: 300)
        let suite = Suite("s", configuration: .init(iterations: 100, rounds: 2, timing: .perCall)) {
            Benchmark("b") { _ in
                clock.advance(by: 300)
                cpuClock.advance(by: 7)
            }
        }
        // Every CPU-clock read costs 300 ns: calibration measures it, and each round's figure is
        // its 100 calls of 7 ns, so the clock was read once at each end of the round only.
        let measurement = try await run([suite], clock: clock, cpuClock: cpuClock, overhead: nil)
        XCTAssertEqual(measurement.clockCalibration.cpuOverheadNanoseconds, 300)
        XCTAssertEqual(measurement.benchmarks[0].rounds.map(\.cpuNanoseconds), [700, 700])
    }

    func testRunnersOwnCPUTimePerWindowIsSubtracted() async throws {
        let clock = ManualClock()
        let cpuClock = ManualClock()
        let suite = Suite("s", configuration: .init(iterations: 100, rounds: 1, timing: .perCall)) {
            Benchmark("b") { _ in
                clock.advance(by: 1_000)
                cpuClock.advance(by: 900)
            }
        }
        let calibration = ClockCalibration(overheadNanoseconds: 0, cpuOverheadNanoseconds: 10, cpuPerWindowNanoseconds: 4)
        let runner = Runner(wallClock: clock, cpuClock: cpuClock, clockCalibration: calibration)
        let measurement = await runner.run(try RunPlan(suites: [suite]))
        // 100 calls of 900 ns, less one CPU read (10 ns) and 100 windows of runner work (4 ns).
        XCTAssertEqual(measurement.benchmarks[0].rounds.map(\.cpuNanoseconds), [90_000 - 10 - 400])
    }

    func testCalibrationOnClocksThatOnlyMoveWhenReadFindsNoRunnerCPU() async throws {
        let measurement = try await run(
            [Suite("s", configuration: .init(iterations: 1, rounds: 1)) { Benchmark("b") { _ in } }],
            clock: ManualClock(readCost: 20), cpuClock: ManualClock(readCost: 300), overhead: nil
        )
        XCTAssertEqual(measurement.clockCalibration.overheadNanoseconds, 20)
        XCTAssertEqual(measurement.clockCalibration.cpuOverheadNanoseconds, 300)
        XCTAssertEqual(measurement.clockCalibration.cpuPerWindowNanoseconds, 0)
    }

    func testSlowWarmupIsStoppedByTheTimeLimitNotLeftToTheWatchdog() async throws {
        let clock = ManualClock()
        let calls = Recorder<Int>()
        // Thirty 100 ms warmup calls against a 1 s limit: the warmup runs in per-call windows,
        // each checked, so the benchmark stops after the eleventh call of its first round.
        let suite = Suite("s", configuration: .init(warmupIterations: 30, iterations: 5, rounds: 2, timeLimit: .seconds(1), timing: .perCall)) {
            Benchmark("slow-warmup") { index in
                calls.append(index)
                clock.advance(by: 100_000_000)
            }
        }
        let measurement = try await run([suite], clock: clock, overhead: 0)
        XCTAssertEqual(measurement.benchmarks[0].failure, BenchmarkFailure(.timeLimit, "exceeded its time limit of 1.00 s after 0 of 2 rounds"))
        XCTAssertEqual(calls.values.count, 11)
    }

    func testBatchSizeTrialTakesTheFastestOfThreeWindows() async throws {
        let clock = ManualClock()
        // The first call is slow (a preemption); all others cost 500 ns. A single-window trial
        // would see 20 µs and time every call alone; three more windows find 500 ns and batch.
        let suite = Suite("s", configuration: .init(warmupIterations: 0, iterations: 1_000, rounds: 1)) {
            Benchmark("b") { index in clock.advance(by: index == 0 ? 20_000 : 500) }
        }
        let measurement = try await run([suite], clock: clock, overhead: 0)
        let timing = try XCTUnwrap(measurement.benchmarks[0].timing)
        XCTAssertEqual(timing.estimatedNanosecondsPerCall, 500)
        XCTAssertEqual(timing.batchSize, 20, "10 µs target over 500 ns calls")
    }

    func testCPUTimeOfARoundShorterThanAHundredCPUReadsIsNotRecorded() async throws {
        let clock = ManualClock()
        let cpuClock = ManualClock(readCost: 300)
        // Rounds of 100 calls: 299 ns a call is one nanosecond short of 100 reads of 300 ns.
        let suite = Suite("s", configuration: .init(iterations: 100, rounds: 1, timing: .perCall)) {
            Benchmark("short") { _ in clock.advance(by: 299) }
            Benchmark("long-enough") { _ in clock.advance(by: 300) }
        }
        let measurement = try await run([suite], clock: clock, cpuClock: cpuClock, overhead: nil)
        XCTAssertEqual(measurement.benchmarks[0].rounds.map(\.cpuNanoseconds), [nil])
        XCTAssertEqual(measurement.benchmarks[1].rounds.map(\.cpuNanoseconds), [0])
        XCTAssertNil(BenchmarkResult(measurement.benchmarks[0]).cpuNanosecondsPerCall)
    }

    func testThrowingBodyEndsOnlyItsBenchmark() async throws {
        let clock = ManualClock()
        let suite = Suite("s", configuration: .init(warmupIterations: 0, iterations: 10, rounds: 3, timing: .perCall)) {
            Benchmark("throws") { index in
                clock.advance(by: 10)
                if index == 15 { throw TestFailure("boom at 15") }
            }
            Benchmark("fine") { _ in clock.advance(by: 10) }
        }
        var failures: [String] = []
        let measurement = try await run([suite], clock: clock, overhead: 0) { event in
            if case .failed(let name, let failure) = event { failures.append("\(name): \(failure.message)") }
        }
        let failed = measurement.benchmarks[0]
        XCTAssertEqual(failed.failure, BenchmarkFailure(.body, "threw in round 2: boom at 15"))
        XCTAssertEqual(failed.rounds.count, 1)
        XCTAssertEqual(failures, ["s.throws: threw in round 2: boom at 15"])
        XCTAssertNil(measurement.benchmarks[1].failure)
        XCTAssertEqual(measurement.benchmarks[1].rounds.count, 3)
    }

    func testTimeLimitCountsOnlyTheBenchmarksOwnTime() async throws {
        let clock = ManualClock()
        let suite = Suite("s", configuration: .init(warmupIterations: 0, iterations: 10, rounds: 10, timing: .perCall)) {
            // 10 ms a round against a 35 ms limit: three rounds fit, the fourth does not.
            Benchmark("slow", configuration: .init(timeLimit: .milliseconds(35))) { _ in
                clock.advance(by: 1_000_000)
            }
            // 50 ms a round: its time must not count against the slow benchmark's limit.
            Benchmark("neighbour") { _ in clock.advance(by: 5_000_000) }
        }
        let measurement = try await run([suite], clock: clock, overhead: 0)
        let slow = measurement.benchmarks[0]
        XCTAssertEqual(slow.failure, BenchmarkFailure(.timeLimit, "exceeded its time limit of 35.0 ms after 3 of 10 rounds"))
        XCTAssertEqual(slow.rounds.count, 3)
        XCTAssertNil(measurement.benchmarks[1].failure)
        XCTAssertEqual(measurement.benchmarks[1].rounds.count, 10)
    }

    func testSetUpAndTearDownRunOnceAndFailuresAreReported() async throws {
        let clock = ManualClock()
        let calls = Recorder<String>()
        let suites = [
            Suite("ok", configuration: .init(iterations: 2, rounds: 2),
                  setUp: { calls.append("suite set-up") }, tearDown: { calls.append("suite tear-down") }) {
                Benchmark("fixture", setUp: { calls.append("set-up"); return 7 }, tearDown: { calls.append("tear-down \($0)") }) { fixture, _ in
                    fixture += 1
                    clock.advance(by: 10)
                }
                Benchmark("bad-set-up", setUp: { () throws -> Int in throw TestFailure("no database") }) { _, _ in }
                Benchmark("bad-tear-down", setUp: { 0 }, tearDown: { _ in throw TestFailure("still busy") }) { _, _ in }
            },
            Suite("broken", setUp: { throw TestFailure("no network") }) {
                Benchmark("a") { _ in }
                Benchmark("b") { _ in }
            },
        ]
        let measurement = try await run(suites, clock: clock, overhead: 0)
        let byName = Dictionary(uniqueKeysWithValues: measurement.benchmarks.map { ($0.name, $0) })
        XCTAssertNil(byName["ok.fixture"]?.failure)
        XCTAssertEqual(byName["ok.bad-set-up"]?.failure, BenchmarkFailure(.setUp, "set-up threw: no database"))
        XCTAssertEqual(byName["ok.bad-tear-down"]?.failure, BenchmarkFailure(.tearDown, "tear-down threw: still busy"))
        XCTAssertEqual(byName["ok.bad-tear-down"]?.rounds.count, 2, "its rounds completed before tear-down failed")
        XCTAssertEqual(byName["broken.a"]?.failure, BenchmarkFailure(.suiteSetUp, "suite 'broken' set-up threw: no network"))
        XCTAssertEqual(byName["broken.b"]?.failure?.kind, .suiteSetUp)
        // The fixture started at 7; warmup (1 call a round) and 2 timed calls a round, 2 rounds,
        // plus the batch-size trial's calls, all mutate it in place before tear-down sees it.
        let tearDowns = calls.values.filter { $0.hasPrefix("tear-down ") }
        XCTAssertEqual(tearDowns.count, 1)
        XCTAssertEqual(calls.values.first, "suite set-up")
        XCTAssertEqual(calls.values.last, "suite tear-down")
        XCTAssertEqual(calls.values.filter { $0 == "set-up" }.count, 1)
    }

    func testFixtureIsMutatedInPlaceAcrossRounds() async throws {
        let clock = ManualClock()
        let seen = Recorder<Int>()
        let suite = Suite("s", configuration: .init(warmupIterations: 0, iterations: 3, rounds: 2, timing: .perCall)) {
            Benchmark("count", setUp: { 100 }, tearDown: { seen.append($0) }) { counter, _ in
                counter += 1
                clock.advance(by: 10)
            }
        }
        _ = try await run([suite], clock: clock, overhead: 0)
        XCTAssertEqual(seen.values, [106])
    }

    func testAsynchronousBodiesAreMeasured() async throws {
        let clock = ManualClock(readCost: 25)
        let suite = Suite("s", configuration: .init(iterations: 50, rounds: 2, timing: .perCall)) {
            Benchmark("async") { _ async in
                await Task.yield()
                clock.advance(by: 2_000)
            }
            Benchmark("async-fixture", setUp: { 1 }) { value, _ async throws in
                await Task.yield()
                clock.advance(by: UInt64(3_000 * value))
            }
        }
        let measurement = try await run([suite], clock: clock)
        XCTAssertEqual(Set(measurement.benchmarks[0].rounds.flatMap(\.samples)), [2_000])
        XCTAssertEqual(Set(measurement.benchmarks[1].rounds.flatMap(\.samples)), [3_000])
    }

    func testProcessIndexIsRecordedInEveryRound() async throws {
        let clock = ManualClock()
        let suite = Suite("s", configuration: .init(iterations: 2, rounds: 2)) { Benchmark("b") { _ in clock.advance(by: 5) } }
        let runner = Runner(wallClock: clock, cpuClock: ManualClock(), clockCalibration: .init(overheadNanoseconds: 0), processIndex: 3)
        let measurement = await runner.run(try RunPlan(suites: [suite]))
        XCTAssertEqual(measurement.benchmarks[0].rounds.map(\.process), [3, 3])
    }
}
