/// Everything the gate concluded about one benchmark.
public struct BenchmarkJudgement: Sendable, Hashable, Codable {
    /// The full name.
    public var name: String
    /// The suite's name.
    public var suite: String
    /// The most severe of its comparisons' verdicts and budget checks, or *new*, *missing*,
    /// *error* or *incomparable*.
    public var verdict: Verdict
    /// Why, in one line each, when the verdict is not *unchanged*.
    public var reasons: [String]
    /// One comparison per gate, the median first; empty when there was nothing to compare.
    public var comparisons: [MetricComparison]
    /// One check per budget.
    public var budgets: [BudgetCheck]

    /// The median comparison, when there is one.
    public var median: MetricComparison? { comparisons.first { $0.metric == .median } }
}
