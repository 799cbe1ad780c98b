/// Why a benchmark, or one of its gates, got its verdict: the facts the judge found, not yet put
/// into words. Reports word them, each in its own format; a results file records each one by
/// its ``kind`` with its fields, beside the sentence reports print (see ``JudgementWording``).
///
/// Cases that speak of one gate or counter carry its metric; reports prefix the sentence with
/// it (`p99: slower by …`), except for budgets, whose sentence starts with the metric.
public enum JudgementReason: Sendable, Hashable {
    // MARK: The whole benchmark, against a stored baseline

    /// It ended in an error; `message` is the failure's.
    case failed(message: String)
    /// It is not in the baseline (*new*).
    case notInBaseline
    /// The baseline's run of it failed, so there is nothing to judge against (*new*).
    case failedInBaseline(message: String)
    /// The baseline has an entry for it without rounds (*incomparable*).
    case baselineHasNoRounds
    /// The baseline comes from another machine or build, which blocks judging (*incomparable*).
    case foreignBaseline(differences: [EnvironmentDifference])
    /// It was timed in batches on one side and one call at a time on the other (*incomparable*).
    case timingModeChanged(baselineBatched: Bool, currentBatched: Bool)
    /// It is in the baseline named `baseline` but this run did not measure it (*missing*).
    case missingFromRun(baseline: String)
    /// It was judged against a foreign baseline because `--allow-foreign-baseline` accepted it.
    case judgedAgainstForeignBaseline

    // MARK: The whole benchmark, side by side

    /// The head measured it but the base did not (*new*).
    case notInBase
    /// The base's run of it failed (*incomparable*).
    case failedInBase(message: String)
    /// The base and head were built or measured differently, which blocks judging.
    case sidesDiffer(differences: [EnvironmentDifference])
    /// The base timed it in batches and the head one call at a time, or the other way round.
    case timingModesDiffer(baseBatched: Bool, headBatched: Bool)
    /// The base measured it but the head did not (*missing*).
    case missingFromHead

    // MARK: A gate that could not be compared (incomparable)

    /// The baseline kept no round values of the metric: it had no gate on it.
    case baselineLacksMetric(metric: Metric)
    /// Fewer than two rounds measured the metric on one side.
    case tooFewRounds(metric: Metric)
    /// Some rounds measured zero, below the clock's resolution.
    case roundsMeasuredZero(metric: Metric)
    /// The rounds lie so far apart, from the baseline's `lowest` to this run's `highest`
    /// (nanoseconds), that their ratio overflows a Double.
    case ratioOutOfRange(metric: Metric, lowest: Double, highest: Double)
    /// The rounds spread so far that their noise overflows a Double.
    case noiseOutOfRange(metric: Metric)
    /// Side by side: some process measured no positive value of the metric.
    case processWithoutValue(metric: Metric)
    /// Side by side: fewer than two processes measured the metric on one side.
    case tooFewProcesses(metric: Metric)
    /// With these counts of rounds (or, side by side, of processes: `acrossProcesses`) no
    /// p-value can fall below `smallestPValue`, while Holm's correction over `comparisons`
    /// comparisons needs one below `neededPValue`.
    case cannotReachSignificance(
        metric: Metric, rounds: RoundCounts, acrossProcesses: Bool, smallestPValue: Double, comparisons: Int, neededPValue: Double
    )

    // MARK: A gate compared against a stored baseline

    /// A significant change beyond the threshold max(T + N, 2N): *regressed* when `change` is
    /// positive, *improved* when negative.
    case beyondThreshold(metric: Metric, change: Double, adjustedPValue: Double, tolerance: Double, noise: Double)
    /// The noise exceeds the tolerance: only a change beyond the threshold would count (*noisy*).
    ///
    /// The threshold, max(T + N, 2N), is not recorded: it follows from the two, and for a
    /// noise near a Double's limit it is infinite, which JSON cannot hold.
    case noiseExceedsTolerance(metric: Metric, noise: Double, tolerance: Double)
    /// A significant change beyond the tolerance but within the noise (*noisy*).
    case withinNoise(metric: Metric, change: Double, adjustedPValue: Double, tolerance: Double, noise: Double)
    /// A change the machine's level change explains: the controls moved from `lowest` to
    /// `highest`, widened by the comparison's threshold, max(T + N, 2N) of its `tolerance` and
    /// `noise` (*noisy*).
    case withinMachineLevel(
        metric: Metric, change: Double, adjustedPValue: Double, lowest: Double, highest: Double, tolerance: Double, noise: Double
    )

    // MARK: A gate compared side by side

    /// A significant change beyond the tolerance and the suite's layout shift: *regressed*
    /// when `change` is positive, *improved* when negative.
    case beyondToleranceAndLayoutShift(metric: Metric, change: Double, adjustedPValue: Double, tolerance: Double, layoutShift: Double)
    /// A significant change beyond the tolerance but within the suite's layout shift (*noisy*).
    case withinLayoutShift(metric: Metric, change: Double, adjustedPValue: Double, layoutShift: Double)
    /// The minimum detectable change across these processes exceeds the tolerance (*noisy*).
    case undetectableAcrossProcesses(metric: Metric, noise: Double, tolerance: Double)
    /// A control moved between the builds, unadjusted p-value `pValue` (*layout-shift*).
    case controlMoved(metric: Metric, change: Double, pValue: Double)

    // MARK: Counts and budgets

    /// A counter's median changed from `baseline` to `current` beyond its tolerance plus
    /// ``CounterComparison/spreadMultiplier`` times the spread between processes.
    case countChanged(metric: Metric, baseline: Double, current: Double, tolerance: Double, spread: Double)
    /// The run's value is over the budget's limit (*over-budget*).
    case overBudget(metric: Metric, value: Double, limit: Double)
    /// The run did not measure the budget's metric (*incomparable*).
    case budgetNotChecked(metric: Metric)

    // MARK: Text only

    /// A reason known only by its sentence: read from a file written before reasons had
    /// fields, or of a kind this version does not know.
    case text(String)
}
