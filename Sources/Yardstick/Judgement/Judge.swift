/// Judges a run against a baseline, benchmark by benchmark and gate by gate.
///
/// For each gate (the median first, then the benchmark's other gates), the unit of comparison
/// is the round: the round values of this run against the baseline's, pooled over processes.
/// 1. The change is current median / baseline median − 1, with a 95% percentile-bootstrap
///    interval (10,000 resamples, seeded by the benchmark's name, so runs are reproducible).
/// 2. The two-sided Mann-Whitney U test gives a p-value; Holm's correction adjusts the p-values
///    of all comparisons of one suite together, so a suite of many benchmarks does not turn up
///    false alarms by sheer number.
/// 3. The minimum detectable change is the largest of the interval's half-width, half the spread
///    of per-process medians (in this baseline, and typical of its recent history), and half
///    the ratio of speed levels within a process (``NoiseEstimate``).
/// 4. The verdict, with T the tolerance and N the minimum detectable change:
///    - *noisy* when N > T: a change the size of the tolerance cannot be told from noise;
///    - *regressed* when the adjusted p < α and the change exceeds T + N;
///    - *improved* when the adjusted p < α and the change is below −(T + N);
///    - *noisy* when the adjusted p < α and the change exceeds T but not T + N;
///    - *unchanged* otherwise.
///
/// Budgets are checked on every benchmark that ran, with or without a baseline. A benchmark's
/// verdict is the most severe of its gates and budgets.
public struct Judge: Sendable {
    /// The settings the verdicts depend on.
    public var options: JudgementOptions

    /// A judge with the given options.
    public init(options: JudgementOptions = .init()) {
        self.options = options
    }

    /// Judges `current` against `baseline`, or, without one, checks only errors and budgets
    /// (every other benchmark is then *new*).
    ///
    /// - Parameters:
    ///   - baselineName: How reports name the baseline.
    ///   - selection: The filters the run was made with: baseline benchmarks they do not select
    ///     are not *missing*. Empty selects all.
    ///   - history: The baseline's history records, oldest first, as the store keeps them.
    public func judge(
        _ current: RunResults,
        against baseline: RunResults?,
        baselineName: String,
        selection: [NameFilter] = [],
        history: [BaselineHistoryRecord] = []
    ) -> RunJudgement {
        guard let baseline else {
            return RunJudgement(
                baseline: nil, environmentDifferences: [], judgedAgainstForeignBaseline: false, options: options,
                benchmarks: current.benchmarks.map {
                    draft($0, baseline: nil, isComparable: true, blocking: [], history: []).judgement(foreign: false)
                },
                warnings: []
            )
        }
        let differences = EnvironmentDifference.between(baseline.environment, current.environment)
        let blocking = differences.filter(\.isBlocking)
        let isComparable = blocking.isEmpty || options.allowsForeignBaseline
        let newestFirst = Array(history.reversed())
        var drafts = current.benchmarks.map { result in
            draft(
                result, baseline: baseline.benchmark(named: result.name), isComparable: isComparable, blocking: blocking,
                history: newestFirst.compactMap { $0.benchmarks[result.name]?.processMedians }
            )
        }
        applyHolmCorrection(to: &drafts)
        var judgements = drafts.map { $0.judgement(foreign: isComparable && !blocking.isEmpty) }

        let ran = Set(current.benchmarks.map(\.name))
        for missing in baseline.benchmarks where !ran.contains(missing.name) {
            guard selection.isEmpty || selection.contains(where: { $0.matches(missing.name) }) else { continue }
            judgements.append(BenchmarkJudgement(
                name: missing.name, suite: missing.suite, verdict: .missing,
                reasons: ["in baseline '\(baselineName)' but not in this run"], comparisons: [], budgets: []
            ))
        }

        var warnings: [String] = []
        if baseline.processes < 3 {
            warnings.append(
                "the baseline was measured in \(Formatting.counted(baseline.processes, "process")): it cannot show how much "
                    + "benchmarks vary between processes; record it with 'bench baseline update --processes 5'"
            )
        }
        return RunJudgement(
            baseline: BaselineReference(
                name: baselineName, recordedAt: baseline.finishedAt,
                processes: baseline.processes, gitCommit: baseline.environment.gitCommit
            ),
            environmentDifferences: differences,
            judgedAgainstForeignBaseline: isComparable && !blocking.isEmpty,
            options: options,
            benchmarks: judgements,
            warnings: warnings
        )
    }

