/// Everything the gate concluded about one benchmark.
public struct BenchmarkJudgement: Sendable, Hashable, Codable {
    /// The full name.
    public var name: String
    /// The suite's name.
    public var suite: String
    /// The most severe of its comparisons' verdicts and budget checks, or *new*, *missing*,
    /// *error* or *incomparable*.
    public var verdict: Verdict
    /// Why, one fact each, when the verdict is not *unchanged*.
    public var reasons: [JudgementReason]
    /// One comparison per gate, the median first; empty when there was nothing to compare.
    public var comparisons: [MetricComparison]
    /// One check per budget.
    public var budgets: [BudgetCheck]
    /// One comparison per counter both sides counted (allocations, bytes…); empty
    /// when either side has no counts.
    public var counters: [CounterComparison] = []

    /// Creates a judgement.
    public init(
        name: String,
        suite: String,
        verdict: Verdict,
        reasons: [JudgementReason],
        comparisons: [MetricComparison],
        budgets: [BudgetCheck],
        counters: [CounterComparison] = []
    ) {
        self.name = name
        self.suite = suite
        self.verdict = verdict
        self.reasons = reasons
        self.comparisons = comparisons
        self.budgets = budgets
        self.counters = counters
    }

    private enum CodingKeys: String, CodingKey { case name, suite, verdict, reasons, comparisons, budgets, counters }

    /// Decodes a judgement; files written before counts were judged have no `counters`, and
    /// files written before reasons had fields hold them as sentences.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        suite = try container.decode(String.self, forKey: .suite)
        verdict = try container.decode(Verdict.self, forKey: .verdict)
        reasons = try container.decode([JudgementReason].self, forKey: .reasons)
        comparisons = try container.decode([MetricComparison].self, forKey: .comparisons)
        budgets = try container.decode([BudgetCheck].self, forKey: .budgets)
        counters = try container.decodeIfPresent([CounterComparison].self, forKey: .counters) ?? []
    }

    /// The median comparison, when there is one.
    public var median: MetricComparison? { comparisons.first { $0.metric == .median } }

    /// The comparison whose figures explain the verdict: the most severe, by the order the
    /// judges combine verdicts in, the median when it is among the most severe, else the first
    /// of them. A benchmark that fails only its p99 gate is explained by the p99 comparison,
    /// not by an unchanged median. `nil` when nothing was compared.
    public var decidingComparison: MetricComparison? {
        guard let worst = comparisons.map(\.verdict.severity).max() else { return nil }
        let mostSevere = comparisons.filter { $0.verdict.severity == worst }
        return mostSevere.first { $0.metric == .median } ?? mostSevere.first
    }

    /// The verdicts that changed counts and failed budget checks add, with their reasons: the
    /// same under both judges, since neither depends on how times were compared.
    static func findings(counters: [CounterComparison], budgets: [BudgetCheck]) -> [(verdict: Verdict, reason: JudgementReason)] {
        let changed = counters.filter { $0.verdict != .unchanged }.compactMap { counter in counter.reason.map { (counter.verdict, $0) } }
        let exceeded = budgets.compactMap { check in
            check.problem.map { (check.value == nil ? Verdict.incomparable : .overBudget, $0) }
        }
        return changed + exceeded
    }
}
