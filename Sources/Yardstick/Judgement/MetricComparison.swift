/// One gate's comparison of a benchmark with its baseline: the change in a metric, its
/// significance, how much noise it must clear, and the verdict.
public struct MetricComparison: Sendable, Hashable, Codable {
    /// What was compared.
    public var metric: Metric
    /// The median of the baseline's round values, nanoseconds per call.
    public var baselineNanoseconds: Double
    /// The median of this run's round values, nanoseconds per call.
    public var currentNanoseconds: Double
    /// current / baseline − 1, with its 95% percentile-bootstrap interval.
    public var change: Estimate
    /// The two-sided Mann-Whitney U p-value of the round values.
    public var pValue: Double
    /// ``pValue`` after Holm's correction across the suite's comparisons.
    public var adjustedPValue: Double
    /// How ``pValue`` was computed.
    public var test: MannWhitneyU.Method
    /// The smallest p-value the test could have given for these values, ties included
    /// (``MannWhitneyU/smallestPossiblePValue(_:_:)``): when Holm's correction needs a smaller
    /// one, the comparison cannot detect anything and is *incomparable*. Absent in files
    /// written before it was recorded.
    public var smallestPossiblePValue: Double? = nil
    /// The minimum detectable change and its sources.
    public var noise: NoiseEstimate
    /// The tolerance as a fraction of the baseline.
    public var tolerance: Double
    /// The significance level the adjusted p-value is held to.
    public var alpha: Double
    /// What the comparison concludes: regressed, improved, unchanged, noisy, or incomparable
    /// when too few rounds could ever be significant.
    public var verdict: Verdict
    /// Why, when the verdict is not *unchanged*.
    public var reason: JudgementReason?
    /// How many round values each side contributed; in a side-by-side comparison, how many
    /// processes.
    public var rounds: RoundCounts
    /// In a side-by-side comparison, how each process was summed up into one value.
    public var estimator: ProcessEstimator?
    /// In a side-by-side comparison, every process's value, for charts of the two clouds.
    public var processEstimates: ProcessEstimates?

    /// The smallest change this comparison could tell from noise.
    public var minimumDetectableChange: Double { noise.minimumDetectableChange }
}

/// The numbers of round values a comparison was made from, or of processes in a side-by-side
/// comparison.
public struct RoundCounts: Sendable, Hashable, Codable {
    /// This run's, or the head's.
    public var current: Int
    /// The baseline's over all its processes, or the base's.
    public var baseline: Int
}

/// A budget checked against this run.
public struct BudgetCheck: Sendable, Hashable, Codable {
    /// What was limited.
    public var metric: Metric
    /// The limit, in the metric's unit (nanoseconds per call for times; see ``Budget/limit``).
    public var limit: Double
    /// The run's value, in the same unit; `nil` when the run did not measure it (CPU time in
    /// rounds too short to resolve it, counts on a platform that cannot count), which fails the
    /// check as *incomparable*.
    public var value: Double?

    /// Creates a check.
    public init(metric: Metric, limit: Double, value: Double?) {
        self.metric = metric
        self.limit = limit
        self.value = value
    }

    private enum CodingKeys: String, CodingKey { case metric, limit, value, limitNanoseconds, valueNanoseconds }

    /// Decodes a check; files written before counter budgets name the fields in nanoseconds.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        metric = try container.decode(Metric.self, forKey: .metric)
        limit = try container.decodeIfPresent(Double.self, forKey: .limit)
            ?? container.decode(Double.self, forKey: .limitNanoseconds)
        value = try container.decodeIfPresent(Double.self, forKey: .value)
            ?? container.decodeIfPresent(Double.self, forKey: .valueNanoseconds)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(metric, forKey: .metric)
        try container.encode(limit, forKey: .limit)
        try container.encodeIfPresent(value, forKey: .value)
    }

    /// Whether the value was measured and is within the limit.
    public var isWithin: Bool { value.map { $0 <= limit } ?? false }

    /// Why the check failed; `nil` when it passed.
    var problem: JudgementReason? {
        switch value {
        case let value? where value > limit: .overBudget(metric: metric, value: value, limit: limit)
        case nil: .budgetNotChecked(metric: metric)
        default: nil
        }
    }
}
