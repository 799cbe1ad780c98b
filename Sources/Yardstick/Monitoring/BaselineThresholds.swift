/// Thresholds for benchmarks, derived from the baseline and tolerances the gate uses: a
/// percentile of the baseline's values of the statistic the monitor records, scaled by
/// multiples of the benchmark's tolerance. The gate compares medians of rounds with a
/// significance test; a monitor has one small sample at a time, so it holds each to a band
/// instead, and lets hysteresis do what the test does.
///
/// A monitor's sample of a benchmark is one short round, summed up by ``sampleStatistic`` (its
/// median by default). So the bands scale the same statistic of the baseline's rounds, one
/// value per round: by default the p99 of the baseline's round medians. Those values carry
/// what moves a round median on a healthy machine (drift, the speed levels of processes and
/// of stretches of time), where the percentiles of all samples carry the spread of single
/// calls, which a median does not have: on the committed baseline the all-samples p95 sat
/// up to 1.9 times above the round medians' (`cache.reference.dictionary-get`), a band a
/// regression could hide in. Checked on that baseline (31 benchmarks, 5 processes of 20
/// rounds each), each process held to bands from the other four: with the p99, 3,086 of its
/// 3,100 round medians sat inside the warning band and no benchmark had three in a row
/// outside, so no alert fired (`BaselineThresholdsTests`); with the p95, 3,049 did, and one
/// warning fired (`rate-limit.burst`, three rounds at its slow speed level). A monitor's round
/// (200 calls) is shorter than a baseline's, so its median is a little noisier; the tolerance
/// above the percentile and the samples in a row that an alert needs absorb that. A baseline
/// without rounds falls back to the percentile of all its samples.
///
/// With the defaults, a benchmark whose baseline round medians have a p99 of 10 µs and a
/// tolerance of 5% gets a warning band up to 10.5 µs and a critical band up to 11.5 µs:
/// warning above (1 + 1 × tolerance) and critical above (1 + 3 × tolerance) times that p99.
/// An absolute tolerance is taken as its fraction of the percentile.
public struct BaselineThresholds: Sendable, Hashable, Codable {
    /// The percentile of the baseline's round values that the bands scale.
    public var percentile: Percentile
    /// Multiples of the tolerance above the percentile where the warning band ends.
    public var warningTolerances: Double
    /// Multiples of the tolerance above the percentile where the critical band ends.
    public var criticalTolerances: Double
    /// Samples in a row that fire or resolve an alert.
    public var hysteresis: Hysteresis
    /// The percentile of a probe's samples that is recorded for a benchmark, and of each
    /// baseline round's samples that the bands are derived from.
    public var sampleStatistic: Percentile

    /// Creates a derivation rule.
    public init(
        percentile: Percentile = .p99,
        warningTolerances: Double = 1,
        criticalTolerances: Double = 3,
        hysteresis: Hysteresis = .init(),
        sampleStatistic: Percentile = .p50
    ) {
        precondition(warningTolerances >= 0 && criticalTolerances >= warningTolerances,
                     "the critical band must be at least as wide as the warning band")
        self.percentile = percentile
        self.warningTolerances = warningTolerances
        self.criticalTolerances = criticalTolerances
        self.hysteresis = hysteresis
        self.sampleStatistic = sampleStatistic
    }

    /// One threshold per benchmark of `baseline` that completed, named by its full name, in
    /// nanoseconds per call.
    public func thresholds(from baseline: RunResults) -> [Threshold] {
        baseline.benchmarks.compactMap { benchmark in
            guard benchmark.failure == nil, let summary = benchmark.summary else { return nil }
            let reference = reference(of: benchmark) ?? summary.percentiles[percentile]
            let tolerance = benchmark.configuration.tolerance.relative(toBaseline: reference)
            guard reference > 0, tolerance.isFinite else { return nil }
            return Threshold(
                metric: benchmark.name,
                unit: .nanoseconds,
                warning: .atMost(reference * (1 + warningTolerances * tolerance)),
                critical: .atMost(reference * (1 + criticalTolerances * tolerance)),
                hysteresis: hysteresis
            )
        }
    }

    /// The ``percentile`` of the baseline's rounds' ``sampleStatistic``: the figure the bands
    /// scale; `nil` when the benchmark has no rounds that kept that statistic (a compact
    /// baseline keeps only the median of most benchmarks' rounds).
    func reference(of benchmark: BenchmarkResult) -> Double? {
        Sample(benchmark.rounds.compactMap { $0.value(of: .wallTime(sampleStatistic)) }).map { Percentiles(of: $0)[percentile] }
    }
}
