import XCTest
@testable import Yardstick

final class BenchmarkResultTests: XCTestCase {
    func testStatisticsUseEverySampleAndRoundsKeepTheirMedians() throws {
        let result = Fixtures.results().benchmarks[0]
        let summary = try XCTUnwrap(result.summary)
        XCTAssertEqual(summary.count, 8)
        XCTAssertEqual(summary.percentiles.p50, 165)  // np.median([100..130, 200..230]) = (130 + 200) / 2
        XCTAssertEqual(result.roundMedians, [115, 215])
        XCTAssertEqual(result.rounds.map(\.cpuNanosecondsPerCall), [120, 220])
        XCTAssertEqual(result.cpuNanosecondsPerCall, 170, "median of the rounds' CPU time per call")
        XCTAssertEqual(result.batchSize, 1)
        XCTAssertFalse(result.isBatched)
        // 64 bytes per call at the median, 165 ns per call.
        XCTAssertEqual(try XCTUnwrap(result.throughput?.perSecond), 64 * 1e9 / 165, accuracy: 1e-6)
        XCTAssertEqual(result.throughput?.unit, "B")
        XCTAssertEqual(result.dispersion?.rounds, 2)
    }

    func testFailedBenchmarkKeepsItsReasonAndHasNoStatistics() {
        let result = Fixtures.results().benchmarks[1]
        XCTAssertEqual(result.failure, BenchmarkResult.Failure(kind: .setUp, message: "set-up threw: no input"))
        XCTAssertNil(result.summary)
        XCTAssertNil(result.dispersion)
        XCTAssertNil(result.batchSize)
        XCTAssertTrue(Fixtures.results().hasErrors)
    }

    /// People read a kind as its file name (`bench monitor` prints "time-limit: ..."), not as
    /// the Swift case name.
    func testAFailureKindReadsAsItsNameInText() {
        XCTAssertEqual("\(BenchmarkFailure.Kind.timeLimit)", "time-limit")
        XCTAssertEqual("\(BenchmarkFailure.Kind.suiteSetUp)", "suite-set-up")
    }

    func testMergingProcessesTagsRoundsAndPoolsSamples() {
        let first = JudgementFixtures.benchmark("s.b", processes: [[10, 11]])
        let second = JudgementFixtures.benchmark("s.b", processes: [[20, 21, 22]])
        let merged = BenchmarkResult.merging([(0, first), (1, second)], sampleCap: 100)
        XCTAssertEqual(merged.rounds.map(\.process), [0, 0, 1, 1, 1])
        XCTAssertEqual(merged.roundMedians, [10, 11, 20, 21, 22])
        XCTAssertEqual(merged.summary?.count, 5)
        XCTAssertEqual(merged.summary?.percentiles.p50, 20)
        XCTAssertNil(merged.failure)
    }

    func testMergingProcessesThatDisagreeOnTimingIsAnError() {
        let perCall = JudgementFixtures.benchmark("s.b", processes: [[900, 950]], batchSize: 1)
        let batched = JudgementFixtures.benchmark("s.b", processes: [[800, 820]], batchSize: 16)
        let merged = BenchmarkResult.merging([(0, perCall), (1, batched), (2, perCall)], sampleCap: 100)
        XCTAssertEqual(merged.failure?.kind, .timing)
        XCTAssertEqual(
            merged.failure?.message,
            "processes disagreed on its timing mode (one call at a time in 1, 3, in batches in 2): its calls take about "
                + "the batching threshold; pin `timing: .perCall` or `.batched`"
        )
    }

    func testSamplesAreThinnedEvenlyToTheCap() {
        let all = (0..<10).map(Double.init)
        let kept = RecordedSamples(all, cap: 4)
        XCTAssertEqual(kept.values, [0, 3, 6, 9], "every third sample: the smallest stride that fits 4")
        XCTAssertEqual(kept.total, 10)
        XCTAssertEqual(kept.cap, 4)
        XCTAssertEqual(RecordedSamples(all, cap: 10).values, all)
    }

    /// Samples were stored to five significant digits, so a summary recomputed from a file's own
    /// samples differed from the one it reported by up to 3.7e-5.
    func testStoredSamplesAndRoundsReproduceTheReportedStatisticsExactly() throws {
        let values: [Double] = (1...200).map { (index: Int) -> Double in
            let spread: Double = Double(index % 7) * 0.318_309_886_183_790_7
            return 1_000 + 1 / Double(index) + spread
        }
        let result = JudgementFixtures.benchmark("s.b", processes: [values])
        let data = try ResultsFile.encode(JudgementFixtures.run([result]))
        let decoded = try ResultsFile.decode(data, from: URL(fileURLWithPath: "results.json")).benchmarks[0]
        XCTAssertEqual(decoded.samples.values, values)
        let summary = try XCTUnwrap(decoded.summary)
        let recomputed = Percentiles(of: Sample(decoded.samples.values)!)
        XCTAssertEqual(summary.percentiles, recomputed)
        XCTAssertEqual(decoded.rounds.map { (round: RoundRecord) in round.median }, values)
    }
}
