/// Checks a decoded results file for what its schema cannot express: values that no
/// measurement produces and fields that contradict each other. The judge trusts what passes.
///
/// Each problem is one line naming the field, in the path notation of decoding errors
/// (`benchmarks[2].rounds[0].percentiles.p50`), so that `bench` can report it with the file
/// and exit 2 rather than judge nonsense.
enum ResultsConsistency {
    /// The first inconsistency in `results`, or `nil` when there is none.
    static func problem(in results: RunResults) -> String? {
        guard results.processes >= 1 else {
            return "processes: \(results.processes) processes; a run has at least 1"
        }
        if let shard = results.shard, let problem = shardProblem(in: shard, benchmarks: results.benchmarks.map(\.name)) {
            return problem
        }
        var seen: [String: Int] = [:]
        var tags = Set<Int>()
        for (index, benchmark) in results.benchmarks.enumerated() {
            let path = "benchmarks[\(index)]"
            if let first = seen[benchmark.name] {
                return "\(path).name: '\(benchmark.name)' appears twice (also benchmarks[\(first)]); each benchmark is judged once"
            }
            seen[benchmark.name] = index
            if let problem = timeProblem(in: benchmark, path: path) { return problem }
            for (roundIndex, round) in benchmark.rounds.enumerated() {
                guard (0..<results.processes).contains(round.process) else {
                    return "\(path).rounds[\(roundIndex)].process: process \(round.process), but the file says "
                        + "it was measured in \(Formatting.counted(results.processes, "process")) (0 to \(results.processes - 1))"
                }
                tags.insert(round.process)
            }
        }
        if !tags.isEmpty, tags.count != results.processes {
            return "processes: \(results.processes), but the rounds are tagged with \(Formatting.counted(tags.count, "process")) "
                + "(\(tags.sorted().map(String.init).joined(separator: ", "))); the noise estimate would use one and the header the other"
        }
        return nil
    }

    /// Whether a shard's record holds together: a shard number within the count, and benchmarks
    /// that are its own and part of the selection.
    private static func shardProblem(in shard: ShardRecord, benchmarks: [String]) -> String? {
        guard shard.shard != nil else {
            return "shard: shard \(shard.index) of \(shard.count); a shard is numbered from 1 to the count"
        }
        let selection = Set(shard.selection)
        if let stray = shard.benchmarks.first(where: { !selection.contains($0) }) {
            return "shard.benchmarks: '\(stray)' is not in shard.selection"
        }
        let own = Set(shard.benchmarks)
        if let stray = benchmarks.first(where: { !own.contains($0) }) {
            return "benchmarks: '\(stray)' is not one of the shard's benchmarks (shard.benchmarks)"
        }
        return nil
    }

    /// The first negative time in `benchmark`'s rounds, summary or samples.
    private static func timeProblem(in benchmark: BenchmarkResult, path: String) -> String? {
        func negative(_ value: Double, _ field: String) -> String? {
            value < 0 ? "\(path).\(field): \(value) ns is a negative time" : nil
        }
        for (index, round) in benchmark.rounds.enumerated() {
            if let percentiles = round.percentiles {
                for percentile in Percentile.allCases {
                    if let problem = negative(percentiles[percentile], "rounds[\(index)].percentiles.\(percentile.rawValue)") { return problem }
                }
            } else if let problem = negative(round.median, "rounds[\(index)].median") {
                return problem
            }
            if let cpu = round.cpuNanosecondsPerCall, let problem = negative(cpu, "rounds[\(index)].cpuNanosecondsPerCall") {
                return problem
            }
            if round.iterations < 1 || round.samples < 1 {
                return "\(path).rounds[\(index)]: \(round.iterations) iterations in \(round.samples) samples; a round has at least one of each"
            }
        }
        if let summary = benchmark.summary {
            for percentile in Percentile.allCases {
                if let problem = negative(summary.percentiles[percentile], "summary.percentiles.\(percentile.rawValue)") { return problem }
            }
            if let problem = negative(summary.min, "summary.min") { return problem }
        }
        if let cpu = benchmark.cpuNanosecondsPerCall, let problem = negative(cpu, "cpuNanosecondsPerCall") { return problem }
        if let index = benchmark.samples.values.firstIndex(where: { $0 < 0 }) {
            return negative(benchmark.samples.values[index], "samples.values[\(index)]")
        }
        return nil
    }
}
