import Foundation

/// The run in the Prometheus text exposition format, for node_exporter's textfile collector or
/// a Pushgateway. Samples carry no timestamps (the textfile collector refuses them); the run's
/// time is a metric of its own.
///
/// - `yardstick_benchmark_seconds` (summary): wall time per call at p50 … p99.9, with `_sum`
///   and `_count` over all samples, labelled `timing` `per-call` or `batched` (then the
///   samples are batch means).
/// - `yardstick_benchmark_cpu_seconds` (gauge): CPU time per call.
/// - `yardstick_benchmark_throughput` (gauge): units per second at p50, labelled with the unit.
/// - `yardstick_benchmark_allocations_per_call`, `yardstick_benchmark_allocated_bytes_per_call`,
///   `yardstick_benchmark_net_bytes_per_call` (gauges): the counting pass's heap allocations,
///   bytes and bytes left behind per call; `yardstick_benchmark_peak_heap_bytes` (gauge): the
///   most heap its calls held at once. The median over processes.
/// - `yardstick_benchmark_budget_limit` and `yardstick_benchmark_budget_value` (gauges): each
///   budget's limit and this run's value, labelled with the budget's `metric` (`mean`, `p99`,
///   `allocations` …): seconds per call for times, a count or bytes for counters. A budget is
///   exceeded where the value is above the limit.
/// - `yardstick_benchmark_regressed` (gauge): 1 when the benchmark regressed, else 0.
/// - `yardstick_benchmark_verdict` (gauge): 1 for the benchmark's verdict, labelled with it.
/// - `yardstick_benchmark_change_ratio` (gauge): median change against the baseline.
/// - `yardstick_run_timestamp_seconds` (gauge): when the run finished, Unix time.
public struct PrometheusReport {
    private let input: ReportInput

    /// A report of `input`.
    public init(_ input: ReportInput) {
        self.input = input
    }

    /// The exposition text.
    public func render() -> String {
        let results = input.results
        let judgements = input.judgement?.benchmarks ?? []
        var families: [String] = []

        var timing: [String] = []
        var cpu: [String] = []
        var throughput: [String] = []
        var counters: [Metric: [String]] = [:]
        for benchmark in results.benchmarks {
            let labels = "benchmark=\"\(Escaping.prometheusLabel(benchmark.name))\",suite=\"\(Escaping.prometheusLabel(benchmark.suite))\""
            if let summary = benchmark.summary {
                let summaryLabels = labels + ",timing=\"\(benchmark.isBatched ? "batched" : "per-call")\""
                for percentile in Percentile.allCases {
                    timing.append("yardstick_benchmark_seconds{\(summaryLabels),quantile=\"\(percentile.fraction)\"} \(PrometheusText.number(summary.percentiles[percentile] / 1e9))")
                }
                timing.append("yardstick_benchmark_seconds_sum{\(summaryLabels)} \(PrometheusText.number(summary.mean * Double(summary.count) / 1e9))")
                timing.append("yardstick_benchmark_seconds_count{\(summaryLabels)} \(summary.count)")
            }
            if let perCall = benchmark.cpuNanosecondsPerCall {
                cpu.append("yardstick_benchmark_cpu_seconds{\(labels)} \(PrometheusText.number(perCall / 1e9))")
            }
            for metric in Metric.counters {
                if let value = benchmark.counterMedian(of: metric) {
                    counters[metric, default: []].append("\(Self.counterFamily(metric).name){\(labels)} \(PrometheusText.number(value))")
                }
            }
            if let rate = benchmark.throughput {
                throughput.append("yardstick_benchmark_throughput{\(labels),unit=\"\(Escaping.prometheusLabel(rate.unit))\"} \(PrometheusText.number(rate.perSecond))")
            }
        }
        families.append(PrometheusText.family(
            "yardstick_benchmark_seconds", "summary",
            "Wall time per call of a benchmark, in seconds; with timing=\"batched\" the quantiles are of batch means and _count counts batches.",
            timing
        ))
        families.append(PrometheusText.family("yardstick_benchmark_cpu_seconds", "gauge", "Process CPU time per call of a benchmark, in seconds.", cpu))
        families.append(PrometheusText.family("yardstick_benchmark_throughput", "gauge", "Units a benchmark processes per second at its median.", throughput))
        for metric in Metric.counters {
            let family = Self.counterFamily(metric)
            families.append(PrometheusText.family(family.name, "gauge", family.help, counters[metric] ?? []))
        }

        var limits: [String] = []
        var values: [String] = []
        for row in BudgetRows(results).rows {
            let labels = "benchmark=\"\(Escaping.prometheusLabel(row.benchmark))\",suite=\"\(Escaping.prometheusLabel(row.suite))\","
                + "metric=\"\(row.check.metric)\""
            let scale = row.check.metric.isCounter ? 1 : 1e-9
            limits.append("yardstick_benchmark_budget_limit{\(labels)} \(PrometheusText.number(row.check.limit * scale))")
            if let value = row.check.value {
                values.append("yardstick_benchmark_budget_value{\(labels)} \(PrometheusText.number(value * scale))")
            }
        }
        families.append(PrometheusText.family(
            "yardstick_benchmark_budget_limit", "gauge",
            "The limit of a benchmark's budget: seconds per call for times, a count or bytes for counters.", limits
        ))
        families.append(PrometheusText.family(
            "yardstick_benchmark_budget_value", "gauge", "This run's value of a budgeted metric, in the unit of its limit.", values
        ))

        var regressed: [String] = []
        var verdicts: [String] = []
        var changes: [String] = []
        for judgement in judgements {
            let labels = "benchmark=\"\(Escaping.prometheusLabel(judgement.name))\",suite=\"\(Escaping.prometheusLabel(judgement.suite))\""
            regressed.append("yardstick_benchmark_regressed{\(labels)} \(judgement.verdict == .regressed ? 1 : 0)")
            verdicts.append("yardstick_benchmark_verdict{\(labels),verdict=\"\(judgement.verdict.rawValue)\"} 1")
            if let median = judgement.median {
                changes.append("yardstick_benchmark_change_ratio{\(labels)} \(PrometheusText.number(median.change.point))")
            }
        }
        families.append(PrometheusText.family("yardstick_benchmark_regressed", "gauge", "1 when the benchmark regressed against its baseline, else 0.", regressed))
        families.append(PrometheusText.family("yardstick_benchmark_verdict", "gauge", "1, labelled with the benchmark's verdict against its baseline.", verdicts))
        families.append(PrometheusText.family("yardstick_benchmark_change_ratio", "gauge", "Change of the median against the baseline: current / baseline - 1.", changes))
        families.append(PrometheusText.family(
            "yardstick_run_timestamp_seconds", "gauge", "When the benchmark run finished, in seconds since the Unix epoch.",
            ["yardstick_run_timestamp_seconds \(PrometheusText.timestamp(results.finishedAt))"]
        ))
        return families.filter { !$0.isEmpty }.joined(separator: "\n") + "\n"
    }

    private static func counterFamily(_ metric: Metric) -> (name: String, help: String) {
        switch metric {
        case .allocations: ("yardstick_benchmark_allocations_per_call", "Heap allocations per call of a benchmark, counted exactly.")
        case .allocatedBytes: ("yardstick_benchmark_allocated_bytes_per_call", "Usable heap bytes a benchmark allocates per call.")
        case .netBytes: ("yardstick_benchmark_net_bytes_per_call", "Heap bytes a benchmark's call leaves allocated: allocated minus freed.")
        default: ("yardstick_benchmark_peak_heap_bytes", "The most heap a benchmark's counting pass held at once, in bytes.")
        }
    }
}
