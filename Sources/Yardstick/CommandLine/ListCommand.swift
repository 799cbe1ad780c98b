/// `bench list`: the registered suites and benchmarks with their resolved configuration.
struct ListCommand {
    let options: ListOptions
    let suites: [Suite]

    func execute(console: Console) throws(CommandLineError) {
        let plan = try makePlan(suites: suites, filters: options.filters)
        var text = ""
        for (suiteIndex, suite) in plan.suites.enumerated() {
            let entries = plan.entries.filter { $0.suiteIndex == suiteIndex }
            text += "\(suite.name) (\(Formatting.counted(entries.count, "benchmark")))\n"
            // A budgets column only where a benchmark has one, so suites without keep their width.
            let showsBudgets = entries.contains { !$0.configuration.budgets.isEmpty }
            var table = TextTable([
                ("benchmark", .left), ("iterations", .right), ("warmup", .right), ("rounds", .right),
                ("time limit", .right), ("timing", .left), ("tags", .left),
            ] + (showsBudgets ? [("budgets", .left)] : []), indent: 2)
            for entry in entries {
                let configuration = entry.configuration
                table.append([
                    entry.fullName,
                    Formatting.count(configuration.iterations),
                    Formatting.count(configuration.warmupIterations),
                    "\(configuration.rounds)",
                    Formatting.duration(configuration.timeLimit),
                    describe(configuration.timing),
                    configuration.tags.joined(separator: ","),
                ] + (showsBudgets ? [configuration.budgets.map(BudgetRows.describe).joined(separator: ", ")] : []))
            }
            text += table.render() + "\n"
        }
        console.output(text)
    }

    private func describe(_ timing: TimingMode) -> String {
        switch timing {
        case .automatic: "automatic"
        case .perCall: "per call"
        case .batched(nil): "batched"
        case .batched(let size?): "batches of \(Formatting.count(size))"
        }
    }
}