    /// The verdict of one comparison, given its adjusted p-value (see the type's documentation).
    static func decide(change: Double, noise: Double, adjustedPValue: Double, alpha: Double, tolerance: Double) -> (Verdict, String?) {
        let figures = "tolerance \(Formatting.percent(tolerance)), noise ±\(Formatting.percent(noise))"
        if noise > tolerance {
            return (.noisy, "changes smaller than ±\(Formatting.percent(noise)) cannot be told from noise here; the tolerance is \(Formatting.percent(tolerance))")
        }
        guard adjustedPValue < alpha else { return (.unchanged, nil) }
        let described = "\(Formatting.signedPercent(change)) (p=\(Formatting.pValue(adjustedPValue)))"
        if change - noise > tolerance { return (.regressed, "slower by \(described), beyond the \(figures)") }
        if change + noise < -tolerance { return (.improved, "faster by \(described), beyond the \(figures)") }
        if abs(change) > tolerance {
            return (.noisy, "changed by \(described), beyond the tolerance \(Formatting.percent(tolerance)) but within its noise ±\(Formatting.percent(noise))")
        }
        return (.unchanged, nil)
    }

    // MARK: Drafting

    /// A benchmark's judgement before the p-values of its suite are adjusted.
    private struct Draft {
        var name: String
        var suite: String
        /// Set for a benchmark with nothing to compare: error, new, incomparable.
        var fixedVerdict: Verdict?
        var reasons: [String]
        var comparisons: [MetricComparison]
        var budgets: [BudgetCheck]

        func judgement(foreign: Bool) -> BenchmarkJudgement {
            var verdicts = comparisons.map(\.verdict) + (fixedVerdict.map { [$0] } ?? [])
            var reasons = reasons + comparisons.compactMap { comparison in
                comparison.reason.map { "\(comparison.metric): \($0)" }
            }
            for check in budgets where !check.isWithin {
                verdicts.append(.overBudget)
                reasons.append(
                    "\(check.metric) \(Formatting.duration(nanoseconds: check.valueNanoseconds)) is over its budget of "
                        + Formatting.duration(nanoseconds: check.limitNanoseconds)
                )
            }
            if foreign, !comparisons.isEmpty {
                reasons.append("judged against a baseline from another environment (--allow-foreign-baseline)")
            }
            let verdict = verdicts.max { $0.severity < $1.severity } ?? .unchanged
            return BenchmarkJudgement(
                name: name, suite: suite, verdict: verdict, reasons: reasons,
                comparisons: comparisons, budgets: budgets
            )
        }
    }

    private func draft(
        _ result: BenchmarkResult,
        baseline: BenchmarkResult?,
        isComparable: Bool,
        blocking: [EnvironmentDifference],
        history: [[Double]]
    ) -> Draft {
        var draft = Draft(name: result.name, suite: result.suite, fixedVerdict: nil, reasons: [], comparisons: [], budgets: [])
        if let failure = result.failure {
            draft.fixedVerdict = .error
            draft.reasons = [failure.message]
            return draft
        }
        draft.budgets = result.configuration.budgets.compactMap { budget in
            result.value(of: budget.metric).map {
                BudgetCheck(metric: budget.metric, limitNanoseconds: Double(budget.limit.nanoseconds), valueNanoseconds: $0)
            }
        }
        guard let baseline, baseline.failure == nil, !baseline.rounds.isEmpty else {
            draft.fixedVerdict = .new
            draft.reasons = [baseline == nil ? "not in the baseline" : "the baseline has no result for it (it failed there)"]
            return draft
        }
        guard isComparable else {
            draft.fixedVerdict = .incomparable
            draft.reasons = ["the baseline comes from another environment: " + blocking.map(\.summary).joined(separator: "; ")]
            return draft
        }
        if baseline.isBatched != result.isBatched {
            draft.fixedVerdict = .incomparable
            let describe = { (result: BenchmarkResult) in result.isBatched ? "in batches" : "one call at a time" }
            draft.reasons = ["timed \(describe(baseline)) in the baseline and \(describe(result)) now; update the baseline"]
            return draft
        }
        for gate in result.configuration.allGates {
            switch comparison(gate, result, baseline, history: gate.metric == .median ? history : []) {
            case .success(let comparison): draft.comparisons.append(comparison)
            case .failure(let problem): draft.reasons.append("\(gate.metric): not compared: \(problem.description)")
            }
        }
        if draft.comparisons.isEmpty { draft.fixedVerdict = .incomparable }
        return draft
    }

