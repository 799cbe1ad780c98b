/// Thresholds for benchmarks, derived from the baseline and tolerances the gate uses: a
/// percentile of all the baseline's samples (batch means, for a batched benchmark, as the
/// monitor's own samples are) scaled by multiples of the benchmark's tolerance. The gate
/// compares medians of rounds with a significance test; a monitor has one small sample at a
/// time, so it holds each to a band instead, and lets hysteresis do what the test does.
///
/// With the defaults, a benchmark whose baseline p95 is 10 µs and tolerance 5% gets a warning
/// band up to 10.5 µs and a critical band up to 11.5 µs: warning above (1 + 1 × tolerance) and
/// critical above (1 + 3 × tolerance) times the baseline p95. An absolute tolerance is taken
/// as its fraction of that percentile.
///
/// What a monitor records for a benchmark is its probe's ``sampleStatistic`` (the median of
/// the probe's samples by default) so that a probe of a few hundred calls breaches only when
/// its typical call is slower than almost all of the baseline's.
public struct BaselineThresholds: Sendable, Hashable, Codable {
    /// The baseline percentile the bands scale.
    public var percentile: Percentile
    /// Multiples of the tolerance above the percentile where the warning band ends.
    public var warningTolerances: Double
    /// Multiples of the tolerance above the percentile where the critical band ends.
    public var criticalTolerances: Double
    /// Samples in a row that fire or resolve an alert.
    public var hysteresis: Hysteresis
    /// The percentile of a probe's samples that is recorded for a benchmark.
    public var sampleStatistic: Percentile

    /// Creates a derivation rule.
    public init(
        percentile: Percentile = .p95,
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
            let reference = summary.percentiles[percentile]
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
}
