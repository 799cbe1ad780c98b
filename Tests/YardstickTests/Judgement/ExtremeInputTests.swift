import XCTest
@testable import Yardstick

/// Any results file the schema admits must give verdicts and reports, or a one-line error:
/// never a trap. An audit found that round medians of 1e308, or baseline rounds of 1e-310,
/// made the bootstrap's ratio overflow and `bench compare` die with SIGILL.
///
/// The files are random but seeded: values from a palette of extremes (zero, the smallest
/// subnormal, subnormals, ordinary times, huge and the largest finite), single rounds, ties
/// everywhere, several processes, extreme allocation counts. Each pair goes through what
/// `bench compare --output` does: encode, decode (with its consistency checks), judge, encode
/// the judged results, and write every report.
final class ExtremeInputTests: XCTestCase {
    private static let palette: [Double] = [
        0, .leastNonzeroMagnitude, Double(sign: .plus, exponent: -1_030, significand: 1), 1e-300, 1e-9, 0.5, 1, 1, 7, 1_000, 1_000, 10_000, 1e15, 1e300, 1e308,
        .greatestFiniteMagnitude,
    ]
    private static let countPalette: [Int] = [0, 1, 2, 1_000, 1 << 40, Int.max / 2, Int.max]

    /// 500 pairs: 1,000 files.
    func testAThousandFilesOfExtremeValuesNeverTrap() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var generator = SplitMix64(seed: "extreme inputs")
        var outcomes: [String: Int] = [:]
        for index in 0..<500 {
            let baseline = randomRun(using: &generator)
            let current = randomRun(using: &generator)
            let url = directory.appendingPathComponent("case.json")
            let decoded: (RunResults, RunResults)
            do {
                decoded = (
                    try ResultsFile.decode(try ResultsFile.encode(baseline), from: url),
                    try ResultsFile.decode(try ResultsFile.encode(current), from: url)
                )
            } catch let error as ResultsFileError {
                XCTAssertFalse(error.description.contains("\n"), "one line: \(error)")
                outcomes["refused", default: 0] += 1
                continue
            }
            var options = JudgementOptions()
            options.resamples = 200
            let judged = decoded.1
            let judgement = Judge(options: options).judge(judged, against: decoded.0, baselineName: "case \(index)")
            for benchmark in judgement.benchmarks { outcomes[benchmark.verdict.rawValue, default: 0] += 1 }
            XCTAssertNoThrow(try ResultsFile.encode(judged, judgement: judgement), "case \(index): every judged number must be finite")
            let reports = directory.appendingPathComponent("reports")
            // Every report of every fifth pair: rendering costs more than judging.
            if index % 5 == 0 {
                try ReportWriter(directory: reports, stepSummary: nil).write(ReportInput(results: judged, judgement: judgement, baseline: decoded.0))
            }
            _ = SummaryTable(judged).render()
            _ = VerdictTable(judgement).render()
        }
        // The palette must reach the verdicts, not only the loader's refusals.
        XCTAssertGreaterThan(outcomes["incomparable", default: 0], 25, "\(outcomes)")
        XCTAssertGreaterThan(outcomes["unchanged", default: 0] + outcomes["noisy", default: 0], 25, "\(outcomes)")
        XCTAssertGreaterThan(outcomes["regressed", default: 0] + outcomes["improved", default: 0], 5, "\(outcomes)")
    }

    private func randomRun(using generator: inout SplitMix64) -> RunResults {
        let processes = Int.random(in: 1...3, using: &generator)
        // Sometimes a benchmark is missing from one side.
        let names = Bool.random(using: &generator) ? ["s.a", "s.b", "t.c"] : ["s.a", "s.b"]
        let benchmarks = names.map { name in randomBenchmark(name, processes: processes, using: &generator) }
        var run = JudgementFixtures.run(benchmarks)
        run.processes = processes
        return run
    }

    private func randomBenchmark(_ name: String, processes: Int, using generator: inout SplitMix64) -> BenchmarkResult {
        // Ties everywhere: each benchmark draws from two or three palette values only.
        let values = (0..<Int.random(in: 1...3, using: &generator)).map { _ in Self.palette.randomElement(using: &generator)! }
        let rounds = (0..<processes).map { _ in
            (0..<Int.random(in: 1...5, using: &generator)).map { _ in values.randomElement(using: &generator)! }
        }
        var result = JudgementFixtures.benchmark(name, processes: rounds)
        if Bool.random(using: &generator) {
            result.counts = (0..<processes).map { process in
                AllocationCounts(
                    calls: max(1, count(using: &generator)), allocations: count(using: &generator), frees: count(using: &generator),
                    allocatedBytes: count(using: &generator), freedBytes: count(using: &generator), peakBytes: count(using: &generator),
                    process: process
                )
            }
        }
        return result
    }

    private func count(using generator: inout SplitMix64) -> Int {
        Self.countPalette.randomElement(using: &generator)!
    }
}
