import Foundation
@testable import Yardstick

/// A judged run that exercises every part of every report: two suites; a regression, a noisy
/// benchmark, an unchanged one, an error, a new one, a missing one, one over budget; a
/// non-blocking environment difference; batched and per-call timing.
enum ReportFixtures {
    typealias F = JudgementFixtures

    static func input() -> ReportInput {
        let baseline = F.run([
            F.benchmark("codec.encode", processes: F.spinBaseline),
            F.benchmark("codec.decode", processes: F.dictionaryBaseline),
            F.benchmark("codec.validate", processes: F.spinBaseline, batchSize: 64),
            F.benchmark("codec.stream", processes: F.spinBaseline),
            F.benchmark("store.get", processes: [[100, 101, 102, 103, 104]]),
            F.benchmark("store.retired", processes: [[100, 101, 102]]),
        ])
        var current = F.run([
            F.benchmark("codec.encode", processes: [F.spinSlower]),
            F.benchmark("codec.decode", processes: [F.dictionarySwitching]),
            F.benchmark("codec.validate", processes: [F.spinUnchanged], batchSize: 64),
            F.benchmark("codec.stream", processes: [], failure: "threw in round 2: connection reset"),
            F.benchmark("store.get", processes: [[100, 101, 103, 102, 104, 100, 103]],
                        configuration: .init(budgets: [.wallTime(.p99, under: .nanoseconds(100))])),
            F.benchmark("store.put", processes: [[250, 260, 255]], configuration: .init(throughput: .bytes(4_096))),
        ])
        current.environment.kernel = "6.1.1"
        current.environment.gitCommit = "0123456789abcdef"
        current.startedAt = Date(timeIntervalSince1970: 1_800_003_600)
        current.finishedAt = Date(timeIntervalSince1970: 1_800_003_642.5)
        current.benchmarks = current.benchmarks.map { benchmark in
            var benchmark = benchmark
            benchmark.elapsedSeconds = 1.25
            return benchmark
        }
        current.judgement = Judge(options: JudgementOptions(resamples: 2_000)).judge(current, against: baseline, baselineName: "default")
        return ReportInput(results: current, baseline: baseline)
    }
}
