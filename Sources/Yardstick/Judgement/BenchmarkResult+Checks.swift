/// The checks a result's own configuration asks for: its budgets, and its counter gates against
/// a baseline. Both judges and the reports that list budgets read them.
extension BenchmarkResult {
    /// Its budgets, checked against this result. A counter's budget holds the largest value
    /// any process counted.
    var budgetChecks: [BudgetCheck] {
        configuration.budgets.map { BudgetCheck(metric: $0.metric, limit: $0.limit, value: value(of: $0.metric)) }
    }

    /// Its counter gates judged against `baseline`'s counts; empty when either was not counted.
    func counterComparisons(against baseline: BenchmarkResult) -> [CounterComparison] {
        guard let current = counts, let previous = baseline.counts else { return [] }
        return configuration.counterGates.compactMap { CounterComparison.compare($0, baseline: previous, current: current) }
    }
}
