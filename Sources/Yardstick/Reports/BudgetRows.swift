/// Every budget of a run with this run's value, as each report shows them: the ones declared
/// in code and the ones `--budget` added, for every benchmark that completed, in run order.
struct BudgetRows {
    /// One budget of one benchmark.
    struct Row {
        var benchmark: String
        var suite: String
        var check: BudgetCheck

        /// `mean ≤ 10.0 ms`.
        var budget: String { BudgetRows.describe(Budget(metric: check.metric, limit: check.limit)) }
        /// `85.2 ns`, or `not measured`.
        var value: String { check.value.map(check.metric.format) ?? "not measured" }
        /// `within`, `OVER` or `not checked`.
        var status: String { check.value == nil ? "not checked" : check.isWithin ? "within" : "OVER" }
        /// `mean ≤ 10.0 ms: 85.2 ns`, with `, OVER` or `, not checked` when it failed.
        var line: String { "\(budget): \(value)" + (check.isWithin ? "" : ", \(status)") }
    }

    let rows: [Row]

    /// The budgets of `results`.
    init(_ results: RunResults) {
        rows = results.benchmarks.filter { $0.failure == nil }.flatMap { result in
            result.budgetChecks.map { Row(benchmark: result.name, suite: result.suite, check: $0) }
        }
    }

    var isEmpty: Bool { rows.isEmpty }

    /// `mean ≤ 10.0 ms`, `allocations ≤ 0`: a budget as reports and `bench list` write it.
    static func describe(_ budget: Budget) -> String {
        "\(budget.metric) ≤ \(budget.metric.format(budget.limit))"
    }

    /// The rows of one benchmark.
    func of(_ name: String) -> [Row] { rows.filter { $0.benchmark == name } }

    /// What the budget section of a report says it shows.
    static let legend = "budget: a limit checked on every run, with or without a baseline (declared with the benchmark or "
        + "given with --budget); the mean and percentiles are of all the run's samples, CPU time the median over rounds, "
        + "counts per call from the counting pass"
}
