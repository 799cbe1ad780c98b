import Foundation
@testable import Yardstick

/// A judged run that exercises every part of every report: two suites; a regression, a noisy
/// benchmark, an unchanged one, an error, a new one, a missing one, one over budget; a
/// non-blocking environment difference; batched and per-call timing.
enum ReportFixtures {
    typealias F = JudgementFixtures

    static func input() -> ReportInput {
        var baseline = F.run([
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
                        configuration: .init(budgets: [.wallTime(.p99, under: .nanoseconds(100)), .mean(under: .microseconds(10))])),
            F.benchmark("store.put", processes: [[250, 260, 255]], configuration: .init(throughput: .bytes(4_096))),
        ])
        // Counts: codec.encode starts allocating (0 → 1 per call) as well as slowing down;
        // codec.validate and store.get count the same.
        baseline.benchmarks = baseline.benchmarks.map { counted($0, ["codec.encode": 0, "codec.validate": 2, "store.get": 36]) }
        current.benchmarks = current.benchmarks.map {
            counted($0, ["codec.encode": 1, "codec.validate": 2, "store.get": 36, "store.put": 2])
        }
        current.environment.kernel = "6.1.1"
        current.environment.gitCommit = "0123456789abcdef"
        current.startedAt = Date(timeIntervalSince1970: 1_800_003_600)
        current.finishedAt = Date(timeIntervalSince1970: 1_800_003_642.5)
        current.benchmarks = current.benchmarks.map { benchmark in
            var benchmark = benchmark
            benchmark.elapsedSeconds = 1.25
            return benchmark
        }
        let judgement = Judge(options: JudgementOptions(resamples: 2_000)).judge(current, against: baseline, baselineName: "default")
        return ReportInput(results: current, judgement: judgement, baseline: baseline)
    }

    /// ``input()`` with a history of three baseline updates a day apart, for the HTML report's
    /// trend charts: the baseline's figures 4% slower, 2% slower, then as they are. The tool's
    /// version is fixed, so that a release does not change the page.
    static func inputWithHistory() -> ReportInput {
        var input = input()
        input.results.tool = ToolInfo(name: "Yardstick", version: "9.9.9")
        let start = Date(timeIntervalSince1970: 1_799_827_200)
        let record = BaselineHistoryRecord(input.baseline!)
        input.history = [1.04, 1.02, 1.0].enumerated().map { day, factor in
            var scaled = record
            scaled.recordedAt = start.addingTimeInterval(Double(day) * 86_400)
            scaled.gitCommit = "00000000000000\(day)"
            scaled.benchmarks = scaled.benchmarks.mapValues { entry in
                var entry = entry
                entry.p50 *= factor
                entry.p99 *= factor
                entry.processMedians = entry.processMedians.map { $0 * factor }
                return entry
            }
            return scaled
        }
        return input
    }

    /// `benchmark` with the allocations per call given for its name, 24 bytes each, counted
    /// over 1,000 calls in each of its processes.
    private static func counted(_ benchmark: BenchmarkResult, _ allocationsPerCall: [String: Int]) -> BenchmarkResult {
        guard let perCall = allocationsPerCall[benchmark.name] else { return benchmark }
        var benchmark = benchmark
        let processes = Set(benchmark.rounds.map(\.process)).sorted()
        benchmark.counts = processes.map { process in
            AllocationCounts(
                calls: 1_000, allocations: 1_000 * perCall, frees: 1_000 * perCall, allocatedBytes: 24_000 * perCall,
                freedBytes: 24_000 * perCall, peakBytes: perCall > 0 ? 24 : 0, process: process
            )
        }
        return benchmark
    }

    /// A side-by-side run: a suite with a control that moved (a layout shift), a benchmark
    /// within the shift, one beyond it, and a suite whose benchmark is steadier as a ratio to
    /// its control; both builds from commits.
    static func sideBySide() -> ReportInput {
        func processes(_ fastest: [Double]) -> [[Double]] { fastest.map { [$0 * 1.2, $0, $0 * 1.1] } }
        let control = [100, 100.5, 99.5, 100.2, 99.8, 100.1, 99.9, 100.3]
        let slow = [100.0, 100, 145, 100, 100, 145, 100, 100]
        let slowHead = [145.0, 100, 145, 145, 100, 145, 145, 100]
        let base = F.run([
            F.benchmark("codec.reference", processes: processes(control), configuration: .init(isControl: true)),
            F.benchmark("codec.encode", processes: processes(control.map { $0 * 2 })),
            F.benchmark("codec.decode", processes: processes(control.map { $0 * 3 })),
            F.benchmark("store.reference", processes: processes(slow), configuration: .init(isControl: true)),
            F.benchmark("store.get", processes: processes(slow.map { $0 * 2 })),
        ])
        var head = F.run([
            F.benchmark("codec.reference", processes: processes(control.map { $0 * 1.08 }), configuration: .init(isControl: true)),
            F.benchmark("codec.encode", processes: processes(control.map { $0 * 2 * 1.06 })),
            F.benchmark("codec.decode", processes: processes(control.map { $0 * 3 * 1.2 })),
            F.benchmark("store.reference", processes: processes(slowHead), configuration: .init(isControl: true)),
            F.benchmark("store.get", processes: processes(slowHead.map { $0 * 2 })),
        ])
        head.environment.gitCommit = "0123456789abcdef"
        let context = ABContext(
            base: ABBuildSummary(description: "origin/main (fedcba9876)", commit: "fedcba9876543210", processes: 8, isLayoutControlled: true),
            head: ABBuildSummary(description: "working tree (0123456789)", commit: "0123456789abcdef", processes: 8, isLayoutControlled: true),
            schedule: ABSchedule(processesPerSide: 8, seed: 5)
        )
        var judge = ABJudge(options: JudgementOptions(resamples: 2_000))
        judge.powerTrials = 100
        return ReportInput(results: head, judgement: judge.judge(head, against: base, context: context), baseline: base)
    }
}
