/// Judges a run against a baseline, benchmark by benchmark and gate by gate.
///
/// For each gate (the median first, then the benchmark's other gates), the unit of comparison
/// is the round: the round values of this run against the baseline's, pooled over processes.
/// 1. The change is current median / baseline median − 1, with a 95% percentile-bootstrap
///    interval (10,000 resamples, seeded by the benchmark's name, so runs are reproducible).
/// 2. The two-sided Mann-Whitney U test gives a p-value; Holm's correction adjusts the p-values
///    of all comparisons of one suite together, so a suite of many benchmarks does not turn up
///    false alarms by sheer number.
/// 3. The noise N is how far the benchmark can move with no code change (``NoiseEstimate``).
/// 4. The verdict, with T the tolerance: a change counts when it is significant (adjusted
///    p < α) and beyond both T + N and 2N. For a steady benchmark (N ≤ T) that is T + N; for a
///    noisy one (N > T), whose noise already exceeds the tolerance, it is twice its noise: a
///    change far beyond anything its noise has produced, such as a 3x slowdown of a benchmark
///    that switches between speeds 1.7x apart. The threshold never falls as T falls, so a
///    tighter tolerance cannot turn a regression into a pass.
///    - *regressed* or *improved* beyond the threshold;
///    - otherwise *noisy* when N > T: a change the size of the tolerance cannot be told from
///      noise, and when a significant change exceeds T but not T + N;
///    - otherwise *unchanged*.
///
///    On 41 processes measured on a shared 2-core VM, with baselines of 5 processes and ten
///    updates of history, this gave no false regression in 1,120 comparisons of a benchmark
///    that switches between speed levels about 1.9x apart, caught 5x slowdowns of it 98 times in
///    100 and 3.4x slowdowns 6 in 10, and caught a 10% slowdown of a steady arithmetic benchmark
///    98 times in 100. Without history (a first baseline, or `bench compare` of two files) the
///    level-switching benchmark had 5 false regressions in 1,120.
///
/// A gate that cannot be compared (fewer than two rounds, rounds measured as zero, a change of
/// timing mode, too few rounds for any p-value to survive Holm's correction) and a budget that
/// cannot be checked make the benchmark *incomparable*, which fails the gate unless allowed:
/// nothing passes unjudged. Budgets are checked with or without a baseline. A benchmark's
/// verdict is the most severe of its gates and budgets.
public struct Judge: Sendable {
    /// The settings the verdicts depend on.
    public var options: JudgementOptions

    /// How many times its noise a benchmark must change to count, when that is more than its
    /// tolerance plus its noise.
    public static let noiseMultiplier = 2.0

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
    ///   - history: The baseline's history records, oldest first, as the store keeps them. The
    ///     record of the baseline itself is skipped: its processes already speak for themselves.
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
        let newestFirst = history.reversed().filter { $0.recordedAt != baseline.finishedAt }
        var drafts = current.benchmarks.map { result in
            draft(
                result, baseline: baseline.benchmark(named: result.name), isComparable: isComparable, blocking: blocking,
                history: newestFirst.compactMap { $0.benchmarks[result.name]?.processMedians }
            )
        }
        decideWithHolmCorrection(&drafts)
        let level = Self.machineLevel(of: drafts)
        if let level { Self.attribute(level, in: &drafts) }
        var judgements = drafts.map { $0.judgement(foreign: isComparable && !blocking.isEmpty) }

        let ran = Set(current.benchmarks.map(\.name))
        for missing in baseline.benchmarks where !ran.contains(missing.name) {
            guard selection.isEmpty || selection.contains(where: { $0.matches(missing.name) }) else { continue }
            judgements.append(BenchmarkJudgement(
                name: missing.name, suite: missing.suite, verdict: .missing,
                reasons: [.missingFromRun(baseline: baselineName)], comparisons: [], budgets: []
            ))
        }

        var warnings: [RunWarning] = []
        if let level { warnings.append(.machineLevel(level)) }
        if current.benchmarks.contains(where: { $0.counts != nil }), !baseline.benchmarks.contains(where: { $0.counts != nil }) {
            warnings.append(.baselineWithoutCounts)
        }
        if baseline.processes < 3 { warnings.append(.fewBaselineProcesses(processes: baseline.processes)) }
        var judgement = RunJudgement(
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
        judgement.machineLevel = level
        return judgement
    }

    /// The change a comparison must exceed to count: max(T + N, 2N) (see the type's
    /// documentation).
    static func threshold(tolerance: Double, noise: Double) -> Double {
        max(tolerance + noise, noiseMultiplier * noise)
    }