    private func comparison(
        _ gate: Gate,
        _ result: BenchmarkResult,
        _ baseline: BenchmarkResult,
        history: [[Double]]
    ) -> Result<MetricComparison, DefinitionError> {
        let currentGroups = roundValues(of: gate.metric, in: result)
        let baselineGroups = roundValues(of: gate.metric, in: baseline)
        guard let current = Sample(currentGroups.joined()), let previous = Sample(baselineGroups.joined()),
              current.count >= 2, previous.count >= 2
        else {
            return .failure(DefinitionError("fewer than two rounds measured it on one side"))
        }
        var generator = SplitMix64(seed: "\(result.name)/\(gate.metric)")
        guard let ratio = Bootstrap.ratioOfMedians(current, previous, resamples: options.resamples, using: &generator) else {
            return .failure(DefinitionError("the baseline measured zero"))
        }
        let change = ratio.map { $0 - 1 }
        let test = MannWhitneyU(current, previous)
        let tolerance = gate.metric == .median ? (options.tolerance ?? gate.tolerance) : gate.tolerance
        var warnings: [String] = []
        let smallest = MannWhitneyU.smallestPossiblePValue(current.count, previous.count)
        let alpha = options.alpha ?? result.configuration.alpha
        if smallest >= alpha {
            warnings.append(
                "with \(current.count) and \(previous.count) rounds no p-value can fall below \(Formatting.pValue(smallest)), "
                    + "so nothing can be significant at α = \(alpha): add rounds"
            )
        }
        return .success(MetricComparison(
            metric: gate.metric,
            baselineNanoseconds: previous.median,
            currentNanoseconds: current.median,
            change: change,
            pValue: test.pValue,
            adjustedPValue: test.pValue,
            test: test.method,
            noise: NoiseEstimate(change: change, baseline: baselineGroups, current: currentGroups, historicalProcessMedians: history),
            tolerance: tolerance.relative(toBaseline: previous.median),
            alpha: alpha,
            verdict: .unchanged,
            reason: nil,
            warnings: warnings
        ))
    }

    /// The round values of `metric`, grouped by the process that measured them.
    private func roundValues(of metric: Metric, in result: BenchmarkResult) -> [[Double]] {
        let processes = Set(result.rounds.map(\.process)).sorted()
        return processes.map { process in
            result.rounds.filter { $0.process == process }.compactMap { $0.value(of: metric) }
        }
    }

    /// Adjusts the p-values of each suite's comparisons together, then decides each verdict.
    private func applyHolmCorrection(to drafts: inout [Draft]) {
        let suites = Set(drafts.map(\.suite))
        for suite in suites {
            let positions = drafts.indices.filter { drafts[$0].suite == suite }.flatMap { index in
                drafts[index].comparisons.indices.map { (index, $0) }
            }
            let adjusted = HolmCorrection.adjust(positions.map { drafts[$0.0].comparisons[$0.1].pValue })
            for ((index, position), pValue) in zip(positions, adjusted) {
                var comparison = drafts[index].comparisons[position]
                comparison.adjustedPValue = pValue
                (comparison.verdict, comparison.reason) = Self.decide(
                    change: comparison.change.point,
                    noise: comparison.minimumDetectableChange,
                    adjustedPValue: pValue,
                    alpha: comparison.alpha,
                    tolerance: comparison.tolerance
                )
                drafts[index].comparisons[position] = comparison
            }
        }
    }
}
