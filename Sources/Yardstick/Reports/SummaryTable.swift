/// The one-screen text summary of a run that `bench` prints on standard output.
///
/// One row per benchmark: p50, p90, p99 and min of the wall time per call, the process's CPU
/// time per call (median over rounds), throughput, the spread of the round medians, and how it
/// was timed, and the heap allocations and bytes per call of its counting pass (blank when it
/// was not counted; the median over processes, marked `~` when processes counted differently).
/// Benchmarks whose round medians fall into separate groups, or that failed, get a note under
/// the table.
public struct SummaryTable {
    private let results: RunResults

    /// A table of `results`.
    public init(_ results: RunResults) {
        self.results = results
    }

    /// The table, the notes, and a footer with the run's context.
    public func render() -> String {
        var table = TextTable([
            ("benchmark", .left), ("p50", .right), ("p90", .right), ("p99", .right), ("min", .right),
            ("cpu", .right), ("throughput", .right), ("rounds ±", .right), ("allocs", .right), ("bytes", .right),
            ("timing", .left),
        ])
        var notes: [String] = []
        for benchmark in results.benchmarks {
            if let failure = benchmark.failure {
                table.append([benchmark.name, "error", "", "", "", "", "", "", "", "", ""])
                notes.append("\(benchmark.name): error: \(failure.message)")
                continue
            }
            guard let summary = benchmark.summary else { continue }
            let p = summary.percentiles
            table.append([
                benchmark.name,
                Formatting.duration(nanoseconds: p.p50),
                Formatting.duration(nanoseconds: p.p90),
                Formatting.duration(nanoseconds: p.p99),
                Formatting.duration(nanoseconds: summary.min),
                benchmark.cpuNanosecondsPerCall.map { Formatting.duration(nanoseconds: $0) } ?? "",
                benchmark.throughput.map { Formatting.rate($0.perSecond, unit: $0.unit) } ?? "",
                benchmark.dispersion.map { Formatting.percent($0.relativeMedianAbsoluteDeviation) } ?? "",
                Self.counted(.allocations, of: benchmark),
                Self.counted(.allocatedBytes, of: benchmark),
                timing(of: benchmark),
            ])
            if let clusters = benchmark.dispersion?.clusters {
                notes.append(
                    "\(benchmark.name): round medians fall into two groups, \(clusters.lowerCount) rounds at "
                        + "\(Formatting.duration(nanoseconds: clusters.lowerMedian)) and \(clusters.upperCount) at "
                        + "\(Formatting.duration(nanoseconds: clusters.upperMedian)) "
                        + "(\(Formatting.ratio(clusters.ratio))): too noisy to gate on"
                )
            }
        }
        var text = table.render()
        if !notes.isEmpty {
            text += "\n" + notes.map { "  * " + $0 }.joined(separator: "\n") + "\n"
        }
        text += budgets()
        text += "\n" + footer() + "\n"
        return text
    }

    /// A counter's median over processes, marked `~` when they counted differently; blank when
    /// it was not counted.
    static func counted(_ metric: Metric, of benchmark: BenchmarkResult) -> String {
        let values = benchmark.counterValues(of: metric)
        guard let median = Sample(values)?.median else { return "" }
        return (Set(values).count > 1 ? "~" : "") + metric.format(median)
    }

    /// The run's budgets with their values, one row each; nothing when there are none.
    private func budgets() -> String {
        let budgets = BudgetRows(results)
        guard !budgets.isEmpty else { return "" }
        var table = TextTable([("benchmark", .left), ("budget", .left), ("this run", .right), ("", .left)])
        for row in budgets.rows {
            table.append([row.benchmark, row.budget, row.value, row.status])
        }
        return "\n" + table.render()
    }

    private func timing(of benchmark: BenchmarkResult) -> String {
        guard let batchSize = benchmark.batchSize else { return "" }
        return batchSize > 1 ? "batches of \(Formatting.count(batchSize))" : "per call"
    }

    private func footer() -> String {
        let failed = results.benchmarks.filter { $0.failure != nil }.count
        let seconds = results.finishedAt.timeIntervalSince(results.startedAt)
        var parts = [
            Formatting.counted(results.benchmarks.count, "benchmark") + (failed > 0 ? " (\(failed) failed)" : ""),
            "\(Formatting.elapsed(seconds: seconds))",
            "\(results.environment.buildConfiguration.rawValue) build",
            "clock overhead \(Formatting.duration(nanoseconds: results.clockOverheadNanoseconds)) subtracted",
        ]
        if results.processes > 1 { parts.insert(Formatting.counted(results.processes, "process"), at: 1) }
        return parts.joined(separator: ", ")
            + ".\n\"rounds ±\" is the relative median absolute deviation of the round medians; "
            + "batched samples are batch means, not single-call latencies; \"allocs\" and \"bytes\" are per call, "
            + "counted exactly in a pass after the timed rounds."
    }
}