    /// The verdict of one comparison, given its adjusted p-value (see the type's documentation).
    static func decide(
        _ metric: Metric,
        change: Double,
        noise: Double,
        adjustedPValue: Double,
        alpha: Double,
        tolerance: Double
    ) -> (Verdict, JudgementReason?) {
        let threshold = threshold(tolerance: tolerance, noise: noise)
        let isSignificant = adjustedPValue < alpha
        let beyond = JudgementReason.beyondThreshold(metric: metric, change: change, adjustedPValue: adjustedPValue, tolerance: tolerance, noise: noise)
        if isSignificant, change > threshold { return (.regressed, beyond) }
        if isSignificant, change < -threshold { return (.improved, beyond) }
        if noise > tolerance {
            return (.noisy, .noiseExceedsTolerance(metric: metric, noise: noise, tolerance: tolerance))
        }
        if isSignificant, abs(change) > tolerance {
            return (.noisy, .withinNoise(metric: metric, change: change, adjustedPValue: adjustedPValue, tolerance: tolerance, noise: noise))
        }
        return (.unchanged, nil)
    }

    // MARK: Drafting

    /// A benchmark's judgement before the p-values of its suite are adjusted.
    private struct Draft {
        var name: String
        var suite: String
        /// Whether it is a negative control, whose change measures the machine's level.
        var isControl = false
        /// Verdicts that do not come from a comparison: error, new, incomparable.
        var verdicts: [Verdict] = []
        var reasons: [JudgementReason] = []
        var comparisons: [MetricComparison] = []
        var counters: [CounterComparison] = []
        var budgets: [BudgetCheck] = []

        mutating func add(_ verdict: Verdict, _ reason: JudgementReason) {
            verdicts.append(verdict)
            reasons.append(reason)
        }

