import Dispatch
import XCTest
@testable import Yardstick

/// Counts taken by the interposed allocator, through the runner's counting pass. Counts are
/// exact, so every figure here is asserted exactly, and none depends on the machine's speed.
final class AllocationCountingTests: XCTestCase {
    /// One Swift object: a 16-byte header and one `Int`, 24 bytes asked of malloc.
    private final class Box: @unchecked Sendable {
        var value: Int
        init(_ value: Int) { self.value = value }
    }

    private func counts(
        _ benchmark: Benchmark,
        configuration: BenchmarkConfiguration = .init()
    ) async throws -> AllocationCounts {
        let suite = Suite("counting", configuration: BenchmarkConfiguration(warmupIterations: 10, iterations: 1_000, rounds: 1, timing: .perCall).overridden(by: configuration)) {
            benchmark
        }
        let runner = Runner(
            wallClock: MonotonicClock(), cpuClock: ProcessCPUClock(),
            clockCalibration: ClockCalibration(overheadNanoseconds: 0)
        )
        // Counts cover every thread of the process, and the test runner's own threads may
        // allocate or free during a pass (11 extra allocations seen once in 1,000 calls, and 4
        // extra frees once, likely a finished test's thread exiting); they only ever add, so
        // the pass with the fewest allocations and frees together is the body's own count.
        var passes: [AllocationCounts] = []
        for _ in 0..<3 {
            let result = await runner.run(try RunPlan(suites: [suite])).benchmarks[0]
            XCTAssertNil(result.failure)
            passes.append(try XCTUnwrap(result.counts, "not counted"))
        }
        return passes.min {
            ($0.allocations + $0.frees, $0.allocatedBytes + $0.freedBytes) < ($1.allocations + $1.frees, $1.allocatedBytes + $1.freedBytes)
        }!
    }

    func testCountingIsActiveInThisProcess() {
        XCTAssertTrue(AllocationCounter.isAvailable, "the test executable's malloc is not the interposed one")
    }

    func testAnEmptyBodyAllocatesNothing() async throws {
        let counts = try await counts(Benchmark("empty") { _ in })
        XCTAssertEqual(counts.calls, 1_000)
        XCTAssertEqual(counts.allocations, 0)
        XCTAssertEqual(counts.frees, 0)
        XCTAssertEqual(counts.allocatedBytes, 0)
        XCTAssertEqual(counts.peakBytes, 0)
    }

    func testOneObjectPerCallIsExactlyOneAllocationOfItsUsableSize() async throws {
        let counts = try await counts(Benchmark("object") { index in Box(index) })
        XCTAssertEqual(counts.allocations, 1_000)
        XCTAssertEqual(counts.frees, 1_000)
        XCTAssertEqual(counts.value(of: .allocations), 1)
        // glibc's smallest chunk holds 24 usable bytes: exactly the 24 asked for.
        XCTAssertEqual(counts.value(of: .allocatedBytes), 24)
        XCTAssertEqual(counts.value(of: .netBytes), 0)
        XCTAssertEqual(counts.peakBytes, 24)
    }

    func testBatchedCallsAreDividedByTheCallsInTheBatch() async throws {
        let counts = try await counts(Benchmark("object") { index in Box(index) }, configuration: .init(timing: .batched(size: 10)))
        XCTAssertEqual(counts.value(of: .allocations), 1)
        XCTAssertEqual(counts.value(of: .allocatedBytes), 24)
    }

    func testArrayAppendsCountOneAllocationPerGrowthOfItsBuffer() async throws {
        let appends = 100
        // What the array really does, observed without the counter: every change of capacity
        // is a new buffer.
        var probe: [Int] = []
        var capacities = Set<Int>()
        for value in 0..<appends {
            probe.append(value)
            capacities.insert(probe.capacity)
        }
        let growths = capacities.count
        XCTAssertGreaterThan(growths, 1)
        let counts = try await counts(Benchmark("append") { index in
            var array: [Int] = []
            for value in 0..<appends { array.append(value &+ index) }
            return array.count
        })
        XCTAssertEqual(counts.value(of: .allocations), Double(growths))
        XCTAssertEqual(counts.value(of: .netBytes), 0)
    }

    func testSetUpAndTearDownAreNotCounted() async throws {
        let counts = try await counts(Benchmark(
            "fixture",
            setUp: { (0..<10_000).map { Box($0) } },
            tearDown: { boxes in blackHole(boxes.map(\.value)) }
        ) { boxes, index in boxes[index % boxes.count].value })
        XCTAssertEqual(counts.allocations, 0)
        XCTAssertEqual(counts.frees, 0)
        XCTAssertEqual(counts.peakBytes, 0)
    }

    func testWhatCallsLeaveBehindShowsAsNetBytesAndPeak() async throws {
        let counts = try await counts(Benchmark(
            "leak",
            setUp: { () -> [Box] in
                var kept: [Box] = []
                kept.reserveCapacity(100_000)
                return kept
            }
        ) { kept, index in kept.append(Box(index)) })
        XCTAssertEqual(counts.value(of: .allocations), 1)
        XCTAssertEqual(counts.frees, 0)
        XCTAssertEqual(counts.value(of: .netBytes), 24)
        XCTAssertEqual(counts.peakBytes, 24 * 1_000)
    }

    func testAllocationsOnOtherThreadsAreCountedAndThreadsMayComeAndGo() {
        let threads = 8
        let objects = 1_000
        AllocationCounter.start()
        let group = DispatchGroup()
        for _ in 0..<threads {
            group.enter()
            // New threads, each started and ended inside the window.
            Thread.detachNewThread {
                for index in 0..<objects { blackHole(Box(index)) }
                group.leave()
            }
        }
        group.wait()
        let counts = AllocationCounter.stop(calls: 1, process: 0)
        XCTAssertGreaterThanOrEqual(counts.allocations, threads * objects)
        XCTAssertGreaterThanOrEqual(counts.frees, threads * objects)
    }

    func testAWindowCountsOnlyWhatHappenedInsideIt() {
        let before = (0..<100).map { Box($0) }
        AllocationCounter.start()
        let inside = Box(1)
        blackHole(inside)
        let counts = AllocationCounter.stop(calls: 1, process: 0)
        XCTAssertEqual(counts.allocations, 1)
        XCTAssertEqual(counts.frees, 0)
        withExtendedLifetime(before) {}
        withExtendedLifetime(inside) {}
    }
}
