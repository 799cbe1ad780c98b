/// One counter's comparison of a benchmark with its baseline, or of the head with the base:
/// allocations or bytes per call, which the machine's speed does not move.
///
/// Counts need no test. With B the baseline's values (one per process that counted it), C this
/// run's, T the gate's tolerance in the counter's units and S the spread, the change is
/// median(C) − median(B), and it is
/// - *regressed* when it exceeds T + 3S, *improved* when it is below −(T + 3S);
/// - *unchanged* otherwise.
///
/// A benchmark without concurrency counts the same in every process, so S is 0 and the
/// comparison is exact: with the default tolerance of 0, one allocation more per call is a
/// regression. Where counts vary between processes (work on other threads, state that grows
/// lazily), S is the larger of the two sides' max − min, and at least 2% of the baseline's
/// median, and ``varies`` says so. Three times, with a floor: a baseline of five processes sees
/// only part of the range. On 20 processes of `rate-limit.burst` measured on a 2-core VM
/// (18.000-18.900 allocations per call), judging one process against five by T + S gave a false
/// regression in 14% of 20,000 random picks; by T + 3S with the floor, in none.
public struct CounterComparison: Sendable, Hashable, Codable {
    /// What was compared: a counter metric.
    public var metric: Metric
    /// The baseline's (or base's) values, one per process that counted.
    public var baseline: CounterRange
    /// This run's (or the head's) values.
    public var current: CounterRange
    /// The gate's tolerance, in the counter's units at the baseline's median.
    public var tolerance: Double
    /// The spread between processes that the tolerance is widened by ``spreadMultiplier``
    /// times: 0 when every process counted the same (see the type's documentation).
    public var spread: Double
    /// Regressed, improved or unchanged.
    public var verdict: Verdict
    /// Why, when the verdict is not *unchanged*.
    public var reason: JudgementReason?

    /// How many spreads a varying counter must move by, beyond its tolerance, to count.
    public static let spreadMultiplier = 3.0
    /// The least spread of a counter that varies at all, as a fraction of the baseline's median.
    public static let spreadFloor = 0.02

    /// current − baseline, in the counter's units.
    public var change: Double { current.median - baseline.median }

    /// Whether the counter varied between processes on either side.
    public var varies: Bool { spread > 0 }

    /// Compares the values of `gate`'s counter, or returns `nil` when a side has none.
    static func compare(_ gate: Gate, baseline: [AllocationCounts], current: [AllocationCounts]) -> CounterComparison? {
        guard let before = CounterRange(baseline.compactMap { $0.value(of: gate.metric) }),
              let after = CounterRange(current.compactMap { $0.value(of: gate.metric) })
        else { return nil }
        let tolerance = gate.tolerance.amount(atBaseline: before.median)
        let measured = max(before.spread, after.spread)
        let spread = measured > 0 ? max(measured, spreadFloor * abs(before.median)) : 0
        let allowance = tolerance + spreadMultiplier * spread
        // Per-call values are totals over equal numbers of calls, so equal counts give equal
        // doubles; the margin only absorbs the rounding of unequal call numbers.
        let margin = 1e-9 * max(1, abs(before.median))
        let change = after.median - before.median
        var comparison = CounterComparison(
            metric: gate.metric, baseline: before, current: after, tolerance: tolerance, spread: spread,
            verdict: .unchanged, reason: nil
        )
        if change > allowance + margin {
            comparison.verdict = .regressed
        } else if change < -(allowance + margin) {
            comparison.verdict = .improved
        } else {
            return comparison
        }
        comparison.reason = .countChanged(metric: gate.metric, baseline: before.median, current: after.median, tolerance: tolerance, spread: spread)
        return comparison
    }

}

/// A counter's values over the processes that counted it.
public struct CounterRange: Sendable, Hashable, Codable {
    /// The smallest.
    public var low: Double
    /// The median.
    public var median: Double
    /// The largest.
    public var high: Double
    /// How many processes counted.
    public var processes: Int

    /// high − low: 0 when every process counted the same.
    public var spread: Double { high - low }

    /// The range of `values`, or `nil` when there are none.
    init?(_ values: [Double]) {
        guard let sample = Sample(values) else { return nil }
        low = sample.min
        median = sample.median
        high = sample.max
        processes = sample.count
    }
}
