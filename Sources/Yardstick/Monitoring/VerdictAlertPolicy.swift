/// How a benchmark's verdict becomes an alert when a run is ingested by a ``ThresholdMonitor``.
///
/// - *regressed*: a warning; critical when a regressed comparison's change exceeds
///   ``criticalTolerances`` times its tolerance (with the default 3, a 5% tolerance turns
///   critical past +15%, the same edge as thresholds derived from a baseline).
/// - *over-budget*: a warning; critical when a value exceeds its limit by more than
///   ``criticalBudgetOverrun``.
/// - *error*: critical. *improved*: an info notice.
/// - *missing*, *incomparable*, *noisy* or *layout shift*: a warning when the run's gate fails
///   it (missing unless `--allow-missing`, and so on: ``RunJudgement/failures``), so that every
///   benchmark that fails the gate raises an alert; otherwise none.
/// - *unchanged* and *new*: no alert.
public struct VerdictAlertPolicy: Sendable, Hashable, Codable {
    /// Multiples of a comparison's tolerance past which a regression is critical.
    public var criticalTolerances: Double
    /// The fraction past its limit at which an exceeded budget is critical.
    public var criticalBudgetOverrun: Double

    /// Creates a policy.
    public init(criticalTolerances: Double = 3, criticalBudgetOverrun: Double = 0.15) {
        self.criticalTolerances = criticalTolerances
        self.criticalBudgetOverrun = criticalBudgetOverrun
    }

    /// What one benchmark's judgement raises, if anything.
    struct Assessment {
        var level: AlertLevel
        var value: Double?
        var band: ThresholdBand?
        var message: String
    }

    /// What `judgement` raises, if anything; `failsGate` says whether its run's gate fails it.
    func assess(_ judgement: BenchmarkJudgement, failsGate: Bool = false) -> Assessment? {
        switch judgement.verdict {
        case .regressed:
            let regressions = judgement.comparisons.filter { $0.verdict == .regressed }
            // The comparison furthest past its tolerance decides, and is the one reported.
            guard let worst = regressions.max(by: { excess($0) < excess($1) }) else {
                return Assessment(level: .warning, message: "regressed")
            }
            let isCritical = worst.change.point > criticalTolerances * worst.tolerance
            return Assessment(
                level: isCritical ? .critical : .warning,
                value: worst.currentNanoseconds,
                band: .atMost(worst.baselineNanoseconds * (1 + worst.tolerance)),
                message: "\(worst.metric) regressed \(Formatting.signedPercent(worst.change.point)) "
                    + "(\(Formatting.duration(nanoseconds: worst.baselineNanoseconds)) → \(Formatting.duration(nanoseconds: worst.currentNanoseconds)), "
                    + "tolerance \(Formatting.percent(worst.tolerance)))"
            )
        case .overBudget:
            let exceeded = judgement.budgets.filter { !$0.isWithin }
            guard let worst = exceeded.max(by: { overrun($0) < overrun($1) }) else {
                return Assessment(level: .warning, message: "over budget")
            }
            let value = worst.value.map { worst.metric.format($0) } ?? "not measured"
            return Assessment(
                level: overrun(worst) > criticalBudgetOverrun ? .critical : .warning,
                value: worst.value,
                band: .atMost(worst.limit),
                message: "\(worst.metric) \(value) over its budget of \(worst.metric.format(worst.limit))"
            )
        case .error:
            return Assessment(level: .critical, message: "error: " + (judgement.reasons.first?.text ?? "the benchmark failed"))
        case .improved:
            let change = judgement.median.map { " \(Formatting.signedPercent($0.change.point))" } ?? ""
            return Assessment(level: .info, value: judgement.median?.currentNanoseconds, message: "improved\(change)")
        case .missing, .incomparable, .noisy, .layoutShift:
            guard failsGate else { return nil }
            let reason = judgement.reasons.first.map { ": " + $0.text } ?? ""
            return Assessment(level: .warning, message: judgement.verdict.rawValue + reason)
        case .unchanged, .new:
            return nil
        }
    }

    private func excess(_ comparison: MetricComparison) -> Double {
        comparison.tolerance > 0 ? comparison.change.point / comparison.tolerance : .infinity
    }

    /// How far past its limit a budget's value is; unmeasured counts as no overrun.
    private func overrun(_ budget: BudgetCheck) -> Double {
        guard let value = budget.value else { return 0 }
        guard budget.limit > 0 else { return value > 0 ? .infinity : 0 }
        return value / budget.limit - 1
    }
}
