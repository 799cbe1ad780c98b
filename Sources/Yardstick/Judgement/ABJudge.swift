import Foundation

/// Judges a head build against a base build measured side by side (`bench ab`), with the
/// process as the unit of comparison.
///
/// On a shared machine a process can run wholly slow, rounds inside one swing between speed
/// levels, and two builds of the same code can differ by where their code landed. So each side
/// runs many processes, alternating in time, and each process gives one value per benchmark
/// (``ProcessEstimator``). Per benchmark and gate:
/// 1. **Controls first.** A benchmark marked as a control (code no change can touch, such as a
///    suite's physical floor) is compared by its fastest round per process. If it moved
///    (U test p < α, uncorrected, so a layout effect is seen rather than missed), the build
///    pair has a layout effect of that size in that suite: the control is *layout-shift*, never
///    a regression, and the suite's other changes must exceed it to count.
/// 2. **The estimate.** Every other benchmark takes the estimator, among the fastest round and
///    the two ratios to each unmoved control of its suite, with the smallest minimum detectable
///    change (step 4): the one that would see the smallest change in these very processes. It
///    is found with each side centred on its own median, so the change between the sides cannot
///    sway the choice.
/// 3. **The test.** The change is head / base − 1 of the medians of the per-process values,
///    with a 95% percentile-bootstrap interval over processes (10,000 resamples, seeded by the
///    benchmark's name); the two-sided Mann-Whitney U test compares the two sets of values, and
///    Holm's correction adjusts the p-values of a suite's benchmarks together (controls apart).
/// 4. **The noise** is the minimum detectable change: the smallest change the test finds 9
///    times in 10 at α over the suite's comparisons, found by re-splitting this run's own
///    processes (``DetectableChange``).
/// 5. **The verdict**, with T the tolerance and L the suite's layout shift: *regressed* or
///    *improved* when the adjusted p < α and the change is beyond both T and L; *noisy* when it
///    is significant beyond T but within L, or when the noise exceeds T (a change of the
///    tolerance's size could not have been seen); *unchanged* otherwise.
///
/// The U test across processes already weighs the processes' spread, so, unlike the judgement
/// against a stored baseline, a significant change need not also clear the noise: the
/// alternation of the sides makes the machine's moods fall on both alike, and the A/A runs in
/// `docs/ab-estimator-study.md` found no false alarm this way.
///
/// Errors, budgets, new and missing benchmarks, timing-mode changes and too few processes for
/// any p-value to pass Holm's correction are handled as in ``Judge``.
public struct ABJudge: Sendable {
    /// The settings the verdicts depend on.
    public var options: JudgementOptions
    /// The power the minimum detectable change is defined by.
    public static let power = 0.9
    /// Random splits of the processes behind each minimum detectable change.
    public var powerTrials = 200

    /// A judge with the given options.
    public init(options: JudgementOptions = .init()) {
        self.options = options
    }

    /// Judges `head` against `base`, two runs whose rounds are tagged with the process (within
    /// its side) that measured them.
    ///
    /// - Parameters:
    ///   - context: The builds and schedule, recorded with the judgement; its layout shifts
    ///     are filled in here.
    ///   - selection: The filters both sides ran with: base benchmarks they do not select are
    ///     not *missing*.
    public func judge(_ head: RunResults, against base: RunResults, context: ABContext, selection: [NameFilter] = []) -> RunJudgement {
        let differences = EnvironmentDifference.between(base.environment, head.environment)
        let blocking = differences.filter(\.isBlocking)
        let isComparable = blocking.isEmpty || options.allowsForeignBaseline
        var context = context
        var drafts: [Draft] = []
        if isComparable {
            let sides = Sides(base: base, head: head)
            context.layoutShifts = layoutShifts(sides)
            drafts = head.benchmarks.map { draft($0, sides: sides, context: context) }
            decideWithHolmCorrection(&drafts, sides: sides, context: context)
        } else {
            drafts = head.benchmarks.map { result in
                var draft = Draft(name: result.name, suite: result.suite)
                draft.add(.incomparable, .sidesDiffer(differences: blocking))
                return draft
            }
        }
        var judgements = drafts.map { $0.judgement() }
        let ran = Set(head.benchmarks.map(\.name))
        for missing in base.benchmarks where !ran.contains(missing.name) {
            guard selection.isEmpty || selection.contains(where: { $0.matches(missing.name) }) else { continue }
            judgements.append(BenchmarkJudgement(
                name: missing.name, suite: missing.suite, verdict: .missing,
                reasons: [.missingFromHead], comparisons: [], budgets: []
            ))
        }
        var warnings: [RunWarning] = []
        if head.environment.buildConfiguration == .debug || base.environment.buildConfiguration == .debug {
            warnings.append(.debugBuild)
        }
        for (side, build) in [(ABSide.base, context.base), (.head, context.head)] where !build.isLayoutControlled {
            warnings.append(.layoutUncontrolled(side: side))
        }
        warnings += context.layoutShifts.map(RunWarning.layoutShift)
        return RunJudgement(
            baseline: BaselineReference(
                name: "base: \(context.base.description)", recordedAt: base.finishedAt,
                processes: context.base.processes, gitCommit: context.base.commit
            ),
            environmentDifferences: differences,
            judgedAgainstForeignBaseline: isComparable && !blocking.isEmpty,
            options: options,
            benchmarks: judgements,
            warnings: warnings,
            ab: context
        )
    }

