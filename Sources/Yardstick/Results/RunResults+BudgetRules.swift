extension RunResults {
    /// These results with the budgets of `rules` added to the configurations of the benchmarks
    /// each one selects (see ``BudgetRule``), so that judging checks them and the results file
    /// records them as the configuration the benchmark was held to. Rules apply in order: of
    /// two on one benchmark and metric, the later wins.
    public func addingBudgets(_ rules: [BudgetRule]) -> RunResults {
        guard !rules.isEmpty else { return self }
        let names = benchmarks.map(\.name)
        var added: [String: [Budget]] = [:]
        for rule in rules {
            for name in rule.selectedNames(among: names) {
                added[name, default: []].removeAll { $0.metric == rule.budget.metric }
                added[name, default: []].append(rule.budget)
            }
        }
        var results = self
        for index in results.benchmarks.indices {
            guard let budgets = added[results.benchmarks[index].name] else { continue }
            let declared = results.benchmarks[index].configuration.budgets
            results.benchmarks[index].configuration.budgets =
                declared.filter { budget in !budgets.contains { $0.metric == budget.metric } } + budgets
        }
        return results
    }
}