        func judgement(foreign: Bool) -> BenchmarkJudgement {
            var verdicts = verdicts + comparisons.map(\.verdict)
            var reasons = reasons + comparisons.compactMap(\.reason)
            for finding in BenchmarkJudgement.findings(counters: counters, budgets: budgets) {
                verdicts.append(finding.verdict)
                reasons.append(finding.reason)
            }
            if foreign, !comparisons.isEmpty {
                reasons.append(.judgedAgainstForeignBaseline)
            }
            let verdict = verdicts.max { $0.severity < $1.severity } ?? .unchanged
            return BenchmarkJudgement(
                name: name, suite: suite, verdict: verdict, reasons: reasons,
                comparisons: comparisons, budgets: budgets, counters: counters
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
        var draft = Draft(name: result.name, suite: result.suite, isControl: result.configuration.isControl)
        if let failure = result.failure {
            draft.add(.error, .failed(message: failure.message))
            return draft
        }
        draft.budgets = result.budgetChecks
        guard let baseline else {
            draft.add(.new, .notInBaseline)
            return draft
        }
        if let failure = baseline.failure {
            draft.add(.new, .failedInBaseline(message: failure.message))
            return draft
        }
        guard !baseline.rounds.isEmpty else {
            // A baseline entry with no rounds has nothing to judge against; calling it *new*
            // would let the benchmark pass unjudged.
            draft.add(.incomparable, .baselineHasNoRounds)
            return draft
        }
        guard isComparable else {
            draft.add(.incomparable, .foreignBaseline(differences: blocking))
            return draft
        }
        if baseline.isBatched != result.isBatched {
            draft.add(.incomparable, .timingModeChanged(baselineBatched: baseline.isBatched, currentBatched: result.isBatched))
            return draft
        }
        draft.counters = result.counterComparisons(against: baseline)
        for gate in result.configuration.allGates {
            switch comparison(gate, result, baseline, history: gate.metric == .median ? history : []) {
            case .success(let comparison): draft.comparisons.append(comparison)
            case .failure(let problem): draft.add(.incomparable, problem.reason)
            }
        }
        return draft
    }

    private func comparison(
        _ gate: Gate,
        _ result: BenchmarkResult,
        _ baseline: BenchmarkResult,
        history: [[Double]]
    ) -> Result<MetricComparison, NotCompared> {
        let currentGroups = roundValues(of: gate.metric, in: result)
        let baselineGroups = roundValues(of: gate.metric, in: baseline)
        if baselineGroups.joined().isEmpty, !baseline.configuration.allGates.contains(where: { $0.metric == gate.metric }) {
            return .failure(NotCompared(reason: .baselineLacksMetric(metric: gate.metric)))
        }
        guard let current = Sample(currentGroups.joined()), let previous = Sample(baselineGroups.joined()),
              current.count >= 2, previous.count >= 2
        else {
            return .failure(NotCompared(reason: .tooFewRounds(metric: gate.metric)))
        }
        guard current.min > 0, previous.min > 0 else {
            return .failure(NotCompared(reason: .roundsMeasuredZero(metric: gate.metric)))
        }
        var generator = SplitMix64(seed: "\(result.name)/\(gate.metric)")
        guard let ratio = Bootstrap.ratioOfMedians(current, previous, resamples: options.resamples, using: &generator) else {
            return .failure(NotCompared(reason: .ratioOutOfRange(metric: gate.metric, lowest: previous.min, highest: current.max)))
        }
        let noise = NoiseEstimate(ratio: ratio, baseline: baselineGroups, current: currentGroups, historicalProcessMedians: history)
        guard noise.isFinite else {
            return .failure(NotCompared(reason: .noiseOutOfRange(metric: gate.metric)))
        }
        let test = MannWhitneyU(current, previous)
        let tolerance = gate.metric == .median ? (options.tolerance ?? gate.tolerance) : gate.tolerance
        return .success(MetricComparison(
            metric: gate.metric,
            baselineNanoseconds: previous.median,
            currentNanoseconds: current.median,
            change: ratio.map { $0 - 1 },
            pValue: test.pValue,
            adjustedPValue: test.pValue,
            test: test.method,
            smallestPossiblePValue: MannWhitneyU.smallestPossiblePValue(current, previous),
            noise: noise,
            tolerance: tolerance.relative(toBaseline: previous.median),
            alpha: options.alpha ?? result.configuration.alpha,
            verdict: .unchanged,
            reason: nil,
            rounds: RoundCounts(current: current.count, baseline: previous.count)
        ))
    }

    /// Why a gate could not be compared.
    private struct NotCompared: Error {
        var reason: JudgementReason
    }

    /// The round values of `metric`, grouped by the process that measured them.
    private func roundValues(of metric: Metric, in result: BenchmarkResult) -> [[Double]] {
        let processes = Set(result.rounds.map(\.process)).sorted()
        return processes.map { process in
            result.rounds.filter { $0.process == process }.compactMap { $0.value(of: metric) }
        }
    }

    // MARK: Machine level

    /// The machine's level change as the controls' median comparisons show it, or `nil` when no
    /// control moved: significantly (after Holm's correction) and beyond its tolerance. A
    /// control's noise does not enter: no change of code reaches a control, so whatever moves it
    /// significantly is the machine (or the code's layout), and memory-bound controls, whose
    /// noise spans their speed levels (±60-95% against a 5-process baseline), moved 36-42% with
    /// p below 1e-10 when the machine's level changed.
    private static func machineLevel(of drafts: [Draft]) -> MachineLevel? {
        let controls = drafts.filter(\.isControl).compactMap { draft -> MachineLevel.ControlChange? in
            guard let median = draft.comparisons.first(where: { $0.metric == .median }), median.verdict != .incomparable else { return nil }
            let moved = median.adjustedPValue < median.alpha && abs(median.change.point) > median.tolerance
            return MachineLevel.ControlChange(name: draft.name, suite: draft.suite, change: median.change.point, moved: moved)
        }
        return MachineLevel(controls: controls)
    }

    /// Turns every *regressed* or *improved* time comparison that `level` explains into
    /// *noisy*, saying why.
    private static func attribute(_ level: MachineLevel, in drafts: inout [Draft]) {
        for index in drafts.indices {
            for position in drafts[index].comparisons.indices {
                var comparison = drafts[index].comparisons[position]
                guard comparison.verdict == .regressed || comparison.verdict == .improved else { continue }
                let threshold = threshold(tolerance: comparison.tolerance, noise: comparison.minimumDetectableChange)
                guard level.explains(comparison.change.point, inSuite: drafts[index].suite, threshold: threshold) else { continue }
                let (lowest, highest) = level.span(forSuite: drafts[index].suite)
                comparison.verdict = .noisy
                comparison.reason = .withinMachineLevel(
                    metric: comparison.metric, change: comparison.change.point, adjustedPValue: comparison.adjustedPValue,
                    lowest: lowest, highest: highest, tolerance: comparison.tolerance, noise: comparison.minimumDetectableChange
                )
                drafts[index].comparisons[position] = comparison
            }
        }
    }

    /// Adjusts the p-values of each suite's comparisons together, then decides each verdict.
    /// A comparison whose smallest possible p-value could not pass Holm's first step, α over
    /// the number of comparisons in the suite, cannot detect a lone regression: it is
    /// *incomparable*, never a silent *unchanged*.
    private func decideWithHolmCorrection(_ drafts: inout [Draft]) {
        for suite in Set(drafts.map(\.suite)) {
            let positions = drafts.indices.filter { drafts[$0].suite == suite }.flatMap { index in
                drafts[index].comparisons.indices.map { (index, $0) }
            }
            let adjusted = HolmCorrection.adjust(positions.map { drafts[$0.0].comparisons[$0.1].pValue })
            for ((index, position), pValue) in zip(positions, adjusted) {
                var comparison = drafts[index].comparisons[position]
                comparison.adjustedPValue = pValue
                let smallest = comparison.smallestPossiblePValue ?? 0
                let needed = comparison.alpha / Double(positions.count)
                if smallest >= needed {
                    comparison.verdict = .incomparable
                    comparison.reason = .cannotReachSignificance(
                        metric: comparison.metric, rounds: comparison.rounds, acrossProcesses: false,
                        smallestPValue: smallest, comparisons: positions.count, neededPValue: needed
                    )
                } else {
                    (comparison.verdict, comparison.reason) = Self.decide(
                        comparison.metric,
                        change: comparison.change.point,
                        noise: comparison.minimumDetectableChange,
                        adjustedPValue: pValue,
                        alpha: comparison.alpha,
                        tolerance: comparison.tolerance
                    )
                }
                drafts[index].comparisons[position] = comparison
            }
        }
    }
}
