extension JudgementReason {
    /// The reason in one plain sentence, as the console, Markdown, JUnit and HTML print it (each
    /// escaping it for its format) and as results files record it in `message`. A reason about
    /// one gate or counter starts with its metric: `p99: slower by +12.0% (p=0.001), …`.
    public var text: String {
        switch self {
        case .failed(let message): message
        case .notInBaseline: "not in the baseline"
        case .failedInBaseline(let message): "the baseline has no result for it (it failed there: \(message))"
        case .baselineHasNoRounds: "the baseline has an entry for it with no rounds: nothing to compare with"
        case .foreignBaseline(let differences):
            "the baseline comes from another environment: " + differences.map(\.summary).joined(separator: "; ")
        case let .timingModeChanged(baselineBatched, currentBatched):
            "timed \(Self.timing(batched: baselineBatched)) in the baseline and \(Self.timing(batched: currentBatched)) now: "
                + "pin its timing mode (`timing: .perCall` or `.batched`) and update the baseline"
        case .missingFromRun(let baseline): "in baseline '\(baseline)' but not in this run"
        case .judgedAgainstForeignBaseline: "judged against a baseline from another environment (--allow-foreign-baseline)"
        case .notInBase: "not in the base"
        case .failedInBase(let message): "it failed in the base, so there is nothing to compare with: \(message)"
        case .sidesDiffer(let differences):
            "the base and head were built or measured differently: " + differences.map(\.summary).joined(separator: "; ")
        case let .timingModesDiffer(baseBatched, headBatched):
            "timed \(Self.timing(batched: baseBatched)) in the base and \(Self.timing(batched: headBatched)) in the head: "
                + "pin its timing mode (`timing: .perCall` or `.batched`)"
        case .missingFromHead: "measured in the base but not in the head"
        case .overBudget(let metric, let value, let limit):
            "\(metric) \(metric.format(value)) is over its budget of \(metric.format(limit))"
        case .budgetNotChecked(let metric) where metric.isCounter:
            "\(metric) budget not checked: this process could not count allocations"
        case .budgetNotChecked(let metric):
            "\(metric) budget not checked: no round was long enough to measure it"
        case .text(let text): text
        default:
            gateSentence.map { "\($0.metric): \($0.sentence)" } ?? ""
        }
    }

    /// The metric and the sentence after it, for a reason about one gate or counter.
    private var gateSentence: (metric: Metric, sentence: String)? {
        switch self {
        case .baselineLacksMetric(let metric):
            (metric, "not compared: the baseline has no \(metric) of its rounds: it had no \(metric) gate, and a baseline keeps only "
                + "the round figures its gates compare; update the baseline")
        case .tooFewRounds(let metric): (metric, "not compared: fewer than two rounds measured it on one side")
        case .roundsMeasuredZero(let metric): (metric, "not compared: some rounds measured zero, below the clock's resolution")
        case let .ratioOutOfRange(metric, lowest, highest):
            (metric, "not compared: the rounds are so far apart (\(Formatting.duration(nanoseconds: lowest)) to "
                + "\(Formatting.duration(nanoseconds: highest))) that their ratio is beyond a Double's range")
        case .noiseOutOfRange(let metric): (metric, "not compared: the rounds spread so far that their noise is beyond a Double's range")
        case .processWithoutValue(let metric): (metric, "not compared: some processes measured no positive value of it")
        case .tooFewProcesses(let metric): (metric, "not compared: fewer than two processes measured it on one side")
        case let .cannotReachSignificance(metric, rounds, acrossProcesses, smallest, comparisons, needed):
            (metric, "with these \(rounds.current) and \(rounds.baseline) \(acrossProcesses ? "processes" : "rounds") no p-value can fall "
                + "below \(Formatting.pValue(smallest)), and Holm's correction over \(Formatting.counted(comparisons, "comparison")) "
                + "needs one below \(Formatting.pValue(needed)): "
                + (acrossProcesses ? "add processes (--processes)" : "add rounds or baseline processes"))
        case let .beyondThreshold(metric, change, adjustedPValue, tolerance, noise):
            (metric, "\(Self.direction(change)) by \(Self.described(change, adjustedPValue)), "
                + (noise > tolerance
                    ? "more than \(Int(Judge.noiseMultiplier)) times its noise ±\(Formatting.percent(noise))"
                    : "beyond the tolerance \(Formatting.percent(tolerance)) plus noise ±\(Formatting.percent(noise))"))
        case let .noiseExceedsTolerance(metric, noise, tolerance):
            (metric, "changes smaller than ±\(Formatting.percent(noise)) cannot be told from noise here; the tolerance is "
                + "\(Formatting.percent(tolerance)), so only a change beyond "
                + "±\(Formatting.percent(Judge.threshold(tolerance: tolerance, noise: noise))) would count")
        case let .withinNoise(metric, change, adjustedPValue, tolerance, noise):
            (metric, "changed by \(Self.described(change, adjustedPValue)), beyond the tolerance \(Formatting.percent(tolerance)) "
                + "but within its noise ±\(Formatting.percent(noise))")
        case let .withinMachineLevel(metric, change, adjustedPValue, lowest, highest, tolerance, noise):
            (metric, "changed by \(Self.described(change, adjustedPValue)), within the machine's level change "
                + "(controls \(Formatting.signedPercent(lowest)) to \(Formatting.signedPercent(highest)), "
                + "± \(Formatting.percent(Judge.threshold(tolerance: tolerance, noise: noise)))): machine level changed, not judged as a change of code")
        case let .beyondToleranceAndLayoutShift(metric, change, adjustedPValue, tolerance, layoutShift):
            (metric, "\(Self.direction(change)) by \(Self.described(change, adjustedPValue)), "
                + (layoutShift > tolerance
                    ? "beyond the tolerance \(Formatting.percent(tolerance)) and the suite's layout shift \(Formatting.percent(layoutShift))"
                    : "beyond the tolerance \(Formatting.percent(tolerance))"))
        case let .withinLayoutShift(metric, change, adjustedPValue, layoutShift):
            (metric, "changed by \(Self.described(change, adjustedPValue)), within the layout shift ±\(Formatting.percent(layoutShift)) "
                + "its suite's control showed")
        case let .undetectableAcrossProcesses(metric, noise, tolerance):
            (metric, "changes smaller than \(Formatting.percent(noise)) cannot be told apart across these processes, and the tolerance is "
                + "\(Formatting.percent(tolerance)): add processes (--processes) or steady the benchmark")
        case let .controlMoved(metric, change, pValue):
            (metric, "a control moved \(Self.described(change, pValue)): the layout effect of this build pair, not a change of its "
                + "code; the suite's changes must exceed it to count")
        case let .countChanged(metric, baseline, current, tolerance, spread):
            (metric, "\(metric.format(baseline)) → \(metric.format(current))\(metric.unitSuffix)"
                + (spread > 0
                    ? ", beyond the tolerance \(metric.format(tolerance)) plus \(Int(CounterComparison.spreadMultiplier)) times the "
                        + "spread between processes \(metric.format(spread))"
                    : tolerance > 0 ? ", beyond the tolerance \(metric.format(tolerance))" : ""))
        default: nil
        }
    }

    private static func timing(batched: Bool) -> String { batched ? "in batches" : "one call at a time" }

    private static func direction(_ change: Double) -> String { change > 0 ? "slower" : "faster" }

    /// `+12.0% (p=0.001)`.
    private static func described(_ change: Double, _ pValue: Double) -> String {
        "\(Formatting.signedPercent(change)) (p=\(Formatting.pValue(pValue)))"
    }
}
