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
    /// One comparison per counter both sides counted (allocations, bytes…); empty
    /// when either side has no counts.
    public var counters: [CounterComparison] = []

    /// The median comparison, when there is one.
    public var median: MetricComparison? { comparisons.first { $0.metric == .median } }

    /// The verdicts that changed counts and failed budget checks add, with their reasons: the
    /// same under both judges, since neither depends on how times were compared.
    static func findings(counters: [CounterComparison], budgets: [BudgetCheck]) -> [(verdict: Verdict, reason: String)] {
        let changed = counters.filter { $0.verdict != .unchanged }.map { ($0.verdict, "\($0.metric): \($0.reason ?? "")") }
        let exceeded = budgets.compactMap { check in
            check.problem.map { (check.value == nil ? Verdict.incomparable : .overBudget, $0) }
        }
        return changed + exceeded
    }
}