    /// The verdict of one comparison of a benchmark that is not a control (see the type's
    /// documentation); `layoutShift` is L, its suite's.
    static func decide(
        _ metric: Metric,
        change: Double,
        noise: Double,
        adjustedPValue: Double,
        alpha: Double,
        tolerance: Double,
        layoutShift: Double
    ) -> (Verdict, JudgementReason?) {
        let threshold = max(tolerance, layoutShift)
        let isSignificant = adjustedPValue < alpha
        if isSignificant, abs(change) > threshold {
            let reason = JudgementReason.beyondToleranceAndLayoutShift(
                metric: metric, change: change, adjustedPValue: adjustedPValue, tolerance: tolerance, layoutShift: layoutShift
            )
            return (change > 0 ? .regressed : .improved, reason)
        }
        if isSignificant, abs(change) > tolerance {
            return (.noisy, .withinLayoutShift(metric: metric, change: change, adjustedPValue: adjustedPValue, layoutShift: layoutShift))
        }
        if noise > tolerance {
            return (.noisy, .undetectableAcrossProcesses(metric: metric, noise: noise, tolerance: tolerance))
        }
        return (.unchanged, nil)
    }

    // MARK: Per-process values

    /// Both sides' results, indexed for per-process lookups.
    private struct Sides {
        var base: RunResults
        var head: RunResults

        func result(_ side: ABSide, _ name: String) -> BenchmarkResult? {
            (side == .base ? base : head).benchmark(named: name)
        }

        /// A benchmark's values of `metric` in each process of `side`, round by round in run
        /// order, `nil` for a round that recorded none (a round too short for CPU time).
        func processes(_ side: ABSide, _ name: String, _ metric: Metric) -> [Int: [Double?]] {
            guard let result = result(side, name), result.failure == nil else { return [:] }
            var values: [Int: [Double?]] = [:]
            for round in result.rounds {
                values[round.process, default: []].append(round.value(of: metric))
            }
            return values
        }

        /// One value per process of `side` by `estimator`, or `nil` when a process lacks what
        /// the estimator needs.
        func estimates(_ side: ABSide, _ name: String, _ metric: Metric, by estimator: ProcessEstimator) -> [Double]? {
            let own = processes(side, name, metric)
            let control = estimator.control.map { processes(side, $0, metric) }
            guard !own.isEmpty else { return nil }
            var values: [Double] = []
            for process in own.keys.sorted() {
                guard let value = estimator.estimate(rounds: own[process]!, controlRounds: control.map { $0[process] ?? [] }) else { return nil }
                values.append(value)
            }
            return values
        }

        /// The controls of `suite` that both sides measured without failing.
        func controls(ofSuite suite: String) -> [String] {
            head.benchmarks.filter { result in
                result.suite == suite && result.configuration.isControl && result.failure == nil
                    && base.benchmark(named: result.name).map { $0.failure == nil } == true
            }.map(\.name)
        }
    }

    /// Every control's move between the builds, by its fastest rounds, where significant.
    private func layoutShifts(_ sides: Sides) -> [LayoutShift] {
        let suites = Array(Set(sides.head.benchmarks.map(\.suite))).sorted()
        return suites.flatMap { suite in
            sides.controls(ofSuite: suite).compactMap { control -> LayoutShift? in
                guard let result = sides.result(.head, control),
                      let base = sides.estimates(.base, control, .median, by: .fastestRound).flatMap(Sample.init),
                      let head = sides.estimates(.head, control, .median, by: .fastestRound).flatMap(Sample.init),
                      base.count >= 2, head.count >= 2
                else { return nil }
                let test = MannWhitneyU(head, base)
                let alpha = options.alpha ?? result.configuration.alpha
                guard test.pValue < alpha else { return nil }
                return LayoutShift(suite: suite, control: control, change: head.median / base.median - 1, pValue: test.pValue)
            }
        }
    }

