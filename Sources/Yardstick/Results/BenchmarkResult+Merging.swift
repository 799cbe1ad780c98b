extension BenchmarkResult {
    /// One benchmark measured by several processes, as one result: rounds in order, each
    /// tagged with the index of its part as its process; statistics over every part's recorded
    /// samples; the first failure, naming its process. Parts should record every sample
    /// (a large sample cap) for the statistics to cover all of them.
    static func merging(_ parts: [(process: Int, result: BenchmarkResult)], sampleCap: Int) -> BenchmarkResult {
        let first = parts[0].result
        var failure = parts.lazy.compactMap { process, result in
            result.failure.map { Failure(kind: $0.kind, message: "process \(process + 1): \($0.message)") }
        }.first
        let modes = parts.filter { $0.result.failure == nil }.map { ($0.process + 1, $0.result.isBatched) }
        if failure == nil, Set(modes.map(\.1)).count > 1 {
            let describe = { (batched: Bool) in modes.filter { $0.1 == batched }.map { "\($0.0)" }.joined(separator: ", ") }
            failure = Failure(
                kind: .timing,
                message: "processes disagreed on its timing mode (one call at a time in \(describe(false)), in batches in "
                    + "\(describe(true))): its calls take about the batching threshold; pin `timing: .perCall` or `.batched`"
            )
        }
        let rounds: [RoundRecord] = parts.flatMap { part in
            part.result.rounds.map { round in
                var round = round
                round.process = part.process
                return round
            }
        }
        let counted = parts.filter { $0.result.counts != nil }
        let counts: [AllocationCounts]? = counted.isEmpty ? nil : counted.flatMap { part in
            (part.result.counts ?? []).map { counts in
                var counts = counts
                counts.process = part.process
                return counts
            }
        }
        let elapsed: [Double] = parts.compactMap(\.result.elapsedSeconds)
        return BenchmarkResult(
            name: first.name,
            suite: first.suite,
            configuration: first.configuration,
            failure: failure,
            batchSize: parts.lazy.compactMap(\.result.batchSize).first,
            rounds: rounds,
            samples: parts.flatMap(\.result.samples.values),
            sampleCap: sampleCap,
            totalSamples: parts.map(\.result.samples.total).reduce(0, +),
            elapsedSeconds: elapsed.reduce(0, +),
            counts: counts
        )
    }
}
