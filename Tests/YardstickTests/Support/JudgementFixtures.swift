import Foundation
@testable import Yardstick

/// Results built from round medians, for tests of the judgement: each inner array is one
/// process's round medians (ns); every round holds one sample, so its percentiles all equal it.
enum JudgementFixtures {
    static func benchmark(
        _ name: String,
        processes: [[Double]],
        configuration: BenchmarkConfiguration = .init(),
        batchSize: Int = 1,
        failure: String? = nil
    ) -> BenchmarkResult {
        let rounds = processes.enumerated().flatMap { process, medians in
            medians.map { RoundRecord(RoundMeasurement(samples: [$0], iterations: 1, cpuNanoseconds: $0, process: process))! }
        }
        return BenchmarkResult(
            name: name,
            suite: String(name.prefix { $0 != "." }),
            configuration: configuration.resolved(),
            failure: failure.map { BenchmarkResult.Failure(kind: .body, message: $0) },
            batchSize: failure == nil ? batchSize : nil,
            rounds: failure == nil ? rounds : [],
            samples: failure == nil ? processes.flatMap { $0 } : [],
            sampleCap: 1_000
        )
    }

    static func run(_ benchmarks: [BenchmarkResult], environment: EnvironmentFingerprint = Fixtures.environment) -> RunResults {
        var results = Fixtures.results()
        results.environment = environment
        results.benchmarks = benchmarks
        results.processes = Set(benchmarks.flatMap { $0.rounds.map(\.process) }).count
        return results
    }

    /// Round medians of the arithmetic `spin` in shared/data/noise/aa.jsonl, processes 1-5 and
    /// 6, and ab.jsonl process 1 (code 10% slower).
    static let spinBaseline: [[Double]] = [
        [10242, 10507, 9845, 10239, 10507, 9881, 10614, 9845, 10222, 9840],
        [10080, 9789, 9794, 9792, 9801, 10459, 9785, 9765, 9800, 10122],
        [10108, 9817, 10054, 10071, 10057, 10480, 10393, 9764, 10039, 10043],
        [9793, 9801, 9790, 9795, 9793, 9853, 10092, 9774, 9802, 10089],
        [9842, 9997, 9845, 9826, 9835, 9899, 10439, 9843, 9854, 10160],
    ]
    static let spinUnchanged: [Double] = [9731, 10055, 10054, 9730, 9730, 10038, 9734, 9730, 9730, 9729]
    static let spinSlower: [Double] = [10787, 10787, 10788, 11148, 10803, 10787, 10792, 10785, 11145, 10791]

    /// Round medians of the memory-bound `dict` in aa.jsonl, processes 1-5, and process 11,
    /// which switched between ~10.9 and ~17.5 µs.
    static let dictionaryBaseline: [[Double]] = [
        [21246, 21806, 20355, 21953, 21329, 19941, 21720, 20166, 21240, 21843],
        [18778, 17772, 17212, 17453, 17310, 17330, 19453, 18831, 17677, 17282],
        [18164, 18682, 18672, 18798, 18708, 18041, 19429, 19428, 18254, 18479],
        [17525, 17765, 18048, 17792, 17153, 17200, 18789, 19280, 19123, 18283],
        [21242, 21011, 21289, 21217, 21091, 21130, 21720, 21594, 21040, 20963],
    ]
    static let dictionarySwitching: [Double] = [10951, 10878, 10931, 10950, 16327, 18355, 11371, 16676, 19850, 11320]
}