    // MARK: Drafting

    /// A benchmark's judgement before the p-values of its suite are adjusted.
    private struct Draft {
        var name: String
        var suite: String
        var isControl = false
        var verdicts: [Verdict] = []
        var reasons: [JudgementReason] = []
        /// Gates whose per-process values are ready, each with every estimator's values, until
        /// the suite's count of comparisons is known and one estimator is chosen.
        var pending: [(gate: Gate, candidates: [Candidate])] = []
        var comparisons: [MetricComparison] = []
        var budgets: [BudgetCheck] = []
        var counters: [CounterComparison] = []

        mutating func add(_ verdict: Verdict, _ reason: JudgementReason) {
            verdicts.append(verdict)
            reasons.append(reason)
        }

        func judgement() -> BenchmarkJudgement {
            var verdicts = verdicts + comparisons.map(\.verdict)
            var reasons = reasons + comparisons.compactMap(\.reason)
            for finding in BenchmarkJudgement.findings(counters: counters, budgets: budgets) {
                verdicts.append(finding.verdict)
                reasons.append(finding.reason)
            }
            return BenchmarkJudgement(
                name: name, suite: suite, verdict: verdicts.max { $0.severity < $1.severity } ?? .unchanged,
                reasons: reasons, comparisons: comparisons, budgets: budgets, counters: counters
            )
        }
    }

    private func draft(_ result: BenchmarkResult, sides: Sides, context: ABContext) -> Draft {
        var draft = Draft(name: result.name, suite: result.suite, isControl: result.configuration.isControl)
        if let failure = result.failure {
            draft.add(.error, .failed(message: failure.message))
            return draft
        }
        draft.budgets = result.budgetChecks
        guard let base = sides.result(.base, result.name) else {
            draft.add(.new, .notInBase)
            return draft
        }
        if let failure = base.failure {
            draft.add(.incomparable, .failedInBase(message: failure.message))
            return draft
        }
        if base.isBatched != result.isBatched {
            draft.add(.incomparable, .timingModesDiffer(baseBatched: base.isBatched, headBatched: result.isBatched))
            return draft
        }
        draft.counters = result.counterComparisons(against: base)
        let movedControls = Set(context.layoutShifts.map(\.control))
        let controls = draft.isControl ? [] : sides.controls(ofSuite: result.suite).filter { !movedControls.contains($0) }
        let estimators = [ProcessEstimator.fastestRound] + controls.flatMap { control in
            [ProcessEstimator(kind: .fastestRoundOverControl, control: control), ProcessEstimator(kind: .roundRatioToControl, control: control)]
        }
        for gate in result.configuration.allGates {
            let candidates = estimators.compactMap { estimator -> Candidate? in
                guard let base = sides.estimates(.base, result.name, gate.metric, by: estimator).flatMap(Sample.init),
                      let head = sides.estimates(.head, result.name, gate.metric, by: estimator).flatMap(Sample.init)
                else { return nil }
                return Candidate(estimator: estimator, base: base, head: head)
            }
            guard let fastest = candidates.first, fastest.estimator == .fastestRound else {
                draft.add(.incomparable, .processWithoutValue(metric: gate.metric))
                continue
            }
            guard fastest.base.count >= 2, fastest.head.count >= 2 else {
                draft.add(.incomparable, .tooFewProcesses(metric: gate.metric))
                continue
            }
            draft.pending.append((gate, candidates))
        }
        return draft
    }

    /// One estimator's per-process values of a gate, on both sides.
    private struct Candidate {
        var estimator: ProcessEstimator
        var base: Sample
        var head: Sample
    }

    /// The comparison of one gate by the candidate estimator with the smallest minimum
    /// detectable change at `level` (the fastest round on a tie), before Holm's correction
    /// and the verdict.
    private func comparison(
        _ gate: Gate,
        of result: BenchmarkResult,
        candidates: [Candidate],
        level: Double,
        sides: Sides
    ) -> MetricComparison {
        let detectable = candidates.map { candidate in
            var generator = SplitMix64(seed: "\(result.name)/\(gate.metric)/\(candidate.estimator)")
            return DetectableChange.minimumDetectableIncrease(
                candidate.base, candidate.head, alpha: level, power: Self.power, trials: powerTrials, using: &generator
            )
        }
        let best = detectable.indices.min { detectable[$0] < detectable[$1] }!
        let (estimator, base, head) = (candidates[best].estimator, candidates[best].base, candidates[best].head)
        var generator = SplitMix64(seed: "\(result.name)/\(gate.metric)")
        // Every estimate is positive (the estimator refuses anything else) and measured by this
        // side's own processes, so the ratio of two of them is a finite positive number and the
        // interval exists.
        let ratio = Bootstrap.ratioOfMedians(head, base, resamples: options.resamples, using: &generator)!
        let test = MannWhitneyU(head, base)
        let fastest = candidates[0]
        let tolerance = gate.metric == .median ? (options.tolerance ?? gate.tolerance) : gate.tolerance
        return MetricComparison(
            metric: gate.metric,
            baselineNanoseconds: fastest.base.median,
            currentNanoseconds: fastest.head.median,
            change: ratio.map { $0 - 1 },
            pValue: test.pValue,
            adjustedPValue: test.pValue,
            test: test.method,
            smallestPossiblePValue: MannWhitneyU.smallestPossiblePValue(head, base),
            noise: NoiseEstimate(
                interval: (log(ratio.upper) - log(ratio.lower)) / 2,
                processes: ProcessEstimator.withinSideSpread([base.sorted, head.sorted]),
                levels: 0,
                detectable: detectable[best]
            ),
            tolerance: tolerance.relative(toBaseline: fastest.base.median),
            alpha: options.alpha ?? result.configuration.alpha,
            verdict: .unchanged,
            reason: nil,
            rounds: RoundCounts(current: head.count, baseline: base.count),
            estimator: estimator,
            processEstimates: ProcessEstimates(
                base: sides.estimates(.base, result.name, gate.metric, by: estimator) ?? base.sorted,
                head: sides.estimates(.head, result.name, gate.metric, by: estimator) ?? head.sorted
            )
        )
    }

    /// Chooses each gate's estimator and compares, at the level Holm's first step demands of
    /// a lone change among the suite's comparisons (controls apart, at α), then adjusts the
    /// p-values of each suite's comparisons together and decides each verdict.
    private func decideWithHolmCorrection(_ drafts: inout [Draft], sides: Sides, context: ABContext) {
        for suite in Set(drafts.map(\.suite)) {
            for isControl in [false, true] {
                let members = drafts.indices.filter { drafts[$0].suite == suite && drafts[$0].isControl == isControl }
                let count = members.map { drafts[$0].pending.count }.reduce(0, +)
                for index in members {
                    guard let result = sides.result(.head, drafts[index].name) else { continue }
                    drafts[index].comparisons = drafts[index].pending.map { gate, candidates in
                        let alpha = options.alpha ?? result.configuration.alpha
                        return comparison(gate, of: result, candidates: candidates, level: isControl ? alpha : alpha / Double(count), sides: sides)
                    }
                    drafts[index].pending = []
                }
                let positions = members.flatMap { index in drafts[index].comparisons.indices.map { (index, $0) } }
                let adjusted = HolmCorrection.adjust(positions.map { drafts[$0.0].comparisons[$0.1].pValue })
                for ((index, position), pValue) in zip(positions, adjusted) {
                    var comparison = drafts[index].comparisons[position]
                    let level = comparison.alpha / Double(positions.count)
                    comparison.adjustedPValue = isControl ? comparison.pValue : pValue
                    let smallest = comparison.smallestPossiblePValue ?? 0
                    if isControl {
                        (comparison.verdict, comparison.reason) = Self.decideControl(comparison, suite: suite, context: context, name: drafts[index].name)
                    } else if smallest >= level {
                        comparison.verdict = .incomparable
                        comparison.reason = .cannotReachSignificance(
                            metric: comparison.metric, rounds: comparison.rounds, acrossProcesses: true,
                            smallestPValue: smallest, comparisons: positions.count, neededPValue: level
                        )
                    } else {
                        (comparison.verdict, comparison.reason) = Self.decide(
                            comparison.metric,
                            change: comparison.change.point,
                            noise: comparison.minimumDetectableChange,
                            adjustedPValue: pValue,
                            alpha: comparison.alpha,
                            tolerance: comparison.tolerance,
                            layoutShift: context.layoutShift(inSuite: suite)
                        )
                    }
                    drafts[index].comparisons[position] = comparison
                }
            }
        }
    }

    /// A control's verdict: *layout-shift* when it moved, else *unchanged*. It is never
    /// *noisy*, *regressed* or *improved*: those speak of the code under test. How small a
    /// shift it could have shown is its noise, in the tables.
    private static func decideControl(_ comparison: MetricComparison, suite: String, context: ABContext, name: String) -> (Verdict, JudgementReason?) {
        if comparison.metric == .median, let shift = context.layoutShifts.first(where: { $0.control == name }) {
            return (.layoutShift, .controlMoved(metric: comparison.metric, change: shift.change, pValue: shift.pValue))
        }
        return (.unchanged, nil)
    }
}
